/*
 * System calls about the system and the process's identity: uname and
 * the host and domain names, the uid/gid family with Linux's rules (root
 * = euid 0 stands for every capability), supplementary groups, sysinfo,
 * resource limits, priorities, CPU affinity, reboot, getrandom,
 * membarrier's query and personality's. Behaviour after Linux's
 * kernel/sys.c and the man pages. Leaves out capabilities proper, user
 * namespaces, a stored nice value (setpriority checks and forgets),
 * rlimits' side effects (RLIMIT_CPU's signal) and keyrings.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/jiffies.h>
#include <linux/cpumask.h>
#include <linux/sysinfo.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/buffer_head.h>
#include <linux/random.h>
#include <linux/reboot.h>
#include <linux/timer.h>
#include <linux/timekeeping.h>
#include <linux/kernel_stat.h>
#include <asm/uaccess.h>
#include <uapi/utsname.h>
#include <uapi/resource.h>
#include <uapi/reboot.h>
#include <uapi/random.h>

/* ---- uname, sethostname, setdomainname ---- */

/* uts_lock (interrupts off) guards utsname: names are copied out, never used in place. */
static DEFINE_SPINLOCK(uts_lock);
static struct new_utsname utsname = {
	.sysname = "Linux",		/* what glibc and BusyBox expect of the kernel */
	.nodename = "rivet",
	.release = "6.12.0-rivet",	/* programs check the release for a minimum version */
	.version = "#1 rivet",
	.machine = "riscv64",
	.domainname = "(none)",
};

/* Is current root (euid 0)? rivet's stand-in for each CAP_* check. */
static bool capable_root(void)
{
	return current->cred.euid == 0;
}

SYSCALL_DEFINE(uname)
{
	struct new_utsname u;
	unsigned long flags;

	spin_lock_irqsave(&uts_lock, flags);
	u = utsname;
	spin_unlock_irqrestore(&uts_lock, flags);
	return copy_to_user((void __user *)a0, &u, sizeof(u)) ? -EFAULT : 0;
}

/* Sets @field (65 bytes) from the user's @len bytes at @uname: root only. */
static long set_uts_name(char *field, const char __user *uname, long len)
{
	char buf[__NEW_UTS_LEN + 1];
	unsigned long flags;

	if (!capable_root())
		return -EPERM;
	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(buf, uname, len))
		return -EFAULT;
	memset(buf + len, 0, sizeof(buf) - len);
	spin_lock_irqsave(&uts_lock, flags);
	memcpy(field, buf, sizeof(buf));
	spin_unlock_irqrestore(&uts_lock, flags);
	return 0;
}

SYSCALL_DEFINE(sethostname)
{
	return set_uts_name(utsname.nodename, (const char __user *)a0, (long)a1);
}

SYSCALL_DEFINE(setdomainname)
{
	return set_uts_name(utsname.domainname, (const char __user *)a0, (long)a1);
}

/* ---- user and group ids ---- */

#define INVALID_ID	((unsigned int)-1)	/* "leave it" in setre*id/setres*id */

SYSCALL_DEFINE(getuid) { return current->cred.uid; }
SYSCALL_DEFINE(geteuid) { return current->cred.euid; }
SYSCALL_DEFINE(getgid) { return current->cred.gid; }
SYSCALL_DEFINE(getegid) { return current->cred.egid; }

/* Writes three ids to the user pointers: 0 or -EFAULT. */
static long put_three_ids(unsigned int r, unsigned int e, unsigned int s,
			  unsigned long ur, unsigned long ue, unsigned long us)
{
	if (put_user(r, (unsigned int __user *)ur) || put_user(e, (unsigned int __user *)ue) ||
	    put_user(s, (unsigned int __user *)us))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(getresuid)
{
	struct cred *c = &current->cred;

	return put_three_ids(c->uid, c->euid, c->suid, a0, a1, a2);
}

SYSCALL_DEFINE(getresgid)
{
	struct cred *c = &current->cred;

	return put_three_ids(c->gid, c->egid, c->sgid, a0, a1, a2);
}

/*
 * The ids (real, effective, saved, fs) of one kind, uid or gid, so one
 * set of rules serves both. Root (euid 0, for gids too: CAP_SETGID) may
 * set anything; others only to one of their current real/effective/saved.
 */
struct id_set {
	unsigned int *r, *e, *s, *fs;
};

/* The uids of @c, and below its gids, as one id_set. */
static struct id_set uid_set(struct cred *c)
{
	struct id_set ids = { &c->uid, &c->euid, &c->suid, &c->fsuid };

	return ids;
}

static struct id_set gid_set(struct cred *c)
{
	struct id_set ids = { &c->gid, &c->egid, &c->sgid, &c->fsgid };

	return ids;
}

/* Is @id one of the real, effective or saved ids of @ids? */
static bool id_is_current(struct id_set ids, unsigned int id)
{
	return id == *ids.r || id == *ids.e || id == *ids.s;
}

/* setuid/setgid: root sets all four; others may set effective (and fs) to real or saved. */
static long do_setid(struct id_set ids, unsigned int id)
{
	if (id == INVALID_ID)
		return -EINVAL;
	if (capable_root()) {
		*ids.r = *ids.s = id;
	} else if (id != *ids.r && id != *ids.s) {
		return -EPERM;
	}
	*ids.e = *ids.fs = id;
	return 0;
}

/*
 * setreuid/setregid: real may become real or effective, effective any of
 * the three (unprivileged). Saved follows the new effective when real is
 * set or effective becomes other than the old real.
 */
static long do_setreid(struct id_set ids, unsigned int r, unsigned int e)
{
	unsigned int old_r = *ids.r, new_r = old_r, new_e = *ids.e;
	bool root = capable_root();

	if (r != INVALID_ID) {
		if (!root && r != *ids.r && r != *ids.e)
			return -EPERM;
		new_r = r;
	}
	if (e != INVALID_ID) {
		if (!root && !id_is_current(ids, e))
			return -EPERM;
		new_e = e;
	}
	*ids.r = new_r;
	*ids.e = *ids.fs = new_e;
	if (r != INVALID_ID || (e != INVALID_ID && e != old_r))
		*ids.s = new_e;
	return 0;
}

/* setresuid/setresgid: each given id must be a current one unless root. */
static long do_setresid(struct id_set ids, unsigned int r, unsigned int e, unsigned int s)
{
	if (!capable_root() &&
	    ((r != INVALID_ID && !id_is_current(ids, r)) ||
	     (e != INVALID_ID && !id_is_current(ids, e)) ||
	     (s != INVALID_ID && !id_is_current(ids, s))))
		return -EPERM;
	if (r != INVALID_ID)
		*ids.r = r;
	if (e != INVALID_ID)
		*ids.e = e;
	if (s != INVALID_ID)
		*ids.s = s;
	*ids.fs = *ids.e;
	return 0;
}

/* setfsuid/setfsgid: the old fs id, always; changed if allowed (a current id, the fs id, or root). */
static long do_setfsid(struct id_set ids, unsigned int id)
{
	unsigned int old = *ids.fs;

	if (id != INVALID_ID && (capable_root() || id_is_current(ids, id) || id == old))
		*ids.fs = id;
	return old;
}

/*
 * The setters change current->cred, which only the task itself writes
 * (threads each have their own copy: a thread's setuid is its own, as on
 * Linux at the system-call level; glibc makes it process-wide by signals).
 */
SYSCALL_DEFINE(setuid) { return do_setid(uid_set(&current->cred), (unsigned int)a0); }
SYSCALL_DEFINE(setgid) { return do_setid(gid_set(&current->cred), (unsigned int)a0); }
SYSCALL_DEFINE(setreuid)
{
	return do_setreid(uid_set(&current->cred), (unsigned int)a0, (unsigned int)a1);
}
SYSCALL_DEFINE(setregid)
{
	return do_setreid(gid_set(&current->cred), (unsigned int)a0, (unsigned int)a1);
}
SYSCALL_DEFINE(setresuid)
{
	return do_setresid(uid_set(&current->cred), (unsigned int)a0, (unsigned int)a1,
			   (unsigned int)a2);
}
SYSCALL_DEFINE(setresgid)
{
	return do_setresid(gid_set(&current->cred), (unsigned int)a0, (unsigned int)a1,
			   (unsigned int)a2);
}
SYSCALL_DEFINE(setfsuid) { return do_setfsid(uid_set(&current->cred), (unsigned int)a0); }
SYSCALL_DEFINE(setfsgid) { return do_setfsid(gid_set(&current->cred), (unsigned int)a0); }

/* getgroups(size, list): the count; size 0 asks for it only; -EINVAL if size is too small. */
SYSCALL_DEFINE(getgroups)
{
	struct cred *c = &current->cred;
	int size = (int)a0;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c->ngroups;
	if (size < c->ngroups)
		return -EINVAL;
	if (copy_to_user((void __user *)a1, c->groups, c->ngroups * sizeof(gid_t)))
		return -EFAULT;
	return c->ngroups;
}

/* setgroups(size, list): root only; at most NGROUPS_SMALL (Linux allows 65536). */
SYSCALL_DEFINE(setgroups)
{
	struct cred *c = &current->cred;
	gid_t groups[NGROUPS_SMALL];
	int size = (int)a0;

	if (!capable_root())
		return -EPERM;
	if (size < 0 || size > NGROUPS_SMALL)
		return -EINVAL;
	if (copy_from_user(groups, (const void __user *)a1, size * sizeof(gid_t)))
		return -EFAULT;
	memcpy(c->groups, groups, size * sizeof(gid_t));
	c->ngroups = size;
	return 0;
}

/* ---- sysinfo ---- */

#define SI_LOAD_SHIFT	16	/* sysinfo.loads[]: 1.0 is 1 << 16 */

SYSCALL_DEFINE(sysinfo)
{
	struct sysinfo si;
	unsigned long unit;

	memset(&si, 0, sizeof(si));
	si_meminfo(&si);
	si.bufferram = nr_blockdev_pages();
	unit = si.mem_unit;		/* pages: report bytes (mem_unit 1) as 64-bit Linux does */
	si.totalram *= unit;
	si.freeram *= unit;
	si.sharedram *= unit;
	si.bufferram *= unit;
	si.totalhigh *= unit;
	si.freehigh *= unit;
	si.mem_unit = 1;
	si.uptime = DIV_ROUND_UP(ktime_get_ns(), NSEC_PER_SEC);	/* Linux rounds up too */
	si.procs = min_t(unsigned long, nr_threads_total(), 0xffff);
	for (int i = 0; i < 3; i++)	/* FSHIFT fixed point to sysinfo's 16 bits of fraction */
		si.loads[i] = READ_ONCE(avenrun[i]) << (SI_LOAD_SHIFT - FSHIFT);
	return copy_to_user((void __user *)a0, &si, sizeof(si)) ? -EFAULT : 0;
}

/* ---- resource limits ---- */

#define NR_OPEN_MAX	1048576		/* Linux's default fs.nr_open: RLIMIT_NOFILE's ceiling */

/*
 * May limit @res go from @old to @new? 0, -EINVAL (soft above hard) or
 * -EPERM (a hard limit raised without root, or NOFILE past nr_open).
 */
static int rlimit_check(unsigned int res, const struct rlimit *old, const struct rlimit *new, bool root)
{
	if (new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (res == RLIMIT_NOFILE && new->rlim_max > NR_OPEN_MAX)
		return -EPERM;
	if (new->rlim_max > old->rlim_max && !root)
		return -EPERM;
	return 0;
}

/*
 * May current change @p's limits? Itself, or a process whose real,
 * effective and saved uids and gids all equal current's real ones, or root.
 */
static bool may_prlimit(struct task_struct *p)
{
	const struct cred *c = &current->cred, *t = &p->cred;

	if (p->signal == current->signal || capable_root())
		return true;
	return c->uid == t->uid && c->uid == t->euid && c->uid == t->suid &&
	       c->gid == t->gid && c->gid == t->egid && c->gid == t->sgid;
}

/* Limit @res of @p's process: the old one to @old and/or @new set, checked. */
static long do_prlimit(struct task_struct *p, unsigned int res, const struct rlimit *new,
		       struct rlimit *old)
{
	unsigned long flags;
	struct rlimit *lim;
	long err = 0;

	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (!p->signal || p->exit_state) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return -ESRCH;
	}
	lim = &p->signal->rlim[res];
	if (new)
		err = rlimit_check(res, lim, new, capable_root());
	if (!err && old)
		*old = *lim;
	if (!err && new)
		*lim = *new;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

SYSCALL_DEFINE(getrlimit)
{
	struct rlimit old;
	long err = do_prlimit(current, (unsigned int)a0, NULL, &old);

	if (err)
		return err;
	return copy_to_user((void __user *)a1, &old, sizeof(old)) ? -EFAULT : 0;
}

SYSCALL_DEFINE(setrlimit)
{
	struct rlimit new;

	if (copy_from_user(&new, (const void __user *)a1, sizeof(new)))
		return -EFAULT;
	return do_prlimit(current, (unsigned int)a0, &new, NULL);
}

/* prlimit64(pid, resource, new, old): pid 0 is current. */
SYSCALL_DEFINE(prlimit64)
{
	int pid = (int)a0;
	struct rlimit64 n64, o64;
	struct rlimit new, old;
	struct task_struct *p = current;
	long err;

	if (a2) {
		if (copy_from_user(&n64, (const void __user *)a2, sizeof(n64)))
			return -EFAULT;
		new.rlim_cur = n64.rlim_cur;
		new.rlim_max = n64.rlim_max;
	}
	if (pid) {
		p = find_get_task_by_vpid(pid);
		if (!p)
			return -ESRCH;
	}
	err = may_prlimit(p) ? do_prlimit(p, (unsigned int)a1, a2 ? &new : NULL,
					  a3 ? &old : NULL) : -EPERM;
	if (pid)
		put_task_struct(p);
	if (err)
		return err;
	if (a3) {
		o64.rlim_cur = old.rlim_cur;
		o64.rlim_max = old.rlim_max;
		if (copy_to_user((void __user *)a3, &o64, sizeof(o64)))
			return -EFAULT;
	}
	return 0;
}

/* ---- priorities (no nice value is kept: every process has nice 0) ---- */

#define PRIO_PROCESS	0
#define PRIO_PGRP	1
#define PRIO_USER	2

/* Is there a process @which/@who names (who 0: current's)? */
static bool prio_target_exists(int which, int who)
{
	struct task_struct *p;
	unsigned long flags;
	bool found = false;

	if (which == PRIO_PROCESS) {
		if (!who)
			return true;
		p = find_get_task_by_vpid(who);
		if (p)
			put_task_struct(p);
		return p != NULL;
	}
	if (!who)
		return true;
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p) {
		if (which == PRIO_PGRP ? task_pgrp_nr(p) == who : p->cred.uid == (uid_t)who) {
			found = true;
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

/* getpriority: 20 - nice, so 20 (nice 0) for every process found. */
SYSCALL_DEFINE(getpriority)
{
	int which = (int)a0;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	return prio_target_exists(which, (int)a1) ? 20 : -ESRCH;
}

/* setpriority: checked as Linux checks it (a nice below 0 needs root); not stored yet. */
SYSCALL_DEFINE(setpriority)
{
	int which = (int)a0, nice = (int)a2;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	if (!prio_target_exists(which, (int)a1))
		return -ESRCH;
	if (nice < 0 && !capable_root())
		return -EACCES;
	return 0;
}

/* ---- the CPU ---- */

SYSCALL_DEFINE(sched_yield)
{
	yield();
	return 0;
}

/* Does @pid (0: current) name a task? -ESRCH if not. */
static long check_pid(int pid)
{
	struct task_struct *p;

	if (pid < 0)
		return -EINVAL;
	if (!pid)
		return 0;
	p = find_get_task_by_vpid(pid);
	if (!p)
		return -ESRCH;
	put_task_struct(p);
	return 0;
}

/* sched_getaffinity(pid, len, mask): every online CPU; the bytes written (the mask's size). */
SYSCALL_DEFINE(sched_getaffinity)
{
	struct cpumask mask = *cpu_online_mask;
	unsigned long len = a1;
	long err;

	if (len * 8 < NR_CPUS || len % sizeof(unsigned long))
		return -EINVAL;
	err = check_pid((int)a0);
	if (err)
		return err;
	if (copy_to_user((void __user *)a2, &mask, sizeof(mask)))
		return -EFAULT;
	return sizeof(mask);
}

/* sched_setaffinity: accepted if the mask holds an online CPU (tasks run anywhere anyway). */
SYSCALL_DEFINE(sched_setaffinity)
{
	struct cpumask mask;
	unsigned long len = min_t(unsigned long, a1, sizeof(mask));
	long err = check_pid((int)a0);
	unsigned int cpu;

	if (err)
		return err;
	memset(&mask, 0, sizeof(mask));
	if (copy_from_user(&mask, (const void __user *)a2, len))
		return -EFAULT;
	for_each_online_cpu(cpu)
		if (cpumask_test_cpu(cpu, &mask))
			return 0;
	return -EINVAL;
}

/* getcpu(cpu, node, cache): this CPU, node 0; either pointer may be NULL. */
SYSCALL_DEFINE(getcpu)
{
	unsigned int cpu = smp_processor_id(), node = 0;

	if (a0 && put_user(cpu, (unsigned int __user *)a0))
		return -EFAULT;
	if (a1 && put_user(node, (unsigned int __user *)a1))
		return -EFAULT;
	return 0;
}

/* ---- reboot ---- */

static int cad_reboots = 1;	/* LINUX_REBOOT_CMD_CAD_ON/OFF (nothing sends Ctrl-Alt-Del yet) */

/*
 * reboot(magic1, magic2, cmd, arg): root only, then the magic numbers.
 * RESTART and RESTART2 (its string ignored) sync and reset; HALT and
 * POWER_OFF sync and power off (a halted VM would only sit there).
 */
SYSCALL_DEFINE(reboot)
{
	unsigned int magic1 = a0, magic2 = a1, cmd = a2;

	if (!capable_root())
		return -EPERM;
	if (magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
		WRITE_ONCE(cad_reboots, 1);
		return 0;
	case LINUX_REBOOT_CMD_CAD_OFF:
		WRITE_ONCE(cad_reboots, 0);
		return 0;
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		ksys_sync();
		kernel_restart();
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_POWER_OFF:
		ksys_sync();
		kernel_power_off();
	case LINUX_REBOOT_CMD_SW_SUSPEND:
	case LINUX_REBOOT_CMD_KEXEC:
		return -ENOSYS;
	}
	return -EINVAL;
}

/* ---- getrandom ---- */

#define MAX_RW_COUNT	(0x7fffffffL & PAGE_MASK)

/*
 * getrandom(buf, count, flags): the generator never blocks once seeded
 * (boot seeds it before user space), so every flag gives the same bytes.
 * Stops early, with what it has, for a signal between 256-byte chunks.
 */
SYSCALL_DEFINE(getrandom)
{
	unsigned int flags = a2;
	unsigned long count = min_t(unsigned long, a1, MAX_RW_COUNT), done = 0;
	u8 chunk[256];

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	while (done < count) {
		unsigned long n = min_t(unsigned long, count - done, sizeof(chunk)), left;

		if (done && signal_pending(current))
			break;
		get_random_bytes(chunk, n);
		left = copy_to_user((char __user *)a0 + done, chunk, n);
		done += n - left;
		if (left)
			break;
	}
	memset(chunk, 0, sizeof(chunk));
	return done || !count ? (long)done : -EFAULT;
}

/* ---- membarrier, personality ---- */

#define MEMBARRIER_CMD_QUERY	0

/* membarrier: only the query, which says no command is supported. */
SYSCALL_DEFINE(membarrier)
{
	if ((int)a0 == MEMBARRIER_CMD_QUERY && !a1)
		return 0;
	return -EINVAL;
}

#define PER_LINUX	0x0000

/* personality: always PER_LINUX; the query (0xffffffff) and PER_LINUX succeed, others -EINVAL. */
SYSCALL_DEFINE(personality)
{
	unsigned int persona = a0;

	if (persona == 0xffffffff || persona == PER_LINUX)
		return PER_LINUX;
	return -EINVAL;
}

/* prctl options (Linux's uapi/linux/prctl.h values). */
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_SET_NO_NEW_PRIVS	38
#define PR_GET_NO_NEW_PRIVS	39

/*
 * prctl: the thread's name (PR_SET_NAME/PR_GET_NAME, 16 bytes with the
 * NUL, what ps and top show), and the two flags programs probe: dumpable
 * (always 1: rivet writes no core files) and no_new_privs (kept, inherited;
 * rivet has no set-id exec for it to restrict). Others: -EINVAL, as Linux answers an
 * option it does not know.
 */
SYSCALL_DEFINE(prctl)
{
	char name[TASK_COMM_LEN];
	long len;

	switch (a0) {
	case PR_SET_NAME:
		len = strncpy_from_user(name, (const char __user *)a1, sizeof(name) - 1);
		if (len < 0)
			return -EFAULT;
		name[len] = '\0';
		memcpy(current->comm, name, len + 1);
		return 0;
	case PR_GET_NAME:
		memcpy(name, current->comm, sizeof(name));
		return copy_to_user((void __user *)a1, name, sizeof(name)) ? -EFAULT : 0;
	case PR_GET_DUMPABLE:
		return 1;
	case PR_SET_DUMPABLE:
		return a1 <= 1 ? 0 : -EINVAL;
	case PR_SET_NO_NEW_PRIVS:
		if (a1 != 1 || a2 || a3 || a4)
			return -EINVAL;
		current->no_new_privs = true;
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		return current->no_new_privs;
	}
	return -EINVAL;
}
