/*
 * struct page: one per physical page frame, in the mem_map array.
 * Kept small (56 bytes on rv64; docs/mm.md). Which union member is live
 * depends on who owns the page: the buddy allocator, the page cache/user
 * mappings, or the slab allocator.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>

struct address_space;
struct kmem_cache;

struct page {
	unsigned long flags;		/* PG_* bits; zone number in the top bits */
	union {
		struct {	/* buddy free lists, page cache, anonymous memory */
			struct list_head lru;	/* free_area list, or LRU list */
			struct address_space *mapping;
			unsigned long index;	/* offset within mapping */
			unsigned long private;	/* buddy: order while free */
		};
		struct {	/* slab (mm/slab.c) */
			struct list_head slab_list;	/* full/partial/free list */
			struct kmem_cache *slab_cache;
			void *freelist;			/* first free object */
			unsigned int active;		/* objects in use */
			unsigned int objects;		/* objects in this slab */
		};
	};
	atomic_t _mapcount;		/* user PTEs mapping this page, minus one */
	atomic_t _refcount;		/* references; 0 = free */
};

/*
 * An address space. Only its page table so far, which switch_mm
 * (asm/mmu_context.h) loads; the VMAs, counters and lock come with user
 * space.
 */
struct mm_struct {
	unsigned long *pgd;		/* top-level page table (pte_t[512] on Sv39) */
};

#endif
