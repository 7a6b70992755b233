/*
 * The /proc/<pid> texts as pure formatting (fs/proc/array_fmt.c): array.c
 * and task_mmu.c copy what they need out of the task and its mm into these
 * plain structs, under the right locks, and the formatters write Linux's
 * layouts from them. Plain types only, so the host tests build the
 * formatters alone (tests/host/proc_array.mk).
 */
#ifndef _FS_PROC_ARRAY_H
#define _FS_PROC_ARRAY_H

#include <linux/types.h>

struct seq_buf;

#define PROC_USER_HZ	100	/* the clock_t of /proc's tick counts (Linux's USER_HZ) */
#define PROC_NGROUPS	32
#define PROC_COMM_LEN	16

/* A thread group as /proc/<pid>/stat and status show it; times in ns. */
struct proc_task_info {
	int pid, tgid, ppid, pgrp, session;
	int tty_nr, tpgid;		/* new_encode_dev'd tty, or 0; its foreground group, or -1 */
	char state;			/* task_state_char: R S D T Z X I */
	char comm[PROC_COMM_LEN];
	unsigned int flags;		/* PF_* */
	int nr_threads;
	int exit_signal, exit_code, processor;
	int umask;			/* -1: no fs_struct (the line is left out) */
	unsigned int fdsize;		/* slots of the descriptor table */
	u64 utime, stime;		/* the live threads' and the dead ones' */
	u64 cutime, cstime;		/* reaped children's */
	u64 start_time;			/* since boot */
	unsigned long min_flt, maj_flt, cmin_flt, cmaj_flt;
	unsigned long nvcsw, nivcsw;
	unsigned long rsslim;		/* RLIMIT_RSS's current value */
	unsigned long sigpnd, shdpnd, sigblk, sigign, sigcgt;	/* one sigset word each */
	unsigned int sigq;		/* signals queued */
	unsigned long sigq_lim;		/* RLIMIT_SIGPENDING */
	unsigned int uid[4], gid[4];	/* real, effective, saved, file system */
	int ngroups;
	unsigned int groups[PROC_NGROUPS];
};

/* An address space's counts: pages, except the addresses. */
struct proc_mm_info {
	unsigned long total_vm, hiwater_vm, locked_vm, data_vm, stack_vm, exec_vm;
	unsigned long hiwater_rss, anon, file, shmem;	/* rss_stat */
	unsigned long pgtables;		/* page-table pages (VmPTE) */
	unsigned long start_code, end_code, start_data, end_data, start_brk, brk;
	unsigned long start_stack, arg_start, arg_end, env_start, env_end;
};

/* ns to /proc's clock ticks (USER_HZ). */
static inline unsigned long proc_ns_to_clock_t(u64 ns)
{
	return ns / (1000000000ULL / PROC_USER_HZ);
}

/* /proc/<pid>/stat: the 52 fields of proc(5) on one line. @mi NULL: a kernel thread. */
void proc_format_stat(struct seq_buf *s, const struct proc_task_info *ti,
		      const struct proc_mm_info *mi);
/* /proc/<pid>/status: "Name:\t..." lines; @mi NULL leaves out the Vm and Rss lines. */
void proc_format_status(struct seq_buf *s, const struct proc_task_info *ti,
			const struct proc_mm_info *mi);
/* /proc/<pid>/statm: "size resident shared text lib data dt" in pages. */
void proc_format_statm(struct seq_buf *s, const struct proc_mm_info *mi);

/* One VMA, as /proc/<pid>/maps shows it. */
struct proc_map_info {
	unsigned long start, end;
	bool read, write, exec, shared;
	unsigned long long offset;	/* bytes into the file; 0 if anonymous */
	unsigned int major, minor;	/* the file's device, or 0:0 */
	unsigned long ino;
	const char *name;		/* path, "[heap]", "[stack]", "[rollup]" or NULL */
};

/*
 * One maps line: "start-end perms offset major:minor inode", then the
 * name (newlines in it as "\012") from column 74 on; no name: the line
 * ends after the inode's space.
 */
void proc_format_map(struct seq_buf *s, const struct proc_map_info *m);

/* What smaps_rollup adds up over the VMAs, in bytes (pss: bytes << PSS_SHIFT). */
#define PROC_PSS_SHIFT	12
struct proc_mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean, private_dirty;
	unsigned long referenced, anonymous, locked, swap;
	unsigned long long pss, pss_anon, pss_file, pss_shmem;
};

/* The "Rss:" ... "Locked:" lines of smaps (and smaps_rollup) for @mss. */
void proc_format_smaps(struct seq_buf *s, const struct proc_mem_size_stats *mss);

/* /proc/loadavg from avenrun[] (FSHIFT fixed point), threads running and in all, the last pid. */
#define PROC_FSHIFT	11
void proc_format_loadavg(struct seq_buf *s, const unsigned long avenrun[3],
			 unsigned long running, unsigned long threads, int last_pid);

#endif
