/*
 * /proc/<pid>/stat, status and statm: copies what they show out of the
 * task (under tasklist_lock) and its mm (with a reference, no lock: the
 * counters are words read once) into array.h's structs, which
 * array_fmt.c formats. After Linux 4.x's fs/proc/array.c in what is
 * shown; leaves out ptrace permission checks (every field is shown),
 * scheduling policy and priority (rivet has one: priority 20, nice 0).
 * A thread group's times and faults are its live threads' plus those its
 * dead threads left in signal_struct.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/mm_types.h>
#include <linux/fs_struct.h>
#include <linux/fdtable.h>
#include <linux/tty.h>
#include <linux/kdev_t.h>
#include <linux/seq_buf.h>
#include "internal.h"
#include "array.h"

/* A sigpending's queued entries (none if its list was never set up: kernel threads). */
static unsigned int count_queued(const struct sigpending *q)
{
	const struct list_head *p;
	unsigned int n = 0;

	if (!q->list.next)
		return 0;
	list_for_each(p, &q->list)
		n++;
	return n;
}

/* @dev as a 32-bit number: minor's low byte, major, the minor's high bits (Linux's new_encode_dev). */
static int encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}

/* The controlling tty's number and foreground group (-1: none). tasklist_lock held. */
static void tty_info_fill(struct tty_struct *tty, struct proc_task_info *ti)
{
	int pgrp;

	ti->tpgid = -1;
	if (!tty)
		return;
	ti->tty_nr = encode_dev(tty_devnum(tty));
	pgrp = READ_ONCE(tty->pgrp);
	if (pgrp > 0)
		ti->tpgid = pgrp;
}

/* The signal_struct half: dead threads' times (@whole), children's, limits, shared signals. tasklist_lock held. */
static void signal_info_fill(const struct signal_struct *sig, struct proc_task_info *ti,
			     bool whole)
{
	ti->rsslim = RLIM_INFINITY;
	ti->tpgid = -1;
	if (!sig)
		return;
	if (whole) {	/* the dead threads' share */
		ti->utime += sig->utime;
		ti->stime += sig->stime;
	}
	ti->cutime = sig->cutime;
	ti->cstime = sig->cstime;
	ti->cmin_flt = sig->cmin_flt;
	ti->cmaj_flt = sig->cmaj_flt;
	ti->rsslim = sig->rlim[RLIMIT_RSS].rlim_cur;
	ti->sigq_lim = sig->rlim[RLIMIT_SIGPENDING].rlim_cur;
	ti->shdpnd = sig->shared_pending.signal.sig[0];
	ti->sigq += count_queued(&sig->shared_pending);
	tty_info_fill(sig->tty, ti);
}

/* Ignored and caught signals from the handlers. tasklist_lock held. */
static void sighand_info_fill(struct sighand_struct *sh, struct proc_task_info *ti)
{
	if (!sh)
		return;
	spin_lock(&sh->siglock);
	for (int i = 0; i < _NSIG; i++) {
		__sighandler_t h = sh->action[i].sa.sa_handler;

		if (h == SIG_IGN)
			ti->sigign |= 1UL << i;
		else if (h != SIG_DFL)
			ti->sigcgt |= 1UL << i;
	}
	spin_unlock(&sh->siglock);
}

/* Credentials, umask and the descriptor table's size. tasklist_lock held. */
static void cred_info_fill(struct task_struct *task, struct proc_task_info *ti)
{
	const struct cred *c = &task->cred;

	ti->uid[0] = c->uid;
	ti->uid[1] = c->euid;
	ti->uid[2] = c->suid;
	ti->uid[3] = c->fsuid;
	ti->gid[0] = c->gid;
	ti->gid[1] = c->egid;
	ti->gid[2] = c->sgid;
	ti->gid[3] = c->fsgid;
	ti->ngroups = min(c->ngroups, PROC_NGROUPS);
	for (int i = 0; i < ti->ngroups; i++)
		ti->groups[i] = c->groups[i];
	ti->umask = -1;
	if (task->fs) {
		spin_lock(&task->fs->lock);
		ti->umask = task->fs->umask;
		spin_unlock(&task->fs->lock);
	}
	if (task->files) {
		spin_lock(&task->files->file_lock);
		ti->fdsize = task->files->max_fds;
		spin_unlock(&task->files->file_lock);
	}
}

/*
 * Everything of @task but its mm into @ti (zeroed first): with @whole the
 * thread group's times and faults (/proc/<pid>), else the thread's own
 * (/proc/<pid>/task/<tid>). Takes tasklist_lock.
 */
static void task_info_fill(struct task_struct *task, struct proc_task_info *ti, bool whole)
{
	struct task_struct *t;
	unsigned long flags;

	memset(ti, 0, sizeof(*ti));
	spin_lock_irqsave(&tasklist_lock, flags);
	ti->pid = task->pid;
	ti->tgid = task->tgid;
	memcpy(ti->comm, task->comm, PROC_COMM_LEN);
	ti->comm[PROC_COMM_LEN - 1] = 0;
	ti->state = task_state_char(task);
	ti->flags = task->flags;
	ti->ppid = task_ppid_nr(task);
	ti->pgrp = task_pgrp_nr(task);
	ti->session = task_session_nr(task);
	ti->nr_threads = get_nr_threads(task);
	ti->exit_signal = task->exit_signal;
	ti->exit_code = task->exit_code;
	ti->start_time = task->start_time;
	ti->nvcsw = task->nvcsw;
	ti->nivcsw = task->nivcsw;
	ti->sigpnd = task->pending.signal.sig[0];
	ti->sigblk = task->blocked.sig[0];
	ti->sigq = count_queued(&task->pending);
	if (whole && task->group_leader) {
		for_each_thread(task, t) {
			ti->utime += t->utime;
			ti->stime += t->stime;
			ti->min_flt += t->min_flt;
			ti->maj_flt += t->maj_flt;
		}
	} else {	/* one thread, or not yet in a group (being set up) */
		ti->utime = task->utime;
		ti->stime = task->stime;
		ti->min_flt = task->min_flt;
		ti->maj_flt = task->maj_flt;
	}
	signal_info_fill(task->signal, ti, whole);
	sighand_info_fill(task->sighand, ti);
	cred_info_fill(task, ti);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* @mm's counters and layout into @mi. The caller holds a reference (get_task_mm). */
static void mm_info_fill(struct mm_struct *mm, struct proc_mm_info *mi)
{
	memset(mi, 0, sizeof(*mi));
	mi->total_vm = mm->total_vm;
	mi->hiwater_vm = mm->hiwater_vm;
	mi->locked_vm = mm->locked_vm;
	mi->data_vm = mm->data_vm;
	mi->stack_vm = mm->stack_vm;
	mi->exec_vm = mm->exec_vm;
	mi->hiwater_rss = mm->hiwater_rss;
	mi->file = max(READ_ONCE(mm->rss_stat[MM_FILEPAGES]), 0L);
	mi->anon = max(READ_ONCE(mm->rss_stat[MM_ANONPAGES]), 0L);
	mi->shmem = max(READ_ONCE(mm->rss_stat[MM_SHMEMPAGES]), 0L);
	mi->pgtables = proc_mm_pgtables(mm);
	mi->start_code = mm->start_code;
	mi->end_code = mm->end_code;
	mi->start_data = mm->start_data;
	mi->end_data = mm->end_data;
	mi->start_brk = mm->start_brk;
	mi->brk = mm->brk;
	mi->start_stack = mm->start_stack;
	mi->arg_start = mm->arg_start;
	mi->arg_end = mm->arg_end;
	mi->env_start = mm->env_start;
	mi->env_end = mm->env_end;
}

/*
 * Fills @ti and, if @task has an address space, @mi: true then, false for
 * a kernel thread (or a task past exit_mm), whose Vm lines are left out.
 */
static bool task_and_mm_fill(struct task_struct *task, struct proc_task_info *ti,
			     struct proc_mm_info *mi, bool whole)
{
	struct mm_struct *mm;

	task_info_fill(task, ti, whole);
	mm = get_task_mm(task);
	if (!mm)
		return false;
	mm_info_fill(mm, mi);
	mmput(mm);
	return true;
}

/* The info structs are too big for a 16 KiB kernel stack to keep two of. */
struct task_texts {
	struct proc_task_info ti;
	struct proc_mm_info mi;
};

/* stat (@status false) or status of @task, the group's view or the thread's (@whole). */
static int show_stat_or_status(struct seq_buf *s, struct task_struct *task, bool status,
			       bool whole)
{
	struct task_texts *x = kmalloc(sizeof(*x), GFP_KERNEL);
	struct proc_mm_info *mi;

	if (!x)
		return -ENOMEM;
	mi = task_and_mm_fill(task, &x->ti, &x->mi, whole) ? &x->mi : NULL;
	if (status)
		proc_format_status(s, &x->ti, mi);
	else
		proc_format_stat(s, &x->ti, mi);
	kfree(x);
	return 0;
}

int proc_pid_stat(struct seq_buf *s, struct task_struct *task)
{
	return show_stat_or_status(s, task, false, true);
}

int proc_pid_status(struct seq_buf *s, struct task_struct *task)
{
	return show_stat_or_status(s, task, true, true);
}

int proc_tid_stat(struct seq_buf *s, struct task_struct *task)
{
	return show_stat_or_status(s, task, false, false);
}

int proc_tid_status(struct seq_buf *s, struct task_struct *task)
{
	return show_stat_or_status(s, task, true, false);
}

int proc_pid_statm(struct seq_buf *s, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	struct proc_mm_info mi;

	if (!mm) {
		proc_format_statm(s, NULL);
		return 0;
	}
	mm_info_fill(mm, &mi);
	mmput(mm);
	proc_format_statm(s, &mi);
	return 0;
}
