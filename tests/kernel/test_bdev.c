/*
 * In-kernel tests of buffer heads and block device files (ktest=bdev) on
 * the virtio disk tests/qemu/t_bdev.sh makes: sector s of the disk starts
 * "rivet-bdev sector %08d\n" and the rest is the byte s & 0xff; vda1 at
 * 2048 (4 MiB), vda2 at 10240 to the end. Checks __bread through
 * blkdev_get_by_path("vda1"), highmem buffers, reads of /dev/vda through
 * def_blk_fops and kernel_read (a second read issues no I/O), and a write
 * into vda2 that reaches the disk only at the last close. Without the
 * disk every test says it was skipped.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/highmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/pagemap.h>
#include <linux/buffer_head.h>
#include <linux/genhd.h>
#include <linux/blkdev.h>
#include <linux/vmstat.h>
#include <linux/slab.h>

#define P1_START	2048
#define P2_START	10240

/* Pattern sector @s in @buf (512 bytes). */
static void pattern_sector(char *buf, u64 s)
{
	int n = snprintf(buf, 512, "rivet-bdev sector %08llu\n", (unsigned long long)s);

	memset(buf + n, (int)(s & 0xff), 512 - n);
}

/* What the write test puts in disk sector @s (t_bdev.sh checks the same). */
static void written_sector(char *buf, u64 s)
{
	int n = snprintf(buf, 512, "rivet-bdev written %08llu\n", (unsigned long long)s);

	memset(buf + n, (int)((0x5a ^ s) & 0xff), 512 - n);
}

/* Do the @nr sectors at @p hold the pattern from disk sector @s on? */
static bool is_pattern(const char *p, u64 s, unsigned int nr)
{
	char want[512];

	for (unsigned int i = 0; i < nr; i++) {
		pattern_sector(want, s + i);
		if (memcmp(p + i * 512, want, 512))
			return false;
	}
	return true;
}

/* The test disk's vda1, opened, or NULL after saying why (and closing it). */
static struct block_device *open_test_disk(const char *test, const char *name, unsigned int mode)
{
	struct block_device *bdev = lookup_bdev("vda1") ? blkdev_get_by_path(name, mode, NULL) : NULL;
	struct buffer_head *bh;
	sector_t first;
	bool ok;

	if (IS_ERR_OR_NULL(bdev)) {
		pr_info("bdev: %s: no partitioned disk, skipped\n", test);
		return NULL;
	}
	if (set_blocksize(bdev, 512))
		goto bad;
	/* the first pattern sector of it: disk sector 2048 on (the GPT's own sectors come before) */
	first = bdev->bd_part->start_sect < P1_START ? P1_START - bdev->bd_part->start_sect : 0;
	bh = __bread(bdev, first, 512);
	ok = bh && is_pattern(bh->b_data, bdev->bd_part->start_sect + first, 1);
	brelse(bh);
	if (ok)
		return bdev;
bad:
	pr_info("bdev: %s: %s has no bdev test pattern, skipped\n", test, name);
	blkdev_put(bdev, mode);
	return NULL;
}

/* Reads completed on @bdev's disk so far (its /proc/diskstats field). */
static unsigned long disk_ios(struct block_device *bdev, int rw)
{
	return bdev->bd_disk->part0.dkstats.ios[rw];
}

KTEST(bdev_bread)
{
	struct block_device *bdev = open_test_disk("bread", "/dev/vda1", FMODE_READ);
	static const unsigned int sizes[] = { 1024, 2048, 4096 };

	if (!bdev)
		return;
	KT_EXPECT(bdev->bd_inode && bdev->bd_inode->i_size == 4 << 20);
	for (unsigned int i = 0; i < 3; i++) {
		unsigned int size = sizes[i], spb = size / 512;
		struct buffer_head *bh;
		unsigned long ios;

		KT_EXPECT(set_blocksize(bdev, (int)size) == 0);
		bh = __bread(bdev, 5, size);
		if (!KT_EXPECT(bh))
			continue;
		KT_EXPECT(is_pattern(bh->b_data, P1_START + 5 * spb, spb));
		KT_EXPECT(!PageHighMem(bh->b_page) &&
			  bh->b_data == (char *)page_address(bh->b_page) + bh_offset(bh));
		ios = disk_ios(bdev, 0);
		KT_EXPECT(__bread(bdev, 5, size) == bh && disk_ios(bdev, 0) == ios);
		brelse(bh);
		brelse(bh);
	}
	pr_info("bdev: bread: vda1 block 5 of 1024, 2048 and 4096 bytes matches, cached\n");
	blkdev_put(bdev, FMODE_READ);
}

KTEST(bdev_highmem_buffers)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct buffer_head *bh;
	bool offsets = true;
	unsigned int i = 0;
	char *m;

	if (!KT_EXPECT(page))
		return;
	if (!PageHighMem(page)) {
		pr_info("bdev: highmem_buffers: no highmem page, skipped\n");
		__free_page(page);
		return;
	}
	lock_page(page);
	create_empty_buffers(page, 1024, 0);
	if (!KT_EXPECT(page_has_buffers(page)))
		goto out;
	bh = page_buffers(page);
	do {
		char *p = bh_data_kmap(bh);

		offsets &= (unsigned long)bh->b_data == i * 1024;
		memset(p, 'a' + i, 1024);
		bh_data_kunmap(bh, p);
		bh = bh->b_this_page;
		i++;
	} while (bh != page_buffers(page));
	KT_EXPECT(offsets && i == 4);
	m = kmap_atomic(page);
	KT_EXPECT(m[0] == 'a' && m[1024] == 'b' && m[3 * 1024 + 1023] == 'd');
	kunmap_atomic(m);
	KT_EXPECT(try_to_free_buffers(page) == 1 && !page_has_buffers(page));
	pr_info("bdev: highmem_buffers: b_data holds offsets 0..3072, bh_data_kmap reaches them\n");
out:
	unlock_page(page);
	__free_page(page);
}

/* A device file's node and an open file on it, as the VFS would make them. */
struct devfile {
	struct inode node;
	struct dentry dentry;
	struct file file;
};

/* The super block the nodes belong to (a stand-in for devtmpfs's). */
static struct super_block ktest_node_sb = {
	.s_inodes = LIST_HEAD_INIT(ktest_node_sb.s_inodes),
	.s_id = "ktest-bdev",
};
static const struct address_space_operations ktest_node_aops;

static int devfile_open(struct devfile *f, const char *name, unsigned int fmode)
{
	struct block_device *bdev = lookup_bdev(name);
	int err;

	memset(f, 0, sizeof(*f));
	inode_init_once(&f->node);
	f->node.i_sb = &ktest_node_sb;
	f->node.i_mapping = &f->node.i_data;
	f->node.i_data.host = &f->node;
	f->node.i_data.a_ops = &ktest_node_aops;
	f->dentry.d_inode = &f->node;
	f->dentry.d_sb = &ktest_node_sb;
	f->file.f_path.dentry = &f->dentry;
	f->node.i_mode = S_IFBLK | 0600;
	f->node.i_rdev = bdev ? bdev->bd_dev : 0;
	f->node.i_fop = &def_blk_fops;
	f->file.f_inode = &f->node;
	f->file.f_op = &def_blk_fops;
	f->file.f_mode = fmode;
	f->file.f_mapping = &f->node.i_data;
	err = f->file.f_op->open(&f->node, &f->file);
	if (!err)
		file_ra_state_init(&f->file.f_ra, f->file.f_mapping);
	return err;
}

/* Closes the file; the node (about to be freed) is written so it leaves the dirty list. */
static void devfile_close(struct devfile *f)
{
	f->file.f_op->release(&f->node, &f->file);
	write_inode_now(&f->node, 1);
	KT_EXPECT(list_empty(&f->node.i_io_list));
}

KTEST(bdev_read_file)
{
	struct block_device *bdev = open_test_disk("read_file", "vda", FMODE_READ);
	struct devfile *f = kzalloc(sizeof(*f), GFP_KERNEL);
	char *buf = kmalloc(65536, GFP_KERNEL);
	unsigned long files0, ios;
	loff_t pos = 2 << 20;	/* pages open_test_disk did not read */

	if (!bdev || !KT_EXPECT(f && buf))
		goto out;
	files0 = global_zone_page_state(NR_FILE_PAGES);
	if (!KT_EXPECT(devfile_open(f, "vda", FMODE_READ) == 0))
		goto out;
	KT_EXPECT(kernel_read(&f->file, buf, 65536, &pos) == 65536 && pos == (2 << 20) + 65536);
	KT_EXPECT(is_pattern(buf, 4096, 128));
	KT_EXPECT(global_zone_page_state(NR_FILE_PAGES) >= files0 + 16);
	KT_EXPECT(nr_blockdev_pages() >= 16);
	ios = disk_ios(bdev, 0);
	pos = 2 << 20;
	KT_EXPECT(kernel_read(&f->file, buf, 65536, &pos) == 65536 && is_pattern(buf, 4096, 128));
	KT_EXPECT(disk_ios(bdev, 0) == ios);
	pr_info("bdev: read_file: 64 KiB of /dev/vda via kernel_read match; again: %lu new reads\n",
		disk_ios(bdev, 0) - ios);
	devfile_close(f);
out:
	if (bdev)
		blkdev_put(bdev, FMODE_READ);
	kfree(buf);
	kfree(f);
}

KTEST(bdev_write_file)
{
	struct block_device *bdev = open_test_disk("write_file", "vda2", FMODE_READ);
	struct devfile *f = kzalloc(sizeof(*f), GFP_KERNEL);
	char *buf = kmalloc(8192, GFP_KERNEL);
	unsigned long writes;
	loff_t pos = 4096;
	int err;

	if (!bdev || !KT_EXPECT(f && buf))
		goto out;
	blkdev_put(bdev, FMODE_READ);	/* the file's close below is the last one */
	err = devfile_open(f, "vda2", FMODE_READ | FMODE_WRITE);
	if (bdev->bd_disk->queue->readonly) {
		KT_EXPECT(err == -EROFS);
		pr_info("bdev: write_file: a write open of read-only vda2: %d\n", err);
		goto out_free;
	}
	if (!KT_EXPECT(err == 0))
		goto out_free;
	for (int i = 0; i < 16; i++)
		written_sector(buf + i * 512, P2_START + 8 + i);
	writes = disk_ios(bdev, 1);
	KT_EXPECT(kernel_write(&f->file, buf, 8192, &pos) == 8192);
	KT_EXPECT(disk_ios(bdev, 1) == writes);
	pr_info("bdev: write_file: 8 KiB into vda2's cache, %lu writes before the close\n",
		disk_ios(bdev, 1) - writes);
	devfile_close(f);
	KT_EXPECT(disk_ios(bdev, 1) > writes && bdev->bd_inode->i_mapping->nrpages == 0);
	pr_info("bdev: write_file: the last close wrote it (%lu requests) and dropped the cache\n",
		disk_ios(bdev, 1) - writes);
	goto out_free;
out:
	if (bdev)
		blkdev_put(bdev, FMODE_READ);
out_free:
	kfree(buf);
	kfree(f);
}
