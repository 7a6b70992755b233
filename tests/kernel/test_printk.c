/*
 * In-kernel tests of printk's console output (ktest=printk), through a
 * console that records what reaches it: a pr_cont follows the visibility
 * of the line it continues. Left out: the ring buffer (log_buf_read).
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/ktest.h>
#include <linux/string.h>

/* What capture_console received; only the test's thread touches it. */
static char seen[512];
static size_t seen_len;

/* Keep what the consoles get, NUL-terminated; drop what does not fit. */
static void capture_write(struct console *con, const char *s, size_t n)
{
	while (n-- && seen_len < sizeof(seen) - 1)
		seen[seen_len++] = *s++;
	seen[seen_len] = 0;
}

static struct console capture_console = {
	.name = "ktest",
	.write = capture_write,
};

/* A hidden line's pr_cont stays hidden; a shown one's joins its line. */
KTEST(printk_cont_follows_its_line)
{
	int saved = console_loglevel;

	seen_len = 0;
	seen[0] = 0;
	register_console(&capture_console);
	console_loglevel = 7;		/* KERN_DEBUG hidden, KERN_ERR shown */
	printk(KERN_DEBUG "ktest-hidden");
	pr_cont(" ktest-hidden-cont\n");
	printk(KERN_ERR "ktest: printk test line");
	pr_cont(" and its continuation\n");
	console_loglevel = saved;
	unregister_console(&capture_console);
	KT_EXPECT_MSG(!strstr(seen, "ktest-hidden"), "hidden line leaked: '%s'", seen);
	KT_EXPECT_MSG(strstr(seen, "] ktest: printk test line and its continuation\n"),
		      "shown line with its pr_cont, one line: '%s'", seen);
}
