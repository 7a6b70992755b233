/*
 * ktest runner: runs the tests in the "ktests" section whose names match
 * "ktest=" on the command line, each in a fresh kernel thread (so a test
 * runs on a vmalloc'd stack and may sleep), and prints the results. After
 * KUnit in spirit (tests linked in, a TAP-like ok / not ok line each);
 * leaves out suites, init/exit hooks and running tests in parallel.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/params.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/sections.h>

static const char *ktest_filter;	/* "all" or a name prefix; NULL: no tests */
/*
 * Of the test running now. One test at a time: its thread writes, and
 * ktest_run_all reads only after kthread_stop returned, so no lock.
 */
static int ktest_failures;

/* "ktest=all" or "ktest=PREFIX"; -EINVAL if empty. Keeps a pointer into the line. */
static int ktest_setup(char *val)
{
	if (!val || !*val)
		return -EINVAL;
	ktest_filter = val;
	return 0;
}
__setup("ktest=", ktest_setup);

/*
 * A failed check (KT_EXPECT) at @file:@line: count it for the running
 * test and print the message. The test goes on. Test thread context.
 */
void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	ktest_failures++;
	printk(KERN_ERR "ktest:   %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk(KERN_CONT "\n");
}

/* Body of a test's kernel thread: run the test once; kthread_stop collects it. */
static int ktest_thread(void *data)
{
	const struct ktest *t = data;

	t->fn((struct ktest *)t);
	return 0;
}

/*
 * Does "ktest=" pick @t: a prefix of its name, or "all" (which leaves out
 * the benchmarks, "bench_*": they measure rather than check, and take long).
 */
static bool ktest_selected(const struct ktest *t)
{
	if (!strcmp(ktest_filter, "all"))
		return strncmp(t->name, "bench_", 6) != 0;
	return !strncmp(t->name, ktest_filter, strlen(ktest_filter));
}

/*
 * Run the selected tests one after another; nothing if no "ktest=". Boot
 * thread, after the scheduler and interrupts are up (tests may sleep).
 */
void ktest_run_all(void)
{
	int passed = 0, failed = 0;

	if (!ktest_filter)
		return;
	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++) {
		struct task_struct *k;

		if (!ktest_selected(t))
			continue;
		ktest_failures = 0;
		k = kthread_run(ktest_thread, (void *)t, t->name);
		if (!k) {
			pr_err("ktest: not ok - %s: no memory for its thread\n", t->name);
			failed++;
			continue;
		}
		kthread_stop(k);
		if (ktest_failures) {
			pr_err("ktest: not ok - %s (%d failed checks)\n", t->name, ktest_failures);
			failed++;
		} else {
			pr_info("ktest: ok - %s\n", t->name);
			passed++;
		}
	}
	pr_notice("ktest: %d passed, %d failed\n", passed, failed);
}
