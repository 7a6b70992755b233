/*
 * The interface between the MMC core and a host controller driver
 * (Linux's include/linux/mmc/host.h, by the same names): the driver
 * allocates a struct mmc_host with room for its own state, fills in what
 * the controller can do and its mmc_host_ops, and calls mmc_add_host; the
 * core then brings the card up through set_ios and request, and registers
 * it as the block device mmcblkN.
 */
#ifndef _LINUX_MMC_HOST_H
#define _LINUX_MMC_HOST_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/device.h>
#include <linux/mmc/core.h>

struct mmc_card;

/* The bus settings the core asks for; set_ios applies all of them. */
struct mmc_ios {
	unsigned int clock;		/* card clock in Hz; 0 = stopped */
	unsigned short vdd;		/* bit number of the OCR voltage, e.g. 21 (3.3-3.4 V) */
	unsigned char power_mode;	/* MMC_POWER_* */
	unsigned char bus_width;	/* MMC_BUS_WIDTH_* */
	unsigned char timing;		/* MMC_TIMING_* */
};

#define MMC_POWER_OFF		0
#define MMC_POWER_UP		1
#define MMC_POWER_ON		2

#define MMC_BUS_WIDTH_1		0
#define MMC_BUS_WIDTH_4		2
#define MMC_BUS_WIDTH_8		3

#define MMC_TIMING_LEGACY	0	/* default speed, up to 25 MHz */
#define MMC_TIMING_SD_HS	2	/* high speed, up to 50 MHz (CMD6 switched) */

struct mmc_host_ops {
	/* Start @mrq; end it with mmc_request_done. Never called concurrently. */
	void (*request)(struct mmc_host *host, struct mmc_request *mrq);
	/* Apply host->ios (clock, power, bus width, timing); may sleep. */
	void (*set_ios)(struct mmc_host *host, struct mmc_ios *ios);
	/* 1 card present, 0 absent, -ENOSYS unknown (the core then assumes present). */
	int (*get_cd)(struct mmc_host *host);
	/* 1 write-protected, 0 writable, -ENOSYS unknown. */
	int (*get_ro)(struct mmc_host *host);
};

/* host->caps */
#define MMC_CAP_4_BIT_DATA	(1 << 0)	/* DAT0-3 are wired */
#define MMC_CAP_SD_HIGHSPEED	(1 << 1)	/* may run 50 MHz high speed */
#define MMC_CAP_CMD23		(1 << 2)	/* can send SET_BLOCK_COUNT before data */
#define MMC_CAP_NEEDS_POLL	(1 << 3)	/* no card-detect interrupt */
#define MMC_CAP_NONREMOVABLE	(1 << 4)
#define MMC_CAP_AUTO_STOP	(1 << 5)	/* sends CMD12 itself after data (mrq->stop still set) */

struct mmc_host {
	struct device *parent;		/* the controller's device (messages, DT node) */
	int index;			/* N of mmcN and mmcblkN */
	char name[16];			/* "mmc0" */
	const struct mmc_host_ops *ops;
	unsigned int f_min, f_max;	/* card clock range in Hz */
	u32 ocr_avail;			/* voltages the host supplies: MMC_VDD_* */
	u32 caps;			/* MMC_CAP_* */

	/* Transfer limits (the block queue is set from these). */
	unsigned int max_seg_size;	/* bytes per sg entry */
	unsigned short max_segs;	/* sg entries per request */
	unsigned int max_req_size;	/* bytes per request */
	unsigned int max_blk_size;	/* bytes per block (512 at least) */
	unsigned int max_blk_count;	/* blocks per request */
	/*
	 * The highest physical address the host's DMA reaches (0 = no limit,
	 * or PIO only). Pages above it are bounced through ZONE_DMA32 by the
	 * core; 0xffffffff for a 32-bit DMA engine.
	 */
	phys_addr_t max_dma_addr;

	struct mmc_ios ios;		/* what set_ios last applied */
	struct mmc_card *card;		/* the card, once attached */
	struct mutex claim;		/* one request at a time: mmc_claim_host */
	struct list_head node;		/* on the core's list of hosts */
	bool removed;			/* card gone: requests end -ENOMEDIUM */
	/* The core's (drivers/mmc/core): */
	struct wait_queue_head wq;	/* mmc_wait_for_req sleeps here until mmc_request_done */

	unsigned long private[] __aligned(sizeof(long));	/* the driver's: mmc_priv() */
};

/* A zeroed host with @extra bytes of driver state; NULL without memory. */
struct mmc_host *mmc_alloc_host(int extra, struct device *dev);
/*
 * Registers @host. Card detection runs once interrupts are on and tasks
 * can sleep (mmc_rescan, from scan_boot_disks at boot); a host added later
 * is scanned at once. 0 or -Exxx.
 */
int mmc_add_host(struct mmc_host *host);
void mmc_remove_host(struct mmc_host *host);
void mmc_free_host(struct mmc_host *host);
/* The card may have come or gone (card-detect interrupt or poll): rescan after @delay jiffies. */
void mmc_detect_change(struct mmc_host *host, unsigned long delay);
/* Host driver: @mrq is finished (any context). */
void mmc_request_done(struct mmc_host *host, struct mmc_request *mrq);

/* One user of the host at a time (the block driver, bring-up): sleeps. */
void mmc_claim_host(struct mmc_host *host);
void mmc_release_host(struct mmc_host *host);
/*
 * Looks for a card on @host and registers it (Linux's mmc_rescan, here
 * called directly rather than as work): 0, or the -Exxx bring-up ended
 * with (-ENOMEDIUM: no card, -EOPNOTSUPP: an MMC card). Process context.
 */
int mmc_rescan(struct mmc_host *host);
/* scan_boot_disks (block/genhd.c): mmc_rescan every host added so far. */
void mmc_scan_boot_hosts(void);

static inline void *mmc_priv(struct mmc_host *host)
{
	return (void *)host->private;
}

static inline const char *mmc_hostname(const struct mmc_host *host)
{
	return host->name;
}

/* OCR voltage window bits (SD spec 5.1). */
#define MMC_VDD_27_28	(1 << 15)
#define MMC_VDD_28_29	(1 << 16)
#define MMC_VDD_29_30	(1 << 17)
#define MMC_VDD_30_31	(1 << 18)
#define MMC_VDD_31_32	(1 << 19)
#define MMC_VDD_32_33	(1 << 20)
#define MMC_VDD_33_34	(1 << 21)
#define MMC_VDD_34_35	(1 << 22)
#define MMC_VDD_35_36	(1 << 23)

#endif
