/*
 * ext2 directories: linear lists of entries (inode, rec_len, name_len,
 * file type, name) in blocks ("chunks") that entries never cross, read
 * and changed through the directory's own page cache. Each page is
 * checked before use (ext2_check_page); changes go through
 * __block_write_begin/block_write_end like file data. An indexed
 * (dir_index) directory is read as the linear one it also is, and loses
 * its index flag when changed. Leaves out: htree lookups, DIRSYNC.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/pagemap.h>
#include <linux/highmem.h>
#include <linux/buffer_head.h>
#include <linux/writeback.h>
#include "ext2.h"

static inline unsigned int ext2_rec_len(const struct ext2_dir_entry_2 *de)
{
	return le16_to_cpu(de->rec_len);
}

static inline struct ext2_dir_entry_2 *ext2_next_entry(struct ext2_dir_entry_2 *de)
{
	return (struct ext2_dir_entry_2 *)((char *)de + ext2_rec_len(de));
}

static inline unsigned int ext2_chunk_size(struct inode *inode)
{
	return inode->i_sb->s_blocksize;
}

static inline unsigned long dir_pages(struct inode *inode)
{
	return (inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

/* The bytes of page @n that are inside the directory. */
static unsigned int ext2_last_byte(struct inode *inode, unsigned long n)
{
	loff_t last = inode->i_size - ((loff_t)n << PAGE_SHIFT);

	return last > (loff_t)PAGE_SIZE ? PAGE_SIZE : (last < 0 ? 0 : last);
}

/* Releases a page from ext2_get_page (kunmap and the reference). */
void ext2_put_page(struct page *page)
{
	kunmap(page);
	put_page(page);
}

/* ---- checking a page ---- */

/* Reports the first bad entry of page @n of @dir once; returns false. */
static bool ext2_bad_entry(struct inode *dir, unsigned long n, const char *why, unsigned int offs,
			   const struct ext2_dir_entry_2 *de)
{
	struct ext2_inode_info *ei = EXT2_I(dir);

	if (ei->i_dir_bad != n + 1)
		ext2_error(dir->i_sb, "ext2_check_page",
			   "bad entry in directory #%lu: %s - offset=%llu, inode=%u, rec_len=%u, name_len=%u",
			   dir->i_ino, why, ((unsigned long long)n << PAGE_SHIFT) + offs,
			   le32_to_cpu(de->inode), ext2_rec_len(de), de->name_len);
	ei->i_dir_bad = n + 1;
	return false;
}

/* What is wrong with the entry at @offs of a page (@chunk-sized blocks), or NULL. */
static const char *ext2_entry_problem(struct super_block *sb, const struct ext2_dir_entry_2 *de,
				      unsigned int offs, unsigned int chunk)
{
	unsigned int rec_len = ext2_rec_len(de);

	if (rec_len < EXT2_DIR_REC_LEN(1))
		return "rec_len is smaller than minimal";
	if (rec_len % EXT2_DIR_PAD)
		return "unaligned directory entry";
	if (rec_len < (unsigned int)EXT2_DIR_REC_LEN(de->name_len))
		return "rec_len is too small for name_len";
	if (((offs + rec_len - 1) ^ offs) & ~(chunk - 1))
		return "directory entry across blocks";
	if (le32_to_cpu(de->inode) > EXT2_SB(sb)->s_inodes_count)
		return "inode out of bounds";
	return NULL;
}

/*
 * Is page @n of @dir (mapped at @kaddr) a valid run of entries up to the
 * directory's end in it? A bad one gets one ext2_error.
 */
static bool ext2_check_page(struct inode *dir, unsigned long n, char *kaddr)
{
	unsigned int chunk = ext2_chunk_size(dir), limit = ext2_last_byte(dir, n), offs;
	struct ext2_dir_entry_2 *de = (struct ext2_dir_entry_2 *)kaddr;
	const char *why;

	if (limit % chunk) {
		if (EXT2_I(dir)->i_dir_bad != n + 1)
			ext2_error(dir->i_sb, "ext2_check_page",
				   "size of directory #%lu is not a multiple of chunk size", dir->i_ino);
		EXT2_I(dir)->i_dir_bad = n + 1;
		return false;
	}
	for (offs = 0; offs + EXT2_DIR_REC_LEN(1) <= limit; offs += ext2_rec_len(de)) {
		de = (struct ext2_dir_entry_2 *)(kaddr + offs);
		why = ext2_entry_problem(dir->i_sb, de, offs, chunk);
		if (why)
			return ext2_bad_entry(dir, n, why, offs, de);
	}
	if (offs != limit)
		return ext2_bad_entry(dir, n, "entries do not end at the block's end", offs, de);
	return true;
}

/*
 * Page @n of directory @dir, read, checked (pages found good once are
 * trusted while the inode lives: only ext2 changes them) and kmapped:
 * release with ext2_put_page. ERR_PTR(-EIO) on a read error or bad page.
 */
static struct page *ext2_get_page(struct inode *dir, unsigned long n)
{
	struct ext2_inode_info *ei = EXT2_I(dir);
	struct page *page = read_mapping_page(dir->i_mapping, n, NULL);

	if (IS_ERR(page))
		return page;
	kmap(page);
	if (n >= ei->i_dir_checked) {
		if (!ext2_check_page(dir, n, page_address(page))) {
			ext2_put_page(page);
			return ERR_PTR(-EIO);
		}
		if (n == ei->i_dir_checked)
			ei->i_dir_checked++;
	}
	return page;
}

/* ---- changing a page ---- */

/* Maps (and allocates) the blocks under @len bytes at @pos of a locked directory page. */
static int ext2_prepare_chunk(struct page *page, loff_t pos, unsigned int len)
{
	return __block_write_begin(page, pos, len, ext2_get_block);
}

/*
 * The change to @len bytes at @pos of the locked @page is made: buffers
 * dirty, i_size grown if the change is past it, page unlocked.
 */
static int ext2_commit_chunk(struct page *page, loff_t pos, unsigned int len)
{
	struct inode *dir = page->mapping->host;

	ext2_fs_dirtied(dir->i_sb);
	block_write_end(NULL, page->mapping, pos, len, len, page, NULL);
	if (pos + len > dir->i_size) {
		i_size_write(dir, pos + len);
		mark_inode_dirty(dir);
	}
	unlock_page(page);
	return 0;
}

/* The directory itself changed: times, and an index it had no longer matches. */
static void ext2_dir_changed(struct inode *dir)
{
	dir->i_mtime = dir->i_ctime = current_time(dir);
	EXT2_I(dir)->i_flags &= ~EXT2_INDEX_FL;
	mark_inode_dirty(dir);
}

static const unsigned char ext2_type_by_mode[S_IFMT >> 12] = {
	[S_IFREG >> 12] = EXT2_FT_REG_FILE,
	[S_IFDIR >> 12] = EXT2_FT_DIR,
	[S_IFCHR >> 12] = EXT2_FT_CHRDEV,
	[S_IFBLK >> 12] = EXT2_FT_BLKDEV,
	[S_IFIFO >> 12] = EXT2_FT_FIFO,
	[S_IFSOCK >> 12] = EXT2_FT_SOCK,
	[S_IFLNK >> 12] = EXT2_FT_SYMLINK,
};

static const unsigned char ext2_dtype_by_type[EXT2_FT_MAX] = {
	[EXT2_FT_UNKNOWN] = DT_UNKNOWN,
	[EXT2_FT_REG_FILE] = DT_REG,
	[EXT2_FT_DIR] = DT_DIR,
	[EXT2_FT_CHRDEV] = DT_CHR,
	[EXT2_FT_BLKDEV] = DT_BLK,
	[EXT2_FT_FIFO] = DT_FIFO,
	[EXT2_FT_SOCK] = DT_SOCK,
	[EXT2_FT_SYMLINK] = DT_LNK,
};

/* The entry's file type from @inode's mode (0 without the filetype feature). */
static void ext2_set_de_type(struct ext2_dir_entry_2 *de, struct inode *inode)
{
	de->file_type = EXT2_SB(inode->i_sb)->s_has_filetype ?
			ext2_type_by_mode[(inode->i_mode & S_IFMT) >> 12] : 0;
}

/* ---- readdir ---- */

/* The entry at or after offset @offs of a page, found from its chunk's start. */
static unsigned int ext2_realign(char *kaddr, unsigned int offs, unsigned int chunk)
{
	unsigned int p = offs & ~(chunk - 1);

	while (p < offs)
		p += ext2_rec_len((struct ext2_dir_entry_2 *)(kaddr + p));
	return p;
}

/* Emits the used entries of page @n from @offs on; false when the caller's buffer is full. */
static bool ext2_emit_page(struct inode *inode, struct dir_context *ctx, unsigned long n,
			   char *kaddr, unsigned int offs)
{
	unsigned int end = ext2_last_byte(inode, n);
	bool types = EXT2_SB(inode->i_sb)->s_has_filetype;

	for (; offs + EXT2_DIR_REC_LEN(1) <= end; offs += ext2_rec_len((void *)(kaddr + offs))) {
		struct ext2_dir_entry_2 *de = (struct ext2_dir_entry_2 *)(kaddr + offs);

		ctx->pos = ((loff_t)n << PAGE_SHIFT) + offs;
		if (de->inode && !dir_emit(ctx, de->name, de->name_len, le32_to_cpu(de->inode),
					   types && de->file_type < EXT2_FT_MAX ?
					   ext2_dtype_by_type[de->file_type] : DT_UNKNOWN))
			return false;
	}
	ctx->pos = ((loff_t)n << PAGE_SHIFT) + offs;
	return true;
}

/*
 * iterate_shared: the entries from ctx->pos on, page by page through the
 * directory's page cache. 0 (done, or the caller's buffer is full) or
 * -EIO (a bad page, reported; ctx->pos moves past it).
 */
static int ext2_readdir(struct file *file, struct dir_context *ctx)
{
	struct inode *inode = file_inode(file);
	unsigned long n = ctx->pos >> PAGE_SHIFT, npages = dir_pages(inode);
	unsigned int offs = ctx->pos & (PAGE_SIZE - 1);

	if (ctx->pos < 0 || ctx->pos > inode->i_size - EXT2_DIR_REC_LEN(1))
		return 0;
	for (; n < npages; n++, offs = 0) {
		struct page *page = ext2_get_page(inode, n);
		bool more;

		if (IS_ERR(page)) {
			ctx->pos = (loff_t)(n + 1) << PAGE_SHIFT;
			return PTR_ERR(page);
		}
		offs = ext2_realign(page_address(page), offs, ext2_chunk_size(inode));
		more = ext2_emit_page(inode, ctx, n, page_address(page), offs);
		ext2_put_page(page);
		if (!more)
			return 0;
	}
	return 0;
}

/* ---- lookups ---- */

static bool ext2_match(int len, const char *name, const struct ext2_dir_entry_2 *de)
{
	return de->inode && len == de->name_len && !memcmp(name, de->name, len);
}

/*
 * The entry called @name in @dir: its address in *@res_page (kmapped,
 * with a reference: ext2_put_page, or pass it on to ext2_delete_entry or
 * ext2_set_link), or ERR_PTR(-ENOENT) / ERR_PTR(-EIO).
 */
struct ext2_dir_entry_2 *ext2_find_entry(struct inode *dir, const struct qstr *name,
					 struct page **res_page)
{
	unsigned long n, npages = dir_pages(dir);
	unsigned int reclen = EXT2_DIR_REC_LEN(name->len);

	for (n = 0; n < npages; n++) {
		struct page *page = ext2_get_page(dir, n);
		char *kaddr;
		unsigned int offs, end = ext2_last_byte(dir, n);

		if (IS_ERR(page))
			return ERR_CAST(page);
		kaddr = page_address(page);
		for (offs = 0; offs + reclen <= end; offs += ext2_rec_len((void *)(kaddr + offs))) {
			struct ext2_dir_entry_2 *de = (struct ext2_dir_entry_2 *)(kaddr + offs);

			if (ext2_match(name->len, name->name, de)) {
				*res_page = page;
				return de;
			}
		}
		ext2_put_page(page);
	}
	return ERR_PTR(-ENOENT);
}

/* The ".." entry of @dir (the second entry of its first block), its page in *@p. */
struct ext2_dir_entry_2 *ext2_dotdot(struct inode *dir, struct page **p)
{
	struct page *page = ext2_get_page(dir, 0);
	struct ext2_dir_entry_2 *de;

	if (IS_ERR(page))
		return ERR_CAST(page);
	de = ext2_next_entry(page_address(page));
	if (de->name_len != 2 || memcmp(de->name, "..", 2)) {
		ext2_error(dir->i_sb, __func__, "directory #%lu has no '..' entry", dir->i_ino);
		ext2_put_page(page);
		return ERR_PTR(-EIO);
	}
	*p = page;
	return de;
}

/* The inode number @name names in @dir: 0 with *@ino set, -ENOENT or -EIO. */
int ext2_inode_by_name(struct inode *dir, const struct qstr *name, unsigned long *ino)
{
	struct page *page;
	struct ext2_dir_entry_2 *de = ext2_find_entry(dir, name, &page);

	if (IS_ERR(de))
		return PTR_ERR(de);
	*ino = le32_to_cpu(de->inode);
	ext2_put_page(page);
	return 0;
}

/* ---- changes ---- */

/*
 * Points entry @de (in @page, from ext2_find_entry or ext2_dotdot; the
 * reference is consumed) of @dir at @inode (rename). 0 or -Exxx.
 */
int ext2_set_link(struct inode *dir, struct ext2_dir_entry_2 *de, struct page *page,
		  struct inode *inode)
{
	loff_t pos = page_offset(page) + ((char *)de - (char *)page_address(page));
	unsigned int len = ext2_rec_len(de);
	int err;

	lock_page(page);
	err = ext2_prepare_chunk(page, pos, len);
	if (err) {
		unlock_page(page);
		ext2_put_page(page);
		return err;
	}
	de->inode = cpu_to_le32(inode->i_ino);
	ext2_set_de_type(de, inode);
	err = ext2_commit_chunk(page, pos, len);
	ext2_put_page(page);
	ext2_dir_changed(dir);
	return err;
}

/* A place for @reclen bytes of entry in a page of @dir, or where a new chunk goes. */
struct ext2_slot {
	struct ext2_dir_entry_2 *de;
	unsigned int rec_len;		/* the entry's (a new chunk's) length */
	bool new_chunk;			/* at the directory's end: a fresh block */
};

/*
 * Looks through page @n (mapped at @kaddr) for room for a @namelen-byte
 * @name: 1 with *@slot filled, 0 if none, -EEXIST if the name is there.
 */
static int ext2_find_slot(struct inode *dir, unsigned long n, char *kaddr, const char *name,
			  int namelen, struct ext2_slot *slot)
{
	unsigned int reclen = EXT2_DIR_REC_LEN(namelen), end = ext2_last_byte(dir, n), offs;

	for (offs = 0; offs + reclen <= PAGE_SIZE; offs += ext2_rec_len((void *)(kaddr + offs))) {
		struct ext2_dir_entry_2 *de = (struct ext2_dir_entry_2 *)(kaddr + offs);
		unsigned int used = de->inode ? EXT2_DIR_REC_LEN(de->name_len) : 0;

		slot->de = de;
		slot->new_chunk = offs == end;
		if (slot->new_chunk) {
			slot->rec_len = ext2_chunk_size(dir);
			return 1;
		}
		if (ext2_match(namelen, name, de))
			return -EEXIST;
		slot->rec_len = ext2_rec_len(de);
		if (slot->rec_len >= used + reclen)
			return 1;
	}
	return 0;
}

/* Writes the entry for @inode called @name into @slot (its chunk prepared). */
static void ext2_fill_slot(struct ext2_slot *slot, const char *name, int namelen,
			   struct inode *inode)
{
	struct ext2_dir_entry_2 *de = slot->de;

	if (slot->new_chunk) {
		memset(de, 0, slot->rec_len);
		de->rec_len = cpu_to_le16(slot->rec_len);
	} else if (de->inode) {
		unsigned int used = EXT2_DIR_REC_LEN(de->name_len);
		struct ext2_dir_entry_2 *de1 = (struct ext2_dir_entry_2 *)((char *)de + used);

		de1->rec_len = cpu_to_le16(slot->rec_len - used);
		de->rec_len = cpu_to_le16(used);
		de = de1;
	}
	de->name_len = namelen;
	memcpy(de->name, name, namelen);
	de->inode = cpu_to_le32(inode->i_ino);
	ext2_set_de_type(de, inode);
}

/*
 * Adds the entry @dentry -> @inode to the parent directory: into the
 * first gap big enough (an unused entry, or the slack after one), else a
 * new block at the end. 0, -EEXIST, -ENOSPC, -EIO.
 */
int ext2_add_link(struct dentry *dentry, struct inode *inode)
{
	struct inode *dir = d_inode(dentry->d_parent);
	const char *name = dentry->d_name.name;
	int namelen = dentry->d_name.len, found = 0, err;
	unsigned long n, npages = dir_pages(dir);
	struct ext2_slot slot;
	struct page *page = NULL;
	loff_t pos;

	for (n = 0; n <= npages && !found; n++) {
		page = ext2_get_page(dir, n);
		if (IS_ERR(page))
			return PTR_ERR(page);
		found = ext2_find_slot(dir, n, page_address(page), name, namelen, &slot);
		if (found <= 0)
			ext2_put_page(page);
		if (found < 0)
			return found;
	}
	if (!found)
		return -EIO;
	pos = page_offset(page) + ((char *)slot.de - (char *)page_address(page));
	lock_page(page);
	err = ext2_prepare_chunk(page, pos, slot.rec_len);
	if (err) {
		unlock_page(page);
		ext2_put_page(page);
		return err;
	}
	ext2_fill_slot(&slot, name, namelen, inode);
	err = ext2_commit_chunk(page, pos, slot.rec_len);
	ext2_put_page(page);
	ext2_dir_changed(dir);
	return err;
}

/*
 * Removes entry @de (in @page, whose reference is consumed) from @dir:
 * the previous entry of its chunk absorbs it, or, first in its chunk, it
 * is marked unused. 0 or -Exxx.
 */
int ext2_delete_entry(struct inode *dir, struct ext2_dir_entry_2 *de, struct page *page)
{
	char *kaddr = page_address(page);
	unsigned int from = ((char *)de - kaddr) & ~(ext2_chunk_size(dir) - 1);
	unsigned int to = ((char *)de - kaddr) + ext2_rec_len(de);
	struct ext2_dir_entry_2 *pde = NULL, *p = (struct ext2_dir_entry_2 *)(kaddr + from);
	loff_t pos;
	int err;

	while (p < de) {
		pde = p;
		p = ext2_next_entry(p);
	}
	if (pde)
		from = (char *)pde - kaddr;
	pos = page_offset(page) + from;
	lock_page(page);
	err = ext2_prepare_chunk(page, pos, to - from);
	if (err) {
		unlock_page(page);
		ext2_put_page(page);
		return err;
	}
	if (pde)
		pde->rec_len = cpu_to_le16(to - from);
	de->inode = 0;
	err = ext2_commit_chunk(page, pos, to - from);
	ext2_put_page(page);
	ext2_dir_changed(dir);
	return err;
}

/* Writes the first block of new directory @inode: "." and ".." (naming @parent). 0 or -Exxx. */
int ext2_make_empty(struct inode *inode, struct inode *parent)
{
	struct address_space *mapping = inode->i_mapping;
	unsigned int chunk = ext2_chunk_size(inode);
	struct page *page = find_or_create_page(mapping, 0, mapping_gfp_mask(mapping));
	struct ext2_dir_entry_2 *de;
	char *kaddr;
	int err;

	if (!page)
		return -ENOMEM;
	err = ext2_prepare_chunk(page, 0, chunk);
	if (err) {
		unlock_page(page);
		put_page(page);
		return err;
	}
	kaddr = kmap_atomic(page);
	memset(kaddr, 0, chunk);
	de = (struct ext2_dir_entry_2 *)kaddr;
	de->name_len = 1;
	de->rec_len = cpu_to_le16(EXT2_DIR_REC_LEN(1));
	memcpy(de->name, ".", 1);
	de->inode = cpu_to_le32(inode->i_ino);
	ext2_set_de_type(de, inode);
	de = (struct ext2_dir_entry_2 *)(kaddr + EXT2_DIR_REC_LEN(1));
	de->name_len = 2;
	de->rec_len = cpu_to_le16(chunk - EXT2_DIR_REC_LEN(1));
	memcpy(de->name, "..", 2);
	de->inode = cpu_to_le32(parent->i_ino);
	ext2_set_de_type(de, inode);
	kunmap_atomic(kaddr);
	err = ext2_commit_chunk(page, 0, chunk);
	put_page(page);
	return err;
}

/* Is entry @de one a removable directory @inode may hold ("." naming itself, or "..")? */
static bool ext2_dot_or_dotdot(struct inode *inode, const struct ext2_dir_entry_2 *de)
{
	if (de->name_len == 1 && de->name[0] == '.')
		return le32_to_cpu(de->inode) == inode->i_ino;
	return de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.';
}

/* 1 if directory @inode holds nothing but "." and "..", else 0 (also on a read error). */
int ext2_empty_dir(struct inode *inode)
{
	unsigned long n, npages = dir_pages(inode);

	for (n = 0; n < npages; n++) {
		struct page *page = ext2_get_page(inode, n);
		unsigned int offs, end = ext2_last_byte(inode, n);
		char *kaddr;

		if (IS_ERR(page))
			return 0;
		kaddr = page_address(page);
		for (offs = 0; offs + EXT2_DIR_REC_LEN(1) <= end;
		     offs += ext2_rec_len((void *)(kaddr + offs))) {
			struct ext2_dir_entry_2 *de = (struct ext2_dir_entry_2 *)(kaddr + offs);

			if (de->inode && !ext2_dot_or_dotdot(inode, de)) {
				ext2_put_page(page);
				return 0;
			}
		}
		ext2_put_page(page);
	}
	return 1;
}

const struct file_operations ext2_dir_operations = {
	.llseek		= generic_file_llseek,
	.read		= generic_read_dir,
	.iterate_shared	= ext2_readdir,
	.fsync		= generic_file_fsync,
};
