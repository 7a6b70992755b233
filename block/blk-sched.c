/*
 * The block layer's contact with the scheduler: one wait queue on which
 * submit_bio_wait and the flush steps sleep, and the plug owner's identity.
 * rivet-only glue (Linux sleeps on a per-bio completion and keeps the plug
 * in task_struct); the host tests replace this file.
 */
#include <linux/blkdev.h>
#include <linux/wait.h>
#include <linux/sched.h>

static DECLARE_WAIT_QUEUE_HEAD(blk_io_wait);

/* Sleeps until *@done; process context. */
void blk_wait_io(volatile bool *done)
{
	wait_event(blk_io_wait, *done);
}

/* After setting a waiter's done flag; any context. */
void blk_wake_io(void)
{
	wake_up(&blk_io_wait);
}

void *blk_current_task(void)
{
	return current;
}
