/*
 * Helpers for file systems that live in the dcache and the page cache
 * (tmpfs, procfs, devtmpfs): lookup that remembers negatives, readdir
 * over the dentry tree, link/unlink/rmdir/rename of pinned dentries, the
 * page-cache write_begin/write_end of pages without blocks, and
 * symlinks stored in page 0. After Linux 4.x fs/libfs.c and the symlink
 * part of fs/namei.c; leaves out the readdir cursor (positions count
 * entries, so an entry removed meanwhile can shift a later one).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/pagemap.h>
#include <linux/highmem.h>
#include "internal.h"

/* ->lookup of a file system whose every file is in the dcache: the name does not exist. */
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	if (dentry->d_name.len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	d_add(dentry, NULL);
	return NULL;
}

/* ->statfs of memory file systems: the magic, page-sized blocks, no counts. */
int simple_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	buf->f_type = dentry->d_sb->s_magic;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	return 0;
}

/* d_type for readdir from a mode. */
static unsigned int dt_type(umode_t mode)
{
	return (mode & S_IFMT) >> 12;
}

/*
 * ->iterate_shared over the dcache: "." (position 0), ".." (1), then the
 * positive children in creation order, position 2 + index.
 */
int dcache_readdir(struct file *file, struct dir_context *ctx)
{
	struct dentry *dentry = file->f_path.dentry, *child, *parent;
	struct inode *inode;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, dentry->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		parent = dget_parent(dentry);
		inode = parent->d_inode;
		dput(parent);
		if (!dir_emit(ctx, "..", 2, inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	while ((child = d_nth_child(dentry, ctx->pos - 2))) {
		inode = child->d_inode;
		if (!dir_emit(ctx, child->d_name.name, child->d_name.len, inode->i_ino,
			      dt_type(inode->i_mode))) {
			dput(child);
			break;
		}
		dput(child);
		ctx->pos++;
	}
	return 0;
}

/* read(2) of a directory. */
ssize_t generic_read_dir(struct file *file, char *buf, size_t count, loff_t *pos)
{
	return -EISDIR;
}

/* ->fsync of files with nothing to write. 0. */
int noop_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	return 0;
}

const struct file_operations simple_dir_operations = {
	.llseek = default_llseek,
	.read = generic_read_dir,
	.iterate_shared = dcache_readdir,
	.fsync = noop_fsync,
};

const struct inode_operations simple_dir_inode_operations = {
	.lookup = simple_lookup,
};

/* Is the directory @dentry empty (no positive child)? */
int simple_empty(struct dentry *dentry)
{
	return !d_has_positive_child(dentry);
}

/* ->link of pinned-dentry file systems: one more name and its pin. 0. */
int simple_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = old_dentry->d_inode;

	inode->i_ctime = dir->i_ctime = dir->i_mtime = current_time(inode);
	inc_nlink(inode);
	ihold(inode);
	dget(dentry);	/* the pin: the name lives until unlinked */
	d_instantiate(dentry, inode);
	return 0;
}

/* ->unlink: one name fewer, and its pin dropped. 0. */
int simple_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;

	inode->i_ctime = dir->i_ctime = dir->i_mtime = current_time(inode);
	drop_nlink(inode);
	dput(dentry);
	return 0;
}

/* ->rmdir: -ENOTEMPTY unless empty; then the directory's names go. */
int simple_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!simple_empty(dentry))
		return -ENOTEMPTY;
	drop_nlink(dentry->d_inode);
	simple_unlink(dir, dentry);
	drop_nlink(dir);
	return 0;
}

/*
 * ->rename of pinned-dentry file systems: an existing target (a file, or
 * an empty directory: else -ENOTEMPTY) is unlinked; link counts of the
 * parents follow a moving directory. -EINVAL for @flags. 0.
 */
int simple_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		  struct dentry *new_dentry, unsigned int flags)
{
	struct inode *inode = old_dentry->d_inode;
	bool they_are_dirs = S_ISDIR(inode->i_mode);

	if (flags)
		return -EINVAL;
	if (new_dentry->d_inode && S_ISDIR(new_dentry->d_inode->i_mode) && !simple_empty(new_dentry))
		return -ENOTEMPTY;
	if (new_dentry->d_inode) {
		simple_unlink(new_dir, new_dentry);
		if (they_are_dirs) {
			drop_nlink(new_dentry->d_inode);
			drop_nlink(old_dir);
		}
	} else if (they_are_dirs) {
		drop_nlink(old_dir);
		inc_nlink(new_dir);
	}
	old_dir->i_ctime = old_dir->i_mtime = new_dir->i_ctime = new_dir->i_mtime =
		inode->i_ctime = current_time(old_dir);
	return 0;
}

/* ->setattr of memory file systems: checks, a new size (pages beyond it go), the rest. */
int simple_setattr(struct dentry *dentry, struct iattr *iattr)
{
	struct inode *inode = dentry->d_inode;
	int err = setattr_prepare(dentry, iattr);

	if (err)
		return err;
	if ((iattr->ia_valid & ATTR_SIZE) && iattr->ia_size != i_size_read(inode))
		truncate_setsize(inode, iattr->ia_size);
	setattr_copy(inode, iattr);
	mark_inode_dirty(inode);
	return 0;
}

/* ->readpage of pages nobody wrote: zeroes, uptodate, unlocked. 0. */
int simple_readpage(struct file *file, struct page *page)
{
	clear_highpage(page);
	SetPageUptodate(page);
	unlock_page(page);
	return 0;
}

/*
 * ->write_begin without blocks: the locked page for @pos (made if
 * missing) with the parts the write does not cover zeroed if it is new.
 * 0 or -ENOMEM.
 */
int simple_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
		       unsigned int len, unsigned int flags, struct page **pagep, void **fsdata)
{
	unsigned int from = pos & (PAGE_SIZE - 1);
	struct page *page = grab_cache_page_write_begin(mapping, pos >> PAGE_SHIFT, flags);

	if (!page)
		return -ENOMEM;
	*pagep = page;
	if (!PageUptodate(page) && len != PAGE_SIZE) {
		zero_user_segment(page, 0, from);
		zero_user_segment(page, from + len, PAGE_SIZE);
	}
	return 0;
}

/*
 * ->write_end without blocks: a new page becomes uptodate (zeroes where
 * the copy fell short), i_size grows to the end of the write, the page
 * is dirtied, unlocked and released. Returns @copied.
 */
int simple_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		     unsigned int len, unsigned int copied, struct page *page, void *fsdata)
{
	struct inode *inode = mapping->host;
	unsigned int from = pos & (PAGE_SIZE - 1);

	if (!PageUptodate(page)) {
		if (copied < len)
			zero_user_segment(page, from + copied, from + len);
		SetPageUptodate(page);
	}
	if (pos + copied > inode->i_size)
		i_size_write(inode, pos + copied);
	set_page_dirty(page);
	unlock_page(page);
	put_page(page);
	return copied;
}

/* ---- symlinks in the page cache ---- */

/*
 * ->readlink of symlinks kept in page 0 of their mapping (tmpfs, ext2's
 * long ones): copies at most @buflen bytes of the target into @buf;
 * its length, or the page's read error.
 */
int page_readlink(struct dentry *dentry, char *buf, int buflen)
{
	struct inode *inode = dentry->d_inode;
	struct page *page = read_mapping_page(inode->i_mapping, 0, NULL);
	loff_t size = i_size_read(inode);
	int len;
	char *kaddr;

	if (IS_ERR(page))
		return PTR_ERR(page);
	len = size < buflen ? size : buflen;
	if (len > (int)PAGE_SIZE - 1)
		len = PAGE_SIZE - 1;
	kaddr = kmap_atomic(page);
	memcpy(buf, kaddr, len);
	kunmap_atomic(kaddr);
	put_page(page);
	return len;
}

/*
 * Stores the symlink target @symname (@len bytes counting its NUL) in
 * page 0 of @inode through the mapping's write_begin/write_end; i_size
 * becomes len - 1. 0, -ENAMETOOLONG past a page, or the write's error.
 */
int page_symlink(struct inode *inode, const char *symname, int len)
{
	struct address_space *mapping = inode->i_mapping;
	struct page *page;
	void *fsdata = NULL;
	char *kaddr;
	int err;

	if (len > (int)PAGE_SIZE)
		return -ENAMETOOLONG;
	err = mapping->a_ops->write_begin(NULL, mapping, 0, len - 1, 0, &page, &fsdata);
	if (err)
		return err;
	kaddr = kmap_atomic(page);
	memcpy(kaddr, symname, len - 1);
	kunmap_atomic(kaddr);
	err = mapping->a_ops->write_end(NULL, mapping, 0, len - 1, len - 1, page, fsdata);
	if (err < 0)
		return err;
	if (err < len - 1)
		return -EIO;
	mark_inode_dirty(inode);
	return 0;
}

const struct inode_operations page_symlink_inode_operations = {
	.readlink = page_readlink,
};
