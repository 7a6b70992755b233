/*
 * What the benchmark groups of /bin/bench share (docs/bench.md, "The
 * programs"): the options, the clock, the BENCH/BENCH-SKIP lines and the
 * physical references several rows print as NAME.ref.
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stddef.h>
#include <stdint.h>

#define PAGE	4096UL
#define MiB	(1UL << 20)

/* The command line: set once by main, read by every group. */
struct bench_opts {
	const char *dir;	/* -d: folder for the file rows (/bench) */
	const char *blkdev;	/* -b: raw device for blkdev_read_64M (/dev/vda) */
	const char *exec_prog;	/* -e: what fork_exec_wait runs (/bin/hello) */
	const char *wrapper;	/* -x: run exec_prog through this (qemu-riscv64) */
	int quick;		/* -q: small sizes, one repetition */
};
extern struct bench_opts opts;

/* One row of the table: NAME is passed back so one function serves several. */
struct bench_row {
	const char *name;
	void (*run)(const char *name, long arg);
	long arg;
};

uint64_t now_ns(void);
void bench_report(const char *name, double value, const char *unit);
void bench_report_ref(const char *name, double value, const char *unit);
void bench_skip(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int bench_reps(int full);
size_t bench_size(size_t full, size_t quick);
double median(double *v, int n);
char *map_anon(size_t len);
void touch_pages(char *p, size_t len);
double memcpy_mibs(void);
double memset_page_ns(void);

/* The groups (mm.c, proc.c, file.c, ipc.c). */
void b_anon_fault(const char *name, long mib);
void b_zero_fault(const char *name, long arg);
void b_cow_break(const char *name, long arg);
void b_brk_grow(const char *name, long arg);
void b_mmap_munmap(const char *name, long arg);
void b_memcpy(const char *name, long arg);
void b_null_syscall(const char *name, long arg);
void b_fork_exit_wait(const char *name, long mib);
void b_fork_exec_wait(const char *name, long arg);
void b_pipe(const char *name, long arg);
void b_file_write(const char *name, long with_fsync);
void b_file_read_cold(const char *name, long arg);
void b_file_read_warm(const char *name, long arg);
void b_blkdev_read(const char *name, long arg);
void b_mmap_shared_fault(const char *name, long arg);

/* Set by blkdev_read_64M when it ran: file_read_cold_64M's reference. */
extern double blkdev_read_mibs;

#endif
