/*
 * Minimal host test framework. Each test program prints one line per check,
 * "ok - what" or "not ok - what (file:line)", and exits 1 if any failed;
 * tests/host/run.sh adds the lines up.
 */
#ifndef _HOST_TEST_H
#define _HOST_TEST_H

#include <stdio.h>

extern int test_failed, test_passed;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		test_passed++;						\
		printf("ok - ");					\
	} else {							\
		test_failed++;						\
		printf("not ok - (%s:%d: %s) ", __FILE__, __LINE__, #cond); \
	}								\
	printf(__VA_ARGS__);						\
	printf("\n");							\
} while (0)

/* Like CHECK but silent on success: for checks inside big loops. */
#define CHECK_QUIET(cond, ...) do {					\
	if (!(cond)) {							\
		test_failed++;						\
		printf("not ok - (%s:%d: %s) ", __FILE__, __LINE__, #cond); \
		printf(__VA_ARGS__);					\
		printf("\n");						\
	}								\
} while (0)

static inline int test_exit(void)
{
	return test_failed ? 1 : 0;
}

#endif
