/*
 * ext2 inode allocation: the inode bitmap of each group, its descriptor's
 * free-inode and used-directory counts and the fs-wide counters, kept
 * equal under s_lock. Placement is "Orlov-lite": a new directory goes to
 * a group with at least the average free inodes and blocks and the fewest
 * directories (spreading directories out); a file stays in its parent's
 * group, else a quadratic then linear search. Leaves out Orlov's debt
 * accounting and the top-level-directory special case.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/buffer_head.h>
#include "ext2.h"

/* Group @g's inode bitmap with a reference, or NULL after ext2_error. */
static struct buffer_head *ext2_read_inode_bitmap(struct super_block *sb, unsigned long g)
{
	struct ext2_group_desc *gdp = ext2_group_desc(sb, g, NULL);
	struct buffer_head *bh = sb_bread(sb, le32_to_cpu(gdp->bg_inode_bitmap));

	if (!bh)
		ext2_error(sb, __func__, "cannot read inode bitmap - block_group = %lu, inode_bitmap = %u",
			   g, le32_to_cpu(gdp->bg_inode_bitmap));
	return bh;
}

/* Adds to group @g's free-inode and used-dir counts and the fs's (s_lock held). */
static void ext2_group_adjust_inodes(struct super_block *sb, unsigned long g, int free_d, int dirs_d)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct buffer_head *bh;
	struct ext2_group_desc *gdp = ext2_group_desc(sb, g, &bh);

	le16_add_cpu(&gdp->bg_free_inodes_count, free_d);
	le16_add_cpu(&gdp->bg_used_dirs_count, dirs_d);
	sbi->s_free_inodes += free_d;
	sbi->s_dirs += dirs_d;
	mark_buffer_dirty(bh);
}

/*
 * A group for a new directory: among groups with at least the average
 * free inodes and free blocks, the one with the fewest directories; else
 * the one with the most free inodes. -1 if no group has a free inode.
 * s_lock held.
 */
static long find_group_dir(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long n = sbi->s_groups_count, g;
	unsigned long avefreei = sbi->s_free_inodes / n, avefreeb = sbi->s_free_blocks / n;
	long best = -1, fallback = -1;
	unsigned int best_dirs = ~0U, most_free = 0;

	for (g = 0; g < n; g++) {
		struct ext2_group_desc *gdp = ext2_group_desc(sb, g, NULL);
		unsigned int fi = le16_to_cpu(gdp->bg_free_inodes_count);
		unsigned int fb = le16_to_cpu(gdp->bg_free_blocks_count);
		unsigned int dirs = le16_to_cpu(gdp->bg_used_dirs_count);

		if (!fi)
			continue;
		if (fi > most_free) {
			most_free = fi;
			fallback = g;
		}
		if (fi >= avefreei && fb >= avefreeb && dirs < best_dirs) {
			best_dirs = dirs;
			best = g;
		}
	}
	return best >= 0 ? best : fallback;
}

/* Does group @g have a free inode (and, if @want_blocks, a free block)? */
static bool group_fits(struct super_block *sb, unsigned long g, bool want_blocks)
{
	struct ext2_group_desc *gdp = ext2_group_desc(sb, g, NULL);

	return le16_to_cpu(gdp->bg_free_inodes_count) &&
	       (!want_blocks || le16_to_cpu(gdp->bg_free_blocks_count));
}

/*
 * A group for a new file of a directory in group @parent: that group,
 * else groups at parent + 1, 2, 4, ... with inodes and blocks, else any
 * with a free inode. -1 if none. s_lock held.
 */
static long find_group_other(struct super_block *sb, unsigned long parent)
{
	unsigned long n = EXT2_SB(sb)->s_groups_count, j;

	if (group_fits(sb, parent, true))
		return parent;
	for (j = 1; j < n; j <<= 1)
		if (group_fits(sb, (parent + j) % n, true))
			return (parent + j) % n;
	for (j = 0; j < n; j++)
		if (group_fits(sb, (parent + j) % n, false))
			return (parent + j) % n;
	return -1;
}

/*
 * Takes a free inode of group @g in its bitmap: the inode number, or 0
 * (the bitmap disagrees with the count: reported). s_lock held.
 */
static unsigned long ext2_take_inode(struct super_block *sb, unsigned long g, bool is_dir)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long ipg = sbi->s_inodes_per_group;
	unsigned long start = g ? 0 : sbi->s_first_ino - 1, bit;
	struct buffer_head *bh = ext2_read_inode_bitmap(sb, g);

	if (!bh)
		return 0;
	if (ipg > sbi->s_inodes_count - g * ipg)
		ipg = sbi->s_inodes_count - g * ipg;
	bit = ext2_find_next_zero_bit(bh->b_data, ipg, start);
	if (bit >= ipg) {
		ext2_error(sb, __func__, "group %lu: free inodes count %u, but the bitmap has none", g,
			   le16_to_cpu(ext2_group_desc(sb, g, NULL)->bg_free_inodes_count));
		brelse(bh);
		return 0;
	}
	ext2_set_bit(bit, bh->b_data);
	mark_buffer_dirty(bh);
	brelse(bh);
	ext2_group_adjust_inodes(sb, g, -1, is_dir ? 1 : 0);
	return g * sbi->s_inodes_per_group + bit + 1;
}

/* Reserves an inode number for a new @mode in @dir: the number, or 0 (-ENOSPC / -EIO in *@err). */
static unsigned long ext2_alloc_ino(struct inode *dir, umode_t mode, unsigned long *group, int *err)
{
	struct super_block *sb = dir->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long ino = 0;
	long g;

	mutex_lock(&sbi->s_lock);
	g = S_ISDIR(mode) ? find_group_dir(sb) : find_group_other(sb, EXT2_I(dir)->i_block_group);
	if (g >= 0)
		ino = ext2_take_inode(sb, g, S_ISDIR(mode));
	mutex_unlock(&sbi->s_lock);
	*err = g < 0 ? -ENOSPC : -EIO;
	*group = g;
	return ino;
}

/*
 * A new inode of @mode in @dir: number taken from a bitmap, owner and
 * times set, hashed and dirty, its raw inode to be zeroed on the first
 * write. ERR_PTR(-ENOSPC) when the inode tables are full, -EROFS, -ENOMEM
 * or -EIO. The caller sets i_op/i_fop/a_ops and the link count.
 */
struct inode *ext2_new_inode(struct inode *dir, umode_t mode)
{
	struct super_block *sb = dir->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_inode_info *ei;
	unsigned long ino, group;
	struct inode *inode;
	int err;

	if (sb_rdonly(sb))
		return ERR_PTR(-EROFS);
	inode = new_inode(sb);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	ext2_fs_dirtied(sb);
	ino = ext2_alloc_ino(dir, mode, &group, &err);
	if (!ino) {
		iput(inode);
		return ERR_PTR(err);
	}
	ei = EXT2_I(inode);
	inode_init_owner(inode, dir, mode);
	inode->i_ino = ino;
	inode->i_blkbits = sb->s_blocksize_bits;
	inode->i_blocks = 0;
	inode->i_size = 0;
	inode->i_mtime = inode->i_atime = inode->i_ctime = current_time(inode);
	memset(ei->i_data, 0, sizeof(ei->i_data));
	ei->i_flags = 0;
	ei->i_faddr = ei->i_file_acl = ei->i_dir_acl = ei->i_dtime = 0;
	ei->i_block_group = group;
	ei->i_next_goal = 0;
	ei->i_state = EXT2_STATE_NEW;
	mutex_lock(&sbi->s_sb_mutex);
	inode->i_generation = sbi->s_next_generation++;
	mutex_unlock(&sbi->s_sb_mutex);
	ei->i_dir_checked = ei->i_dir_bad = ei->i_bad_block = 0;
	insert_inode_hash(inode);
	mark_inode_dirty(inode);
	return inode;
}

/*
 * The last link and reference of @inode are gone: its number goes back
 * to the bitmap and the counters (directories counted out). A number out
 * of range or already free is reported and left alone.
 */
void ext2_free_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long ino = inode->i_ino, g, bit;
	struct buffer_head *bh;

	if (sb_rdonly(sb))
		return;
	if (ino < sbi->s_first_ino || ino > sbi->s_inodes_count) {
		ext2_error(sb, __func__, "reserved or nonexistent inode %lu", ino);
		return;
	}
	g = (ino - 1) / sbi->s_inodes_per_group;
	bit = (ino - 1) % sbi->s_inodes_per_group;
	mutex_lock(&sbi->s_lock);
	bh = ext2_read_inode_bitmap(sb, g);
	if (bh && !ext2_test_bit(bit, bh->b_data)) {
		ext2_error(sb, __func__, "bit already cleared for inode %lu", ino);
	} else if (bh) {
		ext2_clear_bit(bit, bh->b_data);
		mark_buffer_dirty(bh);
		ext2_group_adjust_inodes(sb, g, 1, S_ISDIR(inode->i_mode) ? -1 : 0);
	}
	brelse(bh);
	mutex_unlock(&sbi->s_lock);
}
