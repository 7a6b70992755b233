/*
 * /proc/uptime: "seconds-since-boot idle-seconds", both with two decimals
 * (Linux's format). The idle figure is every CPU's idle time added up
 * (kernel/cputime.c: ticks that found the idle task running).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/seq_buf.h>
#include <linux/cpumask.h>
#include <linux/kernel_stat.h>
#include "internal.h"

/* The /proc/uptime text, from the time CSR (ktime_get_ns) and the idle ticks. Any context. */
static void uptime_proc_show(struct seq_buf *s)
{
	u64 cs = ktime_get_ns() / 10000000, idle = 0;	/* centiseconds */
	unsigned int cpu;

	for_each_online_cpu(cpu)
		idle += kcpustat_cpu(cpu)->cpustat[CPUTIME_IDLE];
	idle /= 10000000;
	seq_buf_printf(s, "%lu.%02lu %lu.%02lu\n", (unsigned long)(cs / 100), (unsigned long)(cs % 100),
		       (unsigned long)(idle / 100), (unsigned long)(idle % 100));
}

int proc_uptime_init(void)
{
	return proc_create_single("uptime", 0444, NULL, uptime_proc_show) ? 0 : -ENOMEM;
}
