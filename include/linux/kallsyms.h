/* Kernel symbol lookup, used by %pS/%ps in lib/vsprintf.c and by backtraces. */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#include <linux/types.h>

/*
 * Name of the symbol containing addr, or NULL if none is known. On success
 * *size is the symbol's size and *offset is addr minus its start. Safe in
 * any context (no locks, no allocation): printk and panic call it.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size,
			    unsigned long *offset);

#endif
