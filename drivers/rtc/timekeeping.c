/*
 * Wall-clock time: the offset between the time CSR's uptime and UTC, set
 * once by the RTC driver at probe (do_settimeofday64), and time64_to_tm.
 * After Linux's kernel/time/timekeeping.c at its smallest: no clocksource
 * switching, no NTP adjustment, no leap seconds; without an RTC the wall
 * time is the epoch plus the uptime (and one message says so).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>

/*
 * UTC in ns at ktime_get_ns() == 0, signed: an RTC may say 1969. Written
 * by do_settimeofday64, read anywhere (one aligned 64-bit word).
 */
static s64 boot_wall_ns;
static bool wall_time_set;
static int no_rtc_warned;	/* int: RV64 has no byte-sized AMO */

/* Tells once, at the first use of the wall time before any RTC set it. */
static void warn_no_rtc(void)
{
	if (!__atomic_exchange_n(&no_rtc_warned, 1, __ATOMIC_RELAXED))
		pr_warn("timekeeping: no RTC set the time: wall clock is 1970-01-01 + uptime\n");
}

struct timespec64 ktime_get_real_ts64(void)
{
	s64 ns;
	struct timespec64 ts;

	if (!READ_ONCE(wall_time_set))
		warn_no_rtc();
	ns = READ_ONCE(boot_wall_ns) + (s64)ktime_get_ns();
	ts.tv_sec = ns / NSEC_PER_SEC;
	ts.tv_nsec = ns % NSEC_PER_SEC;
	if (ts.tv_nsec < 0) {
		ts.tv_sec--;
		ts.tv_nsec += NSEC_PER_SEC;
	}
	return ts;
}

time64_t ktime_get_real_seconds(void)
{
	return ktime_get_real_ts64().tv_sec;
}

int do_settimeofday64(const struct timespec64 *ts)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	WRITE_ONCE(boot_wall_ns, ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec - (s64)ktime_get_ns());
	WRITE_ONCE(wall_time_set, true);
	return 0;
}

/* ---- time64_to_tm ---- */

#define SECS_PER_DAY	86400
#define DAYS_PER_400Y	146097		/* 400 * 365 + 97 leap days */
#define DAYS_PER_100Y	36524
#define DAYS_PER_4Y	1461
#define MAR2000		11017		/* 2000-03-01 in days since the epoch */

static bool is_leap_year(long year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* floor(@a / @b) and the remainder in [0, @b), for @b > 0. */
static s64 div_floor(s64 a, s64 b, s64 *rem)
{
	s64 q = a / b, r = a % b;

	if (r < 0) {
		q--;
		r += b;
	}
	*rem = r;
	return q;
}

/*
 * Year and day within it of @days since 2000-03-01 (any sign), counting
 * years from March (so a leap day ends its year): whole 400-, 100-, 4- and
 * 1-year blocks, each last block one day longer. *@mday0 gets the day.
 */
static long march_year(s64 days, s64 *mday0)
{
	s64 rem, c400 = div_floor(days, DAYS_PER_400Y, &rem);
	s64 c100 = rem / DAYS_PER_100Y, c4, c1;

	if (c100 == 4)
		c100 = 3;
	rem -= c100 * DAYS_PER_100Y;
	c4 = rem / DAYS_PER_4Y;
	rem -= c4 * DAYS_PER_4Y;
	c1 = rem / 365;
	if (c1 == 4)
		c1 = 3;
	rem -= c1 * 365;
	*mday0 = rem;
	return 2000 + 400 * c400 + 100 * c100 + 4 * c4 + c1;
}

void time64_to_tm(time64_t totalsecs, int offset, struct tm *result)
{
	/* Month lengths from March; February last. */
	static const int mdays[12] = { 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 29 };
	s64 secs, day, days = div_floor(totalsecs + offset, SECS_PER_DAY, &secs), wd;
	long year = march_year(days - MAR2000, &day);
	int m = 0;

	result->tm_hour = secs / 3600;
	result->tm_min = secs / 60 % 60;
	result->tm_sec = secs % 60;
	div_floor(days + 4, 7, &wd);		/* 1970-01-01 was a Thursday */
	result->tm_wday = wd;
	while (day >= mdays[m]) {
		day -= mdays[m];
		m++;
	}
	result->tm_mday = day + 1;
	result->tm_mon = (m + 2) % 12;
	if (m >= 10)
		year++;				/* January and February */
	result->tm_year = year - 1900;
	result->tm_yday = day;
	for (int i = 0; i < result->tm_mon; i++)
		result->tm_yday += i == 1 ? 28 + is_leap_year(year) : mdays[(i + 10) % 12];
}
