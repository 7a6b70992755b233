/*
 * Signals as riscv64 user space sees them: the generic numbers, the kernel's
 * struct sigaction (handler, flags, mask: riscv64 has no sa_restorer, the
 * return path is the vDSO's or the kernel's own trampoline), sigset_t (one
 * 64-bit word), stack_t and siginfo_t (128 bytes) with its si_code values.
 */
#ifndef _UAPI_SIGNAL_H
#define _UAPI_SIGNAL_H

#include <linux/types.h>

#define _NSIG		64
#define _NSIG_BPW	64
#define _NSIG_WORDS	(_NSIG / _NSIG_BPW)

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGIOT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPOLL		SIGIO
#define SIGPWR		30
#define SIGSYS		31
#define SIGUNUSED	31
#define SIGRTMIN	32		/* 32..64: real-time signals, queued */
#define SIGRTMAX	_NSIG

/* sigaltstack sizes */
#define MINSIGSTKSZ	2048
#define SIGSTKSZ	8192

/* sa_flags */
#define SA_NOCLDSTOP	0x00000001	/* SIGCHLD only when a child exits */
#define SA_NOCLDWAIT	0x00000002	/* children do not become zombies */
#define SA_SIGINFO	0x00000004	/* handler takes (sig, siginfo *, ucontext *) */
#define SA_UNSUPPORTED	0x00000400
#define SA_EXPOSE_TAGBITS 0x00000800
#define SA_ONSTACK	0x08000000	/* run on the sigaltstack */
#define SA_RESTART	0x10000000	/* restart interrupted system calls */
#define SA_NODEFER	0x40000000	/* do not block the signal in its handler */
#define SA_RESETHAND	0x80000000	/* back to SIG_DFL once delivered */
#define SA_NOMASK	SA_NODEFER
#define SA_ONESHOT	SA_RESETHAND

/* rt_sigprocmask's how */
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

typedef void (*__sighandler_t)(int);

#define SIG_DFL		((__sighandler_t)0)
#define SIG_IGN		((__sighandler_t)1)
#define SIG_ERR		((__sighandler_t)-1)

/* Signal n is bit n - 1. rt_sigaction/rt_sigprocmask take sigsetsize 8. */
typedef struct {
	unsigned long sig[_NSIG_WORDS];
} sigset_t;

/* rt_sigaction's act and oldact: 24 bytes, in this order on riscv64. */
struct sigaction {
	__sighandler_t sa_handler;	/* or sa_sigaction with SA_SIGINFO */
	unsigned long sa_flags;
	sigset_t sa_mask;		/* blocked while the handler runs */
};

/* sigaltstack */
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)

typedef struct sigaltstack {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

/* ---- siginfo ---- */

typedef union sigval {
	int sival_int;
	void *sival_ptr;
} sigval_t;

#define SI_MAX_SIZE	128

/*
 * What a handler with SA_SIGINFO (and waitid) is told. Three ints, then a
 * union (at offset 16) whose member si_code picks: kill/tkill/queue
 * (sender's pid, uid, value), a child's state change (SIGCHLD), a fault
 * (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP: the address), SIGPOLL.
 */
typedef struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		int _pad[(SI_MAX_SIZE - 16) / sizeof(int)];
		struct {		/* SI_USER, SI_TKILL, SI_QUEUE */
			int _pid;
			unsigned int _uid;
			sigval_t _sigval;
		} _rt;
		struct {		/* SI_TIMER: POSIX timers */
			int _tid;
			int _overrun;
			sigval_t _sigval;
			int _sys_private;
		} _timer;
		struct {		/* SIGCHLD */
			int _pid;
			unsigned int _uid;
			int _status;	/* exit code or signal (si_code says) */
			long _utime;	/* clock_t, USER_HZ ticks */
			long _stime;
		} _sigchld;
		struct {		/* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
			void *_addr;	/* the faulting address */
			short _addr_lsb;	/* BUS_MCEERR_*: its granule */
		} _sigfault;
		struct {		/* SIGPOLL */
			long _band;
			int _fd;
		} _sigpoll;
		struct {		/* SIGSYS from seccomp */
			void *_call_addr;
			int _syscall;
			unsigned int _arch;
		} _sigsys;
	} _sifields;
} siginfo_t;

/* The fields by their POSIX names. */
#define si_pid		_sifields._rt._pid
#define si_uid		_sifields._rt._uid
#define si_value	_sifields._rt._sigval
#define si_int		_sifields._rt._sigval.sival_int
#define si_ptr		_sifields._rt._sigval.sival_ptr
#define si_tid		_sifields._timer._tid	/* the timer's id */
#define si_overrun	_sifields._timer._overrun
#define si_status	_sifields._sigchld._status
#define si_utime	_sifields._sigchld._utime
#define si_stime	_sifields._sigchld._stime
#define si_addr		_sifields._sigfault._addr
#define si_addr_lsb	_sifields._sigfault._addr_lsb
#define si_band		_sifields._sigpoll._band
#define si_fd		_sifields._sigpoll._fd
#define si_call_addr	_sifields._sigsys._call_addr
#define si_syscall	_sifields._sigsys._syscall
#define si_arch		_sifields._sigsys._arch

/* si_code: who sent it (<= 0 from user space) */
#define SI_USER		0	/* kill */
#define SI_KERNEL	0x80
#define SI_QUEUE	(-1)	/* sigqueue */
#define SI_TIMER	(-2)
#define SI_MESGQ	(-3)
#define SI_ASYNCIO	(-4)
#define SI_SIGIO	(-5)
#define SI_TKILL	(-6)	/* tkill, tgkill */
#define SI_DETHREAD	(-7)

/* si_code of SIGILL */
#define ILL_ILLOPC	1
#define ILL_ILLOPN	2
#define ILL_ILLADR	3
#define ILL_ILLTRP	4
#define ILL_PRVOPC	5
#define ILL_PRVREG	6
#define ILL_COPROC	7
#define ILL_BADSTK	8
#define ILL_BADIADDR	9

/* si_code of SIGFPE */
#define FPE_INTDIV	1
#define FPE_INTOVF	2
#define FPE_FLTDIV	3
#define FPE_FLTOVF	4
#define FPE_FLTUND	5
#define FPE_FLTRES	6
#define FPE_FLTINV	7
#define FPE_FLTSUB	8
#define FPE_FLTUNK	14
#define FPE_CONDTRAP	15

/* si_code of SIGSEGV */
#define SEGV_MAPERR	1	/* nothing mapped there */
#define SEGV_ACCERR	2	/* mapped, but not with that permission */
#define SEGV_BNDERR	3
#define SEGV_PKUERR	4

/* si_code of SIGBUS */
#define BUS_ADRALN	1
#define BUS_ADRERR	2	/* past the end of a mapped file */
#define BUS_OBJERR	3
#define BUS_MCEERR_AR	4
#define BUS_MCEERR_AO	5

/* si_code of SIGTRAP */
#define TRAP_BRKPT	1
#define TRAP_TRACE	2
#define TRAP_BRANCH	3
#define TRAP_HWBKPT	4
#define TRAP_UNK	5
#define TRAP_PERF	6

/* si_code of SIGCHLD */
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

#endif
