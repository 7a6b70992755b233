/*
 * Opening files (filp_open, dentry_open: the inode's i_fop becomes the
 * file's f_op and f_op->open runs, seed 003's blkdev_open) and truncation
 * (do_truncate, vfs_truncate), and the system calls of Linux 4.x's
 * fs/open.c: openat, truncate, ftruncate, fallocate (no preallocation:
 * -EOPNOTSUPP), faccessat(2), fchmod(at), fchown(at). Leaves out
 * O_TMPFILE, ACLs and leases.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/pagemap.h>
#include <linux/cred.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/syscalls.h>
#include <uapi/fcntl.h>
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
	return do_filp_open(AT_FDCWD, path, flags, mode);
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

static const struct file_operations path_fops;	/* O_PATH files: no operations at all */

struct file *path_open(const struct path *path, int flags)
{
	struct file *f = get_empty_filp();

	if (!f)
		return ERR_PTR(-ENFILE);
	f->f_flags = flags;
	f->f_mode = FMODE_PATH;
	f->f_path = *path;
	path_get(path);
	f->f_inode = path->dentry->d_inode;
	f->f_mapping = f->f_inode->i_mapping;
	f->f_op = &path_fops;
	return f;
}

/* ---- the system calls ---- */

/* The open flags user space may pass (others are ignored, as Linux does). */
#define VALID_OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | \
			  O_NONBLOCK | O_DSYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY | \
			  O_NOFOLLOW | O_NOATIME | O_CLOEXEC | __O_SYNC | O_PATH)

/*
 * openat(dfd, name, flags, mode): a descriptor for the file, the umask
 * applied to a new file's @mode, O_LARGEFILE added (F_GETFL shows it, as
 * on Linux). O_PATH keeps only O_DIRECTORY, O_NOFOLLOW and O_CLOEXEC. -EMFILE, the walk's and the open's errors.
 */
static long do_sys_open(int dfd, const char __user *uname, int flags, umode_t mode)
{
	char *name;
	struct file *f;
	int fd;

	flags &= VALID_OPEN_FLAGS;
	if (flags & O_PATH)
		flags &= O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC;
	else
		flags |= O_LARGEFILE;	/* 64 bits: every file is large (Linux's force_o_largefile) */
	mode = (flags & O_CREAT) ? (mode & S_IALLUGO & ~current_umask()) : 0;
	name = getname(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd_flags((unsigned int)flags);
	if (fd >= 0) {
		f = do_filp_open(dfd, name, flags, mode);
		if (IS_ERR(f)) {
			put_unused_fd((unsigned int)fd);
			fd = (int)PTR_ERR(f);
		} else {
			fd_install((unsigned int)fd, f);
		}
	}
	putname(name);
	return fd;
}

SYSCALL_DEFINE(openat)
{
	return do_sys_open((int)a0, (const char __user *)a1, (int)a2, (umode_t)a3);
}

SYSCALL_DEFINE(truncate)
{
	struct path path;
	int err;

	if ((long)a1 < 0)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, (const char __user *)a0, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	err = vfs_truncate(&path, (loff_t)a1);
	path_put(&path);
	return err;
}

/* ftruncate(fd, length): -EBADF/-EINVAL unless a regular file open for writing. */
SYSCALL_DEFINE(ftruncate)
{
	struct file *f;
	struct inode *inode;
	int err;

	if ((long)a1 < 0)
		return -EINVAL;
	f = fget((unsigned int)a0);
	if (!f)
		return -EBADF;
	inode = file_inode(f);
	if (!S_ISREG(inode->i_mode) || !(f->f_mode & FMODE_WRITE))
		err = -EINVAL;
	else if (inode->i_flags & (S_APPEND | S_IMMUTABLE))
		err = -EPERM;
	else
		err = do_truncate(f->f_path.dentry, (loff_t)a1, ATTR_MTIME | ATTR_CTIME);
	fput(f);
	return err;
}

/* fallocate: -EBADF without write access, -ENODEV for non-files, else -EOPNOTSUPP (no preallocation). */
SYSCALL_DEFINE(fallocate)
{
	struct file *f = fget((unsigned int)a0);
	long err;

	if (!f)
		return -EBADF;
	if ((long)a2 < 0 || (long)a3 <= 0)
		err = -EINVAL;
	else if (!(f->f_mode & FMODE_WRITE))
		err = -EBADF;
	else if (S_ISDIR(file_inode(f)->i_mode))
		err = -EISDIR;
	else if (!S_ISREG(file_inode(f)->i_mode))
		err = -ENODEV;
	else
		err = -EOPNOTSUPP;
	fput(f);
	return err;
}

/*
 * faccessat2(dfd, name, mode, flags): may current read/write/execute
 * (@mode R_OK|W_OK|X_OK, or F_OK 0) the file, by its real ids unless
 * AT_EACCESS. -EINVAL for unknown bits; -EROFS for W_OK on a read-only
 * mount (not for devices); -EACCES.
 */
static long do_faccessat(int dfd, const char __user *uname, int mode, int flags)
{
	unsigned int lookup = LOOKUP_FOLLOW;
	uid_t saved_uid = current_fsuid();
	gid_t saved_gid = current_fsgid();
	struct path path;
	struct inode *inode;
	int err;

	if (mode & ~7)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	if (!(flags & AT_EACCESS))
		set_current_fsids(current_uid(), current_gid());
	err = user_path_at(dfd, uname, lookup, &path);
	if (!err) {
		inode = path.dentry->d_inode;
		/* root's X_OK on a file needs some x bit: generic_permission says so */
		err = mode ? inode_permission(inode, mode & 7) : 0;
		if (!err && (mode & MAY_WRITE) && __mnt_is_readonly(path.mnt) &&
		    !special_file(inode->i_mode))
			err = -EROFS;
		path_put(&path);
	}
	set_current_fsids(saved_uid, saved_gid);
	return err;
}

SYSCALL_DEFINE(faccessat)
{
	return do_faccessat((int)a0, (const char __user *)a1, (int)a2, 0);
}

SYSCALL_DEFINE(faccessat2)
{
	return do_faccessat((int)a0, (const char __user *)a1, (int)a2, (int)a3);
}

/* chmod of @path: mode bits through notify_change. 0, -EROFS, -EPERM. */
static int chmod_common(const struct path *path, umode_t mode)
{
	struct inode *inode = path->dentry->d_inode;
	struct iattr attr = { .ia_valid = ATTR_MODE | ATTR_CTIME, .ia_mode = mode & S_IALLUGO };
	int err = mnt_want_write(path->mnt);

	if (err)
		return err;
	inode_lock(inode);
	err = setattr_prepare(path->dentry, &attr);
	if (!err)
		err = notify_change(path->dentry, &attr);
	inode_unlock(inode);
	mnt_drop_write(path->mnt);
	return err;
}

SYSCALL_DEFINE(fchmod)
{
	struct file *f = fget((unsigned int)a0);
	int err;

	if (!f)
		return -EBADF;
	err = chmod_common(&f->f_path, (umode_t)a1);
	fput(f);
	return err;
}

SYSCALL_DEFINE(fchmodat)
{
	struct path path;
	int err = user_path_at((int)a0, (const char __user *)a1, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = chmod_common(&path, (umode_t)a2);
	path_put(&path);
	return err;
}

/*
 * chown of @path: (uid_t)-1 and (gid_t)-1 leave that id. A non-directory
 * loses its set-user-ID bit, and set-group-ID if group-executable, as
 * Linux does. 0, -EROFS, -EPERM.
 */
static int chown_common(const struct path *path, uid_t user, gid_t group)
{
	struct inode *inode = path->dentry->d_inode;
	struct iattr attr = { .ia_valid = ATTR_CTIME };
	umode_t mode;
	int err = mnt_want_write(path->mnt);

	if (err)
		return err;
	inode_lock(inode);
	if (user != (uid_t)-1) {
		attr.ia_valid |= ATTR_UID;
		attr.ia_uid = user;
	}
	if (group != (gid_t)-1) {
		attr.ia_valid |= ATTR_GID;
		attr.ia_gid = group;
	}
	err = setattr_prepare(path->dentry, &attr);
	mode = inode->i_mode;
	if (!err && !S_ISDIR(mode) && (attr.ia_valid & (ATTR_UID | ATTR_GID)) &&
	    (mode & (S_ISUID | S_ISGID))) {
		mode &= ~S_ISUID;
		if (mode & 00010)
			mode &= ~S_ISGID;
		attr.ia_valid |= ATTR_MODE;
		attr.ia_mode = mode;
	}
	if (!err)
		err = notify_change(path->dentry, &attr);
	inode_unlock(inode);
	mnt_drop_write(path->mnt);
	return err;
}

SYSCALL_DEFINE(fchown)
{
	struct file *f = fget((unsigned int)a0);
	int err;

	if (!f)
		return -EBADF;
	err = chown_common(&f->f_path, (uid_t)a1, (gid_t)a2);
	fput(f);
	return err;
}

SYSCALL_DEFINE(fchownat)
{
	int flags = (int)a4;
	unsigned int lookup = LOOKUP_FOLLOW;
	struct path path;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = user_path_at((int)a0, (const char __user *)a1, lookup, &path);
	if (err)
		return err;
	err = chown_common(&path, (uid_t)a2, (gid_t)a3);
	path_put(&path);
	return err;
}
