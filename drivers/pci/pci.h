/*
 * Inside drivers/pci/: what a host bridge driver hands the PCI core
 * (probe.c scans, pci.c binds drivers and reaches config space). One
 * struct pci_host_bridge per host controller node; docs/pci.md.
 */
#ifndef _DRIVERS_PCI_PCI_H
#define _DRIVERS_PCI_PCI_H

#include <linux/pci.h>

/*
 * A window of bus addresses the host forwards, from the DT's ranges: bus
 * address pci maps to CPU address cpu, size bytes; next is the lowest bus
 * address not yet given to a BAR (the allocation cursor).
 */
struct pci_window {
	u64 pci, cpu, size;
	u64 next;
	bool prefetch;
};

struct pci_host_bridge {
	struct device *dev;		/* the host controller's platform device */
	int domain;			/* the NNNN of NNNN:bb:dd.f */
	void *cfg;			/* ECAM: bus (busnr_first..busnr_last) << 20 */
	unsigned int busnr_first, busnr_last;
	struct pci_window io, mem32, mem64;	/* size 0 = absent */
	/* INTx of (root-bus slot, pin 1..4) as an irq number: > 0, or -Exxx. */
	int (*map_irq)(struct pci_host_bridge *host, unsigned int slot, u8 pin);
	void *sysdata;			/* the host driver's */
	struct list_head devices;	/* struct pci_dev, in scan order */
	unsigned int next_busnr;	/* the next bus number to give a bridge */
};

/* ECAM address of config register @where of (@bus, @devfn), or NULL off the mapped buses. */
void *pci_ecam_map_bus(struct pci_host_bridge *host, unsigned int bus,
		       unsigned int devfn, int where);

/*
 * Scan the host's root bus and every bus behind a PCI-to-PCI bridge
 * (depth first, numbering them), size and assign every BAR from the
 * windows, route INTx: the number of functions found.
 */
int pci_scan_root_bus_bridge(struct pci_host_bridge *host);
/* Offer each device found to the PCI drivers: the number bound. */
int pci_bus_add_devices(struct pci_host_bridge *host);

#endif
