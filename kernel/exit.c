/*
 * The end of processes and threads, and waiting for them: exit and
 * exit_group, the zombie a process leaves for its parent, orphans handed
 * to init (pid 1), wait4 and waitid with their stop and continue reports.
 * After Linux's kernel/exit.c (do_exit, do_group_exit, exit_notify,
 * forget_original_parent, release_task, do_wait); leaves out ptrace,
 * child subreapers.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/fs.h>
#include <linux/irqflags.h>
#include <linux/timer.h>
#include <linux/tty.h>
#include <uapi/wait.h>
#include <uapi/resource.h>
#include <asm/mmu_context.h>
#include <asm/uaccess.h>

/* Let go of the address space; the task runs on init_mm until it is gone. */
static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;
	unsigned long flags;

	if (!mm)
		return;
	mm_release(tsk, mm);
	spin_lock_irqsave(&tasklist_lock, flags);
	tsk->mm = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	mmput(mm);
}

/* The task orphans go to: init, or NULL before it exists. tasklist_lock held. */
static struct task_struct *child_reaper(void)
{
	return find_task_by_vpid(1);
}

/* A reaped (or self-reaping) task leaves the tree for good. tasklist_lock held. */
static void release_task(struct task_struct *p)
{
	struct signal_struct *sig = p->signal;

	detach_pid_locked(p);
	if (thread_group_leader(p))
		list_del_init(&p->sibling);
	p->exit_state = EXIT_DEAD;
	if (p->sighand)
		__cleanup_sighand(p->sighand);
	p->sighand = NULL;
	p->signal = NULL;
	if (sig)
		free_signal_struct(sig);
	put_task_struct(p);	/* the tree's reference */
}

/*
 * The group of @leader is gone: the leader becomes a zombie for its
 * parent (or is reaped at once if the parent does not want it).
 * tasklist_lock held. Returns true if the caller must release it.
 */
static bool notify_group_dead(struct task_struct *leader)
{
	leader->exit_state = EXIT_ZOMBIE;
	if (leader->exit_signal > 0)
		do_notify_parent(leader, leader->exit_signal);
	else
		leader->exit_signal = -1;
	return leader->exit_signal == -1;
}

/* Hand @father's children to init; zombies among them are announced to it. */
static void forget_original_parent(struct task_struct *father, struct list_head *dead)
{
	struct task_struct *reaper = child_reaper(), *p, *n;

	if (!reaper || reaper == father)
		reaper = &init_task;
	list_for_each_entry_safe(p, n, &father->children, sibling) {
		p->real_parent = reaper;
		list_move_tail(&p->sibling, &reaper->children);
		kill_orphaned_pgrp(p, father);
		if (p->exit_state == EXIT_ZOMBIE && reaper->sighand) {
			p->exit_signal = SIGCHLD;
			if (notify_group_dead(p))
				list_move_tail(&p->sibling, dead);
		} else if (p->exit_state == EXIT_ZOMBIE) {
			list_move_tail(&p->sibling, dead);	/* nobody to wait: reap */
		}
	}
}

/*
 * Tell the world @tsk is gone: orphans to init, the zombie (once the
 * whole group is dead) to the parent; a thread or an unwanted zombie is
 * released at once.
 */
static void exit_notify(struct task_struct *tsk, bool group_dead)
{
	struct task_struct *leader = tsk->group_leader, *p, *n;
	unsigned long flags;
	LIST_HEAD(dead);
	bool release_self = false;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (group_dead) {
		forget_original_parent(leader, &dead);
		kill_orphaned_pgrp(leader, NULL);
	}
	if (thread_group_leader(tsk)) {
		if (group_dead)
			release_self = notify_group_dead(tsk);
		else
			tsk->exit_state = EXIT_ZOMBIE;	/* waits for its threads */
	} else {
		release_self = true;
		if (group_dead && leader->exit_state == EXIT_ZOMBIE && notify_group_dead(leader))
			list_add_tail(&leader->sibling, &dead);
	}
	list_for_each_entry_safe(p, n, &dead, sibling)
		release_task(p);
	if (release_self)
		release_task(tsk);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* Fold @tsk's CPU time and faults into its group's, for times() and wait. */
static void account_exit(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;

	sig->utime += tsk->utime;
	sig->stime += tsk->stime;
}

void do_exit(long code)
{
	struct task_struct *tsk = current;
	bool group_dead;

	if (!tsk->sighand)
		kthread_exit(code);
	if (tsk->pid == 1)
		panic("Attempted to kill init! exitcode=0x%08lx", code);
	exit_signals(tsk);		/* PF_EXITING: no more signals for it */
	group_dead = __atomic_sub_fetch(&tsk->signal->live, 1, __ATOMIC_ACQ_REL) == 0;
	if (group_dead) {
		exit_itimers(tsk->signal);
		if (tsk->signal->leader)
			disassociate_ctty(1);	/* the session's tty: SIGHUP to its foreground */
	}
	account_exit(tsk);
	exit_mm(tsk);
	exit_files(tsk);
	exit_fs(tsk);
	if (tsk->exe_file) {
		fput(tsk->exe_file);
		tsk->exe_file = NULL;
	}
	tsk->exit_code = code;
	exit_notify(tsk, group_dead);
	local_irq_disable();
	tsk->state = TASK_DEAD;
	schedule();
	panic("do_exit: dead task %d ran again", tsk->pid);
}

void do_group_exit(int exit_code)
{
	struct task_struct *t, *cur = current;
	struct signal_struct *sig = cur->signal;
	unsigned long flags;

	spin_lock_irqsave(&cur->sighand->siglock, flags);
	if (sig->flags & SIGNAL_GROUP_EXIT) {
		exit_code = sig->group_exit_code;
	} else {
		sig->flags = SIGNAL_GROUP_EXIT;
		sig->group_exit_code = exit_code;
		for_each_thread(cur, t) {
			if (t == cur)
				continue;
			sigaddset(&t->pending.signal, SIGKILL);
			signal_wake_up(t, true);
		}
	}
	spin_unlock_irqrestore(&cur->sighand->siglock, flags);
	do_exit(exit_code);
}

SYSCALL_DEFINE(exit)
{
	do_exit((a0 & 0xff) << 8);
}

SYSCALL_DEFINE(exit_group)
{
	do_group_exit((a0 & 0xff) << 8);
}

/* ---- wait ---- */

struct wait_opts {
	int type;		/* P_ALL, P_PID, P_PGID */
	int id;
	int options;		/* W* */
	/* the result */
	int pid, status, cld_code, cld_status;	/* wait status; waitid's si_code, si_status */
	uid_t uid;
	u64 utime, stime;
	unsigned long minflt, majflt, nvcsw, nivcsw;
};

static bool wait_matches(const struct wait_opts *wo, const struct task_struct *p)
{
	if (wo->type == P_PID)
		return p->tgid == wo->id;
	if (wo->type == P_PGID)
		return p->signal && p->signal->pgrp == wo->id;
	return true;
}

/* Copy what wait reports of @p into @wo. */
static void wait_fill(struct wait_opts *wo, struct task_struct *p, int status, int code,
		      int cld_status)
{
	wo->pid = p->tgid;
	wo->uid = p->cred.uid;
	wo->status = status;
	wo->cld_code = code;
	wo->cld_status = cld_status;
	wo->utime = p->signal ? p->signal->utime + p->utime + p->signal->cutime : p->utime;
	wo->stime = p->signal ? p->signal->stime + p->stime + p->signal->cstime : p->stime;
	wo->minflt = p->min_flt;
	wo->majflt = p->maj_flt;
	wo->nvcsw = p->nvcsw;
	wo->nivcsw = p->nivcsw;
}

/* A dead child: report and (unless WNOWAIT) reap it. tasklist_lock held. */
static bool wait_task_zombie(struct wait_opts *wo, struct task_struct *p)
{
	int st = p->exit_code;

	if (!(wo->options & WEXITED) || p->exit_state != EXIT_ZOMBIE || p->signal->live)
		return false;
	wait_fill(wo, p, st, (st & 0x7f) ? CLD_KILLED : CLD_EXITED,
		  (st & 0x7f) ? (st & 0x7f) : (st >> 8) & 0xff);
	if (wo->options & WNOWAIT)
		return true;
	current->signal->cutime += wo->utime;
	current->signal->cstime += wo->stime;
	current->signal->cmin_flt += wo->minflt;
	current->signal->cmaj_flt += wo->majflt;
	release_task(p);
	return true;
}

/* A stopped or continued child not yet reported. tasklist_lock held. */
static bool wait_task_stopped(struct wait_opts *wo, struct task_struct *p)
{
	struct signal_struct *sig = p->signal;

	if (p->exit_state || !sig)
		return false;
	if ((wo->options & WSTOPPED) && (sig->flags & SIGNAL_STOP_STOPPED) && !sig->stop_reported) {
		if (!(wo->options & WNOWAIT))
			sig->stop_reported = true;
		wait_fill(wo, p, (sig->stop_code << 8) | 0x7f, CLD_STOPPED, sig->stop_code);
		return true;
	}
	if ((wo->options & WCONTINUED) && (sig->flags & SIGNAL_STOP_CONTINUED) && !sig->cont_reported) {
		if (!(wo->options & WNOWAIT)) {
			sig->cont_reported = true;
			sig->flags &= ~SIGNAL_STOP_CONTINUED;
		}
		wait_fill(wo, p, 0xffff, CLD_CONTINUED, SIGCONT);
		return true;
	}
	return false;
}

/* One pass over the children: 1 reported, 0 none ready, -ECHILD none at all. */
static int wait_scan(struct wait_opts *wo)
{
	struct task_struct *p, *n, *me = current->group_leader;
	unsigned long flags;
	int ret = -ECHILD;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry_safe(p, n, &me->children, sibling) {
		if (!wait_matches(wo, p))
			continue;
		ret = 0;
		if (wait_task_zombie(wo, p) || wait_task_stopped(wo, p)) {
			ret = 1;
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* Wait as @wo says: 1 with the result in @wo, 0 (WNOHANG), -ECHILD, -ERESTARTSYS. */
static int do_wait(struct wait_opts *wo)
{
	struct wait_queue_head *wq = &current->signal->wait_chldexit;
	DEFINE_WAIT(w);
	int ret;

	for (;;) {
		prepare_to_wait(wq, &w, TASK_INTERRUPTIBLE);
		ret = wait_scan(wo);
		if (ret || (wo->options & WNOHANG))
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(wq, &w);
	return ret;
}

static struct timeval ns_to_timeval(u64 ns)
{
	struct timeval tv = { .tv_sec = ns / 1000000000ULL,
			      .tv_usec = ns % 1000000000ULL / 1000 };
	return tv;
}

static int put_rusage(struct rusage __user *ru, const struct wait_opts *wo)
{
	struct rusage r;

	memset(&r, 0, sizeof(r));
	r.ru_utime = ns_to_timeval(wo->utime);
	r.ru_stime = ns_to_timeval(wo->stime);
	r.ru_minflt = wo->minflt;
	r.ru_majflt = wo->majflt;
	r.ru_nvcsw = wo->nvcsw;
	r.ru_nivcsw = wo->nivcsw;
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

SYSCALL_DEFINE(wait4)
{
	int pid = (int)a0, options = (int)a2;
	struct wait_opts wo = { .options = options | WEXITED };
	int ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == INT_MIN)
		return -ESRCH;
	if (pid > 0) {
		wo.type = P_PID, wo.id = pid;
	} else if (pid < -1) {
		wo.type = P_PGID, wo.id = -pid;
	} else if (pid == 0) {
		wo.type = P_PGID, wo.id = task_pgrp_nr(current);
	} else {
		wo.type = P_ALL;
	}
	ret = do_wait(&wo);
	if (ret <= 0)
		return ret;
	if (a1 && put_user(wo.status, (int __user *)a1))
		return -EFAULT;
	if (a3 && put_rusage((struct rusage __user *)a3, &wo))
		return -EFAULT;
	return wo.pid;
}

SYSCALL_DEFINE(waitid)
{
	int type = (int)a0, options = (int)a3;
	siginfo_t __user *uinfo = (siginfo_t __user *)a2;
	struct wait_opts wo = { .type = type, .id = (int)a1, .options = options };
	siginfo_t info;
	int ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			__WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	if (type != P_ALL && type != P_PID && type != P_PGID)
		return -EINVAL;
	if ((type == P_PID && (int)a1 <= 0) || (type == P_PGID && (int)a1 < 0))
		return -EINVAL;
	if (type == P_PGID && !a1)
		wo.id = task_pgrp_nr(current);
	ret = do_wait(&wo);
	if (ret < 0)
		return ret;
	memset(&info, 0, sizeof(info));
	if (ret) {
		info.si_signo = SIGCHLD;
		info.si_code = wo.cld_code;
		info.si_pid = wo.pid;
		info.si_uid = wo.uid;
		info.si_status = wo.cld_status;
	}
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	if (a4 && ret && put_rusage((struct rusage __user *)a4, &wo))
		return -EFAULT;
	return 0;
}
