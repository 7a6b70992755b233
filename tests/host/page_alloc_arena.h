/*
 * Test "RAM" for the page allocator tests and benchmark: an arena from
 * aligned_alloc at the fake physical address ARENA_PHYS, registered with
 * memblock, split into DMA32 / Normal / HighMem and handed to the buddy
 * allocator exactly as the kernel's boot does.
 */
#ifndef _PAGE_ALLOC_ARENA_H
#define _PAGE_ALLOC_ARENA_H

#include <linux/mm.h>

#define ARENA_PHYS	0x80000000UL

struct arena_layout {
	unsigned long size;		/* bytes of the arena */
	unsigned long ram_offset;	/* RAM starts this far into it (0: at the start) */
	unsigned long zone_mb[MAX_NR_ZONES];	/* MiB per zone, in order */
	unsigned long reserve_base;	/* offset of a "kernel image" */
	unsigned long reserve_size;
};

/* Returns the pages memblock_free_all freed. */
unsigned long arena_boot(const struct arena_layout *l);
extern void *arena_base;

#endif
