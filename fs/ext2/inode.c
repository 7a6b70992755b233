/*
 * ext2 inodes: reading and writing the raw inode in its group's inode
 * table, the block map (12 direct pointers, single, double and triple
 * indirect blocks) behind ext2_get_block, truncation freeing every level,
 * eviction of unlinked inodes, setattr/getattr and ext2_aops (seed 000's
 * ext2_write_begin -> block_write_begin path; seed 003's readpages).
 * Leaves out: O_DIRECT, xattrs and ACLs (an xattr block is only released
 * with its inode), i_flags semantics (immutable, append-only, ...).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/pagemap.h>
#include <linux/buffer_head.h>
#include <linux/mpage.h>
#include <linux/writeback.h>
#include "ext2.h"

/* ---- the raw inode ---- */

/*
 * The raw inode @ino in its inode table: a pointer into *@bhp's data (the
 * caller brelse()s it), or ERR_PTR(-EIO) for a number out of range (one
 * ext2_error) or an unreadable block.
 */
static struct ext2_inode *ext2_get_inode(struct super_block *sb, unsigned long ino,
					 struct buffer_head **bhp)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long group, offset, block;
	struct buffer_head *bh;

	if ((ino != EXT2_ROOT_INO && ino < sbi->s_first_ino) || ino > sbi->s_inodes_count) {
		ext2_error(sb, __func__, "bad inode number: %lu", ino);
		return ERR_PTR(-EIO);
	}
	group = (ino - 1) / sbi->s_inodes_per_group;
	offset = ((ino - 1) % sbi->s_inodes_per_group) * sbi->s_inode_size;
	block = le32_to_cpu(ext2_group_desc(sb, group, NULL)->bg_inode_table) +
		(offset >> sb->s_blocksize_bits);
	bh = sb_bread(sb, block);
	if (!bh) {
		ext2_error(sb, __func__, "unable to read inode block - inode=%lu, block=%lu", ino, block);
		return ERR_PTR(-EIO);
	}
	*bhp = bh;
	return (struct ext2_inode *)(bh->b_data + (offset & (sb->s_blocksize - 1)));
}

/* A fast symlink keeps its target in i_data: no data blocks (an xattr block aside). */
bool ext2_inode_is_fast_symlink(struct inode *inode)
{
	blkcnt_t ea_blocks = EXT2_I(inode)->i_file_acl ? inode->i_sb->s_blocksize >> 9 : 0;

	return S_ISLNK(inode->i_mode) && inode->i_blocks - ea_blocks == 0;
}

/* Device number from i_block[0] (old 8:8 form) or i_block[1] (new 12:20 form). */
static dev_t ext2_decode_dev(const __le32 *data)
{
	u32 old = le32_to_cpu(data[0]), dev = le32_to_cpu(data[1]);

	if (old)
		return MKDEV((old >> 8) & 0xff, old & 0xff);
	return MKDEV((dev & 0xfff00) >> 8, (dev & 0xff) | ((dev >> 12) & 0xfff00));
}

/* The reverse: the old form when major and minor fit in 8 bits each. */
static void ext2_encode_dev(__le32 *data, dev_t rdev)
{
	unsigned int ma = MAJOR(rdev), mi = MINOR(rdev);

	if (ma < 256 && mi < 256) {
		data[0] = cpu_to_le32(ma << 8 | mi);
		data[1] = 0;
	} else {
		data[0] = 0;
		data[1] = cpu_to_le32((mi & 0xff) | (ma << 8) | ((mi & ~0xffU) << 12));
		data[2] = 0;
	}
}

/* Sets i_op, i_fop and a_ops for the inode's type. */
void ext2_set_inode_ops(struct inode *inode)
{
	if (S_ISREG(inode->i_mode)) {
		inode->i_op = &ext2_file_inode_operations;
		inode->i_fop = &ext2_file_operations;
		inode->i_mapping->a_ops = &ext2_aops;
	} else if (S_ISDIR(inode->i_mode)) {
		inode->i_op = &ext2_dir_inode_operations;
		inode->i_fop = &ext2_dir_operations;
		inode->i_mapping->a_ops = &ext2_aops;
	} else if (S_ISLNK(inode->i_mode)) {
		if (ext2_inode_is_fast_symlink(inode)) {
			inode->i_op = &ext2_fast_symlink_inode_operations;
		} else {
			inode->i_op = &ext2_symlink_inode_operations;
			inode->i_mapping->a_ops = &ext2_aops;
		}
	} else {
		inode->i_op = &ext2_special_inode_operations;
		init_special_inode(inode, inode->i_mode, ext2_decode_dev(EXT2_I(inode)->i_data));
	}
}

/* Copies raw inode fields into the in-memory inode. */
static void ext2_fill_inode(struct inode *inode, const struct ext2_inode *raw)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	inode->i_mode = le16_to_cpu(raw->i_mode);
	inode->i_uid = le16_to_cpu(raw->i_uid) | (uid_t)le16_to_cpu(raw->i_uid_high) << 16;
	inode->i_gid = le16_to_cpu(raw->i_gid) | (gid_t)le16_to_cpu(raw->i_gid_high) << 16;
	set_nlink(inode, le16_to_cpu(raw->i_links_count));
	inode->i_size = le32_to_cpu(raw->i_size);
	if (S_ISREG(inode->i_mode))
		inode->i_size |= (loff_t)le32_to_cpu(raw->i_size_high) << 32;
	else
		ei->i_dir_acl = le32_to_cpu(raw->i_size_high);
	inode->i_atime.tv_sec = (s32)le32_to_cpu(raw->i_atime);
	inode->i_ctime.tv_sec = (s32)le32_to_cpu(raw->i_ctime);
	inode->i_mtime.tv_sec = (s32)le32_to_cpu(raw->i_mtime);
	inode->i_atime.tv_nsec = inode->i_ctime.tv_nsec = inode->i_mtime.tv_nsec = 0;
	inode->i_blocks = le32_to_cpu(raw->i_blocks);
	inode->i_generation = le32_to_cpu(raw->i_generation);
	inode->i_blkbits = inode->i_sb->s_blocksize_bits;
	ei->i_dtime = le32_to_cpu(raw->i_dtime);
	ei->i_flags = le32_to_cpu(raw->i_flags);
	ei->i_faddr = le32_to_cpu(raw->i_faddr);
	ei->i_file_acl = le32_to_cpu(raw->i_file_acl);
	ei->i_state = 0;
	ei->i_next_goal = 0;
	ei->i_dir_checked = ei->i_dir_bad = ei->i_bad_block = 0;
	ei->i_block_group = (inode->i_ino - 1) / EXT2_SB(inode->i_sb)->s_inodes_per_group;
	memcpy(ei->i_data, raw->i_block, sizeof(ei->i_data));
}

/*
 * The inode @ino, from the inode cache or read from its table: a
 * reference, or ERR_PTR: -EIO (bad number, unreadable), -EUCLEAN (the
 * inode is deleted: no links and no mode, or a deletion time), -ENOMEM.
 */
struct inode *ext2_iget(struct super_block *sb, unsigned long ino)
{
	struct buffer_head *bh;
	struct ext2_inode *raw;
	struct inode *inode = iget_locked(sb, ino);

	if (!inode)
		return ERR_PTR(-ENOMEM);
	if (!(inode->i_state & I_NEW))
		return inode;
	raw = ext2_get_inode(sb, ino, &bh);
	if (IS_ERR(raw)) {
		iget_failed(inode);
		return ERR_CAST(raw);
	}
	ext2_fill_inode(inode, raw);
	brelse(bh);
	if (!inode->i_nlink && (!inode->i_mode || EXT2_I(inode)->i_dtime)) {
		iget_failed(inode);
		return ERR_PTR(-EUCLEAN);
	}
	ext2_set_inode_ops(inode);
	unlock_new_inode(inode);
	return inode;
}

/* Copies the in-memory inode into the raw one. */
static void ext2_fill_raw(struct inode *inode, struct ext2_inode *raw)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	raw->i_mode = cpu_to_le16(inode->i_mode);
	raw->i_uid = cpu_to_le16(inode->i_uid & 0xffff);
	raw->i_uid_high = cpu_to_le16(inode->i_uid >> 16);
	raw->i_gid = cpu_to_le16(inode->i_gid & 0xffff);
	raw->i_gid_high = cpu_to_le16(inode->i_gid >> 16);
	raw->i_links_count = cpu_to_le16(inode->i_nlink);
	raw->i_size = cpu_to_le32((u32)inode->i_size);
	raw->i_size_high = cpu_to_le32(S_ISREG(inode->i_mode) ? (u32)(inode->i_size >> 32) :
				       ei->i_dir_acl);
	raw->i_atime = cpu_to_le32((u32)inode->i_atime.tv_sec);
	raw->i_ctime = cpu_to_le32((u32)inode->i_ctime.tv_sec);
	raw->i_mtime = cpu_to_le32((u32)inode->i_mtime.tv_sec);
	raw->i_blocks = cpu_to_le32((u32)inode->i_blocks);
	raw->i_dtime = cpu_to_le32(ei->i_dtime);
	raw->i_flags = cpu_to_le32(ei->i_flags);
	raw->i_faddr = cpu_to_le32(ei->i_faddr);
	raw->i_generation = cpu_to_le32(inode->i_generation);
	raw->i_file_acl = cpu_to_le32(ei->i_file_acl);
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode))
		ext2_encode_dev(raw->i_block, inode->i_rdev);
	else
		memcpy(raw->i_block, ei->i_data, sizeof(raw->i_block));
}

/*
 * Writes @inode into its inode table block (zeroed first for a new
 * inode: its extra bytes too), waiting for the disk if @do_sync. 0 or
 * -EIO.
 */
int __ext2_write_inode(struct inode *inode, int do_sync)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct buffer_head *bh;
	struct ext2_inode *raw;
	int err = 0;

	ext2_fs_dirtied(sb);
	raw = ext2_get_inode(sb, inode->i_ino, &bh);
	if (IS_ERR(raw))
		return PTR_ERR(raw);
	if (ei->i_state & EXT2_STATE_NEW)
		memset(raw, 0, EXT2_SB(sb)->s_inode_size);
	ext2_fill_raw(inode, raw);
	mark_buffer_dirty(bh);
	if (do_sync && sync_dirty_buffer(bh)) {
		ext2_msg(sb, KERN_ERR, "IO error syncing inode %lu", inode->i_ino);
		err = -EIO;
	}
	ei->i_state &= ~EXT2_STATE_NEW;
	brelse(bh);
	return err;
}

/* write_inode: into the buffer, and to disk for WB_SYNC_ALL. Nothing on a read-only fs. */
int ext2_write_inode(struct inode *inode, struct writeback_control *wbc)
{
	if (sb_rdonly(inode->i_sb))
		return 0;
	return __ext2_write_inode(inode, wbc && wbc->sync_mode == WB_SYNC_ALL);
}

/* ---- the block map ---- */

/*
 * The path to file block @iblock: indexes into i_data and then into each
 * indirect block, in @offsets; returns the depth (1 direct .. 4 triple
 * indirect) or 0 past the triple-indirect range.
 */
static int ext2_block_to_path(struct inode *inode, u64 iblock, int offsets[4])
{
	unsigned int bits = EXT2_SB(inode->i_sb)->s_addr_per_block_bits;
	u64 apb = 1ULL << bits, mask = apb - 1;

	if (iblock < EXT2_NDIR_BLOCKS) {
		offsets[0] = iblock;
		return 1;
	}
	iblock -= EXT2_NDIR_BLOCKS;
	if (iblock < apb) {
		offsets[0] = EXT2_IND_BLOCK;
		offsets[1] = iblock;
		return 2;
	}
	iblock -= apb;
	if (iblock < apb * apb) {
		offsets[0] = EXT2_DIND_BLOCK;
		offsets[1] = iblock >> bits;
		offsets[2] = iblock & mask;
		return 3;
	}
	iblock -= apb * apb;
	if (iblock < apb * apb * apb) {
		offsets[0] = EXT2_TIND_BLOCK;
		offsets[1] = iblock >> (2 * bits);
		offsets[2] = (iblock >> bits) & mask;
		offsets[3] = iblock & mask;
		return 4;
	}
	return 0;
}

/* Where a new block for the slot @slot (in @parent, or i_data) should go. */
static unsigned long ext2_find_goal(struct inode *inode, struct buffer_head *parent, __le32 *slot)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	__le32 *start = parent ? (__le32 *)parent->b_data : ei->i_data;
	__le32 *p;

	if (ei->i_next_goal)
		return ei->i_next_goal;
	for (p = slot; p > start; p--)
		if (le32_to_cpu(p[-1]))
			return le32_to_cpu(p[-1]) + 1;
	if (parent)
		return parent->b_blocknr;
	return ext2_group_first_block_no(inode->i_sb, ei->i_block_group);
}

/* A new indirect block @nr, zeroed, holding @child at @offset: dirty, tied to @inode. 0 or -ENOMEM. */
static int ext2_init_indirect(struct inode *inode, unsigned long nr, int offset, unsigned long child)
{
	struct super_block *sb = inode->i_sb;
	struct buffer_head *bh = sb_getblk(sb, nr);

	if (!bh)
		return -ENOMEM;
	lock_buffer(bh);
	memset(bh->b_data, 0, sb->s_blocksize);
	((__le32 *)bh->b_data)[offset] = cpu_to_le32(child);
	set_buffer_uptodate(bh);
	unlock_buffer(bh);
	mark_buffer_dirty_inode(bh, inode);
	brelse(bh);
	return 0;
}

/*
 * Allocates the @n missing blocks below @slot: n - 1 indirect blocks
 * (indexes @offsets[0..n-2] into each) and the data block, which goes to
 * *@data. The new chain is complete before @slot points to it. On failure
 * every block taken is given back. Called with truncate_mutex. 0 or -Exxx.
 */
static int ext2_alloc_branch(struct inode *inode, int n, __le32 *slot, struct buffer_head *parent,
			     const int *offsets, unsigned long *data)
{
	unsigned long blocks[4], goal = ext2_find_goal(inode, parent, slot);
	int i, k, err = 0;

	for (k = 0; k < n; k++) {
		blocks[k] = ext2_new_block(inode, goal, &err);
		if (!blocks[k])
			goto fail;
		goal = blocks[k] + 1;
	}
	for (i = 0; i < n - 1; i++) {
		err = ext2_init_indirect(inode, blocks[i], offsets[i], blocks[i + 1]);
		if (err)
			goto fail;
	}
	*slot = cpu_to_le32(blocks[0]);
	if (parent)
		mark_buffer_dirty_inode(parent, inode);
	else
		ext2_inode_dirty(inode);
	*data = blocks[n - 1];
	EXT2_I(inode)->i_next_goal = blocks[n - 1] + 1;
	return 0;
fail:
	for (i = 0; i < k; i++) {
		if (i < n - 1)
			bforget(sb_find_get_block(inode->i_sb, blocks[i]));
		ext2_free_blocks(inode, blocks[i], 1);
	}
	return err;
}

/* How many slots from @p on (at most @max, within @end) map consecutive blocks from *@p. */
static unsigned int ext2_count_contig(const __le32 *p, const __le32 *end, unsigned int max)
{
	unsigned int n = 1;

	while (n < max && p + n < end && le32_to_cpu(p[n]) == le32_to_cpu(p[0]) + n)
		n++;
	return n;
}

/*
 * Reports a bad block pointer of @inode, for file block @iblock: once
 * per inode (a damaged map block would otherwise give one line per
 * entry). -EIO.
 */
static int ext2_bad_pointer(struct inode *inode, u64 iblock, unsigned long nr)
{
	if (EXT2_I(inode)->i_bad_block)
		return -EIO;
	EXT2_I(inode)->i_bad_block = nr ? nr : 1;
	ext2_error(inode->i_sb, __func__, "inode #%lu: block %lu out of range (file block %llu)",
		   inode->i_ino, nr, (unsigned long long)iblock);
	return -EIO;
}

/*
 * Walks the map of file block @iblock along @offsets (@depth levels):
 * *@blk = the disk block (0: a hole) and *@count = consecutive blocks
 * mapped from there (at most @max); with @create a hole is filled and
 * *@new set. Called with truncate_mutex. 0 or -Exxx.
 */
static int ext2_map_block(struct inode *inode, u64 iblock, const int *offsets, int depth,
			  int create, unsigned int max, unsigned long *blk, unsigned int *count,
			  bool *new)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct buffer_head *parent = NULL;
	__le32 *slot = &ei->i_data[offsets[0]];
	int level, err = 0;

	for (level = 0; ; level++) {
		unsigned long nr = le32_to_cpu(*slot);

		if (nr && !ext2_data_block_valid(inode->i_sb, nr, 1)) {
			err = ext2_bad_pointer(inode, iblock, nr);
			break;
		}
		if (!nr) {
			if (create) {
				err = ext2_alloc_branch(inode, depth - level, slot, parent,
							offsets + level + 1, blk);
				*new = !err;
			}
			break;
		}
		if (level == depth - 1) {
			__le32 *end = parent ? (__le32 *)parent->b_data + ext2_addr_per_block(inode->i_sb) :
				      ei->i_data + EXT2_NDIR_BLOCKS;

			*blk = nr;
			*count = ext2_count_contig(slot, end, max);
			break;
		}
		brelse(parent);
		parent = sb_bread(inode->i_sb, nr);
		if (!parent) {
			ext2_error(inode->i_sb, "ext2_get_block", "inode #%lu: cannot read indirect block %lu",
				   inode->i_ino, nr);
			err = -EIO;
			break;
		}
		slot = (__le32 *)parent->b_data + offsets[level + 1];
	}
	brelse(parent);
	return err;
}

/*
 * get_block for the buffer layer and mpage: maps file block @iblock of
 * @inode into @bh_result (b_size on entry: how many bytes the caller
 * would like mapped; on return: how many are). A hole stays unmapped
 * unless @create, which allocates the data block and any missing indirect
 * blocks (zeroed) and sets BH_New. 0, or -ENOSPC, -EIO, -EROFS, -EFBIG.
 */
int ext2_get_block(struct inode *inode, sector_t iblock, struct buffer_head *bh_result, int create)
{
	struct super_block *sb = inode->i_sb;
	unsigned int max = bh_result->b_size >> inode->i_blkbits, count = 1;
	struct ext2_inode_info *ei = EXT2_I(inode);
	unsigned long blk = 0;
	int offsets[4], depth, err;
	bool new = false;

	depth = ext2_block_to_path(inode, iblock, offsets);
	if (!depth)
		return create ? -EFBIG : 0;
	mutex_lock(&ei->truncate_mutex);
	err = ext2_map_block(inode, iblock, offsets, depth, create, max ? max : 1, &blk, &count, &new);
	mutex_unlock(&ei->truncate_mutex);
	if (err)
		return err;
	bh_result->b_size = sb->s_blocksize;
	if (!blk)
		return 0;
	map_bh(bh_result, sb, blk);
	bh_result->b_size = (size_t)count << inode->i_blkbits;
	if (new)
		set_buffer_new(bh_result);
	return 0;
}

/* ---- truncation ---- */

/* A run of blocks to free together. */
struct ext2_free_run {
	unsigned long start, count;
};

static void ext2_run_flush(struct inode *inode, struct ext2_free_run *run)
{
	if (run->count)
		ext2_free_blocks(inode, run->start, run->count);
	run->count = 0;
}

static void ext2_run_add(struct inode *inode, struct ext2_free_run *run, unsigned long nr)
{
	if (run->count && nr == run->start + run->count) {
		run->count++;
		return;
	}
	ext2_run_flush(inode, run);
	run->start = nr;
	run->count = 1;
}

/*
 * Frees the blocks of the subtree at *@p (@depth levels of indirection
 * below it) that map file blocks >= @from; the subtree maps file blocks
 * from @base on. A subtree that goes whole is unhooked (*@p = 0): returns
 * true then. Indirect blocks that only lose some pointers stay, dirty.
 */
static bool ext2_free_tree(struct inode *inode, __le32 *p, int depth, u64 base, u64 from,
			   struct ext2_free_run *run)
{
	struct super_block *sb = inode->i_sb;
	unsigned int bits = EXT2_SB(sb)->s_addr_per_block_bits;
	unsigned long nr = le32_to_cpu(*p), i, apb = ext2_addr_per_block(sb);
	u64 child_span = depth ? 1ULL << ((depth - 1) * bits) : 0;
	struct buffer_head *bh;
	bool changed = false;

	if (!nr || (depth == 0 && base < from) || (depth && base + (child_span << bits) <= from))
		return false;
	if (!ext2_data_block_valid(sb, nr, 1)) {
		ext2_bad_pointer(inode, base, nr);
		return false;
	}
	if (depth == 0)
		goto unhook;
	bh = sb_bread(sb, nr);
	if (!bh) {
		ext2_error(sb, "ext2_truncate_blocks", "inode #%lu: cannot read indirect block %lu",
			   inode->i_ino, nr);
		return false;
	}
	for (i = 0; i < apb; i++)
		changed |= ext2_free_tree(inode, (__le32 *)bh->b_data + i, depth - 1,
					  base + i * child_span, from, run);
	if (base < from) {
		if (changed)
			mark_buffer_dirty_inode(bh, inode);
		brelse(bh);
		return false;
	}
	bforget(bh);
unhook:
	ext2_run_add(inode, run, nr);
	*p = 0;
	return true;
}

/* Does @inode's i_data hold a block map (not a fast symlink's text or a device)? */
static bool ext2_has_block_map(struct inode *inode)
{
	if (S_ISLNK(inode->i_mode))
		return !ext2_inode_is_fast_symlink(inode);
	return S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode);
}

/*
 * Frees every block of @inode past byte @offset, at every level of
 * indirection, and clears their pointers. The page cache must already be
 * cut (truncate_setsize). Takes truncate_mutex.
 */
void ext2_truncate_blocks(struct inode *inode, loff_t offset)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	u64 from = DIV_ROUND_UP((u64)offset, inode->i_sb->s_blocksize);
	u64 apb = ext2_addr_per_block(inode->i_sb);
	struct ext2_free_run run = { 0, 0 };
	int i;

	if (!ext2_has_block_map(inode))
		return;
	mutex_lock(&ei->truncate_mutex);
	for (i = 0; i < EXT2_NDIR_BLOCKS; i++)
		ext2_free_tree(inode, &ei->i_data[i], 0, i, from, &run);
	ext2_free_tree(inode, &ei->i_data[EXT2_IND_BLOCK], 1, EXT2_NDIR_BLOCKS, from, &run);
	ext2_free_tree(inode, &ei->i_data[EXT2_DIND_BLOCK], 2, EXT2_NDIR_BLOCKS + apb, from, &run);
	ext2_free_tree(inode, &ei->i_data[EXT2_TIND_BLOCK], 3, EXT2_NDIR_BLOCKS + apb + apb * apb,
		       from, &run);
	ext2_run_flush(inode, &run);
	ei->i_next_goal = 0;
	mutex_unlock(&ei->truncate_mutex);
	ext2_inode_dirty(inode);
}

/*
 * Drops @inode's hold on its xattr block (i_file_acl): the block header's
 * reference count (magic 0xEA020000 at byte 0, count at byte 4) goes
 * down, and the block is freed with the last one.
 */
static void ext2_drop_xattr_block(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct buffer_head *bh;
	__le32 *hdr;

	if (!ei->i_file_acl)
		return;
	if (!ext2_data_block_valid(inode->i_sb, ei->i_file_acl, 1) ||
	    !(bh = sb_bread(inode->i_sb, ei->i_file_acl))) {
		ext2_error(inode->i_sb, __func__, "inode #%lu: bad xattr block %u", inode->i_ino,
			   ei->i_file_acl);
		return;
	}
	hdr = (__le32 *)bh->b_data;
	if (le32_to_cpu(hdr[0]) == 0xEA020000 && le32_to_cpu(hdr[1]) > 1) {
		le32_add_cpu(&hdr[1], -1);
		mark_buffer_dirty(bh);
		inode->i_blocks -= inode->i_sb->s_blocksize >> 9;
		brelse(bh);
	} else {
		bforget(bh);
		ext2_free_blocks(inode, ei->i_file_acl, 1);
	}
	ei->i_file_acl = 0;
}

/*
 * evict_inode: the last reference is gone. The pages go; an unlinked
 * inode also loses its blocks, gets its deletion time and goes back to
 * the inode bitmap.
 */
void ext2_evict_inode(struct inode *inode)
{
	bool want_delete = !inode->i_nlink && inode->i_ino && !sb_rdonly(inode->i_sb);
	u32 now = ext2_get_seconds();

	truncate_inode_pages_final(&inode->i_data);
	if (want_delete) {
		EXT2_I(inode)->i_dtime = now ? now : 1;
		inode->i_size = 0;
		ext2_truncate_blocks(inode, 0);
		ext2_drop_xattr_block(inode);
		want_delete = !sb_rdonly(inode->i_sb);	/* not after an error on the way */
		if (want_delete)
			__ext2_write_inode(inode, inode->i_flags & S_SYNC);
	}
	invalidate_inode_buffers(inode);
	clear_inode(inode);
	if (want_delete)
		ext2_free_inode(inode);
}

/* ---- attributes ---- */

/* A new size: the tail of the last block zeroed, the cache cut, blocks past it freed. */
static int ext2_setsize(struct inode *inode, loff_t newsize)
{
	int err;

	if (!ext2_has_block_map(inode))
		return -EINVAL;
	if (newsize > inode->i_sb->s_maxbytes)
		return -EFBIG;
	if (newsize < inode->i_size) {
		err = block_truncate_page(inode->i_mapping, newsize, ext2_get_block);
		if (err)
			return err;
	}
	truncate_setsize(inode, newsize);
	ext2_truncate_blocks(inode, newsize);
	inode->i_mtime = inode->i_ctime = current_time(inode);
	if (inode->i_flags & S_SYNC)
		return __ext2_write_inode(inode, 1);
	mark_inode_dirty(inode);
	return 0;
}

/* setattr: permissions checked, then size (truncate or extend), then the rest. */
int ext2_setattr(struct dentry *dentry, struct iattr *iattr)
{
	struct inode *inode = d_inode(dentry);
	int err = setattr_prepare(dentry, iattr);

	if (err)
		return err;
	if (sb_rdonly(inode->i_sb))
		return -EROFS;
	if ((iattr->ia_valid & ATTR_SIZE) && iattr->ia_size != inode->i_size) {
		err = ext2_setsize(inode, iattr->ia_size);
		if (err)
			return err;
	}
	setattr_copy(inode, iattr);
	mark_inode_dirty(inode);
	return 0;
}

int ext2_getattr(const struct path *path, struct kstat *stat)
{
	generic_fillattr(d_inode(path->dentry), stat);
	return 0;
}

/* ---- address space operations ---- */

static int ext2_readpage(struct file *file, struct page *page)
{
	return mpage_readpage(page, ext2_get_block);
}

static int ext2_readpages(struct file *file, struct address_space *mapping,
			  struct list_head *pages, unsigned int nr_pages)
{
	return mpage_readpages(mapping, pages, nr_pages, ext2_get_block);
}

static int ext2_writepage(struct page *page, struct writeback_control *wbc)
{
	return block_write_full_page(page, ext2_get_block, wbc);
}

static int ext2_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	return mpage_writepages(mapping, wbc, ext2_get_block);
}

/* A write that failed may have allocated blocks past i_size: give them back. */
static void ext2_write_failed(struct address_space *mapping, loff_t to)
{
	struct inode *inode = mapping->host;

	if (to > inode->i_size) {
		truncate_pagecache(inode, inode->i_size);
		ext2_truncate_blocks(inode, inode->i_size);
	}
}

/* Seed 000: generic_perform_write -> ext2_write_begin -> block_write_begin(ext2_get_block). */
static int ext2_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
			    unsigned int len, unsigned int flags, struct page **pagep, void **fsdata)
{
	int ret = block_write_begin(mapping, pos, len, flags, pagep, ext2_get_block);

	if (ret < 0)
		ext2_write_failed(mapping, pos + len);
	return ret;
}

static int ext2_write_end(struct file *file, struct address_space *mapping, loff_t pos,
			  unsigned int len, unsigned int copied, struct page *page, void *fsdata)
{
	int ret = generic_write_end(file, mapping, pos, len, copied, page, fsdata);

	if (ret < (int)len)
		ext2_write_failed(mapping, pos + len);
	return ret;
}

static sector_t ext2_bmap(struct address_space *mapping, sector_t block)
{
	return generic_block_bmap(mapping, block, ext2_get_block);
}

static int ext2_releasepage(struct page *page, gfp_t gfp)
{
	return try_to_free_buffers(page);
}

const struct address_space_operations ext2_aops = {
	.readpage	= ext2_readpage,
	.readpages	= ext2_readpages,
	.writepage	= ext2_writepage,
	.writepages	= ext2_writepages,
	.write_begin	= ext2_write_begin,
	.write_end	= ext2_write_end,
	.bmap		= ext2_bmap,
	.set_page_dirty	= __set_page_dirty_buffers,
	.invalidatepage	= block_invalidatepage,
	.releasepage	= ext2_releasepage,
};
