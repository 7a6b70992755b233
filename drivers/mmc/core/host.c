/*
 * Hosts and card detection (Linux's drivers/mmc/core/host.c and the
 * rescan of core.c): allocating a host with its mmcN index (the DT alias
 * first), the list of added hosts that scan_boot_disks rescans once tasks
 * can sleep, mmc_rescan itself, and card-detect notifications. Leaves out
 * the class device, a rescan thread for cards inserted after boot, and
 * unbinding a host whose card has a disk.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/of.h>
#include <linux/printk.h>
#include "core.h"

#define MMC_MAX_HOSTS	32

static DEFINE_SPINLOCK(mmc_host_lock);	/* protects the two below */
static u32 mmc_used_index;		/* bit N: mmcN taken */
static LIST_HEAD(mmc_host_list);	/* added hosts, in order */
static bool mmc_boot_scanned;		/* scan_boot_disks has run: scan at once */

/* Takes @idx if free: true if it is now the caller's. Lock held. */
static bool mmc_take_index(int idx)
{
	if (idx < 0 || idx >= MMC_MAX_HOSTS || (mmc_used_index & (1u << idx)))
		return false;
	mmc_used_index |= 1u << idx;
	return true;
}

/*
 * The host's index (Linux's mmc_alloc_host): the "mmcN" alias of the
 * controller's DT node, else the lowest free index above every alias, so
 * aliased and unaliased hosts never collide. -ENOSPC if none is free.
 */
static int mmc_alloc_index(struct device *dev)
{
	int alias = -ENODEV, first = of_alias_get_highest_id("mmc") + 1;
	int idx = -ENOSPC;
	unsigned long flags;

	if (dev && dev->of_node)
		alias = of_alias_get_id(dev->of_node, "mmc");
	if (first < 0)
		first = 0;
	spin_lock_irqsave(&mmc_host_lock, flags);
	if (mmc_take_index(alias))
		idx = alias;
	for (int i = first; idx < 0 && i < MMC_MAX_HOSTS; i++)
		if (mmc_take_index(i))
			idx = i;
	spin_unlock_irqrestore(&mmc_host_lock, flags);
	return idx;
}

/* See linux/mmc/host.h. Limits start at Linux's defaults: one page, one segment. */
struct mmc_host *mmc_alloc_host(int extra, struct device *dev)
{
	struct mmc_host *host = kzalloc(sizeof(*host) + extra, GFP_KERNEL);

	if (!host)
		return NULL;
	host->index = mmc_alloc_index(dev);
	if (host->index < 0) {
		kfree(host);
		return NULL;
	}
	host->parent = dev;
	snprintf(host->name, sizeof(host->name), "mmc%d", host->index);
	mutex_init(&host->claim);
	init_waitqueue_head(&host->wq);
	INIT_LIST_HEAD(&host->node);
	host->max_segs = 1;
	host->max_seg_size = PAGE_SIZE;
	host->max_req_size = PAGE_SIZE;
	host->max_blk_size = 512;
	host->max_blk_count = PAGE_SIZE / 512;
	return host;
}

/* See linux/mmc/host.h: queued until the boot scan, scanned at once after it. */
int mmc_add_host(struct mmc_host *host)
{
	unsigned long flags;
	bool now;

	if (!host->ops || !host->ops->request || !host->ops->set_ios)
		return -EINVAL;
	spin_lock_irqsave(&mmc_host_lock, flags);
	list_add_tail(&host->node, &mmc_host_list);
	now = mmc_boot_scanned;
	spin_unlock_irqrestore(&mmc_host_lock, flags);
	if (now)
		mmc_rescan(host);
	return 0;
}

/*
 * Takes @host off the list; its card (if any) is marked removed so its
 * disk, which stays, fails every request with -ENOMEDIUM.
 */
void mmc_remove_host(struct mmc_host *host)
{
	unsigned long flags;

	mmc_claim_host(host);
	WRITE_ONCE(host->removed, true);
	if (host->card)
		host->card->state |= MMC_STATE_REMOVED;
	mmc_release_host(host);
	spin_lock_irqsave(&mmc_host_lock, flags);
	list_del_init(&host->node);
	spin_unlock_irqrestore(&mmc_host_lock, flags);
}

/* Frees @host and its index; a host whose card has a disk is kept (its queue points at it). */
void mmc_free_host(struct mmc_host *host)
{
	unsigned long flags;

	if (host->card) {
		pr_warn("%s: host freed with its card registered: kept\n", mmc_hostname(host));
		return;
	}
	spin_lock_irqsave(&mmc_host_lock, flags);
	mmc_used_index &= ~(1u << host->index);
	spin_unlock_irqrestore(&mmc_host_lock, flags);
	kfree(host);
}

/*
 * Card-detect interrupt or poll (any context). Nothing to do now: the
 * block driver asks get_cd before every request and fails it (-ENOMEDIUM)
 * once the card is gone. There is no rescan thread: a card that comes
 * back is not brought up again (docs/mmc.md).
 */
void mmc_detect_change(struct mmc_host *host, unsigned long delay)
{
}

/* See linux/mmc/host.h. Messages for every failure but "no card". */
int mmc_rescan(struct mmc_host *host)
{
	int err;

	if (host->card)
		return 0;
	if (!mmc_card_present(host))
		return -ENOMEDIUM;
	mmc_claim_host(host);
	mmc_power_up(host, host->ocr_avail);
	err = mmc_attach_sd(host);
	if (err) {
		mmc_power_off(host);
		if (err != -EOPNOTSUPP)
			pr_err("%s: error %d whilst initialising SD card\n", mmc_hostname(host), err);
	}
	mmc_release_host(host);
	if (err)
		return err;
	/* Unclaimed: add_disk after boot reads the partition table through the queue. */
	err = mmc_blk_probe(host->card);
	if (err)
		pr_err("%s: no block device for the card: %d\n", mmc_hostname(host), err);
	return err;
}

/* See linux/mmc/host.h. Boot: one task, so the list is stable. */
void mmc_scan_boot_hosts(void)
{
	struct mmc_host *host;
	unsigned long flags;

	spin_lock_irqsave(&mmc_host_lock, flags);
	mmc_boot_scanned = true;
	spin_unlock_irqrestore(&mmc_host_lock, flags);
	list_for_each_entry(host, &mmc_host_list, node)
		mmc_rescan(host);
}
