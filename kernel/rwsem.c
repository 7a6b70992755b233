/*
 * Read-write semaphores (include/linux/rwsem.h): a count under a spinlock
 * and one wait queue; every waiter re-checks after a wake-up. A writer
 * that waits raises writers_waiting so readers arriving after it wait too.
 * After Linux's kernel/locking/rwsem.c in behaviour, not in its lock-free
 * fast paths.
 */
#include <linux/kernel.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/preempt.h>

void init_rwsem(struct rw_semaphore *sem)
{
	spin_lock_init(&sem->lock);
	sem->count = 0;
	sem->writers_waiting = 0;
	init_waitqueue_head(&sem->wait);
}

/* Take it for reading if no writer holds or waits for it. */
int down_read_trylock(struct rw_semaphore *sem)
{
	unsigned long flags;
	int ok;

	spin_lock_irqsave(&sem->lock, flags);
	ok = sem->count >= 0 && !sem->writers_waiting;
	if (ok)
		sem->count++;
	spin_unlock_irqrestore(&sem->lock, flags);
	return ok;
}

void down_read(struct rw_semaphore *sem)
{
	might_sleep();
	wait_event(sem->wait, down_read_trylock(sem));
}

void up_read(struct rw_semaphore *sem)
{
	unsigned long flags;
	bool last;

	spin_lock_irqsave(&sem->lock, flags);
	WARN_ON(sem->count <= 0);
	last = --sem->count == 0;
	spin_unlock_irqrestore(&sem->lock, flags);
	if (last)
		wake_up(&sem->wait);
}

int down_write_trylock(struct rw_semaphore *sem)
{
	unsigned long flags;
	int ok;

	spin_lock_irqsave(&sem->lock, flags);
	ok = sem->count == 0;
	if (ok)
		sem->count = -1;
	spin_unlock_irqrestore(&sem->lock, flags);
	return ok;
}

/* As trylock, but counted as a waiting writer if it fails (holds readers back). */
static int down_write_try_or_wait(struct rw_semaphore *sem, bool *counted)
{
	unsigned long flags;
	int ok;

	spin_lock_irqsave(&sem->lock, flags);
	ok = sem->count == 0;
	if (ok) {
		sem->count = -1;
		if (*counted)
			sem->writers_waiting--;
	} else if (!*counted) {
		sem->writers_waiting++;
		*counted = true;
	}
	spin_unlock_irqrestore(&sem->lock, flags);
	return ok;
}

void down_write(struct rw_semaphore *sem)
{
	bool counted = false;

	might_sleep();
	wait_event(sem->wait, down_write_try_or_wait(sem, &counted));
}

void up_write(struct rw_semaphore *sem)
{
	unsigned long flags;

	spin_lock_irqsave(&sem->lock, flags);
	WARN_ON(sem->count != -1);
	sem->count = 0;
	spin_unlock_irqrestore(&sem->lock, flags);
	wake_up(&sem->wait);
}

void downgrade_write(struct rw_semaphore *sem)
{
	unsigned long flags;

	spin_lock_irqsave(&sem->lock, flags);
	WARN_ON(sem->count != -1);
	sem->count = 1;
	spin_unlock_irqrestore(&sem->lock, flags);
	wake_up(&sem->wait);
}
