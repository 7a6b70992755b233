/*
 * Host tests of the software SD card (sd_card_model.c) on its own, driven
 * command by command as the SD spec's flow charts (4.2.2, 4.3) say: the
 * bring-up of each kind, CID/CSD/SCR fields and CRC7, the switch status,
 * reads and writes with byte or block addresses, busy, illegal commands
 * (counted as protocol errors) and the injected faults.
 */
#include <stdlib.h>
#include <string.h>
#include "sd_card_model.h"
#include "test.h"

#define MiB (1024u * 1024u)

/* Bits @hi..@lo of a 128-bit register, r[0] = bits 127..96. */
static uint32_t bits(const uint32_t r[4], unsigned int hi, unsigned int lo)
{
	uint32_t v = 0;

	for (unsigned int b = hi + 1; b-- > lo;)
		v = (v << 1) | ((r[3 - b / 32] >> (b % 32)) & 1);
	return v;
}

/* CRC7 recomputed here, independently of the model's. */
static unsigned int crc7_of(const uint32_t r[4])
{
	unsigned int crc = 0;

	for (int b = 127; b >= 8; b--) {
		unsigned int in = ((r[3 - b / 32] >> (b % 32)) & 1) ^ (crc >> 6);

		crc = ((crc << 1) & 0x7f) ^ (in ? 0x09 : 0);
	}
	return crc;
}

static uint8_t *pattern_image(uint64_t bytes)
{
	uint8_t *p = malloc(bytes);

	for (uint64_t i = 0; i < bytes; i++)
		p[i] = (uint8_t)(i * 7 + (i >> 9));
	return p;
}

/* CMD55 then ACMD @op: the ACMD's result. */
static int acmd(struct sd_card_model *c, uint16_t rca, uint32_t op, uint32_t arg, uint32_t r[4])
{
	if (sdcm_command(c, 55, (uint32_t)rca << 16, r) != SDCM_OK)
		return -1;
	return sdcm_command(c, op, arg, r);
}

/* Brings @c to the transfer state as the core does; the RCA, or 0 on failure. */
static uint16_t bring_up(struct sd_card_model *c, bool v2host)
{
	uint32_t r[4];
	uint16_t rca;
	int i;

	sdcm_command(c, 0, 0, r);
	if (v2host)
		sdcm_command(c, 8, 0x1aa, r);
	for (i = 0; i < 10; i++) {
		if (acmd(c, 0, 41, 0x00300000 | (v2host ? 1u << 30 : 0), r) != SDCM_OK)
			return 0;
		if (r[0] & (1u << 31))
			break;
	}
	if (i == 10 || sdcm_command(c, 2, 0, r) != SDCM_OK || sdcm_command(c, 3, 0, r) != SDCM_OK)
		return 0;
	rca = r[0] >> 16;
	if (sdcm_command(c, 7, (uint32_t)rca << 16, r) != SDCM_OK)
		return 0;
	while (sdcm_busy(c))
		;
	return rca;
}

static void test_bring_up_kinds(void)
{
	static const struct { enum sdcm_kind kind; const char *name; } kinds[] = {
		{ SDCM_SDSC_V1, "SDSC v1" }, { SDCM_SDSC_V2, "SDSC v2" }, { SDCM_SDHC, "SDHC" },
	};
	uint8_t *img = pattern_image(4 * MiB);
	uint32_t r[4];

	for (unsigned int k = 0; k < 3; k++) {
		struct sd_card_model *c = sdcm_new(kinds[k].kind, img, 4 * MiB);

		sdcm_command(c, 0, 0, r);
		int ret = sdcm_command(c, 8, 0x1aa, r);

		CHECK((k == 0) == (ret == SDCM_NORESP) && (k == 0 || r[0] == 0x1aa),
		      "%s: CMD8 %s", kinds[k].name, k == 0 ? "unanswered" : "echoes 0x1aa");
		CHECK(acmd(c, 0, 41, 0, r) == SDCM_OK && (r[0] & 0x00ff8000) && !(r[0] >> 31) &&
		      sdcm_state(c) == 0, "%s: ACMD41 inquiry gives the OCR, card stays idle", kinds[k].name);
		int polls = 0;

		do
			acmd(c, 0, 41, 0x00300000 | (1u << 30), r);
		while (!(r[0] >> 31) && ++polls < 10);
		CHECK(polls == 2 && sdcm_state(c) == 1, "%s: ready after 3 ACMD41", kinds[k].name);
		CHECK(!!(r[0] & (1u << 30)) == (kinds[k].kind == SDCM_SDHC), "%s: CCS %d", kinds[k].name,
		      !!(r[0] & (1u << 30)));
		CHECK(sdcm_command(c, 2, 0, r) == SDCM_OK && bits(r, 127, 120) == 3 &&
		      bits(r, 103, 72) == 0x52495645 && bits(r, 71, 64) == 'T' && bits(r, 7, 1) == crc7_of(r) &&
		      bits(r, 0, 0) == 1, "%s: CID, its name and CRC7", kinds[k].name);
		CHECK(sdcm_command(c, 3, 0, r) == SDCM_OK && (r[0] >> 16) == 1 &&
		      ((r[0] >> 9) & 0xf) == 2, "%s: CMD3 publishes RCA 1 (R6 shows state ident)", kinds[k].name);
		CHECK(sdcm_command(c, 9, 1u << 16, r) == SDCM_OK && bits(r, 7, 1) == crc7_of(r),
		      "%s: CSD with a good CRC7", kinds[k].name);
		CHECK(bits(r, 127, 126) == (kinds[k].kind == SDCM_SDHC ? 1u : 0u), "%s: CSD structure",
		      kinds[k].name);
		uint64_t cap;

		if (bits(r, 127, 126) == 1)
			cap = (uint64_t)(bits(r, 69, 48) + 1) * 512 * 1024;
		else
			cap = (uint64_t)(bits(r, 73, 62) + 1) << (bits(r, 49, 47) + 2 + bits(r, 83, 80));
		CHECK(cap == 4 * MiB, "%s: the CSD says %llu bytes", kinds[k].name, (unsigned long long)cap);
		CHECK(sdcm_protocol_errors(c) == 0, "%s: no protocol errors (%s)", kinds[k].name,
		      sdcm_last_error(c));
		sdcm_free(c);
	}
	free(img);
}

static void test_csd_v1_geometry(void)
{
	uint8_t *img = pattern_image(8 * MiB);
	struct sd_card_model *c = sdcm_new(SDCM_SDSC_V2, img, 8 * MiB);
	uint32_t r[4];

	sdcm_set_read_bl_len(c, 10);
	sdcm_get_csd(c, r);
	CHECK(bits(r, 83, 80) == 10 && bits(r, 25, 22) == 10, "READ_BL_LEN 10 (a 2 GB card's)");
	CHECK(((uint64_t)(bits(r, 73, 62) + 1) << (bits(r, 49, 47) + 2 + 10)) == 8 * MiB,
	      "C_SIZE %u C_SIZE_MULT %u give 8 MiB", bits(r, 73, 62), bits(r, 49, 47));
	CHECK(bits(r, 79, 79) == 1 && bits(r, 103, 96) == 0x32 && bits(r, 95, 84) == 0x5b5,
	      "READ_BL_PARTIAL, TRAN_SPEED 25 MHz, CCC with class 10");
	sdcm_free(c);
	free(img);
}

static void test_scr_and_switch(void)
{
	uint8_t *img = pattern_image(4 * MiB);
	struct sd_card_model *c = sdcm_new(SDCM_SDHC, img, 4 * MiB);
	uint8_t buf[64];
	uint32_t r[4];
	uint16_t rca = bring_up(c, true);

	CHECK(rca == 1 && sdcm_state(c) == 4, "bring-up to tran");
	CHECK(acmd(c, rca, 51, 0, r) == SDCM_OK && sdcm_data_dir(c) == 1 &&
	      sdcm_read_data(c, buf, 8) == SDCM_OK, "ACMD51 sends 8 bytes");
	CHECK((buf[0] & 0xf) == 2 && (buf[1] & 0xf) == 5 && (buf[1] >> 4) == 3 && sdcm_state(c) == 4,
	      "SCR: SD_SPEC 2, bus widths 1+4, security SDHC; back in tran");
	CHECK(sdcm_command(c, 6, 0x00fffff1, r) == SDCM_OK && sdcm_read_data(c, buf, 64) == SDCM_OK,
	      "CMD6 check mode sends 64 bytes");
	CHECK((buf[13] & 2) && (buf[16] & 0xf) == 1 && !sdcm_high_speed(c),
	      "check: group 1 supports function 1 and would select it; nothing switched");
	CHECK(sdcm_command(c, 6, 0x80fffff1, r) == SDCM_OK && sdcm_read_data(c, buf, 64) == SDCM_OK &&
	      (buf[16] & 0xf) == 1 && sdcm_high_speed(c), "CMD6 set mode switches to high speed");
	CHECK(acmd(c, rca, 6, 2, r) == SDCM_OK && sdcm_bus_width(c) == 4 && (r[0] & (1u << 5)),
	      "ACMD6 4-bit (APP_CMD in the status)");
	CHECK(sdcm_protocol_errors(c) == 0, "no protocol errors (%s)", sdcm_last_error(c));
	sdcm_set_high_speed_support(c, false);
	CHECK(sdcm_command(c, 6, 0x00fffff1, r) == SDCM_OK && sdcm_read_data(c, buf, 64) == SDCM_OK &&
	      (buf[16] & 0xf) == 0xf && !(buf[13] & 2), "a card without high speed: check says 0xf");
	sdcm_free(c);

	c = sdcm_new(SDCM_SDSC_V1, img, 4 * MiB);
	rca = bring_up(c, false);
	CHECK(acmd(c, rca, 51, 0, r) == SDCM_OK && sdcm_read_data(c, buf, 8) == SDCM_OK &&
	      (buf[0] & 0xf) == 0, "v1 card: SD_SPEC 0");
	CHECK(sdcm_command(c, 6, 0x00fffff1, r) == SDCM_NORESP && sdcm_protocol_errors(c) == 1,
	      "CMD6 on a 1.01 card: no response, a protocol error");
	CHECK(sdcm_command(c, 13, (uint32_t)rca << 16, r) == SDCM_OK && (r[0] & (1u << 22)),
	      "ILLEGAL_COMMAND in the next status");
	CHECK(sdcm_command(c, 13, (uint32_t)rca << 16, r) == SDCM_OK && !(r[0] & (1u << 22)),
	      "and cleared after");
	sdcm_free(c);
	free(img);
}

static void test_data(void)
{
	uint8_t *img = pattern_image(4 * MiB), *orig = pattern_image(4 * MiB);
	uint8_t buf[512], w[512];
	uint32_t r[4];

	/* SDSC: byte addresses. */
	struct sd_card_model *c = sdcm_new(SDCM_SDSC_V2, img, 4 * MiB);
	uint16_t rca = bring_up(c, true);

	CHECK(sdcm_command(c, 16, 512, r) == SDCM_OK, "CMD16 512");
	CHECK(sdcm_command(c, 17, 5 * 512, r) == SDCM_OK && sdcm_read_data(c, buf, 512) == SDCM_OK &&
	      !memcmp(buf, orig + 5 * 512, 512) && sdcm_state(c) == 4,
	      "SDSC CMD17 at byte 2560 reads block 5, back to tran");
	CHECK(sdcm_command(c, 17, 5, r) == SDCM_OK && (r[0] & (1u << 30)) && sdcm_protocol_errors(c) == 1,
	      "SDSC given a block number (5): ADDRESS_ERROR, a protocol error");
	CHECK(sdcm_command(c, 18, 0, r) == SDCM_OK && sdcm_read_data(c, buf, 512) == SDCM_OK &&
	      sdcm_read_data(c, buf, 512) == SDCM_OK && !memcmp(buf, orig + 512, 512) &&
	      sdcm_command(c, 12, 0, r) == SDCM_OK && ((r[0] >> 9) & 0xf) == 5,
	      "CMD18 two blocks, CMD12 (answered in state data)");
	while (sdcm_busy(c))
		;
	memset(w, 0xab, sizeof(w));
	CHECK(sdcm_command(c, 24, 512 * 10, r) == SDCM_OK && sdcm_data_dir(c) == 2 &&
	      sdcm_write_data(c, w, 512) == SDCM_OK && sdcm_state(c) == 7, "CMD24 writes; card programs");
	CHECK(sdcm_command(c, 17, 0, r) == SDCM_NORESP && sdcm_protocol_errors(c) == 2,
	      "a read while programming is illegal");
	sdcm_command(c, 13, (uint32_t)rca << 16, r);
	CHECK(sdcm_command(c, 13, (uint32_t)rca << 16, r) == SDCM_OK && ((r[0] >> 9) & 0xf) == 7 &&
	      !(r[0] & (1u << 8)), "CMD13 during programming: state prg, not ready");
	CHECK(sdcm_command(c, 13, (uint32_t)rca << 16, r) == SDCM_OK && ((r[0] >> 9) & 0xf) == 4 &&
	      (r[0] & (1u << 8)) && !memcmp(img + 5120, w, 512), "then tran, ready; the image has it");
	sdcm_free(c);

	/* SDHC: block numbers, CMD23. */
	memcpy(img, orig, 4 * MiB);
	c = sdcm_new(SDCM_SDHC, img, 4 * MiB);
	sdcm_set_scr(c, 2, 5, 2);
	rca = bring_up(c, true);
	CHECK(sdcm_command(c, 17, 5, r) == SDCM_OK && sdcm_read_data(c, buf, 512) == SDCM_OK &&
	      !memcmp(buf, orig + 5 * 512, 512) && sdcm_last_data_arg(c) == 5, "SDHC CMD17 5 reads block 5");
	CHECK(sdcm_command(c, 23, 2, r) == SDCM_OK && sdcm_command(c, 25, 100, r) == SDCM_OK &&
	      sdcm_write_data(c, w, 512) == SDCM_OK && sdcm_write_data(c, w, 512) == SDCM_OK &&
	      sdcm_state(c) == 7 && sdcm_busy(c), "CMD23 2 + CMD25: two blocks, then prg and busy");
	while (sdcm_busy(c))
		;
	CHECK(sdcm_state(c) == 4 && !memcmp(img + 100 * 512, w, 512) && !memcmp(img + 101 * 512, w, 512) &&
	      !memcmp(img + 102 * 512, orig + 102 * 512, 512), "blocks 100, 101 written, 102 not");
	CHECK(sdcm_command(c, 17, 8192, r) == SDCM_OK && (r[0] & (1u << 31)),
	      "a block past the end: OUT_OF_RANGE");
	CHECK(sdcm_protocol_errors(c) == 1, "one protocol error (%s)", sdcm_last_error(c));
	sdcm_free(c);
	free(img);
	free(orig);
}

static void test_faults(void)
{
	uint8_t *img = pattern_image(4 * MiB), *orig = pattern_image(4 * MiB);
	uint8_t buf[512];
	uint32_t r[4];
	struct sd_card_model *c = sdcm_new(SDCM_SDHC, img, 4 * MiB);
	struct sdcm_fault f = { .kind = SDCM_FAULT_CMD_TIMEOUT, .opcode = 141, .count = 2 };

	sdcm_command(c, 0, 0, r);
	sdcm_command(c, 8, 0x1aa, r);
	sdcm_set_fault(c, &f);
	CHECK(acmd(c, 0, 41, 0x40300000, r) == SDCM_NORESP && acmd(c, 0, 41, 0x40300000, r) == SDCM_NORESP &&
	      acmd(c, 0, 41, 0x40300000, r) == SDCM_OK, "ACMD41 timeout injected twice, then answered");
	CHECK(sdcm_count(c, 141) == 3 && sdcm_count(c, 55) == 3, "3 ACMD41 and 3 CMD55 counted");
	sdcm_free(c);

	c = sdcm_new(SDCM_SDHC, img, 4 * MiB);
	bring_up(c, true);
	f = (struct sdcm_fault){ .kind = SDCM_FAULT_DATA_CRC, .block = 1 };
	sdcm_set_fault(c, &f);
	sdcm_command(c, 18, 0, r);
	CHECK(sdcm_read_data(c, buf, 512) == SDCM_OK && sdcm_read_data(c, buf, 512) == SDCM_BADCRC &&
	      memcmp(buf, orig + 512, 512) && sdcm_read_data(c, buf, 512) == SDCM_OK,
	      "data CRC on block 1 only: delivered wrong");
	sdcm_command(c, 12, 0, r);
	while (sdcm_busy(c))
		;
	f = (struct sdcm_fault){ .kind = SDCM_FAULT_REMOVE, .block = 1 };
	sdcm_set_fault(c, &f);
	sdcm_command(c, 18, 0, r);
	CHECK(sdcm_read_data(c, buf, 512) == SDCM_OK && sdcm_read_data(c, buf, 512) == SDCM_NORESP &&
	      !sdcm_present(c) && sdcm_command(c, 13, 1u << 16, r) == SDCM_NORESP,
	      "removed after one block: nothing answers");
	CHECK(sdcm_protocol_errors(c) == 0, "no protocol errors (%s)", sdcm_last_error(c));
	sdcm_free(c);

	c = sdcm_new(SDCM_MMC, img, 4 * MiB);
	sdcm_command(c, 0, 0, r);
	CHECK(sdcm_command(c, 8, 0x1aa, r) == SDCM_NORESP && sdcm_command(c, 55, 0, r) == SDCM_NORESP &&
	      sdcm_command(c, 1, 0x40ff8000, r) == SDCM_OK && sdcm_protocol_errors(c) == 0,
	      "MMC card: silent to CMD8 and CMD55, answers CMD1");
	sdcm_free(c);

	c = sdcm_new(SDCM_SDHC, img, 4 * MiB);
	sdcm_command(c, 0, 0, r);
	for (int i = 0; i < 20; i++)
		acmd(c, 0, 41, 0x00300000, r);
	CHECK(!(r[0] >> 31) && sdcm_state(c) == 0, "SDHC without CMD8/HCS never leaves power-up");
	sdcm_free(c);
	free(img);
	free(orig);
}

int main(void)
{
	test_bring_up_kinds();
	test_csd_v1_geometry();
	test_scr_and_switch();
	test_data();
	test_faults();
	return test_exit();
}
