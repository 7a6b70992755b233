/*
 * ext2 symbolic links: a fast symlink keeps its target (up to 59 bytes)
 * in the inode's i_data; a slow one in its first data block, read and
 * written through the page cache. i_size is the target's length, without
 * a terminating NUL on disk (what e2fsck expects).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/pagemap.h>
#include <linux/highmem.h>
#include "ext2.h"

/* readlink of a fast symlink: the target from i_data; its length or -EUCLEAN. */
static int ext2_fast_readlink(struct dentry *dentry, char *buf, int buflen)
{
	struct inode *inode = d_inode(dentry);
	loff_t len = inode->i_size;

	if (len >= (loff_t)sizeof(EXT2_I(inode)->i_data)) {
		ext2_error(inode->i_sb, __func__, "fast symlink #%lu: size %lld too big", inode->i_ino,
			   (long long)len);
		return -EUCLEAN;
	}
	if (len > buflen)
		len = buflen;
	memcpy(buf, EXT2_I(inode)->i_data, len);
	return len;
}

/* readlink of a slow symlink: the target from page 0; its length or -Exxx. */
static int ext2_slow_readlink(struct dentry *dentry, char *buf, int buflen)
{
	struct inode *inode = d_inode(dentry);
	loff_t len = inode->i_size;
	struct page *page;
	char *kaddr;

	if (len >= (loff_t)inode->i_sb->s_blocksize || len <= 0) {
		ext2_error(inode->i_sb, __func__, "symlink #%lu: bad size %lld", inode->i_ino,
			   (long long)len);
		return -EUCLEAN;
	}
	page = read_mapping_page(inode->i_mapping, 0, NULL);
	if (IS_ERR(page))
		return PTR_ERR(page);
	if (len > buflen)
		len = buflen;
	kaddr = kmap(page);
	memcpy(buf, kaddr, len);
	kunmap(page);
	put_page(page);
	return len;
}

/*
 * Writes @len bytes of @target into the new slow symlink @inode's first
 * block through its page cache (write_begin/write_end, which set i_size).
 * 0 or -Exxx (-ENOSPC).
 */
int ext2_write_slow_symlink(struct inode *inode, const char *target, unsigned int len)
{
	struct address_space *mapping = inode->i_mapping;
	const struct address_space_operations *aops = mapping->a_ops;
	struct page *page;
	void *fsdata = NULL;
	char *kaddr;
	int err;

	err = aops->write_begin(NULL, mapping, 0, len, 0, &page, &fsdata);
	if (err)
		return err;
	kaddr = kmap_atomic(page);
	memcpy(kaddr, target, len);
	kunmap_atomic(kaddr);
	err = aops->write_end(NULL, mapping, 0, len, len, page, fsdata);
	if (err < 0)
		return err;
	return err == (int)len ? 0 : -EIO;
}

const struct inode_operations ext2_fast_symlink_inode_operations = {
	.readlink	= ext2_fast_readlink,
	.setattr	= ext2_setattr,
	.getattr	= ext2_getattr,
};

const struct inode_operations ext2_symlink_inode_operations = {
	.readlink	= ext2_slow_readlink,
	.setattr	= ext2_setattr,
	.getattr	= ext2_getattr,
};
