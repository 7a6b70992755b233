/*
 * Copies to and from user memory (asm/uaccess.h), and pagefault_disable:
 * while it is in force, a uaccess that faults on a user address fails at
 * once (the routine returns short) instead of resolving the fault, which
 * may sleep. For copies made under kmap_atomic; the caller finishes what
 * is left some other way. Nests; the task's own count.
 */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/sched.h>
#include <asm/uaccess.h>

static inline void pagefault_disable(void)
{
	current->pagefault_disabled++;
	barrier();	/* the count is up before any access that may fault */
}

static inline void pagefault_enable(void)
{
	barrier();
	current->pagefault_disabled--;
}

static inline bool pagefault_disabled(void)
{
	return current->pagefault_disabled != 0;
}

#endif
