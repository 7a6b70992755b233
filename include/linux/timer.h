/*
 * Kernel timers (kernel/timer.c) with Linux's timer_list names: a function
 * run from the tick, interrupts off, once jiffies reaches @expires; and
 * the tick/time conversions the time system calls share (kernel/time.c).
 * Leaves out hrtimers, deferrable and pinned timers, del_timer_sync's wait
 * for a callback on another CPU (there is one CPU; callbacks run with
 * interrupts off, so a process-context caller never sees one half done).
 */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/kernel.h>
#include <uapi/time.h>
#include <uapi/resource.h>

struct timer_list {
	/* On the pending list while armed; entry.next == NULL when not (a zeroed timer is idle). */
	struct list_head entry;
	unsigned long expires;		/* jiffies */
	void (*function)(struct timer_list *t);
	unsigned int flags;		/* accepted, unused (TIMER_* of Linux) */
};

/* The structure a timer is embedded in, from the timer (the callback's argument). */
#define from_timer(var, timer, field) container_of(timer, __typeof__(*(var)), field)

/* Make @t idle with callback @fn. Any context; @t must not be pending. */
void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *t), unsigned int flags);

/* Is @t armed (its callback still to run)? Any context. */
static inline bool timer_pending(const struct timer_list *t)
{
	return READ_ONCE(t->entry.next) != NULL;
}

/* Arm idle @t for t->expires (in the past: the next tick). Any context. */
void add_timer(struct timer_list *t);
/* (Re)arm @t for @expires; 1 if it was pending, 0 if idle. Any context, callbacks included. */
int mod_timer(struct timer_list *t, unsigned long expires);
/* Disarm @t; 1 if it was pending. Any context. */
int del_timer(struct timer_list *t);
/* The same: one CPU, so no callback can be running while the caller runs. */
static inline int del_timer_sync(struct timer_list *t)
{
	return del_timer(t);
}

/*
 * The tick (interrupts off): run every timer whose time has come, each
 * disarmed before its callback runs. O(1) when none has.
 */
void run_local_timers(void);
/* Timers armed now (tests and the profiler's curiosity). */
unsigned int nr_pending_timers(void);

struct signal_struct;
/*
 * The thread group is going away (its last thread exits, before the
 * signal_struct is freed): stop its ITIMER_REAL. A new signal_struct
 * needs nothing: a zeroed real_timer is idle (kernel/time.c).
 */
void exit_itimers(struct signal_struct *sig);

/* ---- conversions (kernel/time.c) ---- */

#define USER_HZ		100		/* clock_t ticks per second (times, /proc) */
#define NSEC_PER_USEC	1000L
#define NSEC_PER_MSEC	1000000L

/* Jiffies (HZ) covering at least @ns nanoseconds: rounded up. */
unsigned long nsecs_to_jiffies_ceil(u64 ns);
/* @j jiffies as nanoseconds. */
u64 jiffies_to_nsecs(unsigned long j);
/* Nanoseconds of CPU time as clock_t (USER_HZ ticks), rounded down. */
long nsec_to_clock_t(u64 ns);
unsigned long msecs_to_jiffies(unsigned int ms);

/* ---- for other system calls (kernel/time.c) ---- */

struct task_struct;
/*
 * Sleep (TASK_INTERRUPTIBLE) until ktime_get_ns() reaches @deadline: 0,
 * or -ERESTARTNOHAND for a signal, *@left (if set) the ns still to go.
 */
long do_nanosleep_until(u64 deadline, u64 *left);
/* getrusage(2)'s figures for @who (RUSAGE_*) about current @p: 0 or -EINVAL (wait4 uses it). */
int getrusage(struct task_struct *p, int who, struct rusage *ru);
/* setitimer(ITIMER_REAL) for current: @new NULL disarms; @old gets the old one if set. 0/-EINVAL. */
int do_setitimer_real(const struct itimerval *new, struct itimerval *old);
/* What getitimer shows of a timer due at jiffies @expires at @now (>= 1 us while armed). */
struct timeval itimer_remaining(unsigned long expires, unsigned long now);

#endif
