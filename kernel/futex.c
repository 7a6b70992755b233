/*
 * futex(2): waiters queue on a hash bucket by key (mm, address) and sleep;
 * FUTEX_WAKE and friends wake or move them. WAIT, WAKE, the BITSET forms,
 * REQUEUE, CMP_REQUEUE, WAKE_OP; robust lists (set/get, the walk at
 * exit). Behaviour after Linux's kernel/futex/ (futex(2) man page). A
 * waiter queues itself before it reads the futex word, so a waker that
 * changes the word and then wakes cannot miss it, and no user memory is
 * touched under a bucket lock (a fault may sleep). Leaves out PI futexes,
 * FUTEX_FD, shared keys by inode (shared = private: (mm, address)), and
 * atomicity against other CPUs of WAKE_OP, the robust-list word update
 * and CMP_REQUEUE's check (one CPU: interrupts off around them).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>
#include <linux/timer.h>
#include <linux/futex.h>
#include <asm/uaccess.h>
#include <uapi/time.h>

struct futex_hash_bucket {
	spinlock_t lock;		/* chain, and every queued futex_q's fields */
	struct list_head chain;		/* struct futex_q, oldest first */
};

/* A waiter, on its own stack while it sleeps in futex_wait. */
struct futex_q {
	struct list_head list;
	struct task_struct *task;
	struct futex_key key;
	struct futex_hash_bucket *hb;	/* where it is queued (requeue moves it) */
	u32 bitset;
	bool woken;			/* taken off by a waker (under hb->lock) */
};

static struct futex_hash_bucket futex_queues[FUTEX_HASH_SIZE];
static bool futex_ready;		/* futex_queues initialised (futex_init_once) */
static DEFINE_SPINLOCK(futex_init_lock);

/* The buckets' locks and lists, the first time a futex is used. */
static void futex_init_once(void)
{
	unsigned long flags;

	if (READ_ONCE(futex_ready))
		return;
	spin_lock_irqsave(&futex_init_lock, flags);
	if (!futex_ready) {
		for (int i = 0; i < FUTEX_HASH_SIZE; i++) {
			spin_lock_init(&futex_queues[i].lock);
			INIT_LIST_HEAD(&futex_queues[i].chain);
		}
		WRITE_ONCE(futex_ready, true);
	}
	spin_unlock_irqrestore(&futex_init_lock, flags);
}

unsigned int futex_hash(const struct futex_key *key)
{
	u64 h = (u64)(unsigned long)key->mm ^ ((u64)key->addr >> 2) * 0x9e3779b97f4a7c15ULL;

	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	return (unsigned int)(h >> (64 - FUTEX_HASH_BITS));
}

/* @key's bucket (the buckets set up on first use). */
static struct futex_hash_bucket *hash_futex(const struct futex_key *key)
{
	futex_init_once();
	return &futex_queues[futex_hash(key)];
}

/* The same futex? */
static bool match_futex(const struct futex_key *a, const struct futex_key *b)
{
	return a->mm == b->mm && a->addr == b->addr;
}

/* Current's key for @uaddr: 0, or -EINVAL if it is not 4-byte aligned. */
static int get_futex_key(u32 __user *uaddr, struct futex_key *key)
{
	if ((unsigned long)uaddr % sizeof(u32))
		return -EINVAL;
	key->mm = current->mm;
	key->addr = (unsigned long)uaddr;
	return 0;
}

/*
 * The futex word: get_user for a process; a plain load for a kernel
 * thread (mm NULL: the in-kernel tests wait on kernel memory). 0/-EFAULT.
 */
static int futex_get_value(u32 *val, u32 __user *uaddr)
{
	if (!current->mm) {
		*val = READ_ONCE(*(u32 *)uaddr);
		return 0;
	}
	return get_user(*val, uaddr);
}

/* *@uaddr = @val, the same way futex_get_value reads: 0/-EFAULT. */
static int futex_put_value(u32 val, u32 __user *uaddr)
{
	if (!current->mm) {
		WRITE_ONCE(*(u32 *)uaddr, val);
		return 0;
	}
	return put_user(val, uaddr);
}

/* Lock the bucket @q is on now (a requeue may move it while we wait for the lock). */
static struct futex_hash_bucket *lock_futex_q(struct futex_q *q, unsigned long *flags)
{
	for (;;) {
		struct futex_hash_bucket *hb = READ_ONCE(q->hb);

		spin_lock_irqsave(&hb->lock, *flags);
		if (hb == q->hb)
			return hb;
		spin_unlock_irqrestore(&hb->lock, *flags);
	}
}

/* Bucket lock held: take @q off and wake its task. */
static void wake_futex(struct futex_q *q)
{
	list_del_init(&q->list);
	q->woken = true;
	wake_up_process(q->task);
}

/*
 * Off the queue, if no waker took it off first: 1 if it was still queued
 * (the wait ends for its own reason), 0 if it had been woken.
 */
static int unqueue_me(struct futex_q *q)
{
	unsigned long flags;
	struct futex_hash_bucket *hb = lock_futex_q(q, &flags);
	int queued = !q->woken;

	if (queued)
		list_del_init(&q->list);
	spin_unlock_irqrestore(&hb->lock, flags);
	return queued;
}

/*
 * FUTEX_WAIT(_BITSET): sleep while *@uaddr == @val, until woken (0), the
 * monotonic @deadline ns if non-zero (-ETIMEDOUT) or a signal (@intr).
 * -EAGAIN if the word differs at the start.
 */
static long futex_wait(u32 __user *uaddr, u32 val, u32 bitset, u64 deadline, long intr)
{
	struct futex_q q = { .task = current, .bitset = bitset };
	struct task_struct *tsk = current;
	unsigned long flags;
	long ret = 0;
	u32 cur;
	int err;

	if (!bitset)
		return -EINVAL;
	err = get_futex_key(uaddr, &q.key);
	if (err)
		return err;
	q.hb = hash_futex(&q.key);
	spin_lock_irqsave(&q.hb->lock, flags);
	list_add_tail(&q.list, &q.hb->chain);
	spin_unlock_irqrestore(&q.hb->lock, flags);

	err = futex_get_value(&cur, uaddr);	/* queued first: a wake after this finds us */
	if (err || cur != val)
		return unqueue_me(&q) ? (err ? err : -EAGAIN) : 0;

	for (;;) {
		tsk->state = TASK_INTERRUPTIBLE;
		if (READ_ONCE(q.woken))
			break;
		if (signal_pending(tsk)) {
			ret = intr;
			break;
		}
		if (deadline) {
			u64 now = ktime_get_ns();

			if (now >= deadline) {
				ret = -ETIMEDOUT;
				break;
			}
			schedule_timeout(nsecs_to_jiffies_ceil(deadline - now));
		} else {
			schedule();
		}
	}
	tsk->state = TASK_RUNNING;
	/* Woken meanwhile beats a timeout or signal: the wake is not lost. */
	return unqueue_me(&q) ? ret : 0;
}

/* Wake up to @nr (at least 1) waiters of @key whose bitset meets @bitset; the count. */
static int futex_wake_key(const struct futex_key *key, int nr, u32 bitset)
{
	struct futex_hash_bucket *hb = hash_futex(key);
	struct futex_q *q, *n;
	unsigned long flags;
	int woken = 0;

	spin_lock_irqsave(&hb->lock, flags);
	list_for_each_entry_safe(q, n, &hb->chain, list) {
		if (!match_futex(&q->key, key) || !(q->bitset & bitset))
			continue;
		wake_futex(q);
		if (++woken >= nr)
			break;
	}
	spin_unlock_irqrestore(&hb->lock, flags);
	return woken;
}

/* FUTEX_WAKE(_BITSET) on current's @uaddr: the count woken, or -EINVAL (bitset 0, unaligned). */
static long futex_wake_bitset(u32 __user *uaddr, int nr, u32 bitset)
{
	struct futex_key key;
	int err;

	if (!bitset)
		return -EINVAL;
	err = get_futex_key(uaddr, &key);
	if (err)
		return err;
	return futex_wake_key(&key, nr, bitset);
}

int futex_wake(u32 __user *uaddr, int nr)
{
	return futex_wake_bitset(uaddr, nr, FUTEX_BITSET_MATCH_ANY);
}

/* Two buckets locked in address order (one lock if they are the same). */
static void double_lock_hb(struct futex_hash_bucket *a, struct futex_hash_bucket *b,
			   unsigned long *flags)
{
	local_irq_save(*flags);
	if (a > b) {
		struct futex_hash_bucket *t = a;

		a = b;
		b = t;
	}
	spin_lock(&a->lock);
	if (b != a)
		spin_lock(&b->lock);
}

/* Undoes double_lock_hb. */
static void double_unlock_hb(struct futex_hash_bucket *a, struct futex_hash_bucket *b,
			     unsigned long flags)
{
	spin_unlock(&a->lock);
	if (b != a)
		spin_unlock(&b->lock);
	local_irq_restore(flags);
}

/*
 * FUTEX_(CMP_)REQUEUE: wake @nr_wake waiters of @uaddr, move up to
 * @nr_requeue more to @uaddr2; woken + moved. CMP_REQUEUE (@cmp) first
 * wants *@uaddr == @val3, else -EAGAIN (the check is not under the
 * bucket locks: a change racing with it goes unseen, as if it came after).
 */
static long futex_requeue(u32 __user *uaddr, u32 __user *uaddr2, int nr_wake,
			  int nr_requeue, bool cmp, u32 val3)
{
	struct futex_key key1, key2;
	struct futex_hash_bucket *hb1, *hb2;
	struct futex_q *q, *n;
	unsigned long flags;
	int woken = 0, moved = 0, err;
	u32 cur;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	err = get_futex_key(uaddr, &key1);
	if (!err)
		err = get_futex_key(uaddr2, &key2);
	if (err)
		return err;
	if (cmp) {
		err = futex_get_value(&cur, uaddr);
		if (err)
			return err;
		if (cur != val3)
			return -EAGAIN;
	}
	hb1 = hash_futex(&key1);
	hb2 = hash_futex(&key2);
	double_lock_hb(hb1, hb2, &flags);
	list_for_each_entry_safe(q, n, &hb1->chain, list) {
		if (!match_futex(&q->key, &key1))
			continue;
		if (woken < nr_wake) {
			wake_futex(q);
			woken++;
			continue;
		}
		if (moved >= nr_requeue)
			break;
		if (hb1 != hb2) {
			list_del(&q->list);
			list_add_tail(&q->list, &hb2->chain);
			WRITE_ONCE(q->hb, hb2);
		}
		q->key = key2;
		moved++;
	}
	double_unlock_hb(hb1, hb2, flags);
	return woken + moved;
}

/* FUTEX_WAKE_OP's encoded operation (val3): op, cmp, oparg, cmparg. */
#define FUTEX_OP_SET		0
#define FUTEX_OP_ADD		1
#define FUTEX_OP_OR		2
#define FUTEX_OP_ANDN		3
#define FUTEX_OP_XOR		4
#define FUTEX_OP_OPARG_SHIFT	8	/* oparg is a shift count: 1 << oparg */
#define FUTEX_OP_CMP_EQ		0
#define FUTEX_OP_CMP_NE		1
#define FUTEX_OP_CMP_LT		2
#define FUTEX_OP_CMP_LE		3
#define FUTEX_OP_CMP_GT		4
#define FUTEX_OP_CMP_GE		5

/* @old op @oparg for FUTEX_WAKE_OP's @op (shift flag already applied); -ENOSYS for an unknown op. */
static int futex_apply_op(int op, u32 old, u32 oparg, u32 *new)
{
	switch (op) {
	case FUTEX_OP_SET:	*new = oparg; return 0;
	case FUTEX_OP_ADD:	*new = old + oparg; return 0;
	case FUTEX_OP_OR:	*new = old | oparg; return 0;
	case FUTEX_OP_ANDN:	*new = old & ~oparg; return 0;
	case FUTEX_OP_XOR:	*new = old ^ oparg; return 0;
	}
	return -ENOSYS;
}

/* FUTEX_WAKE_OP's comparison of the old value: 1/0, or -ENOSYS. */
static int futex_cmp(int cmp, int old, int cmparg)
{
	switch (cmp) {
	case FUTEX_OP_CMP_EQ: return old == cmparg;
	case FUTEX_OP_CMP_NE: return old != cmparg;
	case FUTEX_OP_CMP_LT: return old < cmparg;
	case FUTEX_OP_CMP_LE: return old <= cmparg;
	case FUTEX_OP_CMP_GT: return old > cmparg;
	case FUTEX_OP_CMP_GE: return old >= cmparg;
	}
	return -ENOSYS;
}

/*
 * *@uaddr = *@uaddr op oparg, returning the old value in *@oldp. The
 * word is first read and written back so that the page is present and
 * writable; then the read-modify-write runs with interrupts off (one CPU:
 * no other thread runs in between).
 */
static int futex_atomic_op(u32 __user *uaddr, int op, u32 oparg, u32 *oldp)
{
	unsigned long flags;
	u32 old, new;
	int err = futex_get_value(&old, uaddr);

	if (!err)
		err = futex_put_value(old, uaddr);
	if (err)
		return err;
	local_irq_save(flags);
	err = futex_get_value(&old, uaddr);
	if (!err)
		err = futex_apply_op(op, old, oparg, &new);
	if (!err)
		err = futex_put_value(new, uaddr);
	local_irq_restore(flags);
	*oldp = old;
	return err;
}

/*
 * FUTEX_WAKE_OP: *@uaddr2 op= oparg (from @encoded), wake @nr_wake on
 * @uaddr, and @nr_wake2 on @uaddr2 if the old *@uaddr2 passes the
 * comparison. The count woken; -ENOSYS for an unknown op or comparison.
 */
static long futex_wake_op(u32 __user *uaddr, u32 __user *uaddr2, int nr_wake, int nr_wake2,
			  u32 encoded)
{
	int op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	int oparg = (int)(encoded << 8) >> 20, cmparg = (int)(encoded << 20) >> 20;
	struct futex_key key1, key2;
	int err, woken, hit;
	u32 old;

	err = get_futex_key(uaddr, &key1);
	if (!err)
		err = get_futex_key(uaddr2, &key2);
	if (err)
		return err;
	if ((encoded >> 28) & FUTEX_OP_OPARG_SHIFT)
		oparg = 1U << (oparg & 31);	/* Linux warns on a count past 31 and masks it */
	if (futex_cmp(cmp, 0, 0) < 0)
		return -ENOSYS;
	err = futex_atomic_op(uaddr2, op, oparg, &old);
	if (err)
		return err;
	hit = futex_cmp(cmp, (int)old, cmparg);
	woken = futex_wake_key(&key1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (hit)
		woken += futex_wake_key(&key2, nr_wake2, FUTEX_BITSET_MATCH_ANY);
	return woken;
}

/*
 * A wait's end as monotonic ns (0: none): @utime relative for FUTEX_WAIT,
 * absolute on the monotonic or (@realtime) wall clock for WAIT_BITSET.
 */
static int futex_deadline(unsigned long utime, bool absolute, bool realtime, u64 *deadline)
{
	struct __kernel_timespec ts;
	s64 t, now = ktime_get_ns();

	*deadline = 0;
	if (!utime)
		return 0;
	if (!current->mm)		/* a kernel thread: kernel memory, as futex_get_value */
		memcpy(&ts, (const void *)utime, sizeof(ts));
	else if (copy_from_user(&ts, (const void __user *)utime, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	t = ts.tv_sec > 9000000000LL ? (s64)9000000000LL * NSEC_PER_SEC
				     : ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	if (absolute && realtime) {
		struct timespec64 r = ktime_get_real_ts64();

		t -= r.tv_sec * NSEC_PER_SEC + r.tv_nsec - now;	/* wall -> monotonic */
	} else if (!absolute) {
		t += now;
	}
	*deadline = t > 0 ? (u64)t : 1;		/* in the past: times out at once */
	return 0;
}

long do_futex(u32 __user *uaddr, int op, u32 val, unsigned long timeout,
	      u32 __user *uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool realtime = op & FUTEX_CLOCK_REALTIME;
	u64 deadline;
	int err;

	if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAIT_BITSET:
		err = futex_deadline(timeout, cmd == FUTEX_WAIT_BITSET, realtime, &deadline);
		if (err)
			return err;
		/* A relative sleep cannot be restarted as it was: only without a handler. */
		return futex_wait(uaddr, val, val3, deadline,
				  timeout && cmd == FUTEX_WAIT ? -ERESTARTNOHAND : -ERESTARTSYS);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAKE_BITSET:
		return futex_wake_bitset(uaddr, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, uaddr2, (int)val, (int)timeout, false, 0);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, (int)val, (int)timeout, true, val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, uaddr2, (int)val, (int)timeout, val3);
	}
	return -ENOSYS;		/* PI futexes, FUTEX_FD */
}

SYSCALL_DEFINE(futex)
{
	return do_futex((u32 __user *)a0, (int)a1, (u32)a2, a3, (u32 __user *)a4, (u32)a5);
}

/* ---- robust lists ---- */

#define ROBUST_LIST_LIMIT	2048	/* entries walked at most (a loop in user memory ends) */

/*
 * *@uaddr = @new if it is @old, with the value found in *@found; the
 * word made present and writable first, the compare-and-store with
 * interrupts off (one CPU), as futex_atomic_op. 0 or -EFAULT.
 */
static int futex_cmpxchg_value(u32 __user *uaddr, u32 old, u32 new, u32 *found)
{
	unsigned long flags;
	u32 cur;
	int err = futex_get_value(&cur, uaddr);

	if (!err)
		err = futex_put_value(cur, uaddr);
	if (err)
		return err;
	local_irq_save(flags);
	err = futex_get_value(&cur, uaddr);
	if (!err && cur == old)
		err = futex_put_value(new, uaddr);
	local_irq_restore(flags);
	*found = cur;
	return err;
}

/*
 * The owner @tid died holding the robust futex at @uaddr: if the word
 * still names it, mark it FUTEX_OWNER_DIED (keeping FUTEX_WAITERS) and
 * wake one waiter to take it over. 0, or -EFAULT.
 */
static int handle_futex_death(u32 __user *uaddr, int tid)
{
	u32 uval, found;
	int err;

	if ((unsigned long)uaddr % sizeof(u32))
		return -EFAULT;
	for (int tries = 0; tries < 8; tries++) {
		err = futex_get_value(&uval, uaddr);
		if (err)
			return err;
		if ((uval & FUTEX_TID_MASK) != (u32)tid)
			return 0;
		err = futex_cmpxchg_value(uaddr, uval, (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED,
					  &found);
		if (err)
			return err;
		if (found == uval) {
			if (uval & FUTEX_WAITERS)
				futex_wake(uaddr, 1);
			return 0;
		}
	}
	return 0;	/* the word keeps changing under us: leave it */
}

/* One user word of the list at @addr (a pointer); 0 or -EFAULT. */
static int fetch_robust_word(unsigned long addr, unsigned long *val)
{
	if (!current->mm) {
		*val = READ_ONCE(*(unsigned long *)addr);
		return 0;
	}
	return get_user(*val, (unsigned long __user *)addr);
}

/*
 * Walk @tsk's robust list (@tsk is current, exiting, its mm still its
 * own): each futex the list holds, and the one being added or removed
 * (list_op_pending), that @tsk still owns is marked dead and a waiter
 * woken. The list is { next, futex_offset, list_op_pending }; an entry's
 * low bit flags a PI futex (treated the same). Stops at a fault.
 */
void exit_robust_list(struct task_struct *tsk)
{
	unsigned long head = tsk->robust_list, entry, next, pending, offset;
	int limit = ROBUST_LIST_LIMIT;

	if (!head || fetch_robust_word(head, &entry) ||
	    fetch_robust_word(head + sizeof(long), &offset) ||
	    fetch_robust_word(head + 2 * sizeof(long), &pending))
		return;
	entry &= ~1UL;
	pending &= ~1UL;
	while (entry != head && limit--) {
		if (fetch_robust_word(entry, &next))
			return;
		if (entry != pending &&
		    handle_futex_death((u32 __user *)(entry + (long)offset), tsk->pid))
			return;
		entry = next & ~1UL;
	}
	if (pending)
		handle_futex_death((u32 __user *)(pending + (long)offset), tsk->pid);
}

/* set_robust_list(head, len): remembered for get_robust_list and exit_robust_list. */
SYSCALL_DEFINE(set_robust_list)
{
	if (a1 != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	current->robust_list = a0;
	return 0;
}

/* get_robust_list(pid, head_ptr, len_ptr): pid 0 is current. */
SYSCALL_DEFINE(get_robust_list)
{
	int pid = (int)a0;
	unsigned long head;
	struct task_struct *p = current;

	if (pid) {
		p = find_get_task_by_vpid(pid);
		if (!p)
			return -ESRCH;
		/* Linux asks for ptrace access: the same real uid, or root. */
		if (current->cred.euid != 0 && current->cred.uid != p->cred.uid) {
			put_task_struct(p);
			return -EPERM;
		}
	}
	head = p->robust_list;
	if (pid)
		put_task_struct(p);
	if (put_user(ROBUST_LIST_HEAD_SIZE, (size_t __user *)a2))
		return -EFAULT;
	return put_user(head, (unsigned long __user *)a1);
}
