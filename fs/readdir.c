/*
 * Reading directories: iterate_dir calls the file system's iterate_shared
 * with the caller's dir_context, whose actor gets one entry at a time.
 * After Linux 4.x fs/readdir.c, with getdents64 (not the old getdents
 * or readdir, which riscv64 does not have).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
#include <uapi/dirent.h>

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

/* ---- getdents64 ---- */

/*
 * The records are built in a kernel buffer (the file systems emit
 * entries with pages mapped or locks held, where a user-memory fault
 * must not happen) and copied out once the listing stops.
 */
struct getdents_callback64 {
	struct dir_context ctx;
	char *buf;			/* the records so far */
	struct linux_dirent64 *prev;	/* the last one, whose d_off the next sets */
	size_t used, size;
	int error;			/* -EINVAL: not even the first entry fit */
};

/* struct linux_dirent64's size with a @namlen-byte name and its NUL, 8-byte aligned. */
static size_t dirent64_reclen(int namlen)
{
	return (offsetof(struct linux_dirent64, d_name) + (size_t)namlen + 1 + 7) & ~(size_t)7;
}

static int filldir64(struct dir_context *ctx, const char *name, int namlen, loff_t offset,
		     u64 ino, unsigned int d_type)
{
	struct getdents_callback64 *cb = container_of(ctx, struct getdents_callback64, ctx);
	size_t reclen = dirent64_reclen(namlen);
	struct linux_dirent64 *d;

	if (reclen > cb->size - cb->used) {
		cb->error = -EINVAL;	/* reported only if nothing fit */
		return -EINVAL;
	}
	if (cb->prev)
		cb->prev->d_off = offset;
	d = (struct linux_dirent64 *)(cb->buf + cb->used);
	memset(d, 0, reclen);
	d->d_ino = ino;
	d->d_off = 0;
	d->d_reclen = (unsigned short)reclen;
	d->d_type = (unsigned char)d_type;
	memcpy(d->d_name, name, (size_t)namlen);
	cb->prev = d;
	cb->used += reclen;
	return 0;
}

/* getdents64(fd, dirent, count): bytes of records, 0 at the end, -EINVAL if @count is too small. */
SYSCALL_DEFINE(getdents64)
{
	struct getdents_callback64 cb = { .ctx.actor = filldir64 };
	struct file *f;
	long err;

	f = fget((unsigned int)a0);
	if (!f)
		return -EBADF;
	cb.size = min_t(size_t, a2, 64 * 1024);
	cb.buf = kmalloc(cb.size ? cb.size : 1, GFP_KERNEL);
	err = -ENOMEM;
	if (cb.buf) {
		mutex_lock(&f->f_pos_lock);
		err = iterate_dir(f, &cb.ctx);
		mutex_unlock(&f->f_pos_lock);
		if (cb.prev) {
			cb.prev->d_off = cb.ctx.pos;
			err = copy_to_user((void __user *)a1, cb.buf, cb.used) ? -EFAULT : (long)cb.used;
		} else if (!err) {
			err = cb.error;
		}
		kfree(cb.buf);
	}
	fput(f);
	return err;
}
