/*
 * ext2's directory inode operations: lookup, create, mknod, symlink (fast
 * in i_data up to 59 bytes, else in a block), link, unlink, mkdir, rmdir
 * and rename (over an existing entry, across directories with the ".."
 * fix-up), keeping i_links_count as the format counts it (a directory: 2
 * plus one per subdirectory). The VFS holds the directories' i_mutex and
 * has checked permissions and names. Leaves out RENAME_EXCHANGE/WHITEOUT.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/pagemap.h>
#include "ext2.h"

#define RENAME_NOREPLACE	(1 << 0)

static void inode_inc_link_count(struct inode *inode)
{
	inc_nlink(inode);
	mark_inode_dirty(inode);
}

static void inode_dec_link_count(struct inode *inode)
{
	drop_nlink(inode);
	mark_inode_dirty(inode);
}

/*
 * Would @inode, a directory found under @dentry's name, be a second name
 * for a directory that already has one? That is a hard link to a
 * directory, which can only come from a damaged fs (and makes loops).
 */
static bool ext2_dir_has_other_name(struct inode *inode, struct dentry *dentry)
{
	struct dentry *alias;
	bool other;

	if (!S_ISDIR(inode->i_mode))
		return false;
	alias = d_find_alias(inode);
	if (!alias)
		return false;
	other = alias != dentry && !IS_ROOT(alias) &&
		(alias->d_parent != dentry->d_parent || alias->d_name.len != dentry->d_name.len ||
		 memcmp(alias->d_name.name, dentry->d_name.name, dentry->d_name.len));
	dput(alias);
	return other;
}

/*
 * lookup: the inode @dentry's name names in @dir (NULL: a negative
 * dentry), through d_splice_alias. ERR_PTR(-ENAMETOOLONG), or -EIO for a
 * damaged entry (deleted inode, second name of a directory, entry naming
 * the directory itself), reported once.
 */
static struct dentry *ext2_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	struct inode *inode = NULL;
	unsigned long ino;
	int err;

	if (dentry->d_name.len > EXT2_NAME_LEN)
		return ERR_PTR(-ENAMETOOLONG);
	err = ext2_inode_by_name(dir, &dentry->d_name, &ino);
	if (err && err != -ENOENT)
		return ERR_PTR(err);
	if (!err) {
		if (ino == dir->i_ino) {
			ext2_error(dir->i_sb, __func__, "directory #%lu: entry '%.*s' names the directory itself",
				   dir->i_ino, (int)dentry->d_name.len, dentry->d_name.name);
			return ERR_PTR(-EIO);
		}
		inode = ext2_iget(dir->i_sb, ino);
		if (inode == ERR_PTR(-EUCLEAN)) {
			ext2_error(dir->i_sb, __func__, "deleted inode referenced: %lu", ino);
			return ERR_PTR(-EIO);
		}
		if (IS_ERR(inode))
			return ERR_CAST(inode);
		if (ext2_dir_has_other_name(inode, dentry)) {
			ext2_error(dir->i_sb, __func__, "directory #%lu: entry '%.*s' is a second name of directory #%lu (a loop)",
				   dir->i_ino, (int)dentry->d_name.len, dentry->d_name.name, ino);
			iput(inode);
			return ERR_PTR(-EIO);
		}
	}
	return d_splice_alias(inode, dentry);
}

/* Names the new non-directory @inode by @dentry; on failure the inode goes again. */
static int ext2_add_nondir(struct dentry *dentry, struct inode *inode)
{
	int err = ext2_add_link(dentry, inode);

	if (!err) {
		d_instantiate(dentry, inode);
		return 0;
	}
	inode_dec_link_count(inode);
	iput(inode);
	return err;
}

/* A new inode of @mode in @dir with one link and its operations. */
static struct inode *ext2_new_linked(struct inode *dir, umode_t mode)
{
	struct inode *inode = ext2_new_inode(dir, mode);

	if (IS_ERR(inode))
		return inode;
	set_nlink(inode, 1);
	return inode;
}

static int ext2_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl)
{
	struct inode *inode = ext2_new_linked(dir, S_IFREG | (mode & S_IALLUGO));

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	ext2_set_inode_ops(inode);
	mark_inode_dirty(inode);
	return ext2_add_nondir(dentry, inode);
}

static int ext2_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t rdev)
{
	struct inode *inode = ext2_new_linked(dir, mode);

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	inode->i_op = &ext2_special_inode_operations;
	init_special_inode(inode, inode->i_mode, rdev);
	mark_inode_dirty(inode);
	return ext2_add_nondir(dentry, inode);
}

/*
 * symlink: up to sizeof(i_data) - 1 bytes of target live in i_data (a
 * fast symlink), longer ones (up to a block, less one) in a data block.
 */
static int ext2_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	unsigned int len = strlen(target);
	struct inode *inode;
	int err;

	if (len + 1 > dir->i_sb->s_blocksize)
		return -ENAMETOOLONG;
	inode = ext2_new_linked(dir, S_IFLNK | 0777);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	if (len + 1 > sizeof(EXT2_I(inode)->i_data)) {
		inode->i_op = &ext2_symlink_inode_operations;
		inode->i_mapping->a_ops = &ext2_aops;
		err = ext2_write_slow_symlink(inode, target, len);
		if (err) {
			inode_dec_link_count(inode);
			iput(inode);
			return err;
		}
	} else {
		inode->i_op = &ext2_fast_symlink_inode_operations;
		memcpy(EXT2_I(inode)->i_data, target, len);
		inode->i_size = len;
	}
	mark_inode_dirty(inode);
	return ext2_add_nondir(dentry, inode);
}

static int ext2_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = d_inode(old_dentry);

	if (inode->i_nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	inode->i_ctime = current_time(inode);
	inode_inc_link_count(inode);
	ihold(inode);
	return ext2_add_nondir(dentry, inode);	/* undoes both on failure */
}

static int ext2_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);
	struct page *page;
	struct ext2_dir_entry_2 *de = ext2_find_entry(dir, &dentry->d_name, &page);
	int err;

	if (IS_ERR(de))
		return PTR_ERR(de);
	if (le32_to_cpu(de->inode) != inode->i_ino) {
		ext2_put_page(page);
		return -ENOENT;
	}
	err = ext2_delete_entry(dir, de, page);
	if (err)
		return err;
	inode->i_ctime = dir->i_ctime;
	inode_dec_link_count(inode);
	return 0;
}

/* mkdir: a directory with "." and "..", one more link on @dir for its "..". */
static int ext2_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	struct inode *inode;
	int err;

	if (dir->i_nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	inode = ext2_new_inode(dir, S_IFDIR | (mode & S_IALLUGO));
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	inode_inc_link_count(dir);
	set_nlink(inode, 2);
	ext2_set_inode_ops(inode);
	err = ext2_make_empty(inode, dir);
	if (!err)
		err = ext2_add_link(dentry, inode);
	if (err) {
		clear_nlink(inode);
		mark_inode_dirty(inode);
		iput(inode);
		inode_dec_link_count(dir);
		return err;
	}
	d_instantiate(dentry, inode);
	return 0;
}

static int ext2_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);
	int err;

	if (!ext2_empty_dir(inode))
		return -ENOTEMPTY;
	err = ext2_unlink(dir, dentry);
	if (err)
		return err;
	inode->i_size = 0;
	inode_dec_link_count(inode);
	inode_dec_link_count(dir);
	return 0;
}

/* The target of a rename exists: its entry now names @old_inode; the target loses its links. */
static int ext2_rename_over(struct inode *new_dir, struct dentry *new_dentry,
			    struct inode *old_inode, bool is_dir)
{
	struct inode *new_inode = d_inode(new_dentry);
	struct page *new_page;
	struct ext2_dir_entry_2 *new_de;
	int err;

	if (is_dir && !ext2_empty_dir(new_inode))
		return -ENOTEMPTY;
	new_de = ext2_find_entry(new_dir, &new_dentry->d_name, &new_page);
	if (IS_ERR(new_de))
		return PTR_ERR(new_de);
	err = ext2_set_link(new_dir, new_de, new_page, old_inode);
	if (err)
		return err;
	new_inode->i_ctime = current_time(new_inode);
	if (is_dir)
		drop_nlink(new_inode);
	inode_dec_link_count(new_inode);
	return 0;
}

/*
 * rename: @old_dentry in @old_dir becomes @new_dentry in @new_dir,
 * replacing what is there (an empty directory for a directory). A
 * directory that changes parent gets its ".." pointed at @new_dir, and
 * the parents' link counts follow. 0 or -Exxx.
 */
static int ext2_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		       struct dentry *new_dentry, unsigned int flags)
{
	struct inode *old_inode = d_inode(old_dentry);
	bool is_dir = S_ISDIR(old_inode->i_mode);
	struct page *old_page, *dir_page = NULL;
	struct ext2_dir_entry_2 *old_de, *dir_de = NULL;
	int err;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;
	old_de = ext2_find_entry(old_dir, &old_dentry->d_name, &old_page);
	if (IS_ERR(old_de))
		return PTR_ERR(old_de);
	if (is_dir) {
		dir_de = ext2_dotdot(old_inode, &dir_page);
		if (IS_ERR(dir_de)) {
			err = PTR_ERR(dir_de);
			goto out_old;
		}
	}
	if (d_inode(new_dentry)) {
		err = ext2_rename_over(new_dir, new_dentry, old_inode, is_dir);
	} else if (is_dir && new_dir != old_dir && new_dir->i_nlink >= EXT2_LINK_MAX) {
		err = -EMLINK;
	} else {
		err = ext2_add_link(new_dentry, old_inode);
		if (!err && is_dir)
			inode_inc_link_count(new_dir);
	}
	if (err)
		goto out_dir;
	old_inode->i_ctime = current_time(old_inode);
	mark_inode_dirty(old_inode);
	err = ext2_delete_entry(old_dir, old_de, old_page);
	if (is_dir) {
		if (old_dir != new_dir)
			ext2_set_link(old_inode, dir_de, dir_page, new_dir);
		else
			ext2_put_page(dir_page);
		inode_dec_link_count(old_dir);
	}
	return err;
out_dir:
	if (dir_page)
		ext2_put_page(dir_page);
out_old:
	ext2_put_page(old_page);
	return err;
}

const struct inode_operations ext2_dir_inode_operations = {
	.lookup		= ext2_lookup,
	.create		= ext2_create,
	.link		= ext2_link,
	.unlink		= ext2_unlink,
	.symlink	= ext2_symlink,
	.mkdir		= ext2_mkdir,
	.rmdir		= ext2_rmdir,
	.mknod		= ext2_mknod,
	.rename		= ext2_rename,
	.setattr	= ext2_setattr,
	.getattr	= ext2_getattr,
};

const struct inode_operations ext2_special_inode_operations = {
	.setattr	= ext2_setattr,
	.getattr	= ext2_getattr,
};
