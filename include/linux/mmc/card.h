/*
 * An SD card as the core knows it once it answered (Linux's
 * include/linux/mmc/card.h, by the same names): its address, the decoded
 * CID, CSD and SCR, what CMD6 offers, and the state bits the block driver
 * needs (block addressing, high speed, removed).
 */
#ifndef _LINUX_MMC_CARD_H
#define _LINUX_MMC_CARD_H

#include <linux/types.h>
#include <linux/mmc/host.h>

/* The card identification register (SD spec 5.2). */
struct mmc_cid {
	unsigned int manfid;
	unsigned short oemid;
	char prod_name[8];		/* 5 characters and a NUL */
	unsigned char hwrev, fwrev;
	unsigned int serial;
	unsigned short year;
	unsigned char month;
};

/* The card-specific data (SD spec 5.3), what the core uses of it. */
struct mmc_csd {
	unsigned char structure;	/* 0: SDSC (v1.0), 1: SDHC/SDXC (v2.0) */
	unsigned short cmdclass;	/* CCC: bit N = command class N */
	unsigned int max_dtr;		/* TRAN_SPEED in Hz */
	unsigned int read_blkbits;	/* READ_BL_LEN */
	unsigned int write_blkbits;
	u64 capacity;			/* in 512-byte sectors */
	bool read_partial;
};

#define CCC_SWITCH	(1 << 10)	/* class 10: CMD6 */

/* The SD configuration register (SD spec 5.6). */
struct sd_scr {
	unsigned char sda_vsn;		/* SD_SPEC: 0 = 1.0x, 1 = 1.10, 2 = 2.00 and later */
	unsigned char sda_spec3;
	unsigned char bus_widths;	/* SD_SCR_BUS_WIDTH_* */
	unsigned char cmds;		/* SD_SCR_CMD*_SUPPORT */
};

#define SD_SCR_BUS_WIDTH_1	(1 << 0)
#define SD_SCR_BUS_WIDTH_4	(1 << 2)
#define SD_SCR_CMD20_SUPPORT	(1 << 0)
#define SD_SCR_CMD23_SUPPORT	(1 << 1)

#define SCR_SPEC_VER_0		0	/* 1.0 - 1.01 */
#define SCR_SPEC_VER_1		1	/* 1.10 */
#define SCR_SPEC_VER_2		2	/* 2.00 - 3.0x and later */

/* What CMD6's check mode said the card can do. */
struct sd_switch_caps {
	unsigned int hs_max_dtr;	/* 50 MHz if group 1 offers high speed, else 0 */
};

#define HIGH_SPEED_MAX_DTR	50000000
#define DEFAULT_SPEED_MAX_DTR	25000000

#define MMC_TYPE_SD	1

/* card->state */
#define MMC_STATE_BLOCKADDR	(1 << 0)	/* SDHC/SDXC: block numbers, not bytes */
#define MMC_STATE_HIGHSPEED	(1 << 1)	/* CMD6 switched to high speed */
#define MMC_STATE_REMOVED	(1 << 2)	/* gone: requests end -ENOMEDIUM */
#define MMC_STATE_SDXC		(1 << 3)	/* more than 32 GiB */

struct mmc_card {
	struct mmc_host *host;
	unsigned int type;		/* MMC_TYPE_SD */
	unsigned int rca;		/* relative card address (CMD3) */
	unsigned int state;		/* MMC_STATE_*; REMOVED under host->claim */
	char name[16];			/* "mmc0:0001", Linux's dev_name of the card */
	u32 raw_cid[4], raw_csd[4], raw_scr[2];
	struct mmc_cid cid;
	struct mmc_csd csd;
	struct sd_scr scr;
	struct sd_switch_caps sw_caps;
	void *blk_data;			/* the block driver's (struct mmc_blk_data) */
};

static inline bool mmc_card_blockaddr(const struct mmc_card *c) { return c->state & MMC_STATE_BLOCKADDR; }
static inline bool mmc_card_hs(const struct mmc_card *c) { return c->state & MMC_STATE_HIGHSPEED; }
static inline bool mmc_card_removed(const struct mmc_card *c) { return c->state & MMC_STATE_REMOVED; }
static inline const char *mmc_card_id(const struct mmc_card *c) { return c->name; }
static inline const char *mmc_card_name(const struct mmc_card *c) { return c->cid.prod_name; }

#endif
