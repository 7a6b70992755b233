/*
 * The generic ECAM PCI host ("pci-host-ecam-generic", QEMU virt's
 * /soc/pci@30000000): a platform driver that maps the ECAM window of its
 * reg, reads its windows from ranges and its INTx routing from
 * interrupt-map (Devicetree Specification v0.4 2.4.3; the PCI bus binding,
 * IEEE 1275 PCI 2.1: phys.hi = npt000ss bbbbbbbb dddddfff rrrrrrrr), then
 * scans and binds the PCI drivers (probe.c, pci.c). Left out: CPU
 * addresses translated through buses above the host (rivet's /soc has
 * empty ranges), interrupt-map parents that are nexus nodes themselves,
 * more than 16 buses. docs/pci.md.
 */
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/fdt.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <asm/io.h>
#include "pci.h"

#define GEN_PCI_MAX_BUSES	16	/* ECAM mapped: 1 MiB per bus */
#define PCI_ADDR_CELLS		3	/* phys.hi, phys.mid, phys.lo */
#define PCI_IRQ_CELLS		1	/* the pin */
#define IMAP_KEY_CELLS		(PCI_ADDR_CELLS + PCI_IRQ_CELLS)
#define PCI_LEGACY_IO_END	0x1000	/* I/O BARs start above it */

struct gen_pci {
	struct pci_host_bridge host;
	struct device_node *np;
	const u8 *imap;			/* interrupt-map, or NULL */
	int imap_cells;
	u32 imask[IMAP_KEY_CELLS];	/* interrupt-map-mask (all ones if absent) */
};

/* One decoded interrupt-map entry. */
struct imap_entry {
	u32 key[IMAP_KEY_CELLS];	/* child unit address and pin */
	struct device_node *parent;	/* the interrupt controller */
	u32 irq;			/* first cell of its specifier */
};

/* @np's @name (a cell count), or @def if absent. */
static u32 cells_of(const struct device_node *np, const char *name, u32 def)
{
	u32 v = def;

	of_property_read_u32(np, name, &v);
	return v;
}

/*
 * Decode the interrupt-map entry at cell @pos into *@e: the cell after
 * it, or -EINVAL (truncated, unknown phandle, a parent without
 * #interrupt-cells), -EOPNOTSUPP (the parent is not an
 * interrupt-controller: a nested nexus).
 */
static int imap_decode(const struct gen_pci *g, int pos, struct imap_entry *e)
{
	const u8 *p = g->imap;
	u32 pac, pic;
	int i;

	if (pos + IMAP_KEY_CELLS + 1 > g->imap_cells)
		return -EINVAL;
	for (i = 0; i < IMAP_KEY_CELLS; i++)
		e->key[i] = fdt32_ld(p + 4 * (pos + i));
	pos += IMAP_KEY_CELLS;
	e->parent = of_find_node_by_phandle(fdt32_ld(p + 4 * pos++));
	if (!e->parent)
		return -EINVAL;
	if (!of_property_read_bool(e->parent, "interrupt-controller"))
		return -EOPNOTSUPP;
	pac = cells_of(e->parent, "#address-cells", 0);
	pic = cells_of(e->parent, "#interrupt-cells", 0);
	if (pic < 1 || pac > 3 || pos + pac + pic > (u32)g->imap_cells)
		return -EINVAL;
	e->irq = fdt32_ld(p + 4 * (pos + pac));
	return pos + pac + pic;
}

/*
 * Every controller the map names must be bound before any INTx is handed
 * out (request_irq needs it): 0, -EPROBE_DEFER while one waits, -ENODEV if
 * one has no driver, or imap_decode's error.
 */
static int imap_check_parents(const struct gen_pci *g)
{
	struct platform_device *ctrl;
	struct imap_entry e;
	int pos = 0;

	while (pos < g->imap_cells) {
		pos = imap_decode(g, pos, &e);
		if (pos < 0)
			return pos;
		ctrl = of_find_device_by_node(e.parent);
		if (!ctrl)
			return -ENODEV;
		if (!device_is_bound(&ctrl->dev))
			return -EPROBE_DEFER;
	}
	return 0;
}

/* host->map_irq: the interrupt-map entry for (root bus, @slot, @pin) under the mask. */
static int gen_pci_map_irq(struct pci_host_bridge *host, unsigned int slot, u8 pin)
{
	struct gen_pci *g = container_of(host, struct gen_pci, host);
	u32 key[IMAP_KEY_CELLS] = {
		host->busnr_first << 16 | PCI_DEVFN(slot, 0) << 8, 0, 0, pin
	};
	struct imap_entry e;
	int pos = 0, i;

	if (!g->imap)
		return -ENXIO;
	while (pos < g->imap_cells) {
		pos = imap_decode(g, pos, &e);
		if (pos < 0)
			return pos;
		for (i = 0; i < IMAP_KEY_CELLS; i++)
			if ((key[i] & g->imask[i]) != (e.key[i] & g->imask[i]))
				break;
		if (i == IMAP_KEY_CELLS)
			return e.irq ? (int)e.irq : -EINVAL;
	}
	return -ENXIO;
}

/* interrupt-map and its mask, checked for shape: 0 or -EINVAL. */
static int gen_pci_parse_imap(struct gen_pci *g)
{
	const u8 *mask;
	int len, i;

	for (i = 0; i < IMAP_KEY_CELLS; i++)
		g->imask[i] = 0xffffffff;
	g->imap = of_get_property(g->np, "interrupt-map", &len);
	if (!g->imap)
		return 0;
	if (len % 4 || cells_of(g->np, "#address-cells", 0) != PCI_ADDR_CELLS ||
	    cells_of(g->np, "#interrupt-cells", 0) != PCI_IRQ_CELLS)
		return -EINVAL;
	g->imap_cells = len / 4;
	mask = of_get_property(g->np, "interrupt-map-mask", &len);
	if (mask) {
		if (len != 4 * IMAP_KEY_CELLS)
			return -EINVAL;
		for (i = 0; i < IMAP_KEY_CELLS; i++)
			g->imask[i] = fdt32_ld(mask + 4 * i);
	}
	return 0;
}

/* @n cells at @p as one number (n = 1 or 2). */
static u64 read_cells(const u8 *p, u32 n)
{
	return n == 2 ? fdt64_ld(p) : fdt32_ld(p);
}

/*
 * The host's windows from ranges: the first I/O, 32-bit memory and 64-bit
 * memory range each (space code 01, 10, 11 in phys.hi). 0 or -EINVAL.
 */
static int gen_pci_parse_ranges(struct gen_pci *g)
{
	struct pci_host_bridge *host = &g->host;
	u32 pna = cells_of(g->np->parent, "#address-cells", 2);
	u32 nsc = cells_of(g->np, "#size-cells", 2);
	int len, n, i, entry;
	const u8 *p = of_get_property(g->np, "ranges", &len);

	if (!p || (pna != 1 && pna != 2) || nsc != 2)
		return -EINVAL;
	entry = 4 * (PCI_ADDR_CELLS + pna + nsc);
	if (len % entry)
		return -EINVAL;
	n = len / entry;
	for (i = 0; i < n; i++, p += entry) {
		u32 hi = fdt32_ld(p);
		struct pci_window w = {
			.pci = fdt64_ld(p + 4),
			.cpu = read_cells(p + 12, pna),
			.size = fdt64_ld(p + 12 + 4 * pna),
			.prefetch = hi & (1u << 30),
		};
		struct pci_window *dst;

		switch ((hi >> 24) & 3) {
		case 1: dst = &host->io; break;
		case 2: dst = &host->mem32; break;
		case 3: dst = &host->mem64; break;
		default: continue;
		}
		if (dst->size || !w.size)
			continue;
		w.next = w.pci;
		if (dst == &host->io && w.next < PCI_LEGACY_IO_END)
			w.next = PCI_LEGACY_IO_END;
		*dst = w;
	}
	return 0;
}

/* One "MEM 0x40000000..0x7fffffff -> bus 0x40000000" line per window. */
static void gen_pci_print_window(struct device *dev, const char *what,
				 const struct pci_window *w)
{
	if (w->size)
		dev_info(dev, "%s 0x%010llx..0x%010llx -> bus 0x%llx%s\n", what,
			 (unsigned long long)w->cpu,
			 (unsigned long long)(w->cpu + w->size - 1),
			 (unsigned long long)w->pci, w->prefetch ? " pref" : "");
}

/* Map the ECAM space of buses bus-range (at most GEN_PCI_MAX_BUSES of them). */
static int gen_pci_map_cfg(struct gen_pci *g, struct resource *res)
{
	struct pci_host_bridge *host = &g->host;
	u32 first = 0, last = 0xff;
	u64 nbus;

	of_property_read_u32_index(g->np, "bus-range", 0, &first);
	of_property_read_u32_index(g->np, "bus-range", 1, &last);
	nbus = resource_size(res) >> 20;
	if (last < first || last > 0xff || nbus == 0)
		return -EINVAL;
	if (last - first + 1 > nbus)
		last = first + nbus - 1;
	if (last - first + 1 > GEN_PCI_MAX_BUSES)
		last = first + GEN_PCI_MAX_BUSES - 1;
	host->busnr_first = first;
	host->busnr_last = last;
	host->cfg = ioremap(res->start, (unsigned long)(last - first + 1) << 20);
	if (!host->cfg)
		return -ENOMEM;
	dev_info(host->dev, "ECAM at [mem 0x%llx-0x%llx] for [bus %02x-%02x]\n",
		 (unsigned long long)res->start,
		 (unsigned long long)(res->start + ((u64)(last - first + 1) << 20) - 1),
		 first, last);
	return 0;
}

/*
 * Bind the host: check the tree (ranges, interrupt-map, its controllers
 * bound: -EPROBE_DEFER before the PLIC), map ECAM, scan and assign, then
 * let the PCI drivers probe what was found.
 */
static int gen_pci_probe(struct platform_device *pdev)
{
	struct resource *res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	struct gen_pci *g;
	u32 domain = 0;
	int err, n, bound;

	if (!res)
		return -EINVAL;
	g = kzalloc(sizeof(*g), GFP_KERNEL);
	if (!g)
		return -ENOMEM;
	g->np = pdev->dev.of_node;
	g->host.dev = &pdev->dev;
	g->host.map_irq = gen_pci_map_irq;
	INIT_LIST_HEAD(&g->host.devices);
	of_property_read_u32(g->np, "linux,pci-domain", &domain);
	g->host.domain = domain;
	err = gen_pci_parse_imap(g);
	if (!err && g->imap)
		err = imap_check_parents(g);
	if (!err)
		err = gen_pci_parse_ranges(g);
	if (!err)
		err = gen_pci_map_cfg(g, res);	/* after this nothing fails */
	if (err) {
		kfree(g);
		return err;
	}
	gen_pci_print_window(&pdev->dev, "IO ", &g->host.io);
	gen_pci_print_window(&pdev->dev, "MEM", &g->host.mem32);
	gen_pci_print_window(&pdev->dev, "MEM", &g->host.mem64);
	platform_set_drvdata(pdev, g);
	n = pci_scan_root_bus_bridge(&g->host);
	bound = pci_bus_add_devices(&g->host);
	dev_info(&pdev->dev, "%d PCI functions on [bus %02x-%02x], %d bound to a driver\n",
		 n, g->host.busnr_first, g->host.next_busnr - 1, bound);
	return 0;
}

static const struct of_device_id gen_pci_of_match[] = {
	{ .compatible = "pci-host-ecam-generic" },
	{ }
};

static const struct platform_driver gen_pci_driver = {
	.probe = gen_pci_probe,
	.driver = { .name = "pci-host-generic", .of_match_table = gen_pci_of_match },
};
module_platform_driver(gen_pci_driver);
