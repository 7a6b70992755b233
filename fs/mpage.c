/*
 * Multi-page bios for file systems on get_block: readahead's pages read
 * (and dirty pages written) in as few bios as the block layout allows,
 * one bio per run of disk-contiguous pages; a page with buffers or
 * discontiguous blocks goes through the buffer-head path instead
 * ("confused"). Follows Linux 4.x fs/mpage.c (seed 003's READ stack:
 * mpage_readpages -> do_mpage_readpage -> mpage_bio_submit -> submit_bio).
 * Left out: bio allocation retries under memory pressure (a failed
 * allocation falls back to the buffer path) and freeing buffer heads over
 * a limit after a write.
 */
#include <linux/mpage.h>
#include <linux/buffer_head.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/highmem.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/errno.h>

#define MAX_BUF_PER_PAGE	(PAGE_SIZE / 512)

/* The end of one page's I/O: a read marks it uptodate or failed and unlocks it; a write ends its write-back. */
static void page_endio(struct page *page, bool is_write, int err)
{
	if (!is_write) {
		if (!err) {
			SetPageUptodate(page);
		} else {
			ClearPageUptodate(page);
			SetPageError(page);
		}
		unlock_page(page);
		return;
	}
	if (err) {
		SetPageError(page);
		if (page->mapping)
			mapping_set_error(page->mapping, err);
	}
	end_page_writeback(page);
}

/* bi_end_io of mpage bios (any context): every page of the bio ends with the bio's status. */
static void mpage_end_io(struct bio *bio)
{
	for (unsigned int i = 0; i < bio->bi_vcnt; i++)
		page_endio(bio->bi_io_vec[i].bv_page, op_is_write(bio_op(bio)), bio->bi_status);
	bio_put(bio);
}

/* Sends @bio; returns NULL (the caller's "no bio open" now). */
static struct bio *mpage_bio_submit(int op, int op_flags, struct bio *bio)
{
	bio->bi_end_io = mpage_end_io;
	bio->bi_opf = op | op_flags;
	submit_bio(bio);
	return NULL;
}

/* A bio for @nr_vecs pages from @first_sector of @bdev, or NULL. */
static struct bio *mpage_alloc(struct block_device *bdev, sector_t first_sector,
			       unsigned int nr_vecs, gfp_t gfp)
{
	struct bio *bio = bio_alloc(gfp, min_t(unsigned int, nr_vecs, BIO_MAX_PAGES));

	if (bio) {
		bio_set_dev(bio, bdev);
		bio->bi_iter.bi_sector = first_sector;
	}
	return bio;
}

/* Zeroes @page from @from to its end. */
static void zero_page_tail(struct page *page, unsigned int from)
{
	char *addr = kmap_atomic(page);

	memset(addr + from, 0, PAGE_SIZE - from);
	kunmap_atomic(addr);
}

/* What do_mpage_readpage carries from one page to the next. */
struct mpage_readctx {
	struct bio *bio;
	sector_t last_block_in_bio;	/* the disk block the open bio ends with */
	struct buffer_head map_bh;	/* the last get_block answer (may cover later pages) */
	sector_t first_logical_block;	/* the file block map_bh starts at */
	get_block_t *get_block;
	gfp_t gfp;			/* for the page cache: the mapping's */
	gfp_t bio_gfp;			/* for bios: no highmem, no fs recursion */
};

/*
 * Copies disk blocks of the get_block answer in map_bh, from its block
 * @map_offset on, into @blocks from *@page_block until the page is full
 * or the answer used up (then map_bh no longer counts as mapped).
 */
static void mpage_take_blocks(struct buffer_head *map_bh, unsigned int blkbits,
			      sector_t map_offset, unsigned int blocks_per_page,
			      sector_t *blocks, unsigned int *page_block, sector_t *block_in_file)
{
	sector_t nblocks = map_bh->b_size >> blkbits;

	for (sector_t relative = map_offset; ; relative++) {
		if (relative == nblocks) {
			clear_buffer_mapped(map_bh);
			break;
		}
		if (*page_block == blocks_per_page)
			break;
		blocks[(*page_block)++] = map_bh->b_blocknr + relative;
		(*block_in_file)++;
	}
}

/* The buffer path for a page mpage cannot do in one piece: send what is open, read it block by block. */
static void mpage_read_confused(struct mpage_readctx *rc, struct page *page)
{
	if (rc->bio)
		rc->bio = mpage_bio_submit(REQ_OP_READ, 0, rc->bio);
	if (!PageUptodate(page))
		block_read_full_page(page, rc->get_block);
	else
		unlock_page(page);
}

/*
 * Maps @page's blocks into @blocks, first from the previous get_block
 * answer, then asking get_block for the rest of the readahead window
 * (@nr_pages pages, so one answer may serve the next pages too). Returns
 * the first hole's block in the page (blocks_per_page if none), or -1 if
 * the page must take the buffer path: a get_block error, data after a
 * hole, blocks not contiguous on disk, or data get_block already read.
 */
static int mpage_map_read_blocks(struct mpage_readctx *rc, struct page *page,
				 unsigned int nr_pages, sector_t *blocks,
				 struct block_device **bdev)
{
	struct inode *inode = page->mapping->host;
	unsigned int blkbits = inode->i_blkbits, blocks_per_page = PAGE_SIZE >> blkbits;
	sector_t block_in_file = (sector_t)page->index << (PAGE_SHIFT - blkbits);
	sector_t last_block = block_in_file + (sector_t)nr_pages * blocks_per_page;
	sector_t last_block_in_file = (i_size_read(inode) + (1 << blkbits) - 1) >> blkbits;
	struct buffer_head *map_bh = &rc->map_bh;
	sector_t prev_blocks = map_bh->b_size >> blkbits;
	unsigned int page_block = 0, first_hole = blocks_per_page;

	if (last_block > last_block_in_file)
		last_block = last_block_in_file;
	if (buffer_mapped(map_bh) && block_in_file > rc->first_logical_block &&
	    block_in_file < rc->first_logical_block + prev_blocks) {
		mpage_take_blocks(map_bh, blkbits, block_in_file - rc->first_logical_block,
				  blocks_per_page, blocks, &page_block, &block_in_file);
		*bdev = map_bh->b_bdev;
	}
	map_bh->b_page = page;
	while (page_block < blocks_per_page) {
		map_bh->b_state = 0;
		map_bh->b_size = 0;
		if (block_in_file < last_block) {
			map_bh->b_size = (size_t)(last_block - block_in_file) << blkbits;
			if (rc->get_block(inode, block_in_file, map_bh, 0))
				return -1;
			rc->first_logical_block = block_in_file;
		}
		if (!buffer_mapped(map_bh)) {
			if (first_hole == blocks_per_page)
				first_hole = page_block;
			page_block++;
			block_in_file++;
			continue;
		}
		if (buffer_uptodate(map_bh) || first_hole != blocks_per_page)
			return -1;
		if (page_block && blocks[page_block - 1] != map_bh->b_blocknr - 1)
			return -1;
		mpage_take_blocks(map_bh, blkbits, 0, blocks_per_page, blocks, &page_block,
				  &block_in_file);
		*bdev = map_bh->b_bdev;
	}
	return (int)first_hole;
}

/*
 * One page of a read (locked, in the cache): holes are zeroed, a page of
 * holes only is uptodate at once; the rest joins the open bio if it
 * continues it on disk, else a new one. A page ending in a hole (or a
 * boundary block) sends its bio at once.
 */
static void do_mpage_readpage(struct mpage_readctx *rc, struct page *page, unsigned int nr_pages)
{
	unsigned int blkbits = page->mapping->host->i_blkbits;
	unsigned int blocks_per_page = PAGE_SIZE >> blkbits, length;
	sector_t blocks[MAX_BUF_PER_PAGE];
	struct block_device *bdev = NULL;
	int first_hole;

	if (page_has_buffers(page)) {
		mpage_read_confused(rc, page);
		return;
	}
	first_hole = mpage_map_read_blocks(rc, page, nr_pages, blocks, &bdev);
	if (first_hole < 0) {
		mpage_read_confused(rc, page);
		return;
	}
	if (first_hole != (int)blocks_per_page) {
		zero_page_tail(page, (unsigned int)first_hole << blkbits);
		if (first_hole == 0) {
			SetPageUptodate(page);
			unlock_page(page);
			return;
		}
	} else {
		SetPageMappedToDisk(page);
	}
	if (rc->bio && rc->last_block_in_bio != blocks[0] - 1)
		rc->bio = mpage_bio_submit(REQ_OP_READ, 0, rc->bio);
	length = (unsigned int)first_hole << blkbits;
	for (;;) {
		if (!rc->bio)
			rc->bio = mpage_alloc(bdev, blocks[0] << (blkbits - 9), nr_pages, rc->bio_gfp);
		if (!rc->bio) {
			mpage_read_confused(rc, page);
			return;
		}
		if (bio_add_page(rc->bio, page, length, 0) == (int)length)
			break;
		rc->bio = mpage_bio_submit(REQ_OP_READ, 0, rc->bio);
	}
	if (buffer_boundary(&rc->map_bh) || first_hole != (int)blocks_per_page)
		rc->bio = mpage_bio_submit(REQ_OP_READ, 0, rc->bio);
	else
		rc->last_block_in_bio = blocks[blocks_per_page - 1];
}

/* A read context for @mapping: no bio open, no previous mapping. */
static void mpage_readctx_init(struct mpage_readctx *rc, struct address_space *mapping,
			       get_block_t *get_block)
{
	memset(rc, 0, sizeof(*rc));
	INIT_LIST_HEAD(&rc->map_bh.b_assoc_buffers);
	rc->get_block = get_block;
	rc->gfp = mapping_gfp_mask(mapping);
	rc->bio_gfp = mapping_gfp_mask(mapping) & GFP_NOFS;
}

/*
 * a_ops->readpages on get_block (fs-api.md's list contract): each page of
 * @pages (taken from the tail: the lowest index, as read_pages builds the
 * list) goes into the cache with add_to_page_cache_lru and is read
 * (skipped if someone else added that index first); the list's reference
 * is dropped either way. The list is empty on return. 0.
 */
int mpage_readpages(struct address_space *mapping, struct list_head *pages,
		    unsigned int nr_pages, get_block_t get_block)
{
	struct mpage_readctx rc;

	mpage_readctx_init(&rc, mapping, get_block);
	for (unsigned int page_idx = 0; page_idx < nr_pages && !list_empty(pages); page_idx++) {
		struct page *page = list_last_entry(pages, struct page, lru);

		list_del(&page->lru);
		if (!add_to_page_cache_lru(page, mapping, page->index, rc.gfp))
			do_mpage_readpage(&rc, page, nr_pages - page_idx);
		put_page(page);
	}
	if (rc.bio)
		mpage_bio_submit(REQ_OP_READ, 0, rc.bio);
	return 0;
}

/* a_ops->readpage on get_block: one locked page, one bio if its blocks allow. 0. */
int mpage_readpage(struct page *page, get_block_t get_block)
{
	struct mpage_readctx rc;

	mpage_readctx_init(&rc, page->mapping, get_block);
	do_mpage_readpage(&rc, page, 1);
	if (rc.bio)
		mpage_bio_submit(REQ_OP_READ, 0, rc.bio);
	return 0;
}

/* ---- writing -------------------------------------------------------------------- */

/* What __mpage_writepage carries from one page to the next. */
struct mpage_data {
	struct bio *bio;
	sector_t last_block_in_bio;
	get_block_t *get_block;
	bool use_writepage;		/* a confused page goes to a_ops->writepage (else -EAGAIN) */
};

/* The next block after a boundary is metadata the fs wants written now (ext2's indirect block). */
static void write_boundary_block(struct block_device *bdev, sector_t bblock, unsigned int blocksize)
{
	struct buffer_head *bh = __find_get_block(bdev, bblock + 1, blocksize);

	if (!bh)
		return;
	if (buffer_dirty(bh))
		ll_rw_block(REQ_OP_WRITE, 0, 1, &bh);
	put_bh(bh);
}

/* The page's first @nr buffers go out with the page's bio: they are clean now. */
static void clean_buffers(struct page *page, unsigned int nr)
{
	struct buffer_head *head, *bh;
	unsigned int i = 0;

	if (!page_has_buffers(page))
		return;
	head = page_buffers(page);
	bh = head;
	do {
		if (i++ >= nr)
			break;
		clear_buffer_dirty(bh);
		bh = bh->b_this_page;
	} while (bh != head);
}

/* Where a page's blocks are for writing, and whether its bio must go at once. */
struct mpage_wmap {
	sector_t blocks[MAX_BUF_PER_PAGE];
	unsigned int nr;		/* mapped blocks from the page's start (first_unmapped) */
	struct block_device *bdev;
	bool boundary;
	sector_t boundary_block;
	struct block_device *boundary_bdev;
};

/* A page with buffers: usable if its mapped, dirty, uptodate buffers are contiguous from the start. 0 or -1. */
static int mpage_map_buffers(struct page *page, struct mpage_wmap *m)
{
	struct buffer_head *head = page_buffers(page), *bh = head;
	unsigned int blocks_per_page = PAGE_SIZE >> page->mapping->host->i_blkbits;
	unsigned int page_block = 0, first_unmapped = blocks_per_page;

	do {
		if (!buffer_mapped(bh)) {
			if (buffer_dirty(bh))
				return -1;	/* dirty data with no block yet */
			if (first_unmapped == blocks_per_page)
				first_unmapped = page_block;
		} else {
			if (first_unmapped != blocks_per_page || !buffer_dirty(bh) ||
			    !buffer_uptodate(bh))
				return -1;
			if (page_block && bh->b_blocknr != m->blocks[page_block - 1] + 1)
				return -1;
			m->blocks[page_block] = bh->b_blocknr;
			m->boundary = buffer_boundary(bh);
			if (m->boundary) {
				m->boundary_block = bh->b_blocknr;
				m->boundary_bdev = bh->b_bdev;
			}
			m->bdev = bh->b_bdev;
		}
		page_block++;
		bh = bh->b_this_page;
	} while (bh != head);
	if (!first_unmapped)
		return -1;	/* all unmapped: read over a hole, let the buffer path decide */
	m->nr = first_unmapped;
	return 0;
}

/* A page without buffers: get_block (allocating) for each block up to EOF; -1 unless contiguous. */
static int mpage_map_page(struct page *page, get_block_t *get_block, struct mpage_wmap *m)
{
	struct inode *inode = page->mapping->host;
	unsigned int blkbits = inode->i_blkbits, blocks_per_page = PAGE_SIZE >> blkbits;
	sector_t block_in_file = (sector_t)page->index << (PAGE_SHIFT - blkbits);
	sector_t last_block = (i_size_read(inode) - 1) >> blkbits;
	struct buffer_head map_bh = { .b_page = page };
	unsigned int page_block = 0;

	INIT_LIST_HEAD(&map_bh.b_assoc_buffers);
	while (page_block < blocks_per_page) {
		map_bh.b_state = 0;
		map_bh.b_size = 1UL << blkbits;
		if (get_block(inode, block_in_file, &map_bh, 1) || !buffer_mapped(&map_bh))
			return -1;
		if (buffer_new(&map_bh)) {
			struct buffer_head *old = __find_get_block(map_bh.b_bdev, map_bh.b_blocknr,
								   map_bh.b_size);

			if (old) {		/* a stale bdev alias of the new block */
				clear_buffer_dirty(old);
				wait_on_buffer(old);
				brelse(old);
			}
		}
		if (buffer_boundary(&map_bh)) {
			m->boundary_block = map_bh.b_blocknr;
			m->boundary_bdev = map_bh.b_bdev;
		}
		if (page_block && map_bh.b_blocknr != m->blocks[page_block - 1] + 1)
			return -1;
		m->blocks[page_block++] = map_bh.b_blocknr;
		m->boundary = buffer_boundary(&map_bh);
		m->bdev = map_bh.b_bdev;
		if (block_in_file == last_block)
			break;
		block_in_file++;
	}
	m->nr = page_block;
	return 0;
}

/* Adds @page's @length bytes to the open write bio (a new one if needed): 0, or -1 without a bio. */
static int mpage_add_write_page(struct mpage_data *mpd, struct page *page, struct mpage_wmap *m,
				unsigned int length, unsigned int blkbits, int op_flags)
{
	if (mpd->bio && mpd->last_block_in_bio != m->blocks[0] - 1)
		mpd->bio = mpage_bio_submit(REQ_OP_WRITE, op_flags, mpd->bio);
	for (;;) {
		if (!mpd->bio)
			mpd->bio = mpage_alloc(m->bdev, m->blocks[0] << (blkbits - 9), BIO_MAX_PAGES,
					       GFP_NOFS | __GFP_HIGH);
		if (!mpd->bio)
			return -1;
		if (bio_add_page(mpd->bio, page, length, 0) == (int)length)
			return 0;
		mpd->bio = mpage_bio_submit(REQ_OP_WRITE, op_flags, mpd->bio);
	}
}

/*
 * write_cache_pages' callback (locked page, dirty bit cleared): a page
 * whose blocks are contiguous joins the open bio (the part beyond i_size
 * zeroed); any other page, or one past i_size, goes to a_ops->writepage
 * (block_write_full_page's path) after the open bio is sent.
 */
static int __mpage_writepage(struct page *page, struct writeback_control *wbc, void *data)
{
	struct mpage_data *mpd = data;
	struct address_space *mapping = page->mapping;
	struct inode *inode = mapping->host;
	unsigned int blkbits = inode->i_blkbits, blocks_per_page = PAGE_SIZE >> blkbits;
	int op_flags = wbc_to_write_flags(wbc);
	loff_t i_size = i_size_read(inode);
	pgoff_t end_index = (pgoff_t)(i_size >> PAGE_SHIFT);
	struct mpage_wmap m = { .nr = 0 };
	int ret = 0;

	if (page_has_buffers(page) ? mpage_map_buffers(page, &m) :
	    (!PageUptodate(page) || mpage_map_page(page, mpd->get_block, &m)))
		goto confused;
	if (page->index >= end_index) {
		unsigned int offset = i_size & (PAGE_SIZE - 1);

		if (page->index > end_index || !offset)
			goto confused;
		zero_page_tail(page, offset);
	}
	if (mpage_add_write_page(mpd, page, &m, m.nr << blkbits, blkbits, op_flags))
		goto confused;
	clean_buffers(page, m.nr);
	WARN_ON(PageWriteback(page));
	set_page_writeback(page);
	unlock_page(page);
	if (m.boundary || m.nr != blocks_per_page) {
		mpd->bio = mpage_bio_submit(REQ_OP_WRITE, op_flags, mpd->bio);
		if (m.boundary_block)
			write_boundary_block(m.boundary_bdev, m.boundary_block, 1U << blkbits);
	} else {
		mpd->last_block_in_bio = m.blocks[blocks_per_page - 1];
	}
	return 0;

confused:
	if (mpd->bio)
		mpd->bio = mpage_bio_submit(REQ_OP_WRITE, op_flags, mpd->bio);
	if (!mpd->use_writepage)
		return -EAGAIN;
	ret = mapping->a_ops->writepage(page, wbc);
	mapping_set_error(mapping, ret);
	return ret;
}

/*
 * a_ops->writepages on get_block: write_cache_pages over @mapping with
 * __mpage_writepage, plugged so adjacent bios merge. 0 or -Exxx.
 */
int mpage_writepages(struct address_space *mapping, struct writeback_control *wbc,
		     get_block_t get_block)
{
	struct mpage_data mpd = { .get_block = get_block, .use_writepage = true };
	struct blk_plug plug;
	int ret;

	blk_start_plug(&plug);
	ret = write_cache_pages(mapping, wbc, __mpage_writepage, &mpd);
	if (mpd.bio)
		mpage_bio_submit(REQ_OP_WRITE, wbc_to_write_flags(wbc), mpd.bio);
	blk_finish_plug(&plug);
	return ret;
}

/* One locked dirty page the mpage way (a_ops->writepage of a file system). 0 or -Exxx. */
int mpage_writepage(struct page *page, get_block_t *get_block, struct writeback_control *wbc)
{
	struct mpage_data mpd = { .get_block = get_block, .use_writepage = false };
	int ret = __mpage_writepage(page, wbc, &mpd);

	if (mpd.bio)
		mpage_bio_submit(REQ_OP_WRITE, wbc_to_write_flags(wbc), mpd.bio);
	if (ret == -EAGAIN)
		ret = block_write_full_page(page, get_block, wbc);
	return ret;
}
