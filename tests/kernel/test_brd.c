/*
 * In-kernel tests of the RAM disk (ktest=brd, drivers/block/brd.c) on ram0,
 * whatever brd.rd_size= made it (at least 512 KiB): bios written at several
 * offsets (a bvec over two backing pages, the last sector, 64 vecs of lowmem
 * and highmem pages) and read back, also through multi-page vecs; unwritten
 * sectors read as zeroes and allocate nothing; free pages go down by the
 * pages written, which brd_nr_pages counts; bios past the end, on a
 * partition ram0 cannot have, or with unaligned vecs fail and write
 * nothing; a write with memory exhausted fails -ENOMEM and keeps what was
 * written. Each test starts from an empty ram0 (brd_free_pages).
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/highmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/list.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/genhd.h>
#include <linux/brd.h>

#define MIN_SECTORS	1024	/* the layout below needs 512 KiB */
#define BIG_SECTOR	256	/* the 64-vec write: backing pages 32..95 */
#define BIG_VECS	64
#define STRADDLE	84	/* 8 sectors over backing pages 10 and 11 */
/*
 * Pages a test may see allocated besides the backing pages: radix tree
 * nodes and the preload pool (21 nodes, about 3 slab pages), bio slabs.
 * Far below the 68 pages written, so a page per sector or a page kept on
 * read would show.
 */
#define SLACK		16

/* Sector @s of the disk as the tests write it, in @buf (512 bytes); @seed varies per write. */
static void brd_pattern(char *buf, u64 s, int seed)
{
	int n = snprintf(buf, 512, "rivet-brd sector %08llu seed %d\n", (unsigned long long)s, seed);

	memset(buf + n, (int)((s * 7 + seed) & 0xff), 512 - n);
}

/* Fills @nr sectors at @p with the pattern from disk sector @s on. */
static void fill_pattern(char *p, u64 s, unsigned int nr, int seed)
{
	for (unsigned int i = 0; i < nr; i++)
		brd_pattern(p + i * 512, s + i, seed);
}

/* Do the @nr sectors at @p hold the pattern from disk sector @s on? */
static bool is_pattern(const char *p, u64 s, unsigned int nr, int seed)
{
	char want[512];

	for (unsigned int i = 0; i < nr; i++) {
		brd_pattern(want, s + i, seed);
		if (memcmp(p + i * 512, want, 512))
			return false;
	}
	return true;
}

/* Are the @n bytes at @p all zero? */
static bool is_zero(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* The pattern into / check against a page of any zone (@len bytes at @off). */
static void fill_page(struct page *page, unsigned int off, u64 s, unsigned int len, int seed)
{
	char *p = kmap(page);

	fill_pattern(p + off, s, len / 512, seed);
	kunmap(page);
}

static bool page_is_pattern(struct page *page, unsigned int off, u64 s, unsigned int len, int seed)
{
	char *p = kmap(page);
	bool ok = is_pattern(p + off, s, len / 512, seed);

	kunmap(page);
	return ok;
}

static void poison_page(struct page *page)
{
	char *p = kmap(page);

	memset(p, 0xaa, PAGE_SIZE);
	kunmap(page);
}

/* Free pages of all zones, the per-CPU lists drained first so the count is exact. */
static unsigned long total_free(void)
{
	unsigned long n = 0;
	struct zone *zone;

	for_each_populated_zone(zone) {
		drain_all_pages(zone);
		n += zone_page_state(zone, NR_FREE_PAGES);
	}
	return n;
}

/* ram0 as a brd device, emptied, or NULL after saying why the test is skipped. */
static struct brd_device *test_brd(const char *test)
{
	struct block_device *bdev = lookup_bdev("ram0");
	struct brd_device *brd;

	if (!bdev || bdev->bd_disk->major != RAMDISK_MAJOR) {
		pr_info("brd: %s: no ram0, skipped\n", test);
		return NULL;
	}
	if (get_capacity(bdev->bd_disk) < MIN_SECTORS) {
		pr_info("brd: %s: ram0 smaller than %d KiB, skipped\n", test, MIN_SECTORS / 2);
		return NULL;
	}
	brd = bdev->bd_disk->private_data;
	brd_free_pages(brd);
	return brd;
}

/* One vec of a test bio. */
struct tvec {
	struct page *page;
	unsigned int len, off;
};

/* A bio of @op at @sector of @disk (partition @partno) with @nr vecs, unsent; NULL if it does not fit. */
static struct bio *make_bio(struct gendisk *disk, int partno, unsigned int op, sector_t sector,
			    const struct tvec *v, unsigned int nr)
{
	struct bio *bio = bio_alloc(GFP_KERNEL, nr);

	if (!bio)
		return NULL;
	bio->bi_disk = disk;
	bio->bi_partno = (u8)partno;
	bio->bi_opf = op;
	bio->bi_iter.bi_sector = sector;
	for (unsigned int i = 0; i < nr; i++) {
		if (bio_add_page(bio, v[i].page, v[i].len, v[i].off) != (int)v[i].len) {
			bio_put(bio);
			return NULL;
		}
	}
	return bio;
}

/* Sends @bio, waits, frees it: 0 or -Exxx (-ENOMEM for a NULL bio). */
static int send(struct bio *bio)
{
	int err;

	if (!bio)
		return -ENOMEM;
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}

/* One-vec I/O of @len bytes at @off of @page, waited for. */
static int rw1(struct gendisk *disk, unsigned int op, sector_t sector, struct page *page,
	       unsigned int len, unsigned int off)
{
	struct tvec v = { page, len, off };

	return send(make_bio(disk, 0, op, sector, &v, 1));
}

/* Pages for the tests, freed together. */
struct pages {
	struct page *low[8], *high[4], *big[BIG_VECS], *pair[BIG_VECS / 2];
};

static bool get_pages(struct pages *p)
{
	bool ok = true;

	memset(p, 0, sizeof(*p));
	for (int i = 0; i < 8; i++)
		ok &= (p->low[i] = alloc_page(GFP_KERNEL)) != NULL;
	for (int i = 0; i < 4; i++)
		ok &= (p->high[i] = alloc_page(GFP_HIGHUSER)) != NULL;
	for (int i = 0; i < BIG_VECS; i++)	/* lowmem and highmem, alternately */
		ok &= (p->big[i] = alloc_page(i & 1 ? GFP_HIGHUSER : GFP_KERNEL)) != NULL;
	for (int i = 0; i < BIG_VECS / 2; i++)	/* two contiguous pages: multi-page vecs */
		ok &= (p->pair[i] = alloc_pages(GFP_KERNEL, 1)) != NULL;
	return ok;
}

static void put_pages(struct pages *p)
{
	for (int i = 0; i < 8; i++)
		if (p->low[i])
			__free_page(p->low[i]);
	for (int i = 0; i < 4; i++)
		if (p->high[i])
			__free_page(p->high[i]);
	for (int i = 0; i < BIG_VECS; i++)
		if (p->big[i])
			__free_page(p->big[i]);
	for (int i = 0; i < BIG_VECS / 2; i++)
		if (p->pair[i])
			__free_pages(p->pair[i], 1);
}

/*
 * The writes of brd_rw with @seed: a page at sector 0, a page over backing
 * pages 10 and 11, the last sector (from offset 1024 of its page), 64 vecs
 * at BIG_SECTOR. 68 backing pages. Returns the first error.
 */
static int write_layout(struct gendisk *disk, struct pages *p, int seed)
{
	sector_t last = get_capacity(disk) - 1;
	struct tvec v[BIG_VECS];
	int err = 0;

	fill_page(p->low[0], 0, 0, PAGE_SIZE, seed);
	fill_page(p->low[1], 0, STRADDLE, PAGE_SIZE, seed);
	fill_page(p->low[2], 1024, last, 512, seed);
	for (int i = 0; i < BIG_VECS; i++) {
		fill_page(p->big[i], 0, BIG_SECTOR + i * 8, PAGE_SIZE, seed);
		v[i] = (struct tvec){ p->big[i], PAGE_SIZE, 0 };
	}
	err = err ?: rw1(disk, REQ_OP_WRITE, 0, p->low[0], PAGE_SIZE, 0);
	err = err ?: rw1(disk, REQ_OP_WRITE, STRADDLE, p->low[1], PAGE_SIZE, 0);
	err = err ?: rw1(disk, REQ_OP_WRITE, last, p->low[2], 512, 1024);
	err = err ?: send(make_bio(disk, 0, REQ_OP_WRITE, BIG_SECTOR, v, BIG_VECS));
	return err;
}
#define LAYOUT_PAGES	68

/* Reads the layout back (into other pages, highmem too, multi-page vecs) and checks it. */
static void check_layout(struct gendisk *disk, struct pages *p, int seed)
{
	sector_t last = get_capacity(disk) - 1;
	struct tvec v[BIG_VECS / 2];
	char *mem;

	poison_page(p->low[3]);
	KT_EXPECT(rw1(disk, REQ_OP_READ, 0, p->low[3], PAGE_SIZE, 0) == 0);
	KT_EXPECT(page_is_pattern(p->low[3], 0, 0, PAGE_SIZE, seed));

	poison_page(p->high[0]);
	KT_EXPECT(rw1(disk, REQ_OP_READ, STRADDLE, p->high[0], PAGE_SIZE, 0) == 0);
	KT_EXPECT(page_is_pattern(p->high[0], 0, STRADDLE, PAGE_SIZE, seed));

	poison_page(p->low[4]);
	KT_EXPECT(rw1(disk, REQ_OP_READ, last, p->low[4], 512, 3584) == 0);
	KT_EXPECT(page_is_pattern(p->low[4], 3584, last, 512, seed));

	/* Sectors 80..95: 80-83 and 92-95 never written, in pages that were. */
	for (int i = 0; i < 2; i++)
		poison_page(p->pair[0] + i);
	KT_EXPECT(rw1(disk, REQ_OP_READ, 80, p->pair[0], 2 * PAGE_SIZE, 0) == 0);
	mem = page_address(p->pair[0]);
	KT_EXPECT(is_zero(mem, 4 * 512) && is_zero(mem + 12 * 512, 4 * 512));
	KT_EXPECT(is_pattern(mem + 4 * 512, STRADDLE, 8, seed));

	for (int i = 0; i < BIG_VECS / 2; i++) {
		memset(page_address(p->pair[i]), 0xaa, 2 * PAGE_SIZE);
		v[i] = (struct tvec){ p->pair[i], 2 * PAGE_SIZE, 0 };
	}
	KT_EXPECT(send(make_bio(disk, 0, REQ_OP_READ, BIG_SECTOR, v, BIG_VECS / 2)) == 0);
	for (int i = 0; i < BIG_VECS / 2; i++)
		KT_EXPECT_MSG(is_pattern(page_address(p->pair[i]), BIG_SECTOR + i * 16, 16, seed),
			      "64-vec write, sectors %d.. read back", BIG_SECTOR + i * 16);
}

/* Reads of never-written sectors: zeroes, and no page allocated for them. */
static void check_unwritten(struct brd_device *brd, struct pages *p)
{
	struct gendisk *disk = brd->brd_disk;
	unsigned long nr = brd->brd_nr_pages, before, after;
	struct tvec v = { p->pair[1], 2 * PAGE_SIZE, 0 };
	struct bio *b1, *b2;
	char *mem;

	poison_page(p->high[1]);
	memset(page_address(p->pair[1]), 0xaa, 2 * PAGE_SIZE);
	b1 = make_bio(disk, 0, REQ_OP_READ, 40, &(struct tvec){ p->high[1], PAGE_SIZE, 0 }, 1);
	b2 = make_bio(disk, 0, REQ_OP_READ, 800, &v, 1);	/* backing pages 100, 101 */
	before = total_free();
	KT_EXPECT(send(b1) == 0);
	KT_EXPECT(send(b2) == 0);
	after = total_free();
	mem = kmap(p->high[1]);
	KT_EXPECT(is_zero(mem, PAGE_SIZE));
	kunmap(p->high[1]);
	KT_EXPECT(is_zero(page_address(p->pair[1]), 2 * PAGE_SIZE));
	KT_EXPECT_MSG(brd->brd_nr_pages == nr, "brd_nr_pages %lu, was %lu", brd->brd_nr_pages, nr);
	KT_EXPECT(!brd_lookup_page(brd, 40) && !brd_lookup_page(brd, 800) && !brd_lookup_page(brd, 808));
	KT_EXPECT_MSG(after == before, "free pages %lu before reading unwritten sectors, %lu after",
		      before, after);
	pr_info("brd: rw: unwritten sectors read as zeroes, %lu pages allocated for them\n",
		brd->brd_nr_pages - nr);
}

/* Bios brd must refuse; none may change the disk or its page count. */
static void check_refused(struct brd_device *brd, struct pages *p, int seed)
{
	struct gendisk *disk = brd->brd_disk;
	sector_t cap = get_capacity(disk);
	unsigned long nr = brd->brd_nr_pages;
	struct tvec v = { p->low[5], PAGE_SIZE, 0 };

	fill_page(p->low[5], 0, cap - 4, PAGE_SIZE, seed + 1);
	/* Over the end: generic_make_request's end check, brd never sees it. */
	KT_EXPECT(send(make_bio(disk, 0, REQ_OP_WRITE, cap - 4, &v, 1)) == -EIO);
	KT_EXPECT(send(make_bio(disk, 0, REQ_OP_WRITE, cap, &v, 1)) == -EIO);
	KT_EXPECT(send(make_bio(disk, 0, REQ_OP_READ, cap + 8, &v, 1)) == -EIO);
	/* Partition 1 of a disk with one minor. */
	KT_EXPECT(send(make_bio(disk, 1, REQ_OP_WRITE, 48, &v, 1)) == -EIO);
	/* A sector at offset 256 of its page: brd wants sector-aligned vecs. */
	KT_EXPECT(rw1(disk, REQ_OP_WRITE, 48, p->low[5], 512, 256) == -EINVAL);
	KT_EXPECT_MSG(brd->brd_nr_pages == nr, "brd_nr_pages %lu, was %lu", brd->brd_nr_pages, nr);
	KT_EXPECT(!brd_lookup_page(brd, 48));
	poison_page(p->low[6]);
	KT_EXPECT(rw1(disk, REQ_OP_READ, cap - 4, p->low[6], 2048, 0) == 0);
	KT_EXPECT(page_is_pattern(p->low[6], 1536, cap - 1, 512, seed));
	KT_EXPECT(is_zero(page_address(p->low[6]), 1536));
	pr_info("brd: rw: past the end -EIO, partition 1 -EIO, unaligned vec -EINVAL; nothing written\n");
}

/*
 * The layout written and read back; free pages drop by the pages written
 * and brd_nr_pages counts them; unwritten reads, refused bios, flushes;
 * brd_free_pages gives every page back.
 */
KTEST(brd_rw)
{
	struct brd_device *brd = test_brd("rw");
	struct block_device *ram1 = lookup_bdev("ram1");
	unsigned long ram1_pages = 0, before, after, drop;
	struct gendisk *disk;
	struct pages p;
	int seed = 1;

	if (!brd)
		return;
	disk = brd->brd_disk;
	if (ram1)
		ram1_pages = ((struct brd_device *)ram1->bd_disk->private_data)->brd_nr_pages;
	if (!KT_EXPECT(get_pages(&p)))
		goto out;
	KT_EXPECT(brd->brd_nr_pages == 0);
	kswapd_wait_idle();	/* brd_enomem's squeeze may have woken it: it would free pages meanwhile */
	before = total_free();
	KT_EXPECT(write_layout(disk, &p, seed) == 0);
	after = total_free();
	drop = before - after;
	KT_EXPECT_MSG(brd->brd_nr_pages == LAYOUT_PAGES, "brd_nr_pages %lu, wanted %d",
		      brd->brd_nr_pages, LAYOUT_PAGES);
	/*
	 * brd_nr_pages is exact above; the free count only has to show the
	 * pages came from the allocator and nothing leaked. Other tasks
	 * (kswapd, the reaping of the previous ktest's thread) may free a few
	 * pages meanwhile, so the bound below is as wide as the one above.
	 */
	KT_EXPECT_MSG(drop + SLACK >= LAYOUT_PAGES && drop <= LAYOUT_PAGES + SLACK,
		      "free pages down %ld for %d pages written", (long)drop, LAYOUT_PAGES);
	KT_EXPECT(brd_lookup_page(brd, STRADDLE) && brd_lookup_page(brd, STRADDLE + 7) &&
		  brd_lookup_page(brd, STRADDLE) != brd_lookup_page(brd, STRADDLE + 7));
	KT_EXPECT(brd_lookup_page(brd, 0)->index == 0 &&
		  brd_lookup_page(brd, STRADDLE + 7)->index == (STRADDLE + 7) / 8);
	if (totalhigh_pages())
		KT_EXPECT(PageHighMem(brd_lookup_page(brd, BIG_SECTOR)));
	pr_info("brd: rw: %d pages written, free pages down %lu, brd_nr_pages %lu\n",
		LAYOUT_PAGES, drop, brd->brd_nr_pages);

	check_layout(disk, &p, seed);
	check_unwritten(brd, &p);
	check_refused(brd, &p, seed);

	/* Again with another seed: the same pages, new data. */
	KT_EXPECT(write_layout(disk, &p, seed + 1) == 0);
	KT_EXPECT(brd->brd_nr_pages == LAYOUT_PAGES);
	check_layout(disk, &p, seed + 1);

	/* RAM has no cache: a flush ends at once, PREFLUSH|FUA writes work. */
	KT_EXPECT(blkdev_issue_flush(disk) == 0);
	fill_page(p.low[7], 0, 0, PAGE_SIZE, seed + 2);
	KT_EXPECT(rw1(disk, REQ_OP_WRITE | REQ_PREFLUSH | REQ_FUA, 0, p.low[7], PAGE_SIZE, 0) == 0);
	poison_page(p.low[3]);
	KT_EXPECT(rw1(disk, REQ_OP_READ, 0, p.low[3], PAGE_SIZE, 0) == 0);
	KT_EXPECT(page_is_pattern(p.low[3], 0, 0, PAGE_SIZE, seed + 2));
	if (ram1)
		KT_EXPECT(((struct brd_device *)ram1->bd_disk->private_data)->brd_nr_pages ==
			  ram1_pages);

	brd_free_pages(brd);
	after = total_free();
	KT_EXPECT(brd->brd_nr_pages == 0);
	KT_EXPECT_MSG(after + SLACK >= before && after <= before + SLACK,
		      "free pages %lu before the writes, %lu after brd_free_pages", before, after);
	poison_page(p.low[3]);
	KT_EXPECT(rw1(disk, REQ_OP_READ, 0, p.low[3], PAGE_SIZE, 0) == 0);
	KT_EXPECT(is_zero(page_address(p.low[3]), PAGE_SIZE));
	pr_info("brd: rw: brd_free_pages: brd_nr_pages 0, free pages back to %lu (%lu before)\n",
		after, before);
out:
	put_pages(&p);
}

/* Takes every page GFP_HIGHUSER can get (all zones) onto @list; returns how many. */
static unsigned long exhaust_memory(struct list_head *list)
{
	unsigned long pages = 0;
	struct page *page;

	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		while ((page = alloc_pages(GFP_HIGHUSER | __GFP_NOWARN | __GFP_NORETRY, order))) {
			set_page_private(page, order);
			list_add(&page->lru, list);
			pages += 1UL << order;
		}
	}
	return pages;
}

static void release_memory(struct list_head *list)
{
	struct page *page, *tmp;

	list_for_each_entry_safe(page, tmp, list, lru) {
		list_del(&page->lru);
		__free_pages(page, page_private(page));
	}
}

/*
 * With no memory left, a write of two vecs, over a written page and an
 * unwritten one, fails -ENOMEM before copying anything: the written page
 * keeps its data (a driver that made each vec's pages just before copying
 * it would have overwritten the first).
 * With memory back, the same write succeeds.
 */
KTEST(brd_enomem)
{
	struct brd_device *brd = test_brd("enomem");
	struct page *a = alloc_page(GFP_KERNEL), *b = alloc_pages(GFP_KERNEL, 1);
	struct gendisk *disk;
	struct tvec v[2] = { { b, PAGE_SIZE, 0 }, { b + 1, PAGE_SIZE, 0 } };
	struct bio *bio = NULL;
	LIST_HEAD(hog);
	unsigned long hogged;
	bool kept;
	int err;

	if (!brd || !KT_EXPECT(a && b))
		goto out;
	disk = brd->brd_disk;
	fill_page(a, 0, 0, PAGE_SIZE, 10);
	KT_EXPECT(rw1(disk, REQ_OP_WRITE, 0, a, PAGE_SIZE, 0) == 0);
	KT_EXPECT(brd->brd_nr_pages == 1);
	fill_pattern(page_address(b), 0, 16, 11);
	bio = make_bio(disk, 0, REQ_OP_WRITE, 0, v, 2);
	if (!KT_EXPECT(bio))
		goto out;
	hogged = exhaust_memory(&hog);
	err = submit_bio_wait(bio);
	release_memory(&hog);
	KT_EXPECT_MSG(err == -ENOMEM, "write with %lu pages taken: %d", hogged, err);
	KT_EXPECT(brd->brd_nr_pages == 1);
	poison_page(a);
	KT_EXPECT(rw1(disk, REQ_OP_READ, 0, a, PAGE_SIZE, 0) == 0);
	kept = page_is_pattern(a, 0, 0, PAGE_SIZE, 10);
	KT_EXPECT(kept);
	pr_info("brd: enomem: write with %lu pages taken: %d, %lu page(s), the written one %s\n",
		hogged, err, brd->brd_nr_pages, kept ? "unchanged" : "overwritten");

	bio_put(bio);
	bio = NULL;
	KT_EXPECT(rw1(disk, REQ_OP_WRITE, 0, b, 2 * PAGE_SIZE, 0) == 0);
	KT_EXPECT(brd->brd_nr_pages == 2);
	memset(page_address(b), 0, 2 * PAGE_SIZE);
	KT_EXPECT(rw1(disk, REQ_OP_READ, 0, b, 2 * PAGE_SIZE, 0) == 0);
	KT_EXPECT(is_pattern(page_address(b), 0, 16, 11));
	brd_free_pages(brd);
	KT_EXPECT(brd->brd_nr_pages == 0);
out:
	if (bio)
		bio_put(bio);
	if (a)
		__free_page(a);
	if (b)
		__free_pages(b, 1);
}
