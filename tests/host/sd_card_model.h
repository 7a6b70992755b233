/*
 * A software SD card for the host tests (SD Physical Layer Simplified
 * Specification 9.00: the card states, CMD/ACMD set, R1/R2/R3/R6/R7
 * responses, CID/CSD/SCR and the switch status). It serves a disk image in
 * memory; host controller models (the DesignWare MSHC model) and the MMC
 * core's fake host sit on top of it. Faults can be injected to test the
 * error paths. The model checks the protocol strictly: a command the
 * card's state does not allow gets the response a real card gives (none,
 * or R1 with ILLEGAL_COMMAND on the next one) and is counted in
 * sdcm_protocol_errors, which tests assert to be 0.
 */
#ifndef SD_CARD_MODEL_H
#define SD_CARD_MODEL_H

#include <stdbool.h>
#include <stdint.h>

enum sdcm_kind {
	SDCM_SDSC_V1,	/* no CMD8 response, CSD v1, byte addressing */
	SDCM_SDSC_V2,	/* CMD8, CCS = 0, CSD v1, byte addressing */
	SDCM_SDHC,	/* CMD8, CCS = 1, CSD v2, block addressing */
	SDCM_MMC,	/* answers CMD1 (not ACMD41): an MMC/eMMC card */
};

/* Results of the command and data phases. */
enum {
	SDCM_OK = 0,
	SDCM_NORESP,	/* the card did not answer: the host sees a response/data timeout */
	SDCM_BADCRC,	/* it answered, with a bad CRC (injected) */
};

enum sdcm_fault_kind {
	SDCM_FAULT_NONE,
	SDCM_FAULT_CMD_TIMEOUT,	/* the next @count (0 = 1) commands @opcode get no response */
	SDCM_FAULT_CMD_CRC,	/* ... get a response with a bad CRC */
	SDCM_FAULT_DATA_CRC,	/* data block number @block (0-based, counted from now) has a bad CRC,
				 * and so have the @count - 1 after it (@count 0 = 1) */
	SDCM_FAULT_REMOVE,	/* the card is pulled out after @block more data blocks */
};

struct sdcm_fault {
	enum sdcm_fault_kind kind;
	uint32_t opcode;	/* CMD_* faults; ACMDs are 100 + index (ACMD41 = 141) */
	unsigned int count;
	unsigned int block;
};

struct sd_card_model;

/* A card of @kind over @image (@bytes, a multiple of 512; writes land in it). */
struct sd_card_model *sdcm_new(enum sdcm_kind kind, uint8_t *image, uint64_t bytes);
void sdcm_free(struct sd_card_model *c);

/*
 * The command phase: @opcode with @arg. Fills @resp in the MMC core's
 * order (see struct mmc_command: resp[0] most significant; for R2 the
 * 128 register bits with CRC7 in bits 7:1). SDCM_OK, SDCM_NORESP or
 * SDCM_BADCRC. A data command that is accepted leaves the card in a data
 * state for sdcm_read_data/sdcm_write_data.
 */
int sdcm_command(struct sd_card_model *c, uint32_t opcode, uint32_t arg, uint32_t resp[4]);

/* What the card's data lines expect now: 0 nothing, 1 card to host, 2 host to card. */
int sdcm_data_dir(const struct sd_card_model *c);
/*
 * One block (@len = the block length of the command: 512, 8 for the SCR,
 * 64 for switch status) from the card. SDCM_OK, SDCM_BADCRC (data CRC
 * fault: the bytes are delivered, wrong), SDCM_NORESP (no data: removed,
 * or not in a read state). A multi-block read goes on until CMD12 or the
 * end of the card (then SDCM_NORESP with OUT_OF_RANGE in the next status).
 */
int sdcm_read_data(struct sd_card_model *c, uint8_t *buf, unsigned int len);
/* One block to the card: SDCM_OK, SDCM_BADCRC (the card answers with a CRC-error token and drops it), SDCM_NORESP. */
int sdcm_write_data(struct sd_card_model *c, const uint8_t *buf, unsigned int len);
/* Card holding DAT0 low (programming after a write or an R1b command); each call counts down. */
bool sdcm_busy(struct sd_card_model *c);

bool sdcm_present(const struct sd_card_model *c);
void sdcm_remove(struct sd_card_model *c);
int sdcm_bus_width(const struct sd_card_model *c);	/* 1 or 4 (ACMD6) */
bool sdcm_high_speed(const struct sd_card_model *c);	/* CMD6 switched to high speed */
void sdcm_set_fault(struct sd_card_model *c, const struct sdcm_fault *f);
/* Commands received with @opcode (ACMDs: 100 + index). */
unsigned int sdcm_count(const struct sd_card_model *c, uint32_t opcode);
unsigned int sdcm_protocol_errors(const struct sd_card_model *c);
/* The last protocol error, for a test's message ("" if none). */
const char *sdcm_last_error(const struct sd_card_model *c);

/*
 * Additions for the tests (H-mmc): inspection and card variants. Call the
 * setters right after sdcm_new.
 */
/* The R1 CURRENT_STATE value (0 idle .. 8 dis; 15 inactive). */
int sdcm_state(const struct sd_card_model *c);
/* The argument of the last CMD17/18/24/25 (a byte address on SDSC, a block number on SDHC). */
uint32_t sdcm_last_data_arg(const struct sd_card_model *c);
/* The block length CMD16 set (512 after CMD0). */
uint32_t sdcm_block_len(const struct sd_card_model *c);
/*
 * The SCR the card sends: SD_SPEC (0 = 1.01, 1 = 1.10, 2 = 2.00+; CMD6 is
 * illegal below 1), SD_BUS_WIDTHS (bit 0 1-bit, bit 2 4-bit) and CMD_SUPPORT
 * (bit 1 CMD23). Defaults: v1 0/0x5/0, others 2/0x5/0.
 */
void sdcm_set_scr(struct sd_card_model *c, unsigned int sd_spec, unsigned int bus_widths,
		  unsigned int cmd_support);
/* Whether CMD6 offers function 1 (high speed) of group 1 (default: all but SDSC v1). */
void sdcm_set_high_speed_support(struct sd_card_model *c, bool on);
/* CSD v1 READ_BL_LEN, 9..11 (default 9); C_SIZE and C_SIZE_MULT follow. */
void sdcm_set_read_bl_len(struct sd_card_model *c, unsigned int read_bl_len);
/* ACMD41s (or CMD1s) until power-up ends, from CMD0 on (default 3; UINT_MAX: never). */
void sdcm_set_init_polls(struct sd_card_model *c, unsigned int polls);
/* The CID and CSD as CMD2/CMD9 return them. */
void sdcm_get_cid(const struct sd_card_model *c, uint32_t cid[4]);
void sdcm_get_csd(const struct sd_card_model *c, uint32_t csd[4]);

#endif
