/*
 * In-kernel tests of pipes, FIFOs and polling with real sleeps
 * (ktest=pipe): a reader, a writer, a poller or a FIFO opener blocks in
 * the test's thread and a second kernel thread ends the wait after a
 * nap. The single-task cases are the host test's (tests/host/test_pipe.c).
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/fdtable.h>
#include <linux/poll.h>
#include <linux/pipe_fs_i.h>

#define NAP_MS		30

/* What the helper thread does after its nap. */
struct pipe_helper {
	struct file *file;
	int op;			/* HELP_WRITE, HELP_READ, HELP_CLOSE, HELP_OPEN_FIFO */
	size_t len;
	ssize_t result;
	unsigned long done_at;	/* jiffies when it acted */
	unsigned int unread_before;	/* HELP_READ: bytes in the pipe when it came to read */
};

enum { HELP_WRITE, HELP_READ, HELP_CLOSE, HELP_OPEN_FIFO };

#define KT_FIFO		"/tmp/ktest-pipe-fifo"

static char kt_buf[8192];

static ssize_t kread(struct file *f, void *buf, size_t n)
{
	loff_t pos = 0;

	return kernel_read(f, buf, n, &pos);
}

static ssize_t kwrite(struct file *f, const void *buf, size_t n)
{
	loff_t pos = 0;

	return kernel_write(f, buf, n, &pos);
}

/* The helper thread: nap, then act on the pipe once. */
static int pipe_helper_thread(void *data)
{
	struct pipe_helper *h = data;
	static char scratch[8192];

	msleep(NAP_MS);
	h->done_at = jiffies;
	switch (h->op) {
	case HELP_WRITE:
		h->result = kwrite(h->file, "ping", 4);
		break;
	case HELP_READ:
		h->unread_before = pipe_nr_unread(h->file->private_data);
		h->result = kread(h->file, scratch, h->len);
		break;
	case HELP_CLOSE:
		fput(h->file);
		h->result = 0;
		break;
	case HELP_OPEN_FIFO:
		h->file = filp_open(KT_FIFO, O_WRONLY, 0);
		h->result = IS_ERR(h->file) ? PTR_ERR(h->file) : 0;
		break;
	}
	return 0;
}

/*
 * The fd table the poll tests use: a kthread's own (init_files, by the
 * issue-8 contract), lent to it if it has none yet. Returns what to restore.
 */
static struct files_struct *kt_files_get(void)
{
	struct files_struct *had = current->files;

	if (!had)
		current->files = &init_files;
	return had;
}

static struct task_struct *start_helper(struct pipe_helper *h)
{
	return kthread_run(pipe_helper_thread, h, "kt-pipe");
}

/* A blocking read sleeps until the other thread writes. */
KTEST(pipe_blocking_read)
{
	struct pipe_helper h = { .op = HELP_WRITE };
	struct task_struct *k;
	struct file *f[2];
	char buf[16];

	if (!KT_EXPECT(create_pipe_files(f, 0) == 0))
		return;
	h.file = f[1];
	k = start_helper(&h);
	if (KT_EXPECT(k)) {
		KT_EXPECT(kread(f[0], buf, sizeof(buf)) == 4 && !memcmp(buf, "ping", 4));
		KT_EXPECT(h.done_at && h.result == 4);
		kthread_stop(k);
	}
	fput(f[0]);
	fput(f[1]);
}

/* A blocking read of an empty pipe gets 0 when the last writer closes. */
KTEST(pipe_blocking_read_eof)
{
	struct pipe_helper h = { .op = HELP_CLOSE };
	struct task_struct *k;
	struct file *f[2];

	if (!KT_EXPECT(create_pipe_files(f, 0) == 0))
		return;
	h.file = f[1];
	k = start_helper(&h);
	if (KT_EXPECT(k)) {
		KT_EXPECT(kread(f[0], kt_buf, 16) == 0);
		KT_EXPECT(h.done_at);
		kthread_stop(k);
	} else {
		fput(f[1]);
	}
	fput(f[0]);
}

/* A PIPE_BUF write into a pipe with 10 bytes free waits for a slot, then goes in whole. */
KTEST(pipe_blocking_write_atomic)
{
	struct pipe_helper h = { .op = HELP_READ, .len = 8192 };
	struct task_struct *k;
	struct file *f[2];
	size_t filled = 0;

	if (!KT_EXPECT(create_pipe_files(f, 0) == 0))
		return;
	memset(kt_buf, 'a', sizeof(kt_buf));
	while (filled < 65536 - 10)
		filled += kwrite(f[1], kt_buf, min_t(size_t, sizeof(kt_buf), 65536 - 10 - filled));
	h.file = f[0];
	k = start_helper(&h);
	if (KT_EXPECT(k)) {
		KT_EXPECT(kwrite(f[1], kt_buf, PIPE_BUF) == PIPE_BUF);
		KT_EXPECT(h.result == 8192);
		KT_EXPECT_MSG(h.unread_before == 65536 - 10,
			      "the waiting write put %u bytes in early", h.unread_before - (65536 - 10));
		KT_EXPECT_MSG(pipe_nr_unread(f[0]->private_data) == 65536 - 10 - 8192 + PIPE_BUF,
			      "unread %u", pipe_nr_unread(f[0]->private_data));
		kthread_stop(k);
	}
	fput(f[0]);
	fput(f[1]);
}

/* do_poll_fds sleeps without a timeout until the write wakes the pipe's queue. */
KTEST(pipe_poll_wakes)
{
	struct pipe_helper h = { .op = HELP_WRITE };
	long timeout = MAX_SCHEDULE_TIMEOUT;
	struct files_struct *had;
	struct task_struct *k;
	struct pollfd pfd;
	struct file *f[2];
	int fd;

	if (!KT_EXPECT(create_pipe_files(f, 0) == 0))
		return;
	had = kt_files_get();
	fd = get_unused_fd_flags(0);
	if (!KT_EXPECT(fd >= 0)) {
		fput(f[0]);
		fput(f[1]);
		current->files = had;
		return;
	}
	fd_install(fd, f[0]);
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	h.file = f[1];
	k = start_helper(&h);
	if (KT_EXPECT(k)) {
		KT_EXPECT(do_poll_fds(&pfd, 1, &timeout) == 1 && pfd.revents == POLLIN);
		KT_EXPECT(h.done_at);
		kthread_stop(k);
	}
	close_fd(fd);
	current->files = had;
	fput(f[1]);
}

/* A poll with a timeout and nothing ready sleeps about that long and returns 0. */
KTEST(pipe_poll_timeout)
{
	long timeout = DIV_ROUND_UP(50 * HZ, 1000);
	unsigned long start = jiffies;
	struct files_struct *had;
	struct pollfd pfd;
	struct file *f[2];
	int fd;

	if (!KT_EXPECT(create_pipe_files(f, 0) == 0))
		return;
	had = kt_files_get();
	fd = get_unused_fd_flags(0);
	if (KT_EXPECT(fd >= 0)) {
		fd_install(fd, f[0]);
		pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
		KT_EXPECT(do_poll_fds(&pfd, 1, &timeout) == 0 && timeout == 0);
		KT_EXPECT_MSG(jiffies - start >= (unsigned long)DIV_ROUND_UP(50 * HZ, 1000),
			      "slept %lu jiffies", jiffies - start);
		close_fd(fd);
	} else {
		fput(f[0]);
	}
	current->files = had;
	fput(f[1]);
}

/* Opening a FIFO for reading waits until a writer opens it. */
KTEST(pipe_fifo_open_waits)
{
	struct pipe_helper h = { .op = HELP_OPEN_FIFO };
	struct task_struct *k;
	struct file *r;
	char buf[8];

	vfs_path_unlink(KT_FIFO);
	if (!KT_EXPECT(vfs_path_mknod(KT_FIFO, S_IFIFO | 0600, 0) == 0))
		return;
	k = start_helper(&h);
	if (KT_EXPECT(k)) {
		r = filp_open(KT_FIFO, O_RDONLY, 0);
		KT_EXPECT(!IS_ERR(r) && h.done_at);
		kthread_stop(k);
		if (KT_EXPECT(h.result == 0) && !IS_ERR(r)) {
			KT_EXPECT(kwrite(h.file, "fifo", 4) == 4 && kread(r, buf, sizeof(buf)) == 4);
			fput(h.file);
		}
		if (!IS_ERR(r))
			fput(r);
	}
	vfs_path_unlink(KT_FIFO);
}

/* Two writers of PIPE_BUF records into one pipe: for the atomic-record test. */
struct record_writer {
	struct file *file;
	int id;			/* 0 or 1: the records' values are id * 128 + seq */
	int written;		/* records written */
};

#define NR_RECORDS	64

static int record_writer_thread(void *data)
{
	struct record_writer *w = data;
	static char rec[2][PIPE_BUF];

	for (int seq = 0; seq < NR_RECORDS; seq++) {
		memset(rec[w->id], w->id * 128 + seq, PIPE_BUF);
		if (kwrite(w->file, rec[w->id], PIPE_BUF) != PIPE_BUF)
			break;
		w->written++;
	}
	return 0;
}

/* Is @rec one value throughout? That value, or -1. */
static int record_value(const unsigned char *rec)
{
	for (int i = 1; i < PIPE_BUF; i++) {
		if (rec[i] != rec[0])
			return -1;
	}
	return rec[0];
}

/* Records of two concurrent writers arrive whole and, per writer, in order. */
KTEST(pipe_atomic_records_two_writers)
{
	static unsigned char rec[PIPE_BUF];
	struct record_writer w[2];
	struct task_struct *k[2];
	int next[2] = { 0, 0 }, bad = 0;
	struct file *f[2];

	if (!KT_EXPECT(create_pipe_files(f, 0) == 0))
		return;
	for (int i = 0; i < 2; i++) {
		w[i] = (struct record_writer){ .file = f[1], .id = i };
		k[i] = kthread_run(record_writer_thread, &w[i], "kt-pipe-w");
	}
	if (KT_EXPECT(k[0] && k[1])) {
		for (int n = 0; n < 2 * NR_RECORDS && !bad; n++) {
			int v;

			if (kread(f[0], rec, PIPE_BUF) != PIPE_BUF)
				bad = 1;
			v = record_value(rec);
			if (v < 0 || (v & 127) != next[v >> 7]++)
				bad = 1;
		}
		KT_EXPECT_MSG(!bad, "a record torn or out of order (next %d %d)", next[0], next[1]);
		KT_EXPECT(next[0] == NR_RECORDS && next[1] == NR_RECORDS);
	}
	for (int i = 0; i < 2; i++) {
		if (k[i])
			kthread_stop(k[i]);
	}
	fput(f[0]);
	fput(f[1]);
}
