/* SD-only commands and register values (SD Physical Layer spec 4.3, 4.7, 5). */
#ifndef _LINUX_MMC_SD_H
#define _LINUX_MMC_SD_H

#define SD_SEND_RELATIVE_ADDR	3	/* bcr R6 */
#define SD_SWITCH		6	/* adtc R1: 64-byte switch status */
#define SD_SEND_IF_COND		8	/* bcr R7 */
#define SD_SWITCH_VOLTAGE	11	/* ac R1 */

/* Application commands (after CMD55) */
#define SD_APP_SET_BUS_WIDTH	6	/* ac R1 */
#define SD_APP_SD_STATUS	13	/* adtc R1 */
#define SD_APP_SEND_NUM_WR_BLKS	22	/* adtc R1 */
#define SD_APP_OP_COND		41	/* bcr R3 */
#define SD_APP_SEND_SCR		51	/* adtc R1: 8-byte SCR */

/* CMD8 argument: 2.7-3.6 V and the check pattern the card echoes. */
#define SD_IF_COND_ARG		0x1aa

/* OCR bits (ACMD41) */
#define SD_OCR_CCS		(1u << 30)	/* card capacity status: SDHC/SDXC */
#define SD_OCR_BUSY		(1u << 31)	/* 1 = power-up done */
#define SD_OCR_S18R		(1u << 24)

/* ACMD6 argument */
#define SD_BUS_WIDTH_1		0
#define SD_BUS_WIDTH_4		2

/* CMD6 modes and the high-speed function of group 1 */
#define SD_SWITCH_CHECK		0
#define SD_SWITCH_SET		1
#define SD_SWITCH_GRP_ACCESS	0
#define SD_SWITCH_ACCESS_HS	1

#endif
