/*
 * Split virtqueues (virtio 1.2, section 2.7): descriptor table, available
 * ring and used ring in one physically contiguous block, a free-descriptor
 * list, add/kick/get_buf. Leaves out indirect descriptors, event-index
 * notification suppression (VIRTIO_RING_F_EVENT_IDX) and packed rings.
 */
#include <linux/virtio.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <asm/barrier.h>

/* Ring layout, spec 2.7.5-2.7.8; all fields little endian (RISC-V is). */
#define VRING_DESC_F_NEXT	1	/* the chain goes on at .next */
#define VRING_DESC_F_WRITE	2	/* device writes this buffer */
#define VRING_USED_F_NO_NOTIFY	1	/* device: do not kick me */

struct vring_desc {
	u64 addr;			/* physical address of the buffer */
	u32 len;
	u16 flags;
	u16 next;
};

struct vring_avail {
	u16 flags;
	u16 idx;			/* where the driver puts the next entry */
	u16 ring[];			/* heads of chains; then used_event */
};

struct vring_used_elem {
	u32 id;				/* head of the used chain */
	u32 len;			/* bytes the device wrote */
};

struct vring_used {
	u16 flags;
	u16 idx;			/* where the device puts the next entry */
	struct vring_used_elem ring[];	/* then avail_event */
};

/* Bytes of the descriptor table plus available ring (with used_event). */
static unsigned long vring_avail_end(unsigned int num)
{
	return 16UL * num + 6 + 2UL * num;
}

/* Bytes of the whole ring: the used ring starts on an @align boundary. */
static unsigned long vring_size(unsigned int num, unsigned int align)
{
	return ALIGN(vring_avail_end(num), (unsigned long)align) + 6 + 8UL * num;
}

/* Physical address of a buffer: page frame plus offset; no mapping used. */
static u64 sg_phys(const struct virtio_sg *sg)
{
	return ((u64)page_to_pfn(sg->page) << PAGE_SHIFT) + sg->offset;
}

/* Puts every descriptor on the free list, in order. */
static void vring_init_free_list(struct virtqueue *vq)
{
	unsigned int i;

	for (i = 0; i + 1 < vq->num; i++)
		vq->desc[i].next = i + 1;
	vq->free_head = 0;
	vq->num_free = vq->num;
}

struct virtqueue *vring_create_virtqueue(struct virtio_device *vdev, unsigned int index,
					 unsigned int num, unsigned int align,
					 void (*notify)(struct virtqueue *vq),
					 void (*cb)(struct virtqueue *vq))
{
	struct virtqueue *vq;
	unsigned long size;
	void *ring;

	if (!num || (num & (num - 1)) || num > 32768 || !align || (align & (align - 1)))
		return NULL;
	vq = kzalloc(sizeof(*vq), GFP_KERNEL);
	if (!vq)
		return NULL;
	vq->data = kzalloc(num * sizeof(void *), GFP_KERNEL);
	size = vring_size(num, align);
	vq->order = get_order(size);
	vq->pages = alloc_pages(GFP_KERNEL | __GFP_ZERO, vq->order);
	if (!vq->data || !vq->pages) {
		if (vq->pages)
			__free_pages(vq->pages, vq->order);
		kfree(vq->data);
		kfree(vq);
		return NULL;
	}
	ring = lowmem_page_address(vq->pages);
	vq->desc = ring;
	vq->avail = (struct vring_avail *)((char *)ring + 16UL * num);
	vq->used = (struct vring_used *)((char *)ring + ALIGN(vring_avail_end(num), (unsigned long)align));
	vq->desc_pa = PFN_PHYS(page_to_pfn(vq->pages));
	vq->avail_pa = vq->desc_pa + 16UL * num;
	vq->used_pa = vq->desc_pa + ((char *)vq->used - (char *)ring);
	vq->vdev = vdev;
	vq->index = index;
	vq->num = num;
	vq->notify = notify;
	vq->callback = cb;
	vring_init_free_list(vq);
	return vq;
}

/* Frees the queue's memory; the device must no longer use it (reset). */
void vring_del_virtqueue(struct virtqueue *vq)
{
	__free_pages(vq->pages, vq->order);
	kfree(vq->data);
	kfree(vq);
}

int virtqueue_add_sgs(struct virtqueue *vq, const struct virtio_sg *sg,
		      unsigned int out, unsigned int in, void *data)
{
	unsigned int total = out + in, i;
	u16 head = vq->free_head, d = head, last = head;

	if (!total || !data)
		return -EINVAL;
	for (i = 0; i < total; i++)
		if (!sg[i].length || !sg[i].page)
			return -EINVAL;
	if (vq->num_free < total)
		return -ENOSPC;
	for (i = 0; i < total; i++) {
		struct vring_desc *desc = &vq->desc[d];

		desc->addr = sg_phys(&sg[i]);
		desc->len = sg[i].length;
		desc->flags = (i >= out ? VRING_DESC_F_WRITE : 0) |
			      (i + 1 < total ? VRING_DESC_F_NEXT : 0);
		last = d;
		d = desc->next;		/* the free list's next is the chain's */
	}
	vq->free_head = d;
	vq->num_free -= total;
	vq->desc[last].flags &= ~VRING_DESC_F_NEXT;
	vq->data[head] = data;
	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = head;
	wmb();			/* descriptors and ring entry before the index (2.7.13) */
	vq->avail_idx++;
	WRITE_ONCE(vq->avail->idx, vq->avail_idx);
	vq->num_added++;
	return 0;
}

bool virtqueue_kick(struct virtqueue *vq)
{
	bool notify;

	if (!vq->num_added)
		return false;
	mb();			/* avail->idx before we read used->flags (2.7.13.4) */
	notify = !(READ_ONCE(vq->used->flags) & VRING_USED_F_NO_NOTIFY);
	vq->num_added = 0;
	if (notify)
		vq->notify(vq);
	return notify;
}

bool virtqueue_more_used(const struct virtqueue *vq)
{
	return READ_ONCE(vq->used->idx) != vq->last_used_idx;
}

/* Returns chain @head's descriptors to the free list. */
static void detach_buf(struct virtqueue *vq, u16 head)
{
	u16 d = head;

	vq->num_free++;
	while (vq->desc[d].flags & VRING_DESC_F_NEXT) {
		d = vq->desc[d].next;
		vq->num_free++;
	}
	vq->desc[d].next = vq->free_head;
	vq->free_head = head;
}

void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len)
{
	struct vring_used_elem *e;
	void *data;
	u32 id;

	if (!virtqueue_more_used(vq))
		return NULL;
	rmb();			/* used->idx before the entry it covers */
	e = &vq->used->ring[vq->last_used_idx & (vq->num - 1)];
	id = READ_ONCE(e->id);
	if (id >= vq->num || !vq->data[id]) {
		pr_err("virtio: queue %u: device used bad id %u\n", vq->index, id);
		vq->last_used_idx++;
		return NULL;
	}
	if (len)
		*len = READ_ONCE(e->len);
	data = vq->data[id];
	vq->data[id] = NULL;
	detach_buf(vq, id);
	vq->last_used_idx++;
	return data;
}

void vring_interrupt(struct virtqueue *vq)
{
	if (virtqueue_more_used(vq) && vq->callback)
		vq->callback(vq);
}
