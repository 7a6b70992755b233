/*
 * drivers/of/fdt.c: builds the tree of struct device_node from the blob,
 * as Linux's unflatten_device_tree does, then finds /chosen, /aliases and
 * the stdout-path node (Linux's of_alias_scan). Unlike Linux it copies no
 * properties: they are read from the blob, which stays where it is.
 */
#include <linux/of.h>
#include <linux/of_fdt.h>
#include <linux/of_machine.h>
#include <linux/fdt.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/kernel.h>

/* Set by unflatten_device_tree on the boot CPU, then read-only: no lock. */
const void *initial_boot_params;
struct device_node *of_root, *of_chosen, *of_aliases, *of_stdout;

/*
 * A node for the blob's node at offset (its name: name, len bytes), child
 * of parent (NULL for the root). The node and its path are one allocation.
 * NULL if out of memory.
 */
static struct device_node *new_node(int offset, const char *name, int len,
				    struct device_node *parent)
{
	const char *base = parent && parent->parent ? parent->full_name : "";
	size_t blen = strlen(base);
	struct device_node *np = kzalloc(sizeof(*np) + blen + len + 2, GFP_KERNEL);
	char *path;

	if (!np)
		return NULL;
	path = (char *)(np + 1);
	memcpy(path, base, blen);
	path[blen] = '/';
	memcpy(path + blen + 1, name, len);
	path[blen + 1 + len] = '\0';
	np->name = name;
	np->full_name = path;
	np->offset = offset;
	np->parent = parent;
	np->phandle = fdt_get_phandle(initial_boot_params, offset);
	return np;
}

/* Free np and everything below it (recursion bounded by FDT_MAX_DEPTH). */
static void free_subtree(struct device_node *np)
{
	struct device_node *child, *next;

	for (child = np->child; child; child = next) {
		next = child->sibling;
		free_subtree(child);
	}
	kfree(np);
}

/*
 * One pass over the structure block. stack[d] is the latest node seen at
 * depth d, tail[d] the latest child linked under it. Returns 0 or -errno
 * (of_root then holds what was built so far, for the caller to free).
 */
static int build_tree(const void *blob)
{
	struct device_node *stack[FDT_MAX_DEPTH + 1], *tail[FDT_MAX_DEPTH + 1];
	struct device_node *np, *parent;
	int off = fdt_next_node(blob, -1, NULL), depth = 0, len;
	const char *name;

	for (; off >= 0; off = fdt_next_node(blob, off, &depth)) {
		name = fdt_get_name(blob, off, &len);
		if (!name || depth > FDT_MAX_DEPTH || (depth == 0) != !of_root)
			return -EINVAL;
		parent = depth ? stack[depth - 1] : NULL;
		np = new_node(off, name, len, parent);
		if (!np)
			return -ENOMEM;
		if (!parent)
			of_root = np;
		else if (!parent->child)
			parent->child = np;
		else
			tail[depth - 1]->sibling = np;
		if (parent)
			tail[depth - 1] = np;
		stack[depth] = np;
	}
	return off == -ENOENT && of_root ? 0 : -EINVAL;
}

/*
 * Build of_root from blob (checked, and mapped for good), then find
 * /chosen, /aliases and the stdout node. 0, -EBUSY if a tree exists,
 * -EINVAL (corrupt) or -ENOMEM, with no tree left behind. Boot CPU, once;
 * allocates with GFP_KERNEL.
 */
int unflatten_device_tree(const void *blob)
{
	int err, stdout_off;

	if (of_root)
		return -EBUSY;
	initial_boot_params = blob;
	err = build_tree(blob);
	if (err) {
		of_free_device_tree();
		return err;
	}
	of_chosen = of_find_node_by_path("/chosen");
	of_aliases = of_find_node_by_path("/aliases");
	stdout_off = fdt_stdout_offset(blob, NULL);
	of_stdout = stdout_off >= 0 ? of_find_node_by_offset(stdout_off) : NULL;
	return 0;
}

/* Free the tree and forget the blob; only when no node is in use (host tests). */
void of_free_device_tree(void)
{
	if (of_root)
		free_subtree(of_root);
	of_root = of_chosen = of_aliases = of_stdout = NULL;
	initial_boot_params = NULL;
}
