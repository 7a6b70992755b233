/*
 * CPU masks, portable, with Linux's names: one bit per CPU index
 * (0..NR_CPUS-1, asm/smp.h), and the mask of the CPUs that are online.
 * The boot CPU marks itself online (boot_cpu_init, kernel/cpu.c); CPUs
 * started later will set their own bit. Host tests define the mask in
 * their shim and may set bits to play several CPUs. Leaves out the
 * possible/present/active masks and CPU hotplug: a CPU never goes offline.
 */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

#include <linux/types.h>
#include <asm/smp.h>

#define BITS_PER_CPUMASK_WORD	(8 * sizeof(unsigned long))
#define CPUMASK_WORDS		((NR_CPUS + BITS_PER_CPUMASK_WORD - 1) / BITS_PER_CPUMASK_WORD)

struct cpumask {
	unsigned long bits[CPUMASK_WORDS];
};
typedef struct cpumask cpumask_t;

/* Written only through set_cpu_online (atomically); read anywhere. */
extern struct cpumask __cpu_online_mask;
#define cpu_online_mask		((const struct cpumask *)&__cpu_online_mask)

static inline bool cpumask_test_cpu(unsigned int cpu, const struct cpumask *mask)
{
	unsigned long word;

	if (cpu >= NR_CPUS)
		return false;
	word = __atomic_load_n(&mask->bits[cpu / BITS_PER_CPUMASK_WORD], __ATOMIC_RELAXED);
	return (word >> (cpu % BITS_PER_CPUMASK_WORD)) & 1;
}

/* The first CPU in @mask after @n (n = -1: the first); NR_CPUS if none. */
static inline unsigned int cpumask_next(int n, const struct cpumask *mask)
{
	unsigned int cpu;

	for (cpu = n + 1; cpu < NR_CPUS; cpu++)
		if (cpumask_test_cpu(cpu, mask))
			break;
	return cpu;
}

static inline unsigned int cpumask_weight(const struct cpumask *mask)
{
	unsigned int cpu, n = 0;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		n += cpumask_test_cpu(cpu, mask);
	return n;
}

#define for_each_cpu(cpu, mask)						\
	for ((cpu) = cpumask_next(-1, (mask)); (cpu) < NR_CPUS;		\
	     (cpu) = cpumask_next((cpu), (mask)))

#define for_each_online_cpu(cpu)	for_each_cpu((cpu), cpu_online_mask)
#define cpu_online(cpu)			cpumask_test_cpu((cpu), cpu_online_mask)
#define num_online_cpus()		cpumask_weight(cpu_online_mask)

/* Mark @cpu online or offline; any context, atomic against other CPUs. */
static inline void set_cpu_online(unsigned int cpu, bool online)
{
	unsigned long bit = 1UL << (cpu % BITS_PER_CPUMASK_WORD);
	unsigned long *word = &__cpu_online_mask.bits[cpu / BITS_PER_CPUMASK_WORD];

	if (cpu >= NR_CPUS)
		return;
	if (online)
		__atomic_fetch_or(word, bit, __ATOMIC_RELAXED);
	else
		__atomic_fetch_and(word, ~bit, __ATOMIC_RELAXED);
}

/* Boot: the CPU running start_kernel marks itself online (kernel/cpu.c). */
void boot_cpu_init(void);

#endif
