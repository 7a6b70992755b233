/*
 * The VFS's internals shared between the fs/ files (not for file systems): the
 * calls one VFS file makes into another, after Linux's fs/internal.h.
 * File systems use include/linux/{fs,dcache,namei,mount}.h only.
 */
#ifndef _FS_INTERNAL_H
#define _FS_INTERNAL_H

#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/mount.h>

/* f_mode bit: the open took mnt_want_write, fput drops it. */
#define FMODE_WRITER	0x10000

/* Small atomic helpers on atomic_t (no linux/atomic.h yet). */
static inline int vfs_atomic_read(const atomic_t *a)
{
	return __atomic_load_n(&a->counter, __ATOMIC_RELAXED);
}
static inline void vfs_atomic_set(atomic_t *a, int v)
{
	__atomic_store_n(&a->counter, v, __ATOMIC_RELAXED);
}
static inline int vfs_atomic_inc_return(atomic_t *a)
{
	return __atomic_add_fetch(&a->counter, 1, __ATOMIC_ACQ_REL);
}
static inline int vfs_atomic_dec_return(atomic_t *a)
{
	return __atomic_sub_fetch(&a->counter, 1, __ATOMIC_ACQ_REL);
}

/* fs/inode.c */
void inode_init(void);
void inode_shrinker_init(void);
/* Takes @inode off the inode hash (it can no longer be found). */
void remove_inode_hash(struct inode *inode);
static inline bool inode_unhashed(const struct inode *inode)
{
	return inode->i_hash.pprev == NULL;
}
/* A unique inode number for a file system without its own (tmpfs, proc). */
/* (declared in fs.h as get_next_ino) */
/* After write-back: an unused clean inode goes (back) on the LRU. */
void inode_add_lru(struct inode *inode);

/* fs/dcache.c */
/* Drops the pinning reference of every positive dentry under @root (kill_litter_super). */
void d_genocide(struct dentry *root);
/* Frees every dentry of @sb, s_root included (umount). */
void shrink_dcache_for_umount(struct super_block *sb);
/* The @n-th positive hashed child of @parent with a reference, or NULL (dcache_readdir). */
struct dentry *d_nth_child(struct dentry *parent, loff_t n);
/* Does @dentry have a positive hashed child? (simple_empty) */
bool d_has_positive_child(struct dentry *dentry);
/* Sets or clears DCACHE_MOUNTED (namespace.c). */
void d_set_mounted(struct dentry *dentry, bool on);
void dcache_shrinker_init(void);
/* If @p1 is an ancestor of @p2: its child on the way to @p2 (lock_rename's trap). */
struct dentry *d_ancestor(struct dentry *p1, struct dentry *p2);
/* Is @dentry (or an ancestor up to its root) @anc? */
bool is_subdir(struct dentry *dentry, struct dentry *anc);

/* fs/namespace.c */
/* The mount on top of (@mnt, @dentry) with a reference, or NULL. */
struct vfsmount *lookup_mnt(const struct path *path);
/* Moves @path up over every mount stacked on it (references moved along). */
void follow_mount(struct path *path);
/* The root of the namespace: the top mount on "/" (references taken). */
void get_fs_root(struct path *root);
/* A mount of @type not in the tree (kern_mount): its vfsmount or ERR_PTR. */
struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags,
				const char *name, void *data);
/* The rootfs: tmpfs mounted as the namespace's root. 0 or -Exxx. */
int init_mount_tree(void);
/* The path of @path seen from @root at the end of @buf (getcwd): its start or ERR_PTR. */
char *path_from_root(const struct path *path, const struct path *root, char *buf, int buflen);
/* Write access taken by open for write, dropped by fput. */
int mnt_writers_of_sb(struct super_block *sb);

/* fs/super.c */
/* Drops a mount's hold on @sb; the last one shuts it down (kill_sb). */
void deactivate_super(struct super_block *sb);
/* Changes @sb's flags (MS_REMOUNT): ro <-> rw through s_op->remount_fs. 0 or -Exxx. */
int do_remount_sb(struct super_block *sb, int flags, void *data);
/* Calls @fn for every active super block, s_umount held. */
void iterate_supers(void (*fn)(struct super_block *sb, void *arg), void *arg);

/* fs/filesystems.c */
/* The registered type after @prev (NULL: the first), for mount_root's probing. */
struct file_system_type *next_fs_type(struct file_system_type *prev);

/* fs/file_table.c */
void files_init(void);
struct file *get_empty_filp(void);
/* Frees a file that was never opened (do_dentry_open failed). */
void put_filp(struct file *file);
unsigned long nr_open_files(void);

/* fs/open.c */
/* Opens (@path) into @f: i_fop, ->open, mode bits. 0 or -Exxx (f untouched by the caller then). */
int do_dentry_open(struct file *f, const struct path *path);
/* An O_PATH file of @path: FMODE_PATH, no f_op, no ->open. The file or ERR_PTR. */
struct file *path_open(const struct path *path, int flags);

/* fs/namei.c: do_filp_open is in linux/fs.h */

/* Device numbers as user space packs them (stat, mknod): major 12 bits at 8, minor split 8 + 12. */
static inline u32 new_encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}
static inline dev_t new_decode_dev(u32 dev)
{
	return MKDEV((dev & 0xfff00) >> 8, (dev & 0xff) | ((dev >> 12) & 0xfff00));
}

/* fs/fs-writeback.c */
/* Takes @inode off the flusher's dirty list (eviction). */
void inode_io_list_del(struct inode *inode);
/* Waits until @inode is not being written back (I_SYNC clear). */
void inode_wait_for_writeback(struct inode *inode);

/* fs/char_dev.c, mm/shmem.c, fs/init.c */
int shmem_init(void);
extern struct file_system_type shmem_fs_type;

#endif
