/*
 * In-kernel tests of the SDHCI host (drivers/mmc/host/sdhci.c) on a booted
 * QEMU with -device sdhci-pci and a card (ktest=sdhci; tests/qemu/t_sd.sh):
 * the software timeout ends a request -ETIMEDOUT when the controller's
 * interrupt never comes, a command the card ignores ends -ETIMEDOUT from
 * the controller's own timeout, and after either the next command works
 * (the lines were reset). Without such a host each test passes as skipped.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/mmc/host.h>
#include <linux/mmc/card.h>
#include <linux/mmc/mmc.h>
#include <asm/io.h>
#include "../../drivers/mmc/host/sdhci.h"

/* The first SDHCI host with a card, or NULL (then the test is skipped). */
static struct sdhci_host *host_with_card(void)
{
	struct sdhci_host *host = sdhci_find_host(0);

	if (!host || !host->mmc->card) {
		pr_info("ktest: sdhci: no SDHCI host with a card, skipped\n");
		return NULL;
	}
	return host;
}

/* CMD13 to @rca on @mmc (claimed): its error; *status gets the R1. */
static int send_status(struct mmc_host *mmc, unsigned int rca, u32 *status)
{
	struct mmc_command cmd = {
		.opcode = MMC_SEND_STATUS,
		.arg = rca << 16,
		.flags = MMC_RSP_R1 | MMC_CMD_AC,
	};
	int err = mmc_wait_for_cmd(mmc, &cmd, 0);

	*status = cmd.resp[0];
	return err;
}

/* Signal Enable off: the controller completes the command but never interrupts. */
KTEST(sdhci_soft_timeout)
{
	struct sdhci_host *host = host_with_card();
	unsigned long before, start, took;
	u32 signals, status = 0;
	int err;

	if (!host)
		return;
	mmc_claim_host(host->mmc);
	before = host->nr_timeouts;
	signals = readl(host->ioaddr + SDHCI_SIGNAL_ENABLE);
	writel(0, host->ioaddr + SDHCI_SIGNAL_ENABLE);
	start = jiffies;
	err = send_status(host->mmc, host->mmc->card->rca, &status);
	took = jiffies - start;
	writel(signals, host->ioaddr + SDHCI_SIGNAL_ENABLE);
	KT_EXPECT_MSG(err == -ETIMEDOUT, "CMD13 without interrupts gave %d", err);
	KT_EXPECT(host->nr_timeouts == before + 1);
	KT_EXPECT_MSG(took >= msecs_to_jiffies(900) && took <= msecs_to_jiffies(3000),
		      "the timeout took %lu jiffies", took);
	err = send_status(host->mmc, host->mmc->card->rca, &status);
	KT_EXPECT_MSG(err == 0, "CMD13 afterwards gave %d", err);
	KT_EXPECT_MSG(R1_CURRENT_STATE(status) == R1_STATE_TRAN, "card status 0x%x", status);
	mmc_release_host(host->mmc);
}

/* A card ignores a command for another RCA: Command Timeout Error, -ETIMEDOUT. */
KTEST(sdhci_cmd_timeout)
{
	struct sdhci_host *host = host_with_card();
	unsigned long before;
	u32 status = 0;
	int err;

	if (!host)
		return;
	mmc_claim_host(host->mmc);
	before = host->nr_timeouts;
	err = send_status(host->mmc, (host->mmc->card->rca + 1) & 0xffff, &status);
	KT_EXPECT_MSG(err == -ETIMEDOUT, "CMD13 to a wrong RCA gave %d", err);
	KT_EXPECT(host->nr_timeouts == before);	/* the controller said so, not the timer */
	err = send_status(host->mmc, host->mmc->card->rca, &status);
	KT_EXPECT_MSG(err == 0, "CMD13 afterwards gave %d", err);
	KT_EXPECT_MSG(R1_CURRENT_STATE(status) == R1_STATE_TRAN, "card status 0x%x", status);
	mmc_release_host(host->mmc);
}
