/*
 * Path walk (fs/namei.c): a name to a dentry, component by component,
 * crossing mount points, following symlinks (at most MAXSYMLINKS), with
 * "." and ".." (which stops at the root). Linux's kern_path API.
 */
#ifndef _LINUX_NAMEI_H
#define _LINUX_NAMEI_H

#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/mount.h>

#ifndef __user
#define __user		/* a user pointer (asm/uaccess.h) */
#endif

#define MAXSYMLINKS	40

#define LOOKUP_FOLLOW		0x0001	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x0002	/* the last component must be a directory */
#define LOOKUP_PARENT		0x0010
#define LOOKUP_EMPTY		0x4000	/* added by H-fs: "" names the dirfd itself (AT_EMPTY_PATH) */

/* Walks @name (absolute, or relative to current's cwd: "/" for kernel threads). 0 or -Exxx; path_put later. */
int kern_path(const char *name, unsigned int flags, struct path *path);
/* The parent of @name's last component, locked, and a dentry for that component (maybe negative). ERR_PTR on failure; done_path_create ends it. */
struct dentry *kern_path_create(const char *name, struct path *path, unsigned int lookup_flags);
void done_path_create(struct path *path, struct dentry *dentry);
/* The child @name of @base, found or looked up (base's inode locked): a dentry or ERR_PTR. */
struct dentry *lookup_one_len(const char *name, struct dentry *base, int len);
void path_get(const struct path *path);
void path_put(const struct path *path);

/* The kernel's namespace calls by path (what the syscalls will call). */
int vfs_path_mkdir(const char *path, umode_t mode);
int vfs_path_rmdir(const char *path);
int vfs_path_unlink(const char *path);
int vfs_path_symlink(const char *target, const char *path);
int vfs_path_link(const char *oldpath, const char *newpath);
int vfs_path_rename(const char *oldpath, const char *newpath);
int vfs_path_mknod(const char *path, umode_t mode, dev_t dev);
int vfs_path_stat(const char *path, struct kstat *stat, bool follow);
int vfs_path_readlink(const char *path, char *buf, int buflen);
int vfs_path_truncate(const char *path, loff_t length);
int vfs_path_utimes(const char *path, const struct timespec64 *atime, const struct timespec64 *mtime);

/* added by H-fs: walks from a directory descriptor (AT_FDCWD: current's cwd), fs/namei.c */
int filename_lookup(int dfd, const char *name, unsigned int flags, struct path *path);
struct dentry *filename_create(int dfd, const char *name, struct path *path,
			       unsigned int lookup_flags);
/* A user string copied into a new PATH_MAX buffer (putname it): ERR_PTR(-EFAULT, -ENAMETOOLONG). */
char *getname(const char __user *uname);
void putname(char *name);
/* filename_lookup of a user string. 0 or -Exxx. */
int user_path_at(int dfd, const char __user *name, unsigned int flags, struct path *path);
int do_mkdirat(int dfd, const char *name, umode_t mode);
int do_mknodat(int dfd, const char *name, umode_t mode, dev_t dev);
int do_symlinkat(const char *target, int dfd, const char *name);
int do_linkat(int olddfd, const char *oldpath, int newdfd, const char *newpath,
	      unsigned int lookup_flags);
int do_rmdir(int dfd, const char *name);
int do_unlinkat(int dfd, const char *name);
int do_renameat2(int olddfd, const char *oldpath, int newdfd, const char *newpath,
		 unsigned int flags);
int do_readlinkat(int dfd, const char *name, char *buf, int buflen);

#endif
