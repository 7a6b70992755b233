/*
 * Disks and partitions: alloc_disk/add_disk, the partition scan through
 * block/partitions' check_partition, lookup_bdev by name, and the I/O
 * statistics with their /proc/partitions and /proc/diskstats texts (Linux
 * 4.x block/genhd.c and partition-generic.c; diskstats has 4.x's 14 fields,
 * 4.18+ adds 4 for discards and 5.5+ 2 for flushes). Left out: dev_t
 * allocation (the driver picks major/first_minor), del_disk, rescans,
 * sysfs, and holders/openers.
 */
#include <linux/genhd.h>
#include <linux/kdev_t.h>
#include <linux/blkdev.h>
#include <linux/bio.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/seq_buf.h>
#include <linux/printk.h>
#include <linux/mmc/host.h>
#include "partitions/check.h"

static LIST_HEAD(disks);	/* added disks, in order; add_disk at boot only */
static bool disks_live;		/* interrupts on: add_disk may read the disk */

struct gendisk *alloc_disk(int minors)
{
	struct gendisk *disk;

	if (minors < 1)
		return NULL;
	disk = kzalloc(sizeof(*disk), GFP_KERNEL);
	if (!disk)
		return NULL;
	disk->part = kcalloc(minors, sizeof(*disk->part), GFP_KERNEL);
	if (!disk->part) {
		kfree(disk);
		return NULL;
	}
	disk->minors = minors;
	disk->part0.bdev = (struct block_device){ .bd_disk = disk, .bd_part = &disk->part0, .bd_partno = 0 };
	INIT_LIST_HEAD(&disk->list);
	return disk;
}

/* Frees a disk that was never added (or a test's), with its partitions. */
void put_disk(struct gendisk *disk)
{
	for (int i = 1; i < disk->minors; i++)
		kfree(disk->part[i]);
	list_del_init(&disk->list);
	kfree(disk->part);
	kfree(disk);
}

struct hd_struct *disk_get_part(struct gendisk *disk, int partno)
{
	if (partno == 0)
		return &disk->part0;
	if (partno < 0 || partno >= disk->minors)
		return NULL;
	return disk->part[partno];
}

int add_partition(struct gendisk *disk, int partno, sector_t start, sector_t len)
{
	sector_t cap = get_capacity(disk);
	struct hd_struct *p;

	if (partno < 1 || partno >= disk->minors || disk->part[partno])
		return -EINVAL;
	if (!len || start >= cap || len > cap - start)
		return -EINVAL;
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->start_sect = start;
	p->nr_sects = len;
	p->partno = partno;
	p->bdev = (struct block_device){ .bd_disk = disk, .bd_part = p, .bd_partno = (u8)partno,
					 .bd_dev = MKDEV(disk->major, disk->first_minor + partno) };
	disk_part_name(disk->disk_name, partno, p->name, sizeof(p->name));
	disk->part[partno] = p;
	disk->nr_parts = max(disk->nr_parts, partno);
	return 0;
}

/* check_partition's read_sector: one logical block of the whole disk, via a bio. */
static int read_disk_sector(struct parsed_partitions *state, sector_t sector, void *buf)
{
	struct gendisk *disk = state->private;
	struct page *page = alloc_page(GFP_KERNEL);
	struct bio *bio = bio_alloc(GFP_KERNEL, 1);
	int err = -ENOMEM;

	if (page && bio) {
		bio->bi_disk = disk;
		bio->bi_opf = REQ_OP_READ;
		bio->bi_iter.bi_sector = sector;
		err = -EIO;
		if (bio_add_page(bio, page, state->lbsize, 0) == (int)state->lbsize)
			err = submit_bio_wait(bio);
		if (!err)
			memcpy(buf, page_address(page), state->lbsize);
	}
	if (bio)
		bio_put(bio);
	if (page)
		__free_page(page);
	return err;
}

/* Reads @disk's table and adds what it found; prints Linux's "vda: vda1 vda2" line. */
static void rescan_partitions(struct gendisk *disk)
{
	struct parsed_partitions *state = kzalloc(sizeof(*state), GFP_KERNEL);
	int res;

	if (!state) {
		pr_err("%s: no memory to read the partition table\n", disk->disk_name);
		return;
	}
	state->name = disk->disk_name;
	state->capacity = get_capacity(disk);
	state->lbsize = disk->queue->limits.logical_block_size;
	state->read_sector = read_disk_sector;
	state->private = disk;
	state->limit = min(disk->minors - 1, DISK_MAX_PARTS);
	res = check_partition(state);
	for (int i = 1; res > 0 && i <= state->limit; i++) {
		if (state->parts[i].size &&
		    add_partition(disk, i, state->parts[i].from, state->parts[i].size))
			pr_warn("%s: partition %d beyond the disk, skipped\n", disk->disk_name, i);
	}
	pr_info("%s:%s\n", disk->disk_name, state->pp_buf);	/* or " unknown partition table" */
	kfree(state);
}

void add_disk(struct gendisk *disk)
{
	strlcpy(disk->part0.name, disk->disk_name, sizeof(disk->part0.name));
	disk->part0.bdev.bd_dev = MKDEV(disk->major, disk->first_minor);
	list_add_tail(&disk->list, &disks);
	if (disks_live && disk->minors > 1)
		rescan_partitions(disk);
}

/*
 * The MMC core's (drivers/mmc/core/host.c): bring up the SD cards of the
 * hosts probed so far, so their disks are added before the scan below.
 * Programs without the MMC core (host tests) get this empty one.
 */
__attribute__((weak)) void mmc_scan_boot_hosts(void)
{
}

void scan_boot_disks(void)
{
	struct gendisk *disk;

	mmc_scan_boot_hosts();
	disks_live = true;
	list_for_each_entry(disk, &disks, list) {
		if (disk->minors > 1)
			rescan_partitions(disk);
	}
}

struct block_device *lookup_bdev(const char *name)
{
	struct gendisk *disk;

	list_for_each_entry(disk, &disks, list) {
		for (int i = 0; i <= disk->nr_parts; i++) {
			struct hd_struct *p = disk_get_part(disk, i);

			if (p && !strcmp(p->name, name))
				return &p->bdev;
		}
	}
	return NULL;
}

struct block_device *lookup_bdev_dev(dev_t dev)
{
	struct gendisk *disk;

	list_for_each_entry(disk, &disks, list) {
		for (int i = 0; i <= disk->nr_parts; i++) {
			struct hd_struct *p = disk_get_part(disk, i);

			if (p && p->bdev.bd_dev == dev)
				return &p->bdev;
		}
	}
	return NULL;
}

void for_each_bdev(void (*fn)(struct block_device *bdev, void *arg), void *arg)
{
	struct gendisk *disk;

	list_for_each_entry(disk, &disks, list) {
		for (int i = 0; i <= disk->nr_parts; i++) {
			struct hd_struct *p = disk_get_part(disk, i);

			if (p)
				fn(&p->bdev, arg);
		}
	}
}

/* ---- statistics (queue lock held, IRQs off) --------------------------------- */

static unsigned long ticks_ms(unsigned long j)
{
	return j * 1000 / HZ;
}

/* Brings io_ticks and time_in_queue up to @now (before in_flight changes). */
void part_round_stats(struct hd_struct *part, unsigned long now)
{
	unsigned int inflight = part->in_flight[0] + part->in_flight[1];

	if (inflight) {
		part->dkstats.io_ticks += now - part->stamp;
		part->dkstats.time_in_queue += inflight * (now - part->stamp);
	}
	part->stamp = now;
}

/* @part and, if it is a partition, the whole disk: Linux counts both. */
#define for_part_and_disk(p, disk, part) \
	for (struct hd_struct *p = (part); p; p = (p == &(disk)->part0 ? NULL : &(disk)->part0))

void blk_account_io_start(struct gendisk *disk, struct hd_struct *part, int rw)
{
	for_part_and_disk(p, disk, part) {
		part_round_stats(p, jiffies);
		p->in_flight[rw]++;
	}
}

void blk_account_io_merge(struct gendisk *disk, struct hd_struct *part, int rw)
{
	for_part_and_disk(p, disk, part)
		p->dkstats.merges[rw]++;
}

void blk_account_io_done(struct gendisk *disk, struct hd_struct *part, int rw,
			 unsigned int sectors, unsigned long start_time)
{
	unsigned long now = jiffies;

	for_part_and_disk(p, disk, part) {
		part_round_stats(p, now);
		p->in_flight[rw]--;
		p->dkstats.ios[rw]++;
		p->dkstats.sectors[rw] += sectors;
		p->dkstats.ticks[rw] += now - start_time;
	}
}

/* ---- /proc texts ----------------------------------------------------------- */

void partitions_show(struct seq_buf *s)
{
	struct gendisk *disk;

	seq_buf_puts(s, "major minor  #blocks  name\n\n");
	list_for_each_entry(disk, &disks, list) {
		if (!get_capacity(disk))
			continue;
		for (int i = 0; i <= disk->nr_parts; i++) {
			struct hd_struct *p = disk_get_part(disk, i);

			if (p)
				seq_buf_printf(s, "%4d  %7d %10llu %s\n", disk->major,
					       disk->first_minor + i,
					       (unsigned long long)p->nr_sects >> 1, p->name);
		}
	}
}

/* One /proc/diskstats line for @p of @disk. */
static void diskstats_line(struct seq_buf *s, struct gendisk *disk, struct hd_struct *p)
{
	const struct disk_stats *st = &p->dkstats;

	seq_buf_printf(s, "%4d %7d %s %lu %lu %lu %lu %lu %lu %lu %lu %u %lu %lu\n",
		       disk->major, disk->first_minor + p->partno, p->name,
		       st->ios[0], st->merges[0], st->sectors[0], ticks_ms(st->ticks[0]),
		       st->ios[1], st->merges[1], st->sectors[1], ticks_ms(st->ticks[1]),
		       p->in_flight[0] + p->in_flight[1], ticks_ms(st->io_ticks),
		       ticks_ms(st->time_in_queue));
}

void diskstats_show(struct seq_buf *s)
{
	struct gendisk *disk;
	unsigned long flags;

	list_for_each_entry(disk, &disks, list) {
		spin_lock_irqsave(&disk->queue->lock, flags);
		for (int i = 0; i <= disk->nr_parts; i++) {
			struct hd_struct *p = disk_get_part(disk, i);

			if (p) {
				part_round_stats(p, jiffies);
				diskstats_line(s, disk, p);
			}
		}
		spin_unlock_irqrestore(&disk->queue->lock, flags);
	}
}
