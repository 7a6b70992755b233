/*
 * /bin/bench: issue 10's benchmark driver (docs/bench.md, "The programs").
 * Runs every row of the table, or those named, printing BENCH-BEGIN, one
 * "BENCH name value unit" line per row (or BENCH-SKIP name reason), and
 * BENCH-END. Plain Linux C, so the same binary runs on rivet and on Linux.
 *   bench [-q] [-l] [-d DIR] [-b DEV] [-e PROG] [-x WRAPPER] [NAME...]
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "bench.h"

struct bench_opts opts = {
	.dir = "/bench",
	.blkdev = "/dev/vda",
	.exec_prog = "/bin/hello",
};

/* Order matters only for references: blkdev_read_64M before the cold read. */
static const struct bench_row rows[] = {
	{ "null_syscall", b_null_syscall, 0 },
	{ "memcpy", b_memcpy, 0 },
	{ "anon_fault", b_anon_fault, 64 },
	{ "anon_fault_1M", b_anon_fault, 1 },
	{ "anon_fault_2M", b_anon_fault, 2 },
	{ "anon_fault_4M", b_anon_fault, 4 },
	{ "anon_fault_8M", b_anon_fault, 8 },
	{ "anon_fault_16M", b_anon_fault, 16 },
	{ "anon_fault_32M", b_anon_fault, 32 },
	{ "anon_fault_64M", b_anon_fault, 64 },
	{ "zero_fault", b_zero_fault, 0 },
	{ "cow_break", b_cow_break, 0 },
	{ "brk_grow", b_brk_grow, 0 },
	{ "mmap_munmap_1M", b_mmap_munmap, 0 },
	{ "fork_exit_wait_16M", b_fork_exit_wait, 16 },
	{ "fork_exit_wait_64M", b_fork_exit_wait, 64 },
	{ "fork_exec_wait", b_fork_exec_wait, 0 },
	{ "pipe", b_pipe, 0 },
	{ "file_write_16M", b_file_write, 0 },
	{ "file_write_fsync_16M", b_file_write, 1 },
	{ "blkdev_read_64M", b_blkdev_read, 0 },
	{ "file_read_cold_64M", b_file_read_cold, 0 },
	{ "file_read_warm_64M", b_file_read_warm, 0 },
	{ "mmap_shared_fault", b_mmap_shared_fault, 0 },
};
#define NROWS	(sizeof(rows) / sizeof(rows[0]))

/* Issue 8's names, still accepted on the command line (as patterns). */
static const char *const aliases[][2] = {
	{ "getppid", "null_syscall" },
	{ "zero_page_fault", "zero_fault" },
	{ "fork", "fork_exit_wait_*" },
	{ "fork_exec", "fork_exec_wait" },
	{ "brk", "brk_grow" },
};

/* now_ns: CLOCK_MONOTONIC in nanoseconds. */
uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + t.tv_nsec;
}

/* print_row: "BENCH NAME VALUE UNIT", three significant decimals below 10. */
static void print_row(const char *name, const char *suffix, double value, const char *unit)
{
	printf("BENCH %s%s %.*f %s\n", name, suffix, value < 10 ? 3 : 1, value, unit);
	fflush(stdout);
}

/* bench_report: one figure; UNIT is ns, us, ms (lower is better) or MiB/s. */
void bench_report(const char *name, double value, const char *unit)
{
	print_row(name, "", value, unit);
}

/* bench_report_ref: NAME's physical floor, printed as NAME.ref. */
void bench_report_ref(const char *name, double value, const char *unit)
{
	print_row(name, ".ref", value, unit);
}

/* bench_skip: NAME could not run here; the reason goes on the same line. */
void bench_skip(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("BENCH-SKIP %s ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* bench_reps: FULL repetitions, or one in quick mode. */
int bench_reps(int full)
{
	return opts.quick ? 1 : full;
}

/* bench_size: FULL bytes, or QUICK in quick mode. */
size_t bench_size(size_t full, size_t quick)
{
	return opts.quick ? quick : full;
}

/* cmp_double: qsort's order for doubles, ascending. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* median: of V[0..N) (sorted in place); the lower middle one for even N. */
double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[(n - 1) / 2];
}

/* map_anon: LEN bytes of private anonymous memory, no huge pages; NULL on failure. */
char *map_anon(size_t len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	madvise(p, len, MADV_NOHUGEPAGE);	/* 4 KiB faults on Linux too */
	return p;
}

/* touch_pages: write one byte in every page of [P, P + LEN). */
void touch_pages(char *p, size_t len)
{
	volatile char *v = p;

	for (size_t i = 0; i < len; i += PAGE)
		v[i] = 1;
}

/* selected: NAME is asked for by one of the patterns ARGV[0..ARGC). */
static int selected(const char *name, int argc, char **argv)
{
	if (argc == 0)
		return 1;
	for (int i = 0; i < argc; i++) {
		const char *pat = argv[i];

		for (size_t a = 0; a < sizeof(aliases) / sizeof(aliases[0]); a++)
			if (!strcmp(pat, aliases[a][0]))
				pat = aliases[a][1];
		if (!fnmatch(pat, name, 0))
			return 1;
	}
	return 0;
}

/* unknown: the first of ARGV[0..ARGC) that selects no row, or NULL. */
static const char *unknown(int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		size_t r;

		for (r = 0; r < NROWS; r++)
			if (selected(rows[r].name, 1, &argv[i]))
				break;
		if (r == NROWS)
			return argv[i];
	}
	return NULL;
}

/* usage: the synopsis on stderr; returns the exit status 2. */
static int usage(void)
{
	fprintf(stderr, "usage: bench [-q] [-l] [-d DIR] [-b DEV] [-e PROG] [-x WRAPPER] [NAME...]\n"
		"  NAME may be a pattern (\"anon_fault_*\"); -l lists the names\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct utsname u;
	const char *bad;
	int opt, list = 0;

	while ((opt = getopt(argc, argv, "qld:b:e:x:")) != -1) {
		switch (opt) {
		case 'q': opts.quick = 1; break;
		case 'l': list = 1; break;
		case 'd': opts.dir = optarg; break;
		case 'b': opts.blkdev = optarg; break;
		case 'e': opts.exec_prog = optarg; break;
		case 'x': opts.wrapper = optarg; break;
		default: return usage();
		}
	}
	argc -= optind;
	argv += optind;
	if ((bad = unknown(argc, argv))) {
		fprintf(stderr, "bench: no benchmark is called %s\n", bad);
		return usage();
	}
	for (size_t r = 0; list && r < NROWS; r++)
		if (selected(rows[r].name, argc, argv))
			printf("%s\n", rows[r].name);
	if (list)
		return 0;
	printf("BENCH-BEGIN %s\n", uname(&u) ? "unknown" : u.release);
	fflush(stdout);
	for (size_t r = 0; r < NROWS; r++)
		if (selected(rows[r].name, argc, argv))
			rows[r].run(rows[r].name, rows[r].arg);
	printf("BENCH-END\n");
	return 0;
}
