/*
 * Resource use and limits: getrusage(2), wait4's rusage, getrlimit,
 * setrlimit and prlimit64 (struct rlimit is the 64-bit one on riscv64).
 */
#ifndef _UAPI_RESOURCE_H
#define _UAPI_RESOURCE_H

#include <uapi/time.h>

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1

/* 144 bytes: two timevals and fourteen longs. */
struct rusage {
	struct timeval ru_utime;	/* user time */
	struct timeval ru_stime;	/* system time */
	long ru_maxrss;			/* KiB */
	long ru_ixrss;
	long ru_idrss;
	long ru_isrss;
	long ru_minflt;			/* page faults without I/O */
	long ru_majflt;			/* ... with I/O */
	long ru_nswap;
	long ru_inblock;
	long ru_oublock;
	long ru_msgsnd;
	long ru_msgrcv;
	long ru_nsignals;
	long ru_nvcsw;			/* voluntary context switches */
	long ru_nivcsw;			/* involuntary ones */
};

struct rlimit {
	unsigned long rlim_cur;		/* the limit enforced */
	unsigned long rlim_max;		/* the ceiling rlim_cur may be raised to */
};

struct rlimit64 {
	u64 rlim_cur;
	u64 rlim_max;
};

#define RLIM_INFINITY	(~0UL)

/* The resources (the generic numbering riscv64 uses). */
#define RLIMIT_CPU		0	/* CPU time, seconds */
#define RLIMIT_FSIZE		1	/* largest file */
#define RLIMIT_DATA		2	/* data segment + brk */
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7	/* open files */
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9	/* address space */
#define RLIMIT_LOCKS		10
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIMIT_RTTIME		15
#define RLIM_NLIMITS		16

#endif
