/*
 * Signals: sending (kill, tkill, tgkill, the kernel's send_sig and
 * force_sig_fault), queueing per thread and per thread group, default
 * actions (ignore, stop, continue, terminate), job-control stops with
 * their reports to the parent, and the mask and handler system calls.
 * Delivery to a handler is the arch's (arch/riscv/signal.c), through
 * get_signal. One lock, the group's sighand->siglock, covers the pending
 * sets, masks and actions. After Linux's kernel/signal.c by name
 * (send_signal, complete_signal, dequeue_signal, get_signal,
 * do_signal_stop, do_notify_parent); leaves out ptrace, real-time signal
 * queue limits beyond RLIMIT_SIGPENDING's count, and signalfd.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/jiffies.h>
#include <uapi/time.h>
#include <uapi/sched.h>
#include <asm/uaccess.h>

/* Signals whose default action is to do nothing. */
#define SIG_KERNEL_IGNORE_MASK	(sigmask(SIGCONT) | sigmask(SIGCHLD) | \
				 sigmask(SIGWINCH) | sigmask(SIGURG))
/* ... to stop the process. */
#define SIG_KERNEL_STOP_MASK	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | \
				 sigmask(SIGTTIN) | sigmask(SIGTTOU))
/* Faults the CPU raises: dequeued before the others. */
#define SYNCHRONOUS_MASK	(sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | \
				 sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))

static bool sig_in(int sig, unsigned long mask)
{
	return sig < SIGRTMIN && (sigmask(sig) & mask);
}

static bool valid_signal(unsigned long sig)
{
	return sig <= _NSIG;
}

void init_sigpending(struct sigpending *q)
{
	INIT_LIST_HEAD(&q->list);
	sigemptyset(&q->signal);
}

void flush_sigqueue(struct sigpending *q)
{
	struct sigqueue *e, *n;

	list_for_each_entry_safe(e, n, &q->list, list) {
		list_del(&e->list);
		kfree(e);
	}
	sigemptyset(&q->signal);
}

static unsigned long pending_mask(struct task_struct *p)
{
	return p->pending.signal.sig[0] | p->signal->shared_pending.signal.sig[0];
}

bool signal_pending(struct task_struct *p)
{
	if (!p->sighand)
		return false;
	return (pending_mask(p) & ~p->blocked.sig[0]) ||
	       (p->signal->flags & SIGNAL_GROUP_EXIT) || p->jobctl_stop_pending;
}

bool fatal_signal_pending(struct task_struct *p)
{
	return p->sighand && (sigismember(&p->pending.signal, SIGKILL) ||
			      (p->signal->flags & SIGNAL_GROUP_EXIT));
}

/* The handler @p would run for @sig: SIG_DFL, SIG_IGN or an address. */
static __sighandler_t sig_handler(struct task_struct *p, int sig)
{
	return p->sighand->action[sig - 1].sa.sa_handler;
}

/* Would @sig do nothing at all if it came to @p now? (Not blocked, ignored.) */
static bool sig_ignored(struct task_struct *p, int sig, bool force)
{
	__sighandler_t h;

	if (sigismember(&p->blocked, sig) || sig == SIGKILL || sig == SIGSTOP)
		return false;
	h = sig_handler(p, sig);
	if (h == SIG_IGN)
		return !force;
	return h == SIG_DFL && sig_in(sig, SIG_KERNEL_IGNORE_MASK);
}

bool is_ignored(int sig)
{
	return sigismember(&current->blocked, sig) || sig_handler(current, sig) == SIG_IGN;
}

void signal_wake_up(struct task_struct *t, bool resume)
{
	unsigned int state = TASK_INTERRUPTIBLE;

	if (resume)
		state |= __TASK_STOPPED;
	if (t != current)
		wake_up_state(t, state);
	else if (resume && t->state == __TASK_STOPPED)
		t->state = TASK_RUNNING;
}

/* Remove every @mask signal from @q. */
static void flush_sigqueue_mask(unsigned long mask, struct sigpending *q)
{
	struct sigqueue *e, *n;

	if (!(q->signal.sig[0] & mask))
		return;
	q->signal.sig[0] &= ~mask;
	list_for_each_entry_safe(e, n, &q->list, list) {
		if (sigmask(e->info.si_signo) & mask) {
			list_del(&e->list);
			kfree(e);
		}
	}
}

/* SIGCHLD to @tsk's parent for a stop or continue (unless SA_NOCLDSTOP). siglock not held. */
static void do_notify_parent_cldstop(struct task_struct *tsk, int why)
{
	struct task_struct *parent;
	siginfo_t info;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	parent = tsk->group_leader->real_parent;
	if (parent && parent->sighand) {
		memset(&info, 0, sizeof(info));
		info.si_signo = SIGCHLD;
		info.si_code = why;
		info.si_pid = tsk->tgid;
		info.si_uid = tsk->cred.uid;
		info.si_status = why == CLD_CONTINUED ? SIGCONT : tsk->signal->stop_code;
		if (!(parent->sighand->action[SIGCHLD - 1].sa.sa_flags & SA_NOCLDSTOP))
			group_send_sig_info(SIGCHLD, &info, parent);
		wake_up(&parent->signal->wait_chldexit);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * The side effects of a stop or continue signal arriving, siglock held:
 * SIGCONT cancels pending stops and resumes a stopped group; a stop
 * signal cancels a pending SIGCONT.
 */
static void prepare_signal(int sig, struct task_struct *p)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t;

	if (sig_in(sig, SIG_KERNEL_STOP_MASK)) {
		flush_sigqueue_mask(sigmask(SIGCONT), &signal->shared_pending);
		for_each_thread(p, t)
			flush_sigqueue_mask(sigmask(SIGCONT), &t->pending);
	} else if (sig == SIGCONT) {
		flush_sigqueue_mask(SIG_KERNEL_STOP_MASK, &signal->shared_pending);
		for_each_thread(p, t) {
			flush_sigqueue_mask(SIG_KERNEL_STOP_MASK, &t->pending);
			t->jobctl_stop_pending = false;
			signal_wake_up(t, true);
		}
		if (signal->flags & SIGNAL_STOP_STOPPED) {
			/* The continued task tells its parent (get_signal): no lock order to break here. */
			signal->flags = (signal->flags & ~SIGNAL_STOP_STOPPED) |
					SIGNAL_STOP_CONTINUED | SIGNAL_CLD_CONTINUED;
			signal->cont_reported = false;
		}
		signal->group_stop_count = 0;
	}
}

/* Is @sig going to kill @p's whole group (no handler, not blocked, default is death)? */
static bool sig_fatal(struct task_struct *p, int sig)
{
	if (sig == SIGKILL)
		return true;
	if (sigismember(&p->blocked, sig) || sig_handler(p, sig) != SIG_DFL)
		return false;
	return !sig_in(sig, SIG_KERNEL_IGNORE_MASK | SIG_KERNEL_STOP_MASK) && p->tgid != 1;
}

/* A thread of @p's group that can take @sig now (does not block it), else @p. */
static struct task_struct *pick_thread(struct task_struct *p, int sig)
{
	struct task_struct *t;

	if (!sigismember(&p->blocked, sig))
		return p;
	for_each_thread(p, t)
		if (!sigismember(&t->blocked, sig) && !(t->flags & PF_EXITING))
			return t;
	return p;
}

/* After queueing: wake a thread to take it, or start the group's death. siglock held. */
static void complete_signal(int sig, struct task_struct *p, bool group)
{
	struct task_struct *t = group ? pick_thread(p, sig) : p;
	struct signal_struct *signal = p->signal;

	if (group && sig_fatal(p, sig) && !(signal->flags & SIGNAL_GROUP_EXIT)) {
		signal->flags = SIGNAL_GROUP_EXIT;
		signal->group_exit_code = sig;
		signal->group_stop_count = 0;
		for_each_thread(p, t) {
			sigaddset(&t->pending.signal, SIGKILL);
			signal_wake_up(t, true);
		}
		return;
	}
	if (!sigismember(&t->blocked, sig) || sig == SIGKILL)
		signal_wake_up(t, sig == SIGKILL);
}

/*
 * Queue @sig for @t (its thread, or its group if @group), with @info
 * (NULL: sent by the kernel) — the heart of every send. siglock held.
 * A standard signal already pending is not queued twice.
 */
static int send_signal(int sig, const siginfo_t *info, struct task_struct *t, bool group,
		       bool force)
{
	struct sigpending *pending = group ? &t->signal->shared_pending : &t->pending;
	struct sigqueue *q;

	if (!t->sighand || (t->flags & PF_EXITING && !group && t->exit_state))
		return 0;
	prepare_signal(sig, t);
	if (sig_ignored(t, sig, force))
		return 0;
	if (sig < SIGRTMIN && sigismember(&pending->signal, sig))
		return 0;
	q = kmalloc(sizeof(*q), GFP_ATOMIC);
	if (q) {
		if (info) {
			q->info = *info;
		} else {
			memset(&q->info, 0, sizeof(q->info));
			q->info.si_code = SI_KERNEL;
		}
		q->info.si_signo = sig;
		list_add_tail(&q->list, &pending->list);
	} else if (sig >= SIGRTMIN && info && info->si_code != SI_KERNEL) {
		return -EAGAIN;		/* a real-time signal from user space must queue */
	}
	sigaddset(&pending->signal, sig);
	complete_signal(sig, t, group);
	return 0;
}

/* Lock the sighand of @t's group, send, unlock. Callers may hold tasklist_lock. */
static int do_send_sig_info(int sig, const siginfo_t *info, struct task_struct *t,
			    bool group, bool force)
{
	unsigned long flags;
	int ret;

	if (!t->sighand)
		return 0;
	spin_lock_irqsave(&t->sighand->siglock, flags);
	ret = send_signal(sig, info, t, group, force);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	return ret;
}

int send_sig_info(int sig, const siginfo_t *info, struct task_struct *p)
{
	if (!valid_signal(sig) || sig == 0)
		return sig ? -EINVAL : 0;
	return do_send_sig_info(sig, info, p, false, false);
}

int group_send_sig_info(int sig, const siginfo_t *info, struct task_struct *p)
{
	if (!valid_signal(sig) || sig == 0)
		return sig ? -EINVAL : 0;
	return do_send_sig_info(sig, info, p->group_leader, true, false);
}

/* The siginfo of a kill() from current (SI_USER) or the kernel (SI_KERNEL). */
static void fill_user_info(siginfo_t *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	if (code == SI_USER || code == SI_TKILL) {
		info->si_pid = current->tgid;
		info->si_uid = current->cred.uid;
	}
}

int send_sig(int sig, struct task_struct *p, int priv)
{
	siginfo_t info;

	fill_user_info(&info, sig, priv ? SI_KERNEL : SI_USER);
	return send_sig_info(sig, &info, p);
}

/*
 * A fault: blocked or ignored does not save the task (a handler that
 * returns would fault again forever), so both are undone first, as
 * Linux's force_sig_info_to_task does.
 */
static void force_sig_info(siginfo_t *info)
{
	struct task_struct *t = current;
	struct k_sigaction *ka = &t->sighand->action[info->si_signo - 1];
	unsigned long flags;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	if (ka->sa.sa_handler == SIG_IGN || sigismember(&t->blocked, info->si_signo)) {
		ka->sa.sa_handler = SIG_DFL;
		sigdelset(&t->blocked, info->si_signo);
	}
	send_signal(info->si_signo, info, t, false, true);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	siginfo_t info;

	if (!current->sighand)
		return;
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.si_addr = (void *)addr;
	force_sig_info(&info);
}

void force_sig(int sig)
{
	siginfo_t info;

	if (!current->sighand)
		return;
	fill_user_info(&info, sig, SI_KERNEL);
	force_sig_info(&info);
}

/* May current signal @t? Root, or a real or effective uid matching @t's real or saved one. */
static bool kill_permitted(int sig, struct task_struct *t)
{
	const struct cred *c = &current->cred, *tc = &t->cred;

	if (c->euid == 0 || (sig == SIGCONT && task_session_nr(t) == task_session_nr(current)))
		return true;
	return c->euid == tc->suid || c->euid == tc->uid || c->uid == tc->suid || c->uid == tc->uid;
}

/* kill() to one process (@sig 0: only the checks). tasklist_lock held. */
static int kill_one(int sig, const siginfo_t *info, struct task_struct *p)
{
	if (!p->sighand)
		return -EPERM;		/* a kernel thread */
	if (!kill_permitted(sig, p))
		return -EPERM;
	return sig ? group_send_sig_info(sig, info, p) : 0;
}

int kill_pgrp(int pgrp, int sig, int priv)
{
	struct task_struct *p;
	unsigned long flags;
	siginfo_t info;
	int ret = -ESRCH;

	fill_user_info(&info, sig, priv ? SI_KERNEL : SI_USER);
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p) {
		if (p->signal && p->signal->pgrp == pgrp && !p->exit_state) {
			int err = priv ? (sig ? group_send_sig_info(sig, &info, p) : 0)
				       : kill_one(sig, &info, p);
			if (ret)
				ret = err;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* kill(-1, sig): every process but init and the caller. tasklist_lock taken. */
static int kill_all(int sig, const siginfo_t *info)
{
	struct task_struct *p;
	unsigned long flags;
	int ret = -ESRCH, count = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p) {
		if (p->tgid > 1 && p != current->group_leader && p->sighand && !p->exit_state) {
			int err = kill_one(sig, info, p);
			count++;
			if (err != -EPERM)
				ret = err;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return count ? (ret == -ESRCH ? -EPERM : ret) : -ESRCH;
}

SYSCALL_DEFINE(kill)
{
	int pid = (int)a0, sig = (int)a1;
	struct task_struct *p;
	unsigned long flags;
	siginfo_t info;
	int ret;

	if (!valid_signal(sig) || sig < 0)
		return -EINVAL;
	fill_user_info(&info, sig, SI_USER);
	if (pid == -1)
		return kill_all(sig, &info);
	if (pid <= 0)
		return kill_pgrp(pid ? -pid : task_pgrp_nr(current), sig, 0);
	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_vpid(pid);
	ret = p && p->exit_state != EXIT_DEAD ? kill_one(sig, &info, p->group_leader) : -ESRCH;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* tkill/tgkill: one thread (@tgid 0: any group). */
static long do_tkill(int tgid, int tid, int sig)
{
	struct task_struct *t;
	unsigned long flags;
	siginfo_t info;
	long ret = -ESRCH;

	if (tid <= 0 || !valid_signal(sig) || sig < 0)
		return -EINVAL;
	fill_user_info(&info, sig, SI_TKILL);
	spin_lock_irqsave(&tasklist_lock, flags);
	t = find_task_by_vpid(tid);
	if (t && (!tgid || t->tgid == tgid) && t->sighand) {
		ret = kill_permitted(sig, t) ? 0 : -EPERM;
		if (!ret && sig)
			ret = send_sig_info(sig, &info, t);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

SYSCALL_DEFINE(tkill)
{
	return do_tkill(0, (int)a0, (int)a1);
}

SYSCALL_DEFINE(tgkill)
{
	if ((int)a0 <= 0)
		return -EINVAL;
	return do_tkill((int)a0, (int)a1, (int)a2);
}

/* ---- dequeueing and default actions ---- */

/* The next signal of @q not in @blocked: synchronous faults first, then lowest. */
static int next_signal(struct sigpending *q, const sigset_t *blocked)
{
	unsigned long m = q->signal.sig[0] & ~blocked->sig[0];

	if (!m)
		return 0;
	if (m & SYNCHRONOUS_MASK)
		m &= SYNCHRONOUS_MASK;
	for (int sig = 1; sig <= _NSIG; sig++)	/* no ctz instruction without Zbb */
		if (m & sigmask(sig))
			return sig;
	return 0;
}

/* Take @sig off @q, its siginfo into @info (synthesised if it was not queued). */
static void collect_signal(int sig, struct sigpending *q, siginfo_t *info)
{
	struct sigqueue *e, *first = NULL;
	bool more = false;

	list_for_each_entry(e, &q->list, list) {
		if (e->info.si_signo != sig)
			continue;
		if (first) {
			more = true;
			break;
		}
		first = e;
	}
	if (!more)
		sigdelset(&q->signal, sig);
	if (first) {
		*info = first->info;
		list_del(&first->list);
		kfree(first);
	} else {
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_USER;
	}
}

/* The next deliverable signal for current, its own queue first. siglock held. */
static int dequeue_signal(const sigset_t *mask, siginfo_t *info)
{
	struct task_struct *t = current;
	int sig = next_signal(&t->pending, mask);

	if (sig) {
		collect_signal(sig, &t->pending, info);
		return sig;
	}
	sig = next_signal(&t->signal->shared_pending, mask);
	if (sig)
		collect_signal(sig, &t->signal->shared_pending, info);
	return sig;
}

/*
 * Stop current for @sig as part of a group stop (siglock held, released
 * while stopped). The last thread to stop marks the group stopped and
 * tells the parent; SIGCONT (prepare_signal) wakes them all.
 */
static void do_signal_stop(int sig, unsigned long *flags)
{
	struct task_struct *t = current, *x;
	struct signal_struct *signal = t->signal;
	bool report = false;

	if (!t->jobctl_stop_pending) {		/* the first thread: start a group stop */
		signal->group_stop_count = 0;
		signal->stop_code = sig;
		for_each_thread(t, x) {
			if (x == t || (x->flags & PF_EXITING))
				continue;
			x->jobctl_stop_pending = true;
			signal->group_stop_count++;
			signal_wake_up(x, false);
		}
	} else {
		signal->group_stop_count--;
	}
	t->jobctl_stop_pending = false;
	if (signal->group_stop_count == 0) {
		signal->flags = (signal->flags & ~SIGNAL_STOP_CONTINUED) | SIGNAL_STOP_STOPPED;
		signal->stop_reported = false;
		report = true;
	}
	t->state = __TASK_STOPPED;
	spin_unlock_irqrestore(&t->sighand->siglock, *flags);
	if (report)
		do_notify_parent_cldstop(t->group_leader, CLD_STOPPED);
	schedule();
	spin_lock_irqsave(&t->sighand->siglock, *flags);
}

bool get_signal(struct ksignal *ksig)
{
	struct task_struct *t = current;
	struct sighand_struct *sighand = t->sighand;
	unsigned long flags;

	spin_lock_irqsave(&sighand->siglock, flags);
	for (;;) {
		struct k_sigaction *ka;
		int sig;

		if (t->signal->flags & SIGNAL_CLD_CONTINUED) {
			t->signal->flags &= ~SIGNAL_CLD_CONTINUED;
			spin_unlock_irqrestore(&sighand->siglock, flags);
			do_notify_parent_cldstop(t->group_leader, CLD_CONTINUED);
			spin_lock_irqsave(&sighand->siglock, flags);
			continue;
		}
		if (t->signal->flags & SIGNAL_GROUP_EXIT) {
			int code = t->signal->group_exit_code;

			spin_unlock_irqrestore(&sighand->siglock, flags);
			do_group_exit(code);
		}
		if (t->jobctl_stop_pending) {
			do_signal_stop(t->signal->stop_code, &flags);
			continue;
		}
		sig = dequeue_signal(&t->blocked, &ksig->info);
		if (!sig)
			break;
		ka = &sighand->action[sig - 1];
		if (ka->sa.sa_handler == SIG_IGN)
			continue;
		if (ka->sa.sa_handler != SIG_DFL) {
			ksig->ka = *ka;
			ksig->sig = sig;
			if (ka->sa.sa_flags & SA_RESETHAND)
				ka->sa.sa_handler = SIG_DFL;
			spin_unlock_irqrestore(&sighand->siglock, flags);
			return true;
		}
		if (sig_in(sig, SIG_KERNEL_IGNORE_MASK))
			continue;
		if (t->tgid == 1 && !sig_in(sig, SYNCHRONOUS_MASK))
			continue;	/* init dies only of its own faults (then the kernel panics) */
		if (sig_in(sig, SIG_KERNEL_STOP_MASK)) {
			if (sig != SIGSTOP && is_current_pgrp_orphaned())
				continue;	/* POSIX: no job-control stop for orphans */
			do_signal_stop(sig, &flags);
			continue;
		}
		spin_unlock_irqrestore(&sighand->siglock, flags);
		do_group_exit(sig);	/* the wait status: killed by @sig */
	}
	spin_unlock_irqrestore(&sighand->siglock, flags);
	return false;
}

void set_current_blocked(const sigset_t *newset)
{
	struct task_struct *t = current;
	unsigned long flags;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	t->blocked.sig[0] = newset->sig[0] & ~SIG_KERNEL_ONLY_MASK;
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

void signal_setup_done(int failed, struct ksignal *ksig)
{
	sigset_t blocked = current->blocked;

	if (failed) {
		force_sig(SIGSEGV);
		return;
	}
	blocked.sig[0] |= ksig->ka.sa.sa_mask.sig[0];
	if (!(ksig->ka.sa.sa_flags & SA_NODEFER))
		sigaddset(&blocked, ksig->sig);
	set_current_blocked(&blocked);
	current->restore_sigmask = false;
}

/* ---- process groups ---- */

/*
 * Would process group @pgrp be orphaned without @ignored: no member has
 * a parent in another group of the same session (init does not count as
 * such a parent)? tasklist_lock held.
 */
static bool will_become_orphaned_pgrp(int pgrp, struct task_struct *ignored)
{
	struct task_struct *p;

	for_each_process(p) {
		struct task_struct *parent = p->real_parent;

		if (p == ignored || !p->signal || p->signal->pgrp != pgrp || p->exit_state)
			continue;
		if (!parent || !parent->signal || parent->tgid == 1)
			continue;
		if (parent->signal->pgrp != pgrp && parent->signal->session == p->signal->session)
			return false;
	}
	return true;
}

bool is_current_pgrp_orphaned(void)
{
	unsigned long flags;
	bool orphaned;

	spin_lock_irqsave(&tasklist_lock, flags);
	orphaned = will_become_orphaned_pgrp(task_pgrp_nr(current), NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return orphaned;
}

/* Is some process of @pgrp stopped? tasklist_lock held. */
static bool has_stopped_jobs(int pgrp)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->signal && p->signal->pgrp == pgrp && (p->signal->flags & SIGNAL_STOP_STOPPED))
			return true;
	return false;
}

/* @sig from the kernel to every process of @pgrp; tasklist_lock held. */
static void kill_pgrp_locked(int pgrp, int sig)
{
	struct task_struct *p;
	siginfo_t info;

	fill_user_info(&info, sig, SI_KERNEL);
	for_each_process(p)
		if (p->signal && p->signal->pgrp == pgrp && !p->exit_state)
			group_send_sig_info(sig, &info, p);
}

/*
 * POSIX: a process group that an exit orphans, and that has stopped
 * members, gets SIGHUP then SIGCONT (nobody is left to continue it).
 * @tsk exits (@parent NULL: its own parent is the link that goes), or is
 * a child of the exiting @parent. tasklist_lock held.
 */
void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent)
{
	struct task_struct *ignored = parent ? NULL : tsk;
	int pgrp = task_pgrp_nr(tsk);

	if (!parent)
		parent = tsk->real_parent;
	if (!parent || !parent->signal || !tsk->signal)
		return;
	if (parent->signal->pgrp != pgrp && parent->signal->session == tsk->signal->session &&
	    will_become_orphaned_pgrp(pgrp, ignored) && has_stopped_jobs(pgrp)) {
		kill_pgrp_locked(pgrp, SIGHUP);
		kill_pgrp_locked(pgrp, SIGCONT);
	}
}

/* ---- fork, exec and exit ---- */

int copy_sighand(unsigned long clone_flags, struct task_struct *tsk)
{
	struct sighand_struct *sh;

	if (clone_flags & CLONE_SIGHAND) {
		__atomic_fetch_add(&current->sighand->count, 1, __ATOMIC_RELAXED);
		tsk->sighand = current->sighand;
		return 0;
	}
	sh = kmalloc(sizeof(*sh), GFP_KERNEL);
	if (!sh)
		return -ENOMEM;
	sh->count = 1;
	spin_lock_init(&sh->siglock);
	if (current->sighand)
		memcpy(sh->action, current->sighand->action, sizeof(sh->action));
	else
		memset(sh->action, 0, sizeof(sh->action));
	tsk->sighand = sh;
	return 0;
}

void __cleanup_sighand(struct sighand_struct *sighand)
{
	if (__atomic_sub_fetch(&sighand->count, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(sighand);
}

/* Linux's defaults: 8 MiB stack, 1024 files, no other limit. */
static void default_rlimits(struct rlimit *rlim)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		rlim[i].rlim_cur = rlim[i].rlim_max = RLIM_INFINITY;
	rlim[RLIMIT_STACK].rlim_cur = 8UL << 20;
	rlim[RLIMIT_NOFILE].rlim_cur = 1024;
	rlim[RLIMIT_NOFILE].rlim_max = 4096;
	rlim[RLIMIT_CORE].rlim_cur = 0;
	rlim[RLIMIT_MEMLOCK].rlim_cur = rlim[RLIMIT_MEMLOCK].rlim_max = 8UL << 20;
	rlim[RLIMIT_NPROC].rlim_cur = rlim[RLIMIT_NPROC].rlim_max = 4096;
	rlim[RLIMIT_SIGPENDING].rlim_cur = rlim[RLIMIT_SIGPENDING].rlim_max = 4096;
}

int copy_signal(unsigned long clone_flags, struct task_struct *tsk)
{
	struct signal_struct *sig, *old = current->signal;

	if (clone_flags & CLONE_THREAD) {
		__atomic_fetch_add(&old->count, 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(&old->live, 1, __ATOMIC_RELAXED);
		tsk->signal = old;
		return 0;
	}
	sig = kzalloc(sizeof(*sig), GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	sig->count = sig->live = 1;
	init_sigpending(&sig->shared_pending);
	init_waitqueue_head(&sig->wait_chldexit);
	INIT_LIST_HEAD(&sig->it_real_list);
	if (old) {
		sig->pgrp = old->pgrp;
		sig->session = old->session;
		sig->tty = old->tty;
		memcpy(sig->rlim, old->rlim, sizeof(sig->rlim));
	} else {
		default_rlimits(sig->rlim);
	}
	tsk->signal = sig;
	return 0;
}

void free_signal_struct(struct signal_struct *sig)
{
	if (__atomic_sub_fetch(&sig->count, 1, __ATOMIC_ACQ_REL) == 0) {
		flush_sigqueue(&sig->shared_pending);
		kfree(sig);
	}
}

/* exec: handlers become SIG_DFL (ignored stay ignored), flags and masks cleared. */
void flush_signal_handlers(struct task_struct *t)
{
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &t->sighand->action[i];

		if (ka->sa.sa_handler != SIG_IGN)
			ka->sa.sa_handler = SIG_DFL;
		ka->sa.sa_flags = 0;
		sigemptyset(&ka->sa.sa_mask);
	}
	t->sas_ss_sp = 0;
	t->sas_ss_size = 0;
	t->sas_ss_flags = SS_DISABLE;
}

/*
 * A thread leaving: signals only it could have taken go to another
 * thread of the group; its own queue is flushed.
 */
void exit_signals(struct task_struct *tsk)
{
	unsigned long flags;

	if (!tsk->sighand)
		return;
	spin_lock_irqsave(&tsk->sighand->siglock, flags);
	tsk->flags |= PF_EXITING;
	if (tsk->jobctl_stop_pending && --tsk->signal->group_stop_count == 0)
		tsk->signal->flags |= SIGNAL_STOP_STOPPED;
	tsk->jobctl_stop_pending = false;
	flush_sigqueue(&tsk->pending);
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
}

/*
 * A process ended: SIGCHLD (its exit_signal) with the status to the
 * parent, whose wait4 is woken. tasklist_lock held. If the parent ignores
 * SIGCHLD (or has SA_NOCLDWAIT), the child is not kept as a zombie: the
 * caller reaps it at once (tsk->exit_signal set to -1 says so).
 */
void do_notify_parent(struct task_struct *tsk, int sig)
{
	struct task_struct *parent = tsk->real_parent;
	struct k_sigaction *ka;
	siginfo_t info;
	int status = tsk->exit_code;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_pid = tsk->tgid;
	info.si_uid = tsk->cred.uid;
	info.si_code = (status & 0x7f) ? CLD_KILLED : CLD_EXITED;
	info.si_status = (status & 0x7f) ? (status & 0x7f) : (status >> 8) & 0xff;
	info.si_utime = tsk->utime / (1000000000ULL / 100);
	info.si_stime = tsk->stime / (1000000000ULL / 100);
	if (!parent->sighand) {		/* a kthread parent (init's own creator): no one waits */
		tsk->exit_signal = -1;
		return;
	}
	ka = &parent->sighand->action[SIGCHLD - 1];
	if (sig == SIGCHLD && (ka->sa.sa_handler == SIG_IGN || (ka->sa.sa_flags & SA_NOCLDWAIT)))
		tsk->exit_signal = -1;		/* autoreap */
	if (sig > 0)
		group_send_sig_info(sig, &info, parent);
	wake_up(&parent->signal->wait_chldexit);
}

/* ---- masks and handlers ---- */

SYSCALL_DEFINE(rt_sigprocmask)
{
	int how = (int)a0;
	const sigset_t __user *uset = (const sigset_t __user *)a1;
	sigset_t __user *uold = (sigset_t __user *)a2;
	sigset_t old = current->blocked, set;

	if (a3 != sizeof(sigset_t))
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, uset, sizeof(set)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			set.sig[0] |= old.sig[0];
			break;
		case SIG_UNBLOCK:
			set.sig[0] = old.sig[0] & ~set.sig[0];
			break;
		case SIG_SETMASK:
			break;
		default:
			return -EINVAL;
		}
	}
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	if (uset)
		set_current_blocked(&set);
	return 0;
}

SYSCALL_DEFINE(rt_sigaction)
{
	int sig = (int)a0;
	const struct sigaction __user *uact = (const void __user *)a1;
	struct sigaction __user *uold = (void __user *)a2;
	struct sighand_struct *sh = current->sighand;
	struct sigaction act, old;
	unsigned long flags;

	if (a3 != sizeof(sigset_t))
		return -EINVAL;
	if (sig < 1 || sig > _NSIG || (uact && (sig == SIGKILL || sig == SIGSTOP)))
		return -EINVAL;
	if (uact && copy_from_user(&act, uact, sizeof(act)))
		return -EFAULT;
	spin_lock_irqsave(&sh->siglock, flags);
	old = sh->action[sig - 1].sa;
	if (uact) {
		struct task_struct *t;

		act.sa_mask.sig[0] &= ~SIG_KERNEL_ONLY_MASK;
		sh->action[sig - 1].sa = act;
		/* POSIX: ignoring a pending signal discards it. */
		if (sig_ignored(current, sig, false) ||
		    act.sa_handler == SIG_IGN) {
			flush_sigqueue_mask(sigmask(sig), &current->signal->shared_pending);
			for_each_thread(current, t)
				flush_sigqueue_mask(sigmask(sig), &t->pending);
		}
	}
	spin_unlock_irqrestore(&sh->siglock, flags);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(rt_sigpending)
{
	sigset_t set;

	if (a1 > sizeof(sigset_t))
		return -EINVAL;
	set.sig[0] = pending_mask(current) & current->blocked.sig[0];
	return copy_to_user((void __user *)a0, &set, a1) ? -EFAULT : 0;
}

/* Wait for a signal with @mask in force; the old mask comes back after the handler. */
SYSCALL_DEFINE(rt_sigsuspend)
{
	sigset_t mask;

	if (a1 != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, (const void __user *)a0, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	set_current_blocked(&mask);
	while (!signal_pending(current)) {
		current->state = TASK_INTERRUPTIBLE;
		if (!signal_pending(current))
			schedule();
		current->state = TASK_RUNNING;
	}
	current->restore_sigmask = true;
	return -ERESTARTNOHAND;
}

/* Jiffies for a relative timespec, rounded up; -EINVAL if malformed. */
static long timespec_to_jiffies_checked(const struct __kernel_timespec *ts)
{
	u64 ns;

	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L)
		return -EINVAL;
	if ((u64)ts->tv_sec > (u64)LONG_MAX / 1000000000ULL / 2)
		return MAX_SCHEDULE_TIMEOUT;
	ns = (u64)ts->tv_sec * 1000000000ULL + ts->tv_nsec;
	return DIV_ROUND_UP(ns * HZ, 1000000000ULL);
}

/* Dequeue one of @set for current now, siglock taken. 0 if none. */
static int dequeue_from(const sigset_t *set, siginfo_t *info)
{
	sigset_t mask = { { ~set->sig[0] } };
	unsigned long flags;
	int sig;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	sig = dequeue_signal(&mask, info);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return sig;
}

SYSCALL_DEFINE(rt_sigtimedwait)
{
	siginfo_t __user *uinfo = (void __user *)a1;
	struct __kernel_timespec ts;
	long timeout = MAX_SCHEDULE_TIMEOUT;
	sigset_t set, saved, tmp;
	siginfo_t info;
	int sig;

	if (a3 != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, (const void __user *)a0, sizeof(set)))
		return -EFAULT;
	set.sig[0] &= ~SIG_KERNEL_ONLY_MASK;
	if (a2) {
		if (copy_from_user(&ts, (const void __user *)a2, sizeof(ts)))
			return -EFAULT;
		timeout = timespec_to_jiffies_checked(&ts);
		if (timeout < 0)
			return -EINVAL;
	}
	sig = dequeue_from(&set, &info);
	if (!sig && timeout) {
		/* Unblock the awaited ones so a send wakes us, then block them again. */
		saved = current->blocked;
		tmp.sig[0] = saved.sig[0] & ~set.sig[0];
		set_current_blocked(&tmp);
		current->state = TASK_INTERRUPTIBLE;
		if (!signal_pending(current))
			schedule_timeout(timeout);
		current->state = TASK_RUNNING;
		set_current_blocked(&saved);
		sig = dequeue_from(&set, &info);
	}
	if (!sig)
		return timeout ? (signal_pending(current) ? -EINTR : -EAGAIN) : -EAGAIN;
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}

/* ---- the alternate stack ---- */

bool on_sig_stack(unsigned long sp)
{
	struct task_struct *t = current;

	return t->sas_ss_size && sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}

/* Where a handler's frame goes: the sigaltstack top for SA_ONSTACK, else below @sp. */
unsigned long sigsp(unsigned long sp, struct ksignal *ksig)
{
	struct task_struct *t = current;

	if ((ksig->ka.sa.sa_flags & SA_ONSTACK) && t->sas_ss_size && !on_sig_stack(sp)) {
		sp = t->sas_ss_sp + t->sas_ss_size;
		if (t->sas_ss_flags & SS_AUTODISARM) {
			t->sas_ss_sp = 0;
			t->sas_ss_size = 0;
		}
	}
	return sp;
}

int save_altstack(stack_t __user *uss, unsigned long sp)
{
	struct task_struct *t = current;
	stack_t st = {
		.ss_sp = (void *)t->sas_ss_sp, .ss_size = t->sas_ss_size,
		.ss_flags = !t->sas_ss_size ? SS_DISABLE : on_sig_stack(sp) ? SS_ONSTACK : 0,
	};

	if (t->sas_ss_size)
		st.ss_flags |= t->sas_ss_flags & SS_AUTODISARM;
	return copy_to_user(uss, &st, sizeof(st)) ? -EFAULT : 0;
}

/* Install @ss as the alternate stack (@sp: the caller's, to refuse changes while on it). */
static int do_sigaltstack(const stack_t *ss, unsigned long sp)
{
	struct task_struct *t = current;
	unsigned int mode = ss->ss_flags & ~SS_AUTODISARM;

	if (on_sig_stack(sp))
		return -EPERM;
	if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		t->sas_ss_sp = 0;
		t->sas_ss_size = 0;
	} else {
		if (ss->ss_size < MINSIGSTKSZ)
			return -ENOMEM;
		t->sas_ss_sp = (unsigned long)ss->ss_sp;
		t->sas_ss_size = ss->ss_size;
	}
	t->sas_ss_flags = ss->ss_flags & SS_AUTODISARM;
	return 0;
}

int restore_altstack(const stack_t __user *uss)
{
	stack_t st;

	if (copy_from_user(&st, uss, sizeof(st)))
		return -EFAULT;
	do_sigaltstack(&st, 0);	/* a bad saved stack is ignored, as Linux does */
	return 0;
}

SYSCALL_DEFINE(sigaltstack)
{
	unsigned long sp = current_user_sp();
	stack_t ss;
	int err;

	if (a1 && save_altstack((stack_t __user *)a1, sp))
		return -EFAULT;
	if (!a0)
		return 0;
	if (copy_from_user(&ss, (const void __user *)a0, sizeof(ss)))
		return -EFAULT;
	err = do_sigaltstack(&ss, sp);
	return err;
}
