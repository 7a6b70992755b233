/*
 * What the kernel provides and the host tests must stand in for: printk,
 * panic, the linear-map offset, the current CPU number and the online CPUs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include "test.h"

int test_failed, test_passed;
unsigned long va_pa_offset;
int host_cpu_id;
struct cpumask __cpu_online_mask = { { 1 } };	/* CPU 0 is the boot CPU */

/* Set by a test that expects panic() to be called (see EXPECT_PANIC). */
int host_panic_expected;
int host_panic_count;

int vprintk(const char *fmt, va_list ap)
{
	if (fmt[0] == '\001' && fmt[1])
		fmt += 2;
	return vprintf(fmt, ap);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	printf("panic: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	abort();
}

/* linux/preempt.h: the host has one "CPU" per host_cpu_id, never preempted. */
int __preempt_count[NR_CPUS];

/* linux/spinlock.h: a lock taken twice by one "CPU" is a bug in the code under test. */
void spin_bug_recursion(spinlock_t *l, void *caller)
{
	panic("spinlock recursion: lock %p taken again at %p", (void *)l, caller);
}

/*
 * linux/delay.h: nothing else runs while a host test "sleeps", so a test
 * may set host_msleep_hook to act as the other tasks (free memory, say).
 */
void (*host_msleep_hook)(unsigned int ms);
unsigned long host_msleep_calls;

void msleep(unsigned int ms)
{
	host_msleep_calls++;
	if (host_msleep_hook)
		host_msleep_hook(ms);
}
