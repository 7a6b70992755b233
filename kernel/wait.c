/*
 * Wait queues (include/linux/wait.h). Wake-ups are not exclusive: every
 * waiter is woken and re-checks its condition. Seed: Linux's
 * kernel/sched/wait.c; leaves out exclusive waits, custom wake functions
 * and the wake_up_* variants.
 */
#include <linux/kernel.h>
#include <linux/wait.h>
#include <linux/sched.h>

/* An empty queue (for heads not made with DECLARE_WAIT_QUEUE_HEAD). */
void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

/*
 * Queue the current task on @wq (once, however often it is called) and
 * set its state; the caller then checks its condition and schedule()s.
 * Queued before the check, it cannot miss a wake_up that follows it.
 */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, int state)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&w->entry))
		list_add_tail(&w->entry, &wq->head);
	current->state = state;
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* After the wait (condition true): running again, and off @wq. */
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	current->state = TASK_RUNNING;
	spin_lock_irqsave(&wq->lock, flags);
	if (!list_empty(&w->entry))
		list_del_init(&w->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* Put @w on @wq for good (poll): every wake_up(@wq) wakes its task until removed. */
void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_add_tail(&w->entry, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_del_init(&w->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* Wake every task waiting on @wq. Any context. */
void wake_up(struct wait_queue_head *wq)
{
	struct wait_queue_entry *w;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_entry(w, &wq->head, entry)
		wake_up_process(w->task);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* Anyone waiting? Unlocked peek: the answer may be stale at once. */
bool waitqueue_active(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}
