/*
 * In-kernel tests of kernel threads and wait queues (ktest=sched): threads
 * run, sleep on a wait queue, are woken, sleep by time, and exit with a
 * code; with preempt=full two threads that never sleep share the CPU, and a
 * spinlock holder is never preempted. Not covered: more than one CPU.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/jiffies.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>

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

/* ---- preemption ---- */

static volatile unsigned long spin_count[2];
static volatile bool saw_other[2];

/*
 * Spin (never sleeping) for up to 2 s of jiffies, counting, and note
 * whether the other spinner's count moved meanwhile: only preemption can
 * let it run.
 */
static int spinner(void *data)
{
	int me = (int)(long)data, other = !me;
	unsigned long end = jiffies + 2 * HZ, start_other = spin_count[other];

	while ((long)(jiffies - end) < 0 && !saw_other[me]) {
		spin_count[me]++;
		if (spin_count[other] != start_other)
			saw_other[me] = true;
	}
	return 0;
}

/* With preempt=full, two busy kernel threads both run within their 2 s. */
KTEST(sched_preempt_busy_threads)
{
	bool was = preempt_full;
	struct task_struct *a, *b;

	preempt_full = true;
	spin_count[0] = spin_count[1] = 0;
	saw_other[0] = saw_other[1] = false;
	a = kthread_run(spinner, (void *)0L, "spin0");
	b = kthread_run(spinner, (void *)1L, "spin1");
	if (!KT_EXPECT(a && b))
		goto out;
	kthread_stop(a);
	kthread_stop(b);
	KT_EXPECT_MSG(saw_other[0] && saw_other[1], "spinner 0 saw 1: %d, 1 saw 0: %d",
		      saw_other[0], saw_other[1]);
out:
	preempt_full = was;
}

static DEFINE_SPINLOCK(held_lock);
static volatile bool lock_taken_by_other;

static int lock_toucher(void *data)
{
	unsigned long flags;

	spin_lock_irqsave(&held_lock, flags);
	lock_taken_by_other = true;
	spin_unlock_irqrestore(&held_lock, flags);
	return 0;
}

/*
 * A thread holding a spinlock across several ticks is not preempted (its
 * preempt_count is raised): the thread that wants the lock runs only after.
 */
KTEST(sched_preempt_spinlock_holder)
{
	bool was = preempt_full, seen_inside;
	struct task_struct *t;
	unsigned long end;

	preempt_full = true;
	lock_taken_by_other = false;
	spin_lock(&held_lock);
	KT_EXPECT(preempt_count() >= 1);
	t = kthread_run(lock_toucher, NULL, "locker");
	end = jiffies + 5;
	while ((long)(jiffies - end) < 0)
		cpu_relax();		/* ticks pass with interrupts on */
	seen_inside = lock_taken_by_other;
	spin_unlock(&held_lock);
	if (t)
		kthread_stop(t);
	KT_EXPECT(t != NULL);
	KT_EXPECT_MSG(!seen_inside, "the other thread ran while the lock was held");
	KT_EXPECT(lock_taken_by_other);
	preempt_full = was;
}
