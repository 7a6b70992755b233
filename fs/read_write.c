/*
 * Reading, writing and seeking: vfs_read -> __vfs_read -> f_op->read or
 * new_sync_read -> f_op->read_iter (seed 003's READ path, and its write
 * twin), kernel_read/kernel_write, and the llseek flavours. After Linux
 * 4.x fs/read_write.c, with the system calls read, write, readv, writev,
 * pread64, pwrite64, preadv, pwritev, lseek and sendfile (through a
 * kernel buffer); no splice, no preadv2 flags.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/slab.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
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

/* ---- from user space ----
 *
 * f_op->read and ->write take kernel buffers in rivet (char devices,
 * procfs, ttys): the system calls bounce through a kmalloc'd buffer of at
 * most BOUNCE_MAX bytes for them. Files with ->read_iter/->write_iter get
 * the user memory itself as an ITER_IOVEC iterator.
 */

#define BOUNCE_MAX	(64 * 1024)	/* one bounced f_op->read or ->write at most */

/*
 * @count bytes at *@pos through f_op->read into user @ubuf, bounced: what
 * was read and copied (a device reads once: a short read is its answer),
 * -EFAULT if nothing could be copied, or the file's error.
 */
static ssize_t bounce_read(struct file *file, char __user *ubuf, size_t count, loff_t *pos)
{
	size_t n = min_t(size_t, count, BOUNCE_MAX);
	char *kbuf = kmalloc(n ? n : 1, GFP_KERNEL);
	ssize_t ret;
	size_t left;

	if (!kbuf)
		return -ENOMEM;
	ret = file->f_op->read(file, kbuf, n, pos);
	if (ret > 0) {
		left = copy_to_user(ubuf, kbuf, (size_t)ret);
		if (left)
			ret = (size_t)ret == left ? -EFAULT : ret - (ssize_t)left;
	}
	kfree(kbuf);
	return ret;
}

/* f_op->write of user @ubuf, bounced a chunk at a time until done or short. */
static ssize_t bounce_write(struct file *file, const char __user *ubuf, size_t count, loff_t *pos)
{
	size_t chunk = min_t(size_t, count, BOUNCE_MAX), done = 0, n, left;
	char *kbuf = kmalloc(chunk ? chunk : 1, GFP_KERNEL);
	ssize_t ret = 0;

	if (!kbuf)
		return -ENOMEM;
	while (done < count) {
		n = min(chunk, count - done);
		left = copy_from_user(kbuf, ubuf + done, n);
		if (left == n) {
			ret = -EFAULT;
			break;
		}
		ret = file->f_op->write(file, kbuf, n - left, pos);
		if (ret <= 0)
			break;
		done += (size_t)ret;
		if ((size_t)ret < n)	/* a short write, or the copy faulted part-way */
			break;
	}
	kfree(kbuf);
	return done ? (ssize_t)done : ret;
}

/* One read_iter or write_iter over the user segments @iter at *@pos. */
static ssize_t iter_rw(struct file *file, struct iov_iter *iter, loff_t *pos, bool write)
{
	struct kiocb kiocb;
	ssize_t ret;

	init_sync_kiocb(&kiocb, file);
	kiocb.ki_pos = *pos;
	ret = write ? file->f_op->write_iter(&kiocb, iter) : file->f_op->read_iter(&kiocb, iter);
	if (ret > 0 || !write)
		*pos = kiocb.ki_pos;
	return ret;
}

/*
 * readv/writev's work on @file at *@pos over the user segments @iter
 * (total checked by rw_verify_area): ->read_iter/->write_iter at once,
 * else each segment bounced in turn until one comes back short.
 */
static ssize_t do_iter_rw(struct file *file, struct iov_iter *iter, loff_t *pos, bool write)
{
	ssize_t ret, done = 0;
	size_t left;

	if (!(file->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (write ? !file->f_op->write && !file->f_op->write_iter :
		    !file->f_op->read && !file->f_op->read_iter)
		return -EINVAL;
	ret = rw_verify_area(file, pos, iov_iter_count(iter));
	if (ret <= 0)
		return ret;
	iov_iter_truncate(iter, (size_t)ret);
	if (write ? !file->f_op->write : !file->f_op->read)
		return iter_rw(file, iter, pos, write);
	left = iov_iter_count(iter);
	ret = 0;
	for (const struct iovec *v = iter->iov; left && v < iter->iov + iter->nr_segs; v++) {
		size_t len = min(left, v->iov_len);

		if (!len)
			continue;
		ret = write ? bounce_write(file, v->iov_base, len, pos) :
			      bounce_read(file, v->iov_base, len, pos);
		if (ret <= 0)
			break;
		done += ret;
		left -= (size_t)ret;
		if ((size_t)ret < len)
			break;
	}
	return done ? done : ret;
}

/*
 * Copies @nr user iovecs from @uvec into @fast (or a kmalloc'd array,
 * *@out) and sets up @iter over them: 0, -EINVAL (more than UIO_MAXIOV,
 * or a negative length), -EFAULT, -ENOMEM. The total is clipped to
 * MAX_RW_COUNT. kfree(*@out) if it is not @fast.
 */
static int import_iovec(int dir, const struct iovec __user *uvec, unsigned long nr,
			struct iovec *fast, unsigned long nr_fast, struct iovec **out,
			struct iov_iter *iter)
{
	struct iovec *vec = fast;
	size_t total = 0;

	*out = fast;
	if (nr > UIO_MAXIOV)
		return -EINVAL;
	if (nr > nr_fast) {
		vec = kmalloc_array(nr, sizeof(*vec), GFP_KERNEL);
		if (!vec)
			return -ENOMEM;
		*out = vec;
	}
	if (copy_from_user(vec, uvec, nr * sizeof(*vec)))
		return -EFAULT;
	for (unsigned long i = 0; i < nr; i++) {
		if ((ssize_t)vec[i].iov_len < 0)
			return -EINVAL;
		if (vec[i].iov_len > MAX_RW_COUNT - total)
			vec[i].iov_len = MAX_RW_COUNT - total;
		total += vec[i].iov_len;
	}
	iov_iter_init(iter, dir, vec, nr, total);
	return 0;
}

/* One user buffer as a one-segment iterator (read, write, pread64, pwrite64). */
static ssize_t rw_user(struct file *file, void __user *buf, size_t count, loff_t *pos, bool write)
{
	struct iovec v = { .iov_base = buf, .iov_len = count };
	struct iov_iter iter;

	iov_iter_init(&iter, write ? WRITE : READ, &v, 1, count);
	return do_iter_rw(file, &iter, pos, write);
}

/* Files whose position readers and writers share take f_pos_lock (Linux: FMODE_ATOMIC_POS). */
static bool atomic_pos(struct file *file)
{
	umode_t mode = file_inode(file)->i_mode;

	return S_ISREG(mode) || S_ISDIR(mode);
}

/*
 * read/write/readv/writev at the file's position: @rw runs with a copy
 * of f_pos, which is stored back after. -EBADF for a bad descriptor.
 */
static ssize_t rw_at_fpos(unsigned int fd, bool write, struct iov_iter *iter)
{
	struct file *file = fget(fd);
	bool locked;
	loff_t pos;
	ssize_t ret;

	if (!file)
		return -EBADF;
	locked = atomic_pos(file);
	if (locked)
		mutex_lock(&file->f_pos_lock);
	pos = file->f_pos;
	ret = do_iter_rw(file, iter, &pos, write);
	if (ret >= 0)
		file->f_pos = pos;
	if (locked)
		mutex_unlock(&file->f_pos_lock);
	fput(file);
	return ret;
}

SYSCALL_DEFINE(read)
{
	struct iovec v = { .iov_base = (void __user *)a1, .iov_len = a2 };
	struct iov_iter iter;

	iov_iter_init(&iter, READ, &v, 1, a2);
	return rw_at_fpos((unsigned int)a0, false, &iter);
}

SYSCALL_DEFINE(write)
{
	struct iovec v = { .iov_base = (void __user *)a1, .iov_len = a2 };
	struct iov_iter iter;

	iov_iter_init(&iter, WRITE, &v, 1, a2);
	return rw_at_fpos((unsigned int)a0, true, &iter);
}

/* readv/writev (@pos NULL: the file's position) and preadv/pwritev. */
static ssize_t vector_rw(unsigned int fd, const struct iovec __user *uvec, unsigned long nr,
			 loff_t *pos, bool write)
{
	struct iovec fast[8], *vec;
	struct iov_iter iter;
	struct file *file;
	ssize_t ret = import_iovec(write ? WRITE : READ, uvec, nr, fast, ARRAY_SIZE(fast),
				   &vec, &iter);

	if (!ret && !pos) {
		ret = rw_at_fpos(fd, write, &iter);
	} else if (!ret) {
		file = fget(fd);
		ret = -EBADF;
		if (file) {
			ret = -ESPIPE;
			if (file->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD))
				ret = do_iter_rw(file, &iter, pos, write);
			fput(file);
		}
	}
	if (vec != fast)
		kfree(vec);
	return ret;
}

SYSCALL_DEFINE(readv)
{
	return vector_rw((unsigned int)a0, (const struct iovec __user *)a1, a2, NULL, false);
}

SYSCALL_DEFINE(writev)
{
	return vector_rw((unsigned int)a0, (const struct iovec __user *)a1, a2, NULL, true);
}

/* pread64/pwrite64(fd, buf, count, pos): -ESPIPE for pipes and ttys, -EINVAL for pos < 0. */
static ssize_t positional_rw(unsigned int fd, void __user *buf, size_t count, loff_t pos,
			     bool write)
{
	struct file *file;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	ret = -ESPIPE;
	if (file->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD))
		ret = rw_user(file, buf, count, &pos, write);
	fput(file);
	return ret;
}

SYSCALL_DEFINE(pread64)
{
	return positional_rw((unsigned int)a0, (void __user *)a1, a2, (loff_t)a3, false);
}

SYSCALL_DEFINE(pwrite64)
{
	return positional_rw((unsigned int)a0, (void __user *)a1, a2, (loff_t)a3, true);
}

/* preadv/pwritev(fd, vec, vlen, pos_l, pos_h): on 64 bits pos_l is the whole offset. */
SYSCALL_DEFINE(preadv)
{
	loff_t pos = (loff_t)a3;

	if (pos < 0)
		return -EINVAL;
	return vector_rw((unsigned int)a0, (const struct iovec __user *)a1, a2, &pos, false);
}

SYSCALL_DEFINE(pwritev)
{
	loff_t pos = (loff_t)a3;

	if (pos < 0)
		return -EINVAL;
	return vector_rw((unsigned int)a0, (const struct iovec __user *)a1, a2, &pos, true);
}

/* lseek(fd, offset, whence): the new offset; -EINVAL for a bad whence or a negative result. */
SYSCALL_DEFINE(lseek)
{
	struct file *file;
	loff_t ret;
	bool locked;

	if (a2 > SEEK_HOLE)
		return -EINVAL;
	file = fget((unsigned int)a0);
	if (!file)
		return -EBADF;
	locked = atomic_pos(file);
	if (locked)
		mutex_lock(&file->f_pos_lock);
	ret = vfs_llseek(file, (loff_t)a1, (int)a2);
	if (locked)
		mutex_unlock(&file->f_pos_lock);
	fput(file);
	return ret;
}

/*
 * sendfile(out_fd, in_fd, offset, count): copies through a kernel buffer,
 * from *offset (which is updated; in's position is not) or in's
 * position. Bytes copied; -EBADF, -EINVAL (out is O_APPEND), -EFAULT.
 */
SYSCALL_DEFINE(sendfile)
{
	loff_t __user *uoff = (loff_t __user *)a2;
	struct file *out = fget((unsigned int)a0), *in = fget((unsigned int)a1);
	size_t count = min_t(size_t, a3, MAX_RW_COUNT), done = 0;
	loff_t pos, opos;
	char *kbuf = NULL;
	ssize_t ret;

	ret = -EBADF;
	if (!out || !in || !(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		goto out;
	ret = -EINVAL;
	if (out->f_flags & O_APPEND)
		goto out;
	ret = -EFAULT;
	if (uoff && get_user(pos, uoff))
		goto out;
	if (!uoff)
		pos = in->f_pos;
	ret = -EINVAL;
	if (pos < 0)
		goto out;
	ret = -ENOMEM;
	kbuf = kmalloc(min_t(size_t, count, BOUNCE_MAX) + 1, GFP_KERNEL);
	if (!kbuf)
		goto out;
	ret = 0;
	while (done < count) {
		size_t n = min_t(size_t, count - done, BOUNCE_MAX);
		ssize_t r = vfs_read(in, kbuf, n, &pos), w;

		if (r <= 0) {
			ret = r;
			break;
		}
		opos = out->f_pos;
		w = vfs_write(out, kbuf, (size_t)r, &opos);
		if (w > 0)
			out->f_pos = opos;
		if (w < r) {	/* give back what was read but not written */
			pos -= r - (w > 0 ? w : 0);
			if (w > 0)
				done += (size_t)w;
			ret = w < 0 ? w : 0;
			break;
		}
		done += (size_t)w;
		if ((size_t)r < n)
			break;
	}
	if (uoff && put_user(pos, uoff) && !done)
		ret = -EFAULT;
	else if (!uoff)
		in->f_pos = pos;
	if (done)
		ret = (ssize_t)done;
out:
	kfree(kbuf);
	if (out)
		fput(out);
	if (in)
		fput(in);
	return ret;
}
