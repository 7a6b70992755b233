/*
 * In-kernel tests of the zoned buddy allocator on the real memory map
 * (ktest=page_alloc): GFP flags reach the right zones and never the wrong
 * ones, a zone can be exhausted while the others keep working, and every
 * page comes back. The allocator's logic itself is tested on the host
 * (tests/host/test_page_alloc.c); this checks it on a real machine.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/list.h>
#include <linux/fs.h>
#include <linux/swap.h>

/* Free pages of zone z, per-CPU lists drained first so the count is exact. */
static unsigned long zone_free(enum zone_type z)
{
	struct zone *zone = &NODE_DATA(0)->node_zones[z];

	drain_all_pages(zone);
	return zone_page_state(zone, NR_FREE_PAGES);
}

/* Allocate @n pages with @gfp; count in which zone each landed. */
static void zone_census(gfp_t gfp, int n, int count[MAX_NR_ZONES])
{
	LIST_HEAD(pages);
	struct page *page, *tmp;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		count[i] = 0;
	for (int i = 0; i < n; i++) {
		page = alloc_page(gfp | __GFP_NOWARN);
		if (!page)
			break;
		count[page_zonenum(page)]++;
		list_add(&page->lru, &pages);
	}
	list_for_each_entry_safe(page, tmp, &pages, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

/* Each GFP zone modifier gets pages from its own zone only. */
KTEST(page_alloc_zones_reachable)
{
	int c[MAX_NR_ZONES];

	zone_census(GFP_DMA32, 1000, c);
	KT_EXPECT_MSG(c[ZONE_DMA32] == 1000, "GFP_DMA32: %d/%d/%d", c[0], c[1], c[2]);
	zone_census(__GFP_DMA, 100, c);
	KT_EXPECT(c[ZONE_DMA32] == 100);
	zone_census(GFP_KERNEL, 1000, c);
	KT_EXPECT_MSG(c[ZONE_NORMAL] == 1000, "GFP_KERNEL: %d/%d/%d", c[0], c[1], c[2]);
	zone_census(GFP_HIGHUSER, 1000, c);
	KT_EXPECT_MSG(c[ZONE_HIGHMEM] == 1000, "GFP_HIGHUSER: %d/%d/%d", c[0], c[1], c[2]);
	zone_census(GFP_HIGHUSER_MOVABLE, 1000, c);
	KT_EXPECT(c[ZONE_HIGHMEM] == 1000);
}

/*
 * Take pages of @gfp from zone @z, biggest blocks first, until it says no
 * (or hands out a block of another zone, which goes back).
 */
static unsigned long exhaust(gfp_t gfp, enum zone_type z, struct list_head *list)
{
	unsigned long pages = 0;
	struct page *page;

	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		while ((page = alloc_pages(gfp | __GFP_NOWARN | __GFP_NORETRY, order))) {
			if (page_zonenum(page) != z) {
				__free_pages(page, order);
				break;
			}
			set_page_private(page, order);
			list_add(&page->lru, list);
			pages += 1UL << order;
		}
	}
	return pages;
}

/* Give back everything exhaust() took (each block's order is in page_private). */
static void release(struct list_head *list)
{
	struct page *page, *tmp;

	list_for_each_entry_safe(page, tmp, list, lru) {
		list_del(&page->lru);
		__free_pages(page, page_private(page));
	}
}

/*
 * Exhaust DMA32, then NORMAL: GFP_DMA32 then fails, GFP_KERNEL falls back
 * to DMA32 until that is gone too, HIGHMEM stays usable and is never given
 * to GFP_KERNEL; afterwards every zone has its free pages back.
 */
/*
 * Exhausting a zone makes the allocator reclaim: with the page cache
 * written back and dropped first there is nothing left to reclaim, so the
 * free counts must come back exactly.
 */
static void quiesce_page_cache(void)
{
	ksys_sync();
	drop_caches(3);
	lru_add_drain();
}

KTEST(page_alloc_zone_exhaustion)
{
	unsigned long before[MAX_NR_ZONES], got;
	LIST_HEAD(held);
	struct page *page;
	int c[MAX_NR_ZONES];

	quiesce_page_cache();
	for (int z = 0; z < MAX_NR_ZONES; z++)
		before[z] = zone_free(z);
	got = exhaust(GFP_DMA32, ZONE_DMA32, &held);
	KT_EXPECT_MSG(got + 4096 > before[ZONE_DMA32], "took %lu of %lu", got, before[ZONE_DMA32]);
	KT_EXPECT(alloc_page(GFP_DMA32 | __GFP_NOWARN) == NULL);
	zone_census(GFP_KERNEL, 100, c);
	KT_EXPECT(c[ZONE_NORMAL] == 100);
	exhaust(GFP_KERNEL, ZONE_NORMAL, &held);
	KT_EXPECT(alloc_page(GFP_KERNEL | __GFP_NOWARN) == NULL);
	page = alloc_page(GFP_HIGHUSER);
	KT_EXPECT(page && PageHighMem(page));
	if (page)
		__free_page(page);
	zone_census(GFP_KERNEL, 1, c);
	KT_EXPECT(c[ZONE_HIGHMEM] == 0);
	release(&held);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		KT_EXPECT_MSG(zone_free(z) == before[z], "zone %d: %lu free, %lu before",
			      z, zone_free(z), before[z]);
}

/* HIGHMEM exhausted: GFP_HIGHUSER falls back to NORMAL. */
KTEST(page_alloc_highmem_fallback)
{
	unsigned long before;
	LIST_HEAD(held);
	int c[MAX_NR_ZONES];

	quiesce_page_cache();
	before = zone_free(ZONE_HIGHMEM);
	exhaust(GFP_HIGHUSER, ZONE_HIGHMEM, &held);
	KT_EXPECT(zone_free(ZONE_HIGHMEM) < before / 16);
	zone_census(GFP_HIGHUSER, 10, c);
	KT_EXPECT_MSG(c[ZONE_NORMAL] == 10, "fallback: %d/%d/%d", c[0], c[1], c[2]);
	release(&held);
	KT_EXPECT(zone_free(ZONE_HIGHMEM) == before);
}
