/*
 * The zoned buddy page allocator, following seed 004's call paths by name:
 * alloc_pages -> __alloc_pages_nodemask -> get_page_from_freelist -> rmqueue
 * (per-CPU lists for order 0) and __free_pages -> free_hot_cold_page /
 * __free_pages_ok -> free_one_page -> __free_one_page. Pageblock migratetypes
 * with fallback stealing. Left out: NUMA, cpusets, compaction, page isolation,
 * CMA, high-atomic reserves, lowmem_reserve, kswapd.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/highmem.h>
#include <linux/spinlock.h>
#include <linux/sysinfo.h>
#include <linux/delay.h>
#include <linux/preempt.h>
#include <linux/oom.h>

#define MAX_RECLAIM_RETRIES	16	/* rounds in a row that free nothing */
#define PAGE_ALLOC_COSTLY_ORDER	3	/* above this, retrying rarely pays */

unsigned long nr_bad_pages;

const char * const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Reclaimable", "Movable",
};

/* Where each migratetype looks when its own lists are empty, in order. */
static const int fallbacks[MIGRATE_TYPES][MIGRATE_TYPES - 1] = {
	[MIGRATE_UNMOVABLE]	= { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_RECLAIMABLE]	= { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE]	= { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
};

/* What the allocator knows about one request (seed 004). */
struct alloc_context {
	struct zonelist *zonelist;
	nodemask_t *nodemask;
	struct zoneref *preferred_zoneref;
	struct zone *preferred_zone;
	int classzone_idx;
	int migratetype;
	enum zone_type high_zoneidx;
};

/* ---- bad pages ---- */

static const char * const pageflag_names[__NR_PAGEFLAGS] = {
	"locked", "referenced", "uptodate", "dirty", "lru", "active", "slab",
	"reserved", "private", "writeback", "head", "tail", "buddy", "reclaim",
	"mappedtodisk",
};

/*
 * Report a page in a state it must not be in. The caller then leaves the
 * page alone (leaks it) rather than corrupt the free lists.
 */
void bad_page(struct page *page, const char *reason)
{
	const char *sep;
	unsigned int i;

	__atomic_fetch_add(&nr_bad_pages, 1, __ATOMIC_RELAXED);
	pr_err("BUG: Bad page state: pfn:%#lx\n", page_to_pfn(page));
	pr_err("page:%#lx refcount:%d mapcount:%d mapping:%#lx index:%#lx\n",
	       (unsigned long)page, page_ref_count(page), page_mapcount(page),
	       (unsigned long)page->mapping, page->index);
	pr_err("flags: %#lx(", page->flags);
	for (i = 0, sep = ""; i < __NR_PAGEFLAGS; i++) {
		if (page->flags & (1UL << i)) {
			pr_cont("%s%s", sep, pageflag_names[i]);
			sep = "|";
		}
	}
	pr_cont(") zone:%d\n", page_zonenum(page));
	pr_err("page dumped because: %s\n", reason);
}

/* ---- pageblock migratetypes ---- */

/* The pageblock_flags byte of the pageblock holding pfn (a pfn of zone). */
static unsigned char *pfnblock_byte(struct zone *zone, unsigned long pfn)
{
	return &zone->pageblock_flags[(pfn >> pageblock_order) -
				      (zone->zone_start_pfn >> pageblock_order)];
}

/*
 * The migratetype of pfn's pageblock (page is pfn's struct page). Read
 * without zone->lock: a racing steal may be missed, which at worst puts a
 * freed page on the lists of the block's old type.
 */
int get_pfnblock_migratetype(const struct page *page, unsigned long pfn)
{
	return READ_ONCE(*pfnblock_byte(page_zone(page), pfn));
}

/* Caller holds zone->lock, or is initialising the zone. */
void set_pageblock_migratetype(struct page *page, int migratetype)
{
	WRITE_ONCE(*pfnblock_byte(page_zone(page), page_to_pfn(page)),
		   (unsigned char)migratetype);
}

/* Order-0 pages on a pcp list remember their list in page->index. */
static inline int get_pcppage_migratetype(struct page *page)
{
	return (int)page->index;
}

/* Remember which pcp list page goes on; rmqueue_bulk and freeing set it. */
static inline void set_pcppage_migratetype(struct page *page, int migratetype)
{
	page->index = (unsigned long)migratetype;
}

/* ---- buddy bookkeeping (zone->lock held) ---- */

/* page heads a free 2^order block now: PG_buddy, order in private. */
static inline void set_page_order(struct page *page, unsigned int order)
{
	set_page_private(page, order);
	__SetPageBuddy(page);
}

/* page no longer heads a free block (allocated, or merged into a bigger one). */
static inline void rmv_page_order(struct page *page)
{
	__ClearPageBuddy(page);
	set_page_private(page, 0);
}

/* The order of the free block page heads (PG_buddy must be set). */
static inline unsigned int page_order(struct page *page)
{
	return (unsigned int)page_private(page);
}

/* The buddy of the 2^order block at page_idx differs from it in bit 'order'. */
static inline unsigned long __find_buddy_index(unsigned long page_idx,
					       unsigned int order)
{
	return page_idx ^ (1UL << order);
}

/* buddy is a free block of exactly this order, in the same zone as page. */
static inline bool page_is_buddy(struct page *page, struct page *buddy,
				 unsigned int order)
{
	return PageBuddy(buddy) && page_order(buddy) == order &&
	       page_zonenum(buddy) == page_zonenum(page);
}

/* The struct page page_idx..buddy_idx away, if its pfn is in the zone. */
static inline struct page *zone_page_at(struct zone *zone, struct page *page,
					unsigned long page_idx, unsigned long idx)
{
	unsigned long pfn = page_to_pfn(page) + idx - page_idx;

	return zone_spans_pfn(zone, pfn) ? page + (idx - page_idx) : NULL;
}

/*
 * The seed's tail-placement heuristic: if the block this one would form
 * with its buddy has a free buddy itself, the two are likely to merge
 * soon, so queue this block last where it is least likely to be taken.
 */
static bool buddy_merge_likely(struct zone *zone, struct page *page,
			       unsigned long page_idx, unsigned int order)
{
	unsigned long combined_idx, higher_buddy_idx;
	struct page *higher_page, *higher_buddy;

	if (order >= MAX_ORDER - 2)
		return false;
	combined_idx = __find_buddy_index(page_idx, order) & page_idx;
	higher_page = page + (combined_idx - page_idx);
	higher_buddy_idx = __find_buddy_index(combined_idx, order + 1);
	higher_buddy = zone_page_at(zone, higher_page, combined_idx, higher_buddy_idx);
	return higher_buddy && page_is_buddy(higher_page, higher_buddy, order + 1);
}

/* Free pages of zone change by nr (rivet has no CMA to count apart). */
static inline void __mod_zone_freepage_state(struct zone *zone, long nr,
					     int migratetype)
{
	__mod_zone_page_state(zone, NR_FREE_PAGES, nr);
}

/*
 * Put a 2^order block on the free lists, merging it with its buddy as
 * long as the buddy is free, and count it in NR_FREE_PAGES. zone->lock
 * held, IRQs off.
 */
static void __free_one_page(struct page *page, unsigned long pfn,
			    struct zone *zone, unsigned int order, int migratetype)
{
	unsigned long page_idx = pfn & ((1UL << MAX_ORDER) - 1);
	unsigned long buddy_idx, combined_idx;
	struct page *buddy;

	__mod_zone_freepage_state(zone, 1L << order, migratetype);
	while (order < MAX_ORDER - 1) {
		buddy_idx = __find_buddy_index(page_idx, order);
		buddy = zone_page_at(zone, page, page_idx, buddy_idx);
		if (!buddy || !page_is_buddy(page, buddy, order))
			break;
		list_del(&buddy->lru);
		zone->free_area[order].nr_free--;
		rmv_page_order(buddy);
		combined_idx = buddy_idx & page_idx;
		page = page + (combined_idx - page_idx);
		page_idx = combined_idx;
		order++;
	}
	set_page_order(page, order);
	if (buddy_merge_likely(zone, page, page_idx, order))
		list_add_tail(&page->lru, &zone->free_area[order].free_list[migratetype]);
	else
		list_add(&page->lru, &zone->free_area[order].free_list[migratetype]);
	zone->free_area[order].nr_free++;
}

/* IRQs off (the caller's). */
static void free_one_page(struct zone *zone, struct page *page,
			  unsigned long pfn, unsigned int order, int migratetype)
{
	spin_lock(&zone->lock);
	__free_one_page(page, pfn, zone, order, migratetype);
	spin_unlock(&zone->lock);
}

/* ---- freeing ---- */

/* Why a page (a tail of head, if head) may not be freed, or NULL. */
static const char *free_page_problem(struct page *page, struct page *head)
{
	unsigned long bad = PAGE_FLAGS_CHECK_AT_FREE | (head ? 0 : 1UL << PG_tail);

	/* The common case in one test; the named checks below say what is wrong. */
	if (likely(!(page->flags & bad) && !page->mapping &&
		   page_mapcount(page) == 0 && page_ref_count(page) == 0 &&
		   (!head || (PageTail(page) && compound_head(page) == head))))
		return NULL;
	if (PageBuddy(page))
		return "page is already free (PG_buddy)";
	if (PageReserved(page))
		return "freeing a PG_reserved page";
	if (PageSlab(page))
		return "freeing a PG_slab page";
	if (page->flags & PAGE_FLAGS_CHECK_AT_FREE)
		return "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
	if (page_mapcount(page) != 0)
		return "nonzero mapcount";
	if (page_ref_count(page) != 0)
		return "nonzero _refcount";
	if (head && (!PageTail(page) || compound_head(page) != head))
		return "corrupted compound tail";
	if (!head && PageTail(page))
		return "freeing a tail page";
	if (page->mapping)
		return "non-NULL mapping";
	return NULL;
}

/*
 * Check a block about to be freed and clear its per-use state. False,
 * after a bad_page report and with nothing changed, if any page of it is
 * in a state that must not be freed: the block is then leaked.
 */
static bool free_pages_prepare(struct page *page, unsigned int order)
{
	unsigned long nr = 1UL << order, i;
	struct page *head;
	const char *why = NULL;

	if (likely(order == 0 && !PageHead(page))) {	/* the pcp fast path */
		why = free_page_problem(page, NULL);
		if (unlikely(why)) {
			bad_page(page, why);
			return false;
		}
		page->flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
		page->index = 0;
		page->private = 0;
		return true;
	}
	head = PageHead(page) ? page : NULL;

	if (!IS_ALIGNED(page_to_pfn(page), nr))
		why = "block not aligned to its order";
	else if (head && compound_order(page) != order)
		why = "compound page freed with the wrong order";
	for (i = 0; !why && i < nr; i++) {
		why = free_page_problem(page + i, i ? head : NULL);
		if (why) {
			bad_page(page + i, why);
			return false;
		}
	}
	if (why) {
		bad_page(page, why);
		return false;
	}
	for (i = 0; i < nr; i++) {
		page[i].flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
		page[i].mapping = NULL;
		page[i].index = 0;
		page[i].private = 0;
	}
	return true;
}

/* Free a block of any order straight to the buddy lists. */
static void __free_pages_ok(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), flags;
	int migratetype;

	if (!free_pages_prepare(page, order))
		return;
	migratetype = get_pfnblock_migratetype(page, pfn);
	local_irq_save(flags);
	__count_vm_events(PGFREE, 1L << order);
	free_one_page(page_zone(page), page, pfn, order, migratetype);
	local_irq_restore(flags);
}

/*
 * Give count pages from a CPU's pcp lists back to the buddy, coldest
 * (list tail) first, taking the lists in turn. IRQs off.
 */
static void free_pcppages_bulk(struct zone *zone, int count,
			       struct per_cpu_pages *pcp)
{
	int mt = 0;

	spin_lock(&zone->lock);
	while (count > 0 && pcp->count > 0) {
		struct page *page;

		while (list_empty(&pcp->lists[mt]))
			mt = (mt + 1) % MIGRATE_PCPTYPES;
		page = list_last_entry(&pcp->lists[mt], struct page, lru);
		list_del(&page->lru);
		pcp->count--;
		count--;
		__free_one_page(page, page_to_pfn(page), zone, 0,
				get_pcppage_migratetype(page));
		mt = (mt + 1) % MIGRATE_PCPTYPES;
	}
	spin_unlock(&zone->lock);
}

/*
 * Free an order-0 page onto this CPU's list for its pageblock's type: at
 * the head if cache-hot, the tail if cold. A full list gives a batch back.
 */
void free_hot_cold_page(struct page *page, bool cold)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pages *pcp;
	unsigned long flags;
	int migratetype;

	if (!free_pages_prepare(page, 0))
		return;
	migratetype = get_pfnblock_migratetype(page, page_to_pfn(page));
	set_pcppage_migratetype(page, migratetype);
	local_irq_save(flags);
	__count_vm_event(PGFREE);
	pcp = &zone->pageset[smp_processor_id()];
	if (cold)
		list_add_tail(&page->lru, &pcp->lists[migratetype]);
	else
		list_add(&page->lru, &pcp->lists[migratetype]);
	pcp->count++;
	if (pcp->count >= pcp->high)
		free_pcppages_bulk(zone, pcp->batch, pcp);
	local_irq_restore(flags);
}

/*
 * Free a list of order-0 pages whose last reference is gone (linked by
 * lru, as reclaim collects them), each as free_hot_cold_page would.
 */
void free_hot_cold_page_list(struct list_head *list, bool cold)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		free_hot_cold_page(page, cold);
	}
}

/* Drop a reference to a 2^order block (seed 004); free it at zero. */
void __free_pages(struct page *page, unsigned int order)
{
	if (put_page_testzero(page)) {
		if (order == 0)
			free_hot_cold_page(page, false);
		else
			__free_pages_ok(page, order);
	}
}

/* put_page's last reference is gone: free an order-0 or compound page. */
void __put_page(struct page *page)
{
	if (PageHead(page)) {
		__free_pages_ok(page, compound_order(page));
		return;
	}
	if (PageLRU(page))
		__page_cache_release(page);
	free_hot_cold_page(page, false);
}

/*
 * mm/swap.c replaces this weak default: only it puts pages on an LRU, so
 * a program linking page_alloc.c without it (a host test) never has one.
 */
__attribute__((weak)) void __page_cache_release(struct page *page)
{
	WARN_ON(PageLRU(page));
}

/*
 * __free_pages by linear address, for __get_free_pages' blocks. 0 is
 * ignored; an address outside the lowmem linear map warns and is ignored.
 */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr) {
		if (WARN_ON(!virt_addr_valid((void *)addr)))
			return;
		__free_pages(virt_to_page((void *)addr), order);
	}
}

/*
 * Boot-time hand-over of a PG_reserved block (memblock_free_all): make it
 * a managed, free block. Bypasses the pcp lists.
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long nr = 1UL << order, i;

	for (i = 0; i < nr; i++) {
		__ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	page_zone(page)->managed_pages += nr;
	__free_pages_ok(page, order);
}

/* ---- taking blocks off the free lists (zone->lock held) ---- */

/* page is not one of zone's (a corrupt free list). Seed 004's debug check. */
static inline bool bad_range(struct zone *zone, struct page *page)
{
	return !zone_spans_pfn(zone, page_to_pfn(page)) || page_zone(page) != zone;
}

/*
 * Split a 2^high block down to 2^low: the upper halves go back on the
 * lists of migratetype, one per order from high - 1 down to low.
 */
static void expand(struct zone *zone, struct page *page, unsigned int low,
		   unsigned int high, int migratetype)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		if (WARN_ON_ONCE(bad_range(zone, &page[size])))
			break;	/* corrupt free list: leak the rest, list nothing bad */
		list_add(&page[size].lru, &zone->free_area[high].free_list[migratetype]);
		zone->free_area[high].nr_free++;
		set_page_order(&page[size], high);
	}
}

/* Smallest free block of migratetype with order >= order, split to size. */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
				       int migratetype)
{
	unsigned int current_order;

	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page;

		if (list_empty(&area->free_list[migratetype]))
			continue;
		page = list_first_entry(&area->free_list[migratetype], struct page, lru);
		list_del(&page->lru);
		rmv_page_order(page);
		area->nr_free--;
		expand(zone, page, order, current_order, migratetype);
		return page;
	}
	return NULL;
}

/*
 * Move the free blocks in [start_page, end_page] to migratetype's lists.
 * Returns the number of pages moved.
 */
static unsigned long move_freepages(struct zone *zone, struct page *start_page,
				    struct page *end_page, int migratetype)
{
	unsigned long moved = 0;
	struct page *page = start_page;

	while (page <= end_page) {
		unsigned int order;

		if (!PageBuddy(page)) {
			page++;
			continue;
		}
		order = page_order(page);
		list_move(&page->lru, &zone->free_area[order].free_list[migratetype]);
		page += 1UL << order;
		moved += 1UL << order;
	}
	return moved;
}

/* move_freepages over the part of page's pageblock inside the zone. */
static unsigned long move_freepages_block(struct zone *zone, struct page *page,
					  int migratetype)
{
	unsigned long start_pfn = ALIGN_DOWN(page_to_pfn(page), pageblock_nr_pages);
	unsigned long end_pfn = start_pfn + pageblock_nr_pages - 1;

	start_pfn = max(start_pfn, zone->zone_start_pfn);
	end_pfn = min(end_pfn, zone_end_pfn(zone) - 1);
	return move_freepages(zone, pfn_to_page(start_pfn), pfn_to_page(end_pfn),
			      migratetype);
}

/* Stealing from a foreign block pays off for big or unmovable requests. */
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	if (order >= pageblock_order / 2)
		return true;
	return start_mt == MIGRATE_RECLAIMABLE || start_mt == MIGRATE_UNMOVABLE;
}

/* First fallback type with a free block at this order, or -1. */
static int find_suitable_fallback(struct free_area *area, unsigned int order,
				  int migratetype, bool *can_steal)
{
	unsigned int i;

	for (i = 0; i < MIGRATE_TYPES - 1; i++) {
		int fallback_mt = fallbacks[migratetype][i];

		if (list_empty(&area->free_list[fallback_mt]))
			continue;
		*can_steal = can_steal_fallback(order, migratetype);
		return fallback_mt;
	}
	return -1;
}

/*
 * Take over page's pageblock(s) for start_type: a block of pageblock size
 * or more changes type whole; a smaller one has its block's free pages
 * moved over, and the block changes type if they are at least half of it.
 */
static void steal_suitable_fallback(struct zone *zone, struct page *page,
				    int start_type)
{
	unsigned int order = page_order(page);
	unsigned long i;

	if (order >= pageblock_order) {
		for (i = 0; i < (1UL << order); i += pageblock_nr_pages)
			set_pageblock_migratetype(page + i, start_type);
		list_move(&page->lru, &zone->free_area[order].free_list[start_type]);
		return;
	}
	if (move_freepages_block(zone, page, start_type) >= pageblock_nr_pages / 2)
		set_pageblock_migratetype(page, start_type);
}

/*
 * start_migratetype's lists are empty: look at the other types. Largest
 * block first, stolen (with its pageblock) when worth it; otherwise borrow
 * the smallest block of a fallback type and leave its pageblock alone.
 */
static struct page *__rmqueue_fallback(struct zone *zone, unsigned int order,
				       int start_migratetype)
{
	int current_order, fallback_mt;
	bool can_steal = false;
	unsigned int i;

	for (current_order = MAX_ORDER - 1; current_order >= (int)order; current_order--) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page;

		fallback_mt = find_suitable_fallback(area, current_order,
						     start_migratetype, &can_steal);
		if (fallback_mt < 0)
			continue;
		if (!can_steal)
			break;
		page = list_first_entry(&area->free_list[fallback_mt], struct page, lru);
		steal_suitable_fallback(zone, page, start_migratetype);
		return __rmqueue_smallest(zone, order, start_migratetype);
	}
	for (i = 0; i < MIGRATE_TYPES - 1; i++) {
		struct page *page = __rmqueue_smallest(zone, order,
						       fallbacks[start_migratetype][i]);
		if (page)
			return page;
	}
	return NULL;
}

/*
 * A 2^order block for migratetype: from its own lists if they have one,
 * else by falling back on the other types'. NULL if the zone has no block
 * that large. zone->lock held.
 */
static struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype)
{
	struct page *page = __rmqueue_smallest(zone, order, migratetype);

	if (unlikely(!page))
		page = __rmqueue_fallback(zone, order, migratetype);
	return page;
}

/*
 * Move up to count blocks of 2^order onto list (in the order taken).
 * Returns how many. IRQs off.
 */
static int rmqueue_bulk(struct zone *zone, unsigned int order, int count,
			struct list_head *list, int migratetype)
{
	int i;

	spin_lock(&zone->lock);
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(zone, order, migratetype);

		if (!page)
			break;
		set_pcppage_migratetype(page, migratetype);
		list_add_tail(&page->lru, list);
	}
	__mod_zone_page_state(zone, NR_FREE_PAGES, -((long)i << order));
	spin_unlock(&zone->lock);
	return i;
}

/* An order-0 page from this CPU's list, refilled by a batch when empty. */
static struct page *rmqueue_pcplist(struct zone *zone, gfp_t gfp_flags,
				    int migratetype)
{
	struct per_cpu_pages *pcp;
	struct list_head *list;
	struct page *page = NULL;
	unsigned long flags;

	local_irq_save(flags);
	pcp = &zone->pageset[smp_processor_id()];
	list = &pcp->lists[migratetype];
	if (list_empty(list))
		pcp->count += rmqueue_bulk(zone, 0, pcp->batch, list, migratetype);
	if (!list_empty(list)) {
		if (gfp_flags & __GFP_COLD)
			page = list_last_entry(list, struct page, lru);
		else
			page = list_first_entry(list, struct page, lru);
		list_del(&page->lru);
		pcp->count--;
		__count_vm_event(PGALLOC_DMA32 + zone_idx(zone));
	}
	local_irq_restore(flags);
	return page;
}

/* A 2^order block from zone: order 0 through the pcp lists. */
static struct page *rmqueue(struct zone *preferred_zone, struct zone *zone,
			    unsigned int order, gfp_t gfp_flags,
			    unsigned int alloc_flags, int migratetype)
{
	struct page *page;
	unsigned long flags;

	if (likely(order == 0))
		return rmqueue_pcplist(zone, gfp_flags, migratetype);
	spin_lock_irqsave(&zone->lock, flags);
	page = __rmqueue(zone, order, migratetype);
	if (page) {
		__mod_zone_page_state(zone, NR_FREE_PAGES, -(1L << order));
		__count_vm_events(PGALLOC_DMA32 + zone_idx(zone), 1L << order);
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

/* ---- preparing an allocated block ---- */

/* True (after bad_page) if a page taken off the free lists is not clean. */
static bool check_new_pages(struct page *page, unsigned int order)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++) {
		struct page *p = page + i;
		const char *why = NULL;

		if (p->flags & PAGE_FLAGS_CHECK_AT_PREP)
			why = "flags set on a free page";
		else if (page_mapcount(p) != 0 || page_ref_count(p) != 0)
			why = "free page in use (refcount or mapcount)";
		else if (p->mapping)
			why = "free page has a mapping";
		if (why) {
			bad_page(p, why);
			return true;
		}
	}
	return false;
}

/* Order in page[1].private, head pointer in each tail's index. */
static void prep_compound_page(struct page *page, unsigned int order)
{
	unsigned long i;

	__SetPageHead(page);
	for (i = 1; i < (1UL << order); i++) {
		__SetPageTail(page + i);
		page[i].index = (unsigned long)page;
	}
	page[1].private = order;
}

/*
 * Ready a block taken off the free lists for its user (the last step of
 * get_page_from_freelist): one reference on the head, every page zeroed
 * for __GFP_ZERO (through kmap_atomic, so highmem too), compound for
 * __GFP_COMP. zone->lock is not held. alloc_flags is unused.
 */
static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp_flags,
			  unsigned int alloc_flags)
{
	unsigned long i;

	page->index = 0;
	set_page_private(page, 0);
	set_page_count(page, 1);
	if (gfp_flags & __GFP_ZERO)
		for (i = 0; i < (1UL << order); i++)
			clear_highpage(page + i);
	if (order && (gfp_flags & __GFP_COMP))
		prep_compound_page(page, order);
}

/* ---- the allocation path ---- */

/*
 * Would taking 2^order of free_pages leave zone z above mark? ALLOC_HIGH
 * and ALLOC_HARDER go below it. For order > 0 a block that large must
 * exist. zone_watermark_ok() asks it of the zone's free pages now.
 */
bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int classzone_idx, unsigned int alloc_flags, long free_pages)
{
	long min = (long)mark;
	unsigned int o;

	free_pages -= (1L << order) - 1;

	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;
	if (free_pages <= min)
		return false;
	if (!order)
		return true;
	for (o = order; o < MAX_ORDER; o++)
		if (READ_ONCE(z->free_area[o].nr_free))
			return true;
	return false;
}

/* __zone_watermark_ok against z's free pages now, read without zone->lock. */
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int classzone_idx, unsigned int alloc_flags)
{
	return __zone_watermark_ok(z, order, mark, classzone_idx, alloc_flags,
				   (long)zone_page_state(z, NR_FREE_PAGES));
}

/*
 * Walk the zonelist from the preferred zone down (seed 004) and take the
 * block from the first zone whose watermark allows it. NULL if none does.
 */
static struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order,
		unsigned int alloc_flags, const struct alloc_context *ac)
{
	struct zoneref *z = ac->preferred_zoneref;
	struct zone *zone;

	for (zone = zonelist_zone(z); zone;
	     z = next_zones_zonelist(z + 1, ac->high_zoneidx, ac->nodemask),
	     zone = zonelist_zone(z)) {
		struct page *page;

		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_ok(zone, order,
				       zone->watermark[alloc_flags & ALLOC_WMARK_MASK],
				       ac->classzone_idx, alloc_flags))
			continue;
		do {	/* a bad page is leaked; try the next one */
			page = rmqueue(ac->preferred_zone, zone, order, gfp_mask,
				       alloc_flags, ac->migratetype);
		} while (page && check_new_pages(page, order));
		if (page) {
			prep_new_page(page, order, gfp_mask, alloc_flags);
			return page;
		}
	}
	return NULL;
}

/*
 * The slow path's alloc_flags: the min watermark, ALLOC_HIGH for
 * __GFP_HIGH, ALLOC_HARDER for requests that cannot sleep (they cannot
 * wait for reclaim), no watermarks at all for __GFP_MEMALLOC.
 */
static unsigned int gfp_to_alloc_flags(gfp_t gfp_mask)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN;

	if (gfp_mask & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if (!(gfp_mask & __GFP_WAIT))
		alloc_flags |= ALLOC_HARDER;	/* atomic: cannot reclaim */
	if (gfp_mask & __GFP_MEMALLOC)
		alloc_flags |= ALLOC_NO_WATERMARKS;
	return alloc_flags;
}

/*
 * Reclaim (mm/vmscan.c) replaces this weak default, which frees nothing.
 * Returns the number of pages freed.
 */
__attribute__((weak)) unsigned long try_to_free_pages(struct zonelist *zonelist,
		int order, gfp_t gfp_mask, nodemask_t *nodemask)
{
	return 0;
}

/*
 * mm/oom_kill.c replaces this weak default (a host test has no
 * processes): kill a process to free memory; true if one was chosen.
 */
__attribute__((weak)) bool out_of_memory(gfp_t gfp_mask, unsigned int order)
{
	return false;
}

/* mm/vmscan.c's kswapd replaces this weak default (a host test has no threads). */
__attribute__((weak)) void wakeup_kswapd(struct zone *zone, int order)
{
}

/* The fast path failed: every usable zone's kswapd is told to reclaim. */
static void wake_all_kswapds(unsigned int order, struct alloc_context *ac)
{
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist(zone, z, ac->zonelist, ac->high_zoneidx)
		wakeup_kswapd(zone, (int)order);
}

/* The "page allocation failure" report and the free areas, unless __GFP_NOWARN. */
static void warn_alloc_failed(gfp_t gfp_mask, unsigned int order)
{
	if (gfp_mask & __GFP_NOWARN)
		return;
	pr_warn("page allocation failure: order:%u, mode:%#x\n", order, gfp_mask);
	show_free_areas();
}

/* Pages reclaim could still free in zone: the file LRU (no swap: no anon). */
static unsigned long zone_reclaimable_pages(struct zone *zone)
{
	return zone_page_state(zone, NR_INACTIVE_FILE) +
	       zone_page_state(zone, NR_ACTIVE_FILE);
}

/*
 * Is another round of reclaim worth it after a failed one? Only while
 * some usable zone could reach its min watermark with what reclaim might
 * still free (a shrinking share of it with each round that freed
 * nothing), and for at most MAX_RECLAIM_RETRIES such rounds in a row.
 * Costly orders stop at the first round that frees nothing. Linux's
 * should_reclaim_retry.
 */
static bool should_reclaim_retry(unsigned int order, struct alloc_context *ac,
				 unsigned int alloc_flags, unsigned long progress,
				 int *no_progress_loops)
{
	struct zoneref *z;
	struct zone *zone;

	if (progress && order <= PAGE_ALLOC_COSTLY_ORDER)
		*no_progress_loops = 0;
	else if (!progress && order > PAGE_ALLOC_COSTLY_ORDER)
		return false;
	else if (++*no_progress_loops > MAX_RECLAIM_RETRIES)
		return false;
	for_each_zone_zonelist(zone, z, ac->zonelist, ac->high_zoneidx) {
		unsigned long available = zone_reclaimable_pages(zone);

		available -= DIV_ROUND_UP((unsigned long)*no_progress_loops * available,
					  MAX_RECLAIM_RETRIES);
		available += zone_page_state(zone, NR_FREE_PAGES);
		if (__zone_watermark_ok(zone, order, min_wmark_pages(zone),
					ac->classzone_idx, alloc_flags, (long)available))
			return true;
	}
	return false;
}

#define NOFAIL_STALL_REPORT	1000

/*
 * A __GFP_NOFAIL request that found nothing waits a tick for other tasks
 * to free memory, and says so every NOFAIL_STALL_REPORT rounds (about ten
 * seconds at HZ=100): with no OOM killer yet, that is all it can do.
 * Sleeps, so only for __GFP_WAIT requests; *stalls counts the rounds.
 */
static void nofail_backoff(gfp_t gfp_mask, unsigned int order, unsigned long *stalls)
{
	if (++*stalls % NOFAIL_STALL_REPORT == 0) {
		pr_warn("page allocation stalls: order:%u, mode:%#x, %lu rounds (__GFP_NOFAIL)\n",
			order, gfp_mask, *stalls);
		show_free_areas();
	}
	msleep(1);
}

/* OOM kills, with a retry after each, before a request gives up anyway. */
#define MAX_OOM_ROUNDS	8

/*
 * May a request that reclaim could not satisfy call the OOM killer?
 * Only a user-memory one (__GFP_HARDWALL: GFP_USER, GFP_HIGHUSER*) that
 * may enter the file system, of at most PAGE_ALLOC_COSTLY_ORDER, as
 * Linux's __alloc_pages_may_oom decides; __GFP_NOFAIL ones keep waiting.
 */
static bool may_oom(gfp_t gfp_mask, unsigned int order)
{
	return (gfp_mask & (__GFP_HARDWALL | __GFP_FS)) == (__GFP_HARDWALL | __GFP_FS) &&
	       order <= PAGE_ALLOC_COSTLY_ORDER;
}

/*
 * The fast path failed at the low watermark (seed 004). Drain the pcp
 * lists, go down to the min watermark (lower for __GFP_HIGH and atomic
 * requests), reclaim if the caller may sleep, and retry while
 * should_reclaim_retry() sees a chance, then (a user request) after an
 * OOM kill (out_of_memory). __GFP_NORETRY gives up after one round. __GFP_NOFAIL never gives up: it retries with ALLOC_HARDER (a
 * quarter below min, never the reserves ALLOC_NO_WATERMARKS would drain)
 * and sleeps between rounds; without __GFP_WAIT it cannot sleep, so it
 * warns and fails like any atomic request. NULL on failure.
 */
static struct page *__alloc_pages_slowpath(gfp_t gfp_mask, unsigned int order,
					   struct alloc_context *ac)
{
	unsigned int alloc_flags = gfp_to_alloc_flags(gfp_mask);
	int no_progress_loops = 0, oom_rounds = 0;
	unsigned long progress, stalls = 0;
	struct page *page;

	wake_all_kswapds(order, ac);	/* any context: it only wakes a thread */
retry:
	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (page)
		return page;
	drain_all_pages(NULL);
	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (page)
		return page;
	if (!(gfp_mask & __GFP_WAIT)) {
		WARN_ON_ONCE(gfp_mask & __GFP_NOFAIL);	/* NOFAIL must be able to wait */
		goto nopage;
	}
	count_vm_event(ALLOCSTALL_DMA32 + ac->high_zoneidx);
	progress = try_to_free_pages(ac->zonelist, (int)order, gfp_mask, ac->nodemask);
	if (gfp_mask & __GFP_NOFAIL) {
		page = get_page_from_freelist(gfp_mask, order, alloc_flags | ALLOC_HARDER, ac);
		if (page)
			return page;
		nofail_backoff(gfp_mask, order, &stalls);
		goto retry;
	}
	if (gfp_mask & __GFP_NORETRY)
		goto nopage;
	if (should_reclaim_retry(order, ac, alloc_flags, progress, &no_progress_loops))
		goto retry;
	if (may_oom(gfp_mask, order) && oom_rounds++ < MAX_OOM_ROUNDS &&
	    out_of_memory(gfp_mask, order)) {
		msleep(1);	/* let the victim run and exit */
		no_progress_loops = 0;
		goto retry;
	}
nopage:
	warn_alloc_failed(gfp_mask, order);
	return NULL;
}

/*
 * The heart of the allocator (seed 004): pick the zones and migratetype
 * from gfp_mask, try the zonelist at the low watermark, then the slow
 * path. NULL on failure. May sleep only if __GFP_WAIT (in reclaim).
 */
struct page *__alloc_pages_nodemask(gfp_t gfp_mask, unsigned int order,
		struct zonelist *zonelist, nodemask_t *nodemask)
{
	struct alloc_context ac = {
		.high_zoneidx = gfp_zone(gfp_mask),
		.nodemask = nodemask,
		.migratetype = gfpflags_to_migratetype(gfp_mask),
		.zonelist = zonelist,
	};
	struct page *page;

	might_sleep_if(gfp_mask & __GFP_WAIT);
	if (unlikely(order >= MAX_ORDER)) {
		WARN_ON(!(gfp_mask & __GFP_NOWARN));
		return NULL;
	}
	if (unlikely(!zonelist->_zonerefs->zone))
		return NULL;
	ac.preferred_zoneref = first_zones_zonelist(ac.zonelist, ac.high_zoneidx,
						    ac.nodemask, &ac.preferred_zone);
	if (!ac.preferred_zone)
		return NULL;
	ac.classzone_idx = zonelist_zone_idx(ac.preferred_zoneref);
	page = get_page_from_freelist(gfp_mask, order, ALLOC_WMARK_LOW, &ac);
	if (unlikely(!page))
		page = __alloc_pages_slowpath(gfp_mask, order, &ac);
	return page;
}

/*
 * The allocator's entry point (seed 004): 2^order pages from the zones
 * gfp_mask allows, best first; NULL on failure. May sleep if __GFP_WAIT.
 */
struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	return alloc_pages_node(numa_node_id(), gfp_mask, order);
}

/* Lowmem only: a __GFP_HIGHMEM request has no address to return (0). */
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page;

	if (WARN_ON(gfp_mask & __GFP_HIGHMEM))
		return 0;
	page = alloc_pages(gfp_mask, order);
	return page ? (unsigned long)lowmem_page_address(page) : 0;
}

/* One zeroed lowmem page, by its linear address; 0 on failure. */
unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

/* Make each page of a non-compound 2^order block a separate order-0 page. */
void split_page(struct page *page, unsigned int order)
{
	unsigned long i;

	if (WARN_ON(PageCompound(page)))
		return;
	for (i = 1; i < (1UL << order); i++)
		set_page_count(page + i, 1);
}

/*
 * size bytes of physically contiguous lowmem, in whole pages: the
 * power-of-two block is split and the pages past size freed at once.
 * NULL on failure. Free with free_pages_exact(ptr, size).
 */
void *alloc_pages_exact(size_t size, gfp_t gfp_mask)
{
	unsigned int order = get_order(size);
	unsigned long addr, used, end;

	if (WARN_ON(gfp_mask & __GFP_COMP))
		gfp_mask &= ~__GFP_COMP;
	addr = __get_free_pages(gfp_mask, order);
	if (!addr)
		return NULL;
	split_page(virt_to_page((void *)addr), order);
	used = addr + ALIGN(size, PAGE_SIZE);
	end = addr + (PAGE_SIZE << order);
	for (; used < end; used += PAGE_SIZE)
		free_page(used);
	return (void *)addr;
}

/* Free what alloc_pages_exact(size) returned, page by page. */
void free_pages_exact(void *virt, size_t size)
{
	unsigned long addr = (unsigned long)virt;
	unsigned long end = addr + ALIGN(size, PAGE_SIZE);

	for (; addr < end; addr += PAGE_SIZE)
		free_page(addr);
}

/* ---- per-CPU lists ---- */

/* Give back every page on cpu's list for zone. */
static void drain_pages_zone(unsigned int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->pageset[cpu];
	unsigned long flags;

	local_irq_save(flags);
	if (pcp->count)
		free_pcppages_bulk(zone, pcp->count, pcp);
	local_irq_restore(flags);
}

/*
 * Empty every CPU's pcp lists of zone (all zones if NULL). It reaches
 * into other CPUs' lists directly, which is right only while one hart
 * runs the kernel; SMP will need a per-CPU call (IPI) here.
 */
void drain_all_pages(struct zone *zone)
{
	struct zone *z;
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		for_each_populated_zone(z)
			if (!zone || z == zone)
				drain_pages_zone(cpu, z);
}

/*
 * Pages moved between a pcp list and the buddy at once: about a 4096th
 * of the zone, at most 128 KiB, rounded to 2^n - 1 (as Linux does, so
 * that batches of different zones do not line up).
 */
static int zone_batchsize(struct zone *zone)
{
	unsigned long batch = zone->managed_pages / 1024;
	unsigned long p = 1;

	if (batch * PAGE_SIZE > 512 * SZ_1K)
		batch = (512 * SZ_1K) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	batch += batch / 2;
	while (p * 2 <= batch)
		p *= 2;
	return p > 1 ? (int)p - 1 : 1;
}

/*
 * Set high and batch of every CPU's pcp list of zone. Other CPUs read
 * them with only their IRQs off, hence WRITE_ONCE; each CPU sees the new
 * values at its next allocation or free.
 */
static void pageset_set_high_batch(struct zone *zone, int high, int batch)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		WRITE_ONCE(zone->pageset[cpu].batch, batch);
		WRITE_ONCE(zone->pageset[cpu].high, high);
	}
}

/* Stop caching order-0 pages in zone's pcp lists, and empty them. */
void zone_pcp_disable(struct zone *zone)
{
	pageset_set_high_batch(zone, 0, 1);
	drain_all_pages(zone);
}

/* Size the pcp lists from the zone's managed pages (high = 6 batches). */
void zone_pcp_enable(struct zone *zone)
{
	int batch = zone_batchsize(zone);

	pageset_set_high_batch(zone, 6 * batch, batch);
}

/* Boot: turn the pcp lists on once the zones have their pages. */
void setup_per_cpu_pageset(void)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		zone_pcp_enable(zone);
}

/* ---- totals and reports ---- */

/* Pages on the buddy free lists of all zones (pcp lists not counted). */
unsigned long nr_free_pages(void)
{
	return global_zone_page_state(NR_FREE_PAGES);
}

/* Pages the buddy allocator manages: RAM less what stayed reserved. */
unsigned long totalram_pages(void)
{
	struct zone *zone;
	unsigned long sum = 0;

	for_each_zone(zone)
		sum += zone->managed_pages;
	return sum;
}

/* Managed pages of ZONE_HIGHMEM. */
unsigned long totalhigh_pages(void)
{
	return NODE_DATA(0)->node_zones[ZONE_HIGHMEM].managed_pages;
}

/* Free pages of ZONE_HIGHMEM (buddy lists only, as nr_free_pages). */
unsigned long nr_free_highpages(void)
{
	return zone_page_state(&NODE_DATA(0)->node_zones[ZONE_HIGHMEM], NR_FREE_PAGES);
}

/* RAM pages in the zones (present), reserved ones included. */
unsigned long get_num_physpages(void)
{
	struct zone *zone;
	unsigned long sum = 0;

	for_each_zone(zone)
		sum += zone->present_pages;
	return sum;
}

/* Memory fields of sysinfo(2), in pages. bufferram is the caller's. */
void si_meminfo(struct sysinfo *val)
{
	val->totalram = totalram_pages();
	val->sharedram = global_zone_page_state(NR_SHMEM);
	val->freeram = nr_free_pages();
	val->bufferram = 0;
	val->totalhigh = totalhigh_pages();
	val->freehigh = nr_free_highpages();
	val->mem_unit = PAGE_SIZE;
}

/*
 * Pages that could be had without swapping: free pages above the
 * reserves, plus the page cache and reclaimable slab that could be
 * dropped, each less what reclaim would leave behind.
 */
long si_mem_available(void)
{
	unsigned long wmark_low = 0, pagecache, reclaimable;
	struct zone *zone;
	long available;

	for_each_zone(zone)
		wmark_low += low_wmark_pages(zone);
	available = (long)nr_free_pages() - (long)totalreserve_pages;
	pagecache = global_zone_page_state(NR_FILE_PAGES);
	pagecache -= min(pagecache / 2, wmark_low);
	reclaimable = global_zone_page_state(NR_SLAB_RECLAIMABLE);
	reclaimable -= min(reclaimable / 2, wmark_low);
	available += (long)(pagecache + reclaimable);
	return available < 0 ? 0 : available;
}

/* "Node 0 Normal: 3*4kB 1*8kB ... = 20kB", the free blocks per order. */
static void show_zone_buddy(struct zone *zone)
{
	unsigned long nr[MAX_ORDER], flags, total = 0;
	unsigned int order;

	spin_lock_irqsave(&zone->lock, flags);
	for (order = 0; order < MAX_ORDER; order++)
		nr[order] = zone->free_area[order].nr_free;
	spin_unlock_irqrestore(&zone->lock, flags);
	pr_info("Node 0 %s: ", zone->name);
	for (order = 0; order < MAX_ORDER; order++) {
		pr_cont("%lu*%lukB ", nr[order], (PAGE_SIZE / SZ_1K) << order);
		total += nr[order] << order;
	}
	pr_cont("= %lukB\n", total * (PAGE_SIZE / SZ_1K));
}

/* The free-memory report printed on allocation failure. */
void show_free_areas(void)
{
	unsigned long k = PAGE_SIZE / SZ_1K;
	struct zone *zone;

	for_each_populated_zone(zone) {
		pr_info("Node 0 %s free:%lukB min:%lukB low:%lukB high:%lukB "
			"present:%lukB managed:%lukB\n", zone->name,
			zone_page_state(zone, NR_FREE_PAGES) * k,
			min_wmark_pages(zone) * k, low_wmark_pages(zone) * k,
			high_wmark_pages(zone) * k, zone->present_pages * k,
			zone->managed_pages * k);
	}
	for_each_populated_zone(zone)
		show_zone_buddy(zone);
}
