/*
 * drivers/pci/pci.c: configuration space through ECAM (PCI Express Base
 * 4.0, 7.2.2: bus << 20 | device << 15 | function << 12 | register), the
 * calls a PCI driver makes (pci_enable_device, pci_set_master, pci_iomap)
 * and the binding of struct pci_dev to the drivers of the "pci_drivers"
 * linker section. Linux's names; no bus locking (boot, one CPU), no
 * unbinding. docs/pci.md.
 */
#include <linux/pci.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/io.h>
#include "pci.h"

extern const struct pci_driver *const __start_pci_drivers[];
extern const struct pci_driver *const __stop_pci_drivers[];

/* ---- configuration space ------------------------------------------------- */
/* The readers set *val to all ones when they fail, as an absent function reads. */

void *pci_ecam_map_bus(struct pci_host_bridge *host, unsigned int bus,
		       unsigned int devfn, int where)
{
	if (bus < host->busnr_first || bus > host->busnr_last || devfn > 0xff)
		return NULL;
	return host->cfg + ((unsigned long)(bus - host->busnr_first) << 20) +
	       (devfn << 12) + where;
}

/* The address of @where (naturally aligned for @size) in @dev's config space, or NULL. */
static void *config_addr(const struct pci_dev *dev, int where, int size)
{
	if (where < 0 || where + size > 4096 || where % size)
		return NULL;
	return pci_ecam_map_bus(dev->host, dev->bus, dev->devfn, where);
}

int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val)
{
	void *a = config_addr(dev, where, 1);

	if (!a) {
		*val = (u8)~0;	/* what a read of an absent function gives */
		return -EINVAL;
	}
	*val = readb(a);
	return 0;
}

int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val)
{
	void *a = config_addr(dev, where, 2);

	if (!a) {
		*val = (u16)~0;	/* what a read of an absent function gives */
		return -EINVAL;
	}
	*val = readw(a);
	return 0;
}

int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val)
{
	void *a = config_addr(dev, where, 4);

	if (!a) {
		*val = (u32)~0;	/* what a read of an absent function gives */
		return -EINVAL;
	}
	*val = readl(a);
	return 0;
}

int pci_write_config_byte(const struct pci_dev *dev, int where, u8 val)
{
	void *a = config_addr(dev, where, 1);

	if (!a)
		return -EINVAL;
	writeb(val, a);
	return 0;
}

int pci_write_config_word(const struct pci_dev *dev, int where, u16 val)
{
	void *a = config_addr(dev, where, 2);

	if (!a)
		return -EINVAL;
	writew(val, a);
	return 0;
}

int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val)
{
	void *a = config_addr(dev, where, 4);

	if (!a)
		return -EINVAL;
	writel(val, a);
	return 0;
}

/* ---- what drivers call --------------------------------------------------- */

/*
 * Decode the spaces @dev's assigned BARs are in. -EINVAL if a BAR the
 * device has got no address (the windows were full: see the scan's lines).
 */
int pci_enable_device(struct pci_dev *dev)
{
	u16 cmd, want = 0;
	int i;

	for (i = 0; i < PCI_NUM_RESOURCES; i++) {
		unsigned long t = resource_type(&dev->resource[i]);

		if (t && dev->resource[i].start == 0)
			return -EINVAL;
		if (t == IORESOURCE_MEM)
			want |= PCI_COMMAND_MEMORY;
		else if (t == IORESOURCE_IO)
			want |= PCI_COMMAND_IO;
	}
	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	if ((cmd & want) != want)
		pci_write_config_word(dev, PCI_COMMAND, cmd | want);
	return 0;
}

void pci_set_master(struct pci_dev *dev)
{
	u16 cmd;

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	if (!(cmd & PCI_COMMAND_MASTER))
		pci_write_config_word(dev, PCI_COMMAND, cmd | PCI_COMMAND_MASTER);
}

void *pci_iomap(struct pci_dev *dev, int bar, unsigned long maxlen)
{
	resource_size_t len;

	if (bar < 0 || bar >= PCI_NUM_RESOURCES ||
	    resource_type(&dev->resource[bar]) != IORESOURCE_MEM)
		return NULL;
	len = pci_resource_len(dev, bar);
	if (maxlen && maxlen < len)
		len = maxlen;
	return ioremap(pci_resource_start(dev, bar), len);
}

/* ---- drivers ------------------------------------------------------------- */

/* Does @id (not the terminator) describe @dev? */
static bool pci_id_matches(const struct pci_device_id *id, const struct pci_dev *dev)
{
	return (id->vendor == PCI_ANY_ID || id->vendor == dev->vendor) &&
	       (id->device == PCI_ANY_ID || id->device == dev->device) &&
	       (id->subvendor == PCI_ANY_ID || id->subvendor == dev->subsystem_vendor) &&
	       (id->subdevice == PCI_ANY_ID || id->subdevice == dev->subsystem_device) &&
	       ((id->class ^ dev->class) & id->class_mask) == 0;
}

const struct pci_device_id *pci_match_id(const struct pci_device_id *ids,
					 const struct pci_dev *dev)
{
	for (; ids && (ids->vendor || ids->device || ids->class_mask); ids++)
		if (pci_id_matches(ids, dev))
			return ids;
	return NULL;
}

/*
 * The first driver in link order whose table matches @dev gets it; a
 * failed probe is reported and the device stays unbound. 1 if bound.
 */
static int pci_bind_device(struct pci_dev *dev)
{
	const struct pci_driver *const *p;
	const struct pci_device_id *id;
	int err;

	for (p = __start_pci_drivers; p < __stop_pci_drivers; p++) {
		id = pci_match_id((*p)->id_table, dev);
		if (!id)
			continue;
		dev->dev.driver = &(*p)->driver;
		err = (*p)->probe(dev, id);
		if (!err) {
			dev->dev.bound = true;
			return 1;
		}
		pr_err("driver %s: probe of %s failed: %d\n", (*p)->driver.name,
		       pci_name(dev), err);
		dev->dev.driver = NULL;
		return 0;
	}
	return 0;
}

int pci_bus_add_devices(struct pci_host_bridge *host)
{
	struct pci_dev *dev;
	int bound = 0;

	list_for_each_entry(dev, &host->devices, node)
		bound += pci_bind_device(dev);
	return bound;
}
