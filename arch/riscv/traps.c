/*
 * Trap dispatch: interrupts go to the timer or the PLIC, exceptions are
 * named and, since rivet has no user space yet, every exception taken in
 * the kernel is a bug: panic with the registers and a backtrace.
 */
#include <linux/kernel.h>
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

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

const char *exception_name(unsigned long cause)
{
	if (cause < ARRAY_SIZE(exception_names) && exception_names[cause])
		return exception_names[cause];
	return "unknown exception";
}

static void handle_interrupt(struct pt_regs *regs)
{
	unsigned long irq = regs->cause & ~CAUSE_IRQ_FLAG;

	switch (irq) {
	case IRQ_S_TIMER:
		timer_interrupt();
		break;
	case IRQ_S_EXT:
		plic_handle_irq();
		break;
	default:
		panic_regs(regs, "unexpected interrupt %lu", irq);
	}
}

/* Called from entry.S with interrupts off and the registers saved. */
void do_trap(struct pt_regs *regs)
{
	if (regs->cause & CAUSE_IRQ_FLAG) {
		handle_interrupt(regs);
		return;
	}
	panic_regs(regs, "kernel %s at %pS, stval 0x%lx",
		   exception_name(regs->cause), (void *)regs->epc, regs->badaddr);
}

void trap_init(void)
{
	extern char handle_exception[];

	csr_write(CSR_SSCRATCH, 0);
	csr_write(CSR_STVEC, (unsigned long)handle_exception);
}
