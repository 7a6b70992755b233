/*
 * In-kernel tests of the block layer on virtio-blk (ktest=block), on the
 * GPT disk tests/qemu/t_block.sh makes: every sector s of the disk starts
 * "rivet-block sector %08d\n" (the rest is the byte s & 0xff), except the
 * GPT's own sectors; vda1..vda4 at 2048, 10240, 18432, 22528. Checks
 * submit_bio reads, a highmem page, merging under the queue's limits
 * (diskstats counters), PREFLUSH/FUA, partition remap and its end check,
 * a read-only disk, and prints /proc/partitions and /proc/diskstats.
 * Without that disk every test says it was skipped.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/highmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/genhd.h>
#include <linux/mmstat.h>

#define P2_START	10240	/* vda2's first sector, as t_block.sh makes it */
#define P3_START	18432
#define NR_MERGE	8	/* adjacent bios merged into one request */
#define NR_LIMIT	32	/* adjacent one-page bios: more than max_segments */

/*
 * The /proc texts after the other tests' I/O (t_block.sh checks their
 * lines). Defined first: ktest runs a file's tests in the reverse order
 * (the linker section's), so this one runs last.
 */
KTEST(block_proc)
{
	KT_EXPECT(show_mm_report("partitions") == 0);
	KT_EXPECT(show_mm_report("diskstats") == 0);
}

/* Pattern sector @s of the disk, in @buf (512 bytes). */
static void pattern_sector(char *buf, u64 s)
{
	int n = snprintf(buf, 512, "rivet-block sector %08llu\n", (unsigned long long)s);

	memset(buf + n, (int)(s & 0xff), 512 - n);
}

/* What the FUA test writes in disk sector @s (t_block.sh checks the same). */
static void written_sector(char *buf, u64 s)
{
	int n = snprintf(buf, 512, "rivet-block written %08llu\n", (unsigned long long)s);

	memset(buf + n, (int)((0x5a ^ s) & 0xff), 512 - n);
}

/* Do the @nr sectors at @p hold the pattern from disk sector @s on? */
static bool is_pattern(const char *p, u64 s, unsigned int nr)
{
	char want[512];

	for (unsigned int i = 0; i < nr; i++) {
		pattern_sector(want, s + i);
		if (memcmp(p + i * 512, want, 512))
			return false;
	}
	return true;
}

/* Reads @nr sectors at @sector of @bdev into @page at @off, waiting: 0 or -Exxx. */
static int read_bdev(struct block_device *bdev, sector_t sector, struct page *page,
		     unsigned int off, unsigned int nr)
{
	struct bio *bio = bio_alloc(GFP_KERNEL, 1);
	int err;

	if (!bio)
		return -ENOMEM;
	bio_set_dev(bio, bdev);
	bio->bi_opf = REQ_OP_READ;
	bio->bi_iter.bi_sector = sector;
	err = bio_add_page(bio, page, nr * 512, off) ? submit_bio_wait(bio) : -EINVAL;
	bio_put(bio);
	return err;
}

/* The test disk ("vda" with the pattern at vda1's start), or NULL after saying why. */
static struct block_device *test_disk(const char *test)
{
	struct block_device *bdev = lookup_bdev("vda"), *p1 = lookup_bdev("vda1");
	struct page *page;
	bool ok = false;

	if (!bdev || !p1) {
		pr_info("block: %s: no partitioned disk, I/O checks skipped\n", test);
		return NULL;
	}
	page = alloc_page(GFP_KERNEL);
	if (page)
		ok = !read_bdev(p1, 0, page, 0, 1) && is_pattern(page_address(page), 2048, 1);
	if (page)
		__free_page(page);
	if (!ok)
		pr_info("block: %s: vda has no block test pattern, I/O checks skipped\n", test);
	return ok ? bdev : NULL;
}

/* Two lowmem pages and a highmem page in one bio, read from disk sector 4096. */
KTEST(block_read_highmem)
{
	struct block_device *bdev = test_disk("read_highmem");
	struct page *low = alloc_pages(GFP_KERNEL, 1), *high = alloc_page(GFP_HIGHUSER);
	struct bio *bio = bio_alloc(GFP_KERNEL, 3);
	char *p;

	if (!bdev || !KT_EXPECT(low && high && bio))
		goto out;
	bio_set_dev(bio, bdev);
	bio->bi_opf = REQ_OP_READ;
	bio->bi_iter.bi_sector = 4096;
	KT_EXPECT(bio_add_page(bio, low, 8192, 0) == 8192);	/* two contiguous pages */
	KT_EXPECT(bio_add_page(bio, high, 1024, 512) == 1024);
	KT_EXPECT(bio->bi_vcnt == 2 && bio->bi_iter.bi_size == 9216);
	KT_EXPECT(submit_bio_wait(bio) == 0);
	KT_EXPECT(is_pattern(page_address(low), 4096, 16));
	p = kmap(high);
	KT_EXPECT(PageHighMem(high));
	KT_EXPECT(is_pattern(p + 512, 4096 + 16, 2));
	kunmap(high);
	pr_info("block: read_highmem: 18 sectors into 2 lowmem pages and a highmem page match\n");
out:
	if (bio)
		bio_put(bio);
	if (low)
		__free_pages(low, 1);
	if (high)
		__free_page(high);
}

/* Counts the async bios of a batch; the last one wakes the waiter. */
struct batch {
	int left;
	int errors;
	volatile bool done;
};

static void batch_end_io(struct bio *bio)
{
	struct batch *b = bio->bi_private;

	if (bio->bi_status)
		__atomic_add_fetch(&b->errors, 1, __ATOMIC_RELAXED);
	if (__atomic_sub_fetch(&b->left, 1, __ATOMIC_ACQ_REL) == 0) {
		b->done = true;
		blk_wake_io();
	}
}

/*
 * Plugged, @nr one-page reads of disk sectors @first.. in order, or with
 * @front in the order second, ..., last, first (so one front merge);
 * checks the data. Returns the requests the queue dispatched for them.
 */
static unsigned long read_batch(struct block_device *bdev, sector_t first, int nr,
				bool front, unsigned long *merges)
{
	struct gendisk *disk = bdev->bd_disk;
	unsigned long before = disk->queue->nr_dispatched;
	unsigned long merged = disk->part0.dkstats.merges[0];
	struct page *pages[NR_LIMIT] = { NULL };
	struct batch b = { .left = nr };
	struct blk_plug plug;

	blk_start_plug(&plug);
	for (int k = 0; k < nr; k++) {
		int i = front ? (k + 1) % nr : k;
		struct bio *bio = bio_alloc(GFP_KERNEL, 1);

		pages[i] = alloc_page(GFP_KERNEL);
		if (!KT_EXPECT(bio && pages[i]))
			return 0;		/* leaks: a test machine out of memory */
		bio_set_dev(bio, bdev);
		bio->bi_opf = REQ_OP_READ;
		bio->bi_iter.bi_sector = first + i * 8;
		bio->bi_end_io = batch_end_io;
		bio->bi_private = &b;
		bio_add_page(bio, pages[i], PAGE_SIZE, 0);
		submit_bio(bio);
	}
	blk_finish_plug(&plug);
	blk_wait_io(&b.done);
	KT_EXPECT(b.errors == 0);
	for (int i = 0; i < nr; i++) {
		KT_EXPECT(is_pattern(page_address(pages[i]), first + i * 8, 8));
		__free_page(pages[i]);
	}
	*merges = disk->part0.dkstats.merges[0] - merged;
	return disk->queue->nr_dispatched - before;
}

/* Adjacent bios merge (back and front) into one request; max_segments splits 32. */
KTEST(block_merge)
{
	struct block_device *bdev = test_disk("merge");
	unsigned long reqs, merges, segs;

	if (!bdev)
		return;
	reqs = read_batch(bdev, 6144, NR_MERGE, true, &merges);
	KT_EXPECT(reqs == 1 && merges == NR_MERGE - 1);
	pr_info("block: merge: %d bios, %lu requests, %lu merged\n", NR_MERGE, reqs, merges);
	segs = bdev->bd_disk->queue->limits.max_segments;
	reqs = read_batch(bdev, 8192, NR_LIMIT, false, &merges);
	KT_EXPECT(reqs == DIV_ROUND_UP(NR_LIMIT, segs));
	pr_info("block: merge: %d bios, %lu requests (max_segments %lu)\n", NR_LIMIT, reqs, segs);
}

/* A PREFLUSH|FUA write of 8 sectors at vda3's start, read back; an empty flush. */
KTEST(block_flush)
{
	struct block_device *bdev = test_disk("flush"), *p3 = lookup_bdev("vda3");
	struct page *page = alloc_page(GFP_KERNEL);
	struct bio *bio = bio_alloc(GFP_KERNEL, 1);
	unsigned long before;
	char *p;

	if (!bdev || !KT_EXPECT(page && bio && p3))
		goto out;
	if (bdev->bd_disk->queue->readonly) {
		pr_info("block: flush: vda is read-only, skipped\n");
		goto out;
	}
	p = page_address(page);
	for (int i = 0; i < 8; i++)
		written_sector(p + i * 512, P3_START + i);
	before = bdev->bd_disk->queue->nr_dispatched;
	bio_set_dev(bio, p3);
	bio->bi_opf = REQ_OP_WRITE | REQ_PREFLUSH | REQ_FUA;
	bio_add_page(bio, page, PAGE_SIZE, 0);
	KT_EXPECT(submit_bio_wait(bio) == 0);
	pr_info("block: flush: PREFLUSH|FUA write: %lu requests (write cache %s)\n",
		bdev->bd_disk->queue->nr_dispatched - before,
		bdev->bd_disk->queue->write_cache ? "on" : "off");
	memset(p, 0, PAGE_SIZE);
	KT_EXPECT(read_bdev(p3, 0, page, 0, 8) == 0);
	written_sector(p + 2048, P3_START + 7);
	KT_EXPECT(!memcmp(p + 7 * 512, p + 2048, 512));
	KT_EXPECT(blkdev_issue_flush(bdev->bd_disk) == 0);
out:
	if (bio)
		bio_put(bio);
	if (page)
		__free_page(page);
}

/* vda2's sector 0 is disk sector 10240; past vda1's end: -EIO, vda2 untouched. */
KTEST(block_partition)
{
	struct block_device *bdev = test_disk("partition");
	struct block_device *p1 = lookup_bdev("vda1"), *p2 = lookup_bdev("vda2");
	struct page *page = alloc_page(GFP_KERNEL);
	struct bio *bio = bio_alloc(GFP_KERNEL, 1);
	sector_t end;

	if (!bdev || !KT_EXPECT(page && bio && p1 && p2))
		goto out;
	KT_EXPECT(p2->bd_part->start_sect == P2_START);
	KT_EXPECT(read_bdev(p2, 0, page, 0, 1) == 0);
	KT_EXPECT(is_pattern(page_address(page), P2_START, 1));
	end = p1->bd_part->nr_sects;
	KT_EXPECT(read_bdev(p1, end - 1, page, 0, 1) == 0);
	KT_EXPECT(is_pattern(page_address(page), 2048 + end - 1, 1));
	KT_EXPECT(read_bdev(p1, end - 1, page, 0, 2) == -EIO);
	KT_EXPECT(read_bdev(p1, end, page, 0, 1) == -EIO);
	/* A write across vda1's end must fail before the device sees it. */
	bio_set_dev(bio, p1);
	bio->bi_opf = REQ_OP_WRITE;
	bio->bi_iter.bi_sector = end - 1;
	memset(page_address(page), 0xee, PAGE_SIZE);
	bio_add_page(bio, page, 1024, 0);
	KT_EXPECT(submit_bio_wait(bio) == -EIO);
	KT_EXPECT(read_bdev(p2, 0, page, 0, 1) == 0);
	KT_EXPECT(is_pattern(page_address(page), P2_START, 1));
	pr_info("block: partition: vda2 sector 0 is disk sector %d; past vda1's end -EIO, vda2 unchanged\n",
		P2_START);
out:
	if (bio)
		bio_put(bio);
	if (page)
		__free_page(page);
}

/* A write to a read-only disk ends -EROFS (through the queue). */
KTEST(block_readonly)
{
	struct block_device *bdev = test_disk("readonly");
	struct page *page = alloc_page(GFP_KERNEL);
	struct bio *bio = bio_alloc(GFP_KERNEL, 1);

	if (!bdev || !KT_EXPECT(page && bio))
		goto out;
	if (!bdev->bd_disk->queue->readonly) {
		pr_info("block: readonly: vda is writable, skipped\n");
		goto out;
	}
	bio_set_dev(bio, lookup_bdev("vda4"));
	bio->bi_opf = REQ_OP_WRITE;
	bio_add_page(bio, page, 512, 0);
	KT_EXPECT(submit_bio_wait(bio) == -EROFS);
	pr_info("block: readonly: write to vda4 -EROFS\n");
out:
	if (bio)
		bio_put(bio);
	if (page)
		__free_page(page);
}
