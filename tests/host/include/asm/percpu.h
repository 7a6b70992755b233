/*
 * Host-test per-CPU area: what linux/sched.h needs (this_cpu()->curr, the
 * running task). One area per host "CPU" (host_cpu_id); fs_env.c defines
 * them and puts its one fake task in each. Test-only code.
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <asm/smp.h>

struct task_struct;

struct cpu_info {
	struct task_struct *curr;	/* the running task */
	int cpu;			/* index in cpu_data[] */
};

extern struct cpu_info cpu_data[NR_CPUS];

static inline struct cpu_info *this_cpu(void)
{
	return &cpu_data[smp_processor_id()];
}

#endif
