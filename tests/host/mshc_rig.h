/*
 * What the DesignWare MSHC tests and benchmark share: a rig (a disk image,
 * the SD card model serving it and the controller model in front), requests
 * sent straight to the host ops as the MMC core would send them, the SD
 * bring-up sequence, and a one-controller device tree to bind variants of
 * the IP on. Built on mshc_env.c.
 */
#ifndef MSHC_RIG_H
#define MSHC_RIG_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/mmc/host.h>
#include <linux/mmc/core.h>
#include "mshc_env.h"
#include "mshc_model.h"
#include "sd_card_model.h"
#include "dtb_util.h"

#define CARD_BYTES	(8u << 20)
#define ARENA_BYTES	(128ul << 20)	/* slab_env_real.c's arena */

struct dw_mci;

struct rig {
	u8 *image;
	u8 *orig;			/* the image as made, to check writes against */
	struct sd_card_model *card;
	struct mshc_model *m;
};


/* cclk_in of the next rig (variant() sets it from the tree's clock). */
extern unsigned long rig_cclk;
/* A card image of CARD_BYTES with a known pattern, an SDHC card on it, the model. */
void rig_init(struct rig *r, uint32_t verid, uint32_t hcon, bool cd_wired);
void rig_free(struct rig *r);
/* CHECKs no HLE, no descriptor or protocol error on either side of the bus. */
bool rig_clean(const struct rig *r, const char *what);

struct xfer {
	struct mmc_request mrq;
	struct mmc_command cmd, stop;
	struct mmc_data data;
	struct scatterlist sg[16];
	volatile bool done;
};


/* Sends x->mrq to the host and runs the machine until it completes. */
bool rig_run(struct mmc_host *mmc, struct xfer *x);
/* One command without data: its error; resp (if set) gets the response. */
int rig_cmd(struct mmc_host *mmc, u32 opcode, u32 arg, unsigned int flags, u32 *resp);
/* set_ios with this power mode, clock and bus width. */
void rig_ios(struct mmc_host *mmc, unsigned char power, unsigned int clock, unsigned char width);
/* A @blocks-block read or write at @lba over @buf cut into @nsg pieces (multi-block: auto-stop). */
void rig_rw_setup(struct xfer *x, bool write, u32 lba, unsigned int blocks, u8 *buf,
		  unsigned int nsg);
/* The same, sent: the request's overall error (0 = every part fine). */
int rig_rw(struct mmc_host *mmc, bool write, u32 lba, unsigned int blocks, u8 *buf,
	   unsigned int nsg, struct xfer *x);
/* Physically contiguous arena memory of @bytes from @gfp's zone. */
u8 *rig_buffer(size_t bytes, gfp_t gfp);
/* The card's RCA after bring-up. */
extern u32 rca;
/* SD bring-up to a selected card on a 4-bit bus at @clock: 0 or the failing step. */
int rig_bring_up(struct mmc_host *mmc, unsigned int clock);

/* A root, a PLIC and one snps,dw-mshc at 0x16020000 (irq 75, CDETECT wired). */
struct blob variant_tree(u32 clock, bool noncoherent);
/* Binds variant_tree(@clock) over a fresh rig (@verid, @hcon): the host or NULL. */
struct dw_mci *variant(struct rig *r, struct blob *t, uint32_t verid, uint32_t hcon, u32 clock);
void variant_done(struct rig *r, struct blob *t);

#endif
