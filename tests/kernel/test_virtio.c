/*
 * In-kernel tests of virtio-mmio and virtio-blk (ktest=virtio). Every
 * virtio,mmio slot binds. On a disk that carries the test pattern
 * (tests/qemu/t_virtio.sh: sector s starts "rivet-virtio sector %08d\n",
 * the rest is the byte s & 0xff): reads, writes read back (sectors
 * 1000-1003, checked again on the host), highmem buffers, 32 requests in
 * flight, bad requests, a device error on one request, a read-only disk,
 * SEG_MAX/SIZE_MAX splitting under limits the test sets (QEMU offers no
 * size_max). Without such a disk the I/O tests say so and check nothing.
 * Not covered: config-change interrupts.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/highmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/virtio.h>
#include <linux/virtio_blk.h>

#define WRITE_SECTOR	1000	/* first of the sectors the tests write */
#define NR_INFLIGHT	32
#define NR_OVERFLOW	64	/* more than a 128-entry ring holds (3 each) */

/* The expected contents of pattern sector @s, in @buf (512 bytes). */
static void pattern_sector(char *buf, u64 s)
{
	int n = snprintf(buf, SECTOR_SIZE, "rivet-virtio sector %08llu\n", (unsigned long long)s);

	memset(buf + n, (int)(s & 0xff), SECTOR_SIZE - n);
}

/* What the write tests put in sector @s (t_virtio.sh checks the same). */
static void written_sector(char *buf, u64 s)
{
	int n = snprintf(buf, SECTOR_SIZE, "rivet-virtio written %08llu\n", (unsigned long long)s);

	memset(buf + n, (int)((0xa5 ^ s) & 0xff), SECTOR_SIZE - n);
}

/* Does @buf hold pattern sector @s? */
static bool is_pattern(const char *buf, u64 s)
{
	char want[SECTOR_SIZE];

	pattern_sector(want, s);
	return !memcmp(buf, want, SECTOR_SIZE);
}

/*
 * vda if it carries the test pattern (its sector 0 says so), else NULL
 * after saying why, once per test.
 */
static struct virtio_blk *pattern_disk(const char *test)
{
	struct virtio_blk *vb = virtblk_get(0);
	struct page *page;
	bool ok;

	if (!vb) {
		pr_info("virtio: %s: no virtio-blk disk, I/O checks skipped\n", test);
		return NULL;
	}
	page = alloc_page(GFP_KERNEL);
	if (!page)
		return NULL;
	ok = !virtblk_rw(vb, 0, page, 0, SECTOR_SIZE, false) &&
	     is_pattern(page_address(page), 0);
	__free_page(page);
	if (!ok)
		pr_info("virtio: %s: %s has no test pattern, I/O checks skipped\n", test, vb->name);
	return ok ? vb : NULL;
}

/* Are all virtio,mmio nodes at or below @np bound? Counts them in *n. */
static bool slots_bound(struct device_node *np, int *n)
{
	struct platform_device *pdev;
	struct device_node *child;
	bool ok = true;

	if (of_device_is_compatible(np, "virtio,mmio") && of_device_is_available(np)) {
		pdev = of_find_device_by_node(np);
		(*n)++;
		ok = pdev && device_is_bound(&pdev->dev);
	}
	for_each_child_of_node(np, child)
		ok &= slots_bound(child, n);
	return ok;
}

/* Every slot binds (empty ones quietly); disks are numbered from 0. */
KTEST(virtio_slots_bound)
{
	int n = 0;

	KT_EXPECT(slots_bound(of_root, &n));
	KT_EXPECT_MSG(n > 0, "no virtio,mmio node in the device tree");
	KT_EXPECT(virtblk_get(-1) == NULL);
	KT_EXPECT(virtblk_get(8) == NULL);
	if (virtblk_get(0)) {
		KT_EXPECT(!strcmp(virtblk_get(0)->name, "vda"));
		KT_EXPECT(virtblk_get(0)->capacity > 0);
	}
}

/* Sectors 0..15 one at a time, then 0..7 as one 4 KiB request. */
KTEST(virtio_blk_read_pattern)
{
	struct virtio_blk *vb = pattern_disk("read_pattern");
	struct page *page;
	char *buf;
	u64 s;

	if (!vb)
		return;
	page = alloc_page(GFP_KERNEL);
	if (!KT_EXPECT(page))
		return;
	buf = page_address(page);
	for (s = 0; s < 16; s++) {
		KT_EXPECT(virtblk_rw(vb, s, page, 0, SECTOR_SIZE, false) == 0);
		KT_EXPECT_MSG(is_pattern(buf, s), "sector %llu", (unsigned long long)s);
	}
	memset(buf, 0, PAGE_SIZE);
	KT_EXPECT(virtblk_rw(vb, 0, page, 0, PAGE_SIZE, false) == 0);
	for (s = 0; s < 8; s++)
		KT_EXPECT_MSG(is_pattern(buf + s * SECTOR_SIZE, s), "4K read, sector %llu",
			      (unsigned long long)s);
	KT_EXPECT(virtblk_rw(vb, vb->capacity - 1, page, 0, SECTOR_SIZE, false) == 0);
	KT_EXPECT(virtblk_flush(vb) == 0);
	__free_page(page);
}

/* Writes sector 1000 (alone) and 1001-1002 (one request from offset 512),
 * reads them back; a read-only disk refuses with -EROFS. */
KTEST(virtio_blk_write_readback)
{
	struct virtio_blk *vb = pattern_disk("write_readback");
	struct page *src, *dst;
	char *s, *d;

	if (!vb)
		return;
	src = alloc_page(GFP_KERNEL);
	dst = alloc_page(GFP_KERNEL);
	if (KT_EXPECT(src && dst)) {
		s = page_address(src);
		d = page_address(dst);
		written_sector(s, WRITE_SECTOR);
		written_sector(s + 512, WRITE_SECTOR + 1);
		written_sector(s + 1024, WRITE_SECTOR + 2);
		if (vb->readonly) {
			pr_info("virtio: %s is read-only: writes must fail\n", vb->name);
			KT_EXPECT(virtblk_rw(vb, WRITE_SECTOR, src, 0, SECTOR_SIZE, true) == -EROFS);
			KT_EXPECT(virtblk_rw(vb, WRITE_SECTOR, dst, 0, SECTOR_SIZE, false) == 0);
			KT_EXPECT(is_pattern(d, WRITE_SECTOR));
		} else {
			KT_EXPECT(virtblk_rw(vb, WRITE_SECTOR, src, 0, SECTOR_SIZE, true) == 0);
			KT_EXPECT(virtblk_rw(vb, WRITE_SECTOR + 1, src, 512, 1024, true) == 0);
			KT_EXPECT(virtblk_flush(vb) == 0);
			KT_EXPECT(virtblk_rw(vb, WRITE_SECTOR, dst, 0, 1536, false) == 0);
			KT_EXPECT(!memcmp(s, d, 1536));
			KT_EXPECT(virtblk_rw(vb, WRITE_SECTOR + 3, dst, 0, SECTOR_SIZE, false) == 0);
			KT_EXPECT(is_pattern(d, WRITE_SECTOR + 3) ||
				  !memcmp(d, "rivet-virtio written", 20));	/* a boot before */
		}
	}
	if (src)
		__free_page(src);
	if (dst)
		__free_page(dst);
}

/* A highmem page: read into it at offset 1024, check through kmap; on a
 * writable disk, write sector 1003 from its last 512 bytes. */
KTEST(virtio_blk_highmem)
{
	struct virtio_blk *vb = pattern_disk("highmem");
	struct page *page;
	char *p;

	if (!vb)
		return;
	page = alloc_page(GFP_HIGHUSER);
	if (!KT_EXPECT(page))
		return;
	if (!PageHighMem(page))
		pr_info("virtio: highmem: no highmem page (highmem=0?), lowmem used\n");
	p = kmap(page);
	memset(p, 0, PAGE_SIZE);
	kunmap(page);
	KT_EXPECT(virtblk_rw(vb, 5, page, 1024, 2 * SECTOR_SIZE, false) == 0);
	p = kmap(page);
	KT_EXPECT(is_pattern(p + 1024, 5));
	KT_EXPECT(is_pattern(p + 1536, 6));
	KT_EXPECT(p[1023] == 0 && p[2048] == 0);
	written_sector(p + PAGE_SIZE - SECTOR_SIZE, WRITE_SECTOR + 3);
	kunmap(page);
	if (!vb->readonly)
		KT_EXPECT(virtblk_rw(vb, WRITE_SECTOR + 3, page, PAGE_SIZE - SECTOR_SIZE,
				     SECTOR_SIZE, true) == 0);
	__free_page(page);
}

/* Completions counted by the async tests. */
struct inflight_state {
	int done, errors;
};

static void inflight_end_io(struct virtblk_io *io, int err)
{
	struct inflight_state *st = io->private;

	if (err)
		st->errors++;
	WRITE_ONCE(st->done, st->done + 1);
}

/*
 * 32 reads (sectors 100..131, 8 per page) submitted before any wait, under
 * virtblk_plug so the device holds all of them at once (without the plug
 * it may finish each before the next arrives); bad requests in between
 * fail at once and hurt none of them. Then 32 without the plug, and 64
 * plugged: more than the ring holds, so submit kicks and waits for room.
 */
KTEST(virtio_blk_many_inflight)
{
	struct virtio_blk *vb = pattern_disk("many_inflight");
	static struct virtblk_io io[NR_OVERFLOW];
	struct inflight_state st = { 0 };
	struct page *pages;
	char *buf;
	int i, n, round, queued;

	if (!vb)
		return;
	pages = alloc_pages(GFP_KERNEL, 3);
	if (!KT_EXPECT(pages))
		return;
	buf = page_address(pages);
	for (round = 0; round < 3; round++) {
		n = round == 2 ? NR_OVERFLOW : NR_INFLIGHT;
		memset(buf, 0, 8 * PAGE_SIZE);
		st = (struct inflight_state){ 0 };
		queued = 0;
		vb->max_inflight = 0;
		if (round != 1)
			virtblk_plug(vb);
		for (i = 0; i < n; i++) {
			io[i] = (struct virtblk_io){
				.sector = 100 + i, .page = pages, .offset = i * SECTOR_SIZE,
				.len = SECTOR_SIZE, .end_io = inflight_end_io, .private = &st,
			};
			if (KT_EXPECT(virtblk_submit(vb, &io[i]) == 0))
				queued++;
			if (i == NR_INFLIGHT / 2) {
				struct virtblk_io bad = io[i];

				bad.sector = vb->capacity;
				KT_EXPECT(virtblk_submit(vb, &bad) == -EINVAL);
				bad.sector = vb->capacity - 1;
				bad.len = 2 * SECTOR_SIZE;
				KT_EXPECT(virtblk_submit(vb, &bad) == -EINVAL);
			}
		}
		if (round == 0)
			KT_EXPECT(READ_ONCE(st.done) == 0);	/* not told yet */
		if (round != 1)
			virtblk_unplug(vb);
		wait_event(vb->wq, READ_ONCE(st.done) == queued);
		KT_EXPECT(st.errors == 0);
		for (i = 0; i < n; i++)
			KT_EXPECT_MSG(is_pattern(buf + i * SECTOR_SIZE, 100 + i),
				      "round %d, sector %d", round, 100 + i);
		pr_info("virtio: many_inflight: %s: %d requests, at most %u in flight at once\n",
			round == 1 ? "unplugged" : "plugged", queued, vb->max_inflight);
		if (round == 0)
			KT_EXPECT_MSG(vb->max_inflight == (unsigned int)queued,
				      "plugged: at most %u of %d in flight", vb->max_inflight, queued);
		if (round == 2)		/* the ring was full: 3 descriptors each */
			KT_EXPECT_MSG(vb->max_inflight == vb->vq->num / 3,
				      "overflow: at most %u in flight", vb->max_inflight);
	}
	KT_EXPECT(vb->plugged == 0);
	__free_pages(pages, 3);
}

/* Requests the driver refuses, and a good one after them. */
KTEST(virtio_blk_bad_requests)
{
	struct virtio_blk *vb = pattern_disk("bad_requests");
	struct page *page;

	if (!vb)
		return;
	page = alloc_page(GFP_KERNEL);
	if (!KT_EXPECT(page))
		return;
	KT_EXPECT(virtblk_rw(vb, vb->capacity, page, 0, SECTOR_SIZE, false) == -EINVAL);
	KT_EXPECT(virtblk_rw(vb, ~0ULL, page, 0, SECTOR_SIZE, false) == -EINVAL);
	KT_EXPECT(virtblk_rw(vb, 0, page, 0, 100, false) == -EINVAL);
	KT_EXPECT(virtblk_rw(vb, 0, page, 0, 0, false) == -EINVAL);
	KT_EXPECT(virtblk_rw(vb, 0, NULL, 0, SECTOR_SIZE, false) == -EINVAL);
	KT_EXPECT(virtblk_rw(vb, 7, page, 0, SECTOR_SIZE, false) == 0);
	KT_EXPECT(is_pattern(page_address(page), 7));
	__free_page(page);
}

/* One read of the device-error test, with its own result. */
struct err_req {
	struct virtblk_io io;
	int err;
};

static void err_req_end_io(struct virtblk_io *io, int err)
{
	struct err_req *r = container_of(io, struct err_req, io);
	struct inflight_state *st = io->private;

	r->err = err;
	WRITE_ONCE(st->done, st->done + 1);
}

/*
 * Sectors 1996..2003 read together. t_virtio.sh boots once with QEMU's
 * blkdebug failing every read of sector 2000: that request alone must end
 * with -EIO; on other disks all eight read the pattern. Says which.
 */
KTEST(virtio_blk_device_error)
{
	struct virtio_blk *vb = pattern_disk("device_error");
	static struct err_req req[8];
	struct inflight_state st = { 0 };
	struct page *page;
	char *buf;
	int i, queued = 0, others_bad = 0;

	if (!vb)
		return;
	page = alloc_page(GFP_KERNEL);
	if (!KT_EXPECT(page))
		return;
	buf = page_address(page);
	memset(buf, 0, PAGE_SIZE);
	for (i = 0; i < 8; i++) {
		req[i] = (struct err_req){ .err = 1, .io = {
			.sector = 1996 + i, .page = page, .offset = i * SECTOR_SIZE,
			.len = SECTOR_SIZE, .end_io = err_req_end_io, .private = &st,
		} };
		if (KT_EXPECT(virtblk_submit(vb, &req[i].io) == 0))
			queued++;
	}
	wait_event(vb->wq, READ_ONCE(st.done) == queued);
	for (i = 0; i < 8; i++)
		if (i != 4 && (req[i].err || !is_pattern(buf + i * SECTOR_SIZE, 1996 + i)))
			others_bad++;
	KT_EXPECT(others_bad == 0);
	KT_EXPECT(req[4].err == -EIO || (req[4].err == 0 && is_pattern(buf + 4 * SECTOR_SIZE, 2000)));
	pr_info("virtio: device_error: sector 2000: %d, %d of the other 7 failed\n",
		req[4].err, others_bad);
	KT_EXPECT(virtblk_rw(vb, 2000, page, 0, SECTOR_SIZE, false) == req[4].err);
	KT_EXPECT(virtblk_rw(vb, 2001, page, 0, SECTOR_SIZE, false) == 0);
	KT_EXPECT(is_pattern(buf, 2001));
	__free_page(page);
}

/*
 * SIZE_MAX/SEG_MAX as the driver applies them, with limits set here
 * (QEMU offers none that bite): 4 KiB in 1 KiB segments reads right; the
 * same with two segments allowed is refused.
 */
KTEST(virtio_blk_segments)
{
	struct virtio_blk *vb = pattern_disk("segments");
	u32 size_max, seg_max;
	struct page *page;
	char *buf;
	u64 s;

	if (!vb)
		return;
	page = alloc_page(GFP_KERNEL);
	if (!KT_EXPECT(page))
		return;
	buf = page_address(page);
	memset(buf, 0, PAGE_SIZE);
	size_max = vb->size_max;
	seg_max = vb->seg_max;
	vb->size_max = 1024;
	vb->seg_max = 4;
	KT_EXPECT(virtblk_rw(vb, 8, page, 0, PAGE_SIZE, false) == 0);
	for (s = 0; s < 8; s++)
		KT_EXPECT_MSG(is_pattern(buf + s * SECTOR_SIZE, 8 + s), "sector %llu",
			      (unsigned long long)(8 + s));
	vb->seg_max = 2;
	KT_EXPECT(virtblk_rw(vb, 8, page, 0, PAGE_SIZE, false) == -EINVAL);
	KT_EXPECT(virtblk_rw(vb, 8, page, 0, 2048, false) == 0);
	vb->size_max = size_max;
	vb->seg_max = seg_max;
	pr_info("virtio: segments: device limits seg_max %u size_max %u\n", seg_max, size_max);
	__free_page(page);
}
