/*
 * /bin/fragment: a deterministic workload that leaves free memory fragmented
 * across orders and migratetypes, for the memory pictures of docs/bench.md
 * ("Memory pictures"); plain POSIX + Linux calls, so the same static binary
 * runs on rivet and on Linux. Leaves out: threads, shared memory, swap.
 *   fragment setup DIR              write the files run reads (DIR on the disk)
 *   fragment run DIR [-w N] [-m MiB] [-s]
 * run forks N workers (32) that each fault in MiB (6) of anonymous memory
 * while reading a share of DIR's files, free every other page or random
 * runs of pages, read more files into the holes, and then either exit or
 * stay alive holding what is left. With -s the parent prints the
 * "MEMMAP-SNAP during" snapshot while the survivors still hold their memory.
 * Everything read is checked; any wrong byte is reported and run exits 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE		4096UL
#define MiB		(1UL << 20)
#define NR_BIG		16		/* big files, BIG_SIZE each: 32 MiB */
#define BIG_SIZE	(2 * MiB)
#define NR_SMALL	512		/* small files: inodes, dentries, one page each */
#define SMALL_SIZE	3000
#define STEPS		16		/* fault-in rounds per worker */
#define CHUNK		(64 * 1024)	/* one file read */
#define MAX_WORKERS	256
#define SEED		0x5eedf00dULL

static int nr_workers = 32;
static unsigned long anon_size = 6 * MiB;

/* The xorshift64* generator: the same sequence on every kernel. */
static uint64_t next_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* The 8-byte word stored at byte offset off of file number file. */
static uint64_t file_word(unsigned int file, uint64_t off)
{
	return ((uint64_t)file << 40) ^ (off / 8) ^ 0xa5a5000000000000ULL;
}

/* The word the worker writes at the start of each of its pages. */
static uint64_t anon_word(int worker, unsigned long page)
{
	return ((uint64_t)(worker + 1) << 32) | page;
}

/* Exit with a message: for a failure that makes the run meaningless. */
static void die(const char *what)
{
	fprintf(stderr, "fragment: %s: %s\n", what, strerror(errno));
	exit(2);
}

/* The path of big file i (small: 0) or small file i (small: 1) in dir. */
static void file_path(char *buf, size_t len, const char *dir, int small, unsigned int i)
{
	if (small)
		snprintf(buf, len, "%s/s/%03u", dir, i);
	else
		snprintf(buf, len, "%s/big%02u", dir, i);
}

/* Write file number i of size bytes filled with file_word; exits on error. */
static void write_file(const char *path, unsigned int i, unsigned long size)
{
	static uint64_t buf[CHUNK / 8];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		die(path);
	for (unsigned long off = 0; off < size; off += CHUNK) {
		unsigned long n = size - off < CHUNK ? size - off : CHUNK;

		for (unsigned long w = 0; w < CHUNK / 8; w++)
			buf[w] = file_word(i, off + w * 8);
		if (write(fd, buf, n) != (ssize_t)n)
			die(path);
	}
	if (close(fd) < 0)
		die(path);
}

/* setup: DIR/bigNN and DIR/s/NNN written afresh, then synced. */
static int do_setup(const char *dir)
{
	char path[256];

	mkdir(dir, 0755);
	file_path(path, sizeof(path), dir, 1, 0);
	*strrchr(path, '/') = '\0';
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		die(path);
	for (unsigned int i = 0; i < NR_BIG; i++) {
		file_path(path, sizeof(path), dir, 0, i);
		write_file(path, i, BIG_SIZE);
	}
	for (unsigned int i = 0; i < NR_SMALL; i++) {
		file_path(path, sizeof(path), dir, 1, i);
		write_file(path, 1000 + i, SMALL_SIZE);
	}
	sync();
	printf("fragment: wrote %d files of %lu KiB and %d of %d bytes in %s\n",
	       NR_BIG, BIG_SIZE / 1024, NR_SMALL, SMALL_SIZE, dir);
	return 0;
}

/*
 * Read len bytes at off of file number i (small or big) and check them.
 * Returns the number of wrong words (a short read counts as one), or -1
 * if the file cannot be opened.
 */
static int read_check(const char *dir, int small, unsigned int i, uint64_t off, size_t len)
{
	static uint64_t buf[CHUNK / 8];
	char path[256];
	unsigned int file = small ? 1000 + i : i;
	int fd, bad = 0;
	ssize_t n;

	file_path(path, sizeof(path), dir, small, i);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = pread(fd, buf, len, off);
	close(fd);
	if (n != (ssize_t)len)
		return 1;
	for (size_t w = 0; w < len / 8; w++)
		bad += buf[w] != file_word(file, off + w * 8);
	return bad;
}

/* One worker's state: its region and which of its pages it still holds. */
struct worker {
	int id;
	uint64_t rand;
	char *base;
	unsigned long nr_pages;
	unsigned char *held;	/* 1: page kept, 0: dropped (reads zero), 2: unmapped */
	int bad;		/* wrong words or pages seen */
};

/* Add a read_check result to w->bad (an unopenable file counts as one). */
static void account(struct worker *w, int r)
{
	w->bad += r < 0 ? 1 : r;
}

/*
 * Fault in the region a step at a time, reading one 64 KiB chunk of the
 * first half of the big files after each step and yielding, so that the
 * workers' anonymous pages and the page cache interleave in memory.
 */
static void fault_in(struct worker *w, const char *dir)
{
	unsigned long per_step = w->nr_pages / STEPS;

	for (int s = 0; s < STEPS; s++) {
		unsigned long first = s * per_step;
		unsigned long last = s == STEPS - 1 ? w->nr_pages : first + per_step;
		unsigned int file = (w->id + s) % (NR_BIG / 2);
		uint64_t off = (next_rand(&w->rand) % (BIG_SIZE / CHUNK)) * CHUNK;

		for (unsigned long p = first; p < last; p++) {
			*(uint64_t *)(w->base + p * PAGE) = anon_word(w->id, p);
			w->held[p] = 1;
		}
		account(w, read_check(dir, 0, file, off, CHUNK));
		sched_yield();
	}
}

/*
 * Give pages back in one of four patterns (by worker number): every other
 * page (MADV_DONTNEED), random pages (MADV_DONTNEED), random 16 KiB runs
 * (munmap), or nothing. Between rounds, read the second half of the big
 * files and some small ones, cold, so new page-cache pages fill the holes.
 */
static void drop_pages(struct worker *w, const char *dir)
{
	unsigned long per_step = w->nr_pages / STEPS;
	int how = w->id % 4;

	for (int s = 0; s < STEPS; s++) {
		unsigned long first = s * per_step;
		unsigned long last = s == STEPS - 1 ? w->nr_pages : first + per_step;
		unsigned int file = NR_BIG / 2 + (w->id + s) % (NR_BIG / 2);
		uint64_t off = (next_rand(&w->rand) % (BIG_SIZE / CHUNK)) * CHUNK;

		for (unsigned long p = first; p < last; p++) {
			uint64_t r = next_rand(&w->rand);

			if ((how == 0 && (p & 1)) || (how == 1 && (r & 1))) {
				if (madvise(w->base + p * PAGE, PAGE, MADV_DONTNEED) < 0)
					die("madvise");
				w->held[p] = 0;
			} else if (how == 2 && (p % 4) == 0 && p + 4 <= last && (r & 1)) {
				if (munmap(w->base + p * PAGE, 4 * PAGE) < 0)
					die("munmap");
				memset(&w->held[p], 2, 4);
				p += 3;
			}
		}
		account(w, read_check(dir, 0, file, off, CHUNK));
		account(w, read_check(dir, 1, (w->id * STEPS + s) % NR_SMALL, 0, SMALL_SIZE / 8 * 8));
		sched_yield();
	}
}

/* Check every page still mapped: kept pages hold their word, dropped ones zero. */
static void check_pages(struct worker *w)
{
	for (unsigned long p = 0; p < w->nr_pages; p++) {
		uint64_t want = w->held[p] == 1 ? anon_word(w->id, p) : 0;

		if (w->held[p] != 2 && *(uint64_t *)(w->base + p * PAGE) != want)
			w->bad++;
	}
}

/*
 * A worker's life: wait for go to close, fault in, fork a short-lived
 * child (page tables, a kernel stack), free, report on ready, then (odd
 * workers) hold the memory until release closes. Exits 1 on a wrong word.
 */
static void worker_main(int id, const char *dir, int go, int ready, int release)
{
	struct worker w = { .id = id, .rand = SEED + id, .nr_pages = anon_size / PAGE };
	char c;
	pid_t child;

	w.held = calloc(w.nr_pages, 1);
	w.base = mmap(NULL, anon_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!w.held || w.base == MAP_FAILED)
		die("mmap");
	if (read(go, &c, 1) != 0)
		die("go pipe");
	fault_in(&w, dir);
	child = fork();
	if (child == 0)
		_exit(0);
	if (child < 0 || waitpid(child, NULL, 0) != child)
		die("fork");
	drop_pages(&w, dir);
	check_pages(&w);
	c = w.bad ? 'x' : 'o';
	if (write(ready, &c, 1) != 1)
		die("ready pipe");
	close(ready);		/* so a dead worker leaves the parent an EOF */
	if (id & 1) {
		while (read(release, &c, 1) > 0)
			;
		check_pages(&w);
	}
	if (w.bad)
		fprintf(stderr, "fragment: worker %d: %d wrong words or pages\n", id, w.bad);
	_exit(w.bad ? 1 : 0);
}

/* Copy the file at path to stdout after a "MEMMAP-FILE path" line. */
static void print_file(const char *path)
{
	char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	printf("MEMMAP-FILE %s\n", path);
	fflush(stdout);
	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	close(fd);
	fflush(stdout);
}

/* The snapshot the job script takes with cat, named phase. */
static void print_snapshot(const char *phase)
{
	printf("MEMMAP-SNAP %s\n", phase);
	print_file("/proc/buddyinfo");
	print_file("/proc/pagetypeinfo");
	print_file("/proc/zoneinfo");
	printf("MEMMAP-DONE %s\n", phase);
	fflush(stdout);
}

/* CLOCK_MONOTONIC in milliseconds. */
static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Wait for the worker pid; 1 if it failed, 0 if it exited 0. */
static int reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

/*
 * run: start the workers together, wait until each has freed its pages,
 * reap the even ones (their memory goes back), optionally print the
 * "during" snapshot, release the odd ones and reap them. 0 if all is well.
 */
static int do_run(const char *dir, int snapshot)
{
	pid_t pids[MAX_WORKERS];
	int go[2], ready[2], release[2], failed = 0;
	double start = now_ms();
	char c;

	if (pipe(go) < 0 || pipe(ready) < 0 || pipe(release) < 0)
		die("pipe");
	fflush(stdout);
	for (int i = 0; i < nr_workers; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			die("fork");
		if (pids[i] == 0) {
			close(go[1]);
			close(ready[0]);
			close(release[1]);
			worker_main(i, dir, go[0], ready[1], release[0]);
		}
	}
	close(go[0]);
	close(ready[1]);
	close(release[0]);
	close(go[1]);		/* every worker starts now */
	for (int i = 0; i < nr_workers; i++)
		if (read(ready[0], &c, 1) != 1)
			die("a worker died before it was ready");
	for (int i = 0; i < nr_workers; i += 2)
		failed += reap(pids[i]);
	if (snapshot)
		print_snapshot("during");
	close(release[1]);
	for (int i = 1; i < nr_workers; i += 2)
		failed += reap(pids[i]);
	printf("fragment: %d workers x %lu KiB anonymous, %d survivors, %.0f ms, %s\n",
	       nr_workers, anon_size / 1024, nr_workers / 2, now_ms() - start,
	       failed ? "FAILED" : "ok");
	return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	int snapshot = 0, opt;

	if (argc < 3)
		goto usage;
	optind = 3;
	while ((opt = getopt(argc, argv, "w:m:s")) != -1) {
		if (opt == 'w')
			nr_workers = atoi(optarg);
		else if (opt == 'm')
			anon_size = strtoul(optarg, NULL, 0) * MiB;
		else if (opt == 's')
			snapshot = 1;
		else
			goto usage;
	}
	if (nr_workers < 1 || nr_workers > MAX_WORKERS || anon_size < STEPS * PAGE)
		goto usage;
	if (!strcmp(argv[1], "setup"))
		return do_setup(argv[2]);
	if (!strcmp(argv[1], "run"))
		return do_run(argv[2], snapshot);
usage:
	fprintf(stderr, "usage: fragment setup DIR | fragment run DIR [-w N] [-m MiB] [-s]\n");
	return 2;
}
