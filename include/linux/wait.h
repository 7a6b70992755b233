/*
 * Wait queues: a task that must wait for an event puts itself on one and
 * sleeps; whoever causes the event calls wake_up().
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/sched.h>

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;		/* protects head */
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ .lock = __SPIN_LOCK_UNLOCKED, .head = LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DEFINE_WAIT(name) \
	struct wait_queue_entry name = { .task = current, \
		.entry = LIST_HEAD_INIT((name).entry) }

void init_waitqueue_head(struct wait_queue_head *wq);
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, int state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);
void wake_up(struct wait_queue_head *wq);
/* Queue @w without sleeping (poll_wait), and take it off again. */
void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w);
void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w);
bool waitqueue_active(struct wait_queue_head *wq);

/* Sleep until @cond is true; @cond is re-checked after every wake-up. */
#define wait_event(wq, cond) do {					\
	DEFINE_WAIT(__w);						\
	for (;;) {							\
		prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE);	\
		if (cond)						\
			break;						\
		schedule();						\
	}								\
	finish_wait(&(wq), &__w);					\
} while (0)

/*
 * Sleep until @cond is true or a signal is pending: 0, or -ERESTARTSYS
 * (the system call is restarted or fails with -EINTR, per SA_RESTART).
 */
#define wait_event_interruptible(wq, cond) ({				\
	DEFINE_WAIT(__w);						\
	int __ret = 0;							\
	for (;;) {							\
		prepare_to_wait(&(wq), &__w, TASK_INTERRUPTIBLE);	\
		if (cond)						\
			break;						\
		if (signal_pending(current)) {				\
			__ret = -ERESTARTSYS;				\
			break;						\
		}							\
		schedule();						\
	}								\
	finish_wait(&(wq), &__w);					\
	__ret;								\
})
#define wake_up_interruptible(wq)	wake_up(wq)

#endif
