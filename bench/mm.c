/*
 * bench's memory rows: anonymous, zero-page and COW faults, brk, mmap and
 * munmap, and user memcpy, the physical reference of the copying rows.
 * Each figure is the median of a few runs; huge pages are asked off.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define COPY_LEN	(16 * MiB)

/* Keep the compiler from dropping a copy nobody reads. */
#define CLOBBER()	__asm__ volatile("" ::: "memory")

/* b_anon_fault: ns per first-write fault of a private anonymous page, MIB MiB. */
void b_anon_fault(const char *name, long mib)
{
	size_t len = (size_t)mib * MiB;
	double v[5];
	int n = bench_reps(5);

	for (int r = 0; r < n; r++) {
		char *p = map_anon(len);
		uint64_t t;

		if (!p) {
			bench_skip(name, "mmap of %ld MiB: %s", mib, strerror(errno));
			return;
		}
		t = now_ns();
		touch_pages(p, len);
		v[r] = (double)(now_ns() - t) / (len / PAGE);
		munmap(p, len);
	}
	bench_report(name, median(v, n), "ns");
	if (!strcmp(name, "anon_fault") && memset_page_ns() > 0)
		bench_report_ref(name, memset_page_ns(), "ns");
}

/* b_zero_fault: ns per read fault of untouched anonymous memory (the zero page). */
void b_zero_fault(const char *name, long arg)
{
	size_t len = 64 * MiB;
	double v[5];
	int n = bench_reps(5);

	for (int r = 0; r < n; r++) {
		volatile char *p = map_anon(len);
		unsigned sum = 0;
		uint64_t t;

		if (!p) {
			bench_skip(name, "mmap of 64 MiB: %s", strerror(errno));
			return;
		}
		t = now_ns();
		for (size_t i = 0; i < len; i += PAGE)
			sum += p[i];
		v[r] = (double)(now_ns() - t) / (len / PAGE);
		munmap((void *)p, len);
		if (sum) {
			bench_skip(name, "untouched anonymous memory read back non-zero");
			return;
		}
	}
	bench_report(name, median(v, n), "ns");
}

/* cow_child: in a fork of the process holding P, ns per page to write all LEN. */
static double cow_child(char *p, size_t len)
{
	double ns = -1;
	int fds[2];
	pid_t pid;

	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		uint64_t t = now_ns();

		touch_pages(p, len);
		ns = (double)(now_ns() - t) / (len / PAGE);
		_exit(write(fds[1], &ns, sizeof(ns)) != sizeof(ns));
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], &ns, sizeof(ns)) != sizeof(ns))
		ns = -1;
	close(fds[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return ns;
}

/*
 * b_cow_break: ns per write fault copying a page the parent also maps, 16 MiB
 * touched by the parent before each fork. Reference: one 4 KiB memcpy.
 */
void b_cow_break(const char *name, long arg)
{
	size_t len = 16 * MiB;
	char *p = map_anon(len);
	double v[5];
	int n = bench_reps(5);

	if (!p) {
		bench_skip(name, "mmap of 16 MiB: %s", strerror(errno));
		return;
	}
	touch_pages(p, len);
	for (int r = 0; r < n; r++) {
		v[r] = cow_child(p, len);
		if (v[r] < 0) {
			bench_skip(name, "fork or pipe failed: %s", strerror(errno));
			munmap(p, len);
			return;
		}
	}
	munmap(p, len);
	bench_report(name, median(v, n), "ns");
	if (memcpy_mibs() > 0)
		bench_report_ref(name, PAGE / (memcpy_mibs() * MiB) * 1e9, "ns");
}

/* b_brk_grow: ns per brk() moving the break up by one (untouched) page. */
void b_brk_grow(const char *name, long arg)
{
	const int pages = 4096;
	char *base = (char *)syscall(SYS_brk, 0);
	double v[5];
	int n = bench_reps(5);

	for (int r = 0; r < n; r++) {
		uint64_t t = now_ns();

		for (int i = 1; i <= pages; i++)
			syscall(SYS_brk, base + i * PAGE);
		v[r] = (double)(now_ns() - t) / pages;
		if ((char *)syscall(SYS_brk, 0) != base + pages * PAGE) {
			syscall(SYS_brk, base);
			bench_skip(name, "brk did not grow by %d pages", pages);
			return;
		}
		syscall(SYS_brk, base);
	}
	bench_report(name, median(v, n), "ns");
}

/* b_mmap_munmap: us per mmap + munmap of 1 MiB of anonymous memory, untouched. */
void b_mmap_munmap(const char *name, long arg)
{
	const int pairs = 500;
	double v[5];
	int n = bench_reps(5);

	for (int r = 0; r < n; r++) {
		uint64_t t = now_ns();

		for (int i = 0; i < pairs; i++) {
			void *p = mmap(NULL, MiB, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p == MAP_FAILED) {
				bench_skip(name, "mmap of 1 MiB: %s", strerror(errno));
				return;
			}
			munmap(p, MiB);
		}
		v[r] = (double)(now_ns() - t) / pairs / 1000.0;
	}
	bench_report(name, median(v, n), "us");
}

/* measure_memcpy: MiB/s of memcpy between two touched 16 MiB buffers; -1 if no memory. */
static double measure_memcpy(void)
{
	char *a = map_anon(COPY_LEN), *b = map_anon(COPY_LEN);
	double v[5] = { -1 };
	int n = bench_reps(5);

	if (a && b) {
		memset(a, 1, COPY_LEN);
		memset(b, 2, COPY_LEN);
		for (int r = 0; r < n; r++) {
			uint64_t t = now_ns();

			memcpy(r & 1 ? a : b, r & 1 ? b : a, COPY_LEN);
			CLOBBER();
			v[r] = (double)COPY_LEN / MiB / ((now_ns() - t) / 1e9);
		}
	}
	if (a)
		munmap(a, COPY_LEN);
	if (b)
		munmap(b, COPY_LEN);
	return a && b ? median(v, n) : -1;
}

/* memcpy_mibs: the memcpy figure, measured once per run. */
double memcpy_mibs(void)
{
	static double mibs;

	if (mibs == 0)
		mibs = measure_memcpy();
	return mibs;
}

/* memset_page_ns: ns to zero one touched 4 KiB page (anon_fault's floor), median. */
double memset_page_ns(void)
{
	static double ns;
	char *p;
	double v[5];
	int n = bench_reps(5);

	if (ns != 0 || !(p = map_anon(COPY_LEN)))
		return ns;
	touch_pages(p, COPY_LEN);
	for (int r = 0; r < n; r++) {
		uint64_t t = now_ns();

		for (size_t i = 0; i < COPY_LEN; i += PAGE)
			memset(p + i, 0, PAGE);
		CLOBBER();
		v[r] = (double)(now_ns() - t) / (COPY_LEN / PAGE);
	}
	munmap(p, COPY_LEN);
	return ns = median(v, n);
}

/* b_memcpy: MiB/s of user memcpy, 16 MiB between two touched buffers. */
void b_memcpy(const char *name, long arg)
{
	double mibs = memcpy_mibs();

	if (mibs < 0)
		bench_skip(name, "no memory for two 16 MiB buffers");
	else
		bench_report(name, mibs, "MiB/s");
}
