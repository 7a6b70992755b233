/*
 * The driver model's core objects, Linux's names at rivet's size: a device
 * (made from a device-tree node) and the driver bound to it. No bus types,
 * no kobjects, no unbinding; drivers/base/platform.c makes and binds them.
 */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H

#include <linux/types.h>
#include <linux/printk.h>
#include <linux/mod_devicetable.h>

struct device_node;

struct device_driver {
	const char *name;			/* "serial8250": log prefix */
	const struct of_device_id *of_match_table;	/* ended by { } */
};

#define DEVICE_NAME_LEN	48

struct device {
	char name[DEVICE_NAME_LEN];	/* dev_name(): "10000000.serial" */
	struct device_node *of_node;	/* the node it was made from */
	/* The driver it matched; set before probe runs, so messages from the
	 * probe carry the driver's name. */
	const struct device_driver *driver;
	bool bound;			/* probe returned 0 */
	void *driver_data;		/* the driver's, dev_set_drvdata() */
};

static inline const char *dev_name(const struct device *dev)
{
	return dev->name;
}

static inline const char *dev_driver_string(const struct device *dev)
{
	return dev->driver ? dev->driver->name : "";
}

static inline bool device_is_bound(const struct device *dev)
{
	return dev->bound;
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

/* "serial8250 10000000.serial: message", at the given level. */
#define dev_printk(level, dev, fmt, ...)				\
	printk(level "%s %s: " fmt, dev_driver_string(dev), dev_name(dev), \
	       ##__VA_ARGS__)
#define dev_err(dev, fmt, ...)	dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)	dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)	dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)

#endif
