/*
 * Block device files: each disk or partition gets an inode of the "bdev"
 * pseudo super block whose page cache is the device's (buffer heads live
 * there), opened with blkdev_get and closed with blkdev_put (the last
 * close writes the cache back and drops it: seed 003's WRITE stack), and
 * the file and address-space operations of /dev/vda-like files. Follows
 * Linux 4.x fs/block_dev.c by name. Left out: direct I/O, the bdev pseudo
 * file system's mount and /proc/filesystems line, bd_claim's holder
 * chains beyond one holder, partition rescans, freezing, ioctls, and
 * freeing bdev inodes (they live as long as their disk).
 */
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/buffer_head.h>
#include <linux/mpage.h>
#include <linux/writeback.h>
#include <linux/genhd.h>
#include <linux/blkdev.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/uio.h>

/* A bdev inode and what fs/block_dev.c keeps with it (Linux: struct bdev_inode and bd_mutex/bd_holders). */
struct bdev_inode {
	struct inode vfs_inode;
	struct mutex bd_mutex;		/* opens and closes */
	int bd_holders;			/* FMODE_EXCL opens by bd_holder */
};

/* The bdev_inode around a bdev inode. */
static struct bdev_inode *BDEV_I(struct inode *inode)
{
	return container_of(inode, struct bdev_inode, vfs_inode);
}

static const struct address_space_operations def_blk_aops;

static struct super_block blockdev_superblock;
static struct kmem_cache *bdev_cachep;
static DEFINE_MUTEX(bdev_lock);		/* creating bdev inodes */

/* The pseudo super block, made on first use (Linux: bdev_cache_init's kern_mount of "bdev"). */
static void bdev_sb_init(void)
{
	struct super_block *sb = &blockdev_superblock;

	if (bdev_cachep)
		return;
	bdev_cachep = kmem_cache_create("bdev_cache", sizeof(struct bdev_inode), 8,
					SLAB_PANIC | SLAB_RECLAIM_ACCOUNT, NULL);
	INIT_LIST_HEAD(&sb->s_list);
	INIT_LIST_HEAD(&sb->s_instances);
	INIT_LIST_HEAD(&sb->s_inodes);
	spin_lock_init(&sb->s_inode_list_lock);
	mutex_init(&sb->s_umount);
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_magic = 0x62646576;	/* BDEVFS_MAGIC */
	sb->s_count = 1;
	strlcpy(sb->s_id, "bdev", sizeof(sb->s_id));
}

/* The bdev inode of @bdev, made on first use: NULL without memory. */
static struct inode *bdev_get_inode(struct block_device *bdev)
{
	struct bdev_inode *bi;
	struct inode *inode;

	mutex_lock(&bdev_lock);
	bdev_sb_init();
	if (bdev->bd_inode)
		goto out;
	bi = kmem_cache_zalloc(bdev_cachep, GFP_KERNEL);
	if (!bi)
		goto out;
	inode = &bi->vfs_inode;
	inode_init_once(inode);
	mutex_init(&bi->bd_mutex);
	inode->i_sb = &blockdev_superblock;
	inode->i_mode = S_IFBLK;
	inode->i_ino = bdev->bd_dev;
	inode->i_rdev = bdev->bd_dev;
	inode->i_bdev = bdev;
	inode->i_nlink = 1;
	inode->i_count.counter = 1;
	inode->i_blkbits = PAGE_SHIFT;
	inode->i_mapping = &inode->i_data;
	inode->i_data.host = inode;
	inode->i_data.a_ops = &def_blk_aops;
	mapping_set_gfp_mask(&inode->i_data, GFP_USER);
	spin_lock(&blockdev_superblock.s_inode_list_lock);
	list_add(&inode->i_sb_list, &blockdev_superblock.s_inodes);
	spin_unlock(&blockdev_superblock.s_inode_list_lock);
	bdev->bd_inode = inode;
out:
	mutex_unlock(&bdev_lock);
	return bdev->bd_inode;
}

/* The smallest unit @bdev's queue transfers. */
static unsigned int bdev_logical_block_size(struct block_device *bdev)
{
	return bdev->bd_disk->queue->limits.logical_block_size;
}

/* Does @bdev's queue refuse writes? */
static bool bdev_read_only(struct block_device *bdev)
{
	return bdev->bd_disk->queue->readonly;
}

/* Block size and i_blkbits of @bdev's inode from @size. */
static void bd_set_blocksize(struct block_device *bdev, unsigned int size)
{
	unsigned int bits = 9;

	while ((1U << bits) < size)
		bits++;
	bdev->bd_block_size = size;
	bdev->bd_inode->i_blkbits = bits;
}

/*
 * On first open: i_size from the partition, and the default block size,
 * the largest power of two up to PAGE_SIZE dividing the size (at least
 * the logical block size), as Linux's bd_set_size.
 */
static void bd_set_size(struct block_device *bdev)
{
	loff_t size = (loff_t)bdev->bd_part->nr_sects << 9;
	unsigned int bsize = bdev_logical_block_size(bdev);

	i_size_write(bdev->bd_inode, size);
	while (bsize < PAGE_SIZE && !(size & bsize))
		bsize <<= 1;
	bd_set_blocksize(bdev, bsize);
}

/*
 * Opens @bdev with FMODE_* @mode: the first opener sets its size and
 * block size. -EROFS for a write open of a read-only device, -EBUSY if
 * @holder wants it exclusively and another holder has it, -ENOMEM.
 */
int blkdev_get(struct block_device *bdev, unsigned int mode, void *holder)
{
	struct bdev_inode *bi;

	if (!bdev_get_inode(bdev))
		return -ENOMEM;
	if ((mode & FMODE_WRITE) && bdev_read_only(bdev))
		return -EROFS;
	bi = BDEV_I(bdev->bd_inode);
	mutex_lock(&bi->bd_mutex);
	if ((mode & FMODE_EXCL) && bdev->bd_holder && bdev->bd_holder != holder) {
		mutex_unlock(&bi->bd_mutex);
		return -EBUSY;
	}
	if (!bdev->bd_openers)
		bd_set_size(bdev);
	bdev->bd_openers++;
	if (mode & FMODE_EXCL) {
		bdev->bd_holder = holder;
		bi->bd_holders++;
	}
	mutex_unlock(&bi->bd_mutex);
	return 0;
}

/* Writes back @bdev's page cache and waits: 0 or the first write-back error. */
int sync_blockdev(struct block_device *bdev)
{
	if (!bdev || !bdev->bd_inode)
		return 0;
	return filemap_write_and_wait(bdev->bd_inode->i_mapping);
}

/* Drops @bdev's page cache (its buffers go with the pages nobody holds). */
void kill_bdev(struct block_device *bdev)
{
	struct address_space *mapping;

	if (!bdev->bd_inode)
		return;
	mapping = bdev->bd_inode->i_mapping;
	if (mapping->nrpages)
		truncate_inode_pages(mapping, 0);
}

/* The close itself, bd_mutex held: the last one writes the cache back and drops it. */
static void __blkdev_put(struct block_device *bdev, unsigned int mode)
{
	if (WARN_ON(bdev->bd_openers <= 0))
		return;
	if (--bdev->bd_openers)
		return;
	WARN_ON(BDEV_I(bdev->bd_inode)->bd_holders);
	sync_blockdev(bdev);		/* filemap_write_and_wait, seed 003 */
	kill_bdev(bdev);
}

/* Closes what blkdev_get(@bdev, @mode) opened. */
void blkdev_put(struct block_device *bdev, unsigned int mode)
{
	struct bdev_inode *bi = BDEV_I(bdev->bd_inode);

	mutex_lock(&bi->bd_mutex);
	if ((mode & FMODE_EXCL) && bi->bd_holders > 0 && !--bi->bd_holders)
		bdev->bd_holder = NULL;
	__blkdev_put(bdev, mode);
	mutex_unlock(&bi->bd_mutex);
}

/* "/dev/vda2" or "vda2": the device (by the last component), opened; ERR_PTR(-ENOENT) if none. */
struct block_device *blkdev_get_by_path(const char *path, unsigned int mode, void *holder)
{
	const char *name = strrchr(path, '/');
	struct block_device *bdev;
	int err;

	name = name ? name + 1 : path;
	bdev = *name ? lookup_bdev(name) : NULL;
	if (!bdev)
		return ERR_PTR(-ENOENT);
	err = blkdev_get(bdev, mode, holder);
	return err ? ERR_PTR(err) : bdev;
}

/* The device numbered @dev with its inode made (not opened), or NULL. */
struct block_device *bdget(dev_t dev)
{
	struct block_device *bdev = lookup_bdev_dev(dev);

	if (!bdev || !bdev_get_inode(bdev))
		return NULL;
	return bdev;
}

/*
 * Sets @bdev's soft block size (a power of two, 512..PAGE_SIZE, not below
 * the logical block size): the cache is written back and dropped, so its
 * buffers come back in the new size. 0 or -EINVAL/-ENOMEM.
 */
int set_blocksize(struct block_device *bdev, int size)
{
	if (size < 512 || size > (int)PAGE_SIZE || (size & (size - 1)) ||
	    (unsigned int)size < bdev_logical_block_size(bdev))
		return -EINVAL;
	if (!bdev_get_inode(bdev))
		return -ENOMEM;
	if (bdev->bd_block_size != (unsigned int)size) {
		sync_blockdev(bdev);
		bd_set_blocksize(bdev, (unsigned int)size);
		kill_bdev(bdev);
	}
	return 0;
}

/* for_each_bdev callback: write back an open device's cache. */
static void sync_one_bdev(struct block_device *bdev, void *arg)
{
	if (bdev->bd_inode && bdev->bd_openers)
		sync_blockdev(bdev);
}

/* sync(2)'s last step: every open device's cache. */
void sync_all_blockdevs(void)
{
	for_each_bdev(sync_one_bdev, NULL);
}

/* for_each_bdev callback: add the device's cached pages to *@arg. */
static void count_bdev_pages(struct block_device *bdev, void *arg)
{
	if (bdev->bd_inode)
		*(unsigned long *)arg += bdev->bd_inode->i_mapping->nrpages;
}

/* Pages in block devices' caches: /proc/meminfo's Buffers (Linux's nr_blockdev_pages). */
unsigned long nr_blockdev_pages(void)
{
	unsigned long n = 0;

	for_each_bdev(count_bdev_pages, &n);
	return n;
}

/* ---- address-space operations ------------------------------------------------ */

/* get_block of a device: block N is block N (its size is the inode's); nothing to allocate. */
static int blkdev_get_block(struct inode *inode, sector_t iblock, struct buffer_head *bh, int create)
{
	bh->b_bdev = inode->i_bdev;
	bh->b_blocknr = iblock;
	set_buffer_mapped(bh);
	return 0;
}

/* a_ops->readpage: the page's blocks one buffer each. */
static int blkdev_readpage(struct file *file, struct page *page)
{
	return block_read_full_page(page, blkdev_get_block);
}

/* a_ops->readpages (seed 003's READ stack): mpage_readpages. */
static int blkdev_readpages(struct file *file, struct address_space *mapping,
			    struct list_head *pages, unsigned int nr_pages)
{
	return mpage_readpages(mapping, pages, nr_pages, blkdev_get_block);
}

/* a_ops->writepage (seed 003's WRITE stack): block_write_full_page. */
static int blkdev_writepage(struct page *page, struct writeback_control *wbc)
{
	return block_write_full_page(page, blkdev_get_block, wbc);
}

/* a_ops->write_begin: block_write_begin (grab_cache_page_write_begin, buffers mapped). */
static int blkdev_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
			      unsigned int len, unsigned int flags, struct page **pagep, void **fsdata)
{
	return block_write_begin(mapping, pos, len, flags, pagep, blkdev_get_block);
}

/* block_write_end, then the page is unlocked and released (write_end's contract). */
static int blkdev_write_end(struct file *file, struct address_space *mapping, loff_t pos,
			    unsigned int len, unsigned int copied, struct page *page, void *fsdata)
{
	int ret = block_write_end(file, mapping, pos, len, copied, page, fsdata);

	unlock_page(page);
	put_page(page);
	return ret;
}

/* Reclaim of a clean page: its buffers go if nobody holds them. */
static int blkdev_releasepage(struct page *page, gfp_t gfp)
{
	return try_to_free_buffers(page);
}

/* writepages stays NULL: generic_writepages -> write_cache_pages -> blkdev_writepage (seed 003). */
static const struct address_space_operations def_blk_aops = {
	.readpage	= blkdev_readpage,
	.readpages	= blkdev_readpages,
	.writepage	= blkdev_writepage,
	.write_begin	= blkdev_write_begin,
	.write_end	= blkdev_write_end,
	.set_page_dirty	= __set_page_dirty_buffers,
	.invalidatepage	= block_invalidatepage,	/* Linux's default for NULL, said outright */
	.releasepage	= blkdev_releasepage,
};

/* ---- file operations ----------------------------------------------------------- */

/* The bdev inode behind an open device file. */
static struct inode *bdev_file_inode(struct file *file)
{
	return file->f_mapping->host;
}

/*
 * Opening a device file (the node's i_rdev names the device): the bdev is
 * opened with the file's mode, and the file reads and writes its cache.
 * -ENXIO if no such device.
 */
static int blkdev_open(struct inode *inode, struct file *filp)
{
	struct block_device *bdev = bdget(inode->i_rdev);
	int err;

	if (!bdev)
		return -ENXIO;
	filp->f_flags |= O_LARGEFILE;
	err = blkdev_get(bdev, filp->f_mode, filp);
	if (err)
		return err;
	inode->i_bdev = bdev;
	filp->f_mapping = bdev->bd_inode->i_mapping;
	filp->private_data = bdev;
	return 0;
}

/* f_op->release: the file's blkdev_get is put (the last one writes back, seed 003). 0. */
static int blkdev_close(struct inode *inode, struct file *filp)
{
	blkdev_put(filp->private_data, filp->f_mode);
	return 0;
}

/* Seeks within the device's size: SEEK_SET, SEEK_CUR, SEEK_END; -EINVAL outside 0..size. */
static loff_t block_llseek(struct file *file, loff_t offset, int whence)
{
	struct inode *bd_inode = bdev_file_inode(file);
	loff_t size = i_size_read(bd_inode);

	switch (whence) {
	case SEEK_SET:
		break;
	case SEEK_CUR:
		offset += file->f_pos;
		break;
	case SEEK_END:
		offset += size;
		break;
	default:
		return -EINVAL;
	}
	if (offset < 0 || offset > size)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

/* Seed 003's READ stack: the page cache read, clipped to the device's end. */
static ssize_t blkdev_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	loff_t size = i_size_read(bdev_file_inode(iocb->ki_filp));
	loff_t pos = iocb->ki_pos;

	if (pos >= size)
		return 0;
	iov_iter_truncate(to, (size_t)(size - pos));
	return generic_file_read_iter(iocb, to);
}

/* fsync of a device file: its cache written and waited for, then the disk's cache flushed. */
static int blkdev_fsync(struct file *filp, loff_t start, loff_t end, int datasync)
{
	struct block_device *bdev = bdev_file_inode(filp)->i_bdev;
	int error = filemap_write_and_wait_range(filp->f_mapping, start, end);

	if (error)
		return error;
	error = blkdev_issue_flush(bdev->bd_disk);
	return error == -EOPNOTSUPP ? 0 : error;
}

/*
 * A write into the device's cache (written back later, or at once for
 * O_SYNC/O_DSYNC). -ENOSPC at or past the end, shortened before it;
 * -EPERM on a read-only device.
 */
static ssize_t blkdev_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *file = iocb->ki_filp;
	struct inode *bd_inode = bdev_file_inode(file);
	loff_t size = i_size_read(bd_inode), pos = iocb->ki_pos;
	struct blk_plug plug;
	ssize_t ret;

	if (bdev_read_only(bd_inode->i_bdev))
		return -EPERM;
	if (!iov_iter_count(from))
		return 0;
	if (pos >= size)
		return -ENOSPC;
	iov_iter_truncate(from, (size_t)(size - pos));
	blk_start_plug(&plug);
	ret = __generic_file_write_iter(iocb, from);
	if (ret > 0 && (iocb->ki_flags & (IOCB_DSYNC | IOCB_SYNC))) {
		int err = blkdev_fsync(file, iocb->ki_pos - ret, iocb->ki_pos - 1,
				       !(iocb->ki_flags & IOCB_SYNC));

		if (err)
			ret = err;
	}
	blk_finish_plug(&plug);
	return ret;
}

const struct file_operations def_blk_fops = {
	.open		= blkdev_open,
	.release	= blkdev_close,
	.llseek		= block_llseek,
	.read_iter	= blkdev_read_iter,
	.write_iter	= blkdev_write_iter,
	.mmap		= generic_file_mmap,
	.fsync		= blkdev_fsync,
};
