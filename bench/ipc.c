/*
 * bench's pipe row: MiB/s of data written in 64 KiB chunks by a child and
 * read by the parent. Its reference is the two copies a pipe makes (into
 * the pipe's pages, out to the reader) done by memcpy in user space.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define CHUNK	(64 * 1024UL)

/* pipe_once: MiB/s of TOTAL bytes through a pipe to this process; -1 on failure. */
static double pipe_once(char *buf, size_t total)
{
	size_t got = 0;
	int fds[2];
	uint64_t t;
	pid_t pid;

	if (pipe(fds) < 0)
		return -1;
	t = now_ns();
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		for (size_t off = 0; off < total; off += CHUNK)
			if (write(fds[1], buf, CHUNK) != (ssize_t)CHUNK)
				_exit(1);
		_exit(0);
	}
	close(fds[1]);
	for (ssize_t n; pid > 0 && (n = read(fds[0], buf, CHUNK)) > 0;)
		got += n;
	t = now_ns() - t;
	close(fds[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return got == total ? (double)got / MiB / (t / 1e9) : -1;
}

/* two_copies_mibs: MiB/s of TOTAL bytes copied twice through a 64 KiB buffer. */
static double two_copies_mibs(char *buf, size_t total)
{
	char *mid = buf + CHUNK, *dst = buf + 2 * CHUNK;
	uint64_t t = now_ns();

	for (size_t off = 0; off < total; off += CHUNK) {
		memcpy(mid, buf, CHUNK);
		__asm__ volatile("" ::: "memory");
		memcpy(dst, mid, CHUNK);
		__asm__ volatile("" ::: "memory");
	}
	return (double)total / MiB / ((now_ns() - t) / 1e9);
}

/* b_pipe: MiB/s through a pipe between two processes, 32 MiB per run. */
void b_pipe(const char *name, long arg)
{
	size_t total = bench_size(32 * MiB, 4 * MiB);
	char *buf = map_anon(3 * CHUNK);
	double v[5];
	int n = bench_reps(5);

	if (!buf) {
		bench_skip(name, "mmap: %s", strerror(errno));
		return;
	}
	memset(buf, 7, 3 * CHUNK);
	for (int r = 0; r < n; r++) {
		if ((v[r] = pipe_once(buf, total)) < 0) {
			bench_skip(name, "pipe, fork or a short transfer: %s", strerror(errno));
			munmap(buf, 3 * CHUNK);
			return;
		}
	}
	bench_report(name, median(v, n), "MiB/s");
	for (int r = 0; r < n; r++)
		v[r] = two_copies_mibs(buf, total);
	bench_report_ref(name, median(v, n), "MiB/s");
	munmap(buf, 3 * CHUNK);
}
