/*
 * The VFS's objects: super blocks, inodes with their address spaces (the
 * page cache of one file), open files, and the operation tables a file
 * system fills in. Shapes and names follow Linux 4.x (seed 003 walks
 * file->f_op->read_iter and mapping->a_ops->readpages through them);
 * newer names are noted beside the fields. docs/fs.md maps them.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/gfp.h>
#include <linux/radix-tree.h>
#include <linux/uio.h>
#include <linux/kdev_t.h>

struct page;
struct file;
struct inode;
struct dentry;
struct vfsmount;
struct super_block;
struct block_device;
struct writeback_control;
struct kstatfs;
struct kstat;
struct iattr;
struct seq_buf;
struct vm_area_struct;

/* ---- mode bits (the on-disk and ABI values) ---- */
#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		0004000
#define S_ISGID		0002000
#define S_ISVTX		0001000
#define S_IRWXU		00700
#define S_IRUSR		00400
#define S_IWUSR		00200
#define S_IXUSR		00100
#define S_IRWXG		00070
#define S_IRWXO		00007
#define S_IALLUGO	(S_ISUID | S_ISGID | S_ISVTX | 0777)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

/* Directory entry types (readdir's d_type; ext2's file types map to them). */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

/* ---- open flags (asm-generic values, as user space will pass them) ---- */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DSYNC		00010000
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define __O_SYNC	04000000
#define O_SYNC		(__O_SYNC | O_DSYNC)
#define O_PATH		010000000

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4

/* permission masks (inode_permission) */
#define MAY_EXEC	0x1
#define MAY_WRITE	0x2
#define MAY_READ	0x4
#define MAY_APPEND	0x8

/* struct file's f_mode */
#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_LSEEK	0x4
#define FMODE_PREAD	0x8
#define FMODE_PWRITE	0x10
#define FMODE_EXCL	0x80	/* blkdev_get: exclusive open (a mount) */
#define FMODE_PATH	0x4000	/* added by H-fs: an O_PATH file: no I/O, only a place */

/* super_block's s_flags (mount flags) */
#define SB_RDONLY	1
#define SB_NOSUID	2
#define SB_NODEV	4
#define SB_NOEXEC	8
#define SB_SYNCHRONOUS	16
#define SB_DIRSYNC	128
#define SB_NOATIME	1024
#define SB_SILENT	32768
#define SB_ACTIVE	(1U << 30)
#define MS_REMOUNT	32	/* mount(2) flag: change an existing mount */

/* file_system_type's fs_flags */
#define FS_REQUIRES_DEV	1

#define MAX_LFS_FILESIZE	((loff_t)0x7fffffffffffffffLL)

/* ---- time ---- */
struct timespec64 {
	time64_t tv_sec;
	long tv_nsec;
};
/* Wall-clock time now (the RTC-less boards count from the epoch at boot). */
struct timespec64 current_time(struct inode *inode);

/* ---- the page cache of one file ---- */

struct address_space;
struct kiocb;

struct address_space_operations {
	int (*writepage)(struct page *page, struct writeback_control *wbc);
	int (*readpage)(struct file *file, struct page *page);
	/* Write back dirty pages; NULL means generic_writepages. */
	int (*writepages)(struct address_space *mapping, struct writeback_control *wbc);
	/* Mark a page dirty; NULL means __set_page_dirty_buffers (Linux's default). */
	int (*set_page_dirty)(struct page *page);
	/* Read @pages (locked, not in the cache yet; Linux 5.8 has readahead instead). */
	int (*readpages)(struct file *file, struct address_space *mapping,
			 struct list_head *pages, unsigned int nr_pages);
	int (*write_begin)(struct file *file, struct address_space *mapping,
			   loff_t pos, unsigned int len, unsigned int flags,
			   struct page **pagep, void **fsdata);
	int (*write_end)(struct file *file, struct address_space *mapping,
			 loff_t pos, unsigned int len, unsigned int copied,
			 struct page *page, void *fsdata);
	sector_t (*bmap)(struct address_space *mapping, sector_t block);
	/* Part of a locked page is going away (truncate): drop its buffers' state. */
	void (*invalidatepage)(struct page *page, unsigned int offset, unsigned int length);
	/* May the private data (buffers) of a clean page be freed? 1 if freed. */
	int (*releasepage)(struct page *page, gfp_t gfp);
};

/* mapping->flags: write-back errors until the next fsync reads them (filemap_check_errors). */
#define AS_EIO		0
#define AS_ENOSPC	1
#define AS_UNEVICTABLE	2	/* tmpfs without swap: reclaim skips the pages */

struct address_space {
	struct inode *host;
	struct radix_tree_root page_tree;	/* pages by index; Linux 4.17+: i_pages */
	spinlock_t tree_lock;			/* IRQs off: end_page_writeback tags from IRQs */
	unsigned long nrpages;
	pgoff_t writeback_index;		/* where cyclic write-back resumes */
	const struct address_space_operations *a_ops;
	unsigned long flags;			/* AS_* */
	gfp_t gfp_mask;				/* for page-cache pages: GFP_HIGHUSER_MOVABLE */
	struct list_head private_list;		/* buffers of other mappings to write with it (ext2 dirs' metadata) */
	spinlock_t private_lock;		/* pages' buffer rings */
	struct list_head i_mmap;		/* VMAs mapping it (vm_area_struct.shared; mm/rmap.c) */
	spinlock_t i_mmap_lock;			/* i_mmap */
};

/* ---- inodes ---- */

/* i_state bits */
#define I_DIRTY_SYNC		(1U << 0)	/* the inode itself changed (times) */
#define I_DIRTY_DATASYNC	(1U << 1)	/* ... in a way fdatasync must write (size, blocks) */
#define I_DIRTY_PAGES		(1U << 2)	/* its mapping has dirty pages */
#define I_NEW			(1U << 3)	/* being read in by iget_locked's caller */
#define I_WILL_FREE		(1U << 4)
#define I_FREEING		(1U << 5)
#define I_CLEAR			(1U << 6)
#define I_SYNC			(1U << 7)	/* being written back */
#define I_DIRTY_INODE		(I_DIRTY_SYNC | I_DIRTY_DATASYNC)
#define I_DIRTY			(I_DIRTY_INODE | I_DIRTY_PAGES)

struct inode_operations;
struct file_operations;

struct inode {
	umode_t i_mode;
	uid_t i_uid;
	gid_t i_gid;
	unsigned int i_flags;			/* S_* inode flags (S_NOATIME, ...) */
	const struct inode_operations *i_op;
	struct super_block *i_sb;
	struct address_space *i_mapping;	/* usually &i_data */
	unsigned long i_ino;
	unsigned int i_nlink;
	dev_t i_rdev;				/* device files */
	loff_t i_size;
	struct timespec64 i_atime, i_mtime, i_ctime;
	unsigned int i_blkbits;
	blkcnt_t i_blocks;			/* 512-byte units */
	unsigned long i_state;			/* I_* under i_lock */
	spinlock_t i_lock;
	struct mutex i_mutex;			/* Linux 4.7+: i_rwsem; inode_lock() */
	unsigned long dirtied_when;		/* jiffies of the first dirtying */
	struct hlist_node i_hash;		/* inode cache, by (sb, ino) */
	struct list_head i_io_list;		/* on the flusher's dirty list */
	struct list_head i_lru;			/* unused inodes, for the shrinker */
	struct list_head i_sb_list;		/* sb->s_inodes */
	struct list_head i_dentry;		/* dentries naming it */
	atomic_t i_count;
	u32 i_generation;
	const struct file_operations *i_fop;
	struct address_space i_data;
	struct block_device *i_bdev;		/* a block device file: the device */
	void *i_private;			/* the file system's */
};

/* i_flags */
#define S_SYNC		1
#define S_NOATIME	2
#define S_APPEND	4
#define S_IMMUTABLE	8
#define S_DEAD		16

static inline void inode_lock(struct inode *inode) { mutex_lock(&inode->i_mutex); }
static inline void inode_unlock(struct inode *inode) { mutex_unlock(&inode->i_mutex); }

static inline loff_t i_size_read(const struct inode *inode) { return READ_ONCE(inode->i_size); }
static inline void i_size_write(struct inode *inode, loff_t size) { WRITE_ONCE(inode->i_size, size); }

/* ---- open files ---- */

/* Readahead state of one open file (mm/readahead.c). */
struct file_ra_state {
	pgoff_t start;			/* where the current window starts */
	unsigned int size;		/* pages in it */
	unsigned int async_size;	/* start async readahead when this many are left */
	unsigned int ra_pages;		/* the most a window grows to */
	loff_t prev_pos;		/* the last read's position, to tell sequential from random */
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct file {
	struct path f_path;
	struct inode *f_inode;
	const struct file_operations *f_op;
	spinlock_t f_lock;
	atomic_t f_count;
	unsigned int f_flags;		/* O_* from open */
	unsigned int f_mode;		/* FMODE_* */
	struct mutex f_pos_lock;
	loff_t f_pos;
	struct file_ra_state f_ra;
	struct address_space *f_mapping;
	void *private_data;
};

static inline struct inode *file_inode(const struct file *f) { return f->f_inode; }

/* One read or write: the file, where, and how (Linux 4.1+). */
#define IOCB_APPEND	(1U << 1)
#define IOCB_DIRECT	(1U << 2)
#define IOCB_DSYNC	(1U << 4)
#define IOCB_SYNC	(1U << 5)
struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;
	unsigned int ki_flags;
};

static inline void init_sync_kiocb(struct kiocb *kiocb, struct file *filp)
{
	unsigned int f = filp->f_flags;

	kiocb->ki_filp = filp;
	kiocb->ki_pos = 0;
	kiocb->ki_flags = (f & O_APPEND ? IOCB_APPEND : 0) | (f & O_DIRECT ? IOCB_DIRECT : 0) |
			  (f & O_DSYNC ? IOCB_DSYNC : 0) | (f & __O_SYNC ? IOCB_SYNC : 0);
}

/* readdir: the file system calls actor for each entry; pos is where to resume. */
struct dir_context;
typedef int (*filldir_t)(struct dir_context *ctx, const char *name, int namelen,
			 loff_t offset, u64 ino, unsigned int d_type);
struct dir_context {
	filldir_t actor;	/* returns nonzero to stop (the buffer is full) */
	loff_t pos;
};
static inline bool dir_emit(struct dir_context *ctx, const char *name, int namelen,
			    u64 ino, unsigned int type)
{
	return ctx->actor(ctx, name, namelen, ctx->pos, ino, type) == 0;
}

struct poll_table_struct;

struct file_operations {
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	ssize_t (*read)(struct file *file, char *buf, size_t count, loff_t *pos);
	ssize_t (*write)(struct file *file, const char *buf, size_t count, loff_t *pos);
	ssize_t (*read_iter)(struct kiocb *iocb, struct iov_iter *to);
	ssize_t (*write_iter)(struct kiocb *iocb, struct iov_iter *from);
	int (*iterate_shared)(struct file *file, struct dir_context *ctx);	/* readdir */
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct file *file, struct vm_area_struct *vma);	/* set vma->vm_ops (mm/filemap.c) */
	int (*open)(struct inode *inode, struct file *file);
	int (*release)(struct inode *inode, struct file *file);
	int (*fsync)(struct file *file, loff_t start, loff_t end, int datasync);
	/* POLL* bits ready now; registers the waiter with poll_wait (linux/poll.h). */
	unsigned int (*poll)(struct file *file, struct poll_table_struct *pt);
};

struct inode_operations {
	struct dentry *(*lookup)(struct inode *dir, struct dentry *dentry, unsigned int flags);
	/* Linux 4.5+: the target of a symlink, in @buf (PATH_MAX bytes); its length or -Exxx. */
	int (*readlink)(struct dentry *dentry, char *buf, int buflen);
	int (*permission)(struct inode *inode, int mask);
	int (*create)(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *dentry);
	int (*unlink)(struct inode *dir, struct dentry *dentry);
	int (*symlink)(struct inode *dir, struct dentry *dentry, const char *target);
	int (*mkdir)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*rmdir)(struct inode *dir, struct dentry *dentry);
	int (*mknod)(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev);
	int (*rename)(struct inode *old_dir, struct dentry *old_dentry,
		      struct inode *new_dir, struct dentry *new_dentry, unsigned int flags);
	int (*setattr)(struct dentry *dentry, struct iattr *attr);
	int (*getattr)(const struct path *path, struct kstat *stat);
};

/* ---- super blocks and file system types ---- */

struct super_operations {
	struct inode *(*alloc_inode)(struct super_block *sb);
	void (*destroy_inode)(struct inode *inode);
	void (*dirty_inode)(struct inode *inode, int flags);
	int (*write_inode)(struct inode *inode, struct writeback_control *wbc);
	/* 1: free the inode when its last reference goes (default: when unlinked). */
	int (*drop_inode)(struct inode *inode);
	/* Last reference gone: drop pages (truncate_inode_pages_final), free blocks if unlinked. */
	void (*evict_inode)(struct inode *inode);
	void (*put_super)(struct super_block *sb);
	int (*sync_fs)(struct super_block *sb, int wait);
	int (*statfs)(struct dentry *dentry, struct kstatfs *buf);
	int (*remount_fs)(struct super_block *sb, int *flags, char *data);
	/* ",errors=remount-ro" etc. for /proc/mounts. */
	void (*show_options)(struct seq_buf *s, struct dentry *root);
};

struct file_system_type {
	const char *name;
	int fs_flags;			/* FS_REQUIRES_DEV */
	/* Linux 2.6.39..5.x: returns the root dentry of a new (or shared) super block, or ERR_PTR. */
	struct dentry *(*mount)(struct file_system_type *type, int flags,
				const char *dev_name, void *data);
	void (*kill_sb)(struct super_block *sb);
	struct file_system_type *next;
	struct list_head fs_supers;
};

struct super_block {
	struct list_head s_list;	/* all super blocks */
	dev_t s_dev;
	unsigned char s_blocksize_bits;
	unsigned long s_blocksize;
	loff_t s_maxbytes;
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	unsigned long s_flags;		/* SB_* */
	unsigned long s_magic;
	struct dentry *s_root;
	struct mutex s_umount;
	int s_count;			/* references */
	atomic_t s_active;		/* mounts */
	struct block_device *s_bdev;
	struct list_head s_instances;	/* on s_type->fs_supers */
	struct list_head s_inodes;	/* all its inodes */
	spinlock_t s_inode_list_lock;
	u32 s_time_gran;
	char s_id[32];			/* "vda2", for messages */
	void *s_fs_info;		/* the file system's */
	/* added by vfs: the FMODE_* mount_bdev opened s_bdev with (kill_block_super closes it so) */
	unsigned int s_mode;
};

static inline bool sb_rdonly(const struct super_block *sb) { return sb->s_flags & SB_RDONLY; }

/* ---- the VFS calls, fs/ ---- */

int register_filesystem(struct file_system_type *fs);
struct file_system_type *get_fs_type(const char *name);
/* /proc/filesystems */
void filesystems_show(struct seq_buf *s);

/* fs/super.c */
struct dentry *mount_bdev(struct file_system_type *type, int flags, const char *dev_name,
			  void *data, int (*fill_super)(struct super_block *, void *, int));
struct dentry *mount_nodev(struct file_system_type *type, int flags, void *data,
			   int (*fill_super)(struct super_block *, void *, int));
void kill_block_super(struct super_block *sb);
void kill_anon_super(struct super_block *sb);
void kill_litter_super(struct super_block *sb);
void generic_shutdown_super(struct super_block *sb);
/* Sets the block size of @sb's device; the size, or 0 if the device cannot. */
int sb_set_blocksize(struct super_block *sb, int size);
int sb_min_blocksize(struct super_block *sb, int size);

/* fs/inode.c: the inode cache */
void inode_init_once(struct inode *inode);
struct inode *new_inode(struct super_block *sb);
/* The cached inode (@sb, @ino) with a reference, or a new one with I_NEW set (fill it, then unlock_new_inode). NULL: no memory. */
struct inode *iget_locked(struct super_block *sb, unsigned long ino);
void unlock_new_inode(struct inode *inode);
/* Failed to read an I_NEW inode: drop it without writing it. */
void iget_failed(struct inode *inode);
struct inode *igrab(struct inode *inode);
void ihold(struct inode *inode);
void iput(struct inode *inode);
void insert_inode_hash(struct inode *inode);
void clear_inode(struct inode *inode);
void clear_nlink(struct inode *inode);
void set_nlink(struct inode *inode, unsigned int nlink);
void inc_nlink(struct inode *inode);
void drop_nlink(struct inode *inode);
void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode);
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
/* Sets atime on a read unless the mount says noatime. */
void touch_atime(const struct path *path);
int file_update_time(struct file *file);
int generic_drop_inode(struct inode *inode);
/* Frees unused inodes (the shrinker and drop_caches); how many. */
unsigned long prune_icache(unsigned long nr);
unsigned long nr_unused_inodes(void);
/* Writes back and drops every inode of @sb (umount). 0 if none was busy. */
int evict_inodes(struct super_block *sb);
/* added by vfs: an inode number for file systems without their own (tmpfs, proc) */
unsigned int get_next_ino(void);
/* added by vfs: boot, after the disks (fs/init.c): caches, rootfs, root=, flusher */
void vfs_caches_init(void);

/* fs/fs-writeback.c: dirty inodes and the flusher */
void __mark_inode_dirty(struct inode *inode, int flags);
static inline void mark_inode_dirty(struct inode *inode) { __mark_inode_dirty(inode, I_DIRTY); }
static inline void mark_inode_dirty_sync(struct inode *inode) { __mark_inode_dirty(inode, I_DIRTY_SYNC); }
int write_inode_now(struct inode *inode, int sync);
int sync_inode_metadata(struct inode *inode, int wait);
/* Writes @inode's dirty pages and the inode itself as @wbc says. */
int writeback_single_inode(struct inode *inode, struct writeback_control *wbc);
/* Writes back every dirty inode of @sb, waiting (WB_SYNC_ALL). */
void sync_inodes_sb(struct super_block *sb);
void writeback_inodes_sb(struct super_block *sb);

/* fs/sync.c */
int sync_filesystem(struct super_block *sb);
/* sync(2): every file system's data and metadata, and the block devices. */
void ksys_sync(void);
int vfs_fsync_range(struct file *file, loff_t start, loff_t end, int datasync);
int vfs_fsync(struct file *file, int datasync);
int generic_file_fsync(struct file *file, loff_t start, loff_t end, int datasync);

/* fs/read_write.c */
ssize_t __vfs_read(struct file *file, char *buf, size_t count, loff_t *pos);
ssize_t __vfs_write(struct file *file, const char *buf, size_t count, loff_t *pos);
ssize_t vfs_read(struct file *file, char *buf, size_t count, loff_t *pos);
ssize_t vfs_write(struct file *file, const char *buf, size_t count, loff_t *pos);
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t default_llseek(struct file *file, loff_t offset, int whence);
loff_t noop_llseek(struct file *file, loff_t offset, int whence);
/* The kernel's own I/O on a file (kernel buffers). */
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos);
int iterate_dir(struct file *file, struct dir_context *ctx);

/* added by H-fs: fs/ioctl.c: f_op->unlocked_ioctl, -ENOIOCTLCMD turned into -ENOTTY */
long vfs_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

/* fs/open.c and fs/file_table.c */
/* Opens @path for the kernel (O_* flags, @mode for O_CREAT): a file or ERR_PTR(-Exxx). */
struct file *filp_open(const char *path, int flags, umode_t mode);
/* added by H-fs: open's walk from @dfd (AT_FDCWD: the cwd) for @kname, a kernel string. ERR_PTR. */
struct file *do_filp_open(int dfd, const char *kname, int flags, umode_t mode);
struct file *dentry_open(const struct path *path, int flags);
int filp_close(struct file *file);
struct file *get_file(struct file *f);
void fput(struct file *file);
int do_truncate(struct dentry *dentry, loff_t length, unsigned int time_attrs);
int vfs_truncate(const struct path *path, loff_t length);
int generic_file_open(struct inode *inode, struct file *filp);

/* fs/attr.c */
#define ATTR_MODE	(1U << 0)
#define ATTR_UID	(1U << 1)
#define ATTR_GID	(1U << 2)
#define ATTR_SIZE	(1U << 3)
#define ATTR_ATIME	(1U << 4)
#define ATTR_MTIME	(1U << 5)
#define ATTR_CTIME	(1U << 6)
#define ATTR_ATIME_SET	(1U << 7)
#define ATTR_MTIME_SET	(1U << 8)
struct iattr {
	unsigned int ia_valid;
	umode_t ia_mode;
	uid_t ia_uid;
	gid_t ia_gid;
	loff_t ia_size;
	struct timespec64 ia_atime, ia_mtime, ia_ctime;
};
int setattr_prepare(struct dentry *dentry, struct iattr *attr);
void setattr_copy(struct inode *inode, const struct iattr *attr);
int notify_change(struct dentry *dentry, struct iattr *attr);

/* fs/namei.c: permissions and the namespace operations */
int inode_permission(struct inode *inode, int mask);
int generic_permission(struct inode *inode, int mask);
int vfs_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl);
int vfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode);
int vfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev);
int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *target);
int vfs_link(struct dentry *old, struct inode *dir, struct dentry *new_dentry);
int vfs_rmdir(struct inode *dir, struct dentry *dentry);
int vfs_unlink(struct inode *dir, struct dentry *dentry);
int vfs_rename(struct inode *old_dir, struct dentry *old_dentry,
	       struct inode *new_dir, struct dentry *new_dentry, unsigned int flags);
int vfs_readlink(struct dentry *dentry, char *buf, int buflen);

/* fs/stat.c */
struct kstat {
	u64 ino;
	dev_t dev;
	umode_t mode;
	unsigned int nlink;
	uid_t uid;
	gid_t gid;
	dev_t rdev;
	loff_t size;
	struct timespec64 atime, mtime, ctime;
	unsigned long blksize;
	u64 blocks;			/* 512-byte units */
};
void generic_fillattr(struct inode *inode, struct kstat *stat);
int vfs_getattr(const struct path *path, struct kstat *stat);

struct kstatfs {
	long f_type;
	long f_bsize;
	u64 f_blocks, f_bfree, f_bavail;
	u64 f_files, f_ffree;
	long f_namelen;
	long f_frsize;
	long f_flags;
	u64 f_fsid;
};
int vfs_statfs(const struct path *path, struct kstatfs *buf);

/* fs/libfs.c: helpers for simple in-memory file systems (tmpfs, procfs, devfs) */
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags);
int simple_statfs(struct dentry *dentry, struct kstatfs *buf);
int dcache_readdir(struct file *file, struct dir_context *ctx);
extern const struct file_operations simple_dir_operations;
extern const struct inode_operations simple_dir_inode_operations;
int simple_setattr(struct dentry *dentry, struct iattr *iattr);
int simple_readpage(struct file *file, struct page *page);
int simple_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
		       unsigned int len, unsigned int flags, struct page **pagep, void **fsdata);
int simple_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		     unsigned int len, unsigned int copied, struct page *page, void *fsdata);
ssize_t generic_read_dir(struct file *file, char *buf, size_t count, loff_t *pos);
int noop_fsync(struct file *file, loff_t start, loff_t end, int datasync);
int page_readlink(struct dentry *dentry, char *buf, int buflen);
int page_symlink(struct inode *inode, const char *symname, int len);
extern const struct inode_operations page_symlink_inode_operations;
/* added by vfs: namespace operations of file systems whose dentries pin their files */
int simple_empty(struct dentry *dentry);
int simple_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry);
int simple_unlink(struct inode *dir, struct dentry *dentry);
int simple_rmdir(struct inode *dir, struct dentry *dentry);
int simple_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		  struct dentry *new_dentry, unsigned int flags);

/* The generic page-cache file operations (mm/filemap.c) */
ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *iter);
ssize_t generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from);
ssize_t __generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from);
ssize_t generic_perform_write(struct file *file, struct iov_iter *i, loff_t pos);
/* Checks and clips a write (O_APPEND, limits): bytes to write, 0, or -Exxx. */
ssize_t generic_write_checks(struct kiocb *iocb, struct iov_iter *from);
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);
int generic_file_readonly_mmap(struct file *file, struct vm_area_struct *vma);

/* Block device files (fs/block_dev.c) */
extern const struct file_operations def_blk_fops;
extern const struct file_operations def_chr_fops;	/* fs/char_dev.c */
/* Opens @bdev (the bdev inode and its page cache): 0 or -Exxx. @holder with FMODE_EXCL. */
int blkdev_get(struct block_device *bdev, unsigned int mode, void *holder);
/* Last close writes the device's cache back and drops it (kill_bdev). */
void blkdev_put(struct block_device *bdev, unsigned int mode);
/* The block device named by path or name ("/dev/vda2" or "vda2"), opened; ERR_PTR(-Exxx). */
struct block_device *blkdev_get_by_path(const char *path, unsigned int mode, void *holder);
struct block_device *bdget(dev_t dev);
/* Writes back @bdev's cache and waits (sync, fsync of a device file). */
int sync_blockdev(struct block_device *bdev);
/* Drops @bdev's whole page cache (after sync_blockdev). */
void kill_bdev(struct block_device *bdev);
int set_blocksize(struct block_device *bdev, int size);
/* Writes back every open block device (sync(2)). */
void sync_all_blockdevs(void);

/* Character devices (fs/char_dev.c): a table of file operations by major. */
int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops);

/* added by ext2: registers the "ext2" file system type (fs/ext2/super.c); boot calls it once. 0 or -Exxx. */
int init_ext2_fs(void);

#endif
