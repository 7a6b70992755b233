/*
 * PCI devices and drivers, Linux's names at rivet's size (drivers/pci/,
 * docs/pci.md). A host bridge driver (pci-host-generic.c: ECAM) scans its
 * buses, sizes and assigns the BARs, routes INTx through the DT's
 * interrupt-map; then every struct pci_dev is offered to the PCI drivers
 * in the "pci_drivers" linker section:
 *
 *	static const struct pci_device_id foo_ids[] = {
 *		{ PCI_DEVICE(0x1b36, 0x0007) },
 *		{ PCI_DEVICE_CLASS(0x080500, 0xffff00) },
 *		{ }
 *	};
 *	static int foo_probe(struct pci_dev *pdev, const struct pci_device_id *id);
 *	static const struct pci_driver foo_driver = {
 *		.id_table = foo_ids, .probe = foo_probe,
 *		.driver = { .name = "foo" },
 *	};
 *	module_pci_driver(foo_driver);
 *
 * Left out: MSI/MSI-X, I/O port accessors (inb/outb), hot-plug, removal,
 * capabilities lists, domains other than the one per host bridge.
 */
#ifndef _LINUX_PCI_H
#define _LINUX_PCI_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/device.h>
#include <linux/ioport.h>

/* Configuration space header (PCI Local Bus 3.0, 6.1), byte offsets. */
#define PCI_VENDOR_ID		0x00	/* 16 bits */
#define PCI_DEVICE_ID		0x02	/* 16 bits */
#define PCI_COMMAND		0x04	/* 16 bits */
#define  PCI_COMMAND_IO		0x1	/* decode I/O space */
#define  PCI_COMMAND_MEMORY	0x2	/* decode memory space */
#define  PCI_COMMAND_MASTER	0x4	/* may master the bus (DMA) */
#define  PCI_COMMAND_INTX_DISABLE 0x400
#define PCI_STATUS		0x06	/* 16 bits */
#define PCI_CLASS_REVISION	0x08	/* class << 8 | revision */
#define PCI_HEADER_TYPE		0x0e	/* 8 bits */
#define  PCI_HEADER_TYPE_MASK	0x7f
#define  PCI_HEADER_TYPE_NORMAL	0
#define  PCI_HEADER_TYPE_BRIDGE	1
#define  PCI_HEADER_TYPE_MFD	0x80	/* more functions than 0 */
#define PCI_BASE_ADDRESS_0	0x10	/* 6 of them (2 for a bridge), 32 bits each */
#define  PCI_BASE_ADDRESS_SPACE_IO	0x1
#define  PCI_BASE_ADDRESS_MEM_TYPE_64	0x4
#define  PCI_BASE_ADDRESS_MEM_PREFETCH	0x8
#define  PCI_BASE_ADDRESS_MEM_MASK	(~0xfu)
#define  PCI_BASE_ADDRESS_IO_MASK	(~0x3u)
#define PCI_INTERRUPT_LINE	0x3c	/* 8 bits: what the OS routed (informative) */
#define PCI_INTERRUPT_PIN	0x3d	/* 8 bits: 0 none, 1..4 INTA..INTD */

/* Type 1 (PCI-to-PCI bridge) header. */
#define PCI_PRIMARY_BUS		0x18	/* primary, secondary, subordinate, latency */
#define PCI_IO_BASE		0x1c	/* 8 bits, and PCI_IO_LIMIT at 0x1d */
#define PCI_MEMORY_BASE		0x20	/* 16 bits: address bits 31:20 in 15:4 */
#define PCI_MEMORY_LIMIT	0x22
#define PCI_PREF_MEMORY_BASE	0x24
#define PCI_PREF_MEMORY_LIMIT	0x26
#define PCI_PREF_BASE_UPPER32	0x28
#define PCI_PREF_LIMIT_UPPER32	0x2c
#define PCI_BRIDGE_CONTROL	0x3e

#define PCI_ANY_ID		(~0u)
#define PCI_NUM_RESOURCES	6

#define PCI_DEVFN(slot, func)	((((slot) & 0x1f) << 3) | ((func) & 0x07))
#define PCI_SLOT(devfn)		(((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)		((devfn) & 0x07)

/* What a driver matches: vendor/device (PCI_ANY_ID = any) and class & class_mask. */
struct pci_device_id {
	u32 vendor, device;
	u32 subvendor, subdevice;
	u32 class, class_mask;		/* 24 bits: base class, subclass, prog-if */
	unsigned long driver_data;
};

#define PCI_DEVICE(vend, dev) \
	.vendor = (vend), .device = (dev), \
	.subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID
#define PCI_DEVICE_CLASS(dev_class, dev_class_mask) \
	.vendor = PCI_ANY_ID, .device = PCI_ANY_ID, \
	.subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID, \
	.class = (dev_class), .class_mask = (dev_class_mask)

struct pci_host_bridge;

/* One function on a bus, as the scan found it. */
struct pci_dev {
	struct device dev;		/* name "0000:00:01.0"; driver once matched */
	struct list_head node;		/* on the bridge's list, in scan order */
	struct pci_host_bridge *host;	/* config space and windows */
	unsigned int bus;		/* bus number */
	unsigned int devfn;		/* PCI_DEVFN(slot, function) */
	u16 vendor, device;
	u16 subsystem_vendor, subsystem_device;
	u32 class;			/* base class << 16 | subclass << 8 | prog-if */
	u8 revision;
	u8 hdr_type;			/* PCI_HEADER_TYPE_* (without the MFD bit) */
	u8 pin;				/* 1..4 = INTA..INTD, 0 = none */
	int irq;			/* interrupt controller number, 0 = none */
	struct pci_dev *bridge;		/* the bridge above, NULL on the root bus */
	/* BARs, as CPU physical ranges: flags IORESOURCE_MEM/IO, 0 if unused */
	struct resource resource[PCI_NUM_RESOURCES];
};

#define to_pci_dev(d)	container_of(d, struct pci_dev, dev)

/*
 * probe gets a device whose ids matched @id. It returns 0 when the device
 * works (after one dev_info line), or -Exxx, which is reported. Runs at
 * boot from the host bridge's probe, interrupts off; may allocate.
 */
struct pci_driver {
	const struct pci_device_id *id_table;	/* ended by an all-zero entry */
	int (*probe)(struct pci_dev *pdev, const struct pci_device_id *id);
	struct device_driver driver;		/* .name: the log prefix */
};

#define module_pci_driver(drv)						\
	static const struct pci_driver *const __pci_driver_##drv	\
	__used __section("pci_drivers") __aligned(8) = &(drv)

/* Config space access: 0, or -EINVAL (offset out of range or misaligned), -ENODEV. */
int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val);
int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val);
int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val);
int pci_write_config_byte(const struct pci_dev *dev, int where, u8 val);
int pci_write_config_word(const struct pci_dev *dev, int where, u16 val);
int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val);

/* Turn on decoding of the spaces the device's BARs use: 0, or -EINVAL if a BAR got no address. */
int pci_enable_device(struct pci_dev *dev);
/* Let the device master the bus (DMA). */
void pci_set_master(struct pci_dev *dev);

static inline resource_size_t pci_resource_start(const struct pci_dev *dev, int bar)
{
	return dev->resource[bar].start;
}
static inline resource_size_t pci_resource_len(const struct pci_dev *dev, int bar)
{
	return dev->resource[bar].flags ? resource_size(&dev->resource[bar]) : 0;
}
static inline unsigned long pci_resource_flags(const struct pci_dev *dev, int bar)
{
	return dev->resource[bar].flags;
}
/* Map up to @maxlen bytes (0 = all) of memory BAR @bar; NULL if it has none. */
void *pci_iomap(struct pci_dev *dev, int bar, unsigned long maxlen);

static inline const char *pci_name(const struct pci_dev *dev)
{
	return dev_name(&dev->dev);
}

/* The id-table entry of @drv that matches @dev, or NULL. */
const struct pci_device_id *pci_match_id(const struct pci_device_id *ids,
					 const struct pci_dev *dev);

#endif
