/*
 * lib/fdt.c: a read-only, bounds-checked parser for flattened device trees
 * (Devicetree Specification v0.4, chapter 5 "Flattened Devicetree Format").
 *
 * Offsets: a node is named by the offset of its FDT_BEGIN_NODE token within
 * the structure block (the root is usually 0). Functions that return an
 * offset return it (>= 0) or a negative errno: -ENOENT when there is no such
 * node or property, -EINVAL when the blob is malformed. Every function other
 * than fdt_check_header() and fdt_check_full() expects a blob that passed
 * fdt_check_header(); none of them reads outside fdt_totalsize() bytes, even
 * on a corrupt structure block. Nothing is allocated; no locking is needed
 * (the blob is never written).
 */
#ifndef _LINUX_FDT_H
#define _LINUX_FDT_H

#include <linux/types.h>

#define FDT_MAGIC		0xd00dfeed
#define FDT_BEGIN_NODE		0x1
#define FDT_END_NODE		0x2
#define FDT_PROP		0x3
#define FDT_NOP			0x4
#define FDT_END			0x9

#define FDT_FIRST_SUPPORTED_VERSION	16
#define FDT_LAST_SUPPORTED_VERSION	17
#define FDT_MAX_DEPTH		32	/* deeper nesting is rejected */

/* The header, all fields big-endian (spec 5.2). */
struct fdt_header {
	__be32 magic;
	__be32 totalsize;
	__be32 off_dt_struct;
	__be32 off_dt_strings;
	__be32 off_mem_rsvmap;
	__be32 version;
	__be32 last_comp_version;
	__be32 boot_cpuid_phys;		/* version 2 on */
	__be32 size_dt_strings;		/* version 3 on */
	__be32 size_dt_struct;		/* version 17 on */
};

/* Big-endian loads that need no alignment (a DTB may sit anywhere). */
static inline u32 fdt32_ld(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static inline u64 fdt64_ld(const void *p)
{
	return (u64)fdt32_ld(p) << 32 | fdt32_ld((const u8 *)p + 4);
}

/* Reads n (1 or 2) cells as one number, as in reg and ranges. */
static inline u64 fdt_read_cells(const void *p, int n)
{
	return n == 2 ? fdt64_ld(p) : fdt32_ld(p);
}

#define fdt_get_header(fdt, field) \
	fdt32_ld((const u8 *)(fdt) + offsetof(struct fdt_header, field))
#define fdt_magic(fdt)		fdt_get_header(fdt, magic)
#define fdt_totalsize(fdt)	fdt_get_header(fdt, totalsize)
#define fdt_version(fdt)	fdt_get_header(fdt, version)
#define fdt_boot_cpuid_phys(fdt) fdt_get_header(fdt, boot_cpuid_phys)

/* Validation. Both return 0 or -EINVAL and leave a message for fdt_errmsg(). */
int fdt_check_header(const void *fdt, size_t bufsize);
int fdt_check_full(const void *fdt, size_t bufsize);
const char *fdt_errmsg(void);

/* Memory-reservation block (spec 5.3). */
int fdt_num_mem_rsv(const void *fdt);
int fdt_get_mem_rsv(const void *fdt, int n, u64 *address, u64 *size);

/* Walking nodes. depth may be NULL; if not, it is updated, and the walk
 * stops with -ENOENT when it would leave the subtree it started in. */
int fdt_next_node(const void *fdt, int offset, int *depth);
int fdt_first_subnode(const void *fdt, int node);
int fdt_next_subnode(const void *fdt, int node);
int fdt_parent_offset(const void *fdt, int node);
int fdt_node_depth(const void *fdt, int node);
const char *fdt_get_name(const void *fdt, int node, int *lenp);
/* Full path of node ("/soc/serial@10000000") into buf: 0, -ENAMETOOLONG,
 * or a negative errno from the walk. */
int fdt_get_path(const void *fdt, int node, char *buf, int buflen);

#define fdt_for_each_subnode(child, fdt, parent)			\
	for ((child) = fdt_first_subnode(fdt, parent); (child) >= 0;	\
	     (child) = fdt_next_subnode(fdt, child))

/* Properties. fdt_getprop returns NULL if absent (*lenp = -ENOENT) or if
 * the node is bad (*lenp = -EINVAL); otherwise *lenp is the value length. */
const void *fdt_getprop(const void *fdt, int node, const char *name, int *lenp);
int fdt_first_property_offset(const void *fdt, int node);
int fdt_next_property_offset(const void *fdt, int prop);
const void *fdt_getprop_by_offset(const void *fdt, int prop,
				  const char **namep, int *lenp);
/* A u32 (length 4) / a 32- or 64-bit number (length 4 or 8): 0, -ENOENT,
 * or -EINVAL for a wrong length. */
int fdt_getprop_u32(const void *fdt, int node, const char *name, u32 *val);
int fdt_getprop_u64(const void *fdt, int node, const char *name, u64 *val);
/* A NUL-terminated string property, or NULL (absent or unterminated). */
const char *fdt_getprop_string(const void *fdt, int node, const char *name);
/* Does a string-list property value (len bytes) contain str? */
bool fdt_stringlist_contains(const char *list, int len, const char *str);
/* The index-th string of a string list property, or NULL. */
const char *fdt_stringlist_get(const void *fdt, int node, const char *name,
			       int index);

/* Finding nodes. */
int fdt_path_offset(const void *fdt, const char *path);
int fdt_path_offset_namelen(const void *fdt, const char *path, int namelen);
const char *fdt_get_alias(const void *fdt, const char *name);
int fdt_subnode_offset_namelen(const void *fdt, int parent, const char *name,
			       int namelen);
/* 0 if node's compatible list contains compat, 1 if not, -ENOENT if the
 * node has no compatible property. */
int fdt_node_check_compatible(const void *fdt, int node, const char *compat);
/* First node after start (-1: from the beginning) compatible with compat. */
int fdt_node_offset_by_compatible(const void *fdt, int start, const char *compat);
int fdt_node_offset_by_phandle(const void *fdt, u32 phandle);
u32 fdt_get_phandle(const void *fdt, int node);	/* 0 if none */
/* status absent, "okay" or "ok". */
bool fdt_node_is_available(const void *fdt, int node);

/* Addresses. fdt_address_cells/fdt_size_cells read what a bus node gives
 * its children (#address-cells default 2, #size-cells default 1); they
 * return the count (0..4) or -EINVAL. */
int fdt_address_cells(const void *fdt, int bus);
int fdt_size_cells(const void *fdt, int bus);
/* The index-th (address, size) pair of node's reg, read with the parent's
 * cell counts (addresses of 1-2 cells, sizes of 0-2 cells). Returns 0,
 * -ENOENT (no reg, or index past its end) or -EINVAL. */
int fdt_read_reg(const void *fdt, int node, int index, u64 *addr, u64 *size);
/* Number of (address, size) pairs in reg, or a negative errno. */
int fdt_reg_count(const void *fdt, int node);

#endif
