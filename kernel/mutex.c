/*
 * Mutexes (include/linux/mutex.h): an owner pointer taken with a
 * compare-and-swap and a wait queue for the losers, who re-try after every
 * wake-up. Follows Linux's mutex semantics (one owner, process context,
 * the owner unlocks); leaves out handoff, spinning and lockdep.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/sched.h>

void mutex_init(struct mutex *lock)
{
	lock->owner = NULL;
	init_waitqueue_head(&lock->wait);
}

int mutex_trylock(struct mutex *lock)
{
	struct task_struct *none = NULL;

	return __atomic_compare_exchange_n(&lock->owner, &none, current, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void mutex_lock(struct mutex *lock)
{
	might_sleep();
	if (WARN_ON(__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) == current))
		return;		/* recursive: a bug, but deadlocking helps nobody */
	if (!mutex_trylock(lock))
		wait_event(lock->wait, mutex_trylock(lock));
}

void mutex_unlock(struct mutex *lock)
{
	WARN_ON(__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) != current);
	__atomic_store_n(&lock->owner, NULL, __ATOMIC_RELEASE);
	if (waitqueue_active(&lock->wait))
		wake_up(&lock->wait);
}
