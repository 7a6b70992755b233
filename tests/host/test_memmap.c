/*
 * Host tests of mem_map's extent (mm/mm_init.c) when RAM does not start on
 * a MAX_ORDER boundary, as with a DTB's memory@80201000: the struct pages
 * of every buddy the allocator may look at must exist, be reserved and
 * never be free.
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/vmstat.h>
#include "test.h"
#include "page_alloc_arena.h"

#define RAM_OFFSET	(2UL * SZ_1M + PAGE_SIZE)	/* pfn 0x80201: odd */

static const struct arena_layout layout = {
	.size = 64UL << 20,
	.ram_offset = RAM_OFFSET,
	.zone_mb = { 32, 16, 16 },
	.reserve_base = RAM_OFFSET + SZ_1M,
	.reserve_size = SZ_1M,
};

/* mem_map starts and ends on MAX_ORDER_NR_PAGES boundaries around RAM. */
static void test_extent(void)
{
	unsigned long first = ALIGN_DOWN(min_low_pfn, MAX_ORDER_NR_PAGES);
	unsigned long last = ALIGN(max_pfn, MAX_ORDER_NR_PAGES) - 1;
	unsigned long pfn, bad = 0;

	CHECK(min_low_pfn == (ARENA_PHYS + RAM_OFFSET) >> PAGE_SHIFT,
	      "RAM starts at pfn %#lx, not MAX_ORDER aligned", min_low_pfn);
	CHECK(ARCH_PFN_OFFSET == first && page_to_pfn(mem_map) == first,
	      "mem_map[0] is the struct page of the aligned-down pfn %#lx", first);
	CHECK(memblock_is_reserved(__pa(pfn_to_page(first))) &&
	      memblock_is_reserved(__pa(pfn_to_page(last) + 1) - 1),
	      "the struct pages of pfns %#lx..%#lx are all inside mem_map's allocation",
	      first, last);
	for (pfn = first; pfn <= last; pfn++)
		if (pfn < min_low_pfn || pfn >= max_pfn)
			bad += !PageReserved(pfn_to_page(pfn)) || PageBuddy(pfn_to_page(pfn));
	CHECK(bad == 0, "struct pages outside RAM are reserved and never buddies");
}

/*
 * Free and reallocate every order at the unaligned start of RAM, where
 * the merge heuristics reach below the first frame, then check that the
 * first zone's free lists hold only blocks inside it.
 */
static void test_edge_merging(void)
{
	struct zone *zone = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	struct page *pages[512];
	unsigned long outside = 0;
	int n = 0;

	while (n < 512 && (pages[n] = alloc_pages(GFP_DMA32 | __GFP_NOWARN, 0)))
		n++;
	while (n--)
		__free_pages(pages[n], 0);
	drain_all_pages(NULL);
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *p;

			list_for_each_entry(p, &zone->free_area[o].free_list[mt], lru)
				outside += !zone_spans_pfn(zone, page_to_pfn(p)) ||
					   !zone_spans_pfn(zone, page_to_pfn(p) + (1UL << o) - 1);
		}
	CHECK(outside == 0, "no free block reaches outside the unaligned zone");
	CHECK(PageReserved(pfn_to_page(min_low_pfn - 1)) &&
	      !PageBuddy(pfn_to_page(min_low_pfn - 1)),
	      "the frame below RAM is still reserved after merging at the edge");
}

int main(void)
{
	unsigned long freed = arena_boot(&layout);

	CHECK(freed > 0, "booted %lu free pages on RAM at pfn offset %#lx", freed,
	      RAM_OFFSET >> PAGE_SHIFT);
	test_extent();
	test_edge_merging();
	return test_exit();
}
