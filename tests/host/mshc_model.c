/*
 * The DesignWare MSHC model (see mshc_model.h). Follows the register map,
 * CMD bits, FIFO and IDMAC descriptor rules of the databook as collected
 * for docs/mmc.md; the card is tests/host/sd_card_model.c. Leaves out
 * SDIO, voltage switching, DDR, card-read thresholds, the external DMA
 * interfaces, FIFO overrun timing (the model waits for a late driver) and
 * exact data timeouts (a missing block times out after a few steps).
 * The model is stricter than the hardware where that catches driver bugs:
 * the FIFO window is exactly 0x100 bytes, registers take 32-bit accesses
 * only, and FIFO accesses must have the width HCON gives.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "mshc_model.h"
#include "../../drivers/mmc/host/dw_mmc_regs.h"

#define NREGS		(0x200 / 4)
#define FIFO_MAX	4096
#define RTO_STEPS	2	/* a missing response times out after this many steps */
#define DRTO_STEPS	3	/* a missing data block */

enum { D_IDLE, D_READ, D_WRITE };

struct mshc_model {
	struct mshc_config cfg;
	struct sd_card_model *card;
	uint32_t r[NREGS];		/* plain registers by offset / 4 */
	struct mshc_stats st;
	char last_error[200];
	bool hang, timing;

	/* the CIU */
	uint32_t clkdiv, clkena;	/* what the last update-clock loaded */
	bool init_needed;		/* powered up, 80 clocks not yet sent */
	bool identified;		/* CMD3 answered: identification over */
	bool app_cmd;			/* last command was an answered CMD55 */
	int cmd_phase;			/* 0 none, 1 written, 2 taken (response due) */
	int rto_wait;
	unsigned int reset_steps;	/* CTRL reset bits clear after this */

	/* data path */
	int dstate;
	bool data_error;		/* stopped by an error: no DTO */
	uint32_t blksz;
	uint32_t card_left;		/* bytes still between card and FIFO */
	uint32_t host_left;		/* bytes still between FIFO and host (CPU or IDMAC) */
	bool auto_stop;
	bool dto_sent;
	int drto_wait;
	uint8_t blk[65536];
	uint32_t blk_pos, blk_len;
	int blk_rc;
	uint64_t fifo[FIFO_MAX];
	unsigned int fhead, fcount;

	/* IDMAC */
	bool dma_suspended, dma_stopped;
	uint64_t desc_addr;		/* current descriptor */
	bool desc_loaded;
	uint32_t desc_flags, desc_left;
	uint64_t buf_addr;
	bool first_desc;
	unsigned int bmod_reset_steps;
};

#define R(off)	(m->r[(off) / 4])

static void fail(struct mshc_model *m, unsigned int *counter, const char *fmt, ...)
{
	va_list ap;

	(*counter)++;
	va_start(ap, fmt);
	vsnprintf(m->last_error, sizeof(m->last_error), fmt, ap);
	va_end(ap);
}

static unsigned int width(const struct mshc_model *m)
{
	return 2u << ((m->cfg.hcon >> 7) & 7);
}

static bool dma64(const struct mshc_model *m)
{
	return m->cfg.hcon & SDMMC_HCON_ADDR64;
}

static unsigned int off_idsts(const struct mshc_model *m)
{
	return dma64(m) ? SDMMC_IDSTS64 : SDMMC_IDSTS;
}

static unsigned int off_idinten(const struct mshc_model *m)
{
	return dma64(m) ? SDMMC_IDINTEN64 : SDMMC_IDINTEN;
}

unsigned int mshc_fifo_offset(const struct mshc_model *m)
{
	return m->cfg.verid < SDMMC_VERID_240A ? SDMMC_DATA_OLD : SDMMC_DATA_240A;
}

unsigned long mshc_card_hz(const struct mshc_model *m)
{
	uint32_t div = m->clkdiv & 0xff;

	if (!(m->clkena & SDMMC_CLKEN_ENABLE))
		return 0;
	return div ? m->cfg.cclk_in / (2 * div) : m->cfg.cclk_in;
}

int mshc_bus_width(const struct mshc_model *m)
{
	uint32_t c = R(SDMMC_CTYPE);

	return (c & SDMMC_CTYPE_8BIT) ? 8 : (c & SDMMC_CTYPE_4BIT) ? 4 : 1;
}

static bool dma_mode(const struct mshc_model *m)
{
	return (R(SDMMC_CTRL) & SDMMC_CTRL_USE_IDMAC) && (R(SDMMC_BMOD) & SDMMC_BMOD_DE);
}

static void raise_ids(struct mshc_model *m, uint32_t bits)
{
	if (bits & (SDMMC_IDMAC_TI | SDMMC_IDMAC_RI))
		bits |= SDMMC_IDMAC_NI;
	if (bits & SDMMC_IDMAC_ERRORS)
		bits |= SDMMC_IDMAC_AI;
	R(off_idsts(m)) |= bits;
}

/* ---- the FIFO ---------------------------------------------------------------- */

static void fifo_reset(struct mshc_model *m)
{
	m->fhead = m->fcount = 0;
}

static void fifo_push(struct mshc_model *m, uint64_t v)
{
	m->fifo[(m->fhead + m->fcount) % FIFO_MAX] = v;
	m->fcount++;
}

static uint64_t fifo_pop(struct mshc_model *m)
{
	uint64_t v = m->fifo[m->fhead];

	m->fhead = (m->fhead + 1) % FIFO_MAX;
	m->fcount--;
	return v;
}

/* ---- the command path -------------------------------------------------------- */

/* The response the card's protocol gives @opcode: 0 none, 1 short, 2 long, 3 short without CRC. */
static int resp_kind(const struct mshc_model *m, uint32_t opcode)
{
	if (m->app_cmd && opcode == 41)
		return 3;
	if (!m->app_cmd && opcode == 1)
		return 3;
	if (opcode == 0)
		return 0;
	if (opcode == 2 || ((opcode == 9 || opcode == 10) && !m->app_cmd))
		return 2;
	return 1;
}

/* Stops the data path (errors, resets). */
static void data_stop(struct mshc_model *m)
{
	m->dstate = D_IDLE;
	m->drto_wait = 0;
}

/* Sends CMD12 for the auto-stop; its response goes to RESP1. */
static void send_auto_stop(struct mshc_model *m)
{
	uint32_t resp[4];
	int rc;

	m->st.commands++;
	rc = sdcm_command(m->card, 12, 0, resp);
	R(SDMMC_RESP1) = resp[0];
	if (rc == SDCM_NORESP)
		R(SDMMC_RINTSTS) |= SDMMC_INT_RTO;
	R(SDMMC_RINTSTS) |= SDMMC_INT_ACD;
}

/* The data phase of the command just answered. */
static void data_start(struct mshc_model *m, uint32_t cmd)
{
	uint32_t bytcnt = R(SDMMC_BYTCNT), blksz = R(SDMMC_BLKSIZ) & 0xffff;
	bool write = cmd & SDMMC_CMD_DAT_WR;
	int dir = sdcm_data_dir(m->card);

	if (!blksz || bytcnt % blksz)
		fail(m, &m->st.protocol_errors, "BYTCNT %u not a multiple of BLKSIZ %u", bytcnt, blksz);
	if (dir && dir != (write ? 2 : 1))
		fail(m, &m->st.protocol_errors, "CMD%u: data direction %s, card %s",
		     cmd & 0x3f, write ? "write" : "read", dir == 2 ? "receives" : "sends");
	if (mshc_bus_width(m) != sdcm_bus_width(m->card))
		fail(m, &m->st.protocol_errors, "CTYPE %d-bit, card %d-bit",
		     mshc_bus_width(m), sdcm_bus_width(m->card));
	m->dstate = write ? D_WRITE : D_READ;
	m->data_error = false;
	m->blksz = blksz ? blksz : 512;
	m->card_left = m->host_left = bytcnt;
	m->auto_stop = cmd & SDMMC_CMD_SEND_STOP;
	m->dto_sent = false;
	m->blk_pos = m->blk_len = 0;
	m->drto_wait = 0;
	m->desc_loaded = false;
	m->first_desc = true;
	m->dma_suspended = m->dma_stopped = false;
	m->desc_addr = dma64(m) ? ((uint64_t)R(SDMMC_DBADDRU) << 32 | R(SDMMC_DBADDRL)) :
				  R(SDMMC_DBADDR);
	R(SDMMC_TCBCNT) = R(SDMMC_TBBCNT) = 0;
}

/* The CIU sends the command in CMD (taken by cmd_take): response and data start. */
static void cmd_send(struct mshc_model *m)
{
	uint32_t cmd = R(SDMMC_CMD), resp[4] = { 0 };
	uint32_t opcode = cmd & 0x3f;
	int kind = resp_kind(m, opcode), rc;
	bool want = cmd & SDMMC_CMD_RESP_EXP, lng = cmd & SDMMC_CMD_RESP_LONG;
	bool was_app = m->app_cmd;

	m->st.commands++;
	if (!(R(SDMMC_PWREN) & 1) || !mshc_card_hz(m)) {
		fail(m, &m->st.protocol_errors, "CMD%u with %s", opcode,
		     !(R(SDMMC_PWREN) & 1) ? "the card unpowered" : "the card clock stopped");
		R(SDMMC_RINTSTS) |= SDMMC_INT_RTO | SDMMC_INT_CMD_DONE;
		return;
	}
	if (m->init_needed && !(cmd & SDMMC_CMD_INIT))
		fail(m, &m->st.protocol_errors, "CMD%u: first command after power-up without INIT", opcode);
	m->init_needed = false;
	if (!m->identified && mshc_card_hz(m) > 400000)
		fail(m, &m->st.protocol_errors, "CMD%u during identification at %lu Hz",
		     opcode, mshc_card_hz(m));
	if (want != (kind != 0) || lng != (kind == 2) ||
	    (want && kind != 3 && !(cmd & SDMMC_CMD_RESP_CRC)))
		fail(m, &m->st.protocol_errors, "CMD%u%s: response bits 0x%x wrong", opcode,
		     was_app ? " (app)" : "", cmd & 0x1c0);
	if (m->dstate != D_IDLE && !(cmd & SDMMC_CMD_STOP) && opcode != 13)
		fail(m, &m->st.protocol_errors, "CMD%u during a data transfer", opcode);
	if (m->dstate != D_IDLE && (cmd & SDMMC_CMD_STOP))
		data_stop(m);
	rc = sdcm_command(m->card, opcode, R(SDMMC_CMDARG), resp);
	m->app_cmd = opcode == 55 && !was_app && rc != SDCM_NORESP;
	if (opcode == 0)
		m->identified = false;
	if (opcode == 3 && rc == SDCM_OK)
		m->identified = true;
	if (rc == SDCM_NORESP && want) {
		m->rto_wait = RTO_STEPS;
		return;
	}
	if (lng) {
		R(SDMMC_RESP3) = resp[0];
		R(SDMMC_RESP2) = resp[1];
		R(SDMMC_RESP1) = resp[2];
		R(SDMMC_RESP0) = resp[3];
	} else {
		R(SDMMC_RESP0) = resp[0];
	}
	R(SDMMC_RINTSTS) |= SDMMC_INT_CMD_DONE;
	if (rc == SDCM_BADCRC && (cmd & SDMMC_CMD_RESP_CRC))
		R(SDMMC_RINTSTS) |= SDMMC_INT_RCRC;
	if ((cmd & SDMMC_CMD_DAT_EXP) && rc != SDCM_NORESP)
		data_start(m, cmd);
}

/* The CIU's side of CMD: takes a started command when it may. */
static bool cmd_progress(struct mshc_model *m)
{
	uint32_t cmd = R(SDMMC_CMD);

	if (m->rto_wait && --m->rto_wait == 0) {
		R(SDMMC_RINTSTS) |= SDMMC_INT_RTO | SDMMC_INT_CMD_DONE;
		return true;
	}
	if (!(cmd & SDMMC_CMD_START))
		return false;
	if (cmd & SDMMC_CMD_UPD_CLK) {
		m->clkdiv = R(SDMMC_CLKDIV);
		m->clkena = R(SDMMC_CLKENA);
		m->st.clock_updates++;
		R(SDMMC_CMD) &= ~SDMMC_CMD_START;
		return true;
	}
	if ((cmd & SDMMC_CMD_PRV_DAT_WAIT) && (m->dstate != D_IDLE || sdcm_busy(m->card)))
		return false;
	if (m->cmd_phase == 1) {	/* taken now, answered next step */
		m->cmd_phase = 2;
		R(SDMMC_CMD) &= ~SDMMC_CMD_START;
		return true;
	}
	return false;
}

/* ---- the data path ----------------------------------------------------------- */

/* A block from the card into blk[]; false if none came (timeout pending). */
static bool read_block(struct mshc_model *m)
{
	m->blk_rc = sdcm_read_data(m->card, m->blk, m->blksz);
	if (m->blk_rc == SDCM_NORESP) {
		m->drto_wait = DRTO_STEPS;
		return false;
	}
	if (mshc_bus_width(m) != sdcm_bus_width(m->card)) {
		m->blk[0] ^= 0xff;	/* sampled on the wrong lines */
		m->blk_rc = SDCM_BADCRC;
	}
	m->blk_pos = 0;
	m->blk_len = m->blksz;
	return true;
}

/* All bytes moved: DTO (once), after the auto-stop if asked. True if it raised DTO now. */
static bool data_over(struct mshc_model *m)
{
	if (m->card_left || m->dto_sent)
		return false;
	m->dto_sent = true;
	if (m->auto_stop)
		send_auto_stop(m);
	R(SDMMC_RINTSTS) |= SDMMC_INT_DTO;
	return true;
}

/* Card to FIFO while there is room; DTO and auto-stop when the card is done. */
static bool card_to_fifo(struct mshc_model *m)
{
	unsigned int w = width(m);
	bool moved = false;

	while (m->card_left && m->fcount < m->cfg.fifo_depth) {
		uint64_t v = 0;

		if (m->blk_pos == m->blk_len && !read_block(m))
			return moved;
		memcpy(&v, m->blk + m->blk_pos, w);
		fifo_push(m, v);
		m->blk_pos += w;
		m->card_left -= w;
		R(SDMMC_TCBCNT) += w;
		moved = true;
		if (m->blk_pos == m->blk_len && m->blk_rc == SDCM_BADCRC) {
			R(SDMMC_RINTSTS) |= SDMMC_INT_DCRC;
			m->data_error = true;
			return true;
		}
	}
	return data_over(m) || moved;
}

/* FIFO to card a block at a time, waiting for the card's busy between blocks. */
static bool fifo_to_card(struct mshc_model *m)
{
	unsigned int w = width(m);
	bool moved = false;

	while (m->card_left && m->fcount) {
		uint64_t v;

		if (m->blk_len == 0 && sdcm_busy(m->card))
			return moved;
		v = fifo_pop(m);
		memcpy(m->blk + m->blk_len, &v, w);
		m->blk_len += w;
		moved = true;
		if (m->blk_len < m->blksz)
			continue;
		m->blk_len = 0;
		if (mshc_bus_width(m) != sdcm_bus_width(m->card))
			m->blk[0] ^= 0xff;
		m->blk_rc = sdcm_write_data(m->card, m->blk, m->blksz);
		m->card_left -= m->blksz;
		R(SDMMC_TCBCNT) += m->blksz;
		if (m->blk_rc != SDCM_OK) {
			R(SDMMC_RINTSTS) |= m->blk_rc == SDCM_BADCRC ? SDMMC_INT_DCRC : SDMMC_INT_EBE;
			m->data_error = true;
			return true;
		}
	}
	return data_over(m) || moved;
}

/* Loads the descriptor at desc_addr; false (IDSTS set) if it cannot. */
static bool desc_load(struct mshc_model *m)
{
	size_t dsz = dma64(m) ? 32 : 16;
	uint32_t *d = m->cfg.dma_map(m->desc_addr, dsz);
	uint32_t len;

	if (!d || (m->desc_addr & 3)) {
		fail(m, &m->st.desc_errors, "descriptor at 0x%llx not in memory",
		     (unsigned long long)m->desc_addr);
		raise_ids(m, SDMMC_IDMAC_FBE);
		m->dma_stopped = true;
		return false;
	}
	if (!(d[0] & IDMAC_DES0_OWN)) {
		raise_ids(m, SDMMC_IDMAC_DU);
		m->dma_suspended = true;
		fail(m, &m->st.desc_errors, "descriptor at 0x%llx not owned by the IDMAC",
		     (unsigned long long)m->desc_addr);
		return false;
	}
	m->desc_flags = d[0];
	if (m->first_desc != !!(d[0] & IDMAC_DES0_FD))
		fail(m, &m->st.desc_errors, "FD %s on descriptor 0x%llx", m->first_desc ? "missing" : "set",
		     (unsigned long long)m->desc_addr);
	m->first_desc = false;
	len = (dma64(m) ? d[2] : d[1]) & 0x1fff;
	m->buf_addr = dma64(m) ? ((uint64_t)d[5] << 32 | d[4]) : d[2];
	if (!dma64(m) && (d[1] >> 13) & 0x1fff)
		fail(m, &m->st.desc_errors, "buffer 2 size set (chained mode)");
	if (len % width(m) || m->buf_addr % 4 || !len) {
		fail(m, &m->st.desc_errors, "descriptor buffer 0x%llx size %u misaligned",
		     (unsigned long long)m->buf_addr, len);
		raise_ids(m, SDMMC_IDMAC_FBE);
		m->dma_stopped = true;
		return false;
	}
	if (!m->cfg.dma_map(m->buf_addr, len)) {
		fail(m, &m->st.desc_errors, "buffer 0x%llx+%u not in memory",
		     (unsigned long long)m->buf_addr, len);
		raise_ids(m, SDMMC_IDMAC_FBE);
		m->dma_stopped = true;
		return false;
	}
	m->desc_left = len;
	m->desc_loaded = true;
	return true;
}

/* The current descriptor is done: hand it back, interrupt, move on. */
static void desc_close(struct mshc_model *m, bool read)
{
	size_t dsz = dma64(m) ? 32 : 16;
	uint32_t *d = m->cfg.dma_map(m->desc_addr, dsz);

	d[0] &= ~IDMAC_DES0_OWN;
	m->desc_loaded = false;
	if (!(m->desc_flags & IDMAC_DES0_DIC))
		raise_ids(m, read ? SDMMC_IDMAC_RI : SDMMC_IDMAC_TI);
	if (m->desc_flags & IDMAC_DES0_LD) {
		if (m->host_left)
			fail(m, &m->st.desc_errors, "last descriptor with %u bytes of BYTCNT left",
			     m->host_left);
		m->dma_stopped = true;
		return;
	}
	if (m->desc_flags & IDMAC_DES0_ER)
		m->desc_addr = dma64(m) ? ((uint64_t)R(SDMMC_DBADDRU) << 32 | R(SDMMC_DBADDRL)) :
					  R(SDMMC_DBADDR);
	else if (m->desc_flags & IDMAC_DES0_CH)
		m->desc_addr = dma64(m) ? ((uint64_t)d[7] << 32 | d[6]) : d[3];
	else
		m->desc_addr += dsz;
}

/* The IDMAC: FIFO <-> descriptor buffers while it has work and may. */
static bool idmac_progress(struct mshc_model *m)
{
	bool read = m->dstate == D_READ;
	unsigned int w = width(m);
	bool moved = false;

	if (!dma_mode(m) || m->dma_suspended || m->dma_stopped || !m->host_left)
		return false;
	if (!(R(SDMMC_CTRL) & SDMMC_CTRL_DMA_ENABLE))
		return false;
	while (m->host_left) {
		uint8_t *buf;

		if (!m->desc_loaded && !desc_load(m))
			return true;
		if (read ? !m->fcount : m->fcount >= m->cfg.fifo_depth)
			return moved;
		buf = m->cfg.dma_map(m->buf_addr, w);
		if (read) {
			uint64_t v = fifo_pop(m);

			memcpy(buf, &v, w);
		} else {
			uint64_t v = 0;

			memcpy(&v, buf, w);
			fifo_push(m, v);
		}
		m->buf_addr += w;
		m->desc_left -= w;
		m->host_left -= w;
		R(SDMMC_TBBCNT) += w;
		m->st.dma_bytes += w;
		moved = true;
		if (!m->desc_left)
			desc_close(m, read);
		if (m->dma_stopped)
			break;
	}
	return moved;
}

static bool data_progress(struct mshc_model *m)
{
	bool moved = false;

	if (m->dstate == D_IDLE)
		return false;
	if (m->drto_wait) {
		if (--m->drto_wait == 0) {
			R(SDMMC_RINTSTS) |= SDMMC_INT_DRTO;
			m->data_error = true;
			data_stop(m);
		}
		return true;
	}
	if (m->data_error)
		return false;
	/* The IDMAC keeps up with the card: with DMA a step runs until it is stuck. */
	for (;;) {
		bool round = false;

		if (m->dstate == D_READ) {
			round |= card_to_fifo(m);
			round |= idmac_progress(m);
		} else if (m->dstate == D_WRITE) {
			round |= idmac_progress(m);
			round |= fifo_to_card(m);
		}
		moved |= round;
		if (!round || !dma_mode(m) || m->data_error || m->drto_wait || m->dstate == D_IDLE)
			break;
	}
	if (m->dto_sent && !m->host_left && !m->fcount)
		data_stop(m);
	return moved;
}

/* RXDR/TXDR follow the FIFO level against the watermarks (PIO only). */
static void update_fifo_irqs(struct mshc_model *m)
{
	uint32_t th = R(SDMMC_FIFOTH), rx = (th >> 16) & 0xfff, tx = th & 0xfff;

	if (dma_mode(m) || m->dstate == D_IDLE)
		return;
	if (m->dstate == D_READ && m->fcount > rx)
		R(SDMMC_RINTSTS) |= SDMMC_INT_RXDR;
	if (m->dstate == D_WRITE && m->host_left && m->fcount <= tx)
		R(SDMMC_RINTSTS) |= SDMMC_INT_TXDR;
}

/* A cheap clock for the model's own accounting: the TSC where there is one. */
static uint64_t ticks(void)
{
#if defined(__x86_64__)
	return __builtin_ia32_rdtsc();
#else
	return mshc_now_ns();
#endif
}

uint64_t mshc_ticks(void)
{
	return ticks();
}

uint64_t mshc_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

uint64_t mshc_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* One step of time: resets finish, the CIU and the data path move. */
static bool step(struct mshc_model *m)
{
	bool changed = false;

	if (m->reset_steps && --m->reset_steps == 0) {
		R(SDMMC_CTRL) &= ~SDMMC_CTRL_ALL_RESET;
		changed = true;
	}
	if (m->bmod_reset_steps && --m->bmod_reset_steps == 0) {
		R(SDMMC_BMOD) &= ~SDMMC_BMOD_SWR;
		changed = true;
	}
	if (m->hang)
		return changed;
	if (m->cmd_phase == 2) {
		m->cmd_phase = 0;
		cmd_send(m);
		changed = true;
	}
	changed |= cmd_progress(m);
	changed |= data_progress(m);
	update_fifo_irqs(m);
	return changed;
}

bool mshc_step(struct mshc_model *m)
{
	uint64_t t0 = m->timing ? ticks() : 0;
	bool changed;

	m->st.steps++;
	changed = step(m);
	if (m->timing)
		m->st.ticks += ticks() - t0;
	return changed;
}

/* ---- registers ---------------------------------------------------------------- */

static void write_ctrl(struct mshc_model *m, uint32_t v)
{
	uint32_t resets = v & SDMMC_CTRL_ALL_RESET;

	R(SDMMC_CTRL) = v;
	if (!resets)
		return;
	m->st.ctrl_resets++;
	if (resets & SDMMC_CTRL_RESET) {
		R(SDMMC_CMD) &= ~SDMMC_CMD_START;
		m->cmd_phase = 0;
		m->rto_wait = 0;
		data_stop(m);
	}
	if (resets & (SDMMC_CTRL_RESET | SDMMC_CTRL_FIFO_RESET))
		fifo_reset(m);
	if (resets & (SDMMC_CTRL_RESET | SDMMC_CTRL_DMA_RESET))
		m->dma_stopped = true;
	m->reset_steps = 1;
}

static void write_cmd(struct mshc_model *m, uint32_t v)
{
	if (R(SDMMC_CMD) & SDMMC_CMD_START) {
		fail(m, &m->st.hle, "CMD 0x%x written while CMD 0x%x still started", v, R(SDMMC_CMD));
		R(SDMMC_RINTSTS) |= SDMMC_INT_HLE;
		return;
	}
	R(SDMMC_CMD) = v;
	if ((v & SDMMC_CMD_START) && !(v & SDMMC_CMD_UPD_CLK))
		m->cmd_phase = 1;
}

/* The data FIFO, by the CPU. */
static uint64_t fifo_read(struct mshc_model *m)
{
	unsigned int w = width(m);

	m->st.fifo_accesses++;
	if (dma_mode(m))
		fail(m, &m->st.protocol_errors, "FIFO read by the CPU in IDMAC mode");
	if (!m->fcount) {
		fail(m, &m->st.protocol_errors, "FIFO read while empty");
		return 0;
	}
	m->host_left = m->host_left >= w ? m->host_left - w : 0;
	m->st.pio_bytes += w;
	R(SDMMC_TBBCNT) += w;
	return fifo_pop(m);
}

static void fifo_write(struct mshc_model *m, uint64_t v)
{
	unsigned int w = width(m);

	m->st.fifo_accesses++;
	if (dma_mode(m))
		fail(m, &m->st.protocol_errors, "FIFO write by the CPU in IDMAC mode");
	if (m->fcount >= m->cfg.fifo_depth) {
		fail(m, &m->st.protocol_errors, "FIFO write while full");
		return;
	}
	if (m->dstate != D_WRITE || !m->host_left) {
		fail(m, &m->st.protocol_errors, "FIFO write with no write transfer open");
		return;
	}
	m->host_left -= w;
	m->st.pio_bytes += w;
	R(SDMMC_TBBCNT) += w;
	fifo_push(m, v);
}

static uint32_t read_status(struct mshc_model *m)
{
	uint32_t s = (uint32_t)m->fcount << 17;

	if (!m->fcount)
		s |= SDMMC_STATUS_FIFO_EMPTY;
	if (m->fcount >= m->cfg.fifo_depth)
		s |= SDMMC_STATUS_FIFO_FULL;
	if (m->dstate != D_IDLE || sdcm_busy(m->card))
		s |= SDMMC_STATUS_BUSY;
	return s;
}

static bool is_fifo(const struct mshc_model *m, unsigned int off)
{
	unsigned int base = mshc_fifo_offset(m);

	return off >= base && off < base + 0x100;
}

static uint64_t do_read(struct mshc_model *m, unsigned int off, int size)
{
	if (is_fifo(m, off)) {
		if (size != (int)width(m))
			fail(m, &m->st.protocol_errors, "FIFO read of %d bytes, width %u", size, width(m));
		return fifo_read(m);
	}
	if (size != 4 || (off & 3) || off >= 0x200) {
		fail(m, &m->st.protocol_errors, "read of %d bytes at 0x%x", size, off);
		return 0;
	}
	switch (off) {
	case SDMMC_MINTSTS:
		return R(SDMMC_RINTSTS) & R(SDMMC_INTMASK);
	case SDMMC_STATUS:
		return read_status(m);
	case SDMMC_CDETECT:
		return m->cfg.cd_wired ? !sdcm_present(m->card) : 1;
	case SDMMC_VERID:
		return 0x53420000u | m->cfg.verid;
	case SDMMC_HCON:
		return m->cfg.hcon;
	default:
		return R(off);
	}
}

static void do_write(struct mshc_model *m, unsigned int off, uint64_t v, int size)
{
	if (is_fifo(m, off)) {
		if (size != (int)width(m))
			fail(m, &m->st.protocol_errors, "FIFO write of %d bytes, width %u", size, width(m));
		fifo_write(m, v);
		return;
	}
	if (size != 4 || (off & 3) || off >= 0x200) {
		fail(m, &m->st.protocol_errors, "write of %d bytes at 0x%x", size, off);
		return;
	}
	switch (off) {
	case SDMMC_CTRL:
		write_ctrl(m, v);
		break;
	case SDMMC_PWREN:
		if ((v & 1) && !(R(SDMMC_PWREN) & 1))
			m->init_needed = true;
		R(off) = v;
		break;
	case SDMMC_CMD:
		write_cmd(m, v);
		break;
	case SDMMC_RINTSTS:
		R(SDMMC_RINTSTS) &= ~(uint32_t)v;
		break;
	case SDMMC_BMOD:
		R(off) = v;
		if (v & SDMMC_BMOD_SWR) {
			m->dma_stopped = true;
			m->desc_loaded = false;
			m->bmod_reset_steps = 1;
		}
		break;
	case SDMMC_PLDMND:
		m->dma_suspended = false;
		break;
	case SDMMC_MINTSTS: case SDMMC_STATUS: case SDMMC_VERID: case SDMMC_HCON:
	case SDMMC_CDETECT: case SDMMC_TCBCNT: case SDMMC_TBBCNT:
		fail(m, &m->st.protocol_errors, "write to read-only register 0x%x", off);
		break;
	default:
		if (off == off_idsts(m))
			R(off) &= ~(uint32_t)v;
		else
			R(off) = v;
		break;
	}
}

/* Status reads let time pass, so the driver's bounded polls see progress. */
static bool polls(const struct mshc_model *m, unsigned int off)
{
	return off == SDMMC_CTRL || off == SDMMC_CMD || off == SDMMC_STATUS ||
	       off == SDMMC_RINTSTS || off == SDMMC_MINTSTS || off == SDMMC_BMOD ||
	       off == off_idsts(m);
}

uint64_t mshc_read(struct mshc_model *m, unsigned int off, int size)
{
	uint64_t t0 = m->timing ? ticks() : 0, v;

	m->st.reg_accesses++;
	if (polls(m, off))
		step(m);
	v = do_read(m, off, size);
	if (m->timing)
		m->st.ticks += ticks() - t0;
	return v;
}

void mshc_write(struct mshc_model *m, unsigned int off, uint64_t v, int size)
{
	uint64_t t0 = m->timing ? ticks() : 0;

	m->st.reg_accesses++;
	do_write(m, off, v, size);
	if (is_fifo(m, off))
		update_fifo_irqs(m);
	if (m->timing)
		m->st.ticks += ticks() - t0;
}

bool mshc_irq_pending(struct mshc_model *m)
{
	uint32_t ids = R(off_idsts(m)) & R(off_idinten(m)) &
		       (SDMMC_IDMAC_TI | SDMMC_IDMAC_RI | SDMMC_IDMAC_ERRORS);

	if (ids)
		return true;
	return (R(SDMMC_CTRL) & SDMMC_CTRL_INT_ENABLE) &&
	       (R(SDMMC_RINTSTS) & R(SDMMC_INTMASK));
}

/* ---- the rest ------------------------------------------------------------------ */

struct mshc_model *mshc_new(const struct mshc_config *cfg, struct sd_card_model *card)
{
	struct mshc_model *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->cfg = *cfg;
	if (m->cfg.fifo_depth < 2 || m->cfg.fifo_depth > FIFO_MAX)
		m->cfg.fifo_depth = 32;
	m->card = card;
	R(SDMMC_FIFOTH) = SDMMC_FIFOTH_RX(m->cfg.fifo_depth - 1);
	R(SDMMC_TMOUT) = 0xffffff40;
	R(SDMMC_CLKENA) = 0;
	return m;
}

void mshc_free(struct mshc_model *m)
{
	free(m);
}

void mshc_remove_card(struct mshc_model *m)
{
	sdcm_remove(m->card);
	R(SDMMC_RINTSTS) |= SDMMC_INT_CD;
}

void mshc_set_hang(struct mshc_model *m, bool hang)
{
	m->hang = hang;
}

void mshc_set_timing(struct mshc_model *m, bool on)
{
	m->timing = on;
}

const struct mshc_stats *mshc_stats(const struct mshc_model *m)
{
	return &m->st;
}

const char *mshc_last_error(const struct mshc_model *m)
{
	return m->last_error;
}
