/*
 * Sleeping locks (kernel/mutex.c): a task that finds the mutex held sleeps
 * on its wait queue until the owner lets go. For process context only;
 * never held across a return to user space. Linux's names; no optimistic
 * spinning, no lock debugging beyond the owner check.
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/types.h>
#include <linux/wait.h>

struct mutex {
	struct task_struct *owner;	/* NULL when free; set with an atomic swap */
	struct wait_queue_head wait;	/* tasks sleeping in mutex_lock */
};

#define __MUTEX_INITIALIZER(name) \
	{ .owner = NULL, .wait = __WAIT_QUEUE_HEAD_INITIALIZER((name).wait) }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

void mutex_init(struct mutex *lock);
/* Takes @lock, sleeping while another task holds it. */
void mutex_lock(struct mutex *lock);
/* 1 if @lock was free and is now the caller's, 0 if it is held. */
int mutex_trylock(struct mutex *lock);
/* Releases @lock (held by the caller) and wakes its waiters. */
void mutex_unlock(struct mutex *lock);
static inline bool mutex_is_locked(struct mutex *lock)
{
	return __atomic_load_n(&lock->owner, __ATOMIC_RELAXED) != NULL;
}

#endif
