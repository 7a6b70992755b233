/*
 * /proc/ktest: the in-kernel tests on demand. A write of a test name (a
 * prefix, as "ktest=", or "all"; one trailing newline allowed) runs
 * those tests now through kernel/ktest.c's runner, in the writer's
 * context, and keeps their result lines; a read returns the lines of
 * the last run, ending "N passed, N failed". rivet's own file (Linux has
 * KUnit's debugfs results instead). The write does not move the file
 * position, so the same descriptor reads the results from 0.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/mutex.h>
#include <linux/vmalloc.h>
#include <linux/seq_buf.h>
#include <linux/ktest.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include "internal.h"

#define KTEST_OUT_SIZE	(64 * 1024)	/* the last run's lines */
#define KTEST_NAME_MAX	64
#define KTEST_TAIL	64		/* kept free for the summary line */

static DEFINE_MUTEX(ktest_out_lock);	/* ktest_out and ktest_out_len */
static char *ktest_out;			/* vmalloc'd at the first write */
static size_t ktest_out_len;

/*
 * @s overflowed: cut it after its last whole line within the room left
 * for the summary, and mark the cut.
 */
static void ktest_out_trim(struct seq_buf *s)
{
	size_t len = min(s->len, s->size - KTEST_TAIL);

	while (len && s->buf[len - 1] != '\n')
		len--;
	s->len = len;
	s->buf[len] = 0;
	s->overflow = false;
	seq_buf_puts(s, "(output cut)\n");
}

/*
 * Runs @filter's tests into ktest_out (the lines, then the summary).
 * 0 or ktest_run's error (-EINVAL, -EBUSY), -ENOMEM. Sleeps.
 */
static int proc_ktest_run(const char *filter)
{
	struct seq_buf s;
	int passed, failed, err;

	mutex_lock(&ktest_out_lock);
	if (!ktest_out)
		ktest_out = vmalloc(KTEST_OUT_SIZE);
	if (!ktest_out) {
		mutex_unlock(&ktest_out_lock);
		return -ENOMEM;
	}
	seq_buf_init(&s, ktest_out, KTEST_OUT_SIZE);
	err = ktest_run(filter, &s, &passed, &failed);
	if (!err && seq_buf_has_overflowed(&s)) {
		ktest_out_trim(&s);
		seq_buf_printf(&s, "%d passed, %d failed\n", passed, failed);
	}
	ktest_out_len = err ? 0 : seq_buf_used(&s);
	mutex_unlock(&ktest_out_lock);
	return err;
}

/*
 * ->write_iter: the test name, at most KTEST_NAME_MAX - 1 bytes after the
 * newline is dropped. @count, or -EINVAL (empty, too long, a NUL), -EFAULT,
 * or the run's error. The position stays where it was.
 */
static ssize_t proc_ktest_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	size_t count = iov_iter_count(from), len = count;
	char name[KTEST_NAME_MAX];
	int err;

	if (!count || count >= sizeof(name))
		return -EINVAL;
	if (copy_from_iter(name, count, from) != count)
		return -EFAULT;
	if (name[len - 1] == '\n')
		len--;
	name[len] = 0;
	if (!len || strlen(name) != len)
		return -EINVAL;
	err = proc_ktest_run(name);
	return err ? err : (ssize_t)count;
}

/* ->read_iter: the last run's lines from ki_pos on; 0 at their end (or before any run). */
static ssize_t proc_ktest_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	size_t n, copied = 0;

	if (iocb->ki_pos < 0)
		return -EINVAL;
	mutex_lock(&ktest_out_lock);
	if ((size_t)iocb->ki_pos < ktest_out_len) {
		n = min_t(size_t, ktest_out_len - iocb->ki_pos, iov_iter_count(to));
		copied = copy_to_iter(ktest_out + iocb->ki_pos, n, to);
	}
	mutex_unlock(&ktest_out_lock);
	if (!copied && iov_iter_count(to) && (size_t)iocb->ki_pos < ktest_out_len)
		return -EFAULT;
	iocb->ki_pos += copied;
	return copied;
}

static const struct file_operations proc_ktest_operations = {
	.read_iter = proc_ktest_read_iter,
	.write_iter = proc_ktest_write_iter,
	.llseek = default_llseek,
};

int proc_ktest_init(void)
{
	return proc_create_data("ktest", 0600, NULL, &proc_ktest_operations, NULL) ? 0 : -ENOMEM;
}
