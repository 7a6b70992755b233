/*
 * Host tests for kernel/sys.c, kernel/time.c, kernel/timer.c and
 * kernel/futex.c, run as the kernel links them under a fake current: the
 * system calls are called with host pointers as "user" memory (one page,
 * BAD_UPTR, faults: tests/host/include/asm/uaccess.h), the clocks and jiffies are variables the fake
 * scheduler moves on, and a sleeping task lets the next scripted action
 * run as another task (futex wakes, signals), as tests/host/test_tty.c does.
 */
#include <stdio.h>
#include <string.h>
#include <stddef.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>
#include <linux/timer.h>
#include <linux/futex.h>
#include <linux/sysinfo.h>
#include <linux/random.h>
#include <linux/reboot.h>
#include <linux/mm_types.h>
#include <asm/uaccess.h>
#include <uapi/utsname.h>
#include <uapi/reboot.h>
#include <uapi/random.h>
#include "test.h"

SYSCALL_DEFINE(uname); SYSCALL_DEFINE(sethostname); SYSCALL_DEFINE(setdomainname);
SYSCALL_DEFINE(getuid); SYSCALL_DEFINE(geteuid); SYSCALL_DEFINE(getresuid);
SYSCALL_DEFINE(getresgid);
SYSCALL_DEFINE(setuid); SYSCALL_DEFINE(setgid); SYSCALL_DEFINE(setreuid);
SYSCALL_DEFINE(setregid); SYSCALL_DEFINE(setresuid); SYSCALL_DEFINE(setresgid);
SYSCALL_DEFINE(setfsuid); SYSCALL_DEFINE(getgroups); SYSCALL_DEFINE(setgroups);
SYSCALL_DEFINE(sysinfo); SYSCALL_DEFINE(getrlimit); SYSCALL_DEFINE(setrlimit);
SYSCALL_DEFINE(prlimit64); SYSCALL_DEFINE(getpriority); SYSCALL_DEFINE(setpriority);
SYSCALL_DEFINE(sched_getaffinity); SYSCALL_DEFINE(sched_setaffinity);
SYSCALL_DEFINE(getcpu); SYSCALL_DEFINE(reboot); SYSCALL_DEFINE(getrandom);
SYSCALL_DEFINE(membarrier); SYSCALL_DEFINE(personality);
SYSCALL_DEFINE(clock_gettime); SYSCALL_DEFINE(clock_getres); SYSCALL_DEFINE(clock_settime);
SYSCALL_DEFINE(gettimeofday); SYSCALL_DEFINE(clock_nanosleep); SYSCALL_DEFINE(nanosleep);
SYSCALL_DEFINE(times); SYSCALL_DEFINE(getrusage); SYSCALL_DEFINE(getitimer);
SYSCALL_DEFINE(setitimer); SYSCALL_DEFINE(futex); SYSCALL_DEFINE(set_robust_list);
SYSCALL_DEFINE(get_robust_list);

/* A call with up to six arguments, the rest 0: SC(sys_uname, U(&u)). */
static long sc_call(syscall_fn_t f, const unsigned long *a)
{
	return f(a[0], a[1], a[2], a[3], a[4], a[5]);
}
#define SC(f, ...)	sc_call(f, (const unsigned long[6]){ __VA_ARGS__ })
#define U(p)		((unsigned long)(p))

/* ---- "user memory": host pointers (asm/uaccess.h of tests/host); bad_page faults ---- */

/* pre[] is good memory right below the page that faults, for short copies. */
static struct {
	char pre[1024];
	char page[4096];
} umem;
#define bad_page	umem.page
#define BAD_UPTR	((void *)umem.page)

/* ---- the fake system: tasks, clocks, scheduler ---- */

struct cpu_info cpu_data[NR_CPUS];
volatile unsigned long jiffies;
unsigned int HZ = 100;
unsigned long riscv_timebase = 10000000;
static u64 fake_ns;			/* ktime_get_ns */
static s64 fake_wall_base = 1700000000LL * NSEC_PER_SEC;	/* wall = base + fake_ns */

spinlock_t tasklist_lock = __SPIN_LOCK_UNLOCKED;
struct task_struct init_task;
static struct signal_struct sig_a, sig_b;
static struct sighand_struct sh_a, sh_b;
static struct mm_struct mm_a, mm_b;
/* task_a and task_a2: threads of one process (mm_a); task_b another process (mm_b). */
static struct task_struct task_a, task_a2, task_b;

static void set_current(struct task_struct *t)
{
	cpu_data[0].curr = t;
}

static void set_cred(struct task_struct *t, uid_t r, uid_t e, uid_t s)
{
	t->cred.uid = r;
	t->cred.euid = e;
	t->cred.suid = s;
	t->cred.fsuid = e;
}

static void reset_tasks(void)
{
	static struct task_struct *all[] = { &task_a, &task_a2, &task_b };

	memset(&sig_a, 0, sizeof(sig_a));
	memset(&sig_b, 0, sizeof(sig_b));
	for (int i = 0; i < 3; i++)
		memset(all[i], 0, sizeof(*all[i]));
	INIT_LIST_HEAD(&init_task.tasks);
	task_a.pid = task_a.tgid = 100;
	task_a2.pid = 101;
	task_a2.tgid = 100;
	task_b.pid = task_b.tgid = 200;
	task_a.signal = task_a2.signal = &sig_a;
	task_a.sighand = task_a2.sighand = &sh_a;
	task_a.mm = task_a2.mm = &mm_a;
	task_a.group_leader = task_a2.group_leader = &task_a;
	task_b.signal = &sig_b;
	task_b.sighand = &sh_b;
	task_b.mm = &mm_b;
	task_b.group_leader = &task_b;
	list_add_tail(&task_a.tasks, &init_task.tasks);
	list_add_tail(&task_b.tasks, &init_task.tasks);
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		sig_a.rlim[i].rlim_cur = sig_a.rlim[i].rlim_max = RLIM_INFINITY;
		sig_b.rlim[i] = sig_a.rlim[i];
	}
	sig_a.rlim[RLIMIT_NOFILE].rlim_cur = 1024;
	sig_a.rlim[RLIMIT_NOFILE].rlim_max = 4096;
	set_current(&task_a);
}

struct task_struct *next_thread_or_null(struct task_struct *t)
{
	return t == &task_a ? &task_a2 : NULL;
}

static int task_refs;	/* references find_get_task_by_vpid gave out, not yet put */

struct task_struct *find_get_task_by_vpid(int nr)
{
	struct task_struct *t = nr == 100 ? &task_a : nr == 101 ? &task_a2 : nr == 200 ? &task_b : NULL;

	if (t)
		task_refs++;
	return t;
}

void get_task_struct(struct task_struct *t) { task_refs++; }
void put_task_struct(struct task_struct *t) { task_refs--; }
int task_pgrp_nr(const struct task_struct *t) { return t->tgid; }
unsigned long nr_threads_total(void) { return 3; }

u64 ktime_get_ns(void) { return fake_ns; }

struct timespec64 ktime_get_real_ts64(void)
{
	s64 ns = fake_wall_base + (s64)fake_ns;
	struct timespec64 ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	return ts;
}

int do_settimeofday64(const struct timespec64 *ts)
{
	fake_wall_base = ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec - (s64)fake_ns;
	return 0;
}

/* Signals: a pending flag per task, and a log of what the kernel sent. */
static bool sigpend[3];
static int sent_sig, sent_to_pid, sent_count;

static int task_index(struct task_struct *p)
{
	return p == &task_a ? 0 : p == &task_a2 ? 1 : 2;
}

bool signal_pending(struct task_struct *p) { return sigpend[task_index(p)]; }

int group_send_sig_info(int sig, const siginfo_t *info, struct task_struct *p)
{
	sent_sig = sig;
	sent_to_pid = p->tgid;
	sent_count++;
	return 0;
}

/* The scheduler: a sleep runs the next scripted action (as another task), else time passes. */
typedef void (*action_fn)(void);
static action_fn script[8];
static int script_next, script_len;
static unsigned long sched_calls, yields;
static bool advance_time_on_sleep;	/* schedule_timeout moves the clocks by its timeout */

static void script_add(action_fn fn)
{
	if (script_len == (int)ARRAY_SIZE(script))
		__builtin_abort();
	script[script_len++] = fn;
}

static void script_reset(void)
{
	script_next = script_len = 0;
	memset(sigpend, 0, sizeof(sigpend));
}

/* Runs the next action with current saved and restored around it; false if none is left. */
static bool script_step(void)
{
	struct task_struct *me = current;

	if (script_next == script_len)
		return false;
	script[script_next++]();
	set_current(me);
	return true;
}

void schedule(void)
{
	sched_calls++;
	while (current->state != TASK_RUNNING) {
		if (!script_step()) {
			printf("not ok - schedule: the task sleeps and nothing would wake it\n");
			fflush(stdout);
			__builtin_abort();
		}
	}
}

static void pass_ticks(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		jiffies++;
		fake_ns += NSEC_PER_SEC / HZ;
		run_local_timers();
	}
}

long schedule_timeout(long timeout)
{
	sched_calls++;
	if (script_step() && current->state == TASK_RUNNING)
		return timeout;
	if (!advance_time_on_sleep) {
		printf("not ok - schedule_timeout: a timed sleep nobody ends\n");
		fflush(stdout);
		__builtin_abort();
	}
	pass_ticks(timeout);
	current->state = TASK_RUNNING;
	return 0;
}

int wake_up_process(struct task_struct *p)
{
	int was = p->state != TASK_RUNNING;

	p->state = TASK_RUNNING;
	return was;
}

void yield(void) { yields++; }

/* Memory, random bytes, sync, power. */
void si_meminfo(struct sysinfo *val)
{
	val->totalram = 1000;
	val->freeram = 600;
	val->sharedram = 5;
	val->bufferram = 0;
	val->totalhigh = val->freehigh = 0;
	val->mem_unit = 4096;
}
unsigned long nr_blockdev_pages(void) { return 7; }
unsigned long avenrun[3] = { 2048, 1024, 3 };	/* 1.0, 0.5 and a bit, FSHIFT 11 */

static unsigned long random_calls;
void get_random_bytes(void *buf, size_t len)
{
	random_calls++;
	memset(buf, 0xa5, len);
}

/*
 * Power off and restart end the process the reboot test forks: exit
 * status 100 + syncs done for a power off, 150 + syncs for a restart.
 * (libc's headers for these clash with the kernel's types.)
 */
extern int fork(void);
extern int waitpid(int pid, int *status, int options);
extern void _exit(int status) __attribute__((noreturn));
static int syncs;
void ksys_sync(void) { syncs++; }
void kernel_power_off(void) { fflush(stdout); _exit(100 + syncs); }
void kernel_restart(void) { fflush(stdout); _exit(150 + syncs); }

/* ---- uname, hostnames ---- */

static void test_uname(void)
{
	struct new_utsname u;
	char name[80];

	reset_tasks();
	CHECK(SC(sys_uname, U(&u)) == 0 && !strcmp(u.sysname, "Linux") &&
	      !strcmp(u.release, "6.12.0-rivet") && !strcmp(u.machine, "riscv64") &&
	      !strcmp(u.nodename, "rivet") && !strcmp(u.version, "#1 rivet"),
	      "uname: Linux 6.12.0-rivet riscv64, node rivet");
	CHECK(SC(sys_uname, U(BAD_UPTR)) == -EFAULT, "uname to a bad pointer: -EFAULT");
	strcpy(name, "box1XXXX");
	CHECK(SC(sys_sethostname, U(name), 4) == 0, "sethostname as root");
	SC(sys_uname, U(&u));
	CHECK(!strcmp(u.nodename, "box1"), "uname shows the new host name (len bytes, NUL added)");
	memset(name, 'h', sizeof(name));
	CHECK(SC(sys_sethostname, U(name), 65) == -EINVAL, "sethostname of 65 bytes: -EINVAL");
	CHECK(SC(sys_sethostname, U(name), 64) == 0, "sethostname of 64 bytes");
	SC(sys_uname, U(&u));
	CHECK(strlen(u.nodename) == 64, "a 64-byte host name stays NUL-terminated");
	CHECK(SC(sys_sethostname, U(BAD_UPTR), 3) == -EFAULT, "sethostname from a bad pointer: -EFAULT");
	CHECK(SC(sys_setdomainname, U("example"), 7) == 0, "setdomainname");
	SC(sys_uname, U(&u));
	CHECK(!strcmp(u.domainname, "example"), "uname shows the domain name");
	set_cred(&task_a, 1000, 1000, 1000);
	CHECK(SC(sys_sethostname, U("x"), 1) == -EPERM, "sethostname as a user: -EPERM");
}

/* ---- uid and gid rules ---- */

static bool cred_is(struct task_struct *t, uid_t r, uid_t e, uid_t s, uid_t fs)
{
	return t->cred.uid == r && t->cred.euid == e && t->cred.suid == s && t->cred.fsuid == fs;
}

#define M1 ((unsigned long)-1)

static void test_uids(void)
{
	unsigned int r, e, s;

	reset_tasks();
	set_cred(&task_a, 0, 0, 0);
	CHECK(SC(sys_setuid, 1000) == 0 && cred_is(&task_a, 1000, 1000, 1000, 1000),
	      "root setuid(1000): all four ids become 1000");
	CHECK(SC(sys_setuid, 0) == -EPERM && cred_is(&task_a, 1000, 1000, 1000, 1000),
	      "then setuid(0): -EPERM, nothing changes");
	CHECK(SC(sys_setuid, M1) == -EINVAL, "setuid(-1): -EINVAL");

	set_cred(&task_a, 1000, 0, 0);		/* a set-uid-root program */
	CHECK(SC(sys_setuid, 1000) == 0 && cred_is(&task_a, 1000, 1000, 1000, 1000),
	      "euid 0 setuid(ruid): saved id dropped too (root rule)");
	set_cred(&task_a, 1000, 1000, 0);
	CHECK(SC(sys_setuid, 0) == 0 && cred_is(&task_a, 1000, 0, 0, 0),
	      "user with saved uid 0: setuid(0) sets euid and fsuid only");
	set_cred(&task_a, 1000, 1000, 1000);
	CHECK(SC(sys_setuid, 2000) == -EPERM, "user setuid(other): -EPERM");

	set_cred(&task_a, 1000, 1000, 0);
	CHECK(SC(sys_setreuid, M1, 0) == 0 && cred_is(&task_a, 1000, 0, 0, 0),
	      "setreuid(-1, saved): euid 0; saved = new euid (differs from ruid)");
	set_cred(&task_a, 0, 0, 0);
	CHECK(SC(sys_setreuid, M1, 1000) == 0 && cred_is(&task_a, 0, 1000, 1000, 1000),
	      "root setreuid(-1, 1000): saved follows (the new euid is not the ruid)");
	set_cred(&task_a, 1000, 2000, 2000);
	CHECK(SC(sys_setreuid, M1, 1000) == 0 && cred_is(&task_a, 1000, 1000, 2000, 1000),
	      "setreuid(-1, ruid): saved kept (the new euid is the ruid)");
	set_cred(&task_a, 1000, 1000, 1000);
	CHECK(SC(sys_setreuid, 2000, M1) == -EPERM && cred_is(&task_a, 1000, 1000, 1000, 1000),
	      "user setreuid(other, -1): -EPERM, unchanged");
	set_cred(&task_a, 1000, 2000, 2000);
	CHECK(SC(sys_setreuid, 2000, 1000) == 0 && cred_is(&task_a, 2000, 1000, 1000, 1000),
	      "user setreuid(euid, ruid) swaps; saved follows the new euid");
	set_cred(&task_a, 1000, 2000, 3000);
	CHECK(SC(sys_setreuid, 3000, M1) == -EPERM, "setreuid: real may not become the saved id");
	set_cred(&task_a, 1000, 1000, 1000);
	CHECK(SC(sys_setreuid, M1, 1000) == 0 && cred_is(&task_a, 1000, 1000, 1000, 1000),
	      "setreuid(-1, ruid): saved unchanged");

	set_cred(&task_a, 1000, 1000, 2000);
	CHECK(SC(sys_setresuid, M1, 2000, M1) == 0 && cred_is(&task_a, 1000, 2000, 2000, 2000),
	      "setresuid(-1, saved, -1): euid and fsuid");
	CHECK(SC(sys_setresuid, 3000, M1, M1) == -EPERM && cred_is(&task_a, 1000, 2000, 2000, 2000),
	      "user setresuid(other, -1, -1): -EPERM, unchanged");
	CHECK(SC(sys_setresuid, 2000, 1000, 1000) == 0 && cred_is(&task_a, 2000, 1000, 1000, 1000),
	      "user setresuid permutes its own ids");
	set_cred(&task_a, 0, 0, 0);
	CHECK(SC(sys_setresuid, 5, 6, 7) == 0 && cred_is(&task_a, 5, 6, 7, 6),
	      "root setresuid(5, 6, 7)");
	CHECK(SC(sys_getresuid, U(&r), U(&e), U(&s)) == 0 && r == 5 && e == 6 && s == 7,
	      "getresuid reads them back");
	CHECK(SC(sys_getresuid, U(&r), U(BAD_UPTR), U(&s)) == -EFAULT, "getresuid to a bad pointer");
	CHECK(SC(sys_getuid) == 5 && SC(sys_geteuid) == 6, "getuid, geteuid");

	set_cred(&task_a, 1000, 1000, 1000);
	CHECK(SC(sys_setfsuid, 5000) == 1000 && task_a.cred.fsuid == 1000,
	      "user setfsuid(other): returns the old fsuid, no change");
	set_cred(&task_a, 1000, 1000, 2000);
	CHECK(SC(sys_setfsuid, 2000) == 1000 && task_a.cred.fsuid == 2000,
	      "setfsuid(saved) works, returns the old one");

	/* gids: root means euid 0, whatever the gids are */
	reset_tasks();
	set_cred(&task_a, 1000, 1000, 1000);
	task_a.cred.gid = task_a.cred.egid = task_a.cred.sgid = 0;
	CHECK(SC(sys_setgid, 50) == -EPERM, "setgid(other) by a user with gid 0: -EPERM");
	CHECK(SC(sys_setgid, 0) == 0 && task_a.cred.egid == 0, "setgid(own gid) works");
	set_cred(&task_a, 0, 0, 0);
	CHECK(SC(sys_setgid, 50) == 0 && task_a.cred.gid == 50 && task_a.cred.egid == 50 &&
	      task_a.cred.sgid == 50 && task_a.cred.fsgid == 50, "root setgid(50): all four");
	CHECK(SC(sys_setresgid, 1, 2, 3) == 0 && SC(sys_getresgid, U(&r), U(&e), U(&s)) == 0 &&
	      r == 1 && e == 2 && s == 3, "root setresgid, getresgid");
	CHECK(SC(sys_setregid, 3, M1) == 0 && task_a.cred.gid == 3 && task_a.cred.sgid == 2,
	      "setregid(3, -1): real set, saved = egid");
	CHECK(task_a2.cred.uid == 0 && task_a2.cred.euid == 0, "another thread's cred is untouched");
}

static void test_groups(void)
{
	gid_t g[NGROUPS_SMALL + 1] = { 10, 20, 30 }, out[8];

	reset_tasks();
	CHECK(SC(sys_setgroups, 3, U(g)) == 0, "root setgroups(3)");
	CHECK(SC(sys_getgroups, 0, 0) == 3, "getgroups(0): the count");
	CHECK(SC(sys_getgroups, 2, U(out)) == -EINVAL, "getgroups with too small a buffer: -EINVAL");
	CHECK(SC(sys_getgroups, 8, U(out)) == 3 && out[0] == 10 && out[2] == 30, "getgroups reads them");
	CHECK(SC(sys_setgroups, NGROUPS_SMALL + 1, U(g)) == -EINVAL, "setgroups past NGROUPS_SMALL: -EINVAL");
	CHECK(SC(sys_setgroups, 1, U(BAD_UPTR)) == -EFAULT && SC(sys_getgroups, 0, 0) == 3,
	      "setgroups from a bad pointer: -EFAULT, groups kept");
	set_cred(&task_a, 1000, 1000, 1000);
	CHECK(SC(sys_setgroups, 0, 0) == -EPERM, "user setgroups: -EPERM");
}

/* ---- limits ---- */

static void test_rlimits(void)
{
	struct rlimit rl;
	struct rlimit64 n64, o64;

	reset_tasks();
	CHECK(SC(sys_getrlimit, RLIMIT_NOFILE, U(&rl)) == 0 && rl.rlim_cur == 1024 &&
	      rl.rlim_max == 4096, "getrlimit(NOFILE)");
	CHECK(SC(sys_getrlimit, RLIM_NLIMITS, U(&rl)) == -EINVAL, "getrlimit(16): -EINVAL");
	rl.rlim_cur = 5000;
	rl.rlim_max = 4096;
	CHECK(SC(sys_setrlimit, RLIMIT_NOFILE, U(&rl)) == -EINVAL, "soft above hard: -EINVAL");
	rl.rlim_cur = rl.rlim_max = 2048;
	set_cred(&task_a, 1000, 1000, 1000);
	CHECK(SC(sys_setrlimit, RLIMIT_NOFILE, U(&rl)) == 0 &&
	      sig_a.rlim[RLIMIT_NOFILE].rlim_max == 2048, "user lowers the hard limit");
	rl.rlim_max = 4096;
	CHECK(SC(sys_setrlimit, RLIMIT_NOFILE, U(&rl)) == -EPERM &&
	      sig_a.rlim[RLIMIT_NOFILE].rlim_max == 2048, "user raises it back: -EPERM");
	set_cred(&task_a, 0, 0, 0);
	CHECK(SC(sys_setrlimit, RLIMIT_NOFILE, U(&rl)) == 0, "root raises it");
	rl.rlim_max = 2 << 20;
	CHECK(SC(sys_setrlimit, RLIMIT_NOFILE, U(&rl)) == -EPERM, "NOFILE past nr_open: -EPERM even for root");
	CHECK(SC(sys_setrlimit, RLIMIT_STACK, U(BAD_UPTR)) == -EFAULT, "setrlimit from a bad pointer");

	/* prlimit64 */
	n64.rlim_cur = 8 << 20;
	n64.rlim_max = RLIM_INFINITY;
	CHECK(SC(sys_prlimit64, 0, RLIMIT_STACK, U(&n64), U(&o64)) == 0 &&
	      o64.rlim_cur == RLIM_INFINITY && sig_a.rlim[RLIMIT_STACK].rlim_cur == 8 << 20,
	      "prlimit64(0, STACK, new, old)");
	CHECK(SC(sys_prlimit64, 999, RLIMIT_STACK, 0, U(&o64)) == -ESRCH, "prlimit64 on no such pid: -ESRCH");
	set_cred(&task_a, 1000, 1000, 1000);
	set_cred(&task_b, 2000, 2000, 2000);
	CHECK(SC(sys_prlimit64, 200, RLIMIT_STACK, 0, U(&o64)) == -EPERM, "prlimit64 on another user's process: -EPERM");
	set_cred(&task_b, 1000, 1000, 1000);
	CHECK(SC(sys_prlimit64, 200, RLIMIT_STACK, U(&n64), 0) == 0 &&
	      sig_b.rlim[RLIMIT_STACK].rlim_cur == 8 << 20, "prlimit64 on the same user's process");
	CHECK(SC(sys_prlimit64, 101, RLIMIT_CORE, 0, U(&o64)) == 0, "prlimit64 on an own thread's id");
	CHECK(task_refs == 0, "prlimit64 drops every task reference it took");
}

static void test_sysinfo_prio_cpu(void)
{
	struct sysinfo si;
	unsigned long mask[2] = { 0, 0 };
	unsigned int cpu = 9, node = 9;

	reset_tasks();
	fake_ns = 5 * NSEC_PER_SEC + 1;
	CHECK(SC(sys_sysinfo, U(&si)) == 0 && si.mem_unit == 1 && si.totalram == 1000 * 4096 &&
	      si.freeram == 600 * 4096 && si.bufferram == 7 * 4096 && si.sharedram == 5 * 4096 &&
	      si.uptime == 6 && si.procs == 3, "sysinfo: bytes (mem_unit 1), uptime rounded up, procs");
	CHECK(si.loads[0] == 65536 && si.loads[1] == 32768 && si.loads[2] == 96,
	      "sysinfo: load averages with 16 fraction bits");
	CHECK(SC(sys_getpriority, 0, 0) == 20, "getpriority(PRIO_PROCESS, 0): 20 (nice 0)");
	CHECK(SC(sys_getpriority, 0, 999) == -ESRCH, "getpriority of no such pid: -ESRCH");
	CHECK(SC(sys_getpriority, 1, 200) == 20, "getpriority(PRIO_PGRP, 200)");
	CHECK(SC(sys_getpriority, 3, 0) == -EINVAL, "getpriority(which 3): -EINVAL");
	set_cred(&task_a, 1000, 1000, 1000);
	CHECK(SC(sys_setpriority, 0, 0, (unsigned long)-5) == -EACCES, "user setpriority(-5): -EACCES");
	CHECK(SC(sys_setpriority, 0, 0, 10) == 0, "user setpriority(10)");
	CHECK(SC(sys_sched_getaffinity, 0, 4, U(mask)) == -EINVAL, "sched_getaffinity, 4 bytes: -EINVAL");
	CHECK(SC(sys_sched_getaffinity, 0, 16, U(mask)) == 8 && mask[0] == 1 && mask[1] == 0,
	      "sched_getaffinity writes 8 bytes: CPU 0");
	CHECK(SC(sys_sched_getaffinity, 999, 8, U(mask)) == -ESRCH, "sched_getaffinity of no such pid");
	mask[0] = 0;
	CHECK(SC(sys_sched_setaffinity, 0, 8, U(mask)) == -EINVAL, "sched_setaffinity to no CPU: -EINVAL");
	mask[0] = 3;
	CHECK(SC(sys_sched_setaffinity, 0, 8, U(mask)) == 0, "sched_setaffinity including CPU 0");
	CHECK(SC(sys_getcpu, U(&cpu), U(&node), 0) == 0 && cpu == 0 && node == 0, "getcpu: 0, node 0");
	CHECK(SC(sys_membarrier, 0, 0) == 0 && SC(sys_membarrier, 1, 0) == -EINVAL,
	      "membarrier: the query only");
	CHECK(SC(sys_personality, 0xffffffff) == 0 && SC(sys_personality, 0) == 0 &&
	      SC(sys_personality, 0x0040000) == -EINVAL, "personality: PER_LINUX only");
}

/* reboot(2) in a child: its result, or 1000 + the child's exit status if it ended the "machine". */
static long reboot_call(unsigned long m1, unsigned long m2, unsigned long cmd)
{
	int pid, status = 0;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		long r = SC(sys_reboot, m1, m2, cmd);

		_exit(r < 0 ? -r : 200);	/* it returned: an errno, or 200 for 0 */
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || (status & 0x7f))
		return -9999;
	status = (status >> 8) & 0xff;
	return status >= 100 ? 1000 + status : -status;
}

static void test_reboot_random(void)
{
	unsigned char buf[600];

	reset_tasks();
	set_cred(&task_a, 1000, 1000, 1000);
	CHECK(reboot_call(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF) == -EPERM,
	      "reboot as a user: -EPERM");
	set_cred(&task_a, 0, 0, 0);
	CHECK(reboot_call(LINUX_REBOOT_MAGIC1, 1234, LINUX_REBOOT_CMD_POWER_OFF) == -EINVAL,
	      "reboot with a wrong magic: -EINVAL");
	CHECK(reboot_call(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2C, LINUX_REBOOT_CMD_CAD_OFF) == 1200,
	      "reboot(CAD_OFF) returns 0");
	CHECK(reboot_call(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, 0x12345) == -EINVAL,
	      "reboot with an unknown command: -EINVAL");
	syncs = 0;
	CHECK(reboot_call(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF) == 1101,
	      "reboot(POWER_OFF): sync, then power off");
	CHECK(reboot_call(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_HALT) == 1101,
	      "reboot(HALT): the same");
	CHECK(reboot_call(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2A, LINUX_REBOOT_CMD_RESTART) == 1151,
	      "reboot(RESTART): sync, then restart");

	CHECK(SC(sys_getrandom, U(buf), 16, 0x8) == -EINVAL, "getrandom with an unknown flag: -EINVAL");
	CHECK(SC(sys_getrandom, U(buf), 16, GRND_INSECURE | GRND_RANDOM) == -EINVAL,
	      "getrandom INSECURE|RANDOM: -EINVAL");
	memset(buf, 0, sizeof(buf));
	CHECK(SC(sys_getrandom, U(buf), 600, GRND_NONBLOCK) == 600 && buf[0] == 0xa5 && buf[599] == 0xa5,
	      "getrandom(600) fills all of it");
	CHECK(SC(sys_getrandom, U(bad_page - 300), 600, 0) == 300, "getrandom into a buffer that faults: the bytes before");
	CHECK(SC(sys_getrandom, U(BAD_UPTR), 16, 0) == -EFAULT, "getrandom to a bad pointer: -EFAULT");
	CHECK(SC(sys_getrandom, U(buf), 0, 0) == 0, "getrandom(0): 0");
	sigpend[0] = true;
	CHECK(SC(sys_getrandom, U(buf), 600, 0) == 256, "a pending signal ends a long getrandom after a chunk");
	sigpend[0] = false;
}

/* ---- timers ---- */

static int fired[8], fire_order[16], nfired;
static struct timer_list timers[8];

static void timer_fn(struct timer_list *t)
{
	int i = t - timers;

	fired[i]++;
	if (nfired < 16)
		fire_order[nfired++] = i;
}

/* Re-arms itself for "now": must run once per tick, not loop. */
static void rearm_now_fn(struct timer_list *t)
{
	timer_fn(t);
	mod_timer(t, jiffies);
}

/* Deletes timer 2 (due in the same tick) and re-arms timer 3. */
static void meddler_fn(struct timer_list *t)
{
	timer_fn(t);
	del_timer(&timers[2]);
	mod_timer(&timers[3], jiffies + 5);
}

static void test_timers(void)
{
	memset(fired, 0, sizeof(fired));
	nfired = 0;
	jiffies = 1000;
	for (int i = 0; i < 8; i++)
		timer_setup(&timers[i], timer_fn, 0);
	CHECK(!timer_pending(&timers[0]) && nr_pending_timers() == 0, "a new timer is idle");
	timers[0].expires = 1005;
	add_timer(&timers[0]);
	CHECK(mod_timer(&timers[1], 1003) == 0, "mod_timer of an idle timer returns 0");
	mod_timer(&timers[2], 1008);
	mod_timer(&timers[3], 1003);
	CHECK(mod_timer(&timers[2], 1007) == 1, "mod_timer of a pending timer returns 1");
	CHECK(nr_pending_timers() == 4 && timer_pending(&timers[3]), "four armed");
	run_local_timers();
	CHECK(nfired == 0, "nothing runs before its time");
	for (int i = 0; i < 10; i++) {
		jiffies++;
		run_local_timers();
	}
	CHECK(nfired == 4 && fire_order[0] == 1 && fire_order[1] == 3 && fire_order[2] == 0 &&
	      fire_order[3] == 2, "they run in expiry order, equal expiries first-armed first");
	CHECK(nr_pending_timers() == 0 && !timer_pending(&timers[0]), "a run timer is idle again");
	CHECK(del_timer(&timers[0]) == 0, "del_timer of an idle timer returns 0");
	mod_timer(&timers[0], jiffies + 3);
	CHECK(del_timer(&timers[0]) == 1 && nr_pending_timers() == 0, "del_timer of a pending one returns 1");
	jiffies += 5;
	run_local_timers();
	CHECK(fired[0] == 1, "a deleted timer does not run");

	/* wrapping jiffies */
	nfired = 0;
	jiffies = ~0UL - 2;
	mod_timer(&timers[4], 2);		/* after the wrap */
	mod_timer(&timers[5], ~0UL);		/* before it */
	for (int i = 0; i < 6; i++) {
		jiffies++;
		run_local_timers();
	}
	CHECK(nfired == 2 && fire_order[0] == 5 && fire_order[1] == 4, "ordered across the jiffies wrap");

	/* a callback that re-arms for now, one that deletes and re-arms others */
	nfired = 0;
	memset(fired, 0, sizeof(fired));
	jiffies = 5000;
	timer_setup(&timers[6], rearm_now_fn, 0);
	mod_timer(&timers[6], 5000);
	run_local_timers();
	CHECK(fired[6] == 1 && timer_pending(&timers[6]), "a timer re-armed for now waits for the next tick");
	jiffies++;
	run_local_timers();
	CHECK(fired[6] == 2, "... and runs then");
	del_timer(&timers[6]);
	timer_setup(&timers[7], meddler_fn, 0);
	mod_timer(&timers[7], 5010);
	mod_timer(&timers[2], 5010);
	mod_timer(&timers[3], 5010);
	jiffies = 5010;
	run_local_timers();
	CHECK(fired[7] == 1 && fired[2] == 0 && fired[3] == 0 && timer_pending(&timers[3]) &&
	      !timer_pending(&timers[2]) && nr_pending_timers() == 1,
	      "a callback may delete or re-arm timers due in the same tick");
	del_timer(&timers[3]);
}

/* ---- time conversions, clocks ---- */

static void test_conversions(void)
{
	HZ = 100;
	CHECK(nsecs_to_jiffies_ceil(0) == 0 && nsecs_to_jiffies_ceil(1) == 1 &&
	      nsecs_to_jiffies_ceil(10000000) == 1 && nsecs_to_jiffies_ceil(10000001) == 2 &&
	      nsecs_to_jiffies_ceil(3 * NSEC_PER_SEC) == 300, "ns to jiffies rounds up (HZ 100)");
	CHECK(nsecs_to_jiffies_ceil(~0ULL) == 1844674407371UL, "the largest time converts without overflow");
	CHECK(jiffies_to_nsecs(150) == 1500000000ULL && msecs_to_jiffies(15) == 2, "jiffies to ns; ms to jiffies");
	HZ = 1000;
	CHECK(nsecs_to_jiffies_ceil(1500000) == 2 && jiffies_to_nsecs(3) == 3000000, "the same at HZ 1000");
	HZ = 250;
	CHECK(nsecs_to_jiffies_ceil(4000000) == 1 && nsecs_to_jiffies_ceil(4000001) == 2 &&
	      jiffies_to_nsecs(1) == 4000000, "and at HZ 250");
	HZ = 100;
	CHECK(nsec_to_clock_t(NSEC_PER_SEC) == 100 && nsec_to_clock_t(19999999) == 1,
	      "ns to clock_t (USER_HZ 100), rounded down");
	jiffies = 0;
	CHECK(itimer_remaining(10, 5).tv_usec == 50000 && itimer_remaining(10, 10).tv_usec == 1 &&
	      itimer_remaining(10, 12).tv_usec == 1 && itimer_remaining(10, 12).tv_sec == 0,
	      "itimer_remaining: ticks left, 1 us once due");
}

static void test_clocks(void)
{
	struct __kernel_timespec ts;
	struct timeval tv;
	struct timezone tz = { 5, 5 };

	reset_tasks();
	fake_ns = 3 * NSEC_PER_SEC + 250;
	fake_wall_base = 1700000000LL * NSEC_PER_SEC;
	CHECK(SC(sys_clock_gettime, CLOCK_MONOTONIC, U(&ts)) == 0 && ts.tv_sec == 3 && ts.tv_nsec == 250,
	      "CLOCK_MONOTONIC is the uptime");
	CHECK(SC(sys_clock_gettime, CLOCK_BOOTTIME, U(&ts)) == 0 && ts.tv_sec == 3, "CLOCK_BOOTTIME too");
	CHECK(SC(sys_clock_gettime, CLOCK_REALTIME, U(&ts)) == 0 && ts.tv_sec == 1700000003 &&
	      ts.tv_nsec == 250, "CLOCK_REALTIME is the wall clock");
	CHECK(SC(sys_clock_gettime, 42, U(&ts)) == -EINVAL && SC(sys_clock_gettime, -6, U(&ts)) == -EINVAL,
	      "unknown clocks and per-pid CPU clocks: -EINVAL");
	CHECK(SC(sys_clock_gettime, CLOCK_MONOTONIC, U(BAD_UPTR)) == -EFAULT, "clock_gettime to a bad pointer");
	task_a.utime = 2 * NSEC_PER_SEC;
	task_a.stime = 5;
	task_a2.utime = NSEC_PER_SEC;
	sig_a.stime = 7;
	CHECK(SC(sys_clock_gettime, CLOCK_THREAD_CPUTIME_ID, U(&ts)) == 0 && ts.tv_sec == 2 && ts.tv_nsec == 5,
	      "CLOCK_THREAD_CPUTIME_ID: this thread's utime + stime");
	CHECK(SC(sys_clock_gettime, CLOCK_PROCESS_CPUTIME_ID, U(&ts)) == 0 && ts.tv_sec == 3 &&
	      ts.tv_nsec == 12, "CLOCK_PROCESS_CPUTIME_ID: all threads and the exited ones");
	CHECK(SC(sys_clock_getres, CLOCK_MONOTONIC, U(&ts)) == 0 && ts.tv_sec == 0 && ts.tv_nsec == 100,
	      "clock_getres(MONOTONIC): the time CSR's 100 ns at 10 MHz");
	CHECK(SC(sys_clock_getres, CLOCK_MONOTONIC_COARSE, U(&ts)) == 0 && ts.tv_nsec == 10000000,
	      "clock_getres(COARSE): a tick");
	CHECK(SC(sys_clock_getres, CLOCK_REALTIME, 0) == 0 && SC(sys_clock_getres, 42, 0) == -EINVAL,
	      "clock_getres: NULL is fine; unknown clock -EINVAL");
	CHECK(SC(sys_gettimeofday, U(&tv), U(&tz)) == 0 && tv.tv_sec == 1700000003 && tv.tv_usec == 0 &&
	      tz.tz_minuteswest == 0 && tz.tz_dsttime == 0, "gettimeofday with a zeroed timezone");
	CHECK(SC(sys_gettimeofday, U(&tv), 0) == 0, "gettimeofday with tz NULL");
	ts.tv_sec = 1800000000;
	ts.tv_nsec = 0;
	set_cred(&task_a, 1000, 1000, 1000);
	CHECK(SC(sys_clock_settime, CLOCK_REALTIME, U(&ts)) == -EPERM, "user clock_settime: -EPERM");
	set_cred(&task_a, 0, 0, 0);
	CHECK(SC(sys_clock_settime, CLOCK_MONOTONIC, U(&ts)) == -EINVAL, "clock_settime(MONOTONIC): -EINVAL");
	CHECK(SC(sys_clock_settime, CLOCK_REALTIME, U(&ts)) == 0 &&
	      SC(sys_clock_gettime, CLOCK_REALTIME, U(&ts)) == 0 && ts.tv_sec == 1800000000,
	      "root clock_settime(REALTIME) moves the wall clock");
}

/* ---- sleeping ---- */

/* A signal for task_a: pending, and it wakes (signal_wake_up). */
static void raise_signal_a(void)
{
	sigpend[0] = true;
	task_a.state = TASK_RUNNING;
}

static void test_nanosleep(void)
{
	struct __kernel_timespec req, rem;
	u64 start;

	reset_tasks();
	script_reset();
	advance_time_on_sleep = true;
	fake_ns = 123456789;		/* mid-tick */
	jiffies = 12;
	req.tv_sec = 0;
	req.tv_nsec = 25000000;
	start = fake_ns;
	CHECK(SC(sys_nanosleep, U(&req), 0) == 0 && fake_ns - start >= 25000000 &&
	      fake_ns - start <= 25000000ULL + 2ULL * NSEC_PER_SEC / HZ, "nanosleep(25 ms): not early, at most 2 ticks late");
	req.tv_nsec = NSEC_PER_SEC;
	CHECK(SC(sys_nanosleep, U(&req), 0) == -EINVAL, "nanosleep with tv_nsec 1e9: -EINVAL");
	req.tv_sec = -1;
	req.tv_nsec = 0;
	CHECK(SC(sys_nanosleep, U(&req), 0) == -EINVAL, "nanosleep with negative seconds: -EINVAL");
	CHECK(SC(sys_nanosleep, U(BAD_UPTR), 0) == -EFAULT, "nanosleep from a bad pointer: -EFAULT");
	req.tv_sec = 0;
	req.tv_nsec = 0;
	start = fake_ns;
	CHECK(SC(sys_nanosleep, U(&req), 0) == 0 && fake_ns == start, "nanosleep(0) returns at once");

	/* interrupted: the rest is written back */
	req.tv_sec = 2;
	req.tv_nsec = 0;
	script_add(raise_signal_a);
	start = fake_ns;
	CHECK(SC(sys_nanosleep, U(&req), U(&rem)) == -ERESTARTNOHAND && rem.tv_sec == 2 && rem.tv_nsec == 0,
	      "a signal ends nanosleep: -ERESTARTNOHAND, all 2 s left");
	script_reset();

	/* absolute: in the past returns at once; on the wall clock */
	req.tv_sec = 0;
	req.tv_nsec = 1;
	start = fake_ns;
	CHECK(SC(sys_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, U(&req), 0) == 0 &&
	      fake_ns == start, "absolute sleep to a past time: at once");
	req.tv_sec = fake_ns / NSEC_PER_SEC + 1;
	req.tv_nsec = 500;
	CHECK(SC(sys_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, U(&req), 0) == 0 &&
	      fake_ns >= (u64)req.tv_sec * NSEC_PER_SEC + 500, "absolute monotonic sleep ends no earlier than asked");
	fake_wall_base = 1700000000LL * NSEC_PER_SEC;
	req.tv_sec = (fake_wall_base + fake_ns) / NSEC_PER_SEC + 2;
	req.tv_nsec = 0;
	CHECK(SC(sys_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, U(&req), 0) == 0 &&
	      fake_wall_base + (s64)fake_ns >= req.tv_sec * NSEC_PER_SEC, "absolute wall-clock sleep");
	CHECK(SC(sys_clock_nanosleep, CLOCK_MONOTONIC_RAW, 0, U(&req), 0) == -EOPNOTSUPP &&
	      SC(sys_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, U(&req), 0) == -EINVAL,
	      "clock_nanosleep on RAW: -EOPNOTSUPP; on a CPU clock: -EINVAL");
	advance_time_on_sleep = false;
}

/* ---- times, getrusage ---- */

static void test_times_rusage(void)
{
	struct tms tms;
	struct rusage ru;

	reset_tasks();
	jiffies = 250;
	HZ = 100;
	task_a.utime = 150 * NSEC_PER_MSEC;
	task_a.stime = 30 * NSEC_PER_MSEC;
	task_a2.utime = 20 * NSEC_PER_MSEC;
	sig_a.utime = 10 * NSEC_PER_MSEC;
	sig_a.cutime = 2 * NSEC_PER_SEC;
	sig_a.cstime = NSEC_PER_SEC;
	task_a.min_flt = 10;
	task_a2.min_flt = 5;
	task_a.nvcsw = 3;
	sig_a.cmin_flt = 99;
	CHECK(SC(sys_times, U(&tms)) == 250 && tms.tms_utime == 18 && tms.tms_stime == 3 &&
	      tms.tms_cutime == 200 && tms.tms_cstime == 100, "times: clock ticks; returns jiffies in USER_HZ");
	HZ = 1000;
	jiffies = 2500;
	CHECK(SC(sys_times, 0) == 250, "times(NULL) at HZ 1000: still USER_HZ ticks");
	HZ = 100;
	CHECK(SC(sys_getrusage, RUSAGE_SELF, U(&ru)) == 0 && ru.ru_utime.tv_usec == 180000 &&
	      ru.ru_stime.tv_usec == 30000 && ru.ru_minflt == 15 && ru.ru_nvcsw == 3,
	      "getrusage(SELF): every thread");
	CHECK(SC(sys_getrusage, RUSAGE_THREAD, U(&ru)) == 0 && ru.ru_utime.tv_usec == 150000 &&
	      ru.ru_minflt == 10, "getrusage(THREAD): this one");
	CHECK(SC(sys_getrusage, (unsigned long)RUSAGE_CHILDREN, U(&ru)) == 0 && ru.ru_utime.tv_sec == 2 &&
	      ru.ru_stime.tv_sec == 1 && ru.ru_minflt == 99, "getrusage(CHILDREN): the reaped");
	CHECK(SC(sys_getrusage, 7, U(&ru)) == -EINVAL, "getrusage(7): -EINVAL");
	CHECK(SC(sys_getrusage, RUSAGE_SELF, U(BAD_UPTR)) == -EFAULT, "getrusage to a bad pointer");
}

/* ---- ITIMER_REAL ---- */

static void test_itimer(void)
{
	struct itimerval new = { { 0, 250000 }, { 1, 500000 } }, old;

	reset_tasks();
	HZ = 100;
	jiffies = 10000;
	sent_count = 0;
	CHECK(SC(sys_setitimer, ITIMER_VIRTUAL, U(&new), 0) == -EINVAL, "ITIMER_VIRTUAL: -EINVAL");
	CHECK(SC(sys_setitimer, ITIMER_REAL, U(&new), U(&old)) == 0 && old.it_value.tv_sec == 0 &&
	      old.it_value.tv_usec == 0, "setitimer(REAL, 1.5 s every 0.25 s); the old one was off");
	CHECK(sig_a.it_real_expires == 10000 + 151 && timer_pending(&sig_a.real_timer),
	      "armed for 150 ticks and one for the current tick");
	CHECK(SC(sys_getitimer, ITIMER_REAL, U(&old)) == 0 && old.it_value.tv_sec == 1 &&
	      old.it_value.tv_usec == 510000 && old.it_interval.tv_usec == 250000, "getitimer reads it back");
	pass_ticks(150);
	CHECK(sent_count == 0, "no SIGALRM a tick early");
	pass_ticks(1);
	CHECK(sent_count == 1 && sent_sig == SIGALRM && sent_to_pid == 100, "SIGALRM to the process when due");
	CHECK(sig_a.it_real_expires == 10151 + 25 && timer_pending(&sig_a.real_timer), "re-armed by the interval");
	pass_ticks(50);
	CHECK(sent_count == 3, "every 25 ticks");
	set_current(&task_a2);
	CHECK(SC(sys_getitimer, ITIMER_REAL, U(&old)) == 0 && old.it_value.tv_sec == 0 && old.it_value.tv_usec > 0,
	      "another thread sees the process's timer");
	CHECK(SC(sys_setitimer, ITIMER_REAL, 0, U(&old)) == 0 && !timer_pending(&sig_a.real_timer) &&
	      old.it_interval.tv_usec == 250000, "setitimer(NULL) disarms, returns the old setting");
	pass_ticks(100);
	CHECK(sent_count == 3, "no more SIGALRM once disarmed");
	new.it_interval.tv_usec = 0;
	new.it_value.tv_sec = 0;
	new.it_value.tv_usec = 1;
	SC(sys_setitimer, ITIMER_REAL, U(&new), 0);
	pass_ticks(2);
	CHECK(sent_count == 4 && !timer_pending(&sig_a.real_timer), "a 1 us one-shot fires within two ticks, once");
	new.it_value.tv_usec = 1000000;
	CHECK(SC(sys_setitimer, ITIMER_REAL, U(&new), 0) == -EINVAL, "tv_usec of 1e6: -EINVAL");
	CHECK(SC(sys_setitimer, ITIMER_REAL, U(BAD_UPTR), 0) == -EFAULT, "setitimer from a bad pointer");
	new.it_value.tv_sec = 100;
	new.it_value.tv_usec = 0;
	SC(sys_setitimer, ITIMER_REAL, U(&new), 0);
	exit_itimers(&sig_a);
	CHECK(!timer_pending(&sig_a.real_timer) && nr_pending_timers() == 0, "exit_itimers stops it");
}

/* ---- futexes ---- */

static u32 fw1, fw2;		/* futex words */
static long side_ret;

static void wake_fw1_as_b(void)		/* another thread of the process */
{
	set_current(&task_a2);
	side_ret = SC(sys_futex, U(&fw1), FUTEX_WAKE_PRIVATE, 1);
}

static void wake_fw1_bitset2(void)
{
	set_current(&task_a2);
	side_ret = SC(sys_futex, U(&fw1), FUTEX_WAKE_BITSET, 10, 0, 0, 2);
}

static void wake_fw1_other_mm(void)
{
	set_current(&task_b);
	side_ret = SC(sys_futex, U(&fw1), FUTEX_WAKE, 10);
}

static long wait2_ret;
static void second_waiter(void)		/* task_a2 waits on fw1 too */
{
	set_current(&task_a2);
	task_a2.state = TASK_RUNNING;
	wait2_ret = SC(sys_futex, U(&fw1), FUTEX_WAIT_PRIVATE, 0, 0);
}

static long requeue_ret, wake2_ret;
static void requeue_then_wake(void)	/* as a third thread of the process */
{
	static struct task_struct helper;

	helper = task_a2;
	helper.pid = 102;
	set_current(&helper);
	requeue_ret = SC(sys_futex, U(&fw1), FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, U(&fw2), 0);
	wake2_ret = SC(sys_futex, U(&fw2), FUTEX_WAKE_PRIVATE, 1);
}


static long wakeop_ret;
static void wake_op_as_a2(void)
{
	set_current(&task_a2);
	/* op ADD 1 on fw2, wake 1 on fw1, and 1 on fw2 if old fw2 == 5 */
	wakeop_ret = SC(sys_futex, U(&fw1), FUTEX_WAKE_OP_PRIVATE, 1, 1, U(&fw2),
			(1u << 28) | (0u << 24) | (1u << 12) | 5u);
}

static int helper_woke;
static void futex_wake_all_as_helper(void)
{
	static struct task_struct helper;

	helper = task_a2;
	helper.pid = 103;
	set_current(&helper);
	helper_woke = futex_wake(&fw1, 0x7fffffff);
}

static void test_futex_hash(void)
{
	static unsigned char used[FUTEX_HASH_SIZE];
	struct futex_key k1 = { &mm_a, 0x1000 }, k2 = { &mm_a, 0x1000 }, k3 = { &mm_b, 0x1000 };
	int buckets = 0;

	CHECK(futex_hash(&k1) == futex_hash(&k2) && futex_hash(&k1) < FUTEX_HASH_SIZE,
	      "futex_hash: one key, one bucket");
	CHECK(futex_hash(&k1) != futex_hash(&k3), "the same address in another mm: another bucket (here)");
	for (unsigned long a = 0; a < 4096 * 4; a += 4) {
		struct futex_key k = { &mm_a, 0x20000000 + a };

		used[futex_hash(&k)] = 1;
	}
	for (int i = 0; i < FUTEX_HASH_SIZE; i++)
		buckets += used[i];
	CHECK(buckets > FUTEX_HASH_SIZE * 9 / 10, "4096 neighbouring words spread over %d of %d buckets",
	      buckets, FUTEX_HASH_SIZE);
}

static void test_futex(void)
{
	struct __kernel_timespec ts = { 0, 30000000 };
	size_t robust_len = 0;
	unsigned long head = 0;

	reset_tasks();
	script_reset();
	fw1 = 1;
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAIT_PRIVATE, 0, 0) == -EAGAIN, "FUTEX_WAIT on a changed word: -EAGAIN");
	CHECK(SC(sys_futex, U((char *)&fw1 + 1), FUTEX_WAIT, 1, 0) == -EINVAL, "unaligned: -EINVAL");
	CHECK(SC(sys_futex, U(BAD_UPTR), FUTEX_WAIT, 0, 0) == -EFAULT, "a word that faults: -EFAULT");
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAKE, 5) == 0, "FUTEX_WAKE with no waiter: 0");
	CHECK(SC(sys_futex, U(&fw1), FUTEX_LOCK_PI, 0) == -ENOSYS, "PI futexes: -ENOSYS");
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1) == -ENOSYS,
	      "CLOCK_REALTIME on FUTEX_WAKE: -ENOSYS");

	fw1 = 0;
	script_add(wake_fw1_as_b);
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAIT_PRIVATE, 0, 0) == 0 && side_ret == 1,
	      "FUTEX_WAIT, another thread's FUTEX_WAKE ends it: 0, one woken");
	CHECK(task_a.state == TASK_RUNNING, "the waiter runs again");
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAKE, 5) == 0, "nobody is left queued");

	/* bitsets */
	script_reset();
	script_add(wake_fw1_bitset2);
	script_add(wake_fw1_as_b);
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAIT_BITSET_PRIVATE, 0, 0, 0, 1) == 0 && side_ret == 1 &&
	      script_next == 2, "WAKE_BITSET 2 leaves a bitset-1 waiter; a plain WAKE wakes it");
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAIT_BITSET, 0, 0, 0, 0) == -EINVAL, "a zero bitset: -EINVAL");

	/* other mm does not match */
	script_reset();
	script_add(wake_fw1_other_mm);
	script_add(wake_fw1_as_b);
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAIT, 0, 0) == 0 && script_next == 2,
	      "a WAKE from another process's mm at the same address does not match");

	/* timeouts */
	script_reset();
	advance_time_on_sleep = true;
	fake_ns = 1000;
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAIT, 0, U(&ts)) == -ETIMEDOUT && fake_ns >= 1000 + 30000000,
	      "FUTEX_WAIT with 30 ms: -ETIMEDOUT, not early");
	ts.tv_sec = fake_ns / NSEC_PER_SEC + 1;
	ts.tv_nsec = 0;
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAIT_BITSET, 0, U(&ts), 0, FUTEX_BITSET_MATCH_ANY) == -ETIMEDOUT &&
	      fake_ns >= (u64)ts.tv_sec * NSEC_PER_SEC, "WAIT_BITSET's timeout is absolute (monotonic)");
	ts.tv_sec = (fake_wall_base + (s64)fake_ns) / NSEC_PER_SEC - 10;
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, U(&ts), 0,
		 FUTEX_BITSET_MATCH_ANY) == -ETIMEDOUT, "... or on the wall clock: a past time times out at once");
	ts.tv_nsec = -1;
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAIT, 0, U(&ts)) == -EINVAL, "a bad timespec: -EINVAL");
	ts.tv_nsec = 0;
	advance_time_on_sleep = false;

	/* signals */
	script_reset();
	script_add(raise_signal_a);
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAIT, 0, 0) == -ERESTARTSYS, "a signal ends an untimed wait: -ERESTARTSYS");
	script_reset();
	script_add(raise_signal_a);
	ts.tv_sec = 5;
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAIT, 0, U(&ts)) == -ERESTARTNOHAND,
	      "... a relative timed wait: -ERESTARTNOHAND");
	script_reset();
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAKE, 5) == 0, "interrupted waiters left no queue entry");

	/* two waiters, CMP_REQUEUE: the first woken, the second moved to fw2 then woken there */
	script_reset();
	fw1 = fw2 = 0;
	script_add(second_waiter);
	script_add(requeue_then_wake);
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAIT_PRIVATE, 0, 0) == 0, "first waiter woken by the requeue");
	CHECK(requeue_ret == 2 && wake2_ret == 1 && wait2_ret == 0,
	      "CMP_REQUEUE returns woken + moved (2); a WAKE on fw2 wakes the moved one");
	fw1 = 7;
	CHECK(SC(sys_futex, U(&fw1), FUTEX_CMP_REQUEUE, 1, 1, U(&fw2), 0) == -EAGAIN,
	      "CMP_REQUEUE with a changed word: -EAGAIN");
	CHECK(SC(sys_futex, U(&fw1), FUTEX_REQUEUE, 1, 1, U(&fw2), 0) == 0, "REQUEUE with nobody queued: 0");
	CHECK(SC(sys_futex, U(&fw1), FUTEX_CMP_REQUEUE, (unsigned long)-1, 1, U(&fw2), 7) == -EINVAL,
	      "negative counts: -EINVAL");

	/* WAKE_OP */
	script_reset();
	fw1 = 0;
	fw2 = 5;
	script_add(wake_op_as_a2);
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAIT_PRIVATE, 0, 0) == 0 && wakeop_ret == 1 && fw2 == 6,
	      "WAKE_OP: fw2 += 1 (was 5), the fw1 waiter woken");
	fw2 = 3;
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAKE_OP, 1, 1, U(&fw2), (8u << 28) | (2u << 12)) == 0 &&
	      fw2 == 4, "WAKE_OP SET with OPARG_SHIFT: fw2 = 1 << 2");
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAKE_OP, 1, 1, U(&fw2), 7u << 28) == -ENOSYS,
	      "WAKE_OP with an unknown op: -ENOSYS");
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAKE_OP, 1, 1, U(BAD_UPTR), 0) == -EFAULT,
	      "WAKE_OP on a word that faults: -EFAULT");

	/* futex_wake for CLONE_CHILD_CLEARTID: both waiters, oldest first */
	script_reset();
	fw1 = 0;
	wait2_ret = 1;
	script_add(second_waiter);
	script_add(futex_wake_all_as_helper);
	set_current(&task_a);
	CHECK(SC(sys_futex, U(&fw1), FUTEX_WAIT, 0, 0) == 0 && wait2_ret == 0 && helper_woke == 2,
	      "futex_wake(uaddr, INT_MAX) wakes both waiters, returns 2");
	CHECK(futex_wake(&fw1, 1) == 0, "futex_wake with nobody left: 0");

	/* robust lists */
	CHECK(SC(sys_set_robust_list, 0x1234, 23) == -EINVAL, "set_robust_list with a wrong size: -EINVAL");
	CHECK(SC(sys_set_robust_list, 0x1234, 24) == 0 && task_a.robust_list == 0x1234, "set_robust_list");
	CHECK(SC(sys_get_robust_list, 0, U(&head), U(&robust_len)) == 0 && head == 0x1234 && robust_len == 24,
	      "get_robust_list(0)");
	set_cred(&task_a, 1000, 1000, 1000);
	set_cred(&task_b, 2000, 2000, 2000);
	CHECK(SC(sys_get_robust_list, 200, U(&head), U(&robust_len)) == -EPERM, "another user's: -EPERM");
	CHECK(SC(sys_get_robust_list, 999, U(&head), U(&robust_len)) == -ESRCH, "no such pid: -ESRCH");
	CHECK(task_refs == 0, "get_robust_list drops its task references");
}

/* ---- the robust list walk at exit ---- */

struct robust_lock {
	unsigned long next;	/* struct robust_list */
	u32 futex;
};

static struct {
	unsigned long next, futex_offset, pending;	/* struct robust_list_head */
} rhead;
static struct robust_lock rlock[4];

static void a_dies(void)
{
	set_current(&task_a);
	exit_robust_list(&task_a);
}

static void test_robust_exit(void)
{
	reset_tasks();
	script_reset();
	/* head -> rlock[0] -> rlock[1] -> head; rlock[2] is list_op_pending (PI bit set) */
	rhead.next = (unsigned long)&rlock[0];
	rlock[0].next = (unsigned long)&rlock[1] | 1;
	rlock[1].next = (unsigned long)&rhead;
	rhead.futex_offset = offsetof(struct robust_lock, futex);
	rhead.pending = (unsigned long)&rlock[2] | 1;
	rlock[0].futex = 100 | FUTEX_WAITERS;	/* task_a's, contended */
	rlock[1].futex = 999;			/* someone else's */
	rlock[2].futex = 100;			/* task_a's, being taken */
	task_a.robust_list = (unsigned long)&rhead;
	set_current(&task_a2);
	script_add(a_dies);
	CHECK(SC(sys_futex, U(&rlock[0].futex), FUTEX_WAIT_PRIVATE, 100 | FUTEX_WAITERS, 0) == 0,
	      "a waiter on a robust futex is woken when its owner dies");
	CHECK(rlock[0].futex == (FUTEX_WAITERS | FUTEX_OWNER_DIED), "the dead owner's futex: OWNER_DIED, waiters kept");
	CHECK(rlock[1].futex == 999, "another owner's futex is left alone");
	CHECK(rlock[2].futex == FUTEX_OWNER_DIED, "list_op_pending's futex is marked too");

	rlock[3].next = (unsigned long)&rlock[3];	/* a loop that never returns to the head */
	rlock[3].futex = 100;
	rhead.next = (unsigned long)&rlock[3];
	rhead.pending = 0;
	set_current(&task_a);
	exit_robust_list(&task_a);
	CHECK(rlock[3].futex == FUTEX_OWNER_DIED, "a looping list ends at the limit (the futex marked once)");
	rlock[3].futex = 100;
	rlock[3].next = (unsigned long)BAD_UPTR;
	rhead.pending = (unsigned long)&rlock[2];
	rlock[2].futex = 100;
	exit_robust_list(&task_a);
	CHECK(rlock[3].futex == FUTEX_OWNER_DIED && rlock[2].futex == 100,
	      "a list running into memory that faults: the walk stops there (pending untouched)");
}

int main(void)
{
	host_uaccess_bad_lo = (unsigned long)bad_page;
	host_uaccess_bad_hi = (unsigned long)bad_page + sizeof(bad_page);
	test_uname();
	test_uids();
	test_groups();
	test_rlimits();
	test_sysinfo_prio_cpu();
	test_reboot_random();
	test_timers();
	test_conversions();
	test_clocks();
	test_nanosleep();
	test_times_rusage();
	test_itimer();
	test_futex_hash();
	test_futex();
	test_robust_exit();
	return test_exit();
}
