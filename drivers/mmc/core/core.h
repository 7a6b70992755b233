/*
 * What the files of the MMC core share (Linux's drivers/mmc/core/core.h,
 * sd.h, sd_ops.h and mmc_ops.h in one): bus settings, the command helpers
 * of the SD bring-up, the card's registration and the block driver's entry.
 */
#ifndef _MMC_CORE_CORE_H
#define _MMC_CORE_CORE_H

#include <linux/mmc/core.h>
#include <linux/mmc/host.h>
#include <linux/mmc/card.h>

#define MMC_CMD_RETRIES		3	/* re-sends of a command that failed (Linux's) */
#define MMC_INIT_FREQ		400000u	/* identification clock, Hz */

/* ---- core.c: bus settings, claim, requests ---- */
void mmc_set_clock(struct mmc_host *host, unsigned int hz);
void mmc_set_bus_width(struct mmc_host *host, unsigned int width);
void mmc_set_timing(struct mmc_host *host, unsigned int timing);
/* Powers the card at the highest voltage of @ocr and starts the identification clock. */
void mmc_power_up(struct mmc_host *host, u32 ocr);
void mmc_power_off(struct mmc_host *host);
/* The host's voltages that the card's @ocr also offers (0: none in common). */
u32 mmc_select_voltage(struct mmc_host *host, u32 ocr);
/* Sleeps @ms milliseconds. */
void mmc_delay(unsigned int ms);
/* Is the card there, as far as the host can tell (get_cd, host->removed)? */
bool mmc_card_present(struct mmc_host *host);
/* Sets data->timeout_ns for a read or write of @card. */
void mmc_set_data_timeout(struct mmc_data *data, const struct mmc_card *card);

/* ---- mmc_ops.c: commands common to SD and MMC ---- */
int mmc_go_idle(struct mmc_host *host);
int mmc_send_op_cond(struct mmc_host *host, u32 ocr, u32 *rocr);
int mmc_all_send_cid(struct mmc_host *host, u32 *cid);
int mmc_send_csd(struct mmc_card *card, u32 *csd);
int mmc_select_card(struct mmc_card *card);
int mmc_send_status(struct mmc_card *card, u32 *status);
int mmc_set_blocklen(struct mmc_card *card, unsigned int blocklen);
/* Polls CMD13 until the card is in tran and ready for data: 0, -ETIMEDOUT, -EIO. */
int mmc_poll_for_ready(struct mmc_card *card, unsigned int timeout_ms);
/* Sends CMD12 to end an open transfer after an error: 0 or the error. */
int mmc_send_stop(struct mmc_card *card, bool write);
/* A one-block register read (@opcode, @arg) of @len bytes into @buf: 0 or the error. */
int mmc_send_adtc_data(struct mmc_card *card, u32 opcode, u32 arg, void *buf, unsigned int len);

/* ---- sd_ops.c: SD-only commands ---- */
int mmc_app_cmd(struct mmc_host *host, struct mmc_card *card);
int mmc_wait_for_app_cmd(struct mmc_host *host, struct mmc_card *card,
			 struct mmc_command *cmd, int retries);
int mmc_send_if_cond(struct mmc_host *host, u32 ocr);
int mmc_send_app_op_cond(struct mmc_host *host, u32 ocr, u32 *rocr);
int mmc_send_relative_addr(struct mmc_host *host, unsigned int *rca);
int mmc_app_set_bus_width(struct mmc_card *card, int width);
int mmc_app_send_scr(struct mmc_card *card);
int mmc_sd_switch(struct mmc_card *card, int mode, int group, u8 value, u8 *resp);

/* ---- sd.c: decoding and bring-up ---- */
/* Bits @start.. (@size of them) of a 128-bit response, resp[0] = bits 127..96. */
u32 mmc_unstuff_bits(const u32 *resp, unsigned int start, unsigned int size);
void mmc_decode_cid(struct mmc_card *card);
int mmc_decode_csd(struct mmc_card *card);
int mmc_decode_scr(struct mmc_card *card);
int mmc_sd_switch_hs(struct mmc_card *card, u8 *status);
int mmc_attach_sd(struct mmc_host *host);

/* ---- block.c ---- */
int mmc_blk_probe(struct mmc_card *card);

#endif
