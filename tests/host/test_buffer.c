/*
 * Host tests of buffer heads (fs/buffer.c), multi-page bios (fs/mpage.c)
 * and block device files (fs/block_dev.c) on the real page cache and
 * block layer, over an image file the test makes (a known byte at every
 * offset, an MBR with vda1 and vda2): __bread of 1024/2048/4096-byte
 * blocks, writing exactly one dirty block back, read errors and their
 * message, highmem buffers, freeing buffers, blkdev_read_iter and
 * blkdev_write_iter with their bios and page counters, write errors,
 * associated buffers, and block_write_full_page's zeroing past i_size.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/buffer_head.h>
#include <linux/mpage.h>
#include <linux/writeback.h>
#include <linux/genhd.h>
#include <linux/blkdev.h>
#include <linux/highmem.h>
#include <linux/vmstat.h>
#include <linux/uio.h>
#include <linux/mm.h>
#include <linux/dcache.h>
#include "fs_env.h"
#include "capture.h"
#include "test.h"

int mkstemp(char *template);
int unlink(const char *path);
int close(int fd);

#define IMAGE_BYTES	(8UL << 20)
#define P1_START	2048		/* sectors */
#define P1_LEN		4096
#define P2_START	6144
#define P2_LEN		8192		/* 4 MiB */
#define P2_OFF		((loff_t)P2_START * 512)

static char image[] = "/tmp/rivet-bh-XXXXXX";
static struct host_disk *disk;

static void put_le32(u8 *p, u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

/* The pattern image with an MBR: vda1 (2 MiB at 1 MiB), vda2 (4 MiB at 3 MiB). */
static void make_image(void)
{
	u8 mbr[512];
	int fd = mkstemp(image);

	close(fd);
	host_image_create(image, IMAGE_BYTES);
	memset(mbr, 0, sizeof(mbr));
	mbr[446 + 4] = 0x83;
	put_le32(mbr + 446 + 8, P1_START);
	put_le32(mbr + 446 + 12, P1_LEN);
	mbr[462 + 4] = 0x83;
	put_le32(mbr + 462 + 8, P2_START);
	put_le32(mbr + 462 + 12, P2_LEN);
	mbr[510] = 0x55;
	mbr[511] = 0xaa;
	host_image_write(image, 0, mbr, sizeof(mbr));
}

/* Does @buf hold the pattern of the image at @off for @len bytes? */
static bool is_pattern(const u8 *buf, loff_t off, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i] != host_pattern_byte(off + (loff_t)i))
			return false;
	return true;
}

/* Does the image file hold the pattern at @off for @len bytes? */
static bool file_is_pattern(loff_t off, size_t len)
{
	u8 *buf = malloc(len);
	bool ok = !host_image_read(image, off, buf, len) && is_pattern(buf, off, len);

	free(buf);
	return ok;
}

/* Is every byte of the file at @off..@off+@len @c? */
static bool file_is_byte(loff_t off, size_t len, u8 c)
{
	u8 *buf = malloc(len);
	bool ok = !host_image_read(image, off, buf, len);

	for (size_t i = 0; ok && i < len; i++)
		ok = buf[i] == c;
	free(buf);
	return ok;
}

static unsigned long file_pages(void)
{
	return global_zone_page_state(NR_FILE_PAGES);
}

static unsigned long dirty_pages(void)
{
	return global_zone_page_state(NR_FILE_DIRTY);
}

/* ---- __bread and friends ---------------------------------------------------- */

static void test_bread_sizes(void)
{
	struct block_device *bdev = blkdev_get_by_path("/dev/vda2", FMODE_READ, NULL);
	static const unsigned int sizes[] = { 1024, 2048, 4096 };

	CHECK(!IS_ERR(bdev) && bdev == lookup_bdev("vda2"), "blkdev_get_by_path(\"/dev/vda2\") opens vda2");
	CHECK(bdev->bd_inode && bdev->bd_inode->i_size == (loff_t)P2_LEN * 512 &&
	      bdev->bd_block_size == 4096 && bdev->bd_inode->i_blkbits == 12 &&
	      S_ISBLK(bdev->bd_inode->i_mode) && bdev->bd_inode->i_rdev == bdev->bd_dev,
	      "the bdev inode: 4 MiB, block size 4096, S_IFBLK, i_rdev");
	CHECK(mapping_gfp_mask(bdev->bd_inode->i_mapping) == GFP_USER, "the bdev cache allocates GFP_USER");
	CHECK(IS_ERR(blkdev_get_by_path("vdz9", FMODE_READ, NULL)) &&
	      PTR_ERR(blkdev_get_by_path("/dev/nope", FMODE_READ, NULL)) == -ENOENT,
	      "no such device: ERR_PTR(-ENOENT)");
	CHECK(set_blocksize(bdev, 3000) == -EINVAL && set_blocksize(bdev, 256) == -EINVAL &&
	      set_blocksize(bdev, 8192) == -EINVAL, "set_blocksize refuses 3000, 256, 8192");

	for (unsigned int i = 0; i < 3; i++) {
		unsigned int size = sizes[i];
		sector_t block = 37 + i;
		struct buffer_head *bh, *again;
		unsigned long bios;

		CHECK(set_blocksize(bdev, size) == 0 && bdev->bd_block_size == size,
		      "set_blocksize(%u)", size);
		host_disk_reset_counters(disk);
		bh = __bread(bdev, block, size);
		CHECK(bh && buffer_uptodate(bh) && buffer_mapped(bh) && bh->b_size == size &&
		      bh->b_blocknr == block && bh->b_bdev == bdev,
		      "__bread(%llu, %u): an uptodate, mapped buffer", (unsigned long long)block, size);
		CHECK(bh && is_pattern((u8 *)bh->b_data, P2_OFF + (loff_t)block * size, size),
		      "__bread(%u): the image's bytes of block %llu", size, (unsigned long long)block);
		CHECK(bh && !PageHighMem(bh->b_page) &&
		      bh->b_data == (char *)page_address(bh->b_page) + (block * size) % PAGE_SIZE,
		      "the bdev page is lowmem: b_data is its address");
		CHECK(disk->nr_read_bios == 1 && disk->sectors_read == size / 512,
		      "one bio of %u sectors", size / 512);
		bios = disk->nr_bios;
		again = __bread(bdev, block, size);
		CHECK(again == bh && disk->nr_bios == bios, "a second __bread: the same buffer, no bio");
		CHECK(__find_get_block(bdev, block, size) == bh && bh->b_count.counter == 3,
		      "__find_get_block finds it (3 references now)");
		brelse(bh);
		brelse(bh);
		brelse(bh);
		CHECK(bh->b_count.counter == 0, "brelse x3: no users left");
	}
	CHECK(__getblk(bdev, P2_LEN / 8, 4096) == NULL, "__getblk past the end of vda2: NULL");
	capture_begin();
	CHECK(__bread(bdev, 1, 1024) == NULL, "__bread with a size other than the device's: NULL");
	CHECK(strstr(capture_end(), "getblk(): invalid block size 1024 requested (vda2 uses 4096)") != NULL,
	      "... saying so");
	blkdev_put(bdev, FMODE_READ);
	CHECK(bdev->bd_openers == 0 && bdev->bd_inode->i_mapping->nrpages == 0,
	      "blkdev_put: last close drops the cache");
}

static void test_dirty_sync(void)
{
	struct block_device *bdev = blkdev_get_by_path("vda2", FMODE_READ | FMODE_WRITE, NULL);
	struct buffer_head *bh;
	unsigned long dirty0 = dirty_pages();
	struct address_space *mapping;
	u8 data[1024];

	set_blocksize(bdev, 1024);
	mapping = bdev->bd_inode->i_mapping;
	bh = __bread(bdev, 5, 1024);
	memset(bh->b_data, 0xa5, 1024);
	mark_buffer_dirty(bh);
	CHECK(buffer_dirty(bh) && PageDirty(bh->b_page) && dirty_pages() == dirty0 + 1 &&
	      radix_tree_tag_get(&mapping->page_tree, bh->b_page->index, PAGECACHE_TAG_DIRTY),
	      "mark_buffer_dirty: buffer and page dirty, NR_FILE_DIRTY +1, tagged");
	CHECK(bdev->bd_inode->i_state & I_DIRTY_PAGES, "the bdev inode is I_DIRTY_PAGES");
	CHECK(!buffer_dirty(bh->b_this_page), "its neighbour on the page stays clean");
	host_disk_reset_counters(disk);
	CHECK(sync_dirty_buffer(bh) == 0 && !buffer_dirty(bh), "sync_dirty_buffer: 0, clean");
	CHECK(disk->nr_write_bios == 1 && disk->sectors_written == 2 &&
	      disk->last_sector == P2_START + 5 * 2, "one write of 2 sectors at vda2's block 5");
	memset(data, 0xa5, sizeof(data));
	CHECK(file_is_byte(P2_OFF + 5 * 1024, 1024, 0xa5), "the file has the block");
	CHECK(file_is_pattern(P2_OFF + 4 * 1024, 1024) && file_is_pattern(P2_OFF + 6 * 1024, 1024),
	      "blocks 4 and 6 are untouched");
	CHECK(sync_dirty_buffer(bh) == 0 && disk->nr_write_bios == 1, "a clean buffer: no write");
	brelse(bh);
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE);
	CHECK(dirty_pages() == dirty0, "NR_FILE_DIRTY back where it was after the close");
}

static void test_read_error(void)
{
	struct block_device *bdev = blkdev_get_by_path("vda2", FMODE_READ, NULL);
	struct buffer_head *bh;
	const char *out;

	set_blocksize(bdev, 1024);
	disk->fail_next = 1;
	capture_begin();
	bh = __bread(bdev, 1234, 1024);
	out = capture_end();
	CHECK(bh == NULL, "__bread of a failing block: NULL");
	CHECK(strstr(out, "Buffer I/O error on dev vda2, logical block 1234\n") != NULL,
	      "the message names the device and the block");
	bh = __find_get_block(bdev, 1234, 1024);
	CHECK(bh && !buffer_uptodate(bh) && !buffer_locked(bh), "the buffer stays, not uptodate, unlocked");
	brelse(bh);
	bh = __bread(bdev, 1234, 1024);
	CHECK(bh && is_pattern((u8 *)bh->b_data, P2_OFF + 1234 * 1024, 1024),
	      "the next __bread reads it");
	brelse(bh);
	blkdev_put(bdev, FMODE_READ);
}

static void test_highmem_buffers(void)
{
	struct page *high = alloc_page(GFP_HIGHUSER);
	struct page *low = alloc_page(GFP_KERNEL);
	struct buffer_head *bh;
	unsigned int i = 0;
	bool offsets = true, addrs = true;

	CHECK(high && PageHighMem(high) && low && !PageHighMem(low), "a highmem and a lowmem page");
	trylock_page(high);
	trylock_page(low);
	create_empty_buffers(high, 1024, 0);
	create_empty_buffers(low, 1024, 0);
	CHECK(page_has_buffers(high) && page_count(high) == 2, "4 buffers on the highmem page (+1 page reference)");
	bh = page_buffers(high);
	do {
		offsets &= bh->b_data == (char *)(unsigned long)(i * 1024) && bh_offset(bh) == i * 1024;
		offsets &= bh_data_kmap(bh) == (char *)page_address(high) + i * 1024;
		bh_data_kunmap(bh, NULL);
		bh = bh->b_this_page;
		i++;
	} while (bh != page_buffers(high));
	CHECK(offsets && i == 4, "highmem: b_data holds the offsets 0, 1024, 2048, 3072 (seed 002)");
	i = 0;
	bh = page_buffers(low);
	do {
		addrs &= bh->b_data == (char *)page_address(low) + i * 1024 && bh_offset(bh) == i * 1024;
		bh = bh->b_this_page;
		i++;
	} while (bh != page_buffers(low));
	CHECK(addrs, "lowmem: b_data holds the addresses");
	CHECK(try_to_free_buffers(high) == 1 && try_to_free_buffers(low) == 1 &&
	      !page_has_buffers(high) && page_count(high) == 1, "try_to_free_buffers frees both rings");
	unlock_page(high);
	unlock_page(low);
	__free_page(high);
	__free_page(low);
}

static void test_try_to_free(void)
{
	struct block_device *bdev = blkdev_get_by_path("vda2", FMODE_READ | FMODE_WRITE, NULL);
	struct address_space *mapping;
	struct buffer_head *bh;
	struct page *page;
	unsigned long dirty0 = dirty_pages();
	int refs;

	set_blocksize(bdev, 2048);
	mapping = bdev->bd_inode->i_mapping;
	bh = __bread(bdev, 20, 2048);
	page = bh->b_page;
	get_page(page);
	lock_page(page);
	CHECK(try_to_free_buffers(page) == 0, "a referenced buffer: refused");
	unlock_page(page);
	brelse(bh);
	mark_buffer_dirty(bh);
	lock_page(page);
	CHECK(try_to_free_buffers(page) == 0 && page_has_buffers(page), "a dirty buffer: refused");
	unlock_page(page);
	get_bh(bh);
	CHECK(sync_dirty_buffer(bh) == 0, "written back by hand");
	brelse(bh);
	refs = page_count(page);
	lock_page(page);
	CHECK(PageDirty(page) && try_to_free_buffers(page) == 1 && !page_has_buffers(page) &&
	      page_count(page) == refs - 1, "clean buffers: freed, the ring's page reference dropped");
	CHECK(!PageDirty(page) && dirty_pages() == dirty0, "... and the page cleaned with them");
	CHECK(page->mapping == mapping && !PageUptodate(page),
	      "the page stays cached (not uptodate: only single buffers were read)");
	unlock_page(page);
	put_page(page);
	host_disk_reset_counters(disk);
	bh = __bread(bdev, 21, 2048);
	CHECK(bh && bh->b_page == page && is_pattern((u8 *)bh->b_data, P2_OFF + 21 * 2048, 2048) &&
	      disk->nr_read_bios == 1, "__bread gives the page buffers again and reads the block");
	brelse(bh);
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE);
}

/* Completions held by the disk: a page's buffers end one by one, the last one ends the page's I/O. */
static void test_async_completion(void)
{
	struct block_device *bdev = blkdev_get_by_path("vda2", FMODE_READ | FMODE_WRITE, NULL);
	struct writeback_control wbc = { .sync_mode = WB_SYNC_ALL, .nr_to_write = 1 };
	struct address_space *mapping;
	struct buffer_head *bh;
	struct page *page;
	const char *out;

	set_blocksize(bdev, 1024);
	mapping = bdev->bd_inode->i_mapping;
	page = find_or_create_page(mapping, 50, mapping_gfp_mask(mapping));
	disk->hold = true;
	host_disk_reset_counters(disk);
	CHECK(mapping->a_ops->readpage(NULL, page) == 0 && disk->nr_held == 4,
	      "blkdev_readpage: 4 buffers, 4 reads in flight");
	CHECK(host_disk_complete(disk, 3) == 3 && PageLocked(page) && !PageUptodate(page),
	      "3 of them done: the page is still locked, not uptodate");
	CHECK(host_disk_complete(disk, 1) == 1 && !PageLocked(page) && PageUptodate(page),
	      "the last one unlocks the page, uptodate (end_buffer_async_read)");
	CHECK(is_pattern((u8 *)page_address(page), P2_OFF + 50 * 4096, 4096), "with the image's bytes");

	lock_page(page);
	bh = page_buffers(page);
	do {
		memset(bh->b_data, 0x4d, 1024);
		bh = bh->b_this_page;
	} while (bh != page_buffers(page));
	set_page_dirty(page);
	CHECK(clear_page_dirty_for_io(page) && mapping->a_ops->writepage(page, &wbc) == 0,
	      "blkdev_writepage of the dirtied page");
	CHECK(!PageLocked(page) && PageWriteback(page) && disk->nr_held == 4,
	      "unlocked, under write-back, 4 writes in flight");
	CHECK(host_disk_complete(disk, 3) == 3 && PageWriteback(page), "3 done: still under write-back");
	CHECK(host_disk_complete(disk, 1) == 1 && !PageWriteback(page) &&
	      file_is_byte(P2_OFF + 50 * 4096, 4096, 0x4d), "the last one ends it; the file has the page");
	put_page(page);

	/* A failing read of one buffer of a page: the page ends !uptodate with PG_error. */
	page = find_or_create_page(mapping, 51, mapping_gfp_mask(mapping));
	disk->fail_next = 1;
	capture_begin();
	mapping->a_ops->readpage(NULL, page);
	wait_on_page_locked(page);
	out = capture_end();
	CHECK(!PageUptodate(page) && PageError(page) && !PageLocked(page),
	      "a failed buffer read: the page is unlocked, not uptodate, PG_error");
	CHECK(strstr(out, "Buffer I/O error on dev vda2, logical block 204, async page read") != NULL,
	      "... and names vda2's block 204 (wait_on_page_locked ended the held reads)");
	bh = page_buffers(page)->b_this_page;
	CHECK(buffer_uptodate(bh) && !buffer_uptodate(page_buffers(page)), "the other buffers are uptodate");
	put_page(page);
	disk->hold = false;
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE);
}

/* ---- the block device file ---------------------------------------------------- */

struct devfile {
	struct inode node;	/* the /dev node: init_special_inode's job in the VFS */
	struct dentry dentry;
	struct file file;
};

/* The super block the test's own inodes (device nodes, toy files) live in. */
static struct super_block test_sb;
static const struct address_space_operations no_aops;

/* A test inode leaves the VFS's dirty list before its storage goes (write_inode_now cleans it). */
static bool test_inode_done(struct inode *inode)
{
	write_inode_now(inode, 1);
	return list_empty(&inode->i_io_list);
}

static int devfile_open(struct devfile *f, const char *name, unsigned int fmode)
{
	memset(f, 0, sizeof(*f));
	inode_init_once(&f->node);
	f->node.i_sb = &test_sb;
	f->node.i_mapping = &f->node.i_data;
	f->node.i_data.host = &f->node;
	f->node.i_data.a_ops = &no_aops;
	f->dentry.d_inode = &f->node;
	f->dentry.d_sb = &test_sb;
	f->file.f_path.dentry = &f->dentry;
	f->node.i_mode = S_IFBLK | 0600;
	f->node.i_rdev = lookup_bdev(name)->bd_dev;
	f->node.i_fop = &def_blk_fops;
	f->file.f_inode = &f->node;
	f->file.f_op = &def_blk_fops;
	f->file.f_mode = fmode;
	f->file.f_mapping = &f->node.i_data;
	return f->file.f_op->open(&f->node, &f->file);
}

static void devfile_close(struct devfile *f)
{
	f->file.f_op->release(&f->node, &f->file);
	CHECK_QUIET(test_inode_done(&f->node), "the node left the dirty list");
}

static ssize_t devfile_rw(struct devfile *f, int dir, void *buf, size_t len, loff_t pos)
{
	struct kvec kv = { .iov_base = buf, .iov_len = len };
	struct iov_iter iter;
	struct kiocb kiocb;

	init_sync_kiocb(&kiocb, &f->file);
	kiocb.ki_pos = pos;
	iov_iter_kvec(&iter, dir, &kv, 1, len);
	if (dir == READ)
		return f->file.f_op->read_iter(&kiocb, &iter);
	return f->file.f_op->write_iter(&kiocb, &iter);
}

static void test_blkdev_read(void)
{
	static u8 buf[65536];
	unsigned long files0 = file_pages(), bufs0 = nr_blockdev_pages();
	struct devfile f;
	unsigned long bios;
	loff_t size = (loff_t)P2_LEN * 512;

	CHECK(devfile_open(&f, "vda2", FMODE_READ) == 0, "def_blk_fops.open of vda2's node");
	CHECK(f.file.f_mapping == lookup_bdev("vda2")->bd_inode->i_mapping &&
	      f.file.private_data == lookup_bdev("vda2"), "f_mapping is the bdev cache, private_data the bdev");
	file_ra_state_init(&f.file.f_ra, f.file.f_mapping);
	host_disk_reset_counters(disk);
	CHECK(devfile_rw(&f, READ, buf, sizeof(buf), 8192) == (ssize_t)sizeof(buf),
	      "blkdev_read_iter: 64 KiB at 8192");
	CHECK(is_pattern(buf, P2_OFF + 8192, sizeof(buf)), "the bytes are the image's");
	bios = disk->nr_read_bios;
	CHECK(bios >= 1 && bios < 16, "16 pages came in %lu bios (mpage_readpages joins them)", bios);
	CHECK(file_pages() >= files0 + 16 && nr_blockdev_pages() >= bufs0 + 16 &&
	      file_pages() - files0 == nr_blockdev_pages() - bufs0,
	      "NR_FILE_PAGES and Buffers (nr_blockdev_pages) grew alike (+%lu)", file_pages() - files0);
	CHECK(devfile_rw(&f, READ, buf, sizeof(buf), 8192) == (ssize_t)sizeof(buf) &&
	      disk->nr_bios == bios && is_pattern(buf, P2_OFF + 8192, sizeof(buf)),
	      "the second read: the same bytes, no bio");
	CHECK(devfile_rw(&f, READ, buf, 4096, size - 100) == 100 &&
	      is_pattern(buf, P2_OFF + size - 100, 100), "a read across the end is clipped to 100 bytes");
	CHECK(devfile_rw(&f, READ, buf, 4096, size) == 0, "a read at the end: 0");
	CHECK(f.file.f_op->llseek(&f.file, 0, SEEK_END) == size &&
	      f.file.f_op->llseek(&f.file, 1, SEEK_END) == -EINVAL, "llseek: SEEK_END is the size");
	devfile_close(&f);
	CHECK(file_pages() == files0 && nr_blockdev_pages() == bufs0,
	      "the last close drops the pages: NR_FILE_PAGES and Buffers back");
}

static void test_blkdev_write(void)
{
	static u8 buf[3 * 4096];
	unsigned long files0 = file_pages(), dirty0 = dirty_pages(), bufs0 = nr_blockdev_pages();
	loff_t size = (loff_t)P2_LEN * 512;
	struct devfile f;

	CHECK(devfile_open(&f, "vda2", FMODE_READ | FMODE_WRITE) == 0, "open vda2 for writing");
	host_disk_reset_counters(disk);
	memset(buf, 0x3c, sizeof(buf));
	CHECK(devfile_rw(&f, WRITE, buf, sizeof(buf), 16384) == (ssize_t)sizeof(buf),
	      "blkdev_write_iter: 3 pages at 16384");
	CHECK(disk->nr_bios == 0, "no bio yet (whole pages: nothing to read first)");
	CHECK(dirty_pages() == dirty0 + 3 && file_pages() == files0 + 3 && nr_blockdev_pages() == bufs0 + 3,
	      "3 dirty pages: NR_FILE_DIRTY +3, NR_FILE_PAGES +3, Buffers +3");
	CHECK(file_is_pattern(P2_OFF + 16384, sizeof(buf)), "the file is unchanged so far");
	CHECK(devfile_rw(&f, WRITE, buf, 100, 65536 + 10) == 100, "a 100-byte write inside a page");
	CHECK(disk->nr_write_bios == 0 && disk->nr_read_bios == 1,
	      "... reads that page's block first (one bio), writes nothing");
	CHECK(sync_blockdev(lookup_bdev("vda2")) == 0, "sync_blockdev: 0");
	CHECK(disk->nr_write_bios == 4 && dirty_pages() == dirty0 &&
	      global_zone_page_state(NR_WRITEBACK) == 0, "4 block writes, nothing dirty or under write-back");
	CHECK(file_is_byte(P2_OFF + 16384, sizeof(buf), 0x3c) && file_is_pattern(P2_OFF + 16384 + sizeof(buf), 4096),
	      "the file has the 3 pages and nothing more");
	CHECK(file_is_pattern(P2_OFF + 65536, 10) && file_is_byte(P2_OFF + 65546, 100, 0x3c) &&
	      file_is_pattern(P2_OFF + 65646, 4096 - 110), "... and the 100 bytes amid the old ones");

	host_disk_reset_counters(disk);
	memset(buf, 0x71, 8192);
	CHECK(devfile_rw(&f, WRITE, buf, 8192, 32768) == 8192 && disk->nr_bios == 0,
	      "2 more pages written into the cache");
	CHECK(devfile_rw(&f, WRITE, buf, 8192, size - 4096) == 4096, "a write across the end is shortened");
	CHECK(devfile_rw(&f, WRITE, buf, 10, size) == -ENOSPC, "a write at the end: -ENOSPC");
	devfile_close(&f);
	CHECK(disk->nr_write_bios == 3 && file_is_byte(P2_OFF + 32768, 8192, 0x71) &&
	      file_is_byte(P2_OFF + size - 4096, 4096, 0x71),
	      "blkdev_close -> blkdev_put -> __blkdev_put writes them (seed 003's WRITE stack)");
	CHECK(file_pages() == files0 && dirty_pages() == dirty0 && nr_blockdev_pages() == bufs0,
	      "and drops the cache: NR_FILE_PAGES, NR_FILE_DIRTY and Buffers back");

	lookup_bdev("vda2")->bd_disk->queue->readonly = true;
	CHECK(devfile_open(&f, "vda2", FMODE_READ | FMODE_WRITE) == -EROFS, "a write open of a read-only disk: -EROFS");
	CHECK(devfile_open(&f, "vda2", FMODE_READ) == 0, "a read open of it works");
	devfile_close(&f);
	lookup_bdev("vda2")->bd_disk->queue->readonly = false;
}

static void test_write_error(void)
{
	static u8 buf[4096];
	struct devfile f;
	const char *out;
	int err;

	devfile_open(&f, "vda1", FMODE_READ | FMODE_WRITE);
	memset(buf, 0x99, sizeof(buf));
	devfile_rw(&f, WRITE, buf, sizeof(buf), 4096);
	disk->fail_next = 1;
	capture_begin();
	err = sync_blockdev(lookup_bdev("vda1"));
	out = capture_end();
	CHECK(err == -EIO, "a failed write-back: sync_blockdev returns -EIO");
	CHECK(strstr(out, "Buffer I/O error on dev vda1, logical block 1, lost async page write") != NULL,
	      "the message names vda1 and block 1");
	CHECK(file_is_pattern((loff_t)P1_START * 512 + 4096, 4096), "the file did not change");
	CHECK(sync_blockdev(lookup_bdev("vda1")) == 0, "the error was reported once");
	devfile_close(&f);
}

static void test_assoc_buffers(void)
{
	struct block_device *bdev = blkdev_get_by_path("vda1", FMODE_READ | FMODE_WRITE, NULL);
	struct buffer_head *a, *b;
	struct inode file;

	inode_init_once(&file);
	file.i_sb = &test_sb;
	file.i_mapping = &file.i_data;
	set_blocksize(bdev, 1024);
	a = __bread(bdev, 100, 1024);
	b = __bread(bdev, 300, 1024);
	memset(a->b_data, 0x11, 1024);
	memset(b->b_data, 0x22, 1024);
	mark_buffer_dirty_inode(a, &file);
	mark_buffer_dirty_inode(b, &file);
	CHECK(a->b_assoc_map == &file.i_data && !list_empty(&file.i_data.private_list),
	      "mark_buffer_dirty_inode: on the inode's private_list");
	host_disk_reset_counters(disk);
	CHECK(sync_mapping_buffers(&file.i_data) == 0 && disk->nr_write_bios == 2,
	      "sync_mapping_buffers: 0, two writes");
	CHECK(list_empty(&file.i_data.private_list) && !a->b_assoc_map && !buffer_dirty(b),
	      "the list is empty, the buffers clean");
	CHECK(file_is_byte((loff_t)P1_START * 512 + 100 * 1024, 1024, 0x11) &&
	      file_is_byte((loff_t)P1_START * 512 + 300 * 1024, 1024, 0x22), "the file has both blocks");
	mark_buffer_dirty_inode(a, &file);
	invalidate_inode_buffers(&file);
	CHECK(list_empty(&file.i_data.private_list) && buffer_dirty(a),
	      "invalidate_inode_buffers: off the list, still dirty");
	bforget(a);
	CHECK(!buffer_dirty(a), "bforget: clean, not written");
	brelse(b);
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE);
}

/* ---- a file on the device: block_write_full_page past i_size, mpage with holes ---- */

/* A toy file on vda1, 1024-byte blocks: file block n is vda1 block 200 + n, blocks 8..11 are a hole. */
static int toy_get_block(struct inode *inode, sector_t iblock, struct buffer_head *bh, int create)
{
	if (iblock >= 8 && iblock < 12)
		return 0;
	bh->b_bdev = lookup_bdev("vda1");
	bh->b_blocknr = 200 + iblock + (iblock >= 12 ? 50 : 0);	/* a jump after the hole */
	set_buffer_mapped(bh);
	if (bh->b_size > 1024)
		bh->b_size = 1024;	/* one block per answer */
	return 0;
}

static int toy_readpage(struct file *file, struct page *page)
{
	return mpage_readpage(page, toy_get_block);
}

static int toy_writepage(struct page *page, struct writeback_control *wbc)
{
	return block_write_full_page(page, toy_get_block, wbc);
}

static const struct address_space_operations toy_aops = {
	.readpage = toy_readpage,
	.writepage = toy_writepage,
	.set_page_dirty = __set_page_dirty_buffers,
};

static void toy_inode(struct inode *inode, loff_t size)
{
	inode_init_once(inode);
	inode->i_sb = &test_sb;
	inode->i_mapping = &inode->i_data;
	inode->i_data.host = inode;
	inode->i_data.a_ops = &toy_aops;
	inode->i_blkbits = 10;
	inode->i_size = size;
	mapping_set_gfp_mask(&inode->i_data, GFP_HIGHUSER);
}

static void test_file_pages(void)
{
	struct block_device *bdev = blkdev_get_by_path("vda1", FMODE_READ | FMODE_WRITE, NULL);
	struct writeback_control wbc = { .sync_mode = WB_SYNC_ALL, .nr_to_write = 1 };
	loff_t p1 = (loff_t)P1_START * 512;
	struct inode inode;
	struct page *page;
	u8 *addr;

	set_blocksize(bdev, 1024);
	toy_inode(&inode, 4096 + 904);
	page = find_or_create_page(&inode.i_data, 1, GFP_HIGHUSER);
	addr = kmap_atomic(page);
	memset(addr, 0xee, PAGE_SIZE);
	kunmap_atomic(addr);
	SetPageUptodate(page);
	host_disk_reset_counters(disk);
	CHECK(block_write_full_page(page, toy_get_block, &wbc) == 0, "block_write_full_page of the last page");
	wait_on_page_writeback(page);
	CHECK(disk->nr_write_bios == 1 && !PageWriteback(page), "one block inside i_size written, write-back over");
	CHECK(file_is_byte(p1 + 204 * 1024, 904, 0xee) && file_is_byte(p1 + 204 * 1024 + 904, 120, 0),
	      "the block has the data up to i_size, zeroes after it");
	CHECK(file_is_pattern(p1 + 205 * 1024, 3 * 1024), "blocks past i_size are not written");
	lock_page(page);
	try_to_free_buffers(page);
	delete_from_page_cache(page);
	unlock_page(page);
	put_page(page);

	/* mpage_readpage: page 2 (blocks 8..11) is a hole, page 0 contiguous, page 3 jumps. */
	toy_inode(&inode, 16384);
	host_disk_reset_counters(disk);
	capture_begin();
	page = read_mapping_page(&inode.i_data, 0, NULL);
	CHECK(!strstr(capture_end(), "WARNING"), "reading a highmem-gfp mapping warns nowhere (bios are lowmem allocations)");
	addr = kmap_atomic(page);
	CHECK(!IS_ERR(page) && is_pattern(addr, p1 + 200 * 1024, 4096) && disk->nr_read_bios == 1 &&
	      !page_has_buffers(page), "mpage_readpage: 4 contiguous blocks in one bio, no buffers");
	kunmap_atomic(addr);
	put_page(page);
	page = read_mapping_page(&inode.i_data, 2, NULL);
	addr = kmap_atomic(page);
	CHECK(!IS_ERR(page) && addr[0] == 0 && addr[4095] == 0 && disk->nr_read_bios == 1,
	      "a page of holes: zeroes, no I/O");
	kunmap_atomic(addr);
	put_page(page);
	page = read_mapping_page(&inode.i_data, 3, NULL);
	addr = kmap_atomic(page);
	CHECK(!IS_ERR(page) && is_pattern(addr, p1 + 262 * 1024, 4096) && disk->nr_read_bios == 2,
	      "page 3 (blocks 262..265) in one more bio");
	kunmap_atomic(addr);
	put_page(page);
	truncate_inode_pages(&inode.i_data, 0);
	CHECK(inode.i_data.nrpages == 0 && test_inode_done(&inode), "the toy file's pages are gone");
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE);
}

/* Dirties page @index of @inode with @c (no buffers: the mpage path). */
static void toy_dirty_page(struct inode *inode, pgoff_t index, u8 c)
{
	struct page *page = find_or_create_page(&inode->i_data, index, GFP_HIGHUSER);
	u8 *addr = kmap_atomic(page);

	memset(addr, c, PAGE_SIZE);
	kunmap_atomic(addr);
	SetPageUptodate(page);
	set_page_dirty(page);
	unlock_page(page);
	put_page(page);
}

static void test_mpage_writepages(void)
{
	struct block_device *bdev = blkdev_get_by_path("vda1", FMODE_READ | FMODE_WRITE, NULL);
	struct writeback_control wbc = { .sync_mode = WB_SYNC_ALL, .nr_to_write = 100,
					 .range_start = 0, .range_end = MAX_LFS_FILESIZE };
	loff_t p1 = (loff_t)P1_START * 512;
	struct inode inode;

	set_blocksize(bdev, 1024);
	toy_inode(&inode, 16384);
	toy_dirty_page(&inode, 0, 0x10);
	toy_dirty_page(&inode, 1, 0x11);
	toy_dirty_page(&inode, 3, 0x13);
	host_disk_reset_counters(disk);
	CHECK(mpage_writepages(&inode.i_data, &wbc, toy_get_block) == 0, "mpage_writepages: 0");
	filemap_fdatawait(&inode.i_data);
	CHECK(disk->nr_write_bios == 2 && disk->sectors_written == 24,
	      "pages 0-1 (blocks 200..207) in one bio, page 3 (262..265) in another");
	CHECK(file_is_byte(p1 + 200 * 1024, 4096, 0x10) && file_is_byte(p1 + 204 * 1024, 4096, 0x11) &&
	      file_is_byte(p1 + 262 * 1024, 4096, 0x13), "the file has the three pages");
	CHECK(!radix_tree_tagged(&inode.i_data.page_tree, PAGECACHE_TAG_DIRTY) &&
	      !radix_tree_tagged(&inode.i_data.page_tree, PAGECACHE_TAG_WRITEBACK),
	      "nothing dirty or under write-back in the mapping");
	truncate_inode_pages(&inode.i_data, 0);
	CHECK(test_inode_done(&inode), "the toy file is clean and off the dirty list");
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE);
}

int main(void)
{
	fs_env_init();
	INIT_LIST_HEAD(&test_sb.s_inodes);
	INIT_LIST_HEAD(&test_sb.s_list);
	INIT_LIST_HEAD(&test_sb.s_instances);
	memcpy(test_sb.s_id, "test", 5);
	make_image();
	disk = host_disk_open(image, "vda");
	CHECK(disk && lookup_bdev("vda1") && lookup_bdev("vda2") &&
	      lookup_bdev("vda2")->bd_part->start_sect == P2_START, "the image is vda with vda1 and vda2");
	if (!disk)
		return test_exit();
	test_bread_sizes();
	test_dirty_sync();
	test_read_error();
	test_highmem_buffers();
	test_try_to_free();
	test_async_completion();
	test_blkdev_read();
	test_blkdev_write();
	test_write_error();
	test_assoc_buffers();
	test_file_pages();
	test_mpage_writepages();
	host_disk_close(disk);
	unlink(image);
	return test_exit();
}
