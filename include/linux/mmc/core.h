/*
 * One exchange with a card, as the MMC core hands it to a host driver:
 * a command (index, argument, expected response), optionally a data
 * phase (blocks over a scatter list) and a stop command, in one
 * struct mmc_request. Linux's include/linux/mmc/core.h, by the same names.
 */
#ifndef _LINUX_MMC_CORE_H
#define _LINUX_MMC_CORE_H

#include <linux/types.h>
#include <linux/scatterlist.h>

struct mmc_data;
struct mmc_request;
struct mmc_host;

/* Response format bits (what the host must wait for and check). */
#define MMC_RSP_PRESENT	(1 << 0)	/* a response comes back */
#define MMC_RSP_136	(1 << 1)	/* 136-bit (R2) */
#define MMC_RSP_CRC	(1 << 2)	/* check its CRC7 */
#define MMC_RSP_BUSY	(1 << 3)	/* card holds DAT0 busy after it (R1b) */
#define MMC_RSP_OPCODE	(1 << 4)	/* carries the command index */

#define MMC_CMD_MASK	(3 << 5)	/* command type, SD spec 4.7.2 */
#define MMC_CMD_AC	(0 << 5)	/* addressed, no data */
#define MMC_CMD_ADTC	(1 << 5)	/* addressed, with data */
#define MMC_CMD_BC	(2 << 5)	/* broadcast, no response */
#define MMC_CMD_BCR	(3 << 5)	/* broadcast, with response */

#define MMC_RSP_NONE	(0)
#define MMC_RSP_R1	(MMC_RSP_PRESENT | MMC_RSP_CRC | MMC_RSP_OPCODE)
#define MMC_RSP_R1B	(MMC_RSP_PRESENT | MMC_RSP_CRC | MMC_RSP_OPCODE | MMC_RSP_BUSY)
#define MMC_RSP_R2	(MMC_RSP_PRESENT | MMC_RSP_136 | MMC_RSP_CRC)
#define MMC_RSP_R3	(MMC_RSP_PRESENT)		/* OCR: no CRC */
#define MMC_RSP_R6	(MMC_RSP_PRESENT | MMC_RSP_CRC | MMC_RSP_OPCODE)
#define MMC_RSP_R7	(MMC_RSP_PRESENT | MMC_RSP_CRC | MMC_RSP_OPCODE)

#define mmc_resp_type(cmd) ((cmd)->flags & (MMC_RSP_PRESENT | MMC_RSP_136 | \
				MMC_RSP_CRC | MMC_RSP_BUSY | MMC_RSP_OPCODE))
#define mmc_cmd_type(cmd)  ((cmd)->flags & MMC_CMD_MASK)

/*
 * A command. The host fills resp[] and error. resp[] is in the card's bit
 * order with resp[0] the most significant word: for a 48-bit response
 * resp[0] = the 32 bits after the command index (the card status, OCR,
 * RCA...); for R2, resp[0..3] = register bits 127..0 (CID/CSD with their
 * CRC7 in bits 7:1), whatever the controller strips or shifts.
 */
struct mmc_command {
	u32 opcode;
	u32 arg;
	u32 resp[4];
	unsigned int flags;		/* MMC_RSP_* | MMC_CMD_* */
	unsigned int retries;		/* the core's: times to re-send on error */
	int error;			/* 0, -ETIMEDOUT (no response), -EILSEQ (CRC), -EIO, -ENOMEDIUM */
	unsigned int busy_timeout;	/* ms the card may stay busy (R1b) */
	struct mmc_data *data;		/* its data phase, or NULL */
	struct mmc_request *mrq;
};

#define MMC_DATA_WRITE	(1 << 8)
#define MMC_DATA_READ	(1 << 9)

/*
 * A data phase: blocks * blksz bytes between the card and the scatter list
 * (sg_len entries whose lengths sum to that). The host sets error
 * (-ETIMEDOUT, -EILSEQ for a data CRC, -EIO) and bytes_xfered (bytes the
 * card accepted or delivered before an error, in whole blocks).
 */
struct mmc_data {
	unsigned int timeout_ns;	/* data timeout, for hosts that program one */
	unsigned int blksz;		/* 512, or 8/64 for SCR and switch status */
	unsigned int blocks;
	unsigned int flags;		/* MMC_DATA_READ or MMC_DATA_WRITE */
	int error;
	unsigned int bytes_xfered;
	struct mmc_command *stop;	/* CMD12 after a multi-block transfer, or NULL */
	struct mmc_request *mrq;
	struct scatterlist *sg;
	unsigned int sg_len;
};

/*
 * What the core asks a host to do at once. With sbc (CMD23) the host
 * sends it first and no stop; with stop the host sends it after the data
 * (or uses the controller's auto-stop). The host calls
 * mmc_request_done(host, mrq) once, from any context, after every part
 * has finished or failed; it must do so even if the card never answers
 * (a software timeout), so the core's wait always ends.
 */
struct mmc_request {
	struct mmc_command *sbc;	/* SET_BLOCK_COUNT before the data, or NULL */
	struct mmc_command *cmd;
	struct mmc_data *data;
	struct mmc_command *stop;
	void (*done)(struct mmc_request *mrq);	/* the core's */
	void *done_data;		/* the core's */
	struct mmc_host *host;
};

/* Sends @mrq and sleeps until the host calls mmc_request_done. */
void mmc_wait_for_req(struct mmc_host *host, struct mmc_request *mrq);
/* One command without data, re-sent up to @retries times: its error. */
int mmc_wait_for_cmd(struct mmc_host *host, struct mmc_command *cmd, int retries);

#endif
