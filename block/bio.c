/*
 * bios: allocation from the "bio" slab cache, adding pages within the
 * queue's limits, ending, and the sleeping submit_bio_wait. Follows Linux
 * 4.x block/bio.c by name; leaves out bio_sets and mempools (an allocation
 * can fail), cloning and splitting (bio_add_page refuses what the queue
 * cannot take in one request instead), integrity and bounce buffers
 * (DMA takes physical addresses, so highmem pages go to the device as they are).
 */
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/genhd.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/vmstat.h>

static struct kmem_cache *bio_slab;

/* Boot, before the first bio (blk_alloc_queue calls it): the cache. */
void bio_init_cache(void)
{
	if (!bio_slab)
		bio_slab = kmem_cache_create("bio", sizeof(struct bio), 8, SLAB_PANIC, NULL);
}

struct bio *bio_alloc(gfp_t gfp, unsigned int nr_iovecs)
{
	struct bio *bio;

	if (nr_iovecs > BIO_MAX_PAGES || !bio_slab)
		return NULL;
	bio = kmem_cache_alloc(bio_slab, gfp);
	if (!bio)
		return NULL;
	memset(bio, 0, offsetof(struct bio, bi_io_vec));
	bio->bi_max_vecs = nr_iovecs;
	return bio;
}

void bio_put(struct bio *bio)
{
	kmem_cache_free(bio_slab, bio);
}

void bio_set_dev(struct bio *bio, struct block_device *bdev)
{
	bio->bi_disk = bdev->bd_disk;
	bio->bi_partno = bdev->bd_partno;
}

/* Segments @bio's vecs take under @q's limits. */
static unsigned int bio_segments_in(const struct request_queue *q, const struct bio *bio)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < bio->bi_vcnt; i++)
		n += blk_bvec_segments(q, &bio->bi_io_vec[i]);
	return n;
}

/* Would @bio plus @bv still fit one request of @q? */
static bool bio_fits_queue(const struct request_queue *q, const struct bio *bio,
			   const struct bio_vec *bv)
{
	if ((bio->bi_iter.bi_size + bv->bv_len) >> 9 > q->limits.max_sectors)
		return false;
	return bio_segments_in(q, bio) + blk_bvec_segments(q, bv) <= q->limits.max_segments;
}

int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int offset)
{
	struct bio_vec bv = { .bv_page = page, .bv_len = len, .bv_offset = offset };

	if (bio->bi_vcnt >= bio->bi_max_vecs || !len)
		return 0;
	if (bio->bi_disk && !bio_fits_queue(bio->bi_disk->queue, bio, &bv))
		return 0;
	bio->bi_io_vec[bio->bi_vcnt++] = bv;
	bio->bi_iter.bi_size += len;
	return len;
}

void bio_endio(struct bio *bio)
{
	if (bio->bi_end_io)
		bio->bi_end_io(bio);
}

void bio_io_error(struct bio *bio, int error)
{
	bio->bi_status = error;
	bio_endio(bio);
}

/* Counts the data for /proc/vmstat's pgpgin/pgpgout (in sectors, shown in kB), then sends it. */
void submit_bio(struct bio *bio)
{
	if (bio_op(bio) != REQ_OP_FLUSH)
		count_vm_events(op_is_write(bio_op(bio)) ? PGPGOUT : PGPGIN, bio_sectors(bio));
	generic_make_request(bio);
}

/* What submit_bio_wait's bi_private points at. */
struct bio_wait {
	volatile bool done;
};

/* bi_end_io of submit_bio_wait (any context). */
static void submit_bio_wait_endio(struct bio *bio)
{
	struct bio_wait *w = bio->bi_private;

	w->done = true;
	blk_wake_io();
}

int submit_bio_wait(struct bio *bio)
{
	struct bio_wait w = { .done = false };

	bio->bi_private = &w;
	bio->bi_end_io = submit_bio_wait_endio;
	bio->bi_opf |= REQ_SYNC;
	submit_bio(bio);
	blk_flush_current_plug();	/* our own plug would hold it forever */
	blk_wait_io(&w.done);
	return bio->bi_status;
}
