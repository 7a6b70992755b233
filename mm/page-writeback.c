/*
 * Dirty pages and their write-back (include/linux/writeback.h): the
 * dirty limits (Linux's dirty_background_ratio 10 and dirty_ratio 20 of
 * the memory that could hold dirty data), throttling of writers in
 * balance_dirty_pages_ratelimited, dirtying and cleaning a page with its
 * radix-tree tags and counters, and walking a mapping's dirty pages
 * (seed 003's WRITE stack: do_writepages -> generic_writepages ->
 * write_cache_pages -> __writepage -> a_ops->writepage). Follows Linux
 * 4.x; the throttled writer writes its own mapping's pages (as Linux 2.6
 * did) instead of Linux's proportional pauses, and highmem counts as
 * dirtyable memory.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/pagemap.h>
#include <linux/rmap.h>
#include <linux/writeback.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include <linux/percpu.h>
#include <linux/delay.h>

int dirty_background_ratio = 10;
int vm_dirty_ratio = 20;
unsigned int dirty_writeback_interval = 5 * 100;	/* centiseconds */
unsigned int dirty_expire_interval = 30 * 100;

/* Pages a task may dirty between two looks at the limits. */
#define RATELIMIT_PAGES		32
/* What a throttled writer writes of its own mapping per round. */
#define WRITE_CHUNK		(4 * RATELIMIT_PAGES)

static DEFINE_PER_CPU(unsigned int, bdp_ratelimits);

/* ---- the limits ---------------------------------------------------------------- */

/* Memory that could hold dirty page cache: free pages and the file LRUs. */
static unsigned long global_dirtyable_memory(void)
{
	return global_zone_page_state(NR_FREE_PAGES) +
	       global_zone_page_state(NR_ACTIVE_FILE) +
	       global_zone_page_state(NR_INACTIVE_FILE);
}

void global_dirty_limits(unsigned long *pbackground, unsigned long *pdirty)
{
	unsigned long avail = global_dirtyable_memory();
	unsigned long dirty = avail * (unsigned long)vm_dirty_ratio / 100;
	unsigned long background = avail * (unsigned long)dirty_background_ratio / 100;

	if (background >= dirty)
		background = dirty / 2;
	*pbackground = background;
	*pdirty = dirty;
}

static unsigned long nr_dirty_pages(void)
{
	return global_zone_page_state(NR_FILE_DIRTY) + global_zone_page_state(NR_WRITEBACK);
}

bool over_bground_thresh(void)
{
	unsigned long background, dirty;

	global_dirty_limits(&background, &dirty);
	return global_zone_page_state(NR_FILE_DIRTY) > background;
}

/*
 * Above the hard limit the writer pays: it writes a chunk of its own
 * mapping and waits a tick, until dirty + write-back pages are back
 * halfway between the two limits (Linux's "freerun" ceiling). Above the
 * background limit only the flusher is woken.
 */
static void balance_dirty_pages(struct address_space *mapping)
{
	unsigned long background, dirty;

	for (unsigned int round = 0; ; round++) {
		global_dirty_limits(&background, &dirty);
		if (nr_dirty_pages() <= (background + dirty) / 2)
			break;
		wb_start_background_writeback();
		if (nr_dirty_pages() <= dirty)
			break;
		if (global_zone_page_state(NR_FILE_DIRTY)) {
			struct writeback_control wbc = {
				.sync_mode = WB_SYNC_NONE,
				.nr_to_write = WRITE_CHUNK,
				.range_cyclic = 1,
				.range_end = MAX_LFS_FILESIZE,
			};
			do_writepages(mapping, &wbc);
		}
		if (round > 0) {
			blk_flush_current_plug();	/* our own write-back may sit in our plug */
			msleep(10);
		}
		if (round >= 1000) {	/* ten seconds: the device is not keeping up */
			pr_warn("writeback: dirty pages stay above the limit (%lu > %lu)\n",
				nr_dirty_pages(), dirty);
			break;
		}
	}
	if (over_bground_thresh())
		wb_start_background_writeback();
}

void balance_dirty_pages_ratelimited(struct address_space *mapping)
{
	unsigned int *count;
	bool check;

	if (!mapping_cap_account_dirty(mapping))
		return;
	preempt_disable();
	count = this_cpu_ptr(&bdp_ratelimits);
	check = ++*count >= RATELIMIT_PAGES;
	if (check)
		*count = 0;
	preempt_enable();
	if (check)
		balance_dirty_pages(mapping);
}

/* ---- dirtying and cleaning a page ----------------------------------------------- */

void account_page_dirtied(struct page *page, struct address_space *mapping)
{
	if (!mapping_cap_account_dirty(mapping))
		return;
	__inc_zone_page_state(page, NR_FILE_DIRTY);
	__inc_zone_page_state(page, NR_DIRTIED);
}

void account_page_cleaned(struct page *page, struct address_space *mapping)
{
	if (mapping && mapping_cap_account_dirty(mapping))
		__dec_zone_page_state(page, NR_FILE_DIRTY);
}

int __set_page_dirty_no_writeback(struct page *page)
{
	return !TestSetPageDirty(page);
}

int __set_page_dirty_nobuffers(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long flags;

	if (TestSetPageDirty(page))
		return 0;
	if (!mapping)
		return 1;
	spin_lock_irqsave(&mapping->tree_lock, flags);
	if (page->mapping == mapping) {	/* not truncated meanwhile */
		account_page_dirtied(page, mapping);
		radix_tree_tag_set(&mapping->page_tree, page->index, PAGECACHE_TAG_DIRTY);
	}
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
	if (mapping->host && mapping_cap_account_dirty(mapping))
		__mark_inode_dirty(mapping->host, I_DIRTY_PAGES);
	return 1;
}

int set_page_dirty(struct page *page)
{
	struct address_space *mapping = page->mapping;

	if (mapping) {
		int (*spd)(struct page *) = mapping->a_ops ? mapping->a_ops->set_page_dirty : NULL;

		return spd ? spd(page) : __set_page_dirty_buffers(page);
	}
	return !TestSetPageDirty(page);
}

int set_page_dirty_lock(struct page *page)
{
	int ret;

	lock_page(page);
	ret = set_page_dirty(page);
	unlock_page(page);
	return ret;
}

int redirty_page_for_writepage(struct writeback_control *wbc, struct page *page)
{
	wbc->pages_skipped++;
	return __set_page_dirty_nobuffers(page);
}

/*
 * mm/rmap.c replaces this weak default (the host tests map no pages):
 * write-protect and clean the PTEs mapping @page; how many were dirty.
 */
__attribute__((weak)) int page_mkclean(struct page *page)
{
	return 0;
}

int clear_page_dirty_for_io(struct page *page)
{
	struct address_space *mapping = page->mapping;

	WARN_ON(!PageLocked(page));
	/* writes through user mappings: the PTEs' D bits join PG_dirty, and the next write faults */
	if (mapping && page_mapped(page) && page_mkclean(page))
		set_page_dirty(page);
	if (TestClearPageDirty(page)) {
		account_page_cleaned(page, mapping);
		return 1;
	}
	return 0;
}

void cancel_dirty_page(struct page *page)
{
	if (PageDirty(page) && TestClearPageDirty(page))
		account_page_cleaned(page, page->mapping);
}

/*
 * PG_writeback on, with the WRITEBACK tag; the DIRTY tag goes if the page
 * is clean now, TOWRITE in any case. Returns 1 if it was already set.
 */
int test_set_page_writeback(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long flags;
	int ret;

	if (!mapping) {
		ret = TestSetPageWriteback(page);
		if (!ret)
			__inc_zone_page_state(page, NR_WRITEBACK);
		return ret;
	}
	spin_lock_irqsave(&mapping->tree_lock, flags);
	ret = TestSetPageWriteback(page);
	if (!ret) {
		radix_tree_tag_set(&mapping->page_tree, page->index, PAGECACHE_TAG_WRITEBACK);
		__inc_zone_page_state(page, NR_WRITEBACK);
	}
	if (!PageDirty(page))
		radix_tree_tag_clear(&mapping->page_tree, page->index, PAGECACHE_TAG_DIRTY);
	radix_tree_tag_clear(&mapping->page_tree, page->index, PAGECACHE_TAG_TOWRITE);
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
	return ret;
}

/* PG_writeback off and counted as written; any context (bio completion). */
int test_clear_page_writeback(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long flags = 0;
	int ret;

	if (mapping)
		spin_lock_irqsave(&mapping->tree_lock, flags);
	ret = TestClearPageWriteback(page);
	if (ret && mapping && page->mapping == mapping)
		radix_tree_tag_clear(&mapping->page_tree, page->index, PAGECACHE_TAG_WRITEBACK);
	if (mapping)
		spin_unlock_irqrestore(&mapping->tree_lock, flags);
	if (ret) {
		__dec_zone_page_state(page, NR_WRITEBACK);
		__inc_zone_page_state(page, NR_WRITTEN);
	}
	return ret;
}

/* ---- walking a mapping's dirty pages ------------------------------------------- */

/* For WB_SYNC_ALL: tag the pages dirty now TOWRITE, so pages dirtied later do not keep us going. */
static void tag_pages_for_writeback(struct address_space *mapping, pgoff_t start, pgoff_t end)
{
	struct page *pages[PAGEVEC_SIZE];
	unsigned long flags;
	unsigned int n;

	do {
		spin_lock_irqsave(&mapping->tree_lock, flags);
		n = radix_tree_gang_lookup_tag(&mapping->page_tree, (void **)pages, start,
					       PAGEVEC_SIZE, PAGECACHE_TAG_DIRTY);
		for (unsigned int i = 0; i < n; i++) {
			if (pages[i]->index > end) {
				n = i;
				break;
			}
			radix_tree_tag_set(&mapping->page_tree, pages[i]->index,
					   PAGECACHE_TAG_TOWRITE);
		}
		spin_unlock_irqrestore(&mapping->tree_lock, flags);
		if (n)
			start = pages[n - 1]->index + 1;
	} while (n == PAGEVEC_SIZE && start);
}

/*
 * Writes one page found dirty by write_cache_pages: locks it, skips it if
 * it was truncated or cleaned meanwhile, waits for (or, WB_SYNC_NONE,
 * skips) a write-back in flight, clears its dirty bit and calls
 * @writepage. Returns 1 if written, 0 if skipped, or -Exxx.
 */
static int write_cache_page(struct address_space *mapping, struct page *page,
			    struct writeback_control *wbc, writepage_t writepage, void *data)
{
	lock_page(page);
	if (page->mapping != mapping || !PageDirty(page))
		goto skip;
	if (PageWriteback(page)) {
		if (wbc->sync_mode == WB_SYNC_NONE)
			goto skip;
		wait_on_page_writeback(page);
	}
	if (!clear_page_dirty_for_io(page))
		goto skip;
	{
		int ret = writepage(page, wbc, data);	/* unlocks the page */

		return ret < 0 ? ret : 1;
	}
skip:
	unlock_page(page);
	return 0;
}

/*
 * Writes the dirty pages of @mapping in the range of @wbc (or cyclically
 * from writeback_index) with @writepage, stopping when nr_to_write is
 * used up (WB_SYNC_NONE) or, for WB_SYNC_ALL, after every page that was
 * dirty when it started. Returns 0 or the first error.
 */
int write_cache_pages(struct address_space *mapping, struct writeback_control *wbc,
		      writepage_t writepage, void *data)
{
	int tag = wbc->sync_mode == WB_SYNC_ALL ? PAGECACHE_TAG_TOWRITE : PAGECACHE_TAG_DIRTY;
	pgoff_t index, end, done_index;
	bool cycled, done = false;
	struct page *pages[PAGEVEC_SIZE];
	int error = 0;

	if (wbc->range_cyclic) {
		index = mapping->writeback_index;
		end = (pgoff_t)-1;
		cycled = index == 0;
	} else {
		index = (pgoff_t)(wbc->range_start >> PAGE_SHIFT);
		end = (pgoff_t)(wbc->range_end >> PAGE_SHIFT);
		cycled = true;
	}
retry:
	if (wbc->sync_mode == WB_SYNC_ALL)
		tag_pages_for_writeback(mapping, index, end);
	done_index = index;
	while (!done && index <= end) {
		unsigned int n = find_get_pages_tag(mapping, &index, tag, PAGEVEC_SIZE, pages);

		if (!n)
			break;
		for (unsigned int i = 0; i < n; i++) {
			struct page *page = pages[i];
			int ret;

			if (done || page->index > end) {
				done = done || page->index > end;
				put_page(page);
				continue;
			}
			done_index = page->index;
			ret = write_cache_page(mapping, page, wbc, writepage, data);
			put_page(page);
			if (ret < 0 && !error)
				error = ret;
			if (ret < 0 && wbc->sync_mode == WB_SYNC_NONE)
				done = true;
			if (ret > 0 && --wbc->nr_to_write <= 0 && wbc->sync_mode == WB_SYNC_NONE)
				done = true;
			done_index = page->index + 1;
		}
		if (!index)
			break;	/* wrapped past the last index */
	}
	if (!cycled && !done) {	/* wrap around once to write what lies before writeback_index */
		cycled = true;
		end = mapping->writeback_index - 1;
		index = 0;
		goto retry;
	}
	if (wbc->range_cyclic)
		mapping->writeback_index = done_index;
	return error;
}

/* Seed 003's __writepage: one page through a_ops->writepage, errors kept on the mapping. */
static int __writepage(struct page *page, struct writeback_control *wbc, void *data)
{
	struct address_space *mapping = data;
	int ret = mapping->a_ops->writepage(page, wbc);

	mapping_set_error(mapping, ret);
	return ret;
}

int generic_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	struct blk_plug plug;
	int ret;

	if (!mapping->a_ops->writepage)
		return 0;
	blk_start_plug(&plug);
	ret = write_cache_pages(mapping, wbc, __writepage, mapping);
	blk_finish_plug(&plug);
	return ret;
}

int do_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	if (wbc->nr_to_write <= 0)
		return 0;
	if (mapping->a_ops->writepages)
		return mapping->a_ops->writepages(mapping, wbc);
	return generic_writepages(mapping, wbc);
}

int write_one_page(struct page *page)
{
	struct address_space *mapping = page->mapping;
	struct writeback_control wbc = { .sync_mode = WB_SYNC_ALL, .nr_to_write = 1 };
	int ret = 0;

	WARN_ON(!PageLocked(page));
	wait_on_page_writeback(page);
	if (!clear_page_dirty_for_io(page)) {
		unlock_page(page);
		return 0;
	}
	get_page(page);
	ret = mapping->a_ops->writepage(page, &wbc);
	if (ret == 0) {
		wait_on_page_writeback(page);
		if (TestClearPageError(page))
			ret = -EIO;
	}
	put_page(page);
	return ret;
}
