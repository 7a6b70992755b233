/*
 * Physical pages: mem_map and pfn <-> struct page, page zone/refcount/
 * mapcount helpers, compound pages, and the page allocator's set-up and
 * reporting interface (mm/page_alloc.c, mm/mm_init.c). Seeds 002 and 004.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm_types.h>
#include <linux/mmzone.h>
#include <linux/page-flags.h>
#include <asm/page.h>

/*
 * mem_map has one struct page per frame from ARCH_PFN_OFFSET to max_pfn
 * (end of RAM) rounded up, holes included (flat memory model). Both ends
 * are MAX_ORDER_NR_PAGES aligned, as Linux's alloc_node_mem_map does, so
 * the buddy allocator may look at the struct page of any buddy of a block
 * in RAM; the frames outside RAM are PG_reserved. min_low_pfn is the first
 * RAM frame. Frames below max_low_pfn are lowmem (DMA32 + NORMAL, in the
 * linear map); the rest are highmem.
 */
extern struct page *mem_map;
extern unsigned long min_low_pfn, max_low_pfn, max_pfn;
extern unsigned long arch_pfn_offset;
#define ARCH_PFN_OFFSET		arch_pfn_offset

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + (pfn - ARCH_PFN_OFFSET);
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map) + ARCH_PFN_OFFSET;
}

/*
 * Does pfn lie in RAM's span, min_low_pfn to max_pfn (holes included:
 * their struct pages stay PG_reserved)? mem_map's padding does not count.
 */
static inline bool pfn_valid(unsigned long pfn)
{
	return pfn >= min_low_pfn && pfn < max_pfn;
}

/* Only for lowmem linear-map addresses (see virt_addr_valid). */
#define virt_to_page(addr)	pfn_to_page(__pa(addr) >> PAGE_SHIFT)
#define virt_to_pfn(addr)	(__pa(addr) >> PAGE_SHIFT)

/* Is addr a lowmem linear-map address, the only kind virt_to_page takes? */
static inline bool virt_addr_valid(const void *addr)
{
	unsigned long pfn = __pa(addr) >> PAGE_SHIFT;

	return pfn >= min_low_pfn && pfn < max_low_pfn;
}

/* ---- zone of a page: top ZONES_SHIFT bits of page->flags ---- */

#define ZONES_PGSHIFT	(8 * sizeof(unsigned long) - ZONES_SHIFT)
#define ZONES_MASK	((1UL << ZONES_SHIFT) - 1)

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)((page->flags >> ZONES_PGSHIFT) & ZONES_MASK);
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= ((unsigned long)zone & ZONES_MASK) << ZONES_PGSHIFT;
}

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(0)->node_zones[page_zonenum(page)];
}

static inline int PageHighMem(const struct page *page)
{
	return page_zonenum(page) == ZONE_HIGHMEM;
}

/*
 * Kernel address of a page. Lowmem: the linear map. Highmem: the page's
 * kmap() address or NULL (mm/highmem.c, with page_address_htable).
 */
void *page_address(const struct page *page);

static inline void *lowmem_page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

/* ---- reference and map counts ---- */

static inline int page_ref_count(const struct page *page)
{
	return __atomic_load_n(&page->_refcount.counter, __ATOMIC_RELAXED);
}

static inline void set_page_count(struct page *page, int v)
{
	__atomic_store_n(&page->_refcount.counter, v, __ATOMIC_RELAXED);
}

static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}

/*
 * _refcount: additions are relaxed; drops are release, and
 * page_ref_dec_and_test (the drop that may reach zero) acquire as well,
 * so whoever frees a page sees every write its earlier holders made.
 */
static inline void page_ref_add(struct page *page, int nr)
{
	__atomic_fetch_add(&page->_refcount.counter, nr, __ATOMIC_RELAXED);
}

static inline void page_ref_sub(struct page *page, int nr)
{
	__atomic_fetch_sub(&page->_refcount.counter, nr, __ATOMIC_RELEASE);
}

static inline void page_ref_inc(struct page *page)
{
	page_ref_add(page, 1);
}

static inline void page_ref_dec(struct page *page)
{
	page_ref_sub(page, 1);
}

static inline int page_ref_dec_and_test(struct page *page)
{
	return __atomic_sub_fetch(&page->_refcount.counter, 1, __ATOMIC_ACQ_REL) == 0;
}

/* A reference on @page unless it is already on its way to being freed (count 0). */
static inline bool get_page_unless_zero(struct page *page)
{
	int c = __atomic_load_n(&page->_refcount.counter, __ATOMIC_RELAXED);

	while (c)
		if (__atomic_compare_exchange_n(&page->_refcount.counter, &c, c + 1, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	return false;
}

static inline int page_count(const struct page *page)
{
	return page_ref_count(page);
}

/* Number of user PTEs mapping the page (_mapcount is kept minus one). */
static inline int page_mapcount(const struct page *page)
{
	return __atomic_load_n(&page->_mapcount.counter, __ATOMIC_RELAXED) + 1;
}

static inline void page_mapcount_reset(struct page *page)
{
	__atomic_store_n(&page->_mapcount.counter, -1, __ATOMIC_RELAXED);
}

static inline bool page_mapped(const struct page *page)
{
	return page_mapcount(page) > 0;
}

#define page_private(page)		((page)->private)
#define set_page_private(page, v)	((page)->private = (v))

/* ---- compound pages: order in page[1].private, head pointer in tails ---- */

static inline struct page *compound_head(struct page *page)
{
	return PageTail(page) ? (struct page *)page->index : page;
}

static inline unsigned int compound_order(struct page *page)
{
	return PageHead(page) ? (unsigned int)page[1].private : 0;
}

#define virt_to_head_page(addr)	compound_head(virt_to_page(addr))

/* Smallest order whose block holds size bytes (size > 0). */
static inline unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

/* ---- getting and putting pages ---- */

void bad_page(struct page *page, const char *reason);

/*
 * Drop a reference; true if it was the last. A page whose count is
 * already zero (a double free) is reported and left alone: false.
 */
static inline int put_page_testzero(struct page *page)
{
	if (unlikely(page_ref_count(page) <= 0)) {
		bad_page(page, "put of a page with no reference (double free?)");
		return 0;
	}
	return page_ref_dec_and_test(page);
}

/*
 * One more reference to page (to its head, if compound). The caller must
 * hold one already: getting a free page warns.
 */
static inline void get_page(struct page *page)
{
	page = compound_head(page);
	WARN_ON(page_ref_count(page) <= 0);
	page_ref_inc(page);
}

void __put_page(struct page *page);

/* Release a reference to an order-0 or compound page; frees it at zero. */
static inline void put_page(struct page *page)
{
	page = compound_head(page);
	if (put_page_testzero(page))
		__put_page(page);
}

/* The seed's allocation path: alloc_pages -> alloc_pages_node -> __alloc_pages. */
struct page *__alloc_pages_nodemask(gfp_t gfp_mask, unsigned int order,
		struct zonelist *zonelist, nodemask_t *nodemask);

static inline struct page *__alloc_pages(gfp_t gfp_mask, unsigned int order,
		struct zonelist *zonelist)
{
	return __alloc_pages_nodemask(gfp_mask, order, zonelist, NULL);
}

/* __alloc_pages on node nid's zonelist (nid < 0: this node; rivet has one). */
static inline struct page *alloc_pages_node(int nid, gfp_t gfp_mask,
		unsigned int order)
{
	if (nid < 0)
		nid = numa_node_id();
	return __alloc_pages(gfp_mask, order, node_zonelist(nid, gfp_mask));
}

void split_page(struct page *page, unsigned int order);
void free_hot_cold_page(struct page *page, bool cold);
void drain_all_pages(struct zone *zone);
void zone_pcp_disable(struct zone *zone);
void zone_pcp_enable(struct zone *zone);

/* Direct reclaim (mm/vmscan.c). Pages freed; the default weak one frees 0. */
unsigned long try_to_free_pages(struct zonelist *zonelist, int order,
		gfp_t gfp_mask, nodemask_t *nodemask);
/* kswapd (mm/vmscan.c): reclaim in the background for @zone; the weak default does nothing. */
void wakeup_kswapd(struct zone *zone, int order);
/* Until kswapd neither reclaims nor is asked to (mm/vmscan.c). */
void kswapd_wait_idle(void);
/* mm/swap.c: takes a page that is being freed off its LRU list. */
void __page_cache_release(struct page *page);

/*
 * ---- set-up (mm/mm_init.c, mm/page_alloc.c) ----
 * Boot order: memblock_add/reserve (RAM, kernel, DTB, ...); the linear map
 * of lowmem; memblock_set_current_limit(end of lowmem); free_area_init(
 * max_zone_pfn); memblock_free_all() (returns pages freed);
 * init_per_zone_wmark_min(); setup_per_cpu_pageset(); mem_init_print_info().
 * Before setup_per_cpu_pageset the pcp lists are off (high 0).
 */

void free_area_init(unsigned long max_zone_pfn[MAX_NR_ZONES]);
void __free_pages_core(struct page *page, unsigned int order);
void init_per_zone_wmark_min(void);
void setup_per_zone_wmarks(void);
void setup_per_cpu_pageset(void);
void mem_init_print_info(void);
extern int min_free_kbytes;
extern unsigned long totalreserve_pages;

/* ---- totals ---- */

unsigned long nr_free_pages(void);
unsigned long totalram_pages(void);
unsigned long totalhigh_pages(void);
unsigned long get_num_physpages(void);
unsigned long nr_free_highpages(void);
void show_free_areas(void);

struct sysinfo;
void si_meminfo(struct sysinfo *val);
long si_mem_available(void);

/* Pageblock migratetypes (mm/page_alloc.c). */
int get_pfnblock_migratetype(const struct page *page, unsigned long pfn);
void set_pageblock_migratetype(struct page *page, int migratetype);
static inline int get_pageblock_migratetype(const struct page *page)
{
	return get_pfnblock_migratetype(page, page_to_pfn(page));
}

/* Pages reported by bad_page() since boot (tests read it). */
extern unsigned long nr_bad_pages;

#endif
