/*
 * SD-only commands (Linux's drivers/mmc/core/sd_ops.c): CMD55 and the
 * application commands ACMD41 (power-up loop), ACMD6 (bus width), ACMD51
 * (SCR), plus CMD8 (interface condition), CMD3 (RCA) and CMD6 (switch
 * function). SD Physical Layer Simplified Specification 4.2-4.3, 4.7.
 * Leaves out SD status, UHS voltage switching and SPI mode.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <linux/mmc/mmc.h>
#include <linux/mmc/sd.h>
#include "core.h"

#define SD_APP_OP_COND_MS	1000	/* power-up may take 1 s (SD spec 4.2.3) */
#define SD_APP_OP_COND_TRIES	100	/* ... polled every 10 ms */

/*
 * CMD55: the next command is an application command. Addressed to @card
 * once it has an RCA, broadcast before. -EOPNOTSUPP if the card did not
 * take it as such.
 */
int mmc_app_cmd(struct mmc_host *host, struct mmc_card *card)
{
	struct mmc_command cmd = {
		.opcode = MMC_APP_CMD, .arg = card ? card->rca << 16 : 0,
		.flags = MMC_RSP_R1 | (card ? MMC_CMD_AC : MMC_CMD_BCR),
	};
	int err = mmc_wait_for_cmd(host, &cmd, 0);

	if (!err && !(cmd.resp[0] & R1_APP_CMD))
		err = -EOPNOTSUPP;
	return err;
}

/* CMD55 then @cmd (without data), the pair re-sent up to @retries times: @cmd's error. */
int mmc_wait_for_app_cmd(struct mmc_host *host, struct mmc_card *card,
			 struct mmc_command *cmd, int retries)
{
	struct mmc_request mrq = { .cmd = cmd };
	int err;

	cmd->data = NULL;
	for (int i = 0; i <= retries; i++) {
		err = mmc_app_cmd(host, card);
		if (err) {
			cmd->error = err;
			if (err == -ENOMEDIUM)
				break;
			continue;
		}
		mmc_wait_for_req(host, &mrq);
		if (!cmd->error || cmd->error == -ENOMEDIUM)
			break;
	}
	return cmd->error;
}

/*
 * CMD8 (SD spec 4.3.13): offers 2.7-3.6 V with check pattern 0xaa. 0 for a
 * version 2.00 card; -ETIMEDOUT if unanswered (a version 1 card, or none);
 * -EIO if the echo is wrong (an unusable card).
 */
int mmc_send_if_cond(struct mmc_host *host, u32 ocr)
{
	struct mmc_command cmd = {
		.opcode = SD_SEND_IF_COND,
		.arg = ((ocr & 0xff8000) ? 0x100 : 0) | 0xaa,
		.flags = MMC_RSP_R7 | MMC_CMD_BCR,
	};
	int err = mmc_wait_for_cmd(host, &cmd, 0);

	if (err)
		return err;
	return (cmd.resp[0] & 0xfff) == cmd.arg ? 0 : -EIO;
}

/*
 * ACMD41 (SD spec 4.2.3.1): with @ocr 0 one inquiry for the card's OCR;
 * otherwise repeated every 10 ms until the card reports power-up done
 * (OCR bit 31), for at most 1 s and 100 tries. Each ACMD41 is re-sent
 * MMC_CMD_RETRIES times if it goes unanswered. 0 with the OCR in *@rocr;
 * -ETIMEDOUT (no answer, or still busy after 1 s).
 */
int mmc_send_app_op_cond(struct mmc_host *host, u32 ocr, u32 *rocr)
{
	struct mmc_command cmd = {
		.opcode = SD_APP_OP_COND, .arg = ocr, .flags = MMC_RSP_R3 | MMC_CMD_BCR,
	};
	unsigned long start = jiffies;
	int err = 0;

	for (int i = 0; i < SD_APP_OP_COND_TRIES; i++) {
		err = mmc_wait_for_app_cmd(host, NULL, &cmd, MMC_CMD_RETRIES);
		if (err || !ocr || (cmd.resp[0] & SD_OCR_BUSY))
			break;
		err = -ETIMEDOUT;
		if ((long)(jiffies - start) > (long)msecs_to_jiffies(SD_APP_OP_COND_MS))
			break;
		mmc_delay(10);
	}
	if (!err && rocr)
		*rocr = cmd.resp[0];
	return err;
}

/* CMD3: the card publishes its relative address, in *@rca. */
int mmc_send_relative_addr(struct mmc_host *host, unsigned int *rca)
{
	struct mmc_command cmd = {
		.opcode = SD_SEND_RELATIVE_ADDR, .flags = MMC_RSP_R6 | MMC_CMD_BCR,
	};
	int err = mmc_wait_for_cmd(host, &cmd, MMC_CMD_RETRIES);

	if (!err)
		*rca = cmd.resp[0] >> 16;
	return err;
}

/* ACMD6: the card's bus width, MMC_BUS_WIDTH_1 or MMC_BUS_WIDTH_4. */
int mmc_app_set_bus_width(struct mmc_card *card, int width)
{
	struct mmc_command cmd = {
		.opcode = SD_APP_SET_BUS_WIDTH,
		.arg = width == MMC_BUS_WIDTH_4 ? SD_BUS_WIDTH_4 : SD_BUS_WIDTH_1,
		.flags = MMC_RSP_R1 | MMC_CMD_AC,
	};
	int err = mmc_wait_for_app_cmd(card->host, card, &cmd, MMC_CMD_RETRIES);

	if (!err && (cmd.resp[0] & (R1_ERROR | R1_ILLEGAL_COMMAND)))
		err = -EIO;
	return err;
}

/* ACMD51: the 8-byte SCR, most significant byte first, into card->raw_scr. */
int mmc_app_send_scr(struct mmc_card *card)
{
	u8 scr[8];
	int err = -EIO;

	for (int i = 0; i <= MMC_CMD_RETRIES; i++) {
		err = mmc_app_cmd(card->host, card);
		if (!err)
			err = mmc_send_adtc_data(card, SD_APP_SEND_SCR, 0, scr, sizeof(scr));
		if (!err || err == -ENOMEDIUM)
			break;
	}
	if (err)
		return err;
	for (int w = 0; w < 2; w++)
		card->raw_scr[w] = (u32)scr[4 * w] << 24 | (u32)scr[4 * w + 1] << 16 |
				   (u32)scr[4 * w + 2] << 8 | scr[4 * w + 3];
	return 0;
}

/*
 * CMD6 (SD spec 4.3.10): @mode SD_SWITCH_CHECK or SD_SWITCH_SET of
 * function @value in group @group (0 = group 1), every other group left
 * as it is; the 64-byte switch status lands in @resp.
 */
int mmc_sd_switch(struct mmc_card *card, int mode, int group, u8 value, u8 *resp)
{
	u32 arg = ((u32)mode << 31) | 0x00ffffff;

	arg &= ~(0xfu << (group * 4));
	arg |= (u32)(value & 0xf) << (group * 4);
	return mmc_send_adtc_data(card, SD_SWITCH, arg, resp, 64);
}
