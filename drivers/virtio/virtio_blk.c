/*
 * virtio-blk (virtio 1.2, section 5.2): one virtqueue, requests as
 * descriptor chains (header, data segments, status byte), many in flight,
 * completion from the interrupt. Honours RO, FLUSH, SEG_MAX, SIZE_MAX and
 * BLK_SIZE. Each disk is a gendisk whose queue_rq (virtblk_queue_rq) turns
 * a block-layer request into one chain, as Linux's virtio_queue_rq does;
 * virtblk_submit/virtblk_rw stay as a direct path. Leaves out
 * discard/write-zeroes, multiqueue and GET_ID.
 */
#include <linux/virtio.h>
#include <linux/virtio_blk.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/blkdev.h>
#include <linux/genhd.h>
#include <linux/string.h>

/* Configuration layout (5.2.4), byte offsets. */
#define VIRTIO_BLK_CFG_CAPACITY	0	/* u64, 512-byte sectors */
#define VIRTIO_BLK_CFG_SIZE_MAX	8	/* u32 */
#define VIRTIO_BLK_CFG_SEG_MAX	12	/* u32 */
#define VIRTIO_BLK_CFG_BLK_SIZE	20	/* u32 */

/* Status byte the device writes last (5.2.6). */
#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_IOERR	1
#define VIRTIO_BLK_S_UNSUPP	2

#define VIRTBLK_MAX_DISKS	8
#define VIRTBLK_MAJOR		254	/* what Linux's dynamic major usually is */
#define VIRTBLK_MINORS		16	/* vda + vda1..vda15, as Linux's PART_BITS 4 */

/* The device-readable header of every request. */
struct virtio_blk_outhdr {
	u32 type;
	u32 ioprio;
	u64 sector;
};

/* A request in flight: kmalloc'ed (lowmem), so the device can reach hdr
 * and status through their physical addresses. */
struct virtblk_req {
	struct virtio_blk_outhdr hdr;
	u8 status;
	struct virtblk_io *io;		/* a direct request, or */
	struct request *rq;		/* the block layer's */
	struct virtio_sg sg[VIRTBLK_MAX_SEGS + 2];
	unsigned int out, in;		/* readable, writable entries of sg */
};

static struct virtio_blk *virtblk_disks[VIRTBLK_MAX_DISKS];
static int virtblk_nr_disks;		/* set at probe (boot, one CPU) */

struct virtio_blk *virtblk_get(int index)
{
	if (index < 0 || index >= virtblk_nr_disks)
		return NULL;
	return virtblk_disks[index];
}

/* A scatter entry for lowmem object @p of @len bytes. */
static struct virtio_sg lowmem_sg(void *p, unsigned int len)
{
	struct virtio_sg sg = {
		.page = virt_to_page(p),
		.offset = (unsigned long)p & (PAGE_SIZE - 1),
		.length = len,
	};
	return sg;
}

/*
 * Cuts @io's data into segments of at most size_max bytes after the
 * header in req->sg. Returns the count, or -EINVAL beyond seg_max.
 */
static int virtblk_map_data(struct virtio_blk *vb, struct virtblk_req *req,
			    const struct virtblk_io *io)
{
	unsigned long pos = io->offset, left = io->len;
	unsigned int n = 0, seg = vb->size_max ? vb->size_max : io->len;

	while (left) {
		unsigned int len = min_t(unsigned long, left, seg);

		if (n == vb->seg_max || n == VIRTBLK_MAX_SEGS)
			return -EINVAL;
		req->sg[1 + n].page = io->page + (pos >> PAGE_SHIFT);
		req->sg[1 + n].offset = pos & (PAGE_SIZE - 1);
		req->sg[1 + n].length = len;
		pos += len;
		left -= len;
		n++;
	}
	return n;
}

/* Checks @io against the disk: 0, -EROFS or -EINVAL. */
static int virtblk_check(const struct virtio_blk *vb, const struct virtblk_io *io)
{
	u64 nsec = io->len >> SECTOR_SHIFT;

	if (io->write && vb->readonly)
		return -EROFS;
	if (!io->page || !io->len || (io->len & (SECTOR_SIZE - 1)))
		return -EINVAL;
	if (io->sector > vb->capacity || nsec > vb->capacity - io->sector)
		return -EINVAL;
	return 0;
}

/* Builds the chain of @io (NULL io: a flush): header, data, status. */
static struct virtblk_req *virtblk_build(struct virtio_blk *vb, struct virtblk_io *io, u32 type)
{
	struct virtblk_req *req = kzalloc(sizeof(*req), GFP_KERNEL);
	int n = 0;

	if (!req)
		return ERR_PTR(-ENOMEM);
	req->io = io;
	req->hdr.type = type;
	req->hdr.sector = io ? io->sector : 0;
	req->status = 0xff;		/* not written yet */
	req->sg[0] = lowmem_sg(&req->hdr, sizeof(req->hdr));
	if (io) {
		n = virtblk_map_data(vb, req, io);
		if (n < 0) {
			kfree(req);
			return ERR_PTR(n);
		}
	}
	req->sg[1 + n] = lowmem_sg(&req->status, 1);
	req->out = 1 + (type == VIRTIO_BLK_T_OUT ? n : 0);
	req->in = 1 + (type == VIRTIO_BLK_T_OUT ? 0 : n);
	return req;
}

/*
 * Puts @req on the ring and kicks the device, sleeping while the ring has
 * too few free descriptors. Returns 0 or -EINVAL (longer than the ring).
 */
static int virtblk_queue(struct virtio_blk *vb, struct virtblk_req *req)
{
	unsigned int need = req->out + req->in;
	unsigned long flags;
	int err;

	if (need > vb->vq->num)
		return -EINVAL;
	for (;;) {
		spin_lock_irqsave(&vb->lock, flags);
		err = virtqueue_add_sgs(vb->vq, req->sg, req->out, req->in, req);
		if (!err) {
			vb->inflight++;
			vb->max_inflight = max(vb->max_inflight, vb->inflight);
		}
		if (!vb->plugged || err == -ENOSPC)
			virtqueue_kick(vb->vq);	/* a full ring must drain */
		spin_unlock_irqrestore(&vb->lock, flags);
		if (err != -ENOSPC)
			return err;
		wait_event(vb->wq, READ_ONCE(vb->vq->num_free) >= need);
	}
}

void virtblk_plug(struct virtio_blk *vb)
{
	unsigned long flags;

	spin_lock_irqsave(&vb->lock, flags);
	vb->plugged++;
	spin_unlock_irqrestore(&vb->lock, flags);
}

void virtblk_unplug(struct virtio_blk *vb)
{
	unsigned long flags;

	spin_lock_irqsave(&vb->lock, flags);
	if (vb->plugged && !--vb->plugged)
		virtqueue_kick(vb->vq);
	spin_unlock_irqrestore(&vb->lock, flags);
}

/* Device status byte to -Exxx. */
static int virtblk_result(u8 status)
{
	if (status == VIRTIO_BLK_S_OK)
		return 0;
	return status == VIRTIO_BLK_S_UNSUPP ? -EOPNOTSUPP : -EIO;
}

/* Queue callback (interrupt, IRQs off): ends every used request. */
static void virtblk_done(struct virtqueue *vq)
{
	struct virtio_blk *vb = vq->priv;
	struct virtblk_req *req;
	unsigned int len;

	spin_lock(&vb->lock);
	while ((req = virtqueue_get_buf(vq, &len)) != NULL) {
		vb->inflight--;
		spin_unlock(&vb->lock);
		if (req->rq)
			blk_mq_end_request(req->rq, virtblk_result(req->status));
		else
			req->io->end_io(req->io, virtblk_result(req->status));
		kfree(req);
		spin_lock(&vb->lock);
	}
	spin_unlock(&vb->lock);
	wake_up(&vb->wq);
}

/* Sends one request of @type for @io; end_io runs when it is done. */
static int virtblk_send(struct virtio_blk *vb, struct virtblk_io *io, u32 type)
{
	struct virtblk_req *req = virtblk_build(vb, type == VIRTIO_BLK_T_FLUSH ? NULL : io, type);
	int err;

	if (IS_ERR(req))
		return PTR_ERR(req);
	req->io = io;
	err = virtblk_queue(vb, req);
	if (err)
		kfree(req);
	return err;
}

int virtblk_submit(struct virtio_blk *vb, struct virtblk_io *io)
{
	int err = virtblk_check(vb, io);

	if (err)
		return err;
	return virtblk_send(vb, io, io->write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN);
}

/* Waiter of a synchronous request: result, then done (read last). */
struct virtblk_wait {
	int err;
	bool done;
	struct virtio_blk *vb;
};

static void virtblk_end_sync(struct virtblk_io *io, int err)
{
	struct virtblk_wait *w = io->private;

	w->err = err;
	WRITE_ONCE(w->done, true);	/* virtblk_done wakes vb->wq after us */
}

/* Sends @io of @type and sleeps until the device answered. */
static int virtblk_send_sync(struct virtio_blk *vb, struct virtblk_io *io, u32 type)
{
	struct virtblk_wait w = { .vb = vb };
	int err;

	io->end_io = virtblk_end_sync;
	io->private = &w;
	err = virtblk_send(vb, io, type);
	if (err)
		return err;
	wait_event(vb->wq, READ_ONCE(w.done));
	return w.err;
}

int virtblk_rw(struct virtio_blk *vb, sector_t sector, struct page *page,
	       unsigned int offset, unsigned int len, bool write)
{
	struct virtblk_io io = {
		.sector = sector, .page = page, .offset = offset, .len = len, .write = write,
	};
	int err = virtblk_check(vb, &io);

	if (err)
		return err;
	return virtblk_send_sync(vb, &io, write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN);
}

int virtblk_flush(struct virtio_blk *vb)
{
	struct virtblk_io io = { 0 };

	if (!vb->has_flush)
		return 0;
	return virtblk_send_sync(vb, &io, VIRTIO_BLK_T_FLUSH);
}

/*
 * Appends @bv's data to req->sg from entry *n on, cut at the queue's
 * max_segment_size (size_max) as blk_bvec_segments counts. -EINVAL past seg_max.
 */
static int virtblk_map_bvec(struct virtio_blk *vb, struct virtblk_req *req,
			    const struct bio_vec *bv, unsigned int *n)
{
	unsigned long pos = bv->bv_offset, left = bv->bv_len;
	unsigned int seg = vb->queue->limits.max_segment_size;

	while (left) {
		unsigned int len = min_t(unsigned long, left, seg);

		if (*n == vb->seg_max || *n == VIRTBLK_MAX_SEGS)
			return -EINVAL;
		req->sg[1 + *n].page = bv->bv_page + (pos >> PAGE_SHIFT);
		req->sg[1 + *n].offset = pos & (PAGE_SIZE - 1);
		req->sg[1 + *n].length = len;
		pos += len;
		left -= len;
		(*n)++;
	}
	return 0;
}

/* Builds the chain of block-layer request @rq: header, every bio's vecs, status. */
static struct virtblk_req *virtblk_build_rq(struct virtio_blk *vb, struct request *rq)
{
	u32 type = req_op(rq) == REQ_OP_FLUSH ? VIRTIO_BLK_T_FLUSH :
		   rq_data_dir(rq) ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN;
	struct virtblk_req *req = kzalloc(sizeof(*req), GFP_NOIO);
	unsigned int n = 0;
	struct bio *bio;

	if (!req)
		return ERR_PTR(-ENOMEM);
	req->rq = rq;
	req->hdr.type = type;
	req->hdr.sector = type == VIRTIO_BLK_T_FLUSH ? 0 : blk_rq_pos(rq);
	req->status = 0xff;
	req->sg[0] = lowmem_sg(&req->hdr, sizeof(req->hdr));
	__rq_for_each_bio(bio, rq) {
		for (unsigned int i = 0; i < bio->bi_vcnt; i++) {
			if (virtblk_map_bvec(vb, req, &bio->bi_io_vec[i], &n)) {
				kfree(req);
				return ERR_PTR(-EINVAL);
			}
		}
	}
	req->sg[1 + n] = lowmem_sg(&req->status, 1);
	req->out = 1 + (type == VIRTIO_BLK_T_OUT ? n : 0);
	req->in = 1 + (type == VIRTIO_BLK_T_OUT ? 0 : n);
	return req;
}

/*
 * The queue's queue_rq (Linux's virtio_queue_rq): @rq onto the ring, many
 * in flight; sleeps while the ring is full. 0 (ended from the interrupt)
 * or -Exxx (the block layer ends it).
 */
static int virtblk_queue_rq(struct request_queue *q, struct request *rq)
{
	struct virtio_blk *vb = q->queuedata;
	struct virtblk_req *req;
	int err;

	if (req_op(rq) == REQ_OP_FLUSH && !vb->has_flush)
		return -EOPNOTSUPP;	/* the queue says write-through: not reached */
	req = virtblk_build_rq(vb, rq);
	if (IS_ERR(req))
		return PTR_ERR(req);
	err = virtblk_queue(vb, req);
	if (err)
		kfree(req);
	return err;
}

/* The request queue with the device's limits, and the gendisk; 0 or -ENOMEM. */
static int virtblk_alloc_disk(struct virtio_blk *vb)
{
	struct request_queue *q = blk_alloc_queue(virtblk_queue_rq, vb);

	if (!q)
		return -ENOMEM;
	blk_queue_max_segments(q, vb->seg_max);
	if (vb->size_max)
		blk_queue_max_segment_size(q, vb->size_max);
	blk_queue_logical_block_size(q, vb->blk_size);
	blk_queue_write_cache(q, vb->has_flush, false);	/* FLUSH only, no FUA */
	q->readonly = vb->readonly;
	vb->disk = alloc_disk(VIRTBLK_MINORS);
	if (!vb->disk) {
		blk_cleanup_queue(q);
		return -ENOMEM;
	}
	vb->queue = q;
	vb->disk->major = VIRTBLK_MAJOR;
	vb->disk->first_minor = vb->index * VIRTBLK_MINORS;
	strlcpy(vb->disk->disk_name, vb->name, sizeof(vb->disk->disk_name));
	vb->disk->queue = q;
	vb->disk->private_data = vb;
	set_capacity(vb->disk, vb->capacity);
	return 0;
}

/* The device's seg_max, within what a request here can hold (at least 1). */
static u32 clamp_seg_max(u32 seg_max)
{
	return seg_max ? min_t(u32, seg_max, VIRTBLK_MAX_SEGS) : 1;
}

/* Reads the configuration the negotiated features make valid. */
static void virtblk_read_config(struct virtio_blk *vb, struct virtio_device *vdev)
{
	vb->capacity = virtio_cread64(vdev, VIRTIO_BLK_CFG_CAPACITY);
	vb->blk_size = SECTOR_SIZE;
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_BLK_SIZE))
		vb->blk_size = virtio_cread32(vdev, VIRTIO_BLK_CFG_BLK_SIZE);
	vb->seg_max = VIRTBLK_MAX_SEGS;
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SEG_MAX))
		vb->seg_max = clamp_seg_max(virtio_cread32(vdev, VIRTIO_BLK_CFG_SEG_MAX));
	vb->size_max = 0;
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SIZE_MAX))
		vb->size_max = virtio_cread32(vdev, VIRTIO_BLK_CFG_SIZE_MAX);
	vb->readonly = virtio_has_feature(vdev, VIRTIO_BLK_F_RO);
	vb->has_flush = virtio_has_feature(vdev, VIRTIO_BLK_F_FLUSH);
}

/* "[vda] 131072 512-byte logical blocks (64.0 MiB), modern transport". */
static void virtblk_announce(struct virtio_blk *vb)
{
	u64 tenths = (vb->capacity * SECTOR_SIZE * 10) >> 20;

	dev_info(&vb->vdev->dev, "[%s] %llu 512-byte logical blocks (%llu.%llu MiB), %s transport%s\n",
		 vb->name, (unsigned long long)vb->capacity,
		 (unsigned long long)(tenths / 10), (unsigned long long)(tenths % 10),
		 vb->vdev->modern ? "modern" : "legacy", vb->readonly ? ", read-only" : "");
}

/* Binds a disk: its config, its queue, a name; 0 or -Exxx. */
static int virtblk_probe(struct virtio_device *vdev)
{
	struct virtio_blk *vb;

	if (virtblk_nr_disks == VIRTBLK_MAX_DISKS)
		return -ENOSPC;
	vb = kzalloc(sizeof(*vb), GFP_KERNEL);
	if (!vb)
		return -ENOMEM;
	vb->vdev = vdev;
	spin_lock_init(&vb->lock);
	init_waitqueue_head(&vb->wq);
	virtblk_read_config(vb, vdev);
	if (vb->size_max && vb->size_max < SECTOR_SIZE)
		vb->size_max = SECTOR_SIZE;	/* a sector must fit a segment */
	vb->vq = virtio_find_vq(vdev, 0, virtblk_done);
	if (!vb->vq) {
		kfree(vb);
		return -ENOENT;
	}
	vb->vq->priv = vb;
	vb->index = virtblk_nr_disks;
	snprintf(vb->name, sizeof(vb->name), "vd%c", 'a' + vb->index);
	if (virtblk_alloc_disk(vb)) {
		kfree(vb);		/* the queue stays unused: no way to free it */
		return -ENOMEM;
	}
	vdev->priv = vb;
	virtblk_disks[virtblk_nr_disks++] = vb;
	virtblk_announce(vb);
	add_disk(vb->disk);		/* partitions: scanned once interrupts are on */
	return 0;
}

const struct virtio_driver virtio_blk_driver = {
	.driver = { .name = "virtio_blk" },
	.device_id = VIRTIO_ID_BLOCK,
	.features = (1ULL << VIRTIO_BLK_F_SIZE_MAX) | (1ULL << VIRTIO_BLK_F_SEG_MAX) |
		    (1ULL << VIRTIO_BLK_F_RO) | (1ULL << VIRTIO_BLK_F_BLK_SIZE) |
		    (1ULL << VIRTIO_BLK_F_FLUSH),
	.probe = virtblk_probe,
};
