/*
 * ktest runner: runs the tests in the "ktests" section whose names match
 * "ktest=" on the command line, each in a fresh kernel thread (so a test
 * runs on a vmalloc'd stack and may sleep), and prints the results. The
 * same runner serves /proc/ktest (ktest_run), which also keeps the
 * result lines in a buffer. After KUnit in spirit (tests linked in, a
 * TAP-like ok / not ok line each); leaves out suites, init/exit hooks
 * and running tests in parallel.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/params.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/seq_buf.h>
#include <asm/sections.h>

static const char *ktest_filter;	/* "all" or a name prefix; NULL: no tests */

/*
 * One run of the runner. One test at a time: its thread writes failures,
 * and the runner reads them only after kthread_stop returned. A test may
 * start a run of its own (through /proc/ktest): that run nests inside
 * (outer), and ktest_cur points at the innermost.
 */
struct ktest_run {
	const char *filter;
	struct seq_buf *out;		/* the result lines too, or NULL */
	int failures;			/* of the test running now */
	struct task_struct *thread;	/* that test's thread */
	struct ktest_run *outer;
};

static struct ktest_run *ktest_cur;
static DEFINE_MUTEX(ktest_mutex);	/* one top-level run at a time */

/* "ktest=all" or "ktest=PREFIX"; -EINVAL if empty. Keeps a pointer into the line. */
static int ktest_setup(char *val)
{
	if (!val || !*val)
		return -EINVAL;
	ktest_filter = val;
	return 0;
}
__setup("ktest=", ktest_setup);

/* The levels of ktest_out's lines, as the boot log has always had them. */
enum ktest_level { KT_INFO, KT_NOTICE, KT_ERR };

/*
 * The console's prefix: "ktest: " for boot runs; runs for /proc/ktest
 * (with a buffer) say "ktest[proc]: ", so that the boot log's own result
 * lines, which the QEMU tests count, stay the boot run's alone.
 */
static const char *ktest_prefix(const struct ktest_run *run)
{
	return run && run->out ? "ktest[proc]: " : "ktest: ";
}

/*
 * One result line: the prefix and the text on the console at @level, and
 * the text alone appended to the run's buffer if it has one.
 */
static void ktest_out(struct ktest_run *run, enum ktest_level level, const char *fmt, ...)
	__printf(3, 4);
static void ktest_out(struct ktest_run *run, enum ktest_level level, const char *fmt, ...)
{
	char line[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	switch (level) {
	case KT_INFO: pr_info("%s%s", ktest_prefix(run), line); break;
	case KT_NOTICE: pr_notice("%s%s", ktest_prefix(run), line); break;
	case KT_ERR: pr_err("%s%s", ktest_prefix(run), line); break;
	}
	if (run->out)
		seq_buf_puts(run->out, line);
}

/*
 * A failed check (KT_EXPECT) at @file:@line: count it for the running
 * test and print the message. The test goes on. Test thread context.
 */
void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	struct ktest_run *run = ktest_cur;
	va_list ap;

	if (!run) {	/* a check outside any run (a test called directly) */
		pr_err("ktest: check failed outside a run at %s:%d\n", file, line);
		return;
	}
	run->failures++;
	printk(KERN_ERR "%s  %s:%d: ", ktest_prefix(run), file, line);
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk(KERN_CONT "\n");
	if (run->out) {
		seq_buf_printf(run->out, "  %s:%d: ", file, line);
		va_start(ap, fmt);
		seq_buf_vprintf(run->out, fmt, ap);
		va_end(ap);
		seq_buf_puts(run->out, "\n");
	}
}

/* Body of a test's kernel thread: run the test once; kthread_stop collects it. */
static int ktest_thread(void *data)
{
	const struct ktest *t = data;

	t->fn((struct ktest *)t);
	return 0;
}

/*
 * Does @filter pick @t: a prefix of its name, or "all" (which leaves out
 * the benchmarks, "bench_*": they measure rather than check, and take long).
 */
static bool ktest_selected(const struct ktest *t, const char *filter)
{
	if (!strcmp(filter, "all"))
		return strncmp(t->name, "bench_", 6) != 0;
	return !strncmp(t->name, filter, strlen(filter));
}

/*
 * Free @k's stack now, not whenever the dying thread next runs: a test
 * counting free pages would otherwise see its predecessor's stack come
 * back in the middle. Waits for the scheduler to drop its hold, then
 * drops ours (taken before the thread could run).
 */
static void ktest_reap(struct task_struct *k)
{
	while (__atomic_load_n(&k->usage, __ATOMIC_ACQUIRE) > 1)
		yield();
	put_task_struct(k);
}

/* Runs @t in its own thread as part of @run: true if no check failed. */
static bool ktest_one(struct ktest_run *run, const struct ktest *t)
{
	struct task_struct *k;

	run->failures = 0;
	k = kthread_create(ktest_thread, (void *)t, t->name);
	if (!k) {
		ktest_out(run, KT_ERR, "not ok - %s: no memory for its thread\n", t->name);
		return false;
	}
	run->thread = k;
	get_task_struct(k);
	wake_up_process(k);
	kthread_stop(k);
	run->thread = NULL;
	ktest_reap(k);
	if (run->failures) {
		ktest_out(run, KT_ERR, "not ok - %s (%d failed checks)\n", t->name, run->failures);
		return false;
	}
	ktest_out(run, KT_INFO, "ok - %s\n", t->name);
	return true;
}

/* The tests of @run's filter, one after another; the summary line last. */
static void ktest_run_tests(struct ktest_run *run, int *passed, int *failed)
{
	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++) {
		if (!ktest_selected(t, run->filter))
			continue;
		if (ktest_one(run, t))
			(*passed)++;
		else
			(*failed)++;
	}
	ktest_out(run, KT_NOTICE, "%d passed, %d failed\n", *passed, *failed);
}

/* Is current the thread of the innermost run's test (so a run from it nests)? */
static bool ktest_in_test(void)
{
	return ktest_cur && ktest_cur->thread == current;
}

int ktest_run(const char *filter, struct seq_buf *out, int *passed, int *failed)
{
	struct ktest_run run = { .filter = filter, .out = out };
	bool nested = ktest_in_test();

	*passed = *failed = 0;
	if (!filter || !*filter)
		return -EINVAL;
	if (nested && ktest_cur->outer)
		return -EBUSY;		/* one level of nesting is enough */
	if (!nested)
		mutex_lock(&ktest_mutex);
	run.outer = ktest_cur;
	ktest_cur = &run;
	ktest_run_tests(&run, passed, failed);
	ktest_cur = run.outer;
	if (!nested)
		mutex_unlock(&ktest_mutex);
	return 0;
}

/*
 * Run the selected tests one after another; nothing if no "ktest=". Boot
 * thread, after the scheduler and interrupts are up (tests may sleep).
 */
void ktest_run_all(void)
{
	int passed, failed;

	if (ktest_filter)
		ktest_run(ktest_filter, NULL, &passed, &failed);
}
