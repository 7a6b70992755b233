/*
 * drivers/of/address.c: a node's reg as CPU physical addresses. reg is read
 * with the parent's #address-cells/#size-cells (lib/fdt.c) and translated
 * through each bus's ranges up to the root (Devicetree Specification v0.4
 * 2.3.8). Left out: addresses of more than two cells (PCI), dma-ranges.
 */
#include <linux/of_address.h>
#include <linux/of_fdt.h>
#include <linux/fdt.h>
#include <linux/errno.h>
#include <linux/kernel.h>

/* #address-cells or #size-cells of bus, for its children: count or -EINVAL. */
static int bus_cells(const struct device_node *bus, bool size)
{
	const void *fdt = initial_boot_params;

	return size ? fdt_size_cells(fdt, bus->offset) :
		      fdt_address_cells(fdt, bus->offset);
}

/*
 * Maps addr, on bus's child address space, to bus's parent's through
 * bus's ranges entries (child address, parent address, size). Empty ranges
 * is the identity. 0, or -EINVAL / -EOPNOTSUPP as of_translate_address.
 */
static int translate_one(const struct device_node *bus, u64 *addr)
{
	int len, ca = bus_cells(bus, false), cs = bus_cells(bus, true);
	int pa = bus_cells(bus->parent, false), stride, i;
	const u8 *r = of_get_property(bus, "ranges", &len);
	u64 child, parent, size;

	if (!r || ca < 0 || cs < 0 || pa < 0)
		return -EINVAL;
	if (len == 0)
		return 0;
	if (ca > 2 || pa > 2 || cs > 2)
		return -EOPNOTSUPP;
	stride = 4 * (ca + pa + cs);
	if (ca == 0 || pa == 0 || cs == 0 || len % stride)
		return -EINVAL;
	for (i = 0; i < len; i += stride) {
		child = fdt_read_cells(r + i, ca);
		parent = fdt_read_cells(r + i + 4 * ca, pa);
		size = fdt_read_cells(r + i + 4 * (ca + pa), cs);
		if (*addr >= child && *addr - child < size) {
			*addr = parent + (*addr - child);
			return 0;
		}
	}
	return -EINVAL;
}

/*
 * addr, on np's parent bus, in the root's (CPU physical) address space:
 * one translate_one per bus up to the root. 0 and *out set, or the first
 * bus's error (-EINVAL, -EOPNOTSUPP); *out untouched then.
 */
int of_translate_address(const struct device_node *np, u64 addr, u64 *out)
{
	const struct device_node *bus;
	int err;

	if (!np || !np->parent)
		return -EINVAL;
	for (bus = np->parent; bus->parent; bus = bus->parent) {
		err = translate_one(bus, &addr);
		if (err)
			return err;
	}
	*out = addr;
	return 0;
}

/* Number of reg entries of np: 0 without reg, -EINVAL if malformed. */
int of_address_count(const struct device_node *np)
{
	int n = fdt_reg_count(initial_boot_params, np->offset);

	return n == -ENOENT ? 0 : n;
}

/*
 * The index-th reg entry, translated, as an IORESOURCE_MEM [start, end]:
 * 0, -ENOENT past the end, -EINVAL if malformed, untranslatable or
 * wrapping. A size of 0 gives end = start - 1 (an empty resource).
 */
int of_address_to_resource(const struct device_node *np, int index,
			   struct resource *r)
{
	u64 addr, size;
	int err = fdt_read_reg(initial_boot_params, np->offset, index, &addr, &size);

	if (!err)
		err = of_translate_address(np, addr, &addr);
	if (err)
		return err;
	if (size && addr + (size - 1) < addr)
		return -EINVAL;		/* wraps past the top of the address space */
	r->start = addr;
	r->end = addr + size - 1;
	r->flags = IORESOURCE_MEM;
	return 0;
}
