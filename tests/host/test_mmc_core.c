/*
 * Host tests of the MMC core (drivers/mmc/core) on the software SD card
 * (sd_card_model.c) behind a fake host whose ->request forwards to the
 * card and completes at once or later "from the interrupt": bring-up of
 * SDSC v1/v2 and SDHC (capacity, addressing, CMD16, 4-bit and high speed
 * only with the caps, clocks), MMC refused, the boot-time scan and the
 * mmcblkNpM partitions, reads and writes through submit_bio against the
 * image, the error paths (ACMD41 timeouts, data CRC with single-block
 * fallback, persistent CRC, card pulled mid-transfer), bounce buffers for
 * a host with a DMA limit, and mmcN indices from DT aliases.
 */
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/genhd.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/kdev_t.h>
#include <linux/jiffies.h>
#include <linux/mmc/host.h>
#include <linux/mmc/card.h>
#include <linux/mmc/mmc.h>
#include <linux/mmc/sd.h>
#include "page_alloc_arena.h"
#include "sd_card_model.h"
#include "mmc_env.h"
#include "capture.h"
#include "test.h"

#define MiB (1024u * 1024u)
#define DMA32_END (ARENA_PHYS + 32 * MiB - 1)	/* slab_env_real.c: 32 MiB of ZONE_DMA32 first */

/* ---- the fake host ------------------------------------------------------------ */

struct fake_host {
	struct mmc_host *mmc;
	struct sd_card_model *card;
	uint8_t *image;
	uint64_t bytes;
	bool deferred;			/* complete from the "interrupt" (schedule) */
	bool no_cd;			/* get_cd unknown (-ENOSYS) */
	struct mmc_request *pending;	/* deferred: started, not yet done */
	/* Called before each request: tests re-arm faults here. */
	void (*before)(struct fake_host *fh, struct mmc_request *mrq);
	/* What the host saw. */
	unsigned int requests;
	unsigned int violations;	/* bus rules the core broke */
	char why[160];
	unsigned long long max_addr;	/* highest byte a data sg entry reached */
	bool saw_addr;
	unsigned int clock_at_cmd3;
	unsigned int max_data_clock;	/* fastest clock of a block transfer */
};

static struct fake_host *fake_of(struct mmc_host *mmc)
{
	return *(struct fake_host **)mmc_priv(mmc);
}

static void violation(struct fake_host *fh, const char *what, unsigned int v)
{
	fh->violations++;
	snprintf(fh->why, sizeof(fh->why), "%s (%u)", what, v);
}

/* One command on the card as a controller would see it: 0, -ETIMEDOUT, -EILSEQ. */
static int fake_cmd(struct fake_host *fh, struct mmc_command *cmd)
{
	int r = sdcm_command(fh->card, cmd->opcode, cmd->arg, cmd->resp);

	if (!(cmd->flags & MMC_RSP_PRESENT))
		return 0;
	if (r == SDCM_NORESP)
		return -ETIMEDOUT;
	if (r == SDCM_BADCRC && (cmd->flags & MMC_RSP_CRC))
		return -EILSEQ;
	if (cmd->flags & MMC_RSP_BUSY) {
		for (int i = 0; i < 1000 && sdcm_busy(fh->card); i++)
			;
	}
	return 0;
}

/* The address of byte @off of @data's scatter list (PIO through the page's mapping). */
static uint8_t *sg_byte(struct fake_host *fh, struct mmc_data *data, unsigned int off)
{
	for (unsigned int i = 0; i < data->sg_len; i++) {
		struct scatterlist *sg = &data->sg[i];

		if (off < sg->length)
			return (uint8_t *)page_address(sg->page) + sg->offset + off;
		off -= sg->length;
	}
	violation(fh, "scatter list shorter than the data", off);
	return NULL;
}

/* Checks @data's scatter list: lengths, DMA limit. */
static void fake_check_sg(struct fake_host *fh, struct mmc_data *data)
{
	unsigned long long total = 0;

	for (unsigned int i = 0; i < data->sg_len; i++) {
		struct scatterlist *sg = &data->sg[i];
		unsigned long long end = sg->dma_address + sg->length - 1;

		total += sg->length;
		if (sg->length > fh->mmc->max_seg_size)
			violation(fh, "sg entry longer than max_seg_size", sg->length);
		if (!fh->saw_addr || end > fh->max_addr)
			fh->max_addr = end;
		fh->saw_addr = true;
	}
	if (data->sg_len > fh->mmc->max_segs)
		violation(fh, "more sg entries than max_segs", data->sg_len);
	if (total != (unsigned long long)data->blocks * data->blksz)
		violation(fh, "sg total differs from the data length", (unsigned int)total);
}

/* Moves @data's blocks between the card and the pages. */
static void fake_data(struct fake_host *fh, struct mmc_data *data)
{
	uint8_t buf[512];

	fake_check_sg(fh, data);
	if (fh->mmc->ios.bus_width == MMC_BUS_WIDTH_4 ? sdcm_bus_width(fh->card) != 4 :
	    sdcm_bus_width(fh->card) != 1)
		violation(fh, "host and card bus widths differ", sdcm_bus_width(fh->card));
	if (fh->mmc->ios.clock > 25000000 && !sdcm_high_speed(fh->card))
		violation(fh, "data above 25 MHz on a card not in high speed", fh->mmc->ios.clock);
	if (data->blksz == 512 && fh->mmc->ios.clock > fh->max_data_clock)
		fh->max_data_clock = fh->mmc->ios.clock;
	for (unsigned int b = 0; b < data->blocks; b++) {
		bool write = data->flags & MMC_DATA_WRITE;
		int r;

		for (unsigned int i = 0; write && i < data->blksz; i++)
			buf[i] = *sg_byte(fh, data, b * data->blksz + i);
		r = write ? sdcm_write_data(fh->card, buf, data->blksz) :
			    sdcm_read_data(fh->card, buf, data->blksz);
		for (unsigned int i = 0; !write && r != SDCM_NORESP && i < data->blksz; i++)
			*sg_byte(fh, data, b * data->blksz + i) = buf[i];
		if (r != SDCM_OK) {
			data->error = r == SDCM_BADCRC ? -EILSEQ : -ETIMEDOUT;
			return;
		}
		data->bytes_xfered += data->blksz;
	}
}

/* Carries out @mrq: sbc, command, data, stop, as a controller does. */
static void fake_run(struct fake_host *fh, struct mmc_request *mrq)
{
	fh->requests++;
	if (fh->before)
		fh->before(fh, mrq);
	if (mrq->cmd->opcode == MMC_SET_RELATIVE_ADDR)
		fh->clock_at_cmd3 = fh->mmc->ios.clock;
	if (mrq->sbc && (mrq->sbc->error = fake_cmd(fh, mrq->sbc)))
		return;
	mrq->cmd->error = fake_cmd(fh, mrq->cmd);
	if (mrq->cmd->error || !mrq->data)
		return;
	fake_data(fh, mrq->data);
	if (mrq->stop)
		mrq->stop->error = fake_cmd(fh, mrq->stop);
}

static void fake_request(struct mmc_host *mmc, struct mmc_request *mrq)
{
	struct fake_host *fh = fake_of(mmc);

	if (mmc->ios.power_mode != MMC_POWER_ON)
		violation(fh, "request with the power off", mrq->cmd->opcode);
	if (fh->pending)
		violation(fh, "a second request while one runs", mrq->cmd->opcode);
	if (fh->deferred) {
		fh->pending = mrq;
		return;
	}
	fake_run(fh, mrq);
	mmc_request_done(mmc, mrq);
}

static struct fake_host *irq_host;	/* the host whose deferred request "interrupts" */

/* mmc_env's interrupt: completes the pending request. */
static bool fake_irq(void)
{
	struct fake_host *fh = irq_host;
	struct mmc_request *mrq;

	if (!fh || !fh->pending)
		return false;
	mrq = fh->pending;
	fh->pending = NULL;
	fake_run(fh, mrq);
	mmc_request_done(fh->mmc, mrq);
	return true;
}

static void fake_set_ios(struct mmc_host *mmc, struct mmc_ios *ios)
{
	struct fake_host *fh = fake_of(mmc);

	if (ios->clock > mmc->f_max)
		violation(fh, "clock above f_max", ios->clock);
}

static int fake_get_cd(struct mmc_host *mmc)
{
	struct fake_host *fh = fake_of(mmc);

	return fh->no_cd ? -ENOSYS : sdcm_present(fh->card);
}

static int fake_get_ro(struct mmc_host *mmc)
{
	return 0;
}

static const struct mmc_host_ops fake_ops = {
	.request = fake_request,
	.set_ios = fake_set_ios,
	.get_cd = fake_get_cd,
	.get_ro = fake_get_ro,
};

/* An image of @bytes with a pattern that differs in every sector. */
static uint8_t *pattern_image(uint64_t bytes)
{
	uint8_t *p = malloc(bytes);

	for (uint64_t i = 0; i < bytes; i++)
		p[i] = (uint8_t)((i >> 9) * 31 + i * 7);
	return p;
}

/* A card of @kind with a host of @caps (not yet added). */
static struct fake_host *fake_new(enum sdcm_kind kind, uint64_t bytes, u32 caps)
{
	struct fake_host *fh = calloc(1, sizeof(*fh));
	struct mmc_host *mmc = mmc_alloc_host(sizeof(fh), NULL);

	*(struct fake_host **)mmc_priv(mmc) = fh;
	fh->mmc = mmc;
	fh->bytes = bytes;
	fh->image = pattern_image(bytes);
	fh->card = sdcm_new(kind, fh->image, bytes);
	mmc->ops = &fake_ops;
	mmc->f_min = 100000;
	mmc->f_max = 52000000;
	mmc->ocr_avail = MMC_VDD_32_33 | MMC_VDD_33_34;
	mmc->caps = caps;
	mmc->max_segs = 32;
	mmc->max_seg_size = 65536;
	mmc->max_req_size = 128 * 1024;
	mmc->max_blk_size = 512;
	mmc->max_blk_count = 256;
	irq_host = fh;
	return fh;
}

/* Removes and frees a host that has no card, and its fake. */
static void fake_free(struct fake_host *fh)
{
	mmc_remove_host(fh->mmc);
	mmc_free_host(fh->mmc);
	sdcm_free(fh->card);
	free(fh->image);
	if (irq_host == fh)
		irq_host = NULL;
	free(fh);
}

/* Adds the host (scanned at once after boot): 0 if a card came up, else mmc_rescan's error. */
static int fake_add(struct fake_host *fh)
{
	mmc_add_host(fh->mmc);
	return fh->mmc->card ? 0 : mmc_rescan(fh->mmc);
}

/* The disk (or partition) of @fh's card: "mmcblkN" + @suffix. */
static struct block_device *fake_bdev(struct fake_host *fh, const char *suffix)
{
	char name[32];

	snprintf(name, sizeof(name), "mmcblk%d%s", fh->mmc->index, suffix);
	return lookup_bdev(name);
}

/* ---- bios ------------------------------------------------------------------------ */

/*
 * @op of @sectors at @sector of @bdev through submit_bio_wait, in bios of
 * as many pages as the queue takes, the pages from @gfp; @buf holds the
 * bytes (written from, read into). 0 or the first bio's error.
 */
static int blk_io(struct block_device *bdev, unsigned int op, sector_t sector,
		  unsigned int sectors, uint8_t *buf, gfp_t gfp)
{
	unsigned int done = 0, npages = DIV_ROUND_UP(sectors * 512, PAGE_SIZE);
	struct page **pages = calloc(npages, sizeof(*pages));
	int err = 0;

	for (unsigned int i = 0; i < npages; i++) {
		pages[i] = alloc_page(gfp);
		if (op == REQ_OP_WRITE)
			memcpy(page_address(pages[i]), buf + i * PAGE_SIZE,
			       min_t(unsigned int, PAGE_SIZE, sectors * 512 - i * PAGE_SIZE));
	}
	while (done < npages && !err) {
		struct bio *bio = bio_alloc(GFP_KERNEL, BIO_MAX_PAGES);
		unsigned int first = done;

		bio_set_dev(bio, bdev);
		bio->bi_opf = op;
		bio->bi_iter.bi_sector = sector + first * (PAGE_SIZE / 512);
		while (done < npages) {
			unsigned int len = min_t(unsigned int, PAGE_SIZE, sectors * 512 - done * PAGE_SIZE);

			if (bio_add_page(bio, pages[done], len, 0) != (int)len)
				break;
			done++;
		}
		err = submit_bio_wait(bio);
		bio_put(bio);
		for (unsigned int i = first; op == REQ_OP_READ && !err && i < done; i++)
			memcpy(buf + i * PAGE_SIZE, page_address(pages[i]),
			       min_t(unsigned int, PAGE_SIZE, sectors * 512 - i * PAGE_SIZE));
	}
	for (unsigned int i = 0; i < npages; i++)
		__free_page(pages[i]);
	free(pages);
	return err;
}

/* Reads @sectors at @sector and compares them with the image: true if equal. */
static bool read_matches(struct fake_host *fh, sector_t sector, unsigned int sectors, gfp_t gfp)
{
	uint8_t *buf = calloc(sectors, 512);
	bool ok = blk_io(fake_bdev(fh, ""), REQ_OP_READ, sector, sectors, buf, gfp) == 0 &&
		  !memcmp(buf, fh->image + sector * 512, sectors * 512);

	free(buf);
	return ok;
}

/* Occurrences of @needle in @hay. */
static int count_str(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static void check_clean(struct fake_host *fh, const char *what)
{
	CHECK(sdcm_protocol_errors(fh->card) == 0 && fh->violations == 0,
	      "%s: no protocol errors (%s), no bus violations (%s)", what,
	      sdcm_last_error(fh->card), fh->why);
}

/* ---- bring-up ----------------------------------------------------------------------- */

/* An MBR with two primary partitions at sectors 64 (+128) and 192 (+256). */
static void write_mbr(uint8_t *img)
{
	static const uint32_t part[2][2] = { { 64, 128 }, { 192, 256 } };

	memset(img + 446, 0, 64);
	for (int i = 0; i < 2; i++) {
		uint8_t *e = img + 446 + 16 * i;

		e[4] = 0x83;
		for (int b = 0; b < 4; b++) {
			e[8 + b] = part[i][0] >> (8 * b);
			e[12 + b] = part[i][1] >> (8 * b);
		}
	}
	img[510] = 0x55;
	img[511] = 0xaa;
}

static void test_boot_scan(void)
{
	struct fake_host *fh = fake_new(SDCM_SDHC, 4 * MiB, MMC_CAP_4_BIT_DATA | MMC_CAP_SD_HIGHSPEED);
	const char *out;

	write_mbr(fh->image);
	CHECK(mmc_add_host(fh->mmc) == 0 && fh->requests == 0 && !fh->mmc->card,
	      "mmc_add_host before the boot scan only queues the host");
	capture_begin();
	scan_boot_disks();
	out = capture_end();
	CHECK(fh->mmc->card != NULL && fh->mmc->index == 0, "scan_boot_disks brought the card of mmc0 up");
	CHECK(strstr(out, "mmc0: new high speed SDHC card at address 0001\n") != NULL,
	      "the card's line: mmc0: new high speed SDHC card at address 0001");
	CHECK(strstr(out, "mmcblk0: mmc0:0001 RIVET 4.00 MiB\n") != NULL, "the disk's line: mmcblk0: mmc0:0001 RIVET 4.00 MiB");
	CHECK(strstr(out, "mmcblk0: mmcblk0p1 mmcblk0p2\n") != NULL, "the partition line: mmcblk0: mmcblk0p1 mmcblk0p2");
	struct block_device *p2 = fake_bdev(fh, "p2");

	CHECK(fake_bdev(fh, "") && fake_bdev(fh, "p1") && p2 && !fake_bdev(fh, "1") &&
	      p2->bd_part->start_sect == 192 && p2->bd_part->nr_sects == 256,
	      "partitions are mmcblk0p1 and mmcblk0p2 (not mmcblk01)");
	CHECK(p2->bd_dev == MKDEV(179, 2) && fake_bdev(fh, "")->bd_dev == MKDEV(179, 0),
	      "mmcblk0 is 179:0, mmcblk0p2 179:2");
	uint8_t buf[512];

	CHECK(blk_io(p2, REQ_OP_READ, 3, 1, buf, GFP_KERNEL) == 0 && !memcmp(buf, fh->image + 195 * 512, 512),
	      "mmcblk0p2's sector 3 is the card's sector 195");
	check_clean(fh, "boot scan");
}

/* Capacity in sectors as the core decoded it. */
static u64 card_sectors(struct fake_host *fh)
{
	return fh->mmc->card->csd.capacity;
}

static void test_sdsc_v1(void)
{
	struct fake_host *fh = fake_new(SDCM_SDSC_V1, 2 * MiB, MMC_CAP_4_BIT_DATA | MMC_CAP_SD_HIGHSPEED);
	const char *out;
	int err;

	capture_begin();
	err = fake_add(fh);
	out = capture_end();
	CHECK(err == 0 && strstr(out, ": new SD card at address 0001\n"), "SDSC v1 card comes up: \"new SD card\"");
	CHECK(card_sectors(fh) == 4096 && !mmc_card_blockaddr(fh->mmc->card),
	      "capacity 4096 sectors from CSD v1, byte addressing");
	CHECK(sdcm_count(fh->card, 8) >= 1 && sdcm_count(fh->card, 16) == 1 && sdcm_block_len(fh->card) == 512,
	      "CMD8 tried (no answer: v1), CMD16 512 sent once");
	CHECK(sdcm_count(fh->card, 6) == 0 && !sdcm_high_speed(fh->card),
	      "SD 1.01 card: no CMD6 at all, so no high speed");
	CHECK(sdcm_bus_width(fh->card) == 4 && fh->mmc->ios.bus_width == MMC_BUS_WIDTH_4, "4-bit bus");
	CHECK(fh->mmc->ios.clock == 25000000 && fh->clock_at_cmd3 == 400000,
	      "identification at 400 kHz, then 25 MHz (got %u, %u)", fh->clock_at_cmd3, fh->mmc->ios.clock);
	CHECK(read_matches(fh, 5, 1, GFP_KERNEL) && sdcm_last_data_arg(fh->card) == 5 * 512,
	      "sector 5 read as byte address 2560 (card saw %#x)", sdcm_last_data_arg(fh->card));
	check_clean(fh, "SDSC v1");
}

static void test_sdsc_v2(void)
{
	struct fake_host *fh = fake_new(SDCM_SDSC_V2, 8 * MiB, MMC_CAP_4_BIT_DATA | MMC_CAP_SD_HIGHSPEED);
	uint8_t buf[2048];

	sdcm_set_read_bl_len(fh->card, 10);	/* a 2 GB card's geometry */
	CHECK(fake_add(fh) == 0, "SDSC v2 card comes up");
	CHECK(card_sectors(fh) == 16384 && fh->mmc->card->csd.read_blkbits == 10,
	      "capacity 16384 sectors from CSD v1 with READ_BL_LEN 10 (%llu)",
	      (unsigned long long)card_sectors(fh));
	CHECK(!mmc_card_blockaddr(fh->mmc->card) && sdcm_count(fh->card, 16) == 1, "byte addressing, CMD16 sent");
	CHECK(sdcm_high_speed(fh->card) && mmc_card_hs(fh->mmc->card) && fh->mmc->ios.clock == 50000000 &&
	      fh->mmc->ios.timing == MMC_TIMING_SD_HS, "SD 2.00 card and host caps: high speed at 50 MHz");
	memset(buf, 0x3c, sizeof(buf));
	CHECK(blk_io(fake_bdev(fh, ""), REQ_OP_WRITE, 100, 4, buf, GFP_KERNEL) == 0 &&
	      !memcmp(fh->image + 100 * 512, buf, 2048) && sdcm_last_data_arg(fh->card) == 100 * 512,
	      "a 4-sector write lands at byte 51200");
	CHECK(read_matches(fh, 98, 8, GFP_KERNEL), "read back around it");
	check_clean(fh, "SDSC v2");
}

static void test_sdhc(void)
{
	struct fake_host *fh = fake_new(SDCM_SDHC, 8 * MiB, MMC_CAP_4_BIT_DATA | MMC_CAP_SD_HIGHSPEED);

	fh->mmc->f_max = 48000000;
	CHECK(fake_add(fh) == 0, "SDHC card comes up");
	CHECK(card_sectors(fh) == 16384 && fh->mmc->card->csd.structure == 1, "capacity 16384 sectors from CSD v2");
	CHECK(mmc_card_blockaddr(fh->mmc->card) && sdcm_count(fh->card, 16) == 0,
	      "block addressing, no CMD16");
	CHECK(sdcm_high_speed(fh->card) && fh->mmc->ios.clock == 48000000, "high speed, clock capped at f_max 48 MHz");
	CHECK(read_matches(fh, 777, 1, GFP_KERNEL) && sdcm_last_data_arg(fh->card) == 777,
	      "sector 777 read as block address 777 (card saw %u)", sdcm_last_data_arg(fh->card));
	check_clean(fh, "SDHC");
}

static void test_caps(void)
{
	struct fake_host *fh = fake_new(SDCM_SDHC, 4 * MiB, 0);

	CHECK(fake_add(fh) == 0, "SDHC card on a host without caps");
	CHECK(sdcm_count(fh->card, 106) == 0 && sdcm_bus_width(fh->card) == 1 &&
	      fh->mmc->ios.bus_width == MMC_BUS_WIDTH_1, "no MMC_CAP_4_BIT_DATA: no ACMD6, 1-bit");
	CHECK(!sdcm_high_speed(fh->card) && fh->mmc->ios.clock == 25000000 && fh->mmc->ios.timing == MMC_TIMING_LEGACY,
	      "no MMC_CAP_SD_HIGHSPEED: no switch, 25 MHz");
	CHECK(read_matches(fh, 0, 64, GFP_KERNEL), "it reads");
	check_clean(fh, "no caps");

	fh = fake_new(SDCM_SDHC, 4 * MiB, MMC_CAP_4_BIT_DATA | MMC_CAP_SD_HIGHSPEED);
	sdcm_set_scr(fh->card, 2, 0x1, 0);	/* 1-bit only */
	sdcm_set_high_speed_support(fh->card, false);
	CHECK(fake_add(fh) == 0 && sdcm_count(fh->card, 106) == 0 && sdcm_bus_width(fh->card) == 1 &&
	      !sdcm_high_speed(fh->card) && sdcm_count(fh->card, 6) == 1 && fh->mmc->ios.clock == 25000000,
	      "a card whose SCR says 1-bit and whose CMD6 offers no high speed: neither, though the host could");
	check_clean(fh, "card without 4-bit/high speed");
}

static void test_mmc_refused(void)
{
	struct fake_host *fh = fake_new(SDCM_MMC, 4 * MiB, MMC_CAP_4_BIT_DATA);
	const char *out;
	int err;

	capture_begin();
	mmc_add_host(fh->mmc);
	out = capture_end();
	err = mmc_rescan(fh->mmc);
	CHECK(err == -EOPNOTSUPP && !fh->mmc->card, "an MMC card: -EOPNOTSUPP, no card attached");
	CHECK(strstr(out, "mmc") && strstr(out, ": MMC/eMMC card found: not supported, SD cards only\n"),
	      "with the message \"MMC/eMMC card found: not supported, SD cards only\"");
	CHECK(fh->mmc->ios.power_mode == MMC_POWER_OFF, "and the slot powered off");
	check_clean(fh, "MMC");
	fake_free(fh);
}

/* ---- block I/O -------------------------------------------------------------------------- */

static void test_block_rw(void)
{
	struct fake_host *fh = fake_new(SDCM_SDHC, 8 * MiB, MMC_CAP_4_BIT_DATA | MMC_CAP_SD_HIGHSPEED);
	unsigned int n = 600;		/* sectors: several requests of max 256 */
	uint8_t *buf = malloc(n * 512), *orig = malloc(fh->bytes);
	unsigned int cmd18, cmd12;

	fh->deferred = true;		/* every request completes from the "interrupt" */
	CHECK(fake_add(fh) == 0, "SDHC card up, requests completed from the interrupt");
	memcpy(orig, fh->image, fh->bytes);
	for (unsigned int i = 0; i < n * 512; i++)
		buf[i] = (uint8_t)(i * 13 + 5);
	CHECK(blk_io(fake_bdev(fh, ""), REQ_OP_WRITE, 1000, n, buf, GFP_HIGHUSER) == 0,
	      "a 300 KiB write from highmem pages");
	CHECK(!memcmp(fh->image + 1000 * 512, buf, n * 512) && !memcmp(fh->image, orig, 1000 * 512) &&
	      !memcmp(fh->image + (1000 + n) * 512, orig + (1000 + n) * 512, fh->bytes - (1000 + n) * 512),
	      "the image has exactly those sectors changed");
	CHECK(sdcm_count(fh->card, 25) >= 3 && sdcm_count(fh->card, 13) >= 3,
	      "CMD25 per request (%u), CMD13 polls after each (%u)", sdcm_count(fh->card, 25),
	      sdcm_count(fh->card, 13));
	cmd18 = sdcm_count(fh->card, 18);
	cmd12 = sdcm_count(fh->card, 12);
	CHECK(read_matches(fh, 1000, n, GFP_KERNEL), "read back through the block layer");
	CHECK(sdcm_count(fh->card, 18) - cmd18 >= 3 && sdcm_count(fh->card, 12) - cmd12 == sdcm_count(fh->card, 18) - cmd18,
	      "CMD18 + CMD12 per multi-block read");
	CHECK(read_matches(fh, fh->bytes / 512 - 1, 1, GFP_KERNEL) && sdcm_count(fh->card, 17) >= 1,
	      "the last sector, with CMD17");
	CHECK(fh->max_data_clock == 50000000, "transfers ran at 50 MHz");
	check_clean(fh, "block I/O");
	free(buf);
	free(orig);
}

static void test_cmd23(void)
{
	struct fake_host *fh = fake_new(SDCM_SDHC, 4 * MiB,
					MMC_CAP_4_BIT_DATA | MMC_CAP_SD_HIGHSPEED | MMC_CAP_CMD23);
	uint8_t buf[8192];

	sdcm_set_scr(fh->card, 2, 0x5, 0x2);	/* CMD23 supported */
	CHECK(fake_add(fh) == 0, "SDHC card with CMD23 on a CMD23 host");
	memset(buf, 0x77, sizeof(buf));
	CHECK(blk_io(fake_bdev(fh, ""), REQ_OP_WRITE, 8, 16, buf, GFP_KERNEL) == 0 &&
	      read_matches(fh, 8, 16, GFP_KERNEL) && !memcmp(fh->image + 4096, buf, 8192), "write and read 16 sectors");
	CHECK(sdcm_count(fh->card, 23) == 2 && sdcm_count(fh->card, 12) == 0,
	      "CMD23 before each multi-block transfer, no CMD12");
	check_clean(fh, "CMD23");
}

/* ---- errors ----------------------------------------------------------------------------- */

static void test_acmd41_faults(void)
{
	struct fake_host *fh = fake_new(SDCM_SDHC, 4 * MiB, 0);
	struct sdcm_fault f = { .kind = SDCM_FAULT_CMD_TIMEOUT, .opcode = 141, .count = 2 };
	unsigned long t0;
	const char *out;
	int err;

	sdcm_set_fault(fh->card, &f);
	CHECK(fake_add(fh) == 0 && sdcm_count(fh->card, 141) >= 6,
	      "2 unanswered ACMD41s are re-sent: the card comes up (%u ACMD41)", sdcm_count(fh->card, 141));
	check_clean(fh, "ACMD41 retried");

	fh = fake_new(SDCM_SDHC, 4 * MiB, 0);
	f.count = 1000;
	sdcm_set_fault(fh->card, &f);
	capture_begin();
	mmc_add_host(fh->mmc);
	out = capture_end();
	CHECK(!fh->mmc->card && sdcm_count(fh->card, 141) == 4,
	      "ACMD41 never answered: given up after 1 + 3 tries (%u)", sdcm_count(fh->card, 141));
	CHECK(strstr(out, "error -110 whilst initialising SD card") != NULL, "with -ETIMEDOUT and a message");
	fake_free(fh);

	fh = fake_new(SDCM_SDHC, 4 * MiB, 0);
	sdcm_set_init_polls(fh->card, UINT_MAX);	/* power-up never ends */
	t0 = jiffies;
	capture_begin();
	mmc_add_host(fh->mmc);
	err = mmc_rescan(fh->mmc);
	capture_end();
	CHECK(err == -ETIMEDOUT && !fh->mmc->card, "a card busy forever: -ETIMEDOUT");
	CHECK(jiffies - t0 >= 2 * HZ && jiffies - t0 <= 2 * HZ + 20 && sdcm_count(fh->card, 141) <= 2 * 101,
	      "after 1 s of ACMD41 per try (%lu jiffies for two scans, %u ACMD41)", jiffies - t0,
	      sdcm_count(fh->card, 141));
	fake_free(fh);
}

/* before-hook: a data CRC error on block 1 of every CMD18. */
static void crc_on_cmd18(struct fake_host *fh, struct mmc_request *mrq)
{
	struct sdcm_fault f = { .kind = SDCM_FAULT_DATA_CRC, .block = 1 };

	if (mrq->cmd->opcode == MMC_READ_MULTIPLE_BLOCK)
		sdcm_set_fault(fh->card, &f);
}

/* before-hook: a data CRC error on block 2 of every CMD25. */
static void crc_on_cmd25(struct fake_host *fh, struct mmc_request *mrq)
{
	struct sdcm_fault f = { .kind = SDCM_FAULT_DATA_CRC, .block = 2 };

	if (mrq->cmd->opcode == MMC_WRITE_MULTIPLE_BLOCK)
		sdcm_set_fault(fh->card, &f);
	else
		sdcm_set_fault(fh->card, &(struct sdcm_fault){ .kind = SDCM_FAULT_NONE });
}

/* before-hook: every data block has a bad CRC. */
static void crc_always(struct fake_host *fh, struct mmc_request *mrq)
{
	struct sdcm_fault f = { .kind = SDCM_FAULT_DATA_CRC, .block = 0, .count = UINT_MAX };

	if (mrq->data && mrq->data->blksz == 512)
		sdcm_set_fault(fh->card, &f);
}

static void test_data_crc(void)
{
	struct fake_host *fh = fake_new(SDCM_SDHC, 4 * MiB, MMC_CAP_4_BIT_DATA | MMC_CAP_SD_HIGHSPEED);
	unsigned int c18, c17;
	const char *out;
	bool ok;

	CHECK(fake_add(fh) == 0, "card up");
	c18 = sdcm_count(fh->card, 18);
	c17 = sdcm_count(fh->card, 17);
	fh->before = crc_on_cmd18;
	capture_begin();
	ok = read_matches(fh, 40, 8, GFP_KERNEL);
	out = capture_end();
	fh->before = NULL;
	CHECK(ok, "an 8-block read with a CRC error in every CMD18 still returns the right data");
	CHECK(sdcm_count(fh->card, 18) - c18 == 3 && sdcm_count(fh->card, 17) - c17 == 8,
	      "3 tries of CMD18, then 8 single-block CMD17 (%u, %u)", sdcm_count(fh->card, 18) - c18,
	      sdcm_count(fh->card, 17) - c17);
	CHECK(fh->mmc->ios.clock == 25000000 && strstr(out, "retrying block by block at 25000 kHz"),
	      "at half the clock, with a message (clock %u)", fh->mmc->ios.clock);
	check_clean(fh, "CRC fallback");

	uint8_t wbuf[6 * 512];
	unsigned int c25 = sdcm_count(fh->card, 25), c24 = sdcm_count(fh->card, 24);

	memset(wbuf, 0x5d, sizeof(wbuf));
	fh->before = crc_on_cmd25;
	capture_begin();
	int werr1 = blk_io(fake_bdev(fh, ""), REQ_OP_WRITE, 60, 6, wbuf, GFP_KERNEL);
	out = capture_end();
	fh->before = NULL;
	CHECK(werr1 == 0 && !memcmp(fh->image + 60 * 512, wbuf, sizeof(wbuf)),
	      "a 6-block write whose CMD25 always fails is written block by block");
	CHECK(sdcm_count(fh->card, 25) - c25 == 3 && sdcm_count(fh->card, 24) - c24 == 6 &&
	      strstr(out, "write error -5 at sector 60 (6 blocks), retrying block by block"),
	      "3 tries of CMD25, then 6 CMD24, with a message");
	check_clean(fh, "write fallback");

	unsigned int before = fh->requests;
	uint8_t buf[4096], img[4096];

	memcpy(img, fh->image + 80 * 512, sizeof(img));
	memset(buf, 0xee, sizeof(buf));
	fh->before = crc_always;
	capture_begin();
	int rerr = blk_io(fake_bdev(fh, ""), REQ_OP_READ, 80, 8, buf, GFP_KERNEL);
	int werr = blk_io(fake_bdev(fh, ""), REQ_OP_WRITE, 80, 8, buf, GFP_KERNEL);
	out = capture_end();
	fh->before = NULL;
	sdcm_set_fault(fh->card, &(struct sdcm_fault){ .kind = SDCM_FAULT_NONE });
	CHECK(rerr == -EIO && werr == -EIO, "persistent CRC errors: read and write end -EIO (%d, %d)", rerr, werr);
	CHECK(!memcmp(fh->image + 80 * 512, img, sizeof(img)), "the card dropped every written block");
	CHECK(fh->requests - before < 200, "a bounded number of requests (%u)", fh->requests - before);
	CHECK(strstr(out, "mmcblk") && strstr(out, "failed: -5"), "a message says the request failed");
	CHECK(read_matches(fh, 80, 8, GFP_KERNEL), "without the fault the card reads again");
	check_clean(fh, "persistent CRC");
}

static void test_removal(void)
{
	struct fake_host *fh = fake_new(SDCM_SDHC, 4 * MiB, MMC_CAP_4_BIT_DATA);
	struct sdcm_fault f = { .kind = SDCM_FAULT_REMOVE, .block = 3 };
	uint8_t buf[16 * 512];
	unsigned int reqs;
	const char *out;
	int err, err2;

	fh->deferred = true;
	CHECK(fake_add(fh) == 0, "card up");
	sdcm_set_fault(fh->card, &f);
	capture_begin();
	err = blk_io(fake_bdev(fh, ""), REQ_OP_READ, 0, 16, buf, GFP_KERNEL);
	reqs = fh->requests;
	err2 = blk_io(fake_bdev(fh, ""), REQ_OP_WRITE, 0, 16, buf, GFP_KERNEL);
	out = capture_end();
	CHECK(err == -ENOMEDIUM && err2 == -ENOMEDIUM, "card pulled mid-read: -ENOMEDIUM, and for the next write");
	CHECK(fh->requests == reqs, "the next request does not reach the host");
	CHECK(count_str(out, ": card 0001 removed\n") == 1 && count_str(out, "removed") == 1,
	      "one \"card 0001 removed\" message");
	CHECK(sdcm_protocol_errors(fh->card) == 0 && fh->violations == 0, "no protocol errors");

	/* A card-detect change with the card gone: the next request fails at once. */
	fh = fake_new(SDCM_SDHC, 4 * MiB, 0);
	CHECK(fake_add(fh) == 0, "another card up");
	sdcm_remove(fh->card);
	mmc_detect_change(fh->mmc, 0);
	reqs = fh->requests;
	capture_begin();
	err = blk_io(fake_bdev(fh, ""), REQ_OP_READ, 0, 1, buf, GFP_KERNEL);
	capture_end();
	CHECK(err == -ENOMEDIUM && fh->requests == reqs, "get_cd says gone: -ENOMEDIUM without a command");

	/* A host that cannot tell: the card stops answering, -ETIMEDOUT. */
	fh = fake_new(SDCM_SDHC, 4 * MiB, 0);
	fh->no_cd = true;
	CHECK(fake_add(fh) == 0, "a card on a host without card detect");
	sdcm_remove(fh->card);
	capture_begin();
	err = blk_io(fake_bdev(fh, ""), REQ_OP_READ, 0, 4, buf, GFP_KERNEL);
	capture_end();
	CHECK(err == -ETIMEDOUT, "silent card, no card detect: -ETIMEDOUT (%d)", err);
}

/* ---- bounce buffers and indices ------------------------------------------------------------ */

static void test_bounce(void)
{
	struct fake_host *fh = fake_new(SDCM_SDHC, 4 * MiB, MMC_CAP_4_BIT_DATA);
	unsigned int n = 64;
	uint8_t *buf = malloc(n * 512);

	fh->mmc->max_dma_addr = DMA32_END;
	CHECK(fake_add(fh) == 0, "card on a host reaching only ZONE_DMA32 (below %#llx)",
	      (unsigned long long)DMA32_END);
	for (unsigned int i = 0; i < n * 512; i++)
		buf[i] = (uint8_t)(i * 3 + 1);
	fh->saw_addr = false;
	CHECK(blk_io(fake_bdev(fh, ""), REQ_OP_WRITE, 200, n, buf, GFP_HIGHUSER) == 0 &&
	      !memcmp(fh->image + 200 * 512, buf, n * 512), "a write from highmem pages lands right");
	CHECK(read_matches(fh, 200, n, GFP_HIGHUSER) && read_matches(fh, 0, 8, GFP_KERNEL),
	      "reads into highmem and normal pages are right");
	CHECK(fh->saw_addr && fh->max_addr <= DMA32_END, "the host saw only addresses up to %#llx",
	      fh->max_addr);
	check_clean(fh, "bounce");
	free(buf);
}

static void test_index(void)
{
	static int node_a;		/* stands in for a DT node */
	struct mmc_host *a, *b;

	mmc_env_set_alias((const struct device_node *)&node_a, 28, 28);
	struct device dev = { .of_node = (struct device_node *)&node_a };

	a = mmc_alloc_host(0, &dev);
	b = mmc_alloc_host(0, NULL);
	CHECK(a && a->index == 28 && !strcmp(a->name, "mmc28"), "a node with alias mmc28 gets index 28");
	CHECK(b && b->index == 29, "a host without one gets the lowest index above every alias (%d)", b ? b->index : -1);
	mmc_free_host(a);
	mmc_free_host(b);
	a = mmc_alloc_host(0, &dev);
	CHECK(a && a->index == 28, "freed indices are reused");
	mmc_free_host(a);
	mmc_env_set_alias(NULL, -ENODEV, -ENODEV);
}

int main(void)
{
	mmc_env_init();
	mmc_env_irq_hook = fake_irq;
	test_boot_scan();
	test_sdsc_v1();
	test_sdsc_v2();
	test_sdhc();
	test_caps();
	test_mmc_refused();
	test_block_rw();
	test_cmd23();
	test_acmd41_faults();
	test_data_crc();
	test_removal();
	test_bounce();
	test_index();
	return test_exit();
}
