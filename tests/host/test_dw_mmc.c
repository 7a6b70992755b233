/*
 * Host tests of the DesignWare MSHC driver (drivers/mmc/host/dw_mmc.c),
 * run for real against the register-level model (mshc_model.c) with a
 * software SD card behind it: the driver's DT parsing of the VisionFive
 * 2 and 1 nodes, its probe on those DTBs, card bring-up to a 4-bit bus,
 * multi-block reads and writes through the IDMAC (32- and 64-bit
 * descriptors) and by PIO (both FIFO offsets), and the error paths: data
 * and response CRC, response timeout, a card pulled mid-transfer, a hung
 * controller (the software timeout), card-detect. Requests go straight
 * to the host ops (mmc_request structs), as the MMC core would send them.
 * Usage: test_dw_mmc [DTB_DIR]  (or RIVET_DTB_DIR; default .cache/dtbs).
 */
#include <stdio.h>
#include <string.h>
#include <linux/mmc/host.h>
#include <linux/mmc/core.h>
#include <linux/mmc/mmc.h>
#include <linux/mmc/sd.h>
#include <linux/of.h>
#include <linux/of_fdt.h>
#include <linux/of_irq.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/errno.h>
#include "../../drivers/mmc/host/dw_mmc.h"
#include "mshc_env.h"
#include "mshc_rig.h"
#include "mshc_model.h"
#include "sd_card_model.h"
#include "page_alloc_arena.h"
#include "slab_test_env.h"
#include "dtb_util.h"
#include "test.h"

/* libc's, by hand: <stdlib.h> clashes with the kernel's uapi/time.h. */
void free(void *p);

/* ---- DT parsing on the real DTBs --------------------------------------------------- */

static void test_parse(const struct blob *vf2, const struct blob *vf1)
{
	struct dw_mci_dt dt;
	struct device_node *np;
	struct of_phandle_args irq;

	unflatten_device_tree(vf2->data);
	np = of_find_node_by_path("/soc/mmc@16020000");
	CHECK(np && !dw_mci_parse_dt(np, &dt) && dt.bus_width == 4 && dt.fifo_depth == 32 &&
	      dt.data_addr == 0 && dt.cd == DW_MCI_CD_GPIO && !dt.dma_noncoherent && dt.jh7110 &&
	      dt.disable_wp && dt.cap_sd_highspeed && dt.post_power_on_delay_ms == 200 &&
	      dt.max_frequency == 100000000 && dt.clock_frequency == 0,
	      "vf2 mmc1: 4-bit, fifo 32, data-addr 0, cd-gpios, coherent, jh7110, no clock-frequency");
	CHECK(np && !of_irq_parse_one(np, 0, &irq) && irq.args[0] == 75, "vf2 mmc1: irq 75");
	np = of_find_node_by_path("/soc/mmc@16010000");
	CHECK(np && !dw_mci_parse_dt(np, &dt) && dt.bus_width == 8 &&
	      dt.cd == DW_MCI_CD_NONREMOVABLE, "vf2 mmc0 (eMMC): 8-bit, non-removable");
	env_unbind();

	unflatten_device_tree(vf1->data);
	np = of_find_node_by_path("/soc/mmc@10000000");
	CHECK(np && !dw_mci_parse_dt(np, &dt) && dt.bus_width == 4 && dt.fifo_depth == 32 &&
	      dt.data_addr == 0 && dt.cd == DW_MCI_CD_BROKEN && dt.dma_noncoherent && !dt.jh7110,
	      "vf1 sdio0: 4-bit, fifo 32, broken-cd, dma-noncoherent (from /soc)");
	CHECK(np && !of_irq_parse_one(np, 0, &irq) && irq.args[0] == 4, "vf1 sdio0: irq 4");
	env_unbind();
}

/* ---- VisionFive 2: probe, bring-up, IDMAC ------------------------------------------ */

static struct rig r0, r1;

/* Reads and writes through @mmc on rig @r, checked against the image. */
static void data_tests(const char *what, struct mmc_host *mmc, struct rig *r)
{
	u8 *buf = rig_buffer(256 * 512, GFP_KERNEL);
	struct xfer x;
	int err;

	err = rig_rw(mmc, false, 1000, 256, buf, 3, &x);
	CHECK(!err && x.data.bytes_xfered == 256 * 512 && !memcmp(buf, r->image + 1000 * 512, 256 * 512),
	      "%s: CMD18 of 256 blocks over 3 pieces, auto-stop: data = image (err %d)", what, err);
	CHECK(sdcm_count(r->card, 12) >= 1 && sdcm_state(r->card) == R1_STATE_TRAN,
	      "%s: the auto-stop ended the read (card in tran)", what);
	err = rig_rw(mmc, false, 77, 1, buf, 1, &x);
	CHECK(!err && !memcmp(buf, r->image + 77 * 512, 512), "%s: CMD17 of one block", what);

	for (unsigned int i = 0; i < 64 * 512; i++)
		buf[i] = i * 7 + 3;
	err = rig_rw(mmc, true, 4000, 64, buf, 4, &x);
	CHECK(!err && x.data.bytes_xfered == 64 * 512 && !memcmp(r->image + 4000 * 512, buf, 64 * 512) &&
	      !memcmp(r->image + 3999 * 512, r->orig + 3999 * 512, 512) &&
	      !memcmp(r->image + 4064 * 512, r->orig + 4064 * 512, 512),
	      "%s: CMD25 of 64 blocks lands exactly in the image (err %d)", what, err);
	for (int i = 0; i < 10000 && sdcm_busy(r->card); i++)
		;
	err = rig_rw(mmc, true, 5000, 1, buf + 512, 1, &x);
	CHECK(!err && !memcmp(r->image + 5000 * 512, buf + 512, 512), "%s: CMD24 of one block", what);
	rig_clean(r, what);
}

/* The error paths, on a brought-up host: each fails cleanly and the next request works. */
static void error_tests(const char *what, struct mmc_host *mmc, struct rig *r)
{
	struct dw_mci *h = mmc_priv(mmc);
	u8 *buf = rig_buffer(16 * 512, GFP_KERNEL);
	struct sdcm_fault f = { 0 };
	struct xfer x;
	u32 resp[4];
	int err;

	f.kind = SDCM_FAULT_DATA_CRC;
	f.block = 3;
	sdcm_set_fault(r->card, &f);
	err = rig_rw(mmc, false, 200, 8, buf, 1, &x);
	CHECK(x.data.error == -EILSEQ && x.data.bytes_xfered == 0 && !x.cmd.error,
	      "%s: data CRC on block 3 of a read: -EILSEQ, nothing reported transferred (%d)", what, err);
	f.kind = SDCM_FAULT_NONE;
	sdcm_set_fault(r->card, &f);
	err = rig_rw(mmc, false, 200, 8, buf, 1, &x);
	CHECK(!err && !memcmp(buf, r->image + 200 * 512, 8 * 512), "%s: the read after it works", what);
	rig_clean(r, "after the data CRC error (the stop by hand was legal)");

	f.kind = SDCM_FAULT_DATA_CRC;
	f.block = 2;
	sdcm_set_fault(r->card, &f);
	memset(buf, 0x5a, 8 * 512);
	err = rig_rw(mmc, true, 6000, 8, buf, 1, &x);
	CHECK(x.data.error == -EILSEQ && x.data.bytes_xfered == 0,
	      "%s: CRC status error on a written block: -EILSEQ, no success (%d)", what, err);
	f.kind = SDCM_FAULT_NONE;
	sdcm_set_fault(r->card, &f);
	for (int i = 0; i < 10000 && sdcm_busy(r->card); i++)
		;
	err = rig_cmd(mmc, MMC_SEND_STATUS, rca << 16, MMC_RSP_R1 | MMC_CMD_AC, resp);
	CHECK(!err && R1_CURRENT_STATE(resp[0]) == R1_STATE_TRAN, "%s: card back in tran (%d, 0x%x)",
	      what, err, resp[0]);

	f.kind = SDCM_FAULT_CMD_CRC;
	f.opcode = MMC_SEND_STATUS;
	f.count = 1;
	sdcm_set_fault(r->card, &f);
	err = rig_cmd(mmc, MMC_SEND_STATUS, rca << 16, MMC_RSP_R1 | MMC_CMD_AC, resp);
	CHECK(err == -EILSEQ, "%s: response CRC error: -EILSEQ (%d)", what, err);
	f.kind = SDCM_FAULT_CMD_TIMEOUT;
	sdcm_set_fault(r->card, &f);
	err = rig_cmd(mmc, MMC_SEND_STATUS, rca << 16, MMC_RSP_R1 | MMC_CMD_AC, resp);
	CHECK(err == -ETIMEDOUT, "%s: no response: -ETIMEDOUT (%d)", what, err);
	err = rig_cmd(mmc, MMC_SEND_STATUS, rca << 16, MMC_RSP_R1 | MMC_CMD_AC, resp);
	CHECK(!err && R1_CURRENT_STATE(resp[0]) == R1_STATE_TRAN, "%s: the next CMD13 works", what);
	rig_clean(r, "after the command errors");

	/* A hung controller: only the software timer ends the request. */
	mshc_set_hang(r->m, true);
	err = rig_rw(mmc, false, 300, 4, buf, 1, &x);
	CHECK(err == -ETIMEDOUT && x.data.bytes_xfered == 0 && h->nr_timeouts == 1 &&
	      !env_pending_timers(), "%s: hung controller: -ETIMEDOUT by the software timer (%d)",
	      what, err);
	mshc_set_hang(r->m, false);
	/* Whatever the hang left half-sent, a CMD12 closes (or is refused), then all is normal. */
	rig_cmd(mmc, MMC_STOP_TRANSMISSION, 0, MMC_RSP_R1B | MMC_CMD_AC, NULL);
	err = rig_cmd(mmc, MMC_SEND_STATUS, rca << 16, MMC_RSP_R1 | MMC_CMD_AC, resp);
	err = rig_rw(mmc, false, 300, 4, buf, 1, &x);
	CHECK(!err && !memcmp(buf, r->image + 300 * 512, 4 * 512), "%s: works again after the hang", what);

	/* The card pulled after 5 blocks of a 16-block read, then of a write. */
	f.kind = SDCM_FAULT_REMOVE;
	f.block = 5;
	sdcm_set_fault(r->card, &f);
	err = rig_rw(mmc, false, 400, 16, buf, 2, &x);
	CHECK(err && x.data.error && x.data.bytes_xfered == 0 && !env_pending_timers(),
	      "%s: card pulled mid-read: the request ends with an error (%d), no timer left", what, err);
	err = rig_rw(mmc, true, 400, 16, buf, 2, &x);
	CHECK(err && x.data.bytes_xfered == 0 && !env_pending_timers(),
	      "%s: write to a pulled card: an error (%d), no success", what, err);
	err = rig_cmd(mmc, MMC_SEND_STATUS, rca << 16, MMC_RSP_R1 | MMC_CMD_AC, resp);
	CHECK(err == -ETIMEDOUT, "%s: a pulled card does not answer CMD13 (%d)", what, err);
}

static void test_vf2(const struct blob *vf2)
{
	struct dw_mci *h;
	int n;

	rig_init(&r0, 0x290a, MSHC_HCON_IDMAC32, false);
	rig_init(&r1, 0x290a, MSHC_HCON_IDMAC32, false);
	env_attach(0x16010000, 74, r0.m);
	env_attach(0x16020000, 75, r1.m);
	n = env_bind(vf2);
	CHECK(n >= 3, "vf2: PLIC and both MSHCs bound (%d)", n);
	CHECK(strstr(env_report(), "dw_mmc 16020000.mmc: mmc1: VERID 0x290a, FIFO at 0x200 "
		     "(32-bit, 32 deep), IDMAC 32-bit, bus-width 4, cclk_in 50000000 Hz (assumed), irq 75\n"),
	      "vf2: mmc1's probe line:\n%s", env_report());
	CHECK(strstr(env_report(), "dw_mmc 16010000.mmc: mmc0: ") && strstr(env_report(), "bus-width 8"),
	      "vf2: mmc0 (eMMC) bound, 8-bit");
	h = env_dw_host("/soc/mmc@16020000");
	if (!h)
		goto out;
	CHECK(h->mmc->caps & MMC_CAP_4_BIT_DATA && h->mmc->caps & MMC_CAP_NEEDS_POLL &&
	      h->mmc->caps & MMC_CAP_AUTO_STOP && h->mmc->caps & MMC_CAP_SD_HIGHSPEED &&
	      h->mmc->max_dma_addr == 0xffffffff && h->mmc->f_max == 50000000,
	      "vf2: caps 4-bit, polled (cd-gpios), auto-stop, high speed; max_dma_addr 4 GiB, f_max 50 MHz");
	CHECK(page_zonenum(h->desc_page) == ZONE_DMA32 && h->desc_count == PAGE_SIZE / 16,
	      "vf2: %u 32-bit descriptors in ZONE_DMA32", h->desc_count);
	CHECK(h->mmc->ops->get_cd(h->mmc) == 1 && h->mmc->ops->get_ro(h->mmc) == 0,
	      "vf2: cd-gpios slot reads present (CDETECT ignored), disable-wp: writable");
	n = rig_bring_up(h->mmc, 25000000);
	CHECK(!n, "vf2: card bring-up (failed step %d)", n);
	CHECK(sdcm_bus_width(r1.card) == 4 && mshc_bus_width(r1.m) == 4,
	      "vf2: 4-bit: card (ACMD6) and CTYPE agree");
	CHECK(mshc_card_hz(r1.m) == 25000000 && h->card_hz == 25000000,
	      "vf2: card clock 25 MHz loaded by update-clock (%lu)", mshc_card_hz(r1.m));
	rig_clean(&r1, "vf2 bring-up (identification below 400 kHz, INIT on CMD0)");
	data_tests("vf2 IDMAC", h->mmc, &r1);
	CHECK(mshc_stats(r1.m)->dma_bytes >= 256 * 512 && !mshc_stats(r1.m)->fifo_accesses &&
	      !h->nr_pio_fallbacks, "vf2: data moved by the IDMAC, the CPU never touched the FIFO");
	error_tests("vf2 IDMAC", h->mmc, &r1);
	CHECK(h->nr_resets >= 3, "vf2: FIFO/IDMAC reset after each data error (%lu)", h->nr_resets);
out:
	env_unbind();
	env_detach_all();
}

/* ---- VisionFive 1: PIO because of dma-noncoherent ----------------------------------- */

static struct rig v0, v1;

static void test_vf1(const struct blob *vf1)
{
	struct dw_mci *h;

	rig_init(&v0, 0x240a, MSHC_HCON_IDMAC32, false);
	rig_init(&v1, 0x240a, MSHC_HCON_IDMAC32, false);
	env_attach(0x10000000, 4, v0.m);
	env_attach(0x10010000, 5, v1.m);
	env_bind(vf1);
	CHECK(strstr(env_report(), "dw_mmc 10000000.mmc: mmc0: VERID 0x240a, FIFO at 0x200 "
		     "(32-bit, 32 deep), PIO (dma-noncoherent), bus-width 4, cclk_in 50000000 Hz (assumed), "
		     "irq 4\n"), "vf1: sdio0's probe line:\n%s", env_report());
	h = env_dw_host("/soc/mmc@10000000");
	if (!h)
		goto out;
	CHECK(!h->use_dma && h->mmc->max_dma_addr == 0 && h->mmc->caps & MMC_CAP_NEEDS_POLL &&
	      h->mmc->ops->get_cd(h->mmc) == 1, "vf1: PIO, no DMA limit, broken-cd: present and polled");
	CHECK(!rig_bring_up(h->mmc, 25000000), "vf1: card bring-up");
	data_tests("vf1 PIO", h->mmc, &v0);
	CHECK(mshc_stats(v0.m)->pio_bytes >= 256 * 512 && !mshc_stats(v0.m)->dma_bytes,
	      "vf1: data moved by PIO through the FIFO");
	error_tests("vf1 PIO", h->mmc, &v0);
out:
	env_unbind();
	env_detach_all();
}

/* Reads and a write by PIO at both FIFO offsets (the model puts the FIFO where VERID says). */
static void test_fifo_offsets(void)
{
	static const uint32_t verids[] = { 0x210a, 0x240a };

	dw_mci_force_pio = true;
	for (unsigned int i = 0; i < ARRAY_SIZE(verids); i++) {
		struct rig r;
		struct blob t;
		struct dw_mci *h = variant(&r, &t, verids[i], MSHC_HCON_IDMAC32, 50000000);
		char what[64];

		snprintf(what, sizeof(what), "VERID 0x%x PIO", verids[i]);
		CHECK(h && h->data_offset == (verids[i] < 0x240a ? 0x100u : 0x200u) &&
		      strstr(env_report(), "PIO (dw_mmc.pio)"),
		      "%s: FIFO at 0x%x, PIO by the parameter", what, h ? h->data_offset : 0);
		if (h && !rig_bring_up(h->mmc, 25000000)) {
			data_tests(what, h->mmc, &r);
			CHECK(mshc_stats(r.m)->fifo_accesses > 0, "%s: the FIFO was used", what);
		}
		variant_done(&r, &t);
	}
	dw_mci_force_pio = false;
}

/* 64-bit IDMAC descriptors, a 64-bit FIFO in PIO, no IDMAC at all, the clock from the tree. */
static void test_variants(void)
{
	struct rig r;
	struct blob t;
	struct dw_mci *h;

	h = variant(&r, &t, 0x270a, MSHC_HCON_IDMAC64, 100000000);
	CHECK(h && h->dma64 && h->mmc->max_dma_addr == 0 && h->desc_count == PAGE_SIZE / 32 &&
	      strstr(env_report(), "IDMAC 64-bit") && strstr(env_report(), "cclk_in 100000000 Hz, irq 75"),
	      "HCON bit 27: 64-bit descriptors, no DMA limit; clock-frequency 100 MHz");
	if (h && !rig_bring_up(h->mmc, 25000000)) {
		CHECK(mshc_card_hz(r.m) == 25000000, "100 MHz cclk_in: divider 2 gives 25 MHz");
		data_tests("IDMAC 64-bit", h->mmc, &r);
		CHECK(mshc_stats(r.m)->dma_bytes > 0, "IDMAC 64-bit: DMA used");
	}
	variant_done(&r, &t);

	dw_mci_force_pio = true;
	h = variant(&r, &t, 0x270a, MSHC_HCON_FIFO64, 0);
	CHECK(h && h->fifo_width == 8 && strstr(env_report(), "(64-bit, 32 deep)"),
	      "HCON data width 2: 64-bit FIFO accesses");
	if (h && !rig_bring_up(h->mmc, 25000000))
		data_tests("64-bit FIFO PIO", h->mmc, &r);
	variant_done(&r, &t);
	dw_mci_force_pio = false;

	h = variant(&r, &t, 0x270a, MSHC_HCON_NODMA, 0);
	CHECK(h && !h->use_dma && strstr(env_report(), "PIO (no IDMAC)"), "HCON DMA interface 3: PIO");
	variant_done(&r, &t);
}

/* CDETECT and its interrupt: a pulled card is seen, requests end -ENOMEDIUM. */
static void test_card_detect(void)
{
	extern unsigned int env_detect_changes;
	unsigned int before = env_detect_changes;
	struct rig r;
	struct blob t;
	struct dw_mci *h = variant(&r, &t, 0x270a, MSHC_HCON_IDMAC32, 0);
	u8 *buf = rig_buffer(4096, GFP_KERNEL);
	struct xfer x;
	int err;

	if (!h)
		goto out;
	CHECK(h->mmc->ops->get_cd(h->mmc) == 1 && !(h->mmc->caps & MMC_CAP_NEEDS_POLL),
	      "CDETECT: card present, no polling needed");
	CHECK(!rig_bring_up(h->mmc, 25000000), "CDETECT host: bring-up");
	mshc_remove_card(r.m);
	for (int i = 0; i < 10; i++)
		env_run_once();
	CHECK(env_detect_changes == before + 1 && h->mmc->ops->get_cd(h->mmc) == 0,
	      "card-detect interrupt -> mmc_detect_change; get_cd 0");
	err = rig_rw(h->mmc, false, 0, 4, buf, 1, &x);
	CHECK(err == -ENOMEDIUM && x.data.error == -ENOMEDIUM, "request on an empty slot: -ENOMEDIUM");
	rig_clean(&r, "card detect");
out:
	variant_done(&r, &t);
}

/* The model's own checks can fail: a locked CMD write, a wrong width. */
static void test_model_checks(void)
{
	struct rig r;
	struct blob t;
	struct dw_mci *h;
	u8 *buf = rig_buffer(4096, GFP_KERNEL);
	struct xfer x;

	rig_init(&r, 0x270a, MSHC_HCON_IDMAC32, true);
	mshc_write(r.m, SDMMC_CMD, SDMMC_CMD_START | 13, 4);
	mshc_write(r.m, SDMMC_CMD, SDMMC_CMD_START | 13, 4);
	CHECK(mshc_stats(r.m)->hle == 1 && (mshc_read(r.m, SDMMC_RINTSTS, 4) & SDMMC_INT_HLE),
	      "model: CMD written while started -> HLE counted and raised");
	rig_free(&r);

	h = variant(&r, &t, 0x270a, MSHC_HCON_IDMAC32, 0);
	if (h && !rig_bring_up(h->mmc, 25000000)) {
		unsigned int before = mshc_stats(r.m)->protocol_errors;

		rig_ios(h->mmc, MMC_POWER_ON, 25000000, MMC_BUS_WIDTH_1);	/* card stays 4-bit */
		rig_rw(h->mmc, false, 0, 4, buf, 1, &x);
		CHECK(mshc_stats(r.m)->protocol_errors > before && x.data.error,
		      "model: CTYPE 1-bit against a 4-bit card is caught (%s)", mshc_last_error(r.m));
	} else {
		CHECK(0, "model checks: bring-up");
	}
	variant_done(&r, &t);
}

int main(int argc, char **argv)
{
	struct blob vf2, vf1;

	dtb_dir_from_args(argc, argv);
	slab_env_init();
	kmem_cache_init();
	vf2 = need_dtb("visionfive2.dtb");
	vf1 = need_dtb("visionfive1.dtb");
	if (vf2.size && vf1.size) {
		test_parse(&vf2, &vf1);
		test_vf2(&vf2);
		test_vf1(&vf1);
	}
	test_fifo_offsets();
	test_variants();
	test_card_detect();
	test_model_checks();
	free(vf2.data);
	free(vf1.data);
	return test_exit();
}
