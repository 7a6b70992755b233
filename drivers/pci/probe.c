/*
 * drivers/pci/probe.c: find the functions behind a host bridge and make
 * them usable, as Linux's pci_scan_root_bus_bridge and
 * pci_assign_unassigned_resources do together, in one depth-first pass:
 * every slot and function of a bus (PCI Local Bus 3.0, 6.1), BARs sized by
 * writing all ones (6.2.5.1) and given naturally aligned addresses from
 * the host's windows, PCI-to-PCI bridges (PCI-to-PCI Bridge Architecture
 * 1.2, 3.2) numbered and given the windows of what is behind them, and
 * INTx swizzled to the root bus (bridge spec 9.1) and routed by the host.
 * Leaves out: prefetchable bridge windows, expansion ROMs, resizing,
 * hot-plug, capabilities. docs/pci.md.
 */
#include <linux/pci.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include "pci.h"

#define pci_info(dev, fmt, ...) \
	pr_info("pci %s: " fmt, pci_name(dev), ##__VA_ARGS__)
#define pci_warn(dev, fmt, ...) \
	pr_warn("pci %s: " fmt, pci_name(dev), ##__VA_ARGS__)

#define BRIDGE_MEM_ALIGN	0x100000	/* a bridge's memory window: 1 MiB units */
#define BRIDGE_IO_ALIGN		0x1000		/* its I/O window: 4 KiB units */

static void pci_scan_bus(struct pci_host_bridge *host, unsigned int bus,
			 struct pci_dev *bridge);

/*
 * A bus address for @size bytes (a power of two) from @win, aligned to
 * @size: the address, or 0 if the window is absent or full (bus address 0
 * is never given: the host starts its I/O cursor above the legacy range).
 */
static u64 pci_window_alloc(struct pci_window *win, u64 size)
{
	u64 addr;

	if (!win->size)
		return 0;
	if (win->next < win->pci)
		win->next = win->pci;
	addr = ALIGN(win->next, size);
	if (addr == 0 || addr < win->next || addr + size > win->pci + win->size ||
	    addr + size < addr)
		return 0;
	win->next = addr + size;
	return addr;
}

/* Size BAR @reg (and its upper half if 64-bit): its size and flags, size 0 if unused. */
static u64 pci_size_bar(struct pci_dev *dev, int reg, u32 *bar, bool *is64)
{
	u32 orig, sz, orig_hi, sz_hi = 0xffffffff;
	u64 mask;

	pci_read_config_dword(dev, reg, &orig);
	pci_write_config_dword(dev, reg, 0xffffffff);
	pci_read_config_dword(dev, reg, &sz);
	pci_write_config_dword(dev, reg, orig);
	*bar = orig;
	*is64 = !(orig & PCI_BASE_ADDRESS_SPACE_IO) &&
		(orig & 0x6) == PCI_BASE_ADDRESS_MEM_TYPE_64;
	if (sz == 0 || sz == 0xffffffff)
		return 0;
	if (orig & PCI_BASE_ADDRESS_SPACE_IO) {
		mask = sz & PCI_BASE_ADDRESS_IO_MASK;
		if (!(mask & 0xffff0000))
			mask |= 0xffff0000;	/* a 16-bit I/O decoder */
		return (u32)(~mask + 1);
	}
	if (*is64) {
		pci_read_config_dword(dev, reg + 4, &orig_hi);
		pci_write_config_dword(dev, reg + 4, 0xffffffff);
		pci_read_config_dword(dev, reg + 4, &sz_hi);
		pci_write_config_dword(dev, reg + 4, orig_hi);
	}
	mask = (u64)sz_hi << 32 | (sz & PCI_BASE_ADDRESS_MEM_MASK);
	return ~mask + 1;
}

/* The window a BAR of this kind comes from (64-bit prefetchable: the high one, if any). */
static struct pci_window *pci_bar_window(struct pci_host_bridge *host, u32 bar,
					 bool is64, bool behind_bridge)
{
	if (bar & PCI_BASE_ADDRESS_SPACE_IO)
		return &host->io;
	if (is64 && (bar & PCI_BASE_ADDRESS_MEM_PREFETCH) && host->mem64.size &&
	    !behind_bridge)
		return &host->mem64;
	return &host->mem32;
}

/*
 * Size and assign @dev's first @nbars BARs, filling dev->resource and
 * printing each as Linux does ("BAR 0 [mem 0x40000000-0x400000ff]: assigned").
 */
static void pci_assign_bars(struct pci_dev *dev, int nbars)
{
	struct pci_host_bridge *host = dev->host;
	struct pci_window *win;
	int i, reg;

	for (i = 0; i < nbars; i++) {
		bool is64, io;
		u32 bar;
		u64 size, addr;

		reg = PCI_BASE_ADDRESS_0 + 4 * i;
		size = pci_size_bar(dev, reg, &bar, &is64);
		if (!size)
			continue;
		io = bar & PCI_BASE_ADDRESS_SPACE_IO;
		win = pci_bar_window(host, bar, is64, dev->bridge != NULL);
		addr = pci_window_alloc(win, size);
		if (!addr && is64 && win == &host->mem32 && !dev->bridge)
			addr = pci_window_alloc(win = &host->mem64, size);
		if (!addr || (!is64 && !io && addr >> 32)) {
			pci_warn(dev, "BAR %d: no space for %s of 0x%llx bytes\n", i,
				 io ? "io" : "mem", (unsigned long long)size);
			i += is64;
			continue;
		}
		pci_write_config_dword(dev, reg, (u32)addr | (bar & 0xf));
		if (is64)
			pci_write_config_dword(dev, reg + 4, addr >> 32);
		dev->resource[i].start = win->cpu + (addr - win->pci);
		dev->resource[i].end = dev->resource[i].start + size - 1;
		dev->resource[i].flags = io ? IORESOURCE_IO : IORESOURCE_MEM;
		pci_info(dev, "BAR %d [%s 0x%llx-0x%llx%s%s]: assigned\n", i,
			 io ? "io" : "mem", (unsigned long long)dev->resource[i].start,
			 (unsigned long long)dev->resource[i].end, is64 ? " 64bit" : "",
			 bar & PCI_BASE_ADDRESS_MEM_PREFETCH && !io ? " pref" : "");
		i += is64;
	}
}

/*
 * INTx of @dev: its pin swizzled through every bridge up to the root bus
 * (pin' = (pin - 1 + slot) % 4 + 1 at each), then the host's routing for
 * the root-bus slot. Sets dev->irq (0 if it has no pin or no route).
 */
static void pci_assign_irq(struct pci_dev *dev)
{
	struct pci_dev *d = dev;
	u8 pin;
	int irq;

	pci_read_config_byte(dev, PCI_INTERRUPT_PIN, &pin);
	if (pin < 1 || pin > 4 || !dev->host->map_irq)
		return;
	dev->pin = pin;
	for (; d->bridge; d = d->bridge)
		pin = (pin - 1 + PCI_SLOT(d->devfn)) % 4 + 1;
	irq = dev->host->map_irq(dev->host, PCI_SLOT(d->devfn), pin);
	if (irq <= 0) {
		pci_warn(dev, "INT%c: no route (%d)\n", 'A' + dev->pin - 1, irq);
		return;
	}
	dev->irq = irq;
	pci_write_config_byte(dev, PCI_INTERRUPT_LINE, irq & 0xff);
	pci_info(dev, "INT%c: irq %d\n", 'A' + dev->pin - 1, irq);
}

/*
 * Number the bus behind bridge @dev, scan it, then program the bridge's
 * bus numbers and its memory and I/O windows to cover exactly what was
 * assigned behind it (prefetchable window off), and let it forward.
 */
static void pci_scan_bridge(struct pci_dev *dev)
{
	struct pci_host_bridge *host = dev->host;
	unsigned int sec = host->next_busnr;
	u64 mem_start, mem_end, io_start, io_end;
	u32 buses;

	if (sec > host->busnr_last) {
		pci_warn(dev, "no bus number left for the bus behind this bridge\n");
		return;
	}
	host->next_busnr++;
	pci_read_config_dword(dev, PCI_PRIMARY_BUS, &buses);
	buses = (buses & 0xff000000) | 0xff << 16 | sec << 8 | dev->bus;
	pci_write_config_dword(dev, PCI_PRIMARY_BUS, buses);

	mem_start = host->mem32.next = ALIGN(max(host->mem32.next, host->mem32.pci),
					     BRIDGE_MEM_ALIGN);
	io_start = host->io.next = ALIGN(max(host->io.next, host->io.pci + BRIDGE_IO_ALIGN),
					 BRIDGE_IO_ALIGN);
	pci_scan_bus(host, sec, dev);
	mem_end = host->mem32.next = ALIGN(host->mem32.next, BRIDGE_MEM_ALIGN);
	io_end = host->io.next = ALIGN(host->io.next, BRIDGE_IO_ALIGN);

	buses = (buses & 0xff00ffff) | (host->next_busnr - 1) << 16;
	pci_write_config_dword(dev, PCI_PRIMARY_BUS, buses);
	if (host->mem32.size && mem_end > mem_start) {
		pci_write_config_word(dev, PCI_MEMORY_BASE, (mem_start >> 16) & 0xfff0);
		pci_write_config_word(dev, PCI_MEMORY_LIMIT, ((mem_end - 1) >> 16) & 0xfff0);
	} else {
		pci_write_config_word(dev, PCI_MEMORY_BASE, 0xfff0);
		pci_write_config_word(dev, PCI_MEMORY_LIMIT, 0);
	}
	if (host->io.size && io_end > io_start) {
		pci_write_config_byte(dev, PCI_IO_BASE, (io_start >> 8) & 0xf0);
		pci_write_config_byte(dev, PCI_IO_BASE + 1, ((io_end - 1) >> 8) & 0xf0);
	} else {
		pci_write_config_byte(dev, PCI_IO_BASE, 0xf0);
		pci_write_config_byte(dev, PCI_IO_BASE + 1, 0);
	}
	pci_write_config_word(dev, PCI_PREF_MEMORY_BASE, 0xfff0);
	pci_write_config_word(dev, PCI_PREF_MEMORY_LIMIT, 0);
	pci_write_config_dword(dev, PCI_PREF_BASE_UPPER32, 0);
	pci_write_config_dword(dev, PCI_PREF_LIMIT_UPPER32, 0);
	pci_write_config_word(dev, PCI_COMMAND,
			      PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	pci_info(dev, "PCI bridge to [bus %02x-%02x]\n", sec, host->next_busnr - 1);
}

/*
 * The function at (@bus, @devfn), if present: a new struct pci_dev on the
 * host's list with its ids, BARs and interrupt (a bridge: its bus too).
 * Returns its header type byte (with the multi-function bit), or -ENODEV
 * if absent, -ENOMEM.
 */
static int pci_scan_device(struct pci_host_bridge *host, unsigned int bus,
			   unsigned int devfn, struct pci_dev *bridge)
{
	struct pci_dev *dev;
	u32 id, class, subsys;
	u16 cmd;
	u8 hdr;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	dev->host = host;
	dev->bus = bus;
	dev->devfn = devfn;
	dev->bridge = bridge;
	if (pci_read_config_dword(dev, PCI_VENDOR_ID, &id) ||
	    (id & 0xffff) == 0xffff || (id & 0xffff) == 0) {
		kfree(dev);
		return -ENODEV;
	}
	snprintf(dev->dev.name, sizeof(dev->dev.name), "%04x:%02x:%02x.%u",
		 host->domain, bus, PCI_SLOT(devfn), PCI_FUNC(devfn));
	dev->vendor = id & 0xffff;
	dev->device = id >> 16;
	pci_read_config_dword(dev, PCI_CLASS_REVISION, &class);
	dev->class = class >> 8;
	dev->revision = class & 0xff;
	pci_read_config_byte(dev, PCI_HEADER_TYPE, &hdr);
	dev->hdr_type = hdr & PCI_HEADER_TYPE_MASK;
	pci_info(dev, "[%04x:%04x] type %02x class 0x%06x\n", dev->vendor,
		 dev->device, dev->hdr_type, dev->class);

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	pci_write_config_word(dev, PCI_COMMAND,
			      cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER));
	list_add_tail(&dev->node, &host->devices);
	if (dev->hdr_type == PCI_HEADER_TYPE_NORMAL) {
		pci_read_config_dword(dev, 0x2c, &subsys);
		dev->subsystem_vendor = subsys & 0xffff;
		dev->subsystem_device = subsys >> 16;
		pci_assign_bars(dev, 6);
		pci_assign_irq(dev);
	} else if (dev->hdr_type == PCI_HEADER_TYPE_BRIDGE) {
		pci_assign_bars(dev, 2);
		pci_scan_bridge(dev);
	} else {
		pci_warn(dev, "header type %02x not handled\n", dev->hdr_type);
	}
	return hdr;
}

/* Every slot of @bus (behind @bridge, NULL for the root bus), all functions of a multi-function one. */
static void pci_scan_bus(struct pci_host_bridge *host, unsigned int bus,
			 struct pci_dev *bridge)
{
	unsigned int slot, fn;
	int hdr;

	for (slot = 0; slot < 32; slot++) {
		hdr = pci_scan_device(host, bus, PCI_DEVFN(slot, 0), bridge);
		if (hdr < 0 || !(hdr & PCI_HEADER_TYPE_MFD))
			continue;
		for (fn = 1; fn < 8; fn++)
			pci_scan_device(host, bus, PCI_DEVFN(slot, fn), bridge);
	}
}

int pci_scan_root_bus_bridge(struct pci_host_bridge *host)
{
	struct pci_dev *dev;
	int n = 0;

	host->next_busnr = host->busnr_first + 1;
	pci_scan_bus(host, host->busnr_first, NULL);
	list_for_each_entry(dev, &host->devices, node)
		n++;
	return n;
}
