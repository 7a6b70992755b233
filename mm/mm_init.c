/*
 * Setting up the zones at boot: mem_map and its struct pages, the zones'
 * spans and pageblock types, the zonelist, watermarks (free_area_init,
 * init_per_zone_wmark_min), after Linux's mm_init. One node, flat memory
 * model; left out: memory hotplug, deferred struct page init, lowmem_reserve.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/memblock.h>

struct pglist_data contig_page_data;
struct page *mem_map;
unsigned long min_low_pfn, max_low_pfn, max_pfn;
unsigned long arch_pfn_offset;		/* pfn of mem_map[0] */

int min_free_kbytes = 1024;
unsigned long totalreserve_pages;

static const char * const zone_names[MAX_NR_ZONES] = {
	[ZONE_DMA32] = "DMA32",
	[ZONE_NORMAL] = "Normal",
	[ZONE_HIGHMEM] = "HighMem",
};

/* RAM pages (memblock "memory") among pfns [start_pfn, end_pfn). */
static unsigned long present_pages_in_range(unsigned long start_pfn,
					    unsigned long end_pfn)
{
	struct memblock_region *r;
	unsigned long sum = 0;

	for_each_mem_region(r) {
		unsigned long s = max(PFN_UP(r->base), start_pfn);
		unsigned long e = min(PFN_DOWN(r->base + r->size), end_pfn);

		if (s < e)
			sum += e - s;
	}
	return sum;
}

/* Every page starts reserved, in its zone, with one reference. */
static void memmap_init_zone(struct zone *zone)
{
	unsigned long pfn;
	int idx = zone_idx(zone);

	for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++) {
		struct page *page = pfn_to_page(pfn);

		set_page_zone(page, idx);
		__SetPageReserved(page);
		init_page_count(page);
		page_mapcount_reset(page);
		INIT_LIST_HEAD(&page->lru);
		if (pfn == zone->zone_start_pfn || IS_ALIGNED(pfn, pageblock_nr_pages))
			set_pageblock_migratetype(page, MIGRATE_MOVABLE);
	}
}

/* Empty free lists, and pcp lists that stay off until setup_per_cpu_pageset. */
static void zone_init_free_lists(struct zone *zone)
{
	unsigned int order, mt, cpu;

	for (order = 0; order < MAX_ORDER; order++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&zone->free_area[order].free_list[mt]);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->pageset[cpu];

		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			INIT_LIST_HEAD(&pcp->lists[mt]);
		pcp->high = 0;		/* no pcp until setup_per_cpu_pageset */
		pcp->batch = 1;
	}
}

/* One byte per pageblock the zone touches. Panics if memblock is empty. */
static void setup_pageblock_flags(struct zone *zone)
{
	unsigned long first = zone->zone_start_pfn >> pageblock_order;
	unsigned long last = (zone_end_pfn(zone) - 1) >> pageblock_order;

	zone->pageblock_flags = memblock_alloc(last - first + 1, 8);
	if (!zone->pageblock_flags)
		panic("free_area_init: no memory for %s pageblock flags", zone->name);
}

/*
 * Set up zone idx over [start_pfn, end_pfn): free_area_init's per-zone
 * step (Linux's free_area_init_core loop). An empty zone gets its lock
 * and lists only. Boot CPU, no locking; panics if memblock is exhausted.
 */
static void init_zone(struct pglist_data *pgdat, enum zone_type idx,
		      unsigned long start_pfn, unsigned long end_pfn)
{
	struct zone *zone = &pgdat->node_zones[idx];

	zone->zone_pgdat = pgdat;
	zone->name = zone_names[idx];
	zone->zone_start_pfn = start_pfn;
	zone->spanned_pages = end_pfn - start_pfn;
	zone->present_pages = present_pages_in_range(start_pfn, end_pfn);
	zone->managed_pages = 0;	/* memblock_free_all counts them */
	spin_lock_init(&zone->lock);
	spin_lock_init(&zone->lru_lock);
	for (int l = 0; l < NR_LRU_LISTS; l++)
		INIT_LIST_HEAD(&zone->lru[l]);
	zone_init_free_lists(zone);
	if (!zone->spanned_pages)
		return;
	setup_pageblock_flags(zone);
	memmap_init_zone(zone);
	pgdat->node_present_pages += zone->present_pages;
	pgdat->nr_zones = idx + 1;
}

/* Zonelist: the populated zones from HIGHMEM down to DMA32. */
static void build_all_zonelists(struct pglist_data *pgdat)
{
	struct zoneref *zref = pgdat->node_zonelists[0]._zonerefs;
	int idx;

	for (idx = MAX_NR_ZONES - 1; idx >= 0; idx--) {
		struct zone *zone = &pgdat->node_zones[idx];

		if (!populated_zone(zone))
			continue;
		zref->zone = zone;
		zref->zone_idx = idx;
		zref++;
	}
	zref->zone = NULL;
	zref->zone_idx = 0;
}

/* Struct pages of frames that are not RAM: reserved, in no free list. */
static void init_unavailable_range(unsigned long spfn, unsigned long epfn)
{
	for (; spfn < epfn; spfn++) {
		struct page *page = pfn_to_page(spfn);

		__SetPageReserved(page);
		INIT_LIST_HEAD(&page->lru);
	}
}

/*
 * mem_map for [start_pfn, end_pfn), widened to MAX_ORDER_NR_PAGES on both
 * sides: buddy_merge_likely() and __free_one_page() look at the struct
 * pages of buddies, and for a block at the edge of RAM those lie outside
 * it. Panics if memblock cannot hold it (nothing works without it).
 */
static void alloc_node_mem_map(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long start = ALIGN_DOWN(start_pfn, MAX_ORDER_NR_PAGES);
	unsigned long end = ALIGN(end_pfn, MAX_ORDER_NR_PAGES);

	mem_map = memblock_alloc((end - start) * sizeof(struct page), PAGE_SIZE);
	if (!mem_map)
		panic("free_area_init: no memory for mem_map (%lu pages)", end - start);
	arch_pfn_offset = start;
	init_unavailable_range(start, start_pfn);
	init_unavailable_range(end_pfn, end);
}

/*
 * Lay out the zones over the RAM memblock knows: zone i spans from the
 * end of zone i - 1 to max_zone_pfn[i], clipped to RAM (so a zone may be
 * empty). Allocates mem_map and the pageblock flags with memblock_alloc,
 * so memblock's current limit must be inside the linear map. Every page
 * is left PG_reserved: memblock_free_all() then frees the free ones.
 * Sets min_low_pfn, max_low_pfn (end of ZONE_NORMAL) and max_pfn.
 */
void free_area_init(unsigned long max_zone_pfn[MAX_NR_ZONES])
{
	struct pglist_data *pgdat = NODE_DATA(0);
	unsigned long start_pfn = PFN_UP(memblock_start_of_DRAM());
	unsigned long end_pfn = PFN_DOWN(memblock_end_of_DRAM());
	unsigned long zone_start;
	int idx;

	end_pfn = min(end_pfn, max_zone_pfn[MAX_NR_ZONES - 1]);
	if (end_pfn <= start_pfn)
		panic("free_area_init: no RAM below the zone limits");
	memset(pgdat, 0, sizeof(*pgdat));
	min_low_pfn = start_pfn;
	max_pfn = end_pfn;
	alloc_node_mem_map(start_pfn, end_pfn);
	pgdat->node_start_pfn = start_pfn;
	pgdat->node_spanned_pages = end_pfn - start_pfn;
	zone_start = start_pfn;
	for (idx = 0; idx < MAX_NR_ZONES; idx++) {
		unsigned long zone_end = max(zone_start, min(max_zone_pfn[idx], end_pfn));

		init_zone(pgdat, idx, zone_start, zone_end);
		zone_start = zone_end;
	}
	max_low_pfn = zone_end_pfn(&pgdat->node_zones[ZONE_NORMAL]);
	build_all_zonelists(pgdat);
}

/* ---- watermarks ---- */

/* floor(sqrt(x)), one result bit at a time. */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long root = 0, bit = 1UL << (8 * sizeof(long) - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= root + bit) {
			x -= root + bit;
			root = (root >> 1) + bit;
		} else {
			root >>= 1;
		}
		bit >>= 2;
	}
	return root;
}

/* x limited to [lo, hi]. */
static unsigned long clamp_ul(unsigned long x, unsigned long lo, unsigned long hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* Pages kept back from user allocations: each zone's high watermark. */
static void calculate_totalreserve_pages(void)
{
	struct zone *zone;
	unsigned long sum = 0;

	for_each_zone(zone)
		sum += min(high_wmark_pages(zone), zone->managed_pages);
	totalreserve_pages = sum;
}

/*
 * Set each zone's min/low/high from min_free_kbytes: lowmem zones share
 * it in proportion to their size; highmem, which the kernel's own
 * allocations cannot use, keeps a small fixed reserve. low = 5/4 min,
 * high = 3/2 min.
 */
void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0, flags, min;
	struct zone *zone;

	for_each_zone(zone)
		if (!is_highmem(zone))
			lowmem_pages += zone->managed_pages;
	for_each_zone(zone) {
		if (is_highmem(zone))
			min = clamp_ul(zone->managed_pages / 1024, 32, 128);
		else
			min = lowmem_pages ? pages_min * zone->managed_pages / lowmem_pages : 0;
		min = min(min, zone->managed_pages);
		spin_lock_irqsave(&zone->lock, flags);
		zone->watermark[WMARK_MIN] = min;
		zone->watermark[WMARK_LOW] = min + min / 4;
		zone->watermark[WMARK_HIGH] = min + min / 2;
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	calculate_totalreserve_pages();
}

/*
 * Boot: min_free_kbytes = sqrt(16 * lowmem KiB), within [128 KiB, 64 MiB]
 * (Linux's rule: reserves grow slower than memory), then the watermarks.
 * Call after memblock_free_all.
 */
void init_per_zone_wmark_min(void)
{
	unsigned long lowmem_kbytes = 0;
	struct zone *zone;

	for_each_zone(zone)
		if (!is_highmem(zone))
			lowmem_kbytes += zone->managed_pages * (PAGE_SIZE / SZ_1K);
	min_free_kbytes = (int)clamp_ul(int_sqrt(lowmem_kbytes * 16), 128, 65536);
	setup_per_zone_wmarks();
}

/* "Memory: 3012K/3145728K available (...)": the boot summary. */
void mem_init_print_info(void)
{
	unsigned long physpages = get_num_physpages();
	unsigned long managed = totalram_pages(), k = PAGE_SIZE / SZ_1K;

	pr_info("Memory: %luK/%luK available (%luK reserved, %luK highmem)\n",
		nr_free_pages() * k, physpages * k, (physpages - managed) * k,
		totalhigh_pages() * k);
	pr_info("Memory: %lu pages free + %lu reserved = %lu RAM pages\n",
		managed, physpages - managed, physpages);
}
