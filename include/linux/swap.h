/*
 * The LRU lists and reclaim (mm/swap.c, mm/vmscan.c): file pages on an
 * active and an inactive list per zone, added through a per-CPU pagevec,
 * promoted by mark_page_accessed on their second touch, and reclaimed by
 * kswapd below the low watermark or directly by an allocation that cannot
 * be met. No swap: anonymous pages are never reclaimed.
 */
#ifndef _LINUX_SWAP_H
#define _LINUX_SWAP_H

#include <linux/types.h>
#include <linux/mm.h>
#include <linux/mmzone.h>

struct address_space;

#define PAGEVEC_SIZE	15

struct pagevec {
	unsigned int nr;
	struct page *pages[PAGEVEC_SIZE];
};

static inline void pagevec_init(struct pagevec *pvec) { pvec->nr = 0; }
static inline unsigned int pagevec_count(const struct pagevec *pvec) { return pvec->nr; }
static inline unsigned int pagevec_space(const struct pagevec *pvec) { return PAGEVEC_SIZE - pvec->nr; }
/* Adds @page; returns the room left (0: full, release it). */
static inline unsigned int pagevec_add(struct pagevec *pvec, struct page *page)
{
	pvec->pages[pvec->nr++] = page;
	return pagevec_space(pvec);
}
/* Drops the references of every page in @pvec (put_page). */
void pagevec_release(struct pagevec *pvec);

/* mm/swap.c */
/* Puts a new page (its reference taken) on the inactive file LRU through this CPU's pagevec. */
void lru_cache_add(struct page *page);
void lru_cache_add_file(struct page *page);
/* Puts the pagevec's pages on their LRU lists now. */
void lru_add_drain(void);
void lru_add_drain_all(void);
/* inactive,unreferenced -> inactive,referenced -> active,unreferenced (seed 003's second touch). */
void mark_page_accessed(struct page *page);
void activate_page(struct page *page);
/* Write-back of a page reclaim wanted ended: move it to the inactive tail to be freed next. */
void rotate_reclaimable_page(struct page *page);
/* Takes @page off its LRU list with a reference of its own: 0, or -EBUSY if it was not on one. */
int isolate_lru_page(struct page *page);
/* Puts an isolated page back on its list and drops the isolation's reference. */
void putback_lru_page(struct page *page);
/* Drops a locked, clean page the caller holds from @mapping if nobody else uses it: 1 if it did. */
int remove_mapping(struct address_space *mapping, struct page *page);

/* mm/vmscan.c */
/* Reclaims at least @nr pages from every zone's file lists (drop_caches uses the LRU instead). */
unsigned long shrink_all_memory(unsigned long nr);
/* Boot: the kswapd thread. */
void kswapd_init(void);
/* /proc/sys/vm/drop_caches: 1 page cache, 2 dentries and inodes, 3 both. */
void drop_caches(int mode);

/* A cache the VM can ask to shrink (dentries, inodes). */
struct shrink_control {
	gfp_t gfp_mask;
	unsigned long nr_to_scan;
};
struct shrinker {
	unsigned long (*count_objects)(struct shrinker *s, struct shrink_control *sc);
	/* Frees up to sc->nr_to_scan objects; how many, or SHRINK_STOP. */
	unsigned long (*scan_objects)(struct shrinker *s, struct shrink_control *sc);
	struct list_head list;
};
#define SHRINK_STOP	(~0UL)
int register_shrinker(struct shrinker *s);
void unregister_shrinker(struct shrinker *s);
/* Runs every shrinker for roughly @scanned of @eligible LRU pages; objects freed. */
unsigned long shrink_slab(gfp_t gfp, unsigned long scanned, unsigned long eligible);

#endif
