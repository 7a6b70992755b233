/*
 * statfs(2) and fstatfs(2): vfs_statfs (fs/stat.c) copied out as the
 * generic 64-bit struct statfs (include/uapi/statfs.h). After Linux's
 * fs/statfs.c; leaves out ustat and the 32-bit statfs64 pair.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
#include <uapi/statfs.h>
#include <uapi/fcntl.h>

/* @st as user space's struct statfs at @ubuf. 0 or -EFAULT. */
static int do_statfs_native(const struct kstatfs *st, struct statfs __user *ubuf)
{
	struct statfs tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.f_type = st->f_type;
	tmp.f_bsize = st->f_bsize;
	tmp.f_blocks = (long)st->f_blocks;
	tmp.f_bfree = (long)st->f_bfree;
	tmp.f_bavail = (long)st->f_bavail;
	tmp.f_files = (long)st->f_files;
	tmp.f_ffree = (long)st->f_ffree;
	tmp.f_fsid.val[0] = (int)(u32)st->f_fsid;
	tmp.f_fsid.val[1] = (int)(u32)(st->f_fsid >> 32);
	tmp.f_namelen = st->f_namelen;
	tmp.f_frsize = st->f_frsize;
	tmp.f_flags = st->f_flags;
	return copy_to_user(ubuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

SYSCALL_DEFINE(statfs)
{
	struct kstatfs st;
	struct path path;
	int err = user_path_at(AT_FDCWD, (const char __user *)a0, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = vfs_statfs(&path, &st);
	path_put(&path);
	return err ? err : do_statfs_native(&st, (struct statfs __user *)a1);
}

SYSCALL_DEFINE(fstatfs)
{
	struct file *f = fget_raw((unsigned int)a0);
	struct kstatfs st;
	int err;

	if (!f)
		return -EBADF;
	err = vfs_statfs(&f->f_path, &st);
	fput(f);
	return err ? err : do_statfs_native(&st, (struct statfs __user *)a1);
}
