/*
 * preempt_count: how many reasons this CPU has not to switch tasks
 * (a kmap_atomic slot held, a spinlock section, ...). The scheduler may
 * take the CPU from a task only when it is 0 and interrupts are on;
 * sleeping with it above 0 is a bug that schedule() reports. Per CPU, as
 * on x86 (rather than in thread_info): a task never leaves its CPU while
 * the count is raised, so the two are the same here.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/irqflags.h>

DECLARE_PER_CPU(int, __preempt_count);	/* kernel/sched.c */

static inline int preempt_count(void)
{
	return READ_ONCE(*this_cpu_ptr(&__preempt_count));
}

/* Nesting; the barrier keeps the protected accesses inside. */
static inline void preempt_disable(void)
{
	(*this_cpu_ptr(&__preempt_count))++;
	barrier();
}

/* The preemptive scheduler will reschedule here when the count hits 0. */
static inline void preempt_enable(void)
{
	barrier();
	(*this_cpu_ptr(&__preempt_count))--;
}

/* May the scheduler switch away from the running task now? */
static inline bool preemptible(void)
{
	return preempt_count() == 0 && !irqs_disabled();
}

/*
 * Code that may sleep says so: called with preemption off (inside a
 * kmap_atomic section, say) it warns once per call site. Interrupts-off
 * is not checked, since boot runs with them off before the scheduler.
 */
#define might_sleep()		((void)WARN_ON_ONCE(preempt_count() != 0))
#define might_sleep_if(cond)	do { if (cond) might_sleep(); } while (0)

#endif
