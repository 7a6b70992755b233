/*
 * tmpfs: files that live only in the page cache (no swap, so their pages
 * are unevictable, counted in NR_SHMEM), directories and names only in
 * the dcache (pinned dentries), symlinks in page 0, device nodes, and
 * the mount options size= and mode=. It is also the rootfs. After Linux
 * 4.x mm/shmem.c (the CONFIG_SHMEM side without swap); leaves out swap,
 * huge pages, xattrs, inline symlinks, nr_inodes= and uid=/gid= options.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/seq_buf.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/pagemap.h>
#include <linux/highmem.h>
#include <linux/uio.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/mutex.h>
#include <linux/mount.h>
#include "../fs/internal.h"

#define TMPFS_MAGIC		0x01021994
#define BOGO_DIRENT_SIZE	20	/* what a name adds to a directory's i_size (Linux's) */

/* One tmpfs instance: its limits and what is used (stat_lock). */
struct shmem_sb_info {
	unsigned long max_blocks;	/* pages the files may hold (size=) */
	unsigned long used_blocks;
	unsigned long max_inodes;
	unsigned long free_inodes;
	umode_t mode;			/* of the root (mode=) */
	spinlock_t stat_lock;
};

static const struct super_operations shmem_ops;
static const struct address_space_operations shmem_aops;
static const struct inode_operations shmem_inode_operations;
static const struct inode_operations shmem_dir_inode_operations;
static const struct inode_operations shmem_special_inode_operations;
static const struct file_operations shmem_file_operations;

static struct shmem_sb_info *SHMEM_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* Takes one inode from the instance's allowance: 0 or -ENOSPC. */
static int shmem_reserve_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);
	int err = 0;

	spin_lock(&sbinfo->stat_lock);
	if (!sbinfo->free_inodes)
		err = -ENOSPC;
	else
		sbinfo->free_inodes--;
	spin_unlock(&sbinfo->stat_lock);
	return err;
}

static void shmem_free_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	spin_lock(&sbinfo->stat_lock);
	sbinfo->free_inodes++;
	spin_unlock(&sbinfo->stat_lock);
}

/* Operations by file type; device nodes get the VFS's device file operations. */
static void shmem_set_ops(struct inode *inode, umode_t mode, dev_t dev)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &shmem_inode_operations;
		inode->i_fop = &shmem_file_operations;
		break;
	case S_IFDIR:
		inc_nlink(inode);	/* "." */
		inode->i_size = 2 * BOGO_DIRENT_SIZE;
		inode->i_op = &shmem_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		break;
	case S_IFLNK:
		inode->i_op = &page_symlink_inode_operations;
		break;
	default:
		inode->i_op = &shmem_special_inode_operations;
		init_special_inode(inode, mode, dev);
		break;
	}
}

/*
 * A new tmpfs inode of @mode in @dir (NULL: the root), owned by the
 * current task, times now, its mapping unevictable. NULL when out of
 * inodes or memory.
 */
static struct inode *shmem_get_inode(struct super_block *sb, const struct inode *dir,
				     umode_t mode, dev_t dev)
{
	struct inode *inode;

	if (shmem_reserve_inode(sb))
		return NULL;
	inode = new_inode(sb);
	if (!inode) {
		shmem_free_inode(sb);
		return NULL;
	}
	inode->i_ino = get_next_ino();
	inode_init_owner(inode, dir, mode);
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	inode->i_mapping->a_ops = &shmem_aops;
	mapping_set_unevictable(inode->i_mapping);
	shmem_set_ops(inode, mode, dev);
	return inode;
}

/* Gives back the page allowance of pages @inode no longer has (after truncation). */
static void shmem_recalc_inode(struct inode *inode)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);
	long alloced = inode->i_blocks / (PAGE_SIZE / 512);
	long freed = alloced - (long)inode->i_mapping->nrpages;

	if (freed <= 0)
		return;
	inode->i_blocks -= freed * (PAGE_SIZE / 512);
	spin_lock(&sbinfo->stat_lock);
	sbinfo->used_blocks -= freed;
	spin_unlock(&sbinfo->stat_lock);
}

/* The last reference of an unlinked (or umounted) file: its pages and its inode allowance go. */
static void shmem_evict_inode(struct inode *inode)
{
	truncate_inode_pages_final(&inode->i_data);
	shmem_recalc_inode(inode);
	shmem_free_inode(inode->i_sb);
	clear_inode(inode);
}

/* ---- pages ---- */

/* One page more of the instance's size=: 0 or -ENOSPC. */
static int shmem_charge(struct inode *inode)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);
	int err = 0;

	spin_lock(&sbinfo->stat_lock);
	if (sbinfo->used_blocks >= sbinfo->max_blocks)
		err = -ENOSPC;
	else
		sbinfo->used_blocks++;
	spin_unlock(&sbinfo->stat_lock);
	if (!err)
		inode->i_blocks += PAGE_SIZE / 512;
	return err;
}

static void shmem_uncharge(struct inode *inode)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);

	inode->i_blocks -= PAGE_SIZE / 512;
	spin_lock(&sbinfo->stat_lock);
	sbinfo->used_blocks--;
	spin_unlock(&sbinfo->stat_lock);
}

/*
 * The locked page @index of @mapping, a new one (swap-backed, so
 * NR_SHMEM counts it; on the unevictable LRU) if it is missing. 0 and
 * *@pagep with a reference, -ENOSPC past size=, -ENOMEM.
 */
static int shmem_getpage(struct address_space *mapping, pgoff_t index, struct page **pagep)
{
	struct inode *inode = mapping->host;
	struct page *page;
	int err;

	for (;;) {
		page = find_lock_page(mapping, index);
		if (page)
			break;
		err = shmem_charge(inode);
		if (err)
			return err;
		page = page_cache_alloc(mapping);
		if (!page) {
			shmem_uncharge(inode);
			return -ENOMEM;
		}
		SetPageSwapBacked(page);
		err = add_to_page_cache_lru(page, mapping, index, mapping_gfp_mask(mapping));
		if (!err)
			break;
		put_page(page);
		shmem_uncharge(inode);
		if (err != -EEXIST)
			return err;
	}
	*pagep = page;
	return 0;
}

/* ->write_begin: the locked page for @pos, made if missing. 0, -ENOSPC, -ENOMEM. */
static int shmem_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
			     unsigned int len, unsigned int flags, struct page **pagep, void **fsdata)
{
	return shmem_getpage(mapping, pos >> PAGE_SHIFT, pagep);
}

/*
 * ->write_end: a new page becomes uptodate with zeroes around what was
 * copied; i_size grows; the page is marked dirty without accounting (it
 * is never written anywhere: PG_dirty only keeps it from being dropped).
 */
static int shmem_write_end(struct file *file, struct address_space *mapping, loff_t pos,
			   unsigned int len, unsigned int copied, struct page *page, void *fsdata)
{
	struct inode *inode = mapping->host;
	unsigned int from = pos & (PAGE_SIZE - 1);

	if (!PageUptodate(page)) {
		zero_user_segment(page, 0, from);
		zero_user_segment(page, from + copied, PAGE_SIZE);
		SetPageUptodate(page);
	}
	if (pos + copied > i_size_read(inode))
		i_size_write(inode, pos + copied);
	set_page_dirty(page);
	unlock_page(page);
	put_page(page);
	return copied;
}

/* ->readpage (read_mapping_page of a symlink page that is not there): zeroes. */
static int shmem_readpage(struct file *file, struct page *page)
{
	return simple_readpage(file, page);
}

/* Copies @nr bytes at @offset of page @index into @to; a hole reads as zeroes. Bytes copied. */
static size_t shmem_read_one(struct address_space *mapping, pgoff_t index, size_t offset,
			     size_t nr, struct iov_iter *to)
{
	struct page *page = find_get_page(mapping, index);
	size_t ret;

	if (page && !PageUptodate(page))
		wait_on_page_locked(page);	/* a write is filling it */
	if (!page || !PageUptodate(page)) {
		if (page)
			put_page(page);
		return iov_iter_zero(nr, to);
	}
	ret = copy_page_to_iter(page, offset, nr, to);
	put_page(page);
	return ret;
}

/*
 * ->read_iter: straight from the page cache, holes as zeroes (no
 * readahead: there is nothing to read from). Bytes read, or -EFAULT if
 * nothing could be copied.
 */
static ssize_t shmem_file_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct file *file = iocb->ki_filp;
	struct inode *inode = file_inode(file);
	loff_t pos = iocb->ki_pos, isize;
	ssize_t done = 0;
	size_t offset, nr, ret;

	while (iov_iter_count(to)) {
		isize = i_size_read(inode);
		if (pos >= isize)
			break;
		offset = pos & (PAGE_SIZE - 1);
		nr = min_t(loff_t, PAGE_SIZE - offset, isize - pos);
		nr = min(nr, iov_iter_count(to));
		ret = shmem_read_one(inode->i_mapping, pos >> PAGE_SHIFT, offset, nr, to);
		pos += ret;
		done += ret;
		if (ret < nr) {
			if (!done)
				done = -EFAULT;
			break;
		}
	}
	iocb->ki_pos = pos;
	touch_atime(&file->f_path);
	return done;
}

/* ---- mapping tmpfs files (mm/memory.c's do_fault -> vm_ops->fault) ---- */

/*
 * vm_ops->fault: the page at vmf->pgoff, made (zeroed, uptodate, dirty so
 * it is kept) if it is a hole; locked with a reference. VM_FAULT_SIGBUS
 * past i_size or past size=, VM_FAULT_OOM without memory.
 */
static int shmem_fault(struct vm_fault *vmf)
{
	struct inode *inode = file_inode(vmf->vma->vm_file);
	struct page *page;
	int err;

	if (vmf->pgoff >= (pgoff_t)((i_size_read(inode) + PAGE_SIZE - 1) >> PAGE_SHIFT))
		return VM_FAULT_SIGBUS;
	err = shmem_getpage(inode->i_mapping, vmf->pgoff, &page);
	if (err)
		return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	if (!PageUptodate(page)) {
		clear_highpage(page);
		SetPageUptodate(page);
		set_page_dirty(page);
	}
	vmf->page = page;
	return VM_FAULT_LOCKED;
}

static const struct vm_operations_struct shmem_vm_ops = {
	.fault = shmem_fault,
	.page_mkwrite = filemap_page_mkwrite,
};

/* f_op->mmap: the VMA faults through shmem_fault. */
static int shmem_mmap(struct file *file, struct vm_area_struct *vma)
{
	touch_atime(&file->f_path);
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

/* ---- inode operations ---- */

/* ->setattr: a new size drops the pages beyond it (and their allowance); mtime, ctime move. */
static int shmem_setattr(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;
	int err = setattr_prepare(dentry, attr);

	if (err)
		return err;
	if ((attr->ia_valid & ATTR_SIZE) && attr->ia_size != i_size_read(inode)) {
		truncate_setsize(inode, attr->ia_size);
		shmem_recalc_inode(inode);
		inode->i_mtime = inode->i_ctime = current_time(inode);
	}
	setattr_copy(inode, attr);
	return 0;
}

/* Under @dir's lock: a new name @dentry in @dir for @inode, pinned. */
static void shmem_add_name(struct inode *dir, struct dentry *dentry, struct inode *inode)
{
	dir->i_size += BOGO_DIRENT_SIZE;
	dir->i_ctime = dir->i_mtime = current_time(dir);
	d_instantiate(dentry, inode);
	dget(dentry);	/* the pin: tmpfs names live until unlinked */
}

/* ->mknod (and create, mkdir): a new inode named @dentry. 0 or -ENOSPC. */
static int shmem_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	struct inode *inode = shmem_get_inode(dir->i_sb, dir, mode, dev);

	if (!inode)
		return -ENOSPC;
	shmem_add_name(dir, dentry, inode);
	return 0;
}

static int shmem_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl)
{
	return shmem_mknod(dir, dentry, mode | S_IFREG, 0);
}

static int shmem_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	int err = shmem_mknod(dir, dentry, mode | S_IFDIR, 0);

	if (!err)
		inc_nlink(dir);	/* the new ".." */
	return err;
}

/* ->symlink: the target in page 0 of a new inode. 0, -ENAMETOOLONG, -ENOSPC. */
static int shmem_symlink(struct inode *dir, struct dentry *dentry, const char *symname)
{
	int len = strlen(symname) + 1;
	struct inode *inode;
	int err;

	if (len > (int)PAGE_SIZE)
		return -ENAMETOOLONG;
	inode = shmem_get_inode(dir->i_sb, dir, S_IFLNK | 0777, 0);
	if (!inode)
		return -ENOSPC;
	err = page_symlink(inode, symname, len);
	if (err) {
		clear_nlink(inode);
		iput(inode);
		return err;
	}
	shmem_add_name(dir, dentry, inode);
	return 0;
}

static int shmem_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry)
{
	dir->i_size += BOGO_DIRENT_SIZE;
	return simple_link(old_dentry, dir, dentry);
}

static int shmem_unlink(struct inode *dir, struct dentry *dentry)
{
	dir->i_size -= BOGO_DIRENT_SIZE;
	return simple_unlink(dir, dentry);
}

static int shmem_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!simple_empty(dentry))
		return -ENOTEMPTY;
	drop_nlink(dentry->d_inode);
	drop_nlink(dir);
	return shmem_unlink(dir, dentry);
}

/* ->rename: simple_rename, with the directories' bogus sizes kept right. */
static int shmem_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
			struct dentry *new_dentry, unsigned int flags)
{
	bool replace = new_dentry->d_inode != NULL;
	int err = simple_rename(old_dir, old_dentry, new_dir, new_dentry, flags);

	if (err)
		return err;
	old_dir->i_size -= BOGO_DIRENT_SIZE;
	if (!replace)	/* else the replaced name's size is reused */
		new_dir->i_size += BOGO_DIRENT_SIZE;
	return 0;
}

static const struct address_space_operations shmem_aops = {
	.readpage = shmem_readpage,
	.write_begin = shmem_write_begin,
	.write_end = shmem_write_end,
	.set_page_dirty = __set_page_dirty_no_writeback,
};

static const struct file_operations shmem_file_operations = {
	.llseek = generic_file_llseek,
	.read_iter = shmem_file_read_iter,
	.write_iter = generic_file_write_iter,
	.mmap = shmem_mmap,
	.open = generic_file_open,
	.fsync = noop_fsync,
};

static const struct inode_operations shmem_inode_operations = {
	.setattr = shmem_setattr,
};

static const struct inode_operations shmem_dir_inode_operations = {
	.lookup = simple_lookup,
	.create = shmem_create,
	.link = shmem_link,
	.unlink = shmem_unlink,
	.symlink = shmem_symlink,
	.mkdir = shmem_mkdir,
	.rmdir = shmem_rmdir,
	.mknod = shmem_mknod,
	.rename = shmem_rename,
	.setattr = shmem_setattr,
};

static const struct inode_operations shmem_special_inode_operations = {
	.setattr = shmem_setattr,
};

/* ---- the super block ---- */

/* ->statfs: the size= allowance in pages and what is left of it, the inode counts. */
static int shmem_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(dentry->d_sb);

	buf->f_type = TMPFS_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	spin_lock(&sbinfo->stat_lock);
	buf->f_blocks = sbinfo->max_blocks;
	buf->f_bavail = buf->f_bfree = sbinfo->max_blocks - sbinfo->used_blocks;
	buf->f_files = sbinfo->max_inodes;
	buf->f_ffree = sbinfo->free_inodes;
	spin_unlock(&sbinfo->stat_lock);
	return 0;
}

/* The default size=: half of RAM, as Linux. */
static unsigned long shmem_default_max_blocks(void)
{
	return totalram_pages() / 2;
}

/* "size=" value: bytes with k/m/g, or a percentage of RAM. Pages, or 0 if malformed. */
static unsigned long shmem_parse_size(const char *val)
{
	char *rest;
	unsigned long long size = memparse(val, &rest);

	if (rest == val)
		return 0;
	if (*rest == '%' && !rest[1])
		return (unsigned long)(size * totalram_pages() / 100);
	if (*rest)
		return 0;
	return DIV_ROUND_UP(size, PAGE_SIZE);
}

/* One "name=value" option into @sbinfo: 0 or -EINVAL (unknown, or a bad value). */
static int shmem_parse_one(char *opt, struct shmem_sb_info *sbinfo, bool remount)
{
	char *val = strchr(opt, '=');
	unsigned int mode;

	if (!val)
		return -EINVAL;
	*val++ = 0;
	if (!strcmp(opt, "size")) {
		sbinfo->max_blocks = shmem_parse_size(val);
		return sbinfo->max_blocks ? 0 : -EINVAL;
	}
	if (!strcmp(opt, "mode") && !remount) {
		if (kstrtouint(val, 8, &mode) || mode > 07777)
			return -EINVAL;
		sbinfo->mode = mode;
		return 0;
	}
	return -EINVAL;
}

/* Mount options "size=64m,mode=1777" into @sbinfo (@data is cut up). 0 or -EINVAL, reported. */
static int shmem_parse_options(char *data, struct shmem_sb_info *sbinfo, bool remount)
{
	char *opt;

	while (data && (opt = strsep(&data, ",")) != NULL) {
		if (!*opt)
			continue;
		if (shmem_parse_one(opt, sbinfo, remount)) {
			pr_err("tmpfs: bad mount option '%s'\n", opt);
			return -EINVAL;
		}
	}
	return 0;
}

/* A copy of the options string (they are parsed in place), or NULL. */
static char *shmem_copy_options(const char *data)
{
	size_t n;
	char *copy;

	if (!data)
		return NULL;
	n = strlen(data) + 1;
	copy = kmalloc(n, GFP_KERNEL);
	if (copy)
		memcpy(copy, data, n);
	return copy;
}

/* MS_REMOUNT: a new size= (not below what is used: -EINVAL); ro/rw is the VFS's. */
static int shmem_remount_fs(struct super_block *sb, int *flags, char *data)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb), config = *sbinfo;
	char *opts = shmem_copy_options(data);
	int err;

	if (data && !opts)
		return -ENOMEM;
	err = shmem_parse_options(opts, &config, true);
	kfree(opts);
	if (err)
		return err;
	spin_lock(&sbinfo->stat_lock);
	if (config.max_blocks < sbinfo->used_blocks)
		err = -EINVAL;
	else
		sbinfo->max_blocks = config.max_blocks;
	spin_unlock(&sbinfo->stat_lock);
	return err;
}

/* /proc/mounts options: size= when not the default, mode= when not 1777. */
static void shmem_show_options(struct seq_buf *s, struct dentry *root)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(root->d_sb);

	if (sbinfo->max_blocks != shmem_default_max_blocks())
		seq_buf_printf(s, ",size=%luk", sbinfo->max_blocks << (PAGE_SHIFT - 10));
	if (sbinfo->mode != (S_ISVTX | 0777))
		seq_buf_printf(s, ",mode=%03o", sbinfo->mode);
}

static void shmem_put_super(struct super_block *sb)
{
	kfree(sb->s_fs_info);
	sb->s_fs_info = NULL;
}

static const struct super_operations shmem_ops = {
	.statfs = shmem_statfs,
	.evict_inode = shmem_evict_inode,
	.drop_inode = generic_drop_inode,
	.remount_fs = shmem_remount_fs,
	.show_options = shmem_show_options,
	.put_super = shmem_put_super,
};

/* A new instance's limits from the defaults and @data. 0, -EINVAL, -ENOMEM. */
static int shmem_setup_sbinfo(struct super_block *sb, void *data)
{
	struct shmem_sb_info *sbinfo = kzalloc(sizeof(*sbinfo), GFP_KERNEL);
	char *opts = shmem_copy_options(data);
	int err;

	if (!sbinfo || (data && !opts)) {
		kfree(sbinfo);
		kfree(opts);
		return -ENOMEM;
	}
	spin_lock_init(&sbinfo->stat_lock);
	sbinfo->max_blocks = shmem_default_max_blocks();
	sbinfo->max_inodes = sbinfo->free_inodes = totalram_pages() / 2;
	sbinfo->mode = S_ISVTX | 0777;
	err = shmem_parse_options(opts, sbinfo, false);
	kfree(opts);
	if (err) {
		kfree(sbinfo);
		return err;
	}
	sb->s_fs_info = sbinfo;
	return 0;
}

/* mount_nodev's fill_super: the limits, the super block's fields, the root directory. */
static int shmem_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *root;
	int err = shmem_setup_sbinfo(sb, data);

	if (err)
		return err;
	sb->s_op = &shmem_ops;
	sb->s_magic = TMPFS_MAGIC;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_time_gran = 1;
	root = shmem_get_inode(sb, NULL, S_IFDIR | SHMEM_SB(sb)->mode, 0);
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct dentry *shmem_mount(struct file_system_type *type, int flags,
				  const char *dev_name, void *data)
{
	return mount_nodev(type, flags, data, shmem_fill_super);
}

struct file_system_type shmem_fs_type = {
	.name = "tmpfs",
	.mount = shmem_mount,
	.kill_sb = kill_litter_super,
};

/* Boot: registers "tmpfs". 0 or register_filesystem's error. */
int shmem_init(void)
{
	return register_filesystem(&shmem_fs_type);
}

/* ---- shared anonymous memory: an unlinked file on an internal tmpfs ---- */

static struct vfsmount *shm_mnt;
static DEFINE_MUTEX(shm_mnt_lock);

/* The internal tmpfs mount, made on first use. NULL if it cannot be. */
static struct vfsmount *shm_mount(void)
{
	struct vfsmount *mnt;

	mutex_lock(&shm_mnt_lock);
	if (!shm_mnt) {
		mnt = vfs_kern_mount(&shmem_fs_type, 0, "tmpfs", NULL);
		if (!IS_ERR(mnt))
			shm_mnt = mnt;
	}
	mutex_unlock(&shm_mnt_lock);
	return shm_mnt;
}

/*
 * A new read-write tmpfs file of @size bytes that no directory names
 * (Linux's shmem_file_setup): it goes with its last reference. The file
 * or ERR_PTR(-ENOMEM).
 */
static struct file *shmem_file_setup(const char *name, loff_t size)
{
	struct vfsmount *mnt = shm_mount();
	struct inode *inode;
	struct dentry *dentry;
	struct file *file;
	struct path path;
	int err = -ENOMEM;

	if (!mnt)
		return ERR_PTR(-ENOMEM);
	inode = shmem_get_inode(mnt->mnt_sb, NULL, S_IFREG | 0777, 0);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	clear_nlink(inode);
	inode->i_size = size;
	dentry = d_alloc_name(mnt->mnt_root, name);
	if (!dentry) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	d_instantiate(dentry, inode);
	file = get_empty_filp();
	if (file) {
		file->f_flags = O_RDWR;
		path.mnt = mnt;
		path.dentry = dentry;
		err = do_dentry_open(file, &path);
		if (err)
			put_filp(file);
	}
	dput(dentry);
	return err ? ERR_PTR(err) : file;
}

/* See linux/mm_vma.h (MAP_SHARED | MAP_ANONYMOUS, Linux's /dev/zero file). */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct file *file = shmem_file_setup("dev/zero", vma->vm_end - vma->vm_start);

	if (IS_ERR(file))
		return PTR_ERR(file);
	vma->vm_file = file;
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}
