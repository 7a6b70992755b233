/*
 * /bin/usertests: rivet's user-space test suite (issue 8's list; docs/userspace.md).
 * Each test runs in a forked child (its own process group) under an alarm()
 * in the parent, so a crash or a hang fails that test alone. Prints "ok N
 * name", "FAIL N name: reason" or "skip N name: reason" per test, then
 * "usertests: N passed, N failed, N skipped"; exits 1 if any failed. The
 * checks are Linux's semantics, so the suite also runs under qemu-riscv64 on
 * a Linux host; rivet's own counters (/proc/vmstat cow_*) are skipped there.
 *   usertests [-d DIR] [-b BINDIR] [-x WRAPPER] [NAME...]
 * DIR: scratch folder (default /tmp); BINDIR: where hello and bigbin are
 * (default /bin); WRAPPER: a program to exec them through (qemu-riscv64 on
 * a host). Leaves out ptrace, networking and multi-user checks.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE		4096UL
#define TEST_TIMEOUT	60	/* seconds per test; the OOM test gets more */

enum { R_OK_ = 0, R_FAIL = 1, R_SKIP = 2 };

static const char *scratch = "/tmp";
static const char *bindir = "/bin";
static const char *wrapper;	/* NULL: exec the helpers directly */
static int result_fd = -1;	/* the test child's end of the result pipe */

/* ---- reporting from inside a test child ----------------------------------- */

/* finish: send CODE and a reason to the parent and end the test child. */
static __attribute__((noreturn, format(printf, 2, 3)))
void finish(int code, const char *fmt, ...)
{
	char buf[400];
	va_list ap;
	int n;

	buf[0] = (char)code;
	va_start(ap, fmt);
	n = vsnprintf(buf + 1, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	(void)!write(result_fd, buf, n + 1);
	_exit(code);
}

#define FAIL(...)	finish(R_FAIL, __VA_ARGS__)
#define SKIP(...)	finish(R_SKIP, __VA_ARGS__)
#define PASS()		finish(R_OK_, "%s", "")
/* CHECK: fail the test with the condition's text and errno when COND is false. */
#define CHECK(cond, ...) do { if (!(cond)) { \
	int e_ = errno; char m_[200]; snprintf(m_, sizeof(m_), __VA_ARGS__); \
	FAIL("%s (line %d, errno %d %s)", m_, __LINE__, e_, strerror(e_)); } } while (0)

/* ---- helpers ---------------------------------------------------------------- */

/* path_in: DIR/NAME in a static buffer (one of four, so a few can be live). */
static const char *path_in(const char *dir, const char *name)
{
	static char bufs[4][PATH_MAX];
	static int i;
	char *b = bufs[i++ & 3];

	snprintf(b, PATH_MAX, "%s/%s", dir, name);
	return b;
}

/* scratch_path: NAME in the scratch folder, unique per test process. */
static const char *scratch_path(const char *name)
{
	char n[128];

	snprintf(n, sizeof(n), "ut.%d.%s", (int)getpid(), name);
	return path_in(scratch, n);
}

/* proc_value: the number after KEY (a whole first word) in FILE, or -1. */
static long long proc_value(const char *file, const char *key)
{
	char line[512], word[128];
	long long v, found = -1;
	FILE *f = fopen(file, "r");

	if (!f)
		return -1;
	while (found < 0 && fgets(line, sizeof(line), f))
		if (sscanf(line, "%127s %lld", word, &v) == 2 && !strcmp(word, key))
			found = v;
	fclose(f);
	return found;
}

/* minflt: this process's minor faults so far (getrusage, else /proc/self/stat). */
static long minflt(void)
{
	struct rusage ru;
	char buf[1024], *p;
	long v = -1;
	int fd, n;

	if (getrusage(RUSAGE_SELF, &ru) == 0)
		return ru.ru_minflt;
	fd = open("/proc/self/stat", O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strrchr(buf, ')');	/* field 10 is minflt; count from after comm */
	if (p && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %ld", &v) == 1)
		return v;
	return -1;
}

/* map_anon: N pages of private anonymous memory, no huge pages; fails the test. */
static char *map_anon(size_t pages)
{
	char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap of %zu anonymous pages", pages);
	madvise(p, pages * PAGE, MADV_NOHUGEPAGE);	/* 4 KiB faults on a THP host */
	return p;
}

/* make_file: a scratch file of PAGES pages, byte i = (i + SEED) & 0xff; returns an O_RDWR fd. */
static int make_file(const char *path, size_t pages, int seed)
{
	static char buf[PAGE];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0, "create %s", path);
	for (size_t pg = 0; pg < pages; pg++) {
		for (size_t i = 0; i < PAGE; i++)
			buf[i] = (char)((pg * PAGE + i + seed) & 0xff);
		CHECK(write(fd, buf, PAGE) == (ssize_t)PAGE, "write %s", path);
	}
	return fd;
}

/* wait_child: wait4 for PID (retrying EINTR), return the status. */
static int wait_child(pid_t pid)
{
	int status = 0;
	pid_t r;

	do
		r = wait4(pid, &status, 0, NULL);
	while (r < 0 && errno == EINTR);
	CHECK(r == pid, "wait4(%d)", (int)pid);
	return status;
}

/* exec_helper: exec BINDIR/NAME with ARGV1 (or none), through the wrapper if set. */
static void exec_helper(const char *name, const char *argv1)
{
	const char *prog = path_in(bindir, name);
	char *args[5];
	int n = 0;

	if (wrapper)
		args[n++] = (char *)wrapper;
	args[n++] = (char *)prog;
	if (argv1)
		args[n++] = (char *)argv1;
	args[n] = NULL;
	execv(args[0], args);
}

/* status_text: a wait status in words, for failure messages. */
static const char *status_text(int st)
{
	static char b[64];

	if (WIFEXITED(st))
		snprintf(b, sizeof(b), "exit %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(b, sizeof(b), "signal %d", WTERMSIG(st));
	else
		snprintf(b, sizeof(b), "status 0x%x", st);
	return b;
}

/* ---- fork and copy-on-write ---------------------------------------------- */

/* fork_cow: after fork, parent and child each see only their own writes. */
static void t_fork_cow(void)
{
	volatile int *p = (volatile int *)map_anon(1);
	volatile int *q = (volatile int *)map_anon(1);
	int to_child[2], to_parent[2], st;
	char c;
	pid_t pid;

	p[0] = 1;
	q[0] = 10;	/* q: written by the parent only */
	CHECK(pipe(to_child) == 0 && pipe(to_parent) == 0, "pipe");
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		if (p[0] != 1 || q[0] != 10)
			_exit(1);
		p[0] = 2;
		(void)!write(to_parent[1], "w", 1);
		if (read(to_child[0], &c, 1) != 1)
			_exit(2);
		_exit(p[0] == 2 && q[0] == 10 ? 0 : 3);
	}
	CHECK(read(to_parent[0], &c, 1) == 1, "child never wrote");
	CHECK(p[0] == 1, "parent sees the child's write (%d)", p[0]);
	q[0] = 11;
	(void)!write(to_child[1], "p", 1);
	st = wait_child(pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child saw a wrong value (%s)", status_text(st));
	p[0] = 5;
	CHECK(p[0] == 5 && q[0] == 11, "parent's own writes");
	PASS();
}

/*
 * cow_vmstat: rivet's /proc/vmstat cow_fault rises when the child writes a
 * shared page, and cow_reuse when the parent writes it after the child is
 * gone (the page has one mapping left, so it is reused, not copied).
 */
static void t_cow_vmstat(void)
{
	volatile char *p = map_anon(64);
	long long f0, f1, r0, r1;
	int st;
	pid_t pid;

	if (proc_value("/proc/vmstat", "cow_fault") < 0 || proc_value("/proc/vmstat", "cow_reuse") < 0)
		SKIP("no cow_fault/cow_reuse in /proc/vmstat (not rivet)");
	for (int i = 0; i < 64; i++)
		p[i * PAGE] = 1;
	f0 = proc_value("/proc/vmstat", "cow_fault");
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		for (int i = 0; i < 64; i++)
			p[i * PAGE] = 2;
		_exit(0);
	}
	st = wait_child(pid);
	CHECK(WIFEXITED(st), "child %s", status_text(st));
	f1 = proc_value("/proc/vmstat", "cow_fault");
	CHECK(f1 - f0 >= 64, "cow_fault rose by %lld for 64 pages written by the child", f1 - f0);
	r0 = proc_value("/proc/vmstat", "cow_reuse");
	for (int i = 0; i < 64; i++)
		p[i * PAGE] = 3;
	r1 = proc_value("/proc/vmstat", "cow_reuse");
	CHECK(r1 - r0 >= 64, "cow_reuse rose by %lld for 64 pages the parent alone maps", r1 - r0);
	PASS();
}

/* ---- demand paging ----------------------------------------------------------- */

/* demand_paging: writing N untouched pages costs N minor faults (a little slack). */
static void t_demand_paging(void)
{
	const size_t n = 1024;
	char *p = map_anon(n);
	long before, after;

	before = minflt();
	CHECK(before >= 0, "no fault count from getrusage or /proc/self/stat");
	for (size_t i = 0; i < n; i++)
		p[i * PAGE] = 1;
	after = minflt();
	CHECK(after - before >= (long)n && after - before <= (long)(n + n / 8 + 16),
	      "touching %zu pages cost %ld faults", n, after - before);
	before = minflt();
	for (size_t i = 0; i < n; i++)
		p[i * PAGE] = 2;
	after = minflt();
	CHECK(after - before <= 16, "touching them again cost %ld faults", after - before);
	PASS();
}

/* rss_anon_kb: RssAnon of /proc/self/status in kB, or -1. */
static long long rss_anon_kb(void)
{
	return proc_value("/proc/self/status", "RssAnon:");
}

/* zero_page: reads of untouched anonymous memory see zeros and allocate nothing. */
static void t_zero_page(void)
{
	const size_t n = 2048;
	volatile char *p = map_anon(n);
	long long rss0 = rss_anon_kb(), zp0 = proc_value("/proc/vmstat", "zero_page_map");
	long long rss1, zp1;
	unsigned sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += p[i * PAGE] + p[i * PAGE + PAGE - 1];
	CHECK(sum == 0, "untouched memory is not zero");
	rss1 = rss_anon_kb();
	zp1 = proc_value("/proc/vmstat", "zero_page_map");
	p[5 * PAGE] = 7;
	CHECK(p[5 * PAGE] == 7 && p[4 * PAGE] == 0 && p[6 * PAGE] == 0, "a write after the zero page");
	if (zp0 >= 0)
		CHECK(zp1 - zp0 >= (long long)n, "zero_page_map rose by %lld for %zu reads", zp1 - zp0, n);
	if (rss0 >= 0)
		CHECK(rss1 - rss0 < (long long)(n * 4 / 8), "RssAnon grew by %lld kB for %zu read-only pages",
		      rss1 - rss0, n);
	if (rss0 < 0 && zp0 < 0)
		SKIP("zeros read, but neither RssAnon nor zero_page_map to check the cost");
	PASS();
}

/* brk: the break grows (zeroed, writable) and shrinks; regrown memory is zero again. */
static void t_brk(void)
{
	char *base = (char *)syscall(SYS_brk, 0), *top;
	const size_t len = 64 * PAGE;

	CHECK(base != NULL && base != (char *)-1, "brk(0)");
	top = (char *)syscall(SYS_brk, base + len);
	CHECK(top == base + len, "brk grow to %p gave %p", (void *)(base + len), (void *)top);
	for (size_t i = 0; i < len; i += PAGE)
		CHECK(base[i] == 0, "new break memory not zero at +%zu", i);
	memset(base, 0x5a, len);
	top = (char *)syscall(SYS_brk, base + PAGE);
	CHECK(top == base + PAGE, "brk shrink gave %p", (void *)top);
	CHECK(base[0] == 0x5a, "the page kept by the shrink lost its data");
	top = (char *)syscall(SYS_brk, base + len);
	CHECK(top == base + len, "brk regrow gave %p", (void *)top);
	for (size_t i = PAGE; i < len; i += PAGE)
		CHECK(base[i] == 0, "regrown break memory not zero at +%zu (old data came back)", i);
	top = (char *)syscall(SYS_brk, base);
	CHECK(top == base, "brk back to the start gave %p", (void *)top);
	PASS();
}

/* ---- mmap on files ----------------------------------------------------------------- */

/* mmap_shared: shared writes reach the file (read, pread) and every other mapper. */
static void t_mmap_shared(void)
{
	const char *path = scratch_path("shared");
	int fd = make_file(path, 4, 0), st;
	char *a, *b, buf[16];
	pid_t pid;

	a = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	b = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(a != MAP_FAILED && b != MAP_FAILED, "mmap MAP_SHARED");
	CHECK(a[PAGE + 3] == (char)((PAGE + 3) & 0xff), "mapping shows the file's bytes");
	memcpy(a + PAGE + 100, "shared-write", 12);
	CHECK(!memcmp(b + PAGE + 100, "shared-write", 12), "second mapping misses the write");
	CHECK(pread(fd, buf, 12, PAGE + 100) == 12 && !memcmp(buf, "shared-write", 12),
	      "pread misses the shared write");
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		int fd2 = open(path, O_RDWR);
		char *c = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0);

		if (c == MAP_FAILED || memcmp(c + PAGE + 100, "shared-write", 12))
			_exit(1);
		memcpy(c + 3 * PAGE, "from-child", 10);	/* another process's mapping */
		_exit(msync(c, 4 * PAGE, MS_SYNC) == 0 ? 0 : 2);
	}
	st = wait_child(pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "another process's mapping (%s)", status_text(st));
	CHECK(!memcmp(a + 3 * PAGE, "from-child", 10), "the child's shared write is not seen");
	CHECK(msync(a, 4 * PAGE, MS_SYNC) == 0, "msync");
	munmap(a, 4 * PAGE);
	munmap(b, 4 * PAGE);
	close(fd);
	fd = open(path, O_RDONLY);
	CHECK(pread(fd, buf, 10, 3 * PAGE) == 10 && !memcmp(buf, "from-child", 10),
	      "the write is not in the file after munmap and reopen");
	close(fd);
	unlink(path);
	PASS();
}

/* mmap_private: private writes are copies; the file and shared mappers never see them. */
static void t_mmap_private(void)
{
	const char *path = scratch_path("private");
	int fd = make_file(path, 4, 7);
	char *priv, *shr, buf[8];

	priv = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	shr = mmap(NULL, 4 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(priv != MAP_FAILED && shr != MAP_FAILED, "mmap");
	CHECK(priv[2 * PAGE] == (char)((2 * PAGE + 7) & 0xff), "private mapping shows the file");
	memcpy(priv + 2 * PAGE, "private", 7);
	CHECK(!memcmp(priv + 2 * PAGE, "private", 7), "private write not kept");
	CHECK(memcmp(shr + 2 * PAGE, "private", 7), "a shared mapper sees the private write");
	msync(priv, 4 * PAGE, MS_SYNC);
	munmap(priv, 4 * PAGE);
	CHECK(pread(fd, buf, 7, 2 * PAGE) == 7 && memcmp(buf, "private", 7),
	      "the private write reached the file");
	CHECK(buf[0] == (char)((2 * PAGE + 7) & 0xff), "the file changed");
	munmap(shr, 4 * PAGE);
	close(fd);
	unlink(path);
	PASS();
}

/* mmap_write_visible: data written with write() shows in an existing MAP_SHARED mapping. */
static void t_mmap_write_visible(void)
{
	const char *path = scratch_path("wvis");
	int fd = make_file(path, 2, 0);
	char *m = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);

	CHECK(m != MAP_FAILED, "mmap");
	CHECK(m[PAGE + 1] == (char)((PAGE + 1) & 0xff), "fault in the page first");
	CHECK(pwrite(fd, "by-write", 8, PAGE + 1) == 8, "pwrite");
	CHECK(!memcmp(m + PAGE + 1, "by-write", 8), "the mapping misses the write()");
	CHECK(lseek(fd, 10, SEEK_SET) == 10 && write(fd, "second", 6) == 6, "write");
	CHECK(!memcmp(m + 10, "second", 6), "the mapping misses the second write()");
	munmap(m, 2 * PAGE);
	close(fd);
	unlink(path);
	PASS();
}

/* own_mapping_write: the two pwrites of t_write_from_own_mapping on a file at PATH. */
static void own_mapping_write(const char *path)
{
	int fd = make_file(path, 2, 0);
	char *m = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	char want[100];

	CHECK(m != MAP_FAILED, "mmap %s", path);
	for (int i = 0; i < 100; i++)
		want[i] = (char)((10 + i) & 0xff);
	CHECK(pwrite(fd, m + 10, 100, 200) == 100, "pwrite from its own page (%s)", path);
	CHECK(!memcmp(m + 200, want, 100), "the page lacks the bytes written (%s)", path);
	for (int i = 0; i < 100; i++)
		want[i] = (char)((PAGE - 50 + i) & 0xff);
	CHECK(pwrite(fd, m + PAGE - 50, 100, PAGE - 150) == 100, "pwrite across pages (%s)", path);
	CHECK(!memcmp(m + PAGE - 150, want, 100), "the bytes written across pages are wrong (%s)", path);
	munmap(m, 2 * PAGE);
	close(fd);
	unlink(path);
}

/*
 * write() whose source is a mapping of the very page it writes, not yet
 * faulted in: the copy faults while write_begin holds that page's lock.
 * The source must be faulted in before the lock is taken (and a short
 * copy retried), or the fault would wait for the lock its own write holds.
 * On the scratch folder (tmpfs) and on the root (ext2, buffer heads).
 */
static void t_write_from_own_mapping(void)
{
	own_mapping_write(scratch_path("wself"));
	if (access("/", W_OK) == 0)
		own_mapping_write("/.usertests-wself");
	PASS();
}

/* in_child: run FN(ARG) in a child that exits 0 after it; return its wait status. */
static int in_child(void (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	return wait_child(pid);
}

static void touch_byte(void *p)
{
	*(volatile char *)p = 1;
}

static void read_byte(void *p)
{
	(void)*(volatile char *)p;
}

/* munmap_middle: unmapping the middle of a range keeps both sides; the hole faults. */
static void t_munmap_middle(void)
{
	char *p = map_anon(5);
	int st;

	for (int i = 0; i < 5; i++)
		p[i * PAGE] = (char)('a' + i);
	CHECK(munmap(p + 2 * PAGE, PAGE) == 0, "munmap the middle page");
	CHECK(p[0] == 'a' && p[PAGE] == 'b' && p[3 * PAGE] == 'd' && p[4 * PAGE] == 'e',
	      "the pages around the hole lost their data");
	st = in_child(read_byte, p + 2 * PAGE);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "reading the hole: %s, not SIGSEGV", status_text(st));
	st = in_child(touch_byte, p + 4 * PAGE);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "writing past the hole: %s", status_text(st));
	CHECK(munmap(p, 5 * PAGE) == 0, "munmap over the hole");
	PASS();
}

static volatile void *segv_addr;
static volatile int segv_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	segv_addr = si->si_addr;
	segv_code = si->si_code;
	_exit(si->si_addr == segv_addr && sig == SIGSEGV ? 42 : 43);
}

/* write_with_handler: in a child, write to ARG with a SIGSEGV handler that reports si_addr. */
static void write_with_handler(void *p)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	*(volatile char *)p = 1;
	_exit(1);
}

/* mprotect_segv: a write to a read-only page kills a child with SIGSEGV; the parent goes on. */
static void t_mprotect_segv(void)
{
	char *p = map_anon(3);
	int st;

	memset(p, 'x', 3 * PAGE);
	CHECK(mprotect(p + PAGE, PAGE, PROT_READ) == 0, "mprotect");
	st = in_child(touch_byte, p + PAGE + 8);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "write to a read-only page: %s", status_text(st));
	st = in_child(write_with_handler, p + PAGE + 8);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42, "SA_SIGINFO SIGSEGV handler: %s", status_text(st));
	CHECK(p[PAGE + 8] == 'x', "the read-only page changed");
	p[0] = 'y';
	p[2 * PAGE] = 'z';	/* both neighbours stay writable */
	CHECK(mprotect(p + PAGE, PAGE, PROT_NONE) == 0, "mprotect PROT_NONE");
	st = in_child(read_byte, p + PAGE);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "read of a PROT_NONE page: %s", status_text(st));
	CHECK(mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE) == 0, "mprotect back");
	p[PAGE] = 'w';
	CHECK(p[PAGE] == 'w' && p[PAGE + 8] == 'x', "the page after mprotect back");
	PASS();
}

/* ---- bad pointers -------------------------------------------------------------- */

/* efault_errno: errno of a syscall expected to fail, or 0 if it succeeded. */
static int efault_errno(long r)
{
	return r < 0 ? errno : 0;
}

/* efault: bad user pointers to read/write/stat/execve give EFAULT, not a crash. */
static void t_efault(void)
{
	void *const bad[] = {
		(void *)8,				/* the unmapped page 0 */
		(void *)0xffffffc000000000UL,		/* rivet's linear map: kernel memory */
		(void *)-4096L,
	};
	char *ro = map_anon(1);
	int p[2], e;
	struct stat st;

	CHECK(pipe(p) == 0, "pipe");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(write(p[1], "data", 4) == 4, "write to pipe");
		e = efault_errno(syscall(SYS_read, p[0], bad[i], 4));
		CHECK(e == EFAULT, "read into %p: errno %d", bad[i], e);
		e = efault_errno(syscall(SYS_write, p[1], bad[i], 4));
		CHECK(e == EFAULT, "write from %p: errno %d", bad[i], e);
		e = efault_errno(syscall(SYS_newfstatat, AT_FDCWD, bad[i], &st, 0));
		CHECK(e == EFAULT, "stat of name %p: errno %d", bad[i], e);
		e = efault_errno(syscall(SYS_newfstatat, AT_FDCWD, "/", bad[i], 0));
		CHECK(e == EFAULT, "stat into %p: errno %d", bad[i], e);
		e = efault_errno(syscall(SYS_execve, bad[i], NULL, NULL));
		CHECK(e == EFAULT, "execve of name %p: errno %d", bad[i], e);
		char *argv_bad[] = { "x", bad[i], NULL };
		e = efault_errno(syscall(SYS_execve, path_in(bindir, "hello"), argv_bad, NULL));
		CHECK(e == EFAULT, "execve with argv[1] %p: errno %d", bad[i], e);
		char buf[8];
		CHECK(read(p[0], buf, 4) == 4, "the pipe's data after failed reads");
	}
	/* A read-only buffer: read(2) into it fails; the data stays in the pipe. */
	CHECK(mprotect(ro, PAGE, PROT_READ) == 0, "mprotect");
	CHECK(write(p[1], "abcd", 4) == 4, "write");
	e = efault_errno(syscall(SYS_read, p[0], ro, 4));
	CHECK(e == EFAULT, "read into a read-only page: errno %d", e);
	PASS();
}

/* ---- exec ---------------------------------------------------------------------- */

/* exec_big: exec of a 5 MiB static binary that runs every text page and reads all its data. */
static void t_exec_big(void)
{
	struct stat st;
	int status;
	pid_t pid;

	CHECK(stat(path_in(bindir, "bigbin"), &st) == 0, "stat %s", path_in(bindir, "bigbin"));
	CHECK(st.st_size > 4 << 20, "bigbin is only %lld bytes", (long long)st.st_size);
	fflush(stdout);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		exec_helper("bigbin", NULL);
		_exit(127);
	}
	status = wait_child(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "bigbin: %s", status_text(status));
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		exec_helper("hello", "23");
		_exit(127);
	}
	status = wait_child(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 23, "hello 23: %s", status_text(status));
	PASS();
}

/* exec_errors: ENOENT, EACCES and ENOEXEC as Linux gives them; the caller lives on. */
static void t_exec_errors(void)
{
	const char *noexec = scratch_path("noexec"), *garbage = scratch_path("garbage");
	char *argv[] = { "x", NULL };
	int fd;

	errno = 0;
	CHECK(execv(path_in(scratch, "no-such-program"), argv) < 0 && errno == ENOENT, "ENOENT");
	fd = open(noexec, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0 && write(fd, "\177ELF", 4) == 4, "make %s", noexec);
	close(fd);
	errno = 0;
	CHECK(execv(noexec, argv) < 0 && errno == EACCES, "exec of a file without x bits: EACCES");
	fd = open(garbage, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	CHECK(fd >= 0 && write(fd, "\177ELF\2\1\1garbage-not-an-elf-file", 30) == 30, "make %s", garbage);
	close(fd);
	errno = 0;
	CHECK(execv(garbage, argv) < 0 && errno == ENOEXEC, "exec of a bad ELF: ENOEXEC");
	CHECK(execv(scratch, argv) < 0 && errno == EACCES, "exec of a directory: EACCES");
	unlink(noexec);
	unlink(garbage);
	PASS();
}

/* ---- pipes ------------------------------------------------------------------- */

/* pipe_data: 1 MiB through a pipe between processes, in order and complete. */
static void t_pipe_data(void)
{
	static unsigned char buf[65536];
	const size_t total = 1 << 20;
	int p[2], st;
	size_t got = 0;
	pid_t pid;

	CHECK(pipe(p) == 0, "pipe");
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		close(p[0]);
		for (size_t off = 0; off < total; off += 1000) {
			unsigned char b[1000];
			size_t n = total - off < 1000 ? total - off : 1000;

			for (size_t i = 0; i < n; i++)
				b[i] = (unsigned char)((off + i) * 7);
			if (write(p[1], b, n) != (ssize_t)n)
				_exit(1);
		}
		_exit(0);
	}
	close(p[1]);
	for (;;) {
		ssize_t n = read(p[0], buf, sizeof(buf));

		CHECK(n >= 0, "read");
		if (n == 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			CHECK(buf[i] == (unsigned char)((got + i) * 7), "byte %zu wrong", got + i);
		got += n;
	}
	CHECK(got == total, "read %zu of %zu bytes", got, total);
	st = wait_child(pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "writer: %s", status_text(st));
	PASS();
}

/* pipe_full: a non-blocking write to a full pipe gives EAGAIN; everything written reads back. */
static void t_pipe_full(void)
{
	char buf[512], c;
	size_t written = 0, got = 0;
	int p[2];
	ssize_t n;

	CHECK(pipe2(p, O_NONBLOCK) == 0, "pipe2 O_NONBLOCK");
	errno = 0;
	c = 'r';
	n = read(p[0], &c, 1);
	CHECK(n < 0 && errno == EAGAIN, "read of an empty non-blocking pipe: EAGAIN");
	for (;;) {
		memset(buf, (int)(written / sizeof(buf)) & 0x7f, sizeof(buf));
		n = write(p[1], buf, sizeof(buf));
		if (n < 0)
			break;
		written += n;
		CHECK(written < (64 << 20), "the pipe never fills");
	}
	CHECK(errno == EAGAIN, "write to a full pipe: errno %d, not EAGAIN", errno);
	CHECK(written >= 4096, "a pipe holds only %zu bytes", written);
	while ((n = read(p[0], buf, sizeof(buf))) > 0)
		got += n;
	CHECK(got == written, "read back %zu of %zu bytes", got, written);
	PASS();
}

/* pipe_sigpipe: writing to a pipe with no reader raises SIGPIPE, or EPIPE if ignored. */
static void t_pipe_sigpipe(void)
{
	int p[2], st;
	pid_t pid;

	CHECK(pipe(p) == 0, "pipe");
	close(p[0]);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		(void)!write(p[1], "x", 1);
		_exit(0);
	}
	st = wait_child(pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE, "writer: %s, not SIGPIPE", status_text(st));
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	CHECK(write(p[1], "x", 1) < 0 && errno == EPIPE, "write with SIGPIPE ignored: EPIPE");
	PASS();
}

/* ---- signals ------------------------------------------------------------------ */

static volatile sig_atomic_t got_sig, got_code, got_pid, got_value, depth, max_depth, raises, calls;

static void on_info(int sig, siginfo_t *si, void *uc)
{
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
	got_value = si->si_value.sival_int;
}

/* sig_siginfo: SA_SIGINFO handlers get si_signo, si_code (SI_USER, SI_TKILL, SI_QUEUE), si_pid, si_value. */
static void t_sig_siginfo(void)
{
	struct sigaction sa;
	union sigval v = { .sival_int = 1234 };

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction");
	CHECK(kill(getpid(), SIGUSR1) == 0, "kill");
	CHECK(got_sig == SIGUSR1 && got_code == SI_USER && got_pid == getpid(),
	      "kill: sig %d code %d pid %d", got_sig, got_code, got_pid);
	got_sig = 0;
	CHECK(syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1) == 0, "tgkill");
	CHECK(got_sig == SIGUSR1 && got_code == SI_TKILL && got_pid == getpid(),
	      "tgkill: sig %d code %d pid %d", got_sig, got_code, got_pid);
	/* rt_sigqueueinfo is not on issue 8's list: ENOSYS is allowed. */
	got_sig = 0;
	if (sigqueue(getpid(), SIGUSR1, v) == 0)
		CHECK(got_sig == SIGUSR1 && got_code == SI_QUEUE && got_value == 1234,
		      "sigqueue: sig %d code %d value %d", got_sig, got_code, got_value);
	else
		CHECK(errno == ENOSYS, "sigqueue");
	PASS();
}

static void on_plain(int sig)
{
	got_sig = sig;
}

/* blocked_read: read(2) of a pipe a child fills after 400 ms, a 50 ms timer firing first (its handler installed with FLAGS); ERR gets errno. */
static ssize_t blocked_read(int flags, int *err)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	int p[2];
	char c;
	ssize_t n;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_plain;
	sa.sa_flags = flags;
	CHECK(sigaction(SIGALRM, &sa, NULL) == 0, "sigaction");
	CHECK(pipe(p) == 0, "pipe");
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		usleep(400000);
		(void)!write(p[1], "z", 1);
		_exit(0);
	}
	got_sig = 0;
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0, "setitimer");
	n = read(p[0], &c, 1);
	*err = errno;
	wait_child(pid);
	close(p[0]);
	close(p[1]);
	return n;
}

/* sig_restart: SA_RESTART resumes an interrupted read; without it read fails with EINTR. */
static void t_sig_restart(void)
{
	int err;
	ssize_t n;

	n = blocked_read(SA_RESTART, &err);
	CHECK(got_sig == SIGALRM, "the timer's handler did not run");
	CHECK(n == 1, "SA_RESTART: read gave %zd (errno %d)", n, err);
	n = blocked_read(0, &err);
	CHECK(got_sig == SIGALRM, "the timer's handler did not run");
	CHECK(n < 0 && err == EINTR, "without SA_RESTART: read gave %zd errno %d, not EINTR", n, err);
	PASS();
}

/* sig_mask: a blocked signal waits in sigpending and is delivered once on unblock. */
static void t_sig_mask(void)
{
	sigset_t set, old, pend;
	int count_before;

	signal(SIGUSR2, on_plain);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CHECK(sigprocmask(SIG_BLOCK, &set, &old) == 0, "sigprocmask");
	got_sig = 0;
	raise(SIGUSR2);
	raise(SIGUSR2);
	CHECK(got_sig == 0, "a blocked signal was delivered");
	CHECK(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR2), "not in sigpending");
	count_before = got_sig;
	CHECK(sigprocmask(SIG_SETMASK, &old, NULL) == 0, "unblock");
	CHECK(count_before == 0 && got_sig == SIGUSR2, "not delivered on unblock");
	CHECK(sigpending(&pend) == 0 && !sigismember(&pend, SIGUSR2), "still pending after delivery");
	/* SIGKILL and SIGSTOP cannot be blocked or caught. */
	sigfillset(&set);
	CHECK(sigprocmask(SIG_SETMASK, &set, NULL) == 0, "block all");
	CHECK(sigprocmask(SIG_SETMASK, NULL, &pend) == 0 && !sigismember(&pend, SIGKILL) &&
	      !sigismember(&pend, SIGSTOP), "SIGKILL or SIGSTOP blocked");
	errno = 0;
	CHECK(signal(SIGKILL, on_plain) == SIG_ERR && errno == EINVAL, "a handler for SIGKILL: EINVAL");
	PASS();
}

static void on_nested(int sig)
{
	sigset_t cur;

	calls++;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	sigprocmask(SIG_SETMASK, NULL, &cur);
	got_value = sigismember(&cur, sig);	/* is SIG blocked inside its own handler? */
	if (depth == 1 && !raises) {
		raises = 1;
		raise(sig);	/* once: nests with SA_NODEFER, else waits for the return */
	}
	depth--;
}

/* sig_nodefer_resethand: SA_NODEFER lets a handler nest; SA_RESETHAND runs it once. */
static void t_sig_nodefer_resethand(void)
{
	struct sigaction sa, cur;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_nested;
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction");
	max_depth = raises = calls = 0;
	raise(SIGUSR1);
	CHECK(max_depth == 1 && calls == 2, "without SA_NODEFER: depth %d, %d calls (want 1, 2)",
	      max_depth, calls);
	CHECK(got_value == 1, "without SA_NODEFER the signal is not blocked in its handler");
	sa.sa_flags = SA_NODEFER;
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction SA_NODEFER");
	max_depth = raises = calls = 0;
	raise(SIGUSR1);
	CHECK(max_depth == 2 && calls == 2, "SA_NODEFER: depth %d, %d calls (want 2, 2)", max_depth, calls);
	CHECK(got_value == 0, "SA_NODEFER: the signal was blocked in its handler");

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_plain;
	sa.sa_flags = SA_RESETHAND;
	CHECK(sigaction(SIGUSR2, &sa, NULL) == 0, "sigaction SA_RESETHAND");
	got_sig = 0;
	raise(SIGUSR2);
	CHECK(got_sig == SIGUSR2, "SA_RESETHAND handler did not run");
	CHECK(sigaction(SIGUSR2, NULL, &cur) == 0 && cur.sa_handler == SIG_DFL,
	      "SA_RESETHAND: the handler is still installed");
	PASS();
}

static char *alt_base;
static volatile sig_atomic_t on_alt;

static void on_altstack(int sig)
{
	char local;
	stack_t ss;

	on_alt = &local > alt_base && &local < alt_base + SIGSTKSZ * 4;
	if (sigaltstack(NULL, &ss) == 0 && !(ss.ss_flags & SS_ONSTACK))
		on_alt = 0;
}

static void on_overflow(int sig)
{
	_exit(77);
}

/* recurse: use up the stack (LIMIT only keeps the compiler from calling it endless). */
static int recurse(volatile char *prev, long limit)
{
	volatile char big[4096];

	big[0] = prev ? prev[0] + 1 : 0;
	if (limit == 0)
		return big[0];
	return recurse(big, limit - 1) + big[100];
}

/* sigaltstack: SA_ONSTACK handlers run on the alternate stack, even after a stack overflow. */
static void t_sigaltstack(void)
{
	struct sigaction sa;
	stack_t ss = { 0 };
	int st;
	pid_t pid;

	alt_base = malloc(SIGSTKSZ * 4);
	CHECK(alt_base != NULL, "malloc");
	ss.ss_sp = alt_base;
	ss.ss_size = SIGSTKSZ * 4;
	CHECK(sigaltstack(&ss, NULL) == 0, "sigaltstack");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_altstack;
	sa.sa_flags = SA_ONSTACK;
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction");
	raise(SIGUSR1);
	CHECK(on_alt, "the handler did not run on the alternate stack");
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		struct rlimit rl = { 1 << 20, 1 << 20 };

		setrlimit(RLIMIT_STACK, &rl);	/* a quick overflow */
		sa.sa_handler = on_overflow;
		sa.sa_flags = SA_ONSTACK;
		sigaction(SIGSEGV, &sa, NULL);
		recurse(NULL, LONG_MAX);
		_exit(1);
	}
	st = wait_child(pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 77, "stack overflow with an alternate stack: %s",
	      status_text(st));
	PASS();
}

/* wait_exit: WIFEXITED and WEXITSTATUS; WIFSIGNALED and WTERMSIG for a SIGTERM. */
static void t_wait_exit(void)
{
	int st;
	pid_t pid;

	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0)
		_exit(7);
	st = wait_child(pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7 && !WIFSIGNALED(st), "exit 7: %s", status_text(st));
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGTERM);
	st = wait_child(pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM && !WIFEXITED(st), "SIGTERM: %s", status_text(st));
	PASS();
}

/* wait_stop_cont: WIFSTOPPED with WUNTRACED after SIGSTOP, WIFCONTINUED with WCONTINUED after SIGCONT. */
static void t_wait_stop_cont(void)
{
	struct rusage ru;
	int st;
	pid_t pid, r;

	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		raise(SIGSTOP);
		_exit(3);
	}
	do
		r = wait4(pid, &st, WUNTRACED, &ru);
	while (r < 0 && errno == EINTR);
	CHECK(r == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "WUNTRACED: status 0x%x", st);
	CHECK(kill(pid, SIGCONT) == 0, "SIGCONT");
	do
		r = waitpid(pid, &st, WCONTINUED);
	while (r < 0 && errno == EINTR);
	CHECK(r == pid && WIFCONTINUED(st), "WCONTINUED: status 0x%x", st);
	st = wait_child(pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3, "after SIGCONT: %s", status_text(st));
	PASS();
}

/* wait_nohang: ECHILD without children; WNOHANG returns 0 while the child runs. */
static void t_wait_nohang(void)
{
	int st;
	pid_t pid;

	CHECK(waitpid(-1, &st, WNOHANG) < 0 && errno == ECHILD, "no children: ECHILD");
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		usleep(100000);
		_exit(0);
	}
	CHECK(waitpid(pid, &st, WNOHANG) == 0, "WNOHANG with a running child returns 0");
	st = wait_child(pid);
	CHECK(WIFEXITED(st), "%s", status_text(st));
	PASS();
}

/* ---- files ------------------------------------------------------------------- */

/* dir_has: whether getdents64 on DIR lists NAME. */
static int dir_has(const char *dir, const char *name)
{
	char buf[4096];
	int fd = open(dir, O_RDONLY | O_DIRECTORY), found = 0;
	long n;

	CHECK(fd >= 0, "open %s", dir);
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct { uint64_t ino; int64_t off; unsigned short reclen; unsigned char type; char name[]; }
				*d = (void *)(buf + off);

			if (!strcmp(d->name, name))
				found = 1;
			off += d->reclen;
		}
	}
	CHECK(n == 0, "getdents64");
	close(fd);
	return found;
}

/* file_ops: open/read/write/lseek/fstat/ftruncate/rename/unlink/mkdir/rmdir/getdents64. */
static void t_file_ops(void)
{
	const char *dir = scratch_path("dir");
	const char *f = path_in(dir, "f"), *g = path_in(dir, "g");
	char buf[64];
	struct stat st;
	int fd;

	CHECK(mkdir(dir, 0755) == 0, "mkdir");
	CHECK(mkdir(dir, 0755) < 0 && errno == EEXIST, "mkdir again: EEXIST");
	fd = open(f, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0, "create");
	CHECK(open(f, O_RDWR | O_CREAT | O_EXCL, 0600) < 0 && errno == EEXIST, "O_EXCL: EEXIST");
	CHECK(write(fd, "hello, world", 12) == 12, "write");
	CHECK(lseek(fd, 7, SEEK_SET) == 7 && read(fd, buf, 5) == 5 && !memcmp(buf, "world", 5), "lseek+read");
	CHECK(lseek(fd, -5, SEEK_END) == 7 && lseek(fd, 2, SEEK_CUR) == 9, "SEEK_END, SEEK_CUR");
	CHECK(lseek(fd, 100, SEEK_SET) == 100 && write(fd, "!", 1) == 1, "write past the end");
	CHECK(fstat(fd, &st) == 0 && st.st_size == 101 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600,
	      "fstat: size %lld mode %o", (long long)st.st_size, st.st_mode);
	CHECK(pread(fd, buf, 4, 50) == 4 && !memcmp(buf, "\0\0\0\0", 4), "the hole reads zeros");
	CHECK(ftruncate(fd, 5) == 0 && fstat(fd, &st) == 0 && st.st_size == 5, "ftruncate shrink");
	CHECK(ftruncate(fd, 8192) == 0 && pread(fd, buf, 8, 4) == 8 && buf[0] == 'o' && buf[1] == 0,
	      "ftruncate grow reads zeros");
	CHECK(pread(fd, buf, 64, 8192) == 0, "read at the end gives 0");
	close(fd);
	CHECK(rename(f, g) == 0, "rename");
	CHECK(stat(f, &st) < 0 && errno == ENOENT, "old name gone: ENOENT");
	CHECK(stat(g, &st) == 0 && st.st_size == 8192, "new name");
	CHECK(dir_has(dir, "g") && !dir_has(dir, "f") && dir_has(dir, "."), "getdents64 lists g only");
	CHECK(rmdir(dir) < 0 && errno == ENOTEMPTY, "rmdir of a full directory: ENOTEMPTY");
	fd = open(g, O_RDONLY);
	CHECK(fd >= 0 && unlink(g) == 0, "unlink an open file");
	CHECK(read(fd, buf, 5) == 5 && !memcmp(buf, "hello", 5), "an unlinked open file stays readable");
	close(fd);
	CHECK(unlink(g) < 0 && errno == ENOENT, "unlink again: ENOENT");
	CHECK(rmdir(dir) == 0, "rmdir");
	CHECK(open(f, O_RDONLY) < 0 && errno == ENOENT, "open in a removed directory: ENOENT");
	PASS();
}

/* ---- threads ------------------------------------------------------------------- */

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static uint32_t futex_word;

static void *count_up(void *arg)
{
	for (int i = 0; i < 20000; i++) {
		pthread_mutex_lock(&counter_lock);
		counter++;
		pthread_mutex_unlock(&counter_lock);
	}
	return arg;
}

static void *futex_waker(void *arg)
{
	usleep(100000);
	__atomic_store_n(&futex_word, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, &futex_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	return NULL;
}

/* threads: 4 pthreads created and joined (their return values), counting to 80000 under a mutex. */
static void t_threads(void)
{
	pthread_t t[4];
	void *ret;

	for (long i = 0; i < 4; i++)
		CHECK(pthread_create(&t[i], NULL, count_up, (void *)i) == 0, "pthread_create");
	for (long i = 0; i < 4; i++)
		CHECK(pthread_join(t[i], &ret) == 0 && ret == (void *)i, "pthread_join");
	CHECK(counter == 80000, "counter %ld, not 80000", counter);
	PASS();
}

/* futex: raw FUTEX_WAIT with a timeout (ETIMEDOUT), on a changed value (EAGAIN), woken by a thread. */
static void t_futex(void)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	pthread_t t;
	long r;

	errno = 0;
	r = syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, 0, &ts, NULL, 0);
	CHECK(r < 0 && errno == ETIMEDOUT, "FUTEX_WAIT timeout: ETIMEDOUT");
	r = syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, 5, NULL, NULL, 0);
	CHECK(r < 0 && errno == EAGAIN, "FUTEX_WAIT on a changed value: EAGAIN");
	CHECK(pthread_create(&t, NULL, futex_waker, NULL) == 0, "pthread_create");
	while (__atomic_load_n(&futex_word, __ATOMIC_SEQ_CST) == 0) {
		r = syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
		CHECK(r == 0 || errno == EAGAIN || errno == EINTR, "FUTEX_WAIT");
	}
	CHECK(pthread_join(t, NULL) == 0, "join the waker");
	PASS();
}

/* ---- resource limits ----------------------------------------------------------- */

/* mem_available_kb: MemAvailable (else MemFree) of /proc/meminfo, in kB. */
static long long mem_available_kb(void)
{
	long long v = proc_value("/proc/meminfo", "MemAvailable:");

	return v >= 0 ? v : proc_value("/proc/meminfo", "MemFree:");
}

/*
 * fork_bomb: forking until fork fails ends with EAGAIN (RLIMIT_NPROC, set in
 * a child that drops to uid nobody when it is root, as Linux ignores the
 * limit for root); once every child is killed the memory comes back.
 */
static void t_fork_bomb(void)
{
	enum { LIMIT = 64 };
	long long before = mem_available_kb(), after;
	int st, p[2];
	char c;
	pid_t boss;

	CHECK(pipe(p) == 0, "pipe");
	boss = fork();
	CHECK(boss >= 0, "fork");
	if (boss == 0) {
		struct rlimit rl = { LIMIT, LIMIT };
		pid_t kids[LIMIT * 2];
		int n = 0, err = 0;

		if (getuid() == 0 && (setgid(65534) < 0 || setuid(65534) < 0))
			_exit(10);
		if (setrlimit(RLIMIT_NPROC, &rl) < 0)
			_exit(11);
		while (n < LIMIT * 2) {
			pid_t k = fork();

			if (k < 0) {
				err = errno;
				break;
			}
			if (k == 0) {
				for (;;)
					pause();
			}
			kids[n++] = k;
		}
		for (int i = 0; i < n; i++)
			kill(kids[i], SIGKILL);
		for (int i = 0; i < n; i++)
			waitpid(kids[i], NULL, 0);
		(void)!write(p[1], &c, 1);
		_exit(err == EAGAIN ? 0 : n >= LIMIT * 2 ? 12 : 13);
	}
	close(p[1]);
	(void)!read(p[0], &c, 1);
	st = wait_child(boss);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) != 10 && WEXITSTATUS(st) != 11,
	      "could not set up (drop to nobody, set RLIMIT_NPROC): %s", status_text(st));
	CHECK(WEXITSTATUS(st) != 12, "%d forks past RLIMIT_NPROC %d without a failure", LIMIT * 2, LIMIT);
	CHECK(WEXITSTATUS(st) == 0, "fork failed, but not with EAGAIN");
	usleep(200000);
	after = mem_available_kb();
	if (before >= 0 && after >= 0)
		CHECK(after >= before - 2048 - before / 100,
		      "memory not back after the bomb: %lld kB before, %lld kB after", before, after);
	/* the kernel (and this process) still forks */
	boss = fork();
	CHECK(boss >= 0, "fork after the bomb");
	if (boss == 0)
		_exit(0);
	wait_child(boss);
	PASS();
}

/* oom: a child touching memory without end is killed by SIGKILL; the parent lives on. */
static void t_oom(void)
{
	long long total = proc_value("/proc/meminfo", "MemTotal:");
	int st;
	pid_t pid;

	CHECK(total > 0, "no MemTotal in /proc/meminfo");
	if (total > (4LL << 20) && !getenv("USERTESTS_OOM"))
		SKIP("MemTotal %lld MiB: too much to exhaust here (USERTESTS_OOM=1 forces it)", total >> 10);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		const size_t chunk = 16 << 20;

		for (;;) {
			char *p = mmap(NULL, chunk, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

			if (p == MAP_FAILED)
				_exit(2);	/* refused rather than killed */
			for (size_t i = 0; i < chunk; i += PAGE)
				p[i] = 1;
		}
	}
	st = wait_child(pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "the hog ended with %s, not SIGKILL", status_text(st));
	pid = fork();
	CHECK(pid >= 0, "fork after the OOM kill");
	if (pid == 0)
		_exit(0);
	wait_child(pid);
	PASS();
}

/* ---- the table and the runner ----------------------------------------------- */

/* The harness's own checks, run only when named: a hang and a crash must FAIL. */
static void t_selftest_hang(void)
{
	for (;;)
		pause();
}

static void t_selftest_crash(void)
{
	volatile uintptr_t bad = 8;

	*(volatile int *)bad = 1;
}

struct test {
	const char *name;
	void (*fn)(void);
	int timeout;		/* seconds; 0: TEST_TIMEOUT; < 0: run only when named */
};

static const struct test tests[] = {
	{ "fork_cow", t_fork_cow, 0 },
	{ "cow_vmstat", t_cow_vmstat, 0 },
	{ "demand_paging", t_demand_paging, 0 },
	{ "zero_page", t_zero_page, 0 },
	{ "brk", t_brk, 0 },
	{ "mmap_shared", t_mmap_shared, 0 },
	{ "mmap_private", t_mmap_private, 0 },
	{ "mmap_write_visible", t_mmap_write_visible, 0 },
	{ "write_from_own_mapping", t_write_from_own_mapping, 0 },
	{ "munmap_middle", t_munmap_middle, 0 },
	{ "mprotect_segv", t_mprotect_segv, 0 },
	{ "efault", t_efault, 0 },
	{ "exec_big", t_exec_big, 0 },
	{ "exec_errors", t_exec_errors, 0 },
	{ "pipe_data", t_pipe_data, 0 },
	{ "pipe_full", t_pipe_full, 0 },
	{ "pipe_sigpipe", t_pipe_sigpipe, 0 },
	{ "sig_siginfo", t_sig_siginfo, 0 },
	{ "sig_restart", t_sig_restart, 0 },
	{ "sig_mask", t_sig_mask, 0 },
	{ "sig_nodefer_resethand", t_sig_nodefer_resethand, 0 },
	{ "sigaltstack", t_sigaltstack, 0 },
	{ "wait_exit", t_wait_exit, 0 },
	{ "wait_stop_cont", t_wait_stop_cont, 0 },
	{ "wait_nohang", t_wait_nohang, 0 },
	{ "file_ops", t_file_ops, 0 },
	{ "threads", t_threads, 0 },
	{ "futex", t_futex, 0 },
	{ "fork_bomb", t_fork_bomb, 0 },
	{ "oom", t_oom, 300 },
	{ "selftest_hang", t_selftest_hang, -3 },
	{ "selftest_crash", t_selftest_crash, -1 },
};

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	alarms++;
}

/*
 * run_test: T in a child of its own process group with an alarm in the
 * parent; prints its line and returns R_OK_, R_FAIL or R_SKIP.
 */
static int run_test(int num, const struct test *t)
{
	struct sigaction sa;
	char msg[400] = "";
	int p[2], st = 0, code, timed_out, unkillable;
	int timeout = t->timeout > 0 ? t->timeout : t->timeout < 0 ? -t->timeout : TEST_TIMEOUT;
	ssize_t n, len;
	pid_t pid, r;

	fflush(stdout);
	if (pipe(p) < 0) {
		printf("FAIL %d %s: pipe: %s\n", num, t->name, strerror(errno));
		return R_FAIL;
	}
	pid = fork();
	if (pid < 0) {
		printf("FAIL %d %s: fork: %s\n", num, t->name, strerror(errno));
		close(p[0]);
		close(p[1]);
		return R_FAIL;
	}
	if (pid == 0) {
		setpgid(0, 0);
		close(p[0]);
		result_fd = p[1];
		t->fn();
		FAIL("the test returned without a result");
	}
	setpgid(pid, pid);
	close(p[1]);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: the wait is interrupted */
	alarms = 0;
	alarm(timeout);
	/* One message, in one write (finish); EOF if the test died first. */
	while ((n = read(p[0], msg, sizeof(msg) - 1)) < 0 && errno == EINTR && !alarms)
		;
	len = n > 0 ? n : 0;
	if (alarms) {
		kill(-pid, SIGKILL);
		alarm(10);	/* a test that SIGKILL cannot end is given up on */
	}
	while ((r = waitpid(pid, &st, 0)) < 0 && errno == EINTR && alarms < 2) {
		kill(-pid, SIGKILL);	/* the alarm fired while waiting */
		alarm(10);
	}
	alarm(0);
	close(p[0]);
	kill(-pid, SIGKILL);	/* whatever the test left behind */
	timed_out = alarms > 0;
	unkillable = r != pid;
	msg[len] = '\0';
	code = len > 0 ? msg[0] : R_FAIL;
	if (timed_out)
		printf("FAIL %d %s: timed out after %d s%s\n", num, t->name, timeout,
		       unkillable ? " (and SIGKILL did not end it)" : "");
	else if (len == 0)
		printf("FAIL %d %s: died with %s\n", num, t->name, r == pid ? status_text(st) : "no status");
	else if (code == R_OK_)
		printf("ok %d %s\n", num, t->name);
	else
		printf("%s %d %s: %s\n", code == R_SKIP ? "skip" : "FAIL", num, t->name, msg + 1);
	if (timed_out || (code != R_OK_ && code != R_SKIP))
		code = R_FAIL;
	return code;
}

/* wanted: whether test T is selected by the command line's names (all when none). */
static int wanted(const struct test *t, char **names, int n)
{
	const char *name = t->name;

	if (n == 0)
		return t->timeout >= 0;
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	int opt, count[3] = { 0, 0, 0 }, num = 0;

	while ((opt = getopt(argc, argv, "d:b:x:l")) != -1) {
		switch (opt) {
		case 'd': scratch = optarg; break;
		case 'b': bindir = optarg; break;
		case 'x': wrapper = optarg; break;
		case 'l':
			for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
				printf("%s\n", tests[i].name);
			return 0;
		default:
			fprintf(stderr, "usage: usertests [-d DIR] [-b BINDIR] [-x WRAPPER] [-l] [NAME...]\n");
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_DFL);
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (!wanted(&tests[i], argv + optind, argc - optind))
			continue;
		count[run_test(++num, &tests[i])]++;
	}
	printf("usertests: %d passed, %d failed, %d skipped\n", count[R_OK_], count[R_FAIL], count[R_SKIP]);
	return count[R_FAIL] ? 1 : 0;
}
