/*
 * Flattened device tree parser: header and structure-block walking, property
 * and path look-ups, reg decoding. Follows the Devicetree Specification v0.4,
 * chapter 5 (DTB format) and 2.3 (standard properties). Read-only: no
 * overlays, no editing, no ranges translation (rivet's buses all use
 * "ranges;" or identical address spaces).
 *
 * Safety rule: every byte is read only after its offset was checked against
 * the block it belongs to, so a corrupt or truncated blob yields -EINVAL,
 * never a read past fdt_totalsize(). Offsets only ever grow while walking,
 * so every loop ends.
 */
#include <linux/fdt.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#define FDT_V16_HEADER_SIZE	36	/* no size_dt_struct yet */
#define FDT_V17_HEADER_SIZE	40
#define FDT_MAX_TOTALSIZE	0x7ffffff0u	/* offsets must fit an int */
#define FDT_RSV_ENTRY_SIZE	16
#define FDT_MAX_NCELLS		4

static const char *fdt_err = "no error";

/* Records why the blob was refused and returns -EINVAL. */
static int fdt_fail(const char *msg)
{
	fdt_err = msg;
	return -EINVAL;
}

/* The message of the last -EINVAL from this file. Not thread-safe: the
 * parser runs at boot on one CPU (and in single-threaded host tests). */
const char *fdt_errmsg(void)
{
	return fdt_err;
}

/* ---- blocks -------------------------------------------------------------- */

/*
 * Bytes in the structure block: the header's size_dt_struct from version
 * 17 on, else up to the strings block (or totalsize). 0 if nonsensical.
 */
static u32 fdt_struct_size(const void *fdt)
{
	u32 start = fdt_get_header(fdt, off_dt_struct);
	u32 end = fdt_totalsize(fdt);
	u32 strings = fdt_get_header(fdt, off_dt_strings);

	if (fdt_version(fdt) >= 17)
		return fdt_get_header(fdt, size_dt_struct);
	/* Version 16 does not say; the block runs to whatever follows it. */
	if (strings > start && strings < end)
		end = strings;
	return end > start ? end - start : 0;
}

/* The structure block; node and property offsets count from here. */
static const u8 *fdt_struct_base(const void *fdt)
{
	return (const u8 *)fdt + fdt_get_header(fdt, off_dt_struct);
}

/*
 * The NUL-terminated string at offset off of the strings block, or NULL if
 * off is outside the block or the string runs off its end.
 */
static const char *fdt_string(const void *fdt, u32 off)
{
	const char *s = (const char *)fdt + fdt_get_header(fdt, off_dt_strings);
	u32 size = fdt_get_header(fdt, size_dt_strings);

	if (off >= size || !memchr(s + off, '\0', size - off))
		return NULL;
	return s + off;
}

/* Is [off, off + size) inside the blob and clear of the header? */
static bool fdt_block_ok(u32 off, u32 size, u32 hdrsize, u32 totalsize)
{
	return off >= hdrsize && off <= totalsize && size <= totalsize - off;
}

/* Checks alignment and placement of the three blocks (spec 5.2, 5.3). */
static int fdt_check_blocks(const void *fdt, u32 hdr, u32 total)
{
	u32 rsv = fdt_get_header(fdt, off_mem_rsvmap);
	u32 st = fdt_get_header(fdt, off_dt_struct);
	u32 str = fdt_get_header(fdt, off_dt_strings);
	int n;

	if ((rsv & 7) || !fdt_block_ok(rsv, FDT_RSV_ENTRY_SIZE, hdr, total))
		return fdt_fail("memory reservation block misplaced");
	if ((st & 3) || !fdt_block_ok(st, 0, hdr, total))
		return fdt_fail("structure block misplaced");
	if (!fdt_block_ok(st, fdt_struct_size(fdt), hdr, total))
		return fdt_fail("structure block runs past totalsize");
	if (!fdt_block_ok(str, fdt_get_header(fdt, size_dt_strings), hdr, total))
		return fdt_fail("strings block runs past totalsize");
	n = fdt_num_mem_rsv(fdt);
	return n < 0 ? n : 0;
}

/*
 * Validates the header of the blob at fdt, of which bufsize bytes may be
 * read: magic, versions, and that every block lies inside totalsize, which
 * must itself fit the buffer. Returns 0 or -EINVAL (see fdt_errmsg()).
 */
int fdt_check_header(const void *fdt, size_t bufsize)
{
	u32 total, hdr, version;

	if (!fdt || bufsize < FDT_V16_HEADER_SIZE)
		return fdt_fail("blob smaller than a DTB header");
	if (fdt_magic(fdt) != FDT_MAGIC)
		return fdt_fail("bad magic (not a DTB)");
	version = fdt_version(fdt);
	if (version < FDT_FIRST_SUPPORTED_VERSION)
		return fdt_fail("DTB version older than 16");
	if (fdt_get_header(fdt, last_comp_version) > FDT_LAST_SUPPORTED_VERSION)
		return fdt_fail("DTB last_comp_version newer than 17");
	hdr = version >= 17 ? FDT_V17_HEADER_SIZE : FDT_V16_HEADER_SIZE;
	total = fdt_totalsize(fdt);
	if (bufsize < hdr || total < hdr)
		return fdt_fail("totalsize smaller than the header");
	if (total > bufsize)
		return fdt_fail("totalsize larger than the buffer");
	if (total > FDT_MAX_TOTALSIZE)
		return fdt_fail("totalsize too large");
	return fdt_check_blocks(fdt, hdr, total);
}

/* ---- memory reservation block -------------------------------------------- */

/* Number of entries before the (0, 0) terminator, or -EINVAL if the block
 * runs off the blob unterminated. */
int fdt_num_mem_rsv(const void *fdt)
{
	u32 off = fdt_get_header(fdt, off_mem_rsvmap);
	u32 total = fdt_totalsize(fdt);
	const u8 *p;
	int n;

	for (n = 0; off <= total && total - off >= FDT_RSV_ENTRY_SIZE; n++) {
		p = (const u8 *)fdt + off;
		if (fdt64_ld(p) == 0 && fdt64_ld(p + 8) == 0)
			return n;
		off += FDT_RSV_ENTRY_SIZE;
	}
	return fdt_fail("memory reservation block not terminated");
}

/* Entry n of the reservation block: 0, -ENOENT past the end, or -EINVAL. */
int fdt_get_mem_rsv(const void *fdt, int n, u64 *address, u64 *size)
{
	int count = fdt_num_mem_rsv(fdt);
	const u8 *p;

	if (count < 0)
		return count;
	if (n < 0 || n >= count)
		return -ENOENT;
	p = (const u8 *)fdt + fdt_get_header(fdt, off_mem_rsvmap) +
		(u32)n * FDT_RSV_ENTRY_SIZE;
	*address = fdt64_ld(p);
	*size = fdt64_ld(p + 8);
	return 0;
}

/* ---- structure block tokens ---------------------------------------------- */

/*
 * Decodes the token at offset: returns its tag and sets *next to the aligned
 * offset of the following token. Checks that the whole token (node name up
 * to its NUL, property header and value) lies in the structure block and
 * that a property's name offset is inside the strings block. -EINVAL else.
 */
static int fdt_next_tag(const void *fdt, int offset, int *next)
{
	const u8 *s = fdt_struct_base(fdt);
	u32 size = fdt_struct_size(fdt), off = offset, len;
	u32 tag;
	const u8 *nul;

	if (offset < 0 || (off & 3) || size < 4 || off > size - 4)
		return fdt_fail("structure block ends without FDT_END");
	tag = fdt32_ld(s + off);
	off += 4;
	switch (tag) {
	case FDT_BEGIN_NODE:
		nul = memchr(s + off, '\0', size - off);
		if (!nul)
			return fdt_fail("unterminated node name");
		off = nul - s + 1;
		break;
	case FDT_PROP:
		if (size - off < 8)
			return fdt_fail("truncated property header");
		len = fdt32_ld(s + off);
		if (len > size - off - 8)
			return fdt_fail("property runs past the structure block");
		if (fdt32_ld(s + off + 4) >= fdt_get_header(fdt, size_dt_strings))
			return fdt_fail("property name offset out of range");
		off += 8 + len;
		break;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		break;
	default:
		return fdt_fail("unknown structure token");
	}
	*next = ALIGN(off, 4);
	return tag;
}

/* Offset of the first token inside node (after its name), or -EINVAL if
 * node is not an FDT_BEGIN_NODE token. */
static int fdt_node_body(const void *fdt, int node)
{
	int next, tag = fdt_next_tag(fdt, node, &next);

	if (tag < 0)
		return tag;
	if (tag != FDT_BEGIN_NODE)
		return fdt_fail("offset is not a node");
	return next;
}

/*
 * Walks the whole structure block once: tokens well formed, exactly one
 * root, nodes balanced and at most FDT_MAX_DEPTH deep, property names
 * terminated, FDT_END last. After this the other functions cannot fail on
 * structure (they still check, for blobs that skipped it).
 */
int fdt_check_full(const void *fdt, size_t bufsize)
{
	int off = 0, next, tag, depth = 0, err;
	bool seen_root = false;

	err = fdt_check_header(fdt, bufsize);
	if (err)
		return err;
	for (;; off = next) {
		tag = fdt_next_tag(fdt, off, &next);
		if (tag < 0)
			return tag;
		if (tag == FDT_BEGIN_NODE) {
			if (depth == 0 && seen_root)
				return fdt_fail("more than one root node");
			if (++depth > FDT_MAX_DEPTH)
				return fdt_fail("nodes nested too deep");
			seen_root = true;
		} else if (tag == FDT_END_NODE) {
			if (--depth < 0)
				return fdt_fail("FDT_END_NODE without a node");
		} else if (tag == FDT_PROP) {
			if (depth == 0)
				return fdt_fail("property outside any node");
			if (!fdt_string(fdt, fdt32_ld(fdt_struct_base(fdt) + off + 8)))
				return fdt_fail("unterminated property name");
		} else if (tag == FDT_END) {
			if (depth || !seen_root)
				return fdt_fail("FDT_END before the root node closed");
			return 0;
		}
	}
}

/* ---- nodes --------------------------------------------------------------- */

/*
 * The node after offset in document order (offset < 0: the root). With
 * depth, *depth is raised for each node entered and lowered for each left;
 * -ENOENT when it would drop below zero or at FDT_END.
 */
int fdt_next_node(const void *fdt, int offset, int *depth)
{
	int next = 0, off, tag;

	if (offset >= 0) {
		next = fdt_node_body(fdt, offset);
		if (next < 0)
			return next;
	}
	for (;;) {
		off = next;
		tag = fdt_next_tag(fdt, off, &next);
		if (tag < 0)
			return tag;
		if (tag == FDT_BEGIN_NODE) {
			if (offset < 0)
				return off;
			if (depth && ++*depth > FDT_MAX_DEPTH)
				return fdt_fail("nodes nested too deep");
			return off;
		}
		if (tag == FDT_END_NODE && depth && --*depth < 0)
			return -ENOENT;
		if (tag == FDT_END)
			return -ENOENT;
	}
}

/* First child of node, -ENOENT if it has none. */
int fdt_first_subnode(const void *fdt, int node)
{
	int depth = 0, off = fdt_next_node(fdt, node, &depth);

	if (off < 0)
		return off;
	return depth == 1 ? off : -ENOENT;
}

/* The sibling after node, -ENOENT if node is the last child. */
int fdt_next_subnode(const void *fdt, int node)
{
	int depth = 1, off = node;

	do {
		off = fdt_next_node(fdt, off, &depth);
		if (off < 0)
			return off;
	} while (depth > 1);
	return depth == 1 ? off : -ENOENT;
}

/*
 * Walks from the root to node, keeping the chain of ancestors. Sets *depth
 * (root = 0) and returns the parent's offset, -ENOENT for the root, or
 * -EINVAL if node is not the offset of a node.
 */
static int fdt_find_parent(const void *fdt, int node, int *depthp)
{
	int stack[FDT_MAX_DEPTH + 1];
	int depth = 0, off = fdt_next_node(fdt, -1, NULL);

	while (off >= 0 && off <= node) {
		stack[depth] = off;
		if (off == node) {
			*depthp = depth;
			return depth ? stack[depth - 1] : -ENOENT;
		}
		off = fdt_next_node(fdt, off, &depth);
	}
	if (off < 0 && off != -ENOENT)
		return off;
	return fdt_fail("offset is not a node");
}

/* Parent of node: its offset, -ENOENT for the root, -EINVAL if corrupt. */
int fdt_parent_offset(const void *fdt, int node)
{
	int depth;

	return fdt_find_parent(fdt, node, &depth);
}

/* Depth of node (root = 0), or a negative errno. */
int fdt_node_depth(const void *fdt, int node)
{
	int depth = -1, err = fdt_find_parent(fdt, node, &depth);

	if (err < 0 && depth < 0)
		return err;
	return depth;
}

/* Node's name ("" for the root, "serial@10000000"...), NULL if node is not
 * a node. *lenp (may be NULL) gets its length or the error. */
const char *fdt_get_name(const void *fdt, int node, int *lenp)
{
	int body = fdt_node_body(fdt, node);
	const char *name;

	if (body < 0) {
		if (lenp)
			*lenp = body;
		return NULL;
	}
	name = (const char *)fdt_struct_base(fdt) + node + 4;
	if (lenp)
		*lenp = strlen(name);
	return name;
}

/* Appends "/name" of node and of each ancestor in turn, root first. */
int fdt_get_path(const void *fdt, int node, char *buf, int buflen)
{
	int chain[FDT_MAX_DEPTH + 1], depth = 0, pos = 0, len, i;
	const char *name;

	for (chain[0] = node; chain[depth] >= 0 && depth < FDT_MAX_DEPTH; depth++)
		chain[depth + 1] = fdt_parent_offset(fdt, chain[depth]);
	if (chain[depth] != -ENOENT)
		return chain[depth] < 0 ? chain[depth] : -EINVAL;
	if (buflen < 2)
		return -ENAMETOOLONG;
	for (i = depth - 2; i >= 0; i--) {	/* chain[depth - 1] is the root */
		name = fdt_get_name(fdt, chain[i], &len);
		if (!name)
			return len;
		if (pos + 1 + len + 1 > buflen)
			return -ENAMETOOLONG;
		buf[pos++] = '/';
		memcpy(buf + pos, name, len);
		pos += len;
	}
	if (pos == 0)
		buf[pos++] = '/';
	buf[pos] = '\0';
	return 0;
}

/* ---- properties ---------------------------------------------------------- */

/* From off, skips NOPs: the next property's offset, -ENOENT at the node's
 * first child or end, -EINVAL on corruption. */
static int fdt_scan_props(const void *fdt, int off)
{
	int next, tag;

	for (;; off = next) {
		tag = fdt_next_tag(fdt, off, &next);
		if (tag < 0)
			return tag;
		if (tag == FDT_PROP)
			return off;
		if (tag != FDT_NOP)
			return tag == FDT_END ? fdt_fail("FDT_END inside a node") : -ENOENT;
	}
}

/* node's first property: its offset, -ENOENT if it has none, or -EINVAL. */
int fdt_first_property_offset(const void *fdt, int node)
{
	int body = fdt_node_body(fdt, node);

	return body < 0 ? body : fdt_scan_props(fdt, body);
}

/* The property after prop in the same node: offset, -ENOENT, or -EINVAL. */
int fdt_next_property_offset(const void *fdt, int prop)
{
	int next, tag = fdt_next_tag(fdt, prop, &next);

	if (tag < 0)
		return tag;
	if (tag != FDT_PROP)
		return fdt_fail("offset is not a property");
	return fdt_scan_props(fdt, next);
}

/* Value, name and length of the property at offset prop; NULL and a
 * negative *lenp if prop is not a well-formed property. */
const void *fdt_getprop_by_offset(const void *fdt, int prop,
				  const char **namep, int *lenp)
{
	int next, tag = fdt_next_tag(fdt, prop, &next);
	const u8 *p = fdt_struct_base(fdt) + prop;
	const char *name;

	if (tag != FDT_PROP) {
		*lenp = tag < 0 ? tag : fdt_fail("offset is not a property");
		return NULL;
	}
	name = fdt_string(fdt, fdt32_ld(p + 8));
	if (!name) {
		*lenp = fdt_fail("unterminated property name");
		return NULL;
	}
	if (namep)
		*namep = name;
	*lenp = fdt32_ld(p + 4);
	return p + 12;
}

/* Property of node whose name is the namelen bytes at name. */
static const void *fdt_getprop_namelen(const void *fdt, int node,
				       const char *name, int namelen, int *lenp)
{
	const char *pname;
	const void *val;
	int prop, len;

	for (prop = fdt_first_property_offset(fdt, node); prop >= 0;
	     prop = fdt_next_property_offset(fdt, prop)) {
		val = fdt_getprop_by_offset(fdt, prop, &pname, &len);
		if (!val) {
			prop = len;
			break;
		}
		if (strlen(pname) == (size_t)namelen && !memcmp(pname, name, namelen)) {
			*lenp = len;
			return val;
		}
	}
	*lenp = prop;
	return NULL;
}

/* Property name of node: its value, NULL with *lenp = -ENOENT / -EINVAL. */
const void *fdt_getprop(const void *fdt, int node, const char *name, int *lenp)
{
	int len;
	const void *val = fdt_getprop_namelen(fdt, node, name, strlen(name), &len);

	if (lenp)
		*lenp = len;
	return val;
}

/* *val = the one-cell property name: 0, -ENOENT, or -EINVAL if not 4 bytes. */
int fdt_getprop_u32(const void *fdt, int node, const char *name, u32 *val)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	if (!p)
		return len;
	if (len != 4)
		return fdt_fail("u32 property of the wrong length");
	*val = fdt32_ld(p);
	return 0;
}

/* *val = the one- or two-cell property name: 0, -ENOENT, or -EINVAL. */
int fdt_getprop_u64(const void *fdt, int node, const char *name, u64 *val)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	if (!p)
		return len;
	if (len != 4 && len != 8)
		return fdt_fail("number property of the wrong length");
	*val = fdt_read_cells(p, len / 4);
	return 0;
}

/* The string property name if present and NUL-terminated within it, else NULL. */
const char *fdt_getprop_string(const void *fdt, int node, const char *name)
{
	int len;
	const char *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len < 1 || p[len - 1] != '\0')
		return NULL;
	return p;
}

/* Walks a string list; an unterminated last string never matches. */
bool fdt_stringlist_contains(const char *list, int len, const char *str)
{
	size_t slen = strlen(str);
	const char *nul;

	while (len > 0) {
		nul = memchr(list, '\0', len);
		if (!nul)
			return false;
		if ((size_t)(nul - list) == slen && !memcmp(list, str, slen))
			return true;
		len -= nul - list + 1;
		list = nul + 1;
	}
	return false;
}

/*
 * The index-th string of string-list property name ("compatible",
 * "reg-names"...), or NULL if absent, too short, or unterminated there.
 */
const char *fdt_stringlist_get(const void *fdt, int node, const char *name,
			       int index)
{
	int len;
	const char *list = fdt_getprop(fdt, node, name, &len), *nul;

	for (; list && len > 0; index--) {
		nul = memchr(list, '\0', len);
		if (!nul)
			return NULL;
		if (index == 0)
			return list;
		len -= nul - list + 1;
		list = nul + 1;
	}
	return NULL;
}

/* ---- finding nodes ------------------------------------------------------- */

/*
 * Child of parent called name (namelen bytes). A name without a unit address
 * also matches "name@unit" (spec 2.2.1): the first such child wins.
 */
int fdt_subnode_offset_namelen(const void *fdt, int parent, const char *name,
			       int namelen)
{
	bool has_unit = memchr(name, '@', namelen) != NULL;
	const char *n;
	int child, len;

	fdt_for_each_subnode(child, fdt, parent) {
		n = fdt_get_name(fdt, child, &len);
		if (!n)
			return len;
		if (len < namelen || memcmp(n, name, namelen))
			continue;
		if (len == namelen || (!has_unit && n[namelen] == '@'))
			return child;
	}
	return child;
}

/* The path an alias of /aliases stands for, or NULL. */
static const char *fdt_get_alias_namelen(const void *fdt, const char *name,
					 int namelen)
{
	int aliases = fdt_path_offset(fdt, "/aliases"), len;
	const char *p;

	if (aliases < 0)
		return NULL;
	p = fdt_getprop_namelen(fdt, aliases, name, namelen, &len);
	if (!p || len < 2 || p[len - 1] != '\0' || p[0] != '/')
		return NULL;
	return p;
}

/* The absolute path /aliases gives for name ("serial0"), or NULL. */
const char *fdt_get_alias(const void *fdt, const char *name)
{
	return fdt_get_alias_namelen(fdt, name, strlen(name));
}

/*
 * Node at the path given by the first namelen bytes of path: absolute
 * ("/soc/serial@10000000", "/memory") or starting with an alias
 * ("serial0", "mmc0/card"). -ENOENT if there is no such node.
 */
int fdt_path_offset_namelen(const void *fdt, const char *path, int namelen)
{
	const char *end = path + namelen, *p = path, *q;
	int off;

	if (namelen <= 0)
		return -ENOENT;
	if (*path != '/') {
		q = memchr(path, '/', namelen);
		q = q ? q : end;
		p = fdt_get_alias_namelen(fdt, path, q - path);
		if (!p)
			return -ENOENT;
		off = fdt_path_offset(fdt, p);	/* absolute: no recursion */
		p = q;
	} else {
		off = fdt_next_node(fdt, -1, NULL);
	}
	while (off >= 0 && p < end) {
		if (*p == '/') {
			p++;
			continue;
		}
		q = memchr(p, '/', end - p);
		q = q ? q : end;
		off = fdt_subnode_offset_namelen(fdt, off, p, q - p);
		p = q;
	}
	return off;
}

/* fdt_path_offset_namelen over all of the NUL-terminated path. */
int fdt_path_offset(const void *fdt, const char *path)
{
	return fdt_path_offset_namelen(fdt, path, strlen(path));
}

/* 0 if compat is in node's compatible list, 1 if not, or the look-up's error. */
int fdt_node_check_compatible(const void *fdt, int node, const char *compat)
{
	int len;
	const char *list = fdt_getprop(fdt, node, "compatible", &len);

	if (!list)
		return len;
	return fdt_stringlist_contains(list, len, compat) ? 0 : 1;
}

/*
 * The first node after start (-1: the root on) that is compatible with
 * compat, in blob order; -ENOENT when none is left, -EINVAL if malformed.
 */
int fdt_node_offset_by_compatible(const void *fdt, int start, const char *compat)
{
	int off = start, r;

	for (;;) {
		off = fdt_next_node(fdt, off, NULL);
		if (off < 0)
			return off;
		r = fdt_node_check_compatible(fdt, off, compat);
		if (r == 0 || r == -EINVAL)
			return r ? r : off;
	}
}

/* node's phandle ("phandle", or the older "linux,phandle"); 0 if none. */
u32 fdt_get_phandle(const void *fdt, int node)
{
	u32 ph;

	if (fdt_getprop_u32(fdt, node, "phandle", &ph) == 0)
		return ph;
	if (fdt_getprop_u32(fdt, node, "linux,phandle", &ph) == 0)
		return ph;
	return 0;
}

/* The node whose phandle is phandle; -ENOENT if none (0 and ~0 are never
 * valid phandles). */
int fdt_node_offset_by_phandle(const void *fdt, u32 phandle)
{
	int off = -1;

	if (phandle == 0 || phandle == 0xffffffff)
		return -ENOENT;
	for (;;) {
		off = fdt_next_node(fdt, off, NULL);
		if (off < 0 || fdt_get_phandle(fdt, off) == phandle)
			return off;
	}
}

/*
 * Spec 2.3.4: a node is usable if status is absent, "okay" or "ok";
 * "disabled", "reserved", "fail" or a malformed node are not.
 */
bool fdt_node_is_available(const void *fdt, int node)
{
	int len;
	const char *s = fdt_getprop(fdt, node, "status", &len);

	if (!s)
		return len == -ENOENT;
	return (len == 5 && !memcmp(s, "okay", 5)) ||
	       (len == 3 && !memcmp(s, "ok", 3));
}

/* ---- addresses ----------------------------------------------------------- */

/* The cell count property name of bus (dflt if absent): 0..4, or -EINVAL. */
static int fdt_cells(const void *fdt, int bus, const char *name, int dflt)
{
	u32 val;
	int err = fdt_getprop_u32(fdt, bus, name, &val);

	if (err == -ENOENT)
		return dflt;
	if (err)
		return err;
	if (val > FDT_MAX_NCELLS)
		return fdt_fail("#address-cells or #size-cells too large");
	return val;
}

int fdt_address_cells(const void *fdt, int bus)
{
	return fdt_cells(fdt, bus, "#address-cells", 2);
}

int fdt_size_cells(const void *fdt, int bus)
{
	return fdt_cells(fdt, bus, "#size-cells", 1);
}

/* Finds node's reg and the parent's cell counts; returns the number of
 * entries (0 if reg is empty), -ENOENT if no reg, -EINVAL if malformed. */
static int fdt_reg_layout(const void *fdt, int node, const u8 **reg,
			  int *ac, int *sc)
{
	int parent = fdt_parent_offset(fdt, node), len, stride;

	if (parent < 0)
		return parent == -ENOENT ? fdt_fail("root node has no reg") : parent;
	*ac = fdt_address_cells(fdt, parent);
	*sc = fdt_size_cells(fdt, parent);
	if (*ac < 0 || *sc < 0)
		return -EINVAL;
	if (*ac < 1 || *ac > 2 || *sc > 2)
		return fdt_fail("unsupported #address-cells/#size-cells for reg");
	*reg = fdt_getprop(fdt, node, "reg", &len);
	if (!*reg)
		return len;
	stride = (*ac + *sc) * 4;
	if (len % stride)
		return fdt_fail("reg length is not a multiple of its cells");
	return len / stride;
}

/* Number of (address, size) pairs in node's reg; -ENOENT or -EINVAL. */
int fdt_reg_count(const void *fdt, int node)
{
	const u8 *reg;
	int ac, sc;

	return fdt_reg_layout(fdt, node, &reg, &ac, &sc);
}

/*
 * The index-th (address, size) pair of node's reg, untranslated (bus
 * addresses: drivers/of/address.c applies ranges). Size 0 if the parent
 * has #size-cells = 0. 0, -ENOENT (no reg, index out of range), -EINVAL.
 */
int fdt_read_reg(const void *fdt, int node, int index, u64 *addr, u64 *size)
{
	const u8 *reg;
	int ac, sc, n = fdt_reg_layout(fdt, node, &reg, &ac, &sc);

	if (n < 0)
		return n;
	if (index < 0 || index >= n)
		return -ENOENT;
	reg += index * (ac + sc) * 4;
	*addr = fdt_read_cells(reg, ac);
	*size = sc ? fdt_read_cells(reg + ac * 4, sc) : 0;
	return 0;
}
