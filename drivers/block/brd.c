/*
 * The RAM disk: ram0..ram{N-1} (major 1, one minor each), bio-based, its
 * data in pages allocated on the first write to them and kept in a radix
 * tree by page->index; reads of unwritten sectors give zeroes. Follows
 * Linux 4.x's drivers/block/brd.c (and seed 003's mybrd) in shape and
 * names; leaves out DAX, discard, partitions (max_part), rw_page, and the
 * disks Linux makes on demand when ramN beyond rd_nr is opened.
 */
#include <linux/brd.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/genhd.h>
#include <linux/highmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/params.h>
#include <linux/printk.h>
#include <linux/limits.h>

#define SECTOR_SHIFT		9	/* blkdev.h has none (virtio_blk.h keeps its own) */
#define SECTOR_SIZE		(1U << SECTOR_SHIFT)
#define PAGE_SECTORS_SHIFT	(PAGE_SHIFT - SECTOR_SHIFT)
#define PAGE_SECTORS		(1U << PAGE_SECTORS_SHIFT)

#define BRD_MAX_DISKS		256	/* the minors of major 1 in an 8-bit minor */
#define BRD_MAX_SECTORS		1024	/* per bio, as Linux's brd sets */

/* Backing pages: any zone (highmem through kmap_atomic), zeroed, no I/O to free memory. */
#define BRD_GFP			(GFP_NOIO | __GFP_ZERO | __GFP_HIGHMEM)

/* The command line: "brd.rd_nr=" disks of "brd.rd_size=" KiB each. */
static unsigned int rd_nr = 1;
static unsigned long rd_size = 4096;
static char brd_bad_param[80];	/* why the command line gave no disk, or "" */

/* Remembers that a parameter was bad: brd_init then makes no disk and says why. */
static int brd_param_error(const char *name, const char *val, const char *want)
{
	snprintf(brd_bad_param, sizeof(brd_bad_param), "%s=%s is not %s", name, val, want);
	return -EINVAL;
}

/* "brd.rd_nr=N": decimal, 0..BRD_MAX_DISKS. */
static int rd_nr_setup(char *val)
{
	unsigned int nr;

	if (kstrtouint(val, 10, &nr) || nr > BRD_MAX_DISKS)
		return brd_param_error("brd.rd_nr", val, "a disk count (0..256)");
	rd_nr = nr;
	return 0;
}
__setup("brd.rd_nr=", rd_nr_setup);

/* "brd.rd_size=KiB": decimal, at least 1; the sector count must fit sector_t. */
static int rd_size_setup(char *val)
{
	unsigned long kib;

	if (kstrtoul(val, 10, &kib) || !kib || kib > ULONG_MAX / 2)
		return brd_param_error("brd.rd_size", val, "a size in KiB (1 or more)");
	rd_size = kib;
	return 0;
}
__setup("brd.rd_size=", rd_size_setup);

/* ---- the backing pages ------------------------------------------------------ */

struct page *brd_lookup_page(struct brd_device *brd, sector_t sector)
{
	struct page *page;

	spin_lock(&brd->brd_lock);
	page = radix_tree_lookup(&brd->brd_pages, sector >> PAGE_SECTORS_SHIFT);
	spin_unlock(&brd->brd_lock);
	return page;
}

/*
 * The page holding @sector, allocated (zeroed) and inserted if there is
 * none yet; NULL without memory. May sleep. If another writer inserted
 * the same page first, its page wins and ours goes back.
 */
static struct page *brd_insert_page(struct brd_device *brd, sector_t sector)
{
	unsigned long idx = sector >> PAGE_SECTORS_SHIFT;
	struct page *page = brd_lookup_page(brd, sector);
	int err;

	if (page)
		return page;
	page = alloc_page(BRD_GFP);
	if (!page)
		return NULL;
	if (radix_tree_preload(GFP_NOIO)) {
		__free_page(page);
		return NULL;
	}
	page->index = idx;
	spin_lock(&brd->brd_lock);
	err = radix_tree_insert(&brd->brd_pages, idx, page);	/* GFP_ATOMIC: the preload */
	if (!err)
		brd->brd_nr_pages++;
	spin_unlock(&brd->brd_lock);
	radix_tree_preload_end();
	if (!err)
		return page;
	__free_page(page);
	return brd_lookup_page(brd, sector);	/* -EEXIST: the other writer's */
}

/* How many backing pages to take off the tree at a time. */
#define FREE_BATCH		16

void brd_free_pages(struct brd_device *brd)
{
	struct page *pages[FREE_BATCH];
	unsigned long pos = 0;
	unsigned int nr;

	spin_lock(&brd->brd_lock);
	do {
		nr = radix_tree_gang_lookup(&brd->brd_pages, (void **)pages, pos, FREE_BATCH);
		for (unsigned int i = 0; i < nr; i++) {
			pos = pages[i]->index + 1;
			BUG_ON(radix_tree_delete(&brd->brd_pages, pages[i]->index) != pages[i]);
			__free_page(pages[i]);
			brd->brd_nr_pages--;
		}
	} while (nr == FREE_BATCH && pos);	/* pos 0: the last index was ULONG_MAX */
	spin_unlock(&brd->brd_lock);
}

/*
 * Makes sure every page under @n bytes from @sector exists, before any
 * data is copied: 0, or -ENOMEM (the pages made so far stay, zeroed, and
 * read as the zeroes they replace). May sleep.
 */
static int copy_to_brd_setup(struct brd_device *brd, sector_t sector, size_t n)
{
	sector_t end = sector + (n >> SECTOR_SHIFT);

	for (sector_t s = sector & ~(sector_t)(PAGE_SECTORS - 1); s < end; s += PAGE_SECTORS) {
		if (!brd_insert_page(brd, s))
			return -ENOMEM;
	}
	return 0;
}

/*
 * Copies @n bytes (whole sectors, at most a page) from @src to the disk
 * at @sector: one backing page, or the end of one and the start of the
 * next. copy_to_brd_setup made them. Never sleeps.
 */
static void copy_to_brd(struct brd_device *brd, const void *src, sector_t sector, size_t n)
{
	const char *from = src;

	while (n) {
		unsigned int offset = (sector & (PAGE_SECTORS - 1)) << SECTOR_SHIFT;
		size_t copy = min_t(size_t, n, PAGE_SIZE - offset);
		struct page *page = brd_lookup_page(brd, sector);
		char *dst;

		BUG_ON(!page);
		dst = kmap_atomic(page);
		memcpy(dst + offset, from, copy);
		kunmap_atomic(dst);
		from += copy;
		sector += copy >> SECTOR_SHIFT;
		n -= copy;
	}
}

/* Copies @n bytes at @sector of the disk to @dst, zeroes where no page was written. Never sleeps. */
static void copy_from_brd(void *dst, struct brd_device *brd, sector_t sector, size_t n)
{
	char *to = dst;

	while (n) {
		unsigned int offset = (sector & (PAGE_SECTORS - 1)) << SECTOR_SHIFT;
		size_t copy = min_t(size_t, n, PAGE_SIZE - offset);
		struct page *page = brd_lookup_page(brd, sector);

		if (page) {
			char *src = kmap_atomic(page);

			memcpy(to, src + offset, copy);
			kunmap_atomic(src);
		} else {
			memset(to, 0, copy);
		}
		to += copy;
		sector += copy >> SECTOR_SHIFT;
		n -= copy;
	}
}

/*
 * One bio_vec (@len bytes at @off of @page, whole sectors, possibly over
 * several pages of a multi-page vec) to or from the disk at @sector, a
 * page of the vec at a time under kmap_atomic. For a write the backing
 * pages exist already. Never sleeps.
 */
static void brd_do_bvec(struct brd_device *brd, struct page *page, unsigned int len,
			unsigned int off, unsigned int op, sector_t sector)
{
	while (len) {
		unsigned int in_page = off & (PAGE_SIZE - 1);
		unsigned int n = min_t(unsigned int, len, PAGE_SIZE - in_page);
		char *mem = kmap_atomic(page + (off >> PAGE_SHIFT));

		if (op_is_write(op))
			copy_to_brd(brd, mem + in_page, sector, n);
		else
			copy_from_brd(mem + in_page, brd, sector, n);
		kunmap_atomic(mem);
		sector += n >> SECTOR_SHIFT;
		off += n;
		len -= n;
	}
}

/* ---- the queue -------------------------------------------------------------- */

/*
 * Can brd take @bio as it is? generic_make_request has checked it
 * against the disk's end already (and remapped partitions); this repeats
 * the end check as Linux's brd does, and wants every vec sector-aligned
 * (newer Linux warns on such vecs). 0, -EIO or -EINVAL.
 */
static int brd_check_bio(const struct bio *bio)
{
	if (bio_end_sector(bio) > get_capacity(bio->bi_disk))
		return -EIO;
	for (unsigned int i = 0; i < bio->bi_vcnt; i++) {
		const struct bio_vec *bv = &bio->bi_io_vec[i];

		if ((bv->bv_offset | bv->bv_len) & (SECTOR_SIZE - 1))
			return -EINVAL;
	}
	return 0;
}

/*
 * The queue's make_request_fn (Linux 5.9+ calls it brd_submit_bio): does
 * @bio at once in the submitter's context and ends it. A write makes its
 * backing pages first, so one that fails with -ENOMEM has copied nothing.
 * A flush has nothing to write out. May sleep.
 */
static void brd_make_request(struct request_queue *q, struct bio *bio)
{
	struct brd_device *brd = bio->bi_disk->private_data;
	unsigned int op = bio_op(bio);
	sector_t sector = bio->bi_iter.bi_sector;
	int err = 0;

	if (op == REQ_OP_FLUSH)
		goto out;
	err = brd_check_bio(bio);
	if (!err && op_is_write(op))
		err = copy_to_brd_setup(brd, sector, bio->bi_iter.bi_size);
	for (unsigned int i = 0; !err && i < bio->bi_vcnt; i++) {
		const struct bio_vec *bv = &bio->bi_io_vec[i];

		brd_do_bvec(brd, bv->bv_page, bv->bv_len, bv->bv_offset, op, sector);
		sector += bv->bv_len >> SECTOR_SHIFT;
	}
out:
	bio->bi_status = err;
	bio_endio(bio);
}

/* ---- the disks -------------------------------------------------------------- */

/* ramN with its queue and gendisk, not added yet; NULL without memory. */
static struct brd_device *brd_alloc(int i)
{
	struct brd_device *brd = kzalloc(sizeof(*brd), GFP_KERNEL);
	struct gendisk *disk;

	if (!brd)
		return NULL;
	brd->brd_number = i;
	spin_lock_init(&brd->brd_lock);
	INIT_RADIX_TREE(&brd->brd_pages, GFP_ATOMIC);
	brd->brd_queue = blk_alloc_queue(NULL, brd);
	if (!brd->brd_queue)
		goto out_free_dev;
	blk_queue_make_request(brd->brd_queue, brd_make_request);
	blk_queue_max_hw_sectors(brd->brd_queue, BRD_MAX_SECTORS);
	disk = brd->brd_disk = alloc_disk(1);
	if (!disk)
		goto out_free_queue;
	disk->major = RAMDISK_MAJOR;
	disk->first_minor = i;
	disk->queue = brd->brd_queue;
	disk->private_data = brd;
	snprintf(disk->disk_name, sizeof(disk->disk_name), "ram%d", i);
	set_capacity(disk, (sector_t)rd_size * 2);
	return brd;

out_free_queue:
	blk_cleanup_queue(brd->brd_queue);
out_free_dev:
	kfree(brd);
	return NULL;
}

void brd_init(void)
{
	unsigned int made = 0;

	if (brd_bad_param[0]) {
		pr_warn("brd: %s: no RAM disk\n", brd_bad_param);
		return;
	}
	if (!rd_nr) {
		pr_info("brd: brd.rd_nr=0: no RAM disk\n");
		return;
	}
	for (; made < rd_nr; made++) {
		struct brd_device *brd = brd_alloc(made);

		if (!brd) {
			pr_err("brd: no memory for ram%u\n", made);
			break;
		}
		add_disk(brd->brd_disk);
	}
	if (made == 1)
		pr_info("brd: 1 RAM disk of %lu KiB (ram0)\n", rd_size);
	else if (made)
		pr_info("brd: %u RAM disks of %lu KiB (ram0..ram%u)\n", made, rd_size, made - 1);
}
