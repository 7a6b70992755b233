/*
 * Resources of a device: register windows and interrupt lines, as Linux's
 * <linux/ioport.h> names them. rivet keeps them in a flat array per device
 * (no resource tree, no conflict checking).
 */
#ifndef _LINUX_IOPORT_H
#define _LINUX_IOPORT_H

#include <linux/types.h>

typedef phys_addr_t resource_size_t;

struct resource {
	resource_size_t start;
	resource_size_t end;		/* inclusive: start + size - 1 */
	unsigned long flags;		/* IORESOURCE_MEM or IORESOURCE_IRQ */
};

#define IORESOURCE_TYPE_BITS	0x00001f00
#define IORESOURCE_IO		0x00000100
#define IORESOURCE_MEM		0x00000200
#define IORESOURCE_IRQ		0x00000400

static inline resource_size_t resource_size(const struct resource *res)
{
	return res->end - res->start + 1;
}

static inline unsigned long resource_type(const struct resource *res)
{
	return res->flags & IORESOURCE_TYPE_BITS;
}

#endif
