/*
 * Page reclaim (include/linux/swap.h): freeing page-cache pages when
 * memory runs low. Pages are taken from the tail (oldest end) of a zone's
 * inactive file list in batches (shrink_inactive_list); clean ones are
 * dropped from their mapping, dirty ones written first (by kswapd; direct
 * reclaim wakes the flusher instead, as Linux does), pages in use or under
 * write-back kept. The active list is aged into the inactive one while it
 * is the larger (shrink_active_list). kswapd works in the background from
 * a zone's low watermark to its high one; __alloc_pages_slowpath calls
 * try_to_free_pages directly. Shrinkers free dentries and inodes. Follows
 * Linux 4.x's per-zone mm/vmscan.c; no swap (anonymous pages stay), no
 * memory cgroups, no compaction; a mapped file page is unmapped first
 * through the reverse map (mm/rmap.c's try_to_unmap).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/swap.h>
#include <linux/pagemap.h>
#include <linux/rmap.h>
#include <linux/writeback.h>
#include <linux/buffer_head.h>
#include <linux/vmstat.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/delay.h>

#define SWAP_CLUSTER_MAX	32UL	/* pages reclaimed per batch */
#define DEF_PRIORITY		12	/* scan 1/4096 of a list first, all of it at 0 */

#define MAX_RECLAIM_RETRIES	16	/* kswapd runs that free nothing before it gives up */

static struct task_struct *kswapd_task;
static DECLARE_WAIT_QUEUE_HEAD(kswapd_wait);
static bool kswapd_pending;
static bool kswapd_busy;		/* in its reclaim loop */
static DECLARE_WAIT_QUEUE_HEAD(kswapd_idle_wait);	/* kswapd_wait_idle sleeps here */
/* Runs in a row that freed nothing; at MAX_RECLAIM_RETRIES kswapd stops being woken (Linux's kswapd_failures). */
static unsigned int kswapd_failures;

struct scan_control {
	unsigned long nr_to_reclaim;
	unsigned long nr_reclaimed;
	unsigned long nr_scanned;
	gfp_t gfp_mask;
	int priority;
	bool may_writepage;	/* kswapd writes dirty pages; direct reclaim does not */
	bool kswapd;
};

/* ---- freeing one page ---------------------------------------------------------- */

int try_to_release_page(struct page *page, gfp_t gfp)
{
	struct address_space *mapping = page->mapping;

	if (PageWriteback(page))
		return 0;
	if (mapping && mapping->a_ops && mapping->a_ops->releasepage)
		return mapping->a_ops->releasepage(page, gfp);
	return try_to_free_buffers(page);
}

/*
 * Takes locked, clean @page out of @mapping if only the cache and the
 * caller hold it (checked under the tree lock, which every lookup takes),
 * dropping the cache's reference. 1 if it did.
 */
int remove_mapping(struct address_space *mapping, struct page *page)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&mapping->tree_lock, flags);
	if (page->mapping == mapping && page_count(page) == 2 && !PageDirty(page) &&
	    !PageWriteback(page) && !page_has_buffers(page)) {
		__delete_from_page_cache(page);
		ret = 1;
	}
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
	if (ret)
		put_page(page);
	return ret;
}

/*
 * Writes dirty locked @page for reclaim (WB_SYNC_NONE, PG_reclaim so that
 * the end of its write-back moves it to the inactive tail). The page comes
 * back unlocked. Returns true if write-back was started.
 */
static bool pageout(struct page *page, struct address_space *mapping)
{
	struct writeback_control wbc = {
		.sync_mode = WB_SYNC_NONE,
		.nr_to_write = SWAP_CLUSTER_MAX,
		.range_start = 0,
		.range_end = MAX_LFS_FILESIZE,
		.for_reclaim = 1,
	};
	int ret;

	if (!mapping->a_ops->writepage || !clear_page_dirty_for_io(page)) {
		unlock_page(page);
		return false;
	}
	SetPageReclaim(page);
	ret = mapping->a_ops->writepage(page, &wbc);
	mapping_set_error(mapping, ret < 0 ? ret : 0);
	if (!PageWriteback(page))
		ClearPageReclaim(page);
	return ret == 0;
}

enum page_verdict { KEEP, KEEP_LOCKED, FREED };

/*
 * mm/rmap.c replaces this weak default (the host tests map no pages):
 * unmap @page from every address space; true if nothing maps it now.
 */
__attribute__((weak)) bool try_to_unmap(struct page *page)
{
	return !page_mapped(page);
}

/*
 * A mapped page-cache page: keep it if it was used lately (PG_referenced,
 * cleared for the next pass), else unmap it everywhere (try_to_unmap
 * moves the PTEs' dirty bits to it). True if it is unmapped now.
 */
static bool unmap_for_reclaim(struct page *page)
{
	if (TestClearPageReferenced(page))
		return false;
	return try_to_unmap(page);
}

/*
 * What reclaim does with isolated, locked @page: keep it (in use, dirty,
 * under write-back, mapped) or drop it from its mapping. Dirty pages are
 * written when @sc allows and kept for the next pass.
 */
static enum page_verdict reclaim_one_page(struct page *page, struct scan_control *sc)
{
	struct address_space *mapping = page->mapping;
	bool referenced;

	if (PageWriteback(page)) {
		SetPageReclaim(page);
		return KEEP_LOCKED;
	}
	if (PageActive(page))
		return KEEP_LOCKED;	/* used again since it was isolated: back to the active list */
	if (!mapping && page_has_buffers(page)) {
		/* truncated while its buffers were busy: free them now if we can */
		if (try_to_free_buffers(page) && page_count(page) == 1)
			return FREED;
		return KEEP_LOCKED;
	}
	if (!mapping || PageUnevictable(page) || PageSwapBacked(page))
		return KEEP_LOCKED;
	if (page_mapped(page) && !unmap_for_reclaim(page))
		return KEEP_LOCKED;
	referenced = TestClearPageReferenced(page);
	if (PageDirty(page)) {
		if (referenced || !sc->may_writepage)
			return KEEP_LOCKED;	/* the flusher writes it, or a later pass */
		pageout(page, mapping);
		return KEEP;
	}
	if (page_has_buffers(page) && !try_to_release_page(page, sc->gfp_mask))
		return KEEP_LOCKED;
	if (!remove_mapping(mapping, page))
		return KEEP_LOCKED;
	return FREED;
}

/*
 * Reclaims what it can of @pages (isolated, each with our reference):
 * freed pages go back to the allocator, the others back onto their lists.
 * Returns the pages freed.
 */
static unsigned long shrink_page_list(struct list_head *pages, struct scan_control *sc)
{
	unsigned long freed = 0;

	while (!list_empty(pages)) {
		struct page *page = list_entry(pages->prev, struct page, lru);
		enum page_verdict v = KEEP;

		list_del(&page->lru);
		if (trylock_page(page))
			v = reclaim_one_page(page, sc);
		if (v == KEEP_LOCKED)
			unlock_page(page);
		if (v == FREED) {
			unlock_page(page);
			put_page(page);		/* the last reference: back to the allocator */
			freed++;
		} else {
			putback_lru_page(page);
		}
	}
	return freed;
}

/* ---- the lists ----------------------------------------------------------------- */

/* Moves up to @nr pages from the tail of @lru to @dst, with a reference each. */
static unsigned long isolate_lru_pages(struct zone *zone, enum lru_list lru,
				       unsigned long nr, struct list_head *dst)
{
	struct list_head *src = &zone->lru[lru];
	unsigned long taken = 0, scanned = 0, flags;

	spin_lock_irqsave(&zone->lru_lock, flags);
	while (scanned < nr && !list_empty(src)) {
		struct page *page = list_entry(src->prev, struct page, lru);

		scanned++;
		if (!get_page_unless_zero(page)) {	/* being freed: leave it */
			list_move(&page->lru, src);
			continue;
		}
		ClearPageLRU(page);
		del_page_from_lru_list(page, zone, lru);
		list_add(&page->lru, dst);
		taken++;
	}
	spin_unlock_irqrestore(&zone->lru_lock, flags);
	return taken;
}

static unsigned long shrink_inactive_list(unsigned long nr, struct zone *zone,
					  struct scan_control *sc)
{
	LIST_HEAD(pages);
	unsigned long taken = isolate_lru_pages(zone, LRU_INACTIVE_FILE, nr, &pages);
	unsigned long freed;

	count_vm_events(sc->kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, taken);
	sc->nr_scanned += taken;
	freed = shrink_page_list(&pages, sc);
	count_vm_events(sc->kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, freed);
	return freed;
}

/* Ages up to @nr active pages onto the inactive list (their PG_referenced kept). */
static void shrink_active_list(unsigned long nr, struct zone *zone)
{
	LIST_HEAD(pages);
	unsigned long taken = isolate_lru_pages(zone, LRU_ACTIVE_FILE, nr, &pages);

	count_vm_events(PGREFILL, taken);
	while (!list_empty(&pages)) {
		struct page *page = list_entry(pages.prev, struct page, lru);

		list_del(&page->lru);
		ClearPageActive(page);
		putback_lru_page(page);
	}
	count_vm_events(PGDEACTIVATE, taken);
}

/* Linux 4.x's inactive_file_is_low: keep the active list no bigger than the inactive. */
static bool inactive_file_is_low(struct zone *zone)
{
	return zone_page_state(zone, NR_ACTIVE_FILE) > zone_page_state(zone, NR_INACTIVE_FILE);
}

/* One pass over @zone at sc->priority: 1/2^priority of its file pages. */
static void shrink_zone(struct zone *zone, struct scan_control *sc)
{
	unsigned long inactive = zone_page_state(zone, NR_INACTIVE_FILE);
	unsigned long active = zone_page_state(zone, NR_ACTIVE_FILE);
	unsigned long target = (inactive + active) >> sc->priority;

	if (!target && sc->priority < DEF_PRIORITY - 2)
		target = min(inactive + active, SWAP_CLUSTER_MAX);
	while (target) {
		unsigned long batch = min(target, SWAP_CLUSTER_MAX);

		if (inactive_file_is_low(zone))
			shrink_active_list(batch, zone);
		sc->nr_reclaimed += shrink_inactive_list(batch, zone, sc);
		target -= batch;
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
	}
}

/* ---- shrinkers ----------------------------------------------------------------- */

static LIST_HEAD(shrinker_list);
static DEFINE_MUTEX(shrinker_mutex);

int register_shrinker(struct shrinker *s)
{
	mutex_lock(&shrinker_mutex);
	list_add_tail(&s->list, &shrinker_list);
	mutex_unlock(&shrinker_mutex);
	return 0;
}

void unregister_shrinker(struct shrinker *s)
{
	mutex_lock(&shrinker_mutex);
	list_del(&s->list);
	mutex_unlock(&shrinker_mutex);
}

/* Asks @s to free its share: as many objects as pages were scanned, in proportion. */
static unsigned long do_shrink_slab(struct shrinker *s, gfp_t gfp, unsigned long scanned,
				    unsigned long eligible)
{
	struct shrink_control sc = { .gfp_mask = gfp };
	unsigned long count = s->count_objects(s, &sc), todo, freed = 0;

	if (!count)
		return 0;
	todo = (unsigned long)((u64)2 * scanned * count / (eligible + 1)) + 1;
	todo = min(todo, 2 * count);
	while (todo) {
		unsigned long n;

		sc.nr_to_scan = min(todo, 128UL);
		n = s->scan_objects(s, &sc);
		if (n == SHRINK_STOP)
			break;
		count_vm_events(SLABS_SCANNED, sc.nr_to_scan);
		freed += n;
		todo -= sc.nr_to_scan;
	}
	return freed;
}

unsigned long shrink_slab(gfp_t gfp, unsigned long scanned, unsigned long eligible)
{
	struct shrinker *s;
	unsigned long freed = 0;

	if (!mutex_trylock(&shrinker_mutex))
		return 0;	/* another reclaimer is in there */
	list_for_each_entry(s, &shrinker_list, list)
		freed += do_shrink_slab(s, gfp, scanned, eligible);
	mutex_unlock(&shrinker_mutex);
	return freed;
}

static unsigned long file_lru_pages(void)
{
	return global_zone_page_state(NR_ACTIVE_FILE) + global_zone_page_state(NR_INACTIVE_FILE);
}

/* ---- direct reclaim ------------------------------------------------------------ */

/*
 * The allocator's direct reclaim (__alloc_pages_slowpath): scan the zones
 * the request may use at rising priority until SWAP_CLUSTER_MAX pages are
 * freed. It does not write pages (the caller may hold file-system locks,
 * and its stack is deep); dirty pages found make it wake the flusher. The
 * shrinkers run only in kswapd and drop_caches, for the same reason.
 */
unsigned long try_to_free_pages(struct zonelist *zonelist, int order, gfp_t gfp_mask,
				nodemask_t *nodemask)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = gfp_mask,
	};
	enum zone_type high = gfp_zone(gfp_mask);
	struct zoneref *z;
	struct zone *zone;

	if (READ_ONCE(kswapd_pending))
		yield();	/* the scheduler is cooperative: let kswapd have its go first */
	lru_add_drain();
	for (sc.priority = DEF_PRIORITY; sc.priority >= 0; sc.priority--) {
		for_each_zone_zonelist(zone, z, zonelist, high)
			shrink_zone(zone, &sc);
		if (sc.nr_reclaimed >= sc.nr_to_reclaim)
			break;
		if (sc.priority < DEF_PRIORITY - 2 && global_zone_page_state(NR_FILE_DIRTY))
			wakeup_flusher_threads();
	}
	if (sc.nr_reclaimed)
		WRITE_ONCE(kswapd_failures, 0);
	return sc.nr_reclaimed;
}

/* ---- kswapd -------------------------------------------------------------------- */


static bool zone_balanced(struct zone *zone, unsigned long mark)
{
	return zone_watermark_ok(zone, 0, mark, 0, 0);
}

void wakeup_kswapd(struct zone *zone, int order)
{
	if (!kswapd_task || !populated_zone(zone) || zone_balanced(zone, low_wmark_pages(zone)))
		return;
	if (READ_ONCE(kswapd_failures) >= MAX_RECLAIM_RETRIES)
		return;		/* hopeless until direct reclaim frees something */
	WRITE_ONCE(kswapd_pending, true);
	wake_up(&kswapd_wait);
}

/* Any zone below its high watermark? */
static bool pgdat_needs_reclaim(void)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		if (!zone_balanced(zone, high_wmark_pages(zone)))
			return true;
	return false;
}

/*
 * Reclaims from every zone below its high watermark, priority rising
 * until they are all above it; writes dirty pages; runs the shrinkers.
 * Returns the pages freed.
 */
static unsigned long balance_pgdat(void)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .may_writepage = true, .kswapd = true };
	unsigned long total = 0;
	struct zone *zone;

	count_vm_event(PAGEOUTRUN);
	for (sc.priority = DEF_PRIORITY; sc.priority >= 0 && pgdat_needs_reclaim(); sc.priority--) {
		unsigned long scanned = sc.nr_scanned;

		sc.nr_reclaimed = 0;
		for_each_populated_zone(zone) {
			unsigned long high = high_wmark_pages(zone);

			if (zone_balanced(zone, high))
				continue;
			sc.nr_to_reclaim = max(high - min(high, zone_page_state(zone, NR_FREE_PAGES)),
					       SWAP_CLUSTER_MAX);
			shrink_zone(zone, &sc);
		}
		shrink_slab(GFP_KERNEL, sc.nr_scanned - scanned, file_lru_pages() + 1);
		total += sc.nr_reclaimed;
		yield();	/* cooperative scheduling: let the writers and the flusher run */
	}
	return total;
}

/* The kswapd thread: sleeps until an allocation finds a zone below its low watermark. */
static int kswapd(void *unused)
{
	while (!kthread_should_stop()) {
		wait_event(kswapd_wait, READ_ONCE(kswapd_pending) || kthread_should_stop());
		WRITE_ONCE(kswapd_busy, true);
		WRITE_ONCE(kswapd_pending, false);
		lru_add_drain();
		while (pgdat_needs_reclaim() && !kthread_should_stop() &&
		       kswapd_failures < MAX_RECLAIM_RETRIES) {
			if (balance_pgdat()) {
				kswapd_failures = 0;
			} else {
				kswapd_failures++;
				msleep(20);	/* maybe only pages under write-back left: let the I/O finish */
			}
		}
		WRITE_ONCE(kswapd_busy, false);
		wake_up(&kswapd_idle_wait);
	}
	return 0;
}

/*
 * Sleep until kswapd has no reclaim running or asked for: a caller that
 * counts free pages (a ktest) is then not racing it. Process context.
 */
void kswapd_wait_idle(void)
{
	if (!kswapd_task)
		return;
	wait_event(kswapd_idle_wait,
		   !READ_ONCE(kswapd_busy) && !READ_ONCE(kswapd_pending));
}

void kswapd_init(void)
{
	struct task_struct *t = kthread_run(kswapd, NULL, "kswapd0");

	if (IS_ERR_OR_NULL(t)) {
		pr_warn("vmscan: no kswapd thread (%ld): reclaim is direct only\n",
			t ? PTR_ERR(t) : -ENOMEM);
		return;
	}
	kswapd_task = t;
}

/* ---- drop_caches and shrink_all_memory ----------------------------------------- */

/* Drops every clean, unused page-cache page of every zone (drop_caches 1). */
static unsigned long drop_pagecache(void)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .nr_to_reclaim = ~0UL, .priority = 0 };
	unsigned long freed = 0;
	struct zone *zone;

	lru_add_drain_all();
	for_each_populated_zone(zone) {
		unsigned long n = zone_page_state(zone, NR_ACTIVE_FILE);

		shrink_active_list(n, zone);
		n = zone_page_state(zone, NR_INACTIVE_FILE);
		while (n) {
			unsigned long batch = min(n, SWAP_CLUSTER_MAX);

			freed += shrink_inactive_list(batch, zone, &sc);
			n -= batch;
		}
	}
	return freed;
}

/* Frees dentries and inodes until a round frees fewer than ten (Linux's drop_slab). */
static void drop_slab(void)
{
	unsigned long freed;

	do {
		freed = shrink_slab(GFP_KERNEL, 1000, 1000);
	} while (freed > 10);
}

void drop_caches(int mode)
{
	if (mode & 1) {
		drop_pagecache();
		count_vm_event(DROP_PAGECACHE);
	}
	if (mode & 2) {
		drop_slab();
		count_vm_event(DROP_SLAB);
	}
}

unsigned long shrink_all_memory(unsigned long nr)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .nr_to_reclaim = nr,
				   .may_writepage = true };
	struct zone *zone;

	lru_add_drain();
	for (sc.priority = DEF_PRIORITY; sc.priority >= 0 && sc.nr_reclaimed < nr; sc.priority--)
		for_each_populated_zone(zone)
			shrink_zone(zone, &sc);
	return sc.nr_reclaimed;
}
