/*
 * Host stand-ins for what the MMC core and the block layer take from the
 * kernel (mmc_env.h): the running task, mutexes, wait queues and
 * schedule(), jiffies and msleep, the block layer's blk-sched.c, DT
 * aliases and lib/string.c's strlcpy. One task, no preemption: sleeping
 * means "let the interrupts happen". Test-only code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/jiffies.h>
#include <linux/blkdev.h>
#include <linux/bio.h>
#include <linux/slab.h>
#include <linux/of.h>
#include "slab_test_env.h"
#include "mmc_env.h"
#include "test.h"

volatile unsigned long jiffies;
unsigned int HZ = 100;

static struct task_struct the_task;
struct cpu_info cpu_data[NR_CPUS] = { [0] = { .curr = &the_task } };

bool (*mmc_env_irq_hook)(void);

/* Runs the test's interrupt; aborts if nothing would ever wake the sleeper. */
static void run_irq_or_die(const char *who)
{
	if (mmc_env_irq_hook && mmc_env_irq_hook())
		return;
	CHECK(0, "%s: nothing would wake this sleep (a hang in the kernel)", who);
	fflush(stdout);
	abort();
}

/* ---- mutexes: one task, so a held mutex at lock time is a deadlock ---- */

void mutex_init(struct mutex *lock)
{
	lock->owner = NULL;
	init_waitqueue_head(&lock->wait);
}

void mutex_lock(struct mutex *lock)
{
	if (lock->owner) {
		CHECK(0, "mutex_lock: %p already held (deadlock)", (void *)lock);
		fflush(stdout);
		abort();
	}
	lock->owner = current;
}

int mutex_trylock(struct mutex *lock)
{
	if (lock->owner)
		return 0;
	lock->owner = current;
	return 1;
}

void mutex_unlock(struct mutex *lock)
{
	if (lock->owner != current) {
		CHECK(0, "mutex_unlock: %p not held", (void *)lock);
		fflush(stdout);
		abort();
	}
	lock->owner = NULL;
}

/* ---- wait queues ---- */

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, int state)
{
	if (list_empty(&w->entry))
		list_add_tail(&w->entry, &wq->head);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	if (!list_empty(&w->entry))
		list_del_init(&w->entry);
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	list_add_tail(&w->entry, &wq->head);
}

void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	list_del_init(&w->entry);
}

bool waitqueue_active(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

void wake_up(struct wait_queue_head *wq)
{
}

void schedule(void)
{
	run_irq_or_die("schedule");
}

/* ---- time ---- */

unsigned long msecs_to_jiffies(unsigned int ms);	/* linux/timer.h's, whose time types meet libc's here */

unsigned long msecs_to_jiffies(unsigned int ms)
{
	return ((unsigned long)ms * HZ + 999) / 1000;
}

/* msleep (tests/host/shim.c) lets the time pass. */
static void advance_jiffies(unsigned int ms)
{
	jiffies += msecs_to_jiffies(ms);
}

/* ---- block/blk-sched.c ---- */

void blk_wait_io(volatile bool *done)
{
	while (!*done)
		run_irq_or_die("blk_wait_io");
}

void blk_wake_io(void)
{
}

void *blk_current_task(void)
{
	return current;
}

/* ---- device tree aliases ---- */

static const struct device_node *alias_np;
static int alias_id = -ENODEV, alias_highest = -ENODEV;

void mmc_env_set_alias(const struct device_node *np, int id, int highest)
{
	alias_np = np;
	alias_id = id;
	alias_highest = highest;
}

/* Weak: a test that links drivers/of (with a real DTB) gets the real aliases. */
__attribute__((weak)) int of_alias_get_id(const struct device_node *np, const char *stem)
{
	return np && np == alias_np && !strcmp(stem, "mmc") ? alias_id : -ENODEV;
}

__attribute__((weak)) int of_alias_get_highest_id(const char *stem)
{
	return !strcmp(stem, "mmc") ? alias_highest : -ENODEV;
}

extern void (*host_msleep_hook)(unsigned int ms);

void mmc_env_init(void)
{
	slab_env_init();
	kmem_cache_init();
	bio_init_cache();
	host_msleep_hook = advance_jiffies;
}
