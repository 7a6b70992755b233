/*
 * A cooperative round-robin scheduler for kernel threads, with timed
 * sleeps. The boot thread becomes the idle task: it runs only when nothing
 * else can. Leaves out preemption, priorities and SMP load balancing; the
 * run-queue lock and per-CPU current are there for them. Seed: Linux's
 * schedule / try_to_wake_up / schedule_timeout and the kthread API, by name.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <linux/vmstat.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <asm/percpu.h>
#include <asm/sections.h>
#include <asm/switch_to.h>

/* The boot thread, later idle: never on run_queue, never freed. */
static struct task_struct init_task = {
	.pid = 0, .comm = "idle", .state = TASK_RUNNING, .stack = init_stack,
};
/* rq_lock protects run_queue, sleepers, all_tasks and every task's lists. */
static DEFINE_SPINLOCK(rq_lock);
static LIST_HEAD(run_queue);	/* runnable tasks except idle */
static LIST_HEAD(sleepers);	/* tasks in schedule_timeout */
static LIST_HEAD(all_tasks);
static int next_pid = 1;	/* rq_lock */
DEFINE_PER_CPU(int, __preempt_count);

/* The boot thread, on init_stack, becomes current: the idle task. */
void sched_init(void)
{
	struct cpu_info *ci = this_cpu();

	INIT_LIST_HEAD(&init_task.run_list);
	INIT_LIST_HEAD(&init_task.timer_list);
	list_add(&init_task.tasks, &all_tasks);
	ci->curr = &init_task;
	ci->stack_lo = (unsigned long)init_stack;
}

/* Is @addr on the running task's stack? (The boot stack before sched_init.) */
bool on_task_stack(unsigned long addr)
{
	struct task_struct *t = current ? current : &init_task;
	unsigned long lo = (unsigned long)t->stack;
	unsigned long size = t == &init_task ? INIT_STACK_SIZE : THREAD_SIZE;

	return t->stack && addr >= lo && addr < lo + size;
}

/* Is a task other than idle waiting for the CPU? (Idle checks, irqs off.) */
bool sched_has_runnable(void)
{
	return !list_empty(&run_queue);
}

/* Count a task's stack pages in their zones' NR_KERNEL_STACK (+1 or -1). */
static void account_kernel_stack(void *stack, int delta)
{
	for (unsigned long off = 0; off < THREAD_SIZE; off += PAGE_SIZE)
		mod_zone_page_state(page_zone(vmalloc_to_page(stack + off)),
				    NR_KERNEL_STACK, delta);
}

/* After a switch, on the new task: free the predecessor if it died. */
static void finish_task_switch(struct task_struct *prev)
{
	if (prev == current || prev->state != TASK_DEAD)
		return;
	account_kernel_stack(prev->stack, -1);
	vfree(prev->stack);
	kfree(prev);
}

/*
 * A new thread's first C code (switch.S): schedule() switched to it with
 * rq_lock held and interrupts off, and will not return here to undo that.
 */
void schedule_tail(struct task_struct *prev)
{
	spin_unlock(&rq_lock);
	local_irq_enable();
	finish_task_switch(prev);
}

/* Under rq_lock: requeue or drop @prev, return who runs next. */
static struct task_struct *pick_next_task(struct task_struct *prev)
{
	if (prev != &init_task) {
		if (prev->state == TASK_RUNNING)
			list_move_tail(&prev->run_list, &run_queue);
		else
			list_del_init(&prev->run_list);
	}
	if (list_empty(&run_queue))
		return &init_task;
	return list_first_entry(&run_queue, struct task_struct, run_list);
}

/*
 * Give the CPU to the next runnable task. A task that set its state to
 * sleeping before calling this stays off the run queue until woken. Must
 * not be called with preemption off (a kmap_atomic slot) or a spinlock held.
 */
void schedule(void)
{
	struct task_struct *prev = current, *next;
	struct cpu_info *ci = this_cpu();
	unsigned long flags;

	if (preempt_count()) {	/* a kmap_atomic slot or other atomic section */
		pr_err("BUG: scheduling while atomic: %s, preempt_count %d\n",
		       prev->comm, preempt_count());
		WARN_ON(1);
	}
	spin_lock_irqsave(&rq_lock, flags);
	next = pick_next_task(prev);
	if (next != prev) {
		ci->curr = next;
		ci->stack_lo = (unsigned long)next->stack;
		prev = __switch_to(prev, next);	/* returns when we run again */
	}
	spin_unlock_irqrestore(&rq_lock, flags);
	finish_task_switch(prev);
}

/* Let the other runnable tasks run; the caller stays runnable and comes back. */
void yield(void)
{
	schedule();
}

/* Under rq_lock: make @p runnable (idle is never queued). 1 if it slept. */
static int try_to_wake_up(struct task_struct *p)
{
	if (p->state == TASK_RUNNING || p->state == TASK_DEAD)
		return 0;
	p->state = TASK_RUNNING;
	if (p != &init_task && list_empty(&p->run_list))
		list_add_tail(&p->run_list, &run_queue);
	return 1;
}

/* Make @p runnable. Returns 1 if it was asleep. Any context. */
int wake_up_process(struct task_struct *p)
{
	unsigned long flags;
	int woke;

	spin_lock_irqsave(&rq_lock, flags);
	woke = try_to_wake_up(p);
	spin_unlock_irqrestore(&rq_lock, flags);
	return woke;
}

/*
 * Sleep for up to @timeout jiffies (the caller sets its state first, as in
 * Linux). Returns the jiffies left if woken early, else 0.
 */
long schedule_timeout(long timeout)
{
	struct task_struct *t = current;
	unsigned long flags;
	long left;

	spin_lock_irqsave(&rq_lock, flags);
	t->wake_at = jiffies + timeout;
	list_add_tail(&t->timer_list, &sleepers);
	spin_unlock_irqrestore(&rq_lock, flags);
	schedule();
	spin_lock_irqsave(&rq_lock, flags);
	list_del_init(&t->timer_list);
	spin_unlock_irqrestore(&rq_lock, flags);
	left = (long)(t->wake_at - jiffies);
	return left > 0 ? left : 0;
}

/*
 * Sleep at least @ms milliseconds, rounded up to whole ticks; an early
 * wake-up sleeps again for the rest. Process context, like schedule().
 */
void msleep(unsigned int ms)
{
	long t = DIV_ROUND_UP((unsigned long)ms * HZ, 1000);

	while (t > 0) {
		current->state = TASK_UNINTERRUPTIBLE;
		t = schedule_timeout(t);
	}
}

/*
 * Timer interrupt: wake the sleepers whose time has come. Interrupts are
 * off, so the plain spin_lock is enough.
 */
void scheduler_tick(void)
{
	struct task_struct *t, *n;

	spin_lock(&rq_lock);
	list_for_each_entry_safe(t, n, &sleepers, timer_list) {
		if ((long)(jiffies - t->wake_at) >= 0)
			try_to_wake_up(t);
	}
	spin_unlock(&rq_lock);
}

/* --- kernel threads --- */

/* First C code of a new thread (switch.S: ret_from_kthread). */
void kthread_main(struct task_struct *t)
{
	kthread_exit(t->threadfn(t->data));
}

/*
 * A new kernel thread that will run @fn(@data) once woken; NULL without
 * memory. Its stack comes from vmalloc, with an unmapped guard page below.
 * May sleep (GFP_KERNEL): process context, no spinlock held.
 */
struct task_struct *kthread_create(int (*fn)(void *data), void *data, const char *name)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);
	unsigned long flags;

	if (!t)
		return NULL;
	t->stack = vmalloc(THREAD_SIZE);
	if (!t->stack) {
		kfree(t);
		return NULL;
	}
	account_kernel_stack(t->stack, 1);
	strlcpy(t->comm, name, sizeof(t->comm));
	t->threadfn = fn;
	t->data = data;
	t->state = TASK_UNINTERRUPTIBLE;
	copy_thread(t);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->timer_list);
	spin_lock_irqsave(&rq_lock, flags);
	t->pid = next_pid++;
	list_add_tail(&t->tasks, &all_tasks);
	spin_unlock_irqrestore(&rq_lock, flags);
	return t;
}

/*
 * kthread_create, then wake it: being cooperative, it first runs when the
 * caller next sleeps or yields. NULL without memory; may sleep.
 */
struct task_struct *kthread_run(int (*fn)(void *data), void *data, const char *name)
{
	struct task_struct *t = kthread_create(fn, data, name);

	if (t)
		wake_up_process(t);
	return t;
}

/* In a kernel thread's loop: has kthread_stop asked it to return? */
bool kthread_should_stop(void)
{
	return current->should_stop;
}

/* Dying threads and their kthread_stop callers meet here (exited, reaped). */
static DECLARE_WAIT_QUEUE_HEAD(exit_wq);

/*
 * End the current kernel thread with @code for kthread_stop; its stack is
 * freed by the next task to run. (do_exit will be the process exit.)
 * It first sleeps until kthread_stop has the code, so a thread nobody
 * stops stays asleep for good. Process context, no lock held.
 */
void kthread_exit(int code)
{
	struct task_struct *t = current;
	unsigned long flags;

	spin_lock_irqsave(&rq_lock, flags);
	t->exit_code = code;
	t->exited = true;
	spin_unlock_irqrestore(&rq_lock, flags);
	wake_up(&exit_wq);
	wait_event(exit_wq, t->reaped);	/* until kthread_stop has the code */
	spin_lock_irqsave(&rq_lock, flags);
	list_del(&t->tasks);
	t->state = TASK_DEAD;
	spin_unlock_irqrestore(&rq_lock, flags);
	schedule();
	panic("kthread_exit: dead task %s ran again", t->comm);
}

/*
 * Ask @k to stop, wait for it to exit, return its exit code. Sleeps, so
 * process context, and never @k itself. @k is freed soon after: do not
 * touch it once this returns (so stop each thread once).
 */
int kthread_stop(struct task_struct *k)
{
	int code;

	k->should_stop = true;
	wake_up_process(k);
	wait_event(exit_wq, k->exited);
	code = k->exit_code;
	k->reaped = true;
	wake_up(&exit_wq);	/* let it finish dying; k is freed after that */
	return code;
}
