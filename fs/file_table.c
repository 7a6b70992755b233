/*
 * Open files: struct file allocation, references (get_file, fput) and the
 * last fput's __fput, which calls f_op->release (seed 003's close path:
 * __fput -> blkdev_close -> blkdev_put). After Linux 4.x fs/file_table.c;
 * the last fput runs __fput at once (Linux defers it to task_work on the
 * way back to user space, which rivet does not have yet).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include "internal.h"

static struct kmem_cache *filp_cachep;
static unsigned long nr_files;	/* open struct files (atomic) */

/* Boot: the "filp" slab. */
void files_init(void)
{
	filp_cachep = kmem_cache_create("filp", sizeof(struct file), 0, SLAB_PANIC, NULL);
}

/* Struct files in use now. */
unsigned long nr_open_files(void)
{
	return __atomic_load_n(&nr_files, __ATOMIC_RELAXED);
}

/* A zeroed file with one reference, or NULL without memory. May sleep. */
struct file *get_empty_filp(void)
{
	struct file *f = kmem_cache_zalloc(filp_cachep, GFP_KERNEL);

	if (!f)
		return NULL;
	vfs_atomic_set(&f->f_count, 1);
	spin_lock_init(&f->f_lock);
	mutex_init(&f->f_pos_lock);
	__atomic_add_fetch(&nr_files, 1, __ATOMIC_RELAXED);
	return f;
}

/* Frees a file that was never opened (its path not taken). */
void put_filp(struct file *file)
{
	__atomic_sub_fetch(&nr_files, 1, __ATOMIC_RELAXED);
	kmem_cache_free(filp_cachep, file);
}

/* One more reference to @f. */
struct file *get_file(struct file *f)
{
	vfs_atomic_inc_return(&f->f_count);
	return f;
}

/*
 * The last reference is gone: f_op->release, then the write access, the
 * dentry (an unlinked file's inode goes with it) and the mount. May sleep.
 */
static void __fput(struct file *file)
{
	struct dentry *dentry = file->f_path.dentry;
	struct vfsmount *mnt = file->f_path.mnt;
	struct inode *inode = file->f_inode;

	if (file->f_op && file->f_op->release)
		file->f_op->release(inode, file);
	if (file->f_mode & FMODE_WRITER)
		mnt_drop_write(mnt);
	dput(dentry);
	mntput(mnt);
	put_filp(file);
}

/* Drops a reference to @file; the last one closes it (__fput). May sleep. */
void fput(struct file *file)
{
	int left = vfs_atomic_dec_return(&file->f_count);

	if (WARN_ON(left < 0))
		return;
	if (left == 0)
		__fput(file);
}

/* close(2) of the kernel's file: 0, or -EBADF if it holds no reference. */
int filp_close(struct file *file)
{
	if (vfs_atomic_read(&file->f_count) <= 0) {
		pr_err("VFS: close: file count is 0\n");
		return -EBADF;
	}
	fput(file);
	return 0;
}
