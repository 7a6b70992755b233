/*
 * ext2's super block: mount (reading and checking the superblock and the
 * group descriptors against the ext2 format), the clean/not-clean state,
 * errors (ext2_error: mark EXT2_ERROR_FS, then errors=continue|remount-ro|
 * panic), sync, statfs, remount, umount and register_filesystem("ext2").
 * Leaves out: quotas, xattrs/ACLs, the sb= option, META_BG, online resize.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/buffer_head.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/seq_buf.h>
#include <linux/genhd.h>
#include <stdarg.h>
#include "ext2.h"

static const struct super_operations ext2_sops;
static struct kmem_cache *ext2_inode_cachep;

/* ---- messages and errors ---- */

/* Prints "EXT2-fs (dev): <message>" at @level (KERN_CRIT, KERN_ERR or KERN_WARNING). */
void ext2_msg(struct super_block *sb, const char *level, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (!strcmp(level, KERN_CRIT))
		printk(KERN_CRIT "EXT2-fs (%s): %s\n", sb->s_id, buf);
	else if (!strcmp(level, KERN_ERR))
		pr_err("EXT2-fs (%s): %s\n", sb->s_id, buf);
	else
		pr_warn("EXT2-fs (%s): %s\n", sb->s_id, buf);
}

/* Writes the superblock buffer now (s_sb_mutex held); 0 or -EIO. */
static int ext2_sync_super_locked(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	sbi->s_es->s_wtime = cpu_to_le32(ext2_get_seconds());
	mark_buffer_dirty(sbi->s_sbh);
	return sync_dirty_buffer(sbi->s_sbh);
}

/*
 * Reports an inconsistency found in @function: one line "EXT2-fs error
 * (device vda2): function: ...". A writable fs gets EXT2_ERROR_FS in its
 * superblock (written at once), then errors= decides: continue, remount
 * read-only (the default) or panic (asked for by the user). A read-only
 * mount writes nothing. May sleep; callers may hold s_lock.
 */
void ext2_error(struct super_block *sb, const char *function, const char *fmt, ...)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_CRIT "EXT2-fs error (device %s): %s: %s\n", sb->s_id, function, buf);
	if (sb_rdonly(sb))
		return;
	mutex_lock(&sbi->s_sb_mutex);
	sbi->s_mount_state |= EXT2_ERROR_FS;
	sbi->s_es->s_state |= cpu_to_le16(EXT2_ERROR_FS);
	ext2_sync_super_locked(sb);
	mutex_unlock(&sbi->s_sb_mutex);
	if (sbi->s_mount_opt & EXT2_MOUNT_ERRORS_PANIC)
		panic("EXT2-fs (%s): panic forced after error (errors=panic)", sb->s_id);
	if (sbi->s_mount_opt & EXT2_MOUNT_ERRORS_RO) {
		ext2_msg(sb, KERN_CRIT, "error: remounting filesystem read-only");
		sb->s_flags |= SB_RDONLY;
	}
}

/*
 * Something on a writable fs is about to change: the first change after
 * mount or after a sync that left the disk clean writes s_state without
 * EXT2_VALID_FS, before the change can reach the disk. Sleeps; call
 * without s_sb_mutex.
 */
void ext2_fs_dirtied(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (READ_ONCE(sbi->s_disk_dirty) || sb_rdonly(sb))
		return;
	mutex_lock(&sbi->s_sb_mutex);
	if (!sbi->s_disk_dirty) {
		sbi->s_es->s_state &= cpu_to_le16(~EXT2_VALID_FS);
		ext2_sync_super_locked(sb);
		sbi->s_disk_dirty = true;
	}
	mutex_unlock(&sbi->s_sb_mutex);
}

/* ---- counters and the superblock on disk ---- */

/* Copies the exact counters into the superblock buffer (s_sb_mutex held). */
static void ext2_update_counters(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->s_es;

	mutex_lock(&sbi->s_lock);
	es->s_free_blocks_count = cpu_to_le32(sbi->s_free_blocks);
	es->s_free_inodes_count = cpu_to_le32(sbi->s_free_inodes);
	mutex_unlock(&sbi->s_lock);
}

/*
 * sync_fs: the counters go into the superblock. With @wait (the final pass
 * of sync_filesystem, after the inodes), the metadata buffers are written
 * first and then the superblock says clean if no error was seen: the disk
 * is consistent until the next change (ext2_fs_dirtied).
 */
static int ext2_sync_fs(struct super_block *sb, int wait)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	int err = 0;

	if (sb_rdonly(sb))
		return 0;
	if (wait)
		err = sync_blockdev(sb->s_bdev);
	mutex_lock(&sbi->s_sb_mutex);
	ext2_update_counters(sb);
	if (wait && !err && !(sbi->s_mount_state & EXT2_ERROR_FS)) {
		sbi->s_es->s_state |= cpu_to_le16(EXT2_VALID_FS);
		sbi->s_disk_dirty = false;
	}
	if (wait) {
		int e = ext2_sync_super_locked(sb);

		err = err ? err : e;
	} else {
		mark_buffer_dirty(sbi->s_sbh);
	}
	mutex_unlock(&sbi->s_sb_mutex);
	return err;
}

/* Leaves a writable fs as the format wants it unmounted: counters, s_state = the mount state. */
static void ext2_write_clean_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	sync_blockdev(sb->s_bdev);
	mutex_lock(&sbi->s_sb_mutex);
	ext2_update_counters(sb);
	sbi->s_es->s_state = cpu_to_le16(sbi->s_mount_state);
	sbi->s_disk_dirty = false;
	ext2_sync_super_locked(sb);
	mutex_unlock(&sbi->s_sb_mutex);
}

/*
 * A read-write mount begins: warn about an unchecked or damaged fs, count
 * the mount, stamp s_mtime and mark the fs not clean on disk.
 */
static void ext2_setup_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->s_es;

	if (!(sbi->s_mount_state & EXT2_VALID_FS))
		ext2_msg(sb, KERN_WARNING, "warning: mounting unchecked fs, running e2fsck is recommended");
	else if (sbi->s_mount_state & EXT2_ERROR_FS)
		ext2_msg(sb, KERN_WARNING, "warning: mounting fs with errors, running e2fsck is recommended");
	mutex_lock(&sbi->s_sb_mutex);
	if (!le16_to_cpu(es->s_max_mnt_count))
		es->s_max_mnt_count = cpu_to_le16((u16)-1);
	le16_add_cpu(&es->s_mnt_count, 1);
	es->s_mtime = cpu_to_le32(ext2_get_seconds());
	es->s_state &= cpu_to_le16(~EXT2_VALID_FS);
	sbi->s_disk_dirty = true;
	ext2_sync_super_locked(sb);
	mutex_unlock(&sbi->s_sb_mutex);
}

/* ---- inodes of this fs ---- */

/* alloc_inode: an ext2_inode_info from the cache, its vfs inode initialized. */
static struct inode *ext2_alloc_inode(struct super_block *sb)
{
	struct ext2_inode_info *ei = kmem_cache_alloc(ext2_inode_cachep, GFP_NOFS);

	if (!ei)
		return NULL;
	memset(ei, 0, offsetof(struct ext2_inode_info, vfs_inode));
	mutex_init(&ei->truncate_mutex);
	inode_init_once(&ei->vfs_inode);
	return &ei->vfs_inode;
}

static void ext2_destroy_inode(struct inode *inode)
{
	kmem_cache_free(ext2_inode_cachep, EXT2_I(inode));
}

/* ---- umount, statfs, options, remount ---- */

static void ext2_free_sbi(struct super_block *sb);

/* put_super: a writable fs is left clean (or with its error bit); buffers released. */
static void ext2_put_super(struct super_block *sb)
{
	if (!sb_rdonly(sb))
		ext2_write_clean_super(sb);
	ext2_free_sbi(sb);
}

/*
 * Blocks the fs itself uses, as "df" subtracts them (the BSD way): the
 * blocks before the first group, and in each group its superblock and
 * descriptor copies (reserved GDT blocks included), bitmaps, inode table.
 */
static unsigned long ext2_overhead(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long g, n = sbi->s_first_data_block;
	unsigned long rsv = le16_to_cpu(sbi->s_es->s_reserved_gdt_blocks);

	for (g = 0; g < sbi->s_groups_count; g++) {
		if (ext2_bg_has_super(sb, g))
			n += 1 + ext2_bg_num_gdb(sb, g) + rsv;
		n += 2 + sbi->s_itb_per_group;
	}
	return n < sbi->s_blocks_count ? n : sbi->s_blocks_count;
}

static int ext2_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	struct super_block *sb = dentry->d_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	const u32 *uuid = (const u32 *)sbi->s_es->s_uuid;

	memset(buf, 0, sizeof(*buf));
	buf->f_type = EXT2_SUPER_MAGIC;
	buf->f_bsize = sb->s_blocksize;
	buf->f_frsize = sb->s_blocksize;
	buf->f_blocks = sbi->s_blocks_count - ext2_overhead(sb);
	mutex_lock(&sbi->s_lock);
	buf->f_bfree = sbi->s_free_blocks;
	buf->f_ffree = sbi->s_free_inodes;
	mutex_unlock(&sbi->s_lock);
	buf->f_bavail = buf->f_bfree > sbi->s_r_blocks_count ? buf->f_bfree - sbi->s_r_blocks_count : 0;
	buf->f_files = sbi->s_inodes_count;
	buf->f_namelen = EXT2_NAME_LEN;
	buf->f_fsid = (u64)(uuid[0] ^ uuid[1]) | (u64)(uuid[2] ^ uuid[3]) << 32;
	return 0;
}

/*
 * Parses the mount options: errors=continue|remount-ro|panic (a later one
 * wins). 0, or -EINVAL with a message naming the unknown option.
 */
static int parse_options(struct super_block *sb, char *data, unsigned long *opt)
{
	char *p;

	while (data && (p = strsep(&data, ",")) != NULL) {
		unsigned long e = 0;

		if (!*p)
			continue;
		if (!strcmp(p, "errors=continue"))
			e = EXT2_MOUNT_ERRORS_CONT;
		else if (!strcmp(p, "errors=remount-ro"))
			e = EXT2_MOUNT_ERRORS_RO;
		else if (!strcmp(p, "errors=panic"))
			e = EXT2_MOUNT_ERRORS_PANIC;
		if (!e) {
			ext2_msg(sb, KERN_ERR, "error: unrecognized mount option \"%s\"", p);
			return -EINVAL;
		}
		*opt = (*opt & ~EXT2_MOUNT_ERRORS_MASK) | e;
	}
	return 0;
}

/*
 * The errors= default before options: remount-ro, or panic if the
 * superblock's s_errors asks for it. (mke2fs writes "continue" there by
 * default; rivet still remounts read-only unless errors=continue is
 * given, so a damaged fs is not written to further.)
 */
static unsigned long ext2_default_errors(const struct ext2_super_block *es)
{
	if (le16_to_cpu(es->s_errors) == EXT2_ERRORS_PANIC)
		return EXT2_MOUNT_ERRORS_PANIC;
	return EXT2_MOUNT_ERRORS_RO;
}

static void ext2_show_options(struct seq_buf *s, struct dentry *root)
{
	unsigned long opt = EXT2_SB(root->d_sb)->s_mount_opt;

	if (opt & EXT2_MOUNT_ERRORS_CONT)
		seq_buf_puts(s, ",errors=continue");
	else if (opt & EXT2_MOUNT_ERRORS_PANIC)
		seq_buf_puts(s, ",errors=panic");
	else
		seq_buf_puts(s, ",errors=remount-ro");
}

/*
 * Why @sb may not be written (a message says so), or 0: unknown ro_compat
 * features, or a journal ext2 would not keep consistent.
 */
static int ext2_check_rw_features(struct super_block *sb, const struct ext2_super_block *es)
{
	u32 ro = le32_to_cpu(es->s_feature_ro_compat) & ~EXT2_FEATURE_RO_COMPAT_SUPP;

	if (le32_to_cpu(es->s_rev_level) == EXT2_GOOD_OLD_REV)
		return 0;
	if (ro) {
		ext2_msg(sb, KERN_WARNING,
			 "mounting read-only because of unsupported optional features (%x)", ro);
		return -EROFS;
	}
	if (le32_to_cpu(es->s_feature_compat) & EXT2_FEATURE_COMPAT_HAS_JOURNAL) {
		ext2_msg(sb, KERN_WARNING,
			 "mounting read-only: the fs has a journal (ext3/ext4), which ext2 would not keep");
		return -EROFS;
	}
	return 0;
}

/*
 * remount_fs: new options; read-only -> write (features allowing) or
 * write -> read-only (the disk left clean, as at umount).
 */
static int ext2_remount(struct super_block *sb, int *flags, char *data)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long opt = sbi->s_mount_opt;
	int err = parse_options(sb, data, &opt);

	if (err)
		return err;
	if ((*flags & SB_RDONLY) && !sb_rdonly(sb)) {
		ext2_write_clean_super(sb);
	} else if (!(*flags & SB_RDONLY) && sb_rdonly(sb)) {
		if (ext2_check_rw_features(sb, sbi->s_es))
			return -EROFS;
		sb->s_flags &= ~SB_RDONLY;
		ext2_setup_super(sb);
	}
	sbi->s_mount_opt = opt;
	return 0;
}

/* ---- mount ---- */

/* Where the superblock is with @blocksize: block number and byte offset in it. */
static void ext2_sb_location(unsigned long blocksize, unsigned long *block, unsigned long *offset)
{
	*block = EXT2_SB_OFFSET / blocksize;
	*offset = EXT2_SB_OFFSET % blocksize;
}

/*
 * Reads the superblock with the device's block size set to @blocksize:
 * 0 with s_sbh and s_es set, -EIO (unreadable) or -EINVAL (no ext2 magic;
 * a message unless @silent).
 */
static int ext2_read_super_block(struct super_block *sb, unsigned long blocksize, int silent)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long block, offset;
	struct buffer_head *bh;

	ext2_sb_location(blocksize, &block, &offset);
	bh = sb_bread(sb, block);
	if (!bh) {
		ext2_msg(sb, KERN_ERR, "error: unable to read superblock");
		return -EIO;
	}
	sbi->s_sbh = bh;
	sbi->s_es = (struct ext2_super_block *)(bh->b_data + offset);
	if (le16_to_cpu(sbi->s_es->s_magic) != EXT2_SUPER_MAGIC) {
		if (!silent)
			ext2_msg(sb, KERN_ERR, "error: can't find an ext2 filesystem on dev %s.", sb->s_id);
		return -EINVAL;
	}
	return 0;
}

/* The incompatible features: 0, or -EINVAL with the message naming the unknown bits. */
static int ext2_check_features(struct super_block *sb, const struct ext2_super_block *es)
{
	u32 in;

	if (le32_to_cpu(es->s_rev_level) > EXT2_DYNAMIC_REV) {
		ext2_msg(sb, KERN_ERR, "error: revision level %u too high", le32_to_cpu(es->s_rev_level));
		return -EINVAL;
	}
	if (le32_to_cpu(es->s_rev_level) == EXT2_GOOD_OLD_REV)
		return 0;
	in = le32_to_cpu(es->s_feature_incompat) & ~EXT2_FEATURE_INCOMPAT_SUPP;
	if (in) {
		ext2_msg(sb, KERN_ERR, "couldn't mount because of unsupported optional features (%x)", in);
		return -EINVAL;
	}
	return 0;
}

/* Complains about a bad superblock field; returns -EUCLEAN for the caller's return. */
static int ext2_bad_geometry(struct super_block *sb, const char *what, unsigned long v)
{
	ext2_msg(sb, KERN_ERR, "error: corrupt superblock: %s (%lu)", what, v);
	return -EUCLEAN;
}

/* The per-revision fields: inode size and first inode, checked. */
static int ext2_fill_rev_fields(struct super_block *sb, const struct ext2_super_block *es)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (le32_to_cpu(es->s_rev_level) == EXT2_GOOD_OLD_REV) {
		sbi->s_inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		sbi->s_first_ino = EXT2_GOOD_OLD_FIRST_INO;
		sbi->s_has_filetype = false;
		sbi->s_flex_bg = false;
		return 0;
	}
	sbi->s_inode_size = le16_to_cpu(es->s_inode_size);
	sbi->s_first_ino = le32_to_cpu(es->s_first_ino);
	sbi->s_has_filetype = le32_to_cpu(es->s_feature_incompat) & EXT2_FEATURE_INCOMPAT_FILETYPE;
	sbi->s_flex_bg = le32_to_cpu(es->s_feature_incompat) & EXT4_FEATURE_INCOMPAT_FLEX_BG;
	if (sbi->s_inode_size < EXT2_GOOD_OLD_INODE_SIZE || sbi->s_inode_size > sb->s_blocksize ||
	    (sbi->s_inode_size & (sbi->s_inode_size - 1)))
		return ext2_bad_geometry(sb, "inode size", sbi->s_inode_size);
	if (sbi->s_first_ino < EXT2_GOOD_OLD_FIRST_INO ||
	    sbi->s_first_ino > le32_to_cpu(es->s_inodes_count))
		return ext2_bad_geometry(sb, "first inode", sbi->s_first_ino);
	return 0;
}

/* Block and inode counts, groups and their sizes: 0 or -EUCLEAN with a message. */
static int ext2_fill_geometry(struct super_block *sb, const struct ext2_super_block *es)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long bits = sb->s_blocksize * 8;
	u64 dev_blocks = sb->s_bdev->bd_part ? sb->s_bdev->bd_part->nr_sects :
			 get_capacity(sb->s_bdev->bd_disk);

	dev_blocks >>= sb->s_blocksize_bits - 9;
	sbi->s_blocks_count = le32_to_cpu(es->s_blocks_count);
	sbi->s_inodes_count = le32_to_cpu(es->s_inodes_count);
	sbi->s_r_blocks_count = le32_to_cpu(es->s_r_blocks_count);
	sbi->s_first_data_block = le32_to_cpu(es->s_first_data_block);
	sbi->s_blocks_per_group = le32_to_cpu(es->s_blocks_per_group);
	sbi->s_inodes_per_group = le32_to_cpu(es->s_inodes_per_group);
	if (le32_to_cpu(es->s_log_frag_size) != le32_to_cpu(es->s_log_block_size))
		return ext2_bad_geometry(sb, "fragment size differs from block size",
					 1024UL << (le32_to_cpu(es->s_log_frag_size) & 31));
	if (!sbi->s_blocks_per_group || sbi->s_blocks_per_group > bits)
		return ext2_bad_geometry(sb, "blocks per group", sbi->s_blocks_per_group);
	if (!sbi->s_inodes_per_group || sbi->s_inodes_per_group > bits)
		return ext2_bad_geometry(sb, "inodes per group", sbi->s_inodes_per_group);
	if (sbi->s_blocks_count > dev_blocks)
		return ext2_bad_geometry(sb, "block count exceeds the device's size", sbi->s_blocks_count);
	if (sbi->s_first_data_block >= sbi->s_blocks_count || sbi->s_first_data_block > 1)
		return ext2_bad_geometry(sb, "first data block", sbi->s_first_data_block);
	sbi->s_groups_count = DIV_ROUND_UP(sbi->s_blocks_count - sbi->s_first_data_block,
					   sbi->s_blocks_per_group);
	if (sbi->s_inodes_count > (u64)sbi->s_groups_count * sbi->s_inodes_per_group ||
	    sbi->s_inodes_count < sbi->s_first_ino)
		return ext2_bad_geometry(sb, "inode count", sbi->s_inodes_count);
	if (le32_to_cpu(es->s_free_blocks_count) > sbi->s_blocks_count)
		return ext2_bad_geometry(sb, "free blocks count out of range",
					 le32_to_cpu(es->s_free_blocks_count));
	if (le32_to_cpu(es->s_free_inodes_count) > sbi->s_inodes_count)
		return ext2_bad_geometry(sb, "free inodes count out of range",
					 le32_to_cpu(es->s_free_inodes_count));
	if (sbi->s_r_blocks_count > sbi->s_blocks_count)
		return ext2_bad_geometry(sb, "reserved blocks count", sbi->s_r_blocks_count);
	sbi->s_inodes_per_block = sb->s_blocksize / sbi->s_inode_size;
	sbi->s_itb_per_group = DIV_ROUND_UP(sbi->s_inodes_per_group, sbi->s_inodes_per_block);
	sbi->s_desc_per_block = sb->s_blocksize / sizeof(struct ext2_group_desc);
	sbi->s_gdb_count = DIV_ROUND_UP(sbi->s_groups_count, sbi->s_desc_per_block);
	sbi->s_addr_per_block_bits = sb->s_blocksize_bits - 2;
	return 0;
}

/* The blocks of group @g: the last group may be short. */
static unsigned long ext2_blocks_in_group(struct ext2_sb_info *sbi, unsigned long g)
{
	if (g == sbi->s_groups_count - 1)
		return sbi->s_blocks_count - sbi->s_first_data_block - g * sbi->s_blocks_per_group;
	return sbi->s_blocks_per_group;
}

/* Is metadata block @b where group @g may keep it (its own group, or anywhere with flex_bg)? */
static bool ext2_meta_in_place(struct super_block *sb, unsigned long g, unsigned long b,
			       unsigned long len)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long first = ext2_group_first_block_no(sb, g);
	unsigned long last = first + ext2_blocks_in_group(sbi, g);

	if (sbi->s_flex_bg) {
		first = sbi->s_first_data_block;
		last = sbi->s_blocks_count;
	}
	return b >= first && b < last && len <= last - b;
}

/*
 * Checks every group descriptor: bitmaps and inode table inside the fs
 * (inside the group without flex_bg), counts within the group's size.
 * Sums the counters. 0, or -EUCLEAN with one message naming the group.
 */
static int ext2_check_descriptors(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long g;

	sbi->s_free_blocks = sbi->s_free_inodes = sbi->s_dirs = 0;
	for (g = 0; g < sbi->s_groups_count; g++) {
		struct ext2_group_desc *gdp = ext2_group_desc(sb, g, NULL);
		const char *bad = NULL;

		if (!ext2_meta_in_place(sb, g, le32_to_cpu(gdp->bg_block_bitmap), 1))
			bad = "block bitmap not in group";
		else if (!ext2_meta_in_place(sb, g, le32_to_cpu(gdp->bg_inode_bitmap), 1))
			bad = "inode bitmap not in group";
		else if (!ext2_meta_in_place(sb, g, le32_to_cpu(gdp->bg_inode_table), sbi->s_itb_per_group))
			bad = "inode table not in group";
		else if (le16_to_cpu(gdp->bg_free_blocks_count) > ext2_blocks_in_group(sbi, g))
			bad = "free blocks count out of range";
		else if (le16_to_cpu(gdp->bg_free_inodes_count) > sbi->s_inodes_per_group)
			bad = "free inodes count out of range";
		else if (le16_to_cpu(gdp->bg_used_dirs_count) > sbi->s_inodes_per_group)
			bad = "used directories count out of range";
		if (bad) {
			ext2_msg(sb, KERN_ERR, "error: ext2_check_descriptors: group %lu: %s", g, bad);
			return -EUCLEAN;
		}
		sbi->s_free_blocks += le16_to_cpu(gdp->bg_free_blocks_count);
		sbi->s_free_inodes += le16_to_cpu(gdp->bg_free_inodes_count);
		sbi->s_dirs += le16_to_cpu(gdp->bg_used_dirs_count);
	}
	return 0;
}

/* Reads the group descriptor blocks (right after the superblock's block). 0 or -Exxx. */
static int ext2_read_descriptors(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long i;

	sbi->s_group_desc = kcalloc(sbi->s_gdb_count, sizeof(struct buffer_head *), GFP_KERNEL);
	if (!sbi->s_group_desc)
		return -ENOMEM;
	for (i = 0; i < sbi->s_gdb_count; i++) {
		sbi->s_group_desc[i] = sb_bread(sb, sbi->s_first_data_block + 1 + i);
		if (!sbi->s_group_desc[i]) {
			ext2_msg(sb, KERN_ERR, "error: unable to read group descriptors");
			return -EIO;
		}
	}
	return ext2_check_descriptors(sb);
}

/* Reads and checks the superblock, with the block size it names. 0 or -Exxx. */
static int ext2_load_super(struct super_block *sb, int silent)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long log, blocksize;
	int err;

	if (!sb_min_blocksize(sb, EXT2_MIN_BLOCK_SIZE)) {
		ext2_msg(sb, KERN_ERR, "error: unable to set blocksize");
		return -EINVAL;
	}
	err = ext2_read_super_block(sb, EXT2_MIN_BLOCK_SIZE, silent);
	if (err)
		return err;
	err = ext2_check_features(sb, sbi->s_es);
	if (err)
		return err;
	log = le32_to_cpu(sbi->s_es->s_log_block_size);
	if (log > EXT2_MAX_BLOCK_LOG || (EXT2_MIN_BLOCK_SIZE << log) > (long)PAGE_SIZE)
		return ext2_bad_geometry(sb, "unsupported block size", 1024UL << (log & 31));
	blocksize = EXT2_MIN_BLOCK_SIZE << log;
	if (blocksize != sb->s_blocksize) {
		brelse(sbi->s_sbh);
		sbi->s_sbh = NULL;
		if (!sb_set_blocksize(sb, blocksize)) {
			ext2_msg(sb, KERN_ERR, "error: bad blocksize %lu", blocksize);
			return -EINVAL;
		}
		err = ext2_read_super_block(sb, blocksize, silent);
		if (err)
			return err;
	}
	err = ext2_fill_rev_fields(sb, sbi->s_es);
	return err ? err : ext2_fill_geometry(sb, sbi->s_es);
}

/* The root directory, checked: a directory with blocks and a size. */
static int ext2_get_root(struct super_block *sb)
{
	struct inode *root = ext2_iget(sb, EXT2_ROOT_INO);

	if (IS_ERR(root)) {
		ext2_msg(sb, KERN_ERR, "error: can't read the root inode (%ld)", PTR_ERR(root));
		return PTR_ERR(root);
	}
	if (!S_ISDIR(root->i_mode) || !root->i_blocks || !root->i_size) {
		iput(root);
		ext2_msg(sb, KERN_ERR, "error: corrupt root inode, run e2fsck");
		return -EUCLEAN;
	}
	sb->s_root = d_make_root(root);
	if (!sb->s_root) {
		ext2_msg(sb, KERN_ERR, "error: get root inode failed");
		return -ENOMEM;
	}
	return 0;
}

/* Frees the in-memory super block (a failed fill_super, or put_super after its write); writes nothing. */
static void ext2_free_sbi(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long i;

	if (sbi->s_group_desc) {
		for (i = 0; i < sbi->s_gdb_count; i++)
			brelse(sbi->s_group_desc[i]);
		kfree(sbi->s_group_desc);
	}
	brelse(sbi->s_sbh);
	sb->s_fs_info = NULL;
	kfree(sbi);
}

/* The in-memory fields that follow from the checked superblock. */
static void ext2_init_sbi(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->s_es;

	sbi->s_mount_state = le16_to_cpu(es->s_state);
	sbi->s_resuid = le16_to_cpu(es->s_def_resuid);
	sbi->s_resgid = le16_to_cpu(es->s_def_resgid);
	sbi->s_next_generation = ext2_get_seconds();
	sb->s_magic = EXT2_SUPER_MAGIC;
	sb->s_op = &ext2_sops;
	sb->s_time_gran = 1000000000;
	/* Without large_file (or in rev 0), sizes stay below 2 GiB. */
	if (le32_to_cpu(es->s_rev_level) >= EXT2_DYNAMIC_REV &&
	    (le32_to_cpu(es->s_feature_ro_compat) & EXT2_FEATURE_RO_COMPAT_LARGE_FILE))
		sb->s_maxbytes = (loff_t)(EXT2_NDIR_BLOCKS + ext2_addr_per_block(sb) +
			(u64)ext2_addr_per_block(sb) * ext2_addr_per_block(sb) +
			(u64)ext2_addr_per_block(sb) * ext2_addr_per_block(sb) *
			ext2_addr_per_block(sb)) << sb->s_blocksize_bits;
	else
		sb->s_maxbytes = 0x7fffffff;
	/* i_blocks is 32 bits of 512-byte units: 2 TiB less a block. */
	if (sb->s_maxbytes > ((loff_t)0xffffffff << 9) - (loff_t)sb->s_blocksize)
		sb->s_maxbytes = ((loff_t)0xffffffff << 9) - (loff_t)sb->s_blocksize;
}

/*
 * fill_super for mount_bdev: reads and checks everything before writing
 * anything; a mount that fails leaves the device untouched. @data holds
 * the options. 0 or -Exxx.
 */
static int ext2_fill_super(struct super_block *sb, void *data, int silent)
{
	struct ext2_sb_info *sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	int err;

	if (!sbi)
		return -ENOMEM;
	sb->s_fs_info = sbi;
	mutex_init(&sbi->s_lock);
	mutex_init(&sbi->s_sb_mutex);
	err = ext2_load_super(sb, silent);
	if (!err) {
		sbi->s_mount_opt = ext2_default_errors(sbi->s_es);
		err = parse_options(sb, data, &sbi->s_mount_opt);
	}
	if (!err)
		err = ext2_read_descriptors(sb);
	if (err)
		goto fail;
	ext2_init_sbi(sb);
	if (!sb_rdonly(sb) && ext2_check_rw_features(sb, sbi->s_es))
		sb->s_flags |= SB_RDONLY;
	err = ext2_get_root(sb);
	if (err)
		goto fail;
	if (!sb_rdonly(sb))
		ext2_setup_super(sb);
	return 0;
fail:
	ext2_free_sbi(sb);
	return err;
}

static struct dentry *ext2_mount(struct file_system_type *fs_type, int flags,
				 const char *dev_name, void *data)
{
	return mount_bdev(fs_type, flags, dev_name, data, ext2_fill_super);
}

static const struct super_operations ext2_sops = {
	.alloc_inode	= ext2_alloc_inode,
	.destroy_inode	= ext2_destroy_inode,
	.write_inode	= ext2_write_inode,
	.evict_inode	= ext2_evict_inode,
	.put_super	= ext2_put_super,
	.sync_fs	= ext2_sync_fs,
	.statfs		= ext2_statfs,
	.remount_fs	= ext2_remount,
	.show_options	= ext2_show_options,
};

static struct file_system_type ext2_fs_type = {
	.name		= "ext2",
	.fs_flags	= FS_REQUIRES_DEV,
	.mount		= ext2_mount,
	.kill_sb	= kill_block_super,
};

/* Boot: the inode cache and register_filesystem("ext2"). 0 or -Exxx. */
int init_ext2_fs(void)
{
	int err;

	if (!ext2_inode_cachep) {
		ext2_inode_cachep = kmem_cache_create("ext2_inode_cache",
						      sizeof(struct ext2_inode_info), 0,
						      SLAB_RECLAIM_ACCOUNT, NULL);
		if (!ext2_inode_cachep)
			return -ENOMEM;
	}
	err = register_filesystem(&ext2_fs_type);
	return err == -EBUSY ? 0 : err;
}
