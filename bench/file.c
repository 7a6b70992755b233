/*
 * bench's storage rows: file writes without and with fsync, cold and warm
 * sequential reads, the raw block device read, and MAP_SHARED read faults
 * of a cached file. Files live in opts.dir on the disk's root file system;
 * "cold" means after sync and drop_caches. I/O goes in 1 MiB calls.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "bench.h"

#define IO_LEN	MiB

double blkdev_read_mibs;

/* io_buf: the 1 MiB buffer every read and write goes through, filled once; NULL if no memory. */
static char *io_buf(void)
{
	static char *buf;

	if (!buf && (buf = map_anon(IO_LEN)))
		for (size_t i = 0; i < IO_LEN; i++)
			buf[i] = (char)(i * 131 + 7);
	return buf;
}

/* drop_caches: sync, then drop clean page cache, dentries and inodes. 0 or -errno. */
static int drop_caches(void)
{
	int fd, err = 0;

	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, "3\n", 2) != 2)
		err = -errno;
	close(fd);
	return err;
}

/* bench_path: opts.dir/FILE into PATH (PATH_MAX), the folder made if missing. 0 or -errno. */
static int bench_path(char *path, const char *file)
{
	if (mkdir(opts.dir, 0755) < 0 && errno != EEXIST)
		return -errno;
	snprintf(path, PATH_MAX, "%s/%s", opts.dir, file);
	return 0;
}

/* write_fd: LEN bytes to FD in 1 MiB writes. 0, or -errno (-ENOSPC for a short write). */
static int write_fd(int fd, size_t len)
{
	char *buf = io_buf();

	if (!buf)
		return -ENOMEM;
	for (size_t off = 0; off < len; off += IO_LEN) {
		ssize_t n = write(fd, buf, IO_LEN);

		if (n < 0)
			return -errno;
		if (n != (ssize_t)IO_LEN)
			return -ENOSPC;
	}
	return 0;
}

/* read_fd: MiB/s of reading LEN bytes from FD in 1 MiB reads; -errno, or -EIO if shorter. */
static double read_fd(int fd, size_t len)
{
	char *buf = io_buf();
	size_t got = 0;
	uint64_t t = now_ns();

	if (!buf)
		return -ENOMEM;
	while (got < len) {
		ssize_t n = read(fd, buf, IO_LEN < len - got ? IO_LEN : len - got);

		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		got += n;
	}
	return (double)len / MiB / ((now_ns() - t) / 1e9);
}

/* write_once: MiB/s of writing LEN bytes into a new file PATH (+ fsync if asked); -errno. */
static double write_once(const char *path, size_t len, int with_fsync)
{
	double mibs;
	uint64_t t;
	int fd, err;

	if (!io_buf())		/* filled once, outside the timing */
		return -ENOMEM;
	unlink(path);
	sync();			/* the last run's writeback is not this one's */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -errno;
	t = now_ns();
	err = write_fd(fd, len);
	if (!err && with_fsync && fsync(fd) < 0)
		err = -errno;
	mibs = (double)len / MiB / ((now_ns() - t) / 1e9);
	close(fd);
	return err ? err : mibs;
}

/* b_file_write: MiB/s of 16 MiB written to a new file, with or without the fsync. */
void b_file_write(const char *name, long with_fsync)
{
	size_t len = bench_size(16 * MiB, 2 * MiB);
	char path[PATH_MAX];
	double v[5];
	int n = bench_reps(3), err;

	if ((err = bench_path(path, "write.tmp"))) {
		bench_skip(name, "%s: %s", opts.dir, strerror(-err));
		return;
	}
	for (int r = 0; r < n; r++) {
		if ((v[r] = write_once(path, len, with_fsync)) < 0) {
			bench_skip(name, "writing %zu MiB to %s: %s", len / MiB, path,
				   strerror(-(int)v[r]));
			unlink(path);
			return;
		}
	}
	unlink(path);
	bench_report(name, median(v, n), "MiB/s");
	if (!with_fsync && memcpy_mibs() > 0)
		bench_report_ref(name, memcpy_mibs(), "MiB/s");
}

/* make_file: PATH holding LEN bytes, fsynced; 0 or -errno (the partial file removed). */
static int make_file(const char *path, size_t len)
{
	int err, fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -errno;
	err = write_fd(fd, len);
	if (!err && fsync(fd) < 0)
		err = -errno;
	close(fd);
	if (err)
		unlink(path);
	return err;
}

/*
 * read_file: the size of the read rows (64 MiB, 8 MiB quick) and the file of
 * that size in opts.dir, made unless already there (and kept for the next
 * run). Opens it read-only into *FD; 0 or -errno. A failure to make it is
 * remembered, so the next rows do not fill the disk again.
 */
static int read_file(size_t *len, int *fd)
{
	static int make_err;
	char path[PATH_MAX], file[32];
	struct stat st;
	int err;

	*len = bench_size(64 * MiB, 8 * MiB);
	snprintf(file, sizeof(file), "read_%zuM", *len / MiB);
	if (make_err)
		return make_err;
	if ((err = bench_path(path, file)))
		return err;
	if ((stat(path, &st) < 0 || st.st_size != (off_t)*len) &&
	    (make_err = make_file(path, *len)))
		return make_err;
	*fd = open(path, O_RDONLY);
	return *fd < 0 ? -errno : 0;
}

/* read_rows_skip: NAME cannot run because read_file failed with ERR. */
static void read_rows_skip(const char *name, int err)
{
	bench_skip(name, "no %zu MiB file in %s: %s", bench_size(64, 8), opts.dir, strerror(-err));
}

/* b_file_read_cold: MiB/s of reading the 64 MiB file after sync + drop_caches. */
void b_file_read_cold(const char *name, long arg)
{
	size_t len;
	double v[5];
	int n = bench_reps(3), fd, err;

	if ((err = read_file(&len, &fd))) {
		read_rows_skip(name, err);
		return;
	}
	for (int r = 0; r < n && !err; r++) {
		if ((err = drop_caches()))
			bench_skip(name, "/proc/sys/vm/drop_caches: %s", strerror(-err));
		else if ((v[r] = lseek(fd, 0, SEEK_SET) ? -ESPIPE : read_fd(fd, len)) < 0)
			bench_skip(name, "read: %s", strerror(-(err = (int)v[r])));
	}
	close(fd);
	if (err)
		return;
	bench_report(name, median(v, n), "MiB/s");
	if (blkdev_read_mibs > 0)
		bench_report_ref(name, blkdev_read_mibs, "MiB/s");
}

/* b_file_read_warm: MiB/s of reading the 64 MiB file again, all of it in the page cache. */
void b_file_read_warm(const char *name, long arg)
{
	size_t len;
	double v[5], first;
	int n = bench_reps(5), fd, err;

	if ((err = read_file(&len, &fd))) {
		read_rows_skip(name, err);
		return;
	}
	first = read_fd(fd, len);	/* brings it in */
	for (int r = 0; r < n && first >= 0; r++)
		if (lseek(fd, 0, SEEK_SET) || (v[r] = read_fd(fd, len)) < 0)
			first = -1;
	close(fd);
	if (first < 0) {
		bench_skip(name, "read of the %zu MiB file failed", len / MiB);
		return;
	}
	bench_report(name, median(v, n), "MiB/s");
	if (memcpy_mibs() > 0)
		bench_report_ref(name, memcpy_mibs(), "MiB/s");
}

/* b_blkdev_read: MiB/s of reading the first 64 MiB of the raw disk after drop_caches. */
void b_blkdev_read(const char *name, long arg)
{
	size_t len = bench_size(64 * MiB, 8 * MiB);
	double v[5];
	int n = bench_reps(3), fd, err;

	if ((fd = open(opts.blkdev, O_RDONLY)) < 0) {
		bench_skip(name, "%s: %s", opts.blkdev, strerror(errno));
		return;
	}
	for (int r = 0; r < n; r++) {
		if ((err = drop_caches())) {
			bench_skip(name, "/proc/sys/vm/drop_caches: %s", strerror(-err));
			close(fd);
			return;
		}
		if ((v[r] = lseek(fd, 0, SEEK_SET) ? -ESPIPE : read_fd(fd, len)) < 0) {
			bench_skip(name, "reading %zu MiB of %s: %s", len / MiB, opts.blkdev,
				   v[r] == -EIO ? "device too small" : strerror(-(int)v[r]));
			close(fd);
			return;
		}
	}
	close(fd);
	blkdev_read_mibs = median(v, n);
	bench_report(name, blkdev_read_mibs, "MiB/s");
}

/* shared_faults_ns: ns per page to read one byte of each page of FD mapped MAP_SHARED. */
static double shared_faults_ns(int fd, size_t len)
{
	volatile char *p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	unsigned sum = 0;
	uint64_t t;

	if (p == MAP_FAILED)
		return -errno;
	t = now_ns();
	for (size_t i = 0; i < len; i += PAGE)
		sum += p[i];
	t = now_ns() - t;
	munmap((void *)p, len);
	__asm__ volatile("" :: "r"(sum));	/* the reads are the point */
	return (double)t / (len / PAGE);
}

/* b_mmap_shared_fault: ns per read fault of a MAP_SHARED mapping of a cached file. */
void b_mmap_shared_fault(const char *name, long arg)
{
	size_t len;
	double v[5];
	int n = bench_reps(5), fd, err;

	if ((err = read_file(&len, &fd))) {
		read_rows_skip(name, err);
		return;
	}
	err = read_fd(fd, len) < 0;	/* in the page cache: only the mapping is timed */
	for (int r = 0; r < n && !err; r++)
		err = (v[r] = shared_faults_ns(fd, len)) < 0;
	close(fd);
	if (err) {
		bench_skip(name, "mmap or read of the %zu MiB file failed", len / MiB);
		return;
	}
	bench_report(name, median(v, n), "ns");
}
