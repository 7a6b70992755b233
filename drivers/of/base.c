/*
 * drivers/of/base.c: finding nodes, reading their properties (from the
 * blob, through lib/fdt.c), matching compatible strings, aliases. Linux's
 * names and error codes (<linux/of.h>); property formats follow the
 * Devicetree Specification v0.4 ch. 2. No locking: the tree is read-only.
 * Leaves out changing the tree and node reference counts (nodes live for
 * good), and the look-ups no rivet driver uses.
 */
#include <linux/of.h>
#include <linux/of_fdt.h>
#include <linux/fdt.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/kernel.h>

/* The node after np in document order (pre-order), or NULL at the end. */
static struct device_node *of_next_node(struct device_node *np)
{
	if (np->child)
		return np->child;
	while (np && !np->sibling)
		np = np->parent;
	return np ? np->sibling : NULL;
}

/* The node for structure-block offset (a linear walk), or NULL. */
struct device_node *of_find_node_by_offset(int offset)
{
	struct device_node *np;

	for (np = of_root; np; np = of_next_node(np))
		if (np->offset == offset)
			return np;
	return NULL;
}

/* The node at path (absolute, or starting with an alias), or NULL. */
struct device_node *of_find_node_by_path(const char *path)
{
	int off;

	if (!initial_boot_params)
		return NULL;
	off = fdt_path_offset(initial_boot_params, path);
	return off >= 0 ? of_find_node_by_offset(off) : NULL;
}

/* 0 and ~0 are never valid phandles. */
struct device_node *of_find_node_by_phandle(phandle handle)
{
	struct device_node *np;

	if (handle == 0 || handle == 0xffffffff)
		return NULL;
	for (np = of_root; np; np = of_next_node(np))
		if (np->phandle == handle)
			return np;
	return NULL;
}

/* ---- properties ---------------------------------------------------------- */

/*
 * The raw value of property name of np, read from the blob; NULL if
 * absent (*lenp = -ENOENT) or np is NULL or no tree (*lenp = -EINVAL).
 */
const void *of_get_property(const struct device_node *np, const char *name,
			    int *lenp)
{
	if (!np || !initial_boot_params) {
		if (lenp)
			*lenp = -EINVAL;
		return NULL;
	}
	return fdt_getprop(initial_boot_params, np->offset, name, lenp);
}

/* The value of name if it has at least min bytes; NULL and *err if not. */
static const void *of_find_property_value(const struct device_node *np,
					  const char *name, int min, int *err)
{
	int len;
	const void *p = of_get_property(np, name, &len);

	if (!p)
		*err = -EINVAL;
	else if (len == 0)
		*err = -ENODATA;
	else if (len < min)
		*err = -EOVERFLOW;
	else
		return p;
	return NULL;
}

/*
 * *out = cell index of property name (Linux's codes): 0, -EINVAL if
 * absent, -ENODATA if empty, -EOVERFLOW if too short for that cell.
 */
int of_property_read_u32_index(const struct device_node *np, const char *name,
			       u32 index, u32 *out)
{
	int err;
	const u8 *p;

	if (index > 0x1fffffff)
		return -EOVERFLOW;
	p = of_find_property_value(np, name, 4 * (index + 1), &err);
	if (!p)
		return err;
	*out = fdt32_ld(p + 4 * index);
	return 0;
}

/* The first cell of name; errors as of_property_read_u32_index. */
int of_property_read_u32(const struct device_node *np, const char *name,
			 u32 *out)
{
	return of_property_read_u32_index(np, name, 0, out);
}

/* The first two cells of name as one number; errors as the u32 read. */
int of_property_read_u64(const struct device_node *np, const char *name,
			 u64 *out)
{
	int err;
	const void *p = of_find_property_value(np, name, 8, &err);

	if (!p)
		return err;
	*out = fdt64_ld(p);
	return 0;
}

/*
 * *out = the string name holds (pointing into the blob): 0, -EINVAL if
 * absent, -ENODATA if empty, -EILSEQ if it has no NUL.
 */
int of_property_read_string(const struct device_node *np, const char *name,
			    const char **out)
{
	int len;
	const char *p = of_get_property(np, name, &len);

	if (!p)
		return -EINVAL;
	if (len == 0)
		return -ENODATA;
	if (!memchr(p, '\0', len))
		return -EILSEQ;
	*out = p;
	return 0;
}

/* ---- compatible and status ----------------------------------------------- */

/*
 * Scores from the end: with n strings in the list, the first scores n and
 * the last 1, so the caller can compare tables against the same node.
 */
int of_device_is_compatible(const struct device_node *np, const char *compat)
{
	int len, i, n = 0, hit = -1;
	const char *s = of_get_property(np, "compatible", &len), *nul;

	for (i = 0; s && len > 0; i++) {
		nul = memchr(s, '\0', len);
		if (!nul)
			break;
		if (hit < 0 && !strcmp(s, compat))
			hit = i;
		n++;
		len -= nul - s + 1;
		s = nul + 1;
	}
	return hit < 0 ? 0 : n - hit;
}

/* status absent, "okay" or "ok" (false for NULL or without a tree). */
bool of_device_is_available(const struct device_node *np)
{
	return np && initial_boot_params &&
	       fdt_node_is_available(initial_boot_params, np->offset);
}

/*
 * The entry of matches (ending with an empty compatible) for np's most
 * specific compatible string; on a tie the first entry. NULL if none.
 */
const struct of_device_id *of_match_node(const struct of_device_id *matches,
					 const struct device_node *np)
{
	const struct of_device_id *best = NULL;
	int score, best_score = 0;

	for (; matches && matches->compatible; matches++) {
		score = of_device_is_compatible(np, matches->compatible);
		if (score > best_score) {
			best = matches;
			best_score = score;
		}
	}
	return best;
}

/* ---- aliases ------------------------------------------------------------- */

/* If name is stem followed by a decimal number only, that number; else -1. */
static int alias_id(const char *name, const char *stem)
{
	size_t n = strlen(stem);
	int id = 0;

	if (strncmp(name, stem, n) || !name[n])
		return -1;
	for (name += n; *name; name++) {
		if (*name < '0' || *name > '9' || id > 100000)
			return -1;
		id = id * 10 + (*name - '0');
	}
	return id;
}

/*
 * Walks /aliases for stemN entries: with np, returns the N whose path
 * names np; without, the highest N. -ENODEV if none qualifies.
 */
static int alias_scan(const struct device_node *np, const char *stem)
{
	const void *fdt = initial_boot_params;
	const char *name, *path;
	int prop, len, id, best = -ENODEV;

	if (!of_aliases)
		return -ENODEV;
	for (prop = fdt_first_property_offset(fdt, of_aliases->offset); prop >= 0;
	     prop = fdt_next_property_offset(fdt, prop)) {
		path = fdt_getprop_by_offset(fdt, prop, &name, &len);
		if (!path || len < 2 || path[len - 1] != '\0')
			continue;
		id = alias_id(name, stem);
		if (id < 0)
			continue;
		if (np && fdt_path_offset(fdt, path) == np->offset)
			return id;
		if (!np && id > best)
			best = id;
	}
	return best;
}

/* N of the alias stemN (serial0 for stem "serial") naming np, or -ENODEV. */
int of_alias_get_id(const struct device_node *np, const char *stem)
{
	return np ? alias_scan(np, stem) : -ENODEV;
}

/* The highest N of any stemN alias, or -ENODEV if there is none. */
int of_alias_get_highest_id(const char *stem)
{
	return alias_scan(NULL, stem);
}
