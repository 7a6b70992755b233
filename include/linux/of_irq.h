/*
 * Interrupts from the device tree (drivers/of/irq.c): a node's interrupts
 * with its interrupt parent, or interrupts-extended. Devicetree
 * Specification v0.4 ch. 2.4. Left out: interrupt-map (PCI nexus nodes
 * give -EOPNOTSUPP).
 */
#ifndef _LINUX_OF_IRQ_H
#define _LINUX_OF_IRQ_H

#include <linux/of.h>
#include <linux/ioport.h>

struct machine_desc;

/*
 * The controller np's interrupts go to: the node interrupt-parent names,
 * on np or its nearest ancestor that has one, followed until a node with
 * #interrupt-cells. NULL if there is none (or the chain is broken).
 */
struct device_node *of_irq_find_parent(const struct device_node *np);
/*
 * Entry index of np's interrupts-extended, or of its interrupts with the
 * parent above: 0 and *out filled, -ENOENT if np has no such entry,
 * -EINVAL if malformed (no interrupt parent, unknown phandle, length not a
 * multiple of #interrupt-cells), -EOPNOTSUPP through an interrupt-map.
 */
int of_irq_parse_one(const struct device_node *np, int index,
		     struct of_phandle_args *out);
/* Number of entries, 0 if none, -EINVAL (or -EOPNOTSUPP) as above. */
int of_irq_count(const struct device_node *np);
/* Entry index as an IORESOURCE_IRQ (start = end = its first cell). */
int of_irq_to_resource(const struct device_node *np, int index,
		       struct resource *r);

/*
 * For a RISC-V interrupt controller whose outputs are its
 * interrupts-extended entries (the PLIC: entry i is context i, wired to a
 * hart's riscv,cpu-intc with a cause such as 9, S-mode external): sets
 * ctx[h] to the entry that reaches hart h with cause, -1 where none does,
 * for harts below nr. The harts come from m's cpus. Returns the number of
 * entries, or a negative errno from of_irq_parse_one.
 */
int riscv_of_hart_contexts(const struct device_node *np,
			   const struct machine_desc *m, u32 cause, int *ctx,
			   int nr);

#endif
