/*
 * panic(): the end of the line for a kernel bug. Prints the reason, the
 * trap registers when there are some, a symbolised backtrace from the frame
 * pointers, then powers the machine off so tests and boards do not hang.
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <asm/ptrace.h>
#include <asm/csr.h>
#include <asm/sbi.h>
#include <asm/traps.h>
#include <asm/stacktrace.h>

static int panic_depth;

void show_regs(const struct pt_regs *r)
{
	pr_emerg("epc : %pS\n", (void *)r->epc);
	pr_emerg(" ra : %pS\n", (void *)r->ra);
	pr_emerg("epc %016lx ra  %016lx sp  %016lx\n", r->epc, r->ra, r->sp);
	pr_emerg(" gp %016lx tp  %016lx t0  %016lx\n", r->gp, r->tp, r->t0);
	pr_emerg(" t1 %016lx t2  %016lx s0  %016lx\n", r->t1, r->t2, r->s0);
	pr_emerg(" s1 %016lx a0  %016lx a1  %016lx\n", r->s1, r->a0, r->a1);
	pr_emerg(" a2 %016lx a3  %016lx a4  %016lx\n", r->a2, r->a3, r->a4);
	pr_emerg(" a5 %016lx a6  %016lx a7  %016lx\n", r->a5, r->a6, r->a7);
	pr_emerg(" s2 %016lx s3  %016lx s4  %016lx\n", r->s2, r->s3, r->s4);
	pr_emerg(" s5 %016lx s6  %016lx s7  %016lx\n", r->s5, r->s6, r->s7);
	pr_emerg(" s8 %016lx s9  %016lx s10 %016lx\n", r->s8, r->s9, r->s10);
	pr_emerg(" s11 %016lx t3 %016lx t4  %016lx\n", r->s11, r->t3, r->t4);
	pr_emerg(" t5 %016lx t6  %016lx\n", r->t5, r->t6);
	pr_emerg("status %016lx badaddr %016lx cause %016lx (%s)\n",
		 r->status, r->badaddr, r->cause,
		 (r->cause >> 63) ? "interrupt" : exception_name(r->cause));
}

static __noreturn void panic_finish(void)
{
	pr_emerg("---[ end Kernel panic ]---\n");
	sbi_shutdown();
}

static __noreturn void vpanic(struct pt_regs *regs, const char *fmt, va_list ap)
{
	csr_clear(CSR_SSTATUS, SR_SIE);
	if (panic_depth++) {	/* a panic while panicking: just stop */
		pr_emerg("nested panic\n");
		sbi_shutdown();
	}
	printk(KERN_EMERG "Kernel panic: ");
	vprintk(fmt, ap);
	printk(KERN_CONT "\n");
	if (regs) {
		show_regs(regs);
		dump_backtrace(regs->s0, regs->epc);
	} else {
		dump_backtrace((unsigned long)__builtin_frame_address(0), 0);
	}
	panic_finish();
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(NULL, fmt, ap);
}

void panic_regs(struct pt_regs *regs, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(regs, fmt, ap);
}
