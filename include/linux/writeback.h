/*
 * Write-back (mm/page-writeback.c, fs/fs-writeback.c): how much of a
 * mapping to write and how (writeback_control), the dirty limits with
 * Linux's defaults and /proc/sys/vm names, throttling of writers, and the
 * flusher thread that writes old and excess dirty data in the background.
 */
#ifndef _LINUX_WRITEBACK_H
#define _LINUX_WRITEBACK_H

#include <linux/types.h>
#include <linux/fs.h>

enum writeback_sync_modes {
	WB_SYNC_NONE,	/* start I/O, skip busy pages */
	WB_SYNC_ALL,	/* every dirty page, waiting for locked ones (fsync, sync) */
};

struct writeback_control {
	long nr_to_write;		/* pages left to write; decremented */
	long pages_skipped;
	loff_t range_start, range_end;	/* bytes, inclusive */
	enum writeback_sync_modes sync_mode;
	unsigned for_kupdate:1;		/* the flusher, for expired inodes */
	unsigned for_background:1;	/* the flusher, above the background limit */
	unsigned for_reclaim:1;		/* vmscan's pageout */
	unsigned for_sync:1;		/* sync(2) */
	unsigned range_cyclic:1;	/* from writeback_index, wrapping */
};

static inline int wbc_to_write_flags(const struct writeback_control *wbc)
{
	return wbc->sync_mode == WB_SYNC_ALL ? (1U << 11) /* REQ_SYNC */ : 0;
}

/* The tunables (/proc/sys/vm/), Linux's defaults. */
extern int dirty_background_ratio;		/* 10 (% of dirtyable memory) */
extern int vm_dirty_ratio;			/* 20 */
extern unsigned int dirty_writeback_interval;	/* 500 centiseconds */
extern unsigned int dirty_expire_interval;	/* 3000 centiseconds */

/* Called after dirtying pages of @mapping: wakes the flusher past the background limit, sleeps past the hard one. */
void balance_dirty_pages_ratelimited(struct address_space *mapping);
/* The two limits in pages, from the free and reclaimable memory now. */
void global_dirty_limits(unsigned long *pbackground, unsigned long *pdirty);
/* Starts write-back of everything now (sync, reclaim under pressure). */
void wakeup_flusher_threads(void);
/* Wakes the flusher to write until over_bground_thresh() is false (fs/fs-writeback.c). */
void wb_start_background_writeback(void);
/* Dirty and write-back pages above the background limit? (mm/page-writeback.c) */
bool over_bground_thresh(void);
/* writepage could not write @page now: it stays dirty for a later pass. */
int redirty_page_for_writepage(struct writeback_control *wbc, struct page *page);
/* Boot: starts the flusher kernel thread ("writeback"). */
void writeback_init(void);
/* Writes pages of @mapping (generic_writepages or a_ops->writepages). */
int do_writepages(struct address_space *mapping, struct writeback_control *wbc);
int generic_writepages(struct address_space *mapping, struct writeback_control *wbc);
typedef int (*writepage_t)(struct page *page, struct writeback_control *wbc, void *data);
int write_cache_pages(struct address_space *mapping, struct writeback_control *wbc,
		      writepage_t writepage, void *data);
/* Writes one locked dirty page with a_ops->writepage and waits if asked. 0 or -Exxx. */
int write_one_page(struct page *page);
/* Flusher statistics for the tests: inodes written by age and by the background limit. */
struct writeback_stats {
	unsigned long kupdate_runs, background_runs, pages_written;
};
void writeback_get_stats(struct writeback_stats *st);
/* added by vfs: one pass of the flusher (host tests call it): jiffies until the next periodic pass */
long wb_do_writeback(void);

#endif
