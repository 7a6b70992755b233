/*
 * The device tree as drivers see it (drivers/of/). unflatten_device_tree()
 * (<linux/of_fdt.h>) builds one struct device_node per node of the blob;
 * properties stay in the blob and are read through lib/fdt.c on demand.
 * Names and return values follow Linux's <linux/of.h>. Left out: reference
 * counts (nodes live as long as the kernel, so there is no of_node_put),
 * overlays, changing properties.
 *
 * Context: the tree is built once at boot on one CPU and never changes
 * afterwards, so readers take no lock.
 */
#ifndef _LINUX_OF_H
#define _LINUX_OF_H

#include <linux/types.h>
#include <linux/mod_devicetable.h>

typedef u32 phandle;

struct device_node {
	const char *name;		/* as in the blob, unit address included:
					 * "serial@10000000" ("" for the root) */
	const char *full_name;		/* the path, "/soc/serial@10000000" */
	phandle phandle;		/* 0 if the node has none */
	int offset;			/* its FDT_BEGIN_NODE in initial_boot_params */
	struct device_node *parent;	/* NULL for the root */
	struct device_node *child;	/* first child; siblings in blob order */
	struct device_node *sibling;
};

#define MAX_PHANDLE_ARGS 8

/* One <phandle cell...> entry of a property such as interrupts-extended. */
struct of_phandle_args {
	struct device_node *np;		/* the node the phandle names */
	int args_count;
	u32 args[MAX_PHANDLE_ARGS];
};

/* Set by unflatten_device_tree(); NULL when there is no tree or no such node. */
extern struct device_node *of_root;
extern struct device_node *of_chosen;	/* /chosen */
extern struct device_node *of_aliases;	/* /aliases */
extern struct device_node *of_stdout;	/* the node /chosen/stdout-path names */

#define for_each_child_of_node(parent, child) \
	for ((child) = (parent)->child; (child); (child) = (child)->sibling)

static inline struct device_node *of_get_parent(const struct device_node *np)
{
	return np ? np->parent : NULL;
}

static inline const char *of_node_full_name(const struct device_node *np)
{
	return np ? np->full_name : "<no-node>";
}

/* Finding nodes: NULL if there is none. A path may start with an alias. */
struct device_node *of_find_node_by_path(const char *path);
struct device_node *of_find_node_by_phandle(phandle handle);
/* rivet: the node whose FDT_BEGIN_NODE is at offset in the blob. */
struct device_node *of_find_node_by_offset(int offset);

/*
 * Properties. of_get_property returns the value (*lenp = its length) or
 * NULL if absent. The readers return 0, or Linux's codes: -EINVAL if the
 * property is absent, -ENODATA if it is empty, -EOVERFLOW if it is too
 * short for what is asked, -EILSEQ for a string without its NUL. *out is
 * left alone on error, so a default set before the call survives.
 */
const void *of_get_property(const struct device_node *np, const char *name,
			    int *lenp);
int of_property_read_u32(const struct device_node *np, const char *name,
			 u32 *out);
int of_property_read_u32_index(const struct device_node *np, const char *name,
			       u32 index, u32 *out);
int of_property_read_u64(const struct device_node *np, const char *name,
			 u64 *out);
int of_property_read_string(const struct device_node *np, const char *name,
			    const char **out);

static inline bool of_property_read_bool(const struct device_node *np,
					 const char *name)
{
	return of_get_property(np, name, NULL) != NULL;
}

/*
 * 0 if np's compatible list lacks compat, else a positive score that is
 * higher the earlier compat stands in the list (the more specific it is).
 */
int of_device_is_compatible(const struct device_node *np, const char *compat);
/* status absent, "okay" or "ok". */
bool of_device_is_available(const struct device_node *np);
/* The entry of matches (ended by { }) that fits np best, or NULL. */
const struct of_device_id *of_match_node(const struct of_device_id *matches,
					 const struct device_node *np);
/* N if /aliases has stemN = np's path ("serial0"), else -ENODEV. */
int of_alias_get_id(const struct device_node *np, const char *stem);
/* The highest N of any stemN in /aliases, -ENODEV if there is none. */
int of_alias_get_highest_id(const char *stem);

#endif
