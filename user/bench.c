/*
 * /bin/bench: issue 8's user-space benchmark figures (docs/userspace.md),
 * timed with clock_gettime(CLOCK_MONOTONIC), one "bench: NAME VALUE UNIT"
 * line each; figures only, never checked. Under -icount shift=0 QEMU's time
 * counts guest instructions, so they repeat from run to run.
 *   bench [-b BINDIR] [-x WRAPPER] [NAME...]   (BINDIR: where hello is, /bin)
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE	4096UL
#define MiB	(1UL << 20)

static const char *bindir = "/bin";
static const char *wrapper;

/* now_ns: CLOCK_MONOTONIC in nanoseconds. */
static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + t.tv_nsec;
}

/* report: one figure line. */
static void report(const char *name, double value, const char *unit)
{
	printf("bench: %s %.1f %s\n", name, value, unit);
	fflush(stdout);
}

/* map: LEN bytes of private anonymous memory, no huge pages; exits on failure. */
static char *map(size_t len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr, "bench: mmap %zu: %s\n", len, strerror(errno));
		exit(1);
	}
	madvise(p, len, MADV_NOHUGEPAGE);
	return p;
}

/* touch: write one byte in every page of [P, P + LEN). */
static void touch(char *p, size_t len)
{
	for (size_t i = 0; i < len; i += PAGE)
		p[i] = 1;
}

/* b_getppid: ns per null system call. */
static void b_getppid(void)
{
	const int n = 200000;
	uint64_t t = now_ns();

	for (int i = 0; i < n; i++)
		syscall(SYS_getppid);
	report("getppid", (double)(now_ns() - t) / n, "ns/call");
}

/* b_anon_fault: ns per first-write fault, touching 64 MiB. */
static void b_anon_fault(void)
{
	const size_t len = 64 * MiB;
	char *p = map(len);
	uint64_t t = now_ns();

	touch(p, len);
	report("anon_fault", (double)(now_ns() - t) / (len / PAGE), "ns/page");
	munmap(p, len);
}

/* b_zero_fault: ns per read fault mapping the zero page, over 64 MiB. */
static void b_zero_fault(void)
{
	const size_t len = 64 * MiB;
	volatile char *p = map(len);
	unsigned sum = 0;
	uint64_t t = now_ns();

	for (size_t i = 0; i < len; i += PAGE)
		sum += p[i];
	report("zero_page_fault", (double)(now_ns() - t) / (len / PAGE), "ns/page");
	munmap((void *)p, len);
	if (sum)
		printf("bench: zero pages were not zero\n");
}

/* b_cow_break: ns per write fault copying a page shared with a parent, 16 MiB. */
static void b_cow_break(void)
{
	const size_t len = 16 * MiB;
	char *p = map(len);
	int fds[2];
	double ns = 0;
	pid_t pid;

	touch(p, len);
	if (pipe(fds) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		uint64_t t = now_ns();

		touch(p, len);
		ns = (double)(now_ns() - t) / (len / PAGE);
		(void)!write(fds[1], &ns, sizeof(ns));
		_exit(0);
	}
	if (pid > 0 && read(fds[0], &ns, sizeof(ns)) == sizeof(ns))
		report("cow_break", ns, "ns/page");
	if (pid > 0)
		waitpid(pid, NULL, 0);
	close(fds[0]);
	close(fds[1]);
	munmap(p, len);
}

/* fork_wait_us: us per fork + _exit + wait with HEAP bytes of touched memory. */
static double fork_wait_us(size_t heap, int rounds)
{
	char *p = map(heap);
	uint64_t t;

	touch(p, heap);
	t = now_ns();
	for (int i = 0; i < rounds; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid > 0)
			waitpid(pid, NULL, 0);
	}
	t = now_ns() - t;
	munmap(p, heap);
	return (double)t / rounds / 1000.0;
}

static void b_fork(void)
{
	report("fork_exit_wait_16M", fork_wait_us(16 * MiB, 20) / 1000.0, "ms");
	report("fork_exit_wait_64M", fork_wait_us(64 * MiB, 10) / 1000.0, "ms");
}

/* b_fork_exec: us per fork + execve of a small static program + wait. */
static void b_fork_exec(void)
{
	const int rounds = 20;
	char prog[512];
	uint64_t t;

	snprintf(prog, sizeof(prog), "%s/hello", bindir);
	t = now_ns();
	for (int i = 0; i < rounds; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			if (wrapper)
				execl(wrapper, wrapper, prog, (char *)NULL);
			else
				execl(prog, "hello", (char *)NULL);
			_exit(127);
		}
		if (pid > 0)
			waitpid(pid, NULL, 0);
	}
	report("fork_exec_wait", (double)(now_ns() - t) / rounds / 1000.0, "us");
}

/* b_brk: ns per brk() growing the break by one page (untouched). */
static void b_brk(void)
{
	const int n = 4096;
	char *base = (char *)syscall(SYS_brk, 0);
	uint64_t t = now_ns();

	for (int i = 1; i <= n; i++)
		syscall(SYS_brk, base + i * PAGE);
	report("brk_grow", (double)(now_ns() - t) / n, "ns/page");
	syscall(SYS_brk, base);
}

/* b_pipe: MiB/s of 64 MiB through a pipe in 64 KiB writes, to another process. */
static void b_pipe(void)
{
	const size_t total = 64 * MiB, chunk = 64 * 1024;
	char *buf = map(chunk);
	size_t got = 0;
	int fds[2];
	uint64_t t;
	pid_t pid;

	touch(buf, chunk);
	if (pipe(fds) < 0)
		return;
	t = now_ns();
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		for (size_t off = 0; off < total; off += chunk)
			if (write(fds[1], buf, chunk) != (ssize_t)chunk)
				_exit(1);
		_exit(0);
	}
	close(fds[1]);
	for (ssize_t n; (n = read(fds[0], buf, chunk)) > 0;)
		got += n;
	t = now_ns() - t;
	close(fds[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	report("pipe", (double)got / MiB / (t / 1e9), "MiB/s");
}

/* b_memcpy: MiB/s of user memcpy between two touched 16 MiB buffers. */
static void b_memcpy(void)
{
	const size_t len = 16 * MiB;
	const int rounds = 8;
	char *a = map(len), *b = map(len);
	uint64_t t;

	memset(a, 1, len);
	memset(b, 2, len);
	t = now_ns();
	for (int i = 0; i < rounds; i++) {
		memcpy(i & 1 ? a : b, i & 1 ? b : a, len);
		__asm__ volatile("" ::: "memory");
	}
	t = now_ns() - t;
	report("memcpy", (double)len * rounds / MiB / (t / 1e9), "MiB/s");
	munmap(a, len);
	munmap(b, len);
}

struct bench {
	const char *name;
	void (*fn)(void);
};

static const struct bench benches[] = {
	{ "getppid", b_getppid },
	{ "anon_fault", b_anon_fault },
	{ "zero_page_fault", b_zero_fault },
	{ "cow_break", b_cow_break },
	{ "fork", b_fork },
	{ "fork_exec", b_fork_exec },
	{ "brk", b_brk },
	{ "pipe", b_pipe },
	{ "memcpy", b_memcpy },
};

int main(int argc, char **argv)
{
	int opt;

	while ((opt = getopt(argc, argv, "b:x:")) != -1) {
		if (opt == 'b')
			bindir = optarg;
		else if (opt == 'x')
			wrapper = optarg;
		else {
			fprintf(stderr, "usage: bench [-b BINDIR] [-x WRAPPER] [NAME...]\n");
			return 2;
		}
	}
	for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		int run = optind == argc;

		for (int j = optind; j < argc; j++)
			run |= !strcmp(argv[j], benches[i].name);
		if (run)
			benches[i].fn();
	}
	printf("bench: done\n");
	return 0;
}
