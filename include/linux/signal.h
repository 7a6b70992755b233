/*
 * Signals inside the kernel (kernel/signal.c, arch/riscv/signal.c): the
 * per-group state (signal_struct: process group, session, controlling
 * tty, limits, group exit and stop), the handlers (sighand_struct), and
 * what the rest of the kernel calls to send a signal or to learn that one
 * is pending. Delivery happens on the way back to user space
 * (do_notify_resume). After Linux's kernel/signal.c and
 * include/linux/sched/signal.h, with pids as plain numbers.
 */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <uapi/signal.h>
#include <uapi/resource.h>
#include <asm/uaccess.h>
#include <linux/timer.h>

struct tty_struct;

/* A queued signal with its siginfo (real-time signals queue one per send). */
struct sigqueue {
	struct list_head list;
	siginfo_t info;
};

struct k_sigaction {
	struct sigaction sa;
};

/* Handlers: shared by CLONE_SIGHAND tasks (threads), copied at fork. */
struct sighand_struct {
	int count;			/* tasks sharing it (atomic) */
	spinlock_t siglock;		/* every signal field of the tasks using it */
	struct k_sigaction action[_NSIG];
};

/* signal_struct.flags */
#define SIGNAL_STOP_STOPPED	0x00000001	/* the group is stopped */
#define SIGNAL_STOP_CONTINUED	0x00000002	/* SIGCONT since the stop, not yet reported */
#define SIGNAL_GROUP_EXIT	0x00000004	/* exit_group or a fatal signal: all threads die */
#define SIGNAL_CLD_CONTINUED	0x00000008	/* the parent is still to get its SIGCHLD for it */

/* One per thread group (process): what its threads share. */
struct signal_struct {
	int count;			/* tasks using it (atomic) */
	int live;			/* threads not yet in do_exit (atomic) */
	struct sigpending shared_pending;	/* kill() to the process */
	int flags;			/* SIGNAL_* */
	int group_exit_code;		/* wait status once SIGNAL_GROUP_EXIT */
	int group_stop_count;		/* threads still to stop */
	int stop_code;			/* the signal of the last stop, for wait4 (WUNTRACED) */
	bool stop_reported;		/* the parent's wait saw that stop ... */
	bool cont_reported;		/* ... or the continue after it (WCONTINUED) */
	wait_queue_head_t wait_chldexit;	/* wait4/waitid sleep here */
	int pgrp;			/* process group id */
	int session;			/* session id */
	bool leader;			/* it is its session's leader */
	struct tty_struct *tty;		/* controlling tty, NULL if none (drivers/tty) */
	struct rlimit rlim[RLIM_NLIMITS];
	u64 cutime, cstime;		/* ns of CPU time of reaped children */
	unsigned long cmin_flt, cmaj_flt;
	u64 utime, stime;		/* of threads that already exited */
	/* ITIMER_REAL: SIGALRM when it_real_expires (jiffies) passes; 0 = off. */
	unsigned long it_real_expires, it_real_incr;
	struct list_head it_real_list;	/* on the tick's list while armed */
	struct task_struct *it_real_task;	/* the leader, whom SIGALRM goes to */
	struct timer_list real_timer;	/* ITIMER_REAL (kernel/time.c); zeroed = idle; exit_itimers stops it */
};

/* ---- the signal set ---- */
static inline void sigaddset(sigset_t *set, int sig) { set->sig[0] |= 1UL << (sig - 1); }
static inline void sigdelset(sigset_t *set, int sig) { set->sig[0] &= ~(1UL << (sig - 1)); }
static inline bool sigismember(const sigset_t *set, int sig) { return set->sig[0] >> (sig - 1) & 1; }
static inline void sigemptyset(sigset_t *set) { set->sig[0] = 0; }
static inline bool sigisemptyset(const sigset_t *set) { return !set->sig[0]; }
static inline unsigned long sigmask(int sig) { return 1UL << (sig - 1); }
/* Signals that can be neither caught, blocked nor ignored. */
#define SIG_KERNEL_ONLY_MASK	(sigmask(SIGKILL) | sigmask(SIGSTOP))

/* ---- what the rest of the kernel calls (any context unless said) ---- */

/* signal_pending() and fatal_signal_pending() are in linux/sched.h. */
/*
 * Send @sig to @p as the kernel (priv 1) or on behalf of current (priv 0,
 * si_code SI_USER with current's pid and uid). 0 or -Exxx. Wakes @p if the
 * signal is not blocked.
 */
int send_sig(int sig, struct task_struct *p, int priv);
/* The same with the caller's siginfo (copied); @p's thread only. */
int send_sig_info(int sig, const siginfo_t *info, struct task_struct *p);
/* To the whole thread group of @p (kill(2) semantics). */
int group_send_sig_info(int sig, const siginfo_t *info, struct task_struct *p);
/*
 * A synchronous fault in user mode: @sig (SIGSEGV, SIGBUS, SIGILL, ...)
 * with si_code @code and si_addr @addr, delivered to current even if
 * blocked or ignored (then the default action kills it, as Linux).
 */
void force_sig_fault(int sig, int code, unsigned long addr);
void force_sig(int sig);
/* @sig to every process in process group @pgrp. 0, -ESRCH if none, -Exxx. */
int kill_pgrp(int pgrp, int sig, int priv);
/*
 * Is current's process group orphaned (no member has a parent in another
 * group of the same session)? Then SIGTSTP/SIGTTIN/SIGTTOU are not sent
 * to it (the tty returns -EIO instead), as POSIX says.
 */
bool is_current_pgrp_orphaned(void);
/* An exit may orphan a process group with stopped jobs: SIGHUP + SIGCONT it (tasklist_lock held). */
void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent);
/* Does current block or ignore @sig? (The tty's SIGTTOU/SIGTTIN checks.) */
bool is_ignored(int sig);
/* Wake @t for a signal: from TASK_INTERRUPTIBLE (and stopped, if @resume). */
void signal_wake_up(struct task_struct *t, bool resume);

/* ---- for fork, exit and the return to user space ---- */
int copy_sighand(unsigned long clone_flags, struct task_struct *tsk);
int copy_signal(unsigned long clone_flags, struct task_struct *tsk);
void exit_signals(struct task_struct *tsk);
void __cleanup_sighand(struct sighand_struct *sighand);
void free_signal_struct(struct signal_struct *sig);
void flush_signal_handlers(struct task_struct *t);	/* exec: caught -> SIG_DFL */
/* The child's end, to its parent: SIGCHLD (or exit_signal) with the status. */
void do_notify_parent(struct task_struct *tsk, int sig);
void flush_sigqueue(struct sigpending *q);
void init_sigpending(struct sigpending *q);

/* A signal to deliver, as get_signal found it. */
struct ksignal {
	struct k_sigaction ka;
	siginfo_t info;
	int sig;
};
/*
 * Dequeue the next signal for current and run its default action (stop,
 * ignore, kill) until one has a handler: true with @ksig filled in, false
 * when nothing is left. May not return (the task exits).
 */
bool get_signal(struct ksignal *ksig);
/* After a handler frame was built: block sa_mask (and the signal, unless SA_NODEFER). */
void signal_setup_done(int failed, struct ksignal *ksig);
/* Set current's mask (SIGKILL/SIGSTOP never blocked). */
void set_current_blocked(const sigset_t *newset);
/* The sigaltstack state a frame records, and whether @sp is on it. */
bool on_sig_stack(unsigned long sp);
unsigned long sigsp(unsigned long sp, struct ksignal *ksig);
int restore_altstack(const stack_t __user *uss);
int save_altstack(stack_t __user *uss, unsigned long sp);

/* The process's resource limit @res, current value (RLIMIT_*); none for kthreads. */
static inline unsigned long rlimit(unsigned int res)
{
	if (!current->signal)
		return RLIM_INFINITY;	/* a kernel thread: no limits */
	return current->signal->rlim[res].rlim_cur;
}

#endif
