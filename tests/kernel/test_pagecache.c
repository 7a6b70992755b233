/*
 * Seed 003's experiment, in kernel (ktest=pagecache): the page cache seen
 * through the counters `free` and /proc/zoneinfo show. Reading a 4 MiB
 * block device fills the cache by 1024 pages while it is open and its
 * last close drops them (kill_bdev); a 4 MiB file in tmpfs adds 4096 kB
 * of Cached (and Shmem); writing the file to the RAM disk raises used
 * memory, not Cached; a second read issues no bio; writes issue none until
 * write-back, and after sync nothing is dirty.
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
#include <linux/errno.h>

#define RAM_BYTES	(4UL << 20)	/* brd's default ram0 */
#define PAGES		(RAM_BYTES >> PAGE_SHIFT)
#define PIECE		(64UL << 10)

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

KTEST(pagecache_write_no_io_until_sync)
{
	char *buf = vmalloc(PIECE);
	unsigned long pgout;
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
	KT_EXPECT(copy_file(dev, buf, 1UL << 20, true) == 0);
	KT_EXPECT_MSG(all_vm_events(PGPGOUT) == pgout, "writing issued bios before write-back");
	KT_EXPECT(global_zone_page_state(NR_FILE_DIRTY) >= 256);
	ksys_sync();
	KT_EXPECT_MSG(all_vm_events(PGPGOUT) >= pgout + 2048, "sync wrote %lu sectors",
		      all_vm_events(PGPGOUT) - pgout);
	KT_EXPECT_MSG(global_zone_page_state(NR_FILE_DIRTY) == 0, "Dirty after sync: %lu pages",
		      global_zone_page_state(NR_FILE_DIRTY));
	filp_close(dev);
	vfree(buf);
}
