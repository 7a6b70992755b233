/*
 * System calls rivet does not implement: the table's default entry, and
 * invoke_syscall, which runs an entry and reports each missing number once
 * ("rivet: system call N (name) is not implemented"), as Linux's
 * kernel/sys_ni.c stands in for configured-out calls. Leaves out: seccomp,
 * tracing, audit.
 */
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/syscalls.h>

#define BITS_PER_WORD	(8 * sizeof(unsigned long))

/* One bit per number already reported; the last bit stands for every number past the table. */
static unsigned long ni_reported[(__NR_syscalls + 1 + BITS_PER_WORD - 1) / BITS_PER_WORD];

SYSCALL_DEFINE(ni_syscall)
{
	return -ENOSYS;
}

/* Sets @bit of ni_reported; true if it was clear (the first report). Any context. */
static bool ni_first_report(unsigned long bit)
{
	unsigned long mask = 1UL << (bit % BITS_PER_WORD);

	return !(__atomic_fetch_or(&ni_reported[bit / BITS_PER_WORD], mask,
				   __ATOMIC_RELAXED) & mask);
}

/* -ENOSYS for @nr, logged the first time each number (or any out-of-range one) is seen. */
static long ni_syscall_report(unsigned long nr)
{
	const char *name = NULL;

	if (nr < __NR_syscalls)
		name = sys_call_names[nr];
	if (ni_first_report(nr < __NR_syscalls ? nr : __NR_syscalls))
		pr_warn("rivet: system call %lu (%s) is not implemented\n", nr,
			name ? name : "unassigned");
	return -ENOSYS;
}

long invoke_syscall(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
		    unsigned long a3, unsigned long a4, unsigned long a5)
{
	if (nr >= __NR_syscalls || sys_call_table[nr] == sys_ni_syscall)
		return ni_syscall_report(nr);
	return sys_call_table[nr](a0, a1, a2, a3, a4, a5);
}
