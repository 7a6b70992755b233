/*
 * From the flattened blob to the tree of struct device_node (drivers/of/fdt.c).
 * Boot CPU only, once, after kmalloc works.
 */
#ifndef _LINUX_OF_FDT_H
#define _LINUX_OF_FDT_H

#include <linux/types.h>

/* The blob the tree was built from; properties are read from it. */
extern const void *initial_boot_params;

/*
 * Builds of_root and its subtree from blob (which passed fdt_check_full and
 * must stay mapped for good), then sets of_chosen, of_aliases and of_stdout.
 * Returns 0, -EBUSY if a tree exists, -EINVAL for a corrupt blob or
 * -ENOMEM; on error no tree is left behind.
 */
int unflatten_device_tree(const void *blob);

/*
 * Frees the tree and forgets the blob. Only when nothing holds a node:
 * the host tests call it between blobs (after of_platform_depopulate());
 * the kernel keeps its tree for good.
 */
void of_free_device_tree(void);

#endif
