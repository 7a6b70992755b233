/*
 * Moving pages on and off a zone's LRU lists with their counters (Linux's
 * mm_inline.h). Callers hold zone->lru_lock with interrupts off.
 */
#ifndef _LINUX_MM_INLINE_H
#define _LINUX_MM_INLINE_H

#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/page-flags.h>

/* File cache, as opposed to RAM-backed (tmpfs, anonymous) pages. */
static inline bool page_is_file_cache(const struct page *page)
{
	return !PageSwapBacked(page);
}

/* The list @page belongs on, from its flags. */
static inline enum lru_list page_lru(const struct page *page)
{
	enum lru_list lru;

	if (PageUnevictable(page))
		return LRU_UNEVICTABLE;
	lru = page_is_file_cache(page) ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;
	return PageActive(page) ? (enum lru_list)(lru + 1) : lru;
}

static inline enum zone_stat_item lru_stat_item(enum lru_list lru)
{
	static const enum zone_stat_item items[NR_LRU_LISTS] = {
		NR_INACTIVE_ANON, NR_ACTIVE_ANON, NR_INACTIVE_FILE, NR_ACTIVE_FILE,
		NR_UNEVICTABLE,
	};
	return items[lru];
}

static inline void add_page_to_lru_list(struct page *page, struct zone *zone, enum lru_list lru)
{
	list_add(&page->lru, &zone->lru[lru]);
	__mod_zone_page_state(zone, lru_stat_item(lru), 1);
}

static inline void add_page_to_lru_list_tail(struct page *page, struct zone *zone,
					     enum lru_list lru)
{
	list_add_tail(&page->lru, &zone->lru[lru]);
	__mod_zone_page_state(zone, lru_stat_item(lru), 1);
}

static inline void del_page_from_lru_list(struct page *page, struct zone *zone, enum lru_list lru)
{
	list_del(&page->lru);
	__mod_zone_page_state(zone, lru_stat_item(lru), -1);
}

#endif
