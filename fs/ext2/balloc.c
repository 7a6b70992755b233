/*
 * ext2 block allocation: the block bitmap of each group (one bit a block,
 * bit 0 of byte 0 first), its descriptor's free count and the fs-wide
 * counter, kept equal under s_lock; backup superblock placement
 * (sparse_super). Allocation starts at a goal (next to the file's last
 * block, else in the inode's group) and walks the groups from there.
 * Leaves out: preallocation and reservation windows, multi-block requests.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/buffer_head.h>
#include <linux/cred.h>
#include "ext2.h"

/* ---- little-endian bitmaps: bit @nr is bit nr % 8 of byte nr / 8 ---- */

void ext2_set_bit(unsigned long nr, void *addr)
{
	((u8 *)addr)[nr / 8] |= 1U << (nr % 8);
}

void ext2_clear_bit(unsigned long nr, void *addr)
{
	((u8 *)addr)[nr / 8] &= ~(1U << (nr % 8));
}

int ext2_test_bit(unsigned long nr, const void *addr)
{
	return (((const u8 *)addr)[nr / 8] >> (nr % 8)) & 1;
}

/* The first clear bit at or after @off below @size, or @size if none. */
unsigned long ext2_find_next_zero_bit(const void *addr, unsigned long size, unsigned long off)
{
	const u8 *p = addr;

	while (off < size) {
		if (!(off % 8) && p[off / 8] == 0xff) {
			off += 8;
			continue;
		}
		if (!ext2_test_bit(off, p))
			return off;
		off++;
	}
	return size;
}

/*
 * A block bitmap is checked against the group's metadata once, when it is
 * read (Linux's buffer_verified): BH_PrivateStart marks a checked buffer.
 */
static bool test_bit_bh_verified(const struct buffer_head *bh)
{
	return (READ_ONCE(bh->b_state) >> BH_PrivateStart) & 1;
}

static void set_bit_bh_verified(struct buffer_head *bh)
{
	__atomic_fetch_or(&bh->b_state, 1UL << BH_PrivateStart, __ATOMIC_RELAXED);
}

/* ---- where the metadata is ---- */

/* Is @a a power of @b (1 included)? */
static bool ext2_is_power_of(unsigned long a, unsigned long b)
{
	while (a > 1 && a % b == 0)
		a /= b;
	return a == 1;
}

/* Does @group hold a superblock copy? All do, or with sparse_super 0, 1 and powers of 3, 5, 7. */
int ext2_bg_has_super(struct super_block *sb, unsigned long group)
{
	struct ext2_super_block *es = EXT2_SB(sb)->s_es;

	if (le32_to_cpu(es->s_rev_level) == EXT2_GOOD_OLD_REV ||
	    !(le32_to_cpu(es->s_feature_ro_compat) & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return 1;
	if (group <= 1)
		return 1;
	return ext2_is_power_of(group, 3) || ext2_is_power_of(group, 5) ||
	       ext2_is_power_of(group, 7);
}

/* Descriptor blocks copied in @group (all of them with a superblock copy). */
unsigned long ext2_bg_num_gdb(struct super_block *sb, unsigned long group)
{
	return ext2_bg_has_super(sb, group) ? EXT2_SB(sb)->s_gdb_count : 0;
}

/* Do [@start, @start+@len) and [@m, @m+@mlen) overlap? */
static bool ext2_overlaps(unsigned long start, unsigned long len, unsigned long m,
			  unsigned long mlen)
{
	return start < m + mlen && m < start + len;
}

/* Does the run hit group @g's superblock copy, descriptors, bitmaps or inode table? */
static bool ext2_hits_group_meta(struct super_block *sb, unsigned long g,
				 unsigned long start, unsigned long count)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_group_desc *gdp = ext2_group_desc(sb, g, NULL);
	unsigned long first = ext2_group_first_block_no(sb, g);

	if (ext2_bg_has_super(sb, g) &&
	    ext2_overlaps(start, count, first, 1 + ext2_bg_num_gdb(sb, g) +
			  le16_to_cpu(sbi->s_es->s_reserved_gdt_blocks)))
		return true;
	return ext2_overlaps(start, count, le32_to_cpu(gdp->bg_block_bitmap), 1) ||
	       ext2_overlaps(start, count, le32_to_cpu(gdp->bg_inode_bitmap), 1) ||
	       ext2_overlaps(start, count, le32_to_cpu(gdp->bg_inode_table), sbi->s_itb_per_group);
}

/*
 * May blocks @start..@start+@count-1 hold file data or indirect blocks?
 * Not if they are outside the data area or hit the fs's own metadata
 * (without flex_bg only the groups they lie in can have it there).
 */
int ext2_data_block_valid(struct super_block *sb, unsigned long start, unsigned long count)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long g, g0 = 0, g1 = sbi->s_groups_count - 1;

	if (start < sbi->s_first_data_block || count > sbi->s_blocks_count ||
	    start > sbi->s_blocks_count - count || !count)
		return 0;
	if (!sbi->s_flex_bg) {
		g0 = (start - sbi->s_first_data_block) / sbi->s_blocks_per_group;
		g1 = (start + count - 1 - sbi->s_first_data_block) / sbi->s_blocks_per_group;
	}
	for (g = g0; g <= g1; g++)
		if (ext2_hits_group_meta(sb, g, start, count))
			return 0;
	return 1;
}

/* ---- the block bitmap ---- */

/* The blocks of group @g: the last group may be short. */
static unsigned long ext2_group_blocks(struct ext2_sb_info *sbi, unsigned long g)
{
	if (g == sbi->s_groups_count - 1)
		return sbi->s_blocks_count - sbi->s_first_data_block - g * sbi->s_blocks_per_group;
	return sbi->s_blocks_per_group;
}

/* Is block @b of the fs, if it lies in group @g, marked in use in @bitmap? */
static bool ext2_marked_if_here(struct super_block *sb, unsigned long g, const void *bitmap,
				unsigned long b)
{
	unsigned long first = ext2_group_first_block_no(sb, g);

	if (b < first || b >= first + ext2_group_blocks(EXT2_SB(sb), g))
		return true;
	return ext2_test_bit(b - first, bitmap);
}

/*
 * Group @g's block bitmap, read and checked (its own bitmaps and inode
 * table, where they lie in the group, must be marked in use): the buffer
 * with a reference, or NULL after one ext2_error. s_lock held.
 */
static struct buffer_head *ext2_read_block_bitmap(struct super_block *sb, unsigned long g)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_group_desc *gdp = ext2_group_desc(sb, g, NULL);
	unsigned long bb = le32_to_cpu(gdp->bg_block_bitmap);
	unsigned long it = le32_to_cpu(gdp->bg_inode_table), i;
	struct buffer_head *bh = sb_bread(sb, bb);

	if (!bh) {
		ext2_error(sb, __func__, "cannot read block bitmap - block_group = %lu, block_bitmap = %lu",
			   g, bb);
		return NULL;
	}
	if (test_bit_bh_verified(bh))
		return bh;	/* checked when it was read; only ext2 has changed it since */
	if (!ext2_marked_if_here(sb, g, bh->b_data, bb) ||
	    !ext2_marked_if_here(sb, g, bh->b_data, le32_to_cpu(gdp->bg_inode_bitmap)))
		goto bad;
	for (i = 0; i < sbi->s_itb_per_group; i++)
		if (!ext2_marked_if_here(sb, g, bh->b_data, it + i))
			goto bad;
	set_bit_bh_verified(bh);
	return bh;
bad:
	ext2_error(sb, __func__, "invalid block bitmap - block_group = %lu, block = %lu", g, bb);
	brelse(bh);
	return NULL;
}

/* Adds @delta to group @g's free block count and the fs's (s_lock held). */
static void ext2_group_adjust_blocks(struct super_block *sb, unsigned long g, long delta)
{
	struct buffer_head *bh;
	struct ext2_group_desc *gdp = ext2_group_desc(sb, g, &bh);

	le16_add_cpu(&gdp->bg_free_blocks_count, delta);
	EXT2_SB(sb)->s_free_blocks += delta;
	mark_buffer_dirty(bh);
}

/*
 * Is there a block the caller may take? The last s_r_blocks_count are
 * for root (and s_resuid / s_resgid), as on Linux; until user space every
 * task is root (linux/cred.h), so all of them can be used.
 */
static bool ext2_has_free_blocks(struct ext2_sb_info *sbi)
{
	bool may_use_reserved = fsuid_is_root() || current_fsuid() == sbi->s_resuid ||
				(sbi->s_resgid && current_fsgid() == sbi->s_resgid);

	if (sbi->s_free_blocks <= sbi->s_r_blocks_count && !may_use_reserved)
		return false;
	return sbi->s_free_blocks > 0;
}

/*
 * Takes a free block of group @g, at @start or after (then from the
 * group's start): its number, or 0 if the group has none. s_lock held.
 * *@err = -EIO when the bitmap is unreadable or damaged (after ext2_error).
 */
static unsigned long ext2_alloc_in_group(struct super_block *sb, unsigned long g,
					 unsigned long start, int *err)
{
	struct buffer_head *bh;
	unsigned long n = ext2_group_blocks(EXT2_SB(sb), g), bit, block;
	struct ext2_group_desc *gdp = ext2_group_desc(sb, g, NULL);

	if (!le16_to_cpu(gdp->bg_free_blocks_count))
		return 0;
	bh = ext2_read_block_bitmap(sb, g);
	if (!bh) {
		*err = -EIO;
		return 0;
	}
	bit = ext2_find_next_zero_bit(bh->b_data, n, start);
	if (bit >= n)
		bit = ext2_find_next_zero_bit(bh->b_data, n, 0);
	if (bit >= n) {
		ext2_error(sb, __func__, "group %lu: free blocks count %u, but the bitmap has none",
			   g, le16_to_cpu(gdp->bg_free_blocks_count));
		brelse(bh);
		return 0;
	}
	block = ext2_group_first_block_no(sb, g) + bit;
	if (!ext2_data_block_valid(sb, block, 1)) {
		ext2_error(sb, __func__, "allocating block in system zone - block = %lu", block);
		brelse(bh);
		*err = -EIO;
		return 0;
	}
	ext2_set_bit(bit, bh->b_data);
	mark_buffer_dirty(bh);
	brelse(bh);
	ext2_group_adjust_blocks(sb, g, -1);
	return block;
}

/*
 * Allocates one block for @inode near @goal (0 or out of range: the
 * inode's group) and charges it to i_blocks. Returns the block, or 0 with
 * *@err = -ENOSPC (none left), -EROFS or -EIO. May sleep.
 */
unsigned long ext2_new_block(struct inode *inode, unsigned long goal, int *err)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long group, off, i, block = 0;

	*err = -EROFS;
	if (sb_rdonly(sb))
		return 0;
	ext2_fs_dirtied(sb);
	if (goal < sbi->s_first_data_block || goal >= sbi->s_blocks_count)
		goal = ext2_group_first_block_no(sb, EXT2_I(inode)->i_block_group);
	group = (goal - sbi->s_first_data_block) / sbi->s_blocks_per_group;
	off = (goal - sbi->s_first_data_block) % sbi->s_blocks_per_group;
	*err = 0;
	mutex_lock(&sbi->s_lock);
	if (ext2_has_free_blocks(sbi)) {
		for (i = 0; i < sbi->s_groups_count && !block && !*err; i++)
			block = ext2_alloc_in_group(sb, (group + i) % sbi->s_groups_count,
						    i ? 0 : off, err);
	}
	mutex_unlock(&sbi->s_lock);
	if (!block) {
		*err = *err ? *err : -ENOSPC;
		return 0;
	}
	inode->i_blocks += sb->s_blocksize >> 9;
	ext2_inode_dirty(inode);
	return block;
}

/*
 * Frees @count blocks from @block on, in their bitmaps, and takes them off
 * @inode's i_blocks. A run outside the data area is reported and left
 * alone; a block already free is reported and ends the freeing (the fs is
 * damaged). Nothing on a read-only fs.
 */
void ext2_free_blocks(struct inode *inode, unsigned long block, unsigned long count)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long freed = 0;
	bool bad = false;

	if (sb_rdonly(sb) || !count)
		return;
	if (!ext2_data_block_valid(sb, block, count)) {
		ext2_error(sb, __func__, "freeing blocks not in datazone - block = %lu, count = %lu",
			   block, count);
		return;
	}
	ext2_fs_dirtied(sb);
	mutex_lock(&sbi->s_lock);
	while (count && !bad) {
		unsigned long g = (block - sbi->s_first_data_block) / sbi->s_blocks_per_group;
		unsigned long bit = (block - sbi->s_first_data_block) % sbi->s_blocks_per_group;
		unsigned long n = min(count, sbi->s_blocks_per_group - bit), i, here = 0;
		struct buffer_head *bh = ext2_read_block_bitmap(sb, g);

		if (!bh)
			break;
		for (i = 0; i < n && !bad; i++) {
			bad = !ext2_test_bit(bit + i, bh->b_data);
			if (bad) {
				ext2_error(sb, __func__, "bit already cleared for block %lu", block + i);
				break;
			}
			ext2_clear_bit(bit + i, bh->b_data);
			here++;
		}
		mark_buffer_dirty(bh);
		brelse(bh);
		ext2_group_adjust_blocks(sb, g, here);
		freed += here;
		block += n;
		count -= n;
	}
	mutex_unlock(&sbi->s_lock);
	inode->i_blocks -= freed * (sb->s_blocksize >> 9);
	ext2_inode_dirty(inode);
}
