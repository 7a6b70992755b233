/*
 * The MMC core's request and bus layer (Linux's drivers/mmc/core/core.c,
 * same names): claiming a host, sending a request and sleeping until the
 * host's interrupt completes it, commands with retries, and the bus
 * settings (power, clock, width, timing) through ->set_ios. Leaves out
 * async requests, command queueing, voltage switching and power management.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/delay.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/string.h>
#include "core.h"

void mmc_claim_host(struct mmc_host *host)
{
	mutex_lock(&host->claim);
}

void mmc_release_host(struct mmc_host *host)
{
	mutex_unlock(&host->claim);
}

void mmc_delay(unsigned int ms)
{
	msleep(ms);
}

/* The waiter of one request: set from the host's interrupt. */
struct mmc_wait {
	volatile bool done;
};

/* mrq->done: wakes mmc_wait_for_req's sleeper (any context). */
static void mmc_wait_done(struct mmc_request *mrq)
{
	struct mmc_wait *w = mrq->done_data;
	struct mmc_host *host = mrq->host;	/* @mrq may be gone once done is seen */

	WRITE_ONCE(w->done, true);
	wake_up(&host->wq);
}

void mmc_request_done(struct mmc_host *host, struct mmc_request *mrq)
{
	mrq->done(mrq);
}

/* Ends every part of @mrq with @err without the host (card removed). */
static void mmc_fail_request(struct mmc_request *mrq, int err)
{
	if (mrq->sbc)
		mrq->sbc->error = err;
	mrq->cmd->error = err;
	if (mrq->data)
		mrq->data->error = err;
	if (mrq->stop)
		mrq->stop->error = err;
}

/* Clears the results of @mrq's parts and links them to it, before (re)sending. */
static void mmc_prepare_request(struct mmc_host *host, struct mmc_request *mrq)
{
	struct mmc_command *cmds[3] = { mrq->sbc, mrq->cmd, mrq->stop };

	for (int i = 0; i < 3; i++) {
		if (!cmds[i])
			continue;
		cmds[i]->error = 0;
		cmds[i]->mrq = mrq;
		memset(cmds[i]->resp, 0, sizeof(cmds[i]->resp));
	}
	mrq->cmd->data = mrq->data;
	if (mrq->data) {
		mrq->data->error = 0;
		mrq->data->bytes_xfered = 0;
		mrq->data->mrq = mrq;
		mrq->data->stop = mrq->stop;
	}
	mrq->host = host;
}

/*
 * Sends @mrq and sleeps until the host calls mmc_request_done (the host
 * arms its own timeout, so this always returns). Caller holds host->claim.
 * A host whose card is gone is not asked: every part ends -ENOMEDIUM.
 */
void mmc_wait_for_req(struct mmc_host *host, struct mmc_request *mrq)
{
	struct mmc_wait w = { .done = false };

	mmc_prepare_request(host, mrq);
	if (READ_ONCE(host->removed)) {
		mmc_fail_request(mrq, -ENOMEDIUM);
		return;
	}
	mrq->done = mmc_wait_done;
	mrq->done_data = &w;
	host->ops->request(host, mrq);
	wait_event(host->wq, READ_ONCE(w.done));
}

/* See linux/mmc/core.h. A removed card is not retried. */
int mmc_wait_for_cmd(struct mmc_host *host, struct mmc_command *cmd, int retries)
{
	struct mmc_request mrq = { .cmd = cmd };

	cmd->data = NULL;
	for (;;) {
		mmc_wait_for_req(host, &mrq);
		if (!cmd->error || cmd->error == -ENOMEDIUM || retries-- <= 0)
			return cmd->error;
	}
}

/* Applies host->ios (the driver may sleep in set_ios). */
static void mmc_set_ios(struct mmc_host *host)
{
	host->ops->set_ios(host, &host->ios);
}

/* The card clock: @hz capped at f_max and raised to f_min (0 stops it). */
void mmc_set_clock(struct mmc_host *host, unsigned int hz)
{
	if (hz && host->f_max && hz > host->f_max)
		hz = host->f_max;
	if (hz && hz < host->f_min)
		hz = host->f_min;
	host->ios.clock = hz;
	mmc_set_ios(host);
}

void mmc_set_bus_width(struct mmc_host *host, unsigned int width)
{
	host->ios.bus_width = width;
	mmc_set_ios(host);
}

void mmc_set_timing(struct mmc_host *host, unsigned int timing)
{
	host->ios.timing = timing;
	mmc_set_ios(host);
}

u32 mmc_select_voltage(struct mmc_host *host, u32 ocr)
{
	return ocr & host->ocr_avail;
}

/*
 * Power up (SD spec 6.4.1): supply on at the highest voltage of @ocr,
 * 1-bit bus, legacy timing, then the identification clock (400 kHz, or
 * f_min if higher) for at least 1 ms and 74 clocks before CMD0.
 */
void mmc_power_up(struct mmc_host *host, u32 ocr)
{
	int bit = 21;				/* 3.3-3.4 V if the host named none */

	for (int b = 31; ocr && b >= 0; b--) {
		if (ocr & (1u << b)) {
			bit = b;
			break;
		}
	}

	host->ios.vdd = bit;
	host->ios.bus_width = MMC_BUS_WIDTH_1;
	host->ios.timing = MMC_TIMING_LEGACY;
	host->ios.power_mode = MMC_POWER_UP;
	host->ios.clock = 0;
	mmc_set_ios(host);
	mmc_delay(1);
	host->ios.power_mode = MMC_POWER_ON;
	mmc_set_clock(host, max(MMC_INIT_FREQ, host->f_min));
	mmc_delay(1);
}

void mmc_power_off(struct mmc_host *host)
{
	host->ios.clock = 0;
	host->ios.vdd = 0;
	host->ios.power_mode = MMC_POWER_OFF;
	host->ios.bus_width = MMC_BUS_WIDTH_1;
	host->ios.timing = MMC_TIMING_LEGACY;
	mmc_set_ios(host);
}

/* get_cd of 0 or host->removed: gone. A host that cannot tell (-ENOSYS) has its card. */
bool mmc_card_present(struct mmc_host *host)
{
	if (READ_ONCE(host->removed))
		return false;
	return !host->ops->get_cd || host->ops->get_cd(host) != 0;
}

/*
 * Data timeouts: the SD spec's fixed limits for SDHC (4.6.2.1-2: 100 ms
 * read, 250 ms write; 500 ms for SDXC), used for SDSC too, which is
 * always faster than them.
 */
void mmc_set_data_timeout(struct mmc_data *data, const struct mmc_card *card)
{
	unsigned int ms = (data->flags & MMC_DATA_WRITE) ? 500 : 100;

	data->timeout_ns = ms * 1000000u;
}
