/*
 * Tasks and the scheduler (kernel/sched.c). rivet schedules kernel threads
 * cooperatively for now: a task runs until it sleeps, yields or exits
 * (like a non-preemptible Linux kernel with no user space yet).
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/delay.h>
#include <asm/percpu.h>
#include <asm/processor.h>

#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define TASK_DEAD		64

#define THREAD_SIZE		(16 * 1024)	/* kernel stack, vmalloc'd */
#define TASK_COMM_LEN		16

struct task_struct {
	struct thread_struct thread;	/* arch registers (asm/processor.h); first: switch.S uses offset 0 */
	volatile long state;		/* TASK_*; written by the task or wakers with irqs off */
	void *stack;			/* lowest address of the kernel stack */
	int pid;
	char comm[TASK_COMM_LEN];
	struct list_head run_list;	/* on the run queue while runnable (rq_lock) */
	struct list_head tasks;		/* all tasks (rq_lock) */
	struct list_head timer_list;	/* on sleepers during schedule_timeout (rq_lock) */
	unsigned long wake_at;		/* jiffies, for schedule_timeout */
	int (*threadfn)(void *data);
	void *data;
	int exit_code;
	bool should_stop;		/* kthread_stop asked it to end */
	bool exited;			/* it has its exit code */
	bool reaped;			/* kthread_stop read the code: may be freed */
};

static inline struct task_struct *get_current(void)
{
	return this_cpu()->curr;
}
#define current get_current()

/* The boot thread becomes the idle task; call once, before any kthread. */
void sched_init(void);
/* The idle task's loop (kernel/idle.c): run what is runnable, else wait. */
__noreturn void cpu_idle(void);
void schedule(void);
void yield(void);
int wake_up_process(struct task_struct *p);
long schedule_timeout(long timeout);
void scheduler_tick(void);
bool sched_has_runnable(void);

struct task_struct *kthread_create(int (*fn)(void *data), void *data, const char *name);
struct task_struct *kthread_run(int (*fn)(void *data), void *data, const char *name);
bool kthread_should_stop(void);
int kthread_stop(struct task_struct *k);
__noreturn void kthread_exit(int code);
/* Entered from arch/riscv/switch.S on a new thread's first run. */
void schedule_tail(struct task_struct *prev);
__noreturn void kthread_main(struct task_struct *t);

/* Stack bounds of the current task, for backtraces and overflow checks. */
bool on_task_stack(unsigned long addr);

#endif
