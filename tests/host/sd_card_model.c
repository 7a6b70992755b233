/*
 * A software SD card for the host tests (sd_card_model.h): the card state
 * machine of SD Physical Layer Simplified Specification 9.00 sections 4.2-4.3
 * and 4.8 (idle, ready, ident, stby, tran, data, rcv, prg, dis, ina), the
 * command set of 4.7, the registers of chapter 5 (OCR, CID, CSD v1/v2, SCR),
 * CMD6's switch status (4.3.10) and injected faults. Leaves out: erase,
 * write protection, locking, UHS signalling, SDIO and SPI mode.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include "sd_card_model.h"

/* Card states (spec 4.8, the R1 CURRENT_STATE values) plus inactive. */
enum {
	ST_IDLE, ST_READY, ST_IDENT, ST_STBY, ST_TRAN, ST_DATA, ST_RCV, ST_PRG, ST_DIS,
	ST_INA = 15,
};

/* What a data state is doing. */
enum {
	OP_NONE, OP_READ_BLOCKS, OP_WRITE_BLOCKS, OP_REGISTER,	/* SCR, switch status, SD status */
};

/* R1 bits (sd spec 4.10.1), duplicated here so the model needs no kernel header. */
#define S_OUT_OF_RANGE		(1u << 31)
#define S_ADDRESS_ERROR		(1u << 30)
#define S_BLOCK_LEN_ERROR	(1u << 29)
#define S_COM_CRC_ERROR		(1u << 23)
#define S_ILLEGAL_COMMAND	(1u << 22)
#define S_ERROR			(1u << 19)
#define S_READY_FOR_DATA	(1u << 8)
#define S_APP_CMD		(1u << 5)

#define OCR_VOLTAGES	0x00ff8000u	/* 2.7-3.6 V */
#define OCR_CCS		(1u << 30)
#define OCR_BUSY	(1u << 31)
#define OCR_HCS		(1u << 30)	/* in ACMD41's argument */

#define MODEL_RCA	0x0001
#define INIT_POLLS	3	/* ACMD41s until power-up ends */
#define PROG_BUSY	2	/* busy polls after a write */
#define NR_COUNTS	200

struct sd_card_model {
	enum sdcm_kind kind;
	uint8_t *image;
	uint64_t bytes;
	bool present;

	int state;
	uint16_t rca;
	bool if_cond_seen;		/* CMD8 answered since CMD0: a v2 host */
	bool app_cmd;			/* CMD55 accepted: the next command is an ACMD */
	uint32_t pending;		/* error bits for the next R1 (ILLEGAL_COMMAND, ...) */
	uint32_t ocr;
	unsigned int init_polls;	/* ACMD41/CMD1 calls left until ready */
	unsigned int init_polls_reset;	/* ... after CMD0 (INIT_POLLS) */
	int bus_width;
	bool high_speed;
	uint32_t blocklen;
	uint32_t block_count;		/* CMD23's, 0 = open-ended */

	/* The data state. */
	int op;
	uint64_t addr;			/* byte offset of the next block */
	uint32_t blocks_left;		/* 0 = until CMD12 */
	uint8_t reg[64];		/* OP_REGISTER's bytes */
	unsigned int reg_len;
	bool write_broken;		/* a CRC error: the rest of the write is ignored */
	uint32_t well_written;		/* blocks of the last write (ACMD22) */
	unsigned int busy_left;
	uint32_t last_data_arg;

	/* Registers. */
	uint32_t cid[4], csd[4];
	unsigned int read_bl_len;	/* CSD v1 READ_BL_LEN (9..11) */
	unsigned int sd_spec, bus_widths, cmd_support;
	bool hs_support;

	struct sdcm_fault fault;
	unsigned int data_blocks;	/* data blocks since the fault was set */
	unsigned int counts[NR_COUNTS];
	unsigned int protocol_errors;
	char last_error[160];
};

static const char *const state_names[16] = {
	"idle", "ready", "ident", "stby", "tran", "data", "rcv", "prg", "dis",
	"?", "?", "?", "?", "?", "?", "ina",
};

/* Records a protocol error: the host broke the spec. */
static void proto_error(struct sd_card_model *c, const char *fmt, ...)
{
	va_list ap;

	c->protocol_errors++;
	va_start(ap, fmt);
	vsnprintf(c->last_error, sizeof(c->last_error), fmt, ap);
	va_end(ap);
}

/* ---- registers ---------------------------------------------------------------- */

/* CRC7 (x^7 + x^3 + 1) over @len bytes: the check of commands, CID and CSD. */
static uint8_t crc7(const uint8_t *p, unsigned int len)
{
	uint8_t crc = 0;

	for (unsigned int i = 0; i < len; i++) {
		for (int b = 7; b >= 0; b--) {
			int bit = ((p[i] >> b) & 1) ^ ((crc >> 6) & 1);

			crc = (crc << 1) & 0x7f;
			if (bit)
				crc ^= 0x09;
		}
	}
	return crc;
}

/* Sets bits @hi..@lo of a 128-bit register (r[0] = bits 127..96) to @v. */
static void reg_set(uint32_t r[4], unsigned int hi, unsigned int lo, uint32_t v)
{
	for (unsigned int b = lo; b <= hi; b++, v >>= 1) {
		uint32_t *w = &r[3 - b / 32];
		uint32_t m = 1u << (b % 32);

		*w = (v & 1) ? (*w | m) : (*w & ~m);
	}
}

/* Fills bits 7:0 with CRC7 over bits 127:8 and the end bit. */
static void reg_seal(uint32_t r[4])
{
	uint8_t bytes[15];

	for (int i = 0; i < 15; i++)
		bytes[i] = r[i / 4] >> (24 - 8 * (i % 4));
	reg_set(r, 7, 0, (crc7(bytes, 15) << 1) | 1);
}

/* The CID (spec 5.2): manufacturer 0x03 "SD", name "RIVET", rev 1.0, 2024-01. */
static void make_cid(struct sd_card_model *c)
{
	const char *pnm = "RIVET";

	memset(c->cid, 0, sizeof(c->cid));
	reg_set(c->cid, 127, 120, 0x03);
	reg_set(c->cid, 119, 104, ('S' << 8) | 'D');
	for (int i = 0; i < 5; i++)
		reg_set(c->cid, 103 - 8 * i, 96 - 8 * i, (uint8_t)pnm[i]);
	reg_set(c->cid, 63, 56, 0x10);
	reg_set(c->cid, 55, 24, 0x12345678);
	reg_set(c->cid, 19, 8, ((2024 - 2000) << 4) | 1);
	reg_seal(c->cid);
}

/*
 * C_SIZE and C_SIZE_MULT of a CSD v1 for @bytes with READ_BL_LEN @bl:
 * the smallest multiplier whose C_SIZE fits 12 bits (rounding the card
 * down if the image is not a whole number of units).
 */
static void csd_v1_geometry(uint64_t bytes, unsigned int bl, uint32_t *c_size, uint32_t *mult)
{
	for (*mult = 0; *mult < 7; (*mult)++)
		if ((bytes >> (bl + *mult + 2)) <= 4096)
			break;
	uint64_t units = bytes >> (bl + *mult + 2);

	if (units > 4096)
		units = 4096;
	*c_size = units ? units - 1 : 0;
}

/* The CSD (spec 5.3.2 version 1.0 for SDSC, 5.3.3 version 2.0 for SDHC). */
static void make_csd(struct sd_card_model *c)
{
	uint32_t *r = c->csd;

	memset(c->csd, 0, sizeof(c->csd));
	reg_set(r, 119, 112, 0x0e);			/* TAAC 1 ms */
	reg_set(r, 103, 96, c->high_speed ? 0x5a : 0x32);	/* TRAN_SPEED 50/25 MHz */
	reg_set(r, 95, 84, c->sd_spec >= 1 ? 0x5b5 : 0x1b5);	/* CCC, class 10 from 1.10 */
	reg_set(r, 46, 46, 1);				/* ERASE_BLK_EN */
	reg_set(r, 45, 39, 0x7f);			/* SECTOR_SIZE */
	reg_set(r, 28, 26, 2);				/* R2W_FACTOR */
	if (c->kind == SDCM_SDHC) {
		reg_set(r, 127, 126, 1);
		reg_set(r, 83, 80, 9);
		reg_set(r, 69, 48, (uint32_t)(c->bytes / (512 * 1024)) - 1);
		reg_set(r, 25, 22, 9);
	} else {
		uint32_t c_size, mult;

		csd_v1_geometry(c->bytes, c->read_bl_len, &c_size, &mult);
		reg_set(r, 83, 80, c->read_bl_len);
		reg_set(r, 79, 79, 1);			/* READ_BL_PARTIAL */
		reg_set(r, 73, 62, c_size);
		reg_set(r, 61, 50, 0xfff);		/* VDD currents */
		reg_set(r, 49, 47, mult);
		reg_set(r, 25, 22, c->read_bl_len);
	}
	reg_seal(r);
}

/* The 8-byte SCR (spec 5.6), most significant byte first. */
static void make_scr(const struct sd_card_model *c, uint8_t *b)
{
	memset(b, 0, 8);
	b[0] = c->sd_spec & 0xf;			/* SCR_STRUCTURE 0, SD_SPEC */
	b[1] = ((c->kind == SDCM_SDHC ? 3 : c->kind == SDCM_SDSC_V2 ? 2 : 0) << 4) |
	       (c->bus_widths & 0xf);			/* SD_SECURITY, SD_BUS_WIDTHS */
	if (c->sd_spec >= 2)
		b[2] = 0x80;				/* SD_SPEC3 */
	b[3] = c->cmd_support & 0xf;
}

/*
 * The 64-byte switch status (spec 4.3.10.4) of CMD6 with @arg: group 1
 * offers default and (if supported) high speed; other groups default.
 * Returns the group 1 function the card selects (0xf: unsupported).
 */
static unsigned int make_switch_status(struct sd_card_model *c, uint32_t arg)
{
	unsigned int want = arg & 0xf, result;
	uint8_t *b = c->reg;

	memset(b, 0, 64);
	b[1] = 100;					/* max current, mA */
	for (int g = 0; g < 6; g++)
		b[2 + 2 * g + 1] = 0x01;		/* every group: function 0 */
	b[13] = c->hs_support ? 0x03 : 0x01;		/* group 1 */
	result = c->high_speed ? 1 : 0;
	if (want != 0xf)
		result = (want == 0 || (want == 1 && c->hs_support)) ? want : 0xf;
	b[16] = result & 0xf;				/* group 2 result 0, group 1 */
	b[17] = 1;					/* data structure version */
	return result;
}

/* ---- responses ---------------------------------------------------------------- */

/* The R1 card status for a command received in @state. */
static uint32_t r1_status(struct sd_card_model *c, int state)
{
	uint32_t s = c->pending | ((uint32_t)state << 9);

	c->pending = 0;
	if (state != ST_PRG && state != ST_RCV && c->busy_left == 0)
		s |= S_READY_FOR_DATA;
	if (c->app_cmd)
		s |= S_APP_CMD;
	return s;
}

/* Illegal in this state: no response, ILLEGAL_COMMAND in the next status. */
static int illegal(struct sd_card_model *c, uint32_t opcode, bool acmd)
{
	proto_error(c, "%sCMD%u in state %s", acmd ? "A" : "", opcode, state_names[c->state]);
	c->pending |= S_ILLEGAL_COMMAND;
	return SDCM_NORESP;
}

/* Whether @arg's RCA field addresses this card. */
static bool addressed(const struct sd_card_model *c, uint32_t arg)
{
	return (arg >> 16) == c->rca;
}

/* Card busy (R1b, programming) for @n polls. */
static void set_busy(struct sd_card_model *c, unsigned int n)
{
	c->busy_left = n;
}

/* One poll of busy: the programming state ends when it reaches 0. */
static bool poll_busy(struct sd_card_model *c)
{
	if (c->busy_left == 0)
		return false;
	if (--c->busy_left == 0 && c->state == ST_PRG)
		c->state = ST_TRAN;
	return true;
}

/* Back to the idle state, as CMD0 does (spec 4.2.1). */
static void go_idle(struct sd_card_model *c)
{
	c->state = ST_IDLE;
	c->rca = 0;
	c->if_cond_seen = false;
	c->app_cmd = false;
	c->pending = 0;
	c->ocr = OCR_VOLTAGES;
	c->init_polls = c->init_polls_reset;
	c->bus_width = 1;
	c->high_speed = false;
	c->blocklen = 512;
	c->block_count = 0;
	c->op = OP_NONE;
	c->busy_left = 0;
	make_csd(c);
}

/* ---- commands ------------------------------------------------------------------- */

/* CMD8 (spec 4.3.13): echoes the pattern if 2.7-3.6 V is offered; v1 cards stay silent. */
static int cmd_if_cond(struct sd_card_model *c, uint32_t arg, uint32_t resp[4])
{
	if (c->kind == SDCM_SDSC_V1 || c->kind == SDCM_MMC)
		return SDCM_NORESP;		/* not an error: the host probes */
	if (c->state != ST_IDLE)
		return illegal(c, 8, false);
	if (((arg >> 8) & 0xf) != 1)
		return SDCM_NORESP;		/* voltage not supported */
	c->if_cond_seen = true;
	resp[0] = arg & 0xfff;
	return SDCM_OK;
}

/*
 * ACMD41 (spec 4.2.3): a zero voltage window only asks for the OCR;
 * otherwise power-up runs for INIT_POLLS calls. An SDHC card asked without
 * HCS, or without CMD8 first, never finishes.
 */
static int acmd_op_cond(struct sd_card_model *c, uint32_t arg, uint32_t resp[4])
{
	uint32_t win = arg & OCR_VOLTAGES;

	if (c->state != ST_IDLE)
		return illegal(c, 41, true);
	resp[0] = c->ocr;
	if (!win)
		return SDCM_OK;
	if (!(win & c->ocr)) {
		proto_error(c, "ACMD41 offers voltages %#x the card lacks", arg & 0xffffff);
		c->state = ST_INA;
		return SDCM_NORESP;
	}
	bool hc_ok = c->if_cond_seen && (arg & OCR_HCS);

	if (c->kind == SDCM_SDHC && !hc_ok)
		return SDCM_OK;			/* busy forever */
	if (c->init_polls && --c->init_polls)
		return SDCM_OK;			/* still powering up */
	c->ocr |= OCR_BUSY;
	if (c->kind == SDCM_SDHC)
		c->ocr |= OCR_CCS;
	c->state = ST_READY;
	resp[0] = c->ocr;
	return SDCM_OK;
}

/* CMD1 on an MMC card: its OCR, ready after INIT_POLLS calls. SD cards ignore it. */
static int cmd_send_op_cond(struct sd_card_model *c, uint32_t arg, uint32_t resp[4])
{
	if (c->kind != SDCM_MMC)
		return SDCM_NORESP;
	if (c->state != ST_IDLE)
		return illegal(c, 1, false);
	if (c->init_polls && --c->init_polls == 0) {
		c->ocr |= OCR_BUSY;
		c->state = ST_READY;
	}
	resp[0] = c->ocr | (1u << 7);		/* MMC: 1.7-1.95 V too */
	return SDCM_OK;
}

/* Checks a data command's address: 0, or the R1 error bits. */
static uint32_t check_address(struct sd_card_model *c, uint32_t arg, uint64_t *byte)
{
	uint64_t a = c->kind == SDCM_SDHC ? (uint64_t)arg * 512 : arg;

	*byte = a;
	if (a >= c->bytes)
		return S_OUT_OF_RANGE;
	if (c->kind != SDCM_SDHC && (a % c->blocklen))
		return S_ADDRESS_ERROR;
	if (c->blocklen != 512)
		return S_BLOCK_LEN_ERROR;	/* the model serves 512-byte blocks only */
	return 0;
}

/* CMD17/18/24/25 in tran: enter the data or receive state. */
static int cmd_rw(struct sd_card_model *c, uint32_t opcode, uint32_t arg, uint32_t resp[4])
{
	bool multi = opcode == 18 || opcode == 25;
	uint64_t byte;
	uint32_t err;

	if (c->state != ST_TRAN)
		return illegal(c, opcode, false);
	c->last_data_arg = arg;
	err = check_address(c, arg, &byte);
	if (err) {
		proto_error(c, "CMD%u arg %#x: %s", opcode, arg,
			    err == S_OUT_OF_RANGE ? "out of range" :
			    err == S_ADDRESS_ERROR ? "misaligned (byte address?)" : "block length");
		c->pending |= err;
		resp[0] = r1_status(c, c->state);
		c->block_count = 0;
		return SDCM_OK;
	}
	resp[0] = r1_status(c, c->state);
	c->op = (opcode == 17 || opcode == 18) ? OP_READ_BLOCKS : OP_WRITE_BLOCKS;
	c->state = c->op == OP_READ_BLOCKS ? ST_DATA : ST_RCV;
	c->addr = byte;
	c->blocks_left = multi ? c->block_count : 1;
	c->block_count = 0;
	c->write_broken = false;
	if (c->op == OP_WRITE_BLOCKS)
		c->well_written = 0;
	return SDCM_OK;
}

/* A register read (SCR, switch status, SD status, ACMD22) of @len bytes in reg[]. */
static void start_register(struct sd_card_model *c, unsigned int len)
{
	c->op = OP_REGISTER;
	c->reg_len = len;
	c->state = ST_DATA;
}

/* CMD6 (spec 4.3.10): check or switch group 1; sends 64 bytes of status. */
static int cmd_switch(struct sd_card_model *c, uint32_t arg, uint32_t resp[4])
{
	unsigned int result;

	if (c->state != ST_TRAN || c->sd_spec < 1 || c->kind == SDCM_MMC)
		return illegal(c, 6, false);
	resp[0] = r1_status(c, c->state);
	result = make_switch_status(c, arg);
	if ((arg >> 31) && result != 0xf && (arg & 0xf) != 0xf) {
		c->high_speed = result == 1;
		make_csd(c);
	}
	start_register(c, 64);
	return SDCM_OK;
}

/* CMD12 (spec 4.3.4): ends an open read (-> tran) or write (-> prg). */
static int cmd_stop(struct sd_card_model *c, uint32_t resp[4])
{
	if (c->state != ST_DATA && c->state != ST_RCV)
		return illegal(c, 12, false);
	resp[0] = r1_status(c, c->state);
	if (c->state == ST_RCV) {
		c->state = ST_PRG;
		set_busy(c, PROG_BUSY);
	} else {
		c->state = ST_TRAN;
		set_busy(c, 1);
	}
	c->op = OP_NONE;
	return SDCM_OK;
}

/* CMD7 (spec 4.3.1): select (stby -> tran) or, another RCA, deselect. */
static int cmd_select(struct sd_card_model *c, uint32_t arg, uint32_t resp[4])
{
	if (!addressed(c, arg)) {
		if (c->state == ST_TRAN || c->state == ST_DATA)
			c->state = ST_STBY;
		else if (c->state == ST_PRG)
			c->state = ST_DIS;
		return SDCM_NORESP;
	}
	if (c->state != ST_STBY && c->state != ST_DIS)
		return illegal(c, 7, false);
	resp[0] = r1_status(c, c->state);
	c->state = c->state == ST_DIS ? ST_PRG : ST_TRAN;
	set_busy(c, 1);
	return SDCM_OK;
}

/* Commands of the addressed states that need a matching RCA: CMD9, 10, 13. */
static int cmd_addressed(struct sd_card_model *c, uint32_t opcode, uint32_t arg, uint32_t resp[4])
{
	if (!addressed(c, arg)) {
		proto_error(c, "CMD%u to RCA %#x, card is %#x", opcode, arg >> 16, c->rca);
		return SDCM_NORESP;
	}
	if (opcode == 13) {
		if (c->state < ST_STBY || c->state == ST_INA)
			return illegal(c, 13, false);
		resp[0] = r1_status(c, c->state);
		poll_busy(c);
		return SDCM_OK;
	}
	if (c->state != ST_STBY)
		return illegal(c, opcode, false);
	memcpy(resp, opcode == 9 ? c->csd : c->cid, 16);
	return SDCM_OK;
}

/* Commands that need the transfer state and answer R1: CMD16, CMD23, ACMD6. */
static int cmd_tran_r1(struct sd_card_model *c, uint32_t opcode, uint32_t arg, uint32_t resp[4])
{
	bool acmd = opcode >= 100;
	uint32_t idx = acmd ? opcode - 100 : opcode;

	if (c->state != ST_TRAN)
		return illegal(c, idx, acmd);
	if (opcode == 23 && !(c->cmd_support & 2))
		return illegal(c, 23, false);
	resp[0] = r1_status(c, c->state);
	if (opcode == 16) {
		if (arg == 0 || arg > 512) {
			proto_error(c, "CMD16 block length %u", arg);
			c->pending |= S_BLOCK_LEN_ERROR;
		} else {
			c->blocklen = arg;
		}
	} else if (opcode == 23) {
		if (!arg)
			proto_error(c, "CMD23 with 0 blocks");
		c->block_count = arg;
	} else if (arg == 0 || (arg == 2 && (c->bus_widths & 4))) {
		c->bus_width = arg == 2 ? 4 : 1;
	} else {
		proto_error(c, "ACMD6 bus width %u", arg);
		c->pending |= S_ERROR;
	}
	return SDCM_OK;
}

/* Application commands (after CMD55): ACMD6, 13, 22, 41, 51. */
static int app_command(struct sd_card_model *c, uint32_t opcode, uint32_t arg, uint32_t resp[4])
{
	switch (opcode) {
	case 41:
		return acmd_op_cond(c, arg, resp);
	case 6:
		return cmd_tran_r1(c, 106, arg, resp);
	case 13: case 22: case 51:
		if (c->state != ST_TRAN)
			return illegal(c, opcode, true);
		resp[0] = r1_status(c, c->state);
		memset(c->reg, 0, sizeof(c->reg));
		if (opcode == 51) {
			make_scr(c, c->reg);
			start_register(c, 8);
		} else if (opcode == 22) {
			for (int i = 0; i < 4; i++)
				c->reg[i] = c->well_written >> (24 - 8 * i);
			start_register(c, 4);
		} else {
			c->reg[0] = c->bus_width == 4 ? 0x80 : 0;	/* DAT_BUS_WIDTH */
			start_register(c, 64);
		}
		return SDCM_OK;
	default:
		return illegal(c, opcode, true);
	}
}

/* CMD55 (spec 4.3.9): the next command is an ACMD. MMC cards stay silent here. */
static int cmd_app(struct sd_card_model *c, uint32_t arg, uint32_t resp[4])
{
	if (c->kind == SDCM_MMC)
		return SDCM_NORESP;
	if (c->state >= ST_STBY && !addressed(c, arg)) {
		proto_error(c, "CMD55 to RCA %#x, card is %#x", arg >> 16, c->rca);
		return SDCM_NORESP;
	}
	c->app_cmd = true;
	resp[0] = r1_status(c, c->state);
	return SDCM_OK;
}

/* The identification commands: CMD2 (ready -> ident), CMD3 (ident/stby -> stby). */
static int cmd_ident(struct sd_card_model *c, uint32_t opcode, uint32_t resp[4])
{
	if (opcode == 2) {
		if (c->state != ST_READY)
			return illegal(c, 2, false);
		memcpy(resp, c->cid, 16);
		c->state = ST_IDENT;
		return SDCM_OK;
	}
	if (c->state != ST_IDENT && c->state != ST_STBY)
		return illegal(c, 3, false);
	if (c->kind == SDCM_MMC) {
		proto_error(c, "CMD3 on an MMC card");
		return SDCM_NORESP;
	}
	uint32_t s = r1_status(c, c->state);

	c->rca = MODEL_RCA;
	/* R6: RCA, then status bits 23, 22, 19 and 12:0 (spec 4.9.5). */
	resp[0] = ((uint32_t)c->rca << 16) | ((s >> 8) & 0x8000) | ((s >> 8) & 0x4000) |
		  ((s >> 6) & 0x2000) | (s & 0x1fff);
	c->state = ST_STBY;
	return SDCM_OK;
}

/* Dispatches a normal (non-application) command. */
static int normal_command(struct sd_card_model *c, uint32_t opcode, uint32_t arg, uint32_t resp[4])
{
	switch (opcode) {
	case 0:
		go_idle(c);
		return SDCM_NORESP;		/* bc: no response, by design */
	case 1:
		return cmd_send_op_cond(c, arg, resp);
	case 2: case 3:
		return cmd_ident(c, opcode, resp);
	case 6:
		return cmd_switch(c, arg, resp);
	case 7:
		return cmd_select(c, arg, resp);
	case 8:
		return cmd_if_cond(c, arg, resp);
	case 9: case 10: case 13:
		return cmd_addressed(c, opcode, arg, resp);
	case 12:
		return cmd_stop(c, resp);
	case 16: case 23:
		return cmd_tran_r1(c, opcode, arg, resp);
	case 17: case 18: case 24: case 25:
		return cmd_rw(c, opcode, arg, resp);
	case 55:
		return cmd_app(c, arg, resp);
	default:
		return illegal(c, opcode, false);
	}
}

/* Whether the pending fault swallows or corrupts command @key: the fault kind, or NONE. */
static enum sdcm_fault_kind command_fault(struct sd_card_model *c, uint32_t key)
{
	struct sdcm_fault *f = &c->fault;

	if ((f->kind != SDCM_FAULT_CMD_TIMEOUT && f->kind != SDCM_FAULT_CMD_CRC) ||
	    f->opcode != key)
		return SDCM_FAULT_NONE;
	enum sdcm_fault_kind k = f->kind;

	if (f->count <= 1)
		f->kind = SDCM_FAULT_NONE;
	else
		f->count--;
	return k;
}

int sdcm_command(struct sd_card_model *c, uint32_t opcode, uint32_t arg, uint32_t resp[4])
{
	bool acmd = c->app_cmd && opcode != 55;
	uint32_t key = acmd ? 100 + opcode : opcode;
	enum sdcm_fault_kind fault;
	int ret;

	memset(resp, 0, 4 * sizeof(resp[0]));
	if (!c->present)
		return SDCM_NORESP;
	if (key < NR_COUNTS)
		c->counts[key]++;
	if (c->state == ST_INA)
		return SDCM_NORESP;
	fault = command_fault(c, key);
	if (fault == SDCM_FAULT_CMD_TIMEOUT) {
		c->app_cmd = false;
		return SDCM_NORESP;
	}
	if (c->op != OP_NONE && opcode != 12 && opcode != 13 && opcode != 0) {
		/* A command during a data transfer other than stop or status. */
		ret = illegal(c, opcode, acmd);
		c->app_cmd = false;
		return ret;
	}
	if (acmd) {
		ret = app_command(c, opcode, arg, resp);
		c->app_cmd = false;
	} else {
		ret = normal_command(c, opcode, arg, resp);
	}
	if (ret == SDCM_OK && fault == SDCM_FAULT_CMD_CRC)
		return SDCM_BADCRC;
	return ret;
}

/* ---- data ----------------------------------------------------------------------- */

/* Counts a data block against the data faults: SDCM_OK, SDCM_BADCRC or SDCM_NORESP (removed). */
static int data_fault(struct sd_card_model *c)
{
	struct sdcm_fault *f = &c->fault;
	unsigned int n = c->data_blocks++;

	if (f->kind == SDCM_FAULT_REMOVE && n >= f->block) {
		sdcm_remove(c);
		return SDCM_NORESP;
	}
	if (f->kind == SDCM_FAULT_DATA_CRC && n >= f->block &&
	    n - f->block < (f->count ? f->count : 1))
		return SDCM_BADCRC;
	return SDCM_OK;
}

/* One data block done: leaves the data state when the transfer is complete. */
static void block_done(struct sd_card_model *c)
{
	c->addr += 512;
	if (c->blocks_left && --c->blocks_left == 0) {
		c->op = OP_NONE;
		if (c->state == ST_RCV) {
			c->state = ST_PRG;
			set_busy(c, PROG_BUSY);
		} else {
			c->state = ST_TRAN;
		}
	}
}

int sdcm_data_dir(const struct sd_card_model *c)
{
	if (!c->present || c->op == OP_NONE || c->write_broken)
		return 0;
	return c->state == ST_RCV ? 2 : 1;
}

/* Delivers the register of an OP_REGISTER transfer. */
static int read_register(struct sd_card_model *c, uint8_t *buf, unsigned int len)
{
	int ret;

	if (len != c->reg_len) {
		proto_error(c, "register read of %u bytes, card sends %u", len, c->reg_len);
		return SDCM_NORESP;
	}
	ret = data_fault(c);
	if (ret == SDCM_NORESP)
		return ret;
	memcpy(buf, c->reg, len);
	if (ret == SDCM_BADCRC)
		buf[0] ^= 0x5a;
	c->op = OP_NONE;
	c->state = ST_TRAN;
	return ret;
}

int sdcm_read_data(struct sd_card_model *c, uint8_t *buf, unsigned int len)
{
	int ret;

	if (!c->present)
		return SDCM_NORESP;
	if (c->state != ST_DATA || c->op == OP_NONE) {
		proto_error(c, "data read in state %s", state_names[c->state]);
		return SDCM_NORESP;
	}
	if (c->op == OP_REGISTER)
		return read_register(c, buf, len);
	if (len != 512) {
		proto_error(c, "data read of %u bytes, block is 512", len);
		return SDCM_NORESP;
	}
	if (c->addr >= c->bytes) {
		c->pending |= S_OUT_OF_RANGE;	/* multi-block read ran off the end */
		return SDCM_NORESP;
	}
	ret = data_fault(c);
	if (ret == SDCM_NORESP)
		return ret;
	memcpy(buf, c->image + c->addr, 512);
	if (ret == SDCM_BADCRC)
		buf[7] ^= 0xa5;
	block_done(c);
	return ret;
}

int sdcm_write_data(struct sd_card_model *c, const uint8_t *buf, unsigned int len)
{
	int ret;

	if (!c->present || c->write_broken)
		return SDCM_NORESP;
	if (c->state != ST_RCV) {
		proto_error(c, "data write in state %s", state_names[c->state]);
		return SDCM_NORESP;
	}
	if (len != 512) {
		proto_error(c, "data write of %u bytes, block is 512", len);
		return SDCM_NORESP;
	}
	if (c->addr >= c->bytes) {
		c->pending |= S_OUT_OF_RANGE;
		return SDCM_NORESP;
	}
	ret = data_fault(c);
	if (ret == SDCM_NORESP)
		return ret;
	if (ret == SDCM_BADCRC) {
		c->write_broken = true;		/* spec 4.3.4: the rest is ignored */
		return ret;
	}
	memcpy(c->image + c->addr, buf, 512);
	c->well_written++;
	block_done(c);
	return SDCM_OK;
}

bool sdcm_busy(struct sd_card_model *c)
{
	if (!c->present)
		return false;
	return poll_busy(c);
}

/* ---- the rest --------------------------------------------------------------------- */

struct sd_card_model *sdcm_new(enum sdcm_kind kind, uint8_t *image, uint64_t bytes)
{
	struct sd_card_model *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->kind = kind;
	c->image = image;
	c->bytes = bytes;
	c->present = true;
	c->read_bl_len = 9;
	c->init_polls_reset = INIT_POLLS;
	c->sd_spec = kind == SDCM_SDSC_V1 ? 0 : 2;	/* 1.01, or 2.00 */
	c->bus_widths = 0x5;				/* 1 and 4 bits */
	c->cmd_support = 0;
	c->hs_support = kind != SDCM_SDSC_V1;
	make_cid(c);
	go_idle(c);
	return c;
}

void sdcm_free(struct sd_card_model *c)
{
	free(c);
}

bool sdcm_present(const struct sd_card_model *c)
{
	return c->present;
}

void sdcm_remove(struct sd_card_model *c)
{
	c->present = false;
	c->op = OP_NONE;
	c->busy_left = 0;
}

int sdcm_bus_width(const struct sd_card_model *c)
{
	return c->bus_width;
}

bool sdcm_high_speed(const struct sd_card_model *c)
{
	return c->high_speed;
}

void sdcm_set_fault(struct sd_card_model *c, const struct sdcm_fault *f)
{
	c->fault = *f;
	c->data_blocks = 0;
}

unsigned int sdcm_count(const struct sd_card_model *c, uint32_t opcode)
{
	return opcode < NR_COUNTS ? c->counts[opcode] : 0;
}

unsigned int sdcm_protocol_errors(const struct sd_card_model *c)
{
	return c->protocol_errors;
}

const char *sdcm_last_error(const struct sd_card_model *c)
{
	return c->last_error;
}

int sdcm_state(const struct sd_card_model *c)
{
	return c->state;
}

uint32_t sdcm_last_data_arg(const struct sd_card_model *c)
{
	return c->last_data_arg;
}

uint32_t sdcm_block_len(const struct sd_card_model *c)
{
	return c->blocklen;
}

void sdcm_set_scr(struct sd_card_model *c, unsigned int sd_spec, unsigned int bus_widths,
		  unsigned int cmd_support)
{
	c->sd_spec = sd_spec;
	c->bus_widths = bus_widths;
	c->cmd_support = cmd_support;
	make_csd(c);
}

void sdcm_set_high_speed_support(struct sd_card_model *c, bool on)
{
	c->hs_support = on;
}

void sdcm_set_read_bl_len(struct sd_card_model *c, unsigned int read_bl_len)
{
	c->read_bl_len = read_bl_len;
	make_csd(c);
}

void sdcm_get_cid(const struct sd_card_model *c, uint32_t cid[4])
{
	memcpy(cid, c->cid, 16);
}

void sdcm_get_csd(const struct sd_card_model *c, uint32_t csd[4])
{
	memcpy(csd, c->csd, 16);
}

void sdcm_set_init_polls(struct sd_card_model *c, unsigned int polls)
{
	c->init_polls_reset = polls;
	c->init_polls = polls;
}
