/*
 * SDHCI on PCI: the PCI driver for class 0x0805 (SD host controller; QEMU's
 * sdhci-pci is 1b36:0007, class 0x080501). The Slot Information register
 * (config 0x40, SD Host Controller Simplified Specification 3.00, 2.1)
 * gives the slots and the BAR of the first; each slot is 256 bytes of
 * the sdhci.c register map. Drives the first slot only; no vendor quirks.
 */
#include <linux/pci.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include "sdhci.h"

#define PCI_SLOT_INFO		0x40	/* 6:4 slots - 1, 2:0 first BAR */
#define  PCI_SLOT_INFO_SLOTS(x)	((((x) >> 4) & 7) + 1)
#define  PCI_SLOT_INFO_FIRST_BAR(x) ((x) & 7)
#define SDHCI_SLOT_SIZE		0x100

/* Prog-if 0 (PIO only) and 1 (DMA) are standard; 2 is vendor-specific. */
#define PCI_SDHCI_IFACE_VENDOR	2

/*
 * Bind a standard SDHCI function: enable it (memory, bus mastering for
 * ADMA), map the first slot and hand it to sdhci_add_host.
 */
static int sdhci_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct sdhci_host *host;
	u8 info;
	int bar, err;

	if ((pdev->class & 0xff) >= PCI_SDHCI_IFACE_VENDOR)
		return -ENODEV;
	if (pdev->irq <= 0) {
		dev_err(&pdev->dev, "no INTx routed\n");
		return -ENXIO;
	}
	pci_read_config_byte(pdev, PCI_SLOT_INFO, &info);
	bar = PCI_SLOT_INFO_FIRST_BAR(info);
	if (bar >= PCI_NUM_RESOURCES || pci_resource_len(pdev, bar) < SDHCI_SLOT_SIZE ||
	    !(pci_resource_flags(pdev, bar) & IORESOURCE_MEM))
		return -ENODEV;
	err = pci_enable_device(pdev);
	if (err)
		return err;
	pci_set_master(pdev);
	host = sdhci_alloc_host(&pdev->dev, 0);
	if (!host)
		return -ENOMEM;
	host->hw_name = "PCI";
	host->irq = pdev->irq;
	host->ioaddr = pci_iomap(pdev, bar, SDHCI_SLOT_SIZE);
	if (!host->ioaddr) {
		mmc_free_host(host->mmc);
		return -ENOMEM;
	}
	err = sdhci_add_host(host);
	if (err)
		return err;	/* the host stays allocated: its irq may be registered */
	dev_info(&pdev->dev, "slot 1 of %u at BAR %d, %s\n", PCI_SLOT_INFO_SLOTS(info), bar,
		 mmc_hostname(host->mmc));
	return 0;
}

static const struct pci_device_id sdhci_pci_ids[] = {
	{ PCI_DEVICE_CLASS(0x080500, 0xffff00) },
	{ }
};

static const struct pci_driver sdhci_pci_driver = {
	.id_table = sdhci_pci_ids,
	.probe = sdhci_pci_probe,
	.driver = { .name = "sdhci-pci" },
};
module_pci_driver(sdhci_pci_driver);
