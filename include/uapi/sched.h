/*
 * clone(2) and clone3(2) flags. The low byte of clone's flags is the
 * signal sent to the parent when the child exits (CSIGNAL).
 */
#ifndef _UAPI_SCHED_H
#define _UAPI_SCHED_H

#define CSIGNAL			0x000000ff
#define CLONE_NEWTIME		0x00000080
#define CLONE_VM		0x00000100	/* share the address space */
#define CLONE_FS		0x00000200	/* share cwd, root, umask */
#define CLONE_FILES		0x00000400	/* share the file table */
#define CLONE_SIGHAND		0x00000800	/* share signal handlers */
#define CLONE_PIDFD		0x00001000
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000	/* parent sleeps until the child execs or exits */
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000	/* same thread group */
#define CLONE_NEWNS		0x00020000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000	/* tp = tls argument */
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000	/* zero *ctid and futex-wake it at exit */
#define CLONE_DETACHED		0x00400000
#define CLONE_UNTRACED		0x00800000
#define CLONE_CHILD_SETTID	0x01000000
#define CLONE_NEWCGROUP		0x02000000
#define CLONE_NEWUTS		0x04000000
#define CLONE_NEWIPC		0x08000000
#define CLONE_NEWUSER		0x10000000
#define CLONE_NEWPID		0x20000000
#define CLONE_NEWNET		0x40000000
#define CLONE_IO		0x80000000
/* clone3 only (64-bit flags) */
#define CLONE_CLEAR_SIGHAND	0x100000000ULL
#define CLONE_INTO_CGROUP	0x200000000ULL

#endif
