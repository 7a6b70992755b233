/*
 * Creating processes and threads: fork, vfork and clone make a task from
 * the caller, sharing or copying its address space (copy-on-write, through
 * dup_mmap), open files, fs context, signal handlers and thread group as
 * the CLONE_* flags say. After Linux's kernel/fork.c (copy_process,
 * kernel_clone, copy_mm, mmput, mm_release); leaves out namespaces,
 * cgroups, ptrace, pidfds and clone3 (which returns -ENOSYS, so the C
 * library falls back to clone).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/mm_types.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/futex.h>
#include <linux/timekeeping.h>
#include <linux/jiffies.h>
#include <linux/vmstat.h>
#include <uapi/sched.h>
#include <asm/switch_to.h>
#include <asm/mmu_context.h>
#include <asm/pgtable.h>

/* The kernel's own address space: swapper_pg_dir, no VMAs; never freed. */
struct mm_struct init_mm = {
	.pgd = (unsigned long *)swapper_pg_dir,
	.mm_rb = RB_ROOT,
	.mm_users = 2, .mm_count = 1,
	.mmap_sem = __RWSEM_INITIALIZER(init_mm.mmap_sem),
	.page_table_lock = __SPIN_LOCK_UNLOCKED,
};

static unsigned long total_forks;	/* tasklist_lock */
/* Tasks at most: their stacks may take an eighth of memory (Linux's max_threads). */
static unsigned long max_threads;

unsigned long total_forks_count(void)
{
	return READ_ONCE(total_forks);
}

void mmgrab(struct mm_struct *mm)
{
	__atomic_fetch_add(&mm->mm_count, 1, __ATOMIC_RELAXED);
}

struct mm_struct *get_task_mm(struct task_struct *t)
{
	struct mm_struct *mm;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	mm = t->flags & PF_KTHREAD ? NULL : t->mm;
	if (mm)
		__atomic_fetch_add(&mm->mm_users, 1, __ATOMIC_RELAXED);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return mm;
}

/*
 * The last user of @mm is gone: unmap everything and free the page tables.
 * If this hart still translates through @mm it moves to init_mm first.
 */
void mmput(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->mm_users, 1, __ATOMIC_ACQ_REL))
		return;
	if (cpu_active_mm[smp_processor_id()] == mm) {
		unsigned long flags;

		local_irq_save(flags);
		switch_mm(mm, &init_mm, current);
		if (current->active_mm == mm)
			current->active_mm = &init_mm;
		local_irq_restore(flags);
	}
	exit_mmap(mm);
	mmdrop(mm);
}

/*
 * @tsk lets go of @mm (exec or exit): a CLONE_CHILD_CLEARTID word is
 * zeroed and its futex woken (how pthread_join learns a thread ended),
 * and a vfork parent may go on.
 */
void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	exit_robust_list(tsk);		/* locks a dying thread held: their waiters learn it */
	if (tsk->clear_child_tid) {
		if (__atomic_load_n(&mm->mm_users, __ATOMIC_RELAXED) > 1 &&
		    !put_user(0, tsk->clear_child_tid))
			futex_wake((u32 __user *)tsk->clear_child_tid, 1);
		tsk->clear_child_tid = NULL;
	}
	if (tsk->vfork_parent) {
		struct task_struct *parent = tsk->vfork_parent;

		tsk->vfork_parent = NULL;
		WRITE_ONCE(tsk->vfork_done, true);
		wake_up(&parent->signal->wait_chldexit);
		put_task_struct(parent);
	}
}

/* The child's address space: current's shared (CLONE_VM) or a COW copy. */
static int copy_mm(unsigned long clone_flags, struct task_struct *p)
{
	struct mm_struct *oldmm = current->mm, *mm;
	int err;

	if (!oldmm)
		return 0;
	if (clone_flags & CLONE_VM) {
		__atomic_fetch_add(&oldmm->mm_users, 1, __ATOMIC_RELAXED);
		p->mm = p->active_mm = oldmm;
		return 0;
	}
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	err = dup_mmap(mm, oldmm);
	if (err) {
		mmput(mm);
		return err;
	}
	p->mm = p->active_mm = mm;
	return 0;
}

/* Processes of @uid (RLIMIT_NPROC counts them), tasklist_lock held. */
static unsigned long user_processes(uid_t uid)
{
	struct task_struct *p, *t;
	unsigned long n = 0;

	for_each_process(p)
		for_each_thread(p, t)
			n += t->cred.uid == uid && !(t->flags & PF_KTHREAD);
	return n;
}

/* Flags that make no sense together, as Linux refuses them. */
static int check_clone_flags(unsigned long f)
{
	if ((f & CLONE_THREAD) && !(f & CLONE_SIGHAND))
		return -EINVAL;
	if ((f & CLONE_SIGHAND) && !(f & CLONE_VM))
		return -EINVAL;
	if ((f & CLONE_FS) && (f & CLONE_NEWNS))
		return -EINVAL;
	if (f & (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
		 CLONE_NEWNET | CLONE_NEWCGROUP | CLONE_PIDFD))
		return -EINVAL;		/* no namespaces or pidfds here */
	return 0;
}

/* The fields a child inherits as they are (the rest was zeroed). */
static void inherit_task(struct task_struct *p, unsigned long clone_flags)
{
	struct task_struct *cur = current;

	memcpy(p->comm, cur->comm, sizeof(p->comm));
	p->cred = cur->cred;
	p->flags = PF_FORKNOEXEC;
	p->no_new_privs = cur->no_new_privs;
	p->blocked = cur->blocked;
	init_sigpending(&p->pending);
	p->exe_file = cur->exe_file;
	if (p->exe_file)
		get_file(p->exe_file);
	if (!(clone_flags & CLONE_VM) || (clone_flags & CLONE_VFORK)) {
		p->sas_ss_sp = cur->sas_ss_sp;
		p->sas_ss_size = cur->sas_ss_size;
		p->sas_ss_flags = cur->sas_ss_flags;
	}
	p->start_time = ktime_get_ns();
}

/* Undo copy_process's steps after a failure (the task never ran). */
static void cleanup_copy(struct task_struct *p)
{
	if (p->mm)
		mmput(p->mm);
	if (p->signal)
		free_signal_struct(p->signal);
	if (p->sighand)
		__cleanup_sighand(p->sighand);
	if (p->fs)
		exit_fs(p);
	if (p->files)
		exit_files(p);
	if (p->exe_file)
		fput(p->exe_file);
	free_task_struct(p);	/* never ran: both references go at once */
}

/* Link @p into the tree: parent, thread group, pid. tasklist_lock taken. */
static int attach_child(struct task_struct *p, unsigned long clone_flags)
{
	struct task_struct *cur = current;
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (nr_threads_total() >= max_threads ||
	    (cur->cred.uid && user_processes(cur->cred.uid) >= rlimit(RLIMIT_NPROC))) {
		err = -EAGAIN;
	} else if ((cur->signal->flags & SIGNAL_GROUP_EXIT) || fatal_signal_pending(cur)) {
		err = -ERESTARTNOINTR;	/* dying: the fork does not happen */
	} else {
		p->real_parent = (clone_flags & (CLONE_PARENT | CLONE_THREAD)) ?
				 cur->group_leader->real_parent : cur->group_leader;
		p->group_leader = (clone_flags & CLONE_THREAD) ? cur->group_leader : p;
		err = attach_pid_locked(p);
		if (!err && thread_group_leader(p))
			list_add_tail(&p->sibling, &p->real_parent->children);
		if (!err)
			total_forks++;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/* The new task, not yet running: ERR_PTR(-Exxx) on failure. */
static struct task_struct *copy_process(unsigned long clone_flags, unsigned long stack,
					int __user *child_tid, unsigned long tls)
{
	struct task_struct *p;
	int err = check_clone_flags(clone_flags);

	if (err)
		return ERR_PTR(err);
	p = alloc_task_struct();
	if (!p)
		return ERR_PTR(-ENOMEM);
	get_task_struct(p);	/* the process tree's reference (release_task drops it) */
	inherit_task(p, clone_flags);
	fstate_save_current();	/* the child starts with the parent's FPU registers */
	err = copy_files(clone_flags, p);
	if (!err)
		err = copy_fs(clone_flags, p);
	if (!err)
		err = copy_sighand(clone_flags, p);
	if (!err)
		err = copy_signal(clone_flags, p);
	if (!err)
		err = copy_mm(clone_flags, p);
	if (err)
		goto fail;
	copy_thread_user(p, stack, clone_flags & CLONE_SETTLS, tls);
	p->set_child_tid = (clone_flags & CLONE_CHILD_SETTID) ? child_tid : NULL;
	p->clear_child_tid = (clone_flags & CLONE_CHILD_CLEARTID) ? child_tid : NULL;
	p->exit_signal = (clone_flags & CLONE_THREAD) ? -1 : (int)(clone_flags & CSIGNAL);
	err = attach_child(p, clone_flags);
	if (err)
		goto fail;
	return p;
fail:
	cleanup_copy(p);
	return ERR_PTR(err);
}

/* CLONE_VFORK: sleep until the child execs or exits (a signal may end the wait early). */
static void wait_for_vfork_done(struct task_struct *child)
{
	wait_event(current->signal->wait_chldexit,
		   READ_ONCE(child->vfork_done) || fatal_signal_pending(current));
	put_task_struct(child);
}

long kernel_clone(unsigned long clone_flags, unsigned long stack, int __user *parent_tid,
		  int __user *child_tid, unsigned long tls)
{
	struct task_struct *p = copy_process(clone_flags, stack, child_tid, tls);
	int pid;

	if (IS_ERR(p))
		return PTR_ERR(p);
	pid = p->pid;
	if (clone_flags & CLONE_PARENT_SETTID)
		put_user(pid, parent_tid);
	if (clone_flags & CLONE_VFORK) {
		get_task_struct(current);
		p->vfork_parent = current;
		get_task_struct(p);
	}
	wake_up_new_task(p);
	if (clone_flags & CLONE_VFORK)
		wait_for_vfork_done(p);
	return pid;
}

/* riscv64's argument order: flags, newsp, parent_tidptr, tls, child_tidptr. */
SYSCALL_DEFINE(clone)
{
	return kernel_clone(a0, a1, (int __user *)a2, (int __user *)a4, a3);
}

SYSCALL_DEFINE(set_tid_address)
{
	current->clear_child_tid = (int __user *)a0;
	return current->pid;
}

/*
 * pid 1: a task with no mm yet, made from the boot context, which becomes
 * a process when @fn execs /sbin/init. It starts with a fresh signal
 * struct (Linux's default limits), its own session and group.
 */
int user_mode_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	struct task_struct *p = kthread_create_raw(fn, arg, "init", 1);
	int err;

	if (!p)
		return -ENOMEM;
	get_task_struct(p);	/* the process tree's, as copy_process takes */
	p->flags &= ~PF_KTHREAD;
	err = copy_files(0, p);
	if (!err)
		err = copy_fs(0, p);
	if (!err)
		err = copy_sighand(0, p);
	if (!err)
		err = copy_signal(0, p);
	if (err)
		return err;
	p->signal->pgrp = p->signal->session = p->pid;
	p->signal->leader = true;
	p->exit_signal = SIGCHLD;
	wake_up_process(p);
	return p->pid;
}

/* Boot: the thread limit from memory, as Linux's fork_init. */
void fork_init(void)
{
	max_threads = totalram_pages() * PAGE_SIZE / (8 * THREAD_SIZE);
	if (max_threads < 20)
		max_threads = 20;
}
