/*
 * Host tests for driver binding: drivers/of (tree, properties, reg and
 * interrupt decoding) and drivers/base/platform.c (matching, probing,
 * deferral, failure reports) on the real DTBs (QEMU virt, VisionFive 2 and
 * 1) and on synthetic trees, plus the real 16550 driver, compiled in here
 * against fake MMIO. The PLIC driver is arch code, so a stand-in with its
 * table does what its probe does (riscv_of_hart_contexts); virtio-mmio and
 * SD-host stand-ins show those nodes bind once their drivers exist.
 * Usage: test_platform [DTB_DIR]  (or RIVET_DTB_DIR; default .cache/dtbs).
 */

/* The driver itself, so the test can reset its ports between trees. */
#include "../../drivers/tty/serial8250.c"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fdt.h>
#include <linux/of.h>
#include <linux/of_fdt.h>
#include <linux/of_irq.h>
#include <linux/of_address.h>
#include <linux/of_machine.h>
#include <linux/platform_device.h>
#include "test.h"
#include "capture.h"
#include "dtb_util.h"

/* ---- what the kernel would provide -------------------------------------- */

struct machine_desc machine;

static int kzalloc_calls, kzalloc_fail_at = -1;	/* fail that call (0-based) */

void *kzalloc(size_t size, gfp_t flags)
{
	if (kzalloc_calls++ == kzalloc_fail_at)
		return NULL;
	return calloc(1, size);
}

void kfree(const void *p)
{
	free((void *)p);
}

#define MAX_MAPS	64
#define MAP_BYTES	8192	/* a page offset, then 8 registers << 3 at most */

struct fake_map {
	phys_addr_t pa;
	unsigned long size;
	u8 *mem;			/* the allocation */
	u8 *regs;			/* what ioremap returned */
};
static struct fake_map maps[MAX_MAPS];
static int nr_maps;

void *ioremap(phys_addr_t pa, unsigned long size)
{
	if (nr_maps == MAX_MAPS)
		return NULL;
	/* As the kernel's: the page offset of pa is kept. */
	maps[nr_maps].pa = pa;
	maps[nr_maps].size = size;
	maps[nr_maps].mem = calloc(1, MAP_BYTES);
	maps[nr_maps].regs = maps[nr_maps].mem + (pa & 4095);
	return maps[nr_maps++].regs;
}

static struct fake_map *map_of(phys_addr_t pa)
{
	int i;

	for (i = 0; i < nr_maps; i++)
		if (maps[i].pa == pa)
			return &maps[i];
	return NULL;
}

static int seq;			/* orders probes and request_irq calls */

struct irq_rec {
	unsigned int irq;
	void *data;
	int seq;
};
static struct irq_rec irqs[64];
static int nr_irqs, request_irq_err;

int request_irq(unsigned int irq, irq_handler_t fn, void *data)
{
	if (request_irq_err)
		return request_irq_err;
	if (nr_irqs < (int)ARRAY_SIZE(irqs))
		irqs[nr_irqs++] = (struct irq_rec){ irq, data, ++seq };
	return 0;
}

static struct console *registered_console;

void register_console(struct console *con)
{
	registered_console = con;
}

void console_write_crlf(void (*putc)(int c), const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			putc('\r');
		putc(s[i]);
	}
}

/* The tty layer each line is registered with (drivers/tty, tested in test_tty.c). */
void tty_init(struct tty_struct *tty, const struct tty_operations *ops, const char *name)
{
	tty->ops = ops;
	tty->name = name;
}

int tty_register(struct tty_struct *tty, dev_t dev, bool console)
{
	tty->dev = dev;
	return 0;
}

void n_tty_receive_buf(struct tty_struct *tty, const unsigned char *buf, size_t n) { }
size_t n_tty_take_input(struct tty_struct *tty, unsigned char *buf, size_t max) { return 0; }
void tty_signal_pgrp(struct tty_struct *tty, int sig) { }
bool tty_signal_pending_current(struct tty_struct *tty) { return false; }
int tty_job_control(struct tty_struct *tty, bool is_write) { return 0; }

/* ---- stand-in drivers and what they saw --------------------------------- */

struct probe_rec {
	const char *drv;
	char node[96];
	char name[DEVICE_NAME_LEN];
	struct resource mem;		/* first MEM resource, if any */
	int irq;			/* platform_get_irq(0) */
	int seq;
};
static struct probe_rec probes[256];
static int nr_probes;

static void record(struct platform_device *pdev, int irq)
{
	struct resource *mem = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	struct probe_rec *r;

	if (nr_probes == (int)ARRAY_SIZE(probes))
		return;
	r = &probes[nr_probes++];
	r->drv = pdev->dev.driver->name;
	snprintf(r->node, sizeof(r->node), "%s", pdev->dev.of_node->full_name);
	snprintf(r->name, sizeof(r->name), "%s", dev_name(&pdev->dev));
	r->mem = mem ? *mem : (struct resource){ 0, 0, 0 };
	r->irq = irq;
	r->seq = ++seq;
}

/* The record of the bound probe of node path, or NULL. */
static struct probe_rec *probe_of(const char *path)
{
	int i;

	for (i = 0; i < nr_probes; i++)
		if (!strcmp(probes[i].node, path))
			return &probes[i];
	return NULL;
}

static int count_probes(const char *drv)
{
	int i, n = 0;

	for (i = 0; i < nr_probes; i++)
		n += !strcmp(probes[i].drv, drv);
	return n;
}

/* A driver that wants its interrupt, as virtio-mmio or dw-mshc will. */
static int probe_with_irq(struct platform_device *pdev)
{
	int irq = platform_get_irq(pdev, 0);

	if (irq == -EPROBE_DEFER || (irq < 0 && irq != -ENXIO))
		return irq;
	record(pdev, irq);
	return 0;
}

/* arch/riscv/plic.c's probe, minus the registers. */
static int plic_ctx[MACHINE_MAX_CPUS], plic_nr;
static u32 plic_ndev;

static int fake_plic_probe(struct platform_device *pdev)
{
	struct device_node *np = pdev->dev.of_node;
	int err = of_property_read_u32(np, "riscv,ndev", &plic_ndev);

	if (err)
		return err;
	plic_nr = riscv_of_hart_contexts(np, &machine, 9, plic_ctx, ARRAY_SIZE(plic_ctx));
	if (plic_nr < 0)
		return plic_nr;
	record(pdev, 0);
	return 0;
}

/* The table of arch/riscv/plic.c. */
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

static const struct of_device_id fake_virtio_match[] = {
	{ .compatible = "virtio,mmio" },
	{ }
};
static const struct platform_driver fake_virtio = {
	.probe = probe_with_irq,
	.driver = { .name = "virtio-mmio", .of_match_table = fake_virtio_match },
};
module_platform_driver(fake_virtio);

static const struct of_device_id fake_mmc_match[] = {
	{ .compatible = "snps,dw-mshc" },
	{ .compatible = "starfive,jh7110-mmc" },
	{ }
};
static const struct platform_driver fake_mmc = {
	.probe = probe_with_irq,
	.driver = { .name = "dw_mmc", .of_match_table = fake_mmc_match },
};
module_platform_driver(fake_mmc);

/* ---- drivers for the synthetic trees ------------------------------------- */

static int probe_ok(struct platform_device *pdev)
{
	record(pdev, 0);
	return 0;
}

static int probe_fails(struct platform_device *pdev)
{
	return -EIO;
}

/* Waits for the device of /soc/ok@6100 to bind. */
static int probe_waits(struct platform_device *pdev)
{
	struct platform_device *dep =
		of_find_device_by_node(of_find_node_by_path("/soc/ok@6100"));

	if (!dep || !device_is_bound(&dep->dev))
		return -EPROBE_DEFER;
	record(pdev, 0);
	return 0;
}

static int probe_never(struct platform_device *pdev)
{
	return -EPROBE_DEFER;
}

/* Needs its interrupt: binds only with one. */
static int probe_irq_user(struct platform_device *pdev)
{
	int irq = platform_get_irq(pdev, 0);

	if (irq < 0)
		return irq;
	record(pdev, irq);
	return 0;
}

static const int data_a = 1, data_b = 2;
static const void *seen_match_data;

static int probe_data(struct platform_device *pdev)
{
	seen_match_data = of_device_get_match_data(&pdev->dev);
	record(pdev, 0);
	return 0;
}

#define TEST_DRIVER(var, dname, fn, ...)				\
	static const struct of_device_id var##_match[] = { __VA_ARGS__, { } }; \
	static const struct platform_driver var = {			\
		.probe = fn,						\
		.driver = { .name = dname, .of_match_table = var##_match }, \
	};								\
	module_platform_driver(var)

TEST_DRIVER(t_probe, "test-probe", probe_ok, { .compatible = "test,probe" });
TEST_DRIVER(t_intc, "test-intc", probe_ok, { .compatible = "test,intc" });
TEST_DRIVER(t_fails, "test-fails", probe_fails, { .compatible = "test,fails" });
TEST_DRIVER(t_waits, "test-waits", probe_waits, { .compatible = "test,waits" });
TEST_DRIVER(t_never, "test-never", probe_never, { .compatible = "test,never" });
TEST_DRIVER(t_irq, "test-irq-user", probe_irq_user, { .compatible = "test,irq-user" });
TEST_DRIVER(t_generic, "test-generic", probe_ok, { .compatible = "test,generic" });
TEST_DRIVER(t_specific, "test-specific", probe_ok, { .compatible = "test,specific" });
TEST_DRIVER(t_data, "test-data", probe_data,
	    { .compatible = "test,data-a", .data = &data_a },
	    { .compatible = "test,data-b", .data = &data_b });

/* ---- running a tree ------------------------------------------------------ */

/* Forgets every device, the tree, the 16550 ports and the fakes' records. */
static void reset_all(void)
{
	int i;

	of_platform_depopulate();
	of_free_device_tree();
	for (i = 0; i < SERIAL8250_NR; i++) {
		kfree(serial8250_ports[i]);
		serial8250_ports[i] = NULL;
	}
	console_port = NULL;
	registered_console = NULL;
	for (i = 0; i < nr_maps; i++)
		free(maps[i].mem);
	nr_maps = nr_probes = nr_irqs = seq = 0;
	kzalloc_calls = 0;
	kzalloc_fail_at = -1;
	request_irq_err = 0;
	plic_nr = 0;
	seen_match_data = NULL;
}

static char report[16384];	/* what the last populate printed */

/* Scans b as setup_arch does, builds the tree and binds; returns populate's
 * result (or a negative errno from the steps before). */
static int bind_blob(const struct blob *b)
{
	int n;

	reset_all();
	quiet(true);
	n = fdt_scan_machine(b->data, b->size, &machine);
	quiet(false);
	if (n)
		return n;
	n = unflatten_device_tree(b->data);
	if (n)
		return n;
	capture_begin();
	n = of_platform_populate(NULL);
	snprintf(report, sizeof(report), "%s", capture_end());
	return n;
}

static bool reported(const char *line)
{
	return strstr(report, line) != NULL;
}

static bool bound(const char *path)
{
	struct platform_device *pdev = of_find_device_by_node(of_find_node_by_path(path));

	return pdev && device_is_bound(&pdev->dev);
}

/* The 16550 at pa: its port, or NULL if the driver did not bind one. */
static struct uart_8250_port *port_at(phys_addr_t pa)
{
	int i;

	for (i = 0; i < SERIAL8250_NR; i++)
		if (serial8250_ports[i] && serial8250_ports[i]->mapbase == pa)
			return serial8250_ports[i];
	return NULL;
}

static u32 reg32(const struct fake_map *m, int off)
{
	return m ? *(const u32 *)(m->regs + off) : 0xdeadbeef;
}

/* ---- real DTBs ----------------------------------------------------------- */

static void test_qemu(const struct blob *b)
{
	struct uart_8250_port *up;
	struct fake_map *map;
	struct probe_rec *r;
	char path[64];
	int n = bind_blob(b), i, ok = 1;

	CHECK(n == 10, "qemu: 10 devices bound (PLIC, UART, 8 virtio-mmio): %d", n);
	CHECK(reported("serial8250 10000000.serial: ttyS0 at MMIO 0x10000000 irq 10 "
		       "(reg-shift 0, io-width 1), console\n"),
	      "qemu: the UART's bound line");
	CHECK(!strstr(report, "failed"), "qemu: no probe failed");
	up = port_at(0x10000000);
	CHECK(up && console_port == up && registered_console == &serial_console &&
	      !strcmp(serial_console.name, "ttyS0") &&
	      of_find_node_by_offset(machine.stdout_node) == of_stdout &&
	      bound(of_stdout->full_name),
	      "qemu: the stdout-path node is the console ttyS0");
	map = map_of(0x10000000);
	CHECK(map && map->size == 0x100 && map->regs[UART_FCR] == UART_FCR_ENABLE &&
	      map->regs[UART_IER] == UART_IER_RDI &&
	      map->regs[UART_MCR] == (UART_MCR_DTR_RTS | UART_MCR_OUT2),
	      "qemu: byte registers at stride 1 (FCR, IER, MCR written)");
	r = probe_of("/soc/plic@c000000");
	CHECK(r && !strcmp(r->drv, "riscv-plic") && !strcmp(r->name, "c000000.plic") &&
	      r->mem.start == 0xc000000 && resource_size(&r->mem) == 0x600000 &&
	      plic_ndev == 96, "qemu: PLIC c000000.plic, 6 MiB, ndev 96");
	CHECK(plic_nr == 2 && plic_ctx[0] == 1 && plic_ctx[1] == -1,
	      "qemu: hart 0's S-mode context is 1 of 2");
	CHECK(nr_irqs == 1 && irqs[0].irq == 10 && irqs[0].data == up && r &&
	      irqs[0].seq > r->seq &&
	      fdt_path_offset(b->data, "/soc/serial@10000000") <
	      fdt_path_offset(b->data, "/soc/plic@c000000"),
	      "qemu: the UART comes first in the tree, deferred, took irq 10 after the PLIC bound");
	for (i = 1; i <= 8; i++) {
		snprintf(path, sizeof(path), "/soc/virtio_mmio@1000%d000", i);
		r = probe_of(path);
		ok &= r && !strcmp(r->drv, "virtio-mmio") && r->irq == i &&
		      r->mem.start == 0x10000000 + 0x1000 * (u64)i &&
		      resource_size(&r->mem) == 0x1000;
	}
	CHECK(ok && count_probes("virtio-mmio") == 8 &&
	      !strcmp(probe_of("/soc/virtio_mmio@10001000")->name, "10001000.virtio_mmio"),
	      "qemu: virtio_mmio@10001000..10008000 bind with irqs 1..8");
	CHECK(count_probes("dw_mmc") == 0, "qemu: no SD host");
	CHECK(!of_find_device_by_node(of_find_node_by_path("/soc/rtc@101000")) &&
	      !of_find_device_by_node(of_find_node_by_path("/soc/clint@2000000")),
	      "qemu: no device for nodes no driver matches");
}

static void test_qemu_smp2(const struct blob *b)
{
	int n = bind_blob(b);

	CHECK(n == 10, "qemu smp2: 10 devices bound: %d", n);
	CHECK(plic_nr == 4 && plic_ctx[0] == 1 && plic_ctx[1] == 3,
	      "qemu smp2: S-mode contexts hart 0 -> 1, hart 1 -> 3");
}

static void test_vf2(const struct blob *b)
{
	struct fake_map *map;
	struct probe_rec *r, *r2;
	int n = bind_blob(b);

	CHECK(n == 4, "vf2: 4 devices bound (PLIC, UART, 2 SD hosts): %d", n);
	CHECK(reported("serial8250 10000000.serial: ttyS0 at MMIO 0x10000000 irq 32 "
		       "(reg-shift 2, io-width 4), console\n"),
	      "vf2: the UART's bound line (interrupt parent from /soc)");
	CHECK(port_at(0x10000000) == console_port && console_port && !port_at(0x10010000) &&
	      !port_at(0x10020000) && !map_of(0x10010000) &&
	      !of_find_device_by_node(of_find_node_by_path("/soc/serial@10010000")),
	      "vf2: disabled UARTs 10010000, 10020000 are not touched");
	map = map_of(0x10000000);
	CHECK(map && map->size == 0x10000 && reg32(map, UART_FCR << 2) == UART_FCR_ENABLE &&
	      reg32(map, UART_IER << 2) == UART_IER_RDI && map->regs[UART_FCR] == 0,
	      "vf2: 32-bit registers at stride 4");
	r = probe_of("/soc/interrupt-controller@c000000");
	CHECK(r && !strcmp(r->name, "c000000.interrupt-controller") && plic_ndev == 136 &&
	      resource_size(&r->mem) == 0x4000000, "vf2: PLIC ndev 136, 64 MiB");
	CHECK(plic_nr == 9 && plic_ctx[0] == -1 && plic_ctx[1] == 2 && plic_ctx[2] == 4 &&
	      plic_ctx[3] == 6 && plic_ctx[4] == 8,
	      "vf2: hart h has S-mode context 2h, hart 0 (S7, M-mode only) none");
	r = probe_of("/soc/mmc@16010000");
	r2 = probe_of("/soc/mmc@16020000");
	CHECK(r && r2 && !strcmp(r->drv, "dw_mmc") && r->irq == 74 && r2->irq == 75 &&
	      r->mem.start == 0x16010000 && resource_size(&r2->mem) == 0x10000,
	      "vf2: starfive,jh7110-mmc hosts 16010000 (irq 74) and 16020000 (irq 75)");
	CHECK(count_probes("virtio-mmio") == 0, "vf2: no virtio");
}

static void test_vf1(const struct blob *b)
{
	struct probe_rec *r, *r2;
	int n = bind_blob(b);

	CHECK(n == 4, "vf1: 4 devices bound (PLIC, UART, 2 SD hosts): %d", n);
	CHECK(reported("serial8250 12440000.serial: ttyS0 at MMIO 0x12440000 irq 73 "
		       "(reg-shift 2, io-width 4), console\n"), "vf1: the UART's bound line");
	CHECK(!port_at(0x12430000), "vf1: disabled serial@12430000 not bound");
	CHECK(plic_ndev == 133 && plic_nr == 4 && plic_ctx[0] == 1 && plic_ctx[1] == 3,
	      "vf1: PLIC ndev 133, S-mode contexts 1 and 3");
	r = probe_of("/soc/mmc@10000000");
	r2 = probe_of("/soc/mmc@10010000");
	CHECK(r && r2 && r->irq == 4 && r2->irq == 5 && count_probes("dw_mmc") == 2,
	      "vf1: snps,dw-mshc hosts, irqs 4 and 5 (their children not devices)");
}

/* ---- the OF accessors on a real tree -------------------------------------- */

static void test_of_api(const struct blob *b)
{
	struct device_node *uart, *plic, *mmc, *np;
	struct of_phandle_args args;
	const char *s;
	u32 v = 77;
	u64 v64;

	bind_blob(b);
	uart = of_find_node_by_path("serial0");
	plic = of_find_node_by_phandle(0x0c);
	mmc = of_find_node_by_path("/soc/mmc@16020000");
	CHECK(uart && !strcmp(uart->full_name, "/soc/serial@10000000") &&
	      !strcmp(uart->name, "serial@10000000") && uart == of_stdout &&
	      uart->parent == of_find_node_by_path("/soc") && of_root->parent == NULL &&
	      !strcmp(of_root->full_name, "/") && !strcmp(of_chosen->full_name, "/chosen"),
	      "of: paths, names, parents; alias serial0 is the stdout node");
	CHECK(plic && !strcmp(plic->full_name, "/soc/interrupt-controller@c000000") &&
	      !of_find_node_by_phandle(0) && !of_find_node_by_phandle(0xffffffff) &&
	      !of_find_node_by_phandle(0x7777), "of: of_find_node_by_phandle");
	CHECK(of_property_read_u32(uart, "reg-shift", &v) == 0 && v == 2, "of: read_u32");
	CHECK(of_property_read_u32(uart, "no-such", &v) == -EINVAL && v == 2,
	      "of: absent -> -EINVAL, value untouched");
	CHECK(of_property_read_u32(mmc, "disable-wp", &v) == -ENODATA, "of: empty -> -ENODATA");
	CHECK(of_property_read_u64(uart, "reg-shift", &v64) == -EOVERFLOW &&
	      of_property_read_u32_index(plic, "interrupts-extended", 5, &v) == 0 && v == 9 &&
	      of_property_read_u32_index(plic, "interrupts-extended", 18, &v) == -EOVERFLOW,
	      "of: short -> -EOVERFLOW, read_u32_index");
	CHECK(of_property_read_string(uart, "compatible", &s) == 0 &&
	      !strcmp(s, "starfive,jh7110-uart") && of_property_read_bool(mmc, "no-sdio") &&
	      !of_property_read_bool(mmc, "no-such"), "of: read_string, read_bool");
	CHECK(of_device_is_compatible(uart, "starfive,jh7110-uart") == 2 &&
	      of_device_is_compatible(uart, "snps,dw-apb-uart") == 1 &&
	      of_device_is_compatible(uart, "ns16550a") == 0 &&
	      of_match_node(serial8250_of_match, uart) == &serial8250_of_match[2],
	      "of: compatible scores, of_match_node");
	CHECK(of_alias_get_id(uart, "serial") == 0 && of_alias_get_id(mmc, "mmc") == 1 &&
	      of_alias_get_id(uart, "seria") == -ENODEV && of_alias_get_id(mmc, "serial") == -ENODEV &&
	      of_alias_get_highest_id("i2c") == 6 && of_alias_get_highest_id("spi") == -ENODEV,
	      "of: aliases");
	CHECK(of_irq_find_parent(uart) == plic && of_irq_parse_one(uart, 0, &args) == 0 &&
	      args.np == plic && args.args_count == 1 && args.args[0] == 32 &&
	      of_irq_parse_one(uart, 1, &args) == -ENOENT && of_irq_count(uart) == 1,
	      "of: the UART's interrupt 32 goes to the PLIC (inherited interrupt-parent)");
	np = of_find_node_by_path("/cpus/cpu@0/interrupt-controller");
	CHECK(of_irq_count(plic) == 9 && of_irq_parse_one(plic, 0, &args) == 0 &&
	      args.np == np && args.args[0] == 11, "of: PLIC interrupts-extended, 9 entries");
	CHECK(!of_device_is_available(of_find_node_by_path("/soc/serial@10010000")) &&
	      of_device_is_available(uart), "of: status");
	reset_all();
	CHECK(!of_root && !of_stdout && !of_find_node_by_path("/soc") &&
	      of_platform_populate(NULL) == -ENODEV, "of: no tree after of_free_device_tree");
}

/* ---- a synthetic tree ----------------------------------------------------- */

static void build_cpus(struct builder *b)
{
	b_begin(b, "cpus");
	B_CELLS(b, "#address-cells", 1);
	B_CELLS(b, "#size-cells", 0);
	B_CELLS(b, "timebase-frequency", 1000000);
	b_begin(b, "cpu@0");
	b_str(b, "device_type", "cpu");
	B_CELLS(b, "reg", 0);
	b_str(b, "mmu-type", "riscv,sv39");
	b_begin(b, "interrupt-controller");
	b_str(b, "compatible", "riscv,cpu-intc");
	B_CELLS(b, "#interrupt-cells", 1);
	b_prop(b, "interrupt-controller", NULL, 0);
	B_CELLS(b, "phandle", 1);
	b_end(b);
	b_end(b);
	b_begin(b, "cpu@3");
	b_str(b, "device_type", "cpu");
	B_CELLS(b, "reg", 3);
	b_str(b, "mmu-type", "riscv,sv39");
	b_begin(b, "interrupt-controller");
	b_str(b, "compatible", "riscv,cpu-intc");
	B_CELLS(b, "#interrupt-cells", 1);
	b_prop(b, "interrupt-controller", NULL, 0);
	B_CELLS(b, "phandle", 2);
	b_end(b);
	b_end(b);
	b_end(b);
}

/* A node with compatible, and reg if size is not 0. */
static void b_dev(struct builder *b, const char *name, const char *compat,
		  u32 addr, u32 size)
{
	b_begin(b, name);
	b_str(b, "compatible", compat);
	if (size)
		b_cells(b, "reg", 2, (u32[]){ addr, size });
}

static void build_controllers(struct builder *b)
{
	b_dev(b, "plic@c000000", "riscv,plic0", 0xc000000, 0x4000000);
	B_CELLS(b, "riscv,ndev", 31);
	b_prop(b, "interrupt-controller", NULL, 0);
	B_CELLS(b, "#interrupt-cells", 1);
	/* FU540 style: hart 3's M-mode context has cause ~0 (unused). */
	B_CELLS(b, "interrupts-extended", 1, 11, 1, 9, 2, 0xffffffff, 2, 9);
	B_CELLS(b, "phandle", 5);
	b_end(b);
	b_dev(b, "intc@4000", "test,intc", 0x4000, 0x100);
	b_prop(b, "interrupt-controller", NULL, 0);
	B_CELLS(b, "#interrupt-cells", 1);
	B_CELLS(b, "phandle", 6);
	b_end(b);
	b_dev(b, "nodrv-intc@7300", "test,nodriver", 0x7300, 0x10);
	b_prop(b, "interrupt-controller", NULL, 0);
	B_CELLS(b, "#interrupt-cells", 1);
	B_CELLS(b, "phandle", 7);
	b_end(b);
	b_dev(b, "pci@7400", "test,nodriver", 0x7400, 0x10);	/* a nexus */
	B_CELLS(b, "#interrupt-cells", 1);
	B_CELLS(b, "interrupt-map", 0, 5, 1);
	B_CELLS(b, "phandle", 8);
	b_end(b);
}

/* Nodes that bind: UARTs, a device waiting for its controller, and more. */
static void build_good(struct builder *b)
{
	b_dev(b, "waiter@f00", "test,waits", 0xf00, 0x10);
	b_end(b);
	b_begin(b, "uart@1000");
	b_prop(b, "compatible", "vendor,uart\0ns16550", 20);
	B_CELLS(b, "reg", 0x1000, 0x100);
	B_CELLS(b, "reg-shift", 2);
	B_CELLS(b, "reg-io-width", 4);
	b_end(b);
	b_dev(b, "uart@2000", "ns16550a", 0x2000, 0x100);
	B_CELLS(b, "interrupts", 7);
	b_end(b);
	b_dev(b, "user@3000", "test,irq-user", 0x3000, 0x10);
	B_CELLS(b, "interrupts", 3);
	B_CELLS(b, "interrupt-parent", 6);
	b_end(b);
	b_dev(b, "ok@6100", "test,probe", 0x6100, 0x10);
	b_str(b, "status", "ok");
	b_end(b);
	b_begin(b, "spec@8200");
	b_prop(b, "compatible", "test,specific\0test,generic", 27);
	b_end(b);
	b_begin(b, "gen@8300");
	b_prop(b, "compatible", "test,generic\0test,specific", 27);
	b_end(b);
	b_dev(b, "data@8400", "test,data-b", 0x8400, 0x10);
	b_end(b);
	b_dev(b, "multi@9000", "test,probe", 0, 0);
	B_CELLS(b, "reg", 0x9000, 0x10, 0x9100, 0x20);
	B_CELLS(b, "interrupts", 8, 9);
	b_end(b);
}

/* Nodes that must not bind, each for its own reason. */
static void build_bad(struct builder *b)
{
	b_dev(b, "fail@5000", "test,fails", 0x5000, 0x10);
	b_end(b);
	b_dev(b, "off@6000", "test,probe", 0x6000, 0x10);
	b_str(b, "status", "disabled");
	b_end(b);
	b_dev(b, "broken@6200", "test,probe", 0x6200, 0x10);
	b_str(b, "status", "fail");
	b_end(b);
	b_dev(b, "badreg@7000", "test,probe", 0, 0);
	B_CELLS(b, "reg", 0x7000, 0x10, 0x1);		/* 3 cells on a 1/1 bus */
	b_end(b);
	b_dev(b, "badirq@7100", "test,probe", 0x7100, 0x10);
	B_CELLS(b, "interrupts", 1);
	B_CELLS(b, "interrupt-parent", 0x77);		/* names no node */
	b_end(b);
	b_dev(b, "noctl@7200", "test,irq-user", 0x7200, 0x10);
	B_CELLS(b, "interrupts", 4);
	B_CELLS(b, "interrupt-parent", 7);		/* no driver for it */
	b_end(b);
	b_dev(b, "nexus@7500", "test,irq-user", 0x7500, 0x10);
	B_CELLS(b, "interrupts", 1);
	B_CELLS(b, "interrupt-parent", 8);
	b_end(b);
	b_dev(b, "never@8100", "test,never", 0x8100, 0x10);
	b_end(b);
	b_dev(b, "badlen@8500", "test,probe", 0x8500, 0x10);
	B_CELLS(b, "interrupts", 1, 2, 3);
	B_CELLS(b, "interrupt-parent", 9);		/* 2 cells per interrupt */
	b_end(b);
	b_begin(b, "ctl2");
	b_prop(b, "interrupt-controller", NULL, 0);
	B_CELLS(b, "#interrupt-cells", 2);
	B_CELLS(b, "phandle", 9);
	b_end(b);
	b_dev(b, "uart@7600", "ns16550a", 0x7600, 0x100);
	B_CELLS(b, "reg-shift", 1);			/* 32-bit registers 2 apart */
	B_CELLS(b, "reg-io-width", 4);
	b_end(b);
	b_dev(b, "uart@7700", "ns16550a", 0x7700, 0x4);	/* window too small */
	b_end(b);
	b_dev(b, "uart@7802", "ns16550a", 0x7802, 0x100);	/* base not 4-aligned */
	B_CELLS(b, "reg-shift", 2);
	B_CELLS(b, "reg-io-width", 4);
	b_end(b);
	b_dev(b, "uart@7900", "ns16550a", 0x7900, 0x100);
	b_prop(b, "reg-shift", "\0\2", 2);		/* not a u32 */
	b_end(b);
	b_begin(b, "i2c@60000000");			/* not a bus we walk into */
	b_str(b, "compatible", "vendor,i2c");
	B_CELLS(b, "#address-cells", 1);
	B_CELLS(b, "#size-cells", 0);
	b_dev(b, "sensor@50", "test,probe", 0, 0);
	B_CELLS(b, "reg", 0x50);
	b_end(b);
	b_end(b);
}

/* simple-bus children: one translated through ranges, one outside them;
 * and a disabled bus whose children are never looked at. */
static void build_buses(struct builder *b)
{
	b_begin(b, "bus@40000000");
	b_str(b, "compatible", "simple-bus");
	B_CELLS(b, "#address-cells", 1);
	B_CELLS(b, "#size-cells", 1);
	B_CELLS(b, "ranges", 0, 0x40000000, 0x10000);
	b_dev(b, "dev@100", "test,probe", 0x100, 0x10);
	b_end(b);
	b_dev(b, "out@20000", "test,probe", 0x20000, 0x10);
	b_end(b);
	b_end(b);
	b_begin(b, "offbus@50000000");
	b_str(b, "compatible", "simple-bus");
	b_str(b, "status", "disabled");
	B_CELLS(b, "#address-cells", 1);
	B_CELLS(b, "#size-cells", 1);
	b_prop(b, "ranges", NULL, 0);
	b_dev(b, "kid@0", "test,probe", 0, 4);
	b_end(b);
	b_end(b);
}

static struct blob build_bind_tree(void)
{
	static struct builder b;

	b_reset(&b);
	b_begin(&b, "");
	B_CELLS(&b, "#address-cells", 2);
	B_CELLS(&b, "#size-cells", 2);
	b_begin(&b, "aliases");
	b_str(&b, "serial0", "/soc/uart@1000");
	b_end(&b);
	b_begin(&b, "chosen");
	b_str(&b, "stdout-path", "serial0:9600");
	b_end(&b);
	b_begin(&b, "memory@80000000");
	b_str(&b, "device_type", "memory");
	B_CELLS(&b, "reg", 0, 0x80000000, 0, 0x10000000);
	b_end(&b);
	build_cpus(&b);
	b_begin(&b, "orphan@9000");		/* interrupts, but no parent anywhere */
	b_str(&b, "compatible", "test,probe");
	B_CELLS(&b, "reg", 0, 0x9000, 0, 0x10);
	B_CELLS(&b, "interrupts", 5);
	b_end(&b);
	b_begin(&b, "soc");
	b_str(&b, "compatible", "simple-bus");
	B_CELLS(&b, "#address-cells", 1);
	B_CELLS(&b, "#size-cells", 1);
	b_prop(&b, "ranges", NULL, 0);
	B_CELLS(&b, "interrupt-parent", 5);
	build_good(&b);
	build_controllers(&b);
	build_bad(&b);
	build_buses(&b);
	b_end(&b);
	b_end(&b);
	return b_finish(&b);
}

static void test_synthetic_binding(void)
{
	struct blob b = build_bind_tree();
	struct platform_device *pdev;
	struct uart_8250_port *con, *other;
	struct probe_rec *r;
	struct fake_map *map;
	int n = bind_blob(&b);

	CHECK(n == 12, "synthetic: 12 devices bound: %d", n);
	CHECK(plic_nr == 4 && plic_ctx[0] == 1 && plic_ctx[3] == 3 && plic_ctx[1] == -1 &&
	      plic_ndev == 31, "synthetic: PLIC contexts, cause ~0 entry skipped");
	con = port_at(0x1000);
	other = port_at(0x2000);
	CHECK(con && con == console_port && of_stdout == of_find_node_by_path("/soc/uart@1000") &&
	      !strcmp(serial_console.name, "ttyS0") && !con->irq &&
	      reported("serial8250 1000.uart: ttyS0 at MMIO 0x1000 polled (reg-shift 2, io-width 4), console\n"),
	      "synthetic: stdout-path alias with options -> console ttyS0, polled");
	CHECK(other && other->irq == 7 && nr_irqs == 1 && irqs[0].irq == 7 &&
	      reported("serial8250 2000.uart: ttyS1 at MMIO 0x2000 irq 7 (reg-shift 0, io-width 1)\n"),
	      "synthetic: second UART ttyS1 (line 0 kept for its alias), irq 7 after the PLIC");
	map = map_of(0x1000);
	map->regs[UART_LSR << 2] = UART_LSR_DR | UART_LSR_THRE;
	map->regs[UART_RX] = 'x';
	CHECK(serial_getc() == 'x', "synthetic: polled console input");
	map->regs[UART_LSR << 2] = UART_LSR_THRE;
	CHECK(serial_getc() == -EAGAIN, "synthetic: no input -> -EAGAIN");
	serial_console.write(&serial_console, "hi\n", 3);
	CHECK(map->regs[UART_TX] == '\n' && !map_of(0x2000)->regs[UART_TX],
	      "synthetic: console output goes to the stdout UART");
	r = probe_of("/soc/user@3000");
	CHECK(r && r->irq == 3 && r->seq > probe_of("/soc/intc@4000")->seq,
	      "synthetic: a device before its controller defers, then gets irq 3");
	r = probe_of("/soc/waiter@f00");
	CHECK(r && r->seq > probe_of("/soc/ok@6100")->seq,
	      "synthetic: a deferred probe is retried once another device bound");
	CHECK(probe_of("/soc/ok@6100") && !probe_of("/soc/off@6000") &&
	      !probe_of("/soc/broken@6200") &&
	      !of_find_device_by_node(of_find_node_by_path("/soc/off@6000")),
	      "synthetic: status ok binds; disabled and fail are skipped");
	CHECK(!strcmp(probe_of("/soc/spec@8200")->drv, "test-specific") &&
	      !strcmp(probe_of("/soc/gen@8300")->drv, "test-generic"),
	      "synthetic: the driver of the most specific compatible wins");
	CHECK(seen_match_data == &data_b, "synthetic: of_device_get_match_data");
	pdev = of_find_device_by_node(of_find_node_by_path("/soc/multi@9000"));
	CHECK(pdev && pdev->num_resources == 4 &&
	      platform_get_resource(pdev, IORESOURCE_MEM, 1)->start == 0x9100 &&
	      resource_size(platform_get_resource(pdev, IORESOURCE_MEM, 1)) == 0x20 &&
	      platform_get_resource(pdev, IORESOURCE_IRQ, 1)->start == 9 &&
	      !platform_get_resource(pdev, IORESOURCE_MEM, 2) &&
	      platform_get_irq(pdev, 1) == 9 && platform_get_irq(pdev, 2) == -ENXIO,
	      "synthetic: two reg windows and two interrupts");
	r = probe_of("/soc/bus@40000000/dev@100");
	CHECK(r && r->mem.start == 0x40000100 && r->mem.end == 0x4000010f &&
	      !strcmp(r->name, "40000100.dev"), "synthetic: reg translated through ranges");
	CHECK(!probe_of("/soc/offbus@50000000/kid@0") &&
	      !probe_of("/soc/i2c@60000000/sensor@50"),
	      "synthetic: children of a disabled bus and of a non-bus are not devices");
	CHECK(reported("driver test-fails: probe of node /soc/fail@5000 failed: -EIO\n"),
	      "synthetic: a failing probe is reported");
	CHECK(reported("driver test-never: probe of node /soc/never@8100 failed: -EPROBE_DEFER\n"),
	      "synthetic: a probe that defers for good is reported at the end");
	CHECK(reported("driver test-probe: probe of node /soc/badreg@7000 failed: -EINVAL\n") &&
	      !probe_of("/soc/badreg@7000"), "synthetic: bad reg length -> -EINVAL, no probe");
	CHECK(reported("driver test-probe: probe of node /orphan@9000 failed: -EINVAL\n") &&
	      reported("driver test-probe: probe of node /soc/badirq@7100 failed: -EINVAL\n") &&
	      reported("driver test-probe: probe of node /soc/badlen@8500 failed: -EINVAL\n"),
	      "synthetic: no interrupt parent, an unknown one, a bad interrupts length -> -EINVAL");
	CHECK(reported("driver test-irq-user: probe of node /soc/noctl@7200 failed: -ENODEV\n"),
	      "synthetic: an interrupt controller no driver binds -> -ENODEV");
	CHECK(reported("driver test-irq-user: probe of node /soc/nexus@7500 failed: -EOPNOTSUPP\n"),
	      "synthetic: interrupts through an interrupt-map -> -EOPNOTSUPP");
	CHECK(reported("driver test-probe: probe of node /soc/bus@40000000/out@20000 failed: -EINVAL\n"),
	      "synthetic: reg outside the bus's ranges -> -EINVAL");
	CHECK(reported("driver serial8250: probe of node /soc/uart@7600 failed: -EINVAL\n") &&
	      reported("driver serial8250: probe of node /soc/uart@7700 failed: -EINVAL\n") &&
	      reported("driver serial8250: probe of node /soc/uart@7802 failed: -EINVAL\n") &&
	      !map_of(0x7600) && !map_of(0x7700) && !map_of(0x7802),
	      "synthetic: 16550 windows misaligned or too small for their stride -> -EINVAL");
	CHECK(reported("driver serial8250: probe of node /soc/uart@7900 failed: -EOVERFLOW\n"),
	      "synthetic: a reg-shift shorter than a u32 -> -EOVERFLOW");
	CHECK(!of_find_device_by_node(of_find_node_by_path("/soc/fail@5000")) &&
	      !of_find_device_by_node(of_find_node_by_path("/soc/never@8100")),
	      "synthetic: failed devices are dropped");
	CHECK(of_platform_populate(NULL) == -EBUSY && unflatten_device_tree(b.data) == -EBUSY,
	      "synthetic: populate and unflatten only once");
	reset_all();
	free(b.data);
}

/* Out of memory at each allocation in turn: reported, never a crash. */
static void test_out_of_memory(const struct blob *qemu)
{
	int i, calls, n, bad = 0, unflatten_enomem = 0, enomem_reports = 0;

	bind_blob(qemu);
	calls = kzalloc_calls;
	for (i = 0; i < calls; i++) {
		reset_all();
		kzalloc_fail_at = i;
		quiet(true);
		fdt_scan_machine(qemu->data, qemu->size, &machine);
		n = unflatten_device_tree(qemu->data);
		quiet(false);
		if (n) {
			unflatten_enomem += n == -ENOMEM && !of_root;
			continue;
		}
		capture_begin();
		n = of_platform_populate(NULL);
		snprintf(report, sizeof(report), "%s", capture_end());
		enomem_reports += reported("failed: -ENOMEM\n");
		/* Without the PLIC the UART still binds, polled; virtio cannot. */
		bad += n != 9 && !(n == 1 && reported("polled") &&
			reported("driver riscv-plic: probe of node /soc/plic@c000000 failed: -ENOMEM\n"));
	}
	CHECK(bad == 0 && unflatten_enomem > 0 && enomem_reports == calls - unflatten_enomem,
	      "qemu: each of %d allocations failing: -ENOMEM from unflatten (%d) or one "
	      "device reported, the rest bound", calls, unflatten_enomem);
	reset_all();
}

/* ---- malformed trees ------------------------------------------------------ */

static unsigned long rng_state = 0x9e3779b97f4a7c15UL;

static u32 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state >> 16;
}

/* Where property values lie in b: offsets and lengths, at most max. */
static int find_values(const struct blob *b, size_t *off, int *len, int max)
{
	const void *fdt = b->data;
	int node, prop, n = 0, l;
	const u8 *v;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0 && n < max;
	     node = fdt_next_node(fdt, node, NULL))
		for (prop = fdt_first_property_offset(fdt, node); prop >= 0 && n < max;
		     prop = fdt_next_property_offset(fdt, prop)) {
			v = fdt_getprop_by_offset(fdt, prop, NULL, &l);
			if (v && l > 0) {
				off[n] = v - b->data;
				len[n++] = l;
			}
		}
	return n;
}

/* One mutation inside a property value (so the blob stays well formed):
 * a bit flipped, or an odd word stored at a cell boundary. */
static void mutate_value(u8 *p, int len)
{
	static const u32 magic[] = { 0, 1, 2, 3, 4, 8, 0xffffffff, 0x7fffffff, 0x80000000 };
	int at = rnd() % len;

	if (len < 4 || rnd() % 2)
		p[at] ^= 1 << (rnd() % 8);
	else
		put_be32(p + (rnd() % (len / 4)) * 4, magic[rnd() % ARRAY_SIZE(magic)]);
}

/*
 * Mutates property values of a copy of b (reg, interrupts, phandles,
 * cells, status, compatible, aliases...) and binds the result; now and
 * then a byte anywhere instead. ASan and UBSan watch; populate must only
 * ever return a count or a clean errno.
 */
static void fuzz(const struct blob *b, const char *name, int iterations)
{
	static size_t off[4096];
	static int len[4096];
	size_t total = fdt_totalsize(b->data);
	int i, k, nv = find_values(b, off, len, ARRAY_SIZE(off)), bound = 0, bad_ret = 0, n;
	struct blob m = { malloc(total), total };

	for (i = 0; i < iterations; i++) {
		memcpy(m.data, b->data, total);
		for (k = 1 + rnd() % 4; k > 0; k--) {
			if (rnd() % 8 == 0) {
				m.data[rnd() % total] ^= 1 << (rnd() % 8);
			} else {
				int v = rnd() % nv;

				mutate_value(m.data + off[v], len[v]);
			}
		}
		n = bind_blob(&m);	/* its printk goes to the capture */
		bound += n > 0;
		bad_ret += n < 0 && n != -EINVAL && n != -ENOMEM;
	}
	reset_all();
	free(m.data);
	CHECK(bad_ret == 0 && bound > iterations / 2,
	      "fuzz %s: %d blobs with mutated values, %d with devices bound, no crash",
	      name, iterations, bound);
}

int main(int argc, char **argv)
{
	struct blob b[NR_TEST_DTBS];
	int i, iterations = 200;

	dtb_dir_from_args(argc, argv);
	test_synthetic_binding();
	if (!need_test_dtbs(b))
		return test_exit();
	test_qemu(&b[DTB_QEMU]);
	test_qemu_smp2(&b[DTB_QEMU_SMP2]);
	test_vf2(&b[DTB_VF2]);
	test_vf1(&b[DTB_VF1]);
	test_of_api(&b[DTB_VF2]);
	test_out_of_memory(&b[DTB_QEMU]);
	/* PLATFORM_FUZZ=iterations[:seed] runs a longer or different search. */
	if (getenv("PLATFORM_FUZZ"))
		sscanf(getenv("PLATFORM_FUZZ"), "%d:%lu", &iterations, &rng_state);
	for (i = 0; i < NR_TEST_DTBS; i++)
		fuzz(&b[i], test_dtb_names[i], iterations);
	reset_all();
	for (i = 0; i < NR_TEST_DTBS; i++)
		free(b[i].data);
	return test_exit();
}
