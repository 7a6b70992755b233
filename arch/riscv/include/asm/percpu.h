/*
 * Per-CPU area. tp points at this CPU's struct cpu_info while in the
 * kernel; entry.S relies on the offsets of the first five fields (CI_*).
 * Locking: a CPU touches only its own cpu_info (through tp), so no lock;
 * entry.S and the code it interrupts share it, which is why curr and
 * stack_lo change only with interrupts off (schedule, under rq_lock).
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <asm/smp.h>

/* Field offsets for entry.S; they must match struct cpu_info below. */
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
	unsigned long hartid;		/* set once, by setup_boot_cpu */
	int cpu;			/* index in cpu_data[] */
};

extern struct cpu_info cpu_data[NR_CPUS];

/* This CPU's area: tp points at it in the kernel (setup_boot_cpu, entry.S). */
static inline struct cpu_info *this_cpu(void)
{
	struct cpu_info *ci;

	__asm__ ("mv %0, tp" : "=r"(ci));
	return ci;
}

#endif /* __ASSEMBLER__ */
#endif
