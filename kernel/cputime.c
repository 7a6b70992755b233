/*
 * Tick-based CPU time accounting per CPU and the load average
 * (include/linux/kernel_stat.h). After Linux's kernel/sched/cputime.c
 * (account_process_tick without virtual accounting) and
 * kernel/sched/loadavg.c (calc_global_load) in what is counted: a tick
 * goes whole to user, system or idle; the load is the running plus the
 * uninterruptible user threads, decayed every 5 s. Leaves out nice, irq and
 * softirq time, iowait, steal and guest time (always 0).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>
#include <linux/kernel_stat.h>

struct kernel_cpustat kernel_cpustat[NR_CPUS];
unsigned long avenrun[3];

static unsigned long next_load_sample;	/* jiffies; only the tick touches it */
static unsigned long last_uninterruptible;	/* when tasklist_lock was busy */

/*
 * User threads in TASK_UNINTERRUPTIBLE, for the load. A kernel thread
 * asleep that way is idle ('I' in /proc, as task_state_char has it; Linux
 * puts such waits in TASK_IDLE, which the load leaves out). The tick
 * cannot wait for tasklist_lock, so if it is busy the previous count
 * stands.
 */
static unsigned long nr_uninterruptible(void)
{
	struct task_struct *p, *t;
	unsigned long n = 0;

	if (!spin_trylock(&tasklist_lock))
		return last_uninterruptible;
	for_each_process(p)
		for_each_thread(p, t)
			if (t->state == TASK_UNINTERRUPTIBLE && !(t->flags & PF_KTHREAD))
				n++;
	spin_unlock(&tasklist_lock);
	last_uninterruptible = n;
	return n;
}

/* Every LOAD_FREQ ticks: decay avenrun[] towards the running and blocked count. */
static void calc_global_load_tick(void)
{
	unsigned long active;

	if ((long)(jiffies - next_load_sample) < 0)
		return;
	next_load_sample = jiffies + LOAD_FREQ;
	active = (nr_running() + nr_uninterruptible()) * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
}

void account_process_tick(bool user)
{
	struct kernel_cpustat *kc = kcpustat_cpu(smp_processor_id());
	u64 tick = NSEC_PER_SEC / HZ;

	kc->timer_irqs++;
	if (current != &init_task) {	/* the task's own share (utime, stime) */
		if (user)
			current->utime += tick;
		else
			current->stime += tick;
	}
	if (user)
		kc->cpustat[CPUTIME_USER] += tick;
	else if (current == &init_task)
		kc->cpustat[CPUTIME_IDLE] += tick;
	else
		kc->cpustat[CPUTIME_SYSTEM] += tick;
	if (!next_load_sample)
		next_load_sample = jiffies + LOAD_FREQ;
	calc_global_load_tick();
}
