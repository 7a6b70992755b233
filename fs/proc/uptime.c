/*
 * /proc/uptime: "seconds-since-boot idle-seconds", both with two decimals
 * (Linux's format). rivet does not count the idle task's time yet, so the
 * second figure is the uptime as well (docs/proc.md says so).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/seq_buf.h>
#include "internal.h"

/* The /proc/uptime text, from the time CSR (ktime_get_ns). Any context. */
static void uptime_proc_show(struct seq_buf *s)
{
	u64 cs = ktime_get_ns() / 10000000;	/* centiseconds */
	unsigned long sec = cs / 100, frac = cs % 100;

	seq_buf_printf(s, "%lu.%02lu %lu.%02lu\n", sec, frac, sec, frac);
}

int proc_uptime_init(void)
{
	return proc_create_single("uptime", 0444, NULL, uptime_proc_show) ? 0 : -ENOMEM;
}
