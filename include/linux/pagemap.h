/*
 * The page cache's calls (mm/filemap.c, mm/readahead.c, mm/truncate.c):
 * looking pages up by (mapping, index), adding and removing them, the
 * page lock and write-back bit with their waits, and readahead. Seed 003
 * follows find_get_page and add_to_page_cache_lru through them.
 */
#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/page-flags.h>
#include <linux/highmem.h>
#include <linux/errno.h>
#include <linux/preempt.h>

static inline gfp_t mapping_gfp_mask(const struct address_space *mapping)
{
	return mapping->gfp_mask;
}
static inline void mapping_set_gfp_mask(struct address_space *m, gfp_t mask)
{
	m->gfp_mask = mask;
}
/* Records a write-back error for the next fsync (filemap_check_errors). */
static inline void mapping_set_error(struct address_space *mapping, int error)
{
	if (error)
		__atomic_fetch_or(&mapping->flags, 1UL << (error == -ENOSPC ? AS_ENOSPC : AS_EIO),
				  __ATOMIC_RELAXED);
}
static inline void mapping_set_unevictable(struct address_space *m)
{
	__atomic_fetch_or(&m->flags, 1UL << AS_UNEVICTABLE, __ATOMIC_RELAXED);
}
static inline bool mapping_unevictable(const struct address_space *m)
{
	return m && (m->flags & (1UL << AS_UNEVICTABLE));
}
/* Sets up an empty mapping for @host (inode_init_once does this for i_data). */
void address_space_init_once(struct address_space *mapping);

/* pagecache_get_page's fgp_flags */
#define FGP_ACCESSED	0x01	/* mark_page_accessed */
#define FGP_LOCK	0x02	/* return it locked */
#define FGP_CREAT	0x04	/* allocate and add it if it is not there */
#define FGP_WRITE	0x08	/* for a write (balance dirty pages later) */
#define FGP_NOFS	0x10	/* allocate without __GFP_FS */
#define FGP_NOWAIT	0x20	/* do not sleep for the lock */

/* The page at @offset, with a reference, or NULL. Linux 4.x; 5.x passes through the xarray. */
struct page *find_get_entry(struct address_space *mapping, pgoff_t offset);
struct page *pagecache_get_page(struct address_space *mapping, pgoff_t offset,
				int fgp_flags, gfp_t gfp_mask);
static inline struct page *find_get_page(struct address_space *mapping, pgoff_t offset)
{
	return pagecache_get_page(mapping, offset, 0, 0);
}
static inline struct page *find_lock_page(struct address_space *mapping, pgoff_t offset)
{
	return pagecache_get_page(mapping, offset, FGP_LOCK, 0);
}
static inline struct page *find_or_create_page(struct address_space *mapping,
					       pgoff_t offset, gfp_t gfp)
{
	return pagecache_get_page(mapping, offset, FGP_LOCK | FGP_ACCESSED | FGP_CREAT, gfp);
}
/* Up to @nr_pages pages from @start on, with references; returns how many. */
unsigned int find_get_pages(struct address_space *mapping, pgoff_t *start,
			    unsigned int nr_pages, struct page **pages);
unsigned int find_get_pages_tag(struct address_space *mapping, pgoff_t *index,
				int tag, unsigned int nr_pages, struct page **pages);
/* The locked page for a write at @index, created if missing (seed 000). */
struct page *grab_cache_page_write_begin(struct address_space *mapping, pgoff_t index,
					 unsigned int flags);
/* A new page for @mapping: alloc_pages with its gfp mask (highmem for file data). */
struct page *__page_cache_alloc(gfp_t gfp);
static inline struct page *page_cache_alloc(struct address_space *m)
{
	return __page_cache_alloc(mapping_gfp_mask(m));
}

/* Adds a locked new page at @offset: 0, -EEXIST (someone was first), -ENOMEM. */
int add_to_page_cache_locked(struct page *page, struct address_space *mapping,
			     pgoff_t offset, gfp_t gfp);
/* The same, locking the page first and putting it on the LRU. */
int add_to_page_cache_lru(struct page *page, struct address_space *mapping,
			  pgoff_t offset, gfp_t gfp);
/* Removes a locked page from its mapping (and drops the cache's reference). */
void delete_from_page_cache(struct page *page);
void __delete_from_page_cache(struct page *page);

/* Reads page @index through a_ops->readpage (or @filler), waiting for it: the uptodate page or ERR_PTR(-EIO). */
struct page *read_cache_page(struct address_space *mapping, pgoff_t index,
			     int (*filler)(void *data, struct page *page), void *data);
struct page *read_mapping_page(struct address_space *mapping, pgoff_t index, void *data);

/* ---- the page lock and PG_writeback, on hashed wait queues ---- */
void __lock_page(struct page *page);
static inline int trylock_page(struct page *page)
{
	return !TestSetPageLocked(page);
}
static inline void lock_page(struct page *page)
{
	might_sleep();
	if (!trylock_page(page))
		__lock_page(page);
}
void unlock_page(struct page *page);
void wait_on_page_bit(struct page *page, int bit_nr);
static inline void wait_on_page_locked(struct page *page)
{
	if (PageLocked(page))
		wait_on_page_bit(page, PG_locked);
}
static inline void wait_on_page_writeback(struct page *page)
{
	if (PageWriteback(page))
		wait_on_page_bit(page, PG_writeback);
}
/* Write-back begins (the page is locked; tags the mapping) and ends (any context). */
int test_set_page_writeback(struct page *page);
static inline void set_page_writeback(struct page *page)
{
	test_set_page_writeback(page);
}
void end_page_writeback(struct page *page);
/* Clears PG_writeback and the mapping's tag (mm/page-writeback.c): 1 if it was set. */
int test_clear_page_writeback(struct page *page);

/* ---- readahead (mm/readahead.c) ---- */
#define VM_READAHEAD_PAGES	32	/* the largest window: 128 KiB, Linux's default */
void file_ra_state_init(struct file_ra_state *ra, struct address_space *mapping);
/* A miss at @offset: read it and what probably follows. */
void page_cache_sync_readahead(struct address_space *mapping, struct file_ra_state *ra,
			       struct file *filp, pgoff_t offset, unsigned long req_size);
/* A hit on a PG_readahead page: read the next window before it is needed. */
void page_cache_async_readahead(struct address_space *mapping, struct file_ra_state *ra,
				struct file *filp, struct page *page, pgoff_t offset,
				unsigned long req_size);
/* Reads @nr_to_read pages from @offset that are not cached; the last @lookahead_size get PG_readahead. */
unsigned int __do_page_cache_readahead(struct address_space *mapping, struct file *filp,
				       pgoff_t offset, unsigned long nr_to_read,
				       unsigned long lookahead_size);

/* ---- truncation (mm/truncate.c) ---- */
/* Drops the pages covering bytes @lstart..@lend (inclusive; partial pages zeroed); waits for I/O. */
void truncate_inode_pages_range(struct address_space *mapping, loff_t lstart, loff_t lend);
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);
void truncate_inode_pages_final(struct address_space *mapping);
/* Sets i_size and drops the cache beyond it. */
void truncate_setsize(struct inode *inode, loff_t newsize);
void truncate_pagecache(struct inode *inode, loff_t newsize);
/* Drops clean, unlocked, unmapped pages in @start..@end; how many (drop_caches). */
unsigned long invalidate_mapping_pages(struct address_space *mapping, pgoff_t start, pgoff_t end);
/* Drops a locked, clean, unused page from its mapping (buffers first): 1 if it did. */
int invalidate_inode_page(struct page *page);
/* Frees the private data (buffers) of a locked page: a_ops->releasepage or try_to_free_buffers. 1 if done. */
int try_to_release_page(struct page *page, gfp_t gfp);

/* ---- write-back of a mapping (mm/filemap.c) ---- */
int filemap_fdatawrite(struct address_space *mapping);
int filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end);
int __filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end,
			       int sync_mode);
int filemap_fdatawait(struct address_space *mapping);
int filemap_fdatawait_range(struct address_space *mapping, loff_t start, loff_t end);
int filemap_write_and_wait(struct address_space *mapping);
int filemap_write_and_wait_range(struct address_space *mapping, loff_t start, loff_t end);
/* Returns and clears a recorded write-back error: 0, -EIO or -ENOSPC. */
int filemap_check_errors(struct address_space *mapping);

/* ---- dirtying (mm/page-writeback.c) ---- */
/* Marks @page dirty through a_ops->set_page_dirty; 1 if it was clean. */
int set_page_dirty(struct page *page);
int set_page_dirty_lock(struct page *page);
/* For mappings without buffers: tags the page dirty and dirties the inode. */
int __set_page_dirty_nobuffers(struct page *page);
/* Before write-back of a locked page: 1 if it was dirty (its dirty state moves to PG_writeback). */
int clear_page_dirty_for_io(struct page *page);
/* The dirty counters (NR_FILE_DIRTY, NR_DIRTIED) of a page that became dirty; tree lock held. */
void account_page_dirtied(struct page *page, struct address_space *mapping);
/* The dirty counters of a page that is cleaned (truncated while dirty). */
void account_page_cleaned(struct page *page, struct address_space *mapping);
/* tmpfs: PG_dirty only; the mapping is never written back, nothing is accounted. */
int __set_page_dirty_no_writeback(struct page *page);
/* Only mappings that can be written back count dirty pages (not tmpfs). */
static inline bool mapping_cap_account_dirty(const struct address_space *mapping)
{
	return mapping->a_ops && (mapping->a_ops->writepage || mapping->a_ops->writepages);
}
void cancel_dirty_page(struct page *page);

static inline loff_t page_offset(const struct page *page)
{
	return (loff_t)page->index << PAGE_SHIFT;
}

#endif
