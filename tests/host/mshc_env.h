/*
 * The host environment the DesignWare MSHC driver runs in for its tests
 * and benchmark: MMIO windows backed by mshc_model instances (through
 * asm/io.h's HOST_MMIO_HOOK), request_irq and an "interrupt controller"
 * that calls the registered handler while a model's line is up, kernel
 * timers on a fake jiffies clock, and binding the real driver to device
 * trees (a stand-in PLIC driver makes platform_get_irq work).
 */
#ifndef MSHC_ENV_H
#define MSHC_ENV_H

#include <linux/types.h>
#include <linux/mmc/host.h>
#include "mshc_model.h"
#include "dtb_util.h"

/* Puts @m behind the registers at @pa (what the driver's ioremap maps) with interrupt @irq. */
void env_attach(phys_addr_t pa, unsigned int irq, struct mshc_model *m);
/* Forgets every attached model (not freed) and registered handler. */
void env_detach_all(void);
/* The model at @pa, or NULL. */
struct mshc_model *env_model(phys_addr_t pa);

/*
 * One round of "the rest of the machine": dispatch a raised interrupt,
 * else let the models run a step, else advance jiffies by one tick and
 * run due timers. Returns false if nothing at all could happen.
 */
bool env_run_once(void);
/* Runs rounds until *@flag is true (or a bound is hit: a failed check). */
bool env_wait(volatile bool *flag);
/* Timers armed now; fires them as env_run_once would. */
unsigned int env_pending_timers(void);

/* Unflattens @b and binds the drivers (the real dw_mmc); returns populate's count. */
int env_bind(const struct blob *b);
/* What the last env_bind printed. */
const char *env_report(void);
/* Tears down the tree and devices of the last env_bind. */
void env_unbind(void);

/* The driver's state for the controller at node @path (bound), or NULL. */
struct dw_mci *env_dw_host(const char *path);

#endif
