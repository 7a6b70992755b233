/*
 * Host tests of pipes, FIFOs and polling (fs/pipe.c, fs/select.c) on the
 * host VFS stack: data order across the ring's wrap-around, atomic
 * PIPE_BUF writes, EOF, EPIPE with the SIGPIPE request, O_NONBLOCK,
 * FIONREAD, poll masks and poll_wait's queue registration, ppoll and
 * pselect6 arguments, timeouts and signal masks, pipe2, FIFOs on tmpfs.
 * Real blocking (two tasks) is the ktest's (tests/kernel/test_pipe.c).
 */
#include <stdio.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/jiffies.h>
#include <linux/poll.h>
#include <linux/pipe_fs_i.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include <uapi/ioctl.h>
#include <uapi/time.h>
#include "fs/internal.h"
#include "fs_env.h"
#include "signal_env.h"
#include "test.h"

int shmem_init(void);
SYSCALL_DEFINE(pipe2);
SYSCALL_DEFINE(ppoll);
SYSCALL_DEFINE(pselect6);

/* A user pointer that faults under the host uaccess shim. */
#define BAD_UPTR	8UL

/* ---- helpers ---- */

static struct signal_struct host_signal;
static struct sighand_struct host_sighand;

static ssize_t pread_k(struct file *f, void *buf, size_t n)
{
	loff_t pos = 0;

	return kernel_read(f, buf, n, &pos);
}

static ssize_t pwrite_k(struct file *f, const void *buf, size_t n)
{
	loff_t pos = 0;

	return kernel_write(f, buf, n, &pos);
}

static struct pipe_inode_info *pipe_of(struct file *f)
{
	return f->private_data;
}

static unsigned int mask_of(struct file *f)
{
	return f->f_op->poll(f, NULL);
}

static int fionread(struct file *f)
{
	int n = -1;

	if (f->f_op->unlocked_ioctl(f, FIONREAD, (unsigned long)&n))
		return -1;
	return n;
}

/* A pipe through pipe2 (fds installed in current's table): 0 or -Exxx. */
static long new_pipe_fds(int fd[2], int flags)
{
	return sys_pipe2((unsigned long)fd, flags, 0, 0, 0, 0);
}

static void close_fds(int fd[2])
{
	close_fd(fd[0]);
	close_fd(fd[1]);
}

/* ---- the ring ---- */

/* The byte at offset @pos of the test stream. */
static unsigned char stream_byte(unsigned long pos)
{
	return (unsigned char)(pos * 7 + pos / 251);
}

/* Bytes go through in order while the ring's slots wrap many times. */
static void test_order_wrap(void)
{
	static unsigned char out[9000], in[9000];
	unsigned long wpos = 0, rpos = 0;
	struct file *f[2];
	bool ok = true;

	CHECK(create_pipe_files(f, O_NONBLOCK) == 0, "create_pipe_files");
	for (int round = 0; round < 300 && ok; round++) {
		size_t wn = 1 + (round * 2731) % 9000, rn = 1 + (round * 1543) % 7000;
		ssize_t w, r;

		for (size_t i = 0; i < wn; i++)
			out[i] = stream_byte(wpos + i);
		w = pwrite_k(f[1], out, wn);
		if (w > 0)
			wpos += w;
		else if (w != -EAGAIN)
			ok = false;
		r = pread_k(f[0], in, rn);
		for (ssize_t i = 0; i < r; i++)
			ok &= in[i] == stream_byte(rpos + i);
		if (r > 0)
			rpos += r;
		else if (r != -EAGAIN)
			ok = false;
		ok &= (unsigned long)fionread(f[0]) == wpos - rpos;
	}
	CHECK(ok, "data in order across the ring's wrap-around (300 uneven rounds, %lu bytes)", rpos);
	CHECK(pipe_of(f[0])->head > 3 * PIPE_DEF_BUFFERS, "the ring wrapped (head %u)",
	      pipe_of(f[0])->head);
	fput(f[0]);
	fput(f[1]);
}

/* 64 KiB fit; a PIPE_BUF write goes in whole or not at all; bigger ones split. */
static void test_capacity_atomic(void)
{
	static char big[65536 + 8192];
	struct file *f[2];
	char buf[8192];

	create_pipe_files(f, O_NONBLOCK);
	memset(big, 'x', sizeof(big));
	CHECK(pwrite_k(f[1], big, 65536 - 100) == 65536 - 100, "a 65436-byte write fits");
	CHECK(pwrite_k(f[1], big, 200) == -EAGAIN && fionread(f[0]) == 65536 - 100,
	      "a 200-byte write with 100 free: -EAGAIN, nothing written (atomic)");
	CHECK(pwrite_k(f[1], big, 100) == 100 && fionread(f[0]) == 65536, "exactly the 100 free bytes: written");
	CHECK(pwrite_k(f[1], big, 1) == -EAGAIN, "full at 64 KiB: -EAGAIN");
	CHECK(!(mask_of(f[1]) & POLLOUT), "full: no POLLOUT");
	CHECK(pread_k(f[0], buf, 1) == 1 && pwrite_k(f[1], big, 1) == -EAGAIN,
	      "one byte read frees no slot: still -EAGAIN");
	CHECK(pread_k(f[0], buf, 4095) == 4095 && (mask_of(f[1]) & POLLOUT),
	      "a whole page read: a slot is free, POLLOUT");
	CHECK(pwrite_k(f[1], big, PIPE_BUF) == PIPE_BUF, "then a PIPE_BUF write fits");
	CHECK(pread_k(f[0], buf, 3000) == 3000 && pwrite_k(f[1], big, 8000) == -EAGAIN,
	      "3000 bytes read (no slot freed): an 8000-byte write finds no room");
	CHECK(pread_k(f[0], buf, 8192) == 8192 && pwrite_k(f[1], big, 8000 + 4096) == 8192,
	      "a 12096-byte write into 8 KiB of room: partial, 8192 (not atomic past PIPE_BUF)");
	fput(f[0]);
	fput(f[1]);
}

/* Read what is there; 0 at EOF; -EAGAIN when empty with O_NONBLOCK. */
static void test_eof_nonblock(void)
{
	struct file *f[2];
	char buf[64];

	create_pipe_files(f, O_NONBLOCK);
	CHECK(pread_k(f[0], buf, sizeof(buf)) == -EAGAIN, "empty, O_NONBLOCK: read -EAGAIN");
	CHECK(pwrite_k(f[1], "hello", 5) == 5, "write 5");
	CHECK(pread_k(f[0], buf, sizeof(buf)) == 5 && !memcmp(buf, "hello", 5),
	      "a 64-byte read returns the 5 there, without waiting for more");
	CHECK(pwrite_k(f[1], "bye", 3) == 3, "write 3");
	fput(f[1]);
	CHECK(pread_k(f[0], buf, sizeof(buf)) == 3, "writer closed: the data first");
	CHECK(pread_k(f[0], buf, sizeof(buf)) == 0, "then EOF (0), not -EAGAIN");
	CHECK(mask_of(f[0]) & POLLHUP, "no writer: POLLHUP for the reader");
	CHECK(pread_k(f[0], buf, 0) == 0, "a zero-byte read: 0");
	fput(f[0]);

	create_pipe_files(f, 0);
	fput(f[1]);
	CHECK(pread_k(f[0], buf, sizeof(buf)) == 0, "blocking reader, no writer: 0 at once");
	fput(f[0]);
}

/* No reader: SIGPIPE to the writer and -EPIPE. */
static void test_epipe(void)
{
	struct file *f[2];
	char buf[16] = "data";

	create_pipe_files(f, 0);
	CHECK(pwrite_k(f[1], buf, 4) == 4, "a write with a reader: 4");
	host_nr_sig_sent = 0;
	fput(f[0]);
	CHECK(mask_of(f[1]) & POLLERR, "reader closed: POLLERR for the writer");
	CHECK(pwrite_k(f[1], buf, 4) == -EPIPE, "no reader: -EPIPE");
	CHECK(host_nr_sig_sent == 1 && host_sig_sent == SIGPIPE && host_sig_task == current && host_sig_priv == 0,
	      "and send_sig(SIGPIPE, current, 0) (sent %d: sig %d priv %d)", host_nr_sig_sent, host_sig_sent,
	      host_sig_priv);
	fput(f[1]);
}

/* One f_op call through a user iovec of @nr segments (the read(2)/write(2) path). */
static ssize_t pipe_rw_user(struct file *f, int dir, struct iovec *iov, unsigned long nr)
{
	struct iov_iter iter;
	struct kiocb kiocb;
	size_t len = 0;

	for (unsigned long i = 0; i < nr; i++)
		len += iov[i].iov_len;
	init_sync_kiocb(&kiocb, f);
	iov_iter_init(&iter, dir, iov, nr, len);
	return dir == WRITE ? f->f_op->write_iter(&kiocb, &iter) : f->f_op->read_iter(&kiocb, &iter);
}

/* User buffers that fault: -EFAULT, or the bytes before the fault; nothing lost. */
static void test_user_faults(void)
{
	char good[100], back[300];
	struct iovec iov[2] = { { good, sizeof(good) }, { (void *)BAD_UPTR, 100 } };
	struct file *f[2];

	memset(good, 'g', sizeof(good));
	create_pipe_files(f, O_NONBLOCK);
	CHECK(pipe_rw_user(f[1], WRITE, &iov[1], 1) == -EFAULT && fionread(f[0]) == 0,
	      "write from a bad user buffer: -EFAULT, nothing written");
	CHECK(pipe_rw_user(f[1], WRITE, iov, 2) == 100 && fionread(f[0]) == 100,
	      "a good segment, then a bad one: the 100 bytes before the fault");
	CHECK(pipe_rw_user(f[0], READ, &iov[1], 1) == -EFAULT && fionread(f[0]) == 100,
	      "read into a bad user buffer: -EFAULT, the data stays");
	iov[0] = (struct iovec){ back, sizeof(back) };
	CHECK(pipe_rw_user(f[0], READ, iov, 1) == 100 && !memcmp(back, good, 100),
	      "then a good read gets it all");
	fput(f[0]);
	fput(f[1]);
}

/* FIONREAD counts the unread bytes; other ioctls -ENOTTY; a bad pointer -EFAULT. */
static void test_fionread(void)
{
	static char data[10000];
	struct file *f[2];
	char buf[1000];

	create_pipe_files(f, O_NONBLOCK);
	CHECK(fionread(f[0]) == 0, "FIONREAD of an empty pipe: 0");
	pwrite_k(f[1], data, sizeof(data));
	pread_k(f[0], buf, sizeof(buf));
	CHECK(fionread(f[0]) == 9000 && fionread(f[1]) == 9000, "FIONREAD: 9000 on both ends");
	CHECK(f[0]->f_op->unlocked_ioctl(f[0], FIONREAD, BAD_UPTR) == -EFAULT,
	      "FIONREAD to a bad pointer: -EFAULT");
	CHECK(f[0]->f_op->unlocked_ioctl(f[0], TCGETS, (unsigned long)buf) == -ENOTTY,
	      "TCGETS on a pipe: -ENOTTY");
	CHECK(vfs_llseek(f[0], 0, SEEK_SET) == -ESPIPE, "lseek: -ESPIPE");
	fput(f[0]);
	fput(f[1]);
}

/* Masks: reader POLLIN with data, writer POLLOUT with room; fstat says FIFO. */
static void test_poll_masks_stat(void)
{
	struct file *f[2];
	struct kstat st;

	create_pipe_files(f, O_NONBLOCK);
	CHECK(mask_of(f[0]) == 0, "empty pipe, reader: no events (mask %#x)", mask_of(f[0]));
	CHECK(mask_of(f[1]) == (POLLOUT | POLLWRNORM), "empty pipe, writer: POLLOUT|POLLWRNORM");
	pwrite_k(f[1], "z", 1);
	CHECK(mask_of(f[0]) == (POLLIN | POLLRDNORM), "data: POLLIN|POLLRDNORM");
	CHECK(vfs_getattr(&f[0]->f_path, &st) == 0 && S_ISFIFO(st.mode) && st.nlink == 1,
	      "fstat of a pipe: S_IFIFO (mode %o)", st.mode);
	CHECK(f[0]->f_inode == f[1]->f_inode && !strncmp(f[0]->f_path.dentry->d_name.name, "pipe:[", 6),
	      "both ends on one inode, named %s", f[0]->f_path.dentry->d_name.name);
	CHECK(!(f[0]->f_mode & (FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE)) &&
	      (f[0]->f_mode & FMODE_READ) && (f[1]->f_mode & FMODE_WRITE),
	      "read end FMODE_READ, write end FMODE_WRITE, neither seekable");
	fput(f[0]);
	fput(f[1]);
}

/* poll_wait queues current on both of the pipe's queues; a write wakes it. */
static void test_poll_wait_registration(void)
{
	struct poll_wqueues table;
	struct file *p[10][2];
	int entries;

	for (int i = 0; i < 10; i++)
		create_pipe_files(p[i], O_NONBLOCK);
	poll_initwait(&table);
	for (int i = 0; i < 10; i++)
		p[i][0]->f_op->poll(p[i][0], &table.pt);
	entries = table.inline_index;
	CHECK(entries == N_INLINE_POLL_ENTRIES && table.table && !table.error,
	      "20 queues: the inline entries, then a page of more");
	CHECK(waitqueue_active(&pipe_of(p[0][0])->rd_wait) && waitqueue_active(&pipe_of(p[9][0])->wr_wait),
	      "current is on the pipes' rd_wait and wr_wait");
	CHECK(vfs_atomic_read(&p[9][0]->f_count) == 3, "each entry holds a file reference");
	current->state = TASK_INTERRUPTIBLE;
	pwrite_k(p[9][1], "w", 1);
	CHECK(current->state == TASK_RUNNING, "a write to the last pipe wakes the poller");
	current->state = TASK_INTERRUPTIBLE;
	pread_k(p[0][0], (char[1]){ 0 }, 1);	/* empty: -EAGAIN, wakes nobody */
	CHECK(current->state == TASK_INTERRUPTIBLE, "a failed read wakes nobody");
	fput(p[3][1]);	/* the writer: the table holds only the readers */
	CHECK(current->state == TASK_RUNNING, "closing the other end wakes the poller");
	current->state = TASK_RUNNING;
	poll_freewait(&table);
	CHECK(!waitqueue_active(&pipe_of(p[0][0])->rd_wait) &&
	      !waitqueue_active(&pipe_of(p[9][0])->wr_wait) && !table.table,
	      "poll_freewait takes current off every queue");
	for (int i = 0; i < 10; i++) {
		fput(p[i][0]);
		if (i != 3)
			fput(p[i][1]);
	}
}

/* ---- pipe2 ---- */

static void test_pipe2(void)
{
	unsigned long files_before = nr_open_files();
	int fd[2] = { -1, -1 }, fd2[2];
	struct file *r, *w;
	char buf[8];

	CHECK(new_pipe_fds(fd, O_DIRECT) == -EINVAL && new_pipe_fds(fd, 0x1) == -EINVAL,
	      "pipe2 with O_DIRECT or O_WRONLY: -EINVAL");
	CHECK(sys_pipe2(BAD_UPTR, 0, 0, 0, 0, 0) == -EFAULT, "pipe2 to a bad pointer: -EFAULT");
	CHECK(nr_open_files() == files_before, "... and both files are closed again");
	CHECK(new_pipe_fds(fd, O_CLOEXEC | O_NONBLOCK) == 0 && fd[0] >= 0 && fd[1] == fd[0] + 1,
	      "pipe2(O_CLOEXEC|O_NONBLOCK): fds %d %d", fd[0], fd[1]);
	r = fget(fd[0]);
	w = fget(fd[1]);
	CHECK(r && w && (r->f_mode & FMODE_READ) && (w->f_mode & FMODE_WRITE) &&
	      (r->f_flags & O_NONBLOCK) && (w->f_flags & O_NONBLOCK), "fds[0] reads, fds[1] writes, O_NONBLOCK");
	CHECK(current->files->close_on_exec[0] >> fd[0] & 1 && current->files->close_on_exec[0] >> fd[1] & 1,
	      "both close-on-exec");
	CHECK(pwrite_k(w, "ab", 2) == 2 && pread_k(r, buf, 8) == 2, "data through the fds' files");
	fput(r);
	fput(w);
	CHECK(new_pipe_fds(fd2, 0) == 0 && !(current->files->close_on_exec[0] >> fd2[0] & 1),
	      "pipe2(0): not close-on-exec");
	close_fds(fd2);
	close_fds(fd);
	CHECK(nr_open_files() == files_before, "closing the fds frees the files");
}

/* ---- ppoll ---- */

static long ppoll_k(struct pollfd *fds, unsigned int n, struct __kernel_timespec *ts,
		    sigset_t *mask)
{
	return sys_ppoll((unsigned long)fds, n, (unsigned long)ts, (unsigned long)mask,
			 sizeof(sigset_t), 0);
}

static void test_ppoll(void)
{
	struct __kernel_timespec ts;
	struct pollfd pfd[4];
	int fd[2];
	unsigned long start;
	struct file *w;

	new_pipe_fds(fd, O_NONBLOCK);
	w = fget(fd[1]);
	pfd[0] = (struct pollfd){ .fd = fd[0], .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = fd[1], .events = POLLOUT };
	pfd[2] = (struct pollfd){ .fd = -1, .events = POLLIN, .revents = 77 };
	pfd[3] = (struct pollfd){ .fd = 900, .events = POLLIN };
	ts = (struct __kernel_timespec){ 0, 0 };
	CHECK(ppoll_k(pfd, 4, &ts, NULL) == 2 && pfd[0].revents == 0 && pfd[1].revents == POLLOUT &&
	      pfd[2].revents == 0 && pfd[3].revents == POLLNVAL,
	      "zero timeout: writer POLLOUT, fd -1 ignored, a closed fd POLLNVAL (%x %x %x %x)",
	      pfd[0].revents, pfd[1].revents, pfd[2].revents, pfd[3].revents);

	start = jiffies;
	ts = (struct __kernel_timespec){ 0, 50000000 };
	CHECK(ppoll_k(pfd, 1, &ts, NULL) == 0 && pfd[0].revents == 0, "empty pipe, 50 ms: 0 (timed out)");
	CHECK(jiffies - start >= 5, "it slept the 50 ms (%lu ticks at HZ %u)", jiffies - start, HZ);
	CHECK(ts.tv_sec == 0 && ts.tv_nsec == 0, "and wrote back 0 left");

	pwrite_k(w, "x", 1);
	start = jiffies;
	ts = (struct __kernel_timespec){ 2, 500 };
	CHECK(ppoll_k(pfd, 1, &ts, NULL) == 1 && pfd[0].revents == POLLIN, "data: POLLIN at once");
	CHECK(jiffies == start && ts.tv_sec == 2 && ts.tv_nsec == 500, "no time spent: 2 s 500 ns left");
	pfd[0].events = POLLOUT;
	ts = (struct __kernel_timespec){ 0, 0 };
	CHECK(ppoll_k(pfd, 1, &ts, NULL) == 0 && pfd[0].revents == 0,
	      "the reader asked for POLLOUT only: nothing (events filter the mask)");
	pfd[0].events = POLLIN;

	ts = (struct __kernel_timespec){ -1, 0 };
	CHECK(ppoll_k(pfd, 1, &ts, NULL) == -EINVAL, "negative timeout: -EINVAL");
	ts = (struct __kernel_timespec){ 0, 1000000000 };
	CHECK(ppoll_k(pfd, 1, &ts, NULL) == -EINVAL, "tv_nsec of 1e9: -EINVAL");
	CHECK(ppoll_k(pfd, task_nofile_limit() + 1, NULL, NULL) == -EINVAL,
	      "nfds over RLIMIT_NOFILE (%u): -EINVAL", task_nofile_limit());
	CHECK(sys_ppoll(BAD_UPTR, 1, 0, 0, 0, 0) == -EFAULT, "bad pollfd pointer: -EFAULT");
	CHECK(sys_ppoll((unsigned long)pfd, 1, BAD_UPTR, 0, 0, 0) == -EFAULT, "bad timespec pointer: -EFAULT");
	CHECK(sys_ppoll((unsigned long)pfd, 1, 0, BAD_UPTR, 8, 0) == -EFAULT, "bad sigmask pointer: -EFAULT");
	CHECK(sys_ppoll((unsigned long)pfd, 1, 0, (unsigned long)&ts, 4, 0) == -EINVAL,
	      "sigsetsize 4: -EINVAL");
	fput(w);
	close_fds(fd);
}

/* ppoll's mask holds for the wait; put back after, or left to the signal code. */
static void test_ppoll_sigmask(void)
{
	sigset_t orig = { { sigmask(SIGUSR2) } }, mask = { { sigmask(SIGUSR1) | sigmask(SIGKILL) } };
	struct __kernel_timespec ts = { 0, 20000000 };
	struct pollfd pfd;
	struct file *w;
	int fd[2];

	new_pipe_fds(fd, O_NONBLOCK);
	pfd = (struct pollfd){ .fd = fd[0], .events = POLLIN };
	current->blocked = orig;
	current->restore_sigmask = false;
	host_sig_pending_calls = 0;
	CHECK(ppoll_k(&pfd, 1, &ts, &mask) == 0, "ppoll with a mask, timed out: 0");
	CHECK(host_sig_pending_calls > 0 && host_sig_blocked_seen.sig[0] == sigmask(SIGUSR1),
	      "during the wait: the given mask, SIGKILL left out (%#lx)", host_sig_blocked_seen.sig[0]);
	CHECK(current->blocked.sig[0] == orig.sig[0] && !current->restore_sigmask,
	      "no signal: the old mask back at once");

	host_sig_pending = true;
	ts = (struct __kernel_timespec){ 5, 0 };
	CHECK(ppoll_k(&pfd, 1, &ts, &mask) == -ERESTARTNOHAND, "a signal: -ERESTARTNOHAND");
	CHECK(current->restore_sigmask && current->saved_sigmask.sig[0] == orig.sig[0] &&
	      current->blocked.sig[0] == sigmask(SIGUSR1),
	      "the wait's mask stays for the handler, the old one saved to restore");
	CHECK(ts.tv_sec == 5 && ts.tv_nsec == 0, "the time left written back for the restart");
	host_sig_pending = false;
	current->blocked = orig;
	current->restore_sigmask = false;

	host_sig_pending = true;
	CHECK(ppoll_k(&pfd, 1, &ts, NULL) == -ERESTARTNOHAND && !current->restore_sigmask &&
	      current->blocked.sig[0] == orig.sig[0], "no mask given: interrupted, mask untouched");
	w = fget(fd[1]);
	pwrite_k(w, "x", 1);
	fput(w);
	CHECK(ppoll_k(&pfd, 1, &ts, NULL) == 1, "a ready fd wins over a pending signal");
	host_sig_pending = false;
	close_fds(fd);
}

/* ---- pselect6 ---- */

static long pselect_k(int n, unsigned long *in, unsigned long *out, unsigned long *ex,
		      struct __kernel_timespec *ts, void *sig)
{
	return sys_pselect6(n, (unsigned long)in, (unsigned long)out, (unsigned long)ex,
			    (unsigned long)ts, (unsigned long)sig);
}

static void test_pselect6(void)
{
	struct { const sigset_t *p; size_t size; } pack;
	struct __kernel_timespec ts;
	unsigned long in[1], out[1];
	sigset_t mask = { { 0 } };
	struct file *w;
	int fd[2], n;

	new_pipe_fds(fd, O_NONBLOCK);
	n = fd[1] + 1;
	w = fget(fd[1]);
	in[0] = 1UL << fd[0];
	out[0] = 1UL << fd[1];
	ts = (struct __kernel_timespec){ 0, 0 };
	CHECK(pselect_k(n, in, out, NULL, &ts, NULL) == 1 && in[0] == 0 && out[0] == 1UL << fd[1],
	      "empty pipe: only the write end is ready");
	pwrite_k(w, "abc", 3);
	in[0] = 1UL << fd[0];
	out[0] = 1UL << fd[1];
	CHECK(pselect_k(n, in, out, NULL, NULL, NULL) == 2 && in[0] == 1UL << fd[0],
	      "with data: both bits, count 2");
	in[0] = 1UL << fd[0];
	CHECK(pselect_k(fd[0], in, NULL, NULL, &ts, NULL) == 0, "n below the fd: the bit is not looked at");

	in[0] = (1UL << fd[0]) | (1UL << 40);
	CHECK(pselect_k(41, in, NULL, NULL, &ts, NULL) == -EBADF, "a set bit for a closed fd: -EBADF");
	CHECK(pselect_k(-1, NULL, NULL, NULL, &ts, NULL) == -EINVAL, "n < 0: -EINVAL");
	in[0] = 1UL << fd[0];
	CHECK(pselect_k(n, (unsigned long *)BAD_UPTR, NULL, NULL, &ts, NULL) == -EFAULT,
	      "a bad fd_set pointer: -EFAULT");
	ts = (struct __kernel_timespec){ -5, 0 };
	CHECK(pselect_k(n, in, NULL, NULL, &ts, NULL) == -EINVAL, "a negative timeout: -EINVAL");
	ts = (struct __kernel_timespec){ 0, 0 };
	CHECK(pselect_k(n, in, NULL, NULL, &ts, (void *)BAD_UPTR) == -EFAULT,
	      "a bad sigset argpack pointer: -EFAULT");
	pack.p = &mask;
	pack.size = 16;
	CHECK(pselect_k(n, in, NULL, NULL, &ts, &pack) == -EINVAL, "argpack size 16: -EINVAL");
	pack.size = sizeof(sigset_t);
	in[0] = 1UL << fd[0];
	CHECK(pselect_k(n, in, NULL, NULL, &ts, &pack) == 1, "a right argpack: works");

	{
		struct file *r = fget(fd[0]);

		pread_k(r, (char[8]){ 0 }, 8);
		fput(r);
	}
	in[0] = 1UL << fd[0];
	ts = (struct __kernel_timespec){ 0, 30000000 };
	CHECK(pselect_k(n, in, NULL, NULL, &ts, NULL) == 0 && in[0] == 0 && ts.tv_nsec == 0,
	      "drained, 30 ms: timed out, the set cleared, 0 left");
	host_sig_pending = true;
	in[0] = 1UL << fd[0];
	ts = (struct __kernel_timespec){ 1, 0 };
	CHECK(pselect_k(n, in, NULL, NULL, &ts, NULL) == -ERESTARTNOHAND, "a signal: -ERESTARTNOHAND");
	host_sig_pending = false;
	fput(w);
	close_fds(fd);
}

/* ---- FIFOs ---- */

static void test_fifo(void)
{
	struct file *r, *w, *rw;
	char buf[16];

	CHECK(vfs_path_mknod("/fifo", S_IFIFO | 0644, 0) == 0, "mknod of a FIFO on tmpfs");
	w = filp_open("/fifo", O_WRONLY | O_NONBLOCK, 0);
	CHECK(w == ERR_PTR(-ENXIO), "open for writing, O_NONBLOCK, no reader: -ENXIO");
	r = filp_open("/fifo", O_RDONLY | O_NONBLOCK, 0);
	CHECK(!IS_ERR(r), "open for reading, O_NONBLOCK: at once");
	if (IS_ERR(r))
		return;
	CHECK(pread_k(r, buf, sizeof(buf)) == 0, "no writer yet: read 0");
	w = filp_open("/fifo", O_WRONLY | O_NONBLOCK, 0);
	CHECK(!IS_ERR(w) && pipe_of(w) == pipe_of(r), "with a reader, a writer opens onto the same pipe");
	if (IS_ERR(w))
		return;
	CHECK(pwrite_k(w, "fifo!", 5) == 5 && pread_k(r, buf, sizeof(buf)) == 5 && !memcmp(buf, "fifo!", 5),
	      "data through the FIFO");
	CHECK(vfs_llseek(r, 0, SEEK_SET) == -ESPIPE, "lseek on a FIFO: -ESPIPE");
	fput(w);
	CHECK(mask_of(r) & POLLHUP, "writer gone: POLLHUP");
	fput(r);
	rw = filp_open("/fifo", O_RDWR, 0);
	CHECK(!IS_ERR(rw) && pwrite_k(rw, "rw", 2) == 2 && pread_k(rw, buf, 2) == 2,
	      "O_RDWR opens without waiting, reads its own writes");
	if (!IS_ERR(rw))
		fput(rw);
	r = filp_open("/fifo", O_RDONLY | O_NONBLOCK, 0);
	CHECK(!IS_ERR(r) && fionread(r) == 0, "reopened: a fresh, empty pipe");
	if (!IS_ERR(r))
		fput(r);
}

int main(void)
{
	fs_env_init();
	dcache_init();
	inode_init();
	files_init();
	host_signal.rlim[RLIMIT_NOFILE].rlim_cur = 1024;
	spin_lock_init(&host_sighand.siglock);
	host_task.signal = &host_signal;
	host_task.sighand = &host_sighand;
	host_task.files = &init_files;
	CHECK(shmem_init() == 0 && init_mount_tree() == 0, "tmpfs as the rootfs (for FIFOs)");
	test_order_wrap();
	test_capacity_atomic();
	test_eof_nonblock();
	test_epipe();
	test_fionread();
	test_user_faults();
	test_poll_masks_stat();
	test_poll_wait_registration();
	test_pipe2();
	test_ppoll();
	test_ppoll_sigmask();
	test_pselect6();
	test_fifo();
	return test_exit();
}
