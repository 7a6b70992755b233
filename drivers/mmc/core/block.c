/*
 * The SD card as a block device (Linux's drivers/mmc/core/block.c and
 * queue.c, same names): mmcblkN (major 179, 8 minors) whose queue_rq turns
 * each request into CMD17/18 (+CMD12 or CMD23) or CMD24/25, polls CMD13
 * after writes, retries failures (twice, then block by block at half the
 * clock), bounces pages the host's DMA cannot reach through ZONE_DMA32,
 * and fails everything -ENOMEDIUM once the card is gone. Leaves out
 * discard/erase, reliable writes, the card's cache and partitions on boot
 * areas (SD has none).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/blkdev.h>
#include <linux/genhd.h>
#include <linux/printk.h>
#include <linux/mmc/mmc.h>
#include "core.h"

#define MMC_BLOCK_MAJOR		179
#define MMC_BLK_MINORS		8	/* mmcblkN and mmcblkNp1..p7 (Linux's perdev_minors) */
#define MMC_BLK_RETRIES		2	/* re-sends of a failed request */
#define MMC_BLK_BOUNCE_MAX	(256 * 1024)	/* the largest bounce buffer (and request) */
#define MMC_BLK_BUSY_MS		2000	/* how long a card may program after a write */

/* R1 bits that mean the transfer failed (SD spec 4.10.1). */
#define MMC_BLK_R1_ERRORS	(R1_OUT_OF_RANGE | R1_ADDRESS_ERROR | R1_BLOCK_LEN_ERROR | \
				 R1_WP_VIOLATION | R1_CARD_ECC_FAILED | R1_CC_ERROR | R1_ERROR)

/* One card's disk. Everything below is used under host->claim. */
struct mmc_blk_data {
	struct mmc_card *card;
	struct gendisk *disk;
	struct request_queue *queue;
	struct scatterlist *sg;		/* host->max_segs entries: the request's pages */
	struct scatterlist *bounce_sg;	/* the same bytes in the bounce buffer */
	struct page *bounce;		/* ZONE_DMA32 pages below max_dma_addr, or NULL */
	unsigned int bounce_bytes;
	bool removed_told;		/* "card removed" printed */
};

/* What one attempt sends (Linux's struct mmc_blk_request). */
struct mmc_blk_request {
	struct mmc_request mrq;
	struct mmc_command sbc, cmd, stop;
	struct mmc_data data;
};

/* ---- the request's pages -------------------------------------------------------- */

/*
 * Fills md->sg with @rq's vecs, each cut at max_seg_size as the block
 * layer counts segments. The number of entries, or -EINVAL if it exceeds
 * max_segs (a block-layer bug).
 */
static int mmc_blk_map_rq(struct mmc_blk_data *md, struct request *rq)
{
	struct mmc_host *host = md->card->host;
	unsigned int n = 0;
	struct bio *bio;

	__rq_for_each_bio(bio, rq) {
		for (unsigned int i = 0; i < bio->bi_vcnt; i++) {
			struct bio_vec *bv = &bio->bi_io_vec[i];
			unsigned int off = bv->bv_offset, left = bv->bv_len;

			while (left) {
				unsigned int len = min_t(unsigned int, left, host->max_seg_size);

				if (n == host->max_segs)
					return -EINVAL;
				sg_set_page(&md->sg[n++], bv->bv_page + (off >> PAGE_SHIFT), len,
					    off & (PAGE_SIZE - 1));
				off += len;
				left -= len;
			}
		}
	}
	return n;
}

/* Does any entry of @sg reach past the host's DMA limit? */
static bool mmc_blk_needs_bounce(const struct mmc_host *host, const struct scatterlist *sg, int n)
{
	if (!host->max_dma_addr)
		return false;
	for (int i = 0; i < n; i++)
		if (sg_dma_address(&sg[i]) + sg_dma_len(&sg[i]) - 1 > host->max_dma_addr)
			return true;
	return false;
}

/* Copies @bytes between @rq's pages and the bounce buffer (@to_bounce: before a write). */
static void mmc_blk_copy_bounce(struct mmc_blk_data *md, struct request *rq, bool to_bounce)
{
	u8 *buf = page_address(md->bounce);
	struct bio *bio;

	__rq_for_each_bio(bio, rq) {
		for (unsigned int i = 0; i < bio->bi_vcnt; i++) {
			struct bio_vec *bv = &bio->bi_io_vec[i];
			unsigned int off = bv->bv_offset, left = bv->bv_len;

			while (left) {
				struct page *page = bv->bv_page + (off >> PAGE_SHIFT);
				unsigned int in = off & (PAGE_SIZE - 1);
				unsigned int len = min_t(unsigned int, left, PAGE_SIZE - in);
				u8 *p = kmap_atomic(page);

				if (to_bounce)
					memcpy(buf, p + in, len);
				else
					memcpy(p + in, buf, len);
				kunmap_atomic(p);
				buf += len;
				off += len;
				left -= len;
			}
		}
	}
}

/* md->bounce_sg over the first @bytes of the bounce buffer; the entry count. */
static int mmc_blk_bounce_sg(struct mmc_blk_data *md, unsigned int bytes)
{
	unsigned int seg = md->card->host->max_seg_size, off = 0;
	int n = 0;

	while (off < bytes) {
		unsigned int len = min_t(unsigned int, bytes - off, seg);

		sg_set_page(&md->bounce_sg[n++], md->bounce + (off >> PAGE_SHIFT), len,
			    off & (PAGE_SIZE - 1));
		off += len;
	}
	return n;
}

/*
 * The entries of @sg (@n of them) covering bytes @skip..@skip+512: into
 * @out (at most 2 entries: a block crosses at most one entry boundary,
 * entries being at least 512 bytes). The count.
 */
static int mmc_blk_sub_sg(const struct scatterlist *sg, int n, unsigned int skip,
			  struct scatterlist *out)
{
	unsigned int want = 512;
	int k = 0;

	for (int i = 0; i < n && want; i++) {
		unsigned int len = sg[i].length;

		if (skip >= len) {
			skip -= len;
			continue;
		}
		unsigned int take = min_t(unsigned int, len - skip, want);
		unsigned int at = sg[i].offset + skip;

		sg_set_page(&out[k++], sg[i].page + (at >> PAGE_SHIFT), take, at & (PAGE_SIZE - 1));
		want -= take;
		skip = 0;
		if (k == 2)
			break;
	}
	return k;
}

/* ---- one attempt ----------------------------------------------------------------- */

/* Does CMD23 replace CMD12 (host and card both support it)? */
static bool mmc_blk_use_cmd23(const struct mmc_card *card)
{
	return (card->host->caps & MMC_CAP_CMD23) && (card->scr.cmds & SD_SCR_CMD23_SUPPORT);
}

/*
 * Fills @brq for @blocks at sector @pos through @sg (Linux's
 * mmc_blk_rw_rq_prep): single or multiple block command, the card's
 * addressing (bytes on SDSC, blocks on SDHC), CMD23 or CMD12.
 */
static void mmc_blk_rw_rq_prep(struct mmc_blk_request *brq, struct mmc_card *card, bool write,
			       sector_t pos, unsigned int blocks, struct scatterlist *sg, int n)
{
	memset(brq, 0, sizeof(*brq));
	brq->mrq.cmd = &brq->cmd;
	brq->mrq.data = &brq->data;
	if (blocks > 1)
		brq->cmd.opcode = write ? MMC_WRITE_MULTIPLE_BLOCK : MMC_READ_MULTIPLE_BLOCK;
	else
		brq->cmd.opcode = write ? MMC_WRITE_BLOCK : MMC_READ_SINGLE_BLOCK;
	brq->cmd.arg = mmc_card_blockaddr(card) ? (u32)pos : (u32)(pos << 9);
	brq->cmd.flags = MMC_RSP_R1 | MMC_CMD_ADTC;
	brq->data.blksz = 512;
	brq->data.blocks = blocks;
	brq->data.flags = write ? MMC_DATA_WRITE : MMC_DATA_READ;
	brq->data.sg = sg;
	brq->data.sg_len = n;
	mmc_set_data_timeout(&brq->data, card);
	if (blocks > 1 && mmc_blk_use_cmd23(card)) {
		brq->sbc.opcode = MMC_SET_BLOCK_COUNT;
		brq->sbc.arg = blocks;
		brq->sbc.flags = MMC_RSP_R1 | MMC_CMD_AC;
		brq->mrq.sbc = &brq->sbc;
	} else if (blocks > 1) {
		brq->stop.opcode = MMC_STOP_TRANSMISSION;
		brq->stop.flags = (write ? MMC_RSP_R1B : MMC_RSP_R1) | MMC_CMD_AC;
		brq->stop.busy_timeout = MMC_BLK_BUSY_MS;
		brq->mrq.stop = &brq->stop;
	}
}

/* The first error of @brq's parts, or of the card status it returned. */
static int mmc_blk_request_error(const struct mmc_blk_request *brq)
{
	if (brq->mrq.sbc && brq->sbc.error)
		return brq->sbc.error;
	if (brq->cmd.error)
		return brq->cmd.error;
	if (brq->data.error)
		return brq->data.error;
	if (brq->mrq.stop && brq->stop.error)
		return brq->stop.error;
	if (brq->cmd.resp[0] & MMC_BLK_R1_ERRORS)
		return -EIO;
	if (brq->data.bytes_xfered != brq->data.blocks * brq->data.blksz)
		return -EIO;
	return 0;
}

/*
 * One try of @blocks at @pos: the request, then (after a write or any
 * error) CMD13 until the card is back in tran, with CMD12 if it is left
 * in a data state. 0; -EIO (the transfer failed, the card still answers);
 * -ETIMEDOUT (the card stopped answering or stays busy); -ENOMEDIUM.
 */
static int mmc_blk_rw_once(struct mmc_blk_data *md, bool write, sector_t pos,
			   unsigned int blocks, struct scatterlist *sg, int n)
{
	struct mmc_card *card = md->card;
	struct mmc_blk_request brq;
	int err, ready;

	mmc_blk_rw_rq_prep(&brq, card, write, pos, blocks, sg, n);
	mmc_wait_for_req(card->host, &brq.mrq);
	err = mmc_blk_request_error(&brq);
	if (err == -ENOMEDIUM || (!write && !err))
		return err;
	ready = mmc_poll_for_ready(card, MMC_BLK_BUSY_MS);
	if (ready == -ETIMEDOUT || ready == -ENOMEDIUM)
		return ready;
	return err || ready ? -EIO : 0;
}

/* ---- retries and the request ------------------------------------------------------- */

/* Is the card gone? Says so once; true from then on. */
static bool mmc_blk_card_gone(struct mmc_blk_data *md)
{
	struct mmc_card *card = md->card;

	if (!mmc_card_removed(card) && mmc_card_present(card->host))
		return false;
	card->state |= MMC_STATE_REMOVED;
	if (!md->removed_told) {
		md->removed_told = true;
		pr_info("%s: card %04x removed\n", mmc_hostname(card->host), card->rca);
	}
	return true;
}

/* Up to 1 + MMC_BLK_RETRIES tries of one transfer: 0 or the last error. */
static int mmc_blk_rw_retry(struct mmc_blk_data *md, bool write, sector_t pos,
			    unsigned int blocks, struct scatterlist *sg, int n)
{
	int err = 0;

	for (int i = 0; i <= MMC_BLK_RETRIES; i++) {
		err = mmc_blk_rw_once(md, write, pos, blocks, sg, n);
		if (!err || err == -ETIMEDOUT || mmc_blk_card_gone(md))
			break;
	}
	return err;
}

/*
 * A multi-block transfer that kept failing, one block at a time at half
 * the clock (at least 400 kHz; it stays lowered). 0 or the first block's error.
 */
static int mmc_blk_rw_single(struct mmc_blk_data *md, bool write, sector_t pos,
			     unsigned int blocks, struct scatterlist *sg, int n, int err)
{
	struct mmc_host *host = md->card->host;
	unsigned int hz = max(host->ios.clock / 2, max(MMC_INIT_FREQ, host->f_min));
	struct scatterlist one[2];

	pr_warn("%s: %s error %d at sector %llu (%u blocks), retrying block by block at %u kHz\n",
		md->disk->disk_name, write ? "write" : "read", err, (unsigned long long)pos,
		blocks, hz / 1000);
	if (hz < host->ios.clock)
		mmc_set_clock(host, hz);
	for (unsigned int b = 0; b < blocks; b++) {
		int k = mmc_blk_sub_sg(sg, n, b * 512, one);

		err = mmc_blk_rw_retry(md, write, pos + b, 1, one, k);
		if (err)
			return err;
	}
	return 0;
}

/*
 * The whole transfer of @blocks at @pos with the contract's retries; the
 * result as the request ends: 0, -ENOMEDIUM (card gone), -ETIMEDOUT (it
 * stopped answering) or -EIO, with a message for the last two.
 */
static int mmc_blk_rw(struct mmc_blk_data *md, bool write, sector_t pos, unsigned int blocks,
		      struct scatterlist *sg, int n)
{
	int err = mmc_blk_rw_retry(md, write, pos, blocks, sg, n);

	if (err && err != -ETIMEDOUT && blocks > 1 && !mmc_blk_card_gone(md))
		err = mmc_blk_rw_single(md, write, pos, blocks, sg, n, err);
	if (!err)
		return 0;
	if (mmc_blk_card_gone(md))
		return -ENOMEDIUM;
	err = err == -ETIMEDOUT ? -ETIMEDOUT : -EIO;
	pr_err("%s: %s of sector %llu (%u blocks) failed: %d\n", md->disk->disk_name,
	       write ? "write" : "read", (unsigned long long)pos, blocks, err);
	return err;
}

/*
 * One block-layer request (Linux's mmc_blk_issue_rq), host claimed: the
 * pages mapped (or bounced), the transfer, the bounce copied back. 0 or -Exxx.
 */
static int mmc_blk_issue_rq(struct mmc_blk_data *md, struct request *rq)
{
	struct mmc_host *host = md->card->host;
	bool write = rq_data_dir(rq);
	unsigned int blocks = blk_rq_sectors(rq);
	struct scatterlist *sg = md->sg;
	bool bounce;
	int n, err;

	if (req_op(rq) == REQ_OP_FLUSH || !blocks)
		return 0;			/* no write cache: nothing to flush */
	if (mmc_blk_card_gone(md))
		return -ENOMEDIUM;
	n = mmc_blk_map_rq(md, rq);
	if (n < 0)
		return n;
	bounce = mmc_blk_needs_bounce(host, md->sg, n);
	if (bounce) {
		if (!md->bounce || blk_rq_bytes(rq) > md->bounce_bytes)
			return -EIO;
		if (write)
			mmc_blk_copy_bounce(md, rq, true);
		n = mmc_blk_bounce_sg(md, blk_rq_bytes(rq));
		sg = md->bounce_sg;
	}
	err = mmc_blk_rw(md, write, blk_rq_pos(rq), blocks, sg, n);
	if (!err && bounce && !write)
		mmc_blk_copy_bounce(md, rq, false);
	return err;
}

/*
 * The queue's queue_rq. Synchronous: the request is done (and ended)
 * before this returns. The host takes one request at a time anyway
 * (host->claim), the submitter may sleep here, and so no thread of our own
 * is needed; a plug of several requests runs them in turn.
 */
static int mmc_blk_queue_rq(struct request_queue *q, struct request *rq)
{
	struct mmc_blk_data *md = q->queuedata;
	struct mmc_host *host = md->card->host;
	int err;

	mmc_claim_host(host);
	err = mmc_blk_issue_rq(md, rq);
	mmc_release_host(host);
	blk_mq_end_request(rq, err);
	return 0;
}

/* ---- the disk ------------------------------------------------------------------------ */

/*
 * The bounce buffer of a host with a DMA limit: ZONE_DMA32 pages for the
 * largest request, checked to end below max_dma_addr. 0, or -ENOMEM (the
 * disk then works for pages the host reaches and fails others with -EIO).
 */
static int mmc_blk_alloc_bounce(struct mmc_blk_data *md, unsigned int bytes)
{
	struct mmc_host *host = md->card->host;
	unsigned int order = get_order(bytes);
	struct page *page = alloc_pages(GFP_KERNEL | GFP_DMA32, order);

	if (page && (((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT) + (PAGE_SIZE << order) - 1 >
		     host->max_dma_addr)) {
		__free_pages(page, order);
		page = NULL;
	}
	md->bounce_sg = kcalloc(host->max_segs, sizeof(*md->bounce_sg), GFP_KERNEL);
	if (!page || !md->bounce_sg) {
		pr_warn("%s: no bounce buffer below %#llx\n", mmc_hostname(host),
			(unsigned long long)host->max_dma_addr);
		if (page)
			__free_pages(page, order);
		return -ENOMEM;
	}
	md->bounce = page;
	md->bounce_bytes = bytes;
	return 0;
}

/* The queue with the host's limits: 0 or -ENOMEM. */
static int mmc_blk_alloc_queue(struct mmc_blk_data *md)
{
	struct mmc_host *host = md->card->host;
	unsigned int bytes = min_t(unsigned int, host->max_req_size, host->max_blk_count * 512);

	if (host->max_dma_addr) {
		bytes = min_t(unsigned int, bytes, MMC_BLK_BOUNCE_MAX);
		mmc_blk_alloc_bounce(md, bytes);
	}
	md->sg = kcalloc(host->max_segs, sizeof(*md->sg), GFP_KERNEL);
	md->queue = blk_alloc_queue(mmc_blk_queue_rq, md);
	if (!md->sg || !md->queue)
		return -ENOMEM;
	blk_queue_max_hw_sectors(md->queue, max(bytes / 512, 1u));
	blk_queue_max_segments(md->queue, host->max_segs);
	blk_queue_max_segment_size(md->queue, host->max_seg_size);
	blk_queue_logical_block_size(md->queue, 512);
	blk_queue_write_cache(md->queue, false, false);
	md->queue->readonly = host->ops->get_ro && host->ops->get_ro(host) == 1;
	return 0;
}

/* "123 MiB", "7.40 GiB": three significant digits in binary units (Linux's string_get_size). */
static void mmc_blk_size_str(u64 bytes, char *buf, size_t len)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	unsigned int u = 0;
	u64 hundredths;

	while (u < 4 && bytes >= (1024ull << (10 * u)))
		u++;
	hundredths = (bytes * 100) >> (10 * u);
	if (hundredths >= 10000)
		snprintf(buf, len, "%llu %s", (unsigned long long)(hundredths / 100), units[u]);
	else if (hundredths >= 1000)
		snprintf(buf, len, "%llu.%llu %s", (unsigned long long)(hundredths / 100),
			 (unsigned long long)(hundredths / 10 % 10), units[u]);
	else
		snprintf(buf, len, "%llu.%02llu %s", (unsigned long long)(hundredths / 100),
			 (unsigned long long)(hundredths % 100), units[u]);
}

/*
 * Registers @card as mmcblkN, N its host's index (Linux's mmc_blk_probe):
 * queue, disk, the info line, add_disk (which reads the partitions now,
 * or at scan_boot_disks during boot). 0 or -ENOMEM.
 */
int mmc_blk_probe(struct mmc_card *card)
{
	struct mmc_blk_data *md = kzalloc(sizeof(*md), GFP_KERNEL);
	char size[32];

	if (!md)
		return -ENOMEM;
	md->card = card;
	md->disk = alloc_disk(MMC_BLK_MINORS);
	if (!md->disk || mmc_blk_alloc_queue(md))
		return -ENOMEM;		/* what was allocated stays: boot-time, rare */
	md->disk->major = MMC_BLOCK_MAJOR;
	md->disk->first_minor = card->host->index * MMC_BLK_MINORS;
	snprintf(md->disk->disk_name, sizeof(md->disk->disk_name), "mmcblk%d", card->host->index);
	md->disk->queue = md->queue;
	md->disk->private_data = md;
	set_capacity(md->disk, card->csd.capacity);
	card->blk_data = md;
	mmc_blk_size_str(card->csd.capacity << 9, size, sizeof(size));
	pr_info("%s: %s %s %s%s\n", md->disk->disk_name, mmc_card_id(card), mmc_card_name(card),
		size, md->queue->readonly ? " (ro)" : "");
	add_disk(md->disk);
	return 0;
}
