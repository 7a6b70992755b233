/*
 * Host tests of the zoned buddy allocator (mm/page_alloc.c, mm/mm_init.c,
 * mm/vmstat.c) on a 192 MiB arena: 64 MiB each of DMA32, Normal, HighMem.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/memblock.h>
#include <linux/seq_buf.h>
#include <linux/sysinfo.h>
#include "test.h"
#include "page_alloc_arena.h"

#define NOWARN		__GFP_NOWARN
#define KERN_RESERVE	(3UL << 20)
#define ZONE_MB		64
#define ZP		(ZONE_MB * 256UL)	/* pages per zone */

static struct arena_layout layout = {
	.size = 3 * ZONE_MB * SZ_1M,
	.zone_mb = { ZONE_MB, ZONE_MB, ZONE_MB },
	.reserve_base = 1UL << 20,
	.reserve_size = KERN_RESERVE + 12345,
};

static struct zone *Z(int idx)
{
	return &NODE_DATA(0)->node_zones[idx];
}

/* ---- free-list consistency ---- */

struct snapshot {
	unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER];
	unsigned long free_pages[MAX_NR_ZONES];
};

static void take_snapshot(struct snapshot *s)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		for (int o = 0; o < MAX_ORDER; o++)
			s->nr_free[z][o] = Z(z)->free_area[o].nr_free;
		s->free_pages[z] = zone_page_state(Z(z), NR_FREE_PAGES);
	}
}

static bool same_snapshot(const struct snapshot *a, const struct snapshot *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

/*
 * Walk every free list: each entry a PG_buddy block of the list's order,
 * aligned, inside the zone, not overlapping another, refcount 0; counts
 * agree with nr_free and NR_FREE_PAGES; no two free buddies unmerged.
 * Returns the number of problems.
 */
static int check_zone(struct zone *zone)
{
	unsigned long span = zone->spanned_pages, total = 0;
	unsigned char *seen = calloc(span ? span : 1, 1);
	int bad = 0;

	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long n = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;

			list_for_each_entry(page, &zone->free_area[o].free_list[mt], lru) {
				unsigned long pfn = page_to_pfn(page);
				unsigned long off = pfn - zone->zone_start_pfn;

				n++;
				if (!PageBuddy(page) || page_private(page) != o ||
				    pfn & ((1UL << o) - 1) || !zone_spans_pfn(zone, pfn) ||
				    off + (1UL << o) > span || page_ref_count(page) != 0) {
					bad++;
					continue;
				}
				for (unsigned long i = 0; i < (1UL << o); i++)
					if (seen[off + i]++)
						bad++;
				seen[off] |= 0x80 | o;	/* block start marker */
			}
		}
		if (n != zone->free_area[o].nr_free)
			bad++;
		total += n << o;
	}
	if (total != zone_page_state(zone, NR_FREE_PAGES))
		bad++;
	/* Fully merged: a free block's buddy is never a free block of the same order. */
	for (unsigned long off = 0; off < span; off++) {
		struct page *page = pfn_to_page(zone->zone_start_pfn + off);
		unsigned int o;
		unsigned long bpfn;

		if (!PageBuddy(page))
			continue;
		o = page_private(page);
		if (o >= MAX_ORDER - 1)
			continue;
		bpfn = page_to_pfn(page) ^ (1UL << o);
		if (zone_spans_pfn(zone, bpfn) && PageBuddy(pfn_to_page(bpfn)) &&
		    page_private(pfn_to_page(bpfn)) == o)
			bad++;
	}
	free(seen);
	return bad;
}

static int check_all_zones(void)
{
	int bad = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		bad += check_zone(Z(z));
	return bad;
}

static unsigned long pcp_total(void)
{
	unsigned long n = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int cpu = 0; cpu < NR_CPUS; cpu++)
			n += Z(z)->pageset[cpu].count;
	return n;
}

/* ---- boot ---- */

static unsigned long freed_at_boot;

static void test_boot(void)
{
	unsigned long phys = get_num_physpages(), reserved = 0;

	CHECK(Z(ZONE_DMA32)->spanned_pages == ZP && Z(ZONE_NORMAL)->spanned_pages == ZP &&
	      Z(ZONE_HIGHMEM)->spanned_pages == ZP, "three zones of %d MiB", ZONE_MB);
	CHECK(Z(ZONE_NORMAL)->zone_start_pfn == (ARENA_PHYS >> PAGE_SHIFT) + ZP,
	      "Normal starts where DMA32 ends");
	CHECK(min_low_pfn == ARENA_PHYS >> PAGE_SHIFT && max_pfn == min_low_pfn + 3 * ZP &&
	      max_low_pfn == min_low_pfn + 2 * ZP, "min_low_pfn/max_low_pfn/max_pfn");
	CHECK(phys == 3 * ZP, "physpages %lu", phys);
	for (unsigned long pfn = min_low_pfn; pfn < max_pfn; pfn++)
		reserved += PageReserved(pfn_to_page(pfn));
	CHECK(freed_at_boot + reserved == phys,
	      "%lu pages free + %lu reserved = %lu RAM pages", freed_at_boot, reserved, phys);
	CHECK(totalram_pages() == freed_at_boot && nr_free_pages() == freed_at_boot,
	      "managed == NR_FREE_PAGES == freed (%lu)", freed_at_boot);
	CHECK(Z(ZONE_HIGHMEM)->managed_pages == ZP, "highmem fully managed");
	CHECK(PageReserved(pfn_to_page(min_low_pfn + 256 + 10)), "kernel image page reserved");
	CHECK(PageReserved(virt_to_page(mem_map)), "mem_map itself is reserved");
	CHECK(check_all_zones() == 0, "free lists consistent after boot");
	CHECK(Z(ZONE_HIGHMEM)->free_area[MAX_ORDER - 1].nr_free == ZP / 1024,
	      "HighMem: all in order-10 blocks");
	CHECK(PageHighMem(pfn_to_page(max_pfn - 1)) && !PageHighMem(pfn_to_page(max_low_pfn - 1)),
	      "PageHighMem by zone");
	CHECK(min_free_kbytes >= 128 && Z(ZONE_NORMAL)->watermark[WMARK_MIN] > 0 &&
	      Z(ZONE_NORMAL)->watermark[WMARK_LOW] == Z(ZONE_NORMAL)->watermark[WMARK_MIN] * 5 / 4,
	      "watermarks set (min_free_kbytes %d, Normal min %lu)", min_free_kbytes,
	      Z(ZONE_NORMAL)->watermark[WMARK_MIN]);
	CHECK(Z(ZONE_HIGHMEM)->watermark[WMARK_MIN] == 32, "HighMem min is the fixed 32 pages");
	CHECK(Z(ZONE_NORMAL)->pageset[0].high > 0 && Z(ZONE_NORMAL)->pageset[0].batch > 0,
	      "pcp enabled (high %d batch %d)", Z(ZONE_NORMAL)->pageset[0].high,
	      Z(ZONE_NORMAL)->pageset[0].batch);
}

/* ---- GFP -> zone, migratetype ---- */

static void test_gfp_zone(void)
{
	CHECK(gfp_zone(GFP_KERNEL) == ZONE_NORMAL, "GFP_KERNEL -> Normal");
	CHECK(gfp_zone(GFP_DMA32) == ZONE_DMA32, "GFP_DMA32 -> DMA32");
	CHECK(gfp_zone(__GFP_DMA) == ZONE_DMA32, "__GFP_DMA -> DMA32 (no ZONE_DMA)");
	CHECK(gfp_zone(GFP_HIGHUSER) == ZONE_HIGHMEM, "GFP_HIGHUSER -> HighMem");
	CHECK(gfp_zone(GFP_HIGHUSER_MOVABLE) == ZONE_HIGHMEM, "GFP_HIGHUSER_MOVABLE -> HighMem");
	CHECK(gfp_zone(GFP_KERNEL | __GFP_MOVABLE) == ZONE_NORMAL, "__GFP_MOVABLE alone -> Normal");
	CHECK(gfp_zone(__GFP_DMA32 | __GFP_MOVABLE) == ZONE_DMA32, "DMA32|MOVABLE -> DMA32");
	printf("# expect two WARNINGs:\n");
	CHECK(gfp_zone(__GFP_DMA32 | __GFP_HIGHMEM) == ZONE_DMA32, "bad DMA32|HIGHMEM warns, lowest zone");
	CHECK(gfp_zone(__GFP_DMA | __GFP_DMA32 | __GFP_MOVABLE) == ZONE_DMA32, "bad DMA|DMA32 warns");
	CHECK(gfpflags_to_migratetype(GFP_KERNEL) == MIGRATE_UNMOVABLE &&
	      gfpflags_to_migratetype(GFP_KERNEL | __GFP_RECLAIMABLE) == MIGRATE_RECLAIMABLE &&
	      gfpflags_to_migratetype(GFP_HIGHUSER_MOVABLE) == MIGRATE_MOVABLE,
	      "gfpflags_to_migratetype");
	CHECK(MIGRATE_UNMOVABLE == 0 && MIGRATE_RECLAIMABLE == 1 && MIGRATE_MOVABLE == 2 &&
	      MIGRATE_PCPTYPES == 3, "migratetype numbering");
}

/*
 * Both mobility flags at once: the migratetype must stay a valid index.
 * Before the fix it was 3 and rmqueue indexed one past pcp->lists[].
 */
static void test_bad_migratetype(void)
{
	gfp_t both = GFP_KERNEL | __GFP_MOVABLE | __GFP_RECLAIMABLE;
	struct page *p0, *p2;

	printf("# expect three WARNINGs:\n");
	CHECK(gfpflags_to_migratetype(both) == MIGRATE_UNMOVABLE,
	      "MOVABLE|RECLAIMABLE warns and gives MIGRATE_UNMOVABLE");
	p0 = alloc_pages(both, 0);
	p2 = alloc_pages(both, 2);
	CHECK(p0 && p2, "alloc_pages with both mobility flags succeeds (order 0 and 2)");
	if (p0)
		__free_pages(p0, 0);
	if (p2)
		__free_pages(p2, 2);
	drain_all_pages(NULL);
	CHECK(check_zone(Z(ZONE_NORMAL)) == 0, "free lists consistent afterwards");
}

/* Reclaim's batch free: every page of the list back on the pcp lists. */
static void test_free_list(void)
{
	unsigned long before;
	LIST_HEAD(list);
	int n;

	drain_all_pages(NULL);
	before = nr_free_pages();
	for (n = 0; n < 40; n++) {
		struct page *p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);

		if (!p)
			break;
		set_page_count(p, 0);	/* as put_page_testzero leaves it */
		list_add(&p->lru, &list);
	}
	free_hot_cold_page_list(&list, false);
	drain_all_pages(NULL);
	CHECK(n == 40 && list_empty(&list) && nr_free_pages() == before,
	      "free_hot_cold_page_list frees all 40 pages of the list");
	CHECK(check_zone(Z(ZONE_HIGHMEM)) == 0, "free lists consistent afterwards");
}

/* __get_dma_pages: lowmem a 32-bit DMA master reaches, i.e. ZONE_DMA32. */
static void test_get_dma_pages(void)
{
	unsigned long addr = __get_dma_pages(GFP_KERNEL, 2);

	CHECK(addr && page_zonenum(virt_to_page((void *)addr)) == ZONE_DMA32,
	      "__get_dma_pages(GFP_KERNEL, 2) comes from ZONE_DMA32");
	free_pages(addr, 2);
}

/* ---- split and merge ---- */

static void test_split_merge(void)
{
	struct zone *z = Z(ZONE_HIGHMEM);
	struct snapshot before, mid, after;
	struct page *page;
	bool split_ok = true;

	drain_all_pages(NULL);
	take_snapshot(&before);
	page = alloc_pages(GFP_HIGHUSER_MOVABLE, 3);
	CHECK(page && page_zone(page) == z, "order-3 highmem block");
	take_snapshot(&mid);
	for (int o = 3; o < MAX_ORDER - 1; o++)
		split_ok &= mid.nr_free[ZONE_HIGHMEM][o] == before.nr_free[ZONE_HIGHMEM][o] + 1;
	split_ok &= mid.nr_free[ZONE_HIGHMEM][MAX_ORDER - 1] == before.nr_free[ZONE_HIGHMEM][MAX_ORDER - 1] - 1;
	CHECK(split_ok, "expand left one block at each order 3..9, one order-10 fewer");
	CHECK(mid.free_pages[ZONE_HIGHMEM] == before.free_pages[ZONE_HIGHMEM] - 8, "NR_FREE_PAGES -8");
	CHECK(page_ref_count(page) == 1 && !PageBuddy(page) && !PageReserved(page), "allocated page state");
	__free_pages(page, 3);
	take_snapshot(&after);
	CHECK(same_snapshot(&before, &after), "freeing merged everything back");
	CHECK(check_zone(z) == 0, "HighMem consistent");
}

/* ---- zones reachable through the right flags only ---- */

#define MANY 3000
static struct page *many[MANY];

static int alloc_many(gfp_t gfp, int n, int *zone_count)
{
	int got = 0;

	memset(zone_count, 0, MAX_NR_ZONES * sizeof(int));
	for (int i = 0; i < n; i++) {
		many[i] = alloc_pages(gfp | NOWARN, 0);
		if (!many[i])
			break;
		zone_count[page_zonenum(many[i])]++;
		got++;
	}
	return got;
}

static void free_many(int n)
{
	for (int i = 0; i < n; i++)
		__free_pages(many[i], 0);
}

static void test_zone_reach(void)
{
	int zc[MAX_NR_ZONES], n;

	n = alloc_many(GFP_DMA32, MANY, zc);
	CHECK(n == MANY && zc[ZONE_DMA32] == MANY, "GFP_DMA32: all %d in DMA32", n);
	free_many(n);
	n = alloc_many(GFP_KERNEL, MANY, zc);
	CHECK(n == MANY && zc[ZONE_NORMAL] == MANY && zc[ZONE_HIGHMEM] == 0,
	      "GFP_KERNEL: Normal, never HighMem");
	free_many(n);
	n = alloc_many(GFP_HIGHUSER_MOVABLE, MANY, zc);
	CHECK(n == MANY && zc[ZONE_HIGHMEM] == MANY, "GFP_HIGHUSER_MOVABLE prefers HighMem");
	free_many(n);
	n = alloc_many(__GFP_DMA, 10, zc);
	CHECK(n == 10 && zc[ZONE_DMA32] == 10, "__GFP_DMA gets DMA32");
	free_many(n);
	drain_all_pages(NULL);
}

/* ---- exhaustion, fallback, failure ---- */

static struct page **hog;
static long nhog;

static void hog_all(gfp_t gfp, int counts[MAX_NR_ZONES])
{
	struct page *p;

	while ((p = alloc_pages(gfp | NOWARN, 0))) {
		hog[nhog++] = p;
		if (counts)
			counts[page_zonenum(p)]++;
	}
}

static void free_hog(void)
{
	while (nhog > 0)
		__free_pages(hog[--nhog], 0);
	drain_all_pages(NULL);
}

static void test_exhaustion(void)
{
	struct snapshot before, after;
	int counts[MAX_NR_ZONES] = { 0 };
	struct page *p, *q;
	unsigned long free_dma32;

	hog = calloc(4 * ZP, sizeof(*hog));
	drain_all_pages(NULL);
	take_snapshot(&before);
	hog_all(GFP_HIGHUSER | __GFP_NORETRY, counts);
	CHECK(counts[ZONE_HIGHMEM] > (int)ZP - 64 && counts[ZONE_NORMAL] > (int)ZP - 1000 &&
	      counts[ZONE_DMA32] > (int)ZP - 1500,
	      "GFP_HIGHUSER fell back HighMem -> Normal -> DMA32 (%d/%d/%d)",
	      counts[ZONE_HIGHMEM], counts[ZONE_NORMAL], counts[ZONE_DMA32]);
	CHECK(alloc_pages(GFP_KERNEL | NOWARN, 0) == NULL, "then GFP_KERNEL fails: NULL");
	p = alloc_pages(GFP_ATOMIC | NOWARN, 0);
	CHECK(p != NULL, "GFP_ATOMIC still gets a page below the min watermark");
	if (p)
		hog[nhog++] = p;
	free_hog();
	take_snapshot(&after);
	CHECK(same_snapshot(&before, &after), "all back after exhaustion");

	/* Exhausting HighMem moves on to Normal and leaves the others usable. */
	while ((p = alloc_pages(GFP_HIGHUSER_MOVABLE | NOWARN, 0))) {
		hog[nhog++] = p;
		if (page_zonenum(p) != ZONE_HIGHMEM)
			break;
	}
	CHECK(p && page_zonenum(p) == ZONE_NORMAL && nhog > (long)ZP - 64,
	      "HighMem exhausted after %ld pages, the next comes from Normal", nhog);
	q = alloc_pages(GFP_DMA32 | NOWARN, 4);
	CHECK(q && page_zonenum(q) == ZONE_DMA32, "GFP_DMA32 order 4 still served");
	__free_pages(q, 4);
	q = alloc_pages(GFP_KERNEL | NOWARN, 5);
	CHECK(q && page_zonenum(q) == ZONE_NORMAL, "GFP_KERNEL order 5 still from Normal");
	__free_pages(q, 5);
	/* Exhausting Normal as well leaves DMA32 usable. */
	hog_all(GFP_HIGHUSER_MOVABLE, NULL);
	free_dma32 = 0;
	for (long i = nhog - 1; i >= 0 && free_dma32 < 4000; i--)
		if (page_zonenum(hog[i]) == ZONE_DMA32) {
			__free_pages(hog[i], 0);
			hog[i] = hog[--nhog];
			free_dma32++;
		}
	drain_all_pages(NULL);
	p = alloc_pages(GFP_DMA32 | NOWARN, 4);
	CHECK(p && page_zonenum(p) == ZONE_DMA32, "DMA32 usable while HighMem/Normal are full");
	q = alloc_pages(GFP_KERNEL | NOWARN, 0);
	CHECK(q && page_zonenum(q) == ZONE_DMA32, "GFP_KERNEL falls back to DMA32");
	if (q)
		__free_pages(q, 0);
	if (p)
		__free_pages(p, 4);
	free_hog();
	take_snapshot(&after);
	CHECK(same_snapshot(&before, &after), "all back after fallback test");

	printf("# expect a page allocation failure report:\n");
	hog_all(GFP_KERNEL, NULL);
	p = alloc_pages(GFP_KERNEL, 0);
	CHECK(p == NULL, "failure without __GFP_NOWARN returns NULL (and warns)");
	free_hog();
	CHECK(alloc_pages(GFP_KERNEL | NOWARN, MAX_ORDER) == NULL, "order >= MAX_ORDER fails");
	free(hog);
	CHECK(check_all_zones() == 0, "consistent after exhaustion tests");
}

/* ---- out of memory: reclaim retries and __GFP_NOFAIL ---- */

extern void (*host_msleep_hook)(unsigned int ms);
extern unsigned long host_msleep_calls;

/* Stand-in for mm/vmscan.c: call n frees reclaim_frees[n] hogged pages. */
static unsigned long reclaim_calls, reclaim_frees[32];

unsigned long try_to_free_pages(struct zonelist *zonelist, int order,
				gfp_t gfp_mask, nodemask_t *nodemask)
{
	unsigned long want = reclaim_calls < 32 ? reclaim_frees[reclaim_calls] : 0, n;

	reclaim_calls++;
	for (n = 0; n < want && nhog > 0; n++)
		__free_pages(hog[--nhog], 0);
	return n;
}

static void reclaim_plan(unsigned long call, unsigned long frees)
{
	memset(reclaim_frees, 0, sizeof(reclaim_frees));
	reclaim_calls = 0;
	if (call < 32)
		reclaim_frees[call] = frees;
}

/*
 * The "other task" of the NOFAIL test: frees a page on its third sleep
 * (and everything after 50, so that a broken allocator fails the check
 * instead of hanging the test).
 */
static void free_on_third_sleep(unsigned int ms)
{
	if (host_msleep_calls == 3 && nhog > 0)
		__free_pages(hog[--nhog], 0);
	if (host_msleep_calls > 50)
		free_hog();
}

/* Pretend the Normal zone has file pages reclaim could take (or not). */
static void fake_file_lru(long pages)
{
	mod_zone_page_state(Z(ZONE_NORMAL), NR_INACTIVE_FILE, pages);
}

static void test_reclaim_retry(void)
{
	unsigned long stall_normal = all_vm_events(ALLOCSTALL_NORMAL);
	unsigned long stall_high = all_vm_events(ALLOCSTALL_HIGH);
	struct page *p;

	hog = calloc(4 * ZP, sizeof(*hog));
	hog_all(GFP_KERNEL, NULL);
	reclaim_plan(0, 0);
	CHECK(alloc_pages(GFP_KERNEL | NOWARN, 0) == NULL && reclaim_calls == 1,
	      "nothing reclaimable: GFP_KERNEL fails after one round (%lu)", reclaim_calls);
	CHECK(all_vm_events(ALLOCSTALL_NORMAL) > stall_normal &&
	      all_vm_events(ALLOCSTALL_HIGH) == stall_high,
	      "allocstall counted under the request's highest zone (Normal)");
	fake_file_lru(4096);
	reclaim_plan(2, 8);
	p = alloc_pages(GFP_KERNEL | NOWARN, 0);
	CHECK(p && reclaim_calls == 3,
	      "reclaimable pages: GFP_KERNEL retries until reclaim frees some (%lu rounds)",
	      reclaim_calls);
	if (p)
		hog[nhog++] = p;
	hog_all(GFP_KERNEL, NULL);
	reclaim_plan(99, 0);
	CHECK(alloc_pages(GFP_KERNEL | NOWARN, 0) == NULL && reclaim_calls > 1 &&
	      reclaim_calls <= 17,
	      "reclaim that never frees: bounded retries (%lu rounds), then NULL", reclaim_calls);
	reclaim_plan(99, 0);
	CHECK(alloc_pages(GFP_KERNEL | __GFP_NORETRY | NOWARN, 0) == NULL && reclaim_calls == 1,
	      "__GFP_NORETRY: one round only");
	reclaim_plan(99, 0);
	CHECK(alloc_pages(GFP_KERNEL | NOWARN, 5) == NULL && reclaim_calls == 1,
	      "costly order without progress: one round only");
	fake_file_lru(-4096);
	free_hog();
}

static void test_nofail(void)
{
	unsigned long before_sleeps;
	struct page *p, *q;

	hog_all(GFP_KERNEL, NULL);
	hog_all(GFP_NOWAIT, NULL);	/* down to ALLOC_HARDER's floor */
	reclaim_plan(99, 0);
	host_msleep_calls = 0;
	host_msleep_hook = free_on_third_sleep;
	p = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 0);
	host_msleep_hook = NULL;
	CHECK(p && host_msleep_calls == 3,
	      "__GFP_NOFAIL waits and retries until a page is freed (%lu sleeps)",
	      host_msleep_calls);
	if (p)
		hog[nhog++] = p;
	q = alloc_pages(GFP_ATOMIC | NOWARN, 0);
	CHECK(q != NULL, "... and leaves GFP_ATOMIC the reserves below ALLOC_HARDER's floor");
	if (q)
		hog[nhog++] = q;
	hog_all(GFP_ATOMIC, NULL);
	before_sleeps = host_msleep_calls;
	printf("# expect a WARNING and an allocation failure report:\n");
	p = alloc_pages(GFP_ATOMIC | __GFP_NOFAIL, 0);
	CHECK(p == NULL && host_msleep_calls == before_sleeps,
	      "atomic __GFP_NOFAIL cannot wait: warns and fails, no panic");
	free_hog();
	free(hog);
	CHECK(check_all_zones() == 0, "consistent after the out-of-memory tests");
}

/* ---- per-CPU lists ---- */

static void test_pcp(void)
{
	struct snapshot before, after;
	struct page *pages[40];
	struct per_cpu_pages *pcp = &Z(ZONE_NORMAL)->pageset[0];

	drain_all_pages(NULL);
	take_snapshot(&before);
	pages[0] = alloc_pages(GFP_KERNEL, 0);
	CHECK(pcp->count == pcp->batch - 1, "first order-0 alloc pulled a batch (%d left of %d)",
	      pcp->count, pcp->batch);
	__free_pages(pages[0], 0);
	CHECK(pcp->count == pcp->batch, "freed page went onto the pcp list");
	CHECK(alloc_pages(GFP_KERNEL, 0) == pages[0], "hot page comes back first (LIFO)");
	__free_pages(pages[0], 0);
	for (int i = 0; i < 40; i++)
		pages[i] = alloc_pages(GFP_KERNEL, 0);
	for (int i = 0; i < 40; i++)
		__free_pages(pages[i], 0);
	CHECK(pcp->count < pcp->high, "count stays below high (%d < %d)", pcp->count, pcp->high);
	host_cpu_id = 3;
	pages[0] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	__free_pages(pages[0], 0);
	CHECK(Z(ZONE_HIGHMEM)->pageset[3].count > 0, "cpu 3 has its own list");
	host_cpu_id = 0;
	CHECK(pcp_total() > 0 && nr_free_pages() < freed_at_boot, "pcp pages are not counted free");
	drain_all_pages(NULL);
	take_snapshot(&after);
	CHECK(pcp_total() == 0 && same_snapshot(&before, &after), "drain_all_pages put everything back");

	zone_pcp_disable(Z(ZONE_NORMAL));
	pages[0] = alloc_pages(GFP_KERNEL, 0);
	__free_pages(pages[0], 0);
	CHECK(pcp->count == 0 && pcp->high == 0, "disabled pcp: pages go straight back");
	zone_pcp_enable(Z(ZONE_NORMAL));
	CHECK(pcp->high > 0, "pcp re-enabled");
	__free_pages(alloc_pages(__GFP_COLD | GFP_KERNEL, 0), 0);
	drain_all_pages(NULL);
}

/* ---- fallback stealing ---- */

static unsigned long count_blocks(struct zone *z, int mt)
{
	unsigned long n = 0;

	for (unsigned long pfn = z->zone_start_pfn; pfn < zone_end_pfn(z); pfn += pageblock_nr_pages)
		n += get_pfnblock_migratetype(pfn_to_page(pfn), pfn) == mt;
	return n;
}

static void test_stealing(void)
{
	struct zone *z = Z(ZONE_NORMAL);
	unsigned long unmov0 = count_blocks(z, MIGRATE_UNMOVABLE);
	unsigned long recl0 = count_blocks(z, MIGRATE_RECLAIMABLE);
	static struct page *p[8192];
	struct page *r;
	int n = 0;

	CHECK(count_blocks(Z(ZONE_HIGHMEM), MIGRATE_MOVABLE) == ZP / 512, "boot: every block Movable");
	/* Use up the Unmovable blocks earlier tests stole, until a new one is. */
	while (n < 8192 && count_blocks(z, MIGRATE_UNMOVABLE) == unmov0)
		p[n++] = alloc_pages(GFP_KERNEL, 0);
	CHECK(count_blocks(z, MIGRATE_UNMOVABLE) > unmov0,
	      "unmovable allocations stole a pageblock (%lu -> %lu after %d pages)", unmov0,
	      count_blocks(z, MIGRATE_UNMOVABLE), n);
	CHECK(get_pageblock_migratetype(p[n - 1]) == MIGRATE_UNMOVABLE, "page's block is Unmovable");
	CHECK(zone_page_state(z, NR_FREE_PAGES) > ZP / 2, "while Movable blocks were still free");
	r = alloc_pages(GFP_KERNEL | __GFP_RECLAIMABLE, 2);
	CHECK(r && get_pageblock_migratetype(r) == MIGRATE_RECLAIMABLE &&
	      count_blocks(z, MIGRATE_RECLAIMABLE) > recl0,
	      "reclaimable stole a whole free block (%lu -> %lu blocks)", recl0,
	      count_blocks(z, MIGRATE_RECLAIMABLE));
	CHECK(check_zone(z) == 0, "Normal consistent after stealing");
	for (int i = 0; i < n; i++)
		__free_pages(p[i], 0);
	__free_pages(r, 2);
	drain_all_pages(NULL);
	/* A movable request into an unmovable block: borrowed, block unchanged. */
	CHECK(check_zone(z) == 0, "Normal consistent after freeing");
}

/* ---- bad frees ---- */

static void test_bad_frees(void)
{
	struct snapshot before, after;
	unsigned long bad0 = nr_bad_pages;
	struct page *p, *q, *rsv;

	drain_all_pages(NULL);
	take_snapshot(&before);
	printf("# expect Bad page state reports:\n");
	p = alloc_pages(GFP_KERNEL, 0);
	__free_pages(p, 0);
	__free_pages(p, 0);
	CHECK(nr_bad_pages == bad0 + 1, "double free of an order-0 page caught");
	drain_all_pages(NULL);
	__free_pages(p, 0);
	CHECK(nr_bad_pages == bad0 + 2, "double free of a page back in the buddy caught");
	q = alloc_pages(GFP_KERNEL, 3);
	__free_pages(q, 3);
	__free_pages(q, 3);
	CHECK(nr_bad_pages == bad0 + 3, "double free of an order-3 block caught");
	rsv = pfn_to_page(min_low_pfn + 300);
	__free_pages(rsv, 0);
	CHECK(nr_bad_pages == bad0 + 4 && !PageBuddy(rsv), "freeing a PG_reserved page refused");
	set_page_count(rsv, 1);
	p = alloc_pages(GFP_KERNEL, 0);
	__SetPageSlab(p);
	__free_pages(p, 0);
	CHECK(nr_bad_pages == bad0 + 5, "freeing a PG_slab page refused");
	__ClearPageSlab(p);
	set_page_count(p, 1);
	__free_pages(p, 0);
	q = alloc_pages(GFP_KERNEL, 2);
	__free_pages(q + 2, 1);
	CHECK(nr_bad_pages == bad0 + 6, "freeing the inside of a block refused");
	__free_pages(q, 2);
	CHECK(nr_bad_pages == bad0 + 6, "the real free then works");
	drain_all_pages(NULL);
	take_snapshot(&after);
	CHECK(same_snapshot(&before, &after) && check_all_zones() == 0,
	      "free lists intact after the bad frees");
}

/* ---- zeroing, exact, compound, get/put ---- */

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		if (c[i])
			return false;
	return true;
}

static void test_zero_exact_compound(void)
{
	struct page *p;
	void *v;
	unsigned long before, addr;

	p = alloc_pages(GFP_KERNEL, 2);
	memset(page_address(p), 0xaa, 4 * PAGE_SIZE);
	__free_pages(p, 2);
	p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	CHECK(all_zero(page_address(p), 4 * PAGE_SIZE), "__GFP_ZERO order-2 block is zero");
	__free_pages(p, 2);
	p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	memset(page_address(p), 0x55, PAGE_SIZE);
	__free_pages(p, 0);
	p = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_ZERO, 0);
	CHECK(PageHighMem(p) && all_zero(page_address(p), PAGE_SIZE), "__GFP_ZERO highmem page");
	__free_pages(p, 0);
	addr = get_zeroed_page(GFP_KERNEL);
	CHECK(addr && all_zero((void *)addr, PAGE_SIZE) && virt_addr_valid((void *)addr),
	      "get_zeroed_page");
	free_page(addr);
	printf("# expect a WARNING:\n");
	CHECK(get_zeroed_page(GFP_HIGHUSER) == 0, "get_zeroed_page(highmem) refused");

	drain_all_pages(NULL);
	before = nr_free_pages();
	v = alloc_pages_exact(5 * PAGE_SIZE + 1, GFP_KERNEL);
	drain_all_pages(NULL);
	CHECK(v && before - nr_free_pages() == 6, "alloc_pages_exact(5 pages + 1) keeps 6 of 8");
	CHECK(page_ref_count(virt_to_page(v)) == 1 && page_ref_count(virt_to_page(v) + 5) == 1,
	      "split pages each have a reference");
	free_pages_exact(v, 5 * PAGE_SIZE + 1);
	drain_all_pages(NULL);
	CHECK(nr_free_pages() == before, "free_pages_exact gives all back");

	p = alloc_pages(GFP_KERNEL | __GFP_COMP, 3);
	CHECK(PageHead(p) && compound_order(p) == 3 && PageTail(p + 7) &&
	      compound_head(p + 5) == p && virt_to_head_page(page_address(p + 6)) == p,
	      "compound page metadata");
	get_page(p + 3);
	CHECK(page_ref_count(p) == 2, "get_page on a tail pins the head");
	put_page(p + 3);
	before = zone_page_state(page_zone(p), NR_FREE_PAGES);
	put_page(p);
	CHECK(zone_page_state(page_zone(p), NR_FREE_PAGES) == before + 8 && !PageHead(p) &&
	      !PageTail(p + 1), "last put_page freed the compound page");
	p = alloc_pages(GFP_KERNEL, 0);
	get_page(p);
	put_page(p);
	CHECK(page_count(p) == 1 && page_mapcount(p) == 0, "get/put balance");
	put_page(p);
	drain_all_pages(NULL);
	CHECK(check_all_zones() == 0, "consistent after zero/exact/compound");
}

/* ---- random stress ---- */

static unsigned long rng = 12345;

static unsigned long rnd(void)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return rng >> 33;
}

struct live {
	struct page *page;
	unsigned int order;
	gfp_t gfp;
};

static const gfp_t stress_gfp[] = {
	GFP_KERNEL, GFP_HIGHUSER_MOVABLE, GFP_DMA32, GFP_KERNEL | __GFP_RECLAIMABLE,
	GFP_ATOMIC, GFP_HIGHUSER, GFP_KERNEL | __GFP_COMP, GFP_HIGHUSER_MOVABLE | __GFP_ZERO,
	GFP_USER | __GFP_COLD, GFP_DMA32 | __GFP_MOVABLE,
};

static unsigned int stress_order(void)
{
	unsigned long r = rnd() % 100;

	if (r < 55)
		return 0;
	if (r < 75)
		return 1 + rnd() % 2;
	if (r < 95)
		return 3 + rnd() % 3;
	return 6 + rnd() % 5;
}

static bool stress_check_block(struct live *l, unsigned long *tag)
{
	unsigned long pfn = page_to_pfn(l->page);

	*tag = pfn ^ 0x5a5a5a5a;
	return *(unsigned long *)page_address(l->page) == *tag &&
	       *(unsigned long *)((char *)page_address(l->page + (1 << l->order) - 1) + 8) == *tag;
}

static void stress_free(struct live *l)
{
	if (l->gfp & __GFP_COMP && l->order)
		put_page(l->page);
	else
		__free_pages(l->page, l->order);
}

static void test_stress(void)
{
	enum { NLIVE = 1500, OPS = 60000 };
	struct live *live = calloc(NLIVE, sizeof(*live));
	struct snapshot before, after;
	unsigned long fails = 0, allocs = 0, wrong_zone = 0, corrupt = 0, misaligned = 0;
	unsigned long pgfree0 = all_vm_events(PGFREE), tag;
	int n = 0, inconsistent = 0;

	drain_all_pages(NULL);
	take_snapshot(&before);
	for (int op = 0; op < OPS; op++) {
		if (op % 997 == 0)
			host_cpu_id = rnd() % NR_CPUS;
		if (n < NLIVE && (n == 0 || rnd() % 100 < 55)) {
			struct live *l = &live[n];
			gfp_t gfp = stress_gfp[rnd() % ARRAY_SIZE(stress_gfp)] | NOWARN;

			l->order = stress_order();
			l->gfp = gfp;
			l->page = alloc_pages(gfp, l->order);
			if (!l->page) {
				fails++;
				continue;
			}
			allocs++;
			if ((int)page_zonenum(l->page) > (int)gfp_zone(gfp))
				wrong_zone++;
			if (page_to_pfn(l->page) & ((1UL << l->order) - 1))
				misaligned++;
			if ((gfp & __GFP_ZERO) && !all_zero(page_address(l->page), PAGE_SIZE))
				corrupt++;
			stress_check_block(l, &tag);
			*(unsigned long *)page_address(l->page) = tag;
			*(unsigned long *)((char *)page_address(l->page + (1 << l->order) - 1) + 8) = tag;
			n++;
		} else {
			int i = rnd() % n;

			if (!stress_check_block(&live[i], &tag))
				corrupt++;
			stress_free(&live[i]);
			live[i] = live[--n];
		}
		if (op % 10000 == 0)
			inconsistent += check_all_zones();
	}
	while (n > 0) {
		if (!stress_check_block(&live[n - 1], &tag))
			corrupt++;
		stress_free(&live[--n]);
	}
	host_cpu_id = 0;
	drain_all_pages(NULL);
	take_snapshot(&after);
	printf("# stress: %d ops, %lu allocations, %lu failures\n", OPS, allocs, fails);
	CHECK(allocs > 20000, "stress allocated (%lu)", allocs);
	CHECK(wrong_zone == 0, "every block from an allowed zone");
	CHECK(misaligned == 0, "every block aligned to its order");
	CHECK(corrupt == 0, "no overlapping blocks, zeroed pages zero");
	CHECK(inconsistent == 0 && check_all_zones() == 0, "free lists consistent throughout");
	CHECK(same_snapshot(&before, &after), "free_area and NR_FREE_PAGES exactly as at the start");
	CHECK(all_vm_events(PGFREE) > pgfree0, "pgfree counted");
	free(live);
}

/* ---- the /proc texts ---- */

static char text[64 * 1024];

static int zone_by_name(const char *name)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (!strcmp(Z(z)->name, name))
			return z;
	return -1;
}

static void test_buddyinfo(void)
{
	struct seq_buf s;
	char *line, *save;
	int rows = 0, bad = 0;

	seq_buf_init(&s, text, sizeof(text));
	buddyinfo_show(&s);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char name[16];
		unsigned long v[MAX_ORDER];
		int node, z;

		if (sscanf(line, "Node %d, zone %15s %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu",
			   &node, name, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
			   &v[7], &v[8], &v[9], &v[10]) != 13 || (z = zone_by_name(name)) < 0) {
			bad++;
			continue;
		}
		for (int o = 0; o < MAX_ORDER; o++)
			bad += v[o] != Z(z)->free_area[o].nr_free;
		rows++;
	}
	CHECK(rows == 3 && bad == 0, "buddyinfo: 3 zones, counts match free_area");
	seq_buf_init(&s, text, sizeof(text));
	buddyinfo_show(&s);
	CHECK(!strncmp(text, "Node 0, zone    DMA32 ", 22), "buddyinfo line format: '%.30s'", text);
}

static unsigned long list_len(struct list_head *h)
{
	unsigned long n = 0;
	struct list_head *pos;

	list_for_each(pos, h)
		n++;
	return n;
}

static void test_pagetypeinfo(void)
{
	struct seq_buf s;
	char *line, *save;
	int free_rows = 0, block_rows = 0, bad = 0;
	struct page *hold = alloc_pages(GFP_KERNEL | __GFP_RECLAIMABLE, 1);

	seq_buf_init(&s, text, sizeof(text));
	pagetypeinfo_show(&s);
	const char *hdr = "Page block order: 9\nPages per block:  512\n\n"
			  "Free pages count per migrate type at order       0      1 ";

	CHECK(!strncmp(text, hdr, strlen(hdr)), "pagetypeinfo header");
	CHECK(strstr(text, "\nNumber of blocks type     Unmovable      Movable  Reclaimable   HighAtomic \n"),
	      "blocks header (Linux's column order)");
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char name[16], type[16];
		unsigned long v[MAX_ORDER];
		int node, z, mt;

		if (sscanf(line, "Node %d, zone %15[^,], type %15s %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu",
			   &node, name, type, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
			   &v[6], &v[7], &v[8], &v[9], &v[10]) == 14) {
			char *n = name;

			while (*n == ' ')
				n++;
			z = zone_by_name(n);
			for (mt = 0; mt < MIGRATE_TYPES && strcmp(migratetype_names[mt], type); mt++)
				;
			if (z < 0 || (mt == MIGRATE_TYPES && strcmp(type, "HighAtomic"))) {
				bad++;
				continue;
			}
			for (int o = 0; o < MAX_ORDER; o++)	/* HighAtomic: no lists, 0 */
				bad += v[o] != (mt == MIGRATE_TYPES ? 0 :
						list_len(&Z(z)->free_area[o].free_list[mt]));
			free_rows++;
		} else if (sscanf(line, "Node %d, zone %15s %lu %lu %lu %lu", &node, name,
				  &v[0], &v[1], &v[2], &v[3]) == 6) {
			z = zone_by_name(name);
			if (z < 0) {
				bad++;
				continue;
			}
			/* Columns: Unmovable, Movable, Reclaimable, HighAtomic. */
			bad += v[0] != count_blocks(Z(z), MIGRATE_UNMOVABLE);
			bad += v[1] != count_blocks(Z(z), MIGRATE_MOVABLE);
			bad += v[2] != count_blocks(Z(z), MIGRATE_RECLAIMABLE);
			bad += v[3] != 0;
			block_rows++;
		}
	}
	CHECK(free_rows == 12 && block_rows == 3 && bad == 0,
	      "pagetypeinfo: 12 free rows, 3 block rows, all match (bad %d)", bad);
	__free_pages(hold, 1);
}

static unsigned long find_value(const char *text, const char *key)
{
	const char *p = strstr(text, key);

	return p ? strtoul(p + strlen(key), NULL, 10) : ~0UL;
}

static void test_zoneinfo(void)
{
	struct seq_buf s;
	struct zone *z = Z(ZONE_NORMAL);
	char *sec, *end;
	struct page *p = alloc_pages(GFP_KERNEL, 0);

	mod_zone_page_state(page_zone(p), NR_FILE_PAGES, 7);
	inc_zone_page_state(p, NR_FILE_PAGES);
	seq_buf_init(&s, text, sizeof(text));
	zoneinfo_show(&s);
	CHECK(!s.overflow, "zoneinfo fits (%zu bytes)", s.len);
	sec = strstr(text, "Node 0, zone   Normal\n");
	CHECK(sec != NULL, "zoneinfo has 'Node 0, zone   Normal'");
	if (!sec)
		return;
	end = strstr(sec + 1, "Node 0, zone");
	if (end)
		*end = 0;
	CHECK(find_value(sec, "  pages free     ") == zone_page_state(z, NR_FREE_PAGES), "pages free");
	CHECK(find_value(sec, "\n        min      ") == z->watermark[WMARK_MIN] &&
	      find_value(sec, "\n        low      ") == z->watermark[WMARK_LOW] &&
	      find_value(sec, "\n        high     ") == z->watermark[WMARK_HIGH], "min/low/high");
	CHECK(find_value(sec, "\n        spanned  ") == z->spanned_pages &&
	      find_value(sec, "\n        present  ") == z->present_pages &&
	      find_value(sec, "\n        managed  ") == z->managed_pages, "spanned/present/managed");
	CHECK(find_value(sec, "\n      nr_free_pages ") == zone_page_state(z, NR_FREE_PAGES),
	      "nr_free_pages line");
	CHECK(find_value(text, "\n      nr_file_pages ") == 8,
	      "nr_file_pages (seed 003's grep; per node, as Linux) = 8");
	CHECK(find_value(sec, "\n              batch: ") == (unsigned long)z->pageset[0].batch,
	      "pageset batch");
	CHECK(find_value(sec, "\n  start_pfn:           ") == z->zone_start_pfn, "start_pfn");
	mod_zone_page_state(page_zone(p), NR_FILE_PAGES, -8);
	__free_pages(p, 0);
}

static void test_meminfo_vmstat(void)
{
	struct seq_buf s;
	struct meminfo_extra extra = { .buffers = 0, .vmalloc_total = 64UL << 30,
				       .vmalloc_used = 12345 << 10 };
	struct sysinfo si;
	unsigned long total, high, low;

	seq_buf_init(&s, text, sizeof(text));
	meminfo_show(&s, &extra);
	total = find_value(text, "MemTotal:");
	high = find_value(text, "HighTotal:");
	low = find_value(text, "LowTotal:");
	CHECK(total == totalram_pages() * 4, "MemTotal %lu kB", total);
	CHECK(find_value(text, "MemFree:") == nr_free_pages() * 4, "MemFree");
	CHECK(high == ZP * 4 && high + low == total, "HighTotal + LowTotal = MemTotal");
	CHECK(find_value(text, "VmallocUsed:") == 12345, "VmallocUsed from the hook");
	CHECK(strstr(text, "MemTotal:       ") == text && strstr(text, " kB\nMemFree:"),
	      "'%%-16s%%8lu kB' layout");
	si_meminfo(&si);
	CHECK(si.totalram == totalram_pages() && si.mem_unit == PAGE_SIZE &&
	      si.totalhigh == ZP, "si_meminfo");
	seq_buf_init(&s, text, sizeof(text));
	vmstat_show(&s);
	CHECK(find_value(text, "nr_free_pages ") == nr_free_pages(), "vmstat nr_free_pages");
	CHECK(find_value(text, "pgalloc_high ") == all_vm_events(PGALLOC_HIGH) &&
	      all_vm_events(PGALLOC_HIGH) > 0, "vmstat pgalloc_high");
}

static void test_seq_buf(void)
{
	struct seq_buf s;
	char small[8];

	seq_buf_init(&s, small, sizeof(small));
	CHECK(seq_buf_printf(&s, "%d", 1234) == 0 && s.len == 4, "seq_buf fits");
	CHECK(seq_buf_printf(&s, "%s", "overflowing") == -1 && s.overflow &&
	      s.len == 7 && small[7] == 0 && !strcmp(small, "1234ove"), "seq_buf overflow marked, cut");
	CHECK(seq_buf_puts(&s, "x") == -1, "stays overflowed");
}

int main(void)
{
	freed_at_boot = arena_boot(&layout);
	mem_init_print_info();
	test_boot();
	test_gfp_zone();
	test_bad_migratetype();
	test_free_list();
	test_get_dma_pages();
	test_split_merge();
	test_zone_reach();
	test_pcp();
	test_stealing();
	test_exhaustion();
	test_reclaim_retry();
	test_nofail();
	test_bad_frees();
	test_zero_exact_compound();
	test_stress();
	test_buddyinfo();
	test_pagetypeinfo();
	test_zoneinfo();
	test_meminfo_vmstat();
	test_seq_buf();
	return test_exit();
}
