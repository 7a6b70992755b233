/*
 * Host tests of the block layer's portable core: bio building within the
 * queue limits, plug merging (back, front, direction, limits), dispatch
 * with several requests in flight, a failing request failing only its
 * bios, partition remap and the end-of-device check, read-only queues,
 * PREFLUSH/FUA sequencing, add_disk's partition scan, and the
 * /proc/partitions and /proc/diskstats texts. The driver is a fake that
 * keeps each request until the test (or a sleeping waiter) completes it.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/genhd.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/errno.h>
#include <linux/seq_buf.h>
#include "slab_test_env.h"
#include "test.h"

volatile unsigned long jiffies;
unsigned int HZ = 100;

/* ---- the fake driver ------------------------------------------------------ */

#define MAX_PENDING	64

struct fake_dev {
	u8 *image;			/* the disk's bytes */
	struct request *pending[MAX_PENDING];	/* in queue_rq order */
	int nr_pending;
	int refuse;			/* queue_rq returns this (0: accept) */
	unsigned int ops[MAX_PENDING];	/* req_op of each request seen */
	int nr_ops;
};

static int fake_queue_rq(struct request_queue *q, struct request *rq)
{
	struct fake_dev *dev = q->queuedata;

	if (dev->nr_ops < MAX_PENDING)
		dev->ops[dev->nr_ops++] = req_op(rq);
	if (dev->refuse)
		return dev->refuse;
	if (dev->nr_pending == MAX_PENDING)
		abort();
	dev->pending[dev->nr_pending++] = rq;
	return 0;
}

/* Moves the data of @rq between its pages and the image. */
static void fake_transfer(struct fake_dev *dev, struct request *rq)
{
	u8 *at = dev->image + blk_rq_pos(rq) * 512;
	struct bio *bio;

	if (req_op(rq) == REQ_OP_FLUSH)
		return;
	__rq_for_each_bio(bio, rq) {
		for (unsigned int i = 0; i < bio->bi_vcnt; i++) {
			struct bio_vec *bv = &bio->bi_io_vec[i];
			u8 *p = (u8 *)page_address(bv->bv_page) + bv->bv_offset;

			if (rq_data_dir(rq))
				memcpy(at, p, bv->bv_len);
			else
				memcpy(p, at, bv->bv_len);
			at += bv->bv_len;
		}
	}
}

/* Completes pending request @i of @dev with @err. */
static void fake_complete(struct fake_dev *dev, int i, int err)
{
	struct request *rq = dev->pending[i];

	memmove(&dev->pending[i], &dev->pending[i + 1],
		(dev->nr_pending - i - 1) * sizeof(rq));
	dev->nr_pending--;
	if (!err)
		fake_transfer(dev, rq);
	blk_mq_end_request(rq, err);
}

static struct fake_dev *waiting_dev;	/* whose requests a sleeper completes */
static struct fake_dev *all_devs[16];	/* every fake device, for the boot scan */
static int nr_devs;

/* A device with a request in flight: the waited-for one first. */
static struct fake_dev *busy_dev(void)
{
	if (waiting_dev && waiting_dev->nr_pending)
		return waiting_dev;
	for (int i = 0; i < nr_devs; i++)
		if (all_devs[i]->nr_pending)
			return all_devs[i];
	return NULL;
}

/* blk-sched.c's part: "sleeping" completes requests in flight, in order. */
void blk_wait_io(volatile bool *done)
{
	while (!*done) {
		struct fake_dev *dev = busy_dev();

		if (!dev) {
			CHECK(0, "blk_wait_io: nothing in flight would end the wait");
			fflush(stdout);
			abort();
		}
		fake_complete(dev, 0, 0);
	}
}

void blk_wake_io(void)
{
}

static int the_task;

void *blk_current_task(void)
{
	return &the_task;
}

/* A disk @name of @sectors on a fake device, limits as given, not yet added. */
static struct gendisk *fake_disk(const char *name, sector_t sectors, int minors,
				 struct fake_dev *dev)
{
	struct gendisk *disk = alloc_disk(minors);
	struct request_queue *q = blk_alloc_queue(fake_queue_rq, dev);

	memset(dev, 0, sizeof(*dev));
	dev->image = calloc(sectors, 512);
	if (nr_devs < 16)
		all_devs[nr_devs++] = dev;
	strlcpy(disk->disk_name, name, sizeof(disk->disk_name));
	disk->major = 254;
	disk->queue = q;
	set_capacity(disk, sectors);
	return disk;
}

/* ---- bios ------------------------------------------------------------------ */

struct endio_log {
	int calls;
	int status;
};

static void log_end_io(struct bio *bio)
{
	struct endio_log *l = bio->bi_private;

	l->calls++;
	l->status = bio->bi_status;
}

/* A one-page bio of @op at @sector of @bdev, @sectors long, logging to @l. */
static struct bio *make_bio(struct block_device *bdev, unsigned int op, sector_t sector,
			    unsigned int sectors, struct endio_log *l)
{
	struct bio *bio = bio_alloc(GFP_KERNEL, 1);
	struct page *page = alloc_page(GFP_KERNEL);

	bio_set_dev(bio, bdev);
	bio->bi_opf = op;
	bio->bi_iter.bi_sector = sector;
	bio->bi_end_io = log_end_io;
	bio->bi_private = l;
	if (sectors)
		bio_add_page(bio, page, sectors * 512, 0);
	else
		__free_page(page);
	return bio;
}

static void free_bio(struct bio *bio)
{
	if (bio->bi_vcnt)
		__free_page(bio->bi_io_vec[0].bv_page);
	bio_put(bio);
}

static void test_bio_building(void)
{
	static struct fake_dev dev;
	struct gendisk *disk = fake_disk("vdx", 1024, 1, &dev);
	struct page *pages = alloc_pages(GFP_KERNEL, 3);
	struct bio *bio;

	CHECK(bio_alloc(GFP_KERNEL, BIO_MAX_PAGES + 1) == NULL, "bio_alloc refuses more than BIO_MAX_PAGES vecs");
	bio = bio_alloc(GFP_KERNEL, 2);
	CHECK(bio && bio->bi_vcnt == 0 && bio->bi_iter.bi_size == 0 && !bio->bi_disk, "bio_alloc: an empty bio");
	CHECK(bio_add_page(bio, pages, 4096, 0) == 4096 && bio_add_page(bio, pages + 1, 512, 512) == 512,
	      "bio_add_page: two vecs");
	CHECK(bio_add_page(bio, pages + 2, 512, 0) == 0, "bio_add_page: no third vec in a bio of 2");
	CHECK(bio->bi_vcnt == 2 && bio->bi_iter.bi_size == 4608 && bio->bi_io_vec[1].bv_offset == 512,
	      "the bio holds 4608 bytes in 2 vecs");
	bio_put(bio);

	blk_queue_max_segments(disk->queue, 3);
	blk_queue_max_segment_size(disk->queue, 2048);
	bio = bio_alloc(GFP_KERNEL, 8);
	bio->bi_disk = disk;
	CHECK(bio_add_page(bio, pages, 4096, 0) == 4096, "a 4096-byte vec is 2 segments of 2048");
	CHECK(bio_add_page(bio, pages + 1, 4096, 0) == 0, "bio_add_page refuses a 4th segment (max_segments 3)");
	CHECK(bio_add_page(bio, pages + 1, 2048, 0) == 2048, "a 2048-byte vec fits the 3rd segment");
	bio_put(bio);

	blk_queue_max_segments(disk->queue, 64);
	blk_queue_max_segment_size(disk->queue, 4096);
	blk_queue_max_hw_sectors(disk->queue, 16);
	bio = bio_alloc(GFP_KERNEL, 8);
	bio->bi_disk = disk;
	CHECK(bio_add_page(bio, pages, 4096, 0) == 4096 && bio_add_page(bio, pages + 1, 4096, 0) == 4096 &&
	      bio_add_page(bio, pages + 2, 512, 0) == 0, "bio_add_page stops at max_sectors 16");
	bio_put(bio);
	__free_pages(pages, 3);
	free(dev.image);
	put_disk(disk);
}

/* ---- merging and dispatch --------------------------------------------------- */

static void test_merging(void)
{
	static struct fake_dev dev;
	struct gendisk *disk = fake_disk("vdm", 1024, 1, &dev);
	struct block_device *bdev = &disk->part0.bdev;
	struct endio_log l[6] = { { 0 } };
	struct bio *b[6];
	struct blk_plug plug;
	struct request *rq;

	b[0] = make_bio(bdev, REQ_OP_READ, 8, 8, &l[0]);
	b[1] = make_bio(bdev, REQ_OP_READ, 16, 8, &l[1]);	/* back */
	b[2] = make_bio(bdev, REQ_OP_READ, 0, 8, &l[2]);	/* front */
	b[3] = make_bio(bdev, REQ_OP_WRITE, 24, 8, &l[3]);	/* adjacent, but a write */
	b[4] = make_bio(bdev, REQ_OP_READ, 100, 8, &l[4]);	/* not adjacent */
	b[5] = make_bio(bdev, REQ_OP_READ | REQ_FUA, 24, 8, &l[5]);	/* FUA never merges */
	blk_start_plug(&plug);
	for (int i = 0; i < 6; i++)
		submit_bio(b[i]);
	CHECK(dev.nr_pending == 0, "plugged: the driver has seen nothing yet");
	blk_finish_plug(&plug);
	CHECK(dev.nr_pending == 4, "finish_plug: 6 bios went as %d requests (4 wanted)", dev.nr_pending);
	rq = dev.pending[0];
	CHECK(blk_rq_pos(rq) == 0 && blk_rq_sectors(rq) == 24 && rq->bio == b[2] &&
	      b[2]->bi_next == b[0] && b[0]->bi_next == b[1] && rq->biotail == b[1],
	      "the first request is sectors 0-23: the front bio, then the two in order");
	CHECK(rq->nr_phys_segments == 3, "3 segments in it");
	CHECK(req_op(dev.pending[1]) == REQ_OP_WRITE && blk_rq_pos(dev.pending[2]) == 100,
	      "the write and the far read are requests of their own");
	CHECK(disk->queue->in_flight == 4 && disk->part0.in_flight[0] == 3 && disk->part0.in_flight[1] == 1,
	      "4 requests in flight at once (3 reads, 1 write)");
	CHECK(disk->part0.dkstats.merges[0] == 2 && disk->part0.dkstats.merges[1] == 0,
	      "2 read merges counted");

	/* The device fails the first request only. */
	fake_complete(&dev, 0, -EIO);
	CHECK(l[0].calls == 1 && l[1].calls == 1 && l[2].calls == 1 &&
	      l[0].status == -EIO && l[1].status == -EIO && l[2].status == -EIO,
	      "a failed request ends each of its 3 bios once with -EIO");
	CHECK(l[3].calls == 0 && l[4].calls == 0, "the others are still in flight");
	while (dev.nr_pending)
		fake_complete(&dev, 0, 0);
	CHECK(l[3].calls == 1 && l[3].status == 0 && l[4].status == 0 && l[5].calls == 1 && l[5].status == 0,
	      "the other requests' bios end with 0");
	CHECK(disk->queue->in_flight == 0 && disk->part0.dkstats.ios[0] == 3 &&
	      disk->part0.dkstats.ios[1] == 1 && disk->part0.dkstats.sectors[0] == 40,
	      "stats: 3 reads (40 sectors), 1 write completed, none in flight");
	for (int i = 0; i < 6; i++)
		free_bio(b[i]);

	/* Unplugged: every bio is its own request, straight to the driver. */
	b[0] = make_bio(bdev, REQ_OP_READ, 200, 8, &l[0]);
	b[1] = make_bio(bdev, REQ_OP_READ, 208, 8, &l[1]);
	submit_bio(b[0]);
	submit_bio(b[1]);
	CHECK(dev.nr_pending == 2, "unplugged: two adjacent bios are two requests in flight");
	while (dev.nr_pending)
		fake_complete(&dev, 0, 0);
	free_bio(b[0]);
	free_bio(b[1]);

	/* A refusing driver ends the request with its error. */
	dev.refuse = -ENOMEM;
	b[0] = make_bio(bdev, REQ_OP_READ, 300, 8, &l[0]);
	l[0].calls = 0;
	submit_bio(b[0]);
	CHECK(l[0].calls == 1 && l[0].status == -ENOMEM && disk->queue->in_flight == 0,
	      "queue_rq's refusal ends the bio with its error");
	free_bio(b[0]);
	free(dev.image);
	put_disk(disk);
}

static void test_merge_limits(void)
{
	static struct fake_dev dev;
	struct gendisk *disk = fake_disk("vdl", 1024, 1, &dev);
	struct endio_log l = { 0 };
	struct bio *b[6];
	struct blk_plug plug;

	blk_queue_max_hw_sectors(disk->queue, 24);
	blk_start_plug(&plug);
	for (int i = 0; i < 6; i++) {
		b[i] = make_bio(&disk->part0.bdev, REQ_OP_READ, i * 8, 8, &l);
		submit_bio(b[i]);
	}
	blk_finish_plug(&plug);
	CHECK(dev.nr_pending == 2 && blk_rq_sectors(dev.pending[0]) == 24 &&
	      blk_rq_sectors(dev.pending[1]) == 24, "max_sectors 24: 6 adjacent 8-sector bios make 2 requests");
	while (dev.nr_pending)
		fake_complete(&dev, 0, 0);

	blk_queue_max_hw_sectors(disk->queue, 1024);
	blk_queue_max_segments(disk->queue, 2);
	blk_start_plug(&plug);
	for (int i = 0; i < 6; i++)
		submit_bio(b[i]);
	blk_finish_plug(&plug);
	CHECK(dev.nr_pending == 3 && dev.pending[0]->nr_phys_segments == 2,
	      "max_segments 2: 6 one-segment bios make 3 requests");
	while (dev.nr_pending)
		fake_complete(&dev, 0, 0);
	CHECK(l.calls == 12 && l.status == 0, "all 12 bios ended");
	for (int i = 0; i < 6; i++)
		free_bio(b[i]);
	free(dev.image);
	put_disk(disk);
}

/* ---- partitions, read-only, flushes ------------------------------------------ */

static void test_partitions(void)
{
	static struct fake_dev dev;	/* its disk stays, for the later tests */
	struct gendisk *disk = fake_disk("vdp", 1000, 4, &dev);
	struct block_device *p1, *p2;
	struct endio_log l = { 0 };
	struct bio *bio;

	add_disk(disk);		/* before scan_boot_disks: no scan */
	CHECK(add_partition(disk, 1, 100, 200) == 0 && add_partition(disk, 2, 300, 100) == 0,
	      "add_partition: vdp1 at 100, vdp2 at 300");
	CHECK(add_partition(disk, 3, 900, 101) == -EINVAL && add_partition(disk, 4, 1000, 1) == -EINVAL &&
	      add_partition(disk, 4, 0, 0) == -EINVAL && add_partition(disk, 1, 0, 10) == -EINVAL &&
	      add_partition(disk, 5, 0, 10) == -EINVAL, "add_partition refuses what does not fit");
	p1 = lookup_bdev("vdp1");
	p2 = lookup_bdev("vdp2");
	CHECK(p1 && p2 && p2->bd_partno == 2 && p2->bd_part->start_sect == 300 &&
	      lookup_bdev("vdp") == &disk->part0.bdev && !lookup_bdev("vdp3") && !lookup_bdev("vd"),
	      "lookup_bdev finds vdp, vdp1, vdp2 and nothing else");

	bio = make_bio(p2, REQ_OP_READ, 10, 8, &l);
	submit_bio(bio);
	CHECK(dev.nr_pending == 1 && blk_rq_pos(dev.pending[0]) == 310 && dev.pending[0]->part == p2->bd_part,
	      "vdp2's sector 10 is disk sector 310");
	fake_complete(&dev, 0, 0);
	CHECK(p2->bd_part->dkstats.ios[0] == 1 && disk->part0.dkstats.ios[0] == 1 &&
	      p1->bd_part->dkstats.ios[0] == 0, "counted on vdp2 and on the whole disk");
	free_bio(bio);

	bio = make_bio(p1, REQ_OP_READ, 196, 8, &l);	/* 196..203: past 199 */
	submit_bio(bio);
	CHECK(dev.nr_pending == 0 && l.status == -EIO, "a read across vdp1's end: -EIO, the device sees nothing");
	free_bio(bio);
	bio = make_bio(p1, REQ_OP_WRITE, 192, 8, &l);	/* 192..199: the last 8 */
	submit_bio(bio);
	CHECK(dev.nr_pending == 1 && blk_rq_pos(dev.pending[0]) == 292, "vdp1's last 8 sectors are fine");
	fake_complete(&dev, 0, 0);
	free_bio(bio);
	bio = make_bio(&disk->part0.bdev, REQ_OP_READ, 996, 8, &l);
	submit_bio(bio);
	CHECK(dev.nr_pending == 0 && l.status == -EIO, "past the whole disk's end: -EIO");
	free_bio(bio);

	disk->queue->readonly = true;
	bio = make_bio(p2, REQ_OP_WRITE, 0, 8, &l);
	submit_bio(bio);
	CHECK(dev.nr_pending == 0 && l.status == -EROFS, "a write to a read-only queue: -EROFS");
	free_bio(bio);
	bio = make_bio(p2, REQ_OP_READ, 0, 8, &l);
	submit_bio(bio);
	CHECK(dev.nr_pending == 1, "a read of it goes through");
	fake_complete(&dev, 0, 0);
	free_bio(bio);
	disk->queue->readonly = false;
}

static void test_flush(void)
{
	static struct fake_dev dev;
	struct gendisk *disk = fake_disk("vdf", 64, 1, &dev);
	struct endio_log l = { 0 };
	struct bio *bio;

	waiting_dev = &dev;
	blk_queue_write_cache(disk->queue, true, false);
	bio = make_bio(&disk->part0.bdev, REQ_OP_WRITE | REQ_PREFLUSH | REQ_FUA, 8, 8, &l);
	memset(page_address(bio->bi_io_vec[0].bv_page), 0x77, 4096);
	submit_bio(bio);
	CHECK(dev.nr_ops == 3 && dev.ops[0] == REQ_OP_FLUSH && dev.ops[1] == REQ_OP_WRITE &&
	      dev.ops[2] == REQ_OP_FLUSH, "PREFLUSH|FUA with a write cache: flush, write, flush");
	CHECK(l.calls == 1 && l.status == 0 && dev.image[8 * 512] == 0x77 && dev.image[16 * 512 - 1] == 0x77,
	      "the bio ends once, after the data reached the image");
	free_bio(bio);

	dev.nr_ops = 0;
	l.calls = 0;
	bio = make_bio(&disk->part0.bdev, REQ_OP_FLUSH, 0, 0, &l);
	submit_bio(bio);
	CHECK(dev.nr_ops == 1 && dev.ops[0] == REQ_OP_FLUSH && l.calls == 1, "an empty flush: one FLUSH request");
	free_bio(bio);
	dev.nr_ops = 0;
	CHECK(blkdev_issue_flush(disk) == 0 && dev.nr_ops == 1, "blkdev_issue_flush: one FLUSH request");

	dev.nr_ops = 0;
	blk_queue_write_cache(disk->queue, true, true);
	bio = make_bio(&disk->part0.bdev, REQ_OP_WRITE | REQ_FUA, 8, 8, &l);
	submit_bio(bio);
	CHECK(dev.nr_ops == 1 && dev.ops[0] == REQ_OP_WRITE, "native FUA: the write alone");
	free_bio(bio);

	dev.nr_ops = 0;
	l.calls = 0;
	blk_queue_write_cache(disk->queue, false, false);
	bio = make_bio(&disk->part0.bdev, REQ_OP_WRITE | REQ_PREFLUSH | REQ_FUA, 8, 8, &l);
	submit_bio(bio);
	CHECK(dev.nr_ops == 1 && dev.ops[0] == REQ_OP_WRITE && dev.nr_pending == 1,
	      "write-through: the write alone, asynchronously");
	fake_complete(&dev, 0, 0);
	free_bio(bio);
	bio = make_bio(&disk->part0.bdev, REQ_OP_FLUSH, 0, 0, &l);
	submit_bio(bio);
	CHECK(dev.nr_ops == 1 && l.calls == 2 && l.status == 0, "write-through: a flush ends at once");
	free_bio(bio);

	/* A failed preflush fails the bio; its data is never sent. */
	dev.nr_ops = 0;
	blk_queue_write_cache(disk->queue, true, false);
	dev.refuse = -EIO;
	bio = make_bio(&disk->part0.bdev, REQ_OP_WRITE | REQ_PREFLUSH, 8, 8, &l);
	submit_bio(bio);
	CHECK(dev.nr_ops == 1 && l.status == -EIO, "a failed preflush ends the bio with -EIO, no write");
	dev.refuse = 0;
	free_bio(bio);
	waiting_dev = NULL;
	free(dev.image);
	put_disk(disk);
}

/* submit_bio_wait while plugged must not wait on its own plug. */
static void test_wait_plugged(void)
{
	static struct fake_dev dev;
	struct gendisk *disk = fake_disk("vdw", 64, 1, &dev);
	struct endio_log l = { 0 };
	struct bio *bio = make_bio(&disk->part0.bdev, REQ_OP_READ, 0, 8, &l);
	struct blk_plug plug, inner;

	waiting_dev = &dev;
	dev.image[0] = 0x42;
	blk_start_plug(&plug);
	blk_start_plug(&inner);		/* nested: a no-op */
	blk_finish_plug(&inner);
	CHECK(submit_bio_wait(bio) == 0 && *(u8 *)page_address(bio->bi_io_vec[0].bv_page) == 0x42,
	      "submit_bio_wait under a plug reads the data");
	blk_finish_plug(&plug);
	free_bio(bio);
	waiting_dev = NULL;
	free(dev.image);
	put_disk(disk);
}

/* ---- add_disk's scan and the /proc texts -------------------------------------- */

static void put_le32(u8 *p, u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static void test_scan_and_proc(void)
{
	static char text[4096];
	static struct fake_dev dev, sdev;
	struct gendisk *disk = fake_disk("mmcblk0", 4096, 8, &dev);
	struct gendisk *sdisk;
	struct endio_log l = { 0 };
	struct seq_buf s;
	struct bio *b[3];
	struct blk_plug plug;
	u8 *mbr = dev.image;

	mbr[446 + 4] = 0x83;			/* entry 1: Linux, 2048 + 1024 */
	put_le32(mbr + 446 + 8, 2048);
	put_le32(mbr + 446 + 12, 1024);
	mbr[462 + 4] = 0x83;			/* entry 2: 3072 + 1024 */
	put_le32(mbr + 462 + 8, 3072);
	put_le32(mbr + 462 + 12, 1024);
	mbr[510] = 0x55;
	mbr[511] = 0xaa;
	disk->first_minor = 16;
	add_disk(disk);
	waiting_dev = &dev;
	scan_boot_disks();		/* vdp (test_partitions) has minors 4: rescanned, stays */
	CHECK(lookup_bdev("mmcblk0p1") && lookup_bdev("mmcblk0p2") &&
	      lookup_bdev("mmcblk0p2")->bd_part->start_sect == 3072 && disk->nr_parts == 2,
	      "scan_boot_disks: the MBR gives mmcblk0p1 and mmcblk0p2");

	/* Exact statistics: a disk of its own, known times. */
	sdisk = fake_disk("vds", 2048, 2, &sdev);
	sdisk->first_minor = 32;
	waiting_dev = &sdev;
	add_disk(sdisk);		/* scans at once now: 1-2 reads */
	CHECK(sdev.nr_ops >= 1 && sdisk->nr_parts == 0, "add_disk after the boot scan reads the table itself");
	memset(&sdisk->part0.dkstats, 0, sizeof(sdisk->part0.dkstats));
	jiffies = 1000;
	blk_start_plug(&plug);
	for (int i = 0; i < 3; i++) {
		b[i] = make_bio(&sdisk->part0.bdev, REQ_OP_READ, 64 + 8 * i, 8, &l);
		submit_bio(b[i]);
	}
	blk_finish_plug(&plug);
	jiffies = 1005;			/* 50 ms at HZ=100 */
	fake_complete(&sdev, 0, 0);
	for (int i = 0; i < 3; i++)
		free_bio(b[i]);

	seq_buf_init(&s, text, sizeof(text));
	diskstats_show(&s);
	CHECK(strstr(text, " 254      32 vds 1 2 24 50 0 0 0 0 0 50 50\n") != NULL,
	      "/proc/diskstats: vds 1 read, 2 merged, 24 sectors, 50 ms; io 50 ms, weighted 50");
	CHECK(strstr(text, " 254      18 mmcblk0p2 0 0 0 0 0 0 0 0 0 0 0\n") != NULL,
	      "/proc/diskstats: mmcblk0p2's line");
	seq_buf_init(&s, text, sizeof(text));
	partitions_show(&s);
	CHECK(!strncmp(text, "major minor  #blocks  name\n\n", 28), "/proc/partitions: the header and a blank line");
	CHECK(strstr(text, " 254       16       2048 mmcblk0\n 254       17        512 mmcblk0p1\n"
		      " 254       18        512 mmcblk0p2\n") != NULL, "/proc/partitions: mmcblk0 and its partitions");
	CHECK(strstr(text, " 254        2         50 vdp2\n") != NULL, "/proc/partitions: vdp2, 100 sectors = 50 blocks");
	printf("%s", text);
	waiting_dev = NULL;
}

int main(void)
{
	slab_env_init();
	kmem_cache_init();
	bio_init_cache();
	test_bio_building();
	test_merging();
	test_merge_limits();
	test_partitions();
	test_flush();
	test_wait_plugged();
	test_scan_and_proc();
	return test_exit();
}
