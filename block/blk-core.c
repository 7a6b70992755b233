/*
 * The request queue: submit_bio -> generic_make_request (partition remap,
 * end-of-device and read-only checks) -> q->make_request_fn = blk_queue_bio
 * (flush sequencing, back/front merging into plugged requests, dispatch to
 * the driver's queue_rq) and blk_mq_end_request. Linux 4.x blk-core.c and
 * blk-flush.c by name; left out: I/O schedulers and the queue's own pending
 * list (an unplugged bio goes to the driver at once, the driver's ring is
 * the only queue), bio splitting, tags, timeouts, and the asynchronous
 * flush state machine (a PREFLUSH/FUA write runs its steps in the submitter).
 */
#include <linux/blkdev.h>
#include <linux/genhd.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/printk.h>
#include <linux/mm.h>

/* Active (outermost) plugs, one per plugging task. */
static LIST_HEAD(blk_plugs);
static DEFINE_SPINLOCK(blk_plugs_lock);

struct request_queue *blk_alloc_queue(queue_rq_fn *queue_rq, void *queuedata)
{
	struct request_queue *q = kzalloc(sizeof(*q), GFP_KERNEL);

	bio_init_cache();
	if (!q)
		return NULL;
	q->make_request_fn = blk_queue_bio;
	q->queue_rq = queue_rq;
	q->queuedata = queuedata;
	q->limits.max_sectors = BIO_MAX_PAGES * (PAGE_SIZE >> 9);
	q->limits.max_segments = BIO_MAX_PAGES;
	q->limits.max_segment_size = PAGE_SIZE;
	q->limits.logical_block_size = 512;
	spin_lock_init(&q->lock);
	return q;
}

void blk_cleanup_queue(struct request_queue *q)
{
	kfree(q);
}

/* No requests for @q: generic_make_request hands each checked bio to @mfn. */
void blk_queue_make_request(struct request_queue *q, make_request_fn *mfn)
{
	q->make_request_fn = mfn;
}

void blk_queue_max_hw_sectors(struct request_queue *q, unsigned int max)
{
	q->limits.max_sectors = max ? max : 1;
}

void blk_queue_max_segments(struct request_queue *q, unsigned int max)
{
	q->limits.max_segments = max ? max : 1;
}

/* At least a page's worth unless the device says less; never below a sector. */
void blk_queue_max_segment_size(struct request_queue *q, unsigned int max)
{
	q->limits.max_segment_size = max < 512 ? 512 : max;
}

void blk_queue_logical_block_size(struct request_queue *q, unsigned int size)
{
	q->limits.logical_block_size = size;
}

void blk_queue_write_cache(struct request_queue *q, bool wc, bool fua)
{
	q->write_cache = wc;
	q->fua = fua;
}

/* Each vec is cut at max_segment_size; vecs are never joined (even if contiguous). */
unsigned int blk_bvec_segments(const struct request_queue *q, const struct bio_vec *bv)
{
	return DIV_ROUND_UP(bv->bv_len, q->limits.max_segment_size);
}

/* Segments of all of @bio's vecs. */
static unsigned int bio_phys_segments(const struct request_queue *q, const struct bio *bio)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < bio->bi_vcnt; i++)
		n += blk_bvec_segments(q, &bio->bi_io_vec[i]);
	return n;
}

/* ---- plugging ------------------------------------------------------------ */

/* The current task's active plug, or NULL. */
static struct blk_plug *current_plug(void)
{
	void *task = blk_current_task();
	struct blk_plug *plug, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&blk_plugs_lock, flags);
	list_for_each_entry(plug, &blk_plugs, node) {
		if (plug->task == task) {
			found = plug;
			break;
		}
	}
	spin_unlock_irqrestore(&blk_plugs_lock, flags);
	return found;
}

/* Starts plugging for the current task; an inner plug is a no-op. */
void blk_start_plug(struct blk_plug *plug)
{
	unsigned long flags;

	INIT_LIST_HEAD(&plug->list);
	plug->rq_count = 0;
	plug->task = NULL;
	if (current_plug())
		return;
	plug->task = blk_current_task();
	spin_lock_irqsave(&blk_plugs_lock, flags);
	list_add_tail(&plug->node, &blk_plugs);
	spin_unlock_irqrestore(&blk_plugs_lock, flags);
}

static void blk_dispatch(struct request_queue *q, struct request *rq);

/* Hands every request on @plug to its driver, in the order they were made. */
static void blk_flush_plug_list(struct blk_plug *plug)
{
	while (!list_empty(&plug->list)) {
		struct request *rq = list_first_entry(&plug->list, struct request, queuelist);

		list_del_init(&rq->queuelist);
		blk_dispatch(rq->q, rq);
	}
	plug->rq_count = 0;
}

void blk_finish_plug(struct blk_plug *plug)
{
	unsigned long flags;

	if (!plug->task)
		return;			/* an inner plug */
	blk_flush_plug_list(plug);
	spin_lock_irqsave(&blk_plugs_lock, flags);
	list_del_init(&plug->node);
	spin_unlock_irqrestore(&blk_plugs_lock, flags);
}

void blk_flush_current_plug(void)
{
	struct blk_plug *plug = current_plug();

	if (plug)
		blk_flush_plug_list(plug);
}

/* ---- requests --------------------------------------------------------------- */

/* A request holding @bio alone (or none, for a flush), accounted as started; NULL without memory. */
static struct request *blk_make_request(struct request_queue *q, struct bio *bio,
					struct hd_struct *part, unsigned int opf)
{
	struct request *rq = kzalloc(sizeof(*rq), GFP_NOIO);
	unsigned long flags;

	if (!rq)
		return NULL;
	INIT_LIST_HEAD(&rq->queuelist);
	rq->q = q;
	rq->cmd_flags = opf;
	rq->part = part;
	rq->start_time = jiffies;
	if (bio) {
		rq->bio = rq->biotail = bio;
		rq->__sector = bio->bi_iter.bi_sector;
		rq->__data_len = bio->bi_iter.bi_size;
		rq->nr_phys_segments = bio_phys_segments(q, bio);
		spin_lock_irqsave(&q->lock, flags);
		blk_account_io_start(bio->bi_disk, part, rq_data_dir(rq));
		spin_unlock_irqrestore(&q->lock, flags);
	}
	return rq;
}

/* Gives @rq to the driver; a refusal ends it with the driver's error. */
static void blk_dispatch(struct request_queue *q, struct request *rq)
{
	unsigned long flags;
	int err;

	spin_lock_irqsave(&q->lock, flags);
	q->in_flight++;
	q->max_in_flight = max(q->max_in_flight, q->in_flight);
	q->nr_dispatched++;
	spin_unlock_irqrestore(&q->lock, flags);
	err = q->queue_rq(q, rq);
	if (err)
		blk_mq_end_request(rq, err);
}

void blk_mq_end_request(struct request *rq, int error)
{
	struct request_queue *q = rq->q;
	struct bio *bio = rq->bio, *next;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	q->in_flight--;
	if (bio)
		blk_account_io_done(bio->bi_disk, rq->part, rq_data_dir(rq),
				    blk_rq_sectors(rq), rq->start_time);
	spin_unlock_irqrestore(&q->lock, flags);
	if (rq->end_io) {
		rq->end_io(rq, error);	/* the bios are the flush sequence's */
	} else {
		for (; bio; bio = next) {
			next = bio->bi_next;
			bio->bi_next = NULL;
			bio_io_error(bio, error);
		}
	}
	kfree(rq);
}

/* ---- merging ---------------------------------------------------------------- */

/* May @bio join @rq at all: same partition, same plain read or write? */
static bool blk_rq_merge_ok(const struct request *rq, const struct bio *bio,
			    const struct hd_struct *part)
{
	const unsigned int noflags = REQ_PREFLUSH | REQ_FUA;

	if (rq->part != part || rq->end_io || req_op(rq) != bio_op(bio))
		return false;
	if (bio_op(bio) != REQ_OP_READ && bio_op(bio) != REQ_OP_WRITE)
		return false;
	return !(rq->cmd_flags & noflags) && !(bio->bi_opf & noflags);
}

/* Would @rq with @bio still be within @q's limits? */
static bool blk_rq_fits(const struct request_queue *q, const struct request *rq,
			const struct bio *bio)
{
	if (blk_rq_sectors(rq) + bio_sectors(bio) > q->limits.max_sectors)
		return false;
	return rq->nr_phys_segments + bio_phys_segments(q, bio) <= q->limits.max_segments;
}

/* Joins @bio to @rq's end or start if it is adjacent there; true if it did. */
static bool blk_attempt_merge(struct request_queue *q, struct request *rq, struct bio *bio)
{
	if (blk_rq_pos(rq) + blk_rq_sectors(rq) == bio->bi_iter.bi_sector) {
		rq->biotail->bi_next = bio;	/* back merge */
		rq->biotail = bio;
	} else if (bio_end_sector(bio) == blk_rq_pos(rq)) {
		bio->bi_next = rq->bio;		/* front merge */
		rq->bio = bio;
		rq->__sector = bio->bi_iter.bi_sector;
	} else {
		return false;
	}
	rq->__data_len += bio->bi_iter.bi_size;
	rq->nr_phys_segments += bio_phys_segments(q, bio);
	return true;
}

/* Merges @bio into a request on @plug (Linux's blk_attempt_plug_merge). */
static bool blk_attempt_plug_merge(struct request_queue *q, struct blk_plug *plug,
				   struct bio *bio, struct hd_struct *part)
{
	struct request *rq;
	unsigned long flags;

	list_for_each_entry(rq, &plug->list, queuelist) {
		if (rq->q != q || !blk_rq_merge_ok(rq, bio, part) || !blk_rq_fits(q, rq, bio))
			continue;
		if (!blk_attempt_merge(q, rq, bio))
			continue;
		spin_lock_irqsave(&q->lock, flags);
		blk_account_io_merge(bio->bi_disk, part, bio_data_dir(bio));
		spin_unlock_irqrestore(&q->lock, flags);
		return true;
	}
	return false;
}

/* ---- flushes (Linux's blk-flush.c, run synchronously) ----------------------- */

/* A sleeping waiter for one of the block layer's own requests. */
struct blk_sync_wait {
	volatile bool done;
	int error;
};

static void blk_end_sync_rq(struct request *rq, int error)
{
	struct blk_sync_wait *w = rq->end_io_data;

	w->error = error;
	w->done = true;
	blk_wake_io();
}

/* Dispatches @rq (may be NULL: no memory) and sleeps until it ends: 0 or -Exxx. */
static int blk_execute_rq(struct request_queue *q, struct request *rq)
{
	struct blk_sync_wait w = { .done = false };

	if (!rq)
		return -ENOMEM;
	rq->end_io = blk_end_sync_rq;
	rq->end_io_data = &w;
	blk_dispatch(q, rq);
	blk_wait_io(&w.done);
	return w.error;
}

/* One REQ_OP_FLUSH to the device, waited for. */
static int blk_issue_flush_rq(struct request_queue *q, struct hd_struct *part)
{
	return blk_execute_rq(q, blk_make_request(q, NULL, part, REQ_OP_FLUSH | REQ_SYNC));
}

/*
 * A flush, or a write with REQ_PREFLUSH/REQ_FUA, on a queue with a write
 * cache: flush first (PREFLUSH or an empty flush), the data, then a flush
 * if FUA was asked and the device has no native FUA; then @bio ends with
 * the first error. Sleeps (in the submitter's context).
 */
static void blk_flush_sequence(struct request_queue *q, struct bio *bio, struct hd_struct *part)
{
	bool data = bio_op(bio) != REQ_OP_FLUSH && bio->bi_iter.bi_size;
	bool pre = (bio->bi_opf & REQ_PREFLUSH) || !data;
	bool post = data && (bio->bi_opf & REQ_FUA) && !q->fua;
	unsigned int opf = bio->bi_opf & ~(REQ_PREFLUSH | (q->fua ? 0 : REQ_FUA));
	int err = 0;

	blk_flush_current_plug();
	if (pre)
		err = blk_issue_flush_rq(q, part);
	if (!err && data)
		err = blk_execute_rq(q, blk_make_request(q, bio, part, opf));
	if (!err && post)
		err = blk_issue_flush_rq(q, part);
	bio_io_error(bio, err);
}

/* ---- submission ------------------------------------------------------------ */

void blk_queue_bio(struct request_queue *q, struct bio *bio)
{
	struct hd_struct *part = disk_get_part(bio->bi_disk, bio->bi_partno);
	bool flushy = bio_op(bio) == REQ_OP_FLUSH || (bio->bi_opf & (REQ_PREFLUSH | REQ_FUA));
	struct blk_plug *plug;
	struct request *rq;

	if (flushy && q->write_cache) {
		blk_flush_sequence(q, bio, part);
		return;
	}
	if (bio_op(bio) == REQ_OP_FLUSH || !bio->bi_iter.bi_size) {
		bio_io_error(bio, 0);	/* write-through device: nothing to flush */
		return;
	}
	plug = current_plug();
	if (plug && blk_attempt_plug_merge(q, plug, bio, part))
		return;
	rq = blk_make_request(q, bio, part, bio->bi_opf & ~(REQ_PREFLUSH | REQ_FUA));
	if (!rq) {
		bio_io_error(bio, -ENOMEM);
		return;
	}
	if (plug) {
		/* a long plug list would make every merge attempt walk it: send what it has */
		if (plug->rq_count >= BLK_MAX_REQUEST_COUNT)
			blk_flush_plug_list(plug);
		list_add_tail(&rq->queuelist, &plug->list);
		plug->rq_count++;
	} else {
		blk_dispatch(q, rq);
	}
}

/*
 * Is @bio within @part (Linux's bio_check_eod)? Says why not, once per
 * bio, as Linux's "attempt to access beyond end of device" does.
 */
static bool bio_check_eod(const struct bio *bio, const struct hd_struct *part)
{
	sector_t limit = part->nr_sects, start = bio->bi_iter.bi_sector;

	if (start <= limit && bio_sectors(bio) <= limit - start)
		return true;
	pr_warn("%s: attempt to access beyond end of device (sector %llu + %u, limit %llu)\n",
		part->name, (unsigned long long)start, bio_sectors(bio),
		(unsigned long long)limit);
	return false;
}

/* 0 if @bio may go to @q as it is, else the error it ends with. */
static int generic_make_request_checks(struct request_queue *q, struct bio *bio,
				       struct hd_struct *part)
{
	if (!part)
		return -EIO;
	if (bio->bi_iter.bi_size & 511)
		return -EINVAL;
	if (!bio_check_eod(bio, part))
		return -EIO;
	if (q->readonly && bio_op(bio) == REQ_OP_WRITE)
		return -EROFS;
	if (bio_sectors(bio) > q->limits.max_sectors ||
	    bio_phys_segments(q, bio) > q->limits.max_segments)
		return -EINVAL;		/* too big for one request: rivet does not split */
	return 0;
}

void generic_make_request(struct bio *bio)
{
	struct gendisk *disk = bio->bi_disk;
	struct request_queue *q = disk ? disk->queue : NULL;
	struct hd_struct *part;
	int err;

	if (!q) {
		bio_io_error(bio, -EIO);
		return;
	}
	part = disk_get_part(disk, bio->bi_partno);
	err = generic_make_request_checks(q, bio, part);
	if (err) {
		bio_io_error(bio, err);
		return;
	}
	bio->bi_iter.bi_sector += part->start_sect;	/* blk_partition_remap */
	q->make_request_fn(q, bio);
}

int blkdev_issue_flush(struct gendisk *disk)
{
	struct bio *bio = bio_alloc(GFP_KERNEL, 0);
	int err;

	if (!bio)
		return -ENOMEM;
	bio->bi_disk = disk;
	bio->bi_opf = REQ_OP_FLUSH | REQ_PREFLUSH;
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}
