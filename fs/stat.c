/*
 * stat and statfs: an inode's attributes as struct kstat (i_op->getattr
 * or generic_fillattr) and a file system's counts (s_op->statfs), and the
 * stat system calls fstat, newfstatat and statx. After Linux 4.x
 * fs/stat.c and fs/statfs.c; leaves out statx's extra fields (birth
 * time, mount id, attributes) and AT_STATX_FORCE_SYNC (nothing is remote).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/dcache.h>
#include <linux/namei.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
#include <uapi/stat.h>
#include <uapi/fcntl.h>
#include "internal.h"

/* statfs f_flags (Linux's ST_* values). */
#define ST_RDONLY	0x0001
#define ST_NOSUID	0x0002
#define ST_NODEV	0x0004
#define ST_NOEXEC	0x0008
#define ST_NOATIME	0x0400
#define ST_RELATIME	0x1000

/* The attributes every inode has, copied into @stat. */
void generic_fillattr(struct inode *inode, struct kstat *stat)
{
	stat->dev = inode->i_sb->s_dev;
	stat->ino = inode->i_ino;
	stat->mode = inode->i_mode;
	stat->nlink = inode->i_nlink;
	stat->uid = inode->i_uid;
	stat->gid = inode->i_gid;
	stat->rdev = inode->i_rdev;
	stat->size = i_size_read(inode);
	stat->atime = inode->i_atime;
	stat->mtime = inode->i_mtime;
	stat->ctime = inode->i_ctime;
	stat->blksize = 1UL << inode->i_blkbits;
	stat->blocks = inode->i_blocks;
}

/* stat of @path: i_op->getattr, or generic_fillattr. 0 or -Exxx. */
int vfs_getattr(const struct path *path, struct kstat *stat)
{
	struct inode *inode = path->dentry->d_inode;

	memset(stat, 0, sizeof(*stat));
	if (inode->i_op && inode->i_op->getattr)
		return inode->i_op->getattr(path, stat);
	generic_fillattr(inode, stat);
	return 0;
}

/* The ST_* flags of @mnt for statfs. */
static long statfs_flags(const struct vfsmount *mnt)
{
	long f = ST_RELATIME;

	if (__mnt_is_readonly(mnt))
		f |= ST_RDONLY;
	if (mnt->mnt_flags & MNT_NOSUID)
		f |= ST_NOSUID;
	if (mnt->mnt_flags & MNT_NODEV)
		f |= ST_NODEV;
	if (mnt->mnt_flags & MNT_NOEXEC)
		f |= ST_NOEXEC;
	if ((mnt->mnt_flags & MNT_NOATIME) || (mnt->mnt_sb->s_flags & SB_NOATIME))
		f = (f & ~ST_RELATIME) | ST_NOATIME;
	return f;
}

/*
 * statfs of the file system holding @path: s_op->statfs fills the counts,
 * the mount gives f_flags. 0, -ENOSYS if the file system cannot say,
 * or its error.
 */
int vfs_statfs(const struct path *path, struct kstatfs *buf)
{
	struct super_block *sb = path->dentry->d_sb;
	int err;

	memset(buf, 0, sizeof(*buf));
	if (!sb->s_op || !sb->s_op->statfs)
		return -ENOSYS;
	err = sb->s_op->statfs(path->dentry, buf);
	if (err)
		return err;
	if (!buf->f_frsize)
		buf->f_frsize = buf->f_bsize;
	buf->f_flags = statfs_flags(path->mnt);
	return 0;
}

/* ---- the system calls ---- */

/* struct stat for user space from @st (cp_new_stat). 0 or -EFAULT. */
static int cp_new_stat(const struct kstat *st, struct stat __user *ubuf)
{
	struct stat tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.st_dev = new_encode_dev(st->dev);
	tmp.st_ino = st->ino;
	tmp.st_mode = st->mode;
	tmp.st_nlink = st->nlink;
	tmp.st_uid = st->uid;
	tmp.st_gid = st->gid;
	tmp.st_rdev = new_encode_dev(st->rdev);
	tmp.st_size = st->size;
	tmp.st_blksize = (int)st->blksize;
	tmp.st_blocks = (long)st->blocks;
	tmp.st_atime = st->atime.tv_sec;
	tmp.st_atime_nsec = st->atime.tv_nsec;
	tmp.st_mtime = st->mtime.tv_sec;
	tmp.st_mtime_nsec = st->mtime.tv_nsec;
	tmp.st_ctime = st->ctime.tv_sec;
	tmp.st_ctime_nsec = st->ctime.tv_nsec;
	return copy_to_user(ubuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

/* LOOKUP_* for the stat calls' AT_* @flags; -EINVAL for others than @allowed. */
static int stat_lookup_flags(int flags, int allowed, unsigned int *lookup)
{
	if (flags & ~allowed)
		return -EINVAL;
	*lookup = LOOKUP_FOLLOW;
	if (flags & AT_SYMLINK_NOFOLLOW)
		*lookup &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		*lookup |= LOOKUP_EMPTY;
	return 0;
}

/* stat of what @uname names from @dfd (@lookup flags) into @st. */
static int vfs_statx(int dfd, const char __user *uname, unsigned int lookup, struct kstat *st)
{
	struct path path;
	int err = user_path_at(dfd, uname, lookup, &path);

	if (err)
		return err;
	err = vfs_getattr(&path, st);
	path_put(&path);
	return err;
}

/* The open descriptor @fd's attributes (O_PATH ones too). */
static int vfs_fstat(unsigned int fd, struct kstat *st)
{
	struct file *f = fget_raw(fd);
	int err;

	if (!f)
		return -EBADF;
	err = vfs_getattr(&f->f_path, st);
	fput(f);
	return err;
}

SYSCALL_DEFINE(fstat)
{
	struct kstat st;
	int err = vfs_fstat((unsigned int)a0, &st);

	return err ? err : cp_new_stat(&st, (struct stat __user *)a1);
}

/* newfstatat(dfd, name, statbuf, flags): AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, AT_NO_AUTOMOUNT. */
SYSCALL_DEFINE(newfstatat)
{
	unsigned int lookup;
	struct kstat st;
	int err = stat_lookup_flags((int)a3, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT,
				    &lookup);

	if (!err)
		err = vfs_statx((int)a0, (const char __user *)a1, lookup, &st);
	return err ? err : cp_new_stat(&st, (struct stat __user *)a2);
}

static void statx_time(struct statx_timestamp *t, const struct timespec64 *ts)
{
	t->tv_sec = ts->tv_sec;
	t->tv_nsec = (u32)ts->tv_nsec;
}

/* struct statx for user space from @st: the basic fields, whatever @mask asked. */
static int cp_statx(const struct kstat *st, struct statx __user *ubuf)
{
	struct statx tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.stx_mask = STATX_BASIC_STATS;
	tmp.stx_blksize = (u32)st->blksize;
	tmp.stx_nlink = st->nlink;
	tmp.stx_uid = st->uid;
	tmp.stx_gid = st->gid;
	tmp.stx_mode = st->mode;
	tmp.stx_ino = st->ino;
	tmp.stx_size = (u64)st->size;
	tmp.stx_blocks = st->blocks;
	statx_time(&tmp.stx_atime, &st->atime);
	statx_time(&tmp.stx_ctime, &st->ctime);
	statx_time(&tmp.stx_mtime, &st->mtime);
	tmp.stx_rdev_major = MAJOR(st->rdev);
	tmp.stx_rdev_minor = MINOR(st->rdev);
	tmp.stx_dev_major = MAJOR(st->dev);
	tmp.stx_dev_minor = MINOR(st->dev);
	return copy_to_user(ubuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

/*
 * statx(dfd, name, flags, mask, buf): -EINVAL for unknown flags, both
 * sync types at once, or STATX__RESERVED in @mask. stx_mask says the
 * basic fields are filled (no birth time, no mount id).
 */
SYSCALL_DEFINE(statx)
{
	int flags = (int)a2;
	unsigned int lookup;
	struct kstat st;
	int err;

	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (a3 & STATX__RESERVED))
		return -EINVAL;
	err = stat_lookup_flags(flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT |
				AT_STATX_SYNC_TYPE, &lookup);
	if (!err)
		err = vfs_statx((int)a0, (const char __user *)a1, lookup, &st);
	return err ? err : cp_statx(&st, (struct statx __user *)a4);
}
