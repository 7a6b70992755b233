/*
 * A scatter list entry: one physically contiguous piece of a transfer,
 * named by its page (which may be HighMem: map it with kmap_atomic for
 * PIO) and reached by a device at dma_address. Linux's struct scatterlist
 * without chaining: lists are plain arrays.
 */
#ifndef _LINUX_SCATTERLIST_H
#define _LINUX_SCATTERLIST_H

#include <linux/types.h>
#include <linux/mm.h>

typedef u64 dma_addr_t;

struct scatterlist {
	struct page *page;
	unsigned int offset;		/* bytes into page (may exceed PAGE_SIZE for compound runs) */
	unsigned int length;		/* bytes */
	dma_addr_t dma_address;		/* what the device uses (physical on rivet) */
};

static inline void sg_set_page(struct scatterlist *sg, struct page *page,
			       unsigned int len, unsigned int offset)
{
	sg->page = page;
	sg->offset = offset;
	sg->length = len;
	sg->dma_address = ((dma_addr_t)page_to_pfn(page) << PAGE_SHIFT) + offset;
}

static inline struct page *sg_page(const struct scatterlist *sg) { return sg->page; }
static inline dma_addr_t sg_dma_address(const struct scatterlist *sg) { return sg->dma_address; }
static inline unsigned int sg_dma_len(const struct scatterlist *sg) { return sg->length; }

#endif
