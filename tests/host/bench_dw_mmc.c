/*
 * Host benchmark of the DesignWare MSHC driver's own cost per 512-byte
 * block: 1 MiB CMD18 reads and CMD25 writes through the IDMAC and by PIO,
 * the real driver against the controller model (mshc_model.c) and the
 * SD card model. The models are "infinitely fast" hardware, so what is
 * left is CPU time: the driver plus the host harness (MMIO routing,
 * interrupt dispatch). The time spent inside the models is measured
 * separately and subtracted. Never asserted; figures only.
 */
#include <stdio.h>
#include <string.h>
#include <linux/mmc/host.h>
#include <linux/mmc/core.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include "../../drivers/mmc/host/dw_mmc.h"
#include "mshc_rig.h"
#include "slab_test_env.h"
#include "test.h"

#define MIB_BLOCKS	2048	/* 1 MiB */
#define RUNS		7
#define REPS		8

/* CPU time, not wall time: the machine is shared, being descheduled is not the driver's cost. */
static uint64_t now(void)
{
	return mshc_cpu_ns();
}

struct figures {
	double total, model;		/* ns per block (model < 0: not measured) */
	double irqs, mmio;		/* per MiB, per block */
};

/* Min over RUNS of REPS 1 MiB transfers by the driver. */
static struct figures measure(struct dw_mci *h, struct rig *r, bool write, u8 *buf)
{
	struct figures f = { 1e30, -1, 0, 0 };
	struct xfer x;

	for (int run = 0; run < RUNS; run++) {
		const struct mshc_stats *s = mshc_stats(r->m);
		unsigned long irqs0 = h->nr_irqs;
		unsigned long long acc0 = s->reg_accesses;
		uint64_t t0 = now();
		double total;

		for (int i = 0; i < REPS; i++)
			if (rig_rw(h->mmc, write, 0, MIB_BLOCKS, buf, 1, &x))
				printf("bench_dw_mmc: transfer failed (%d)\n", x.data.error);
		total = (double)(now() - t0) / (REPS * MIB_BLOCKS);
		f.irqs = (double)(h->nr_irqs - irqs0) / REPS;
		f.mmio = (double)(s->reg_accesses - acc0) / (REPS * MIB_BLOCKS);
		if (total < f.total)
			f.total = total;
	}
	return f;
}

/* Waits (stepping the model) until RINTSTS has one of @bits; clears them. */
static void script_wait(struct mshc_model *m, u32 bits)
{
	while (!(mshc_read(m, SDMMC_RINTSTS, 4) & bits))
		mshc_step(m);
	mshc_write(m, SDMMC_RINTSTS, bits, 4);
}

/*
 * The model's share of a 1 MiB read: the same transfer driven by a minimal
 * script straight at the model (no driver, no harness): CMD18 with
 * auto-stop, then the FIFO drained by STATUS count (PIO), or one chained
 * descriptor list walked by the IDMAC. Min over RUNS of REPS, ns/block.
 */
static double model_read(struct rig *r, bool pio, u8 *buf, u32 *ring)
{
	struct mshc_model *m = r->m;
	double best = 1e30;

	for (int run = 0; run < RUNS; run++) {
		uint64_t t0 = now();

		for (int rep = 0; rep < REPS; rep++) {
			u32 left = MIB_BLOCKS * 512 / 4;

			mshc_write(m, SDMMC_BLKSIZ, 512, 4);
			mshc_write(m, SDMMC_BYTCNT, MIB_BLOCKS * 512, 4);
			if (!pio) {
				for (int i = 0; i < 256; i++) {
					ring[4 * i] = IDMAC_DES0_OWN | IDMAC_DES0_CH | IDMAC_DES0_DIC |
						      (i == 0 ? IDMAC_DES0_FD : 0);
					ring[4 * i + 1] = 4096;
					ring[4 * i + 2] = __pa(buf + 4096 * i);
					ring[4 * i + 3] = __pa(&ring[4 * (i + 1)]);
				}
				ring[4 * 255] = IDMAC_DES0_OWN | IDMAC_DES0_LD;
				mshc_write(m, SDMMC_IDSTS, 0xffffffff, 4);
				mshc_write(m, SDMMC_DBADDR, __pa(ring), 4);
				mshc_write(m, SDMMC_CTRL, SDMMC_CTRL_INT_ENABLE | SDMMC_CTRL_USE_IDMAC |
					   SDMMC_CTRL_DMA_ENABLE, 4);
				mshc_write(m, SDMMC_BMOD, SDMMC_BMOD_DE | SDMMC_BMOD_FB, 4);
			} else {
				mshc_write(m, SDMMC_CTRL, SDMMC_CTRL_INT_ENABLE, 4);
				mshc_write(m, SDMMC_BMOD, 0, 4);
			}
			mshc_write(m, SDMMC_CMDARG, 0, 4);
			mshc_write(m, SDMMC_CMD, SDMMC_CMD_START | SDMMC_CMD_USE_HOLD_REG |
				   SDMMC_CMD_PRV_DAT_WAIT | SDMMC_CMD_RESP_EXP | SDMMC_CMD_RESP_CRC |
				   SDMMC_CMD_DAT_EXP | SDMMC_CMD_SEND_STOP | 18, 4);
			script_wait(m, SDMMC_INT_CMD_DONE);
			if (pio) {
				u32 *p = (u32 *)buf;

				while (left) {
					u32 n = SDMMC_STATUS_FCNT(mshc_read(m, SDMMC_STATUS, 4));

					for (; n && left; n--, left--)
						*p++ = mshc_read(m, SDMMC_DATA_240A, 4);
				}
			} else {
				while (!(mshc_read(m, SDMMC_IDSTS, 4) & SDMMC_IDMAC_RI))
					mshc_step(m);
			}
			script_wait(m, SDMMC_INT_DTO);
			script_wait(m, SDMMC_INT_ACD);
			mshc_write(m, SDMMC_RINTSTS, 0xffffffff, 4);
		}
		double t = (double)(now() - t0) / (REPS * MIB_BLOCKS);

		if (t < best)
			best = t;
	}
	return best;
}

static void row(const char *mode, const char *dir, const struct figures *f)
{
	if (f->model < 0)
		printf("  %-14s %-6s %10.1f %10s %10s %9.0f %8.2f\n", mode, dir, f->total, "-", "-",
		       f->irqs, f->mmio);
	else
		printf("  %-14s %-6s %10.1f %10.1f %10.1f %9.0f %8.2f\n", mode, dir, f->total,
		       f->model, f->total - f->model, f->irqs, f->mmio);
}

int main(void)
{
	static const struct { const char *name; bool pio; } modes[] = {
		{ "IDMAC 32-bit", false }, { "PIO 32-bit", true },
	};

	quiet(true);
	slab_env_init();
	kmem_cache_init();
	quiet(false);
	printf("bench_dw_mmc: host ns per 512-byte block, 1 MiB CMD18 reads / CMD25 writes "
	       "(lower is better), thread CPU time, min of %d runs of %d\n", RUNS, REPS);
	printf("  total = the real driver + host harness + controller/card models; model = the same "
	       "read driven by a bare script at the model; driver = total - model (reads only)\n");
	printf("  %-14s %-6s %10s %10s %10s %9s %8s\n", "mode", "dir", "total", "model", "driver",
	       "irqs/MiB", "MMIO/blk");
	for (unsigned int i = 0; i < ARRAY_SIZE(modes); i++) {
		struct rig r;
		struct blob t;
		struct dw_mci *h;
		struct figures f;
		u8 *buf;
		u32 *ring;

		dw_mci_force_pio = modes[i].pio;
		quiet(true);
		h = variant(&r, &t, 0x270a, MSHC_HCON_IDMAC32, 50000000);
		quiet(false);
		if (!h || rig_bring_up(h->mmc, 25000000)) {
			printf("bench_dw_mmc: %s host did not come up\n", modes[i].name);
			return 1;
		}
		buf = rig_buffer(MIB_BLOCKS * 512, GFP_KERNEL | GFP_DMA32);
		ring = (u32 *)rig_buffer(4096, GFP_KERNEL | GFP_DMA32);
		f = measure(h, &r, false, buf);
		f.model = model_read(&r, modes[i].pio, buf, ring);
		row(modes[i].name, "read", &f);
		f = measure(h, &r, true, buf);
		row(modes[i].name, "write", &f);
		variant_done(&r, &t);
	}
	dw_mci_force_pio = false;
	return 0;
}
