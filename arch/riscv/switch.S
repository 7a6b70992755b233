/*
 * The context switch between tasks (seed: Linux's __switch_to and
 * ret_from_kernel_thread, the same job as xv6's swtch). Only the registers
 * the calling convention says survive a call are kept: the caller of
 * __switch_to (schedule) has saved the rest. Leaves out FPU state (the
 * kernel is built without F/D; arch/riscv/fpu.S saves the user's).
 */
#include <asm/csr.h>

	.section .text
/*
 * __switch_to(prev, next): save prev's callee-saved registers, ra and sp
 * in prev->thread, load next's, return on next's stack. Returns prev (a0)
 * so the new task can clean up after it (finish_task_switch). Called with
 * interrupts off and rq_lock held; the offsets are struct thread_struct's
 * (asm/processor.h: ra at 0, sp at 8, s0..s11 from 16), and thread is the
 * first member of task_struct, so a0/a1 point at it.
 */
	.globl __switch_to
__switch_to:
	sd	ra, 0(a0)		/* prev resumes where schedule called us */
	sd	sp, 8(a0)		/* ... on its own stack */
	sd	s0, 16(a0)		/* s0..s11: what C expects a call to preserve */
	sd	s1, 24(a0)
	sd	s2, 32(a0)
	sd	s3, 40(a0)
	sd	s4, 48(a0)
	sd	s5, 56(a0)
	sd	s6, 64(a0)
	sd	s7, 72(a0)
	sd	s8, 80(a0)
	sd	s9, 88(a0)
	sd	s10, 96(a0)
	sd	s11, 104(a0)
	ld	ra, 0(a1)		/* next's: into its schedule, or ret_from_kthread */
	ld	sp, 8(a1)		/* from here on we run on next's stack */
	ld	s0, 16(a1)		/* next's callee-saved registers */
	ld	s1, 24(a1)		/* (a new thread: s1 = the task, copy_thread) */
	ld	s2, 32(a1)
	ld	s3, 40(a1)
	ld	s4, 48(a1)
	ld	s5, 56(a1)
	ld	s6, 64(a1)
	ld	s7, 72(a1)
	ld	s8, 80(a1)
	ld	s9, 88(a1)
	ld	s10, 96(a1)
	ld	s11, 104(a1)
	ret				/* to next's ra, a0 still = prev */

/* First code a new kernel thread runs: s1 = the task, a0 = prev. */
	.globl ret_from_kthread
ret_from_kthread:
	call	schedule_tail		/* (prev): drop rq_lock, interrupts on, reap prev */
	mv	a0, s1			/* s1 survived the call: it is callee-saved */
	call	kthread_main		/* kthread_main(task) runs threadfn(data) */
	/* kthread_main ends in kthread_exit and never returns */
1:	j	1b

/*
 * First code a forked user task runs: a0 = prev, s1 = its pt_regs (a
 * copy of the parent's, a0 = 0) at the top of its kernel stack.
 */
	.globl ret_from_fork
ret_from_fork:
	call	schedule_tail
	mv	a0, s1
	/* fall through */

/*
 * start_user_regs(regs): leave the kernel for user mode with @regs, which
 * sit at the top of the current task's kernel stack; whatever the stack
 * held below them is abandoned. Runs the pending work (signals, a
 * reschedule) first.
 */
	.globl start_user_regs
start_user_regs:
	mv	sp, a0
	csrci	CSR_SSTATUS, SR_SIE	/* ret_from_exception runs with interrupts off */
	call	exit_to_user_mode	/* (regs): signals, need_resched; irqs off after */
	j	ret_from_exception
