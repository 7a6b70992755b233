/*
 * poll(2)-style waiting on many files: ppoll and pselect6 (riscv64 has no
 * plain poll or select), their poll tables (poll_wait puts the caller on
 * each file's queues) and timeouts. After Linux's fs/select.c; leaves out
 * the hrtimer slack (timeouts are in ticks, rounded up), the key filter
 * and the "triggered" wake callback: the caller is TASK_INTERRUPTIBLE
 * during each pass, so a wake-up during the pass makes schedule return.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <asm/page.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/wait.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>
#include <linux/poll.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>

/* ---- poll tables ---- */

/* A page of more entries (beyond the inline ones). */
struct poll_table_page {
	struct poll_table_page *next;
	struct poll_table_entry *entry;		/* the next free one */
	struct poll_table_entry entries[];
};

#define POLL_TABLE_FULL(t) \
	((unsigned long)((t)->entry + 1) > PAGE_SIZE + (unsigned long)(t))

/* A free entry of @p: inline, then from pages; NULL (and p->error) without memory. */
static struct poll_table_entry *poll_get_entry(struct poll_wqueues *p)
{
	struct poll_table_page *table = p->table;

	if (p->inline_index < N_INLINE_POLL_ENTRIES)
		return p->inline_entries + p->inline_index++;
	if (!table || POLL_TABLE_FULL(table)) {
		struct poll_table_page *new_table = kmalloc(PAGE_SIZE, GFP_KERNEL);

		if (!new_table) {
			p->error = -ENOMEM;
			return NULL;
		}
		new_table->entry = new_table->entries;
		new_table->next = table;
		p->table = new_table;
		table = new_table;
	}
	return table->entry++;
}

/* The poll_table callback: current waits on @wq for @filp (a reference is kept). */
static void __pollwait(struct file *filp, wait_queue_head_t *wq, poll_table *pt)
{
	struct poll_wqueues *pwq = container_of(pt, struct poll_wqueues, pt);
	struct poll_table_entry *entry = poll_get_entry(pwq);

	if (!entry)
		return;
	entry->filp = get_file(filp);
	entry->wait_address = wq;
	entry->wait.task = current;
	INIT_LIST_HEAD(&entry->wait.entry);
	add_wait_queue(wq, &entry->wait);
}

void poll_initwait(struct poll_wqueues *pwq)
{
	pwq->pt._qproc = __pollwait;
	pwq->table = NULL;
	pwq->error = 0;
	pwq->inline_index = 0;
}

static void free_poll_entry(struct poll_table_entry *entry)
{
	remove_wait_queue(entry->wait_address, &entry->wait);
	fput(entry->filp);
}

void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_page *p = pwq->table;

	for (int i = 0; i < pwq->inline_index; i++)
		free_poll_entry(pwq->inline_entries + i);
	while (p) {
		struct poll_table_page *next = p->next;

		for (struct poll_table_entry *e = p->entries; e < p->entry; e++)
			free_poll_entry(e);
		kfree(p);
		p = next;
	}
	pwq->table = NULL;
	pwq->inline_index = 0;
}

/* @file's ready mask, registering through @pt; DEFAULT_POLLMASK without ->poll. */
static unsigned int vfs_poll(struct file *file, poll_table *pt)
{
	if (!file->f_op->poll)
		return DEFAULT_POLLMASK;
	return file->f_op->poll(file, pt);
}

/*
 * The sleep between passes: up to @timeout jiffies (MAX_SCHEDULE_TIMEOUT:
 * until woken). The caller set TASK_INTERRUPTIBLE. Returns what is left.
 */
static long poll_schedule_timeout(long timeout)
{
	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	return schedule_timeout(timeout);
}

/* ---- timeouts ---- */

/* A poll's timeout: as the caller gave it, and the jiffies still to sleep. */
struct poll_timeout {
	bool given;		/* a timespec was passed (else: wait for ever) */
	u64 ns;			/* its length */
	long total;		/* in jiffies, rounded up */
	long left;		/* jiffies left; MAX_SCHEDULE_TIMEOUT without one */
};

/* Nanoseconds per tick at the current HZ. */
static u64 tick_ns(void)
{
	return (u64)NSEC_PER_SEC / HZ;
}

/*
 * Reads user @tsp into @to (NULL: no timeout). 0, -EFAULT, or -EINVAL for
 * a negative time or tv_nsec outside [0, 1e9).
 */
static int poll_get_timeout(const struct __kernel_timespec __user *tsp, struct poll_timeout *to)
{
	struct __kernel_timespec ts;
	u64 ticks;

	*to = (struct poll_timeout){ .left = MAX_SCHEDULE_TIMEOUT };
	if (!tsp)
		return 0;
	if (copy_from_user(&ts, tsp, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	to->given = true;
	if ((u64)ts.tv_sec >= (u64)MAX_SCHEDULE_TIMEOUT / NSEC_PER_SEC / 2)
		return 0;	/* centuries: as good as none */
	to->ns = (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	ticks = DIV_ROUND_UP(to->ns, tick_ns());
	to->total = to->left = (long)ticks;
	return 0;
}

/*
 * Writes the time left back to user @tsp, as Linux does for ppoll and
 * pselect6 (not for a zero or absent timeout). A fault there is ignored
 * but makes an interrupted call -EINTR (it cannot be restarted rightly).
 */
static long poll_select_finish(const struct poll_timeout *to,
			       struct __kernel_timespec __user *tsp, long ret)
{
	struct __kernel_timespec rts;
	u64 spent, left;

	if (!tsp || !to->given || !to->ns)
		return ret;
	spent = (u64)(to->total - to->left) * tick_ns();
	left = spent < to->ns ? to->ns - spent : 0;
	rts.tv_sec = left / NSEC_PER_SEC;
	rts.tv_nsec = left % NSEC_PER_SEC;
	if (copy_to_user(tsp, &rts, sizeof(rts)) && ret == -ERESTARTNOHAND)
		ret = -EINTR;
	return ret;
}

/* ---- the signal mask of ppoll and pselect6 ---- */

static void set_current_blocked_mask(const sigset_t *mask)
{
	struct task_struct *t = current;
	unsigned long flags;

	if (!t->sighand) {
		t->blocked = *mask;
		return;
	}
	spin_lock_irqsave(&t->sighand->siglock, flags);
	t->blocked = *mask;
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

/*
 * Blocks user @umask (SIGKILL and SIGSTOP stay open) for the wait, the
 * old mask saved in current->saved_sigmask. NULL: nothing. 0, -EINVAL
 * (@size is not sizeof(sigset_t)), -EFAULT.
 */
static int set_user_sigmask(const sigset_t __user *umask, size_t size)
{
	sigset_t kmask;

	if (!umask)
		return 0;
	if (size != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&kmask, umask, sizeof(kmask)))
		return -EFAULT;
	kmask.sig[0] &= ~SIG_KERNEL_ONLY_MASK;
	current->saved_sigmask = current->blocked;
	set_current_blocked_mask(&kmask);
	return 0;
}

/*
 * After the wait: interrupted by a signal, the old mask comes back after
 * the handler runs (restore_sigmask: the signal code does it); otherwise
 * now.
 */
static void restore_saved_sigmask_unless(const sigset_t __user *umask, bool interrupted)
{
	if (!umask)
		return;
	if (interrupted)
		current->restore_sigmask = true;
	else
		set_current_blocked_mask(&current->saved_sigmask);
}

/* ---- poll ---- */

/* One pollfd's revents (@pt registers the waits): POLLNVAL for a closed fd, 0 for fd < 0. */
static unsigned int do_pollfd(struct pollfd *pfd, poll_table *pt)
{
	unsigned int filter = (unsigned short)pfd->events | POLLERR | POLLHUP;
	unsigned int mask;
	struct file *f;

	if (pfd->fd < 0)
		return 0;
	f = fget(pfd->fd);
	if (!f)
		return POLLNVAL;
	mask = vfs_poll(f, pt) & filter;
	fput(f);
	return mask;
}

/* One pass over @fds: revents set, the number of pollfds with any. */
static long poll_pass(struct pollfd *fds, unsigned int nfds, poll_table *pt)
{
	long count = 0;

	for (unsigned int i = 0; i < nfds; i++) {
		fds[i].revents = (short)do_pollfd(&fds[i], pt);
		if (fds[i].revents)
			count++;
	}
	return count;
}

long do_poll_fds(struct pollfd *fds, unsigned int nfds, long *timeout)
{
	struct poll_wqueues table;
	poll_table *pt = &table.pt;
	long count;

	poll_initwait(&table);
	if (!*timeout)
		pt->_qproc = NULL;
	for (;;) {
		WRITE_ONCE(current->state, TASK_INTERRUPTIBLE);
		count = poll_pass(fds, nfds, pt);
		pt->_qproc = NULL;	/* registered once: the queues keep us */
		if (!count) {
			count = table.error;
			if (signal_pending(current))
				count = -ERESTARTNOHAND;
		}
		if (count || !*timeout)
			break;
		*timeout = poll_schedule_timeout(*timeout);
	}
	WRITE_ONCE(current->state, TASK_RUNNING);
	poll_freewait(&table);
	return count;
}

/*
 * poll(2) on @nfds user pollfds: their revents written back. The count,
 * -EINVAL (more than RLIMIT_NOFILE), -EFAULT, -ENOMEM, -ERESTARTNOHAND.
 */
static long do_sys_poll(struct pollfd __user *ufds, unsigned int nfds, long *timeout)
{
	struct pollfd *fds;
	long ret;

	if (nfds > task_nofile_limit())
		return -EINVAL;
	fds = kmalloc_array(nfds ? nfds : 1, sizeof(*fds), GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds)))
		goto out;
	ret = do_poll_fds(fds, nfds, timeout);
	for (unsigned int i = 0; i < nfds; i++) {
		if (put_user(fds[i].revents, &ufds[i].revents)) {
			ret = -EFAULT;
			break;
		}
	}
out:
	kfree(fds);
	return ret;
}

/*
 * ppoll(fds, nfds, tsp, sigmask, sigsetsize): poll with a timespec
 * (NULL: no limit; the time left is written back) and a signal mask for
 * the wait. The ready count, 0 on timeout, -EINVAL, -EFAULT, -ENOMEM,
 * -ERESTARTNOHAND (-EINTR to a handler).
 */
SYSCALL_DEFINE(ppoll)
{
	struct pollfd __user *ufds = (struct pollfd __user *)a0;
	unsigned int nfds = (unsigned int)a1;
	struct __kernel_timespec __user *tsp = (struct __kernel_timespec __user *)a2;
	const sigset_t __user *sigmask = (const sigset_t __user *)a3;
	struct poll_timeout to;
	long ret;

	ret = poll_get_timeout(tsp, &to);
	if (ret)
		return ret;
	ret = set_user_sigmask(sigmask, (size_t)a4);
	if (ret)
		return ret;
	ret = do_sys_poll(ufds, nfds, &to.left);
	restore_saved_sigmask_unless(sigmask, ret == -ERESTARTNOHAND);
	return poll_select_finish(&to, tsp, ret);
}

/* ---- select ---- */

/* The three sets select reads and the three it writes, @n bits each. */
struct fd_set_bits {
	unsigned long *in, *out, *ex;
	unsigned long *res_in, *res_out, *res_ex;
};

#define POLLIN_SET	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET	(POLLPRI)

static bool fd_bit(const unsigned long *set, unsigned int fd)
{
	return set[fd / FDS_BITPERLONG] >> (fd % FDS_BITPERLONG) & 1;
}

static void set_fd_bit(unsigned long *set, unsigned int fd)
{
	set[fd / FDS_BITPERLONG] |= 1UL << (fd % FDS_BITPERLONG);
}

/* Is any of @fds's asked-for descriptors closed? -EBADF then, else 0. */
static int select_check_fds(unsigned int n, const struct fd_set_bits *fds)
{
	for (unsigned int fd = 0; fd < n; fd++) {
		struct file *f;

		if (!fd_bit(fds->in, fd) && !fd_bit(fds->out, fd) && !fd_bit(fds->ex, fd))
			continue;
		f = fget(fd);
		if (!f)
			return -EBADF;
		fput(f);
	}
	return 0;
}

/* One pass: the result bits of each asked-for fd that is ready; how many bits. */
static long select_pass(unsigned int n, struct fd_set_bits *fds, poll_table *pt)
{
	long count = 0;

	for (unsigned int fd = 0; fd < n; fd++) {
		bool in = fd_bit(fds->in, fd), out = fd_bit(fds->out, fd), ex = fd_bit(fds->ex, fd);
		unsigned int mask;
		struct file *f;

		if (!in && !out && !ex)
			continue;
		f = fget(fd);
		if (!f)
			continue;	/* closed since the check: Linux skips it too */
		mask = vfs_poll(f, pt);
		fput(f);
		if (in && (mask & POLLIN_SET) && !fd_bit(fds->res_in, fd)) {
			set_fd_bit(fds->res_in, fd);
			count++;
		}
		if (out && (mask & POLLOUT_SET) && !fd_bit(fds->res_out, fd)) {
			set_fd_bit(fds->res_out, fd);
			count++;
		}
		if (ex && (mask & POLLEX_SET) && !fd_bit(fds->res_ex, fd)) {
			set_fd_bit(fds->res_ex, fd);
			count++;
		}
	}
	return count;
}

/*
 * select's wait over @n descriptors: passes until a bit is set, a signal
 * is pending or *@timeout runs out (0: one pass). The bits set (0 when
 * interrupted or timed out), -EBADF, -ENOMEM. Sleeps.
 */
static long do_select(unsigned int n, struct fd_set_bits *fds, long *timeout)
{
	struct poll_wqueues table;
	poll_table *pt = &table.pt;
	long ret = select_check_fds(n, fds);

	if (ret)
		return ret;
	poll_initwait(&table);
	if (!*timeout)
		pt->_qproc = NULL;
	for (;;) {
		WRITE_ONCE(current->state, TASK_INTERRUPTIBLE);
		ret = select_pass(n, fds, pt);
		pt->_qproc = NULL;
		if (ret || !*timeout || signal_pending(current))
			break;
		if (table.error) {
			ret = table.error;
			break;
		}
		*timeout = poll_schedule_timeout(*timeout);
	}
	WRITE_ONCE(current->state, TASK_RUNNING);
	poll_freewait(&table);
	return ret;
}

/* Reads a user fd_set of @n bits (NULL: all clear). 0 or -EFAULT. */
static int get_fd_set(unsigned int n, const unsigned long __user *ufdset, unsigned long *fdset)
{
	size_t bytes = FDS_BYTES(n);

	if (!ufdset) {
		memset(fdset, 0, bytes);
		return 0;
	}
	return copy_from_user(fdset, ufdset, bytes) ? -EFAULT : 0;
}

/* Writes a result set back (if the caller passed one). 0 or -EFAULT. */
static int set_fd_set(unsigned int n, unsigned long __user *ufdset, const unsigned long *fdset)
{
	if (!ufdset)
		return 0;
	return copy_to_user(ufdset, fdset, FDS_BYTES(n)) ? -EFAULT : 0;
}

/* The descriptors current's table has room for: select ignores bits past them. */
static unsigned int current_max_fds(void)
{
	struct files_struct *files = current->files;

	return files ? READ_ONCE(files->max_fds) : 0;
}

/*
 * select(2)'s body: @n (cut to the table's size) bits of three user sets
 * in, the ready ones out. The count, 0 on timeout, -EINVAL (n < 0),
 * -EBADF, -EFAULT, -ENOMEM, -ERESTARTNOHAND.
 */
static long core_sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
			    unsigned long __user *exp, long *timeout)
{
	struct fd_set_bits fds;
	unsigned long *bits;
	size_t words;
	long ret;

	if (n < 0)
		return -EINVAL;
	if ((unsigned int)n > current_max_fds())
		n = current_max_fds();
	words = FDS_LONGS(n);
	bits = kcalloc(6 * (words ? words : 1), sizeof(unsigned long), GFP_KERNEL);
	if (!bits)
		return -ENOMEM;
	fds = (struct fd_set_bits){ bits, bits + words, bits + 2 * words,
				    bits + 3 * words, bits + 4 * words, bits + 5 * words };
	ret = -EFAULT;
	if (get_fd_set(n, inp, fds.in) || get_fd_set(n, outp, fds.out) ||
	    get_fd_set(n, exp, fds.ex))
		goto out;
	ret = do_select(n, &fds, timeout);
	if (ret < 0)
		goto out;
	if (!ret && signal_pending(current)) {
		ret = -ERESTARTNOHAND;
		goto out;
	}
	if (set_fd_set(n, inp, fds.res_in) || set_fd_set(n, outp, fds.res_out) ||
	    set_fd_set(n, exp, fds.res_ex))
		ret = -EFAULT;
out:
	kfree(bits);
	return ret;
}

/* pselect6's sixth argument: the mask and its size, as one user struct. */
struct sigset_argpack {
	const sigset_t __user *p;
	size_t size;
};

/*
 * pselect6(n, in, out, ex, tsp, sig): select with a timespec (time left
 * written back) and @sig -> {mask, size} for the wait (NULL, or a NULL
 * mask: none). As core_sys_select; -EINVAL for a bad size or time.
 */
SYSCALL_DEFINE(pselect6)
{
	struct __kernel_timespec __user *tsp = (struct __kernel_timespec __user *)a4;
	const struct sigset_argpack __user *usig = (const struct sigset_argpack __user *)a5;
	struct sigset_argpack sig = { NULL, 0 };
	struct poll_timeout to;
	long ret;

	ret = poll_get_timeout(tsp, &to);
	if (ret)
		return ret;
	if (usig && copy_from_user(&sig, usig, sizeof(sig)))
		return -EFAULT;
	ret = set_user_sigmask(sig.p, sig.size);
	if (ret)
		return ret;
	ret = core_sys_select((int)a0, (unsigned long __user *)a1, (unsigned long __user *)a2,
			      (unsigned long __user *)a3, &to.left);
	restore_saved_sigmask_unless(sig.p, ret == -ERESTARTNOHAND);
	return poll_select_finish(&to, tsp, ret);
}
