/*
 * ext2 regular files: everything goes through the page cache with the
 * generic read/write paths (seed 000: generic_file_write_iter ->
 * generic_perform_write -> ext2_write_begin) and ext2_aops underneath.
 * Leaves out mmap (no user space yet) and O_DIRECT.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include "ext2.h"

/*
 * fsync: the file's pages, then the metadata buffers tied to it (indirect
 * blocks, via mark_buffer_dirty_inode), then the inode. A write error is
 * also an fs error.
 */
static int ext2_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	struct super_block *sb = file_inode(file)->i_sb;
	int ret = generic_file_fsync(file, start, end, datasync);

	if (ret == -EIO)
		ext2_error(sb, __func__, "detected IO error when writing metadata buffers");
	return ret;
}

/* release: ext2 keeps no per-open state (no preallocation windows to give back). */
static int ext2_release_file(struct inode *inode, struct file *filp)
{
	return 0;
}

const struct file_operations ext2_file_operations = {
	.llseek		= generic_file_llseek,
	.read_iter	= generic_file_read_iter,
	.write_iter	= generic_file_write_iter,
	.mmap		= generic_file_mmap,
	.open		= generic_file_open,
	.release	= ext2_release_file,
	.fsync		= ext2_fsync,
};

const struct inode_operations ext2_file_inode_operations = {
	.setattr	= ext2_setattr,
	.getattr	= ext2_getattr,
};
