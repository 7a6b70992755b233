/* Rigs and requests for the DesignWare MSHC tests and benchmark (see mshc_rig.h). */
#include <stdio.h>
#include <string.h>
#include <linux/mmc/host.h>
#include <linux/mmc/core.h>
#include <linux/mmc/mmc.h>
#include <linux/mmc/sd.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/errno.h>
#include "../../drivers/mmc/host/dw_mmc.h"
#include "mshc_rig.h"
#include "page_alloc_arena.h"
#include "test.h"

/* libc's, by hand: <stdlib.h> clashes with the kernel's uapi/time.h. */
void *malloc(size_t size);
void free(void *p);


/* ---- rigs: a card, its image and the model in front of it ---------------------- */


/* Device addresses are arena physical addresses; anything else is a bus error. */
static void *dma_map(uint64_t addr, size_t len)
{
	if (addr < ARENA_PHYS || addr + len > ARENA_PHYS + ARENA_BYTES)
		return NULL;
	return __va(addr);
}

unsigned long rig_cclk = 50000000;	/* cclk_in of the next rig */

void rig_init(struct rig *r, uint32_t verid, uint32_t hcon, bool cd_wired)
{
	struct mshc_config cfg = {
		.verid = verid, .hcon = hcon, .fifo_depth = 32, .cd_wired = cd_wired,
		.cclk_in = rig_cclk, .dma_map = dma_map,
	};

	r->image = malloc(CARD_BYTES);
	r->orig = malloc(CARD_BYTES);
	for (u32 i = 0; i < CARD_BYTES / 4; i++)
		((u32 *)r->image)[i] = i * 2654435761u;
	memcpy(r->orig, r->image, CARD_BYTES);
	r->card = sdcm_new(SDCM_SDHC, r->image, CARD_BYTES);
	r->m = mshc_new(&cfg, r->card);
}

void rig_free(struct rig *r)
{
	mshc_free(r->m);
	sdcm_free(r->card);
	free(r->image);
	free(r->orig);
}

/* No HLE, no descriptor or protocol error on either side of the bus. */
bool rig_clean(const struct rig *r, const char *what)
{
	const struct mshc_stats *s = mshc_stats(r->m);
	bool ok = !s->hle && !s->desc_errors && !s->protocol_errors &&
		  !sdcm_protocol_errors(r->card);

	CHECK(ok, "%s: no HLE (%u), descriptor (%u) or model protocol errors (%u), card %u %s%s",
	      what, s->hle, s->desc_errors, s->protocol_errors, sdcm_protocol_errors(r->card),
	      mshc_last_error(r->m), sdcm_last_error(r->card));
	return ok;
}

/* ---- requests ---------------------------------------------------------------------- */


static void xfer_done(struct mmc_request *mrq)
{
	((struct xfer *)mrq->done_data)->done = true;
}

/* Sends x->mrq and runs the machine until the host completes it. */
bool rig_run(struct mmc_host *mmc, struct xfer *x)
{
	x->mrq.done = xfer_done;
	x->mrq.done_data = x;
	x->mrq.host = mmc;
	x->cmd.mrq = &x->mrq;
	x->done = false;
	mmc->ops->request(mmc, &x->mrq);
	return env_wait(&x->done);
}

/* One command without data: its error; resp (if set) gets the response. */
int rig_cmd(struct mmc_host *mmc, u32 opcode, u32 arg, unsigned int flags, u32 *resp)
{
	struct xfer x = { 0 };

	x.cmd.opcode = opcode;
	x.cmd.arg = arg;
	x.cmd.flags = flags;
	x.mrq.cmd = &x.cmd;
	if (!rig_run(mmc, &x)) {
		CHECK(0, "CMD%u never completed", opcode);
		return -EINTR;
	}
	if (resp)
		memcpy(resp, x.cmd.resp, sizeof(x.cmd.resp));
	return x.cmd.error;
}

void rig_ios(struct mmc_host *mmc, unsigned char power, unsigned int clock, unsigned char width)
{
	struct mmc_ios io = mmc->ios;

	io.power_mode = power;
	io.clock = clock;
	io.bus_width = width;
	io.vdd = 21;
	mmc->ops->set_ios(mmc, &io);
}

/*
 * Sets up a @blocks-block transfer at @lba over @buf (arena memory) cut
 * into @nsg pieces; multi-block with a stop (the host's auto-stop).
 */
void rig_rw_setup(struct xfer *x, bool write, u32 lba, unsigned int blocks, u8 *buf,
		     unsigned int nsg)
{
	unsigned int per = blocks / nsg * 512, off = 0;

	memset(x, 0, sizeof(*x));
	x->cmd.opcode = write ? (blocks > 1 ? MMC_WRITE_MULTIPLE_BLOCK : MMC_WRITE_BLOCK) :
				(blocks > 1 ? MMC_READ_MULTIPLE_BLOCK : MMC_READ_SINGLE_BLOCK);
	x->cmd.arg = lba;
	x->cmd.flags = MMC_RSP_R1 | MMC_CMD_ADTC;
	x->cmd.data = &x->data;
	x->data.blksz = 512;
	x->data.blocks = blocks;
	x->data.flags = write ? MMC_DATA_WRITE : MMC_DATA_READ;
	x->data.sg = x->sg;
	x->data.sg_len = nsg;
	for (unsigned int i = 0; i < nsg; i++) {
		unsigned int len = i == nsg - 1 ? blocks * 512 - off : per;
		u8 *p = buf + off;

		sg_set_page(&x->sg[i], virt_to_page(p), len, (unsigned long)p & (PAGE_SIZE - 1));
		off += len;
	}
	x->mrq.cmd = &x->cmd;
	x->mrq.data = &x->data;
	if (blocks > 1) {
		x->stop.opcode = MMC_STOP_TRANSMISSION;
		x->stop.flags = MMC_RSP_R1B | MMC_CMD_AC;
		x->mrq.stop = &x->stop;
		x->data.stop = &x->stop;
	}
}

/* A read or write of @blocks at @lba; the request's overall error (0 = all parts fine). */
int rig_rw(struct mmc_host *mmc, bool write, u32 lba, unsigned int blocks, u8 *buf,
	      unsigned int nsg, struct xfer *x)
{
	rig_rw_setup(x, write, lba, blocks, buf, nsg);
	if (!rig_run(mmc, x)) {
		CHECK(0, "CMD%u never completed", x->cmd.opcode);
		return -EINTR;
	}
	if (x->cmd.error)
		return x->cmd.error;
	if (x->data.error)
		return x->data.error;
	return x->mrq.stop ? x->stop.error : 0;
}

/* Arena memory of @bytes (physically contiguous, @gfp zone). */
u8 *rig_buffer(size_t bytes, gfp_t gfp)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < bytes)
		order++;
	return page_address(alloc_pages(gfp, order));
}

/* ---- bring-up: what the core's SD attach sends ------------------------------------ */

u32 rca;

/* Identifies the SDHC card, selects it and switches to 4-bit, 25 MHz. 0 or the failing step. */
int rig_bring_up(struct mmc_host *mmc, unsigned int clock)
{
	u32 resp[4];
	int i, err;

	rig_ios(mmc, MMC_POWER_UP, 400000, MMC_BUS_WIDTH_1);
	rig_ios(mmc, MMC_POWER_ON, 400000, MMC_BUS_WIDTH_1);
	if ((err = rig_cmd(mmc, MMC_GO_IDLE_STATE, 0, MMC_RSP_NONE | MMC_CMD_BC, NULL)))
		return 100 + err;
	if (rig_cmd(mmc, SD_SEND_IF_COND, SD_IF_COND_ARG, MMC_RSP_R7 | MMC_CMD_BCR, resp) ||
	    (resp[0] & 0xfff) != SD_IF_COND_ARG)
		return 8;
	for (i = 0; i < 100; i++) {
		if (rig_cmd(mmc, MMC_APP_CMD, 0, MMC_RSP_R1 | MMC_CMD_AC, NULL))
			return 55;
		if (rig_cmd(mmc, SD_APP_OP_COND, 0x40ff8000, MMC_RSP_R3 | MMC_CMD_BCR, resp))
			return 41;
		if (resp[0] & SD_OCR_BUSY)
			break;
	}
	if (!(resp[0] & SD_OCR_CCS))
		return 410;
	if (rig_cmd(mmc, MMC_ALL_SEND_CID, 0, MMC_RSP_R2 | MMC_CMD_BCR, resp))
		return 2;
	if (rig_cmd(mmc, SD_SEND_RELATIVE_ADDR, 0, MMC_RSP_R6 | MMC_CMD_BCR, resp))
		return 3;
	rca = resp[0] >> 16;
	if (rig_cmd(mmc, MMC_SEND_CSD, rca << 16, MMC_RSP_R2 | MMC_CMD_AC, resp))
		return 9;
	if (rig_cmd(mmc, MMC_SELECT_CARD, rca << 16, MMC_RSP_R1B | MMC_CMD_AC, NULL))
		return 7;
	if (rig_cmd(mmc, MMC_APP_CMD, rca << 16, MMC_RSP_R1 | MMC_CMD_AC, NULL) ||
	    rig_cmd(mmc, SD_APP_SET_BUS_WIDTH, SD_BUS_WIDTH_4, MMC_RSP_R1 | MMC_CMD_AC, NULL))
		return 6;
	rig_ios(mmc, MMC_POWER_ON, clock, MMC_BUS_WIDTH_4);
	return 0;
}

/* ---- synthetic trees: variants of the IP ------------------------------------------- */

/* A root with a PLIC and one snps,dw-mshc at 0x16020000 (irq 75), CDETECT-wired. */
struct blob variant_tree(u32 clock, bool noncoherent)
{
	static struct builder b;

	b_reset(&b);
	b_begin(&b, "");
	B_CELLS(&b, "#address-cells", 2);
	B_CELLS(&b, "#size-cells", 2);
	b_begin(&b, "soc");
	b_str(&b, "compatible", "simple-bus");
	B_CELLS(&b, "#address-cells", 2);
	B_CELLS(&b, "#size-cells", 2);
	b_prop(&b, "ranges", NULL, 0);
	if (noncoherent)
		b_prop(&b, "dma-noncoherent", NULL, 0);
	b_begin(&b, "interrupt-controller@c000000");
	b_str(&b, "compatible", "sifive,plic-1.0.0");
	B_CELLS(&b, "reg", 0, 0xc000000, 0, 0x4000000);
	B_CELLS(&b, "#interrupt-cells", 1);
	b_prop(&b, "interrupt-controller", NULL, 0);
	B_CELLS(&b, "phandle", 1);
	b_end(&b);
	b_begin(&b, "mmc@16020000");
	b_str(&b, "compatible", "snps,dw-mshc");
	B_CELLS(&b, "reg", 0, 0x16020000, 0, 0x10000);
	B_CELLS(&b, "interrupts", 75);
	B_CELLS(&b, "interrupt-parent", 1);
	B_CELLS(&b, "bus-width", 4);
	if (clock)
		b_cells(&b, "clock-frequency", 1, &clock);
	b_end(&b);
	b_end(&b);
	b_end(&b);
	return b_finish(&b);
}

/* Binds a variant over a fresh rig; the host or NULL. */
struct dw_mci *variant(struct rig *r, struct blob *t, uint32_t verid, uint32_t hcon,
			      u32 clock)
{
	*t = variant_tree(clock, false);
	rig_cclk = clock ? clock : 50000000;
	rig_init(r, verid, hcon, true);
	env_attach(0x16020000, 75, r->m);
	env_bind(t);
	return env_dw_host("/soc/mmc@16020000");
}

void variant_done(struct rig *r, struct blob *t)
{
	env_unbind();
	env_detach_all();
	rig_free(r);
	free(t->data);
}

