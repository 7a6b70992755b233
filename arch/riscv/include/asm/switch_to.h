/*
 * The context switch (arch/riscv/switch.S), the set-up of a new task's
 * first switch (arch/riscv/process.c) and the user FPU state around it,
 * for kernel/sched.c and kernel/fork.c.
 */
#ifndef _ASM_SWITCH_TO_H
#define _ASM_SWITCH_TO_H

struct task_struct;
struct pt_regs;

/*
 * Save @prev's callee-saved registers in prev->thread, load @next's and
 * return on @next's stack. Returns the task that ran before (so the
 * caller, now @next, can clean up after it). Interrupts off.
 */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);
/* Where a new kernel thread's first __switch_to lands (switch.S). */
void ret_from_kthread(void);
/* Where a forked user task's first __switch_to lands: back to user mode. */
void ret_from_fork(void);
/* Leave for user mode with @regs at the top of the current kernel stack. */
__attribute__((noreturn)) void start_user_regs(struct pt_regs *regs);

/*
 * Make @p's first switch start ret_from_kthread on the top of @p->stack,
 * which then calls kthread_main(@p).
 */
void copy_thread(struct task_struct *p);
/*
 * A forked user task: its pt_regs are a copy of current's with a0 = 0,
 * sp = @usp if non-zero, tp = @tls if @settls; its first switch lands in
 * ret_from_fork.
 */
void copy_thread_user(struct task_struct *p, unsigned long usp, bool settls,
		      unsigned long tls);

/* arch/riscv/fpu.S */
struct __riscv_d_ext_state;
void __fstate_save(struct __riscv_d_ext_state *st);
void __fstate_restore(const struct __riscv_d_ext_state *st);

/*
 * Around __switch_to: keep @prev's user FPU registers if it changed them,
 * load @next's if it is a user task (sstatus.FS in the saved regs).
 */
void fpu_switch(struct task_struct *prev, struct task_struct *next);
/* Save current's FPU registers into its thread now (a signal frame needs them). */
void fstate_save_current(void);
/* Load current's thread FPU registers back (rt_sigreturn). */
void fstate_restore_current(void);

#endif
