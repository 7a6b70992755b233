/*
 * drivers/base/platform.c: platform devices made from device-tree nodes and
 * bound to the drivers in the "platform_drivers" linker section, as
 * Linux's of_platform_populate and driver core do (deferred probe
 * included), at rivet's size: devices are made only for nodes a driver
 * matches, are probed once at boot, and are never unbound. docs/drivers.md.
 */
#include <linux/platform_device.h>
#include <linux/of_address.h>
#include <linux/of_irq.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <asm/sections.h>


/*
 * Every device made, bound or waiting, in creation (document) order. No
 * lock: filled and probed at boot on one CPU, only read afterwards.
 */
static LIST_HEAD(platform_devices);

/* Buses whose children are devices too (Linux's of_default_bus_match_table). */
static const struct of_device_id of_default_bus_match_table[] = {
	{ .compatible = "simple-bus" },
	{ .compatible = "simple-mfd" },
	{ }
};

/* "-EINVAL" for the codes a probe is likely to return, else the number. */
static const char *err_name(int err, char *buf, size_t len)
{
	static const struct { int err; const char *name; } names[] = {
		{ -EPROBE_DEFER, "-EPROBE_DEFER" }, { -ENOMEM, "-ENOMEM" },
		{ -EINVAL, "-EINVAL" }, { -ENODEV, "-ENODEV" }, { -ENXIO, "-ENXIO" },
		{ -EBUSY, "-EBUSY" }, { -EIO, "-EIO" }, { -ENOENT, "-ENOENT" },
		{ -ERANGE, "-ERANGE" }, { -EOVERFLOW, "-EOVERFLOW" },
		{ -ENODATA, "-ENODATA" }, { -EOPNOTSUPP, "-EOPNOTSUPP" },
		{ -ETIMEDOUT, "-ETIMEDOUT" }, { -EILSEQ, "-EILSEQ" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].err == err)
			return names[i].name;
	snprintf(buf, len, "%d", err);
	return buf;
}

/* "driver X: probe of node Y failed: -Exxx", at KERN_ERR; boot goes on. */
static void report_failure(const struct device_driver *drv,
			   const struct device_node *np, int err)
{
	char buf[16];

	pr_err("driver %s: probe of node %s failed: %s\n", drv->name,
	       of_node_full_name(np), err_name(err, buf, sizeof(buf)));
}

/* ---- matching ------------------------------------------------------------ */

/*
 * The driver for np: the one whose table names the earliest (most
 * specific) of np's compatible strings; on a tie, the first in link order.
 * NULL if no driver matches.
 */
static const struct platform_driver *of_driver_for(const struct device_node *np)
{
	const struct platform_driver *const *p, *best = NULL;
	const struct of_device_id *id;
	int score, best_score = 0;

	for (p = __start_platform_drivers; p < __stop_platform_drivers; p++) {
		id = of_match_node((*p)->driver.of_match_table, np);
		score = id ? of_device_is_compatible(np, id->compatible) : 0;
		if (score > best_score) {
			best = *p;
			best_score = score;
		}
	}
	return best;
}

/* The data of the match-table entry for dev's node; NULL if unbound or none. */
const void *of_device_get_match_data(const struct device *dev)
{
	const struct of_device_id *id;

	if (!dev->driver)
		return NULL;
	id = of_match_node(dev->driver->of_match_table, dev->of_node);
	return id ? id->data : NULL;
}

/* ---- making devices ------------------------------------------------------ */

/* Linux's bus id: "10000000.serial" from the first register window and
 * the node name without its unit address; the bare name without reg. */
static void of_device_make_bus_id(struct platform_device *pdev)
{
	const char *name = pdev->dev.of_node->name, *at = strchr(name, '@');
	int len = at ? at - name : (int)strlen(name);
	struct resource *mem = platform_get_resource(pdev, IORESOURCE_MEM, 0);

	if (mem)
		snprintf(pdev->dev.name, sizeof(pdev->dev.name), "%llx.%.*s",
			 (unsigned long long)mem->start, len, name);
	else
		snprintf(pdev->dev.name, sizeof(pdev->dev.name), "%.*s", len, name);
}

/* Fills pdev's reg windows, then its interrupts: 0 or -errno. */
static int of_device_fill_resources(struct platform_device *pdev, int nreg,
				    int nirq)
{
	struct device_node *np = pdev->dev.of_node;
	int i, err = 0;

	for (i = 0; i < nreg && !err; i++)
		err = of_address_to_resource(np, i, &pdev->resource[i]);
	for (i = 0; i < nirq && !err; i++)
		err = of_irq_to_resource(np, i, &pdev->resource[nreg + i]);
	return err == -ENOENT ? -EINVAL : err;
}

/*
 * A device for np with its resources: the device, or ERR_PTR -EINVAL (bad
 * reg or interrupts, an interrupt parent missing) or -ENOMEM.
 */
static struct platform_device *of_device_alloc(struct device_node *np)
{
	int nreg = of_address_count(np), nirq = of_irq_count(np), err;
	struct platform_device *pdev;

	if (nreg < 0 || nirq < 0)
		return ERR_PTR(nreg < 0 ? nreg : nirq);
	pdev = kzalloc(sizeof(*pdev) + (nreg + nirq) * sizeof(struct resource),
		       GFP_KERNEL);
	if (!pdev)
		return ERR_PTR(-ENOMEM);
	pdev->dev.of_node = np;
	pdev->num_resources = nreg + nirq;
	err = of_device_fill_resources(pdev, nreg, nirq);
	if (err) {
		kfree(pdev);
		return ERR_PTR(err);
	}
	of_device_make_bus_id(pdev);
	return pdev;
}

/* If a driver matches np, makes its device and queues it for probing. */
static void of_platform_device_create(struct device_node *np)
{
	const struct platform_driver *drv = of_driver_for(np);
	struct platform_device *pdev;

	if (!drv)
		return;
	pdev = of_device_alloc(np);
	if (IS_ERR(pdev)) {
		report_failure(&drv->driver, np, PTR_ERR(pdev));
		return;
	}
	pdev->dev.driver = &drv->driver;
	list_add_tail(&pdev->list, &platform_devices);
}

/* Devices for bus's available children, and below its buses. Depth is
 * bounded by the blob's (FDT_MAX_DEPTH). */
static void of_platform_bus_create(struct device_node *bus)
{
	struct device_node *child;

	for_each_child_of_node(bus, child) {
		if (!of_device_is_available(child))
			continue;
		of_platform_device_create(child);
		if (of_match_node(of_default_bus_match_table, child))
			of_platform_bus_create(child);
	}
}

/* ---- probing ------------------------------------------------------------- */

/* Unlist and free a device no driver holds (failed, or depopulate). */
static void platform_device_del(struct platform_device *pdev)
{
	list_del(&pdev->list);
	kfree(pdev);
}

/*
 * Probes every device not yet bound, in order. A device that binds or
 * fails counts as a change; a failed one is reported and dropped, a
 * deferred one stays (and is reported and dropped too if final). Returns
 * the number of changes.
 */
static int platform_probe_pass(bool final)
{
	struct platform_device *pdev, *next;
	const struct platform_driver *drv;
	int changes = 0, err;

	list_for_each_entry_safe(pdev, next, &platform_devices, list) {
		if (pdev->dev.bound)
			continue;
		drv = to_platform_driver(pdev->dev.driver);
		err = final ? -EPROBE_DEFER : drv->probe(pdev);
		if (err == -EPROBE_DEFER && !final)
			continue;
		changes++;
		if (!err) {
			pdev->dev.bound = true;
			continue;
		}
		report_failure(&drv->driver, pdev->dev.of_node, err);
		platform_device_del(pdev);
	}
	return changes;
}

/*
 * Make the devices under root (NULL: the whole tree) and probe them until
 * a pass binds nothing new. The number bound, -ENODEV without a tree,
 * -EBUSY if called twice. Boot CPU, once; probes may sleep.
 */
int of_platform_populate(struct device_node *root)
{
	struct platform_device *pdev;
	int bound = 0;

	if (!root)
		root = of_root;
	if (!root)
		return -ENODEV;
	if (!list_empty(&platform_devices))
		return -EBUSY;
	of_platform_bus_create(root);
	while (platform_probe_pass(false))
		;
	platform_probe_pass(true);	/* what still waits never will */
	list_for_each_entry(pdev, &platform_devices, list)
		bound++;
	return bound;
}

/* Forget every device without telling its driver (host tests only). */
void of_platform_depopulate(void)
{
	struct platform_device *pdev, *next;

	list_for_each_entry_safe(pdev, next, &platform_devices, list)
		platform_device_del(pdev);
}

/* ---- what drivers ask for ------------------------------------------------ */

/* The num-th resource of type (IORESOURCE_MEM or _IRQ) of pdev, or NULL. */
struct resource *platform_get_resource(struct platform_device *pdev,
				       unsigned int type, unsigned int num)
{
	unsigned int i;

	for (i = 0; i < pdev->num_resources; i++)
		if (resource_type(&pdev->resource[i]) == type && num-- == 0)
			return &pdev->resource[i];
	return NULL;
}

/* The device made from np (bound, or waiting to be), or NULL. */
struct platform_device *of_find_device_by_node(const struct device_node *np)
{
	struct platform_device *pdev;

	list_for_each_entry(pdev, &platform_devices, list)
		if (pdev->dev.of_node == np)
			return pdev;
	return NULL;
}

/*
 * An interrupt controller is ready when its own device has bound: that is
 * what orders the PLIC before the UART. The number is the controller's
 * first cell, which for the PLIC is the source that request_irq takes.
 * Returns it (> 0), or -ENXIO (no such interrupt), -EPROBE_DEFER (the
 * controller has not bound yet), -ENODEV (it never will), -EINVAL.
 */
int platform_get_irq(struct platform_device *pdev, unsigned int num)
{
	struct of_phandle_args args;
	struct platform_device *ctrl;
	int err = of_irq_parse_one(pdev->dev.of_node, num, &args);

	if (err)
		return err == -ENOENT ? -ENXIO : err;
	ctrl = of_find_device_by_node(args.np);
	if (!ctrl)
		return -ENODEV;
	if (!ctrl->dev.bound)
		return -EPROBE_DEFER;
	if (args.args[0] == 0 || args.args[0] > 0x7fffffff)
		return -EINVAL;
	return args.args[0];
}
