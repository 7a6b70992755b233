/*
 * Process ids, the process tree's lock, and the ids system calls: getpid,
 * getppid, gettid, setpgid/getpgid, setsid/getsid. Pids come from a
 * bitmap, handed out upwards from the last one and wrapping at pid_max
 * (32768) to 300 as Linux does; a number still naming a live process
 * group or session is skipped. Lookups walk the task list, which is short
 * on a board. After Linux's kernel/pid.c and the id calls of kernel/sys.c;
 * leaves out pid namespaces and struct pid.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>

#define RESERVED_PIDS	300	/* where allocation restarts after a wrap */
#define BITS_PER_LONG	(8 * sizeof(unsigned long))

DEFINE_SPINLOCK(tasklist_lock);
static unsigned long pid_map[PID_MAX_DEFAULT / (8 * sizeof(unsigned long))];
static int last_pid = 1;	/* tasklist_lock; 1 is init's, asked for by name */
static unsigned long nr_threads;	/* tasks but idle (tasklist_lock) */

static bool pid_used(int nr)
{
	return pid_map[nr / BITS_PER_LONG] >> (nr % BITS_PER_LONG) & 1;
}

static void pid_set(int nr, bool used)
{
	unsigned long bit = 1UL << (nr % BITS_PER_LONG);

	if (used)
		pid_map[nr / BITS_PER_LONG] |= bit;
	else
		pid_map[nr / BITS_PER_LONG] &= ~bit;
}

/* Does @nr still name a process group or session? tasklist_lock held. */
static bool pid_names_group(int nr)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->signal && (p->signal->pgrp == nr || p->signal->session == nr))
			return true;
	return false;
}

/* A free pid, tasklist_lock held; -EAGAIN when all are taken. */
static int alloc_pid_locked(void)
{
	int nr = last_pid;

	for (int tries = 0; tries < PID_MAX_DEFAULT; tries++) {
		if (++nr >= PID_MAX_DEFAULT)
			nr = RESERVED_PIDS;
		if (!pid_used(nr) && !pid_names_group(nr)) {
			pid_set(nr, true);
			last_pid = nr;
			return nr;
		}
	}
	return -EAGAIN;
}

/*
 * Give @p a pid (1 if it asks for it with p->pid = 1: init) and put it in the task lists: a group leader on the
 * process list, a thread on its leader's thread_group. tasklist_lock held.
 */
int attach_pid_locked(struct task_struct *p)
{
	int nr = p->pid == 1 && !pid_used(1) ? 1 : alloc_pid_locked();

	if (nr < 0)
		return nr;
	pid_set(nr, true);
	p->pid = nr;
	if (thread_group_leader(p)) {
		p->tgid = nr;
		list_add_tail(&p->tasks, &init_task.tasks);
	} else {
		p->tgid = p->group_leader->tgid;
		list_add_tail(&p->thread_group, &p->group_leader->thread_group);
	}
	nr_threads++;
	return 0;
}

/* Off the lists, pid free again. tasklist_lock held. */
void detach_pid_locked(struct task_struct *p)
{
	if (thread_group_leader(p))
		list_del_init(&p->tasks);
	else
		list_del_init(&p->thread_group);
	pid_set(p->pid, false);
	nr_threads--;
}

int attach_kthread(struct task_struct *t)
{
	unsigned long flags;
	int err;

	spin_lock_irqsave(&tasklist_lock, flags);
	err = attach_pid_locked(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

void detach_kthread(struct task_struct *t)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	detach_pid_locked(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

unsigned long nr_threads_total(void)
{
	return READ_ONCE(nr_threads);
}

/* The next thread of @t's group after @t, NULL after the last. tasklist_lock held. */
struct task_struct *next_thread_or_null(struct task_struct *t)
{
	struct task_struct *leader = t->group_leader;
	struct list_head *next = t == leader ? leader->thread_group.next : t->thread_group.next;

	if (next == &leader->thread_group)
		return NULL;
	return list_entry(next, struct task_struct, thread_group);
}

struct task_struct *find_task_by_vpid(int nr)
{
	struct task_struct *p, *t;

	if (nr <= 0)
		return NULL;
	for_each_process(p)
		for_each_thread(p, t)
			if (t->pid == nr)
				return t;
	return NULL;
}

struct task_struct *find_get_task_by_vpid(int nr)
{
	struct task_struct *t;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	t = find_task_by_vpid(nr);
	if (t)
		get_task_struct(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return t;
}

int get_nr_threads(const struct task_struct *t)
{
	struct task_struct *leader = t->group_leader, *x;
	int n = 0;

	for_each_thread(leader, x)
		n++;
	return n;
}

int task_pgrp_nr(const struct task_struct *t)
{
	return t->signal ? t->signal->pgrp : 0;
}

int task_session_nr(const struct task_struct *t)
{
	return t->signal ? t->signal->session : 0;
}

int task_ppid_nr(const struct task_struct *t)
{
	struct task_struct *parent = t->group_leader->real_parent;

	return parent && parent != &init_task ? parent->tgid : 0;
}

SYSCALL_DEFINE(getpid)
{
	return current->tgid;
}

SYSCALL_DEFINE(gettid)
{
	return current->pid;
}

SYSCALL_DEFINE(getppid)
{
	unsigned long flags;
	int nr;

	spin_lock_irqsave(&tasklist_lock, flags);
	nr = task_ppid_nr(current);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return nr;
}

/* Is there a process in session @sid whose process group is @pgrp? tasklist_lock held. */
static bool pgrp_in_session(int pgrp, int sid)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->signal && p->signal->pgrp == pgrp && p->signal->session == sid)
			return true;
	return false;
}

/* setpgid's checks and change, tasklist_lock held (POSIX's rules, Linux's errnos). */
static int setpgid_locked(int pid, int pgid)
{
	struct task_struct *p = pid ? find_task_by_vpid(pid) : current->group_leader;

	if (!p || !thread_group_leader(p))
		return -ESRCH;
	if (p != current->group_leader) {
		if (p->real_parent != current->group_leader)
			return -ESRCH;
		if (!(p->flags & PF_FORKNOEXEC))
			return -EACCES;		/* the child has exec'd */
		if (p->signal->session != current->signal->session)
			return -EPERM;
	}
	if (p->signal->leader)
		return -EPERM;
	if (!pgid)
		pgid = p->pid;
	if (pgid != p->pid && !pgrp_in_session(pgid, current->signal->session))
		return -EPERM;
	p->signal->pgrp = pgid;
	return 0;
}

SYSCALL_DEFINE(setpgid)
{
	int pid = (int)a0, pgid = (int)a1;
	unsigned long flags;
	int err;

	if (pgid < 0)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	err = setpgid_locked(pid, pgid);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/* getpgid/getsid: @pid's group or session id (0 = the caller). */
static long get_group_id(int pid, bool session)
{
	struct task_struct *p;
	unsigned long flags;
	long nr = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = pid ? find_task_by_vpid(pid) : current;
	if (p && p->signal)
		nr = session ? p->signal->session : p->signal->pgrp;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return nr;
}

SYSCALL_DEFINE(getpgid)
{
	return get_group_id((int)a0, false);
}

SYSCALL_DEFINE(getsid)
{
	return get_group_id((int)a0, true);
}

/* A new session and group led by the caller, with no controlling tty. */
SYSCALL_DEFINE(setsid)
{
	struct task_struct *leader = current->group_leader;
	unsigned long flags;
	long ret;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (pid_names_group(leader->pid) && leader->signal->pgrp != leader->pid) {
		ret = -EPERM;	/* someone's group already has our number */
	} else if (leader->signal->pgrp == leader->pid) {
		ret = -EPERM;	/* already a group leader */
	} else {
		leader->signal->session = leader->pid;
		leader->signal->pgrp = leader->pid;
		leader->signal->leader = true;
		leader->signal->tty = NULL;
		ret = leader->pid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}
