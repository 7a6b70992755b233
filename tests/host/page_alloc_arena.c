/* Boot the page allocator on a host arena (see page_alloc_arena.h). */
#include <stdio.h>
#include <stdlib.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include "page_alloc_arena.h"

void *arena_base;

/*
 * The kernel's sequence: memblock_add/reserve, limit memblock to lowmem,
 * free_area_init, memblock_free_all, watermarks, pcp lists.
 */
unsigned long arena_boot(const struct arena_layout *l)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES], end = ARENA_PHYS, freed;
	int i;

	arena_base = aligned_alloc(4UL << 20, l->size);
	if (!arena_base) {
		perror("aligned_alloc");
		exit(2);
	}
	va_pa_offset = (unsigned long)arena_base - ARENA_PHYS;
	memblock_add(ARENA_PHYS + l->ram_offset, l->size - l->ram_offset);
	if (l->reserve_size)
		memblock_reserve(ARENA_PHYS + l->reserve_base, l->reserve_size);
	for (i = 0; i < MAX_NR_ZONES; i++) {
		end += l->zone_mb[i] << 20;
		max_zone_pfn[i] = end >> PAGE_SHIFT;
	}
	memblock_set_current_limit(max_zone_pfn[ZONE_NORMAL] << PAGE_SHIFT);
	free_area_init(max_zone_pfn);
	freed = memblock_free_all();
	init_per_zone_wmark_min();
	setup_per_cpu_pageset();
	return freed;
}
