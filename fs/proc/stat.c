/*
 * /proc/stat: the CPU times of each CPU (kernel/cputime.c, in USER_HZ
 * ticks), interrupts, context switches, the boot time and the process
 * counts, in Linux's layout (proc(5)). What rivet does not count reads 0:
 * nice, iowait, irq, softirq, steal and guest time, the softirq line.
 * ctxt adds up the live threads' switches (Linux keeps a per-CPU total
 * that outlives the threads); procs_blocked counts user threads in
 * TASK_UNINTERRUPTIBLE (Linux: those waiting on I/O; a kernel thread
 * asleep so is idle, 'I').
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/seq_buf.h>
#include <linux/sched.h>
#include <linux/cpumask.h>
#include <linux/kernel_stat.h>
#include <linux/timekeeping.h>
#include <linux/jiffies.h>
#include <asm/plic.h>
#include "internal.h"
#include "array.h"

/* The "cpu" or "cpuN" line (@name) for times @t (ns). */
static void show_cpu_line(struct seq_buf *s, const char *name, const u64 *t)
{
	seq_buf_puts(s, name);
	for (int i = 0; i < NR_STATS; i++)
		seq_buf_printf(s, " %lu", proc_ns_to_clock_t(t[i]));
	seq_buf_puts(s, "\n");
}

/* Context switches over every thread, and the user threads in TASK_UNINTERRUPTIBLE. Takes tasklist_lock. */
static void count_threads(unsigned long long *ctxt, unsigned long *blocked)
{
	struct task_struct *p, *t;
	unsigned long flags;

	*ctxt = 0;
	*blocked = 0;
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p) {
		for_each_thread(p, t) {
			*ctxt += t->nvcsw + t->nivcsw;
			*blocked += t->state == TASK_UNINTERRUPTIBLE && !(t->flags & PF_KTHREAD);
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* "intr TOTAL N0 N1 ...": the timer ticks plus the PLIC's counts, per source up to the last used. */
static void show_intr(struct seq_buf *s)
{
	unsigned long long total = 0;
	unsigned int last = 0, cpu;

	for_each_online_cpu(cpu)
		total += kcpustat_cpu(cpu)->timer_irqs;
	for (unsigned int i = 0; i < PLIC_MAX_IRQS; i++) {
		total += irq_count[i];
		if (irq_count[i])
			last = i + 1;
	}
	seq_buf_printf(s, "intr %llu", total);
	for (unsigned int i = 0; i < last; i++)
		seq_buf_printf(s, " %lu", irq_count[i]);
	seq_buf_puts(s, "\n");
}

static void stat_proc_show(struct seq_buf *s)
{
	u64 sum[NR_STATS] = { 0 };
	unsigned long long ctxt;
	unsigned long blocked;
	unsigned int cpu;
	char name[16];

	for_each_online_cpu(cpu)
		for (int i = 0; i < NR_STATS; i++)
			sum[i] += kcpustat_cpu(cpu)->cpustat[i];
	show_cpu_line(s, "cpu ", sum);	/* Linux's "cpu  " has two spaces */
	for_each_online_cpu(cpu) {
		snprintf(name, sizeof(name), "cpu%u", cpu);
		show_cpu_line(s, name, kcpustat_cpu(cpu)->cpustat);
	}
	show_intr(s);
	count_threads(&ctxt, &blocked);
	seq_buf_printf(s, "ctxt %llu\n", ctxt);
	seq_buf_printf(s, "btime %lld\n",
		       (long long)(ktime_get_real_seconds() - ktime_get_ns() / NSEC_PER_SEC));
	seq_buf_printf(s, "processes %lu\n", total_forks_count());
	seq_buf_printf(s, "procs_running %lu\n", nr_running());
	seq_buf_printf(s, "procs_blocked %lu\n", blocked);
	seq_buf_puts(s, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
}

int proc_stat_init(void)
{
	return proc_create_single("stat", 0444, NULL, stat_proc_show) ? 0 : -ENOMEM;
}
