/*
 * Reading directories: iterate_dir calls the file system's iterate_shared
 * with the caller's dir_context, whose actor gets one entry at a time.
 * After Linux 4.x fs/readdir.c; getdents64's user-space buffer comes
 * with user space.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>

/*
 * Lists @file's directory from file->f_pos through @ctx->actor, moving
 * f_pos past what was emitted. 0 or -Exxx: -ENOTDIR if the file cannot
 * be listed, -ENOENT for a removed directory. Takes the inode lock.
 */
int iterate_dir(struct file *file, struct dir_context *ctx)
{
	struct inode *inode = file_inode(file);
	int err = -ENOTDIR;

	if (!file->f_op->iterate_shared)
		return err;
	inode_lock(inode);
	err = -ENOENT;
	if (!(inode->i_flags & S_DEAD)) {
		ctx->pos = file->f_pos;
		err = file->f_op->iterate_shared(file, ctx);
		file->f_pos = ctx->pos;
		touch_atime(&file->f_path);
	}
	inode_unlock(inode);
	return err;
}
