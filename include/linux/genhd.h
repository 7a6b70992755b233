/*
 * Disks and partitions (block/genhd.c): struct gendisk with part0 (the
 * whole disk) and one struct hd_struct per partition, alloc_disk /
 * set_capacity / add_disk (which scans the partition table), lookup_bdev
 * by name, per-partition I/O statistics and the /proc/partitions and
 * /proc/diskstats texts. Linux 4.x names; no device numbers beyond
 * major/minor, no hotplug, no del_disk.
 */
#ifndef _LINUX_GENHD_H
#define _LINUX_GENHD_H

#include <linux/types.h>
#include <linux/list.h>

struct request_queue;
struct gendisk;
struct hd_struct;
struct seq_buf;

#define DISK_NAME_LEN	32

/* A disk or a partition as a bio names it (bio_set_dev). */
struct block_device {
	struct gendisk *bd_disk;
	struct hd_struct *bd_part;
	u8 bd_partno;
	dev_t bd_dev;
	/* Owned by fs/block_dev.c: the device's inode and page cache, set up on first blkdev_get. */
	struct inode *bd_inode;
	int bd_openers;			/* blkdev_get minus blkdev_put */
	unsigned int bd_block_size;	/* soft block size: buffer heads' size */
	void *bd_holder;		/* an exclusive opener (the mounted file system) */
	struct super_block *bd_super;	/* mounted on it */
};

/* The /proc/diskstats counters; [0] reads, [1] writes. Times in ms. */
struct disk_stats {
	unsigned long ios[2];		/* requests completed */
	unsigned long merges[2];	/* bios merged into a request */
	unsigned long sectors[2];
	unsigned long ticks[2];		/* ms requests took, summed */
	unsigned long io_ticks;		/* ms with something in flight */
	unsigned long time_in_queue;	/* ms x requests in flight */
};

/* A partition (partno >= 1) or the whole disk (part0, partno 0). Stats under the queue lock. */
struct hd_struct {
	sector_t start_sect;		/* on the whole disk */
	sector_t nr_sects;
	int partno;
	struct disk_stats dkstats;
	unsigned int in_flight[2];
	unsigned long stamp;		/* jiffies of the last io_ticks update */
	struct block_device bdev;
	char name[DISK_NAME_LEN];	/* "vda2" */
};

struct gendisk {
	int major, first_minor, minors;	/* minors: 1 + partitions it may have */
	char disk_name[DISK_NAME_LEN];	/* "vda" */
	struct request_queue *queue;
	void *private_data;		/* the driver's */
	struct hd_struct part0;		/* the whole disk */
	struct hd_struct **part;	/* [1..minors-1], NULL where none */
	int nr_parts;			/* the highest partition number in use */
	struct list_head list;		/* on the list of added disks */
};

/* A disk with room for @minors - 1 partitions, or NULL. */
struct gendisk *alloc_disk(int minors);
void put_disk(struct gendisk *disk);

static inline void set_capacity(struct gendisk *disk, sector_t size)
{
	disk->part0.nr_sects = size;
}

static inline sector_t get_capacity(const struct gendisk *disk)
{
	return disk->part0.nr_sects;
}

/*
 * Makes @disk visible and reads its partition table (printing Linux's
 * "vda: vda1 vda2" line; a damaged table is reported and the whole disk
 * stays usable), registering the partitions. Set name, queue and capacity
 * first. Before scan_boot_disks (drivers probe with interrupts off) the
 * scan waits for it; after, add_disk sleeps while it reads the disk.
 */
void add_disk(struct gendisk *disk);
/* Boot, once interrupts are on: scans the disks added so far. Sleeps. */
void scan_boot_disks(void);
/* Adds partition @partno (@start, @len sectors) to @disk: 0, -EINVAL (out of range), -ENOMEM. */
int add_partition(struct gendisk *disk, int partno, sector_t start, sector_t len);
/* The disk or partition called @name ("vda", "vda2"), or NULL. */
struct block_device *lookup_bdev(const char *name);
/* The disk or partition with device number @dev, or NULL. */
struct block_device *lookup_bdev_dev(dev_t dev);
/* Calls @fn for every disk and partition (devfs, sync). */
void for_each_bdev(void (*fn)(struct block_device *bdev, void *arg), void *arg);
/* Partition @partno of @disk (0: part0), or NULL. */
struct hd_struct *disk_get_part(struct gendisk *disk, int partno);

/* Statistics hooks of blk-core.c; queue lock held. */
void part_round_stats(struct hd_struct *part, unsigned long now);
void blk_account_io_start(struct gendisk *disk, struct hd_struct *part, int rw);
void blk_account_io_merge(struct gendisk *disk, struct hd_struct *part, int rw);
void blk_account_io_done(struct gendisk *disk, struct hd_struct *part, int rw,
			 unsigned int sectors, unsigned long start_time);

/* /proc/partitions and /proc/diskstats, Linux's formats. */
void partitions_show(struct seq_buf *s);
void diskstats_show(struct seq_buf *s);

#endif
