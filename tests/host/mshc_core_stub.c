/*
 * The MMC core's host-registration calls as the DesignWare MSHC tests
 * need them before drivers/mmc/core provides them: allocation, names
 * from the mmcN alias, request completion through mrq->done.
 */
#include <stdlib.h>
#include <stdio.h>
#include <linux/mmc/host.h>
#include <linux/of.h>

unsigned int env_detect_changes;
/* Every host ever allocated: they live as long as the "kernel" (no leaks to report). */
static struct mmc_host *hosts[64];
static int nr_hosts;

struct mmc_host *mmc_alloc_host(int extra, struct device *dev)
{
	struct mmc_host *host = calloc(1, sizeof(*host) + extra);
	int id = dev && dev->of_node ? of_alias_get_id(dev->of_node, "mmc") : -1;

	if (!host)
		return NULL;
	if (nr_hosts < 64)
		hosts[nr_hosts++] = host;
	host->parent = dev;
	host->index = id < 0 ? 0 : id;
	snprintf(host->name, sizeof(host->name), "mmc%d", host->index);
	return host;
}

int mmc_add_host(struct mmc_host *host)
{
	return 0;
}

void mmc_remove_host(struct mmc_host *host)
{
}

void mmc_free_host(struct mmc_host *host)
{
	for (int i = 0; i < nr_hosts; i++)
		if (hosts[i] == host)
			hosts[i] = NULL;
	free(host);
}

void mmc_detect_change(struct mmc_host *host, unsigned long delay)
{
	env_detect_changes++;
}

void mmc_request_done(struct mmc_host *host, struct mmc_request *mrq)
{
	mrq->done(mrq);
}
