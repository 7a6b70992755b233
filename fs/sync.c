/*
 * sync, syncfs and fsync: a super block's inodes and metadata written
 * back and waited for, sync(2) over all of them and the block devices,
 * fsync of one file (generic_file_fsync for block-based file systems).
 * The system calls sync, syncfs, fsync and fdatasync.
 * After Linux 4.x fs/sync.c and libfs's __generic_file_fsync; leaves out
 * sync_file_range and the errseq_t per-file error cursor (errors are the
 * mapping's AS_EIO/AS_ENOSPC bits, reported once).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/genhd.h>
#include <linux/blkdev.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/buffer_head.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include "internal.h"

/*
 * Writes back everything of @sb: its dirty inodes (started, then waited
 * for), its own metadata (s_op->sync_fs) and its device's cache. 0 or
 * the first error. Nothing for a read-only file system. May sleep.
 */
int sync_filesystem(struct super_block *sb)
{
	const struct super_operations *op = sb->s_op;
	int ret = 0, err;

	if (sb_rdonly(sb))
		return 0;
	writeback_inodes_sb(sb);
	if (op && op->sync_fs)
		op->sync_fs(sb, 0);
	sync_inodes_sb(sb);
	if (op && op->sync_fs)
		ret = op->sync_fs(sb, 1);
	if (sb->s_bdev) {
		err = sync_blockdev(sb->s_bdev);
		if (!ret)
			ret = err;
	}
	return ret;
}

static void sync_one_sb(struct super_block *sb, void *arg)
{
	sync_filesystem(sb);
}

/* sync(2): the flusher woken, every file system synced, then every open block device. */
void ksys_sync(void)
{
	wakeup_flusher_threads();
	iterate_supers(sync_one_sb, NULL);
	sync_all_blockdevs();
}

/*
 * fsync(2) of bytes @start..@end of @file (@datasync: only what reading
 * the data back needs) through f_op->fsync. -EINVAL if it has none.
 */
int vfs_fsync_range(struct file *file, loff_t start, loff_t end, int datasync)
{
	if (!file->f_op->fsync)
		return -EINVAL;
	return file->f_op->fsync(file, start, end, datasync);
}

/* fsync(2) of all of @file. */
int vfs_fsync(struct file *file, int datasync)
{
	return vfs_fsync_range(file, 0, MAX_LFS_FILESIZE, datasync);
}

/* The device's write cache flushed, if there is a device (no cache: nothing to do). */
static int fsync_flush_device(struct super_block *sb)
{
	int err;

	if (!sb->s_bdev)
		return 0;
	err = blkdev_issue_flush(sb->s_bdev->bd_disk);
	return err == -EOPNOTSUPP ? 0 : err;
}

/*
 * ->fsync of block-based file systems (ext2): the range's pages written
 * and waited for, the buffers the inode dirtied elsewhere (its metadata
 * blocks), the inode itself unless @datasync and only times changed,
 * then a cache flush of the disk. The first error, including write-back
 * errors recorded on the mapping since the last fsync.
 */
int generic_file_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	struct inode *inode = file->f_mapping->host;
	int ret, err;

	ret = filemap_write_and_wait_range(inode->i_mapping, start, end);
	if (ret)
		return ret;
	inode_lock(inode);
	ret = sync_mapping_buffers(inode->i_mapping);
	if ((inode->i_state & I_DIRTY) && !(datasync && !(inode->i_state & I_DIRTY_DATASYNC))) {
		err = sync_inode_metadata(inode, 1);
		if (!ret)
			ret = err;
	}
	inode_unlock(inode);
	err = filemap_check_errors(inode->i_mapping);
	if (!ret)
		ret = err;
	if (ret)
		return ret;
	return fsync_flush_device(inode->i_sb);
}

/* ---- the system calls ---- */

SYSCALL_DEFINE(sync)
{
	ksys_sync();
	return 0;
}

/* syncfs(fd): the file system holding @fd's file. */
SYSCALL_DEFINE(syncfs)
{
	struct file *f = fget((unsigned int)a0);
	struct super_block *sb;
	int err;

	if (!f)
		return -EBADF;
	sb = f->f_path.dentry->d_sb;
	mutex_lock(&sb->s_umount);
	err = sync_filesystem(sb);
	mutex_unlock(&sb->s_umount);
	fput(f);
	return err;
}

/* fsync and fdatasync: -EBADF, -EINVAL for files that cannot be synced (ttys, pipes). */
static long do_fsync(unsigned int fd, int datasync)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = vfs_fsync(f, datasync);
	fput(f);
	return err;
}

SYSCALL_DEFINE(fsync)
{
	return do_fsync((unsigned int)a0, 0);
}

SYSCALL_DEFINE(fdatasync)
{
	return do_fsync((unsigned int)a0, 1);
}
