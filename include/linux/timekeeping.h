/*
 * Wall-clock time (drivers/rtc/timekeeping.c): the time an RTC read at
 * boot (drivers/rtc/rtc-goldfish.c) plus the uptime of the time CSR. No
 * RTC: the epoch at boot plus the uptime (one message says so). No NTP,
 * no settimeofday from user space yet, no leap seconds.
 *
 * ktime_get_real_ts64 returns the time (Linux fills a pointer instead).
 * struct timespec64 is fs.h's (its first user), hence the include.
 */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H

#include <linux/types.h>
#include <linux/fs.h>

#define NSEC_PER_SEC	1000000000LL

/* Seconds and nanoseconds since 1970-01-01 00:00 UTC now. Any context. */
struct timespec64 ktime_get_real_ts64(void);
/* Its seconds. Any context. */
time64_t ktime_get_real_seconds(void);
/*
 * Sets the wall time now to @ts (the RTC driver at probe): 0, or -EINVAL
 * if tv_nsec is not in [0, 1e9) or tv_sec is negative. Any context.
 */
int do_settimeofday64(const struct timespec64 *ts);

/* A broken-down UTC time, Linux's struct tm fields. */
struct tm {
	int tm_sec;		/* 0..59 */
	int tm_min;		/* 0..59 */
	int tm_hour;		/* 0..23 */
	int tm_mday;		/* 1..31 */
	int tm_mon;		/* 0..11 */
	long tm_year;		/* years since 1900 */
	int tm_wday;		/* 0..6, Sunday 0 */
	int tm_yday;		/* 0..365 */
};

/* @totalsecs + @offset seconds since the epoch as a UTC date (proleptic Gregorian, any sign). */
void time64_to_tm(time64_t totalsecs, int offset, struct tm *result);

#endif
