/*
 * Host tests for lib/fdt.c and lib/fdt_scan.c against real DTBs (QEMU virt
 * as dumped by QEMU, VisionFive 2 and VisionFive from Debian's kernel; see
 * scripts/fetch-dtbs.sh), small trees built here, malformed blobs and a
 * seeded mutation loop that ASan watches for out-of-bounds reads. Device
 * binding on the same DTBs is test_platform.c's.
 * Usage: test_fdt [DTB_DIR]  (or RIVET_DTB_DIR; default .cache/dtbs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/fdt.h>
#include <linux/of_machine.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include "test.h"
#include "dtb_util.h"

static int scan_quiet(const void *fdt, size_t size, struct machine_desc *m)
{
	int r;

	quiet(true);
	r = fdt_scan_machine(fdt, size, m);
	quiet(false);
	return r;
}

/* ---- real DTBs: the generic API ----------------------------------------- */

static void test_api_qemu(const struct blob *b)
{
	const void *fdt = b->data;
	int soc, uart, plic, n, child, len;
	u64 addr, size;
	char path[64];

	CHECK(fdt_check_header(fdt, b->size) == 0, "qemu: header ok");
	CHECK(fdt_check_full(fdt, b->size) == 0, "qemu: structure ok");
	CHECK(fdt_totalsize(fdt) == 0x107e, "qemu: totalsize 0x%x", fdt_totalsize(fdt));
	CHECK(fdt_num_mem_rsv(fdt) == 0, "qemu: no /memreserve/ entries");
	soc = fdt_path_offset(fdt, "/soc");
	uart = fdt_path_offset(fdt, "/soc/serial@10000000");
	CHECK(soc > 0 && uart > soc, "qemu: /soc and its serial found");
	CHECK(fdt_path_offset(fdt, "/soc/serial") == uart, "qemu: unit address may be left out");
	CHECK(fdt_path_offset(fdt, "//soc//serial@10000000/") == uart, "qemu: repeated slashes");
	CHECK(fdt_path_offset(fdt, "/soc/nothing") == -ENOENT, "qemu: missing node -> -ENOENT");
	CHECK(fdt_path_offset(fdt, "serial0") == -ENOENT, "qemu: no /aliases -> -ENOENT");
	CHECK(fdt_path_offset(fdt, "/") == 0, "qemu: root at offset 0");
	CHECK(fdt_parent_offset(fdt, uart) == soc, "qemu: parent of serial is /soc");
	CHECK(fdt_parent_offset(fdt, 0) == -ENOENT, "qemu: root has no parent");
	CHECK(fdt_node_depth(fdt, uart) == 2, "qemu: serial at depth 2");
	CHECK(fdt_parent_offset(fdt, uart + 4) == -EINVAL, "qemu: non-node offset -> -EINVAL");
	CHECK(!strcmp(fdt_get_name(fdt, uart, &len), "serial@10000000") && len == 15,
	      "qemu: fdt_get_name");
	CHECK(fdt_get_path(fdt, uart, path, sizeof(path)) == 0 &&
	      !strcmp(path, "/soc/serial@10000000"), "qemu: fdt_get_path %s", path);
	CHECK(fdt_get_path(fdt, uart, path, 10) == -ENAMETOOLONG, "qemu: path too long");
	CHECK(fdt_node_check_compatible(fdt, uart, "ns16550a") == 0, "qemu: uart is ns16550a");
	CHECK(fdt_node_check_compatible(fdt, uart, "ns16550") == 1, "qemu: but not ns16550");
	CHECK(fdt_node_check_compatible(fdt, fdt_path_offset(fdt, "/chosen"), "x") == -ENOENT,
	      "qemu: /chosen has no compatible");
	plic = fdt_node_offset_by_compatible(fdt, -1, "riscv,plic0");
	CHECK(plic == fdt_path_offset(fdt, "/soc/plic@c000000"),
	      "qemu: PLIC by its second compatible string");
	CHECK(fdt_node_offset_by_phandle(fdt, 3) == plic, "qemu: phandle 3 is the PLIC");
	CHECK(fdt_node_offset_by_phandle(fdt, 77) == -ENOENT, "qemu: unknown phandle");
	CHECK(!strcmp(fdt_stringlist_get(fdt, plic, "compatible", 1), "riscv,plic0") &&
	      !fdt_stringlist_get(fdt, plic, "compatible", 2), "qemu: fdt_stringlist_get");
	CHECK(fdt_address_cells(fdt, soc) == 2 && fdt_size_cells(fdt, soc) == 2,
	      "qemu: /soc cells 2/2");
	CHECK(fdt_size_cells(fdt, fdt_path_offset(fdt, "/cpus")) == 0, "qemu: /cpus size cells 0");
	CHECK(fdt_address_cells(fdt, plic) == 0, "qemu: PLIC #address-cells 0");
	CHECK(fdt_read_reg(fdt, uart, 0, &addr, &size) == 0 && addr == 0x10000000 &&
	      size == 0x100, "qemu: uart reg 0x%lx+0x%lx", (unsigned long)addr,
	      (unsigned long)size);
	CHECK(fdt_read_reg(fdt, uart, 1, &addr, &size) == -ENOENT, "qemu: reg index 1 -> -ENOENT");
	n = fdt_path_offset(fdt, "/flash");
	CHECK(fdt_reg_count(fdt, n) == 2 && fdt_read_reg(fdt, n, 1, &addr, &size) == 0 &&
	      addr == 0x22000000 && size == 0x2000000, "qemu: flash second reg entry");
	n = 0;
	fdt_for_each_subnode(child, fdt, soc)
		n++;
	CHECK(n == 14 && child == -ENOENT, "qemu: /soc has 14 children (%d)", n);
	n = 0;
	for (child = fdt_first_property_offset(fdt, uart); child >= 0;
	     child = fdt_next_property_offset(fdt, child))
		n++;
	CHECK(n == 5, "qemu: serial has 5 properties (%d)", n);
}

static void test_api_vf2(const struct blob *b)
{
	const void *fdt = b->data;
	int uart = fdt_path_offset(fdt, "/soc/serial@10000000");

	CHECK(fdt_check_full(fdt, b->size) == 0, "vf2: structure ok");
	CHECK(uart > 0 && fdt_path_offset(fdt, "serial0") == uart, "vf2: alias serial0");
	CHECK(!strcmp(fdt_get_alias(fdt, "mmc1"), "/soc/mmc@16020000"), "vf2: alias mmc1");
	CHECK(fdt_path_offset(fdt, "mmc1") == fdt_path_offset(fdt, "/soc/mmc@16020000"),
	      "vf2: path through alias mmc1");
	CHECK(fdt_path_offset_namelen(fdt, "serial0:115200n8", 7) == uart,
	      "vf2: namelen stops before options");
	CHECK(fdt_node_is_available(fdt, uart) &&
	      !fdt_node_is_available(fdt, fdt_path_offset(fdt, "/soc/serial@10010000")),
	      "vf2: status okay / disabled");
}

/* ---- real DTBs: the SD controllers (DesignWare MSHC, docs/mmc.md) -------- */

/* One u32 property of a node; ~0 when it is missing or not one cell. */
static u32 prop_u32(const void *fdt, int node, const char *name)
{
	u32 v;

	return fdt_getprop_u32(fdt, node, name, &v) == 0 ? v : ~0u;
}

static bool has_prop(const void *fdt, int node, const char *name)
{
	return fdt_getprop(fdt, node, name, NULL) != NULL;
}

/* The node's interrupt parent (its own, else its parent's) is the PLIC. */
static bool irq_parent_is_plic(const void *fdt, int node)
{
	int n;

	for (n = node; n >= 0; n = fdt_parent_offset(fdt, n)) {
		u32 ph = prop_u32(fdt, n, "interrupt-parent");

		if (ph != ~0u)
			return fdt_node_check_compatible(fdt, fdt_node_offset_by_phandle(fdt, ph),
							 "sifive,plic-1.0.0") == 0;
	}
	return false;
}

/*
 * The VisionFive 2 SD slot the drivers bind and the SD card image's
 * root=/dev/mmcblk1p4 names: alias mmc1 = mmc@16020000, IRQ 75, 4 bits,
 * starfive,jh7110-mmc, FIFO of 32 words, card detect on a GPIO; mmc0 is
 * the eMMC. Both board revisions' DTBs say the same.
 */
static void test_mmc_vf2(const struct blob *b, const char *name)
{
	const void *fdt = b->data;
	int sd = fdt_path_offset(fdt, "/soc/mmc@16020000");
	int emmc = fdt_path_offset(fdt, "/soc/mmc@16010000");
	u64 addr = 0, size = 0;

	CHECK(sd > 0 && fdt_path_offset(fdt, "mmc1") == sd, "%s: alias mmc1 is the SD slot", name);
	CHECK(emmc > 0 && fdt_path_offset(fdt, "mmc0") == emmc, "%s: alias mmc0 is the eMMC", name);
	CHECK(fdt_read_reg(fdt, sd, 0, &addr, &size) == 0 && addr == 0x16020000 &&
	      size == 0x10000, "%s: mmc1 reg 0x%llx+0x%llx", name,
	      (unsigned long long)addr, (unsigned long long)size);
	CHECK(prop_u32(fdt, sd, "interrupts") == 75 && irq_parent_is_plic(fdt, sd),
	      "%s: mmc1 IRQ 75 on the PLIC", name);
	CHECK(fdt_node_check_compatible(fdt, sd, "starfive,jh7110-mmc") == 0 &&
	      fdt_node_is_available(fdt, sd), "%s: mmc1 starfive,jh7110-mmc, okay", name);
	CHECK(prop_u32(fdt, sd, "bus-width") == 4, "%s: mmc1 bus-width 4", name);
	CHECK(prop_u32(fdt, sd, "fifo-depth") == 32 && prop_u32(fdt, sd, "data-addr") == 0,
	      "%s: mmc1 fifo-depth 32, data-addr 0", name);
	CHECK(has_prop(fdt, sd, "cd-gpios") && !has_prop(fdt, sd, "broken-cd") &&
	      !has_prop(fdt, sd, "non-removable"), "%s: mmc1 card detect by cd-gpios", name);
	CHECK(prop_u32(fdt, emmc, "interrupts") == 74 && prop_u32(fdt, emmc, "bus-width") == 8 &&
	      has_prop(fdt, emmc, "non-removable"), "%s: mmc0 eMMC: IRQ 74, 8 bits, non-removable",
	      name);
	CHECK(!has_prop(fdt, fdt_path_offset(fdt, "/soc"), "dma-noncoherent"),
	      "%s: /soc is DMA coherent", name);
}

/*
 * The VisionFive SD slot: alias mmc0 = sdio0 mmc@10000000, IRQ 4, plain
 * snps,dw-mshc without card detect (broken-cd), 4 bits; mmc1 is the WiFi
 * SDIO; DMA is not coherent (dma-noncoherent on /soc).
 */
static void test_mmc_vf1(const struct blob *b)
{
	const void *fdt = b->data;
	int sd = fdt_path_offset(fdt, "/soc/mmc@10000000");
	int wifi = fdt_path_offset(fdt, "/soc/mmc@10010000");
	u64 addr = 0, size = 0;

	CHECK(sd > 0 && fdt_path_offset(fdt, "mmc0") == sd, "vf1: alias mmc0 is the SD slot");
	CHECK(wifi > 0 && fdt_path_offset(fdt, "mmc1") == wifi, "vf1: alias mmc1 is the WiFi SDIO");
	CHECK(fdt_read_reg(fdt, sd, 0, &addr, &size) == 0 && addr == 0x10000000 &&
	      size == 0x10000, "vf1: sdio0 reg 0x%llx+0x%llx",
	      (unsigned long long)addr, (unsigned long long)size);
	CHECK(prop_u32(fdt, sd, "interrupts") == 4 && irq_parent_is_plic(fdt, sd),
	      "vf1: sdio0 IRQ 4 on the PLIC");
	CHECK(fdt_node_check_compatible(fdt, sd, "snps,dw-mshc") == 0 &&
	      fdt_node_is_available(fdt, sd), "vf1: sdio0 snps,dw-mshc, okay");
	CHECK(has_prop(fdt, sd, "broken-cd") && !has_prop(fdt, sd, "cd-gpios"),
	      "vf1: sdio0 broken-cd, no cd-gpios");
	CHECK(prop_u32(fdt, sd, "bus-width") == 4 && prop_u32(fdt, sd, "fifo-depth") == 32,
	      "vf1: sdio0 bus-width 4, fifo-depth 32");
	CHECK(has_prop(fdt, fdt_path_offset(fdt, "/soc"), "dma-noncoherent"),
	      "vf1: /soc is dma-noncoherent");
	CHECK(prop_u32(fdt, wifi, "interrupts") == 5 && has_prop(fdt, wifi, "non-removable"),
	      "vf1: sdio1 IRQ 5, non-removable");
}

/* ---- real DTBs: the machine description ---------------------------------- */

static void test_scan_qemu(const struct blob *b)
{
	struct machine_desc m;

	CHECK(fdt_scan_machine(b->data, b->size, &m) == 0, "qemu: scan ok");
	CHECK(!strcmp(m.model, "riscv-virtio,qemu"), "qemu: model %s", m.model);
	CHECK(m.nr_mem == 1 && m.mem[0].base == 0x80000000 && m.mem[0].size == 0x10000000,
	      "qemu: memory 0x80000000 + 256 MiB");
	CHECK(m.nr_rsv == 0, "qemu: no reserved ranges (%d)", m.nr_rsv);
	CHECK(!strcmp(m.stdout_path, "/soc/serial@10000000") && m.stdout_opts[0] == 0,
	      "qemu: stdout-path %s", m.stdout_path);
	CHECK(m.stdout_node == fdt_path_offset(b->data, "/soc/serial@10000000") &&
	      m.fdt == b->data, "qemu: stdout node offset, blob kept for the drivers");
	CHECK(m.bootargs[0] == 0 && !m.has_initrd && !m.has_boot_hartid,
	      "qemu: no bootargs, initrd or boot-hartid");
	CHECK(m.timebase_frequency == 10000000, "qemu: timebase 10 MHz");
	CHECK(m.nr_cpus == 1 && m.nr_usable_harts == 1 && m.cpu[0].hartid == 0 &&
	      m.cpu[0].okay && !strcmp(m.cpu[0].mmu_type, "riscv,sv48") &&
	      m.cpu[0].intc_phandle == 2, "qemu: one hart, sv48, intc phandle 2");
	CHECK(!strncmp(m.cpu[0].isa, "rv64imafdch_zicsr", 17), "qemu: isa %s", m.cpu[0].isa);
	CHECK(machine_hart_of_intc(&m, 2) == 0 && machine_hart_of_intc(&m, 3) == -ENOENT &&
	      machine_hart_of_intc(&m, 0) == -ENOENT, "qemu: intc phandle 2 is hart 0's");
}

static void test_scan_qemu_smp2(const struct blob *b)
{
	struct machine_desc m;

	CHECK(fdt_scan_machine(b->data, b->size, &m) == 0, "qemu 3G smp2: scan ok");
	CHECK(m.nr_mem == 1 && m.mem[0].base == 0x80000000 && m.mem[0].size == 3 * SZ_1G,
	      "qemu 3G smp2: memory 3 GiB");
	CHECK(m.nr_cpus == 2 && m.nr_usable_harts == 2 && m.cpu[1].hartid == 1,
	      "qemu 3G smp2: 2 harts");
	/* The PLIC lists hart 0's intc (phandle 4) first, then hart 1's (2). */
	CHECK(machine_hart_of_intc(&m, 4) == 0 && machine_hart_of_intc(&m, 2) == 1,
	      "qemu 3G smp2: intc phandles 4 and 2 are harts 0 and 1");
}

static void test_scan_vf2(const struct blob *b)
{
	struct machine_desc m;
	int i, hw = 0;

	CHECK(fdt_scan_machine(b->data, b->size, &m) == 0, "vf2: scan ok");
	CHECK(!strcmp(m.model, "StarFive VisionFive 2 v1.3B"), "vf2: model %s", m.model);
	CHECK(m.nr_mem == 1 && m.mem[0].base == 0x40000000 && m.mem[0].size == 4 * SZ_1G,
	      "vf2: memory 0x40000000 + 4 GiB");
	CHECK(m.nr_rsv == 0, "vf2: no reserved ranges in this DTB (%d)", m.nr_rsv);
	CHECK(!strcmp(m.stdout_path, "/soc/serial@10000000") &&
	      !strcmp(m.stdout_opts, "115200n8"), "vf2: stdout serial0:115200n8 resolved");
	CHECK(m.stdout_node == fdt_path_offset(b->data, "/soc/serial@10000000"),
	      "vf2: stdout node offset");
	CHECK(m.timebase_frequency == 4000000, "vf2: timebase 4 MHz");
	CHECK(m.nr_cpus == 5 && m.nr_usable_harts == 4, "vf2: 5 cpus, 4 usable");
	CHECK(!m.cpu[0].okay && !m.cpu[0].has_mmu && !strcmp(m.cpu[0].isa, "rv64imac_zba_zbb"),
	      "vf2: cpu@0 (S7) disabled, no MMU");
	for (i = 1; i < 5; i++)
		hw += m.cpu[i].hartid == (u32)i && m.cpu[i].okay &&
		      !strcmp(m.cpu[i].mmu_type, "riscv,sv39");
	CHECK(hw == 4, "vf2: harts 1-4 okay, sv39");
}

static void test_scan_vf1(const struct blob *b)
{
	struct machine_desc m;

	CHECK(fdt_scan_machine(b->data, b->size, &m) == 0, "vf1: scan ok");
	CHECK(!strcmp(m.model, "StarFive VisionFive V1"), "vf1: model");
	CHECK(m.nr_mem == 1 && m.mem[0].base == 0x80000000 && m.mem[0].size == 8 * SZ_1G,
	      "vf1: memory 0x80000000 + 8 GiB");
	CHECK(m.nr_rsv == 2 && m.rsv[0].base == 0xfa000000 && m.rsv[0].size == 0x1000000 &&
	      m.rsv[0].no_map && !strcmp(m.rsv[0].name, "dma-reserved@fa000000"),
	      "vf1: reserved dma-reserved@fa000000 no-map");
	CHECK(m.rsv[1].base == 0x107a000000 && m.rsv[1].size == 0x1000000 && m.rsv[1].no_map &&
	      !strcmp(m.rsv[1].name, "linux,dma@107a000000"), "vf1: reserved linux,dma no-map");
	CHECK(!strcmp(m.stdout_path, "/soc/serial@12440000"), "vf1: stdout via serial0");
	CHECK(m.timebase_frequency == 6250000, "vf1: timebase 6.25 MHz");
	CHECK(m.nr_cpus == 2 && m.nr_usable_harts == 2, "vf1: 2 harts");
}

/* ---- synthetic trees ----------------------------------------------------- */

static struct blob build_machine(void)
{
	static struct builder b;

	b_reset(&b);
	b.rsv[0][0] = 0x80200000;
	b.rsv[0][1] = 0x1000;
	b.nrsv = 1;
	b_begin(&b, "");
	B_CELLS(&b, "#address-cells", 2);
	B_CELLS(&b, "#size-cells", 2);
	b_str(&b, "model", "rivet-test");
	b_begin(&b, "aliases");
	b_str(&b, "serial0", "/soc/uart@1000");
	b_end(&b);
	b_begin(&b, "chosen");
	b_str(&b, "bootargs", "console=ttyS0 root=/dev/vda");
	b_str(&b, "stdout-path", "serial0:9600");
	B_CELLS(&b, "linux,initrd-start", 0x88000000);
	B_CELLS(&b, "linux,initrd-end", 0, 0x88100000);
	B_CELLS(&b, "boot-hartid", 3);
	b_end(&b);
	b_begin(&b, "memory@80000000");
	b_str(&b, "device_type", "memory");
	B_CELLS(&b, "reg", 0, 0x80000000, 0, 0x40000000, 1, 0, 0, 0x40000000);
	b_end(&b);
	b_begin(&b, "memory@200000000");
	b_str(&b, "device_type", "memory");
	b_str(&b, "status", "disabled");
	B_CELLS(&b, "reg", 2, 0, 0, 0x1000);
	b_end(&b);
	b_begin(&b, "reserved-memory");
	B_CELLS(&b, "#address-cells", 1);
	B_CELLS(&b, "#size-cells", 1);
	b_begin(&b, "fw@80000000");
	B_CELLS(&b, "reg", 0x80000000, 0x40000);
	b_prop(&b, "no-map", NULL, 0);
	b_end(&b);
	b_begin(&b, "pool");
	B_CELLS(&b, "size", 0x100000);
	b_end(&b);
	b_end(&b);
	b_begin(&b, "cpus");
	B_CELLS(&b, "#address-cells", 1);
	B_CELLS(&b, "#size-cells", 0);
	B_CELLS(&b, "timebase-frequency", 0, 1000000);
	b_begin(&b, "cpu@0");
	b_str(&b, "device_type", "cpu");
	B_CELLS(&b, "reg", 0);
	b_str(&b, "mmu-type", "riscv,sv39");
	b_begin(&b, "interrupt-controller");
	b_str(&b, "compatible", "riscv,cpu-intc");
	B_CELLS(&b, "#interrupt-cells", 1);
	B_CELLS(&b, "phandle", 1);
	b_end(&b);
	b_end(&b);
	b_begin(&b, "cpu@3");
	b_str(&b, "device_type", "cpu");
	B_CELLS(&b, "reg", 3);
	b_str(&b, "mmu-type", "riscv,none");
	b_begin(&b, "interrupt-controller");
	b_str(&b, "compatible", "riscv,cpu-intc");
	B_CELLS(&b, "#interrupt-cells", 1);
	B_CELLS(&b, "phandle", 2);
	b_end(&b);
	b_end(&b);
	b_begin(&b, "cpu-map");
	b_end(&b);
	b_end(&b);
	b_begin(&b, "soc");
	B_CELLS(&b, "#address-cells", 1);
	B_CELLS(&b, "#size-cells", 1);
	b_begin(&b, "uart@1000");
	b_prop(&b, "compatible", "vendor,uart\0ns16550", 20);
	B_CELLS(&b, "reg", 0x1000, 0x100);
	B_CELLS(&b, "reg-shift", 2);
	B_CELLS(&b, "reg-io-width", 4);
	B_CELLS(&b, "interrupts", 5, 4);
	B_CELLS(&b, "current-speed", 9600);
	B_CELLS(&b, "clock-frequency", 1843200);
	b_end(&b);
	b_begin(&b, "plic@c000000");
	b_str(&b, "compatible", "riscv,plic0");
	B_CELLS(&b, "reg", 0xc000000, 0x4000000);
	B_CELLS(&b, "riscv,ndev", 31);
	B_CELLS(&b, "interrupts-extended", 1, 11, 1, 9, 0xffffffff, 0xffffffff, 2, 9);
	B_CELLS(&b, "phandle", 5);
	b_end(&b);
	b_end(&b);
	b_end(&b);
	return b_finish(&b);
}

static void test_synthetic_machine(void)
{
	struct blob b = build_machine();
	struct machine_desc m;
	const char *opts;
	u64 addr, size;

	CHECK(fdt_get_mem_rsv(b.data, 0, &addr, &size) == 0 && addr == 0x80200000 &&
	      fdt_get_mem_rsv(b.data, 1, &addr, &size) == -ENOENT, "synthetic: memreserve");
	CHECK(fdt_scan_machine(b.data, b.size, &m) == 0, "synthetic: scan ok");
	CHECK(!strcmp(m.model, "rivet-test"), "synthetic: model");
	CHECK(m.nr_mem == 2 && m.mem[1].base == 0x100000000 && m.mem[1].size == SZ_1G,
	      "synthetic: two reg entries, disabled memory node skipped");
	CHECK(m.nr_rsv == 2 && !strcmp(m.rsv[0].name, "/memreserve/") && !m.rsv[0].no_map &&
	      m.rsv[1].base == 0x80000000 && m.rsv[1].size == 0x40000 && m.rsv[1].no_map,
	      "synthetic: memreserve + reserved-memory (1-cell), size-only child skipped");
	CHECK(!strcmp(m.bootargs, "console=ttyS0 root=/dev/vda"), "synthetic: bootargs");
	CHECK(!strcmp(m.stdout_path, "/soc/uart@1000") && !strcmp(m.stdout_opts, "9600"),
	      "synthetic: stdout alias with options");
	CHECK(m.has_initrd && m.initrd_start == 0x88000000 && m.initrd_end == 0x88100000,
	      "synthetic: initrd 32-bit start, 64-bit end");
	CHECK(m.has_boot_hartid && m.boot_hartid == 3, "synthetic: boot-hartid");
	CHECK(m.timebase_frequency == 1000000, "synthetic: 64-bit timebase");
	CHECK(m.nr_cpus == 2 && m.nr_usable_harts == 1 && !m.cpu[1].has_mmu,
	      "synthetic: riscv,none is not an MMU");
	CHECK(m.stdout_node == fdt_path_offset(b.data, "/soc/uart@1000") &&
	      fdt_stdout_offset(b.data, &opts) == m.stdout_node && !strcmp(opts, "9600"),
	      "synthetic: fdt_stdout_offset through the alias, options split off");
	CHECK(machine_hart_of_intc(&m, 2) == 3 && machine_hart_of_intc(&m, 5) == -ENOENT,
	      "synthetic: hart of an intc phandle");
	free(b.data);
}

/* A tree nested depth levels deep. */
static struct blob build_deep(int depth)
{
	static struct builder b;
	int i;

	b_reset(&b);
	for (i = 0; i < depth; i++)
		b_begin(&b, i ? "n" : "");
	for (i = 0; i < depth; i++)
		b_end(&b);
	return b_finish(&b);
}

/* ---- malformed blobs ----------------------------------------------------- */

/* Offset (in the blob) of the first FDT_PROP token of a real DTB. */
static size_t first_prop(const struct blob *b)
{
	size_t st = fdt32_ld(b->data + 8), off;

	for (off = st; off + 4 <= b->size; off += 4)
		if (fdt32_ld(b->data + off) == FDT_PROP)
			return off;
	return 0;
}

/* Copies b, applies a 32-bit store at off, checks both validators fail. */
static void expect_bad(const struct blob *b, size_t bufsize, size_t off, u32 val,
		       const char *what)
{
	u8 *copy = malloc(bufsize);
	struct machine_desc m;
	int full, scan;

	memcpy(copy, b->data, bufsize);
	if (off < bufsize && bufsize - off >= 4)
		put_be32(copy + off, val);
	full = fdt_check_full(copy, bufsize);
	CHECK(full == -EINVAL, "malformed: %s -> -EINVAL (%s)", what, fdt_errmsg());
	scan = scan_quiet(copy, bufsize, &m);
	CHECK_QUIET(scan == -EINVAL, "malformed: %s: scan -> %d", what, scan);
	free(copy);
}

static void test_malformed(const struct blob *q)
{
	size_t total = fdt_totalsize(q->data), st = fdt32_ld(q->data + 8);
	size_t prop = first_prop(q), uart;
	struct machine_desc m;
	struct blob deep;
	int node;

	CHECK(fdt_check_header(q->data, 20) == -EINVAL, "malformed: 20-byte buffer (%s)",
	      fdt_errmsg());
	expect_bad(q, total, 0, 0xd00dfeee, "bad magic");
	expect_bad(q, total - 1, ~0UL, 0, "buffer one byte short of totalsize");
	expect_bad(q, total, 4, total + 64, "totalsize larger than the buffer");
	expect_bad(q, total, 20, 15, "version 15");
	expect_bad(q, total, 24, 18, "last_comp_version 18");
	expect_bad(q, total, 8, st + 2, "misaligned structure block");
	expect_bad(q, total, 36, total, "size_dt_struct past totalsize");
	expect_bad(q, total, 32, total, "size_dt_strings past totalsize");
	expect_bad(q, total, 16, total - 8, "memory reservation block at the end");
	expect_bad(q, total, prop + 8, fdt32_ld(q->data + 32) + 100,
		   "string offset out of range");
	expect_bad(q, total, prop + 4, 0x7ffffff0, "property length past the block");
	expect_bad(q, total, prop + 4, total - prop - 8, "property length just past");
	expect_bad(q, total, st, 0x7, "unknown token");
	expect_bad(q, total, st, FDT_END_NODE, "FDT_END_NODE first");
	expect_bad(q, total, st + fdt32_ld(q->data + 36) - 4, FDT_NOP, "no FDT_END");
	/* Cut the structure block in the middle of "serial@10000000". */
	for (uart = st; uart + 20 < total; uart += 4)
		if (fdt32_ld(q->data + uart) == FDT_BEGIN_NODE &&
		    !memcmp(q->data + uart + 4, "serial@", 7))
			break;
	expect_bad(q, total, 36, uart - st + 12, "unterminated node name");
	/* A string block whose last name loses its NUL. */
	expect_bad(q, total, 32, fdt32_ld(q->data + 32) - 1, "unterminated property name");
	/* A truncated file: totalsize says so too, so only the walk can tell. */
	expect_bad(q, total / 2, 4, total / 2, "truncated blob");

	deep = build_deep(FDT_MAX_DEPTH);
	CHECK(fdt_check_full(deep.data, deep.size) == 0, "depth %d accepted", FDT_MAX_DEPTH);
	free(deep.data);
	deep = build_deep(FDT_MAX_DEPTH + 1);
	CHECK(fdt_check_full(deep.data, deep.size) == -EINVAL, "depth %d rejected (%s)",
	      FDT_MAX_DEPTH + 1, fdt_errmsg());
	free(deep.data);
	deep = build_deep(1000);
	CHECK(fdt_check_full(deep.data, deep.size) == -EINVAL, "depth 1000 rejected");
	/* Unchecked, the walkers stay iterative: relative look-ups work,
	 * absolute depth is refused. */
	node = fdt_path_offset(deep.data, "/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n");
	CHECK(node > 0 && fdt_parent_offset(deep.data, node) == -EINVAL &&
	      scan_quiet(deep.data, deep.size, &m) == -EINVAL,
	      "depth 1000: path walk ok, parent look-up and scan refuse it");
	free(deep.data);
}

/* ---- random mutation --------------------------------------------------- */

static unsigned long rng_state = 0x2545f4914f6cdd1dUL;

static u32 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state >> 16;
}

/* Exercises the API on a blob that passed only the header check. */
static void walk_unchecked(const void *fdt)
{
	int node, prop, len, n = 0, depth = 0;
	u64 a, s;
	char path[128];
	const char *name;

	for (node = fdt_next_node(fdt, -1, &depth); node >= 0 && n < 400;
	     node = fdt_next_node(fdt, node, &depth), n++) {
		for (prop = fdt_first_property_offset(fdt, node); prop >= 0;
		     prop = fdt_next_property_offset(fdt, prop))
			fdt_getprop_by_offset(fdt, prop, &name, &len);
		if (n < 16) {
			fdt_get_path(fdt, node, path, sizeof(path));
			fdt_read_reg(fdt, node, 0, &a, &s);
			fdt_node_check_compatible(fdt, node, "ns16550a");
		}
	}
	fdt_path_offset(fdt, "serial0");
	fdt_node_offset_by_phandle(fdt, 3);
}

static void mutate(u8 *p, size_t size)
{
	static const u32 magic[] = { 0, 1, 2, 3, 4, 9, 0xffffffff, 0x7fffffff, 0x80000000 };
	int i, n = 1 + rnd() % 4;
	size_t off;

	for (i = 0; i < n; i++) {
		off = rnd() % size;
		if (rnd() % 2 || off + 4 > size)
			p[off] ^= 1 << (rnd() % 8);
		else if (rnd() % 2)
			put_be32(p + (off & ~3UL), magic[rnd() % ARRAY_SIZE(magic)]);
		else if (size >= 40)	/* a header field set to something nearby */
			put_be32(p + 4 * (rnd() % 10), rnd() % (size + 64));
	}
}

static void fuzz(const struct blob *b, const char *name, int iterations)
{
	size_t total = fdt_totalsize(b->data), size;
	int i, accepted = 0, rejected = 0, bad_ret = 0, r;
	struct machine_desc m;
	u8 *copy;

	quiet(true);
	for (i = 0; i < iterations; i++) {
		size = total;
		if (rnd() % 4 == 0)
			size = rnd() % total;
		copy = malloc(size ? size : 1);	/* exact: ASan sees any overrun */
		memcpy(copy, b->data, size);
		if (size >= 8 && rnd() % 2)
			put_be32(copy + 4, size);	/* truncated, but says so */
		if (size)
			mutate(copy, size);
		r = fdt_scan_machine(copy, size, &m);
		bad_ret += r != 0 && r != -EINVAL;
		r ? rejected++ : accepted++;
		if (fdt_check_header(copy, size) == 0)
			walk_unchecked(copy);
		free(copy);
	}
	quiet(false);
	CHECK(bad_ret == 0 && accepted > 0 && rejected > 0,
	      "fuzz %s: %d mutated blobs, %d accepted, %d rejected, no crash",
	      name, iterations, accepted, rejected);
}

int main(int argc, char **argv)
{
	struct blob b[NR_TEST_DTBS], vf2a;
	struct machine_desc m;
	int i, iterations = 2500;

	dtb_dir_from_args(argc, argv);
	test_synthetic_machine();
	if (!need_test_dtbs(b))
		return test_exit();
	test_api_qemu(&b[DTB_QEMU]);
	test_api_vf2(&b[DTB_VF2]);
	test_mmc_vf2(&b[DTB_VF2], "vf2 v1.3b");
	test_mmc_vf1(&b[DTB_VF1]);
	/* The SD card image's other VisionFive 2 DTB (scripts/fetch-dtbs.sh). */
	vf2a = need_dtb("starfive/jh7110-starfive-visionfive-2-v1.2a.dtb");
	if (vf2a.size)
		test_mmc_vf2(&vf2a, "vf2 v1.2a");
	free(vf2a.data);
	test_scan_qemu(&b[DTB_QEMU]);
	test_scan_qemu_smp2(&b[DTB_QEMU_SMP2]);
	test_scan_vf2(&b[DTB_VF2]);
	test_scan_vf1(&b[DTB_VF1]);
	test_malformed(&b[DTB_QEMU]);
	if (fdt_scan_machine(b[DTB_VF2].data, b[DTB_VF2].size, &m) == 0)
		machine_desc_print(&m);
	/* FDT_FUZZ=iterations[:seed] runs a longer or different search. */
	if (getenv("FDT_FUZZ"))
		sscanf(getenv("FDT_FUZZ"), "%d:%lu", &iterations, &rng_state);
	for (i = 0; i < NR_TEST_DTBS; i++)
		fuzz(&b[i], test_dtb_names[i], iterations);
	for (i = 0; i < NR_TEST_DTBS; i++)
		free(b[i].data);
	return test_exit();
}
