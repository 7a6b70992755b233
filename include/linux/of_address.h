/*
 * Register windows from the device tree (drivers/of/address.c): a node's
 * reg, read with its parent's #address-cells/#size-cells and translated to
 * a CPU physical address through the ranges of every bus above it.
 */
#ifndef _LINUX_OF_ADDRESS_H
#define _LINUX_OF_ADDRESS_H

#include <linux/of.h>
#include <linux/ioport.h>

/*
 * Translates addr, an address on np's parent bus, to the root's address
 * space. 0 and *out set, -EINVAL if a bus on the way has no ranges, no
 * range holds addr or a ranges property is malformed, -EOPNOTSUPP for
 * addresses wider than 64 bits (PCI). rivet: Linux's returns the address.
 */
int of_translate_address(const struct device_node *np, u64 addr, u64 *out);
/* Number of (address, size) pairs in np's reg: 0 if none, -EINVAL if bad. */
int of_address_count(const struct device_node *np);
/* The index-th entry of reg as an IORESOURCE_MEM: 0, -ENOENT past the
 * end, -EINVAL for a malformed or untranslatable entry. */
int of_address_to_resource(const struct device_node *np, int index,
			   struct resource *r);

#endif
