/*
 * Golden-layout tests of fs/proc/array_fmt.c: /proc/<pid>/stat (52
 * fields in proc(5)'s order, times in USER_HZ ticks, comm with spaces kept
 * in its parentheses, a kernel thread's zeroed memory fields), status
 * (the exact text of a process and of a kernel thread, which has no Vm
 * lines), statm, maps lines (the name at column 74, "\012" for a newline,
 * the trailing space of an unnamed line), the smaps counters' widths and
 * loadavg's rounding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/seq_buf.h>
#include "test.h"
#include "../../fs/proc/array.h"

static char text[8192];
static struct seq_buf s;

static void reset(void)
{
	seq_buf_init(&s, text, sizeof(text));
}

/* A process as a test sees it: pid 42 of group 42, parent 1. */
static void sample_task(struct proc_task_info *ti)
{
	memset(ti, 0, sizeof(*ti));
	ti->pid = 42;
	ti->tgid = 42;
	ti->ppid = 1;
	ti->pgrp = 42;
	ti->session = 7;
	ti->tty_nr = 0;
	ti->tpgid = -1;
	ti->state = 'S';
	strcpy(ti->comm, "my prog");
	ti->flags = 0x400040;
	ti->nr_threads = 3;
	ti->exit_signal = 17;
	ti->umask = 022;
	ti->fdsize = 64;
	ti->utime = 1230000000ULL;	/* 1.23 s: 123 ticks */
	ti->stime = 45678901ULL;	/* 4 ticks */
	ti->cutime = 2000000000ULL;
	ti->cstime = 0;
	ti->start_time = 5000000000ULL;	/* 500 ticks */
	ti->min_flt = 11;
	ti->maj_flt = 2;
	ti->cmin_flt = 5;
	ti->cmaj_flt = 1;
	ti->nvcsw = 150;
	ti->nivcsw = 9;
	ti->rsslim = ~0UL;
	ti->sigpnd = 0x100;
	ti->shdpnd = 0x2;
	ti->sigblk = 0x10000;
	ti->sigign = 0x1000;
	ti->sigcgt = 0x4002;
	ti->sigq = 1;
	ti->sigq_lim = 7815;
	ti->uid[0] = 1000;
	ti->uid[1] = 1001;
	ti->uid[2] = 1002;
	ti->uid[3] = 1003;
	ti->ngroups = 2;
	ti->groups[0] = 10;
	ti->groups[1] = 20;
}

static void sample_mm(struct proc_mm_info *mi)
{
	memset(mi, 0, sizeof(*mi));
	mi->total_vm = 300;
	mi->hiwater_vm = 320;
	mi->data_vm = 40;
	mi->stack_vm = 33;
	mi->exec_vm = 100;
	mi->hiwater_rss = 10;
	mi->anon = 20;
	mi->file = 30;
	mi->shmem = 1;
	mi->pgtables = 3;
	mi->start_code = 0x10000;
	mi->end_code = 0x15800;		/* text: 6 pages */
	mi->start_data = 0x16000;
	mi->end_data = 0x17000;
	mi->start_brk = 0x18000;
	mi->brk = 0x1a000;
	mi->start_stack = 0x3fffffff00;
	mi->arg_start = 0x3ffffffe00;
	mi->arg_end = 0x3ffffffe10;
	mi->env_start = 0x3ffffffe10;
	mi->env_end = 0x3ffffffe80;
}

/* The fields after "(comm) " split at spaces into @f (from field 3 on); how many in all. */
static int split_stat(char *line, char **f)
{
	char *p = strrchr(line, ')'), *tok;
	int n = 2;

	if (!p || p[1] != ' ')
		return -1;
	for (tok = strtok(p + 2, " \n"); tok && n < 60; tok = strtok(NULL, " \n"))
		f[++n] = tok;
	return n;
}

static void test_stat(void)
{
	struct proc_task_info ti;
	struct proc_mm_info mi;
	char *f[64] = { 0 };
	int n;

	sample_task(&ti);
	sample_mm(&mi);
	reset();
	proc_format_stat(&s, &ti, &mi);
	CHECK(!strncmp(text, "42 (my prog) S 1 42 7 0 -1 4194368 ", 35), "stat starts pid (comm) state ...: %.40s", text);
	CHECK(text[strlen(text) - 1] == '\n' && !strchr(text, '\n')[1], "stat is one line");
	n = split_stat(text, f);
	CHECK(n == 52, "stat has 52 fields (%d)", n);
	if (n != 52)
		return;
	CHECK(!strcmp(f[10], "11") && !strcmp(f[11], "5") && !strcmp(f[12], "2") && !strcmp(f[13], "1"),
	      "minflt cminflt majflt cmajflt");
	CHECK(!strcmp(f[14], "123") && !strcmp(f[15], "4"), "utime 123, stime 4 ticks (%s %s)", f[14], f[15]);
	CHECK(!strcmp(f[16], "200") && !strcmp(f[17], "0"), "cutime cstime");
	CHECK(!strcmp(f[18], "20") && !strcmp(f[19], "0"), "priority 20 nice 0");
	CHECK(!strcmp(f[20], "3") && !strcmp(f[21], "0"), "num_threads 3, itrealvalue 0");
	CHECK(!strcmp(f[22], "500"), "starttime 500 ticks (%s)", f[22]);
	CHECK(!strcmp(f[23], "1228800"), "vsize in bytes (%s)", f[23]);
	CHECK(!strcmp(f[24], "51"), "rss in pages (%s)", f[24]);
	CHECK(!strcmp(f[25], "18446744073709551615"), "rsslim unlimited (%s)", f[25]);
	CHECK(!strcmp(f[26], "65536") && !strcmp(f[27], "88064") && !strcmp(f[28], "274877906688"),
	      "startcode endcode startstack");
	CHECK(!strcmp(f[29], "0") && !strcmp(f[30], "0"), "kstkesp kstkeip 0");
	CHECK(!strcmp(f[31], "258") && !strcmp(f[32], "65536") && !strcmp(f[33], "4096") &&
	      !strcmp(f[34], "16386"), "signal blocked sigignore sigcatch in decimal");
	CHECK(!strcmp(f[38], "17") && !strcmp(f[39], "0"), "exit_signal 17, processor 0");
	CHECK(!strcmp(f[45], "90112") && !strcmp(f[47], "98304") && !strcmp(f[48], "274877906432") &&
	      !strcmp(f[51], "274877906560"), "start_data start_brk arg_start env_end");
	CHECK(!strcmp(f[52], "0"), "exit_code last");

	/* A kernel thread: no mm, every memory field 0. */
	ti.nr_threads = 1;
	reset();
	proc_format_stat(&s, &ti, NULL);
	n = split_stat(text, f);
	CHECK(n == 52, "kthread stat has 52 fields (%d)", n);
	CHECK(n == 52 && !strcmp(f[23], "0") && !strcmp(f[24], "0") && !strcmp(f[26], "0") &&
	      !strcmp(f[28], "0") && !strcmp(f[45], "0") && !strcmp(f[51], "0"),
	      "kthread: vsize, rss, code, stack, data and env fields 0");
}

static const char status_process[] =
	"Name:\tmy prog\n"
	"Umask:\t0022\n"
	"State:\tS (sleeping)\n"
	"Tgid:\t42\nNgid:\t0\nPid:\t42\nPPid:\t1\nTracerPid:\t0\n"
	"Uid:\t1000\t1001\t1002\t1003\n"
	"Gid:\t0\t0\t0\t0\n"
	"FDSize:\t64\n"
	"Groups:\t10 20\n"
	"NStgid:\t42\nNSpid:\t42\nNSpgid:\t42\nNSsid:\t7\n"
	"VmPeak:\t    1280 kB\n"
	"VmSize:\t    1200 kB\n"
	"VmLck:\t       0 kB\n"
	"VmPin:\t       0 kB\n"
	"VmHWM:\t     204 kB\n"
	"VmRSS:\t     204 kB\n"
	"RssAnon:\t      80 kB\n"
	"RssFile:\t     120 kB\n"
	"RssShmem:\t       4 kB\n"
	"VmData:\t     160 kB\n"
	"VmStk:\t     132 kB\n"
	"VmExe:\t      24 kB\n"
	"VmLib:\t     376 kB\n"
	"VmPTE:\t      12 kB\n"
	"VmSwap:\t       0 kB\n"
	"HugetlbPages:\t       0 kB\n"
	"CoreDumping:\t0\n"
	"Threads:\t3\n"
	"SigQ:\t1/7815\n"
	"SigPnd:\t0000000000000100\n"
	"ShdPnd:\t0000000000000002\n"
	"SigBlk:\t0000000000010000\n"
	"SigIgn:\t0000000000001000\n"
	"SigCgt:\t0000000000004002\n";

static void test_status(void)
{
	struct proc_task_info ti;
	struct proc_mm_info mi;
	char *p;

	sample_task(&ti);
	sample_mm(&mi);
	reset();
	proc_format_status(&s, &ti, &mi);
	CHECK(!strncmp(text, status_process, strlen(status_process)),
	      "status of a process, Name to SigCgt, exactly");
	if (strncmp(text, status_process, strlen(status_process))) {
		size_t i = 0;

		while (text[i] == status_process[i])
			i++;
		printf("# differs at byte %zu: ...%.60s\n", i, text + (i > 40 ? i - 40 : 0));
	}
	p = strstr(text, "voluntary_ctxt_switches:\t150\nnonvoluntary_ctxt_switches:\t9\n");
	CHECK(p && !p[strlen("voluntary_ctxt_switches:\t150\nnonvoluntary_ctxt_switches:\t9\n")],
	      "status ends with the context switches");
	CHECK(strstr(text, "\nCapEff:\t") && strstr(text, "\nCpus_allowed_list:\t0\n"), "Cap and Cpus lines");

	/* A kernel thread: no Vm or Rss lines, no Umask without an fs_struct. */
	strcpy(ti.comm, "kt\\x\n");
	ti.umask = -1;
	ti.state = 'I';
	reset();
	proc_format_status(&s, &ti, NULL);
	CHECK(!strncmp(text, "Name:\tkt\\\\x\\n\nState:\tI (idle)\n", 29), "kthread Name escaped, no Umask: %.30s", text);
	CHECK(!strstr(text, "Vm") && !strstr(text, "Rss"), "kthread: no Vm or Rss lines");
	CHECK(strstr(text, "\nNSsid:\t7\nCoreDumping:\t0\nThreads:\t3\n") != NULL, "kthread: Threads follows NSsid");
}

static void test_statm(void)
{
	struct proc_mm_info mi;

	sample_mm(&mi);
	reset();
	proc_format_statm(&s, &mi);
	CHECK(!strcmp(text, "300 51 31 6 0 73 0\n"), "statm: size resident shared text lib data dt (%s)", text);
	reset();
	proc_format_statm(&s, NULL);
	CHECK(!strcmp(text, "0 0 0 0 0 0 0\n"), "statm of a kernel thread");
}

static void test_maps(void)
{
	struct proc_map_info m = {
		.start = 0x10000, .end = 0x16000, .read = true, .exec = true,
		.offset = 0, .major = 254, .minor = 2, .ino = 1234, .name = "/bin/busybox",
	};
	const char *want = "00010000-00016000 r-xp 00000000 fe:02 1234";

	reset();
	proc_format_map(&s, &m);
	CHECK(!strncmp(text, want, strlen(want)), "maps prefix: %s", text);
	CHECK(strlen(text) == 73 + strlen("/bin/busybox") + 1 && !strcmp(text + 73, "/bin/busybox\n"),
	      "the name starts at column 74: '%s'", text);
	for (size_t i = strlen(want); i < 73; i++)
		CHECK_QUIET(text[i] == ' ', "padding is spaces");

	m = (struct proc_map_info){ .start = 0x3fffdf0000, .end = 0x3ffffff000, .read = true,
				    .write = true, .shared = false, .name = NULL };
	reset();
	proc_format_map(&s, &m);
	CHECK(!strcmp(text, "3fffdf0000-3ffffff000 rw-p 00000000 00:00 0 \n"),
	      "an unnamed mapping ends after the inode's space: '%s'", text);

	m.name = "[stack]";
	m.shared = true;
	reset();
	proc_format_map(&s, &m);
	CHECK(!strncmp(text, "3fffdf0000-3ffffff000 rw-s 00000000 00:00 0 ", 44) &&
	      !strcmp(text + 73, "[stack]\n"), "[stack], shared: '%s'", text);

	m.name = "/tmp/a\nb";
	m.offset = 0x123000;
	reset();
	proc_format_map(&s, &m);
	CHECK(strstr(text, " 00123000 ") && !strcmp(text + 73, "/tmp/a\\012b\n"),
	      "offset in hex, a newline in the name as \\012: '%s'", text);

	m.start = 0xffffffffffff0000UL;	/* a prefix past the pad column */
	m.end = 0xffffffffffff1000UL;
	m.ino = 123456789012345678UL;
	m.major = 0x123;
	m.name = "x";
	reset();
	proc_format_map(&s, &m);
	CHECK(strstr(text, "123:00 123456789012345678  x\n") != NULL,
	      "a long prefix still gets one space before the name: '%s'", text);
}

static void test_smaps(void)
{
	struct proc_mem_size_stats mss = { 0 };

	mss.resident = 884 * 1024;
	mss.pss = (385ULL * 1024) << PROC_PSS_SHIFT;
	mss.anonymous = 68 * 1024;
	mss.referenced = 884 * 1024;
	reset();
	proc_format_smaps(&s, &mss);
	CHECK(!strncmp(text, "Rss:                 884 kB\nPss:                 385 kB\n", 56),
	      "Rss and Pss right-aligned at column 24: %.56s", text);
	CHECK(strstr(text, "\nAnonymous:            68 kB\n") && strstr(text, "\nReferenced:          884 kB\n"),
	      "Anonymous and Referenced");
	CHECK(strstr(text, "\nLocked:                0 kB\n") && text[strlen(text) - 1] == '\n', "Locked ends it");
}

static void test_loadavg(void)
{
	unsigned long a[3] = { 0, (1UL << PROC_FSHIFT) + (1UL << PROC_FSHIFT) / 2, 5 * (1UL << PROC_FSHIFT) - 1 };

	reset();
	proc_format_loadavg(&s, a, 2, 57, 120);
	CHECK(!strcmp(text, "0.00 1.50 5.00 2/57 120\n"), "loadavg: '%s'", text);
}

int main(void)
{
	test_stat();
	test_status();
	test_statm();
	test_maps();
	test_smaps();
	test_loadavg();
	return test_exit();
}
