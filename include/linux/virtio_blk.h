/*
 * virtio-blk disks (drivers/virtio/virtio_blk.c). Each disk is a gendisk
 * under the block layer (bio, submit_bio: include/linux/bio.h); below it,
 * and for the virtio tests, a small direct interface of whole-sector
 * reads and writes on pages, one call that sleeps and one with a
 * completion callback, and a way to find the disks.
 */
#ifndef _LINUX_VIRTIO_BLK_H
#define _LINUX_VIRTIO_BLK_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#define SECTOR_SHIFT	9
#define SECTOR_SIZE	(1U << SECTOR_SHIFT)

struct page;
struct virtqueue;
struct virtio_device;
struct virtio_driver;
struct gendisk;
struct request_queue;

/* Feature bits (spec 5.2.3) and request types (5.2.6). */
#define VIRTIO_BLK_F_SIZE_MAX	1	/* size_max: bytes per segment */
#define VIRTIO_BLK_F_SEG_MAX	2	/* seg_max: data segments per request */
#define VIRTIO_BLK_F_RO		5	/* read-only disk */
#define VIRTIO_BLK_F_BLK_SIZE	6	/* blk_size: the logical block size */
#define VIRTIO_BLK_F_FLUSH	9	/* a write cache: VIRTIO_BLK_T_FLUSH */

#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_T_GET_ID	8

#define VIRTBLK_MAX_SEGS	16	/* data segments rivet puts in one request */

/* One disk. Fields other than the counters are fixed after probe. */
struct virtio_blk {
	struct virtio_device *vdev;
	struct virtqueue *vq;
	char name[8];			/* "vda" */
	int index;			/* 0 for vda */
	sector_t capacity;		/* in 512-byte sectors */
	u32 blk_size;			/* logical block size, bytes (512 if not told) */
	u32 seg_max;			/* data segments per request */
	u32 size_max;			/* bytes per segment (0: no limit) */
	bool readonly;			/* VIRTIO_BLK_F_RO */
	bool has_flush;			/* VIRTIO_BLK_F_FLUSH */
	struct gendisk *disk;		/* the block layer's view ("vda", partitions) */
	struct request_queue *queue;	/* limits from seg_max, size_max, RO, FLUSH */
	spinlock_t lock;		/* protects vq and the counters; IRQs off */
	struct wait_queue_head wq;	/* woken on every completion */
	unsigned int plugged;		/* virtblk_plug depth: no kicks while > 0 */
	unsigned int inflight;		/* requests the device holds now */
	unsigned int max_inflight;	/* the most it held at once */
};

/*
 * An asynchronous request: @len bytes (a multiple of 512) at @offset into
 * @page (any zone; pages after it only if physically contiguous), to or
 * from @sector. end_io runs from the interrupt, IRQs off (no sleeping),
 * with 0, -EIO (the device said so) or -EOPNOTSUPP. @private is the
 * caller's. The struct must live until end_io.
 */
struct virtblk_io {
	sector_t sector;
	struct page *page;
	unsigned int offset;
	unsigned int len;
	bool write;
	void (*end_io)(struct virtblk_io *io, int err);
	void *private;
};

/*
 * Queues @io; may sleep (memory, a full queue). Returns 0 (end_io will be
 * called once), or, without calling end_io: -EROFS (write to a read-only
 * disk), -EINVAL (len not a positive multiple of 512, past the end of the
 * disk, more segments than the device takes), -ENOMEM.
 */
int virtblk_submit(struct virtio_blk *vb, struct virtblk_io *io);
/* The same, sleeping until done: 0 or -Exxx (the errors of both). */
int virtblk_rw(struct virtio_blk *vb, sector_t sector, struct page *page,
	       unsigned int offset, unsigned int len, bool write);
/* Writes the device's cache out (0 at once without VIRTIO_BLK_F_FLUSH:
 * the device then writes through). Sleeps; 0 or -EIO. */
int virtblk_flush(struct virtio_blk *vb);
/*
 * Batching, as Linux's blk_start_plug/blk_finish_plug: between plug and
 * unplug, submitted requests go on the ring but the device is not told
 * (except when the ring is full), so it sees them together; unplug kicks.
 * Calls nest. Process context.
 */
void virtblk_plug(struct virtio_blk *vb);
void virtblk_unplug(struct virtio_blk *vb);
/* Disk @index (0 = vda), or NULL. */
struct virtio_blk *virtblk_get(int index);

extern const struct virtio_driver virtio_blk_driver;

#endif
