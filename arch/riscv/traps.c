/*
 * Trap dispatch: interrupts go to the timer or the PLIC, exceptions are
 * named and, since rivet has no user space yet, every exception taken in
 * the kernel is a bug (panic with the registers and a backtrace), except
 * the page faults do_page_fault (fault.c) resolves or fixes up.
 * Seed: Linux's do_trap/handle_riscv_irq; leaves out system calls, user
 * faults and signals, which come with user space.
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

/*
 * Called from entry.S with interrupts off and the registers saved. SUM is
 * cleared for the handler (a uaccess routine may have been interrupted);
 * sret restores it from regs->status.
 */
void do_trap(struct pt_regs *regs)
{
	if (regs->status & SR_SUM)
		csr_clear(CSR_SSTATUS, SR_SUM);
	if (regs->cause & CAUSE_IRQ_FLAG) {
		handle_interrupt(regs);
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
