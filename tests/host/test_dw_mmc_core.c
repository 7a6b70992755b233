/*
 * The DesignWare MSHC driver under the real MMC core and block layer, on
 * the controller model: the driver binds to Debian's VisionFive 2 and 1
 * DTBs, mmc_rescan brings the card up (4-bit, high speed at 50 MHz on the
 * VF2's cap-sd-highspeed), mmcblkN is read and written with bios from
 * HighMem pages and compared with the image (IDMAC on VF2, PIO on VF1), an
 * injected data CRC is recovered by the core's retry, and a card pulled
 * mid-read fails the bio without hanging. mmc_env.c's sleeps run the
 * machine of mshc_env.c (interrupts, model steps, timers).
 * Usage: test_dw_mmc_core [DTB_DIR]  (or RIVET_DTB_DIR; default .cache/dtbs).
 */
#include <stdio.h>
#include <string.h>
#include <linux/mmc/host.h>
#include <linux/mmc/card.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/genhd.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/errno.h>
#include "../../drivers/mmc/host/dw_mmc.h"
#include "mshc_env.h"
#include "mshc_rig.h"
#include "mmc_env.h"
#include "capture.h"
#include "dtb_util.h"
#include "test.h"

void free(void *p);

/* mmc_env's sleeps: let the machine run (false: nothing would ever wake it). */
static bool run_machine(void)
{
	return env_run_once();
}

/*
 * @sectors at @sector of @bdev through submit_bio_wait, one bio of pages
 * from @gfp; @buf is written from or read into. 0 or the bio's error.
 */
static int bio_rw(struct block_device *bdev, unsigned int op, sector_t sector,
		  unsigned int sectors, u8 *buf, gfp_t gfp)
{
	unsigned int bytes = sectors * 512, npages = DIV_ROUND_UP(bytes, PAGE_SIZE), i;
	struct page *pages[64];
	struct bio *bio;
	int err;

	if (npages > ARRAY_SIZE(pages))
		return -EINVAL;
	bio = bio_alloc(GFP_KERNEL, npages);
	bio_set_dev(bio, bdev);
	bio->bi_opf = op;
	bio->bi_iter.bi_sector = sector;
	for (i = 0; i < npages; i++) {
		unsigned int len = min_t(unsigned int, PAGE_SIZE, bytes - i * PAGE_SIZE);

		pages[i] = alloc_page(gfp);
		if (op == REQ_OP_WRITE)
			memcpy(page_address(pages[i]), buf + i * PAGE_SIZE, len);
		bio_add_page(bio, pages[i], len, 0);
	}
	err = submit_bio_wait(bio);
	bio_put(bio);
	for (i = 0; i < npages; i++) {
		unsigned int len = min_t(unsigned int, PAGE_SIZE, bytes - i * PAGE_SIZE);

		if (op == REQ_OP_READ && !err)
			memcpy(buf + i * PAGE_SIZE, page_address(pages[i]), len);
		__free_page(pages[i]);
	}
	return err;
}

static struct block_device *disk_of(struct mmc_host *mmc)
{
	char name[16];

	snprintf(name, sizeof(name), "mmcblk%d", mmc->index);
	return lookup_bdev(name);
}

/* Rescan @h's slot on rig @r and do block I/O through the core; @hs: expect high speed. */
static void core_tests(const char *what, struct dw_mci *h, struct rig *r, bool hs)
{
	static u8 buf[256 * 1024];
	struct block_device *bdev;
	struct sdcm_fault f = { 0 };
	char line[96];
	const char *out;
	int err;

	capture_begin();
	err = mmc_rescan(h->mmc);
	out = capture_end();
	snprintf(line, sizeof(line), "%s: new %sSDHC card at address", mmc_hostname(h->mmc),
		 hs ? "high speed " : "");
	CHECK(!err && h->mmc->card && strstr(out, line), "%s: mmc_rescan: \"%s\" (%d)\n%s",
	      what, line, err, out);
	bdev = disk_of(h->mmc);
	CHECK(bdev != NULL, "%s: mmcblk%d registered", what, h->mmc->index);
	CHECK(sdcm_bus_width(r->card) == 4 && mshc_bus_width(r->m) == 4 &&
	      sdcm_high_speed(r->card) == hs && mshc_card_hz(r->m) == (hs ? 50000000u : 25000000u),
	      "%s: 4-bit, %s, card clock %lu", what, hs ? "high speed" : "default speed",
	      mshc_card_hz(r->m));
	rig_clean(r, what);
	if (!bdev)
		return;

	err = bio_rw(bdev, REQ_OP_READ, 2048, 512, buf, GFP_HIGHUSER);
	CHECK(!err && !memcmp(buf, r->image + 2048 * 512, 256 * 1024),
	      "%s: 256 KiB read by a bio of HighMem pages = image (%d)", what, err);
	for (unsigned int i = 0; i < 128 * 1024; i++)
		buf[i] = i * 13 + 1;
	err = bio_rw(bdev, REQ_OP_WRITE, 9000, 256, buf, GFP_HIGHUSER);
	CHECK(!err && !memcmp(r->image + 9000 * 512, buf, 128 * 1024) &&
	      !memcmp(r->image + 9256 * 512, r->orig + 9256 * 512, 512),
	      "%s: 128 KiB written by a bio lands in the image (%d)", what, err);
	rig_clean(r, what);

	f.kind = SDCM_FAULT_DATA_CRC;
	f.block = 5;
	sdcm_set_fault(r->card, &f);
	capture_begin();
	err = bio_rw(bdev, REQ_OP_READ, 100, 64, buf, GFP_KERNEL);
	out = capture_end();
	CHECK(!err && !memcmp(buf, r->image + 100 * 512, 64 * 512),
	      "%s: a data CRC on one block: the core retries, the data is right (%d)\n%s", what, err, out);
	f.kind = SDCM_FAULT_NONE;
	sdcm_set_fault(r->card, &f);
	rig_clean(r, "after the recovered CRC error");

	f.kind = SDCM_FAULT_REMOVE;
	f.block = 3;
	sdcm_set_fault(r->card, &f);
	capture_begin();
	err = bio_rw(bdev, REQ_OP_READ, 400, 32, buf, GFP_KERNEL);
	out = capture_end();
	CHECK(err && !env_pending_timers(), "%s: card pulled mid-read: the bio fails (%d), nothing hangs",
	      what, err);
}

/* The cards stay registered as disks to the end: their rigs live as long. */
static struct rig a, b, c, d;

int main(int argc, char **argv)
{
	struct blob vf2, vf1;
	struct dw_mci *h;

	dtb_dir_from_args(argc, argv);
	quiet(true);
	mmc_env_init();
	quiet(false);
	mmc_env_irq_hook = run_machine;
	vf2 = need_dtb("visionfive2.dtb");
	vf1 = need_dtb("visionfive1.dtb");
	if (!vf2.size || !vf1.size)
		return test_exit();

	rig_init(&a, 0x290a, MSHC_HCON_IDMAC32, false);
	rig_init(&b, 0x290a, MSHC_HCON_IDMAC32, false);
	env_attach(0x16010000, 74, a.m);
	env_attach(0x16020000, 75, b.m);
	env_bind(&vf2);
	h = env_dw_host("/soc/mmc@16020000");
	CHECK(h && h->use_dma, "vf2: mmc1 bound, IDMAC");
	if (h)
		core_tests("vf2 IDMAC", h, &b, true);
	env_unbind();
	env_detach_all();

	rig_init(&c, 0x240a, MSHC_HCON_IDMAC32, false);
	rig_init(&d, 0x240a, MSHC_HCON_IDMAC32, false);
	env_attach(0x10000000, 4, c.m);
	env_attach(0x10010000, 5, d.m);
	env_bind(&vf1);
	h = env_dw_host("/soc/mmc@10000000");
	CHECK(h && !h->use_dma, "vf1: sdio0 bound, PIO");
	if (h)
		core_tests("vf1 PIO", h, &c, true);
	env_unbind();
	env_detach_all();
	free(vf2.data);
	free(vf1.data);
	return test_exit();
}
