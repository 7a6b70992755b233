/*
 * A round-robin scheduler for kernel threads and user tasks, with timed
 * sleeps and preemption: the tick takes the CPU from a task whose slice
 * is used up, at its next return to user mode (or, with preempt=full, in
 * the kernel whenever preempt_count is 0). The boot thread becomes the
 * idle task: it runs only when nothing else can. Leaves out priorities,
 * nice and SMP load balancing; the run-queue lock and per-CPU current are
 * there for them. Seed: Linux's schedule / try_to_wake_up /
 * schedule_timeout / scheduler_tick and the kthread API, by name.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <linux/vmstat.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/params.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <asm/percpu.h>
#include <asm/sections.h>
#include <asm/switch_to.h>
#include <asm/mmu_context.h>
#include <asm/processor.h>
#include <asm/uaccess.h>

/* The boot thread, later idle: never on run_queue, never freed. */
struct task_struct init_task = {
	.pid = 0, .tgid = 0, .comm = "swapper", .state = TASK_RUNNING,
	.stack = init_stack, .usage = 1, .flags = PF_KTHREAD,
	.group_leader = &init_task, .active_mm = &init_mm,
	.files = &init_files, .fs = &init_fs,
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.thread_group = LIST_HEAD_INIT(init_task.thread_group),
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.timer_list = LIST_HEAD_INIT(init_task.timer_list),
};
/* rq_lock protects run_queue, sleepers and every task's run_list and timer_list. */
static DEFINE_SPINLOCK(rq_lock);
static LIST_HEAD(run_queue);	/* runnable tasks except idle */
static LIST_HEAD(sleepers);	/* tasks in schedule_timeout */
static unsigned long nr_running_tasks;	/* on run_queue (rq_lock) */
DEFINE_PER_CPU(int, __preempt_count);
static DEFINE_PER_CPU(int, resched_flag);
bool preempt_full = true;	/* preempt=none turns kernel preemption off */

/* Ticks a task runs before the tick preempts it for another runnable one. */
static int sched_slice(void)
{
	return HZ >= 100 ? HZ / 100 : 1;	/* 10 ms */
}

/* "preempt=full" (the default) or "preempt=none" (only on the way to user mode). */
static int preempt_setup(char *val)
{
	if (val && !strcmp(val, "full"))
		preempt_full = true;
	else if (val && !strcmp(val, "none"))
		preempt_full = false;
	else
		return -EINVAL;
	return 0;
}
early_param("preempt", preempt_setup);

/* The boot thread, on init_stack, becomes current: the idle task. */
void sched_init(void)
{
	struct cpu_info *ci = this_cpu();

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

unsigned long nr_running(void)
{
	return READ_ONCE(nr_running_tasks) + (current != &init_task);
}

bool need_resched(void)
{
	return READ_ONCE(*this_cpu_ptr(&resched_flag));
}

void set_need_resched(void)
{
	*this_cpu_ptr(&resched_flag) = 1;
}

/* Count a task's stack pages in their zones' NR_KERNEL_STACK (+1 or -1). */
static void account_kernel_stack(void *stack, int delta)
{
	for (unsigned long off = 0; off < THREAD_SIZE; off += PAGE_SIZE)
		mod_zone_page_state(page_zone(vmalloc_to_page(stack + off)),
				    NR_KERNEL_STACK, delta);
}

/*
 * A zeroed task with a vmalloc'd stack (an unmapped guard page below it)
 * and its lists initialised; usage 1. NULL without memory. May sleep.
 */
struct task_struct *alloc_task_struct(void)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return NULL;
	t->stack = vmalloc(THREAD_SIZE);
	if (!t->stack) {
		kfree(t);
		return NULL;
	}
	account_kernel_stack(t->stack, 1);
	t->usage = 1;			/* the scheduler's: dropped once it is dead */
	init_sigpending(&t->pending);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->timer_list);
	INIT_LIST_HEAD(&t->tasks);
	INIT_LIST_HEAD(&t->thread_group);
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	t->group_leader = t;
	t->time_slice = sched_slice();
	return t;
}

void free_task_struct(struct task_struct *t)
{
	account_kernel_stack(t->stack, -1);
	vfree(t->stack);
	kfree(t);
}

void get_task_struct(struct task_struct *t)
{
	__atomic_fetch_add(&t->usage, 1, __ATOMIC_RELAXED);
}

/* The last reference frees the stack and the struct (never the running task's). */
void put_task_struct(struct task_struct *t)
{
	if (__atomic_sub_fetch(&t->usage, 1, __ATOMIC_ACQ_REL) == 0)
		free_task_struct(t);
}

/* After a switch, on the new task: drop the scheduler's hold on a dead predecessor. */
static void finish_task_switch(struct task_struct *prev)
{
	if (prev == current || prev->state != TASK_DEAD)
		return;
	put_task_struct(prev);
}

/*
 * A new thread's first C code (switch.S): schedule() switched to it with
 * rq_lock held and interrupts off, and will not return here to undo that.
 */
void schedule_tail(struct task_struct *prev)
{
	spin_unlock(&rq_lock);	/* and the preempt_count its spin_lock raised */
	local_irq_enable();
	finish_task_switch(prev);
	if (current->set_child_tid)	/* CLONE_CHILD_SETTID: in the child's own memory */
		put_user(current->pid, current->set_child_tid);
}

/* Under rq_lock: requeue or drop @prev, return who runs next. */
static struct task_struct *pick_next_task(struct task_struct *prev, bool preempt)
{
	if (prev != &init_task) {
		if (prev->state == TASK_RUNNING || preempt) {
			if (list_empty(&prev->run_list))
				nr_running_tasks++;
			list_move_tail(&prev->run_list, &run_queue);
		} else if (!list_empty(&prev->run_list)) {
			list_del_init(&prev->run_list);
			nr_running_tasks--;
		}
	}
	if (list_empty(&run_queue))
		return &init_task;
	return list_first_entry(&run_queue, struct task_struct, run_list);
}

/*
 * The address space and FPU half of a switch, interrupts off: a user task
 * brings its mm; a kernel thread keeps whatever is loaded (it touches only
 * the kernel half), as Linux's lazy TLB mode.
 */
static void context_switch_mm(struct task_struct *prev, struct task_struct *next)
{
	if (next->mm)
		switch_mm(prev->active_mm, next->mm, next);
	fpu_switch(prev, next);
}

static void __schedule(bool preempt)
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
	*this_cpu_ptr(&resched_flag) = 0;
	next = pick_next_task(prev, preempt);
	if (next != prev) {
		if (preempt || prev->state == TASK_RUNNING)
			prev->nivcsw++;
		else
			prev->nvcsw++;
		next->time_slice = sched_slice();
		if (!next->mm)
			next->active_mm = prev->mm ? prev->mm : prev->active_mm;
		context_switch_mm(prev, next);
		ci->curr = next;
		ci->stack_lo = (unsigned long)next->stack;
		prev = __switch_to(prev, next);	/* returns when we run again */
	}
	spin_unlock_irqrestore(&rq_lock, flags);
	finish_task_switch(prev);
}

/*
 * Give the CPU to the next runnable task. A task that set its state to
 * sleeping before calling this stays off the run queue until woken. Must
 * not be called with preemption off (a kmap_atomic slot) or a spinlock held.
 */
void schedule(void)
{
	__schedule(false);
}

/* Preempted at an interrupt's exit: stays runnable whatever its state says. */
void preempt_schedule_irq(void)
{
	do {
		local_irq_enable();
		__schedule(true);
		local_irq_disable();
	} while (need_resched());
}

/* Let the other runnable tasks run; the caller stays runnable and comes back. */
void yield(void)
{
	schedule();
}

/*
 * A voluntary preemption point for loops that may run long in the kernel:
 * switch if the tick asked for it, unless preemption is disabled here
 * (preempt_count). 1 if it did.
 */
int cond_resched(void)
{
	if (!need_resched() || preempt_count())
		return 0;
	schedule();
	return 1;
}

/* Under rq_lock: make @p runnable if its state is in @state. 1 if it slept. */
static int try_to_wake_up(struct task_struct *p, unsigned int state)
{
	if (!(p->state & state))
		return 0;
	p->state = TASK_RUNNING;
	if (p != &init_task && list_empty(&p->run_list)) {
		list_add_tail(&p->run_list, &run_queue);
		nr_running_tasks++;
	}
	if (current == &init_task)
		set_need_resched();
	return 1;
}

int wake_up_state(struct task_struct *p, unsigned int state)
{
	unsigned long flags;
	int woke;

	spin_lock_irqsave(&rq_lock, flags);
	woke = try_to_wake_up(p, state);
	spin_unlock_irqrestore(&rq_lock, flags);
	return woke;
}

/* Make @p runnable. Returns 1 if it was asleep. Any context. */
int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

/* A forked task's first wake-up: it joins the tail of the run queue. */
void wake_up_new_task(struct task_struct *p)
{
	p->state = TASK_UNINTERRUPTIBLE;
	wake_up_process(p);
}

/*
 * Sleep for up to @timeout jiffies (the caller sets its state first, as in
 * Linux; MAX_SCHEDULE_TIMEOUT: until woken). Returns the jiffies left if
 * woken early, else 0.
 */
long schedule_timeout(long timeout)
{
	struct task_struct *t = current;
	unsigned long flags;
	long left;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return MAX_SCHEDULE_TIMEOUT;
	}
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
 * Timer interrupt: wake the sleepers whose time has come, and ask for a
 * switch when current's slice is over and someone else can run.
 * Interrupts are off, so the plain spin_lock is enough.
 */
void scheduler_tick(void)
{
	struct task_struct *t, *n;

	spin_lock(&rq_lock);
	list_for_each_entry_safe(t, n, &sleepers, timer_list) {
		if ((long)(jiffies - t->wake_at) >= 0)
			try_to_wake_up(t, TASK_NORMAL);
	}
	t = current;
	if (t != &init_task && --t->time_slice <= 0) {
		t->time_slice = sched_slice();
		if (!list_empty(&run_queue))
			set_need_resched();
	}
	spin_unlock(&rq_lock);
}

/* Linux's letter for @t's state in /proc (I: a kthread idling uninterruptibly). */
char task_state_char(const struct task_struct *t)
{
	if (t->exit_state == EXIT_ZOMBIE)
		return 'Z';
	if (t->exit_state == EXIT_DEAD || t->state == TASK_DEAD)
		return 'X';
	if (t->state == TASK_RUNNING)
		return 'R';
	if (t->state & __TASK_STOPPED)
		return 'T';
	if (t->state & TASK_INTERRUPTIBLE)
		return 'S';
	return (t->flags & PF_KTHREAD) ? 'I' : 'D';
}
