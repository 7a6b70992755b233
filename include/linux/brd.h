/*
 * The RAM disk (drivers/block/brd.c): ram0..ram{N-1}, major 1, their data
 * in pages allocated on first write and kept in a radix tree. The device
 * is here so the in-kernel tests can check its page count; drivers and
 * file systems use the disks through bios like any other (lookup_bdev).
 */
#ifndef _LINUX_BRD_H
#define _LINUX_BRD_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/radix-tree.h>

struct page;
struct gendisk;
struct request_queue;

#define RAMDISK_MAJOR	1	/* Linux's major for ram0.. */

/* One RAM disk: disk->private_data points here. */
struct brd_device {
	int brd_number;			/* N of ramN, its minor too */
	struct request_queue *brd_queue;
	struct gendisk *brd_disk;
	/*
	 * The backing pages, by page->index = sector >> PAGE_SECTORS_SHIFT.
	 * brd_lock guards the tree and brd_nr_pages (lookups take it too:
	 * rivet's radix tree has no RCU).
	 */
	spinlock_t brd_lock;
	struct radix_tree_root brd_pages;
	unsigned long brd_nr_pages;	/* pages in brd_pages */
};

/* Boot, after scan_boot_disks: makes the disks brd.rd_nr= and brd.rd_size= ask for. */
void brd_init(void);
/* The page holding @sector of @brd, or NULL if it was never written. Never sleeps. */
struct page *brd_lookup_page(struct brd_device *brd, sector_t sector);
/* Frees every backing page (the disk reads zeroes after). No I/O may be in flight. */
void brd_free_pages(struct brd_device *brd);

#endif
