/*
 * Platform devices and drivers (drivers/base/platform.c): how a driver
 * binds itself to device-tree nodes. A driver is one file:
 *
 *	static const struct of_device_id foo_of_match[] = {
 *		{ .compatible = "vendor,foo" },
 *		{ }
 *	};
 *
 *	static int foo_probe(struct platform_device *pdev) { ... return 0; }
 *
 *	static const struct platform_driver foo_driver = {
 *		.probe = foo_probe,
 *		.driver = { .name = "foo", .of_match_table = foo_of_match },
 *	};
 *	module_platform_driver(foo_driver);
 *
 * module_platform_driver() puts a pointer to the driver in the linker
 * section "platform_drivers" (bounded by __start_platform_drivers and
 * __stop_platform_drivers; the kernel's linker script KEEPs it), which
 * of_platform_populate() walks. docs/drivers.md tells the whole story.
 */
#ifndef _LINUX_PLATFORM_DEVICE_H
#define _LINUX_PLATFORM_DEVICE_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/ioport.h>
#include <linux/of.h>

struct platform_device {
	struct device dev;
	struct list_head list;		/* on the list of all devices, in creation order */
	unsigned int num_resources;
	struct resource resource[];	/* reg entries (MEM), then interrupts (IRQ) */
};

/*
 * probe gets a device whose node the driver's table matched. It returns 0
 * when the device works (after printing one dev_info line that says what
 * it found), -EPROBE_DEFER if something it needs (its interrupt controller:
 * see platform_get_irq) is not bound yet, so it is called again later, or
 * another -Exxx, which is reported and leaves the device unbound. A probe
 * that fails undoes what it did. Runs at boot on one CPU; may allocate.
 */
struct platform_driver {
	int (*probe)(struct platform_device *pdev);
	struct device_driver driver;
};

#define to_platform_device(d)	container_of(d, struct platform_device, dev)
#define to_platform_driver(d)	container_of(d, struct platform_driver, driver)

#define module_platform_driver(drv)					\
	static const struct platform_driver *const __platform_driver_##drv \
	__used __section("platform_drivers") __aligned(8) = &(drv)

/* The num-th resource of type (IORESOURCE_MEM, IORESOURCE_IRQ), or NULL. */
struct resource *platform_get_resource(struct platform_device *pdev,
				       unsigned int type, unsigned int num);
/*
 * The num-th interrupt of the device, ready for request_irq: the number
 * (> 0), -ENXIO if the node has no such interrupt, -EPROBE_DEFER if its
 * interrupt controller is a device whose driver has not bound yet, -ENODEV
 * if no driver will bind it, -EINVAL if the entry is malformed.
 */
int platform_get_irq(struct platform_device *pdev, unsigned int num);

static inline void *platform_get_drvdata(const struct platform_device *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}

static inline void platform_set_drvdata(struct platform_device *pdev, void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

/* The data field of the table entry that matched dev's node. */
const void *of_device_get_match_data(const struct device *dev);
/* The device made from np (bound or still waiting), or NULL. */
struct platform_device *of_find_device_by_node(const struct device_node *np);

/*
 * Makes a device for every available node under root (NULL: of_root) and,
 * recursively, under its available simple-bus and simple-mfd children, that
 * a registered driver matches; then probes them, retrying deferred ones
 * while any probe succeeds. Failures are reported ("driver X: probe of node
 * Y failed: -Exxx") and skipped. Returns the number of devices bound, or
 * -ENODEV without a tree, -EBUSY if devices exist already. Boot CPU, once.
 */
int of_platform_populate(struct device_node *root);
/*
 * Forgets every device (no driver is told: rivet drivers cannot unbind).
 * For the host tests between device trees; the kernel never calls it.
 */
void of_platform_depopulate(void);

#endif
