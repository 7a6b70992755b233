/*
 * Page faults taken in the kernel (seed 001: the arch's do_page_fault ->
 * handle_mm_fault). rivet has no user mode yet, so the only legal ones
 * are a uaccess routine touching a user address with SUM set (resolved
 * through the VMA, or ended early through the exception table) and a
 * kernel address whose top-level entry a user table has not copied yet.
 * Leaves out stack growth (VM_GROWSDOWN), signals and faults from U-mode.
 */
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/mm_vma.h>
#include <linux/vmstat.h>
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/uaccess.h>
#include <asm/pgalloc.h>
#include <asm/mmu_context.h>

/* scause values of the three page faults (privileged spec, scause table). */
#define EXC_INST_PAGE_FAULT	12
#define EXC_LOAD_PAGE_FAULT	13
#define EXC_STORE_PAGE_FAULT	15

/*
 * May this kind of access touch @vma? A load needs VM_READ or VM_WRITE
 * (a writable user PTE is always readable); a store VM_WRITE. The kernel
 * never executes user pages.
 */
static bool access_error(unsigned long cause, struct vm_area_struct *vma)
{
	if (cause == EXC_STORE_PAGE_FAULT)
		return !(vma->vm_flags & VM_WRITE);
	if (cause == EXC_LOAD_PAGE_FAULT)
		return !(vma->vm_flags & (VM_READ | VM_WRITE));
	return true;
}

/*
 * Resolve a fault at user @addr in the address space this hart has
 * loaded: the VMA, the permission check, then handle_mm_fault. Returns
 * its VM_FAULT_* bits, VM_FAULT_SIGSEGV for no VMA or a bad access.
 * Interrupts as the faulting code had them; may sleep.
 */
static int __do_page_fault(unsigned long addr, unsigned long cause)
{
	struct mm_struct *mm = cpu_active_mm[smp_processor_id()];
	struct vm_area_struct *vma;
	unsigned int flags = cause == EXC_STORE_PAGE_FAULT ? FAULT_FLAG_WRITE : 0;

	if (!mm)
		return VM_FAULT_SIGSEGV;
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr || access_error(cause, vma))
		return VM_FAULT_SIGSEGV;
	return handle_mm_fault(vma, addr, flags);
}

/*
 * A page fault from the kernel: true if handled (the access may be
 * retried, or regs->epc now points at a uaccess fixup), false if it is a
 * kernel bug for kernel_fault to report. Called with interrupts off.
 */
bool do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = regs->badaddr;
	int fault;

	if (addr >= TASK_SIZE)
		return sync_kernel_pgd(addr);
	if (!(regs->status & SR_SUM) || !search_exception_tables(regs->epc) ||
	    regs->cause == EXC_INST_PAGE_FAULT)
		return false;	/* a user address outside uaccess: a bug */
	if (regs->status & SR_SPIE)
		local_irq_enable();
	fault = __do_page_fault(addr, regs->cause);
	local_irq_disable();
	if (fault & VM_FAULT_MAJOR)
		count_vm_event(PGMAJFAULT);
	if (fault & VM_FAULT_ERROR)
		return fixup_exception(regs);
	return true;
}
