/*
 * Buffer heads: blocks of a page, the block-device buffer cache (through
 * the device inode's page cache), their I/O, and the block_* a_ops helpers
 * built on a get_block callback. Follows Linux 4.x fs/buffer.c by name.
 * Left out: the per-CPU bh LRU, buffer_head accounting limits, bh-to-bio
 * write hints and cgroups, block_page_mkwrite, nobh_*, cont_write_begin,
 * redirty_page_for_writepage (a WB_SYNC_NONE write waits for a locked
 * buffer instead of skipping it), and freeing memory when a bh allocation
 * fails (the caller gets -ENOMEM or NULL instead).
 */
#include <linux/buffer_head.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/highmem.h>
#include <linux/genhd.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <linux/vmstat.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/printk.h>

static struct kmem_cache *bh_cachep;

/* Buffers' lock bits sleep on one of these, chosen by the buffer's address. */
#define BH_WAIT_TABLE_BITS	6
static struct wait_queue_head bh_wait_table[1 << BH_WAIT_TABLE_BITS];

/* Protects every inode's private_list of associated buffers (Linux: the bdev mapping's private_lock). */
static DEFINE_SPINLOCK(bh_assoc_lock);
/* Serialises the async end_io of buffers of one page (Linux: BH_Uptodate_Lock of the first buffer). */
static DEFINE_SPINLOCK(bh_async_lock);

/* Boot: the "buffer_head" cache and the wait table. Before the first buffer. */
void buffer_init(void)
{
	if (bh_cachep)
		return;
	for (int i = 0; i < (1 << BH_WAIT_TABLE_BITS); i++)
		init_waitqueue_head(&bh_wait_table[i]);
	bh_cachep = kmem_cache_create("buffer_head", sizeof(struct buffer_head), 8,
				      SLAB_PANIC | SLAB_RECLAIM_ACCOUNT, NULL);
}

/* A zeroed buffer head, not on any list, or NULL. The first one sets the cache up if boot did not. */
struct buffer_head *alloc_buffer_head(gfp_t gfp)
{
	struct buffer_head *bh;

	if (!bh_cachep)
		buffer_init();
	bh = kmem_cache_zalloc(bh_cachep, gfp);

	if (bh)
		INIT_LIST_HEAD(&bh->b_assoc_buffers);
	return bh;
}

/* Frees @bh, which no inode's list may hold. */
void free_buffer_head(struct buffer_head *bh)
{
	WARN_ON(!list_empty(&bh->b_assoc_buffers));
	kmem_cache_free(bh_cachep, bh);
}

/* Seed 002: a lowmem page's buffer has its address, a highmem page's its offset. */
void set_bh_page(struct buffer_head *bh, struct page *page, unsigned long offset)
{
	bh->b_page = page;
	WARN_ON(offset >= PAGE_SIZE);
	if (PageHighMem(page))
		bh->b_data = (char *)offset;
	else
		bh->b_data = (char *)page_address(page) + offset;
}

/* The address of @bh's data, mapping a highmem page with kmap (may sleep). */
void *bh_data_kmap(struct buffer_head *bh)
{
	if (PageHighMem(bh->b_page))
		return (char *)kmap(bh->b_page) + bh_offset(bh);
	return bh->b_data;
}

/* Ends a bh_data_kmap. */
void bh_data_kunmap(struct buffer_head *bh, void *addr)
{
	if (PageHighMem(bh->b_page))
		kunmap(bh->b_page);
}

/* log2 of a block size (a power of two); a loop, as the kernel links no libgcc for ctz. */
static unsigned int block_size_bits(unsigned int blocksize)
{
	unsigned int bits = 0;

	while ((1U << (bits + 1)) <= blocksize)
		bits++;
	return bits;
}

/* @bh's users now (b_count). */
static int bh_count(const struct buffer_head *bh)
{
	return __atomic_load_n(&bh->b_count.counter, __ATOMIC_RELAXED);
}

/* ---- the buffer lock ------------------------------------------------------- */

static struct wait_queue_head *bh_waitqueue(struct buffer_head *bh)
{
	unsigned long h = (unsigned long)bh / sizeof(*bh);

	return &bh_wait_table[(h ^ (h >> BH_WAIT_TABLE_BITS)) & ((1 << BH_WAIT_TABLE_BITS) - 1)];
}

/* Takes BH_Lock, sleeping while someone else holds it. Process context. */
void lock_buffer(struct buffer_head *bh)
{
	might_sleep();
	if (trylock_buffer(bh))
		return;
	blk_flush_current_plug();	/* our own plugged I/O may hold it (Linux: io_schedule) */
	wait_event(*bh_waitqueue(bh), trylock_buffer(bh));
}

/* Drops BH_Lock and wakes whoever waits for it. Any context. */
void unlock_buffer(struct buffer_head *bh)
{
	struct wait_queue_head *wq = bh_waitqueue(bh);

	clear_buffer_locked(bh);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (waitqueue_active(wq))
		wake_up(wq);
}

/* Sleeps until @bh is unlocked (its I/O, if any, has ended). */
void wait_on_buffer(struct buffer_head *bh)
{
	might_sleep();
	if (!buffer_locked(bh))
		return;
	blk_flush_current_plug();
	wait_event(*bh_waitqueue(bh), !buffer_locked(bh));
}

/* ---- errors and completions -------------------------------------------------- */

/* The one line an I/O error of @bh prints (Linux's buffer_io_error). */
static void buffer_io_error(struct buffer_head *bh, const char *what)
{
	const char *dev = bh->b_bdev && bh->b_bdev->bd_part ? bh->b_bdev->bd_part->name : "?";

	pr_err("Buffer I/O error on dev %s, logical block %llu%s\n", dev,
	       (unsigned long long)bh->b_blocknr, what);
}

/* A write of @bh failed: flag it, and its page's mapping and its inode's for the next fsync. */
void mark_buffer_write_io_error(struct buffer_head *bh)
{
	set_buffer_write_io_error(bh);
	if (bh->b_page && bh->b_page->mapping)
		mapping_set_error(bh->b_page->mapping, -EIO);
	if (bh->b_assoc_map)
		mapping_set_error(bh->b_assoc_map, -EIO);
}

/* b_end_io of a synchronous read: uptodate or not, unlocked, the I/O's reference dropped. */
void end_buffer_read_sync(struct buffer_head *bh, int uptodate)
{
	if (uptodate) {
		set_buffer_uptodate(bh);
	} else {
		clear_buffer_uptodate(bh);
		buffer_io_error(bh, "");
	}
	unlock_buffer(bh);
	put_bh(bh);
}

/* b_end_io of a synchronous write. */
void end_buffer_write_sync(struct buffer_head *bh, int uptodate)
{
	if (uptodate) {
		set_buffer_uptodate(bh);
	} else {
		buffer_io_error(bh, ", lost sync page write");
		mark_buffer_write_io_error(bh);
		clear_buffer_uptodate(bh);
	}
	unlock_buffer(bh);
	put_bh(bh);
}

/*
 * b_end_io of one buffer of a page read by block_read_full_page (any
 * context): the last of the page's buffers to finish marks the page
 * uptodate (if all of them are and none failed) and unlocks it.
 */
static void end_buffer_async_read(struct buffer_head *bh, int uptodate)
{
	struct page *page = bh->b_page;
	struct buffer_head *tmp;
	bool page_uptodate = true;
	unsigned long flags;

	if (uptodate) {
		set_buffer_uptodate(bh);
	} else {
		clear_buffer_uptodate(bh);
		buffer_io_error(bh, ", async page read");
		SetPageError(page);
	}
	spin_lock_irqsave(&bh_async_lock, flags);
	clear_buffer_async_read(bh);
	unlock_buffer(bh);
	tmp = bh;
	do {
		if (!buffer_uptodate(tmp))
			page_uptodate = false;
		if (buffer_async_read(tmp)) {
			spin_unlock_irqrestore(&bh_async_lock, flags);
			return;		/* another buffer of the page is still in flight */
		}
		tmp = tmp->b_this_page;
	} while (tmp != bh);
	spin_unlock_irqrestore(&bh_async_lock, flags);
	if (page_uptodate && !PageError(page))
		SetPageUptodate(page);
	unlock_page(page);
}

/*
 * b_end_io of one buffer of a page written by __block_write_full_page (any
 * context): the last one ends the page's write-back. A failure is kept in
 * the buffer, the page (PG_error) and the mapping (AS_EIO).
 */
static void end_buffer_async_write(struct buffer_head *bh, int uptodate)
{
	struct page *page = bh->b_page;
	struct buffer_head *tmp;
	unsigned long flags;

	if (uptodate) {
		set_buffer_uptodate(bh);
	} else {
		buffer_io_error(bh, ", lost async page write");
		mark_buffer_write_io_error(bh);
		clear_buffer_uptodate(bh);
		SetPageError(page);
	}
	spin_lock_irqsave(&bh_async_lock, flags);
	clear_buffer_async_write(bh);
	unlock_buffer(bh);
	for (tmp = bh->b_this_page; tmp != bh; tmp = tmp->b_this_page) {
		if (buffer_async_write(tmp)) {
			spin_unlock_irqrestore(&bh_async_lock, flags);
			return;
		}
	}
	spin_unlock_irqrestore(&bh_async_lock, flags);
	end_page_writeback(page);
}

/* @bh (locked) is one of its page's async reads: it ends in end_buffer_async_read. */
static void mark_buffer_async_read(struct buffer_head *bh)
{
	bh->b_end_io = end_buffer_async_read;
	set_buffer_async_read(bh);
}

/* @bh (locked, cleaned) is one of its page's async writes, ending in @handler. */
static void mark_buffer_async_write_endio(struct buffer_head *bh, bh_end_io_t *handler)
{
	bh->b_end_io = handler;
	set_buffer_async_write(bh);
}

/* ---- submitting buffers ------------------------------------------------------ */

/* bi_end_io of a buffer's bio: hands the result to b_end_io (any context). */
static void end_bio_bh_io_sync(struct bio *bio)
{
	struct buffer_head *bh = bio->bi_private;

	bh->b_end_io(bh, !bio->bi_status);
	bio_put(bio);
}

/*
 * Sends locked, mapped @bh to its device as a bio of its own; b_end_io
 * runs when it ends. 0, or -ENOMEM if no bio could be had (b_end_io has
 * then run with a failure, so the buffer is not left locked).
 */
int submit_bh_wbc(int op, int op_flags, struct buffer_head *bh, struct writeback_control *wbc)
{
	struct bio *bio;

	WARN_ON(!buffer_locked(bh) || !buffer_mapped(bh) || !bh->b_end_io);
	if (test_set_buffer_req(bh) && op == REQ_OP_WRITE)
		clear_buffer_write_io_error(bh);
	bio = bio_alloc(GFP_NOIO, 1);
	if (!bio) {
		bh->b_end_io(bh, 0);
		return -ENOMEM;
	}
	bio->bi_iter.bi_sector = bh->b_blocknr * (bh->b_size >> 9);
	bio_set_dev(bio, bh->b_bdev);
	bio->bi_opf = op | op_flags;
	bio->bi_end_io = end_bio_bh_io_sync;
	bio->bi_private = bh;
	if (bio_add_page(bio, bh->b_page, bh->b_size, bh_offset(bh)) != (int)bh->b_size) {
		bio_put(bio);
		bh->b_end_io(bh, 0);
		return -EIO;
	}
	submit_bio(bio);
	return 0;
}

/* submit_bh_wbc without a writeback_control. */
int submit_bh(int op, int op_flags, struct buffer_head *bh)
{
	return submit_bh_wbc(op, op_flags, bh, NULL);
}

/*
 * Starts I/O on each buffer that needs it, without waiting: a read of
 * each not-uptodate buffer, a write of each dirty one. Buffers someone
 * else holds locked are skipped (their I/O is under way).
 */
void ll_rw_block(int op, int op_flags, int nr, struct buffer_head *bhs[])
{
	for (int i = 0; i < nr; i++) {
		struct buffer_head *bh = bhs[i];

		if (!trylock_buffer(bh))
			continue;
		if (op == REQ_OP_WRITE && test_clear_buffer_dirty(bh)) {
			bh->b_end_io = end_buffer_write_sync;
			get_bh(bh);
			submit_bh(op, op_flags, bh);
			continue;
		}
		if (op != REQ_OP_WRITE && !buffer_uptodate(bh)) {
			bh->b_end_io = end_buffer_read_sync;
			get_bh(bh);
			submit_bh(op, op_flags, bh);
			continue;
		}
		unlock_buffer(bh);
	}
}

/* Starts the write of @bh if it is dirty; does not wait. */
void write_dirty_buffer(struct buffer_head *bh, int op_flags)
{
	lock_buffer(bh);
	if (!test_clear_buffer_dirty(bh)) {
		unlock_buffer(bh);
		return;
	}
	bh->b_end_io = end_buffer_write_sync;
	get_bh(bh);
	submit_bh(REQ_OP_WRITE, op_flags, bh);
}

/* Writes @bh if dirty and waits: 0, or -EIO (the write failed or @bh is unmapped). */
int __sync_dirty_buffer(struct buffer_head *bh, int op_flags)
{
	int ret = 0;

	WARN_ON(bh_count(bh) < 1);
	lock_buffer(bh);
	if (!test_clear_buffer_dirty(bh)) {
		unlock_buffer(bh);
		return 0;
	}
	if (!buffer_mapped(bh)) {
		unlock_buffer(bh);
		return -EIO;
	}
	get_bh(bh);
	bh->b_end_io = end_buffer_write_sync;
	ret = submit_bh(REQ_OP_WRITE, op_flags, bh);
	wait_on_buffer(bh);
	if (!ret && !buffer_uptodate(bh))
		ret = -EIO;
	return ret;
}

/* __sync_dirty_buffer with REQ_SYNC: 0 or -EIO. */
int sync_dirty_buffer(struct buffer_head *bh)
{
	return __sync_dirty_buffer(bh, REQ_SYNC);
}

/* Reads locked @bh (unless uptodate) and waits: 0 or -EIO. Unlocks it. */
int bh_submit_read(struct buffer_head *bh)
{
	WARN_ON(!buffer_locked(bh));
	if (buffer_uptodate(bh)) {
		unlock_buffer(bh);
		return 0;
	}
	get_bh(bh);
	bh->b_end_io = end_buffer_read_sync;
	submit_bh(REQ_OP_READ, 0, bh);
	wait_on_buffer(bh);
	return buffer_uptodate(bh) ? 0 : -EIO;
}

/* ---- a page's buffers ---------------------------------------------------------- */

/* The ring on page->private holds one page reference while it exists, as in Linux. */
static void attach_page_buffers(struct page *page, struct buffer_head *head)
{
	get_page(page);
	SetPagePrivate(page);
	set_page_private(page, (unsigned long)head);
}

/* Detaches the ring from @page (the caller frees it) and drops the ring's page reference. */
static void __clear_page_buffers(struct page *page)
{
	ClearPagePrivate(page);
	set_page_private(page, 0);
	put_page(page);
}

/* A chain (NULL-terminated, not yet a ring) of buffers of @size covering @page, or NULL. */
static struct buffer_head *alloc_page_buffers(struct page *page, unsigned long size)
{
	struct buffer_head *bh, *head = NULL;
	long offset = PAGE_SIZE;

	while ((offset -= (long)size) >= 0) {
		bh = alloc_buffer_head(GFP_NOFS);
		if (!bh)
			goto no_grow;
		bh->b_this_page = head;
		bh->b_blocknr = -1;
		bh->b_size = size;
		set_bh_page(bh, page, offset);
		head = bh;
	}
	return head;
no_grow:
	while (head) {
		bh = head;
		head = head->b_this_page;
		free_buffer_head(bh);
	}
	return NULL;
}

/*
 * Gives locked @page a ring of unmapped buffers of @blocksize with
 * @b_state, uptodate/dirty if the page is. Without memory the page is
 * left without buffers (create_page_buffers then returns NULL).
 */
void create_empty_buffers(struct page *page, unsigned long blocksize, unsigned long b_state)
{
	struct buffer_head *head = alloc_page_buffers(page, blocksize);
	struct buffer_head *bh, *tail = NULL;
	spinlock_t *lock = page->mapping ? &page->mapping->private_lock : NULL;

	if (!head)
		return;
	for (bh = head; bh; bh = bh->b_this_page) {
		bh->b_state |= b_state;
		tail = bh;
	}
	tail->b_this_page = head;
	if (lock)
		spin_lock(lock);
	bh = head;
	do {
		if (PageDirty(page))
			set_buffer_dirty(bh);
		if (PageUptodate(page))
			set_buffer_uptodate(bh);
		bh = bh->b_this_page;
	} while (bh != head);
	attach_page_buffers(page, head);
	if (lock)
		spin_unlock(lock);
}

/* @page's buffers (locked page), made of @inode's block size if it has none; NULL: no memory. */
struct buffer_head *create_page_buffers(struct page *page, struct inode *inode, unsigned int b_state)
{
	WARN_ON(!PageLocked(page));
	if (!page_has_buffers(page))
		create_empty_buffers(page, 1UL << inode->i_blkbits, b_state);
	return page_has_buffers(page) ? page_buffers(page) : NULL;
}

/* Is @bh in use: referenced, dirty or locked? */
static bool buffer_busy(const struct buffer_head *bh)
{
	return bh_count(bh) ||
	       (bh->b_state & ((1UL << BH_Dirty) | (1UL << BH_Lock)));
}

/* Takes @bh off its inode's private_list; bh_assoc_lock held. */
static void __remove_assoc_queue(struct buffer_head *bh)
{
	list_del_init(&bh->b_assoc_buffers);
	bh->b_assoc_map = NULL;
}

/* Detaches @page's ring if no buffer is busy: 1 with the ring in *@to_free, else 0. */
static int drop_buffers(struct page *page, struct buffer_head **to_free)
{
	struct buffer_head *head = page_buffers(page), *bh = head;
	unsigned long flags;

	do {
		if (buffer_busy(bh))
			return 0;
		bh = bh->b_this_page;
	} while (bh != head);
	spin_lock_irqsave(&bh_assoc_lock, flags);
	do {
		if (bh->b_assoc_map)
			__remove_assoc_queue(bh);
		bh = bh->b_this_page;
	} while (bh != head);
	spin_unlock_irqrestore(&bh_assoc_lock, flags);
	*to_free = head;
	__clear_page_buffers(page);
	return 1;
}

/*
 * Frees the buffers of locked @page if none is referenced, dirty or locked
 * and the page is not under write-back: 1 if it did (clean buffers of a
 * dirty page: the page is cleaned too, as Linux does), else 0.
 */
int try_to_free_buffers(struct page *page)
{
	struct address_space *mapping = page->mapping;
	struct buffer_head *to_free = NULL, *bh;
	int ret;

	if (WARN_ON(!PageLocked(page)) || PageWriteback(page) || !page_has_buffers(page))
		return 0;
	if (mapping)
		spin_lock(&mapping->private_lock);
	ret = drop_buffers(page, &to_free);
	if (mapping)
		spin_unlock(&mapping->private_lock);
	if (ret && mapping && PageDirty(page))
		cancel_dirty_page(page);
	if (to_free) {
		bh = to_free;
		do {
			struct buffer_head *next = bh->b_this_page;

			free_buffer_head(bh);
			bh = next;
		} while (bh != to_free);
	}
	return ret;
}

/* Forgets what @bh held (truncate): clean, unmapped, not new. */
static void discard_buffer(struct buffer_head *bh)
{
	lock_buffer(bh);
	clear_buffer_dirty(bh);
	bh->b_bdev = NULL;
	bh->b_state &= ~((1UL << BH_Mapped) | (1UL << BH_Req) | (1UL << BH_New) |
			 (1UL << BH_Delay) | (1UL << BH_Unwritten));
	unlock_buffer(bh);
}

/*
 * Part of locked @page (@offset, @length) is going away: its wholly
 * covered buffers are discarded; if the whole page goes, its buffers are
 * freed too (when nobody holds them).
 */
void block_invalidatepage(struct page *page, unsigned int offset, unsigned int length)
{
	struct buffer_head *head, *bh, *next;
	unsigned int curr_off = 0, stop = offset + length;

	if (!page_has_buffers(page))
		return;
	head = page_buffers(page);
	bh = head;
	do {
		unsigned int next_off = curr_off + bh->b_size;

		next = bh->b_this_page;
		if (next_off > stop)
			break;
		if (offset <= curr_off)
			discard_buffer(bh);
		curr_off = next_off;
		bh = next;
	} while (bh != head);
	if (offset == 0)
		try_to_free_buffers(page);
}

/* ---- dirtying ---------------------------------------------------------------- */

/*
 * @page of @mapping has just become dirty (PG_dirty set by the caller):
 * count it (account_page_dirtied: NR_FILE_DIRTY, NR_DIRTIED) and tag it
 * in the mapping's tree, unless truncation took it out meanwhile. Any context.
 */
static void __set_page_dirty(struct page *page, struct address_space *mapping)
{
	unsigned long flags;

	spin_lock_irqsave(&mapping->tree_lock, flags);
	if (page->mapping == mapping) {
		account_page_dirtied(page, mapping);
		radix_tree_tag_set(&mapping->page_tree, page->index, PAGECACHE_TAG_DIRTY);
	}
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
}

/*
 * a_ops->set_page_dirty of mappings with buffers: every buffer of @page
 * becomes dirty, then the page (tagged, counted, its inode dirtied). 1 if
 * the page was clean.
 */
int __set_page_dirty_buffers(struct page *page)
{
	struct address_space *mapping = page->mapping;
	int newly_dirty;

	if (!mapping)
		return !TestSetPageDirty(page);
	spin_lock(&mapping->private_lock);
	if (page_has_buffers(page)) {
		struct buffer_head *head = page_buffers(page), *bh = head;

		do {
			set_buffer_dirty(bh);
			bh = bh->b_this_page;
		} while (bh != head);
	}
	newly_dirty = !TestSetPageDirty(page);
	spin_unlock(&mapping->private_lock);
	if (newly_dirty) {
		__set_page_dirty(page, mapping);
		__mark_inode_dirty(mapping->host, I_DIRTY_PAGES);
	}
	return newly_dirty;
}

/*
 * Marks uptodate @bh dirty, and its page (__set_page_dirty) and the
 * page's inode (I_DIRTY_PAGES) if they were clean. Any context but IRQs.
 */
void mark_buffer_dirty(struct buffer_head *bh)
{
	struct address_space *mapping = NULL;
	struct page *page = bh->b_page;

	WARN_ON_ONCE(!buffer_uptodate(bh));
	if (buffer_dirty(bh) || test_set_buffer_dirty(bh))
		return;
	if (!TestSetPageDirty(page)) {
		mapping = page->mapping;
		if (mapping)
			__set_page_dirty(page, mapping);
	}
	if (mapping)
		__mark_inode_dirty(mapping->host, I_DIRTY_PAGES);
}

/* Dirties @bh and puts it on @inode's mapping->private_list, for fsync of @inode. */
void mark_buffer_dirty_inode(struct buffer_head *bh, struct inode *inode)
{
	struct address_space *mapping = inode->i_mapping;
	unsigned long flags;

	mark_buffer_dirty(bh);
	if (bh->b_assoc_map)
		return;
	spin_lock_irqsave(&bh_assoc_lock, flags);
	list_move_tail(&bh->b_assoc_buffers, &mapping->private_list);
	bh->b_assoc_map = mapping;
	spin_unlock_irqrestore(&bh_assoc_lock, flags);
}

/*
 * Writes the buffers on @list and waits for them: 0, or -EIO if one did
 * not end uptodate. A buffer dirtied again meanwhile stays on the list.
 */
static int fsync_buffers_list(struct list_head *list)
{
	struct buffer_head *bh;
	struct address_space *mapping;
	unsigned long flags;
	LIST_HEAD(tmp);
	int err = 0;

	spin_lock_irqsave(&bh_assoc_lock, flags);
	while (!list_empty(list)) {
		bh = list_first_entry(list, struct buffer_head, b_assoc_buffers);
		mapping = bh->b_assoc_map;
		__remove_assoc_queue(bh);
		if (!buffer_dirty(bh) && !buffer_locked(bh))
			continue;
		list_add(&bh->b_assoc_buffers, &tmp);
		bh->b_assoc_map = mapping;
		if (buffer_dirty(bh)) {
			get_bh(bh);
			spin_unlock_irqrestore(&bh_assoc_lock, flags);
			write_dirty_buffer(bh, REQ_SYNC);
			brelse(bh);
			spin_lock_irqsave(&bh_assoc_lock, flags);
		}
	}
	while (!list_empty(&tmp)) {
		bh = list_last_entry(&tmp, struct buffer_head, b_assoc_buffers);
		mapping = bh->b_assoc_map;
		get_bh(bh);
		__remove_assoc_queue(bh);
		if (buffer_dirty(bh)) {
			list_add(&bh->b_assoc_buffers, &mapping->private_list);
			bh->b_assoc_map = mapping;
		}
		spin_unlock_irqrestore(&bh_assoc_lock, flags);
		wait_on_buffer(bh);
		if (!buffer_uptodate(bh))
			err = -EIO;
		brelse(bh);
		spin_lock_irqsave(&bh_assoc_lock, flags);
	}
	spin_unlock_irqrestore(&bh_assoc_lock, flags);
	return err;
}

/* fsync's part for metadata: writes and waits for @mapping's associated buffers. 0 or -EIO. */
int sync_mapping_buffers(struct address_space *mapping)
{
	if (list_empty(&mapping->private_list))
		return 0;
	return fsync_buffers_list(&mapping->private_list);
}

/* Forgets @inode's associated buffers (it is being evicted); they stay dirty in the bdev cache. */
void invalidate_inode_buffers(struct inode *inode)
{
	struct list_head *list = &inode->i_data.private_list;
	unsigned long flags;

	spin_lock_irqsave(&bh_assoc_lock, flags);
	while (!list_empty(list))
		__remove_assoc_queue(list_first_entry(list, struct buffer_head, b_assoc_buffers));
	spin_unlock_irqrestore(&bh_assoc_lock, flags);
}

/* Drops a reference to @bh (it stays cached with its page). */
void __brelse(struct buffer_head *bh)
{
	if (bh_count(bh)) {
		put_bh(bh);
		return;
	}
	WARN_ON(1);	/* Linux: "VFS: brelse: Trying to free free buffer" */
}

/* Like __brelse, but the contents are not wanted: no write-back (a freed block). */
void __bforget(struct buffer_head *bh)
{
	unsigned long flags;

	clear_buffer_dirty(bh);
	if (bh->b_assoc_map) {
		spin_lock_irqsave(&bh_assoc_lock, flags);
		__remove_assoc_queue(bh);
		spin_unlock_irqrestore(&bh_assoc_lock, flags);
	}
	__brelse(bh);
}

/* ---- the block device buffer cache --------------------------------------------- */

/* log2 of buffers per page for @size, or -1 if @size is no block size (512..PAGE_SIZE, a power of two). */
static int blocksize_sizebits(unsigned int size)
{
	if (size < 512 || size > PAGE_SIZE || (size & (size - 1)))
		return -1;
	return (int)(PAGE_SHIFT - block_size_bits(size));
}

/* The bdev's blocks of @size that exist (those past the end are never mapped). */
static sector_t blkdev_max_block(struct block_device *bdev, unsigned int size)
{
	return (sector_t)i_size_read(bdev->bd_inode) >> block_size_bits(size);
}

/*
 * __find_get_block without the LRU Linux puts before it: the mapped buffer
 * of @block on its page of the bdev cache, with a reference, or NULL.
 */
struct buffer_head *__find_get_block(struct block_device *bdev, sector_t block, unsigned int size)
{
	struct address_space *mapping;
	struct buffer_head *head, *bh, *ret = NULL;
	struct page *page;
	int sizebits = blocksize_sizebits(size);

	if (sizebits < 0 || !bdev->bd_inode)
		return NULL;
	mapping = bdev->bd_inode->i_mapping;
	page = find_get_page(mapping, (pgoff_t)(block >> sizebits));
	if (!page)
		return NULL;
	spin_lock(&mapping->private_lock);
	if (page_has_buffers(page)) {
		head = page_buffers(page);
		bh = head;
		do {
			if (buffer_mapped(bh) && bh->b_blocknr == block && bh->b_size == size) {
				get_bh(bh);
				ret = bh;
				break;
			}
			bh = bh->b_this_page;
		} while (bh != head);
	}
	spin_unlock(&mapping->private_lock);
	put_page(page);
	return ret;
}

/* Maps the buffers of bdev page @page, starting at @block; returns the end of the device in blocks. */
static sector_t init_page_buffers(struct page *page, struct block_device *bdev,
				  sector_t block, unsigned int size)
{
	struct buffer_head *head = page_buffers(page), *bh = head;
	sector_t end_block = blkdev_max_block(bdev, size);

	do {
		if (!buffer_mapped(bh)) {
			bh->b_end_io = NULL;
			bh->b_private = NULL;
			bh->b_bdev = bdev;
			bh->b_blocknr = block;
			if (PageUptodate(page))
				set_buffer_uptodate(bh);
			if (block < end_block)
				set_buffer_mapped(bh);
		}
		block++;
		bh = bh->b_this_page;
	} while (bh != head);
	return end_block;
}

/*
 * Makes sure page @index of @bdev's cache exists with buffers of @size
 * mapped from its first block on. 1: done; 0: no memory or the page has
 * busy buffers of another size; -ENXIO: @block is past the device.
 */
static int grow_dev_page(struct block_device *bdev, sector_t block, pgoff_t index,
			 unsigned int size, int sizebits)
{
	struct address_space *mapping = bdev->bd_inode->i_mapping;
	struct page *page;
	sector_t end_block;
	int ret = 0;

	page = find_or_create_page(mapping, index, mapping_gfp_mask(mapping) & ~__GFP_FS);
	if (!page)
		return 0;
	if (page_has_buffers(page) && page_buffers(page)->b_size != size &&
	    !try_to_free_buffers(page))
		goto out;
	if (!page_has_buffers(page)) {
		struct buffer_head *head = alloc_page_buffers(page, size), *bh;

		if (!head)
			goto out;
		for (bh = head; bh->b_this_page; bh = bh->b_this_page)
			;
		bh->b_this_page = head;
		spin_lock(&mapping->private_lock);
		attach_page_buffers(page, head);
		spin_unlock(&mapping->private_lock);
	}
	end_block = init_page_buffers(page, bdev, (sector_t)index << sizebits, size);
	ret = block < end_block ? 1 : -ENXIO;
out:
	unlock_page(page);
	put_page(page);
	return ret;
}

/*
 * The buffer of @block of @bdev with a reference, created if missing.
 * NULL without memory, past the device's end, or if @size is not the
 * device's block size (set_blocksize first; Linux calls that a bug too).
 */
struct buffer_head *__getblk(struct block_device *bdev, sector_t block, unsigned int size)
{
	struct buffer_head *bh = __find_get_block(bdev, block, size);
	int sizebits = blocksize_sizebits(size);

	if (bh)
		return bh;
	if (sizebits < 0 || !bdev->bd_inode || size != bdev->bd_block_size) {
		pr_err("getblk(): invalid block size %u requested (%s uses %u)\n", size,
		       bdev->bd_part ? bdev->bd_part->name : "?", bdev->bd_block_size);
		return NULL;
	}
	if ((block >> sizebits) > (sector_t)~(pgoff_t)0)
		return NULL;
	if (grow_dev_page(bdev, block, (pgoff_t)(block >> sizebits), size, sizebits) <= 0)
		return NULL;
	return __find_get_block(bdev, block, size);
}

/* Reads @block of @bdev unless cached uptodate: the buffer (with a reference) or NULL on an error. */
struct buffer_head *__bread(struct block_device *bdev, sector_t block, unsigned int size)
{
	struct buffer_head *bh = __getblk(bdev, block, size);

	if (!bh || buffer_uptodate(bh))
		return bh;
	lock_buffer(bh);
	if (bh_submit_read(bh) == 0)
		return bh;
	brelse(bh);
	return NULL;
}

/* A freshly allocated block may still have a buffer in the bdev cache: forget its contents. */
static void clean_bdev_bh_alias(struct buffer_head *bh)
{
	struct buffer_head *old = __find_get_block(bh->b_bdev, bh->b_blocknr, bh->b_size);

	if (!old)
		return;
	clear_buffer_dirty(old);
	wait_on_buffer(old);
	clear_buffer_req(old);
	__brelse(old);
}

/* ---- the block_* a_ops helpers ------------------------------------------------ */

/*
 * a_ops->readpage on get_block: locked @page gets buffers; holes and
 * blocks past EOF are zeroed without I/O, the rest read as one bio each;
 * the last read to end unlocks the page (end_buffer_async_read). 0.
 */
int block_read_full_page(struct page *page, get_block_t *get_block)
{
	struct inode *inode = page->mapping->host;
	struct buffer_head *arr[PAGE_SIZE / 512], *head, *bh;
	unsigned int blocksize, bbits, i = 0;
	sector_t iblock, lblock;
	int nr = 0;

	head = create_page_buffers(page, inode, 0);
	if (!head) {
		unlock_page(page);
		return -ENOMEM;
	}
	blocksize = head->b_size;
	bbits = block_size_bits(blocksize);
	iblock = (sector_t)page->index << (PAGE_SHIFT - bbits);
	lblock = (i_size_read(inode) + blocksize - 1) >> bbits;
	bh = head;
	do {
		if (!buffer_uptodate(bh)) {
			int err = 0;

			if (!buffer_mapped(bh) && iblock < lblock) {
				err = get_block(inode, iblock, bh, 0);
				if (err)
					SetPageError(page);
			}
			if (!buffer_mapped(bh)) {
				zero_user(page, i * blocksize, blocksize);
				if (!err)
					set_buffer_uptodate(bh);
			} else if (!buffer_uptodate(bh)) {
				arr[nr++] = bh;
			}
		}
		i++;
		iblock++;
		bh = bh->b_this_page;
	} while (bh != head);

	if (!nr) {
		if (!PageError(page))
			SetPageUptodate(page);
		unlock_page(page);
		return 0;
	}
	/* All of them marked before any is sent: a quick end must not unlock the page early. */
	for (int k = 0; k < nr; k++) {
		lock_buffer(arr[k]);
		mark_buffer_async_read(arr[k]);
	}
	for (int k = 0; k < nr; k++) {
		if (buffer_uptodate(arr[k]))
			end_buffer_async_read(arr[k], 1);
		else
			submit_bh(REQ_OP_READ, 0, arr[k]);
	}
	return 0;
}

/* get_block failed with @err while writing @page: write what is mapped, record the error. */
static void block_write_recover(struct page *page, struct buffer_head *head,
				bh_end_io_t *handler, int err)
{
	struct buffer_head *bh = head;

	do {
		if (buffer_mapped(bh) && buffer_dirty(bh)) {
			lock_buffer(bh);
			if (test_clear_buffer_dirty(bh))
				mark_buffer_async_write_endio(bh, handler);
			else
				unlock_buffer(bh);
		} else {
			clear_buffer_dirty(bh);
		}
		bh = bh->b_this_page;
	} while (bh != head);
	SetPageError(page);
	mapping_set_error(page->mapping, err);
}

/* Maps (allocating) the dirty buffers of @page inside i_size; clears those beyond it. 0 or get_block's error. */
static int block_write_map(struct inode *inode, struct page *page, struct buffer_head *head,
			   get_block_t *get_block)
{
	unsigned int bbits = block_size_bits(head->b_size);
	sector_t block = (sector_t)page->index << (PAGE_SHIFT - bbits);
	sector_t last_block = (i_size_read(inode) - 1) >> bbits;
	struct buffer_head *bh = head;

	do {
		if (block > last_block) {
			clear_buffer_dirty(bh);		/* truncated while dirty */
			set_buffer_uptodate(bh);
		} else if (!buffer_mapped(bh) && buffer_dirty(bh)) {
			int err = get_block(inode, block, bh, 1);

			if (err)
				return err;
			if (buffer_new(bh)) {
				clear_buffer_new(bh);
				clean_bdev_bh_alias(bh);
			}
		}
		bh = bh->b_this_page;
		block++;
	} while (bh != head);
	return 0;
}

/*
 * The write-back of locked @page (dirty bit already cleared): each dirty
 * buffer is mapped, locked and sent as its own bio (submit_bh_wbc ->
 * submit_bio, seed 003), the page under PG_writeback until the last one
 * ends in @handler; the page is unlocked before returning. 0 or the
 * get_block error (the mapped buffers are still written).
 */
int __block_write_full_page(struct inode *inode, struct page *page, get_block_t *get_block,
			    struct writeback_control *wbc, bh_end_io_t *handler)
{
	int write_flags = wbc ? wbc_to_write_flags(wbc) : 0;
	struct buffer_head *head, *bh, *next;
	int err, nr_underway = 0;

	head = create_page_buffers(page, inode, (1U << BH_Dirty) | (1U << BH_Uptodate));
	if (!head) {
		SetPageError(page);
		mapping_set_error(page->mapping, -ENOMEM);
		unlock_page(page);
		return -ENOMEM;
	}
	err = block_write_map(inode, page, head, get_block);
	if (err) {
		block_write_recover(page, head, handler, err);
	} else {
		bh = head;
		do {
			if (buffer_mapped(bh)) {
				lock_buffer(bh);	/* Linux skips a locked one under WB_SYNC_NONE */
				if (test_clear_buffer_dirty(bh))
					mark_buffer_async_write_endio(bh, handler);
				else
					unlock_buffer(bh);
			}
			bh = bh->b_this_page;
		} while (bh != head);
	}
	WARN_ON(PageWriteback(page));
	set_page_writeback(page);
	bh = head;
	do {
		next = bh->b_this_page;
		if (buffer_async_write(bh)) {
			submit_bh_wbc(REQ_OP_WRITE, write_flags, bh, wbc);
			nr_underway++;
		}
		bh = next;
	} while (bh != head);
	unlock_page(page);
	if (!nr_underway)
		end_page_writeback(page);	/* dirty page, clean buffers: written by hand already */
	return err;
}

/* Drops the buffers' state of the part of @page that is going (a_ops or the block default). */
static void do_invalidatepage(struct page *page, unsigned int offset, unsigned int length)
{
	const struct address_space_operations *a_ops = page->mapping->a_ops;

	if (a_ops->invalidatepage)
		a_ops->invalidatepage(page, offset, length);
	else
		block_invalidatepage(page, offset, length);
}

/*
 * a_ops->writepage on get_block (seed 003's WRITE stack): the part of
 * the page beyond i_size is zeroed first (it must not reach the disk as
 * whatever was there); a page wholly past i_size (truncated meanwhile) is
 * just dropped. Then __block_write_full_page.
 */
int block_write_full_page(struct page *page, get_block_t *get_block, struct writeback_control *wbc)
{
	struct inode *inode = page->mapping->host;
	loff_t i_size = i_size_read(inode);
	pgoff_t end_index = (pgoff_t)(i_size >> PAGE_SHIFT);
	unsigned int offset = i_size & (PAGE_SIZE - 1);

	if (page->index < end_index)
		return __block_write_full_page(inode, page, get_block, wbc, end_buffer_async_write);
	if (page->index >= end_index + 1 || !offset) {
		do_invalidatepage(page, 0, PAGE_SIZE);
		unlock_page(page);
		return 0;
	}
	zero_user(page, offset, PAGE_SIZE - offset);
	return __block_write_full_page(inode, page, get_block, wbc, end_buffer_async_write);
}

/* After a failed or short write: new buffers in @from..@to get zeroes, not stale disk data. */
static void page_zero_new_buffers(struct page *page, unsigned int from, unsigned int to)
{
	struct buffer_head *head, *bh;
	unsigned int block_start = 0;

	if (!page_has_buffers(page))
		return;
	head = page_buffers(page);
	bh = head;
	do {
		unsigned int block_end = block_start + bh->b_size;

		if (buffer_new(bh) && block_end > from && block_start < to) {
			if (!PageUptodate(page)) {
				unsigned int start = max(from, block_start);

				zero_user(page, start, min(to, block_end) - start);
				set_buffer_uptodate(bh);
			}
			clear_buffer_new(bh);
			mark_buffer_dirty(bh);
		}
		block_start = block_end;
		bh = bh->b_this_page;
	} while (bh != head);
}

/* One buffer of __block_write_begin covering bytes @block_start..@block_end of the page; 0, -Exxx, or 1 if it must be read. */
static int write_begin_buffer(struct inode *inode, struct page *page, struct buffer_head *bh,
			      sector_t block, unsigned int block_start, unsigned int from,
			      unsigned int to, get_block_t *get_block)
{
	unsigned int block_end = block_start + bh->b_size;

	if (block_end <= from || block_start >= to) {
		if (PageUptodate(page))
			set_buffer_uptodate(bh);
		return 0;
	}
	clear_buffer_new(bh);
	if (!buffer_mapped(bh)) {
		int err = get_block(inode, block, bh, 1);

		if (err)
			return err;
		if (buffer_new(bh)) {
			clean_bdev_bh_alias(bh);
			if (PageUptodate(page)) {
				clear_buffer_new(bh);
				set_buffer_uptodate(bh);
				mark_buffer_dirty(bh);
				return 0;
			}
			if (block_end > to)
				zero_user(page, to, block_end - to);
			if (block_start < from)
				zero_user(page, block_start, from - block_start);
			return 0;
		}
	}
	if (PageUptodate(page)) {
		set_buffer_uptodate(bh);
		return 0;
	}
	return !buffer_uptodate(bh) && (block_start < from || block_end > to);
}

/*
 * Prepares bytes @pos..@pos+@len of locked @page for a copy: buffers are
 * mapped (allocating), and blocks only partly written are read first
 * (new ones zeroed instead). 0 or -Exxx (new buffers then zeroed).
 */
int __block_write_begin(struct page *page, loff_t pos, unsigned int len, get_block_t *get_block)
{
	unsigned int from = pos & (PAGE_SIZE - 1), to = from + len, block_start = 0;
	struct inode *inode = page->mapping->host;
	struct buffer_head *wait[PAGE_SIZE / 512], *head, *bh;
	sector_t block;
	int err = 0, nr_wait = 0;

	if (WARN_ON(!PageLocked(page) || to > PAGE_SIZE))
		return -EINVAL;
	head = create_page_buffers(page, inode, 0);
	if (!head)
		return -ENOMEM;
	block = (sector_t)page->index << (PAGE_SHIFT - block_size_bits(head->b_size));
	bh = head;
	do {
		int r = write_begin_buffer(inode, page, bh, block, block_start, from, to, get_block);

		if (r < 0) {
			err = r;
			break;
		}
		if (r > 0) {
			ll_rw_block(REQ_OP_READ, 0, 1, &bh);
			wait[nr_wait++] = bh;
		}
		block_start += bh->b_size;
		block++;
		bh = bh->b_this_page;
	} while (bh != head);
	while (nr_wait > 0) {
		bh = wait[--nr_wait];
		wait_on_buffer(bh);
		if (!buffer_uptodate(bh))
			err = -EIO;
	}
	if (err)
		page_zero_new_buffers(page, from, to);
	return err;
}

/*
 * a_ops->write_begin on get_block (seed 000): the locked page for @pos
 * from grab_cache_page_write_begin, prepared by __block_write_begin.
 * 0 with *@pagep, or -Exxx (no page kept).
 */
int block_write_begin(struct address_space *mapping, loff_t pos, unsigned int len,
		      unsigned int flags, struct page **pagep, get_block_t *get_block)
{
	struct page *page = grab_cache_page_write_begin(mapping, (pgoff_t)(pos >> PAGE_SHIFT), flags);
	int status;

	if (!page)
		return -ENOMEM;
	status = __block_write_begin(page, pos, len, get_block);
	if (status) {
		unlock_page(page);
		put_page(page);
		page = NULL;
	}
	*pagep = page;
	return status;
}

/* The copied bytes @from..@to are in: their buffers become uptodate and dirty; the page is uptodate if all are. */
static void __block_commit_write(struct page *page, unsigned int from, unsigned int to)
{
	struct buffer_head *head = page_buffers(page), *bh = head;
	unsigned int block_start = 0;
	bool partial = false;

	do {
		unsigned int block_end = block_start + bh->b_size;

		if (block_end <= from || block_start >= to) {
			if (!buffer_uptodate(bh))
				partial = true;
		} else {
			set_buffer_uptodate(bh);
			mark_buffer_dirty(bh);
		}
		clear_buffer_new(bh);
		block_start = block_end;
		bh = bh->b_this_page;
	} while (bh != head);
	if (!partial)
		SetPageUptodate(page);
}

/*
 * After the copy into @page (still locked, referenced): a short copy into
 * a page that was not uptodate counts as none (the caller retries).
 * Returns the bytes accepted. Leaves the page locked (generic_write_end
 * unlocks it).
 */
int block_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		    unsigned int len, unsigned int copied, struct page *page, void *fsdata)
{
	unsigned int start = pos & (PAGE_SIZE - 1);

	if (copied < len) {
		if (!PageUptodate(page))
			copied = 0;
		page_zero_new_buffers(page, start + copied, start + len);
	}
	if (page_has_buffers(page))
		__block_commit_write(page, start, start + copied);
	return (int)copied;
}

/* a_ops->write_end on buffers: block_write_end, i_size moved on, the page unlocked and released. */
int generic_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		      unsigned int len, unsigned int copied, struct page *page, void *fsdata)
{
	struct inode *inode = mapping->host;
	bool size_changed = false;

	copied = (unsigned int)block_write_end(file, mapping, pos, len, copied, page, fsdata);
	if (pos + copied > inode->i_size) {
		i_size_write(inode, pos + copied);
		size_changed = true;
	}
	unlock_page(page);
	put_page(page);
	if (size_changed)
		mark_inode_dirty(inode);
	return (int)copied;
}

/* a_ops->bmap on get_block: the disk block of file block @block, 0 for a hole. */
sector_t generic_block_bmap(struct address_space *mapping, sector_t block, get_block_t *get_block)
{
	struct inode *inode = mapping->host;
	struct buffer_head tmp = { .b_size = 1UL << inode->i_blkbits };

	INIT_LIST_HEAD(&tmp.b_assoc_buffers);
	get_block(inode, block, &tmp, 0);
	return buffer_mapped(&tmp) ? tmp.b_blocknr : 0;
}

/* The buffer of @page holding byte @offset, and its file block (from @iblock, the page's first). */
static struct buffer_head *buffer_at(struct page *page, unsigned int offset, sector_t *iblock)
{
	struct buffer_head *bh = page_buffers(page);
	unsigned int pos = bh->b_size;

	while (offset >= pos) {
		bh = bh->b_this_page;
		(*iblock)++;
		pos += bh->b_size;
	}
	return bh;
}

/*
 * Truncation to @from inside a block: zeroes the rest of that block on
 * its page (reading it first) and dirties it, so the bytes past the new
 * end read as zeroes if the file grows again. A hole needs nothing. 0 or -Exxx.
 */
int block_truncate_page(struct address_space *mapping, loff_t from, get_block_t *get_block)
{
	struct inode *inode = mapping->host;
	unsigned int blocksize = 1U << inode->i_blkbits;
	unsigned int offset = from & (PAGE_SIZE - 1), length = offset & (blocksize - 1);
	pgoff_t index = (pgoff_t)(from >> PAGE_SHIFT);
	sector_t iblock = (sector_t)index << (PAGE_SHIFT - inode->i_blkbits);
	struct buffer_head *bh;
	struct page *page;
	int err = 0;

	if (!length)
		return 0;
	length = blocksize - length;
	page = find_or_create_page(mapping, index, mapping_gfp_mask(mapping));
	if (!page)
		return -ENOMEM;
	if (!page_has_buffers(page))
		create_empty_buffers(page, blocksize, 0);
	if (!page_has_buffers(page)) {
		err = -ENOMEM;
		goto unlock;
	}
	bh = buffer_at(page, offset, &iblock);
	if (!buffer_mapped(bh)) {
		err = get_block(inode, iblock, bh, 0);
		if (err || !buffer_mapped(bh))
			goto unlock;		/* a hole: nothing to zero on disk */
	}
	if (PageUptodate(page))
		set_buffer_uptodate(bh);
	if (!buffer_uptodate(bh)) {
		ll_rw_block(REQ_OP_READ, 0, 1, &bh);
		wait_on_buffer(bh);
		if (!buffer_uptodate(bh)) {
			err = -EIO;
			goto unlock;
		}
	}
	zero_user(page, offset, length);
	mark_buffer_dirty(bh);
unlock:
	unlock_page(page);
	put_page(page);
	return err;
}

/*
 * Grows @inode to @size through its own write_begin/write_end with an
 * empty write at @size (the blocks in between stay holes). 0 or -Exxx
 * (-EFBIG beyond the file system's limit).
 */
int generic_cont_expand_simple(struct inode *inode, loff_t size)
{
	struct address_space *mapping = inode->i_mapping;
	const struct address_space_operations *a_ops = mapping->a_ops;
	struct page *page;
	void *fsdata = NULL;
	int err;

	if (size < 0 || (inode->i_sb && size > inode->i_sb->s_maxbytes))
		return -EFBIG;
	err = a_ops->write_begin(NULL, mapping, size, 0, 0, &page, &fsdata);
	if (err)
		return err;
	err = a_ops->write_end(NULL, mapping, size, 0, 0, page, fsdata);
	return err < 0 ? err : 0;
}
