/*
 * Opening files (filp_open, dentry_open: the inode's i_fop becomes the
 * file's f_op and f_op->open runs, seed 003's blkdev_open) and truncation
 * (do_truncate, vfs_truncate). After Linux 4.x fs/open.c; the syscalls
 * themselves (a file table per task) come with user space.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/pagemap.h>
#include "internal.h"

/* FMODE_READ/FMODE_WRITE from O_ACCMODE (3, "ioctl only", gives neither). */
static unsigned int open_fmode(unsigned int flags)
{
	static const unsigned int fm[] = { FMODE_READ, FMODE_WRITE, FMODE_READ | FMODE_WRITE, 0 };

	return fm[flags & O_ACCMODE];
}

/* Special files (devices, FIFOs) need no write access to the mount to be written. */
static bool special_file(umode_t mode)
{
	return S_ISCHR(mode) || S_ISBLK(mode) || S_ISFIFO(mode) || S_ISSOCK(mode);
}

/*
 * Fills the new file @f (f_flags set) for @path: references on the path,
 * write access to the mount for a writable regular file (-EROFS),
 * f_op from i_fop and its ->open, readahead state. 0, or -Exxx with the
 * references given back (put_filp @f then).
 */
int do_dentry_open(struct file *f, const struct path *path)
{
	struct inode *inode = path->dentry->d_inode;
	int err;

	f->f_mode = open_fmode(f->f_flags) | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	if ((f->f_mode & FMODE_WRITE) && !special_file(inode->i_mode)) {
		err = mnt_want_write(path->mnt);
		if (err)
			return err;
		f->f_mode |= FMODE_WRITER;
	}
	f->f_path = *path;
	path_get(path);
	f->f_inode = inode;
	f->f_mapping = inode->i_mapping;
	f->f_op = inode->i_fop;
	err = f->f_op ? 0 : -ENODEV;
	if (!err && f->f_op->open)
		err = f->f_op->open(inode, f);
	if (err) {
		if (f->f_mode & FMODE_WRITER)
			mnt_drop_write(path->mnt);
		path_put(path);
		return err;
	}
	f->f_flags &= ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);
	file_ra_state_init(&f->f_ra, f->f_mapping->host->i_mapping);
	return 0;
}

/*
 * Opens @path (O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY,
 * O_NOFOLLOW honoured; @mode for a new file) for the kernel: the file or
 * ERR_PTR(-Exxx). Close it with filp_close or fput. May sleep.
 */
struct file *filp_open(const char *path, int flags, umode_t mode)
{
	return do_filp_open(path, flags, mode);
}

/* Opens the already looked-up @path with @flags: the file or ERR_PTR. */
struct file *dentry_open(const struct path *path, int flags)
{
	struct file *f = get_empty_filp();
	int err;

	if (!f)
		return ERR_PTR(-ENFILE);
	f->f_flags = flags;
	err = do_dentry_open(f, path);
	if (err) {
		put_filp(f);
		return ERR_PTR(err);
	}
	return f;
}

/* f_op->open of ordinary files: large offsets are always fine on 64 bits. 0. */
int generic_file_open(struct inode *inode, struct file *filp)
{
	return 0;
}

/*
 * Sets the size of @dentry's file to @length through notify_change, with
 * @time_attrs (ATTR_MTIME | ATTR_CTIME) as well. 0 or -Exxx (-EINVAL for
 * a negative length). Takes the inode lock. May sleep.
 */
int do_truncate(struct dentry *dentry, loff_t length, unsigned int time_attrs)
{
	struct iattr attr = { .ia_valid = ATTR_SIZE | time_attrs, .ia_size = length };
	struct inode *inode = dentry->d_inode;
	int err;

	if (length < 0)
		return -EINVAL;
	inode_lock(inode);
	err = notify_change(dentry, &attr);
	inode_unlock(inode);
	return err;
}

/*
 * truncate(2) of @path: -EISDIR for a directory, -EINVAL for other
 * non-regular files, -EROFS, -EACCES without write permission, -EPERM
 * for append-only or immutable files.
 */
int vfs_truncate(const struct path *path, loff_t length)
{
	struct inode *inode = path->dentry->d_inode;
	int err;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	err = mnt_want_write(path->mnt);
	if (err)
		return err;
	err = inode_permission(inode, MAY_WRITE);
	if (!err && (inode->i_flags & (S_APPEND | S_IMMUTABLE)))
		err = -EPERM;
	if (!err)
		err = do_truncate(path->dentry, length, ATTR_MTIME | ATTR_CTIME);
	mnt_drop_write(path->mnt);
	return err;
}
