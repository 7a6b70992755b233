/*
 * ktest: in-kernel self tests. A test is a function registered with
 *
 *	KTEST(buddy_zones) { KT_EXPECT(alloc_page(GFP_DMA32) != NULL); ... }
 *
 * and run at boot by "ktest=all" (or "ktest=PREFIX") on the command line,
 * each in its own kernel thread. Output, one line per test and a total:
 *	ktest: ok - buddy_zones
 *	ktest: not ok - buddy_zones: kernel/x.c:12: alloc_page(...) != NULL
 *	ktest: N passed, N failed
 * Writing a name to /proc/ktest runs tests later on (ktest_run below,
 * fs/proc/ktest.c); reading it gives the same lines without "ktest: ".
 */
#ifndef _LINUX_KTEST_H
#define _LINUX_KTEST_H

#include <linux/kernel.h>

struct ktest {
	const char *name;
	void (*fn)(struct ktest *t);
};

struct ktest_state {
	int failures;
};

#define KTEST(tname)							\
	static void ktest_##tname(struct ktest *t);			\
	static const struct ktest __ktest_##tname			\
	__used __section("ktests") __aligned(8) = { #tname, ktest_##tname }; \
	static void ktest_##tname(struct ktest *__kt __maybe_unused)

void ktest_fail(const char *file, int line, const char *fmt, ...) __printf(3, 4);

/* Record a failure (and go on) if @cond is false. Evaluates to @cond. */
#define KT_EXPECT(cond) ({ bool __c = !!(cond);				\
	if (!__c) { ktest_fail(__FILE__, __LINE__, "%s", #cond); } __c; })
#define KT_EXPECT_MSG(cond, ...) ({ bool __c = !!(cond);		\
	if (!__c) { ktest_fail(__FILE__, __LINE__, __VA_ARGS__); } __c; })

/* Boot: run the tests "ktest=" selects (kernel/ktest.c). */
void ktest_run_all(void);

struct seq_buf;
/*
 * Runs the tests @filter picks ("all" or a name prefix, as "ktest="),
 * printing the usual lines; with @out, also appends them there without
 * the "ktest: " prefix ("ok - NAME", "not ok - NAME (N failed checks)",
 * "  FILE:LINE: MSG"), the last one "N passed, N failed". Counts into
 * @passed and @failed. 0, -EINVAL for an empty filter, -EBUSY from a
 * test inside a test's run. Sleeps (one run at a time; a test may start
 * one run of its own, which nests).
 */
int ktest_run(const char *filter, struct seq_buf *out, int *passed, int *failed);
/* Boot: crash on purpose as "crash=KIND" asks (tests/kernel/crashtest.c). */
void run_crash_tests(void);

#endif
