/*
 * Request queues (block/blk-core.c): submit_bio -> generic_make_request ->
 * q->make_request_fn (blk_queue_bio), which merges adjacent bios into
 * requests within the driver's limits, holds them while the submitter is
 * plugged, and hands them to the driver's queue_rq; the driver ends each
 * with blk_mq_end_request. Linux 4.x names, a blk-mq-like driver callback
 * with one hardware queue and no tags or I/O scheduler.
 */
#ifndef _LINUX_BLKDEV_H
#define _LINUX_BLKDEV_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/bio.h>

struct request_queue;
struct hd_struct;

/*
 * A run of merged bios of one operation: sectors __sector to
 * __sector + __data_len/512 of the whole disk. Owned by the block layer
 * until the driver ends it.
 */
struct request {
	struct list_head queuelist;	/* on a plug list until dispatched */
	struct request_queue *q;
	unsigned int cmd_flags;		/* REQ_OP_* | REQ_* of its bios */
	sector_t __sector;
	unsigned int __data_len;	/* bytes */
	unsigned short nr_phys_segments;
	struct bio *bio, *biotail;	/* its bios, in sector order */
	struct hd_struct *part;		/* accounted to (and to the whole disk) */
	unsigned long start_time;	/* jiffies at creation */
	/* Instead of ending the bios: the block layer's own requests (flushes). */
	void (*end_io)(struct request *rq, int error);
	void *end_io_data;
	void *special;			/* the driver's, while it holds the request */
};

static inline sector_t blk_rq_pos(const struct request *rq) { return rq->__sector; }
static inline unsigned int blk_rq_bytes(const struct request *rq) { return rq->__data_len; }
static inline unsigned int blk_rq_sectors(const struct request *rq) { return rq->__data_len >> 9; }
static inline unsigned int req_op(const struct request *rq) { return rq->cmd_flags & REQ_OP_MASK; }
static inline int rq_data_dir(const struct request *rq) { return op_is_write(req_op(rq)); }

/* Each bio of @rq, in order. */
#define __rq_for_each_bio(_bio, rq) \
	for ((_bio) = (rq)->bio; (_bio); (_bio) = (_bio)->bi_next)

/* What the driver's hardware takes in one request (Linux's queue_limits). */
struct queue_limits {
	unsigned int max_sectors;	/* 512-byte sectors per request */
	unsigned int max_segments;	/* data segments per request */
	unsigned int max_segment_size;	/* bytes per segment */
	unsigned int logical_block_size;
};

/*
 * The driver's callback: start @rq on the device (process context, may
 * sleep for ring space). 0: the driver ends it later with
 * blk_mq_end_request; -Exxx: refused, the block layer ends it with that.
 */
typedef int (queue_rq_fn)(struct request_queue *q, struct request *rq);
typedef void (make_request_fn)(struct request_queue *q, struct bio *bio);

struct request_queue {
	make_request_fn *make_request_fn;	/* blk_queue_bio, or a bio-based driver's */
	queue_rq_fn *queue_rq;
	void *queuedata;			/* the driver's */
	struct queue_limits limits;
	bool write_cache;	/* volatile cache: REQ_PREFLUSH/REQ_FUA need flushes */
	bool fua;		/* native FUA writes (virtio-blk has none) */
	bool readonly;		/* writes end with -EROFS */
	spinlock_t lock;	/* IRQs off; protects the counters below and the disk stats */
	unsigned int in_flight;		/* requests the driver holds */
	unsigned int max_in_flight;	/* the most it held at once */
	unsigned long nr_dispatched;	/* requests handed to queue_rq */
};

/* A zeroed queue with blk_queue_bio, default limits and @queue_rq; NULL without memory. */
struct request_queue *blk_alloc_queue(queue_rq_fn *queue_rq, void *queuedata);
void blk_cleanup_queue(struct request_queue *q);
/* A bio-based driver (brd) takes each bio itself, after generic_make_request's checks. */
void blk_queue_make_request(struct request_queue *q, make_request_fn *mfn);
void blk_queue_max_hw_sectors(struct request_queue *q, unsigned int max);
void blk_queue_max_segments(struct request_queue *q, unsigned int max);
void blk_queue_max_segment_size(struct request_queue *q, unsigned int max);
void blk_queue_logical_block_size(struct request_queue *q, unsigned int size);
/* Tells the queue the device has a write cache (@wc) and native FUA (@fua). */
void blk_queue_write_cache(struct request_queue *q, bool wc, bool fua);

/* Checks and remaps @bio (partition, end of device, read-only), then q->make_request_fn. */
void generic_make_request(struct bio *bio);
/* The default make_request_fn: merge, plug or dispatch. */
void blk_queue_bio(struct request_queue *q, struct bio *bio);
/* Driver: @rq is done; ends its bios with @error (0 or -Exxx). Any context. */
void blk_mq_end_request(struct request *rq, int error);
/* Sends an empty REQ_OP_FLUSH to @disk and sleeps until done: 0 or -Exxx. */
int blkdev_issue_flush(struct gendisk *disk);
/* Data segments @bv takes under @q's max_segment_size. */
unsigned int blk_bvec_segments(const struct request_queue *q, const struct bio_vec *bv);

/*
 * Plugging, per task: requests made between blk_start_plug and
 * blk_finish_plug stay on @plug (merging with later bios) and go to the
 * drivers together at the end. Nests (the outer plug counts).
 */
/* Requests a plug holds before it sends them anyway (Linux's BLK_MAX_REQUEST_COUNT). */
#define BLK_MAX_REQUEST_COUNT	16

struct blk_plug {
	struct list_head list;		/* requests not dispatched yet */
	unsigned int rq_count;		/* on list */
	struct list_head node;		/* on the list of active plugs */
	void *task;			/* its owner (current) */
};
void blk_start_plug(struct blk_plug *plug);
void blk_finish_plug(struct blk_plug *plug);
/* Dispatches the current task's plugged requests now (before it waits). */
void blk_flush_current_plug(void);

/*
 * The block layer's only contact with the scheduler (block/blk-sched.c;
 * the host tests bring their own): sleep until *@done (set by a
 * completion, then blk_wake_io), and who is running.
 */
void blk_wait_io(volatile bool *done);
void blk_wake_io(void);
void *blk_current_task(void);

#endif
