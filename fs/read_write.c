/*
 * Reading, writing and seeking: vfs_read -> __vfs_read -> f_op->read or
 * new_sync_read -> f_op->read_iter (seed 003's READ path, and its write
 * twin), kernel_read/kernel_write, and the llseek flavours. After Linux
 * 4.x fs/read_write.c; buffers are kernel memory (ITER_KVEC) until user
 * space brings ITER_IOVEC; no readv/writev, no splice.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include "internal.h"

/* The most one read or write moves (Linux's MAX_RW_COUNT: INT_MAX rounded down to a page). */
#define MAX_RW_COUNT	(0x7fffffffL & ~4095L)

/*
 * Checks a read or write of @count bytes at *@pos: -EINVAL for a negative
 * position or one that would overflow. Returns @count cut to MAX_RW_COUNT.
 */
static ssize_t rw_verify_area(struct file *file, const loff_t *pos, size_t count)
{
	if (*pos < 0 || (loff_t)(*pos + count) < *pos)
		return -EINVAL;
	return count > MAX_RW_COUNT ? MAX_RW_COUNT : count;
}

/* A read through f_op->read_iter: @buf as a one-segment kernel iterator, *@ppos moved on. */
static ssize_t new_sync_read(struct file *filp, char *buf, size_t len, loff_t *ppos)
{
	struct kvec iov = { .iov_base = buf, .iov_len = len };
	struct iov_iter iter;
	struct kiocb kiocb;
	ssize_t ret;

	init_sync_kiocb(&kiocb, filp);
	kiocb.ki_pos = *ppos;
	iov_iter_kvec(&iter, READ, &iov, 1, len);
	ret = filp->f_op->read_iter(&kiocb, &iter);
	*ppos = kiocb.ki_pos;
	return ret;
}

/* f_op->read if the file has one, else new_sync_read; -EINVAL if neither. */
ssize_t __vfs_read(struct file *file, char *buf, size_t count, loff_t *pos)
{
	if (file->f_op->read)
		return file->f_op->read(file, buf, count, pos);
	if (file->f_op->read_iter)
		return new_sync_read(file, buf, count, pos);
	return -EINVAL;
}

/*
 * read(2) of @count bytes at *@pos into @buf: bytes read (0 at the end),
 * -EBADF if @file is not open for reading, -EINVAL, or the file's error.
 * May sleep.
 */
ssize_t vfs_read(struct file *file, char *buf, size_t count, loff_t *pos)
{
	ssize_t ret;

	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (!file->f_op->read && !file->f_op->read_iter)
		return -EINVAL;
	ret = rw_verify_area(file, pos, count);
	if (ret <= 0)
		return ret;
	return __vfs_read(file, buf, ret, pos);
}

/* A write through f_op->write_iter (new_sync_read's twin). */
static ssize_t new_sync_write(struct file *filp, const char *buf, size_t len, loff_t *ppos)
{
	struct kvec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct iov_iter iter;
	struct kiocb kiocb;
	ssize_t ret;

	init_sync_kiocb(&kiocb, filp);
	kiocb.ki_pos = *ppos;
	iov_iter_kvec(&iter, WRITE, &iov, 1, len);
	ret = filp->f_op->write_iter(&kiocb, &iter);
	if (ret > 0)
		*ppos = kiocb.ki_pos;
	return ret;
}

/* f_op->write if the file has one, else new_sync_write; -EINVAL if neither. */
ssize_t __vfs_write(struct file *file, const char *buf, size_t count, loff_t *pos)
{
	if (file->f_op->write)
		return file->f_op->write(file, buf, count, pos);
	if (file->f_op->write_iter)
		return new_sync_write(file, buf, count, pos);
	return -EINVAL;
}

/*
 * write(2) of @count bytes from @buf at *@pos (the end for O_APPEND, as
 * the file system decides): bytes written, -EBADF if not open for
 * writing, -EINVAL, or the file's error (-ENOSPC, -EFBIG). May sleep.
 */
ssize_t vfs_write(struct file *file, const char *buf, size_t count, loff_t *pos)
{
	ssize_t ret;

	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!file->f_op->write && !file->f_op->write_iter)
		return -EINVAL;
	ret = rw_verify_area(file, pos, count);
	if (ret <= 0)
		return ret;
	return __vfs_write(file, buf, ret, pos);
}

/* The kernel reading a file into its own buffer: vfs_read. */
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
{
	return vfs_read(file, buf, count, pos);
}

/* The kernel writing its own buffer to a file: vfs_write. */
ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos)
{
	return vfs_write(file, buf, count, pos);
}

/* ---- seeking ---- */

/* Sets f_pos to @offset if it is within [0, @maxsize]: the offset or -EINVAL. */
static loff_t vfs_setpos(struct file *file, loff_t offset, loff_t maxsize)
{
	if (offset < 0 || offset > maxsize)
		return -EINVAL;
	spin_lock(&file->f_lock);
	file->f_pos = offset;
	spin_unlock(&file->f_lock);
	return offset;
}

/*
 * The new offset for @whence on a file of @eof bytes. SEEK_DATA and
 * SEEK_HOLE as Linux's generic fallback: the whole file is data, the
 * hole is at its end; -ENXIO at or past the end. -EINVAL for a bad @whence.
 */
static loff_t llseek_offset(struct file *file, loff_t offset, int whence, loff_t eof)
{
	switch (whence) {
	case SEEK_SET:
		return offset;
	case SEEK_END:
		return offset + eof;
	case SEEK_CUR:
		return offset + READ_ONCE(file->f_pos);
	case SEEK_DATA:
		return offset >= eof || offset < 0 ? -ENXIO : offset;
	case SEEK_HOLE:
		return offset >= eof || offset < 0 ? -ENXIO : eof;
	}
	return -EINVAL;
}

/* llseek with the limit @maxsize and end @eof (generic_file_llseek's body). */
static loff_t llseek_size(struct file *file, loff_t offset, int whence, loff_t maxsize, loff_t eof)
{
	loff_t pos = llseek_offset(file, offset, whence, eof);

	if ((whence == SEEK_DATA || whence == SEEK_HOLE) && pos == -ENXIO)
		return -ENXIO;
	if (whence > SEEK_HOLE || whence < SEEK_SET)
		return -EINVAL;
	return vfs_setpos(file, pos, maxsize);
}

/* ->llseek of page-cache files: the file system's size limit, i_size as the end. */
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	struct inode *inode = file->f_mapping->host;

	return llseek_size(file, offset, whence, inode->i_sb->s_maxbytes, i_size_read(inode));
}

/* ->llseek of files without a size limit of their own (directories, devices). */
loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
	struct inode *inode = file_inode(file);

	return llseek_size(file, offset, whence, MAX_LFS_FILESIZE, i_size_read(inode));
}

/* ->llseek of files where seeking means nothing: the position stays, and is returned. */
loff_t noop_llseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos;
}

/* lseek(2): f_op->llseek, or -ESPIPE for a file that has none. */
loff_t vfs_llseek(struct file *file, loff_t offset, int whence)
{
	if (!(file->f_mode & FMODE_LSEEK) || !file->f_op->llseek)
		return -ESPIPE;
	return file->f_op->llseek(file, offset, whence);
}
