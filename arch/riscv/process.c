/*
 * Task state that only the arch knows: the registers a new kernel thread
 * starts with (copy_thread) and the register dump of a trap (show_regs).
 * Leaves out user threads (their pt_regs on the kernel stack come with fork).
 * Seed: Linux's copy_thread and show_regs, by name.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/ptrace.h>
#include <asm/stacktrace.h>
#include <asm/switch_to.h>
#include <asm/traps.h>

/*
 * The first __switch_to into @p "returns" to ret_from_kthread on the top of
 * its stack with s1 = @p, which switch.S hands to kthread_main.
 */
void copy_thread(struct task_struct *p)
{
	p->thread.ra = (unsigned long)ret_from_kthread;
	p->thread.sp = (unsigned long)p->stack + THREAD_SIZE;
	p->thread.s[1] = (unsigned long)p;
}

/* Every saved register, the cause decoded, then the backtrace from s0/epc. */
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
	dump_backtrace(r->s0, r->epc);
}
