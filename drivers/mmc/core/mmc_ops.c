/*
 * Commands SD and MMC cards share (Linux's drivers/mmc/core/mmc_ops.c):
 * CMD0, CMD1 (only to recognise an MMC card), CMD2, CMD7, CMD9, CMD12,
 * CMD13 with the ready poll after writes, CMD16, and single-block register
 * reads. SD Physical Layer Simplified Specification 4.7. Leaves out the
 * MMC-only commands (EXT_CSD, SWITCH, bus test).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <linux/mmc/mmc.h>
#include "core.h"

/* CMD0: every card back to idle. No response; 0 unless the host failed. */
int mmc_go_idle(struct mmc_host *host)
{
	struct mmc_command cmd = {
		.opcode = MMC_GO_IDLE_STATE, .flags = MMC_RSP_NONE | MMC_CMD_BC,
	};
	int err = mmc_wait_for_cmd(host, &cmd, 0);

	mmc_delay(1);
	return err;
}

/*
 * CMD1 with @ocr (0: only ask): answered by MMC and eMMC cards, which SD
 * cards are not. 0 with the OCR in *@rocr, or the error (-ETIMEDOUT: no MMC card).
 */
int mmc_send_op_cond(struct mmc_host *host, u32 ocr, u32 *rocr)
{
	struct mmc_command cmd = {
		.opcode = MMC_SEND_OP_COND, .arg = ocr, .flags = MMC_RSP_R3 | MMC_CMD_BCR,
	};
	int err = mmc_wait_for_cmd(host, &cmd, 0);

	if (!err && rocr)
		*rocr = cmd.resp[0];
	return err;
}

/* CMD2: the CID of the one card in the ready state. */
int mmc_all_send_cid(struct mmc_host *host, u32 *cid)
{
	struct mmc_command cmd = {
		.opcode = MMC_ALL_SEND_CID, .flags = MMC_RSP_R2 | MMC_CMD_BCR,
	};
	int err = mmc_wait_for_cmd(host, &cmd, MMC_CMD_RETRIES);

	if (!err)
		memcpy(cid, cmd.resp, sizeof(cmd.resp));
	return err;
}

/* CMD9 (card in stby): its CSD. */
int mmc_send_csd(struct mmc_card *card, u32 *csd)
{
	struct mmc_command cmd = {
		.opcode = MMC_SEND_CSD, .arg = card->rca << 16, .flags = MMC_RSP_R2 | MMC_CMD_AC,
	};
	int err = mmc_wait_for_cmd(card->host, &cmd, MMC_CMD_RETRIES);

	if (!err)
		memcpy(csd, cmd.resp, sizeof(cmd.resp));
	return err;
}

/* CMD7: stby -> tran (R1b: the host waits for busy to end). */
int mmc_select_card(struct mmc_card *card)
{
	struct mmc_command cmd = {
		.opcode = MMC_SELECT_CARD, .arg = card->rca << 16,
		.flags = MMC_RSP_R1B | MMC_CMD_AC, .busy_timeout = 100,
	};

	return mmc_wait_for_cmd(card->host, &cmd, MMC_CMD_RETRIES);
}

/* CMD13: the card status in *@status. */
int mmc_send_status(struct mmc_card *card, u32 *status)
{
	struct mmc_command cmd = {
		.opcode = MMC_SEND_STATUS, .arg = card->rca << 16, .flags = MMC_RSP_R1 | MMC_CMD_AC,
	};
	int err = mmc_wait_for_cmd(card->host, &cmd, MMC_CMD_RETRIES);

	if (!err && status)
		*status = cmd.resp[0];
	return err;
}

/* CMD16: the block length of SDSC cards (SDHC always uses 512). */
int mmc_set_blocklen(struct mmc_card *card, unsigned int blocklen)
{
	struct mmc_command cmd = {
		.opcode = MMC_SET_BLOCKLEN, .arg = blocklen, .flags = MMC_RSP_R1 | MMC_CMD_AC,
	};
	int err = mmc_wait_for_cmd(card->host, &cmd, MMC_CMD_RETRIES);

	if (!err && (cmd.resp[0] & R1_BLOCK_LEN_ERROR))
		err = -EINVAL;
	return err;
}

/* CMD12 after a failed transfer; R1b for a write (the card programs). */
int mmc_send_stop(struct mmc_card *card, bool write)
{
	struct mmc_command cmd = {
		.opcode = MMC_STOP_TRANSMISSION,
		.flags = (write ? MMC_RSP_R1B : MMC_RSP_R1) | MMC_CMD_AC, .busy_timeout = 500,
	};

	return mmc_wait_for_cmd(card->host, &cmd, 0);
}

/* Has @start + @ms passed? */
static bool mmc_time_up(unsigned long start, unsigned int ms)
{
	return (long)(jiffies - start) > (long)msecs_to_jiffies(ms);
}

/*
 * After a write (or an error), polls CMD13 until the card is ready for
 * data in tran (SD spec 4.3.4: programming). The first polls are back to
 * back, later ones 1 ms apart. 0; -EIO if a status on the way had an
 * error bit; -ETIMEDOUT (or the host's error) if the card did not answer,
 * or stayed busy past @timeout_ms.
 */
int mmc_poll_for_ready(struct mmc_card *card, unsigned int timeout_ms)
{
	const u32 errors = R1_OUT_OF_RANGE | R1_ADDRESS_ERROR | R1_BLOCK_LEN_ERROR |
			   R1_WP_VIOLATION | R1_CARD_ECC_FAILED | R1_CC_ERROR | R1_ERROR;
	unsigned long start = jiffies;
	unsigned int polls = 0;
	u32 status, seen = 0;
	int err;

	for (;;) {
		err = mmc_send_status(card, &status);
		if (err)
			return err;
		seen |= status;
		if ((status & R1_READY_FOR_DATA) && R1_CURRENT_STATE(status) == R1_STATE_TRAN)
			return (seen & errors) ? -EIO : 0;
		if (R1_CURRENT_STATE(status) == R1_STATE_DATA || R1_CURRENT_STATE(status) == R1_STATE_RCV)
			mmc_send_stop(card, R1_CURRENT_STATE(status) == R1_STATE_RCV);
		if (mmc_time_up(start, timeout_ms))
			return -ETIMEDOUT;
		if (++polls > 256)
			mmc_delay(1);
	}
}

/*
 * A single-block register read (@opcode with @arg, @len bytes: SCR,
 * switch status) into @buf through a ZONE_DMA32 page, which every host
 * reaches. 0, or the command's or data's error.
 */
int mmc_send_adtc_data(struct mmc_card *card, u32 opcode, u32 arg, void *buf, unsigned int len)
{
	struct page *page = alloc_page(GFP_KERNEL | GFP_DMA32);
	struct mmc_command cmd = { .opcode = opcode, .arg = arg, .flags = MMC_RSP_R1 | MMC_CMD_ADTC };
	struct mmc_data data = { .blksz = len, .blocks = 1, .flags = MMC_DATA_READ, .sg_len = 1 };
	struct mmc_request mrq = { .cmd = &cmd, .data = &data };
	struct scatterlist sg;

	if (!page)
		return -ENOMEM;
	sg_set_page(&sg, page, len, 0);
	data.sg = &sg;
	data.timeout_ns = 100000000u;
	mmc_wait_for_req(card->host, &mrq);
	if (!cmd.error && !data.error)
		memcpy(buf, page_address(page), len);
	__free_page(page);
	return cmd.error ? cmd.error : data.error;
}
