/*
 * What the MMC core needs from the kernel on the host (mmc_env.c): one
 * fake task, mutexes, wait queues whose schedule() runs the test's
 * "interrupts", jiffies that msleep advances, the block layer's scheduler
 * contact, and DT aliases the test sets. For the MMC core's tests and the
 * host drivers' tests built on it. Test-only code.
 */
#ifndef _MMC_ENV_H
#define _MMC_ENV_H

#include <stdbool.h>

struct device_node;

/*
 * Called when the code under test sleeps (schedule, blk_wait_io): act as
 * the interrupt that would wake it (complete a request). Returns false if
 * it had nothing to do; the sleeper would then hang, and the test aborts.
 */
extern bool (*mmc_env_irq_hook)(void);

/* Memory (slab on the page arena), the bio cache, msleep -> jiffies. Call first. */
void mmc_env_init(void);
/* of_alias_get_id(@np, "mmc") returns @id from now on; @highest is of_alias_get_highest_id's. */
void mmc_env_set_alias(const struct device_node *np, int id, int highest);

#endif
