/*
 * The OOM killer (Linux 4.x mm/oom_kill.c, much smaller): out_of_memory
 * picks the user process with the largest RSS (oom_badness: resident
 * pages plus page-table pages), logs one line and sends it SIGKILL. Leaves
 * out oom_score_adj, the OOM reaper (the victim frees its memory as it
 * exits), memory cgroups, sysctl_panic_on_oom and the task dump.
 */
#include <linux/kernel.h>
#include <linux/oom.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/vmstat.h>
#include <linux/string.h>

/* Pages freed if @mm went: its resident pages (Linux adds page tables, rivet counts none per mm). */
static unsigned long oom_badness(struct mm_struct *mm)
{
	return get_mm_rss(mm);
}

/* What out_of_memory needs of its choice, copied out under tasklist_lock. */
struct oom_victim {
	int pid;
	bool dying;			/* some process already has SIGKILL pending */
	unsigned long points;
	unsigned long total_vm, anon, file, shmem;
	char comm[TASK_COMM_LEN];
};

/* May @p be chosen? User processes only: not init (pid 1), no kthread, an mm. */
static bool oom_unkillable(struct task_struct *p)
{
	return p->pid == 1 || (p->flags & PF_KTHREAD) || !p->mm;
}

/*
 * Walk every process under tasklist_lock (IRQs off: on one hart no mm can
 * be freed meanwhile) for the largest oom_badness. A process with SIGKILL
 * pending sets v->dying instead: it is already on its way out.
 */
static void select_bad_process(struct oom_victim *v)
{
	struct task_struct *p;
	unsigned long flags, points;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p) {
		if (oom_unkillable(p))
			continue;
		if (fatal_signal_pending(p)) {
			v->dying = true;
			break;
		}
		points = oom_badness(p->mm);
		if (points <= v->points)
			continue;
		v->pid = p->pid;
		v->points = points;
		v->total_vm = p->mm->total_vm;
		v->anon = get_mm_counter(p->mm, MM_ANONPAGES);
		v->file = get_mm_counter(p->mm, MM_FILEPAGES);
		v->shmem = get_mm_counter(p->mm, MM_SHMEMPAGES);
		memcpy(v->comm, p->comm, TASK_COMM_LEN);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

/* See linux/oom.h. */
bool out_of_memory(gfp_t gfp_mask, unsigned int order)
{
	struct oom_victim v = { .pid = 0 };
	struct task_struct *p;

	if (current && current->mm && fatal_signal_pending(current))
		return false;
	select_bad_process(&v);
	if (v.dying)
		return true;
	if (!v.pid)
		return false;
	p = find_get_task_by_vpid(v.pid);
	if (!p)
		return true;	/* it exited meanwhile: its memory is back */
	pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB (order %u, gfp %#x)\n",
	       v.pid, v.comm, K(v.total_vm), K(v.anon), K(v.file), K(v.shmem), order,
	       gfp_mask);
	send_sig(SIGKILL, p, 1);
	put_task_struct(p);
	count_vm_event(OOM_KILL);
	return true;
}
