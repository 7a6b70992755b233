/*
 * In-kernel tests of the per-process side of procfs (ktest=pidproc):
 * /proc/<pid>/stat, status, statm, maps, cmdline, comm of kernel threads
 * made here (no mm: zero memory fields, no Vm lines), /proc/self and its
 * links from kernel context, the pids in a readdir of /proc, a pid that
 * has exited (-ENOENT), fd/ links, d_path, /proc/stat, loadavg, cpuinfo,
 * the maps and smaps_rollup texts of a user mm built here, and /proc/ktest
 * driving a nested run (one that passes, one that fails on purpose)
 * through filp_open.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/namei.h>
#include <linux/fdtable.h>
#include <linux/timekeeping.h>
#include <linux/seq_buf.h>
#include <linux/mm_vma.h>
#include <asm/mmu_context.h>
#include <asm/uaccess.h>
#include "../../fs/proc/internal.h"

#define BUF_SIZE	8192

/* A kernel thread that sleeps until kthread_stop. */
static int idle_thread(void *data)
{
	while (!kthread_should_stop())
		msleep(5);
	return 0;
}

/* Reads all of @name into @buf (NUL-terminated, at most @size - 1 bytes): its length or -Exxx. */
static ssize_t slurp(const char *name, char *buf, size_t size)
{
	struct file *f = filp_open(name, O_RDONLY, 0);
	loff_t pos = 0;
	size_t done = 0;
	ssize_t n = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	while (done < size - 1) {
		n = kernel_read(f, buf + done, size - 1 - done, &pos);
		if (n <= 0)
			break;
		done += n;
	}
	filp_close(f);
	buf[done] = 0;
	return n < 0 ? n : (ssize_t)done;
}

/* Reads /proc/@pid/@file into @buf: its length or -Exxx. */
static ssize_t slurp_pid(int pid, const char *file, char *buf, size_t size)
{
	char path[48];

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, file);
	return slurp(path, buf, size);
}

/* The readlink of @path into @buf as a string: its length or -Exxx. */
static int read_link(const char *path, char *buf, int size)
{
	int n = vfs_path_readlink(path, buf, size - 1);

	if (n >= 0)
		buf[n] = 0;
	return n;
}

/* Field @n (1-based, proc(5)'s numbering) of a stat line, after the comm's ')'. NULL if absent. */
static const char *stat_field(const char *line, int n, char *out, size_t size)
{
	const char *p = strrchr(line, ')');
	int i = 3;

	if (n < 3 || !p || p[1] != ' ')
		return NULL;
	for (p += 2; *p && *p != '\n'; i++) {
		const char *end = p;

		while (*end && *end != ' ' && *end != '\n')
			end++;
		if (i == n) {
			snprintf(out, size, "%.*s", (int)(end - p), p);
			return out;
		}
		p = *end == ' ' ? end + 1 : end;
	}
	return NULL;
}

/* Fields in a stat line, counting pid and comm. */
static int stat_fields(const char *line)
{
	char tmp[32];
	int n = 2;

	while (stat_field(line, n + 1, tmp, sizeof(tmp)))
		n++;
	return n;
}

/* The value of "@key:\t..." in a status text, into @out; NULL if the line is missing. */
static const char *status_value(const char *text, const char *key, char *out, size_t size)
{
	char want[40];
	const char *p, *nl;

	snprintf(want, sizeof(want), "\n%s:\t", key);
	if (!strncmp(text, want + 1, strlen(want) - 1))
		p = text + strlen(want) - 1;
	else if ((p = strstr(text, want)))
		p += strlen(want);
	else
		return NULL;
	nl = strchr(p, '\n');
	snprintf(out, size, "%.*s", nl ? (int)(nl - p) : (int)strlen(p), p);
	return out;
}

/* Opening @path for writing: 0 (closed again) or the open's error. */
static int write_file_result(const char *path)
{
	struct file *f = filp_open(path, O_WRONLY, 0);

	if (IS_ERR(f))
		return PTR_ERR(f);
	filp_close(f);
	return 0;
}

/* The decimal number @p starts with (0 if none). */
static unsigned long kstrtoul_prefix(const char *p)
{
	unsigned long v = 0;

	for (; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (*p - '0');
	return v;
}

/* Reads a number at *@p, then expects @sep: false if either is missing. */
static bool take_num(const char **p, unsigned long *v, char sep)
{
	const char *q = *p;

	if (*q < '0' || *q > '9')
		return false;
	*v = kstrtoul_prefix(q);
	while (*q >= '0' && *q <= '9')
		q++;
	if (*q != sep)
		return false;
	*p = q + 1;
	return true;
}

/* "A.a B.b C.c run/all last\n" (the fractions two digits): 0, or -EINVAL. */
static int sscanf_loadavg(const char *s, unsigned long *a, unsigned long *b, unsigned long *c,
			  unsigned long *d, unsigned long *e, unsigned long *f, unsigned long *run,
			  unsigned long *all, int *last)
{
	unsigned long l;
	const char *frac;

	for (int i = 0; i < 3; i++) {
		unsigned long *whole = i == 0 ? a : i == 1 ? c : e, *part = i == 0 ? b : i == 1 ? d : f;

		if (!take_num(&s, whole, '.'))
			return -EINVAL;
		frac = s;
		if (!take_num(&s, part, ' ') || s - frac != 3)
			return -EINVAL;
	}
	if (!take_num(&s, run, '/') || !take_num(&s, all, ' ') || !take_num(&s, &l, '\n') || *s)
		return -EINVAL;
	*last = l;
	return 0;
}

KTEST(pidproc_kthread_stat)
{
	struct task_struct *k = kthread_run(idle_thread, NULL, "ktproc_a");
	char *buf = kmalloc(BUF_SIZE, GFP_KERNEL), f[32], want[32];
	ssize_t n;

	if (!KT_EXPECT(k && buf))
		goto out;
	msleep(20);
	n = slurp_pid(k->pid, "stat", buf, BUF_SIZE);
	if (!KT_EXPECT_MSG(n > 0, "read /proc/%d/stat: %ld", k->pid, (long)n))
		goto stop;
	snprintf(want, sizeof(want), "%d (ktproc_a) ", k->pid);
	KT_EXPECT_MSG(!strncmp(buf, want, strlen(want)), "stat starts '%s': %.40s", want, buf);
	KT_EXPECT_MSG(stat_fields(buf) == 52, "stat has %d fields, not 52", stat_fields(buf));
	KT_EXPECT(stat_field(buf, 3, f, sizeof(f)) && strchr("SRDI", f[0]) && !f[1]);
	snprintf(want, sizeof(want), "%d", task_ppid_nr(k));
	KT_EXPECT(stat_field(buf, 4, f, sizeof(f)) && !strcmp(f, want));
	KT_EXPECT(stat_field(buf, 20, f, sizeof(f)) && !strcmp(f, "1"));	/* num_threads */
	KT_EXPECT(stat_field(buf, 23, f, sizeof(f)) && !strcmp(f, "0"));	/* vsize */
	KT_EXPECT(stat_field(buf, 24, f, sizeof(f)) && !strcmp(f, "0"));	/* rss */
	KT_EXPECT(stat_field(buf, 28, f, sizeof(f)) && !strcmp(f, "0"));	/* startstack */
	snprintf(want, sizeof(want), "%lu", (unsigned long)(k->start_time / 10000000));
	KT_EXPECT_MSG(stat_field(buf, 22, f, sizeof(f)) && !strcmp(f, want),
		      "starttime %s, task %s ticks", f, want);
	KT_EXPECT(buf[n - 1] == '\n' && strchr(buf, '\n') == buf + n - 1);
stop:
	kthread_stop(k);
out:
	kfree(buf);
}

KTEST(pidproc_kthread_status)
{
	struct task_struct *k = kthread_run(idle_thread, NULL, "ktproc_b");
	char *buf = kmalloc(BUF_SIZE, GFP_KERNEL), v[64], want[16];

	if (!KT_EXPECT(k && buf))
		goto out;
	msleep(20);
	if (!KT_EXPECT(slurp_pid(k->pid, "status", buf, BUF_SIZE) > 0))
		goto stop;
	KT_EXPECT_MSG(!strncmp(buf, "Name:\tktproc_b\n", 15), "status starts %.20s", buf);
	snprintf(want, sizeof(want), "%d", k->pid);
	KT_EXPECT(status_value(buf, "Pid", v, sizeof(v)) && !strcmp(v, want));
	KT_EXPECT(status_value(buf, "Tgid", v, sizeof(v)) && !strcmp(v, want));
	snprintf(want, sizeof(want), "%d", task_ppid_nr(k));
	KT_EXPECT(status_value(buf, "PPid", v, sizeof(v)) && !strcmp(v, want));
	KT_EXPECT_MSG(status_value(buf, "State", v, sizeof(v)) &&
		      (!strcmp(v, "S (sleeping)") || !strcmp(v, "R (running)") ||
		       !strcmp(v, "I (idle)")), "State '%s'", v);
	KT_EXPECT(status_value(buf, "Threads", v, sizeof(v)) && !strcmp(v, "1"));
	KT_EXPECT(status_value(buf, "SigBlk", v, sizeof(v)) && strlen(v) == 16);
	KT_EXPECT(status_value(buf, "nonvoluntary_ctxt_switches", v, sizeof(v)));
	KT_EXPECT_MSG(!strstr(buf, "\nVm") && !strstr(buf, "\nRss"), "a kthread has no Vm/Rss lines");
stop:
	kthread_stop(k);
out:
	kfree(buf);
}

KTEST(pidproc_kthread_files)
{
	struct task_struct *k = kthread_run(idle_thread, NULL, "ktproc_c");
	char *buf = kmalloc(BUF_SIZE, GFP_KERNEL), path[48];

	if (!KT_EXPECT(k && buf))
		goto out;
	KT_EXPECT(slurp_pid(k->pid, "statm", buf, BUF_SIZE) > 0 && !strcmp(buf, "0 0 0 0 0 0 0\n"));
	KT_EXPECT(slurp_pid(k->pid, "maps", buf, BUF_SIZE) == 0);
	KT_EXPECT(slurp_pid(k->pid, "smaps_rollup", buf, BUF_SIZE) == 0);
	KT_EXPECT(slurp_pid(k->pid, "cmdline", buf, BUF_SIZE) == 0);
	KT_EXPECT(slurp_pid(k->pid, "comm", buf, BUF_SIZE) > 0 && !strcmp(buf, "ktproc_c\n"));
	snprintf(path, sizeof(path), "/proc/%d/exe", k->pid);
	KT_EXPECT(read_link(path, buf, BUF_SIZE) == -ENOENT);
	snprintf(path, sizeof(path), "/proc/%d/nonesuch", k->pid);
	KT_EXPECT(slurp(path, buf, BUF_SIZE) == -ENOENT);
	snprintf(path, sizeof(path), "/proc/%d/stat", k->pid);
	KT_EXPECT(write_file_result(path) == -EACCES);
	kthread_stop(k);
out:
	kfree(buf);
}

KTEST(pidproc_self)
{
	char *buf = kmalloc(BUF_SIZE, GFP_KERNEL), link[32], want[32], f[16];

	if (!KT_EXPECT(buf))
		return;
	snprintf(want, sizeof(want), "%d", task_tgid_nr(current));
	KT_EXPECT_MSG(read_link("/proc/self", link, sizeof(link)) > 0 && !strcmp(link, want),
		      "/proc/self -> '%s', tgid %s", link, want);
	KT_EXPECT(slurp("/proc/self/stat", buf, BUF_SIZE) > 0);
	snprintf(want, sizeof(want), "%d (%s) R ", current->pid, current->comm);
	KT_EXPECT_MSG(!strncmp(buf, want, strlen(want)), "/proc/self/stat: %.40s, want %s", buf, want);
	KT_EXPECT(stat_field(buf, 3, f, sizeof(f)));
	snprintf(want, sizeof(want), "%d/task/%d", task_tgid_nr(current), task_pid_nr(current));
	KT_EXPECT_MSG(read_link("/proc/thread-self", link, sizeof(link)) > 0 && !strcmp(link, want),
		      "/proc/thread-self -> '%s', want %s", link, want);
	KT_EXPECT(slurp("/proc/thread-self/comm", buf, BUF_SIZE) > 0 && !strncmp(buf, current->comm,
		  strlen(current->comm)));
	snprintf(want, sizeof(want), "/proc/self/task/%d/stat", task_pid_nr(current));
	KT_EXPECT_MSG(slurp(want, buf, BUF_SIZE) > 0 && stat_fields(buf) == 52, "%s", want);
	snprintf(want, sizeof(want), "%d (%s) R ", current->pid, current->comm);
	KT_EXPECT_MSG(!strncmp(buf, want, strlen(want)), "task stat: %.40s", buf);
	KT_EXPECT(slurp("/proc/self/task/99999/stat", buf, BUF_SIZE) == -ENOENT);
	snprintf(want, sizeof(want), "/proc/self/task/%d/task", task_pid_nr(current));
	KT_EXPECT_MSG(slurp(want, buf, BUF_SIZE) == -ENOENT, "%s: a tid directory has no task/", want);
	if (current->fs) {
		KT_EXPECT(read_link("/proc/self/cwd", link, sizeof(link)) == 1 && !strcmp(link, "/"));
		KT_EXPECT(read_link("/proc/self/root", link, sizeof(link)) == 1 && !strcmp(link, "/"));
	}
	kfree(buf);
}

/* Names a readdir of /proc gives, in order. */
struct pid_list {
	struct dir_context ctx;
	int pids[512];
	int n, others;
	bool self, thread_self, meminfo, sorted;
};

static int collect_pid(struct dir_context *ctx, const char *name, int namelen,
		       loff_t offset, u64 ino, unsigned int d_type)
{
	struct pid_list *l = container_of(ctx, struct pid_list, ctx);
	int pid = 0;

	if (namelen == 4 && !memcmp(name, "self", 4))
		l->self = true;
	if (namelen == 7 && !memcmp(name, "meminfo", 7))
		l->meminfo = true;
	if (namelen == 11 && !memcmp(name, "thread-self", 11))
		l->thread_self = true;
	for (int i = 0; i < namelen; i++) {
		if (name[i] < '0' || name[i] > '9') {
			l->others++;
			return 0;
		}
		pid = pid * 10 + name[i] - '0';
	}
	if (l->n && pid <= l->pids[l->n - 1])
		l->sorted = false;
	if (l->n < (int)ARRAY_SIZE(l->pids))
		l->pids[l->n++] = pid;
	return 0;
}

static bool listed(const struct pid_list *l, int pid)
{
	for (int i = 0; i < l->n; i++)
		if (l->pids[i] == pid)
			return true;
	return false;
}

KTEST(pidproc_readdir)
{
	struct task_struct *k = kthread_run(idle_thread, NULL, "ktproc_d");
	struct pid_list *l = kzalloc(sizeof(*l), GFP_KERNEL);
	char tdir[32];
	struct file *f;

	if (!KT_EXPECT(k && l))
		goto out;
	l->ctx.actor = collect_pid;
	l->sorted = true;
	f = filp_open("/proc", O_RDONLY | O_DIRECTORY, 0);
	if (KT_EXPECT(!IS_ERR(f))) {
		KT_EXPECT(iterate_dir(f, &l->ctx) == 0);
		filp_close(f);
	}
	KT_EXPECT(l->self && l->thread_self && l->meminfo);
	KT_EXPECT_MSG(listed(l, k->pid), "pid %d not in /proc (%d pids)", k->pid, l->n);
	KT_EXPECT(l->sorted);
	/* /proc/<pid>/task of a kernel thread: the one tid, itself. */
	memset(l, 0, sizeof(*l));
	l->ctx.actor = collect_pid;
	l->sorted = true;
	snprintf(tdir, sizeof(tdir), "/proc/%d/task", k->pid);
	f = filp_open(tdir, O_RDONLY | O_DIRECTORY, 0);
	if (KT_EXPECT_MSG(!IS_ERR(f), "%s", tdir)) {
		KT_EXPECT(iterate_dir(f, &l->ctx) == 0);
		filp_close(f);
	}
	KT_EXPECT_MSG(l->n == 1 && l->pids[0] == k->pid && l->others == 2, "%s: %d tids, %d others",
		      tdir, l->n, l->others);
	memset(l, 0, sizeof(*l));
	l->ctx.actor = collect_pid;
	l->sorted = true;
	f = filp_open("/proc", O_RDONLY | O_DIRECTORY, 0);
	if (KT_EXPECT(!IS_ERR(f))) {
		KT_EXPECT(iterate_dir(f, &l->ctx) == 0);
		filp_close(f);
	}
	KT_EXPECT_MSG(listed(l, current->tgid), "own pid %d not in /proc", current->tgid);
	KT_EXPECT(!listed(l, 0));
	KT_EXPECT(l->sorted);
	pr_info("pidproc: /proc lists %d pids and %d other names\n", l->n, l->others);
	kthread_stop(k);
out:
	kfree(l);
}

static int quick_thread(void *data)
{
	return 7;
}

KTEST(pidproc_exited_enoent)
{
	struct task_struct *k = kthread_run(quick_thread, NULL, "ktproc_e");
	char path[48], buf[64];
	struct path p;
	int pid, err = 0, waited;

	if (!KT_EXPECT(k))
		return;
	pid = k->pid;
	snprintf(path, sizeof(path), "/proc/%d", pid);
	KT_EXPECT(kern_path(path, LOOKUP_FOLLOW, &p) == 0);
	path_put(&p);
	kthread_stop(k);	/* it has exited; it leaves the pid table as it dies */
	for (waited = 0; waited < 100; waited++) {
		err = kern_path(path, LOOKUP_FOLLOW, &p);
		if (err)
			break;
		path_put(&p);
		msleep(10);
	}
	KT_EXPECT_MSG(err == -ENOENT, "%s after its thread exited: %d (%d ms)", path, err, waited * 10);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	KT_EXPECT(slurp(path, buf, sizeof(buf)) == -ENOENT);
	KT_EXPECT(slurp("/proc/0/stat", buf, sizeof(buf)) == -ENOENT);
	KT_EXPECT(slurp("/proc/01/stat", buf, sizeof(buf)) == -ENOENT);
	KT_EXPECT(slurp("/proc/99999/stat", buf, sizeof(buf)) == -ENOENT);
	KT_EXPECT(slurp("/proc/1x/stat", buf, sizeof(buf)) == -ENOENT);
}

KTEST(pidproc_d_path)
{
	static const char *const names[] = { "/", "/proc", "/proc/meminfo", "/proc/sys/vm" };
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL), *s;
	struct path p;

	if (!KT_EXPECT(buf))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++) {
		if (!KT_EXPECT_MSG(kern_path(names[i], LOOKUP_FOLLOW, &p) == 0, "%s", names[i]))
			continue;
		s = d_path(&p, buf, PATH_MAX);
		KT_EXPECT_MSG(!IS_ERR(s) && !strcmp(s, names[i]), "d_path(%s) = '%s'", names[i],
			      IS_ERR(s) ? "(error)" : s);
		s = d_path(&p, buf, 3);
		KT_EXPECT(i == 0 ? !IS_ERR(s) && !strcmp(s, "/") : s == ERR_PTR(-ENAMETOOLONG));
		path_put(&p);
	}
	kfree(buf);
}

KTEST(pidproc_fd)
{
	struct file *f = filp_open("/proc/meminfo", O_RDONLY, 0);
	char link[64], path[48];
	bool own = false;
	int fd;

	if (!KT_EXPECT(!IS_ERR(f)))
		return;
	if (!current->files) {	/* kernel threads have none: a copy of init's */
		current->files = dup_fd(&init_files);
		own = true;
	}
	fd = current->files ? get_unused_fd_flags(0) : -ENOMEM;
	if (!KT_EXPECT(fd >= 0)) {
		filp_close(f);
		goto out;
	}
	fd_install(fd, f);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	KT_EXPECT_MSG(read_link(path, link, sizeof(link)) > 0 && !strcmp(link, "/proc/meminfo"),
		      "%s -> '%s'", path, link);
	KT_EXPECT(close_fd(fd) == 0);
	KT_EXPECT(read_link(path, link, sizeof(link)) == -ENOENT);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", NR_OPEN_MAX + 1);
	KT_EXPECT(read_link(path, link, sizeof(link)) == -ENOENT);
out:
	if (own)
		exit_files(current);
}

KTEST(pidproc_stat_loadavg_cpuinfo)
{
	char *buf = kmalloc(BUF_SIZE, GFP_KERNEL), *p;
	unsigned long a, b, c, d, e, f, run, all;
	int last;

	if (!KT_EXPECT(buf))
		return;
	KT_EXPECT(slurp("/proc/stat", buf, BUF_SIZE) > 0);
	KT_EXPECT_MSG(!strncmp(buf, "cpu  ", 5) && strstr(buf, "\ncpu0 "), "/proc/stat: %.40s", buf);
	KT_EXPECT(strstr(buf, "\nintr ") && strstr(buf, "\nctxt ") && strstr(buf, "\nprocesses "));
	p = strstr(buf, "\nbtime ");
	KT_EXPECT(p && kstrtoul_prefix(p + 7) > 0);
	p = strstr(buf, "\nprocs_running ");
	KT_EXPECT(p && kstrtoul_prefix(p + 15) >= 1);
	KT_EXPECT(slurp("/proc/loadavg", buf, BUF_SIZE) > 0);
	KT_EXPECT_MSG(sscanf_loadavg(buf, &a, &b, &c, &d, &e, &f, &run, &all, &last) == 0 &&
		      run >= 1 && all >= run && last > 0, "/proc/loadavg: '%s'", buf);
	KT_EXPECT(slurp("/proc/cpuinfo", buf, BUF_SIZE) > 0);
	KT_EXPECT_MSG(!strncmp(buf, "processor\t: 0\nhart\t\t: ", 22), "/proc/cpuinfo: %.40s", buf);
	KT_EXPECT_MSG(strstr(buf, "\nisa\t\t: rv64") && strstr(buf, "\nmmu\t\t: sv"), "cpuinfo: %s", buf);
	kfree(buf);
}

/* A maps line as Linux pads it: the prefix, spaces to column 73, the name. */
static void maps_line(char *out, size_t size, unsigned long start, unsigned long end,
		      const char *name)
{
	int n = snprintf(out, size, "%08lx-%08lx rw-p 00000000 00:00 0 ", start, end);

	snprintf(out + n, size - n, "%*s%s\n", n < 73 ? 73 - n : 0, "", name);
}

/* "Name:" and its kB value in an smaps text, or -1. */
static long smaps_kb(const char *text, const char *name)
{
	const char *p = strstr(text, name);

	if (!p)
		return -1;
	p += strlen(name);
	while (*p == ' ')
		p++;
	return kstrtoul_prefix(p);
}

/*
 * A user mm made here (as ktest=fault does): an 8-page "heap" and a
 * 4-page "stack", 3 + 1 pages written through copy_to_user; its maps
 * names them, smaps_rollup counts 16 kB everywhere it should, VmPTE's
 * count has the PMD and PTE tables.
 */
KTEST(pidproc_mm_maps_smaps)
{
	struct mm_struct *mm = mm_alloc(), *prev = current->active_mm;
	char *buf = kmalloc(BUF_SIZE, GFP_KERNEL), *want = kmalloc(256, GFP_KERNEL);
	unsigned long heap = 0, stack = 0, tables;
	struct seq_buf s;
	int c = 'x';

	if (!KT_EXPECT(mm && buf && want))
		goto out;
	down_write(&mm->mmap_sem);
	heap = do_mmap(mm, NULL, 0, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (!IS_ERR_VALUE(heap))	/* a gap below the heap, so the two do not merge */
		stack = do_mmap(mm, NULL, heap - 16 * PAGE_SIZE, 4 * PAGE_SIZE,
				PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	up_write(&mm->mmap_sem);
	if (!KT_EXPECT(!IS_ERR_VALUE(heap) && stack == heap - 16 * PAGE_SIZE))
		goto out;
	mm->start_brk = heap;
	mm->brk = heap + 8 * PAGE_SIZE;
	mm->start_stack = stack + 4 * PAGE_SIZE - 64;
	switch_mm(prev, mm, current);
	for (int i = 0; i < 3; i++)
		KT_EXPECT(copy_to_user((void __user *)(heap + i * PAGE_SIZE), &c, 1) == 0);
	KT_EXPECT(copy_to_user((void __user *)(stack + 3 * PAGE_SIZE), &c, 1) == 0);
	switch_mm(mm, prev, current);

	seq_buf_init(&s, buf, BUF_SIZE);
	KT_EXPECT(proc_mm_maps(&s, mm) == 0);
	maps_line(want, 256, stack, stack + 4 * PAGE_SIZE, "[stack]");
	KT_EXPECT_MSG(!strncmp(buf, want, strlen(want)), "maps does not start '%s':\n%s", want, buf);
	maps_line(want, 256, heap, heap + 8 * PAGE_SIZE, "[heap]");
	KT_EXPECT_MSG(strstr(buf, want), "maps lacks '%s':\n%s", want, buf);
	KT_EXPECT(strlen(buf) == 2 * strlen(want) + 1);	/* two lines, both padded to column 74 */

	seq_buf_init(&s, buf, BUF_SIZE);
	KT_EXPECT(proc_mm_smaps_rollup(&s, mm) == 0);
	KT_EXPECT_MSG(strstr(buf, "[rollup]\nRss:                  16 kB\n"), "smaps_rollup:\n%s", buf);
	KT_EXPECT(smaps_kb(buf, "\nPss:") == 16 && smaps_kb(buf, "\nAnonymous:") == 16);
	KT_EXPECT(smaps_kb(buf, "\nPrivate_Dirty:") == 16 && smaps_kb(buf, "\nShared_Clean:") == 0);
	KT_EXPECT(smaps_kb(buf, "\nReferenced:") == 16 && smaps_kb(buf, "\nPss_Anon:") == 16);
	tables = proc_mm_pgtables(mm);
	KT_EXPECT_MSG(tables >= 2 && tables <= 4, "VmPTE counts %lu table pages", tables);
out:
	if (mm)
		mmput(mm);
	kfree(buf);
	kfree(want);
}

/* Set while pidproc_ktest_file runs pidproc_zz_nested_failure on purpose. */
static bool want_failure;

KTEST(pidproc_zz_nested_failure)
{
	KT_EXPECT_MSG(!want_failure, "a deliberate failure for /proc/ktest");
}

/* Writes @name to /proc/ktest and reads the results back into @buf: the read's length or -Exxx. */
static ssize_t run_via_proc(const char *name, char *buf, size_t size)
{
	struct file *f = filp_open("/proc/ktest", O_RDWR, 0);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, name, strlen(name), &pos);
	if (n == (ssize_t)strlen(name)) {
		pos = 0;
		n = kernel_read(f, buf, size - 1, &pos);
		buf[n > 0 ? n : 0] = 0;
	} else if (n >= 0) {
		n = -EIO;
	}
	filp_close(f);
	return n;
}

/* The last line of @text (which ends in '\n'). */
static const char *last_line(const char *text)
{
	size_t len = strlen(text);
	const char *p = text + (len ? len - 1 : 0);

	while (p > text && p[-1] != '\n')
		p--;
	return p;
}

KTEST(pidproc_ktest_file)
{
	char *buf = kmalloc(BUF_SIZE, GFP_KERNEL);

	if (!KT_EXPECT(buf))
		return;
	KT_EXPECT(run_via_proc("pidproc_d_path\n", buf, BUF_SIZE) > 0);
	KT_EXPECT_MSG(!strcmp(buf, "ok - pidproc_d_path\n1 passed, 0 failed\n"), "read back '%s'", buf);
	want_failure = true;
	KT_EXPECT(run_via_proc("pidproc_zz_nested", buf, BUF_SIZE) > 0);
	want_failure = false;
	KT_EXPECT_MSG(strstr(buf, "not ok - pidproc_zz_nested_failure (1 failed checks)\n") &&
		      strstr(buf, "a deliberate failure for /proc/ktest\n") &&
		      !strcmp(last_line(buf), "0 passed, 1 failed\n"), "read back '%s'", buf);
	KT_EXPECT(run_via_proc("no_such_test_name", buf, BUF_SIZE) > 0 &&
		  !strcmp(buf, "0 passed, 0 failed\n"));
	KT_EXPECT(run_via_proc("\n", buf, BUF_SIZE) == -EINVAL);
	kfree(buf);
}
