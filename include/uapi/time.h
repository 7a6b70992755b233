/*
 * Time as the system calls pass it on riscv64 (64-bit time_t everywhere):
 * timespecs, timevals, interval timers, times(2), and the clock ids. The
 * kernel's own time is struct timespec64 (linux/fs.h).
 */
#ifndef _UAPI_TIME_H
#define _UAPI_TIME_H

#include <linux/types.h>

/* The y2038-safe timespec every time64 system call takes (16 bytes). */
struct __kernel_timespec {
	long long tv_sec;
	long long tv_nsec;
};

/* The same size and layout on a 64-bit ABI. */
struct timespec {
	long tv_sec;
	long tv_nsec;
};

struct timeval {
	long tv_sec;
	long tv_usec;
};

/* gettimeofday's second argument: always zeros on Linux today. */
struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

struct itimerspec {
	struct timespec it_interval;
	struct timespec it_value;
};

struct itimerval {
	struct timeval it_interval;	/* reload value; 0 = one shot */
	struct timeval it_value;	/* time to the next expiry */
};

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

/* times(2): clock ticks (USER_HZ, 100 a second). */
struct tms {
	long tms_utime;
	long tms_stime;
	long tms_cutime;
	long tms_cstime;
};

/* clock_gettime's clock ids */
#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7
#define CLOCK_REALTIME_ALARM		8
#define CLOCK_BOOTTIME_ALARM		9
#define CLOCK_TAI			11

/* clock_nanosleep, timer_settime: the time is absolute, not relative. */
#define TIMER_ABSTIME			0x01

#endif
