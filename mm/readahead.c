/*
 * Readahead (include/linux/pagemap.h): reading a file's pages before they
 * are asked for. Each open file has a window (file_ra_state: start, size,
 * async_size); a miss starts a window sized from the request
 * (page_cache_sync_readahead), and reaching the page marked PG_readahead
 * inside it reads the next, larger window (page_cache_async_readahead),
 * doubling or quadrupling up to ra_pages. A miss far from the previous
 * read reads just what was asked. Seed 003's READ stack:
 * page_cache_sync_readahead -> ondemand_readahead ->
 * __do_page_cache_readahead -> read_pages -> a_ops->readpages. Follows
 * Linux 4.x's on-demand algorithm; leaves out context readahead (the page
 * cache history of interleaved readers) and thrashing detection.
 */
#include <linux/kernel.h>
#include <linux/pagemap.h>
#include <linux/swap.h>
#include <linux/blkdev.h>

void file_ra_state_init(struct file_ra_state *ra, struct address_space *mapping)
{
	ra->start = 0;
	ra->size = 0;
	ra->async_size = 0;
	ra->ra_pages = VM_READAHEAD_PAGES;
	ra->prev_pos = -1;
}

/* The first window for a read of @size pages: room to grow, at most @max. */
static unsigned long get_init_ra_size(unsigned long size, unsigned long max)
{
	unsigned long n = 1;

	while (n < size)
		n <<= 1;
	if (n <= max / 32)
		n *= 4;
	else if (n <= max / 4)
		n *= 2;
	else
		n = max;
	return n;
}

/* The window after @cur pages: four times as big while small, then twice, at most @max. */
static unsigned long get_next_ra_size(unsigned long cur, unsigned long max)
{
	return min(cur < max / 16 ? 4 * cur : 2 * cur, max);
}

/*
 * Hands @pages (off the cache, one reference each, tail = lowest index)
 * to a_ops->readpages, or adds and reads them one by one with readpage.
 * Plugged, so their bios merge into few requests. What is left on the
 * list afterwards is freed.
 */
static void read_pages(struct address_space *mapping, struct file *filp,
		       struct list_head *pages, unsigned int nr_pages, gfp_t gfp)
{
	struct blk_plug plug;

	blk_start_plug(&plug);
	if (mapping->a_ops->readpages) {
		mapping->a_ops->readpages(filp, mapping, pages, nr_pages);
	} else {
		while (!list_empty(pages)) {
			struct page *page = list_entry(pages->prev, struct page, lru);

			list_del(&page->lru);
			if (!add_to_page_cache_lru(page, mapping, page->index, gfp))
				mapping->a_ops->readpage(filp, page);
			put_page(page);
		}
	}
	while (!list_empty(pages)) {
		struct page *page = list_entry(pages->prev, struct page, lru);

		list_del(&page->lru);
		put_page(page);
	}
	blk_finish_plug(&plug);
}

/* Is page @index of @mapping cached? */
static bool page_cached(struct address_space *mapping, pgoff_t index)
{
	struct page *page = find_get_entry(mapping, index);

	if (page)
		put_page(page);
	return page != NULL;
}

unsigned int __do_page_cache_readahead(struct address_space *mapping, struct file *filp,
				       pgoff_t offset, unsigned long nr_to_read,
				       unsigned long lookahead_size)
{
	gfp_t gfp = mapping_gfp_mask(mapping) | __GFP_NORETRY | __GFP_NOWARN;
	loff_t isize = i_size_read(mapping->host);
	unsigned int nr_pages = 0;
	LIST_HEAD(page_pool);
	pgoff_t end_index;

	if (isize <= 0)
		return 0;
	end_index = (pgoff_t)((isize - 1) >> PAGE_SHIFT);
	for (unsigned long i = 0; i < nr_to_read; i++) {
		pgoff_t index = offset + i;
		struct page *page;

		if (index > end_index)
			break;
		if (page_cached(mapping, index))
			continue;
		page = __page_cache_alloc(gfp);
		if (!page)
			break;
		page->index = index;
		list_add(&page->lru, &page_pool);
		if (i == nr_to_read - lookahead_size)
			SetPageReadahead(page);
		nr_pages++;
	}
	if (nr_pages)
		read_pages(mapping, filp, &page_pool, nr_pages, gfp);
	return nr_pages;
}

/* Reads the window @ra describes, marking its async part. */
static unsigned int ra_submit(struct file_ra_state *ra, struct address_space *mapping,
			      struct file *filp)
{
	return __do_page_cache_readahead(mapping, filp, ra->start, ra->size, ra->async_size);
}

/* A new window at @offset for a read of @req_size pages, and the next one joined to it. */
static void ra_start_window(struct file_ra_state *ra, pgoff_t offset, unsigned long req_size)
{
	unsigned long max = ra->ra_pages;

	ra->start = offset;
	ra->size = (unsigned int)get_init_ra_size(req_size, max);
	ra->async_size = ra->size > req_size ? ra->size - (unsigned int)req_size : ra->size;
}

/*
 * The readahead decision for a read of @req_size pages at @offset: a
 * sequential read grows the window (from the marker or the window's end),
 * a read at the start of the file or right after the previous one starts
 * a window, anything else (random) reads only what was asked.
 */
static unsigned int ondemand_readahead(struct address_space *mapping,
				       struct file_ra_state *ra, struct file *filp,
				       bool hit_readahead_marker, pgoff_t offset,
				       unsigned long req_size)
{
	unsigned long max = ra->ra_pages;
	pgoff_t prev = (pgoff_t)(ra->prev_pos >> PAGE_SHIFT);

	if (req_size > max)
		req_size = max;
	if (offset && (offset == ra->start + ra->size - ra->async_size ||
		       offset == ra->start + ra->size)) {
		ra->start += ra->size;	/* the expected next window */
		ra->size = (unsigned int)get_next_ra_size(ra->size, max);
		ra->async_size = ra->size;
	} else if (hit_readahead_marker) {
		/* a marker not where we expected it: another reader's window */
		ra->start = offset + 1;
		while (ra->start - offset <= max && page_cached(mapping, ra->start))
			ra->start++;
		if (ra->start - offset > max)
			return 0;
		ra->size = (unsigned int)get_next_ra_size(ra->start - offset + req_size, max);
		ra->async_size = ra->size;
	} else if (!offset || offset - prev <= 1) {	/* prev_pos -1: only offset 0 */
		ra_start_window(ra, offset, req_size);
	} else {
		return __do_page_cache_readahead(mapping, filp, offset, req_size, 0);
	}
	if (offset == ra->start && ra->size == ra->async_size) {
		/* the window starts here: read the next one in the same go */
		ra->async_size = (unsigned int)get_next_ra_size(ra->size, max);
		ra->size += ra->async_size;
	}
	return ra_submit(ra, mapping, filp);
}

void page_cache_sync_readahead(struct address_space *mapping, struct file_ra_state *ra,
			       struct file *filp, pgoff_t offset, unsigned long req_size)
{
	if (!ra->ra_pages)
		return;
	ondemand_readahead(mapping, ra, filp, false, offset, req_size ? req_size : 1);
}

void page_cache_async_readahead(struct address_space *mapping, struct file_ra_state *ra,
				struct file *filp, struct page *page, pgoff_t offset,
				unsigned long req_size)
{
	if (!ra->ra_pages)
		return;
	if (PageWriteback(page))
		return;
	ClearPageReadahead(page);
	ondemand_readahead(mapping, ra, filp, true, offset, req_size ? req_size : 1);
}
