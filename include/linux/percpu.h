/*
 * Per-CPU variables, portable: an array of NR_CPUS indexed by the CPU
 * number (asm/smp.h), with Linux's names. A CPU may touch its own entry
 * only with preemption (or interrupts) off, so it cannot move CPUs
 * between finding the entry and using it. Leaves out Linux's per-CPU
 * sections and offset arithmetic: an array index is enough here.
 */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H

#include <asm/smp.h>

#define DEFINE_PER_CPU(type, name)	__typeof__(type) name[NR_CPUS]
#define DECLARE_PER_CPU(type, name)	extern __typeof__(type) name[NR_CPUS]

/* per_cpu(var, cpu): that CPU's copy; this_cpu_ptr(&var): ours. */
#define per_cpu(var, cpu)		((var)[(cpu)])
#define per_cpu_ptr(ptr, cpu)		(&(*(ptr))[(cpu)])
#define this_cpu_ptr(ptr)		per_cpu_ptr(ptr, smp_processor_id())

#endif
