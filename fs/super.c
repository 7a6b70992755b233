/*
 * Super blocks: one per mounted file system instance, made by mount_bdev
 * (on a block device, shared by every mount of it) or mount_nodev, and
 * shut down by the type's kill_sb when the last mount goes. After Linux
 * 4.x fs/super.c; leaves out sget's generic test/set callbacks, freezing
 * and per-sb shrinkers (the dentry and inode shrinkers are global).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/genhd.h>
#include <linux/blkdev.h>
#include <linux/mount.h>
#include <linux/writeback.h>
#include "internal.h"

/* Every super block, under sb_lock (and each type's fs_supers). */
static LIST_HEAD(super_blocks);
static DEFINE_SPINLOCK(sb_lock);

/* Anonymous device numbers (major 0) for super blocks without a device. */
#define ANON_MINORS	256
static unsigned long anon_minors[ANON_MINORS / (8 * sizeof(unsigned long))];

/* The flags MS_REMOUNT may change. */
#define MS_RMT_MASK	(SB_RDONLY | SB_SYNCHRONOUS | SB_NOATIME | SB_DIRSYNC)

/* A new super block of @type with @flags, on the lists, one mount; NULL without memory. */
static struct super_block *alloc_super(struct file_system_type *type, int flags)
{
	struct super_block *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	INIT_LIST_HEAD(&s->s_inodes);
	spin_lock_init(&s->s_inode_list_lock);
	mutex_init(&s->s_umount);
	s->s_count = 1;
	vfs_atomic_set(&s->s_active, 1);
	s->s_flags = flags & ~SB_ACTIVE;
	s->s_type = type;
	s->s_maxbytes = MAX_LFS_FILESIZE;
	s->s_time_gran = 1;
	s->s_blocksize = 1024;
	s->s_blocksize_bits = 10;
	spin_lock(&sb_lock);
	list_add_tail(&s->s_list, &super_blocks);
	list_add_tail(&s->s_instances, &type->fs_supers);
	spin_unlock(&sb_lock);
	return s;
}

/*
 * Drops a reference (s_count) to @s: the last one takes it off the lists
 * and frees it. One that still has inodes is kept (they point at it).
 */
static void put_super_ref(struct super_block *s)
{
	spin_lock(&sb_lock);
	if (--s->s_count) {
		spin_unlock(&sb_lock);
		return;
	}
	list_del(&s->s_list);
	list_del(&s->s_instances);
	spin_unlock(&sb_lock);
	if (!list_empty(&s->s_inodes)) {
		pr_err("VFS: Busy inodes after unmount of %s: super block kept\n", s->s_id);
		return;
	}
	kfree(s);
}

/*
 * Drops one mount's hold on @sb. The last one shuts the file system down
 * through its kill_sb and frees the super block. May sleep.
 */
void deactivate_super(struct super_block *sb)
{
	if (vfs_atomic_dec_return(&sb->s_active) > 0)
		return;
	mutex_lock(&sb->s_umount);
	sb->s_type->kill_sb(sb);
	mutex_unlock(&sb->s_umount);
	put_super_ref(sb);
}

/* A setup that failed: shut down what fill_super made, then free. */
static void deactivate_failed_super(struct super_block *s)
{
	s->s_flags &= ~SB_ACTIVE;
	deactivate_super(s);
}

/*
 * Umount's common part: drops the dentries, writes everything back
 * (sync_filesystem), evicts the inodes and calls s_op->put_super. A
 * file system's kill_sb calls it (kill_block_super, kill_anon_super).
 */
void generic_shutdown_super(struct super_block *sb)
{
	const struct super_operations *op = sb->s_op;
	int busy;

	if (sb->s_root) {
		shrink_dcache_for_umount(sb);
		sync_filesystem(sb);
	}
	sb->s_flags &= ~SB_ACTIVE;
	busy = evict_inodes(sb);
	if (op && op->put_super)
		op->put_super(sb);
	if (busy)
		pr_err("VFS: %d busy inodes at unmount of %s\n", busy, sb->s_id);
}

/* ---- on a block device ---- */

/* "vda2" for the messages (s_id). */
static void set_sb_id(struct super_block *s, struct block_device *bdev)
{
	const char *name = bdev->bd_part ? bdev->bd_part->name : bdev->bd_disk->disk_name;

	strlcpy(s->s_id, name, sizeof(s->s_id));
}

/* The super block of @type already on @bdev (an extra mount of it), or NULL. */
static struct super_block *find_bdev_super(struct file_system_type *type,
					   struct block_device *bdev)
{
	struct super_block *s, *found = NULL;

	spin_lock(&sb_lock);
	list_for_each_entry(s, &type->fs_supers, s_instances) {
		if (s->s_bdev == bdev && (s->s_flags & SB_ACTIVE)) {
			found = s;
			break;
		}
	}
	spin_unlock(&sb_lock);
	return found;
}

/* @bdev's device refuses writes (a read-only disk)? */
static bool bdev_read_only(struct block_device *bdev)
{
	return bdev->bd_disk->queue && bdev->bd_disk->queue->readonly;
}

/* Another mount of a mounted device: the same super block, if the ro/rw flag agrees. */
static struct dentry *share_bdev_super(struct super_block *s, int flags,
				       struct block_device *bdev, unsigned int mode)
{
	blkdev_put(bdev, mode);
	if ((flags ^ s->s_flags) & SB_RDONLY)
		return ERR_PTR(-EBUSY);
	vfs_atomic_inc_return(&s->s_active);
	return dget(s->s_root);
}

/* mount_bdev's new super block on @bdev: fill_super reads it. The root or ERR_PTR. */
static struct dentry *fill_bdev_super(struct file_system_type *type, int flags,
				      struct block_device *bdev, unsigned int mode, void *data,
				      int (*fill_super)(struct super_block *, void *, int))
{
	struct super_block *s = alloc_super(type, flags);
	int err;

	if (!s) {
		blkdev_put(bdev, mode);
		return ERR_PTR(-ENOMEM);
	}
	s->s_bdev = bdev;
	s->s_dev = bdev->bd_dev;
	s->s_mode = mode;
	set_sb_id(s, bdev);
	bdev->bd_super = s;
	sb_set_blocksize(s, bdev->bd_block_size ? (int)bdev->bd_block_size : 512);
	err = fill_super(s, data, (flags & SB_SILENT) ? 1 : 0);
	if (err) {
		deactivate_failed_super(s);
		return ERR_PTR(err);
	}
	s->s_flags |= SB_ACTIVE;
	return dget(s->s_root);
}

/*
 * ->mount of a file system on a block device: opens @dev_name exclusively
 * (read-only for SB_RDONLY), reuses its super block if it is mounted
 * already, else makes one and calls @fill_super. The root dentry, or
 * ERR_PTR: -EROFS for a read-write mount of a read-only device, the
 * open's error (-ENXIO: no such device), fill_super's (-EINVAL: not this
 * file system).
 */
struct dentry *mount_bdev(struct file_system_type *type, int flags, const char *dev_name,
			  void *data, int (*fill_super)(struct super_block *, void *, int))
{
	unsigned int mode = FMODE_READ | FMODE_EXCL;
	struct block_device *bdev;
	struct super_block *s;

	if (!(flags & SB_RDONLY))
		mode |= FMODE_WRITE;
	bdev = blkdev_get_by_path(dev_name, mode, type);
	if (IS_ERR(bdev))
		return ERR_CAST(bdev);
	if ((mode & FMODE_WRITE) && bdev_read_only(bdev)) {
		blkdev_put(bdev, mode);
		return ERR_PTR(-EROFS);
	}
	s = find_bdev_super(type, bdev);
	if (s)
		return share_bdev_super(s, flags, bdev, mode);
	return fill_bdev_super(type, flags, bdev, mode, data, fill_super);
}

/* kill_sb of a file system on a block device: shut down, write the device back, close it. */
void kill_block_super(struct super_block *sb)
{
	struct block_device *bdev = sb->s_bdev;

	generic_shutdown_super(sb);
	sync_blockdev(bdev);
	bdev->bd_super = NULL;
	blkdev_put(bdev, sb->s_mode);
}

/*
 * Sets @sb's block size (and its device's, which must accept it): the
 * size, or 0 if the device cannot use it (smaller than its sectors, or
 * not a power of two from 512 to the page size).
 */
int sb_set_blocksize(struct super_block *sb, int size)
{
	if (sb->s_bdev && set_blocksize(sb->s_bdev, size))
		return 0;
	sb->s_blocksize = size;
	sb->s_blocksize_bits = 0;
	while ((1 << sb->s_blocksize_bits) < size)	/* log2 (no libgcc for __builtin_ctz) */
		sb->s_blocksize_bits++;
	return size;
}

/* sb_set_blocksize with at least the device's logical block size. */
int sb_min_blocksize(struct super_block *sb, int size)
{
	int minsize = 512;

	if (sb->s_bdev && sb->s_bdev->bd_disk->queue)
		minsize = sb->s_bdev->bd_disk->queue->limits.logical_block_size;
	return sb_set_blocksize(sb, size > minsize ? size : minsize);
}

/* ---- without a device ---- */

/* A device number of major 0 for @s (shown by stat): 0 or -EMFILE if all are taken. */
static int set_anon_super(struct super_block *s)
{
	const unsigned int bits = 8 * sizeof(unsigned long);
	int err = -EMFILE;

	spin_lock(&sb_lock);
	for (unsigned int i = 1; i < ANON_MINORS; i++) {
		if (!(anon_minors[i / bits] & (1UL << (i % bits)))) {
			anon_minors[i / bits] |= 1UL << (i % bits);
			s->s_dev = MKDEV(0, i);
			err = 0;
			break;
		}
	}
	spin_unlock(&sb_lock);
	return err;
}

static void free_anon_dev(dev_t dev)
{
	const unsigned int bits = 8 * sizeof(unsigned long);
	unsigned int i = MINOR(dev);

	spin_lock(&sb_lock);
	if (i && i < ANON_MINORS)
		anon_minors[i / bits] &= ~(1UL << (i % bits));
	spin_unlock(&sb_lock);
}

/*
 * ->mount of a file system without a device (tmpfs, proc): a new super
 * block each time, filled by @fill_super. The root dentry or ERR_PTR.
 */
struct dentry *mount_nodev(struct file_system_type *type, int flags, void *data,
			   int (*fill_super)(struct super_block *, void *, int))
{
	struct super_block *s = alloc_super(type, flags);
	int err;

	if (!s)
		return ERR_PTR(-ENOMEM);
	err = set_anon_super(s);
	if (!err) {
		snprintf(s->s_id, sizeof(s->s_id), "%s", type->name);
		err = fill_super(s, data, (flags & SB_SILENT) ? 1 : 0);
	}
	if (err) {
		deactivate_failed_super(s);
		return ERR_PTR(err);
	}
	s->s_flags |= SB_ACTIVE;
	return dget(s->s_root);
}

/* kill_sb of a file system without a device. */
void kill_anon_super(struct super_block *sb)
{
	dev_t dev = sb->s_dev;

	generic_shutdown_super(sb);
	free_anon_dev(dev);
}

/* kill_sb of an in-memory file system whose dentries pin their files (tmpfs). */
void kill_litter_super(struct super_block *sb)
{
	if (sb->s_root)
		d_genocide(sb->s_root);
	kill_anon_super(sb);
}

/* ---- remount and iteration ---- */

/*
 * MS_REMOUNT of @sb with @flags: read-only <-> read-write (and the other
 * MS_RMT_MASK flags) through s_op->remount_fs. -EBUSY going read-only
 * while files are open for writing, -EROFS going read-write on a
 * read-only device; s_op->remount_fs's error. Caller holds s_umount.
 */
int do_remount_sb(struct super_block *sb, int flags, void *data)
{
	bool to_ro = (flags & SB_RDONLY) && !sb_rdonly(sb);
	int err;

	if (!(flags & SB_RDONLY) && sb->s_bdev && bdev_read_only(sb->s_bdev))
		return -EROFS;
	if (to_ro && mnt_writers_of_sb(sb))
		return -EBUSY;
	if (to_ro)
		sync_filesystem(sb);
	if (sb->s_op && sb->s_op->remount_fs) {
		err = sb->s_op->remount_fs(sb, &flags, data);
		if (err)
			return err;
	}
	sb->s_flags = (sb->s_flags & ~MS_RMT_MASK) | (flags & MS_RMT_MASK);
	return 0;
}

/*
 * Calls @fn(sb, @arg) for every active super block with its s_umount
 * held (sync). The list lock is dropped around each call, which may
 * sleep; s_count keeps the super block meanwhile.
 */
void iterate_supers(void (*fn)(struct super_block *sb, void *arg), void *arg)
{
	struct super_block *sb, *prev = NULL;

	spin_lock(&sb_lock);
	list_for_each_entry(sb, &super_blocks, s_list) {
		if (!(sb->s_flags & SB_ACTIVE))
			continue;
		sb->s_count++;
		spin_unlock(&sb_lock);
		if (prev)
			put_super_ref(prev);
		mutex_lock(&sb->s_umount);
		if (sb->s_flags & SB_ACTIVE)
			fn(sb, arg);
		mutex_unlock(&sb->s_umount);
		prev = sb;
		spin_lock(&sb_lock);
	}
	spin_unlock(&sb_lock);
	if (prev)
		put_super_ref(prev);
}
