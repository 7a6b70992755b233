/*
 * Synopsys DesignWare Mobile Storage Host Controller (MSHC, "snps,dw-mshc",
 * "starfive,jh7110-mmc"): register offsets and bits as the databook names
 * them, the driver's state and its device-tree settings. drivers/mmc/host/
 * dw_mmc.c is the driver; tests/host/mshc_model.c models the controller
 * for the host tests and includes this header for the same names.
 */
#ifndef _DW_MMC_H
#define _DW_MMC_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/mmc/host.h>

#include "dw_mmc_regs.h"

/* 32-bit mode: 16 bytes. */
struct idmac_desc32 {
	u32 des0;		/* flags */
	u32 des1;		/* buffer 1 size, bits 12:0 */
	u32 des2;		/* buffer 1 physical address */
	u32 des3;		/* next descriptor physical address (chained) */
};

/* 64-bit mode: 32 bytes. */
struct idmac_desc64 {
	u32 des0;		/* flags */
	u32 des1;		/* reserved */
	u32 des2;		/* buffer 1 size, bits 12:0 */
	u32 des3;		/* reserved */
	u32 des4;		/* buffer address, low */
	u32 des5;		/* high */
	u32 des6;		/* next descriptor, low */
	u32 des7;		/* high */
};

/* Card detect as the device tree describes it. */
enum dw_mci_cd {
	DW_MCI_CD_CDETECT,	/* the controller's CDETECT register */
	DW_MCI_CD_GPIO,		/* cd-gpios: no GPIO driver, so "present" and polled */
	DW_MCI_CD_BROKEN,	/* broken-cd: nothing wired, present, polled */
	DW_MCI_CD_NONREMOVABLE,
};

/* What the driver takes from its device-tree node (dw_mci_parse_dt). */
struct dw_mci_dt {
	unsigned int bus_width;		/* 1, 4 or 8 (bus-width; 1 if absent) */
	u32 fifo_depth;			/* words; 0 = learn it from FIFOTH */
	u32 data_addr;			/* FIFO offset; 0 = choose by VERID */
	u32 clock_frequency;		/* cclk_in in Hz; 0 = not given */
	u32 max_frequency;		/* 0 = no limit given */
	u32 post_power_on_delay_ms;
	enum dw_mci_cd cd;
	bool disable_wp;
	bool cap_sd_highspeed;
	bool dma_noncoherent;		/* dma-noncoherent on the node or an ancestor */
	bool jh7110;			/* starfive,jh7110-mmc */
};

/* Where a request is. */
enum dw_mci_state {
	DW_IDLE,
	DW_SENDING_SBC,		/* CMD23 before the data command */
	DW_SENDING_CMD,		/* the command (its data may be running) */
	DW_DATA,		/* command answered, waiting for the data */
	DW_SENDING_STOP,	/* CMD12 by hand after a failed transfer */
	DW_BUSY,		/* R1b: waiting for DAT0 to go high */
};

struct dw_mci {
	struct mmc_host *mmc;
	struct device *dev;
	void *regs;			/* ioremap'd registers */
	void *fifo;			/* regs + the data offset */
	spinlock_t lock;		/* registers and the request state */
	struct dw_mci_dt dt;

	u32 verid;			/* IP version, low 16 bits of VERID */
	u32 hcon;
	u32 data_offset;		/* 0x100 or 0x200 (or data-addr) */
	unsigned int fifo_depth;	/* words */
	unsigned int fifo_width;	/* bytes per FIFO access: 2, 4 or 8 */
	u32 fifoth;			/* what FIFOTH is programmed to */
	unsigned long bus_hz;		/* cclk_in */
	bool bus_hz_assumed;		/* not from the DT: identification uses div 255 */
	unsigned int card_hz;		/* the card clock now (0 = stopped) */
	unsigned int clock_req;		/* what set_ios last asked for */
	u32 ctype;
	int irq;

	bool use_dma;			/* IDMAC (else PIO) */
	bool dma64;			/* 64-bit descriptors */
	void *desc;			/* descriptor ring, ZONE_DMA32 */
	u64 desc_phys;
	unsigned int desc_count;
	struct page *desc_page;
	unsigned int desc_order;

	bool need_init;			/* next command carries the 80-clock init */

	/* The request in flight. */
	struct mmc_request *mrq;
	struct mmc_command *cmd;	/* the command being sent */
	enum dw_mci_state state;
	bool data_dma;			/* this transfer uses the IDMAC */
	bool auto_stop;			/* SEND_STOP was set on the data command */
	bool data_done;			/* DTO seen */
	bool dma_done;			/* IDMAC RI/TI seen */
	bool stop_done;			/* ACD seen */
	int data_error;
	unsigned long busy_deadline;	/* jiffies, DW_BUSY */
	struct timer_list timer;	/* request timeout, and the R1b busy poll */

	/* PIO cursor */
	unsigned int sg_index;
	unsigned int sg_off;		/* bytes into the current entry */
	unsigned int pio_left;		/* bytes still to move */

	/* For tests and the bench: what happened. */
	unsigned long nr_irqs;
	unsigned long nr_timeouts;
	unsigned long nr_resets;
	unsigned long nr_pio_fallbacks;
};

/* Force PIO (the "dw_mmc.pio" parameter); read at probe. */
extern bool dw_mci_force_pio;

/* Reads the settings above from @np; 0 or -EINVAL for a bad value. */
int dw_mci_parse_dt(const struct device_node *np, struct dw_mci_dt *dt);

#endif
