/*
 * In-kernel tests of kernel threads and wait queues (ktest=sched): threads
 * run, sleep on a wait queue, are woken, sleep by time, and exit with a code.
 * Not covered: preemption (there is none) and more than one CPU.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/jiffies.h>

static DECLARE_WAIT_QUEUE_HEAD(pingpong_wq);
static volatile int ball;	/* odd: pong's turn, even: the test's */

/* Five returns of the ball, each after a wait_event; exits with 42. */
static int pong_thread(void *data)
{
	for (int i = 0; i < 5; i++) {
		wait_event(pingpong_wq, ball % 2 == 1);
		ball++;
		wake_up(&pingpong_wq);
	}
	return 42;
}

/* Two threads take turns through one wait queue; kthread_stop gets the code. */
KTEST(sched_wait_queue_pingpong)
{
	struct task_struct *k;

	ball = 0;
	k = kthread_run(pong_thread, NULL, "pong");
	if (!KT_EXPECT(k))
		return;
	for (int i = 0; i < 5; i++) {
		ball++;
		wake_up(&pingpong_wq);
		wait_event(pingpong_wq, ball % 2 == 0);
	}
	KT_EXPECT(ball == 10);
	KT_EXPECT(kthread_stop(k) == 42);
}

/* msleep(50) sleeps at least 50 ms of ticks. */
KTEST(sched_msleep)
{
	unsigned long start = jiffies;

	msleep(50);
	KT_EXPECT_MSG(jiffies - start >= 50 * HZ / 1000,
		      "slept %lu jiffies", jiffies - start);
}
