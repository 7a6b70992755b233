/*
 * Buffer heads (fs/buffer.c): a page of a block device's (or a file's)
 * cache cut into blocks of the device's block size, one buffer_head per
 * block, in a ring hung on page->private (PG_private). File systems read
 * and write their metadata through them (sb_bread, mark_buffer_dirty);
 * the block_* helpers build a_ops from a get_block callback. Seed 002:
 * for a highmem page b_data holds the offset in the page, not an address.
 */
#ifndef _LINUX_BUFFER_HEAD_H
#define _LINUX_BUFFER_HEAD_H

#include <linux/types.h>
#include <linux/fs.h>
#include <linux/mm_types.h>

struct page;
struct buffer_head;
struct writeback_control;

enum bh_state_bits {
	BH_Uptodate,	/* contains valid data */
	BH_Dirty,	/* must be written */
	BH_Lock,	/* locked for I/O */
	BH_Req,		/* has been submitted */
	BH_Mapped,	/* b_bdev and b_blocknr are valid */
	BH_New,		/* just allocated by get_block: not on disk yet */
	BH_Async_Read,	/* in an async read of its page */
	BH_Async_Write,	/* in an async write of its page */
	BH_Delay,
	BH_Boundary,	/* the next block is metadata: submit now */
	BH_Write_EIO,	/* a write failed */
	BH_Unwritten,
	BH_Meta,	/* file-system metadata (counted as Buffers) */
	BH_PrivateStart,
};

typedef void (bh_end_io_t)(struct buffer_head *bh, int uptodate);

struct buffer_head {
	unsigned long b_state;		/* BH_* bits */
	struct buffer_head *b_this_page;/* the next buffer of the page (a ring) */
	struct page *b_page;
	sector_t b_blocknr;		/* in b_size units on b_bdev */
	size_t b_size;
	char *b_data;			/* lowmem: the address; highmem page: the offset in it */
	struct block_device *b_bdev;
	bh_end_io_t *b_end_io;
	void *b_private;
	struct list_head b_assoc_buffers;	/* on an inode's mapping->private_list */
	struct address_space *b_assoc_map;
	atomic_t b_count;		/* users */
};

#define BUFFER_FNS(bit, name)						\
static inline void set_buffer_##name(struct buffer_head *bh)		\
{ __atomic_fetch_or(&bh->b_state, 1UL << BH_##bit, __ATOMIC_RELAXED); }	\
static inline void clear_buffer_##name(struct buffer_head *bh)		\
{ __atomic_fetch_and(&bh->b_state, ~(1UL << BH_##bit), __ATOMIC_RELEASE); } \
static inline int buffer_##name(const struct buffer_head *bh)		\
{ return (READ_ONCE(bh->b_state) >> BH_##bit) & 1; }
#define TAS_BUFFER_FNS(bit, name)					\
static inline int test_set_buffer_##name(struct buffer_head *bh)	\
{ return (__atomic_fetch_or(&bh->b_state, 1UL << BH_##bit,		\
			    __ATOMIC_ACQUIRE) >> BH_##bit) & 1; }	\
static inline int test_clear_buffer_##name(struct buffer_head *bh)	\
{ return (__atomic_fetch_and(&bh->b_state, ~(1UL << BH_##bit),		\
			     __ATOMIC_RELEASE) >> BH_##bit) & 1; }

BUFFER_FNS(Uptodate, uptodate)
BUFFER_FNS(Dirty, dirty)
TAS_BUFFER_FNS(Dirty, dirty)
BUFFER_FNS(Lock, locked)
BUFFER_FNS(Req, req)
TAS_BUFFER_FNS(Req, req)
BUFFER_FNS(Mapped, mapped)
BUFFER_FNS(New, new)
BUFFER_FNS(Async_Read, async_read)
BUFFER_FNS(Async_Write, async_write)
BUFFER_FNS(Boundary, boundary)
BUFFER_FNS(Write_EIO, write_io_error)
BUFFER_FNS(Meta, meta)
#undef BUFFER_FNS
#undef TAS_BUFFER_FNS

#define page_buffers(page)	((struct buffer_head *)(page)->private)
#define page_has_buffers(page)	PagePrivate(page)

static inline void get_bh(struct buffer_head *bh) { __atomic_fetch_add(&bh->b_count.counter, 1, __ATOMIC_RELAXED); }
static inline void put_bh(struct buffer_head *bh) { __atomic_fetch_sub(&bh->b_count.counter, 1, __ATOMIC_RELEASE); }

/* Maps file block @iblock of @inode to a disk block in @bh_result (set_buffer_mapped, b_blocknr), allocating if @create. 0 or -Exxx; unmapped and 0 is a hole. */
typedef int (get_block_t)(struct inode *inode, sector_t iblock,
			  struct buffer_head *bh_result, int create);

static inline void map_bh(struct buffer_head *bh, struct super_block *sb, sector_t block)
{
	set_buffer_mapped(bh);
	bh->b_bdev = sb->s_bdev;
	bh->b_blocknr = block;
	bh->b_size = sb->s_blocksize;
}

/* Boot: the buffer_head slab cache. */
void buffer_init(void);
/* Pages of block devices with buffers (the Buffers of /proc/meminfo). */
unsigned long nr_blockdev_pages(void);

void lock_buffer(struct buffer_head *bh);
static inline int trylock_buffer(struct buffer_head *bh)
{
	return !(__atomic_fetch_or(&bh->b_state, 1UL << BH_Lock, __ATOMIC_ACQUIRE) & (1UL << BH_Lock));
}
void unlock_buffer(struct buffer_head *bh);
void wait_on_buffer(struct buffer_head *bh);
void mark_buffer_dirty(struct buffer_head *bh);
/* Ties a metadata buffer to @inode so fsync of the inode writes it (ext2 indirect blocks). */
void mark_buffer_dirty_inode(struct buffer_head *bh, struct inode *inode);
int sync_mapping_buffers(struct address_space *mapping);
void invalidate_inode_buffers(struct inode *inode);
void mark_buffer_write_io_error(struct buffer_head *bh);
void end_buffer_read_sync(struct buffer_head *bh, int uptodate);
void end_buffer_write_sync(struct buffer_head *bh, int uptodate);

/* The buffer of block @block of @bdev (size @size), with a reference; created if missing. NULL: no memory. */
struct buffer_head *__getblk(struct block_device *bdev, sector_t block, unsigned int size);
/* The cached buffer or NULL (no I/O, no creation). */
struct buffer_head *__find_get_block(struct block_device *bdev, sector_t block, unsigned int size);
/* __getblk and read it if not uptodate: the buffer, or NULL on an I/O error (with a message). */
struct buffer_head *__bread(struct block_device *bdev, sector_t block, unsigned int size);
static inline struct buffer_head *sb_bread(struct super_block *sb, sector_t block)
{
	return __bread(sb->s_bdev, block, sb->s_blocksize);
}
static inline struct buffer_head *sb_getblk(struct super_block *sb, sector_t block)
{
	return __getblk(sb->s_bdev, block, sb->s_blocksize);
}
static inline struct buffer_head *sb_find_get_block(struct super_block *sb, sector_t block)
{
	return __find_get_block(sb->s_bdev, block, sb->s_blocksize);
}
void __brelse(struct buffer_head *bh);
static inline void brelse(struct buffer_head *bh)
{
	if (bh)
		__brelse(bh);
}
void __bforget(struct buffer_head *bh);
static inline void bforget(struct buffer_head *bh)
{
	if (bh)
		__bforget(bh);
}
/* The address of @bh's data: for a highmem page map it with kmap/kmap_atomic and add b_data. */
void *bh_data_kmap(struct buffer_head *bh);
void bh_data_kunmap(struct buffer_head *bh, void *addr);
/* added by bh: the buffer_head allocator and page attachment that fs/buffer.c and fs/mpage.c share. */
struct buffer_head *alloc_buffer_head(gfp_t gfp);
void free_buffer_head(struct buffer_head *bh);
/* Points @bh at @offset of @page: b_data is the address (lowmem) or the offset (highmem). */
void set_bh_page(struct buffer_head *bh, struct page *page, unsigned long offset);
/* @bh's offset in its page, whichever form b_data has. */
#define bh_offset(bh)	((unsigned long)(bh)->b_data & (PAGE_SIZE - 1))

/* Writes a locked buffer: REQ_OP_* and REQ_* flags; b_end_io runs when done. */
int submit_bh(int op, int op_flags, struct buffer_head *bh);
struct writeback_control;
int submit_bh_wbc(int op, int op_flags, struct buffer_head *bh, struct writeback_control *wbc);
/* Starts reads (REQ_OP_READ) or writes of the buffers that need it, without waiting. */
void ll_rw_block(int op, int op_flags, int nr, struct buffer_head *bhs[]);
/* Writes a dirty buffer and waits: 0 or -EIO. */
int sync_dirty_buffer(struct buffer_head *bh);
int __sync_dirty_buffer(struct buffer_head *bh, int op_flags);
void write_dirty_buffer(struct buffer_head *bh, int op_flags);
int bh_submit_read(struct buffer_head *bh);

/* Gives @page buffers of @blocksize (unmapped) if it has none; returns the first. */
struct buffer_head *create_page_buffers(struct page *page, struct inode *inode, unsigned int b_state);
void create_empty_buffers(struct page *page, unsigned long blocksize, unsigned long b_state);
/* Frees a clean, unlocked page's buffers (reclaim): 1 if it did. */
int try_to_free_buffers(struct page *page);
void block_invalidatepage(struct page *page, unsigned int offset, unsigned int length);
int __set_page_dirty_buffers(struct page *page);

/* The generic a_ops on top of get_block. */
int block_read_full_page(struct page *page, get_block_t *get_block);
int block_write_full_page(struct page *page, get_block_t *get_block, struct writeback_control *wbc);
int __block_write_full_page(struct inode *inode, struct page *page, get_block_t *get_block,
			    struct writeback_control *wbc, bh_end_io_t *handler);
int block_write_begin(struct address_space *mapping, loff_t pos, unsigned int len,
		      unsigned int flags, struct page **pagep, get_block_t *get_block);
int __block_write_begin(struct page *page, loff_t pos, unsigned int len, get_block_t *get_block);
int block_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		    unsigned int len, unsigned int copied, struct page *page, void *fsdata);
int generic_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		      unsigned int len, unsigned int copied, struct page *page, void *fsdata);
sector_t generic_block_bmap(struct address_space *mapping, sector_t block, get_block_t *get_block);
/* Zeroes the part of the last block beyond @from (truncate to a size inside a block). */
int block_truncate_page(struct address_space *mapping, loff_t from, get_block_t *get_block);
/* The file's blocks back @page (set_page_dirty for mapped pages); generic_cont_expand_simple for size extension. */
int generic_cont_expand_simple(struct inode *inode, loff_t size);

#endif
