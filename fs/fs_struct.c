/*
 * Per-task root, cwd and umask (linux/fs_struct.h) and the calls that
 * change or read them: chdir, fchdir, chroot, getcwd, umask. After
 * Linux's fs/fs_struct.c, fs/open.c (chdir, chroot) and fs/d_path.c
 * (getcwd); leaves out "(unreachable)" for a cwd outside the root
 * (its path from the namespace's root is returned) and " (deleted)".
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/fdtable.h>
#include <linux/namei.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
#include <uapi/sched.h>
#include <uapi/fcntl.h>
#include "internal.h"

struct fs_struct init_fs = {
	.users = 1,
	.lock = __SPIN_LOCK_UNLOCKED,
	.umask = 0022,
};

/* Point @slot (fs->root or fs->pwd) at @path, dropping what it held. */
static void set_fs_path(struct fs_struct *fs, struct path *slot, const struct path *path)
{
	struct path old;

	path_get(path);
	spin_lock(&fs->lock);
	old = *slot;
	*slot = *path;
	spin_unlock(&fs->lock);
	if (old.dentry)
		path_put(&old);
}

void set_fs_root(struct fs_struct *fs, const struct path *path)
{
	set_fs_path(fs, &fs->root, path);
}

void set_fs_pwd(struct fs_struct *fs, const struct path *path)
{
	set_fs_path(fs, &fs->pwd, path);
}

void set_init_fs_root(void)
{
	struct path root;

	get_fs_root(&root);
	set_fs_root(&init_fs, &root);
	set_fs_pwd(&init_fs, &root);
	path_put(&root);
}

/* @fs's @which (root or pwd) with references, or the namespace's "/" if unset. */
static void get_fs_path(struct fs_struct *fs, const struct path *which, struct path *out)
{
	if (fs) {
		spin_lock(&fs->lock);
		if (which->dentry) {
			*out = *which;
			path_get(out);
			spin_unlock(&fs->lock);
			return;
		}
		spin_unlock(&fs->lock);
	}
	get_fs_root(out);
}

void get_current_root(struct path *root)
{
	struct fs_struct *fs = current->fs;

	get_fs_path(fs, fs ? &fs->root : NULL, root);
}

void get_current_pwd(struct path *pwd)
{
	struct fs_struct *fs = current->fs;

	get_fs_path(fs, fs ? &fs->pwd : NULL, pwd);
}

umode_t current_umask(void)
{
	return current->fs ? (umode_t)READ_ONCE(current->fs->umask) : 0022;
}

/* A copy of @old with its own references, or NULL. */
static struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->users = 1;
	spin_lock_init(&fs->lock);
	spin_lock(&old->lock);
	fs->umask = old->umask;
	fs->root = old->root;
	fs->pwd = old->pwd;
	if (fs->root.dentry)
		path_get(&fs->root);
	if (fs->pwd.dentry)
		path_get(&fs->pwd);
	spin_unlock(&old->lock);
	return fs;
}

int copy_fs(unsigned long clone_flags, struct task_struct *tsk)
{
	struct fs_struct *fs = current->fs;

	if (!fs) {
		tsk->fs = NULL;
		return 0;
	}
	if (clone_flags & CLONE_FS) {
		__atomic_add_fetch(&fs->users, 1, __ATOMIC_ACQ_REL);
		tsk->fs = fs;
		return 0;
	}
	tsk->fs = copy_fs_struct(fs);
	return tsk->fs ? 0 : -ENOMEM;
}

void exit_fs(struct task_struct *tsk)
{
	struct fs_struct *fs = tsk->fs;

	if (!fs)
		return;
	tsk->fs = NULL;
	if (__atomic_sub_fetch(&fs->users, 1, __ATOMIC_ACQ_REL))
		return;
	if (WARN_ON(fs == &init_fs))
		return;
	if (fs->root.dentry)
		path_put(&fs->root);
	if (fs->pwd.dentry)
		path_put(&fs->pwd);
	kfree(fs);
}

/* ---- the system calls ---- */

/* current's fs_struct; kernel threads without one share init_fs from here on. */
static struct fs_struct *current_fs(void)
{
	if (!current->fs) {
		__atomic_add_fetch(&init_fs.users, 1, __ATOMIC_ACQ_REL);
		current->fs = &init_fs;
	}
	return current->fs;
}

/* May current make @path its cwd or root? A directory it can search. */
static int may_chdir(const struct path *path)
{
	struct inode *inode = path->dentry->d_inode;

	if (!S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	return inode_permission(inode, MAY_EXEC);
}

SYSCALL_DEFINE(chdir)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, (const char __user *)a0, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
			       &path);

	if (err)
		return err;
	err = may_chdir(&path);
	if (!err)
		set_fs_pwd(current_fs(), &path);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE(fchdir)
{
	struct file *file = fget_raw((unsigned int)a0);
	int err;

	if (!file)
		return -EBADF;
	err = may_chdir(&file->f_path);
	if (!err)
		set_fs_pwd(current_fs(), &file->f_path);
	fput(file);
	return err;
}

SYSCALL_DEFINE(chroot)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, (const char __user *)a0, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
			       &path);

	if (err)
		return err;
	err = may_chdir(&path);
	if (!err && !fsuid_is_root())
		err = -EPERM;
	if (!err)
		set_fs_root(current_fs(), &path);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE(umask)
{
	struct fs_struct *fs = current_fs();
	int old;

	spin_lock(&fs->lock);
	old = fs->umask;
	fs->umask = (int)(a0 & 0777);
	spin_unlock(&fs->lock);
	return old;
}

/*
 * getcwd(buf, size): the cwd's path from current's root, NUL-terminated,
 * into @buf; its length with the NUL. -ERANGE if @size is too small,
 * -EFAULT, -ENAMETOOLONG past PATH_MAX.
 */
SYSCALL_DEFINE(getcwd)
{
	char __user *ubuf = (char __user *)a0;
	unsigned long size = a1;
	struct path root, pwd;
	char *page = kmalloc(PATH_MAX, GFP_KERNEL), *p;
	long len;

	if (!page)
		return -ENOMEM;
	get_current_root(&root);
	get_current_pwd(&pwd);
	p = path_from_root(&pwd, &root, page, PATH_MAX);
	path_put(&pwd);
	path_put(&root);
	if (IS_ERR(p)) {
		len = PTR_ERR(p);
	} else {
		len = (long)strlen(p) + 1;
		if ((unsigned long)len > size)
			len = -ERANGE;
		else if (copy_to_user(ubuf, p, (unsigned long)len))
			len = -EFAULT;
	}
	kfree(page);
	return len;
}
