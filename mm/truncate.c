/*
 * Dropping page-cache pages (include/linux/pagemap.h): truncation of a
 * file's pages past a new size (partial pages zeroed, buffers
 * invalidated, dirty state cancelled, waiting for write-back in flight),
 * and invalidation of clean unused pages (drop_caches, kill_bdev).
 * Follows Linux 4.x's mm/truncate.c; a page user space maps is unmapped
 * first (try_to_unmap: its mm may be busy, then the mapping stays until
 * munmap; Linux's unmap_mapping_range waits instead).
 */
#include <linux/kernel.h>
#include <linux/pagemap.h>
#include <linux/swap.h>
#include <linux/buffer_head.h>
#include <linux/highmem.h>
#include <linux/rmap.h>

/* Tells the page's buffers that @offset..+@length is gone (a_ops or the buffer layer). */
static void do_invalidatepage(struct page *page, unsigned int offset, unsigned int length)
{
	const struct address_space_operations *a_ops =
		page->mapping ? page->mapping->a_ops : NULL;

	if (a_ops && a_ops->invalidatepage)
		a_ops->invalidatepage(page, offset, length);
	else
		block_invalidatepage(page, offset, length);
}

/* Removes locked @page from @mapping completely: buffers, dirty state, the cache. */
static void truncate_complete_page(struct address_space *mapping, struct page *page)
{
	if (page_mapped(page))
		try_to_unmap(page);	/* a later access faults: SIGBUS past the new size */
	if (page_has_buffers(page))
		do_invalidatepage(page, 0, PAGE_SIZE);
	cancel_dirty_page(page);
	ClearPageMappedToDisk(page);
	delete_from_page_cache(page);
}

/* Zeroes @start..@end of the page at @index and drops its buffers' state there. */
static void truncate_partial_page(struct address_space *mapping, pgoff_t index,
				  unsigned int start, unsigned int end)
{
	struct page *page = find_lock_page(mapping, index);

	if (!page)
		return;
	wait_on_page_writeback(page);
	zero_user_segment(page, start, end);
	if (page_has_buffers(page))
		do_invalidatepage(page, start, end - start);
	unlock_page(page);
	put_page(page);
}

/* Drops every page with index in @first..@last (inclusive). */
static void truncate_full_pages(struct address_space *mapping, pgoff_t first, pgoff_t last)
{
	struct page *pages[PAGEVEC_SIZE];
	pgoff_t index = first;
	unsigned int n;

	while (index <= last && (n = find_get_pages(mapping, &index, PAGEVEC_SIZE, pages))) {
		for (unsigned int i = 0; i < n; i++) {
			struct page *page = pages[i];

			if (page->index <= last) {
				lock_page(page);
				wait_on_page_writeback(page);
				if (page->mapping == mapping)
					truncate_complete_page(mapping, page);
				unlock_page(page);
			}
			put_page(page);
		}
		if (!index)
			break;	/* wrapped past the last index */
	}
}

/*
 * Bytes @lstart..@lend (inclusive; @lend -1: to the end) go: whole pages
 * are dropped, the pages at either edge zeroed over their part.
 */
void truncate_inode_pages_range(struct address_space *mapping, loff_t lstart, loff_t lend)
{
	pgoff_t first = (pgoff_t)(lstart >> PAGE_SHIFT);
	pgoff_t last = lend == -1 ? (pgoff_t)-1 : (pgoff_t)(lend >> PAGE_SHIFT);
	unsigned int head = lstart & (PAGE_SIZE - 1);	/* bytes kept in the first page */
	unsigned int tail = lend == -1 ? 0 : (unsigned int)((lend + 1) & (PAGE_SIZE - 1));

	if (!mapping->nrpages || (lend != -1 && lend < lstart))
		return;
	if (first == last && (head || tail)) {
		truncate_partial_page(mapping, first, head, tail ? tail : PAGE_SIZE);
		return;
	}
	if (head)
		truncate_partial_page(mapping, first++, head, PAGE_SIZE);
	if (tail)
		truncate_partial_page(mapping, last--, 0, tail);
	if (first <= last)
		truncate_full_pages(mapping, first, last);
}

void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	truncate_inode_pages_range(mapping, lstart, -1);
}

void truncate_inode_pages_final(struct address_space *mapping)
{
	truncate_inode_pages(mapping, 0);
}

void truncate_pagecache(struct inode *inode, loff_t newsize)
{
	truncate_inode_pages(inode->i_mapping, newsize);
}

void truncate_setsize(struct inode *inode, loff_t newsize)
{
	i_size_write(inode, newsize);
	truncate_pagecache(inode, newsize);
}

int invalidate_inode_page(struct page *page)
{
	struct address_space *mapping = page->mapping;

	if (!mapping || PageDirty(page) || PageWriteback(page) || page_mapped(page))
		return 0;
	if (page_has_buffers(page) && !try_to_release_page(page, 0))
		return 0;
	return remove_mapping(mapping, page);
}

unsigned long invalidate_mapping_pages(struct address_space *mapping, pgoff_t start, pgoff_t end)
{
	struct page *pages[PAGEVEC_SIZE];
	unsigned long count = 0;
	pgoff_t index = start;
	unsigned int n;

	lru_add_drain();	/* a page still in the pagevec has a reference there */
	while (index <= end && (n = find_get_pages(mapping, &index, PAGEVEC_SIZE, pages))) {
		for (unsigned int i = 0; i < n; i++) {
			struct page *page = pages[i];

			if (page->index <= end && trylock_page(page)) {
				if (page->mapping == mapping)
					count += invalidate_inode_page(page);
				unlock_page(page);
			}
			put_page(page);
		}
		if (!index)
			break;
	}
	return count;
}
