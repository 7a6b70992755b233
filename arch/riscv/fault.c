/*
 * Page faults (seed 001: the arch's do_page_fault -> handle_mm_fault;
 * Linux's arch/riscv/mm/fault.c). From user mode: find_vma, stack growth
 * (expand_stack), the access check, handle_mm_fault under mmap_sem; a
 * failure is a signal (SIGSEGV/SIGBUS) with one log line. From the kernel:
 * a uaccess routine touching a user address with SUM set (resolved the
 * same way, or ended early through the exception table), or a kernel
 * address whose top-level entry a user table has not copied yet.
 * VM_FAULT_OOM goes to the OOM killer (pagefault_out_of_memory), and the
 * faulting process is only killed itself if there is nothing else to
 * kill. Leaves out VM_FAULT_RETRY.
 */
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/mm_vma.h>
#include <linux/vmstat.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/oom.h>
#include <linux/delay.h>
#include <linux/preempt.h>
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <linux/uaccess.h>
#include <asm/pgalloc.h>
#include <asm/mmu_context.h>

/* scause values of the three page faults (privileged spec, scause table). */
#define EXC_INST_PAGE_FAULT	12
#define EXC_LOAD_PAGE_FAULT	13
#define EXC_STORE_PAGE_FAULT	15

/*
 * May this kind of access touch @vma? An instruction fetch needs
 * VM_EXEC, a load VM_READ or VM_WRITE (a writable user PTE is always
 * readable), a store VM_WRITE.
 */
static bool access_error(unsigned long cause, struct vm_area_struct *vma)
{
	switch (cause) {
	case EXC_INST_PAGE_FAULT:
		return !(vma->vm_flags & VM_EXEC);
	case EXC_LOAD_PAGE_FAULT:
		return !(vma->vm_flags & (VM_READ | VM_WRITE));
	default:
		return !(vma->vm_flags & VM_WRITE);
	}
}

/* The address space a fault at a user address is in: the task's, or (kthread) the loaded one. */
static struct mm_struct *fault_mm(void)
{
	if (current && current->mm)
		return current->mm;
	return cpu_active_mm[smp_processor_id()];
}

/*
 * Resolve a fault at user @addr: the VMA (a stack grows down to it), the
 * permission check, then handle_mm_fault, all under mmap_sem for read.
 * Returns its VM_FAULT_* bits, or VM_FAULT_SIGSEGV with *@si_code
 * SEGV_MAPERR (nothing there) or SEGV_ACCERR (wrong permission).
 * Interrupts as the faulting code had them; may sleep, except for a
 * kernel access made with interrupts or preemption off, which fails
 * (the uaccess routine's -EFAULT) rather than wait for mmap_sem.
 */
static int __do_page_fault(struct mm_struct *mm, unsigned long addr,
			   unsigned long cause, unsigned int flags, int *si_code)
{
	struct vm_area_struct *vma;
	int fault;

	*si_code = SEGV_MAPERR;
	if (!mm)
		return VM_FAULT_SIGSEGV;
	if (cause == EXC_STORE_PAGE_FAULT)
		flags |= FAULT_FLAG_WRITE;
	else if (cause == EXC_INST_PAGE_FAULT)
		flags |= FAULT_FLAG_INSTRUCTION;
	if (!(flags & FAULT_FLAG_USER) && (irqs_disabled() || preempt_count())) {
		/* uaccess that may not sleep (a futex word under its lock): no waiting */
		if (!down_read_trylock(&mm->mmap_sem))
			return VM_FAULT_SIGSEGV;
	} else {
		down_read(&mm->mmap_sem);
	}
	vma = find_vma(mm, addr);
	if (vma && vma->vm_start > addr && expand_stack(vma, addr))
		vma = NULL;
	if (!vma || vma->vm_start > addr) {
		up_read(&mm->mmap_sem);
		return VM_FAULT_SIGSEGV;
	}
	if (access_error(cause, vma)) {
		up_read(&mm->mmap_sem);
		*si_code = SEGV_ACCERR;
		return VM_FAULT_SIGSEGV;
	}
	fault = handle_mm_fault(vma, addr, flags);
	up_read(&mm->mmap_sem);
	return fault;
}

/* Count a resolved fault: /proc/vmstat's pgmajfault, the task's min_flt/maj_flt. */
static void account_fault(int fault)
{
	bool major = fault & VM_FAULT_MAJOR;

	if (major)
		count_vm_event(PGMAJFAULT);
	if (!current)
		return;
	if (major)
		current->maj_flt++;
	else
		current->min_flt++;
}

static const char *fault_kind(unsigned long cause)
{
	if (cause == EXC_INST_PAGE_FAULT)
		return "exec";
	return cause == EXC_STORE_PAGE_FAULT ? "write" : "read";
}

/*
 * A user fault that could not be resolved: one log line, then the signal
 * (SIGBUS BUS_ADRERR past a file's end, SIGKILL when out of memory,
 * else SIGSEGV with @si_code), which the return to user space delivers.
 */
static void bad_user_fault(struct pt_regs *regs, int fault, int si_code)
{
	unsigned long addr = regs->badaddr;
	int sig = SIGSEGV;

	if (fault & VM_FAULT_OOM)
		sig = SIGKILL;
	else if (fault & VM_FAULT_SIGBUS)
		sig = SIGBUS, si_code = BUS_ADRERR;
	pr_info("pid %d (%s): %s at 0x%lx pc 0x%lx cause %s (%s, %s)\n",
		current->pid, current->comm,
		sig == SIGBUS ? "bus error" : sig == SIGKILL ? "out of memory" : "segfault",
		addr, regs->epc, exception_name(regs->cause), fault_kind(regs->cause),
		sig == SIGSEGV ? (si_code == SEGV_ACCERR ? "SEGV_ACCERR" : "SEGV_MAPERR") :
		sig == SIGBUS ? "BUS_ADRERR" : "SIGKILL");
	if (sig == SIGKILL)
		send_sig(SIGKILL, current, 1);
	else
		force_sig_fault(sig, si_code, addr);
}

/*
 * Out of memory in a user fault (Linux's pagefault_out_of_memory): let
 * the OOM killer choose a victim and retry the access once it had a tick
 * to exit. True if the access should simply be retried; false if nothing
 * could be killed (or current is the victim already): kill current.
 */
static bool pagefault_out_of_memory(void)
{
	if (fatal_signal_pending(current) || !out_of_memory(GFP_HIGHUSER_MOVABLE, 0))
		return false;
	if (!fatal_signal_pending(current))
		msleep(1);
	return true;
}

/* A fault from user mode: resolved, or a signal is on its way. Always true. */
static bool do_user_fault(struct pt_regs *regs)
{
	unsigned long addr = regs->badaddr;
	int fault, si_code;

	local_irq_enable();
	if (addr >= TASK_SIZE)
		fault = VM_FAULT_SIGSEGV, si_code = SEGV_MAPERR;
	else
		fault = __do_page_fault(current->mm, addr, regs->cause,
					FAULT_FLAG_USER, &si_code);
	if (!(fault & VM_FAULT_ERROR))
		account_fault(fault);
	else if (!(fault & VM_FAULT_OOM) || !pagefault_out_of_memory())
		bad_user_fault(regs, fault, si_code);	/* else retried on the way back */
	local_irq_disable();
	return true;
}

/*
 * A page fault: true if handled (the access may be retried, regs->epc
 * now points at a uaccess fixup, or a user task has a signal pending),
 * false if it is a kernel bug for kernel_fault to report. Called with
 * interrupts off; returns with them off.
 */
bool do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = regs->badaddr;
	int fault, si_code;

	if (user_mode(regs))
		return do_user_fault(regs);
	if (addr >= TASK_SIZE)
		return sync_kernel_pgd(addr);
	if (!(regs->status & SR_SUM) || !search_exception_tables(regs->epc) ||
	    regs->cause == EXC_INST_PAGE_FAULT)
		return false;	/* a user address outside uaccess: a bug */
	if (pagefault_disabled())	/* the caller finishes a short copy itself */
		return fixup_exception(regs);
	if (regs->status & SR_SPIE)
		local_irq_enable();
	fault = __do_page_fault(fault_mm(), addr, regs->cause, 0, &si_code);
	local_irq_disable();
	if (fault & VM_FAULT_ERROR)
		return fixup_exception(regs);
	account_fault(fault);
	return true;
}
