/*
 * SD Host Controller Interface: the register map of the SD Host Controller
 * Simplified Specification 3.00 (chapter 2, byte offsets; Linux's names)
 * and the library interface a bus glue (sdhci-pci.c) uses:
 * sdhci_alloc_host, then ioaddr and irq, then sdhci_add_host.
 */
#ifndef _DRIVERS_MMC_HOST_SDHCI_H
#define _DRIVERS_MMC_HOST_SDHCI_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/mmc/host.h>

#define SDHCI_DMA_ADDRESS	0x00	/* SDMA system address / argument 2 */
#define SDHCI_BLOCK_SIZE	0x04	/* 16 bits: 11:0 size, 14:12 SDMA boundary */
#define  SDHCI_MAKE_BLKSZ(dma, blksz) ((((dma) & 0x7) << 12) | ((blksz) & 0xfff))
#define SDHCI_BLOCK_COUNT	0x06	/* 16 bits */
#define SDHCI_ARGUMENT		0x08
#define SDHCI_TRANSFER_MODE	0x0c	/* 16 bits */
#define  SDHCI_TRNS_DMA		0x01
#define  SDHCI_TRNS_BLK_CNT_EN	0x02
#define  SDHCI_TRNS_AUTO_CMD12	0x04
#define  SDHCI_TRNS_READ	0x10
#define  SDHCI_TRNS_MULTI	0x20
#define SDHCI_COMMAND		0x0e	/* 16 bits; writing its upper byte issues */
#define  SDHCI_CMD_RESP_NONE	0x00
#define  SDHCI_CMD_RESP_LONG	0x01	/* 136 bits */
#define  SDHCI_CMD_RESP_SHORT	0x02	/* 48 bits */
#define  SDHCI_CMD_RESP_SHORT_BUSY 0x03	/* 48 bits, then busy on DAT0 */
#define  SDHCI_CMD_CRC		0x08
#define  SDHCI_CMD_INDEX	0x10
#define  SDHCI_CMD_DATA		0x20
#define  SDHCI_CMD_ABORTCMD	0xc0
#define  SDHCI_MAKE_CMD(c, f)	((((c) & 0x3f) << 8) | ((f) & 0xff))
#define SDHCI_RESPONSE		0x10	/* 4 x 32 bits: response bits 127:8 (R2) or 39:8 */
#define SDHCI_BUFFER		0x20	/* the PIO data port */
#define SDHCI_PRESENT_STATE	0x24
#define  SDHCI_CMD_INHIBIT	0x00000001
#define  SDHCI_DATA_INHIBIT	0x00000002
#define  SDHCI_SPACE_AVAILABLE	0x00000400	/* buffer write enable */
#define  SDHCI_DATA_AVAILABLE	0x00000800	/* buffer read enable */
#define  SDHCI_CARD_PRESENT	0x00010000
#define  SDHCI_WRITE_PROTECT	0x00080000	/* 1 = writable (the pin level) */
#define SDHCI_HOST_CONTROL	0x28	/* 8 bits */
#define  SDHCI_CTRL_4BITBUS	0x02
#define  SDHCI_CTRL_HISPD	0x04
#define  SDHCI_CTRL_DMA_MASK	0x18
#define  SDHCI_CTRL_SDMA	0x00
#define  SDHCI_CTRL_ADMA32	0x10
#define  SDHCI_CTRL_8BITBUS	0x20
#define SDHCI_POWER_CONTROL	0x29	/* 8 bits */
#define  SDHCI_POWER_ON		0x01
#define  SDHCI_POWER_180	0x0a
#define  SDHCI_POWER_300	0x0c
#define  SDHCI_POWER_330	0x0e
#define SDHCI_CLOCK_CONTROL	0x2c	/* 16 bits */
#define  SDHCI_CLOCK_INT_EN	0x0001
#define  SDHCI_CLOCK_INT_STABLE	0x0002
#define  SDHCI_CLOCK_CARD_EN	0x0004
#define  SDHCI_DIVIDER_SHIFT	8
#define  SDHCI_DIVIDER_HI_SHIFT	6	/* v3: divider bits 9:8 in 7:6 */
#define SDHCI_TIMEOUT_CONTROL	0x2e	/* 8 bits: TMCLK x 2^(13 + n) */
#define  SDHCI_TIMEOUT_MAX	0x0e
#define SDHCI_SOFTWARE_RESET	0x2f	/* 8 bits, self-clearing */
#define  SDHCI_RESET_ALL	0x01
#define  SDHCI_RESET_CMD	0x02
#define  SDHCI_RESET_DATA	0x04
#define SDHCI_INT_STATUS	0x30	/* normal (15:0) and error (31:16), write 1 to clear */
#define SDHCI_INT_ENABLE	0x34	/* which set status bits */
#define SDHCI_SIGNAL_ENABLE	0x38	/* which raise the interrupt line */
#define  SDHCI_INT_RESPONSE	0x00000001	/* command complete */
#define  SDHCI_INT_DATA_END	0x00000002	/* transfer complete (or busy end) */
#define  SDHCI_INT_DMA_END	0x00000008	/* SDMA boundary */
#define  SDHCI_INT_SPACE_AVAIL	0x00000010	/* buffer write ready */
#define  SDHCI_INT_DATA_AVAIL	0x00000020	/* buffer read ready */
#define  SDHCI_INT_CARD_INSERT	0x00000040
#define  SDHCI_INT_CARD_REMOVE	0x00000080
#define  SDHCI_INT_ERROR	0x00008000	/* summary of 31:16 */
#define  SDHCI_INT_TIMEOUT	0x00010000	/* command timeout */
#define  SDHCI_INT_CRC		0x00020000	/* command CRC */
#define  SDHCI_INT_END_BIT	0x00040000
#define  SDHCI_INT_INDEX	0x00080000
#define  SDHCI_INT_DATA_TIMEOUT	0x00100000
#define  SDHCI_INT_DATA_CRC	0x00200000
#define  SDHCI_INT_DATA_END_BIT	0x00400000
#define  SDHCI_INT_BUS_POWER	0x00800000	/* current limit */
#define  SDHCI_INT_AUTO_CMD_ERR	0x01000000
#define  SDHCI_INT_ADMA_ERROR	0x02000000
#define  SDHCI_INT_CMD_MASK	(SDHCI_INT_RESPONSE | SDHCI_INT_TIMEOUT | \
				 SDHCI_INT_CRC | SDHCI_INT_END_BIT | SDHCI_INT_INDEX)
#define  SDHCI_INT_DATA_MASK	(SDHCI_INT_DATA_END | SDHCI_INT_DMA_END | \
				 SDHCI_INT_DATA_AVAIL | SDHCI_INT_SPACE_AVAIL | \
				 SDHCI_INT_DATA_TIMEOUT | SDHCI_INT_DATA_CRC | \
				 SDHCI_INT_DATA_END_BIT | SDHCI_INT_BUS_POWER | \
				 SDHCI_INT_AUTO_CMD_ERR | SDHCI_INT_ADMA_ERROR)
#define SDHCI_AUTO_CMD_STATUS	0x3c	/* 16 bits */
#define  SDHCI_AUTO_CMD_TIMEOUT	0x0002
#define  SDHCI_AUTO_CMD_CRC	0x0004
#define SDHCI_HOST_CONTROL2	0x3e	/* 16 bits, v3 */
#define SDHCI_CAPABILITIES	0x40
#define  SDHCI_CLOCK_BASE_SHIFT	8
#define  SDHCI_CLOCK_BASE_MASK	0x00003f00	/* v2: MHz */
#define  SDHCI_CLOCK_V3_BASE_MASK 0x0000ff00	/* v3: MHz */
#define  SDHCI_MAX_BLOCK_SHIFT	16
#define  SDHCI_CAN_DO_8BIT	0x00040000
#define  SDHCI_CAN_DO_ADMA2	0x00080000
#define  SDHCI_CAN_DO_HISPD	0x00200000
#define  SDHCI_CAN_DO_SDMA	0x00400000
#define  SDHCI_CAN_VDD_330	0x01000000
#define  SDHCI_CAN_VDD_300	0x02000000
#define  SDHCI_CAN_VDD_180	0x04000000
#define  SDHCI_CAN_64BIT	0x10000000
#define SDHCI_CAPABILITIES_1	0x44
#define SDHCI_ADMA_ERROR	0x54	/* 8 bits */
#define SDHCI_ADMA_ADDRESS	0x58	/* 32 bits (+ 0x5c high for 64-bit) */
#define SDHCI_HOST_VERSION	0xfe	/* 16 bits: 7:0 spec version */
#define  SDHCI_SPEC_VER_MASK	0x00ff
#define  SDHCI_SPEC_100		0
#define  SDHCI_SPEC_200		1
#define  SDHCI_SPEC_300		2

/* ADMA2 32-bit descriptor (spec 1.13.3): attributes 15:0, length 31:16, address 63:32. */
#define ADMA2_VALID		0x01
#define ADMA2_END		0x02
#define ADMA2_INT		0x04
#define ADMA2_TRAN		0x20
#define ADMA2_CHUNK		0x8000	/* bytes per descriptor at most (the field: 65535) */

struct sdhci_adma2_desc {
	u16 attr;
	u16 len;
	u32 addr;
} __packed;

/* One slot of an SDHCI controller. */
struct sdhci_host {
	const char *hw_name;		/* "PCI": for the message */
	void *ioaddr;			/* the slot's registers (set by the glue) */
	int irq;			/* its interrupt (set by the glue) */
	struct mmc_host *mmc;
	spinlock_t lock;		/* everything below: request, irq, timer */

	unsigned int version;		/* SDHCI_SPEC_* */
	u32 caps;
	unsigned int max_clk;		/* base clock, Hz */
	unsigned int clock;		/* what set_ios last asked for */
	bool use_adma;			/* else PIO */
	struct sdhci_adma2_desc *adma_table;	/* one ZONE_DMA32 page */
	dma_addr_t adma_addr;

	struct mmc_request *mrq;	/* in flight, or NULL */
	struct mmc_command *cmd;	/* waiting for its response */
	struct mmc_data *data;		/* waiting for its transfer to complete */
	bool busy;			/* an R1b command's busy end is due */
	bool stop_pending;		/* data done: send mrq->stop by hand */
	bool auto_cmd12;		/* this transfer ends with auto CMD12 */
	bool dma_xfer;			/* this transfer uses ADMA2 */
	bool warned_pio;		/* said once that a buffer needed PIO */
	unsigned int pio_blocks;	/* blocks still to move by PIO */
	unsigned int sg_idx, sg_off;	/* PIO position in data->sg */
	struct timer_list timer;	/* the software timeout */
	unsigned long nr_timeouts;	/* the timer fired */

	unsigned long private[] __aligned(sizeof(long));	/* the glue's */
};

/* A host for @dev with @priv bytes for the glue (sdhci_priv); NULL without memory. */
struct sdhci_host *sdhci_alloc_host(struct device *dev, size_t priv);
/*
 * Reset the controller, read what it can do, take its interrupt and
 * register it with the MMC core (which scans the card once interrupts
 * are on). 0, or -ENODEV (no base clock, no 3.3 V), -ETIMEDOUT (the
 * reset never ends), request_irq's or mmc_add_host's error.
 */
int sdhci_add_host(struct sdhci_host *host);

/* The @n-th host added (0 first), or NULL: for the in-kernel tests. */
struct sdhci_host *sdhci_find_host(unsigned int n);

static inline void *sdhci_priv(struct sdhci_host *host)
{
	return host->private;
}

#endif
