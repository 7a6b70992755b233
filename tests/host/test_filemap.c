/*
 * The page cache core on the host (mm/filemap.c, readahead.c, swap.c,
 * truncate.c, page-writeback.c, vmscan.c, lib/iov_iter.c) over the real
 * buddy allocator of the test arena, with an in-memory "file system":
 * its a_ops fill pages with a pattern and record what write-back writes.
 * The VFS and buffer-layer calls the mm code makes are recorded by small
 * stand-ins below (this test is about the mm side; test_buffer and
 * test_ext2 run the real ones).
 */
#include <stdlib.h>
#include <string.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/swap.h>
#include <linux/writeback.h>
#include <linux/vmstat.h>
#include <linux/uio.h>
#include <linux/highmem.h>
#include <linux/buffer_head.h>
#include "fs_env.h"
#include "slab_test_env.h"
#include "test.h"


/* ---- stand-ins for the VFS and the buffer layer ---- */
static unsigned long nr_inode_dirtied, nr_bg_wakeups;
void __mark_inode_dirty(struct inode *inode, int flags) { nr_inode_dirtied++; }
void touch_atime(const struct path *path) { }
int file_update_time(struct file *file) { return 0; }
int vfs_fsync_range(struct file *file, loff_t start, loff_t end, int datasync)
{
	return filemap_write_and_wait_range(file->f_mapping, start, end);
}
void wb_start_background_writeback(void) { nr_bg_wakeups++; }
void wakeup_flusher_threads(void) { nr_bg_wakeups++; }
bool fatal_signal_pending(struct task_struct *p) { return false; }	/* no SIGKILL here */
int __set_page_dirty_buffers(struct page *page) { return __set_page_dirty_nobuffers(page); }
int try_to_free_buffers(struct page *page) { return 1; }
void block_invalidatepage(struct page *page, unsigned int offset, unsigned int length) { }
void buffer_init(void) { }

/* ---- the test file system ---- */
static struct {
	unsigned long readpage, readpages, pages_read;
	unsigned int window[64];	/* sizes of the readpages calls */
	unsigned long writepage;
	pgoff_t written[4096];
	int fail_index;			/* writepage of this index fails with -EIO (-1: none) */
	bool hold_writeback;		/* leave PG_writeback set for the test to end */
	struct address_space *touch;	/* writepage "sleeps": another task reads page 0 of this */
	struct page *held[64];
	unsigned int nr_held;
} fs;

static u8 pattern(pgoff_t index, size_t off)
{
	return (u8)(index * 7 + off * 13 + 1);
}

static void fill_page(struct page *page)
{
	u8 *p = kmap_atomic(page);

	for (size_t i = 0; i < PAGE_SIZE; i++)
		p[i] = pattern(page->index, i);
	kunmap_atomic(p);
	SetPageUptodate(page);
}

static int t_readpage(struct file *file, struct page *page)
{
	fs.readpage++;
	fs.pages_read++;
	fill_page(page);
	unlock_page(page);
	return 0;
}

static int t_readpages(struct file *file, struct address_space *mapping,
		       struct list_head *pages, unsigned int nr)
{
	pgoff_t prev = 0;
	bool first = true;

	if (fs.readpages < ARRAY_SIZE(fs.window))
		fs.window[fs.readpages] = nr;
	fs.readpages++;
	while (!list_empty(pages)) {
		struct page *page = list_entry(pages->prev, struct page, lru);

		CHECK_QUIET(first || page->index == prev + 1, "readpages: tail first, ascending");
		first = false;
		prev = page->index;
		list_del(&page->lru);
		if (!add_to_page_cache_lru(page, mapping, page->index, GFP_KERNEL)) {
			fs.pages_read++;
			fill_page(page);
			unlock_page(page);
		}
		put_page(page);
	}
	return 0;
}

static int t_writepage(struct page *page, struct writeback_control *wbc)
{
	if (fs.writepage < ARRAY_SIZE(fs.written))
		fs.written[fs.writepage] = page->index;
	fs.writepage++;
	set_page_writeback(page);
	unlock_page(page);
	if ((int)page->index == fs.fail_index) {
		SetPageError(page);
		end_page_writeback(page);
		return -EIO;
	}
	if (fs.touch) {
		struct page *other = find_get_page(fs.touch, 0);

		if (other) {
			mark_page_accessed(other);
			put_page(other);
		}
	}
	if (fs.hold_writeback && fs.nr_held < ARRAY_SIZE(fs.held)) {
		get_page(page);
		fs.held[fs.nr_held++] = page;
		return 0;
	}
	end_page_writeback(page);
	return 0;
}

static int t_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
			 unsigned int len, unsigned int flags, struct page **pagep, void **fsdata)
{
	struct page *page = grab_cache_page_write_begin(mapping, pos >> PAGE_SHIFT, flags);

	if (!page)
		return -ENOMEM;
	if (!PageUptodate(page) && len != PAGE_SIZE)
		fill_page(page);	/* what the disk holds */
	*pagep = page;
	return 0;
}

static int t_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		       unsigned int len, unsigned int copied, struct page *page, void *fsdata)
{
	struct inode *inode = mapping->host;

	if (copied == PAGE_SIZE)
		SetPageUptodate(page);
	set_page_dirty(page);
	if (pos + copied > inode->i_size)
		i_size_write(inode, pos + copied);
	unlock_page(page);
	put_page(page);
	return (int)copied;
}

static const struct address_space_operations t_aops = {
	.readpage = t_readpage,
	.readpages = t_readpages,
	.writepage = t_writepage,
	.write_begin = t_write_begin,
	.write_end = t_write_end,
	.set_page_dirty = __set_page_dirty_nobuffers,
};

static struct inode *new_file(loff_t size, bool readpages)
{
	static struct address_space_operations no_readpages;
	struct inode *inode = calloc(1, sizeof(*inode));

	no_readpages = t_aops;
	no_readpages.readpages = NULL;
	inode->i_mapping = &inode->i_data;
	address_space_init_once(&inode->i_data);
	inode->i_data.host = inode;
	inode->i_data.a_ops = readpages ? &t_aops : &no_readpages;
	mutex_init(&inode->i_mutex);
	inode->i_size = size;
	return inode;
}

static void open_file(struct file *f, struct inode *inode)
{
	memset(f, 0, sizeof(*f));
	f->f_inode = inode;
	f->f_mapping = inode->i_mapping;
	file_ra_state_init(&f->f_ra, f->f_mapping);
}

static void drop_file(struct inode *inode)
{
	truncate_inode_pages_final(inode->i_mapping);
	free(inode);
}

static ssize_t read_at(struct file *f, loff_t pos, void *buf, size_t len)
{
	struct kvec kv = { buf, len };
	struct iov_iter it;
	struct kiocb kiocb;

	init_sync_kiocb(&kiocb, f);
	kiocb.ki_pos = pos;
	iov_iter_kvec(&it, READ, &kv, 1, len);
	return generic_file_read_iter(&kiocb, &it);
}

static ssize_t write_at(struct file *f, loff_t pos, const void *buf, size_t len)
{
	struct kvec kv = { (void *)buf, len };
	struct iov_iter it;
	struct kiocb kiocb;

	init_sync_kiocb(&kiocb, f);
	kiocb.ki_pos = pos;
	iov_iter_kvec(&it, WRITE, &kv, 1, len);
	return generic_file_write_iter(&kiocb, &it);
}

static bool matches_pattern(const u8 *buf, loff_t pos, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i] != pattern((pos + i) >> PAGE_SHIFT, (pos + i) & (PAGE_SIZE - 1)))
			return false;
	return true;
}

static void reset_fs(void)
{
	memset(&fs, 0, sizeof(fs));
	fs.fail_index = -1;
}

/* ---- tests ---- */

static void test_add_find_delete(void)
{
	struct inode *inode = new_file(4 * PAGE_SIZE, true);
	struct address_space *m = inode->i_mapping;
	unsigned long file0 = global_zone_page_state(NR_FILE_PAGES);
	struct page *page = __page_cache_alloc(GFP_HIGHUSER_MOVABLE), *other, *found;

	CHECK(page && PageHighMem(page), "__page_cache_alloc(GFP_HIGHUSER_MOVABLE) comes from HighMem");
	CHECK(add_to_page_cache_lru(page, m, 3, GFP_KERNEL) == 0, "add_to_page_cache_lru");
	CHECK(PageLocked(page) && page->mapping == m && page->index == 3 && m->nrpages == 1,
	      "the page is locked, in the mapping at its index");
	CHECK(page_count(page) == 3, "references: ours, the cache's, the LRU pagevec's (%d)",
	      page_count(page));
	CHECK(global_zone_page_state(NR_FILE_PAGES) == file0 + 1, "NR_FILE_PAGES + 1");
	other = __page_cache_alloc(GFP_KERNEL);
	CHECK(add_to_page_cache_lru(other, m, 3, GFP_KERNEL) == -EEXIST && !PageLocked(other) &&
	      other->mapping == NULL, "a second page at the same index: -EEXIST, left alone");
	put_page(other);
	unlock_page(page);
	found = find_get_page(m, 3);
	CHECK(found == page, "find_get_page finds it");
	put_page(found);
	CHECK(find_get_page(m, 2) == NULL, "no page at index 2");
	found = find_lock_page(m, 3);
	CHECK(found == page && PageLocked(page), "find_lock_page returns it locked");
	lru_add_drain();
	CHECK(PageLRU(page) && page_count(page) == 3, "on the LRU after the drain (no reference of its own)");
	delete_from_page_cache(page);
	unlock_page(page);
	put_page(page);
	CHECK(m->nrpages == 0 && global_zone_page_state(NR_FILE_PAGES) == file0,
	      "delete_from_page_cache: counters back");
	CHECK(page_count(page) == 1, "only our reference is left");
	put_page(page);
	CHECK(page_count(page) == 0 && !PageLRU(page) && !page->mapping,
	      "the last put_page frees it, off the LRU");
	drop_file(inode);
}

static void test_sequential_readahead(void)
{
	const size_t size = 2 << 20;
	struct inode *inode = new_file(size, true);
	unsigned long file0 = global_zone_page_state(NR_FILE_PAGES);
	u8 *buf = malloc(PAGE_SIZE);
	bool ok = true, grows = true;
	struct file f;

	reset_fs();
	open_file(&f, inode);
	for (loff_t pos = 0; pos < (loff_t)size; pos += PAGE_SIZE)
		ok &= read_at(&f, pos, buf, PAGE_SIZE) == PAGE_SIZE &&
		      matches_pattern(buf, pos, PAGE_SIZE);
	CHECK(ok, "a 2 MiB sequential read returns the file's bytes");
	CHECK(fs.readpage == 0 && fs.pages_read == size / PAGE_SIZE,
	      "every page read once, all by readahead (readpages %lu, readpage %lu)",
	      fs.readpages, fs.readpage);
	for (unsigned long i = 1; i + 1 < fs.readpages && i < ARRAY_SIZE(fs.window); i++)
		grows &= fs.window[i] >= fs.window[i - 1] || fs.window[i] == VM_READAHEAD_PAGES;
	CHECK(fs.window[0] == 4 && fs.window[1] == 8 && fs.window[2] == 16 &&
	      fs.window[3] == VM_READAHEAD_PAGES && grows,
	      "the window grows 4, 8, 16, 32 and stays at the maximum (%u %u %u %u)",
	      fs.window[0], fs.window[1], fs.window[2], fs.window[3]);
	CHECK(global_zone_page_state(NR_FILE_PAGES) == file0 + size / PAGE_SIZE,
	      "NR_FILE_PAGES grew by the file's pages");
	reset_fs();
	for (loff_t pos = 0; pos < (loff_t)size; pos += 3000)
		ok &= read_at(&f, pos, buf, 3000) > 0;
	CHECK(ok && fs.readpages == 0 && fs.readpage == 0, "a second read issues no reads");
	lru_add_drain();
	CHECK(global_zone_page_state(NR_ACTIVE_FILE) >= size / PAGE_SIZE,
	      "read twice, the pages are active (mark_page_accessed's second touch)");
	CHECK(read_at(&f, size - 100, buf, 500) == 100 && read_at(&f, size, buf, 10) == 0,
	      "reads stop at the end of the file");
	drop_file(inode);
	CHECK(global_zone_page_state(NR_FILE_PAGES) == file0, "truncate_inode_pages_final drops them");
	free(buf);
}

static void test_random_reads(void)
{
	struct inode *inode = new_file(64 << 20, true);
	u8 buf[512];
	struct file f;
	bool ok = true;

	reset_fs();
	open_file(&f, inode);
	srand(7);
	for (int i = 0; i < 50; i++) {
		loff_t pos = (loff_t)(rand() % 16000) * PAGE_SIZE + 1000;

		ok &= read_at(&f, pos, buf, sizeof(buf)) == sizeof(buf) &&
		      matches_pattern(buf, pos, sizeof(buf));
	}
	CHECK(ok, "random reads return the right bytes");
	CHECK(fs.pages_read <= 50 + 8, "random reads read (almost) only what is asked: %lu pages for 50 reads",
	      fs.pages_read);
	drop_file(inode);
}

static void test_write_and_writeback(void)
{
	struct inode *inode = new_file(0, true);
	struct address_space *m = inode->i_mapping;
	unsigned long dirty0 = global_zone_page_state(NR_FILE_DIRTY);
	unsigned long written0 = global_zone_page_state(NR_WRITTEN);
	u8 *data = malloc(10 * PAGE_SIZE), *back = malloc(10 * PAGE_SIZE);
	bool order = true;
	struct file f;

	reset_fs();
	open_file(&f, inode);
	for (size_t i = 0; i < 10 * PAGE_SIZE; i++)
		data[i] = (u8)(i * 31);
	CHECK(write_at(&f, 0, data, 10 * PAGE_SIZE) == 10 * PAGE_SIZE, "write 10 pages");
	CHECK(fs.writepage == 0, "no write-back on the write path");
	CHECK(global_zone_page_state(NR_FILE_DIRTY) == dirty0 + 10 && i_size_read(inode) == 10 * PAGE_SIZE,
	      "10 dirty pages, i_size 40960");
	CHECK(radix_tree_tagged(&m->page_tree, PAGECACHE_TAG_DIRTY), "the mapping is tagged dirty");
	CHECK(read_at(&f, 0, back, 10 * PAGE_SIZE) == 10 * PAGE_SIZE &&
	      !memcmp(data, back, 10 * PAGE_SIZE) && fs.readpages == 0,
	      "reading back comes from the cache");
	CHECK(filemap_write_and_wait(m) == 0, "filemap_write_and_wait");
	for (unsigned int i = 0; i < 10; i++)
		order &= fs.written[i] == i;
	CHECK(fs.writepage == 10 && order, "10 pages written, in index order");
	CHECK(global_zone_page_state(NR_FILE_DIRTY) == dirty0 &&
	      global_zone_page_state(NR_WRITTEN) == written0 + 10 &&
	      global_zone_page_state(NR_WRITEBACK) == 0 &&
	      !radix_tree_tagged(&m->page_tree, PAGECACHE_TAG_DIRTY) &&
	      !radix_tree_tagged(&m->page_tree, PAGECACHE_TAG_WRITEBACK),
	      "clean afterwards: counters and tags");
	CHECK(filemap_write_and_wait(m) == 0 && fs.writepage == 10, "nothing left to write");

	/* a write-back error reaches the next fsync once */
	CHECK(write_at(&f, 3 * PAGE_SIZE, data, 100) == 100, "rewrite part of page 3");
	fs.fail_index = 3;
	CHECK(filemap_write_and_wait(m) == -EIO, "the failed write-back: -EIO");
	CHECK(filemap_write_and_wait(m) == 0, "reported once");

	/* WB_SYNC_ALL waits for write-back in flight */
	fs.fail_index = -1;
	fs.hold_writeback = true;
	write_at(&f, 0, data, 2 * PAGE_SIZE);
	CHECK(filemap_fdatawrite(m) == 0 && fs.nr_held == 2 &&
	      global_zone_page_state(NR_WRITEBACK) == 2, "two pages under write-back");
	for (unsigned int i = 0; i < fs.nr_held; i++) {
		end_page_writeback(fs.held[i]);
		put_page(fs.held[i]);
	}
	CHECK(filemap_fdatawait(m) == 0 && global_zone_page_state(NR_WRITEBACK) == 0,
	      "their end is seen by filemap_fdatawait");
	fs.hold_writeback = false;
	drop_file(inode);
	free(data);
	free(back);
}

static void test_truncate(void)
{
	struct inode *inode = new_file(3 * PAGE_SIZE, false);
	struct address_space *m = inode->i_mapping;
	u8 buf[PAGE_SIZE];
	struct file f;

	reset_fs();
	open_file(&f, inode);
	read_at(&f, 0, buf, PAGE_SIZE);
	read_at(&f, PAGE_SIZE, buf, PAGE_SIZE);
	read_at(&f, 2 * PAGE_SIZE, buf, PAGE_SIZE);
	CHECK(m->nrpages == 3 && fs.readpage == 3, "without readpages: 3 pages through readpage");
	truncate_setsize(inode, PAGE_SIZE + 904);
	CHECK(m->nrpages == 2, "truncate to 4096 + 904: the last page goes");
	{
		struct page *p = find_get_page(m, 1);
		u8 *a = kmap_atomic(p);
		bool zero = true;

		for (size_t i = 904; i < PAGE_SIZE; i++)
			zero &= a[i] == 0;
		CHECK(zero && matches_pattern(a, PAGE_SIZE, 904), "the partial page: kept bytes, zeroes after");
		kunmap_atomic(a);
		put_page(p);
	}
	truncate_inode_pages_range(m, 100, 199);
	{
		struct page *p = find_get_page(m, 0);
		u8 *a = kmap_atomic(p);

		CHECK(a[99] == pattern(0, 99) && a[100] == 0 && a[199] == 0 && a[200] == pattern(0, 200),
		      "a hole punched inside one page zeroes just that range");
		kunmap_atomic(a);
		put_page(p);
	}
	truncate_setsize(inode, 0);
	CHECK(m->nrpages == 0, "truncate to 0: no pages");
	drop_file(inode);
}

static void test_reclaim(void)
{
	const size_t size = 200UL << 20;	/* the arena has 128 MiB */
	struct inode *inode = new_file(size, true);
	unsigned long steal0 = all_vm_events(PGSTEAL_DIRECT);
	u8 *buf = malloc(64 << 10);
	bool ok = true;
	struct file f;
	struct zone *zone;
	bool above_min = true;

	reset_fs();
	open_file(&f, inode);
	for (loff_t pos = 0; pos < (loff_t)size && ok; pos += 64 << 10)
		ok &= read_at(&f, pos, buf, 64 << 10) == 64 << 10 &&
		      matches_pattern(buf, pos, 64 << 10);
	CHECK(ok, "reading 200 MiB through a 128 MiB machine completes with the right bytes");
	CHECK(all_vm_events(PGSTEAL_DIRECT) > steal0, "direct reclaim freed pages (pgsteal_direct +%lu)",
	      all_vm_events(PGSTEAL_DIRECT) - steal0);
	for_each_populated_zone(zone)
		above_min &= zone_page_state(zone, NR_FREE_PAGES) >= min_wmark_pages(zone);
	CHECK(above_min, "every zone is above its min watermark");
	drop_caches(1);
	CHECK(inode->i_mapping->nrpages == 0, "drop_caches 1 drops the clean cache (%lu left)",
	      inode->i_mapping->nrpages);
	drop_file(inode);
	free(buf);
}

static void test_dirty_throttle(void)
{
	struct inode *inode = new_file(0, true);
	unsigned long background, limit, max_dirty = 0;
	u8 *data = calloc(1, 1 << 20);
	struct file f;

	reset_fs();
	open_file(&f, inode);
	global_dirty_limits(&background, &limit);
	CHECK(background > 0 && background < limit, "limits: background %lu < dirty %lu pages",
	      background, limit);
	for (int i = 0; i < 96; i++) {
		write_at(&f, (loff_t)i << 20, data, 1 << 20);
		max_dirty = max(max_dirty, global_zone_page_state(NR_FILE_DIRTY));
	}
	global_dirty_limits(&background, &limit);
	CHECK(fs.writepage > 0 && nr_bg_wakeups > 0,
	      "writing 96 MiB: the flusher is woken and the writer writes (%lu pages)", fs.writepage);
	CHECK(max_dirty <= limit + 64, "dirty pages never pass the limit (%lu, limit %lu)",
	      max_dirty, limit);
	filemap_write_and_wait(inode->i_mapping);
	drop_file(inode);
	free(data);
}

static void test_remove_mapping_busy(void)
{
	struct inode *inode = new_file(PAGE_SIZE, false);
	struct file f;
	u8 buf[16];
	struct page *p, *extra;

	reset_fs();
	open_file(&f, inode);
	read_at(&f, 0, buf, sizeof(buf));
	p = find_lock_page(inode->i_mapping, 0);
	extra = find_get_page(inode->i_mapping, 0);
	CHECK(invalidate_inode_page(p) == 0 && inode->i_mapping->nrpages == 1,
	      "a page someone else holds is not dropped");
	put_page(extra);
	lru_add_drain();	/* the pagevec's reference */
	CHECK(invalidate_inode_page(p) == 1 && inode->i_mapping->nrpages == 0,
	      "once they let go, it is");
	unlock_page(p);
	put_page(p);
	drop_file(inode);
}

/*
 * A page reclaim has isolated is read again while reclaim sleeps in the
 * writepage of another page: reclaim may drop it (its reference bit is
 * used up, as in Linux) but must not free it with PG_active set (a bad
 * page), and the file still reads back.
 */
static void test_reclaim_page_used_while_isolated(void)
{
	struct inode *a = new_file(0, true), *b = new_file(PAGE_SIZE, false);
	unsigned long bad0 = nr_bad_pages;
	struct file fa, fb;
	u8 buf[64] = { 1 };

	reset_fs();
	drop_caches(1);
	open_file(&fa, a);
	open_file(&fb, b);
	write_at(&fa, 0, buf, sizeof(buf));	/* a dirty page, oldest on the list */
	read_at(&fb, 0, buf, sizeof(buf));	/* a clean one, referenced once */
	lru_add_drain();
	fs.touch = b->i_mapping;
	shrink_all_memory(32);			/* kswapd-like: writes A, "the reader" touches B */
	fs.touch = NULL;
	CHECK(fs.writepage == 1, "reclaim wrote the dirty page");
	CHECK(nr_bad_pages == bad0, "a page read again while isolated is not freed with PG_active "
	      "(bad pages +%lu)", nr_bad_pages - bad0);
	CHECK(read_at(&fb, 0, buf, sizeof(buf)) == sizeof(buf) && matches_pattern(buf, 0, sizeof(buf)),
	      "the file reads back");
	filemap_write_and_wait(a->i_mapping);
	drop_file(a);
	drop_file(b);
}

int main(void)
{
	fs_env_init();
	test_add_find_delete();
	test_sequential_readahead();
	test_random_reads();
	test_write_and_writeback();
	test_truncate();
	test_remove_mapping_busy();
	test_reclaim_page_used_while_isolated();
	test_dirty_throttle();
	test_reclaim();
	return test_exit();
}
