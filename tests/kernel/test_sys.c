/*
 * In-kernel tests of kernel/timer.c, kernel/time.c and kernel/futex.c on
 * the real tick (ktest=timer, ktest=time, ktest=futex): timer_lists fire
 * from the tick no earlier than asked and in order, a nanosleep lasts at
 * least its time, and two kernel threads meet on a futex (kthreads have no
 * mm: the futex word is kernel memory, as kernel/futex.c allows for them).
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <linux/futex.h>
#include <linux/timekeeping.h>

/* ---- timers ---- */

struct kt_timer {
	struct timer_list timer;
	volatile unsigned long ran_at;	/* jiffies when the callback ran, 0 until then */
	volatile int runs;
	volatile int order;		/* its place among the timers that ran */
};

static volatile int kt_timer_seq;

static void kt_timer_fn(struct timer_list *t)
{
	struct kt_timer *kt = from_timer(kt, t, timer);

	kt->ran_at = jiffies;
	kt->runs++;
	kt->order = ++kt_timer_seq;
}

/* Three timers armed out of order fire from the tick, each once, at or after its time, in time order. */
KTEST(timer_fires_from_tick)
{
	static struct kt_timer kt[3];
	unsigned long start = jiffies;
	static const int delay[3] = { 6, 2, 4 };	/* ticks */

	kt_timer_seq = 0;
	for (int i = 0; i < 3; i++) {
		kt[i].ran_at = 0;
		kt[i].runs = 0;
		timer_setup(&kt[i].timer, kt_timer_fn, 0);
		mod_timer(&kt[i].timer, start + delay[i]);
	}
	KT_EXPECT(timer_pending(&kt[0].timer));
	msleep(1000 * 10 / HZ + 50);	/* ten ticks and then some */
	for (int i = 0; i < 3; i++) {
		KT_EXPECT_MSG(kt[i].runs == 1, "timer %d ran %d times", i, kt[i].runs);
		KT_EXPECT_MSG(kt[i].ran_at - start >= (unsigned long)delay[i],
			      "timer %d ran after %lu ticks, asked %d", i, kt[i].ran_at - start, delay[i]);
		KT_EXPECT(!timer_pending(&kt[i].timer));
	}
	KT_EXPECT(kt[1].order == 1 && kt[2].order == 2 && kt[0].order == 3);
}

/* A deleted timer does not run; mod_timer moves a pending one later. */
KTEST(timer_del_and_mod)
{
	static struct kt_timer a, b;
	unsigned long start = jiffies;

	a.runs = b.runs = 0;
	timer_setup(&a.timer, kt_timer_fn, 0);
	timer_setup(&b.timer, kt_timer_fn, 0);
	mod_timer(&a.timer, start + 2);
	mod_timer(&b.timer, start + 2);
	KT_EXPECT(del_timer(&a.timer) == 1);
	KT_EXPECT(mod_timer(&b.timer, start + 8) == 1);
	msleep(1000 * 4 / HZ + 10);
	KT_EXPECT_MSG(a.runs == 0 && b.runs == 0, "a ran %d, b ran %d, after %lu ticks",
		      a.runs, b.runs, jiffies - start);
	msleep(1000 * 8 / HZ + 50);
	KT_EXPECT(a.runs == 0 && b.runs == 1 && b.ran_at - start >= 8);
}

/* ---- sleeping ---- */

/* do_nanosleep_until ends no earlier than its deadline, and within a few ticks of it. */
KTEST(time_nanosleep_duration)
{
	const u64 ms = 1000000;

	for (int i = 0; i < 3; i++) {
		u64 want = (i * 7 + 3) * ms, start = ktime_get_ns(), took;
		long r = do_nanosleep_until(start + want, NULL);

		took = ktime_get_ns() - start;
		KT_EXPECT_MSG(r == 0, "sleep %d returned %ld", i, r);
		KT_EXPECT_MSG(took >= want, "asked %llu ns, slept %llu ns",
			      (unsigned long long)want, (unsigned long long)took);
		/* Not a timing check (the host may be loaded): only "it woke at all". */
		KT_EXPECT_MSG(took < want + 2 * NSEC_PER_SEC,
			      "asked %llu ns, slept %llu ns (not woken by its timer?)",
			      (unsigned long long)want, (unsigned long long)took);
	}
	KT_EXPECT(do_nanosleep_until(ktime_get_ns() - 1, NULL) == 0);
}

/* ---- futex between two kernel threads ---- */

static u32 kt_futex_word;
static volatile int kt_waiter_ready;

/* Waits (2 s at most) while the word is 0; exits with do_futex's result + 100. */
static int kt_futex_waiter(void *data)
{
	struct __kernel_timespec limit = { 2, 0 };

	kt_waiter_ready = 1;
	return (int)do_futex(&kt_futex_word, FUTEX_WAIT_PRIVATE, 0, (unsigned long)&limit,
			     NULL, 0) + 100;
}

/* One kthread sleeps in FUTEX_WAIT, the test wakes it: the wait returns 0, not -ETIMEDOUT. */
KTEST(futex_wait_wake_kthreads)
{
	struct task_struct *k;

	kt_futex_word = 0;
	kt_waiter_ready = 0;
	KT_EXPECT(do_futex(&kt_futex_word, FUTEX_WAIT, 1, 0, NULL, 0) == -EAGAIN);
	KT_EXPECT(futex_wake(&kt_futex_word, 1) == 0);
	k = kthread_run(kt_futex_waiter, NULL, "kt-futex");
	if (!KT_EXPECT(k))
		return;
	while (!kt_waiter_ready)
		msleep(5);
	msleep(30);		/* it is asleep in FUTEX_WAIT by now */
	KT_EXPECT_MSG(k->state == TASK_INTERRUPTIBLE, "waiter state %ld", k->state);
	WRITE_ONCE(kt_futex_word, 1);
	KT_EXPECT(futex_wake(&kt_futex_word, 1) == 1);
	KT_EXPECT_MSG(kthread_stop(k) == 100, "FUTEX_WAIT did not return 0");
	KT_EXPECT(futex_wake(&kt_futex_word, 1) == 0);
}

/* FUTEX_WAIT with 30 ms and nobody waking: -ETIMEDOUT, no earlier than 30 ms. */
KTEST(futex_wait_timeout)
{
	struct __kernel_timespec t = { 0, 30000000 };
	u64 start = ktime_get_ns();
	long r;

	kt_futex_word = 0;
	r = do_futex(&kt_futex_word, FUTEX_WAIT, 0, (unsigned long)&t, NULL, 0);
	KT_EXPECT_MSG(r == -ETIMEDOUT, "returned %ld", r);
	KT_EXPECT(ktime_get_ns() - start >= 30000000);
	KT_EXPECT(futex_wake(&kt_futex_word, 1) == 0);
}
