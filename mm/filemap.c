/*
 * The page cache (include/linux/pagemap.h): a file's pages in its
 * address_space's radix tree by page->index, the page lock and write-back
 * bit with their hashed wait queues, the generic read path (seed 003:
 * generic_file_read_iter -> do_generic_file_read -> find_get_page ->
 * page_cache_sync_readahead) and write path (seed 000:
 * generic_perform_write -> a_ops->write_begin -> copy -> write_end),
 * write-back of a mapping (filemap_write_and_wait), and file mappings
 * (filemap_fault with read-around, filemap_map_pages for fault-around,
 * page_mkwrite, generic_file_mmap).
 * Follows Linux 4.x's mm/filemap.c; no RCU lookups (the tree lock is held instead), no
 * shadow entries, no direct I/O (O_DIRECT is buffered, then written and
 * waited for).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/pagemap.h>
#include <linux/mm_vma.h>
#include <linux/swap.h>
#include <linux/writeback.h>
#include <linux/vmstat.h>
#include <linux/wait.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include <linux/sched.h>
#include <linux/limits.h>

/* ---- waiting on page bits ---------------------------------------------------- */

#define PAGE_WAIT_TABLE_BITS	6
#define PAGE_WAIT_TABLE_SIZE	(1U << PAGE_WAIT_TABLE_BITS)

static struct wait_queue_head page_wait_table[PAGE_WAIT_TABLE_SIZE];
static bool page_wait_table_ready;

/*
 * The queue for @page: one of a small table shared by all pages (Linux's
 * hashed page wait queues); a waker wakes everyone on it and each waiter
 * re-checks its own page. Set up on first use, so the host tests need no
 * init call.
 */
static struct wait_queue_head *page_waitqueue(struct page *page)
{
	unsigned long h = (unsigned long)page / sizeof(struct page);

	if (unlikely(!READ_ONCE(page_wait_table_ready))) {
		for (unsigned int i = 0; i < PAGE_WAIT_TABLE_SIZE; i++)
			init_waitqueue_head(&page_wait_table[i]);
		WRITE_ONCE(page_wait_table_ready, true);
	}
	h ^= h >> PAGE_WAIT_TABLE_BITS;
	return &page_wait_table[h & (PAGE_WAIT_TABLE_SIZE - 1)];
}

static bool page_bit_set(struct page *page, int bit_nr)
{
	return (READ_ONCE(page->flags) >> bit_nr) & 1;
}

/* Wakes the waiters of @page's queue after a bit was cleared. */
static void wake_up_page(struct page *page)
{
	struct wait_queue_head *wq = page_waitqueue(page);

	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* the clear before the peek */
	if (waitqueue_active(wq))
		wake_up(wq);
}

void wait_on_page_bit(struct page *page, int bit_nr)
{
	struct wait_queue_head *wq = page_waitqueue(page);

	blk_flush_current_plug();	/* our own plugged I/O may be what we wait for */
	wait_event(*wq, !page_bit_set(page, bit_nr));
}

void __lock_page(struct page *page)
{
	struct wait_queue_head *wq = page_waitqueue(page);

	blk_flush_current_plug();
	wait_event(*wq, trylock_page(page));
}

void unlock_page(struct page *page)
{
	WARN_ON(!PageLocked(page));
	ClearPageLocked(page);
	wake_up_page(page);
}

void end_page_writeback(struct page *page)
{
	if (TestClearPageReclaim(page))
		rotate_reclaimable_page(page);
	if (!test_clear_page_writeback(page))
		WARN_ON(1);	/* it was not under write-back */
	wake_up_page(page);
}

/* ---- lookup and insertion ------------------------------------------------------ */

void address_space_init_once(struct address_space *mapping)
{
	INIT_RADIX_TREE(&mapping->page_tree, GFP_ATOMIC);
	spin_lock_init(&mapping->tree_lock);
	INIT_LIST_HEAD(&mapping->private_list);
	spin_lock_init(&mapping->private_lock);
	INIT_LIST_HEAD(&mapping->i_mmap);
	spin_lock_init(&mapping->i_mmap_lock);
	mapping->nrpages = 0;
	mapping->writeback_index = 0;
	mapping->flags = 0;
	mapping->gfp_mask = GFP_HIGHUSER_MOVABLE;
}

struct page *find_get_entry(struct address_space *mapping, pgoff_t offset)
{
	unsigned long flags;
	struct page *page;

	spin_lock_irqsave(&mapping->tree_lock, flags);
	page = radix_tree_lookup(&mapping->page_tree, offset);
	if (page)
		get_page(page);
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
	return page;
}

unsigned int find_get_pages(struct address_space *mapping, pgoff_t *start,
			    unsigned int nr_pages, struct page **pages)
{
	unsigned long flags;
	unsigned int n;

	spin_lock_irqsave(&mapping->tree_lock, flags);
	n = radix_tree_gang_lookup(&mapping->page_tree, (void **)pages, *start, nr_pages);
	for (unsigned int i = 0; i < n; i++)
		get_page(pages[i]);
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
	if (n)
		*start = pages[n - 1]->index + 1;
	return n;
}

unsigned int find_get_pages_tag(struct address_space *mapping, pgoff_t *index,
				int tag, unsigned int nr_pages, struct page **pages)
{
	unsigned long flags;
	unsigned int n;

	spin_lock_irqsave(&mapping->tree_lock, flags);
	n = radix_tree_gang_lookup_tag(&mapping->page_tree, (void **)pages, *index,
				       nr_pages, (unsigned int)tag);
	for (unsigned int i = 0; i < n; i++)
		get_page(pages[i]);
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
	if (n)
		*index = pages[n - 1]->index + 1;
	return n;
}

struct page *__page_cache_alloc(gfp_t gfp)
{
	return alloc_pages(gfp, 0);
}

/* Stores @page at its index; the tree lock is held. 0 or -EEXIST/-ENOMEM. */
static int page_cache_tree_insert(struct address_space *mapping, struct page *page)
{
	return radix_tree_insert(&mapping->page_tree, page->index, page);
}

/*
 * Adds locked @page at @offset of @mapping, taking the cache's reference.
 * The tree nodes are preloaded with @gfp first, so the insert under the
 * IRQ-off tree lock never allocates. Linux's __add_to_page_cache_locked.
 */
static int __add_to_page_cache_locked(struct page *page, struct address_space *mapping,
				      pgoff_t offset, gfp_t gfp)
{
	unsigned long flags;
	int error;

	WARN_ON(!PageLocked(page));
	error = radix_tree_preload(gfp & ~(__GFP_HIGHMEM | __GFP_MOVABLE));
	if (error)
		return error;
	get_page(page);
	page->mapping = mapping;
	page->index = offset;
	spin_lock_irqsave(&mapping->tree_lock, flags);
	error = page_cache_tree_insert(mapping, page);
	if (!error) {
		mapping->nrpages++;
		__inc_zone_page_state(page, NR_FILE_PAGES);
		if (PageSwapBacked(page))
			__inc_zone_page_state(page, NR_SHMEM);
	}
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
	radix_tree_preload_end();
	if (error) {
		page->mapping = NULL;
		put_page(page);
	}
	return error;
}

int add_to_page_cache_locked(struct page *page, struct address_space *mapping,
			     pgoff_t offset, gfp_t gfp)
{
	return __add_to_page_cache_locked(page, mapping, offset, gfp);
}

int add_to_page_cache_lru(struct page *page, struct address_space *mapping,
			  pgoff_t offset, gfp_t gfp)
{
	int error;

	__SetPageLocked(page);
	error = __add_to_page_cache_locked(page, mapping, offset, gfp);
	if (error) {
		__ClearPageLocked(page);
		return error;
	}
	lru_cache_add(page);
	return 0;
}

/* Takes @page out of the tree and the counters; tree lock held, page locked. */
void __delete_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;

	radix_tree_delete(&mapping->page_tree, page->index);
	page->mapping = NULL;
	mapping->nrpages--;
	__dec_zone_page_state(page, NR_FILE_PAGES);
	if (PageSwapBacked(page))
		__dec_zone_page_state(page, NR_SHMEM);
	if (PageDirty(page) && TestClearPageDirty(page))
		account_page_cleaned(page, mapping);
}

void delete_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long flags;

	WARN_ON(!PageLocked(page));
	if (!mapping)
		return;
	spin_lock_irqsave(&mapping->tree_lock, flags);
	__delete_from_page_cache(page);
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
	put_page(page);		/* the cache's reference */
}

/* A new locked page at @offset (the cache's reference and the caller's), NULL, or ERR_PTR(-EEXIST). */
static struct page *page_cache_create(struct address_space *mapping, pgoff_t offset,
				      int fgp_flags, gfp_t gfp_mask)
{
	struct page *page;
	int err;

	if (fgp_flags & FGP_NOFS)
		gfp_mask &= ~__GFP_FS;
	page = __page_cache_alloc(gfp_mask);
	if (!page)
		return NULL;
	if (fgp_flags & FGP_ACCESSED)
		__SetPageReferenced(page);
	err = add_to_page_cache_lru(page, mapping, offset, gfp_mask);
	if (err) {
		put_page(page);
		return err == -EEXIST ? ERR_PTR(-EEXIST) : NULL;
	}
	return page;	/* the allocation's reference is the caller's */
}

/*
 * The page at @offset of @mapping, with a reference, or NULL. FGP_LOCK:
 * locked, and still in @mapping (re-looked-up if truncated meanwhile);
 * FGP_ACCESSED: mark_page_accessed; FGP_CREAT: a new page (@gfp_mask) is
 * added and returned locked if none is there. Seed 003's find_get_page
 * and seed 000's grab_cache_page_write_begin both end here.
 */
struct page *pagecache_get_page(struct address_space *mapping, pgoff_t offset,
				int fgp_flags, gfp_t gfp_mask)
{
	struct page *page;

repeat:
	page = find_get_entry(mapping, offset);
	if (page && (fgp_flags & FGP_LOCK)) {
		if (fgp_flags & FGP_NOWAIT) {
			if (!trylock_page(page)) {
				put_page(page);
				return NULL;
			}
		} else {
			lock_page(page);
		}
		if (unlikely(page->mapping != mapping)) {
			unlock_page(page);
			put_page(page);
			goto repeat;
		}
	}
	if (page && (fgp_flags & FGP_ACCESSED))
		mark_page_accessed(page);
	if (!page && (fgp_flags & FGP_CREAT)) {
		page = page_cache_create(mapping, offset, fgp_flags, gfp_mask);
		if (IS_ERR(page))
			goto repeat;	/* someone added it first */
	}
	return page;
}

struct page *grab_cache_page_write_begin(struct address_space *mapping, pgoff_t index,
					 unsigned int flags)
{
	return pagecache_get_page(mapping, index, FGP_LOCK | FGP_WRITE | FGP_CREAT,
				  mapping_gfp_mask(mapping));
}

/* Reads locked @page with @filler (or a_ops->readpage) and waits: 0 or -Exxx. */
static int read_page_and_wait(struct address_space *mapping, struct page *page,
			      int (*filler)(void *, struct page *), void *data)
{
	int err;

	ClearPageError(page);
	err = filler ? filler(data, page) : mapping->a_ops->readpage(data, page);
	if (err)
		return err;
	wait_on_page_locked(page);
	return PageUptodate(page) ? 0 : -EIO;
}

struct page *read_cache_page(struct address_space *mapping, pgoff_t index,
			     int (*filler)(void *data, struct page *page), void *data)
{
	struct page *page;
	int err;

repeat:
	page = pagecache_get_page(mapping, index, FGP_CREAT | FGP_LOCK,
				  mapping_gfp_mask(mapping));
	if (!page)
		return ERR_PTR(-ENOMEM);
	if (PageUptodate(page)) {
		unlock_page(page);
		return page;
	}
	err = read_page_and_wait(mapping, page, filler, data);
	if (err == 0)
		return page;
	if (!page->mapping) {	/* truncated while we read it */
		put_page(page);
		goto repeat;
	}
	put_page(page);
	return ERR_PTR(err);
}

struct page *read_mapping_page(struct address_space *mapping, pgoff_t index, void *data)
{
	return read_cache_page(mapping, index, NULL, data);
}

/* ---- the read path (seed 003) -------------------------------------------------- */

/*
 * Makes @page (referenced, maybe locked by someone reading it) uptodate:
 * waits for the reader, or locks it and reads it. Returns 0, -EAGAIN if
 * the page was truncated meanwhile (look it up again), or -EIO.
 */
static int filemap_make_uptodate(struct file *filp, struct address_space *mapping,
				 struct page *page)
{
	int err;

	if (PageUptodate(page))
		return 0;
	wait_on_page_locked(page);
	if (PageUptodate(page))
		return 0;
	lock_page(page);
	if (!page->mapping) {
		unlock_page(page);
		return -EAGAIN;
	}
	if (PageUptodate(page)) {
		unlock_page(page);
		return 0;
	}
	err = read_page_and_wait(mapping, page, NULL, filp);
	if (err && !page->mapping)
		return -EAGAIN;
	return err;
}

/*
 * The same for @page locked by the caller (readahead did not bring it:
 * the caller made it): it comes back unlocked. 0, -EAGAIN or -EIO.
 */
static int filemap_read_locked(struct file *filp, struct address_space *mapping,
			       struct page *page)
{
	int err;

	if (!page->mapping || PageUptodate(page)) {
		err = page->mapping ? 0 : -EAGAIN;
		unlock_page(page);
		return err;
	}
	err = read_page_and_wait(mapping, page, NULL, filp);
	if (err && !page->mapping)
		return -EAGAIN;
	return err;
}

/*
 * The page at @index for a read, uptodate and referenced: from the cache,
 * after readahead on a miss (sync) or on reaching a PG_readahead page
 * (async), or read alone if readahead could not bring it. ERR_PTR(-Exxx).
 */
static struct page *filemap_get_read_page(struct file *filp, struct address_space *mapping,
					  pgoff_t index, pgoff_t last_index)
{
	struct file_ra_state *ra = &filp->f_ra;
	struct page *page;
	int err;

	for (;;) {
		page = find_get_page(mapping, index);
		if (!page) {
			page_cache_sync_readahead(mapping, ra, filp, index, last_index - index);
			page = find_get_page(mapping, index);
		}
		if (!page) {	/* readahead off, or no memory for it: just this page */
			page = pagecache_get_page(mapping, index, FGP_CREAT | FGP_LOCK,
						  mapping_gfp_mask(mapping));
			if (!page)
				return ERR_PTR(-ENOMEM);
			unlock_page(page);	/* filemap_make_uptodate locks it again */
		}
		if (PageReadahead(page))
			page_cache_async_readahead(mapping, ra, filp, page, index,
						   last_index - index);
		err = filemap_make_uptodate(filp, mapping, page);
		if (!err)
			return page;
		put_page(page);
		if (err != -EAGAIN)
			return ERR_PTR(err);
	}
}

/*
 * Copies file data at *@ppos into @iter a page at a time until the
 * iterator is full or the file ends; moves *@ppos and the readahead
 * state. Returns bytes copied, or -Exxx if nothing was. Linux 5.x calls
 * this filemap_read.
 */
static ssize_t do_generic_file_read(struct file *filp, loff_t *ppos, struct iov_iter *iter,
				    ssize_t written)
{
	struct address_space *mapping = filp->f_mapping;
	struct inode *inode = mapping->host;
	struct file_ra_state *ra = &filp->f_ra;
	pgoff_t index = (pgoff_t)(*ppos >> PAGE_SHIFT);
	pgoff_t last_index = (pgoff_t)((*ppos + iov_iter_count(iter) + PAGE_SIZE - 1) >> PAGE_SHIFT);
	loff_t prev_pos = ra->prev_pos;
	size_t offset = *ppos & (PAGE_SIZE - 1);
	int error = 0;

	while (iov_iter_count(iter)) {
		loff_t isize = i_size_read(inode);
		struct page *page;
		size_t nr, ret;

		if (*ppos >= isize)
			break;
		page = filemap_get_read_page(filp, mapping, index, last_index);
		if (IS_ERR(page)) {
			error = (int)PTR_ERR(page);
			break;
		}
		isize = i_size_read(inode);	/* it may have shrunk while we read */
		nr = (size_t)min_t(loff_t, PAGE_SIZE - offset, isize - *ppos);
		if (isize <= *ppos) {
			put_page(page);
			break;
		}
		if (prev_pos >> PAGE_SHIFT != (loff_t)index ||
		    (size_t)(prev_pos & (PAGE_SIZE - 1)) != offset)
			mark_page_accessed(page);	/* not a re-read of the same spot */
		ret = copy_page_to_iter(page, offset, nr, iter);
		put_page(page);
		written += ret;
		*ppos += ret;
		/* this page, and where in it the read stopped (Linux's prev_index/prev_offset) */
		prev_pos = ((loff_t)index << PAGE_SHIFT) | (*ppos & (PAGE_SIZE - 1));
		offset = *ppos & (PAGE_SIZE - 1);
		index = (pgoff_t)(*ppos >> PAGE_SHIFT);
		if (ret < nr) {
			error = -EFAULT;
			break;
		}
	}
	ra->prev_pos = prev_pos;
	touch_atime(&filp->f_path);
	return written ? written : error;
}

/* read_iter of files in the page cache (seed 003's READ stack). */
ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	if (!iov_iter_count(iter))
		return 0;
	if (iocb->ki_pos < 0)
		return -EINVAL;
	return do_generic_file_read(iocb->ki_filp, &iocb->ki_pos, iter, 0);
}

/* ---- the write path (seed 000) ------------------------------------------------- */

ssize_t generic_write_checks(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *file = iocb->ki_filp;
	struct inode *inode = file->f_mapping->host;
	loff_t max = inode->i_sb ? inode->i_sb->s_maxbytes : MAX_LFS_FILESIZE;

	if (!iov_iter_count(from))
		return 0;
	if (iocb->ki_flags & IOCB_APPEND)
		iocb->ki_pos = i_size_read(inode);
	if (iocb->ki_pos < 0)
		return -EINVAL;
	if (iocb->ki_pos >= max)
		return -EFBIG;
	iov_iter_truncate(from, (size_t)(max - iocb->ki_pos));
	return (ssize_t)iov_iter_count(from);
}

/*
 * Copies @i into the page cache at @pos a page at a time: write_begin
 * gives the locked page (reading what a partial write keeps), the copy
 * goes through kmap_atomic, write_end dirties it. No I/O here: write-back
 * comes later, unless the writer is over the dirty limit and throttled.
 * The copy never resolves a fault, since a source that maps the page
 * being written would wait on the lock write_begin holds; the source is
 * faulted in before (a source that faults part way gives a short write),
 * and a copy that still came up empty (the source was unmapped or
 * reclaimed meanwhile) is retried; a fatal signal ends that.
 */
ssize_t generic_perform_write(struct file *file, struct iov_iter *i, loff_t pos)
{
	struct address_space *mapping = file->f_mapping;
	const struct address_space_operations *a_ops = mapping->a_ops;
	ssize_t written = 0;
	int status = 0;

	while (iov_iter_count(i)) {
		unsigned long offset = pos & (PAGE_SIZE - 1);
		size_t bytes = min_t(size_t, PAGE_SIZE - offset, iov_iter_count(i));
		struct page *page;
		void *fsdata = NULL;
		size_t copied;
again:
		if (fault_in_iov_iter_readable(i, bytes) == bytes) {
			status = -EFAULT;	/* not one byte: a bad source */
			break;
		}
		if (fatal_signal_pending(current)) {
			status = -EINTR;
			break;
		}
		status = a_ops->write_begin(file, mapping, pos, (unsigned int)bytes, 0,
					    &page, &fsdata);
		if (status < 0)
			break;
		copied = iov_iter_copy_from_user_atomic(page, i, offset, bytes);
		status = a_ops->write_end(file, mapping, pos, (unsigned int)bytes,
					  (unsigned int)copied, page, fsdata);
		if (status < 0)
			break;
		if (status == 0) {	/* the source went between fault-in and copy */
			if (copied)	/* a short copy into a new page counts as none */
				bytes = copied;
			cond_resched();	/* let whoever took it run (and a SIGKILL in) */
			goto again;
		}
		iov_iter_advance(i, (size_t)status);
		pos += status;
		written += status;
		balance_dirty_pages_ratelimited(mapping);
	}
	return written ? written : status;
}

/* The write under the inode lock, after generic_write_checks. */
ssize_t __generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *file = iocb->ki_filp;
	struct address_space *mapping = file->f_mapping;
	loff_t pos = iocb->ki_pos;
	ssize_t written;
	int err;

	err = file_update_time(file);
	if (err)
		return err;
	written = generic_perform_write(file, from, pos);
	if (written <= 0)
		return written;
	iocb->ki_pos = pos + written;
	if (iocb->ki_flags & IOCB_DIRECT) {	/* buffered, then on the disk before we return */
		err = filemap_write_and_wait_range(mapping, pos, pos + written - 1);
		if (err)
			return err;
	}
	return written;
}

/* write_iter of files in the page cache: the checks, the write, O_SYNC/O_DSYNC. */
ssize_t generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *file = iocb->ki_filp;
	struct inode *inode = file->f_mapping->host;
	ssize_t ret;

	inode_lock(inode);
	ret = generic_write_checks(iocb, from);
	if (ret > 0)
		ret = __generic_file_write_iter(iocb, from);
	inode_unlock(inode);
	if (ret > 0 && (iocb->ki_flags & (IOCB_DSYNC | IOCB_SYNC))) {
		int err = vfs_fsync_range(file, iocb->ki_pos - ret, iocb->ki_pos - 1,
					  !(iocb->ki_flags & IOCB_SYNC));
		if (err)
			ret = err;
	}
	return ret;
}

/* ---- mapping files into user space (seed 001's do_fault -> vm_ops->fault) ---- */

/*
 * A miss in a mapping: read around @offset (Linux's do_sync_mmap_readahead):
 * nothing for MADV_RANDOM, sequential readahead for MADV_SEQUENTIAL, else
 * a window of ra_pages centred on the fault, its last quarter marked for
 * async readahead.
 */
static void do_sync_mmap_readahead(struct vm_area_struct *vma, struct file *file,
				   pgoff_t offset)
{
	struct file_ra_state *ra = &file->f_ra;
	unsigned int pages = ra->ra_pages;
	pgoff_t start;

	if ((vma->vm_flags & VM_RAND_READ) || !pages)
		return;
	if (vma->vm_flags & VM_SEQ_READ) {
		page_cache_sync_readahead(file->f_mapping, ra, file, offset, pages);
		return;
	}
	start = offset > pages / 2 ? offset - pages / 2 : 0;
	ra->start = start;
	ra->size = pages;
	ra->async_size = pages / 4;
	__do_page_cache_readahead(file->f_mapping, file, start, pages, pages / 4);
}

/* A hit on a PG_readahead page: read the next window (Linux's do_async_mmap_readahead). */
static void do_async_mmap_readahead(struct vm_area_struct *vma, struct file *file,
				    struct page *page, pgoff_t offset)
{
	if (!(vma->vm_flags & VM_RAND_READ) && PageReadahead(page))
		page_cache_async_readahead(file->f_mapping, &file->f_ra, file, page, offset,
					   file->f_ra.ra_pages);
}

/* Is @index past the end of @inode's data (a fault there is SIGBUS)? */
static bool past_eof(struct inode *inode, pgoff_t index)
{
	return index >= (pgoff_t)((i_size_read(inode) + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

/*
 * vm_ops->fault of page-cache files (Linux's filemap_fault): the page at
 * vmf->pgoff, found in the cache or read in with read-around (then
 * VM_FAULT_MAJOR), uptodate, locked and still in the file: vmf->page
 * with a reference, VM_FAULT_LOCKED. VM_FAULT_SIGBUS past the end of the
 * file or on a read error, VM_FAULT_OOM without memory. May sleep.
 */
int filemap_fault(struct vm_fault *vmf)
{
	struct file *file = vmf->vma->vm_file;
	struct address_space *mapping = file->f_mapping;
	struct inode *inode = mapping->host;
	pgoff_t offset = vmf->pgoff;
	struct page *page;
	int ret = 0, err;
	bool made;

	for (;;) {
		if (past_eof(inode, offset))
			return VM_FAULT_SIGBUS;
		page = find_get_page(mapping, offset);
		made = !page;
		if (page) {
			do_async_mmap_readahead(vmf->vma, file, page, offset);
		} else {
			ret = VM_FAULT_MAJOR;
			do_sync_mmap_readahead(vmf->vma, file, offset);
			page = pagecache_get_page(mapping, offset, FGP_CREAT | FGP_LOCK,
						  mapping_gfp_mask(mapping));
			if (!page)
				return VM_FAULT_OOM;
		}
		if (made)	/* locked by pagecache_get_page: no waiting on it */
			err = filemap_read_locked(file, mapping, page);
		else
			err = filemap_make_uptodate(file, mapping, page);
		if (!err) {
			lock_page(page);
			if (page->mapping == mapping && !past_eof(inode, offset))
				break;
			unlock_page(page);	/* truncated meanwhile: look again */
		}
		put_page(page);
		if (err && err != -EAGAIN)
			return VM_FAULT_SIGBUS;
	}
	vmf->page = page;
	return ret | VM_FAULT_LOCKED;
}

/*
 * mm/memory.c replaces this weak default (the host tests map no pages):
 * see linux/mm_vma.h.
 */
__attribute__((weak)) bool do_set_pte(struct vm_fault *vmf, struct page *page,
				      unsigned long addr)
{
	return false;
}

/*
 * Map one page found by filemap_map_pages, its reference the PTE's if it
 * is mapped: only if uptodate, not marked for readahead (its ->fault
 * starts the next window), not locked (I/O or truncation in progress:
 * trylock, never wait), and, under the lock, still in @mapping and not
 * past EOF. True if mapped.
 */
static bool filemap_map_one(struct vm_fault *vmf, struct address_space *mapping,
			    struct page *page)
{
	unsigned long addr = vmf->address + (page->index - vmf->pgoff) * PAGE_SIZE;
	bool mapped = false;

	if (!PageUptodate(page) || PageReadahead(page) || !trylock_page(page))
		return false;
	if (page->mapping == mapping && PageUptodate(page) &&
	    !past_eof(mapping->host, page->index))
		mapped = do_set_pte(vmf, page, addr);
	unlock_page(page);
	return mapped;
}

/*
 * vm_ops->map_pages of page-cache files (Linux's filemap_map_pages, for
 * do_fault_around): map the pages of [start_pgoff, end_pgoff] already in
 * the cache into the empty PTEs around vmf->address (the caller clipped
 * the range to the VMA and to one pte table), up to EOF. No I/O, no
 * sleeping; what is not mapped here is left to ->fault.
 */
void filemap_map_pages(struct vm_fault *vmf, pgoff_t start_pgoff, pgoff_t end_pgoff)
{
	struct address_space *mapping = vmf->vma->vm_file->f_mapping;
	loff_t size = i_size_read(mapping->host);
	pgoff_t index = start_pgoff, last;
	struct page *pages[16];
	unsigned int n;
	long mapped = 0;

	if (size <= 0)
		return;
	last = min(end_pgoff, (pgoff_t)((size - 1) >> PAGE_SHIFT));
	while (index <= last) {
		n = find_get_pages(mapping, &index, min_t(pgoff_t, ARRAY_SIZE(pages),
							  last - index + 1), pages);
		if (!n)
			break;
		for (unsigned int i = 0; i < n; i++) {
			if (pages[i]->index <= last && filemap_map_one(vmf, mapping, pages[i]))
				mapped++;
			else
				put_page(pages[i]);
		}
	}
	count_vm_events(FAULT_AROUND, mapped);
}

/*
 * vm_ops->page_mkwrite of page-cache files: a shared mapping is about to
 * write vmf->page, so dirty it (block file systems allocate a hole's
 * blocks when write-back maps its buffers). VM_FAULT_LOCKED, or
 * VM_FAULT_NOPAGE if the page was truncated meanwhile (the access retries).
 */
int filemap_page_mkwrite(struct vm_fault *vmf)
{
	struct page *page = vmf->page;
	struct address_space *mapping = vmf->vma->vm_file->f_mapping;

	lock_page(page);
	if (page->mapping != mapping) {
		unlock_page(page);
		return VM_FAULT_NOPAGE;
	}
	set_page_dirty(page);
	return VM_FAULT_LOCKED;
}

static const struct vm_operations_struct generic_file_vm_ops = {
	.fault = filemap_fault,
	.map_pages = filemap_map_pages,
	.page_mkwrite = filemap_page_mkwrite,
};

/*
 * f_op->mmap of page-cache files: the VMA faults through the page cache.
 * -ENOEXEC if the mapping cannot read pages.
 */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!file->f_mapping->a_ops || !file->f_mapping->a_ops->readpage)
		return -ENOEXEC;
	vma->vm_ops = &generic_file_vm_ops;
	return 0;
}

/* The same, refusing a mapping that could ever write the file (-EINVAL). */
int generic_file_readonly_mmap(struct file *file, struct vm_area_struct *vma)
{
	if ((vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_MAYWRITE))
		return -EINVAL;
	return generic_file_mmap(file, vma);
}

/* See linux/mm_vma.h (Linux's checks in do_mmap). */
int mmap_file_check(struct file *file, unsigned long prot, unsigned long flags,
		    unsigned long *vm_flags)
{
	if (!file->f_op || !file->f_op->mmap)
		return -ENODEV;
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if (!(*vm_flags & VM_SHARED))
		return 0;
	if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
		return -EACCES;
	if ((prot & PROT_WRITE) && (file->f_flags & O_APPEND))
		return -EACCES;
	if (!(file->f_mode & FMODE_WRITE))
		*vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
	return 0;
}

/* See linux/mm_vma.h: the file's ->mmap, -ENODEV if it has none. */
int call_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!file->f_op || !file->f_op->mmap)
		return -ENODEV;
	return file->f_op->mmap(file, vma);
}

/* ---- write-back and waiting for it -------------------------------------------- */

int __filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end,
			       int sync_mode)
{
	struct writeback_control wbc = {
		.sync_mode = (enum writeback_sync_modes)sync_mode,
		.nr_to_write = LONG_MAX,
		.range_start = start,
		.range_end = end,
	};

	if (!mapping_cap_account_dirty(mapping) || !mapping->nrpages)
		return 0;
	return do_writepages(mapping, &wbc);
}

int filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end)
{
	return __filemap_fdatawrite_range(mapping, start, end, WB_SYNC_ALL);
}

int filemap_fdatawrite(struct address_space *mapping)
{
	return filemap_fdatawrite_range(mapping, 0, MAX_LFS_FILESIZE);
}

int filemap_check_errors(struct address_space *mapping)
{
	int ret = 0;

	if (__atomic_fetch_and(&mapping->flags, ~(1UL << AS_ENOSPC), __ATOMIC_RELAXED) &
	    (1UL << AS_ENOSPC))
		ret = -ENOSPC;
	if (__atomic_fetch_and(&mapping->flags, ~(1UL << AS_EIO), __ATOMIC_RELAXED) &
	    (1UL << AS_EIO))
		ret = -EIO;
	return ret;
}

/* Waits for every page of @start..@end under write-back; -EIO if one failed. */
static int __filemap_fdatawait_range(struct address_space *mapping, loff_t start, loff_t end)
{
	pgoff_t index = (pgoff_t)(start >> PAGE_SHIFT), last = (pgoff_t)(end >> PAGE_SHIFT);
	struct page *pages[PAGEVEC_SIZE];
	unsigned int n;
	int ret = 0;

	if (end < start)
		return 0;
	while (index <= last &&
	       (n = find_get_pages_tag(mapping, &index, PAGECACHE_TAG_WRITEBACK,
				       PAGEVEC_SIZE, pages))) {
		for (unsigned int i = 0; i < n; i++) {
			if (pages[i]->index <= last) {
				wait_on_page_writeback(pages[i]);
				if (TestClearPageError(pages[i]))
					ret = -EIO;
			}
			put_page(pages[i]);
		}
	}
	return ret;
}

int filemap_fdatawait_range(struct address_space *mapping, loff_t start, loff_t end)
{
	int ret = __filemap_fdatawait_range(mapping, start, end);
	int ret2 = filemap_check_errors(mapping);

	return ret2 ? ret2 : ret;
}

int filemap_fdatawait(struct address_space *mapping)
{
	return filemap_fdatawait_range(mapping, 0, MAX_LFS_FILESIZE);
}

int filemap_write_and_wait_range(struct address_space *mapping, loff_t start, loff_t end)
{
	int err = 0, err2;

	if (mapping->nrpages) {
		err = __filemap_fdatawrite_range(mapping, start, end, WB_SYNC_ALL);
		err2 = filemap_fdatawait_range(mapping, start, end);
		if (!err || err2)
			err = err2 ? err2 : err;
	} else {
		err = filemap_check_errors(mapping);
	}
	return err;
}

/* Seed 003's WRITE stack: __blkdev_put -> filemap_write_and_wait -> __filemap_fdatawrite_range. */
int filemap_write_and_wait(struct address_space *mapping)
{
	return filemap_write_and_wait_range(mapping, 0, MAX_LFS_FILESIZE);
}
