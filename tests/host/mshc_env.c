/* The DesignWare MSHC driver's host environment (see mshc_env.h). */
#include <stdio.h>
#include <string.h>
#include <linux/of.h>
#include <linux/of_fdt.h>
#include <linux/platform_device.h>
#include <linux/interrupt.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <asm/io.h>
#include "mshc_env.h"
#include "capture.h"
#include "test.h"
#include "../../drivers/mmc/host/dw_mmc.h"

/* libc's, declared by hand: <stdlib.h> clashes with the kernel's uapi/time.h. */
void *calloc(size_t n, size_t size);
void free(void *p);
void abort(void) __attribute__((noreturn));

#define MAX_SLOTS	4
#define WINDOW		0x10000		/* bytes of registers per slot */
#define WAIT_ROUNDS	20000000

struct slot {
	phys_addr_t pa;
	unsigned int irq;
	struct mshc_model *m;
	u8 *window;			/* what ioremap returned: never dereferenced */
	irq_handler_t fn;
	void *data;
};
static struct slot slots[MAX_SLOTS];
static int nr_slots;

void env_attach(phys_addr_t pa, unsigned int irq, struct mshc_model *m)
{
	if (nr_slots == MAX_SLOTS)
		abort();
	slots[nr_slots++] = (struct slot){ .pa = pa, .irq = irq, .m = m };
}

void env_detach_all(void)
{
	for (int i = 0; i < nr_slots; i++)
		free(slots[i].window);
	memset(slots, 0, sizeof(slots));
	nr_slots = 0;
}

struct mshc_model *env_model(phys_addr_t pa)
{
	for (int i = 0; i < nr_slots; i++)
		if (slots[i].pa == pa)
			return slots[i].m;
	return NULL;
}

/* The driver maps a slot's registers: a fresh window standing for them. */
void *ioremap(phys_addr_t pa, unsigned long size)
{
	for (int i = 0; i < nr_slots; i++) {
		if (slots[i].pa == pa && size <= WINDOW) {
			free(slots[i].window);
			slots[i].window = calloc(1, WINDOW);
			return slots[i].window;
		}
	}
	return NULL;
}

static struct slot *slot_of(const volatile void *a, unsigned int *off)
{
	for (int i = 0; i < nr_slots; i++) {
		const u8 *w = slots[i].window;

		if (w && (const u8 *)a >= w && (const u8 *)a < w + WINDOW) {
			*off = (const u8 *)a - w;
			return &slots[i];
		}
	}
	return NULL;
}

u64 host_mmio_read(const volatile void *a, int size)
{
	unsigned int off;
	struct slot *s = slot_of(a, &off);

	if (!s) {
		CHECK(0, "MMIO read of %d bytes at %p outside every model", size, (void *)a);
		abort();
	}
	return mshc_read(s->m, off, size);
}

void host_mmio_write(u64 v, volatile void *a, int size)
{
	unsigned int off;
	struct slot *s = slot_of(a, &off);

	if (!s) {
		CHECK(0, "MMIO write of %d bytes at %p outside every model", size, (void *)a);
		abort();
	}
	mshc_write(s->m, off, v, size);
}

int request_irq(unsigned int irq, irq_handler_t fn, void *data)
{
	for (int i = 0; i < nr_slots; i++) {
		if (slots[i].irq == irq) {
			if (slots[i].fn)
				return -EBUSY;
			slots[i].fn = fn;
			slots[i].data = data;
			return 0;
		}
	}
	return -EINVAL;
}

/* ---- timers on a fake clock ------------------------------------------------- */

static LIST_HEAD(timers);

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *t), unsigned int flags)
{
	t->entry.next = NULL;
	t->function = fn;
	t->flags = flags;
}

void add_timer(struct timer_list *t)
{
	list_add_tail(&t->entry, &timers);
}

int del_timer(struct timer_list *t)
{
	if (!timer_pending(t))
		return 0;
	list_del(&t->entry);
	t->entry.next = NULL;
	return 1;
}

int mod_timer(struct timer_list *t, unsigned long expires)
{
	int was = del_timer(t);

	t->expires = expires;
	add_timer(t);
	return was;
}

unsigned int env_pending_timers(void)
{
	unsigned int n = 0;
	struct list_head *p;

	list_for_each(p, &timers)
		n++;
	return n;
}

/* Runs the first due timer: true if one ran. */
static bool run_one_timer(void)
{
	struct timer_list *t;

	list_for_each_entry(t, &timers, entry) {
		if ((long)(jiffies - t->expires) >= 0) {
			del_timer(t);
			t->function(t);
			return true;
		}
	}
	return false;
}

/* ---- the machine's other activity --------------------------------------------- */

bool env_run_once(void)
{
	int i;

	for (i = 0; i < nr_slots; i++) {
		if (slots[i].fn && mshc_irq_pending(slots[i].m)) {
			slots[i].fn(slots[i].irq, slots[i].data);
			return true;
		}
	}
	for (i = 0; i < nr_slots; i++)
		if (mshc_step(slots[i].m))
			return true;
	if (run_one_timer())
		return true;
	if (list_empty(&timers))
		return false;
	jiffies++;
	return true;
}

bool env_wait(volatile bool *flag)
{
	for (long i = 0; i < WAIT_ROUNDS && !*flag; i++)
		if (!env_run_once())
			break;
	return *flag;
}

/* ---- device trees -------------------------------------------------------------- */

/* A stand-in for arch/riscv/plic.c with its table: binds, so interrupts resolve. */
static int fake_plic_probe(struct platform_device *pdev)
{
	return 0;
}

static const struct of_device_id fake_plic_match[] = {
	{ .compatible = "sifive,plic-1.0.0" },
	{ .compatible = "riscv,plic0" },
	{ }
};
static const struct platform_driver fake_plic = {
	.probe = fake_plic_probe,
	.driver = { .name = "riscv-plic", .of_match_table = fake_plic_match },
};
module_platform_driver(fake_plic);

static char report[16384];

int env_bind(const struct blob *b)
{
	int n = unflatten_device_tree(b->data);

	if (n)
		return n;
	capture_begin();
	n = of_platform_populate(NULL);
	snprintf(report, sizeof(report), "%s", capture_end());
	return n;
}

const char *env_report(void)
{
	return report;
}

void env_unbind(void)
{
	of_platform_depopulate();
	of_free_device_tree();
}

struct dw_mci *env_dw_host(const char *path)
{
	struct platform_device *pdev = of_find_device_by_node(of_find_node_by_path(path));

	if (!pdev || !device_is_bound(&pdev->dev))
		return NULL;
	return platform_get_drvdata(pdev);
}
