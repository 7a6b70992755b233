/*
 * A register-level model of the Synopsys DesignWare MSHC for the host
 * tests: the command path (start bit, hold, update-clock, responses),
 * the data FIFO at the offset the IP version implies, RXDR/TXDR/DTO and
 * auto-stop, the IDMAC walking 32- or 64-bit descriptors in test memory,
 * RINTSTS/MINTSTS/IDSTS and an interrupt line. An sd_card_model sits
 * behind it. The model checks what the driver does (hardware-locked
 * writes, clocks, widths, descriptor lists, FIFO use) and counts every
 * breach in mshc_stats; tests assert those counts are 0 on good paths.
 * Time advances one step per status-register read and per mshc_step().
 */
#ifndef MSHC_MODEL_H
#define MSHC_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "sd_card_model.h"

struct mshc_config {
	uint32_t verid;			/* IP version, e.g. 0x240a (VERID reads 0x5342xxxx) */
	uint32_t hcon;			/* HCON as read */
	unsigned int fifo_depth;	/* words; FIFOTH resets to RX = depth - 1 */
	bool cd_wired;			/* CDETECT follows the card (else reads 1: "absent") */
	unsigned long cclk_in;		/* Hz, for the card clock checks */
	/* Device address -> host pointer for @len bytes, NULL = not memory (bus error). */
	void *(*dma_map)(uint64_t addr, size_t len);
};

/* HCON values: 32-bit FIFO with IDMAC, the same with 64-bit addressing, no DMA, 64-bit FIFO. */
#define MSHC_HCON_IDMAC32	(1u << 7)
#define MSHC_HCON_IDMAC64	((1u << 7) | (1u << 27))
#define MSHC_HCON_NODMA		((1u << 7) | (3u << 16))
#define MSHC_HCON_FIFO64	(2u << 7)

struct mshc_stats {
	unsigned int hle;		/* CMD written while its start bit was set */
	unsigned int desc_errors;	/* bad or short descriptor lists */
	unsigned int protocol_errors;	/* everything else the model refuses (see last_error) */
	unsigned int commands;		/* sent to the card (auto-stop included) */
	unsigned int clock_updates;
	unsigned int ctrl_resets;
	unsigned int fifo_accesses;	/* CPU reads/writes of the data FIFO */
	unsigned long long reg_accesses;
	unsigned long long dma_bytes;
	unsigned long long pio_bytes;
	unsigned long long steps;	/* mshc_step calls */
	unsigned long long ticks;	/* time spent in the model (mshc_ticks units), if timing is on */
};

struct mshc_model;

struct mshc_model *mshc_new(const struct mshc_config *cfg, struct sd_card_model *card);
void mshc_free(struct mshc_model *m);

/* A driver access at @off of @size bytes (1, 2, 4 or 8). */
uint64_t mshc_read(struct mshc_model *m, unsigned int off, int size);
void mshc_write(struct mshc_model *m, unsigned int off, uint64_t v, int size);

/* The interrupt line: (MINTSTS and CTRL's enable) or enabled IDMAC status. */
bool mshc_irq_pending(struct mshc_model *m);
/* Lets time pass once; false if nothing could change (idle or waiting on the driver). */
bool mshc_step(struct mshc_model *m);

/* The card is pulled out: CDETECT changes (if wired) and RINTSTS bit 0 is raised. */
void mshc_remove_card(struct mshc_model *m);
/* A stuck controller: no command, data or DMA progress until cleared. */
void mshc_set_hang(struct mshc_model *m, bool hang);
/* Account time spent inside the model (the bench); off by default. */
void mshc_set_timing(struct mshc_model *m, bool on);

/* CLOCK_MONOTONIC in ns (for callers that cannot include <time.h> beside kernel headers). */
uint64_t mshc_now_ns(void);
/* This thread's CPU time in ns (benchmarks on a shared machine). */
uint64_t mshc_cpu_ns(void);
/* The model's accounting clock (the TSC on x86-64, else ns): calibrate against mshc_now_ns. */
uint64_t mshc_ticks(void);

const struct mshc_stats *mshc_stats(const struct mshc_model *m);
const char *mshc_last_error(const struct mshc_model *m);
/* The card clock the CIU has loaded (0: stopped), and the bus width CTYPE gives (1, 4, 8). */
unsigned long mshc_card_hz(const struct mshc_model *m);
int mshc_bus_width(const struct mshc_model *m);
/* Where the model puts the data FIFO for this VERID. */
unsigned int mshc_fifo_offset(const struct mshc_model *m);

#endif
