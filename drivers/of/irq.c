/*
 * drivers/of/irq.c: which controller a node's interrupts go to and with
 * which cells (Devicetree Specification v0.4 2.4: interrupts,
 * interrupt-parent, interrupts-extended, #interrupt-cells). Left out:
 * interrupt-map translation, which only PCI nexus nodes need here.
 */
#include <linux/of_irq.h>
#include <linux/of_machine.h>
#include <linux/fdt.h>
#include <linux/errno.h>
#include <linux/kernel.h>

#define MAX_PARENT_HOPS	64	/* a longer interrupt-parent chain is a loop */

/* np's #interrupt-cells if usable (1..MAX_PHANDLE_ARGS), else -EINVAL. */
static int interrupt_cells(const struct device_node *np)
{
	u32 cells;

	if (of_property_read_u32(np, "#interrupt-cells", &cells) ||
	    cells < 1 || cells > MAX_PHANDLE_ARGS)
		return -EINVAL;
	return cells;
}

/*
 * The controller np's interrupts go to: interrupt-parent on np or its
 * nearest ancestor, followed until a node with #interrupt-cells. NULL if
 * none, or after MAX_PARENT_HOPS (a loop in the tree).
 */
struct device_node *of_irq_find_parent(const struct device_node *np)
{
	const struct device_node *p = np;
	u32 ph;
	int hops;

	for (hops = 0; p && hops < MAX_PARENT_HOPS; hops++) {
		if (of_property_read_u32(p, "interrupt-parent", &ph) == 0)
			p = of_find_node_by_phandle(ph);
		else
			p = p->parent;
		if (p && of_get_property(p, "#interrupt-cells", NULL))
			return (struct device_node *)p;
	}
	return NULL;
}

/* Copies n cells from p into out, for the controller ctrl. */
static void fill_args(struct of_phandle_args *out, struct device_node *ctrl,
		      const u8 *p, int n)
{
	int i;

	out->np = ctrl;
	out->args_count = n;
	for (i = 0; i < n; i++)
		out->args[i] = fdt32_ld(p + 4 * i);
}

/* interrupts-extended: <phandle cells...> entries, each sized by its
 * controller's #interrupt-cells. */
static int parse_extended(const u8 *p, int len, int index,
			  struct of_phandle_args *out)
{
	int pos = 0, ncells = len / 4, cells, i;
	struct device_node *ctrl;

	if (len % 4)
		return -EINVAL;
	for (i = 0; pos < ncells; i++) {
		ctrl = of_find_node_by_phandle(fdt32_ld(p + 4 * pos));
		cells = ctrl ? interrupt_cells(ctrl) : -EINVAL;
		if (cells < 0 || cells > ncells - pos - 1)
			return -EINVAL;
		if (i == index) {
			fill_args(out, ctrl, p + 4 * (pos + 1), cells);
			return 0;
		}
		pos += 1 + cells;
	}
	return -ENOENT;
}

/* interrupts: entries of the parent's #interrupt-cells each. */
static int parse_interrupts(const struct device_node *np, const u8 *p, int len,
			    int index, struct of_phandle_args *out)
{
	struct device_node *parent;
	int cells;

	if (len == 0)
		return -ENOENT;
	parent = of_irq_find_parent(np);
	if (!parent)
		return -EINVAL;
	if (!of_property_read_bool(parent, "interrupt-controller"))
		return of_property_read_bool(parent, "interrupt-map") ?
		       -EOPNOTSUPP : -EINVAL;
	cells = interrupt_cells(parent);
	if (cells < 0 || len % (4 * cells))
		return -EINVAL;
	if (index < 0 || index >= len / (4 * cells))
		return -ENOENT;
	fill_args(out, parent, p + 4 * cells * index, cells);
	return 0;
}

/*
 * Entry index of np's interrupts-extended if it has one, else of its
 * interrupts: 0 and *out filled, -ENOENT (no such entry), -EINVAL
 * (malformed), -EOPNOTSUPP (behind an interrupt-map).
 */
int of_irq_parse_one(const struct device_node *np, int index,
		     struct of_phandle_args *out)
{
	int len;
	const u8 *p = of_get_property(np, "interrupts-extended", &len);

	if (index < 0)
		return -ENOENT;
	if (p)
		return parse_extended(p, len, index, out);
	p = of_get_property(np, "interrupts", &len);
	if (!p)
		return -ENOENT;
	return parse_interrupts(np, p, len, index, out);
}

/* Number of np's interrupt entries (0 if none), or of_irq_parse_one's error. */
int of_irq_count(const struct device_node *np)
{
	struct of_phandle_args args;
	int n = 0, err;

	while ((err = of_irq_parse_one(np, n, &args)) == 0)
		n++;
	return err == -ENOENT ? n : err;
}

/* Entry index as an IORESOURCE_IRQ: start = end = its first cell. */
int of_irq_to_resource(const struct device_node *np, int index,
		       struct resource *r)
{
	struct of_phandle_args args;
	int err = of_irq_parse_one(np, index, &args);

	if (err)
		return err;
	r->start = r->end = args.args[0];
	r->flags = IORESOURCE_IRQ;
	return 0;
}

/*
 * For a controller whose interrupts-extended entry i is its context i
 * (the PLIC): ctx[h] = the first entry reaching hart h's riscv,cpu-intc
 * with cause (-1 if none), for h < nr. The number of entries, or an errno.
 */
int riscv_of_hart_contexts(const struct device_node *np,
			   const struct machine_desc *m, u32 cause, int *ctx,
			   int nr)
{
	struct of_phandle_args args;
	int i, err, hart;

	for (i = 0; i < nr; i++)
		ctx[i] = -1;
	for (i = 0; (err = of_irq_parse_one(np, i, &args)) == 0; i++) {
		hart = machine_hart_of_intc(m, args.np->phandle);
		if (hart >= 0 && hart < nr && args.args[0] == cause && ctx[hart] < 0)
			ctx[hart] = i;
	}
	return err == -ENOENT ? i : err;
}
