/*
 * The time system calls: clock_gettime/getres/settime, gettimeofday,
 * settimeofday, clock_nanosleep and nanosleep, times, getrusage, and the
 * ITIMER_REAL interval timer (setitimer/getitimer) on a timer_list. After
 * Linux's kernel/time/{time,posix-timers,itimer}.c and kernel/sys.c by
 * behaviour. The clocks: the time CSR (monotonic = boottime, no suspend),
 * the wall clock of drivers/rtc/timekeeping.c, and tick-sampled CPU time.
 * Sleeps and itimers have tick resolution and never end early. Leaves out
 * POSIX timers, ITIMER_VIRTUAL/PROF, CPU-time sleeps, per-pid CPU clocks,
 * adjtimex, and restart_syscall (a relative sleep restarted after a stop
 * starts over).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/timekeeping.h>
#include <linux/timer.h>
#include <asm/uaccess.h>
#include <uapi/time.h>
#include <uapi/resource.h>

#define KTIME_MAX	((s64)(~0ULL >> 1))
#define KTIME_SEC_MAX	(KTIME_MAX / NSEC_PER_SEC)
/* The furthest a timer is put (jiffies): half the wrap, as Linux's MAX_JIFFY_OFFSET. */
#define MAX_JIFFY_OFFSET ((~0UL >> 1) - 1)

/* ---- conversions ---- */

unsigned long nsecs_to_jiffies_ceil(u64 ns)
{
	u64 sec = ns / NSEC_PER_SEC, rem = ns % NSEC_PER_SEC;

	if (sec >= MAX_JIFFY_OFFSET / HZ)
		return MAX_JIFFY_OFFSET;
	return sec * HZ + DIV_ROUND_UP(rem * HZ, NSEC_PER_SEC);
}

u64 jiffies_to_nsecs(unsigned long j)
{
	return (u64)(j / HZ) * NSEC_PER_SEC + (u64)(j % HZ) * NSEC_PER_SEC / HZ;
}

long nsec_to_clock_t(u64 ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}

unsigned long msecs_to_jiffies(unsigned int ms)
{
	return nsecs_to_jiffies_ceil((u64)ms * NSEC_PER_MSEC);
}

/* Is @ts a time a system call accepts: seconds >= 0, nanoseconds in [0, 1e9)? */
static bool timespec_valid(const struct __kernel_timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NSEC_PER_SEC;
}

/* @ts (valid) in nanoseconds, KTIME_MAX if it is further than that. */
static s64 timespec_to_ns(const struct __kernel_timespec *ts)
{
	if (ts->tv_sec >= KTIME_SEC_MAX)
		return KTIME_MAX;
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

/* @ns >= 0 as a timespec. */
static struct __kernel_timespec ns_to_timespec(s64 ns)
{
	struct __kernel_timespec ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	return ts;
}

/* @ns as a timeval (microseconds rounded down). */
static struct timeval ns_to_timeval(u64 ns)
{
	struct timeval tv = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / NSEC_PER_USEC };

	return tv;
}

/* ---- the clocks ---- */

/* Nanoseconds of CPU time of current's thread group, exited threads included. */
static u64 thread_group_cputime_ns(struct task_struct *p, u64 *utime, u64 *stime)
{
	struct task_struct *t;
	unsigned long flags;
	u64 ut = p->signal->utime, st = p->signal->stime;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_thread(p, t) {
		ut += t->utime;
		st += t->stime;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (utime)
		*utime = ut;
	if (stime)
		*stime = st;
	return ut + st;
}

/* The wall clock in ns since the epoch (negative before 1970). */
static s64 real_ns(void)
{
	struct timespec64 ts = ktime_get_real_ts64();

	return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

/* Clock @id now, in ns: 0, or -EINVAL for a clock rivet does not have. */
static int clock_read_ns(int id, s64 *ns)
{
	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI:			/* TAI offset 0, as Linux until NTP sets one */
		*ns = real_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		*ns = ktime_get_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		*ns = thread_group_cputime_ns(current, NULL, NULL);
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = current->utime + current->stime;
		return 0;
	}
	return -EINVAL;
}

/* The resolution of clock @id in ns, or -EINVAL. */
static long clock_res_ns(int id)
{
	s64 unused;

	if (clock_read_ns(id, &unused) < 0)
		return -EINVAL;
	switch (id) {
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_PROCESS_CPUTIME_ID:	/* sampled at the tick */
	case CLOCK_THREAD_CPUTIME_ID:
		return DIV_ROUND_UP(NSEC_PER_SEC, HZ);
	}
	return riscv_timebase ? DIV_ROUND_UP(NSEC_PER_SEC, riscv_timebase) : 1;
}

/* Copy @ts out to the user: 0/-EFAULT. */
static int put_timespec(const struct __kernel_timespec *ts, void __user *uts)
{
	return copy_to_user(uts, ts, sizeof(*ts)) ? -EFAULT : 0;
}

/* Copy a timespec in from the user: 0/-EFAULT (not yet validated). */
static int get_timespec(struct __kernel_timespec *ts, const void __user *uts)
{
	return copy_from_user(ts, uts, sizeof(*ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE(clock_gettime)
{
	struct __kernel_timespec ts;
	s64 ns;
	int err = clock_read_ns((int)a0, &ns);

	if (err)
		return err;
	if (ns >= 0) {
		ts = ns_to_timespec(ns);
	} else {			/* a wall clock before 1970 */
		ts.tv_sec = -((-ns + NSEC_PER_SEC - 1) / NSEC_PER_SEC);
		ts.tv_nsec = ns - ts.tv_sec * NSEC_PER_SEC;
	}
	return put_timespec(&ts, (void __user *)a1);
}

SYSCALL_DEFINE(clock_getres)
{
	long res = clock_res_ns((int)a0);
	struct __kernel_timespec ts;

	if (res < 0)
		return res;
	if (!a1)
		return 0;
	ts = ns_to_timespec(res);
	return put_timespec(&ts, (void __user *)a1);
}

/* Root only: the wall clock becomes @ts (CLOCK_REALTIME is the only settable clock). */
static int set_wall_clock(const struct __kernel_timespec *ts)
{
	struct timespec64 t = { ts->tv_sec, ts->tv_nsec };

	if (current->cred.euid != 0)
		return -EPERM;
	if (!timespec_valid(ts))
		return -EINVAL;
	return do_settimeofday64(&t);
}

SYSCALL_DEFINE(clock_settime)
{
	struct __kernel_timespec ts;

	if ((int)a0 != CLOCK_REALTIME)
		return -EINVAL;		/* the other clocks are not settable (Linux too) */
	if (get_timespec(&ts, (const void __user *)a1))
		return -EFAULT;
	return set_wall_clock(&ts);
}

SYSCALL_DEFINE(gettimeofday)
{
	struct timespec64 now = ktime_get_real_ts64();
	struct timeval tv = { now.tv_sec, now.tv_nsec / NSEC_PER_USEC };
	struct timezone tz = { 0, 0 };

	if (a0 && copy_to_user((void __user *)a0, &tv, sizeof(tv)))
		return -EFAULT;
	if (a1 && copy_to_user((void __user *)a1, &tz, sizeof(tz)))
		return -EFAULT;
	return 0;
}

/* The timezone is accepted and forgotten (Linux keeps it only for FAT and the RTC). */
SYSCALL_DEFINE(settimeofday)
{
	struct timeval tv;
	struct __kernel_timespec ts;

	if (!a0)
		return current->cred.euid ? -EPERM : 0;
	if (copy_from_user(&tv, (const void __user *)a0, sizeof(tv)))
		return -EFAULT;
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EINVAL;
	ts.tv_sec = tv.tv_sec;
	ts.tv_nsec = tv.tv_usec * NSEC_PER_USEC;
	return set_wall_clock(&ts);
}

/* ---- sleeping ---- */

/*
 * Sleep until the monotonic clock reads @deadline ns, interruptibly:
 * whole ticks at a time, rechecking the clock, so it never ends early.
 * 0, or -ERESTARTNOHAND with *@left the ns that were still to go.
 */
long do_nanosleep_until(u64 deadline, u64 *left)
{
	struct task_struct *tsk = current;

	for (;;) {
		u64 now = ktime_get_ns();

		if (now >= deadline)
			return 0;
		tsk->state = TASK_INTERRUPTIBLE;
		if (signal_pending(tsk)) {
			tsk->state = TASK_RUNNING;
			if (left)
				*left = deadline - now;
			return -ERESTARTNOHAND;
		}
		schedule_timeout(nsecs_to_jiffies_ceil(deadline - now));
		tsk->state = TASK_RUNNING;
	}
}

/*
 * clock_nanosleep on @id: @req relative, or absolute with TIMER_ABSTIME.
 * An interrupted relative sleep writes what was left to @urem (if set).
 */
static long do_clock_nanosleep(int id, int flags, const void __user *ureq, void __user *urem)
{
	struct __kernel_timespec req, rem;
	s64 req_ns, now_ns, mono = ktime_get_ns();
	u64 deadline, left = 0;
	long ret;

	switch (id) {
	case CLOCK_REALTIME: case CLOCK_TAI: case CLOCK_MONOTONIC: case CLOCK_BOOTTIME:
		break;
	case CLOCK_MONOTONIC_RAW: case CLOCK_REALTIME_COARSE: case CLOCK_MONOTONIC_COARSE:
		return -EOPNOTSUPP;	/* as Linux: these clocks cannot be slept on */
	default:
		return -EINVAL;
	}
	if (get_timespec(&req, ureq))
		return -EFAULT;
	if (!timespec_valid(&req))
		return -EINVAL;
	req_ns = timespec_to_ns(&req);
	if (flags & TIMER_ABSTIME) {
		clock_read_ns(id, &now_ns);
		if (req_ns <= now_ns)
			return 0;
		/* The same distance on the monotonic clock (a later settime does not move it). */
		deadline = req_ns - now_ns > KTIME_MAX - mono ? KTIME_MAX : mono + (req_ns - now_ns);
	} else {
		deadline = req_ns > KTIME_MAX - mono ? KTIME_MAX : mono + req_ns;
	}
	ret = do_nanosleep_until(deadline, &left);
	if (ret && !(flags & TIMER_ABSTIME) && urem) {
		rem = ns_to_timespec(left);
		if (put_timespec(&rem, urem))
			return -EFAULT;
	}
	return ret;
}

SYSCALL_DEFINE(clock_nanosleep)
{
	return do_clock_nanosleep((int)a0, (int)a1, (const void __user *)a2, (void __user *)a3);
}

SYSCALL_DEFINE(nanosleep)
{
	return do_clock_nanosleep(CLOCK_MONOTONIC, 0, (const void __user *)a0, (void __user *)a1);
}

/* ---- CPU time: times, getrusage ---- */

SYSCALL_DEFINE(times)
{
	struct signal_struct *sig = current->signal;
	struct tms tms;
	u64 ut, st;

	if (a0) {
		thread_group_cputime_ns(current, &ut, &st);
		tms.tms_utime = nsec_to_clock_t(ut);
		tms.tms_stime = nsec_to_clock_t(st);
		tms.tms_cutime = nsec_to_clock_t(sig->cutime);
		tms.tms_cstime = nsec_to_clock_t(sig->cstime);
		if (copy_to_user((void __user *)a0, &tms, sizeof(tms)))
			return -EFAULT;
	}
	return nsec_to_clock_t(jiffies_to_nsecs(jiffies));
}

/* getrusage's answer for @who about @p (current): 0, or -EINVAL. */
int getrusage(struct task_struct *p, int who, struct rusage *ru)
{
	struct signal_struct *sig = p->signal;
	struct task_struct *t;
	unsigned long flags;
	u64 ut, st;

	memset(ru, 0, sizeof(*ru));
	switch (who) {
	case RUSAGE_THREAD:
		ut = p->utime;
		st = p->stime;
		ru->ru_minflt = p->min_flt;
		ru->ru_majflt = p->maj_flt;
		ru->ru_nvcsw = p->nvcsw;
		ru->ru_nivcsw = p->nivcsw;
		break;
	case RUSAGE_SELF:
		thread_group_cputime_ns(p, &ut, &st);
		spin_lock_irqsave(&tasklist_lock, flags);
		for_each_thread(p, t) {
			ru->ru_minflt += t->min_flt;
			ru->ru_majflt += t->maj_flt;
			ru->ru_nvcsw += t->nvcsw;
			ru->ru_nivcsw += t->nivcsw;
		}
		spin_unlock_irqrestore(&tasklist_lock, flags);
		break;
	case RUSAGE_CHILDREN:
		ut = sig->cutime;
		st = sig->cstime;
		ru->ru_minflt = sig->cmin_flt;
		ru->ru_majflt = sig->cmaj_flt;
		break;
	default:
		return -EINVAL;
	}
	ru->ru_utime = ns_to_timeval(ut);
	ru->ru_stime = ns_to_timeval(st);
	return 0;
}

SYSCALL_DEFINE(getrusage)
{
	struct rusage ru;
	int err = getrusage(current, (int)a0, &ru);

	if (err)
		return err;
	return copy_to_user((void __user *)a1, &ru, sizeof(ru)) ? -EFAULT : 0;
}

/* ---- ITIMER_REAL ---- */

/* Jiffies for @tv (valid), rounded up. */
static unsigned long timeval_to_jiffies_ceil(const struct timeval *tv)
{
	struct __kernel_timespec ts = { tv->tv_sec, tv->tv_usec * NSEC_PER_USEC };

	return nsecs_to_jiffies_ceil(timespec_to_ns(&ts));
}

/* @j jiffies as a timeval. */
static struct timeval jiffies_to_timeval(unsigned long j)
{
	return ns_to_timeval(jiffies_to_nsecs(j));
}

/*
 * The time left of a timer due at @expires when it is @now, as getitimer
 * shows it: an armed timer whose time has come but whose tick has not yet
 * run shows 1 us (as Linux), so that it does not read as disarmed.
 */
struct timeval itimer_remaining(unsigned long expires, unsigned long now)
{
	long left = (long)(expires - now);
	struct timeval tv = { 0, 1 };

	if (left > 0)
		tv = jiffies_to_timeval(left);
	return tv;
}

/* The tick: SIGALRM to the process, and re-arm if it has an interval. */
static void it_real_fn(struct timer_list *t)
{
	struct signal_struct *sig = from_timer(sig, t, real_timer);
	siginfo_t info = { .si_signo = SIGALRM, .si_code = SI_KERNEL };

	if (sig->it_real_task)
		group_send_sig_info(SIGALRM, &info, sig->it_real_task);
	if (sig->it_real_incr) {
		sig->it_real_expires += sig->it_real_incr;
		/* Missed periods (a long tick gap) are skipped, not fired in a burst. */
		if ((long)(jiffies - sig->it_real_expires) >= 0)
			sig->it_real_expires = jiffies + 1;
		mod_timer(&sig->real_timer, sig->it_real_expires);
	} else {
		sig->it_real_expires = 0;
	}
}

/* Lock held: ITIMER_REAL's current setting. */
static void get_it_real(struct signal_struct *sig, struct itimerval *val)
{
	memset(val, 0, sizeof(*val));
	if (timer_pending(&sig->real_timer))
		val->it_value = itimer_remaining(sig->it_real_expires, jiffies);
	val->it_interval = jiffies_to_timeval(sig->it_real_incr);
}

/* Seconds >= 0 and microseconds in [0, 1e6)? */
static bool timeval_valid(const struct timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

/*
 * setitimer(ITIMER_REAL) for current's process: @new (NULL: disarm), the
 * old setting to @old if set. The first expiry comes no earlier than
 * it_value (one tick is added for the part of the current tick already
 * gone); later ones every it_interval, rounded up to ticks.
 */
int do_setitimer_real(const struct itimerval *new, struct itimerval *old)
{
	struct signal_struct *sig = current->signal;
	struct itimerval zero = { { 0, 0 }, { 0, 0 } };
	unsigned long flags, value;

	if (!new)
		new = &zero;
	if (!timeval_valid(&new->it_value) || !timeval_valid(&new->it_interval))
		return -EINVAL;
	spin_lock_irqsave(&current->sighand->siglock, flags);
	if (old)
		get_it_real(sig, old);
	del_timer(&sig->real_timer);
	if (!sig->real_timer.function)
		timer_setup(&sig->real_timer, it_real_fn, 0);
	if (!sig->it_real_task)
		sig->it_real_task = current->group_leader;
	sig->it_real_incr = timeval_to_jiffies_ceil(&new->it_interval);
	value = timeval_to_jiffies_ceil(&new->it_value);
	sig->it_real_expires = 0;
	if (value) {
		sig->it_real_expires = jiffies + min(value + 1, MAX_JIFFY_OFFSET);
		mod_timer(&sig->real_timer, sig->it_real_expires);
	}
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return 0;
}

void exit_itimers(struct signal_struct *sig)
{
	del_timer(&sig->real_timer);
	sig->it_real_expires = 0;
}

SYSCALL_DEFINE(getitimer)
{
	struct itimerval val;
	unsigned long flags;

	if ((int)a0 != ITIMER_REAL)
		return -EINVAL;
	spin_lock_irqsave(&current->sighand->siglock, flags);
	get_it_real(current->signal, &val);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return copy_to_user((void __user *)a1, &val, sizeof(val)) ? -EFAULT : 0;
}

SYSCALL_DEFINE(setitimer)
{
	struct itimerval new, old;
	int err;

	if ((int)a0 != ITIMER_REAL)
		return -EINVAL;
	if (a1 && copy_from_user(&new, (const void __user *)a1, sizeof(new)))
		return -EFAULT;
	err = do_setitimer_real(a1 ? &new : NULL, &old);
	if (err)
		return err;
	if (a2 && copy_to_user((void __user *)a2, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
