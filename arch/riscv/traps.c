/*
 * Trap dispatch. Interrupts go to the timer or the PLIC. From user mode:
 * ecall is a system call (a7 the number, a0..a5 the arguments, the
 * result in a0), page faults go to do_page_fault, any other exception is
 * a signal to the task; on the way back the pending work runs
 * (exit_to_user_mode: reschedule, signals). From the kernel every
 * exception is a bug (panic with registers and a backtrace), except the
 * page faults do_page_fault resolves or fixes up. Seed: Linux's do_trap,
 * handle_riscv_irq, do_trap_ecall_u and irqentry_exit_to_user_mode.
 */
#include <linux/kernel.h>
#include <linux/profile.h>
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/setup.h>
#include <asm/percpu.h>
#include <asm/page.h>
#include <linux/sched.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <asm/signal.h>

/* scause exception codes (privileged spec, the scause table); 10, 11, 14 reserved. */
static const char *const exception_names[] = {
	[0] = "instruction address misaligned",
	[1] = "instruction access fault",
	[2] = "illegal instruction",
	[3] = "breakpoint",
	[4] = "load address misaligned",
	[5] = "load access fault",
	[6] = "store/AMO address misaligned",
	[7] = "store/AMO access fault",
	[8] = "environment call from U-mode",
	[9] = "environment call from S-mode",
	[12] = "instruction page fault",
	[13] = "load page fault",
	[15] = "store/AMO page fault",
};

/* The spec's name of exception @cause, for reports; never NULL. */
const char *exception_name(unsigned long cause)
{
	if (cause < ARRAY_SIZE(exception_names) && exception_names[cause])
		return exception_names[cause];
	return "unknown exception";
}

/* An interrupt, IRQs off: the tick or the PLIC; any other is a bug (panic). */
static void handle_interrupt(struct pt_regs *regs)
{
	unsigned long irq = regs->cause & ~CAUSE_IRQ_FLAG;

	switch (irq) {
	case IRQ_S_TIMER:
		profile_tick(regs->epc, user_mode(regs));
		timer_interrupt();
		break;
	case IRQ_S_EXT:
		plic_handle_irq();
		break;
	default:
		panic_regs(regs, "unexpected interrupt %lu", irq);
	}
}

/* Instruction, load or store/AMO page fault. */
static bool is_page_fault(unsigned long cause)
{
	return cause == 12 || cause == 13 || cause == 15;
}

/* A kernel page fault: say what the address is, since it is always a bug. */
static __noreturn void kernel_fault(struct pt_regs *regs)
{
	unsigned long addr = regs->badaddr;
	struct vm_struct area;
	bool guard = false;

	if (regs->sp < this_cpu()->stack_lo + PT_SIZE)
		panic_regs(regs, "kernel stack overflow in %s: sp 0x%lx, stack bottom 0x%lx",
			   current->comm, regs->sp, this_cpu()->stack_lo);
	if (is_vmalloc_addr((void *)addr) && find_vm_area_guard(addr, &area, &guard) && guard)
		panic_regs(regs, "kernel %s at %pS: 0x%lx is the guard page of vmalloc area 0x%lx (from %pS)",
			   exception_name(regs->cause), (void *)regs->epc, addr,
			   area.addr, area.caller);
	if (addr >= PAGE_OFFSET && addr < PAGE_OFFSET + LINEAR_MAP_SIZE &&
	    (addr - va_pa_offset) >> PAGE_SHIFT >= max_low_pfn &&
	    (addr - va_pa_offset) >> PAGE_SHIFT < max_pfn)
		panic_regs(regs, "kernel %s at %pS: 0x%lx is a highmem frame's linear address (use kmap)",
			   exception_name(regs->cause), (void *)regs->epc, addr);
	panic_regs(regs, "kernel %s at %pS, stval 0x%lx",
		   exception_name(regs->cause), (void *)regs->epc, addr);
}

#define EXC_SYSCALL	8	/* environment call from U-mode */

/* The signal a user exception raises, with its si_code (Linux's table). */
static void user_exception(struct pt_regs *regs)
{
	int sig = SIGSEGV, code = SEGV_ACCERR;

	switch (regs->cause) {
	case 2:		/* illegal instruction */
		sig = SIGILL, code = ILL_ILLOPC;
		break;
	case 3:		/* ebreak */
		sig = SIGTRAP, code = TRAP_BRKPT;
		break;
	case 0: case 4: case 6:	/* misaligned (the SBI firmware emulates most) */
		sig = SIGBUS, code = BUS_ADRALN;
		break;
	}
	pr_info("%s[%d]: %s at pc 0x%lx, stval 0x%lx: signal %d\n", current->comm,
		current->pid, exception_name(regs->cause), regs->epc, regs->badaddr, sig);
	force_sig_fault(sig, code, sig == SIGILL || sig == SIGTRAP ? regs->epc : regs->badaddr);
}

/* ecall from user mode: run the call with interrupts on, result in a0. */
static void do_syscall(struct pt_regs *regs)
{
	regs->epc += 4;		/* return past the ecall */
	local_irq_enable();
	regs->a0 = invoke_syscall(regs->a7, regs->orig_a0, regs->a1, regs->a2,
				  regs->a3, regs->a4, regs->a5);
	local_irq_disable();
}

/*
 * The last kernel code before user mode (interrupts off, and off again
 * when it returns): give up the CPU if the tick asked for it, deliver
 * pending signals, until neither is left.
 */
void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		if (need_resched()) {
			local_irq_enable();
			schedule();
			local_irq_disable();
			continue;
		}
		if (signal_pending(current) || current->restore_sigmask) {
			local_irq_enable();
			arch_do_signal_or_restart(regs);
			local_irq_disable();
			continue;
		}
		return;
	}
}

/* A trap from user mode; the task runs in its own kernel context here. */
static void do_trap_user(struct pt_regs *regs)
{
	if (regs->cause & CAUSE_IRQ_FLAG)
		handle_interrupt(regs);
	else if (regs->cause == EXC_SYSCALL)
		do_syscall(regs);
	else if (is_page_fault(regs->cause)) {
		if (!do_page_fault(regs))
			user_exception(regs);
	} else
		user_exception(regs);
	exit_to_user_mode(regs);
}

/*
 * An interrupt that came in kernel code with interrupts on and nothing
 * holding preemption off: with preempt=full, switch now if the tick asked.
 */
static void irqentry_exit_cond_resched(struct pt_regs *regs)
{
	if (preempt_full && (regs->status & SR_SPIE) && !preempt_count() && need_resched())
		preempt_schedule_irq();
}

/*
 * Called from entry.S with interrupts off and the registers saved. SUM is
 * cleared for the handler (a uaccess routine may have been interrupted);
 * sret restores it from regs->status.
 */
void do_trap(struct pt_regs *regs)
{
	if (regs->status & SR_SUM)
		csr_clear(CSR_SSTATUS, SR_SUM);
	if (errata_cip_453 && (regs->cause == 12 || regs->cause == 1))
		regs->badaddr = sv39_sign_extend(regs->badaddr);
	if (user_mode(regs)) {
		do_trap_user(regs);
		return;
	}
	if (regs->cause & CAUSE_IRQ_FLAG) {
		handle_interrupt(regs);
		irqentry_exit_cond_resched(regs);
		return;
	}
	if (regs->sp < this_cpu()->stack_lo + PT_SIZE)
		kernel_fault(regs);
	if (is_page_fault(regs->cause)) {
		if (!do_page_fault(regs))
			kernel_fault(regs);
		return;
	}
	panic_regs(regs, "kernel %s at %pS, stval 0x%lx",
		   exception_name(regs->cause), (void *)regs->epc, regs->badaddr);
}

/* Every trap goes to handle_exception; sscratch 0 says "in the kernel". */
void trap_init(void)
{
	csr_write(CSR_SSCRATCH, 0);
	csr_write(CSR_STVEC, (unsigned long)handle_exception);
}
