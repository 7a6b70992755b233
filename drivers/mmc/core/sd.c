/*
 * SD card bring-up (Linux's drivers/mmc/core/sd.c, same names): the
 * identification of SD Physical Layer Simplified Specification 4.2 (CMD0,
 * CMD8, ACMD41, CMD2, CMD3), the CID/CSD/SCR decoding of chapter 5, then
 * CMD7, CMD16 for SDSC, CMD6 high speed and ACMD6 4-bit as card and host
 * allow. MMC/eMMC cards are recognised by CMD1 and refused. Leaves out
 * UHS-I (1.8 V, SDR50/104), SDUC (CSD v3), SD status, power management.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/printk.h>
#include <linux/mmc/mmc.h>
#include <linux/mmc/sd.h>
#include "core.h"

u32 mmc_unstuff_bits(const u32 *resp, unsigned int start, unsigned int size)
{
	u32 v = 0;

	for (unsigned int b = start + size; b-- > start;)
		v = (v << 1) | ((resp[3 - b / 32] >> (b % 32)) & 1);
	return v;
}

#define UNSTUFF(resp, start, size) mmc_unstuff_bits(resp, start, size)

/* CID (SD spec 5.2): manufacturer, OEM, name, revision, serial, date. */
void mmc_decode_cid(struct mmc_card *card)
{
	const u32 *r = card->raw_cid;

	card->cid.manfid = UNSTUFF(r, 120, 8);
	card->cid.oemid = UNSTUFF(r, 104, 16);
	for (int i = 0; i < 5; i++)
		card->cid.prod_name[i] = UNSTUFF(r, 96 - 8 * i, 8);
	card->cid.prod_name[5] = 0;
	card->cid.hwrev = UNSTUFF(r, 60, 4);
	card->cid.fwrev = UNSTUFF(r, 56, 4);
	card->cid.serial = UNSTUFF(r, 24, 32);
	card->cid.year = UNSTUFF(r, 12, 8) + 2000;
	card->cid.month = UNSTUFF(r, 8, 4);
}

/* TRAN_SPEED (SD spec 5.3.2): rate unit times a multiplier (x10). */
static unsigned int mmc_decode_tran_speed(unsigned int v)
{
	static const unsigned int unit[4] = { 10000, 100000, 1000000, 10000000 };
	static const unsigned char mult[16] = {
		0, 10, 12, 13, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 70, 80,
	};

	return (v & 7) < 4 ? unit[v & 7] * mult[(v >> 3) & 15] : 0;
}

/*
 * CSD (SD spec 5.3): version 1.0 (SDSC) gives the capacity as
 * (C_SIZE + 1) * 2^(C_SIZE_MULT + 2) blocks of 2^READ_BL_LEN bytes;
 * version 2.0 (SDHC/SDXC) as (C_SIZE + 1) * 512 KiB and means block
 * addressing. 0, or -EINVAL for another version.
 */
int mmc_decode_csd(struct mmc_card *card)
{
	const u32 *r = card->raw_csd;
	struct mmc_csd *csd = &card->csd;

	csd->structure = UNSTUFF(r, 126, 2);
	csd->max_dtr = mmc_decode_tran_speed(UNSTUFF(r, 96, 8));
	csd->cmdclass = UNSTUFF(r, 84, 12);
	csd->read_blkbits = UNSTUFF(r, 80, 4);
	csd->read_partial = UNSTUFF(r, 79, 1);
	csd->write_blkbits = UNSTUFF(r, 22, 4);
	if (csd->structure == 0) {
		u64 c_size = UNSTUFF(r, 62, 12), mult = UNSTUFF(r, 47, 3);

		if (csd->read_blkbits < 9 || csd->read_blkbits > 11)
			return -EINVAL;
		csd->capacity = ((c_size + 1) << (mult + 2)) << (csd->read_blkbits - 9);
	} else if (csd->structure == 1) {
		csd->capacity = ((u64)UNSTUFF(r, 48, 22) + 1) << 10;
		card->state |= MMC_STATE_BLOCKADDR;
		if (UNSTUFF(r, 48, 22) >= 0xffff)
			card->state |= MMC_STATE_SDXC;
		csd->read_blkbits = 9;
		csd->write_blkbits = 9;
	} else {
		pr_err("%s: unrecognised CSD structure version %u\n",
		       mmc_hostname(card->host), csd->structure);
		return -EINVAL;
	}
	return 0;
}

/* SCR (SD spec 5.6): structure 0 only. 0 or -EINVAL. */
int mmc_decode_scr(struct mmc_card *card)
{
	u32 r[4] = { card->raw_scr[0], card->raw_scr[1], 0, 0 };	/* bits 127..64 */
	struct sd_scr *scr = &card->scr;

	if (UNSTUFF(r, 124, 4) != 0) {
		pr_err("%s: unrecognised SCR structure version %u\n",
		       mmc_hostname(card->host), UNSTUFF(r, 124, 4));
		return -EINVAL;
	}
	scr->sda_vsn = UNSTUFF(r, 120, 4);
	scr->bus_widths = UNSTUFF(r, 112, 4);
	scr->sda_spec3 = scr->sda_vsn == SCR_SPEC_VER_2 ? UNSTUFF(r, 111, 1) : 0;
	scr->cmds = UNSTUFF(r, 96, 4);
	return 0;
}

/*
 * CMD6 check mode (Linux's mmc_read_switch): does group 1 offer high
 * speed? Only cards of spec 1.10 or later with command class 10 have
 * CMD6. 0 (sw_caps set), or the transfer's error.
 */
static int mmc_read_switch(struct mmc_card *card, u8 *status)
{
	int err;

	if (card->scr.sda_vsn < SCR_SPEC_VER_1 || !(card->csd.cmdclass & CCC_SWITCH))
		return 0;
	err = mmc_sd_switch(card, SD_SWITCH_CHECK, 0, SD_SWITCH_ACCESS_HS, status);
	if (err) {
		pr_warn("%s: problem reading switch capabilities (%d), staying at default speed\n",
			mmc_hostname(card->host), err);
		return err == -ENOMEDIUM ? err : 0;
	}
	if (status[13] & 0x02)			/* group 1 support bits 415:400, function 1 */
		card->sw_caps.hs_max_dtr = HIGH_SPEED_MAX_DTR;
	return 0;
}

/*
 * Switches the card to high speed (SD spec 4.3.10.4) when card and host
 * allow: 1 switched, 0 not (not offered, or the card refused), -Exxx.
 */
int mmc_sd_switch_hs(struct mmc_card *card, u8 *status)
{
	int err;

	if (!(card->host->caps & MMC_CAP_SD_HIGHSPEED) || !card->sw_caps.hs_max_dtr)
		return 0;
	err = mmc_sd_switch(card, SD_SWITCH_SET, 0, SD_SWITCH_ACCESS_HS, status);
	if (err)
		return err;
	if ((status[16] & 0xf) != SD_SWITCH_ACCESS_HS) {
		pr_warn("%s: card refused the switch to high speed\n", mmc_hostname(card->host));
		return 0;
	}
	return 1;
}

/* The card's highest clock now: 50 MHz in high speed, else TRAN_SPEED (25 MHz). */
static unsigned int mmc_sd_get_max_clock(const struct mmc_card *card)
{
	if (mmc_card_hs(card))
		return card->sw_caps.hs_max_dtr;
	return card->csd.max_dtr && card->csd.max_dtr < DEFAULT_SPEED_MAX_DTR ?
	       card->csd.max_dtr : DEFAULT_SPEED_MAX_DTR;
}

/*
 * Identification up to CMD2 (Linux's mmc_sd_get_cid): CMD0, CMD8 (a v2
 * card then may be high capacity: HCS in ACMD41), the ACMD41 loop, CMD2.
 */
static int mmc_sd_get_cid(struct mmc_host *host, u32 ocr, u32 *cid, u32 *rocr)
{
	int err;

	mmc_go_idle(host);
	err = mmc_send_if_cond(host, ocr);
	if (!err)
		ocr |= SD_OCR_CCS;
	else if (err != -ETIMEDOUT)
		return err;
	err = mmc_send_app_op_cond(host, ocr, rocr);
	if (err) {
		pr_err("%s: card did not finish power-up (ACMD41): %d\n", mmc_hostname(host), err);
		return err;
	}
	return mmc_all_send_cid(host, cid);
}

/* CMD3, CMD9 and the decoding, CMD7: the card in tran. 0 or -Exxx. */
static int mmc_sd_setup_card(struct mmc_card *card)
{
	int err = mmc_send_relative_addr(card->host, &card->rca);

	if (!err)
		err = mmc_send_csd(card, card->raw_csd);
	if (!err)
		err = mmc_decode_csd(card);
	if (err)
		return err;
	mmc_decode_cid(card);
	err = mmc_select_card(card);
	if (!err)
		err = mmc_app_send_scr(card);
	if (!err)
		err = mmc_decode_scr(card);
	if (!err && !mmc_card_blockaddr(card))
		err = mmc_set_blocklen(card, 512);	/* SDSC: 512-byte blocks */
	return err;
}

/* High speed and clock, then the bus width (Linux's order). 0 or -Exxx. */
static int mmc_sd_set_bus(struct mmc_card *card)
{
	struct mmc_host *host = card->host;
	u8 *status = kmalloc(64, GFP_KERNEL);
	int err;

	if (!status)
		return -ENOMEM;
	err = mmc_read_switch(card, status);
	if (!err)
		err = mmc_sd_switch_hs(card, status);
	kfree(status);
	if (err < 0)
		return err;
	if (err > 0) {
		card->state |= MMC_STATE_HIGHSPEED;
		mmc_set_timing(host, MMC_TIMING_SD_HS);
	}
	mmc_set_clock(host, mmc_sd_get_max_clock(card));
	if ((host->caps & MMC_CAP_4_BIT_DATA) && (card->scr.bus_widths & SD_SCR_BUS_WIDTH_4)) {
		err = mmc_app_set_bus_width(card, MMC_BUS_WIDTH_4);
		if (err)
			return err;
		mmc_set_bus_width(host, MMC_BUS_WIDTH_4);
	}
	return 0;
}

/*
 * Brings the SD card on @host from idle to tran at its best speed and
 * width (SD spec 4.2 and 4.3) and makes host->card. 0 or -Exxx (no card
 * is left attached on error).
 */
static int mmc_sd_init_card(struct mmc_host *host, u32 ocr)
{
	struct mmc_card *card = kzalloc(sizeof(*card), GFP_KERNEL);
	int err;

	if (!card)
		return -ENOMEM;
	card->host = host;
	card->type = MMC_TYPE_SD;
	err = mmc_sd_get_cid(host, ocr, card->raw_cid, &ocr);
	if (!err)
		err = mmc_sd_setup_card(card);
	if (!err)
		err = mmc_sd_set_bus(card);
	if (err) {
		kfree(card);
		return err;
	}
	snprintf(card->name, sizeof(card->name), "%.8s:%04x", mmc_hostname(host), card->rca & 0xffff);
	host->card = card;
	return 0;
}

/* "mmc0: new high speed SDHC card at address 0001", as Linux's mmc_add_card says it. */
static void mmc_announce_card(const struct mmc_card *card)
{
	const char *type = !mmc_card_blockaddr(card) ? "SD" :
			   (card->state & MMC_STATE_SDXC) ? "SDXC" : "SDHC";

	pr_info("%s: new %s%s card at address %04x\n", mmc_hostname(card->host),
		mmc_card_hs(card) ? "high speed " : "", type, card->rca);
}

/*
 * No answer to CMD8 and ACMD41: an MMC or eMMC card answers CMD1 instead.
 * rivet drives SD cards only, so it is refused by name. -EOPNOTSUPP for
 * an MMC card, -ETIMEDOUT if nothing answers.
 */
static int mmc_refuse_mmc(struct mmc_host *host)
{
	u32 ocr;

	mmc_go_idle(host);
	if (mmc_send_op_cond(host, 0, &ocr))
		return -ETIMEDOUT;
	pr_warn("%s: MMC/eMMC card found: not supported, SD cards only\n", mmc_hostname(host));
	return -EOPNOTSUPP;
}

/*
 * Linux's mmc_attach_sd with the probe of mmc_rescan_try_freq: CMD0,
 * CMD8, an ACMD41 inquiry for the OCR, then the bring-up and the block
 * device. Host claimed and powered. 0 or -Exxx.
 */
int mmc_attach_sd(struct mmc_host *host)
{
	u32 ocr;
	int err;

	bool v2;

	mmc_go_idle(host);
	err = mmc_send_if_cond(host, host->ocr_avail);
	if (err && err != -ETIMEDOUT)
		return err;
	v2 = !err;
	err = mmc_send_app_op_cond(host, 0, &ocr);
	if (err == -ETIMEDOUT && !v2)
		return mmc_refuse_mmc(host);	/* not SD v2: maybe MMC */
	if (err) {
		pr_err("%s: SD card does not answer ACMD41: %d\n", mmc_hostname(host), err);
		return err;
	}
	ocr = mmc_select_voltage(host, ocr & 0xff8000);
	if (!ocr) {
		pr_err("%s: card and host have no voltage in common\n", mmc_hostname(host));
		return -EINVAL;
	}
	err = mmc_sd_init_card(host, ocr);
	if (err)
		return err;
	mmc_announce_card(host->card);
	return 0;
}
