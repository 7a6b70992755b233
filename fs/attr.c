/*
 * Changing attributes: notify_change (chmod, chown, truncate, utimes all
 * end here) with setattr_prepare's permission checks and setattr_copy,
 * utimes by path, and utimensat(2). After Linux 4.x fs/attr.c and
 * fs/utimes.c; leaves out ATTR_KILL_SUID handling on write, ACLs and leases.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/cred.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
#include <uapi/time.h>
#include <uapi/fcntl.h>
#include "internal.h"

#define ATTR_TIMES_SET	(ATTR_ATIME_SET | ATTR_MTIME_SET)

/* Is the current task @inode's owner, or root? */
static bool owner_or_root(const struct inode *inode)
{
	return fsuid_is_root() || current_fsuid() == inode->i_uid;
}

/* May the size become @size? -EINVAL (negative), -EFBIG (past the file system's limit). */
static int inode_newsize_ok(const struct inode *inode, loff_t size)
{
	if (size < 0)
		return -EINVAL;
	if (size > inode->i_sb->s_maxbytes)
		return -EFBIG;
	return 0;
}

/*
 * May @attr be applied to @dentry's inode by the current task? Owner
 * changes are root's (a group change also the owner's, to its own
 * group); mode and explicit times need the owner or root; "times to now"
 * also anyone who may write. 0, -EPERM, -EACCES, or the size's error.
 */
int setattr_prepare(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;
	unsigned int v = attr->ia_valid;
	int err;

	if (v & ATTR_SIZE) {
		err = inode_newsize_ok(inode, attr->ia_size);
		if (err)
			return err;
	}
	if ((v & ATTR_UID) && attr->ia_uid != inode->i_uid && !fsuid_is_root())
		return -EPERM;
	if ((v & ATTR_GID) && !fsuid_is_root() &&
	    (current_fsuid() != inode->i_uid || !in_group_p(attr->ia_gid)))
		return -EPERM;
	if ((v & ATTR_MODE) && !owner_or_root(inode))
		return -EPERM;
	if ((v & ATTR_TIMES_SET) && !owner_or_root(inode))
		return -EPERM;
	if ((v & (ATTR_ATIME | ATTR_MTIME)) && !(v & ATTR_TIMES_SET) && !(v & ATTR_SIZE) &&
	    !owner_or_root(inode))
		return inode_permission(inode, MAY_WRITE);
	return 0;
}

/* Copies @attr's owner, times and mode into @inode (the set-group-ID bit cleared when it must go). */
void setattr_copy(struct inode *inode, const struct iattr *attr)
{
	unsigned int v = attr->ia_valid;
	umode_t mode;

	if (v & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (v & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (v & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (v & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	if (v & ATTR_CTIME)
		inode->i_ctime = attr->ia_ctime;
	if (v & ATTR_MODE) {
		mode = attr->ia_mode;
		if (!fsuid_is_root() && !in_group_p(inode->i_gid))
			mode &= ~S_ISGID;
		inode->i_mode = (inode->i_mode & S_IFMT) | (mode & S_IALLUGO);
	}
}

/*
 * Applies @attr to @dentry's inode (its lock held by the caller): times
 * not given explicitly become now, ctime always; then i_op->setattr (or
 * simple_setattr). -EPERM for an immutable or append-only file, the
 * file system's error. May sleep.
 */
int notify_change(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;
	struct timespec64 now = current_time(inode);
	unsigned int v = attr->ia_valid;

	if ((v & (ATTR_MODE | ATTR_UID | ATTR_GID | ATTR_ATIME | ATTR_MTIME | ATTR_SIZE)) &&
	    (inode->i_flags & (S_IMMUTABLE | S_APPEND)))
		return -EPERM;
	if ((v & ATTR_MODE) && !(v & ATTR_SIZE))
		attr->ia_mode = (attr->ia_mode & S_IALLUGO) | (inode->i_mode & S_IFMT);
	attr->ia_ctime = now;
	attr->ia_valid |= ATTR_CTIME;
	if ((v & ATTR_ATIME) && !(v & ATTR_ATIME_SET))
		attr->ia_atime = now;
	if ((v & ATTR_MTIME) && !(v & ATTR_MTIME_SET))
		attr->ia_mtime = now;
	if (inode->i_op && inode->i_op->setattr)
		return inode->i_op->setattr(dentry, attr);
	return simple_setattr(dentry, attr);
}

/*
 * utimes(2) by path: the given atime and mtime, or both now when both
 * are NULL (which the owner or anyone who may write can do). -EROFS,
 * -EPERM, -EACCES, the walk's errors.
 */
int vfs_path_utimes(const char *name, const struct timespec64 *atime,
		    const struct timespec64 *mtime)
{
	struct iattr attr = { .ia_valid = ATTR_CTIME };
	struct path path;
	int err = kern_path(name, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	attr.ia_valid |= ATTR_ATIME | ATTR_MTIME;
	if (atime) {
		attr.ia_atime = *atime;
		attr.ia_valid |= ATTR_ATIME_SET;
	}
	if (mtime) {
		attr.ia_mtime = *mtime;
		attr.ia_valid |= ATTR_MTIME_SET;
	}
	err = mnt_want_write(path.mnt);
	if (!err) {
		inode_lock(path.dentry->d_inode);
		err = notify_change(path.dentry, &attr);
		inode_unlock(path.dentry->d_inode);
		mnt_drop_write(path.mnt);
	}
	path_put(&path);
	return err;
}

/* ---- utimensat ---- */

#define UTIME_NOW	((1L << 30) - 1L)
#define UTIME_OMIT	((1L << 30) - 2L)

/* One of utimensat's times: -EINVAL unless UTIME_NOW, UTIME_OMIT or a valid nanosecond count. */
static int utime_check(const struct __kernel_timespec *t)
{
	if (t->tv_nsec == UTIME_NOW || t->tv_nsec == UTIME_OMIT)
		return 0;
	return t->tv_nsec < 0 || t->tv_nsec > 999999999 ? -EINVAL : 0;
}

/* The ATTR_* bits and time for one of the pair (@times NULL: now). */
static void utime_attr(const struct __kernel_timespec *t, unsigned int set_bit, unsigned int bit,
		       struct timespec64 *out, unsigned int *valid)
{
	if (t && t->tv_nsec == UTIME_OMIT)
		return;
	*valid |= bit;
	if (t && t->tv_nsec != UTIME_NOW) {
		out->tv_sec = t->tv_sec;
		out->tv_nsec = (long)t->tv_nsec;
		*valid |= set_bit;
	}
}

/* Sets @path's times as utimensat's @times say (NULL: both now). 0 or -Exxx. */
static int vfs_utimes(const struct path *path, const struct __kernel_timespec *times)
{
	struct iattr attr = { .ia_valid = ATTR_CTIME };
	int err;

	utime_attr(times, ATTR_ATIME_SET, ATTR_ATIME, &attr.ia_atime, &attr.ia_valid);
	utime_attr(times ? times + 1 : NULL, ATTR_MTIME_SET, ATTR_MTIME, &attr.ia_mtime,
		   &attr.ia_valid);
	err = mnt_want_write(path->mnt);
	if (err)
		return err;
	inode_lock(path->dentry->d_inode);
	err = setattr_prepare(path->dentry, &attr);
	if (!err)
		err = notify_change(path->dentry, &attr);
	inode_unlock(path->dentry->d_inode);
	mnt_drop_write(path->mnt);
	return err;
}

/*
 * utimensat(dfd, name, times, flags): @name NULL means @dfd's own file
 * (futimens); @times NULL means both now; UTIME_NOW and UTIME_OMIT per
 * time. -EINVAL for bad flags or nanoseconds, -EFAULT, -EBADF, -EPERM,
 * -EACCES, -EROFS.
 */
SYSCALL_DEFINE(utimensat)
{
	const char __user *uname = (const char __user *)a1;
	struct __kernel_timespec t[2], *times = NULL;
	int dfd = (int)a0, flags = (int)a3, err;
	unsigned int lookup = LOOKUP_FOLLOW;
	struct path path;
	struct file *f;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (a2) {
		if (copy_from_user(t, (const void __user *)a2, sizeof(t)))
			return -EFAULT;
		if (utime_check(&t[0]) || utime_check(&t[1]))
			return -EINVAL;
		if (t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT)
			return 0;
		times = t;
	}
	if (!uname) {
		if (flags & AT_SYMLINK_NOFOLLOW)
			return -EINVAL;
		f = dfd == AT_FDCWD ? NULL : fget_raw((unsigned int)dfd);
		if (!f)
			return -EBADF;
		err = vfs_utimes(&f->f_path, times);
		fput(f);
		return err;
	}
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup = 0;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = user_path_at(dfd, uname, lookup, &path);
	if (err)
		return err;
	err = vfs_utimes(&path, times);
	path_put(&path);
	return err;
}
