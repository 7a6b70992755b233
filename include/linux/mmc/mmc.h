/*
 * Command indices and card status bits shared by SD and MMC cards
 * (SD Physical Layer Simplified Specification, section 4.7; Linux's
 * include/linux/mmc/mmc.h names).
 */
#ifndef _LINUX_MMC_MMC_H
#define _LINUX_MMC_MMC_H

#define MMC_GO_IDLE_STATE	0	/* bc */
#define MMC_SEND_OP_COND	1	/* bcr R3: MMC cards only */
#define MMC_ALL_SEND_CID	2	/* bcr R2 */
#define MMC_SET_RELATIVE_ADDR	3	/* SD: SEND_RELATIVE_ADDR, bcr R6 */
#define MMC_SWITCH		6	/* SD: SWITCH_FUNC, adtc R1 (64-byte status) */
#define MMC_SELECT_CARD		7	/* ac R1b */
#define MMC_SEND_EXT_CSD	8	/* SD: SEND_IF_COND, bcr R7 */
#define MMC_SEND_CSD		9	/* ac R2 */
#define MMC_SEND_CID		10	/* ac R2 */
#define MMC_STOP_TRANSMISSION	12	/* ac R1b */
#define MMC_SEND_STATUS		13	/* ac R1 */
#define MMC_SET_BLOCKLEN	16	/* ac R1 */
#define MMC_READ_SINGLE_BLOCK	17	/* adtc R1 */
#define MMC_READ_MULTIPLE_BLOCK	18	/* adtc R1 */
#define MMC_SET_BLOCK_COUNT	23	/* ac R1 */
#define MMC_WRITE_BLOCK		24	/* adtc R1 */
#define MMC_WRITE_MULTIPLE_BLOCK 25	/* adtc R1 */
#define MMC_APP_CMD		55	/* ac R1: the next command is an ACMD */

/* Card status (R1), SD spec 4.10.1. */
#define R1_OUT_OF_RANGE		(1u << 31)
#define R1_ADDRESS_ERROR	(1u << 30)
#define R1_BLOCK_LEN_ERROR	(1u << 29)
#define R1_ERASE_SEQ_ERROR	(1u << 28)
#define R1_ERASE_PARAM		(1u << 27)
#define R1_WP_VIOLATION		(1u << 26)
#define R1_CARD_IS_LOCKED	(1u << 25)
#define R1_LOCK_UNLOCK_FAILED	(1u << 24)
#define R1_COM_CRC_ERROR	(1u << 23)
#define R1_ILLEGAL_COMMAND	(1u << 22)
#define R1_CARD_ECC_FAILED	(1u << 21)
#define R1_CC_ERROR		(1u << 20)
#define R1_ERROR		(1u << 19)
#define R1_CURRENT_STATE(x)	(((x) >> 9) & 0xf)
#define R1_READY_FOR_DATA	(1u << 8)
#define R1_APP_CMD		(1u << 5)

/* R1_CURRENT_STATE values */
#define R1_STATE_IDLE	0
#define R1_STATE_READY	1
#define R1_STATE_IDENT	2
#define R1_STATE_STBY	3
#define R1_STATE_TRAN	4
#define R1_STATE_DATA	5
#define R1_STATE_RCV	6
#define R1_STATE_PRG	7
#define R1_STATE_DIS	8

#endif
