/*
 * Multi-page I/O (fs/mpage.c): reads and writes whole pages of a file in
 * as few bios as the file's block layout allows, falling back to buffer
 * heads for a page whose blocks are not contiguous. Seed 003's READ stack:
 * mpage_readpages -> do_mpage_readpage -> mpage_bio_submit -> submit_bio.
 */
#ifndef _LINUX_MPAGE_H
#define _LINUX_MPAGE_H

#include <linux/buffer_head.h>

struct writeback_control;

/* Linux 5.8+: mpage_readahead. Adds each page of @pages to @mapping (add_to_page_cache_lru) and reads it. */
int mpage_readpages(struct address_space *mapping, struct list_head *pages,
		    unsigned int nr_pages, get_block_t get_block);
int mpage_readpage(struct page *page, get_block_t get_block);
int mpage_writepages(struct address_space *mapping, struct writeback_control *wbc,
		     get_block_t get_block);
int mpage_writepage(struct page *page, get_block_t *get_block, struct writeback_control *wbc);

#endif
