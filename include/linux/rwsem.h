/*
 * Read-write semaphores (kernel/rwsem.c): many readers or one writer,
 * sleeping while the other side holds it. mm->mmap_sem is one: page
 * faults read, mmap/munmap/brk write. Process context only. Linux's names;
 * a waiting writer holds new readers back so it is not starved.
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/types.h>
#include <linux/wait.h>

struct rw_semaphore {
	spinlock_t lock;		/* count and writers_waiting */
	int count;			/* > 0 readers, -1 a writer, 0 free */
	int writers_waiting;
	struct wait_queue_head wait;
};

#define __RWSEM_INITIALIZER(name) \
	{ .lock = __SPIN_LOCK_UNLOCKED, .wait = __WAIT_QUEUE_HEAD_INITIALIZER((name).wait) }
#define DECLARE_RWSEM(name) struct rw_semaphore name = __RWSEM_INITIALIZER(name)

void init_rwsem(struct rw_semaphore *sem);
void down_read(struct rw_semaphore *sem);
int down_read_trylock(struct rw_semaphore *sem);	/* 1 if taken */
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);	/* 1 if taken */
void up_write(struct rw_semaphore *sem);
/* A writer becomes a reader without letting another writer in. */
void downgrade_write(struct rw_semaphore *sem);

#endif
