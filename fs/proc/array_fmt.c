/*
 * The /proc/<pid> texts and /proc/loadavg from plain structs (array.h):
 * stat's 52 fields in proc(5)'s order, status's "Name:\tvalue" lines in
 * Linux 4.x-6.x's order, statm, one maps line, the smaps counters.
 * Layouts from proc(5) and Documentation/filesystems/proc.rst; lines
 * for what rivet has not (capabilities, seccomp, NUMA, hugetlb) carry
 * the values a kernel without the feature shows, or are left out.
 */
#include <linux/kernel.h>
#include <linux/seq_buf.h>
#include "array.h"

#define K(pages)	((pages) * 4)	/* pages to kB (4 KiB pages) */

/* The "State:" text for task_state_char's letter. */
static const char *state_name(char c)
{
	switch (c) {
	case 'R': return "R (running)";
	case 'S': return "S (sleeping)";
	case 'D': return "D (disk sleep)";
	case 'T': return "T (stopped)";
	case 't': return "t (tracing stop)";
	case 'Z': return "Z (zombie)";
	case 'X': return "X (dead)";
	case 'I': return "I (idle)";
	case 'P': return "P (parked)";
	default: return "? (unknown)";
	}
}

/* The pages of text: the page-rounded code range, at most the executable mappings. */
static unsigned long text_pages(const struct proc_mm_info *mi)
{
	unsigned long text = 0;

	if (mi->end_code > mi->start_code)
		text = ((mi->end_code + 4095) >> 12) - (mi->start_code >> 12);
	return min(text, mi->exec_vm);
}

static unsigned long rss_pages(const struct proc_mm_info *mi)
{
	return mi->anon + mi->file + mi->shmem;
}

void proc_format_stat(struct seq_buf *s, const struct proc_task_info *ti,
		      const struct proc_mm_info *mi)
{
	static const struct proc_mm_info none;
	const struct proc_mm_info *m = mi ? mi : &none;

	/* (1)-(9): pid (comm) state ppid pgrp session tty_nr tpgid flags */
	seq_buf_printf(s, "%d (%s) %c %d %d %d %d %d %u ", ti->pid, ti->comm, ti->state,
		       ti->ppid, ti->pgrp, ti->session, ti->tty_nr, ti->tpgid, ti->flags);
	/* (10)-(17): minflt cminflt majflt cmajflt utime stime cutime cstime */
	seq_buf_printf(s, "%lu %lu %lu %lu %lu %lu %ld %ld ", ti->min_flt, ti->cmin_flt,
		       ti->maj_flt, ti->cmaj_flt, proc_ns_to_clock_t(ti->utime),
		       proc_ns_to_clock_t(ti->stime), (long)proc_ns_to_clock_t(ti->cutime),
		       (long)proc_ns_to_clock_t(ti->cstime));
	/* (18)-(25): priority nice num_threads itrealvalue starttime vsize rss rsslim */
	seq_buf_printf(s, "20 0 %d 0 %llu %lu %lu %lu ", ti->nr_threads,
		       (unsigned long long)proc_ns_to_clock_t(ti->start_time),
		       m->total_vm << 12, rss_pages(m), ti->rsslim);
	/* (26)-(30): startcode endcode startstack kstkesp kstkeip (the last two: 0, as Linux) */
	seq_buf_printf(s, "%lu %lu %lu 0 0 ", m->start_code, m->end_code, m->start_stack);
	/* (31)-(37): signal blocked sigignore sigcatch wchan nswap cnswap */
	seq_buf_printf(s, "%lu %lu %lu %lu 0 0 0 ", ti->sigpnd | ti->shdpnd, ti->sigblk,
		       ti->sigign, ti->sigcgt);
	/* (38)-(44): exit_signal processor rt_priority policy blkio_ticks guest_time cguest_time */
	seq_buf_printf(s, "%d %d 0 0 0 0 0 ", ti->exit_signal, ti->processor);
	/* (45)-(52): start_data end_data start_brk arg_start arg_end env_start env_end exit_code */
	seq_buf_printf(s, "%lu %lu %lu %lu %lu %lu %lu %d\n", m->start_data, m->end_data,
		       m->start_brk, m->arg_start, m->arg_end, m->env_start, m->env_end,
		       ti->exit_code);
}

/* "Name:\t" and the name with '\n' and '\\' escaped, as Linux's proc_task_name. */
static void show_name(struct seq_buf *s, const char *comm)
{
	seq_buf_puts(s, "Name:\t");
	for (int i = 0; i < PROC_COMM_LEN && comm[i]; i++) {
		if (comm[i] == '\n')
			seq_buf_puts(s, "\\n");
		else if (comm[i] == '\\')
			seq_buf_puts(s, "\\\\");
		else
			seq_buf_printf(s, "%c", comm[i]);
	}
	seq_buf_puts(s, "\n");
}

/* The Vm and Rss lines (Linux's task_mem), in kB. */
static void show_task_mem(struct seq_buf *s, const struct proc_mm_info *mi)
{
	unsigned long rss = rss_pages(mi), text = text_pages(mi);

	seq_buf_printf(s, "VmPeak:\t%8lu kB\n", K(max(mi->hiwater_vm, mi->total_vm)));
	seq_buf_printf(s, "VmSize:\t%8lu kB\n", K(mi->total_vm));
	seq_buf_printf(s, "VmLck:\t%8lu kB\n", K(mi->locked_vm));
	seq_buf_printf(s, "VmPin:\t%8lu kB\n", 0UL);
	seq_buf_printf(s, "VmHWM:\t%8lu kB\n", K(max(mi->hiwater_rss, rss)));
	seq_buf_printf(s, "VmRSS:\t%8lu kB\n", K(rss));
	seq_buf_printf(s, "RssAnon:\t%8lu kB\n", K(mi->anon));
	seq_buf_printf(s, "RssFile:\t%8lu kB\n", K(mi->file));
	seq_buf_printf(s, "RssShmem:\t%8lu kB\n", K(mi->shmem));
	seq_buf_printf(s, "VmData:\t%8lu kB\n", K(mi->data_vm));
	seq_buf_printf(s, "VmStk:\t%8lu kB\n", K(mi->stack_vm));
	seq_buf_printf(s, "VmExe:\t%8lu kB\n", K(text));
	seq_buf_printf(s, "VmLib:\t%8lu kB\n", K(mi->exec_vm - text));
	seq_buf_printf(s, "VmPTE:\t%8lu kB\n", K(mi->pgtables));
	seq_buf_printf(s, "VmSwap:\t%8lu kB\n", 0UL);
	seq_buf_printf(s, "HugetlbPages:\t%8lu kB\n", 0UL);
}

void proc_format_status(struct seq_buf *s, const struct proc_task_info *ti,
			const struct proc_mm_info *mi)
{
	show_name(s, ti->comm);
	if (ti->umask >= 0)
		seq_buf_printf(s, "Umask:\t%04o\n", ti->umask);
	seq_buf_printf(s, "State:\t%s\n", state_name(ti->state));
	seq_buf_printf(s, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
		       ti->tgid, ti->pid, ti->ppid);
	seq_buf_printf(s, "Uid:\t%u\t%u\t%u\t%u\n", ti->uid[0], ti->uid[1], ti->uid[2], ti->uid[3]);
	seq_buf_printf(s, "Gid:\t%u\t%u\t%u\t%u\n", ti->gid[0], ti->gid[1], ti->gid[2], ti->gid[3]);
	seq_buf_printf(s, "FDSize:\t%u\nGroups:\t", ti->fdsize);
	for (int i = 0; i < ti->ngroups && i < PROC_NGROUPS; i++)
		seq_buf_printf(s, "%s%u", i ? " " : "", ti->groups[i]);
	seq_buf_printf(s, "\nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
		       ti->tgid, ti->pid, ti->pgrp, ti->session);
	if (mi)
		show_task_mem(s, mi);
	seq_buf_printf(s, "CoreDumping:\t0\nThreads:\t%d\n", ti->nr_threads);
	seq_buf_printf(s, "SigQ:\t%u/%lu\n", ti->sigq, ti->sigq_lim);
	seq_buf_printf(s, "SigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\n",
		       ti->sigpnd, ti->shdpnd, ti->sigblk);
	seq_buf_printf(s, "SigIgn:\t%016lx\nSigCgt:\t%016lx\n", ti->sigign, ti->sigcgt);
	/* No capabilities: every task has them all, as root under Linux. */
	seq_buf_puts(s, "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\n"
		     "CapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\n"
		     "CapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t0\n");
	seq_buf_puts(s, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n"
		     "Mems_allowed:\t1\nMems_allowed_list:\t0\n");
	seq_buf_printf(s, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		       ti->nvcsw, ti->nivcsw);
}

void proc_format_statm(struct seq_buf *s, const struct proc_mm_info *mi)
{
	if (!mi) {
		seq_buf_puts(s, "0 0 0 0 0 0 0\n");
		return;
	}
	seq_buf_printf(s, "%lu %lu %lu %lu 0 %lu 0\n", mi->total_vm, rss_pages(mi),
		       mi->file + mi->shmem, text_pages(mi), mi->data_vm + mi->stack_vm);
}

/* Linux pads a maps line's prefix to 72 columns on 64-bit, then adds a space before the name. */
#define MAPS_PAD_COL	72

void proc_format_map(struct seq_buf *s, const struct proc_map_info *m)
{
	size_t start = seq_buf_used(s);

	seq_buf_printf(s, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", m->start, m->end,
		       m->read ? 'r' : '-', m->write ? 'w' : '-', m->exec ? 'x' : '-',
		       m->shared ? 's' : 'p', m->offset, m->major, m->minor, m->ino);
	if (m->name) {
		size_t used = seq_buf_used(s) - start;

		seq_buf_printf(s, "%*s ", used < MAPS_PAD_COL ? (int)(MAPS_PAD_COL - used) : 0, "");
		for (const char *p = m->name; *p; p++) {
			if (*p == '\n')
				seq_buf_puts(s, "\\012");
			else
				seq_buf_printf(s, "%c", *p);
		}
	}
	seq_buf_puts(s, "\n");
}

/* One smaps counter: the name padded to 16 columns, kB right-aligned in 8. */
static void show_smap(struct seq_buf *s, const char *name, unsigned long long bytes)
{
	seq_buf_printf(s, "%-16s%8llu kB\n", name, bytes >> 10);
}

void proc_format_smaps(struct seq_buf *s, const struct proc_mem_size_stats *mss)
{
	show_smap(s, "Rss:", mss->resident);
	show_smap(s, "Pss:", mss->pss >> PROC_PSS_SHIFT);
	show_smap(s, "Pss_Anon:", mss->pss_anon >> PROC_PSS_SHIFT);
	show_smap(s, "Pss_File:", mss->pss_file >> PROC_PSS_SHIFT);
	show_smap(s, "Pss_Shmem:", mss->pss_shmem >> PROC_PSS_SHIFT);
	show_smap(s, "Shared_Clean:", mss->shared_clean);
	show_smap(s, "Shared_Dirty:", mss->shared_dirty);
	show_smap(s, "Private_Clean:", mss->private_clean);
	show_smap(s, "Private_Dirty:", mss->private_dirty);
	show_smap(s, "Referenced:", mss->referenced);
	show_smap(s, "Anonymous:", mss->anonymous);
	show_smap(s, "LazyFree:", 0);
	show_smap(s, "AnonHugePages:", 0);
	show_smap(s, "ShmemPmdMapped:", 0);
	show_smap(s, "FilePmdMapped:", 0);
	show_smap(s, "Shared_Hugetlb:", 0);
	show_smap(s, "Private_Hugetlb:", 0);
	show_smap(s, "Swap:", mss->swap);
	show_smap(s, "SwapPss:", 0);
	show_smap(s, "Locked:", mss->locked);
}

/* @x (FSHIFT fixed point) as "I.FF", the fraction rounded down to hundredths. */
static void show_load(struct seq_buf *s, unsigned long x, const char *sep)
{
	unsigned long one = 1UL << PROC_FSHIFT;

	seq_buf_printf(s, "%lu.%02lu%s", x >> PROC_FSHIFT, ((x & (one - 1)) * 100) >> PROC_FSHIFT,
		       sep);
}

void proc_format_loadavg(struct seq_buf *s, const unsigned long avenrun[3],
			 unsigned long running, unsigned long threads, int last_pid)
{
	/* Linux adds FIXED_1/200 first, so that the hundredths are rounded. */
	unsigned long half = (1UL << PROC_FSHIFT) / 200;

	show_load(s, avenrun[0] + half, " ");
	show_load(s, avenrun[1] + half, " ");
	show_load(s, avenrun[2] + half, " ");
	seq_buf_printf(s, "%lu/%lu %d\n", running, threads, last_pid);
}
