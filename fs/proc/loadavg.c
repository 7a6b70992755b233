/*
 * /proc/loadavg: "0.25 0.10 0.03 2/57 120" — the 1, 5 and 15 minute load
 * averages (kernel/cputime.c), runnable/all threads, and the most recent
 * pid. Linux's layout (proc(5)); Linux's last field is the last pid
 * allocated, rivet's the pid of the newest live thread (no accessor
 * for the allocator's cursor).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/seq_buf.h>
#include <linux/sched.h>
#include <linux/kernel_stat.h>
#include "internal.h"
#include "array.h"

/* The pid of the thread started last (largest start_time; ties: the higher pid). Takes tasklist_lock. */
static int newest_pid(void)
{
	struct task_struct *p, *t;
	unsigned long flags;
	u64 newest = 0;
	int pid = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p) {
		for_each_thread(p, t) {
			if (t->start_time > newest || (t->start_time == newest && t->pid > pid)) {
				newest = t->start_time;
				pid = t->pid;
			}
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return pid;
}

static void loadavg_proc_show(struct seq_buf *s)
{
	unsigned long loads[3] = { READ_ONCE(avenrun[0]), READ_ONCE(avenrun[1]),
				   READ_ONCE(avenrun[2]) };

	proc_format_loadavg(s, loads, nr_running(), nr_threads_total(), newest_pid());
}

int proc_loadavg_init(void)
{
	return proc_create_single("loadavg", 0444, NULL, loadavg_proc_show) ? 0 : -ENOMEM;
}
