/*
 * The radix tree: a map from unsigned long indices to non-NULL pointers,
 * with three tag bits per item, as the page cache uses it to keep a file's
 * pages by page->index (Linux's classic radix-tree API, not the XArray).
 *
 * Locking: the tree has no lock of its own. Callers serialise every
 * change (insert, delete, tag set/clear) with their own lock, and do
 * lookups under the same lock (there is no RCU). Only radix_tree_preload()
 * may sleep; everything else sleeps only if root->gfp_mask allows it.
 */
#ifndef _LINUX_RADIX_TREE_H
#define _LINUX_RADIX_TREE_H

#include <linux/types.h>
#include <linux/gfp.h>

#define RADIX_TREE_MAP_SHIFT	6
#define RADIX_TREE_MAP_SIZE	(1UL << RADIX_TREE_MAP_SHIFT)	/* 64 slots per node */
#define RADIX_TREE_MAP_MASK	(RADIX_TREE_MAP_SIZE - 1)

/* Levels for a 64-bit index: ceil(64 / 6) = 11. */
#define RADIX_TREE_INDEX_BITS	64
#define RADIX_TREE_MAX_PATH	\
	((RADIX_TREE_INDEX_BITS + RADIX_TREE_MAP_SHIFT - 1) / RADIX_TREE_MAP_SHIFT)

/*
 * Most nodes one insert can need: growing the tree to the full height
 * (MAX_PATH new top nodes) and a new path under the new top (MAX_PATH - 1).
 */
#define RADIX_TREE_PRELOAD_SIZE	(RADIX_TREE_MAX_PATH * 2 - 1)

#define RADIX_TREE_MAX_TAGS	3

/* The page cache's tags. */
#define PAGECACHE_TAG_DIRTY	0
#define PAGECACHE_TAG_WRITEBACK	1
#define PAGECACHE_TAG_TOWRITE	2

/*
 * One level of the tree. In a node of height 1 the slots hold items;
 * above, child nodes. tags[t] bit i: slot i's item (or some item under
 * slot i's child) has tag t. Only the tree code touches nodes.
 */
struct radix_tree_node {
	unsigned int count;			/* non-NULL slots */
	void *slots[RADIX_TREE_MAP_SIZE];
	u64 tags[RADIX_TREE_MAX_TAGS];		/* one bit per slot (64 slots) */
};

/*
 * height 0: rnode is NULL (empty tree) or the item at index 0 itself;
 * height h > 0: rnode is a node covering indices 0 .. 64^h - 1.
 * tags bit t: some item in the tree has tag t.
 */
struct radix_tree_root {
	unsigned int height;
	unsigned int tags;
	gfp_t gfp_mask;				/* for node allocations */
	void *rnode;				/* a radix_tree_node, or the item */
};

#define RADIX_TREE_INIT(mask)	{ .height = 0, .tags = 0, .gfp_mask = (mask), .rnode = NULL }
#define RADIX_TREE(name, mask)	struct radix_tree_root name = RADIX_TREE_INIT(mask)
#define INIT_RADIX_TREE(root, mask) do {				\
	(root)->height = 0;						\
	(root)->tags = 0;						\
	(root)->gfp_mask = (mask);					\
	(root)->rnode = NULL;						\
} while (0)

void radix_tree_init(void);

int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item);
void *radix_tree_lookup(struct radix_tree_root *root, unsigned long index);
void **radix_tree_lookup_slot(struct radix_tree_root *root, unsigned long index);
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);

void *radix_tree_tag_set(struct radix_tree_root *root, unsigned long index, unsigned int tag);
void *radix_tree_tag_clear(struct radix_tree_root *root, unsigned long index, unsigned int tag);
int radix_tree_tag_get(struct radix_tree_root *root, unsigned long index, unsigned int tag);
int radix_tree_tagged(struct radix_tree_root *root, unsigned int tag);

unsigned int radix_tree_gang_lookup(struct radix_tree_root *root, void **results,
				    unsigned long first_index, unsigned int max_items);
unsigned int radix_tree_gang_lookup_tag(struct radix_tree_root *root, void **results,
					unsigned long first_index, unsigned int max_items,
					unsigned int tag);

int radix_tree_preload(gfp_t gfp_mask);
void radix_tree_preload_end(void);

#endif
