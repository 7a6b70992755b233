/*
 * Kernel timers: one list of armed timer_lists sorted by expiry, which the
 * tick (run_local_timers, interrupts off) consumes from the front, so a
 * tick with nothing due costs one comparison. Arming walks the list from
 * the back (new timers tend to expire last). Linux's timer_list API by
 * name (kernel/time/timer.c); leaves out the timer wheel, per-CPU bases,
 * deferrable timers and the callback-running check of del_timer_sync.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/jiffies.h>
#include <linux/timer.h>

/* timer_lock (interrupts off) guards timer_base, every entry and nr_armed. */
static DEFINE_SPINLOCK(timer_lock);
static LIST_HEAD(timer_base);	/* armed timers, earliest expiry first */
static unsigned int nr_armed;

/* Is @a at or past @b, in wrapping jiffies? */
static inline bool jiffies_reached(unsigned long a, unsigned long b)
{
	return (long)(a - b) >= 0;
}

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *t), unsigned int flags)
{
	t->entry.next = NULL;
	t->entry.prev = NULL;
	t->expires = 0;
	t->function = fn;
	t->flags = flags;
}

/* Lock held: take @t off the list, leaving it idle (entry.next NULL). */
static void detach_timer(struct timer_list *t)
{
	list_del(&t->entry);
	t->entry.next = NULL;
	t->entry.prev = NULL;
	nr_armed--;
}

/* Lock held, @t idle: insert it after the last timer expiring no later. */
static void enqueue_timer(struct timer_list *t)
{
	struct list_head *pos = timer_base.prev;

	while (pos != &timer_base &&
	       !jiffies_reached(t->expires, list_entry(pos, struct timer_list, entry)->expires))
		pos = pos->prev;
	__list_add(&t->entry, pos, pos->next);
	nr_armed++;
}

void add_timer(struct timer_list *t)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	if (timer_pending(t))
		panic("add_timer: timer %p is already pending", t);
	enqueue_timer(t);
	spin_unlock_irqrestore(&timer_lock, flags);
}

int mod_timer(struct timer_list *t, unsigned long expires)
{
	unsigned long flags;
	int was_pending;

	spin_lock_irqsave(&timer_lock, flags);
	was_pending = timer_pending(t);
	if (was_pending)
		detach_timer(t);
	t->expires = expires;
	enqueue_timer(t);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was_pending;
}

int del_timer(struct timer_list *t)
{
	unsigned long flags;
	int was_pending;

	spin_lock_irqsave(&timer_lock, flags);
	was_pending = timer_pending(t);
	if (was_pending)
		detach_timer(t);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was_pending;
}

/*
 * The due timers move to a local list first, so a callback that re-arms
 * its timer for now runs again at the next tick, not in a loop here. Each
 * is detached before its callback runs with the lock dropped (interrupts
 * stay off): the callback may re-arm it, arm, or delete others (a due one
 * on the local list included: it is still pending until it runs).
 */
void run_local_timers(void)
{
	LIST_HEAD(due);
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	while (!list_empty(&timer_base) &&
	       jiffies_reached(jiffies, list_first_entry(&timer_base, struct timer_list,
							 entry)->expires))
		list_move_tail(timer_base.next, &due);
	while (!list_empty(&due)) {
		struct timer_list *t = list_first_entry(&due, struct timer_list, entry);
		void (*fn)(struct timer_list *t) = t->function;

		detach_timer(t);
		spin_unlock(&timer_lock);
		if (fn)
			fn(t);
		spin_lock(&timer_lock);
	}
	spin_unlock_irqrestore(&timer_lock, flags);
}

unsigned int nr_pending_timers(void)
{
	return READ_ONCE(nr_armed);
}
