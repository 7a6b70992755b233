/*
 * The machine description: reads from the DTB what rivet needs at boot
 * (memory, reservations, /chosen, CPUs, console UART, PLIC contexts,
 * virtio-mmio slots, SD hosts) into struct machine_desc. Property meanings
 * follow the Devicetree Specification v0.4 ch. 3 and the Linux bindings for
 * riscv,cpus, sifive,plic-1.0.0, ns16550 and snps,dw-mshc. Leaves out
 * interrupt-map/ranges translation and everything rivet does not drive.
 */
#include <linux/of_machine.h>
#include <linux/fdt.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#define IRQ_S_EXT	9	/* supervisor external interrupt (mcause) */

static const char *const uart_compats[] = {
	"ns16550a", "ns16550", "snps,dw-apb-uart",
};
static const char *const plic_compats[] = {
	"riscv,plic0", "sifive,plic-1.0.0",
};
static const char *const mmc_compats[] = {
	"snps,dw-mshc", "starfive,jh7110-mmc",
};

/* Prints why the scan stopped and returns -EINVAL. */
static int scan_fail(const char *what, int err)
{
	pr_err("fdt: %s: %s\n", what,
	       err == -EINVAL ? fdt_errmsg() : "missing or malformed");
	return -EINVAL;
}

/* Copies src into dst[size], cutting it if needed; true if it was cut. */
static bool copy_str(char *dst, size_t size, const char *src)
{
	size_t n = src ? strlen(src) : 0;
	bool cut = n >= size;

	if (cut)
		n = size - 1;
	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
	return cut;
}

/* Index in list of the first compatible string node matches, or -1. */
static int match_compat(const void *fdt, int node, const char *const *list,
			int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (fdt_node_check_compatible(fdt, node, list[i]) == 0)
			return i;
	return -1;
}

/* A u32 property that defaults to dflt when absent: 0 or -EINVAL. */
static int prop_u32(const void *fdt, int node, const char *name, u32 dflt,
		    u32 *out)
{
	int err = fdt_getprop_u32(fdt, node, name, out);

	if (err == -ENOENT) {
		*out = dflt;
		return 0;
	}
	return err;
}

/* First cell of node's interrupts, 0 if it has none. */
static u32 first_irq(const void *fdt, int node)
{
	int len;
	const void *p = fdt_getprop(fdt, node, "interrupts", &len);

	return p && len >= 4 ? fdt32_ld(p) : 0;
}

static bool prop_is(const void *fdt, int node, const char *name,
		    const char *val)
{
	const char *s = fdt_getprop_string(fdt, node, name);

	return s && !strcmp(s, val);
}

/* ---- memory and reservations --------------------------------------------- */

/* Every reg entry of every available top-level node of device_type memory. */
static int scan_memory(const void *fdt, struct machine_desc *m)
{
	int root = fdt_path_offset(fdt, "/"), node, n, i, err;
	u64 base, size;

	fdt_for_each_subnode(node, fdt, root) {
		if (!prop_is(fdt, node, "device_type", "memory") ||
		    !fdt_node_is_available(fdt, node))
			continue;
		n = fdt_reg_count(fdt, node);
		if (n < 0)
			return scan_fail("memory reg", n);
		for (i = 0; i < n; i++) {
			err = fdt_read_reg(fdt, node, i, &base, &size);
			if (err)
				return scan_fail("memory reg", err);
			if (size == 0)
				continue;
			if (m->nr_mem == MACHINE_MAX_MEM) {
				pr_warn("fdt: more than %d memory ranges, rest ignored\n",
					MACHINE_MAX_MEM);
				return 0;
			}
			m->mem[m->nr_mem++] = (struct machine_range){ base, size };
		}
	}
	if (m->nr_mem == 0) {
		pr_err("fdt: no memory node\n");
		return -EINVAL;
	}
	return 0;
}

static int add_rsv(struct machine_desc *m, u64 base, u64 size,
		   const char *name, bool no_map)
{
	struct machine_rsv *r;

	if (m->nr_rsv == MACHINE_MAX_RSV) {
		pr_err("fdt: more than %d reserved ranges\n", MACHINE_MAX_RSV);
		return -EINVAL;
	}
	r = &m->rsv[m->nr_rsv++];
	r->base = base;
	r->size = size;
	r->no_map = no_map;
	copy_str(r->name, sizeof(r->name), name);
	return 0;
}

/* The reservation block, then each available /reserved-memory child with a
 * reg (children with only a size are placed by the OS: none here). */
static int scan_reserved(const void *fdt, struct machine_desc *m)
{
	int n = fdt_num_mem_rsv(fdt), i, node, child, err;
	u64 base, size;

	for (i = 0; i < n; i++) {
		fdt_get_mem_rsv(fdt, i, &base, &size);
		if (add_rsv(m, base, size, "/memreserve/", false))
			return -EINVAL;
	}
	node = fdt_path_offset(fdt, "/reserved-memory");
	if (node < 0)
		return node == -ENOENT ? 0 : scan_fail("/reserved-memory", node);
	fdt_for_each_subnode(child, fdt, node) {
		if (!fdt_node_is_available(fdt, child))
			continue;
		n = fdt_reg_count(fdt, child);
		if (n < 0 && n != -ENOENT)
			return scan_fail("reserved-memory reg", n);
		for (i = 0; i < n; i++) {
			err = fdt_read_reg(fdt, child, i, &base, &size);
			if (err)
				return scan_fail("reserved-memory reg", err);
			if (add_rsv(m, base, size, fdt_get_name(fdt, child, NULL),
				    fdt_getprop(fdt, child, "no-map", NULL) != NULL))
				return -EINVAL;
		}
	}
	return 0;
}

/* ---- /chosen ------------------------------------------------------------- */

/* stdout-path = "serial0:115200n8": path or alias, then options. */
static void scan_stdout_path(const void *fdt, int chosen, struct machine_desc *m)
{
	const char *s = fdt_getprop_string(fdt, chosen, "stdout-path");
	const char *opts;
	int len;

	if (!s)
		s = fdt_getprop_string(fdt, chosen, "linux,stdout-path");
	if (!s)
		return;
	opts = strchr(s, ':');
	len = opts ? opts - s : (int)strlen(s);
	if (opts)
		copy_str(m->stdout_opts, sizeof(m->stdout_opts), opts + 1);
	m->stdout_node = fdt_path_offset_namelen(fdt, s, len);
	if (m->stdout_node < 0 ||
	    fdt_get_path(fdt, m->stdout_node, m->stdout_path, sizeof(m->stdout_path))) {
		pr_warn("fdt: stdout-path \"%s\" does not resolve\n", s);
		m->stdout_node = -1;
		m->stdout_path[0] = '\0';
	}
}

static int scan_chosen(const void *fdt, struct machine_desc *m)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), e1, e2;
	const char *args;

	if (chosen < 0)
		return chosen == -ENOENT ? 0 : scan_fail("/chosen", chosen);
	args = fdt_getprop_string(fdt, chosen, "bootargs");
	if (copy_str(m->bootargs, sizeof(m->bootargs), args))
		pr_warn("fdt: bootargs cut to %d bytes\n", MACHINE_CMDLINE_LEN - 1);
	scan_stdout_path(fdt, chosen, m);
	e1 = fdt_getprop_u64(fdt, chosen, "linux,initrd-start", &m->initrd_start);
	e2 = fdt_getprop_u64(fdt, chosen, "linux,initrd-end", &m->initrd_end);
	if (e1 == -EINVAL || e2 == -EINVAL)
		return scan_fail("linux,initrd-start/end", -EINVAL);
	m->has_initrd = !e1 && !e2 && m->initrd_end > m->initrd_start;
	e1 = fdt_getprop_u32(fdt, chosen, "boot-hartid", &m->boot_hartid);
	if (e1 == -EINVAL)
		return scan_fail("boot-hartid", e1);
	m->has_boot_hartid = e1 == 0;
	return 0;
}

/* ---- CPUs ---------------------------------------------------------------- */

/* Phandle of cpu's riscv,cpu-intc child, 0 if it has none. */
static u32 cpu_intc_phandle(const void *fdt, int cpu)
{
	int child;

	fdt_for_each_subnode(child, fdt, cpu)
		if (fdt_node_check_compatible(fdt, child, "riscv,cpu-intc") == 0)
			return fdt_get_phandle(fdt, child);
	return 0;
}

static int scan_one_cpu(const void *fdt, int node, struct machine_cpu *c)
{
	const char *mmu = fdt_getprop_string(fdt, node, "mmu-type");
	u64 hartid, unused;
	int err = fdt_read_reg(fdt, node, 0, &hartid, &unused);

	if (err || hartid > 0xffffffffu)
		return scan_fail("cpu reg", err ? err : -ERANGE);
	c->hartid = hartid;
	c->okay = fdt_node_is_available(fdt, node);
	c->has_mmu = mmu && strcmp(mmu, "riscv,none");
	copy_str(c->mmu_type, sizeof(c->mmu_type), mmu);
	copy_str(c->isa, sizeof(c->isa), fdt_getprop_string(fdt, node, "riscv,isa"));
	c->intc_phandle = cpu_intc_phandle(fdt, node);
	return 0;
}

/* timebase-frequency lives in /cpus, or (older trees) in each cpu node. */
static int scan_cpus(const void *fdt, struct machine_desc *m)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, err;
	struct machine_cpu *c;

	if (cpus < 0)
		return scan_fail("/cpus", cpus);
	err = fdt_getprop_u64(fdt, cpus, "timebase-frequency", &m->timebase_frequency);
	if (err == -EINVAL)
		return scan_fail("timebase-frequency", err);
	fdt_for_each_subnode(node, fdt, cpus) {
		if (!prop_is(fdt, node, "device_type", "cpu"))
			continue;
		if (m->nr_cpus == MACHINE_MAX_CPUS) {
			pr_warn("fdt: more than %d cpus, rest ignored\n", MACHINE_MAX_CPUS);
			break;
		}
		c = &m->cpu[m->nr_cpus];
		if (scan_one_cpu(fdt, node, c))
			return -EINVAL;
		if (!m->timebase_frequency)
			fdt_getprop_u64(fdt, node, "timebase-frequency",
					&m->timebase_frequency);
		m->nr_cpus++;
		m->nr_usable_harts += c->okay && c->has_mmu;
	}
	return 0;
}

/* ---- devices ------------------------------------------------------------- */

static int read_uart(const void *fdt, int node, struct machine_uart *u)
{
	const char *compat;
	u64 clk = 0;
	int i = match_compat(fdt, node, uart_compats, ARRAY_SIZE(uart_compats));
	int err = fdt_read_reg(fdt, node, 0, &u->base, &u->size);

	compat = i >= 0 ? uart_compats[i] : fdt_stringlist_get(fdt, node, "compatible", 0);
	copy_str(u->compatible, sizeof(u->compatible), compat);
	if (!err)
		err = prop_u32(fdt, node, "reg-shift", 0, &u->reg_shift);
	if (!err)
		err = prop_u32(fdt, node, "reg-io-width", 1, &u->reg_io_width);
	if (!err)
		err = prop_u32(fdt, node, "current-speed", 0, &u->current_speed);
	if (!err && fdt_getprop_u64(fdt, node, "clock-frequency", &clk) == -EINVAL)
		err = -EINVAL;
	if (err)
		return scan_fail("console UART", err);
	if (u->reg_shift > 3 || (u->reg_io_width != 1 && u->reg_io_width != 4))
		return scan_fail("UART reg-shift/reg-io-width", -ERANGE);
	u->clock_frequency = clk;
	u->irq = first_irq(fdt, node);
	u->node = node;
	u->present = true;
	return 0;
}

/* The stdout-path node if it has registers, else the first available node
 * compatible with one of uart_compats. */
static int scan_uart(const void *fdt, struct machine_desc *m)
{
	int node = m->stdout_node;

	if (node >= 0 && fdt_getprop(fdt, node, "reg", NULL))
		return read_uart(fdt, node, &m->uart);
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL))
		if (fdt_node_is_available(fdt, node) &&
		    match_compat(fdt, node, uart_compats, ARRAY_SIZE(uart_compats)) >= 0)
			return read_uart(fdt, node, &m->uart);
	return 0;
}

/* The hart whose riscv,cpu-intc has phandle ph, or -1. */
static int hart_of_intc(const struct machine_desc *m, u32 ph)
{
	int i;

	for (i = 0; i < m->nr_cpus; i++)
		if (m->cpu[i].intc_phandle == ph)
			return m->cpu[i].hartid;
	return -1;
}

/*
 * interrupts-extended lists the PLIC's contexts in order, each as
 * <phandle of an interrupt controller, its #interrupt-cells cells>. A
 * context whose first cell is 9 (S-mode external) belongs to that hart's
 * S-mode; its position in the list is the context index.
 */
static int scan_plic_contexts(const void *fdt, int node, struct machine_desc *m)
{
	int len, ncells, i = 0, ctx, intc, hart;
	const u8 *p = fdt_getprop(fdt, node, "interrupts-extended", &len);
	u32 ph, icells;

	if (!p)
		return len == -ENOENT ? 0 : scan_fail("PLIC interrupts-extended", len);
	ncells = len / 4;
	for (ctx = 0; i < ncells; ctx++) {
		ph = fdt32_ld(p + 4 * i);
		intc = fdt_node_offset_by_phandle(fdt, ph);
		icells = 1;	/* an unknown phandle marks an unused context */
		if (intc >= 0 && prop_u32(fdt, intc, "#interrupt-cells", 1, &icells))
			return scan_fail("#interrupt-cells", -EINVAL);
		if (icells < 1 || icells > 4 || (u32)(ncells - i - 1) < icells)
			return scan_fail("PLIC interrupts-extended", -ERANGE);
		hart = hart_of_intc(m, ph);
		if (intc >= 0 && hart >= 0 && hart < MACHINE_MAX_CPUS &&
		    fdt32_ld(p + 4 * (i + 1)) == IRQ_S_EXT)
			m->plic.s_context[hart] = ctx;
		i += 1 + icells;
	}
	m->plic.nr_contexts = ctx;
	return 0;
}

static int scan_plic(const void *fdt, struct machine_desc *m)
{
	struct machine_plic *plic = &m->plic;
	int node, err;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL))
		if (fdt_node_is_available(fdt, node) &&
		    match_compat(fdt, node, plic_compats, ARRAY_SIZE(plic_compats)) >= 0)
			break;
	if (node < 0)
		return 0;
	err = fdt_read_reg(fdt, node, 0, &plic->base, &plic->size);
	if (!err)
		err = prop_u32(fdt, node, "riscv,ndev", 0, &plic->ndev);
	if (err)
		return scan_fail("PLIC", err);
	plic->phandle = fdt_get_phandle(fdt, node);
	plic->present = true;
	return scan_plic_contexts(fdt, node, m);
}

/* virtio-mmio slots, kept sorted by base address. */
static int scan_virtio(const void *fdt, struct machine_desc *m)
{
	struct machine_virtio v;
	int node = -1, i, err;

	while ((node = fdt_node_offset_by_compatible(fdt, node, "virtio,mmio")) >= 0) {
		if (!fdt_node_is_available(fdt, node))
			continue;
		err = fdt_read_reg(fdt, node, 0, &v.base, &v.size);
		if (err)
			return scan_fail("virtio,mmio reg", err);
		if (m->nr_virtio == MACHINE_MAX_VIRTIO) {
			pr_warn("fdt: more than %d virtio-mmio slots\n", MACHINE_MAX_VIRTIO);
			return 0;
		}
		v.irq = first_irq(fdt, node);
		for (i = m->nr_virtio++; i > 0 && m->virtio[i - 1].base > v.base; i--)
			m->virtio[i] = m->virtio[i - 1];
		m->virtio[i] = v;
	}
	return node == -ENOENT ? 0 : scan_fail("virtio,mmio", node);
}

static int scan_mmc(const void *fdt, struct machine_desc *m)
{
	struct machine_mmc *h;
	int node, i, err;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		i = match_compat(fdt, node, mmc_compats, ARRAY_SIZE(mmc_compats));
		if (i < 0 || m->nr_mmc == MACHINE_MAX_MMC)
			continue;
		h = &m->mmc[m->nr_mmc];
		err = fdt_read_reg(fdt, node, 0, &h->base, &h->size);
		if (!err)
			err = prop_u32(fdt, node, "fifo-depth", 0, &h->fifo_depth);
		if (!err)
			err = prop_u32(fdt, node, "bus-width", 1, &h->bus_width);
		if (err)
			return scan_fail("SD/MMC host", err);
		h->irq = first_irq(fdt, node);
		h->okay = fdt_node_is_available(fdt, node);
		copy_str(h->compatible, sizeof(h->compatible), mmc_compats[i]);
		m->nr_mmc++;
	}
	return 0;
}

/* ---- entry points -------------------------------------------------------- */

int fdt_scan_machine(const void *fdt, size_t size, struct machine_desc *m)
{
	int err, i;

	memset(m, 0, sizeof(*m));
	m->stdout_node = -1;
	for (i = 0; i < MACHINE_MAX_CPUS; i++)
		m->plic.s_context[i] = -1;
	err = fdt_check_full(fdt, size);
	if (err)
		return scan_fail("bad device tree", err);
	copy_str(m->model, sizeof(m->model),
		 fdt_getprop_string(fdt, fdt_path_offset(fdt, "/"), "model"));
	err = scan_memory(fdt, m);
	if (!err)
		err = scan_reserved(fdt, m);
	if (!err)
		err = scan_chosen(fdt, m);
	if (!err)
		err = scan_cpus(fdt, m);
	if (!err)
		err = scan_uart(fdt, m);
	if (!err)
		err = scan_plic(fdt, m);
	if (!err)
		err = scan_virtio(fdt, m);
	if (!err)
		err = scan_mmc(fdt, m);
	return err;
}

static void print_cpus(const struct machine_desc *m)
{
	const struct machine_cpu *c;
	int i;

	pr_info("cpus: %d nodes, %d usable harts, timebase %lu Hz\n", m->nr_cpus,
		m->nr_usable_harts, (unsigned long)m->timebase_frequency);
	for (i = 0; i < m->nr_cpus; i++) {
		c = &m->cpu[i];
		pr_info("  hart %u: %s %s %s\n", c->hartid,
			c->okay ? "okay" : "disabled",
			c->has_mmu ? c->mmu_type : "no-mmu", c->isa);
	}
}

static void print_devices(const struct machine_desc *m)
{
	const struct machine_uart *u = &m->uart;
	int i;

	if (u->present)
		pr_info("uart: %s at 0x%lx shift %u width %u irq %u clock %u\n",
			u->compatible, (unsigned long)u->base, u->reg_shift,
			u->reg_io_width, u->irq, u->clock_frequency);
	if (m->plic.present) {
		pr_info("plic: at 0x%lx ndev %u, S-mode contexts:",
			(unsigned long)m->plic.base, m->plic.ndev);
		for (i = 0; i < MACHINE_MAX_CPUS; i++)
			if (m->plic.s_context[i] >= 0)
				pr_cont(" hart%d=%d", i, m->plic.s_context[i]);
		pr_cont("\n");
	}
	for (i = 0; i < m->nr_virtio; i++)
		pr_info("virtio-mmio: 0x%lx irq %u\n",
			(unsigned long)m->virtio[i].base, m->virtio[i].irq);
	for (i = 0; i < m->nr_mmc; i++)
		pr_info("mmc: %s at 0x%lx irq %u fifo %u width %u%s\n",
			m->mmc[i].compatible, (unsigned long)m->mmc[i].base,
			m->mmc[i].irq, m->mmc[i].fifo_depth, m->mmc[i].bus_width,
			m->mmc[i].okay ? "" : " (disabled)");
}

/* One line per fact, at KERN_INFO; for the boot log. */
void machine_desc_print(const struct machine_desc *m)
{
	const struct machine_rsv *r;
	int i;

	pr_info("Machine model: %s\n", m->model[0] ? m->model : "(none)");
	for (i = 0; i < m->nr_mem; i++)
		pr_info("memory: 0x%016llx-0x%016llx (%llu MiB)\n",
			(unsigned long long)m->mem[i].base,
			(unsigned long long)(m->mem[i].base + m->mem[i].size - 1),
			(unsigned long long)(m->mem[i].size >> 20));
	for (i = 0; i < m->nr_rsv; i++) {
		r = &m->rsv[i];
		pr_info("reserved: 0x%016llx-0x%016llx %s%s\n",
			(unsigned long long)r->base,
			(unsigned long long)(r->base + r->size - 1), r->name,
			r->no_map ? " no-map" : "");
	}
	pr_info("chosen: bootargs \"%s\" stdout %s%s%s\n", m->bootargs,
		m->stdout_path[0] ? m->stdout_path : "(none)",
		m->stdout_opts[0] ? ":" : "", m->stdout_opts);
	if (m->has_initrd)
		pr_info("initrd: 0x%lx-0x%lx\n", (unsigned long)m->initrd_start,
			(unsigned long)m->initrd_end);
	print_cpus(m);
	print_devices(m);
}
