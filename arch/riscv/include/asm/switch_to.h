/*
 * The context switch (arch/riscv/switch.S) and the set-up of a new kernel
 * thread's first switch (arch/riscv/process.c), for kernel/sched.c.
 */
#ifndef _ASM_SWITCH_TO_H
#define _ASM_SWITCH_TO_H

struct task_struct;

/*
 * Save @prev's callee-saved registers in prev->thread, load @next's and
 * return on @next's stack. Returns the task that ran before (so the
 * caller, now @next, can clean up after it). Interrupts off.
 */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);

/* Where a new kernel thread's first __switch_to lands (switch.S). */
void ret_from_kthread(void);

/*
 * Make @p's first switch start ret_from_kthread on the top of @p->stack,
 * which then calls kthread_main(@p).
 */
void copy_thread(struct task_struct *p);

#endif
