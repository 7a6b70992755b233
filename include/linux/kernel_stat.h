/*
 * CPU time per CPU and the load average (kernel/cputime.c), for
 * /proc/stat, /proc/uptime's idle figure and /proc/loadavg. The timer
 * tick charges each tick whole to user, system or idle time of the CPU
 * it interrupted, as Linux without VIRT_CPU_ACCOUNTING; Linux's
 * cpustat indexes and avenrun fixed point. Per-task utime/stime are the
 * scheduler's (kernel/sched.c), not these.
 */
#ifndef _LINUX_KERNEL_STAT_H
#define _LINUX_KERNEL_STAT_H

#include <linux/types.h>
#include <asm/smp.h>

enum cpu_usage_stat {
	CPUTIME_USER,
	CPUTIME_NICE,
	CPUTIME_SYSTEM,
	CPUTIME_SOFTIRQ,
	CPUTIME_IRQ,
	CPUTIME_IDLE,
	CPUTIME_IOWAIT,
	CPUTIME_STEAL,
	CPUTIME_GUEST,
	CPUTIME_GUEST_NICE,
	NR_STATS,
};

/* One CPU's times in ns, and its timer interrupts. Only that CPU's tick writes them. */
struct kernel_cpustat {
	u64 cpustat[NR_STATS];
	unsigned long timer_irqs;
};

extern struct kernel_cpustat kernel_cpustat[NR_CPUS];
#define kcpustat_cpu(cpu)	(&kernel_cpustat[cpu])

/*
 * The timer interrupt, interrupts off: one tick (NSEC_PER_SEC / HZ) to
 * this CPU's user time if it interrupted user mode (@user), else to idle
 * time if the idle task (pid 0) was running, else to system time. Every
 * LOAD_FREQ it also samples the load average. Called once per tick
 * (kernel/profile.c's profile_tick calls it).
 */
void account_process_tick(bool user);

/* Load average: avenrun[] in FSHIFT fixed point (1.0 = FIXED_1), sampled every 5 s. */
#define FSHIFT		11
#define FIXED_1		(1UL << FSHIFT)
#define LOAD_FREQ	(5 * HZ + 1)	/* ticks between samples, Linux's */
#define EXP_1		1884		/* FIXED_1 / exp(5 s / 1 min) */
#define EXP_5		2014		/* FIXED_1 / exp(5 s / 5 min) */
#define EXP_15		2037		/* FIXED_1 / exp(5 s / 15 min) */
extern unsigned long avenrun[3];

/* One step of the decay: @load moved towards @active (both FSHIFT fixed point) by @exp. */
static inline unsigned long calc_load(unsigned long load, unsigned long exp,
				      unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

#endif
