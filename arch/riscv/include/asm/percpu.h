/*
 * Per-CPU area. tp points at this CPU's struct cpu_info while in the
 * kernel; entry.S relies on the first two fields' offsets.
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <asm/smp.h>

struct cpu_info {
	unsigned long kernel_sp;	/* offset 0: stack top for traps from user */
	unsigned long scratch;		/* offset 8: user sp during trap entry */
	unsigned long hartid;
	int cpu;			/* index in cpu_data[] */
	int kmap_atomic_idx;		/* next free kmap_atomic slot (mm/highmem.c) */
};

extern struct cpu_info cpu_data[NR_CPUS];

static inline struct cpu_info *this_cpu(void)
{
	struct cpu_info *ci;

	__asm__ ("mv %0, tp" : "=r"(ci));
	return ci;
}

#endif
