/*
 * Seed 003's experiment, in kernel (ktest=pagecache): the page cache seen
 * through the counters `free` and /proc/zoneinfo show. Reading a 4 MiB
 * block device fills the cache by 1024 pages while it is open and its
 * last close drops them (kill_bdev); a 4 MiB file in tmpfs adds 4096 kB
 * of Cached (and Shmem); writing the file to the RAM disk raises used
 * memory, not Cached; a second read issues no bio; writes issue none until
 * write-back, and after sync nothing is dirty. On a disk root: a 4 MiB
 * file read adds exactly 4096 kB of Cached (its indirect block is
 * Buffers), a sync while the flusher sleeps part-way through a pass
 * leaves nothing dirty, and reading a file three times the size of RAM finishes with
 * reclaim counters moving and every zone back above its low watermark.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/vmalloc.h>
#include <linux/sysinfo.h>
#include <linux/string.h>
#include <linux/genhd.h>
#include <linux/brd.h>
#include <linux/buffer_head.h>
#include <linux/writeback.h>
#include <linux/slab.h>
#include <linux/pagemap.h>
#include <linux/mmzone.h>
#include <linux/delay.h>
#include <linux/errno.h>

#define RAM_BYTES	(4UL << 20)	/* brd's default ram0 */
#define PAGES		(RAM_BYTES >> PAGE_SHIFT)
#define PIECE		(64UL << 10)
#define CHUNK_3X	(1UL << 20)

static unsigned long file_pages(void)
{
	lru_add_drain();
	return global_zone_page_state(NR_FILE_PAGES);
}

/* Reads or writes @bytes of @f from offset 0 in 64 KiB pieces; 0 or -Exxx. */
static long copy_file(struct file *f, char *buf, unsigned long bytes, bool write)
{
	loff_t pos = 0;

	while ((unsigned long)pos < bytes) {
		ssize_t n = write ? kernel_write(f, buf, PIECE, &pos) :
				    kernel_read(f, buf, PIECE, &pos);

		if (n != (ssize_t)PIECE)
			return n < 0 ? n : -EIO;
	}
	return 0;
}

static unsigned long used_pages(void)
{
	struct sysinfo si;

	si_meminfo(&si);
	return si.totalram - si.freeram;
}

/* dd if=/dev/ram0 of=/tmp/big: the device's cache lives only while it is open. */
static void read_ram0(char *buf)
{
	struct file *dev = filp_open("/dev/ram0", O_RDONLY, 0);
	unsigned long fp0 = file_pages(), pgin;

	if (!KT_EXPECT_MSG(!IS_ERR(dev), "open /dev/ram0: %ld", PTR_ERR(dev)))
		return;
	KT_EXPECT(copy_file(dev, buf, RAM_BYTES, false) == 0);
	KT_EXPECT_MSG(file_pages() - fp0 == PAGES, "reading 4 MiB of ram0 added %lu pages, not 1024",
		      file_pages() - fp0);
	pgin = all_vm_events(PGPGIN);
	KT_EXPECT(copy_file(dev, buf, RAM_BYTES, false) == 0);
	KT_EXPECT_MSG(all_vm_events(PGPGIN) == pgin, "a second read issued bios");
	filp_close(dev);
	KT_EXPECT_MSG(file_pages() - fp0 < 16, "the last close kept %lu pages (kill_bdev)",
		      file_pages() - fp0);
}

KTEST(pagecache_seed003_dd)
{
	char *buf = vmalloc(PIECE);
	struct block_device *ram0 = lookup_bdev("ram0");
	unsigned long fp0, used0, brd0;
	struct brd_device *brd;
	struct file *big, *dev;

	if (!KT_EXPECT(buf))
		return;
	drop_caches(3);
	read_ram0(buf);
	big = filp_open("/tmp/big", O_CREAT | O_TRUNC | O_RDWR, 0644);
	if (!KT_EXPECT_MSG(!IS_ERR(big), "create /tmp/big: %ld", PTR_ERR(big))) {
		vfree(buf);
		return;
	}
	fp0 = file_pages();
	memset(buf, 0x3c, PIECE);
	KT_EXPECT(copy_file(big, buf, RAM_BYTES, true) == 0);
	KT_EXPECT_MSG(file_pages() - fp0 == PAGES, "a 4 MiB tmpfs file: %lu pages", file_pages() - fp0);
	KT_EXPECT(global_zone_page_state(NR_SHMEM) >= PAGES);

	/* dd if=/tmp/big of=/dev/ram0: used memory grows by brd's new pages, Cached does not */
	brd = ram0 ? ram0->bd_disk->private_data : NULL;
	if (!KT_EXPECT(brd)) {
		filp_close(big);
		vfree(buf);
		return;
	}
	brd0 = brd->brd_nr_pages;
	used0 = used_pages();
	fp0 = file_pages();
	dev = filp_open("/dev/ram0", O_WRONLY, 0);
	if (KT_EXPECT(!IS_ERR(dev))) {
		KT_EXPECT(copy_file(dev, buf, RAM_BYTES, true) == 0);
		filp_close(dev);
	}
	KT_EXPECT_MSG(file_pages() - fp0 < 16, "Cached grew by %lu pages", file_pages() - fp0);
	KT_EXPECT_MSG(brd->brd_nr_pages == PAGES, "ram0 holds %lu pages", brd->brd_nr_pages);
	/* less a little: the device's own cache and tree nodes went at its close */
	KT_EXPECT_MSG(used_pages() - used0 + (PAGES / 32) >= brd->brd_nr_pages - brd0,
		      "used memory grew by %lu pages, brd allocated %lu", used_pages() - used0,
		      brd->brd_nr_pages - brd0);
	filp_close(big);
	KT_EXPECT(vfs_path_unlink("/tmp/big") == 0);
	vfree(buf);
}

/* How many of the first @nr pages of @mapping are cached and dirty. */
static unsigned long dirty_pages(struct address_space *mapping, pgoff_t nr)
{
	unsigned long dirty = 0;

	for (pgoff_t i = 0; i < nr; i++) {
		struct page *page = find_get_page(mapping, i);

		if (page) {
			dirty += PageDirty(page) ? 1 : 0;
			put_page(page);
		}
	}
	return dirty;
}

/*
 * Writes stay in the cache until sync. The check is on ram0's own pages:
 * the global PGPGOUT also counts the root disk, whose metadata the
 * periodic flusher may write at any moment on a slow host.
 */
KTEST(pagecache_write_no_io_until_sync)
{
	const pgoff_t nr = (1UL << 20) >> PAGE_SHIFT;
	char *buf = vmalloc(PIECE);
	unsigned long pgout, dirty;
	struct file *dev;

	if (!KT_EXPECT(buf))
		return;
	dev = filp_open("/dev/ram0", O_RDWR, 0);
	if (!KT_EXPECT(!IS_ERR(dev))) {
		vfree(buf);
		return;
	}
	memset(buf, 0x77, PIECE);
	pgout = all_vm_events(PGPGOUT);
	KT_EXPECT(copy_file(dev, buf, nr << PAGE_SHIFT, true) == 0);
	dirty = dirty_pages(dev->f_mapping, nr);
	KT_EXPECT_MSG(dirty == nr, "%lu of ram0's %lu written pages are dirty", dirty, nr);
	KT_EXPECT(global_zone_page_state(NR_FILE_DIRTY) >= nr);
	ksys_sync();
	KT_EXPECT_MSG(all_vm_events(PGPGOUT) >= pgout + 2048, "sync wrote %lu sectors",
		      all_vm_events(PGPGOUT) - pgout);
	dirty = dirty_pages(dev->f_mapping, nr);
	KT_EXPECT_MSG(dirty == 0, "%lu of ram0's pages dirty after sync", dirty);
	KT_EXPECT_MSG(global_zone_page_state(NR_FILE_DIRTY) == 0, "Dirty after sync: %lu pages",
		      global_zone_page_state(NR_FILE_DIRTY));
	filp_close(dev);
	vfree(buf);
}

/* Cached as /proc/meminfo shows it: page-cache pages less the block devices' buffers. */
static unsigned long cached_pages(void)
{
	return file_pages() - nr_blockdev_pages();
}

/* Is the root a file system on a disk (ext2), not the tmpfs rootfs? */
static bool root_on_disk(void)
{
	struct path root;
	bool disk;

	if (kern_path("/", 0, &root))
		return false;
	disk = root.dentry->d_sb->s_bdev != NULL;
	path_put(&root);
	return disk;
}

KTEST(pagecache_file_read_4m)
{
	char *buf = vmalloc(PIECE);
	unsigned long c0, fp0, pgin;
	struct file *f;

	if (!KT_EXPECT(buf))
		return;
	if (!root_on_disk()) {
		pr_info("pagecache: file_read_4m skipped (the root is not on a disk)\n");
		vfree(buf);
		return;
	}
	drop_caches(3);
	c0 = cached_pages();
	fp0 = file_pages();
	f = filp_open("/big4", O_RDONLY, 0);
	if (KT_EXPECT_MSG(!IS_ERR(f), "open /big4: %ld", PTR_ERR(f))) {
		KT_EXPECT(copy_file(f, buf, RAM_BYTES, false) == 0);
		KT_EXPECT_MSG(cached_pages() - c0 == PAGES, "Cached grew by %lu pages, not 1024",
			      cached_pages() - c0);
		KT_EXPECT(file_pages() - fp0 >= PAGES);
		pgin = all_vm_events(PGPGIN);
		KT_EXPECT(copy_file(f, buf, RAM_BYTES, false) == 0);
		KT_EXPECT_MSG(all_vm_events(PGPGIN) == pgin, "reading it again issued bios");
		filp_close(f);
		pr_info("pagecache: file_read_4m: Cached +%lu kB, nr_file_pages +%lu\n",
			(cached_pages() - c0) * (PAGE_SIZE / 1024), file_pages() - fp0);
	}
	vfree(buf);
}

#define RACE_FILES	128

/* Pages of the root disk's own cache (its metadata buffers) that are dirty. */
static unsigned long root_bdev_dirty(void)
{
	struct path root;
	struct block_device *bdev;
	unsigned long dirty;

	if (kern_path("/", 0, &root))
		return ~0UL;
	bdev = root.dentry->d_sb->s_bdev;
	dirty = dirty_pages(bdev->bd_inode->i_mapping, get_capacity(bdev->bd_disk) >> (PAGE_SHIFT - 9));
	path_put(&root);
	return dirty;
}

/*
 * sync(2) while the flusher is part-way through a pass. The flusher holds
 * its batch of inodes aside and sleeps reading an inode-table block (the
 * cache was dropped); sync must still return with every one written.
 */
KTEST(pagecache_sync_during_flusher_pass)
{
	struct file **f = kcalloc(RACE_FILES, sizeof(*f), GFP_KERNEL);
	unsigned long dirty;
	char name[32];
	int i, n = 0;

	if (!root_on_disk() || !KT_EXPECT(f)) {
		pr_info("pagecache: sync_during_flusher_pass skipped\n");
		kfree(f);
		return;
	}
	KT_EXPECT(vfs_path_mkdir("/wbrace", 0755) == 0);
	for (i = 0; i < RACE_FILES; i++, n++) {
		snprintf(name, sizeof(name), "/wbrace/f%03d", i);
		f[i] = filp_open(name, O_CREAT | O_WRONLY, 0644);
		if (!KT_EXPECT_MSG(!IS_ERR(f[i]), "create %s: %ld", name, PTR_ERR(f[i])))
			break;
	}
	ksys_sync();
	drop_caches(1);
	for (i = 0; i < n; i++) {
		loff_t pos = 0;

		KT_EXPECT(kernel_write(f[i], "x", 1, &pos) == 1);
	}
	wakeup_flusher_threads();
	yield();	/* the flusher takes its batch and sleeps on the first inode-table read */
	ksys_sync();
	dirty = global_zone_page_state(NR_FILE_DIRTY);
	KT_EXPECT_MSG(dirty == 0, "Dirty after sync: %lu pages (%lu of the root disk's)", dirty,
		      dirty ? root_bdev_dirty() : 0);
	for (i = 0; i < n; i++) {
		filp_close(f[i]);
		snprintf(name, sizeof(name), "/wbrace/f%03d", i);
		KT_EXPECT(vfs_path_unlink(name) == 0);
	}
	KT_EXPECT(vfs_path_rmdir("/wbrace") == 0);
	kfree(f);
}

/* Every populated zone at or above its low watermark? */
static bool zones_above_low(void)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		if (zone_page_state(zone, NR_FREE_PAGES) < low_wmark_pages(zone))
			return false;
	return true;
}

KTEST(reclaim_read_3x_ram)
{
	unsigned long scan0 = all_vm_events(PGSCAN_KSWAPD) + all_vm_events(PGSCAN_DIRECT);
	unsigned long steal0 = all_vm_events(PGSTEAL_KSWAPD) + all_vm_events(PGSTEAL_DIRECT);
	loff_t size = (loff_t)totalram_pages() * 3 * PAGE_SIZE, pos = 0;
	char *buf = vmalloc(CHUNK_3X);
	struct file *f;
	ssize_t n = 0;

	if (!KT_EXPECT(buf))
		return;
	if (!root_on_disk()) {
		pr_info("reclaim: read_3x_ram skipped (the root is not on a disk)\n");
		vfree(buf);
		return;
	}
	f = filp_open("/reclaim-3x", O_CREAT | O_TRUNC | O_RDWR, 0644);
	if (!KT_EXPECT_MSG(!IS_ERR(f), "create /reclaim-3x: %ld", PTR_ERR(f))) {
		vfree(buf);
		return;
	}
	KT_EXPECT(vfs_truncate(&f->f_path, size) == 0);	/* sparse: reads fill pages */
	while (pos < size && (n = kernel_read(f, buf, CHUNK_3X, &pos)) > 0)
		;
	KT_EXPECT_MSG(pos == size, "read %ld of %ld bytes (last %ld)", (long)pos, (long)size, (long)n);
	filp_close(f);
	KT_EXPECT(vfs_path_unlink("/reclaim-3x") == 0);
	for (int i = 0; i < 100 && !zones_above_low(); i++)
		msleep(20);	/* kswapd finishes its round */
	KT_EXPECT_MSG(zones_above_low(), "a zone stays below its low watermark");
	KT_EXPECT(all_vm_events(PGSCAN_KSWAPD) + all_vm_events(PGSCAN_DIRECT) > scan0);
	KT_EXPECT(all_vm_events(PGSTEAL_KSWAPD) + all_vm_events(PGSTEAL_DIRECT) > steal0);
	pr_info("reclaim: read %ld MiB with %lu MiB of RAM: pgscan +%lu, pgsteal +%lu (kswapd %lu, direct %lu)\n",
		(long)(size >> 20), totalram_pages() >> (20 - PAGE_SHIFT),
		all_vm_events(PGSCAN_KSWAPD) + all_vm_events(PGSCAN_DIRECT) - scan0,
		all_vm_events(PGSTEAL_KSWAPD) + all_vm_events(PGSTEAL_DIRECT) - steal0,
		all_vm_events(PGSTEAL_KSWAPD), all_vm_events(PGSTEAL_DIRECT));
	vfree(buf);
}
