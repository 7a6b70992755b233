/*
 * Signal delivery, riscv64's half: the frame a handler runs on (Linux's
 * struct rt_sigframe: the siginfo, then a ucontext with every register
 * and the D-extension state), rt_sigreturn to come back from it through a
 * trampoline page ("[vdso]", code only: li a7, 139; ecall), and the
 * system-call restart rules (-ERESTARTSYS and friends). After Linux's
 * arch/riscv/kernel/signal.c (setup_rt_frame, handle_signal,
 * arch_do_signal_or_restart); leaves out the vector state and a full
 * vDSO (the C library then makes real system calls for the time).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/gfp.h>
#include <uapi/ucontext.h>
#include <asm/signal.h>
#include <asm/switch_to.h>
#include <asm/uaccess.h>
#include <asm/ptrace.h>
#include <asm/cacheflush.h>

#define EXC_SYSCALL	8

struct rt_sigframe {
	siginfo_t info;
	struct ucontext uc;
};

static struct page *sigreturn_page;	/* the trampoline, mapped into every process */
#define SIGRETURN_ADDR	(TASK_SIZE - 2 * PAGE_SIZE)	/* just below the top guard page */

/* pt_regs and user_regs_struct share their order: pc (epc), then x1..x31. */
static void regs_to_user(struct user_regs_struct *u, const struct pt_regs *regs)
{
	memcpy(u, regs, sizeof(*u));
}

static void user_to_regs(struct pt_regs *regs, const struct user_regs_struct *u)
{
	memcpy(regs, u, sizeof(*u));
}

/* Build the frame on the user stack and point the registers at the handler. */
static int setup_rt_frame(struct ksignal *ksig, sigset_t *oldset, struct pt_regs *regs)
{
	struct rt_sigframe frame;
	unsigned long sp = sigsp(regs->sp, ksig);
	struct rt_sigframe __user *uframe;

	sp = (sp - sizeof(frame)) & ~15UL;
	uframe = (struct rt_sigframe __user *)sp;
	memset(&frame, 0, sizeof(frame));
	frame.info = ksig->info;
	frame.uc.uc_sigmask = *oldset;
	regs_to_user(&frame.uc.uc_mcontext.sc_regs, regs);
	fstate_save_current();
	frame.uc.uc_mcontext.sc_fpregs.d = current->thread.fstate;
	if (copy_to_user(uframe, &frame, sizeof(frame)) ||
	    save_altstack(&uframe->uc.uc_stack, regs->sp))
		return -EFAULT;
	regs->ra = SIGRETURN_ADDR;	/* the trampoline: rt_sigreturn */
	regs->a0 = ksig->sig;
	regs->a1 = (unsigned long)&uframe->info;
	regs->a2 = (unsigned long)&uframe->uc;
	regs->sp = sp;
	regs->epc = (unsigned long)ksig->ka.sa.sa_handler;
	return 0;
}

/* Back from a handler: the registers, mask, FPU state and altstack it saved. */
SYSCALL_DEFINE(rt_sigreturn)
{
	struct pt_regs *regs = current_pt_regs();
	struct rt_sigframe __user *uframe = (struct rt_sigframe __user *)regs->sp;
	struct rt_sigframe frame;
	unsigned long status = regs->status;

	if ((regs->sp & 15) || copy_from_user(&frame, uframe, sizeof(frame))) {
		force_sig(SIGSEGV);
		return 0;
	}
	set_current_blocked(&frame.uc.uc_sigmask);
	user_to_regs(regs, &frame.uc.uc_mcontext.sc_regs);
	regs->status = status;		/* user mode, as it was: never from the frame */
	current->thread.fstate = frame.uc.uc_mcontext.sc_fpregs.d;
	fstate_restore_current();
	restore_altstack(&uframe->uc.uc_stack);
	regs->cause = -1UL;		/* not a system call: no restart on the way out */
	return regs->a0;
}

/* The interrupted call's fate when a handler runs: restart it or make it -EINTR. */
static void handle_syscall_restart(struct ksignal *ksig, struct pt_regs *regs)
{
	switch ((long)regs->a0) {
	case -ERESTARTNOHAND:
	case -ERESTART_RESTARTBLOCK:
		regs->a0 = -EINTR;
		break;
	case -ERESTARTSYS:
		if (!(ksig->ka.sa.sa_flags & SA_RESTART)) {
			regs->a0 = -EINTR;
			break;
		}
		/* fall through */
	case -ERESTARTNOINTR:
		regs->a0 = regs->orig_a0;
		regs->epc -= 4;		/* the ecall again, after the handler */
		break;
	}
}

/* No handler ran: every restartable call is made again. */
static void restart_without_handler(struct pt_regs *regs)
{
	switch ((long)regs->a0) {
	case -ERESTARTNOHAND:
	case -ERESTARTSYS:
	case -ERESTARTNOINTR:
		regs->a0 = regs->orig_a0;
		regs->epc -= 4;
		break;
	case -ERESTART_RESTARTBLOCK:
		regs->a0 = -EINTR;	/* rivet has no restart_syscall blocks */
		break;
	}
}

void arch_do_signal_or_restart(struct pt_regs *regs)
{
	struct task_struct *t = current;
	bool in_syscall = regs->cause == EXC_SYSCALL;
	struct ksignal ksig;

	regs->cause = -1UL;	/* decide a restart once */
	if (get_signal(&ksig)) {
		sigset_t *oldset = t->restore_sigmask ? &t->saved_sigmask : &t->blocked;
		sigset_t old = *oldset;

		if (in_syscall)
			handle_syscall_restart(&ksig, regs);
		signal_setup_done(setup_rt_frame(&ksig, &old, regs), &ksig);
		return;
	}
	if (in_syscall)
		restart_without_handler(regs);
	if (t->restore_sigmask) {
		t->restore_sigmask = false;
		set_current_blocked(&t->saved_sigmask);
	}
}

/* The trampoline's fault handler: the one shared page. */
static int sigreturn_fault(struct vm_fault *vmf)
{
	get_page(sigreturn_page);
	vmf->page = sigreturn_page;
	return 0;
}

/* Linux's name for the page the signal return lives on. */
static const char *sigreturn_name(struct vm_area_struct *vma)
{
	return "[vdso]";
}

static const struct vm_operations_struct sigreturn_vm_ops = {
	.fault = sigreturn_fault,
	.name = sigreturn_name,
};

/* The page, once, at boot: li a7, __NR_rt_sigreturn (139); ecall. */
static int sigreturn_page_init(void)
{
	u32 *code;

	sigreturn_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!sigreturn_page)
		return -ENOMEM;
	code = page_address(sigreturn_page);
	code[0] = 0x13 | (17 << 7) | ((u32)__NR_rt_sigreturn << 20);	/* addi a7, zero, 139 */
	code[1] = 0x00000073;						/* ecall */
	local_flush_icache_all();
	return 0;
}

int arch_setup_additional_pages(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	int err;

	if (!sigreturn_page && (err = sigreturn_page_init()))
		return err;
	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = SIGRETURN_ADDR;
	vma->vm_end = SIGRETURN_ADDR + PAGE_SIZE;
	vma->vm_flags = VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC | VM_DONTEXPAND;
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	vma->vm_ops = &sigreturn_vm_ops;
	err = insert_vm_struct(mm, vma);
	if (err) {
		vm_area_free(vma);
		return err;
	}
	return 0;
}
