/*
 * Changing attributes: notify_change (chmod, chown, truncate, utimes all
 * end here) with setattr_prepare's permission checks and setattr_copy,
 * and utimes by path. After Linux 4.x fs/attr.c and fs/utimes.c; leaves
 * out ATTR_KILL_SUID handling on write, ACLs and leases.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/cred.h>
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
	    (current_fsuid() != inode->i_uid || attr->ia_gid != current_fsgid()))
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
		if (!fsuid_is_root() && inode->i_gid != current_fsgid())
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
