/*
 * Synopsys DesignWare MSHC host driver: the SD slots of the VisionFive 2
 * ("starfive,jh7110-mmc", or "snps,dw-mshc" in U-Boot's tree) and the
 * VisionFive v1 ("snps,dw-mshc"). Follows the databook's register model
 * (docs/mmc.md, "DesignWare MSHC"): interrupt-driven commands, the
 * internal DMA controller (IDMAC, chained 32- or 64-bit descriptors) or
 * PIO through the data FIFO, auto-stop after multi-block transfers, a
 * software timeout per request. Leaves out SDIO interrupts, UHS/DDR
 * timings and tuning, card-detect GPIOs (such slots are polled), the
 * external DMA interfaces, and DMA on non-coherent SoCs (PIO there).
 */
#include <linux/mmc/host.h>
#include <linux/mmc/core.h>
#include <linux/mmc/mmc.h>
#include <linux/platform_device.h>
#include <linux/interrupt.h>
#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/params.h>
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/of.h>
#include <asm/io.h>
#include "dw_mmc.h"

#define DW_POLL_LIMIT		200000	/* register reads before a poll gives up */
#define DW_ASSUMED_HZ		50000000	/* cclk_in when the tree does not say */
#define DW_REQ_TIMEOUT_MS	1000	/* plus the transfer time */
#define DW_BUSY_TIMEOUT_MS	1000	/* R1b without a busy_timeout */
#define DW_IRQ_LOOPS		16

/* What every request listens to; PIO adds RXDR/TXDR for its transfers. */
#define DW_INTMASK_BASE	(SDMMC_INT_CD | SDMMC_INT_CMD_DONE | SDMMC_INT_DTO | \
			 SDMMC_INT_ACD | SDMMC_INT_CMD_ERROR | SDMMC_INT_DATA_ERROR)

bool dw_mci_force_pio;

/* "dw_mmc.pio" or "dw_mmc.pio=1": never use the IDMAC. */
static int dw_mci_set_pio(char *val)
{
	dw_mci_force_pio = !val || strcmp(val, "0");
	return 0;
}
__setup("dw_mmc.pio", dw_mci_set_pio);

/* Register @off of @h. */
static inline u32 mci_readl(struct dw_mci *h, unsigned int off)
{
	return readl(h->regs + off);
}

static inline void mci_writel(struct dw_mci *h, unsigned int off, u32 v)
{
	writel(v, h->regs + off);
}

/* The IDMAC status and interrupt-enable registers move in 64-bit mode. */
static unsigned int dw_idsts(struct dw_mci *h)
{
	return h->dma64 ? SDMMC_IDSTS64 : SDMMC_IDSTS;
}

static unsigned int dw_idinten(struct dw_mci *h)
{
	return h->dma64 ? SDMMC_IDINTEN64 : SDMMC_IDINTEN;
}

/* Polls register @off until the bits of @mask read 0: 0, or -ETIMEDOUT. */
static int dw_mci_wait_clear(struct dw_mci *h, unsigned int off, u32 mask)
{
	unsigned int i;

	for (i = 0; i < DW_POLL_LIMIT; i++)
		if (!(mci_readl(h, off) & mask))
			return 0;
	return -ETIMEDOUT;
}

/* Sets the self-clearing reset @bits of CTRL and waits for them: 0 or -ETIMEDOUT. */
static int dw_mci_ctrl_reset(struct dw_mci *h, u32 bits)
{
	mci_writel(h, SDMMC_CTRL, mci_readl(h, SDMMC_CTRL) | bits);
	if (dw_mci_wait_clear(h, SDMMC_CTRL, bits)) {
		dev_err(h->dev, "reset 0x%x of CTRL did not finish\n", bits);
		return -ETIMEDOUT;
	}
	return 0;
}

/* Resets the IDMAC (BMOD software reset): 0 or -ETIMEDOUT. */
static int dw_mci_idmac_reset(struct dw_mci *h)
{
	mci_writel(h, SDMMC_BMOD, mci_readl(h, SDMMC_BMOD) | SDMMC_BMOD_SWR);
	if (dw_mci_wait_clear(h, SDMMC_BMOD, SDMMC_BMOD_SWR)) {
		dev_err(h->dev, "IDMAC reset did not finish\n");
		return -ETIMEDOUT;
	}
	return 0;
}

/*
 * The "update clock registers only" command: makes the CIU load CLKDIV,
 * CLKSRC and CLKENA. No command-done interrupt follows; the start bit
 * clears once it is taken. 0 or -ETIMEDOUT.
 */
static int dw_mci_update_clock(struct dw_mci *h)
{
	if (dw_mci_wait_clear(h, SDMMC_CMD, SDMMC_CMD_START))
		return -ETIMEDOUT;
	mci_writel(h, SDMMC_CMDARG, 0);
	mci_writel(h, SDMMC_CMD, SDMMC_CMD_START | SDMMC_CMD_UPD_CLK |
		   SDMMC_CMD_PRV_DAT_WAIT | SDMMC_CMD_USE_HOLD_REG);
	if (dw_mci_wait_clear(h, SDMMC_CMD, SDMMC_CMD_START)) {
		dev_err(h->dev, "clock update command not taken\n");
		return -ETIMEDOUT;
	}
	return 0;
}

/*
 * CLKDIV for a card clock of at most @hz: cclk_in / (2 div), div 0 =
 * cclk_in itself. With an assumed cclk_in, identification speeds get the
 * largest divider, which stays below 400 kHz for any cclk_in up to 200 MHz.
 */
static u32 dw_mci_clkdiv(struct dw_mci *h, unsigned int hz)
{
	unsigned long div;

	if (h->bus_hz_assumed && hz <= 400000)
		return 255;
	if (hz >= h->bus_hz)
		return 0;
	div = DIV_ROUND_UP(h->bus_hz, 2UL * hz);
	return div > 255 ? 255 : div;
}

/*
 * Stops the card clock, loads the divider for @hz and starts it again
 * (0: stopped). Waits for the card to release DAT0 first. Bounded polls.
 */
static void dw_mci_set_clock(struct dw_mci *h, unsigned int hz)
{
	u32 div;

	if (dw_mci_wait_clear(h, SDMMC_STATUS, SDMMC_STATUS_BUSY))
		dev_warn(h->dev, "card still busy before a clock change\n");
	mci_writel(h, SDMMC_CLKENA, 0);
	if (dw_mci_update_clock(h) || !hz) {
		h->card_hz = 0;
		return;
	}
	div = dw_mci_clkdiv(h, hz);
	mci_writel(h, SDMMC_CLKDIV, div);
	mci_writel(h, SDMMC_CLKSRC, 0);
	dw_mci_update_clock(h);
	mci_writel(h, SDMMC_CLKENA, SDMMC_CLKEN_ENABLE);
	dw_mci_update_clock(h);
	h->card_hz = div ? h->bus_hz / (2 * div) : h->bus_hz;
}

/* Is a card in the slot? CDETECT where the tree wires it, else yes. */
static bool dw_mci_card_present(struct dw_mci *h)
{
	if (h->dt.cd != DW_MCI_CD_CDETECT)
		return true;
	return !(mci_readl(h, SDMMC_CDETECT) & 1);
}

/* ---- ending a request ---------------------------------------------------- */

/*
 * Ends the request in flight (lock held): the caller calls
 * mmc_request_done for the returned request after unlocking.
 */
static struct mmc_request *dw_mci_end_request(struct dw_mci *h)
{
	struct mmc_request *mrq = h->mrq;

	del_timer(&h->timer);
	h->mrq = NULL;
	h->cmd = NULL;
	h->state = DW_IDLE;
	return mrq;
}

/* Tells the core @mrq (if any) is over; called without the lock. */
static void dw_mci_done(struct dw_mci *h, struct mmc_request *mrq)
{
	if (mrq)
		mmc_request_done(h->mmc, mrq);
}

/*
 * After a failed or abandoned transfer: reset the controller, its FIFO
 * and the IDMAC, and load the clock again, so the next request starts
 * clean. The interrupt mask and CTRL's enables survive.
 */
static void dw_mci_reset_datapath(struct dw_mci *h)
{
	h->nr_resets++;
	dw_mci_ctrl_reset(h, SDMMC_CTRL_ALL_RESET);
	if (h->use_dma) {
		dw_mci_idmac_reset(h);
		mci_writel(h, dw_idsts(h), SDMMC_IDMAC_ALL);
	}
	mci_writel(h, SDMMC_RINTSTS, ~SDMMC_INT_CD);
	dw_mci_update_clock(h);
}

/* ---- commands ------------------------------------------------------------ */

/* CMD register bits for @cmd (the start bit included). */
static u32 dw_mci_cmd_bits(struct dw_mci *h, struct mmc_command *cmd)
{
	u32 bits = SDMMC_CMD_START | SDMMC_CMD_USE_HOLD_REG | SDMMC_CMD_INDEX(cmd->opcode);

	if (cmd->opcode == MMC_STOP_TRANSMISSION)
		bits |= SDMMC_CMD_STOP;
	else if (cmd->opcode != MMC_SEND_STATUS && cmd->opcode != MMC_GO_IDLE_STATE)
		bits |= SDMMC_CMD_PRV_DAT_WAIT;
	if (h->need_init) {
		bits |= SDMMC_CMD_INIT;
		h->need_init = false;
	}
	if (cmd->flags & MMC_RSP_PRESENT) {
		bits |= SDMMC_CMD_RESP_EXP;
		if (cmd->flags & MMC_RSP_136)
			bits |= SDMMC_CMD_RESP_LONG;
		if (cmd->flags & MMC_RSP_CRC)
			bits |= SDMMC_CMD_RESP_CRC;
	}
	if (cmd->data) {
		bits |= SDMMC_CMD_DAT_EXP;
		if (cmd->data->flags & MMC_DATA_WRITE)
			bits |= SDMMC_CMD_DAT_WR;
		if (h->auto_stop)
			bits |= SDMMC_CMD_SEND_STOP;
	}
	return bits;
}

/*
 * Issues @cmd and moves to @state; its end comes as an interrupt. 0, or
 * -EIO if the CIU still holds the previous command (writing CMD then
 * would be a hardware-locked error).
 */
static int dw_mci_start_command(struct dw_mci *h, struct mmc_command *cmd,
				enum dw_mci_state state)
{
	cmd->error = 0;
	memset(cmd->resp, 0, sizeof(cmd->resp));
	if (dw_mci_wait_clear(h, SDMMC_CMD, SDMMC_CMD_START)) {
		dev_err(h->dev, "CIU did not take the previous command\n");
		cmd->error = -EIO;
		return -EIO;
	}
	h->cmd = cmd;
	h->state = state;
	mci_writel(h, SDMMC_CMDARG, cmd->arg);
	mci_writel(h, SDMMC_CMD, dw_mci_cmd_bits(h, cmd));
	return 0;
}

/* The errno of a command that ended with RINTSTS bits @st (0: none). */
static int dw_mci_cmd_errno(struct mmc_command *cmd, u32 st)
{
	if (st & SDMMC_INT_RTO)
		return -ETIMEDOUT;
	if ((st & SDMMC_INT_RCRC) && (cmd->flags & MMC_RSP_CRC))
		return -EILSEQ;
	if (st & (SDMMC_INT_RE | SDMMC_INT_HLE))
		return -EIO;
	return 0;
}

/* The errno of a transfer that ended with RINTSTS bits @st. */
static int dw_mci_data_errno(u32 st)
{
	if (st & SDMMC_INT_DCRC)
		return -EILSEQ;
	if (st & SDMMC_INT_DRTO)
		return -ETIMEDOUT;
	return -EIO;
}

/* Copies the response of the finished command into cmd->resp (core order). */
static void dw_mci_read_resp(struct dw_mci *h, struct mmc_command *cmd)
{
	if (!(cmd->flags & MMC_RSP_PRESENT))
		return;
	if (cmd->flags & MMC_RSP_136) {
		cmd->resp[0] = mci_readl(h, SDMMC_RESP3);
		cmd->resp[1] = mci_readl(h, SDMMC_RESP2);
		cmd->resp[2] = mci_readl(h, SDMMC_RESP1);
		cmd->resp[3] = mci_readl(h, SDMMC_RESP0);
	} else {
		cmd->resp[0] = mci_readl(h, SDMMC_RESP0);
	}
}

/* ---- data: IDMAC ----------------------------------------------------------- */

/* Fills descriptor @i of the ring (either layout). */
static void dw_mci_set_desc(struct dw_mci *h, unsigned int i, u32 flags, u32 len,
			    u64 buf, u64 next)
{
	if (h->dma64) {
		struct idmac_desc64 *d = (struct idmac_desc64 *)h->desc + i;

		d->des1 = 0;
		d->des2 = len;
		d->des3 = 0;
		d->des4 = (u32)buf;
		d->des5 = (u32)(buf >> 32);
		d->des6 = (u32)next;
		d->des7 = (u32)(next >> 32);
		d->des0 = flags;
	} else {
		struct idmac_desc32 *d = (struct idmac_desc32 *)h->desc + i;

		d->des1 = len;
		d->des2 = (u32)buf;
		d->des3 = (u32)next;
		d->des0 = flags;
	}
}

/*
 * Can the IDMAC move @data? Every piece word-aligned and, without 64-bit
 * addressing, below 4 GiB (the core bounces higher pages; this is the
 * safety net). Else the request goes by PIO.
 */
static bool dw_mci_dma_ok(struct dw_mci *h, struct mmc_data *data)
{
	unsigned int i, n = 0;

	for (i = 0; i < data->sg_len; i++) {
		struct scatterlist *sg = &data->sg[i];
		u64 a = sg_dma_address(sg);

		if ((a | sg->length) & (h->fifo_width - 1))
			return false;
		if (!h->dma64 && a + sg->length - 1 > 0xffffffffULL)
			return false;
		n += DIV_ROUND_UP(sg->length, IDMAC_DES_SIZE_MAX);
	}
	return n && n <= h->desc_count;
}

/* Builds the chained descriptor list for @data: first, middle ..., last. */
static void dw_mci_build_descs(struct dw_mci *h, struct mmc_data *data)
{
	unsigned int dsz = h->dma64 ? sizeof(struct idmac_desc64) : sizeof(struct idmac_desc32);
	unsigned int i, n = 0, total = 0, want = data->blksz * data->blocks;

	for (i = 0; i < data->sg_len && total < want; i++) {
		u64 a = sg_dma_address(&data->sg[i]);
		unsigned int left = min(data->sg[i].length, want - total);

		while (left) {
			unsigned int len = min(left, IDMAC_DES_SIZE_MAX);
			u32 flags = IDMAC_DES0_OWN | IDMAC_DES0_CH | IDMAC_DES0_DIC;

			if (n == 0)
				flags |= IDMAC_DES0_FD;
			dw_mci_set_desc(h, n, flags, len, a, h->desc_phys + (u64)(n + 1) * dsz);
			a += len;
			left -= len;
			total += len;
			n++;
		}
	}
	/* The last one: no chain, its completion interrupts (RI/TI). */
	if (h->dma64) {
		struct idmac_desc64 *d = (struct idmac_desc64 *)h->desc + n - 1;

		d->des6 = d->des7 = 0;
		d->des0 = (d->des0 & ~(IDMAC_DES0_CH | IDMAC_DES0_DIC)) | IDMAC_DES0_LD;
	} else {
		struct idmac_desc32 *d = (struct idmac_desc32 *)h->desc + n - 1;

		d->des3 = 0;
		d->des0 = (d->des0 & ~(IDMAC_DES0_CH | IDMAC_DES0_DIC)) | IDMAC_DES0_LD;
	}
}

/* Points the IDMAC at the list and enables it (the command starts it). */
static void dw_mci_start_dma(struct dw_mci *h)
{
	mci_writel(h, dw_idsts(h), SDMMC_IDMAC_ALL);
	if (h->dma64) {
		mci_writel(h, SDMMC_DBADDRL, (u32)h->desc_phys);
		mci_writel(h, SDMMC_DBADDRU, (u32)(h->desc_phys >> 32));
	} else {
		mci_writel(h, SDMMC_DBADDR, (u32)h->desc_phys);
	}
	mci_writel(h, SDMMC_CTRL, mci_readl(h, SDMMC_CTRL) |
		   SDMMC_CTRL_USE_IDMAC | SDMMC_CTRL_DMA_ENABLE);
	mci_writel(h, SDMMC_BMOD, SDMMC_BMOD_DE | SDMMC_BMOD_FB);
	mci_writel(h, dw_idinten(h), SDMMC_IDMAC_TI | SDMMC_IDMAC_RI | SDMMC_IDMAC_NI |
		   SDMMC_IDMAC_AI | SDMMC_IDMAC_ERRORS);
	mci_writel(h, SDMMC_PLDMND, 1);
}

/* Takes the FIFO back from the IDMAC (PIO transfers, idle). */
static void dw_mci_stop_dma(struct dw_mci *h)
{
	mci_writel(h, SDMMC_CTRL, mci_readl(h, SDMMC_CTRL) &
		   ~(SDMMC_CTRL_USE_IDMAC | SDMMC_CTRL_DMA_ENABLE));
	if (h->use_dma) {
		mci_writel(h, SDMMC_BMOD, 0);
		mci_writel(h, dw_idinten(h), 0);
	}
}

/* ---- data: PIO ------------------------------------------------------------- */

/* One FIFO item in or out, of the width HCON gives. */
static u64 dw_fifo_read(struct dw_mci *h)
{
	if (h->fifo_width == 8)
		return readq(h->fifo);
	if (h->fifo_width == 4)
		return readl(h->fifo);
	return readw(h->fifo);
}

static void dw_fifo_write(struct dw_mci *h, u64 v)
{
	if (h->fifo_width == 8)
		writeq(v, h->fifo);
	else if (h->fifo_width == 4)
		writel((u32)v, h->fifo);
	else
		writew((u16)v, h->fifo);
}

/*
 * Moves up to @items FIFO items between the FIFO and the scatter list at
 * the PIO cursor (@read: FIFO to memory). Pages are mapped one at a time
 * with kmap_atomic (they may be HighMem). Pieces are whole items
 * (dw_mci_prepare_data checked the alignment).
 */
static void dw_mci_pio_move(struct dw_mci *h, unsigned int items, bool read)
{
	struct mmc_data *data = h->mrq->data;
	unsigned int w = h->fifo_width;

	while (items && h->pio_left) {
		struct scatterlist *sg = &data->sg[h->sg_index];
		unsigned int off = sg->offset + h->sg_off;
		unsigned int in_page = PAGE_SIZE - (off & (PAGE_SIZE - 1));
		unsigned int n = min(min(sg->length - h->sg_off, in_page), items * w);
		u8 *map, *p;
		unsigned int i;

		n = min(n, h->pio_left);
		map = kmap_atomic(sg->page + (off >> PAGE_SHIFT));
		p = map + (off & (PAGE_SIZE - 1));
		for (i = 0; i < n; i += w) {
			if (read) {
				u64 v = dw_fifo_read(h);

				memcpy(p + i, &v, w);
			} else {
				u64 v = 0;

				memcpy(&v, p + i, w);
				dw_fifo_write(h, v);
			}
		}
		kunmap_atomic(map);
		items -= n / w;
		h->pio_left -= n;
		h->sg_off += n;
		if (h->sg_off == sg->length) {
			h->sg_index++;
			h->sg_off = 0;
		}
	}
}

/* RX data request, or DTO: read what the FIFO holds. */
static void dw_mci_pio_read(struct dw_mci *h)
{
	unsigned int fcnt;

	while (h->pio_left && (fcnt = SDMMC_STATUS_FCNT(mci_readl(h, SDMMC_STATUS))))
		dw_mci_pio_move(h, fcnt, true);
}

/* TX data request: fill the FIFO's free space; once all is in, stop asking. */
static void dw_mci_pio_write(struct dw_mci *h)
{
	unsigned int fcnt = SDMMC_STATUS_FCNT(mci_readl(h, SDMMC_STATUS));

	if (fcnt < h->fifo_depth)
		dw_mci_pio_move(h, h->fifo_depth - fcnt, false);
	if (!h->pio_left)
		mci_writel(h, SDMMC_INTMASK, mci_readl(h, SDMMC_INTMASK) & ~SDMMC_INT_TXDR);
}

/* ---- data: set-up ------------------------------------------------------------ */

/*
 * Programs the data phase of the request in flight before its command:
 * block size and count, a clean FIFO, and the IDMAC or the PIO cursor.
 * 0, or -EINVAL for a scatter list that does not add up.
 */
static int dw_mci_prepare_data(struct dw_mci *h, struct mmc_data *data)
{
	unsigned int i, sum = 0, total = data->blksz * data->blocks;
	u32 intmask = DW_INTMASK_BASE;

	data->error = 0;
	data->bytes_xfered = 0;
	for (i = 0; i < data->sg_len; i++) {
		if ((data->sg[i].offset | data->sg[i].length) & (h->fifo_width - 1))
			return -EINVAL;
		sum += data->sg[i].length;
	}
	if (!total || sum < total || data->blksz > 0xffff)
		return -EINVAL;
	h->auto_stop = h->mrq->stop && !h->mrq->sbc;
	h->data_done = h->stop_done = h->dma_done = false;
	h->data_error = 0;
	if (dw_mci_ctrl_reset(h, SDMMC_CTRL_FIFO_RESET))
		return -EIO;
	mci_writel(h, SDMMC_BLKSIZ, data->blksz);
	mci_writel(h, SDMMC_BYTCNT, total);
	h->data_dma = h->use_dma && dw_mci_dma_ok(h, data);
	if (h->use_dma && !h->data_dma)
		h->nr_pio_fallbacks++;
	if (h->data_dma) {
		mci_writel(h, SDMMC_FIFOTH, h->fifoth);	/* PIO may have moved RX */
		dw_mci_build_descs(h, data);
		dw_mci_start_dma(h);
	} else {
		unsigned int words = total / h->fifo_width, rx = h->fifo_depth / 2;

		dw_mci_stop_dma(h);
		/* A short read must still reach the RX watermark. */
		if (words < rx)
			rx = words ? words : 1;
		mci_writel(h, SDMMC_FIFOTH, (h->fifoth & ~SDMMC_FIFOTH_RX(0xfff)) |
			   SDMMC_FIFOTH_RX(rx - 1));
		h->sg_index = 0;
		h->sg_off = 0;
		h->pio_left = total;
		intmask |= (data->flags & MMC_DATA_WRITE) ? SDMMC_INT_TXDR : SDMMC_INT_RXDR;
	}
	mci_writel(h, SDMMC_INTMASK, intmask);
	return 0;
}

/* ---- the state machine -------------------------------------------------------- */

/*
 * The command of the request finished (successfully or not): move on to
 * its data, the main command after SET_BLOCK_COUNT, the R1b busy wait or
 * the end. Returns the request if it ended.
 */
static struct mmc_request *dw_mci_cmd_done(struct dw_mci *h, u32 st)
{
	struct mmc_command *cmd = h->cmd;
	struct mmc_request *mrq = h->mrq;

	cmd->error = dw_mci_cmd_errno(cmd, st);
	if (!cmd->error)
		dw_mci_read_resp(h, cmd);
	if (h->state == DW_SENDING_SBC) {
		if (cmd->error || dw_mci_start_command(h, mrq->cmd, DW_SENDING_CMD))
			goto fail;
		return NULL;
	}
	if (h->state == DW_SENDING_CMD && mrq->data) {
		if (cmd->error)
			goto fail;
		h->state = DW_DATA;
		return NULL;
	}
	/* A command without data, or the stop after a failed transfer. */
	if (!cmd->error && (cmd->flags & MMC_RSP_BUSY) &&
	    (mci_readl(h, SDMMC_STATUS) & SDMMC_STATUS_BUSY)) {
		h->state = DW_BUSY;
		h->busy_deadline = jiffies + msecs_to_jiffies(cmd->busy_timeout ?
							     cmd->busy_timeout : DW_BUSY_TIMEOUT_MS);
		mod_timer(&h->timer, jiffies + 1);
		return NULL;
	}
	return dw_mci_end_request(h);
fail:
	if (mrq->data) {
		mrq->data->error = cmd->error;
		dw_mci_reset_datapath(h);
	}
	return dw_mci_end_request(h);
}

/*
 * The data phase failed with @err: stop the data path, and unless the
 * controller's auto-stop already went out, send the stop by hand.
 */
static struct mmc_request *dw_mci_data_failed(struct dw_mci *h, int err)
{
	struct mmc_request *mrq = h->mrq;

	mrq->data->error = err;
	mrq->data->bytes_xfered = 0;
	dw_mci_reset_datapath(h);
	if (mrq->stop && !h->stop_done) {
		h->auto_stop = false;
		if (!dw_mci_start_command(h, mrq->stop, DW_SENDING_STOP))
			return NULL;
	}
	return dw_mci_end_request(h);
}

/* Is the data phase over: DTO, the IDMAC's last descriptor or all PIO bytes, the auto-stop? */
static bool dw_mci_data_complete(struct dw_mci *h)
{
	if (!h->data_done)
		return false;
	if (h->data_dma ? !h->dma_done : h->pio_left != 0)
		return false;
	return !h->auto_stop || h->stop_done;
}

/*
 * One round of interrupt status (RINTSTS bits @st, IDSTS bits @ids) for
 * the request in flight. Returns the request if it ended.
 */
static struct mmc_request *dw_mci_handle(struct dw_mci *h, u32 st, u32 ids)
{
	struct mmc_request *mrq = h->mrq;
	struct mmc_data *data = mrq->data;
	bool pio = data && !h->data_dma;

	if (pio && (st & SDMMC_INT_RXDR))
		dw_mci_pio_read(h);
	if (pio && (st & SDMMC_INT_TXDR))
		dw_mci_pio_write(h);
	if (h->state == DW_BUSY)
		return NULL;			/* the timer polls DAT0 */
	if ((st & (SDMMC_INT_CMD_DONE | SDMMC_INT_CMD_ERROR)) && h->state != DW_DATA) {
		struct mmc_request *done = dw_mci_cmd_done(h, st);

		if (done || h->state != DW_DATA)
			return done;
	}
	if (!data || (h->state != DW_DATA && h->state != DW_SENDING_CMD))
		return NULL;
	if (st & SDMMC_INT_DATA_ERROR)
		h->data_error = dw_mci_data_errno(st);
	if (ids & SDMMC_IDMAC_ERRORS)
		h->data_error = -EIO;
	if (ids & (SDMMC_IDMAC_RI | SDMMC_IDMAC_TI))
		h->dma_done = true;
	if (st & SDMMC_INT_ACD) {
		h->stop_done = true;
		if (mrq->stop) {
			mrq->stop->error = 0;
			mrq->stop->resp[0] = mci_readl(h, SDMMC_RESP1);
		}
	}
	if (st & SDMMC_INT_DTO) {
		if (pio && (data->flags & MMC_DATA_READ))
			dw_mci_pio_read(h);	/* what stayed below the watermark */
		h->data_done = true;
		if (pio && h->pio_left)
			h->data_error = h->data_error ? h->data_error : -EIO;
	}
	if (h->state != DW_DATA)
		return NULL;			/* errors wait for the command to finish */
	if (h->data_error)
		return dw_mci_data_failed(h, h->data_error);
	if (!dw_mci_data_complete(h))
		return NULL;
	data->bytes_xfered = data->blksz * data->blocks;
	return dw_mci_end_request(h);
}

/*
 * The controller's interrupt: card detect, then the request's events,
 * until MINTSTS and IDSTS are quiet. Acks what it read (write 1 to clear).
 */
static void dw_mci_interrupt(unsigned int irq, void *dev)
{
	struct dw_mci *h = dev;
	struct mmc_request *done = NULL;
	bool detect = false;
	unsigned long flags;
	int loops;

	spin_lock_irqsave(&h->lock, flags);
	h->nr_irqs++;
	for (loops = 0; loops < DW_IRQ_LOOPS && !done; loops++) {
		u32 st = mci_readl(h, SDMMC_MINTSTS);
		u32 ids = h->use_dma ? mci_readl(h, dw_idsts(h)) & SDMMC_IDMAC_ALL : 0;

		if (!st && !ids)
			break;
		/* RXDR/TXDR are cleared after the FIFO was served, the rest now. */
		mci_writel(h, SDMMC_RINTSTS, st & ~(SDMMC_INT_RXDR | SDMMC_INT_TXDR));
		if (ids)
			mci_writel(h, dw_idsts(h), ids);
		if (st & SDMMC_INT_CD)
			detect = true;
		if (h->mrq)
			done = dw_mci_handle(h, st, ids);
		if (st & (SDMMC_INT_RXDR | SDMMC_INT_TXDR))
			mci_writel(h, SDMMC_RINTSTS, st & (SDMMC_INT_RXDR | SDMMC_INT_TXDR));
	}
	spin_unlock_irqrestore(&h->lock, flags);
	if (detect)
		mmc_detect_change(h->mmc, msecs_to_jiffies(200));
	dw_mci_done(h, done);
}

/*
 * The request timer: the R1b busy poll (every tick, until DAT0 is
 * released or busy_timeout passes), or the software timeout: nothing came
 * (a pulled card, a stuck controller), so the request ends -ETIMEDOUT.
 */
static void dw_mci_timer_fn(struct timer_list *t)
{
	struct dw_mci *h = from_timer(h, t, timer);
	struct mmc_request *mrq, *done = NULL;
	unsigned long flags;

	spin_lock_irqsave(&h->lock, flags);
	mrq = h->mrq;
	if (!mrq)
		goto out;
	if (h->state == DW_BUSY) {
		if (!(mci_readl(h, SDMMC_STATUS) & SDMMC_STATUS_BUSY)) {
			done = dw_mci_end_request(h);
		} else if ((long)(jiffies - h->busy_deadline) >= 0) {
			h->cmd->error = -ETIMEDOUT;
			done = dw_mci_end_request(h);
		} else {
			mod_timer(&h->timer, jiffies + 1);
		}
		goto out;
	}
	h->nr_timeouts++;
	dev_err(h->dev, "%s: CMD%u timed out (state %d)\n", mmc_hostname(h->mmc),
		h->cmd ? h->cmd->opcode : 0, h->state);
	if (h->cmd)
		h->cmd->error = -ETIMEDOUT;
	if (mrq->data) {
		mrq->data->error = -ETIMEDOUT;
		mrq->data->bytes_xfered = 0;
	}
	if (mrq->stop && h->state != DW_SENDING_STOP && !mrq->stop->error && !h->stop_done)
		mrq->stop->error = -ETIMEDOUT;
	dw_mci_reset_datapath(h);
	done = dw_mci_end_request(h);
out:
	spin_unlock_irqrestore(&h->lock, flags);
	dw_mci_done(h, done);
}

/* Time a request may take: a second plus its transfer at the card clock. */
static unsigned long dw_mci_timeout(struct dw_mci *h, struct mmc_request *mrq)
{
	unsigned long ms = DW_REQ_TIMEOUT_MS;

	if (mrq->data) {
		u64 bits = (u64)mrq->data->blksz * mrq->data->blocks * 8;
		unsigned int lanes = h->ctype == SDMMC_CTYPE_4BIT ? 4 :
				     h->ctype == SDMMC_CTYPE_8BIT ? 8 : 1;
		unsigned int hz = h->card_hz > 100000 ? h->card_hz : 100000;

		ms += bits * 1000 / ((u64)lanes * hz);
	}
	return msecs_to_jiffies(ms);
}

/* ---- mmc_host_ops ------------------------------------------------------------------- */

/* Starts @mrq; its end comes from the interrupt handler or the timer. */
static void dw_mci_request(struct mmc_host *mmc, struct mmc_request *mrq)
{
	struct dw_mci *h = mmc_priv(mmc);
	struct mmc_request *done = NULL;
	unsigned long flags;
	int err;

	spin_lock_irqsave(&h->lock, flags);
	if (WARN_ON(h->mrq)) {
		mrq->cmd->error = -EBUSY;
		spin_unlock_irqrestore(&h->lock, flags);
		mmc_request_done(mmc, mrq);
		return;
	}
	h->mrq = mrq;
	h->auto_stop = false;
	h->data_dma = false;
	if (!dw_mci_card_present(h)) {
		mrq->cmd->error = -ENOMEDIUM;
		if (mrq->data)
			mrq->data->error = -ENOMEDIUM;
		done = dw_mci_end_request(h);
		goto out;
	}
	mci_writel(h, SDMMC_RINTSTS, ~SDMMC_INT_CD);
	if (mrq->data) {
		err = dw_mci_prepare_data(h, mrq->data);
		if (err) {
			mrq->cmd->error = err;
			mrq->data->error = err;
			done = dw_mci_end_request(h);
			goto out;
		}
	} else {
		mci_writel(h, SDMMC_INTMASK, DW_INTMASK_BASE);
	}
	mod_timer(&h->timer, jiffies + dw_mci_timeout(h, mrq));
	if (mrq->sbc)
		err = dw_mci_start_command(h, mrq->sbc, DW_SENDING_SBC);
	else
		err = dw_mci_start_command(h, mrq->cmd, DW_SENDING_CMD);
	if (err) {
		if (mrq->data)
			mrq->data->error = err;
		done = dw_mci_end_request(h);
	}
out:
	spin_unlock_irqrestore(&h->lock, flags);
	dw_mci_done(h, done);
}

/* Power, clock and bus width as the core asks (process context). */
static void dw_mci_set_ios(struct mmc_host *mmc, struct mmc_ios *ios)
{
	struct dw_mci *h = mmc_priv(mmc);
	unsigned long flags;
	u32 ctype;

	switch (ios->bus_width) {
	case MMC_BUS_WIDTH_4: ctype = SDMMC_CTYPE_4BIT; break;
	case MMC_BUS_WIDTH_8: ctype = SDMMC_CTYPE_8BIT; break;
	default: ctype = SDMMC_CTYPE_1BIT; break;
	}
	spin_lock_irqsave(&h->lock, flags);
	if (ios->power_mode == MMC_POWER_OFF) {
		dw_mci_set_clock(h, 0);
		h->clock_req = 0;
		mci_writel(h, SDMMC_PWREN, 0);
	} else if (ios->power_mode == MMC_POWER_UP && !(mci_readl(h, SDMMC_PWREN) & 1)) {
		mci_writel(h, SDMMC_PWREN, 1);
		h->need_init = true;
	}
	if (ios->power_mode != MMC_POWER_OFF) {
		if (ios->clock != h->clock_req || !h->card_hz) {
			dw_mci_set_clock(h, ios->clock);
			h->clock_req = ios->clock;
		}
		mci_writel(h, SDMMC_CTYPE, ctype);
		h->ctype = ctype;
		if (ios->power_mode == MMC_POWER_UP)
			h->need_init = true;
	}
	if (ios != &mmc->ios)
		mmc->ios = *ios;
	spin_unlock_irqrestore(&h->lock, flags);
	if (ios->power_mode == MMC_POWER_UP && h->dt.post_power_on_delay_ms)
		msleep(h->dt.post_power_on_delay_ms);
}

/* 1 if a card is in the slot (see dw_mci_card_present). */
static int dw_mci_get_cd(struct mmc_host *mmc)
{
	return dw_mci_card_present(mmc_priv(mmc));
}

/* 1 if the card is write-protected: WRTPRT, unless the tree says disable-wp. */
static int dw_mci_get_ro(struct mmc_host *mmc)
{
	struct dw_mci *h = mmc_priv(mmc);

	if (h->dt.disable_wp)
		return 0;
	return mci_readl(h, SDMMC_WRTPRT) & 1;
}

static const struct mmc_host_ops dw_mci_ops = {
	.request = dw_mci_request,
	.set_ios = dw_mci_set_ios,
	.get_cd = dw_mci_get_cd,
	.get_ro = dw_mci_get_ro,
};

/* ---- device tree and probe ----------------------------------------------------------- */

int dw_mci_parse_dt(const struct device_node *np, struct dw_mci_dt *dt)
{
	const struct device_node *p;
	u32 v;

	memset(dt, 0, sizeof(*dt));
	dt->bus_width = 1;
	if (!of_property_read_u32(np, "bus-width", &v)) {
		if (v != 1 && v != 4 && v != 8)
			return -EINVAL;
		dt->bus_width = v;
	}
	of_property_read_u32(np, "fifo-depth", &dt->fifo_depth);
	if (dt->fifo_depth == 1 || dt->fifo_depth > 4096)
		return -EINVAL;
	of_property_read_u32(np, "data-addr", &dt->data_addr);
	if (dt->data_addr && (dt->data_addr < SDMMC_DATA_OLD || (dt->data_addr & 3)))
		return -EINVAL;
	of_property_read_u32(np, "clock-frequency", &dt->clock_frequency);
	of_property_read_u32(np, "max-frequency", &dt->max_frequency);
	of_property_read_u32(np, "post-power-on-delay-ms", &dt->post_power_on_delay_ms);
	if (dt->post_power_on_delay_ms > 1000)
		dt->post_power_on_delay_ms = 1000;
	if (of_property_read_bool(np, "non-removable"))
		dt->cd = DW_MCI_CD_NONREMOVABLE;
	else if (of_property_read_bool(np, "broken-cd"))
		dt->cd = DW_MCI_CD_BROKEN;
	else if (of_property_read_bool(np, "cd-gpios"))
		dt->cd = DW_MCI_CD_GPIO;
	else
		dt->cd = DW_MCI_CD_CDETECT;
	dt->disable_wp = of_property_read_bool(np, "disable-wp");
	dt->cap_sd_highspeed = of_property_read_bool(np, "cap-sd-highspeed");
	/* The nearest node that says either wins; coherent by default. */
	for (p = np; p; p = p->parent) {
		if (of_property_read_bool(p, "dma-noncoherent")) {
			dt->dma_noncoherent = true;
			break;
		}
		if (of_property_read_bool(p, "dma-coherent"))
			break;
	}
	dt->jh7110 = of_device_is_compatible(np, "starfive,jh7110-mmc") > 0;
	return 0;
}

/*
 * The FIFO watermarks for @depth words: RX at half, TX at half, and the
 * largest DMA burst that divides half the FIFO (the databook's rule for
 * MSIZE against both watermarks).
 */
static u32 dw_mci_fifoth(unsigned int depth)
{
	static const unsigned int burst[] = { 1, 4, 8, 16, 32, 64, 128, 256 };
	unsigned int half = depth / 2, m = 0, i;

	for (i = 0; i < ARRAY_SIZE(burst); i++)
		if (burst[i] <= half && half % burst[i] == 0 && burst[i] <= 8)
			m = i;
	return SDMMC_FIFOTH_MSIZE(m) | SDMMC_FIFOTH_RX(half - 1) | SDMMC_FIFOTH_TX(half);
}

/* Allocates the descriptor ring (one page, ZONE_DMA32): 0 or -ENOMEM. */
static int dw_mci_alloc_ring(struct dw_mci *h)
{
	unsigned int dsz = h->dma64 ? sizeof(struct idmac_desc64) : sizeof(struct idmac_desc32);

	h->desc_order = 0;
	h->desc_page = alloc_pages(GFP_KERNEL | GFP_DMA32 | __GFP_ZERO, h->desc_order);
	if (!h->desc_page)
		return -ENOMEM;
	h->desc = page_address(h->desc_page);
	h->desc_phys = (u64)page_to_pfn(h->desc_page) << PAGE_SHIFT;
	h->desc_count = (PAGE_SIZE << h->desc_order) / dsz;
	return 0;
}

/*
 * Reads what the controller is (VERID, HCON, FIFO depth) and brings it to
 * a known state: resets, interrupts masked and acked, watermarks, clock
 * off, 1-bit bus. 0, -ENODEV for a FIFO width it cannot drive, or
 * -ETIMEDOUT if a reset never finishes.
 */
static int dw_mci_init_hw(struct dw_mci *h, unsigned long mem_size)
{
	u32 fifoth = mci_readl(h, SDMMC_FIFOTH);	/* before anything writes it */
	unsigned int wcode;
	int err;

	h->verid = mci_readl(h, SDMMC_VERID) & 0xffff;
	h->hcon = mci_readl(h, SDMMC_HCON);
	wcode = SDMMC_HCON_DATA_WIDTH(h->hcon);
	if (wcode > 2) {
		dev_err(h->dev, "HCON 0x%x: unknown FIFO width code %u\n", h->hcon, wcode);
		return -ENODEV;
	}
	h->fifo_width = 2u << wcode;
	h->data_offset = h->dt.data_addr ? h->dt.data_addr :
			 h->verid < SDMMC_VERID_240A ? SDMMC_DATA_OLD : SDMMC_DATA_240A;
	if (h->data_offset + h->fifo_width > mem_size) {
		dev_err(h->dev, "FIFO at 0x%x is outside the registers\n", h->data_offset);
		return -EINVAL;
	}
	h->fifo = h->regs + h->data_offset;
	h->fifo_depth = h->dt.fifo_depth ? h->dt.fifo_depth : SDMMC_FIFOTH_RX_OF(fifoth) + 1;
	if (h->fifo_depth < 2) {
		dev_err(h->dev, "FIFO depth %u unusable (give fifo-depth)\n", h->fifo_depth);
		return -EINVAL;
	}
	h->dma64 = h->hcon & SDMMC_HCON_ADDR64;
	h->use_dma = SDMMC_HCON_DMA_IF(h->hcon) == 0 && !h->dt.dma_noncoherent &&
		     !dw_mci_force_pio;

	mci_writel(h, SDMMC_PWREN, 1);
	h->need_init = true;
	err = dw_mci_ctrl_reset(h, SDMMC_CTRL_ALL_RESET);
	if (err)
		return err;
	if (h->use_dma) {
		err = dw_mci_idmac_reset(h);
		if (err)
			return err;
	}
	mci_writel(h, SDMMC_RINTSTS, 0xffffffff);
	mci_writel(h, SDMMC_INTMASK, 0);
	mci_writel(h, SDMMC_TMOUT, 0xffffffff);
	mci_writel(h, dw_idinten(h), 0);
	h->fifoth = dw_mci_fifoth(h->fifo_depth);
	mci_writel(h, SDMMC_FIFOTH, h->fifoth);
	mci_writel(h, SDMMC_DEBNCE, min_t(unsigned long, h->bus_hz / 40, 0xffffff)); /* 25 ms */
	mci_writel(h, SDMMC_CLKENA, 0);
	mci_writel(h, SDMMC_CLKSRC, 0);
	err = dw_mci_update_clock(h);
	if (err)
		return err;
	mci_writel(h, SDMMC_CTYPE, SDMMC_CTYPE_1BIT);
	h->ctype = SDMMC_CTYPE_1BIT;
	return 0;
}

/* What the core may ask of this host: clocks, voltages, caps, limits. */
static void dw_mci_setup_host(struct dw_mci *h)
{
	struct mmc_host *mmc = h->mmc;

	mmc->ops = &dw_mci_ops;
	mmc->f_min = DIV_ROUND_UP(h->bus_hz, 510);
	mmc->f_max = h->bus_hz;
	if (h->dt.max_frequency && h->dt.max_frequency < mmc->f_max)
		mmc->f_max = h->dt.max_frequency;
	mmc->ocr_avail = MMC_VDD_32_33 | MMC_VDD_33_34;
	mmc->caps = MMC_CAP_AUTO_STOP;
	if (h->dt.bus_width >= 4)
		mmc->caps |= MMC_CAP_4_BIT_DATA;
	if (h->dt.cap_sd_highspeed)
		mmc->caps |= MMC_CAP_SD_HIGHSPEED;
	if (h->dt.cd == DW_MCI_CD_GPIO || h->dt.cd == DW_MCI_CD_BROKEN)
		mmc->caps |= MMC_CAP_NEEDS_POLL;
	if (h->dt.cd == DW_MCI_CD_NONREMOVABLE)
		mmc->caps |= MMC_CAP_NONREMOVABLE;
	mmc->max_blk_size = 65535;
	if (h->use_dma) {
		mmc->max_segs = h->desc_count;
		mmc->max_seg_size = IDMAC_DES_SIZE_MAX;
		mmc->max_req_size = h->desc_count * IDMAC_DES_SIZE_MAX;
		mmc->max_dma_addr = h->dma64 ? 0 : 0xffffffff;
	} else {
		mmc->max_segs = 256;
		mmc->max_seg_size = SZ_1M;
		mmc->max_req_size = SZ_1M;
		mmc->max_dma_addr = 0;
	}
	mmc->max_blk_count = mmc->max_req_size / 512;
}

/* "IDMAC 32-bit", or why this host moves data by PIO. */
static const char *dw_mci_mode(struct dw_mci *h)
{
	if (h->use_dma)
		return h->dma64 ? "IDMAC 64-bit" : "IDMAC 32-bit";
	if (SDMMC_HCON_DMA_IF(h->hcon) != 0)
		return "PIO (no IDMAC)";
	if (h->dt.dma_noncoherent)
		return "PIO (dma-noncoherent)";
	return "PIO (dw_mmc.pio)";
}

/*
 * Binds one controller: DT settings, registers, the controller brought to
 * a known state, the host's limits, the interrupt, mmc_add_host. Prints
 * the bound line. 0 or -Exxx with nothing left behind (but see the
 * interrupt handler's note when mmc_add_host fails).
 */
static int dw_mci_probe(struct platform_device *pdev)
{
	struct resource *res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	int irq = platform_get_irq(pdev, 0);	/* first: a deferral touches nothing */
	struct mmc_host *mmc;
	struct dw_mci_dt dt;
	struct dw_mci *h;
	void *regs;
	int err;

	if (irq < 0)
		return irq;
	if (!res)
		return -EINVAL;
	err = dw_mci_parse_dt(pdev->dev.of_node, &dt);
	if (err)
		return err;
	regs = ioremap(res->start, resource_size(res));
	if (!regs)
		return -ENOMEM;
	mmc = mmc_alloc_host(sizeof(*h), &pdev->dev);
	if (!mmc)
		return -ENOMEM;
	h = mmc_priv(mmc);
	h->mmc = mmc;
	h->dev = &pdev->dev;
	h->regs = regs;
	h->dt = dt;
	h->irq = irq;
	spin_lock_init(&h->lock);
	timer_setup(&h->timer, dw_mci_timer_fn, 0);
	h->bus_hz = dt.clock_frequency ? dt.clock_frequency : DW_ASSUMED_HZ;
	h->bus_hz_assumed = !dt.clock_frequency;
	err = dw_mci_init_hw(h, resource_size(res));
	if (!err && h->use_dma && dw_mci_alloc_ring(h)) {
		dev_warn(&pdev->dev, "no memory for IDMAC descriptors, using PIO\n");
		h->use_dma = false;
	}
	if (err)
		goto fail;
	dw_mci_setup_host(h);
	err = request_irq(irq, dw_mci_interrupt, h);
	if (err)
		goto fail;
	mci_writel(h, SDMMC_RINTSTS, 0xffffffff);
	mci_writel(h, SDMMC_INTMASK, DW_INTMASK_BASE);
	mci_writel(h, SDMMC_CTRL, mci_readl(h, SDMMC_CTRL) | SDMMC_CTRL_INT_ENABLE);
	err = mmc_add_host(mmc);
	if (err) {
		/* The handler stays registered (rivet cannot free an irq): keep h. */
		mci_writel(h, SDMMC_INTMASK, 0);
		mci_writel(h, SDMMC_CTRL, mci_readl(h, SDMMC_CTRL) & ~SDMMC_CTRL_INT_ENABLE);
		return err;
	}
	platform_set_drvdata(pdev, h);
	dev_info(&pdev->dev, "%s: VERID 0x%x, FIFO at 0x%x (%u-bit, %u deep), %s, bus-width %u, "
		 "cclk_in %lu Hz%s, irq %d\n", mmc_hostname(mmc), h->verid, h->data_offset,
		 h->fifo_width * 8, h->fifo_depth, dw_mci_mode(h), dt.bus_width, h->bus_hz,
		 h->bus_hz_assumed ? " (assumed)" : "", irq);
	return 0;
fail:
	if (h->desc_page)
		__free_pages(h->desc_page, h->desc_order);
	mmc_free_host(mmc);
	return err;
}

static const struct of_device_id dw_mci_of_match[] = {
	{ .compatible = "starfive,jh7110-mmc" },
	{ .compatible = "snps,dw-mshc" },
	{ }
};

static const struct platform_driver dw_mci_driver = {
	.probe = dw_mci_probe,
	.driver = { .name = "dw_mmc", .of_match_table = dw_mci_of_match },
};
module_platform_driver(dw_mci_driver);
