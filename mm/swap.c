/*
 * The LRU lists (include/linux/swap.h): new page-cache pages go to this
 * CPU's pagevec and from there, fifteen at a time, to the head of their
 * zone's inactive list; mark_page_accessed sets PG_referenced on the
 * first touch and moves the page to the active list on the second; the
 * last put_page takes a page off its list. Follows Linux 4.x's
 * mm/swap.c; leaves out the deactivate and lazy-free pagevecs.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/swap.h>
#include <linux/pagemap.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>

static DEFINE_PER_CPU(struct pagevec, lru_add_pvec);

void pagevec_release(struct pagevec *pvec)
{
	for (unsigned int i = 0; i < pvec->nr; i++)
		put_page(pvec->pages[i]);
	pvec->nr = 0;
}

/* Puts one page on its list (zone->lru_lock held); unevictable if its mapping is (tmpfs). */
static void __lru_add_page(struct page *page, struct zone *zone)
{
	if (page->mapping && mapping_unevictable(page->mapping))
		SetPageUnevictable(page);
	WARN_ON(PageLRU(page));
	SetPageLRU(page);
	add_page_to_lru_list(page, zone, page_lru(page));
}

static void lru_add_page(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;

	spin_lock_irqsave(&zone->lru_lock, flags);
	__lru_add_page(page, zone);
	spin_unlock_irqrestore(&zone->lru_lock, flags);
}

/*
 * Empties @pvec onto the LRU lists, taking each zone's lock once for a
 * run of its pages, then drops the pagevec's references (outside the
 * lock: a last put_page takes it again).
 */
static void __pagevec_lru_add(struct pagevec *pvec)
{
	struct zone *locked = NULL;
	unsigned long flags = 0;

	for (unsigned int i = 0; i < pvec->nr; i++) {
		struct zone *zone = page_zone(pvec->pages[i]);

		if (zone != locked) {
			if (locked)
				spin_unlock_irqrestore(&locked->lru_lock, flags);
			spin_lock_irqsave(&zone->lru_lock, flags);
			locked = zone;
		}
		__lru_add_page(pvec->pages[i], zone);
	}
	if (locked)
		spin_unlock_irqrestore(&locked->lru_lock, flags);
	pagevec_release(pvec);
}

void lru_cache_add(struct page *page)
{
	struct pagevec *pvec;

	get_page(page);		/* the pagevec's, until the page is on its list */
	preempt_disable();
	pvec = this_cpu_ptr(&lru_add_pvec);
	if (!pagevec_add(pvec, page))
		__pagevec_lru_add(pvec);
	preempt_enable();
}

void lru_cache_add_file(struct page *page)
{
	lru_cache_add(page);
}

void lru_add_drain(void)
{
	preempt_disable();
	__pagevec_lru_add(this_cpu_ptr(&lru_add_pvec));
	preempt_enable();
}

/*
 * Every CPU's pagevec. With one hart that is ours; SMP will need each CPU
 * to drain its own (Linux queues work on each), as drain_all_pages does.
 */
void lru_add_drain_all(void)
{
	lru_add_drain();
}

void activate_page(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;

	spin_lock_irqsave(&zone->lru_lock, flags);
	if (PageLRU(page) && !PageActive(page) && !PageUnevictable(page)) {
		del_page_from_lru_list(page, zone, page_lru(page));
		SetPageActive(page);
		add_page_to_lru_list(page, zone, page_lru(page));
		count_vm_event(PGACTIVATE);
	}
	spin_unlock_irqrestore(&zone->lru_lock, flags);
}

/*
 * A page not on an LRU may sit in this CPU's pagevec: then it becomes
 * active there and reaches the active list when the pagevec empties.
 * Any other page off the LRU (isolated by reclaim) is left alone: reclaim
 * decides, and it must never free a page marked active. Linux's
 * __lru_cache_activate_page.
 */
static void __lru_cache_activate_page(struct page *page)
{
	struct pagevec *pvec;

	preempt_disable();
	pvec = this_cpu_ptr(&lru_add_pvec);
	for (unsigned int i = pvec->nr; i-- > 0;) {
		if (pvec->pages[i] == page) {
			SetPageActive(page);
			break;
		}
	}
	preempt_enable();
}

/* inactive,unreferenced -> inactive,referenced -> active,unreferenced. */
void mark_page_accessed(struct page *page)
{
	if (!PageActive(page) && !PageUnevictable(page) && PageReferenced(page)) {
		if (PageLRU(page))
			activate_page(page);
		else
			__lru_cache_activate_page(page);
		ClearPageReferenced(page);
	} else if (!PageReferenced(page)) {
		SetPageReferenced(page);
	}
}

void rotate_reclaimable_page(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;

	spin_lock_irqsave(&zone->lru_lock, flags);
	if (PageLRU(page) && !PageActive(page) && !PageUnevictable(page)) {
		enum lru_list lru = page_lru(page);

		del_page_from_lru_list(page, zone, lru);
		add_page_to_lru_list_tail(page, zone, lru);
		count_vm_event(PGROTATED);
	}
	spin_unlock_irqrestore(&zone->lru_lock, flags);
}

int isolate_lru_page(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;
	int ret = -EBUSY;

	spin_lock_irqsave(&zone->lru_lock, flags);
	if (PageLRU(page) && get_page_unless_zero(page)) {
		ClearPageLRU(page);
		del_page_from_lru_list(page, zone, page_lru(page));
		ret = 0;
	}
	spin_unlock_irqrestore(&zone->lru_lock, flags);
	return ret;
}

void putback_lru_page(struct page *page)
{
	lru_add_page(page);
	put_page(page);		/* isolate_lru_page's */
}

/* The page's count reached 0 (mm/page_alloc.c's __put_page): off its list. */
void __page_cache_release(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;

	spin_lock_irqsave(&zone->lru_lock, flags);
	if (PageLRU(page)) {
		ClearPageLRU(page);
		del_page_from_lru_list(page, zone, page_lru(page));
	}
	spin_unlock_irqrestore(&zone->lru_lock, flags);
	__ClearPageActive(page);
	__ClearPageUnevictable(page);
}
