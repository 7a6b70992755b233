/*
 * SDHCI: the standard SD host controller (SD Host Controller Simplified
 * Specification 3.00; versions 1.00-3.00 register sets) as an MMC host:
 * reset, 3.3 V power, the clock divider (10-bit for v3, power of two
 * before), 1/4-bit bus and high speed; commands with every response
 * type, data by ADMA2 (32-bit) or by PIO through the buffer data port,
 * auto CMD12; all driven by the controller's interrupt, with a software
 * timeout for a controller that never raises it. "sdhci.dma=0" forces PIO.
 * Left out: SDMA, 64-bit ADMA, 1.8 V signalling and tuning (UHS), SDIO
 * interrupts, suspend. docs/mmc.md, "SDHCI on QEMU".
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/params.h>
#include <linux/interrupt.h>
#include <linux/highmem.h>
#include <linux/gfp.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/mmc/mmc.h>
#include <asm/io.h>
#include "sdhci.h"

#define SDHCI_RESET_POLLS	100000	/* register reads before a reset counts as stuck */
#define SDHCI_INHIBIT_POLLS	100000
#define SDHCI_CLOCK_WAIT_MS	20	/* the internal clock becomes stable within */
#define SDHCI_IRQ_LOOPS		16
#define SDHCI_TIMEOUT_MS	1000	/* software timeout: this plus the transfer at 1 MB/s */
#define SDHCI_MAX_SEGS		128
#define SDHCI_MAX_REQ		(512 * 1024)

#define SDHCI_INT_ENABLE_MASK	(SDHCI_INT_CMD_MASK | SDHCI_INT_DATA_MASK | \
				 SDHCI_INT_CARD_INSERT | SDHCI_INT_CARD_REMOVE)

static bool sdhci_dma_allowed = true;

#define SDHCI_MAX_HOSTS	4
static struct sdhci_host *sdhci_hosts[SDHCI_MAX_HOSTS];	/* added at boot, never removed */

/* "sdhci.dma=0" moves data by PIO, "sdhci.dma=1" (the default) by ADMA2 where the controller has it. */
static int sdhci_set_dma(char *val)
{
	int v;

	if (kstrtoint(val, 0, &v) || v < 0 || v > 1)
		return -EINVAL;
	sdhci_dma_allowed = v;
	return 0;
}
__setup("sdhci.dma=", sdhci_set_dma);

static inline u32 sdhci_readl(struct sdhci_host *h, int reg) { return readl(h->ioaddr + reg); }
static inline u16 sdhci_readw(struct sdhci_host *h, int reg) { return readw(h->ioaddr + reg); }
static inline u8 sdhci_readb(struct sdhci_host *h, int reg) { return readb(h->ioaddr + reg); }
static inline void sdhci_writel(struct sdhci_host *h, u32 v, int reg) { writel(v, h->ioaddr + reg); }
static inline void sdhci_writew(struct sdhci_host *h, u16 v, int reg) { writew(v, h->ioaddr + reg); }
static inline void sdhci_writeb(struct sdhci_host *h, u8 v, int reg) { writeb(v, h->ioaddr + reg); }

/* ---- reset, power, clock ------------------------------------------------- */

/*
 * Software reset of @mask (SDHCI_RESET_*), polled until the controller
 * clears it (never sleeps: used from the interrupt path). 0 or -ETIMEDOUT.
 */
static int sdhci_reset(struct sdhci_host *host, u8 mask)
{
	int i;

	sdhci_writeb(host, mask, SDHCI_SOFTWARE_RESET);
	for (i = 0; i < SDHCI_RESET_POLLS; i++)
		if (!(sdhci_readb(host, SDHCI_SOFTWARE_RESET) & mask))
			return 0;
	pr_err("%s: reset 0x%x never completed\n", mmc_hostname(host->mmc), mask);
	return -ETIMEDOUT;
}

/* Turn every interrupt source we handle on, as status and as signal. */
static void sdhci_enable_irqs(struct sdhci_host *host)
{
	sdhci_writel(host, SDHCI_INT_ENABLE_MASK, SDHCI_INT_ENABLE);
	sdhci_writel(host, SDHCI_INT_ENABLE_MASK, SDHCI_SIGNAL_ENABLE);
}

/* Bus power: off, or 3.3 V (the only voltage rivet offers; spec 3.2.1). */
static void sdhci_set_power(struct sdhci_host *host, bool on)
{
	if (!on) {
		sdhci_writeb(host, 0, SDHCI_POWER_CONTROL);
		return;
	}
	sdhci_writeb(host, SDHCI_POWER_330, SDHCI_POWER_CONTROL);
	sdhci_writeb(host, SDHCI_POWER_330 | SDHCI_POWER_ON, SDHCI_POWER_CONTROL);
}

/*
 * The Clock Control value for at most @clock Hz: v3's 10-bit divided
 * clock mode (base / 2N, N = 0 for the base itself), or before v3 a power
 * of two from 1 to 256 in bits 15:8 (spec 2.2.14). *actual gets the result.
 */
static u16 sdhci_clock_divider(struct sdhci_host *host, unsigned int clock,
			       unsigned int *actual)
{
	unsigned int div, n;

	if (host->version >= SDHCI_SPEC_300) {
		for (div = 1; div < 2046 && host->max_clk / div > clock; div = div == 1 ? 2 : div + 2)
			;
		n = div / 2;
		*actual = host->max_clk / div;
		return (n & 0xff) << SDHCI_DIVIDER_SHIFT |
		       ((n >> 8) & 0x3) << SDHCI_DIVIDER_HI_SHIFT;
	}
	for (div = 1; div < 256 && host->max_clk / div > clock; div *= 2)
		;
	*actual = host->max_clk / div;
	return (div / 2) << SDHCI_DIVIDER_SHIFT;
}

/*
 * Stop the card clock, then (if @clock) start the internal clock at the
 * divider for @clock, wait until it is stable, and give it to the card
 * (spec 3.2.3). May sleep (set_ios).
 */
static void sdhci_set_clock(struct sdhci_host *host, unsigned int clock)
{
	unsigned int actual, ms;
	u16 clk;

	sdhci_writew(host, 0, SDHCI_CLOCK_CONTROL);
	host->clock = clock;
	if (!clock)
		return;
	clk = sdhci_clock_divider(host, clock, &actual) | SDHCI_CLOCK_INT_EN;
	sdhci_writew(host, clk, SDHCI_CLOCK_CONTROL);
	for (ms = 0; !(sdhci_readw(host, SDHCI_CLOCK_CONTROL) & SDHCI_CLOCK_INT_STABLE); ms++) {
		if (ms == SDHCI_CLOCK_WAIT_MS) {
			pr_err("%s: internal clock never stabilised\n", mmc_hostname(host->mmc));
			return;
		}
		msleep(1);
	}
	sdhci_writew(host, clk | SDHCI_CLOCK_CARD_EN, SDHCI_CLOCK_CONTROL);
}

/* mmc_host_ops.set_ios: power, clock, bus width and timing as the core asks. */
static void sdhci_set_ios(struct mmc_host *mmc, struct mmc_ios *ios)
{
	struct sdhci_host *host = mmc_priv(mmc);
	u8 ctrl;

	if (ios->power_mode == MMC_POWER_OFF) {
		sdhci_set_clock(host, 0);
		sdhci_set_power(host, false);
		return;
	}
	sdhci_set_power(host, true);
	if (ios->clock != host->clock)
		sdhci_set_clock(host, ios->clock);
	ctrl = sdhci_readb(host, SDHCI_HOST_CONTROL);
	ctrl &= ~(SDHCI_CTRL_4BITBUS | SDHCI_CTRL_8BITBUS | SDHCI_CTRL_HISPD);
	if (ios->bus_width == MMC_BUS_WIDTH_4)
		ctrl |= SDHCI_CTRL_4BITBUS;
	else if (ios->bus_width == MMC_BUS_WIDTH_8)
		ctrl |= SDHCI_CTRL_8BITBUS;
	if (ios->timing == MMC_TIMING_SD_HS && (host->caps & SDHCI_CAN_DO_HISPD))
		ctrl |= SDHCI_CTRL_HISPD;
	sdhci_writeb(host, ctrl, SDHCI_HOST_CONTROL);
}

/* mmc_host_ops.get_cd: Present State's card-inserted bit. */
static int sdhci_get_cd(struct mmc_host *mmc)
{
	struct sdhci_host *host = mmc_priv(mmc);

	return !!(sdhci_readl(host, SDHCI_PRESENT_STATE) & SDHCI_CARD_PRESENT);
}

/* mmc_host_ops.get_ro: the write-protect pin (high = writable). */
static int sdhci_get_ro(struct mmc_host *mmc)
{
	struct sdhci_host *host = mmc_priv(mmc);

	return !(sdhci_readl(host, SDHCI_PRESENT_STATE) & SDHCI_WRITE_PROTECT);
}

/* ---- PIO ----------------------------------------------------------------- */

/*
 * Copy @len bytes between @buf and the data's scatter list at the PIO
 * position, page by page through kmap_atomic (pages may be HighMem), and
 * advance the position. A list shorter than the data ends the copy.
 */
static void sdhci_sg_copy(struct sdhci_host *host, void *buf, unsigned int len,
			  bool to_sg)
{
	struct mmc_data *data = host->data;
	char *b = buf;

	while (len && host->sg_idx < data->sg_len) {
		struct scatterlist *sg = &data->sg[host->sg_idx];
		unsigned long off = sg->offset + host->sg_off;
		struct page *page = pfn_to_page(page_to_pfn(sg_page(sg)) + off / PAGE_SIZE);
		unsigned int in_page = off % PAGE_SIZE;
		unsigned int n = min(len, min(sg->length - host->sg_off,
					      (unsigned int)PAGE_SIZE - in_page));
		char *va = kmap_atomic(page);

		if (to_sg)
			memcpy(va + in_page, b, n);
		else
			memcpy(b, va + in_page, n);
		kunmap_atomic(va);
		b += n;
		len -= n;
		host->sg_off += n;
		if (host->sg_off == sg->length) {
			host->sg_idx++;
			host->sg_off = 0;
		}
	}
}

/* Move one block through the buffer data port (32 bits a word, spec 1.7). */
static void sdhci_pio_block(struct sdhci_host *host, bool read)
{
	u32 buf[512 / 4];
	unsigned int words = (host->data->blksz + 3) / 4, i;

	if (read) {
		for (i = 0; i < words; i++)
			buf[i] = sdhci_readl(host, SDHCI_BUFFER);
		sdhci_sg_copy(host, buf, host->data->blksz, true);
	} else {
		sdhci_sg_copy(host, buf, host->data->blksz, false);
		for (i = 0; i < words; i++)
			sdhci_writel(host, buf[i], SDHCI_BUFFER);
	}
	host->pio_blocks--;
}

/* Buffer Read/Write Ready: move every block the buffer is ready for. */
static void sdhci_transfer_pio(struct sdhci_host *host)
{
	bool read = host->data->flags & MMC_DATA_READ;
	u32 ready = read ? SDHCI_DATA_AVAILABLE : SDHCI_SPACE_AVAILABLE;

	while (host->pio_blocks && (sdhci_readl(host, SDHCI_PRESENT_STATE) & ready))
		sdhci_pio_block(host, read);
}

/* ---- ADMA2 --------------------------------------------------------------- */

/*
 * Fill the descriptor table for @data: one TRAN descriptor per piece of at
 * most ADMA2_CHUNK bytes, the last one with END. -EINVAL if a segment is
 * not 4-byte aligned or reaches above 4 GiB (the caller then uses PIO),
 * -E2BIG if the table is too small.
 */
static int sdhci_adma_table_pre(struct sdhci_host *host, struct mmc_data *data)
{
	struct sdhci_adma2_desc *d = host->adma_table;
	unsigned int max = PAGE_SIZE / sizeof(*d), n = 0, i;

	for (i = 0; i < data->sg_len; i++) {
		dma_addr_t addr = sg_dma_address(&data->sg[i]);
		unsigned int len = sg_dma_len(&data->sg[i]), chunk;

		if (addr % 4 || addr + len - 1 > 0xffffffffULL || !len)
			return -EINVAL;
		for (; len; len -= chunk, addr += chunk) {
			if (n == max)
				return -E2BIG;
			chunk = min(len, (unsigned int)ADMA2_CHUNK);
			d[n].attr = ADMA2_VALID | ADMA2_TRAN;
			d[n].len = chunk;
			d[n].addr = addr;
			n++;
		}
	}
	if (!n)
		return -EINVAL;
	d[n - 1].attr |= ADMA2_END;
	return 0;
}

/* ---- commands and data --------------------------------------------------- */

/*
 * Program the data phase of the next command: block size and count, the
 * timeout, ADMA2 (if allowed and the list suits it) or PIO's position.
 */
static void sdhci_prepare_data(struct sdhci_host *host, struct mmc_data *data)
{
	u8 ctrl;

	host->data = data;
	data->bytes_xfered = 0;
	data->error = 0;
	host->dma_xfer = host->use_adma && sdhci_adma_table_pre(host, data) == 0;
	if (host->use_adma && !host->dma_xfer && !host->warned_pio) {
		/* the core bounces pages above max_dma_addr: this is an odd buffer */
		pr_warn("%s: a buffer ADMA2 cannot reach (unaligned or above 4 GiB): PIO for it\n",
			mmc_hostname(host->mmc));
		host->warned_pio = true;
	}
	host->pio_blocks = data->blocks;
	host->sg_idx = 0;
	host->sg_off = 0;
	ctrl = sdhci_readb(host, SDHCI_HOST_CONTROL) & ~SDHCI_CTRL_DMA_MASK;
	if (host->dma_xfer) {
		ctrl |= SDHCI_CTRL_ADMA32;
		sdhci_writel(host, (u32)host->adma_addr, SDHCI_ADMA_ADDRESS);
	}
	sdhci_writeb(host, ctrl, SDHCI_HOST_CONTROL);
	sdhci_writeb(host, SDHCI_TIMEOUT_MAX, SDHCI_TIMEOUT_CONTROL);
	sdhci_writel(host, SDHCI_MAKE_BLKSZ(7, data->blksz) | data->blocks << 16,
		     SDHCI_BLOCK_SIZE);
}

/* The Command register's flags for @cmd's response type and data. */
static u16 sdhci_cmd_flags(const struct mmc_command *cmd)
{
	u16 flags;

	if (!(cmd->flags & MMC_RSP_PRESENT))
		flags = SDHCI_CMD_RESP_NONE;
	else if (cmd->flags & MMC_RSP_136)
		flags = SDHCI_CMD_RESP_LONG;
	else if (cmd->flags & MMC_RSP_BUSY)
		flags = SDHCI_CMD_RESP_SHORT_BUSY;
	else
		flags = SDHCI_CMD_RESP_SHORT;
	if (cmd->flags & MMC_RSP_CRC)
		flags |= SDHCI_CMD_CRC;
	if (cmd->flags & MMC_RSP_OPCODE)
		flags |= SDHCI_CMD_INDEX;
	if (cmd->data)
		flags |= SDHCI_CMD_DATA;
	if (cmd->opcode == MMC_STOP_TRANSMISSION)
		flags |= SDHCI_CMD_ABORTCMD;
	return flags;
}

/*
 * Issue @cmd (and program its data phase). Returns 0, or -EIO if the
 * CMD/DAT lines stay inhibited (cmd->error set; the caller finishes).
 */
static int sdhci_send_command(struct sdhci_host *host, struct mmc_command *cmd)
{
	struct mmc_data *data = cmd->data;
	u32 inhibit = SDHCI_CMD_INHIBIT;
	u16 mode = 0;
	int i;

	if (data || (cmd->flags & MMC_RSP_BUSY))
		inhibit |= SDHCI_DATA_INHIBIT;
	for (i = 0; sdhci_readl(host, SDHCI_PRESENT_STATE) & inhibit; i++) {
		if (i == SDHCI_INHIBIT_POLLS) {
			pr_err("%s: controller busy, CMD%u not sent\n",
			       mmc_hostname(host->mmc), cmd->opcode);
			cmd->error = -EIO;
			return -EIO;
		}
	}
	cmd->error = 0;
	host->cmd = cmd;
	host->busy = false;
	host->auto_cmd12 = false;
	if (data) {
		sdhci_prepare_data(host, data);
		mode = SDHCI_TRNS_BLK_CNT_EN;
		if (data->blocks > 1) {
			mode |= SDHCI_TRNS_MULTI;
			if (data->stop && !host->mrq->sbc) {
				mode |= SDHCI_TRNS_AUTO_CMD12;
				host->auto_cmd12 = true;
			}
		}
		if (data->flags & MMC_DATA_READ)
			mode |= SDHCI_TRNS_READ;
		if (host->dma_xfer)
			mode |= SDHCI_TRNS_DMA;
	}
	sdhci_writel(host, cmd->arg, SDHCI_ARGUMENT);
	/* one 32-bit write: Transfer Mode, then the Command register, which issues */
	sdhci_writel(host, (u32)SDHCI_MAKE_CMD(cmd->opcode, sdhci_cmd_flags(cmd)) << 16 | mode,
		     SDHCI_TRANSFER_MODE);
	return 0;
}

/*
 * The request is over: disarm the timer, reset the CMD and DAT lines if
 * anything failed (spec 3.10), forget it. Returns it for the caller to
 * hand to mmc_request_done once the lock is dropped.
 */
static struct mmc_request *sdhci_finish_mrq(struct sdhci_host *host)
{
	struct mmc_request *mrq = host->mrq;

	del_timer(&host->timer);
	if ((mrq->sbc && mrq->sbc->error) || mrq->cmd->error ||
	    (mrq->data && mrq->data->error) || (mrq->stop && mrq->stop->error)) {
		sdhci_reset(host, SDHCI_RESET_CMD);
		sdhci_reset(host, SDHCI_RESET_DATA);
	}
	host->mrq = NULL;
	host->cmd = NULL;
	host->data = NULL;
	host->busy = false;
	host->stop_pending = false;
	return mrq;
}

/*
 * Next step of the request once nothing is in flight: the stop command by
 * hand if due, else the end. Returns the finished request or NULL.
 */
static struct mmc_request *sdhci_advance(struct sdhci_host *host)
{
	struct mmc_request *mrq = host->mrq;

	if (!mrq || host->cmd || host->busy || host->data)
		return NULL;
	if (host->stop_pending) {
		host->stop_pending = false;
		if (sdhci_send_command(host, mrq->stop) == 0)
			return NULL;
	}
	return sdhci_finish_mrq(host);
}

/* Copy the response of @cmd out of the Response registers into the contract's order. */
static void sdhci_read_response(struct sdhci_host *host, struct mmc_command *cmd)
{
	u32 r[4];
	int i;

	if (!(cmd->flags & MMC_RSP_PRESENT))
		return;
	if (!(cmd->flags & MMC_RSP_136)) {
		cmd->resp[0] = sdhci_readl(host, SDHCI_RESPONSE);
		return;
	}
	/* R2: registers hold bits 127:8 of the CID/CSD in 119:0 (CRC stripped) */
	for (i = 0; i < 4; i++)
		r[i] = sdhci_readl(host, SDHCI_RESPONSE + 4 * i);
	cmd->resp[0] = r[3] << 8 | r[2] >> 24;
	cmd->resp[1] = r[2] << 8 | r[1] >> 24;
	cmd->resp[2] = r[1] << 8 | r[0] >> 24;
	cmd->resp[3] = r[0] << 8;
}

/* Command complete or a command error, for host->cmd. */
static void sdhci_cmd_irq(struct sdhci_host *host, u32 intmask)
{
	struct mmc_command *cmd = host->cmd;
	struct mmc_request *mrq = host->mrq;

	if (!cmd)
		return;
	if (intmask & (SDHCI_INT_TIMEOUT | SDHCI_INT_CRC | SDHCI_INT_END_BIT | SDHCI_INT_INDEX)) {
		if (intmask & SDHCI_INT_TIMEOUT)
			cmd->error = -ETIMEDOUT;
		else if (intmask & SDHCI_INT_CRC)
			cmd->error = -EILSEQ;
		else
			cmd->error = -EIO;
		host->cmd = NULL;
		host->data = NULL;	/* its data phase never starts */
		host->stop_pending = false;
		return;
	}
	if (!(intmask & SDHCI_INT_RESPONSE))
		return;
	sdhci_read_response(host, cmd);
	host->cmd = NULL;
	if (cmd == mrq->sbc) {
		if (sdhci_send_command(host, mrq->cmd))
			host->cmd = NULL;
		return;
	}
	if ((cmd->flags & MMC_RSP_BUSY) && !cmd->data)
		host->busy = true;	/* Transfer Complete marks the end of busy */
}

/* The error of a data phase from the interrupt status (and Auto CMD Error Status). */
static int sdhci_data_error(struct sdhci_host *host, u32 intmask)
{
	if (intmask & SDHCI_INT_DATA_TIMEOUT)
		return -ETIMEDOUT;
	if (intmask & SDHCI_INT_DATA_CRC)
		return -EILSEQ;
	if (intmask & SDHCI_INT_ADMA_ERROR)
		pr_err("%s: ADMA error 0x%x at descriptor address 0x%x\n",
		       mmc_hostname(host->mmc), sdhci_readb(host, SDHCI_ADMA_ERROR),
		       sdhci_readl(host, SDHCI_ADMA_ADDRESS));
	return -EIO;
}

/* Transfer events and data errors, for host->data (or an R1b's busy end). */
static void sdhci_data_irq(struct sdhci_host *host, u32 intmask)
{
	struct mmc_data *data = host->data;
	u32 errs = intmask & SDHCI_INT_DATA_MASK & ~(SDHCI_INT_DATA_END | SDHCI_INT_DMA_END |
						      SDHCI_INT_DATA_AVAIL | SDHCI_INT_SPACE_AVAIL);

	if (!data) {
		if (host->busy && (intmask & (SDHCI_INT_DATA_END | SDHCI_INT_DATA_TIMEOUT))) {
			if (intmask & SDHCI_INT_DATA_TIMEOUT)
				host->mrq->cmd->error = -ETIMEDOUT;
			host->busy = false;
		}
		return;
	}
	if (errs && (intmask & SDHCI_INT_AUTO_CMD_ERR) && host->mrq->stop) {
		u16 acmd = sdhci_readw(host, SDHCI_AUTO_CMD_STATUS);

		host->mrq->stop->error = acmd & SDHCI_AUTO_CMD_TIMEOUT ? -ETIMEDOUT :
					 acmd & SDHCI_AUTO_CMD_CRC ? -EILSEQ : -EIO;
		errs &= ~SDHCI_INT_AUTO_CMD_ERR;
		if (!errs) {	/* the data itself went through */
			data->bytes_xfered = data->blocks * data->blksz;
			host->data = NULL;
			return;
		}
	}
	if (errs) {
		/* the card may still be sending: reset the lines, then stop it by hand */
		data->error = sdhci_data_error(host, errs);
		if (!host->dma_xfer && (data->flags & MMC_DATA_READ))
			data->bytes_xfered = (data->blocks - host->pio_blocks) * data->blksz;
		host->data = NULL;
		if (host->cmd) {	/* its response is lost with the reset */
			host->cmd->error = -EIO;
			host->cmd = NULL;
		}
		sdhci_reset(host, SDHCI_RESET_CMD);
		sdhci_reset(host, SDHCI_RESET_DATA);
		host->stop_pending = data->stop != NULL;
		return;
	}
	if (!host->dma_xfer && (intmask & (SDHCI_INT_DATA_AVAIL | SDHCI_INT_SPACE_AVAIL)))
		sdhci_transfer_pio(host);
	if (intmask & SDHCI_INT_DATA_END) {
		if (!host->dma_xfer && host->pio_blocks)
			sdhci_transfer_pio(host);	/* the last block's ready bit may come with it */
		data->bytes_xfered = (data->blocks - (host->dma_xfer ? 0 : host->pio_blocks)) *
				     data->blksz;
		if (host->auto_cmd12 && host->mrq->stop) {
			host->mrq->stop->error = 0;
			host->mrq->stop->resp[0] = sdhci_readl(host, SDHCI_RESPONSE + 12);
		}
		if (!host->dma_xfer && host->pio_blocks)
			data->error = -EIO;
		host->data = NULL;
		host->stop_pending = data->stop && !host->auto_cmd12;
	}
}

/*
 * The controller's interrupt (interrupts off): acknowledge and handle
 * each status bit; completes the request once all of it is done.
 */
static void sdhci_irq(unsigned int irq, void *dev_id)
{
	struct sdhci_host *host = dev_id;
	struct mmc_request *done = NULL;
	unsigned long flags;
	bool detect = false;
	u32 intmask;
	int loops;

	spin_lock_irqsave(&host->lock, flags);
	for (loops = 0; loops < SDHCI_IRQ_LOOPS; loops++) {
		intmask = sdhci_readl(host, SDHCI_INT_STATUS);
		if (!intmask || intmask == 0xffffffff)
			break;
		sdhci_writel(host, intmask, SDHCI_INT_STATUS);
		if (intmask & (SDHCI_INT_CARD_INSERT | SDHCI_INT_CARD_REMOVE))
			detect = true;
		if (host->mrq) {
			if (intmask & SDHCI_INT_CMD_MASK)
				sdhci_cmd_irq(host, intmask & SDHCI_INT_CMD_MASK);
			if (intmask & SDHCI_INT_DATA_MASK)
				sdhci_data_irq(host, intmask & SDHCI_INT_DATA_MASK);
			done = sdhci_advance(host);
		}
		if (done)
			break;
	}
	spin_unlock_irqrestore(&host->lock, flags);
	if (done)
		mmc_request_done(host->mmc, done);
	if (detect && !(host->mmc->caps & MMC_CAP_NONREMOVABLE))
		mmc_detect_change(host->mmc, msecs_to_jiffies(200));
}

/*
 * The software timeout: the controller never finished the request (no
 * card behind it, or a bug). The part in flight ends -ETIMEDOUT, the
 * lines are reset, the request is handed back.
 */
static void sdhci_timeout_timer(struct timer_list *t)
{
	struct sdhci_host *host = from_timer(host, t, timer);
	struct mmc_request *done = NULL;
	unsigned long flags;

	spin_lock_irqsave(&host->lock, flags);
	if (host->mrq) {
		pr_err("%s: timeout waiting for the controller (CMD%u%s)\n",
		       mmc_hostname(host->mmc), host->mrq->cmd->opcode,
		       host->data ? ", data" : "");
		host->nr_timeouts++;
		if (host->data)
			host->data->error = -ETIMEDOUT;
		else if (host->cmd)
			host->cmd->error = -ETIMEDOUT;
		else
			host->mrq->cmd->error = -ETIMEDOUT;
		done = sdhci_finish_mrq(host);
	}
	spin_unlock_irqrestore(&host->lock, flags);
	if (done)
		mmc_request_done(host->mmc, done);
}

/* The software timeout for @mrq: 1 s, the card's busy time, and its data at 1 MB/s. */
static unsigned long sdhci_timeout_jiffies(const struct mmc_request *mrq)
{
	unsigned int ms = SDHCI_TIMEOUT_MS;

	if (mrq->cmd->flags & MMC_RSP_BUSY)
		ms += mrq->cmd->busy_timeout;
	if (mrq->data)
		ms += mrq->data->blocks * mrq->data->blksz / 1000;
	return msecs_to_jiffies(ms);
}

/* mmc_host_ops.request: start @mrq; the interrupt (or the timer) ends it. */
static void sdhci_request(struct mmc_host *mmc, struct mmc_request *mrq)
{
	struct sdhci_host *host = mmc_priv(mmc);
	struct mmc_request *done = NULL;
	unsigned long flags;
	int err;

	spin_lock_irqsave(&host->lock, flags);
	WARN_ON(host->mrq);
	host->mrq = mrq;
	host->stop_pending = false;
	if (!(sdhci_readl(host, SDHCI_PRESENT_STATE) & SDHCI_CARD_PRESENT)) {
		mrq->cmd->error = -ENOMEDIUM;
		done = sdhci_finish_mrq(host);
	} else {
		mod_timer(&host->timer, jiffies + sdhci_timeout_jiffies(mrq));
		err = sdhci_send_command(host, mrq->sbc ? mrq->sbc : mrq->cmd);
		if (err)
			done = sdhci_finish_mrq(host);
	}
	spin_unlock_irqrestore(&host->lock, flags);
	if (done)
		mmc_request_done(mmc, done);
}

static const struct mmc_host_ops sdhci_ops = {
	.request = sdhci_request,
	.set_ios = sdhci_set_ios,
	.get_cd = sdhci_get_cd,
	.get_ro = sdhci_get_ro,
};

/* ---- registration -------------------------------------------------------- */

struct sdhci_host *sdhci_alloc_host(struct device *dev, size_t priv)
{
	struct mmc_host *mmc = mmc_alloc_host(sizeof(struct sdhci_host) + priv, dev);
	struct sdhci_host *host;

	if (!mmc)
		return NULL;
	host = mmc_priv(mmc);
	host->mmc = mmc;
	spin_lock_init(&host->lock);
	timer_setup(&host->timer, sdhci_timeout_timer, 0);
	mmc->ops = &sdhci_ops;
	return host;
}

/* ADMA2 if allowed and offered (v2.00 on): its table in ZONE_DMA32. */
static void sdhci_setup_dma(struct sdhci_host *host)
{
	unsigned long table;

	if (!sdhci_dma_allowed || host->version < SDHCI_SPEC_200 ||
	    !(host->caps & SDHCI_CAN_DO_ADMA2))
		return;
	table = __get_free_pages(GFP_KERNEL | GFP_DMA32, 0);
	if (!table)
		return;
	host->adma_table = (void *)table;
	host->adma_addr = __pa((void *)table);
	host->use_adma = true;
	host->mmc->max_dma_addr = 0xffffffff;
}

/* What the controller can do, from its version and Capabilities: 0 or -ENODEV. */
static int sdhci_read_caps(struct sdhci_host *host)
{
	struct mmc_host *mmc = host->mmc;
	u32 mhz;

	host->version = sdhci_readw(host, SDHCI_HOST_VERSION) & SDHCI_SPEC_VER_MASK;
	host->caps = sdhci_readl(host, SDHCI_CAPABILITIES);
	mhz = (host->caps & (host->version >= SDHCI_SPEC_300 ? SDHCI_CLOCK_V3_BASE_MASK :
			     SDHCI_CLOCK_BASE_MASK)) >> SDHCI_CLOCK_BASE_SHIFT;
	if (!mhz) {
		pr_err("%s: no base clock in the capabilities (0x%08x)\n",
		       mmc_hostname(mmc), host->caps);
		return -ENODEV;
	}
	if (!(host->caps & SDHCI_CAN_VDD_330)) {
		pr_err("%s: no 3.3 V support\n", mmc_hostname(mmc));
		return -ENODEV;
	}
	host->max_clk = mhz * 1000000;
	mmc->f_max = host->max_clk;
	mmc->f_min = host->max_clk / (host->version >= SDHCI_SPEC_300 ? 2046 : 256);
	mmc->ocr_avail = MMC_VDD_32_33 | MMC_VDD_33_34;
	mmc->caps |= MMC_CAP_4_BIT_DATA | MMC_CAP_AUTO_STOP;
	if (host->caps & SDHCI_CAN_DO_HISPD)
		mmc->caps |= MMC_CAP_SD_HIGHSPEED;
	mmc->max_blk_size = 512;
	mmc->max_req_size = SDHCI_MAX_REQ;
	mmc->max_blk_count = SDHCI_MAX_REQ / 512;
	mmc->max_segs = SDHCI_MAX_SEGS;
	mmc->max_seg_size = SDHCI_MAX_REQ;
	return 0;
}

int sdhci_add_host(struct sdhci_host *host)
{
	struct mmc_host *mmc = host->mmc;
	int err, i;

	err = sdhci_reset(host, SDHCI_RESET_ALL);
	if (!err)
		err = sdhci_read_caps(host);
	if (err)
		return err;
	sdhci_setup_dma(host);
	err = request_irq(host->irq, sdhci_irq, host);
	if (err) {
		pr_err("%s: cannot take irq %d: %d\n", mmc_hostname(mmc), host->irq, err);
		goto undo_dma;
	}
	sdhci_writel(host, 0xffffffff, SDHCI_INT_STATUS);
	sdhci_enable_irqs(host);
	err = mmc_add_host(mmc);
	if (err) {
		sdhci_writel(host, 0, SDHCI_SIGNAL_ENABLE);
		goto undo_dma;
	}
	for (i = 0; i < SDHCI_MAX_HOSTS; i++)
		if (!sdhci_hosts[i]) {
			sdhci_hosts[i] = host;
			break;
		}
	pr_info("%s: SDHCI controller v%u.00 on %s [%s] using %s, irq %d, base clock %u MHz\n",
		mmc_hostname(mmc), host->version + 1, host->hw_name, dev_name(mmc->parent),
		host->use_adma ? "ADMA2" : "PIO", host->irq, host->max_clk / 1000000);
	return 0;

undo_dma:
	if (host->adma_table)
		free_pages((unsigned long)host->adma_table, 0);
	host->adma_table = NULL;
	host->use_adma = false;
	return err;
}

struct sdhci_host *sdhci_find_host(unsigned int n)
{
	return n < SDHCI_MAX_HOSTS ? sdhci_hosts[n] : NULL;
}
