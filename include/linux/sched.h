/*
 * Tasks and the scheduler (kernel/sched.c): kernel threads and user
 * processes and threads (kernel/fork.c, kernel/exit.c). A task runs until
 * it sleeps, yields or exits, or the tick preempts it on its way back to
 * user space (or in the kernel with preempt_count 0).
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/delay.h>
#include <linux/limits.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <uapi/signal.h>
#include <asm/uaccess.h>
#include <linux/spinlock.h>

#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1	/* asleep; a signal wakes it */
#define TASK_UNINTERRUPTIBLE	2	/* asleep; only its event wakes it */
#define __TASK_STOPPED		4	/* SIGSTOP/SIGTSTP/SIGTTIN/SIGTTOU: until SIGCONT */
#define TASK_DEAD		64	/* off every list: the next task frees it */
#define TASK_KILLABLE		TASK_UNINTERRUPTIBLE
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

#define MAX_SCHEDULE_TIMEOUT	LONG_MAX	/* schedule_timeout: no timer, only a wake-up */

/* exit_state: a process after do_exit, until its parent reaps it. */
#define EXIT_ZOMBIE		16
#define EXIT_DEAD		32

#define THREAD_SIZE		(16 * 1024)	/* kernel stack, vmalloc'd */
#define TASK_COMM_LEN		16
#define PID_MAX_DEFAULT		32768
#define NGROUPS_SMALL		32

struct mm_struct;
struct files_struct;		/* linux/fdtable.h */
struct fs_struct;		/* linux/fs_struct.h */
struct signal_struct;		/* linux/signal.h */
struct sighand_struct;		/* linux/signal.h */
struct pt_regs;
struct file;

/* Who a task is, for permission checks: copied at fork, never shared. */
struct cred {
	uid_t uid, euid, suid, fsuid;
	gid_t gid, egid, sgid, fsgid;
	int ngroups;
	gid_t groups[NGROUPS_SMALL];
};

/* Signals queued for a task (its own) or a thread group (signal_struct). */
struct sigpending {
	struct list_head list;		/* struct sigqueue, oldest first */
	sigset_t signal;		/* which numbers are pending */
};

struct task_struct {
	struct thread_struct thread;	/* arch registers (asm/processor.h); first: switch.S uses offset 0 */
	volatile long state;		/* TASK_*; written by the task or wakers with irqs off */
	void *stack;			/* lowest address of the kernel stack */
	int usage;			/* references (get/put_task_struct), atomic */
	int pid;			/* this thread's id (gettid) */
	int tgid;			/* its thread group's id (getpid): the leader's pid */
	char comm[TASK_COMM_LEN];
	unsigned int flags;		/* PF_* */
	bool no_new_privs;		/* prctl(PR_SET_NO_NEW_PRIVS): kept across fork and exec */
	struct list_head run_list;	/* on the run queue while runnable (rq_lock) */
	struct list_head tasks;		/* thread-group leaders, for_each_process (tasklist_lock) */
	struct list_head thread_group;	/* the other threads of the group (tasklist_lock) */
	struct list_head timer_list;	/* on sleepers during schedule_timeout (rq_lock) */
	unsigned long wake_at;		/* jiffies, for schedule_timeout */
	int time_slice;			/* ticks left before the tick preempts it */
	int (*threadfn)(void *data);
	void *data;
	int exit_code;			/* kthreads: threadfn's result; processes: wait status */
	bool should_stop;		/* kthread_stop asked it to end */
	bool exited;			/* it has its exit code */
	bool reaped;			/* kthread_stop read the code: may be freed */
	int pagefault_disabled;		/* pagefault_disable depth (linux/uaccess.h) */

	/* --- processes (kernel threads have mm == NULL) --- */
	struct mm_struct *mm;		/* the user address space; NULL for kthreads */
	struct mm_struct *active_mm;	/* the page tables it runs on (a kthread borrows) */
	struct files_struct *files;	/* open files (fs/file.c) */
	struct fs_struct *fs;		/* root, cwd, umask (fs/fs_struct.c) */
	struct cred cred;
	struct task_struct *real_parent;	/* who forked it (init after re-parenting) */
	struct task_struct *group_leader;
	struct list_head children;	/* its children (their sibling) (tasklist_lock) */
	struct list_head sibling;	/* in its parent's children (tasklist_lock) */
	int exit_state;			/* 0, EXIT_ZOMBIE, EXIT_DEAD */
	int exit_signal;		/* sent to the parent at exit: SIGCHLD, or -1 for threads */
	struct signal_struct *signal;	/* shared by the thread group */
	struct sighand_struct *sighand;	/* handlers, shared with CLONE_SIGHAND */
	sigset_t blocked;		/* the signal mask */
	sigset_t saved_sigmask;		/* rt_sigsuspend/ppoll restore it after the handler */
	bool restore_sigmask;		/* saved_sigmask is to be restored */
	struct sigpending pending;	/* signals for this thread only */
	unsigned long sas_ss_sp;	/* sigaltstack */
	size_t sas_ss_size;
	unsigned int sas_ss_flags;
	int *set_child_tid;		/* user pointers: CLONE_CHILD_SETTID ... */
	int *clear_child_tid;		/* ... and set_tid_address / CLONE_CHILD_CLEARTID */
	unsigned long robust_list;	/* set_robust_list, kept for get_robust_list */
	struct file *exe_file;		/* /proc/<pid>/exe (threads: the leader's) */
	u64 utime, stime;		/* ns of CPU time in user and kernel mode (ticks) */
	u64 start_time;			/* ns since boot at fork */
	unsigned long min_flt, maj_flt;	/* page faults (without / with I/O) */
	unsigned long nvcsw, nivcsw;	/* voluntary / preempted context switches */
	bool jobctl_stop_pending;	/* a group stop asks this thread to stop */
	struct task_struct *vfork_parent;	/* CLONE_VFORK: who waits for our exec or exit */
	bool vfork_done;		/* ... and whether it may go on */
};

/* task_struct.flags */
#define PF_EXITING	0x00000004	/* in do_exit */
#define PF_KTHREAD	0x00200000	/* a kernel thread */
#define PF_FORKNOEXEC	0x00000040	/* forked, has not exec'd */

static inline struct task_struct *get_current(void)
{
	return this_cpu()->curr;
}
#define current get_current()

/* The boot thread becomes the idle task; call once, before any kthread. */
void sched_init(void);
/* The idle task's loop (kernel/idle.c): run what is runnable, else wait. */
__noreturn void cpu_idle(void);
void schedule(void);
void yield(void);
/* Switch if the tick asked for it: a long kernel loop's preemption point. */
int cond_resched(void);
int wake_up_process(struct task_struct *p);
/* Wake @p if its state is one of @state (__TASK_STOPPED for SIGCONT). 1 if woken. */
int wake_up_state(struct task_struct *p, unsigned int state);
/* Put a new task on the run queue for the first time (fork). */
void wake_up_new_task(struct task_struct *p);
/* A task for fork: stack, pid, lists; the caller fills in the rest. NULL without memory. */
struct task_struct *alloc_task_struct(void);
/* Gives back what alloc_task_struct got, for a fork that failed before the task ran. */
void free_task_struct(struct task_struct *t);
/* A kthread gets a pid and joins the process list (kernel/pid.c); 0 or -EAGAIN. */
int attach_kthread(struct task_struct *t);
/* The same for fork, tasklist_lock held; detach at release. */
int attach_pid_locked(struct task_struct *p);
void detach_pid_locked(struct task_struct *p);
/* ... and leaves it, on its way out. */
void detach_kthread(struct task_struct *t);
long schedule_timeout(long timeout);
void scheduler_tick(void);
bool sched_has_runnable(void);

struct task_struct *kthread_create(int (*fn)(void *data), void *data, const char *name);
struct task_struct *kthread_run(int (*fn)(void *data), void *data, const char *name);
/* kthread_create asking for pid @pid (init's 1), 0 for any. */
struct task_struct *kthread_create_raw(int (*fn)(void *data), void *data, const char *name,
				       int pid);
/* Boot: how many tasks fork may make (kernel/fork.c). */
void fork_init(void);
bool kthread_should_stop(void);
int kthread_stop(struct task_struct *k);
__noreturn void kthread_exit(int code);
/* Entered from arch/riscv/switch.S on a new thread's first run. */
void schedule_tail(struct task_struct *prev);
__noreturn void kthread_main(struct task_struct *t);

/* The tick's request to switch at the next chance (per CPU). */
bool need_resched(void);
void set_need_resched(void);
/* preempt=full: also preempt kernel code (preempt_count 0, interrupts on). */
extern bool preempt_full;
/* From an interrupt's exit, interrupts off: schedule() and come back. */
void preempt_schedule_irq(void);
/* The empty address space: swapper_pg_dir's kernel half only. */
extern struct mm_struct init_mm;
/* One more reference to the struct (not the address space): mmdrop drops it. */
void mmgrab(struct mm_struct *mm);

/* Stack bounds of the current task, for backtraces and overflow checks. */
bool on_task_stack(unsigned long addr);

/* ---- processes (kernel/fork.c, kernel/exit.c, kernel/pid.c) ---- */

/*
 * tasklist_lock guards the process tree: the tasks list (leaders), each
 * leader's thread_group, children/sibling, real_parent, exit_state and
 * the pid lookup. Take it with interrupts saved; never sleep under it.
 */
extern spinlock_t tasklist_lock;
extern struct task_struct init_task;	/* pid 0: the boot thread, then idle */

/* Every thread-group leader (user processes and kthreads), tasklist_lock held. */
#define for_each_process(p) \
	list_for_each_entry(p, &init_task.tasks, tasks)
/* Every thread @t of @p's group, the leader first; tasklist_lock held. */
#define for_each_thread(p, t) \
	for (t = (p)->group_leader; t; t = next_thread_or_null(t))
struct task_struct *next_thread_or_null(struct task_struct *t);

/* The task whose pid (thread id) is @nr, or NULL; tasklist_lock held. */
struct task_struct *find_task_by_vpid(int nr);
/* The same with a reference taken (put_task_struct), no lock needed. */
struct task_struct *find_get_task_by_vpid(int nr);
void get_task_struct(struct task_struct *t);
void put_task_struct(struct task_struct *t);

static inline int task_pid_nr(const struct task_struct *t) { return t->pid; }
static inline int task_tgid_nr(const struct task_struct *t) { return t->tgid; }
/* Its process group and session (signal_struct); 0 for kthreads. */
int task_pgrp_nr(const struct task_struct *t);
int task_session_nr(const struct task_struct *t);
/* Its parent's tgid (getppid), 0 for init and kthreads. */
int task_ppid_nr(const struct task_struct *t);
static inline bool thread_group_leader(const struct task_struct *t)
{
	return t->group_leader == t;
}
/* Threads in @t's group (/proc/<pid>/status Threads:). tasklist_lock held. */
int get_nr_threads(const struct task_struct *t);
/* Linux's state letter for /proc: R S D T Z X (I for an idle kthread). */
char task_state_char(const struct task_struct *t);

/* The task's mm with mm_users raised (mmput), or NULL for a kthread or a dying task. */
struct mm_struct *get_task_mm(struct task_struct *t);
void mmput(struct mm_struct *mm);

/* Processes and threads in the system, and forks since boot (/proc/stat, loadavg). */
unsigned long nr_threads_total(void);
unsigned long total_forks_count(void);
unsigned long nr_running(void);

/* Has @p an unblocked signal pending (its own or its group's)? (kernel/signal.c) */
bool signal_pending(struct task_struct *p);
/* Is SIGKILL pending for @p, or its group exiting? (An interrupted wait ends.) */
bool fatal_signal_pending(struct task_struct *p);
/* A sleep of @state may end early for a signal: TASK_INTERRUPTIBLE and signal_pending. */
static inline bool signal_pending_state(long state, struct task_struct *p)
{
	return state == TASK_INTERRUPTIBLE && signal_pending(p);
}

/*
 * fork, vfork, clone (kernel/fork.c): a new task from current, sharing
 * what @clone_flags (CLONE_*) say. Its pid, or -EAGAIN/-ENOMEM/-EINVAL.
 */
long kernel_clone(unsigned long clone_flags, unsigned long stack, int __user *parent_tid,
		  int __user *child_tid, unsigned long tls);
/* A user process from a kernel thread's context: init (pid 1) running @fn first. */
int user_mode_thread(int (*fn)(void *), void *arg, unsigned long flags);
/* exec or exit: the address space is let go (vfork parent, CLEARTID futex). */
void mm_release(struct task_struct *tsk, struct mm_struct *mm);

/* Ends the calling task: process or thread (kernel/exit.c). */
__noreturn void do_exit(long code);
/* exit_group: every thread of the group ends with @exit_code (a wait status). */
__noreturn void do_group_exit(int exit_code);

#endif
