/*
 * Storage benchmarks (ktest=bench_storage; scripts/bench-storage.sh boots
 * them under -icount shift=0, where time is counted guest instructions
 * and repeats exactly): sequential read of the raw disk with the largest
 * bios it takes, an in-kernel memcpy of 64 MiB (the physical reference),
 * cold and warm sequential reads of a 64 MiB file through the page cache,
 * and a 64 MiB write with fsync. Each prints "BENCH <name> <value> MiB/s".
 * They check only that the I/O worked.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/genhd.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/wait.h>
#include <linux/profile.h>

#define BENCH_BYTES	(64UL << 20)
#define CHUNK		(1UL << 20)
#define RAW_IN_FLIGHT	4

/* "BENCH name value MiB/s" for @bytes in @ns, two decimals. */
static void bench_print(const char *name, unsigned long bytes, u64 ns)
{
	unsigned long v = ns ? (unsigned long)(((u64)bytes * 100 * 1000000000ULL / ns) >> 20) : 0;

	pr_notice("BENCH %s %lu.%02lu MiB/s\n", name, v / 100, v % 100);
	profile_print(name, 12);	/* with profile=1: where the time went */
	profile_reset();
}

/* ---- the raw device ---- */

static DECLARE_WAIT_QUEUE_HEAD(raw_wq);
static unsigned int raw_done, raw_errors;

static void raw_end_io(struct bio *bio)
{
	if (bio->bi_status)
		raw_errors++;
	WRITE_ONCE(raw_done, raw_done + 1);
	bio_put(bio);
	wake_up(&raw_wq);
}

/* A read bio at @sector of up to @nr of @pages, or NULL. */
static struct bio *raw_bio(struct block_device *bdev, sector_t sector, struct page **pages,
			   unsigned int nr)
{
	struct bio *bio = bio_alloc(GFP_KERNEL, nr);

	if (!bio)
		return NULL;
	bio_set_dev(bio, bdev);
	bio->bi_iter.bi_sector = sector;
	bio->bi_opf = REQ_OP_READ;
	bio->bi_end_io = raw_end_io;
	for (unsigned int i = 0; i < nr; i++)
		if (!bio_add_page(bio, pages[i], PAGE_SIZE, 0))
			break;
	return bio;
}

KTEST(bench_storage_raw_read)
{
	static struct page *pages[RAW_IN_FLIGHT][BIO_MAX_PAGES];
	struct block_device *bdev = lookup_bdev("vda");
	struct request_queue *q = bdev ? bdev->bd_disk->queue : NULL;
	unsigned long bytes = 0, total;
	unsigned int per_bio, submitted = 0;
	sector_t sector = 0;
	u64 t0;

	if (!KT_EXPECT_MSG(q, "no vda"))
		return;
	per_bio = min(min(q->limits.max_sectors / 8, q->limits.max_segments),
		      (unsigned int)BIO_MAX_PAGES);
	total = min(BENCH_BYTES, (unsigned long)get_capacity(bdev->bd_disk) << 9);
	for (int b = 0; b < RAW_IN_FLIGHT; b++)
		for (unsigned int i = 0; i < per_bio; i++)
			pages[b][i] = alloc_page(GFP_KERNEL);
	raw_done = raw_errors = 0;
	profile_reset();
	t0 = ktime_get_ns();
	while (bytes < total) {
		struct bio *bio;

		wait_event(raw_wq, submitted - READ_ONCE(raw_done) < RAW_IN_FLIGHT);
		bio = raw_bio(bdev, sector, pages[submitted % RAW_IN_FLIGHT], per_bio);
		if (!KT_EXPECT(bio))
			break;
		sector += bio_sectors(bio);
		bytes += bio->bi_iter.bi_size;
		submitted++;
		submit_bio(bio);
	}
	wait_event(raw_wq, READ_ONCE(raw_done) == submitted);
	bench_print("raw_read", bytes, ktime_get_ns() - t0);
	pr_notice("BENCH raw_read_bio_size %u KiB\n", per_bio * 4);
	KT_EXPECT(raw_errors == 0);
	for (int b = 0; b < RAW_IN_FLIGHT; b++)
		for (unsigned int i = 0; i < per_bio; i++)
			if (pages[b][i])
				__free_page(pages[b][i]);
}

KTEST(bench_storage_memcpy)
{
	char *src = vmalloc(BENCH_BYTES), *dst = vmalloc(BENCH_BYTES);
	u64 t0;

	if (KT_EXPECT(src && dst)) {
		memset(src, 0x5a, BENCH_BYTES);
		memset(dst, 0, BENCH_BYTES);
		profile_reset();
		t0 = ktime_get_ns();
		memcpy(dst, src, BENCH_BYTES);
		bench_print("memcpy", BENCH_BYTES, ktime_get_ns() - t0);
		KT_EXPECT(dst[BENCH_BYTES - 1] == 0x5a);
	}
	vfree(src);
	vfree(dst);
}

/* ---- files ---- */

/* Reads @path to its end in CHUNK pieces; bytes read, or -Exxx. */
static long read_whole(const char *path, char *buf)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	loff_t pos = 0;
	long total = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	while ((n = kernel_read(f, buf, CHUNK, &pos)) > 0)
		total += n;
	filp_close(f);
	return n < 0 ? n : total;
}

KTEST(bench_storage_file_read)
{
	char *buf = vmalloc(CHUNK);
	long n;
	u64 t0;

	if (!KT_EXPECT(buf))
		return;
	drop_caches(3);
	profile_reset();
	t0 = ktime_get_ns();
	n = read_whole("/bench/file64", buf);
	if (KT_EXPECT_MSG(n == (long)BENCH_BYTES, "/bench/file64: %ld", n))
		bench_print("file_read_cold", BENCH_BYTES, ktime_get_ns() - t0);
	profile_reset();
	t0 = ktime_get_ns();
	n = read_whole("/bench/file64", buf);
	if (KT_EXPECT(n == (long)BENCH_BYTES))
		bench_print("file_read_warm", BENCH_BYTES, ktime_get_ns() - t0);
	vfree(buf);
}

KTEST(bench_storage_file_write)
{
	char *buf = vmalloc(CHUNK);
	struct file *f;
	loff_t pos = 0;
	u64 t0, t1;
	int err;

	if (!KT_EXPECT(buf))
		return;
	memset(buf, 0xa5, CHUNK);
	f = filp_open("/bench/out", O_CREAT | O_TRUNC | O_WRONLY, 0644);
	if (!KT_EXPECT_MSG(!IS_ERR(f), "open /bench/out: %ld", PTR_ERR(f))) {
		vfree(buf);
		return;
	}
	profile_reset();
	t0 = ktime_get_ns();
	while (pos < (loff_t)BENCH_BYTES)
		if (!KT_EXPECT(kernel_write(f, buf, CHUNK, &pos) == (ssize_t)CHUNK))
			break;
	t1 = ktime_get_ns();
	err = vfs_fsync(f, 0);
	KT_EXPECT_MSG(err == 0, "fsync: %d", err);
	bench_print("file_write_nosync", BENCH_BYTES, t1 - t0);
	bench_print("file_write_fsync", BENCH_BYTES, ktime_get_ns() - t0);
	filp_close(f);
	KT_EXPECT(vfs_path_unlink("/bench/out") == 0);
	vfree(buf);
}

/* The page-cache side of a write alone: 64 MiB into tmpfs (no blocks to allocate). */
KTEST(bench_storage_tmpfs_write)
{
	char *buf = vmalloc(CHUNK);
	struct file *f;
	loff_t pos = 0;
	u64 t0;

	if (!KT_EXPECT(buf))
		return;
	memset(buf, 0x3c, CHUNK);
	f = filp_open("/tmp/bench", O_CREAT | O_TRUNC | O_WRONLY, 0644);
	if (KT_EXPECT(!IS_ERR(f))) {
		profile_reset();
		t0 = ktime_get_ns();
		while (pos < (loff_t)BENCH_BYTES)
			if (!KT_EXPECT(kernel_write(f, buf, CHUNK, &pos) == (ssize_t)CHUNK))
				break;
		bench_print("tmpfs_write", BENCH_BYTES, ktime_get_ns() - t0);
		filp_close(f);
		KT_EXPECT(vfs_path_unlink("/tmp/bench") == 0);
	}
	vfree(buf);
}
