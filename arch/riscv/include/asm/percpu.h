/*
 * Per-CPU area. tp points at this CPU's struct cpu_info while in the
 * kernel; entry.S relies on the first two fields' offsets.
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <asm/smp.h>

#define CI_SCRATCH	8
#define CI_STACK_LO	16
#define CI_OVERFLOW_SP	24
#define CI_SCRATCH2	32

#ifndef __ASSEMBLER__
struct task_struct;

struct cpu_info {
	unsigned long kernel_sp;	/* offset 0: stack top for traps from user */
	unsigned long scratch;		/* offset 8: user sp / t0 during trap entry */
	unsigned long stack_lo;		/* offset 16: lowest address of the task's stack */
	unsigned long overflow_sp;	/* offset 24: top of the stack-overflow stack */
	unsigned long scratch2;		/* offset 32: interrupted sp on overflow */
	struct task_struct *curr;	/* the running task */
	unsigned long hartid;
	int cpu;			/* index in cpu_data[] */
	int kmap_atomic_idx;		/* kmap_atomic slots in use (mm/highmem.c) */
	unsigned int kmap_atomic_used;	/* bitmap of those slots */
};

extern struct cpu_info cpu_data[NR_CPUS];

static inline struct cpu_info *this_cpu(void)
{
	struct cpu_info *ci;

	__asm__ ("mv %0, tp" : "=r"(ci));
	return ci;
}

#endif /* __ASSEMBLER__ */
#endif
