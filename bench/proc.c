/*
 * bench's process rows: the null system call (getppid), fork + _exit + wait
 * with 16 or 64 MiB touched, and fork + execve of a small static program +
 * wait. Each fork is timed alone and the median printed.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define MAX_ROUNDS	64

/* b_null_syscall: ns per getppid() made with syscall(2), which no libc caches. */
void b_null_syscall(const char *name, long arg)
{
	const int calls = opts.quick ? 20000 : 100000;
	double v[5];
	int n = bench_reps(5);

	for (int r = 0; r < n; r++) {
		uint64_t t = now_ns();

		for (int i = 0; i < calls; i++)
			syscall(SYS_getppid);
		v[r] = (double)(now_ns() - t) / calls;
	}
	bench_report(name, median(v, n), "ns");
}

/* fork_wait_once: us for one fork whose child _exits at once, reaped; -1 on failure. */
static double fork_wait_once(void)
{
	uint64_t t = now_ns();
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid < 0 || waitpid(pid, NULL, 0) != pid)
		return -1;
	return (now_ns() - t) / 1000.0;
}

/* b_fork_exit_wait: us per fork + _exit + wait with MIB MiB of touched anonymous memory. */
void b_fork_exit_wait(const char *name, long mib)
{
	size_t len = (size_t)mib * MiB;
	int n = bench_reps(mib > 16 ? 9 : 15);
	double v[MAX_ROUNDS];
	char *p = map_anon(len);

	if (!p) {
		bench_skip(name, "mmap of %ld MiB: %s", mib, strerror(errno));
		return;
	}
	touch_pages(p, len);
	for (int r = 0; r < n; r++) {
		if ((v[r] = fork_wait_once()) < 0) {
			bench_skip(name, "fork: %s", strerror(errno));
			munmap(p, len);
			return;
		}
	}
	munmap(p, len);
	bench_report(name, median(v, n), "us");
}

/* exec_once: us for fork + execve of opts.exec_prog + wait; -1 if it did not exit 0. */
static double exec_once(void)
{
	const char *prog = opts.exec_prog;
	uint64_t t = now_ns();
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		if (opts.wrapper)
			execl(opts.wrapper, opts.wrapper, prog, (char *)NULL);
		else
			execl(prog, prog, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	t = now_ns() - t;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? t / 1000.0 : -1;
}

/* b_fork_exec_wait: us per fork + execve of a small static program + wait. */
void b_fork_exec_wait(const char *name, long arg)
{
	int n = bench_reps(21);
	double v[MAX_ROUNDS];

	if (access(opts.exec_prog, X_OK) < 0) {
		bench_skip(name, "%s: %s", opts.exec_prog, strerror(errno));
		return;
	}
	for (int r = 0; r < n; r++) {
		if ((v[r] = exec_once()) < 0) {
			bench_skip(name, "%s did not run and exit 0", opts.exec_prog);
			return;
		}
	}
	bench_report(name, median(v, n), "us");
}
