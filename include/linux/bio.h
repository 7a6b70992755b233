/*
 * struct bio: one block I/O, a run of sectors on a disk (or a partition)
 * and the pages (bio_vecs) that hold the data. Built with bio_alloc and
 * bio_add_page, sent with submit_bio (block/blk-core.c), ended with
 * bio_endio, which calls bi_end_io. Linux 4.14's shape (bi_disk/bi_partno
 * with bi_opf); Linux 5.x went back to bi_bdev and names bio_add_page's
 * limit checks bio_add_hw_page.
 */
#ifndef _LINUX_BIO_H
#define _LINUX_BIO_H

#include <linux/types.h>
#include <linux/gfp.h>

struct page;
struct gendisk;
struct block_device;

#define BIO_MAX_PAGES	64	/* bio_vecs one bio holds (Linux: 256) */

/* The operation, in the low REQ_OP_BITS of bi_opf (Linux's values). */
enum req_opf {
	REQ_OP_READ = 0,
	REQ_OP_WRITE = 1,
	REQ_OP_FLUSH = 2,	/* the device writes its cache out; no data */
};
#define REQ_OP_BITS	8
#define REQ_OP_MASK	((1U << REQ_OP_BITS) - 1)

/* Flags above the operation. */
#define REQ_SYNC	(1U << 11)	/* someone waits for it */
#define REQ_FUA		(1U << 12)	/* on stable storage when it ends */
#define REQ_PREFLUSH	(1U << 13)	/* flush the cache before the data */

/* One piece of the data: @bv_len bytes at @bv_offset into @bv_page. */
struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;
	unsigned int bv_offset;
};

/* Where the bio is: its first sector (remapped to the disk on submit) and size. */
struct bvec_iter {
	sector_t bi_sector;
	unsigned int bi_size;		/* bytes */
};

struct bio;
typedef void (bio_end_io_t)(struct bio *bio);

struct bio {
	struct bio *bi_next;		/* the next bio of its request */
	struct gendisk *bi_disk;	/* the disk ... */
	u8 bi_partno;			/* ... and partition (0: the whole disk) */
	unsigned int bi_opf;		/* REQ_OP_* | REQ_* flags */
	int bi_status;			/* 0 or -Exxx once ended (Linux: blk_status_t) */
	struct bvec_iter bi_iter;
	unsigned short bi_vcnt;		/* bio_vecs in use */
	unsigned short bi_max_vecs;	/* bio_vecs bio_alloc made room for */
	bio_end_io_t *bi_end_io;	/* called once, maybe from an interrupt */
	void *bi_private;		/* the owner's */
	struct bio_vec bi_io_vec[BIO_MAX_PAGES];
};

static inline unsigned int bio_op(const struct bio *bio)
{
	return bio->bi_opf & REQ_OP_MASK;
}

static inline bool op_is_write(unsigned int op)
{
	return op & 1;
}

/* 0 for a read, 1 for a write (the diskstats index). */
static inline int bio_data_dir(const struct bio *bio)
{
	return op_is_write(bio_op(bio));
}

static inline unsigned int bio_sectors(const struct bio *bio)
{
	return bio->bi_iter.bi_size >> 9;
}

static inline sector_t bio_end_sector(const struct bio *bio)
{
	return bio->bi_iter.bi_sector + bio_sectors(bio);
}

/* Boot: the bio slab cache. */
void bio_init_cache(void);
/* A zeroed bio with room for @nr_iovecs (<= BIO_MAX_PAGES) vecs, or NULL. May sleep with GFP_KERNEL. */
struct bio *bio_alloc(gfp_t gfp, unsigned int nr_iovecs);
/* Frees @bio (its pages stay the caller's). */
void bio_put(struct bio *bio);
/*
 * Appends @len bytes at @offset of @page. Returns @len, or 0 if the bio is
 * full: no vec left, or (with a disk set) more than its queue's
 * max_sectors/max_segments/max_segment_size allow. Submit it and start another.
 */
int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int offset);
/* Sets the disk and partition from @bdev (lookup_bdev). */
void bio_set_dev(struct bio *bio, struct block_device *bdev);
/* Ends @bio with bio->bi_status: calls bi_end_io. Any context. */
void bio_endio(struct bio *bio);
/* Sets bi_status to @error and ends @bio. */
void bio_io_error(struct bio *bio, int error);
/* Sends @bio; bi_end_io runs when it is done (or failed). May sleep. */
void submit_bio(struct bio *bio);
/* Sends @bio and sleeps until it is done: 0 or -Exxx. Takes over bi_end_io/bi_private. */
int submit_bio_wait(struct bio *bio);

#endif
