/*
 * What the kernel provides and the host tests must stand in for: printk,
 * panic, the linear-map offset and the current CPU number.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "test.h"

int test_failed, test_passed;
unsigned long va_pa_offset;
int host_cpu_id;

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
