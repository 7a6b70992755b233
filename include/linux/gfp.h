/*
 * GFP ("get free pages") flags: which zone, which migratetype, and how hard
 * to try. Values follow seed 004 (the Linux 4.x layout it quotes); rivet
 * keeps the meaningful subset. rivet has no ZONE_DMA: __GFP_DMA asks for the
 * lowest zone, ZONE_DMA32.
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>

typedef unsigned int gfp_t;
struct page;

#define ___GFP_DMA		0x01u
#define ___GFP_HIGHMEM		0x02u
#define ___GFP_DMA32		0x04u
#define ___GFP_MOVABLE		0x08u
#define ___GFP_WAIT		0x10u
#define ___GFP_HIGH		0x20u
#define ___GFP_IO		0x40u
#define ___GFP_FS		0x80u
#define ___GFP_COLD		0x100u
#define ___GFP_NOWARN		0x200u
#define ___GFP_REPEAT		0x400u
#define ___GFP_NOFAIL		0x800u
#define ___GFP_NORETRY		0x1000u
#define ___GFP_MEMALLOC		0x2000u
#define ___GFP_COMP		0x4000u
#define ___GFP_ZERO		0x8000u
#define ___GFP_HARDWALL		0x20000u
#define ___GFP_RECLAIMABLE	0x80000u

#define __GFP_DMA		((gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM		((gfp_t)___GFP_HIGHMEM)
#define __GFP_DMA32		((gfp_t)___GFP_DMA32)
#define __GFP_MOVABLE		((gfp_t)___GFP_MOVABLE)	/* page can be migrated */
#define __GFP_WAIT		((gfp_t)___GFP_WAIT)	/* may sleep and reclaim */
#define __GFP_HIGH		((gfp_t)___GFP_HIGH)	/* may dip into the reserves */
#define __GFP_IO		((gfp_t)___GFP_IO)	/* may start I/O */
#define __GFP_FS		((gfp_t)___GFP_FS)	/* may call into the file system */
#define __GFP_COLD		((gfp_t)___GFP_COLD)	/* cache-cold page wanted */
#define __GFP_NOWARN		((gfp_t)___GFP_NOWARN)	/* no failure warning */
#define __GFP_REPEAT		((gfp_t)___GFP_REPEAT)
#define __GFP_NOFAIL		((gfp_t)___GFP_NOFAIL)	/* retry forever */
#define __GFP_NORETRY		((gfp_t)___GFP_NORETRY)	/* fail at once */
#define __GFP_MEMALLOC		((gfp_t)___GFP_MEMALLOC)
#define __GFP_COMP		((gfp_t)___GFP_COMP)	/* compound page metadata */
#define __GFP_ZERO		((gfp_t)___GFP_ZERO)	/* zero the page */
#define __GFP_HARDWALL		((gfp_t)___GFP_HARDWALL)
#define __GFP_RECLAIMABLE	((gfp_t)___GFP_RECLAIMABLE) /* slab that can be shrunk */

#define GFP_ZONEMASK		(__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)
#define GFP_MOVABLE_MASK	(__GFP_RECLAIMABLE | __GFP_MOVABLE)

#define GFP_NOWAIT		0u
#define GFP_ATOMIC		(__GFP_HIGH)
#define GFP_NOIO		(__GFP_WAIT)
#define GFP_NOFS		(__GFP_WAIT | __GFP_IO)
#define GFP_KERNEL		(__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_USER		(GFP_KERNEL | __GFP_HARDWALL)
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)
#define GFP_DMA32		(__GFP_DMA32)

/* mm/page_alloc.c */
struct page *alloc_pages(gfp_t gfp_mask, unsigned int order);
#define alloc_page(gfp)		alloc_pages(gfp, 0)
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
#define __get_free_page(gfp)	__get_free_pages(gfp, 0)
unsigned long get_zeroed_page(gfp_t gfp_mask);
/* Lowmem pages a 32-bit DMA master can reach (rivet: ZONE_DMA32). */
#define __get_dma_pages(gfp, order)	__get_free_pages((gfp) | GFP_DMA32, order)
void *alloc_pages_exact(size_t size, gfp_t gfp_mask);
void free_pages_exact(void *virt, size_t size);
void __free_pages(struct page *page, unsigned int order);
struct list_head;
void free_hot_cold_page_list(struct list_head *list, bool cold);
#define __free_page(page)	__free_pages(page, 0)
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr)		free_pages(addr, 0)

#endif
