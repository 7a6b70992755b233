/*
 * virtio (spec 1.2): the device and driver objects a transport
 * (drivers/virtio/virtio_mmio.c) makes and binds by device id, and the split
 * virtqueue interface (drivers/virtio/virtio_ring.c). Linux's names, at
 * rivet's size: one transport, no config-ops table, no unbinding.
 */
#ifndef _LINUX_VIRTIO_H
#define _LINUX_VIRTIO_H

#include <linux/types.h>
#include <linux/device.h>

struct page;
struct virtqueue;

/* Device ids (spec 5): the ones rivet names in its messages. */
#define VIRTIO_ID_NET		1
#define VIRTIO_ID_BLOCK		2
#define VIRTIO_ID_CONSOLE	3
#define VIRTIO_ID_RNG		4
#define VIRTIO_ID_BALLOON	5
#define VIRTIO_ID_SCSI		8
#define VIRTIO_ID_9P		9
#define VIRTIO_ID_GPU		16
#define VIRTIO_ID_INPUT		18
#define VIRTIO_ID_VSOCK		19

/* Device-independent feature bits (spec 6). */
#define VIRTIO_F_VERSION_1	32	/* modern device: little-endian, FEATURES_OK */

struct virtio_device {
	struct device dev;		/* "virtio0"; dev.driver is the virtio driver's */
	int index;			/* N of virtioN, in probe order */
	u32 id;				/* device id (VIRTIO_ID_*) */
	bool modern;			/* transport version 2 (else legacy, 1) */
	u64 features;			/* negotiated: what both sides offered */
	void *priv;			/* the virtio driver's state */
	void *transport;		/* the transport's (struct virtio_mmio_device) */
};

/*
 * A virtio driver serves one device id. features: the device-specific
 * feature bits (< 32) it understands, as a mask; the transport accepts the
 * intersection with the device's offer (plus VIRTIO_F_VERSION_1 on a modern
 * device) before probe runs. probe sets up its queues (virtio_find_vq) and
 * returns 0 or -Exxx; the transport sets DRIVER_OK after it. Boot, one CPU.
 */
struct virtio_driver {
	struct device_driver driver;	/* name: the log prefix */
	u32 device_id;
	u64 features;
	int (*probe)(struct virtio_device *vdev);
};

static inline bool virtio_has_feature(const struct virtio_device *vdev, unsigned int bit)
{
	return (vdev->features >> bit) & 1;
}

/* drivers/virtio/virtio_mmio.c: the transport's side for drivers. */
/*
 * Sets up queue @index with callback @cb (called from the interrupt, IRQs
 * off, when the device has used buffers). Returns the queue or NULL
 * (no such queue, in use, out of memory). Only from the driver's probe.
 */
struct virtqueue *virtio_find_vq(struct virtio_device *vdev, unsigned int index,
				 void (*cb)(struct virtqueue *vq));
/* Device-specific configuration, at byte offset @off (little endian). */
u32 virtio_cread32(struct virtio_device *vdev, unsigned int off);
u64 virtio_cread64(struct virtio_device *vdev, unsigned int off);

/*
 * One buffer of a chain: @length bytes at @offset into @page, physically
 * contiguous (lowmem or highmem: the device gets the physical address, no
 * kernel mapping is needed). A run may cross into the following pages only
 * if they are physically contiguous (one alloc_pages block, or lowmem).
 */
struct virtio_sg {
	struct page *page;
	unsigned int offset;
	unsigned int length;
};

/*
 * The split virtqueue (spec 2.7). All calls on one queue are serialised by
 * the caller (the driver's lock, IRQs off); the ring is never locked here.
 */
struct virtqueue {
	struct virtio_device *vdev;
	unsigned int index;		/* queue number on the device */
	unsigned int num;		/* entries (a power of two) */
	unsigned int num_free;		/* descriptors on the free list */
	void (*callback)(struct virtqueue *vq);
	void (*notify)(struct virtqueue *vq);	/* the transport's doorbell */
	void *priv;			/* the driver's */

	struct vring_desc *desc;	/* num descriptors */
	struct vring_avail *avail;	/* driver -> device */
	struct vring_used *used;	/* device -> driver */
	phys_addr_t desc_pa, avail_pa, used_pa;
	struct page *pages;		/* the ring's memory: one alloc_pages block */
	unsigned int order;

	u16 free_head;			/* first free descriptor */
	u16 avail_idx;			/* our copy of avail->idx */
	u16 last_used_idx;		/* next used entry to read */
	unsigned int num_added;		/* chains added since the last kick */
	void **data;			/* per head descriptor: the caller's token */
};

/* drivers/virtio/virtio_ring.c */
/*
 * A queue of @num entries (a power of two) whose used ring starts on an
 * @align boundary (legacy QueueAlign; 4096 suits both transports), in
 * zeroed lowmem pages. NULL if out of memory or num is bad.
 */
struct virtqueue *vring_create_virtqueue(struct virtio_device *vdev, unsigned int index,
					 unsigned int num, unsigned int align,
					 void (*notify)(struct virtqueue *vq),
					 void (*cb)(struct virtqueue *vq));
void vring_del_virtqueue(struct virtqueue *vq);
/*
 * Adds one chain: @out device-readable buffers, then @in device-writable
 * ones (sg[0 .. out+in-1]), with @data (not NULL) returned by get_buf when
 * the device is done. Returns 0, -EINVAL (no buffers, a zero length),
 * -ENOSPC (not enough free descriptors: try after some complete).
 */
int virtqueue_add_sgs(struct virtqueue *vq, const struct virtio_sg *sg,
		      unsigned int out, unsigned int in, void *data);
/* Tells the device about added chains, unless it asked not to be told.
 * Returns true if it notified. */
bool virtqueue_kick(struct virtqueue *vq);
/* The next chain the device used (its token), with the bytes it wrote in
 * *len; NULL when none. Frees the chain's descriptors. */
void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len);
/* Has the device used a chain not yet taken by get_buf? */
bool virtqueue_more_used(const struct virtqueue *vq);
/* From the transport's interrupt: the callback, if there is news. */
void vring_interrupt(struct virtqueue *vq);

#endif
