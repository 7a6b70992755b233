/*
 * The system-call table's interface. Every entry of sys_call_table takes
 * the six argument registers a0..a5 as unsigned longs and returns a value
 * or -Exxx. The table and its name list are generated at build time by
 * scripts/gensyscalls.py from include/uapi/unistd.h and
 * arch/riscv/syscalls.list (docs/abi.md says how to add a call).
 */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include <uapi/unistd.h>

typedef long (*syscall_fn_t)(unsigned long a0, unsigned long a1, unsigned long a2,
			     unsigned long a3, unsigned long a4, unsigned long a5);

/* The definition of system call "name", with the table's signature: SYSCALL_DEFINE(getpid) { ... } */
#define SYSCALL_DEFINE(name)						\
	long sys_##name(unsigned long a0, unsigned long a1, unsigned long a2,	\
			unsigned long a3, unsigned long a4, unsigned long a5)

/* By number; sys_ni_syscall where rivet has no implementation. */
extern const syscall_fn_t sys_call_table[__NR_syscalls];
/* By number: "read", "openat", ...; NULL for the numbers riscv64 leaves unassigned. */
extern const char *const sys_call_names[__NR_syscalls];

/* kernel/sys_ni.c: the entry of every call not implemented: returns -ENOSYS. */
SYSCALL_DEFINE(ni_syscall);

/*
 * Runs system call @nr with its six arguments: its result, or -ENOSYS
 * (logged once per number) if @nr is past the table or not implemented.
 * Process context; the call itself says whether it may sleep.
 */
long invoke_syscall(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
		    unsigned long a3, unsigned long a4, unsigned long a5);

#endif
