/*
 * In-kernel test of the console tty on the real UART (ktest=tty): writes
 * through /dev/console, then, when tests/qemu/t_tty.sh types on the
 * serial line, that bytes typed while the tty was closed reach the first
 * reader (the driver's ring handed over at open) and that a reader asleep
 * in a canonical read is woken by the RX interrupt with the edited line.
 * Nobody typing (ktest=all): those checks are skipped after a short wait.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/delay.h>
#include <linux/devtmpfs.h>
#include <linux/ktest.h>

#define TYPEAHEAD_WAIT_MS	3000	/* how long t_tty.sh has to type the first line */

/* /dev, mounted at boot; a test boot without a root may need it mounted here. */
static void tty_test_setup(void)
{
	struct path path;

	if (kern_path("/dev/console", LOOKUP_FOLLOW, &path) == 0) {
		path_put(&path);
		return;
	}
	pr_warn("tty: /dev/console missing at boot: mounting devtmpfs on /dev here\n");
	KT_EXPECT(devtmpfs_mount("/dev") == 0);
}

/*
 * Non-blocking reads of @f into @buf (@size bytes) every 10 ms until one
 * returns data or @ms pass: the bytes read, or -EAGAIN if none came.
 */
static ssize_t read_within(struct file *f, char *buf, size_t size, unsigned int ms)
{
	loff_t pos = 0;
	ssize_t n;

	f->f_flags |= O_NONBLOCK;
	for (unsigned int waited = 0;; waited += 10) {
		n = kernel_read(f, buf, size, &pos);
		if (n != -EAGAIN || waited >= ms)
			break;
		msleep(10);
	}
	f->f_flags &= ~O_NONBLOCK;
	return n;
}

KTEST(tty_console)
{
	static const char msg[] = "tty: a write through /dev/console\n";
	char buf[64];
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	tty_test_setup();
	/* Typed now, while no one has the tty open: the driver's ring keeps it. */
	pr_info("tty: ready for type-ahead\n");
	msleep(TYPEAHEAD_WAIT_MS / 2);
	f = filp_open("/dev/console", O_RDWR, 0);
	if (!KT_EXPECT(!IS_ERR(f)))
		return;
	KT_EXPECT(kernel_write(f, msg, strlen(msg), &pos) == (ssize_t)strlen(msg));
	memset(buf, 0, sizeof(buf));
	n = read_within(f, buf, sizeof(buf) - 1, TYPEAHEAD_WAIT_MS / 2);
	if (n == -EAGAIN) {
		pr_info("tty: nothing typed: the typed checks are skipped\n");
		filp_close(f);
		return;
	}
	KT_EXPECT_MSG(n == 6 && !memcmp(buf, "ahead\n", 6), "type-ahead read %zd \"%s\"", n, buf);
	pr_info("tty: typed ahead: \"%.*s\"\n", n > 0 ? (int)n - 1 : 0, buf);

	/* A blocking canonical read: the RX interrupt wakes it with the edited line. */
	pr_info("tty: type a line\n");
	memset(buf, 0, sizeof(buf));
	pos = 0;
	n = kernel_read(f, buf, sizeof(buf) - 1, &pos);
	KT_EXPECT_MSG(n == 12 && !memcmp(buf, "hello world\n", 12), "line read %zd \"%s\"", n, buf);
	pr_info("tty: line read: \"%.*s\"\n", n > 0 ? (int)n - 1 : 0, buf);
	filp_close(f);
}
