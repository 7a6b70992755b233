/*
 * The radix tree (include/linux/radix-tree.h): 64-way nodes from the
 * "radix_tree_node" slab cache, three tags per item kept as per-node
 * bitmaps up to the root, per-CPU preloading. Follows Linux's classic
 * radix-tree API; leaves out RCU lookups, multi-order entries, exceptional
 * entries and the iterators (gang lookups cover what the page cache needs).
 */
#include <linux/radix-tree.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/string.h>

static struct kmem_cache *radix_tree_node_cachep;

/* Nodes set aside by radix_tree_preload() for atomic inserts on this CPU. */
struct radix_tree_preload {
	unsigned int nr;
	struct radix_tree_node *nodes[RADIX_TREE_PRELOAD_SIZE];
};
static DEFINE_PER_CPU(struct radix_tree_preload, radix_tree_preloads);

/* One step of a walk: the node at some height and the slot index takes. */
struct radix_tree_path {
	struct radix_tree_node *node;
	unsigned int offset;
};

/* Largest index a tree of @height holds (height 0: index 0 only). */
static unsigned long radix_tree_maxindex(unsigned int height)
{
	if (height >= RADIX_TREE_MAX_PATH)
		return ULONG_MAX;
	return (1UL << (height * RADIX_TREE_MAP_SHIFT)) - 1;
}

/* The smallest height whose tree holds @index. */
static unsigned int radix_tree_height_for(unsigned long index)
{
	unsigned int height = 0;

	while (index > radix_tree_maxindex(height))
		height++;
	return height;
}

/* Which slot of a node of @height (>= 1) leads towards @index. */
static unsigned int radix_tree_offset(unsigned long index, unsigned int height)
{
	return (index >> ((height - 1) * RADIX_TREE_MAP_SHIFT)) & RADIX_TREE_MAP_MASK;
}

static u64 slot_bit(unsigned int offset)
{
	return (u64)1 << offset;
}

/* Create the node cache. Boot calls it once, after kmem_cache_init. */
void radix_tree_init(void)
{
	radix_tree_node_cachep = kmem_cache_create("radix_tree_node",
			sizeof(struct radix_tree_node), 0, SLAB_PANIC, NULL);
}

/* A zeroed node from the cache, or NULL. */
static struct radix_tree_node *radix_tree_node_new(gfp_t gfp_mask)
{
	struct radix_tree_node *node = kmem_cache_alloc(radix_tree_node_cachep, gfp_mask);

	if (node)
		memset(node, 0, sizeof(*node));
	return node;
}

/*
 * A zeroed node for a tree change. A request that may not sleep takes one
 * of this CPU's preloaded nodes first (the caller has preemption off
 * since radix_tree_preload, or holds a spinlock); otherwise, or when none
 * is left, the cache. NULL when memory is short.
 */
static struct radix_tree_node *radix_tree_node_alloc(gfp_t gfp_mask)
{
	struct radix_tree_preload *rtp;

	if (!(gfp_mask & __GFP_WAIT)) {
		rtp = this_cpu_ptr(&radix_tree_preloads);
		if (rtp->nr)
			return rtp->nodes[--rtp->nr];
	}
	return radix_tree_node_new(gfp_mask);
}

static void radix_tree_node_free(struct radix_tree_node *node)
{
	kmem_cache_free(radix_tree_node_cachep, node);
}

/*
 * Fill this CPU's preload pool so that the next insert cannot fail for
 * want of memory, even with GFP_ATOMIC under a spinlock. Returns 0 with
 * preemption disabled (the caller ends the section with
 * radix_tree_preload_end()), or -ENOMEM with preemption enabled. May
 * sleep if @gfp_mask allows it.
 */
int radix_tree_preload(gfp_t gfp_mask)
{
	struct radix_tree_preload *rtp;
	struct radix_tree_node *node;

	might_sleep_if(gfp_mask & __GFP_WAIT);
	preempt_disable();
	rtp = this_cpu_ptr(&radix_tree_preloads);
	while (rtp->nr < RADIX_TREE_PRELOAD_SIZE) {
		preempt_enable();
		node = radix_tree_node_new(gfp_mask);
		if (!node)
			return -ENOMEM;
		preempt_disable();
		rtp = this_cpu_ptr(&radix_tree_preloads);
		if (rtp->nr < RADIX_TREE_PRELOAD_SIZE)
			rtp->nodes[rtp->nr++] = node;
		else
			radix_tree_node_free(node);
	}
	return 0;
}

/* End the section a successful radix_tree_preload() began. */
void radix_tree_preload_end(void)
{
	preempt_enable();
}

/*
 * Walk towards @index, recording in path[h] (h = root->height .. 1) each
 * node and the slot taken. Returns the item's slot, or NULL when no item
 * is stored at @index (path is then partly filled).
 */
static void **radix_tree_walk(struct radix_tree_root *root, unsigned long index,
			      struct radix_tree_path *path)
{
	void **slot = &root->rnode;
	struct radix_tree_node *node;
	unsigned int height;

	if (index > radix_tree_maxindex(root->height))
		return NULL;
	for (height = root->height; height > 0; height--) {
		node = *slot;
		if (!node)
			return NULL;
		path[height].node = node;
		path[height].offset = radix_tree_offset(index, height);
		slot = &node->slots[path[height].offset];
	}
	return *slot ? slot : NULL;
}

/* The slot holding the item at @index, or NULL if there is none. */
void **radix_tree_lookup_slot(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_path path[RADIX_TREE_MAX_PATH + 1];

	return radix_tree_walk(root, index, path);
}

/* The item at @index, or NULL. */
void *radix_tree_lookup(struct radix_tree_root *root, unsigned long index)
{
	void **slot = radix_tree_lookup_slot(root, index);

	return slot ? *slot : NULL;
}

/*
 * Nodes an insert at @index needs once the tree is @new_height tall: new
 * top levels, plus the levels missing on the way down. Growing the tree
 * means @index is beyond the old top, so its path leaves the new top node
 * by a slot other than 0 and every level below the top is new.
 */
static unsigned int radix_tree_nodes_needed(struct radix_tree_root *root,
					    unsigned long index, unsigned int new_height)
{
	struct radix_tree_node *node = root->rnode;
	unsigned int height;

	if (!node)
		return new_height;
	if (new_height > root->height)
		return (new_height - root->height) + (new_height - 1);
	for (height = root->height; height > 1; height--) {
		node = node->slots[radix_tree_offset(index, height)];
		if (!node)
			return height - 1;
	}
	return 0;
}

/* The nodes one insert will use, all allocated before the tree changes. */
struct radix_tree_stash {
	unsigned int nr;
	struct radix_tree_node *nodes[RADIX_TREE_PRELOAD_SIZE];
};

/* Allocate @need nodes into @stash. -ENOMEM (nothing kept) if any fails. */
static int radix_tree_stash_fill(struct radix_tree_stash *stash, gfp_t gfp_mask,
				 unsigned int need)
{
	struct radix_tree_node *node;

	stash->nr = 0;
	while (stash->nr < need) {
		node = radix_tree_node_alloc(gfp_mask);
		if (!node) {
			while (stash->nr)
				radix_tree_node_free(stash->nodes[--stash->nr]);
			return -ENOMEM;
		}
		stash->nodes[stash->nr++] = node;
	}
	return 0;
}

static struct radix_tree_node *radix_tree_stash_take(struct radix_tree_stash *stash)
{
	BUG_ON(stash->nr == 0);
	return stash->nodes[--stash->nr];
}

/*
 * Make the tree @new_height tall: an empty tree just takes the height;
 * otherwise each new top node gets the old top in slot 0, with the root's
 * tags as its slot-0 tag bits.
 */
static void radix_tree_extend(struct radix_tree_root *root, unsigned int new_height,
			      struct radix_tree_stash *stash)
{
	struct radix_tree_node *node;
	unsigned int tag;

	if (!root->rnode) {
		root->height = new_height;
		return;
	}
	while (root->height < new_height) {
		node = radix_tree_stash_take(stash);
		node->slots[0] = root->rnode;
		node->count = 1;
		for (tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++)
			if (root->tags & (1u << tag))
				node->tags[tag] = slot_bit(0);
		root->rnode = node;
		root->height++;
	}
}

/*
 * Store @item (not NULL) at @index, untagged. Returns 0, -EEXIST if the
 * index is taken, -ENOMEM if a node could not be allocated (the tree is
 * then unchanged), -EINVAL for a NULL item. Allocates with
 * root->gfp_mask; a caller under a spinlock uses a non-sleeping mask
 * after radix_tree_preload().
 */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item)
{
	struct radix_tree_stash stash;
	struct radix_tree_node *node = NULL;
	unsigned int new_height, height;
	void **slot = &root->rnode;

	if (!item)
		return -EINVAL;
	if (radix_tree_lookup_slot(root, index))
		return -EEXIST;
	new_height = max(root->height, radix_tree_height_for(index));
	if (radix_tree_stash_fill(&stash, root->gfp_mask,
				  radix_tree_nodes_needed(root, index, new_height)))
		return -ENOMEM;
	radix_tree_extend(root, new_height, &stash);
	for (height = root->height; height > 0; height--) {
		if (!*slot) {
			*slot = radix_tree_stash_take(&stash);
			if (node)
				node->count++;
		}
		node = *slot;
		slot = &node->slots[radix_tree_offset(index, height)];
	}
	*slot = item;
	if (node)
		node->count++;
	BUG_ON(stash.nr != 0);
	return 0;
}

/*
 * Clear @tag for the slot at the bottom of @path and every ancestor left
 * with no tagged slot, up to the root. Safe when the tag was not set.
 */
static void radix_tree_clear_path_tag(struct radix_tree_root *root,
				      struct radix_tree_path *path, unsigned int tag)
{
	struct radix_tree_node *node;
	unsigned int height;

	for (height = 1; height <= root->height; height++) {
		node = path[height].node;
		node->tags[tag] &= ~slot_bit(path[height].offset);
		if (node->tags[tag])
			return;
	}
	root->tags &= ~(1u << tag);
}

/*
 * Set @tag on the item at @index and on the path to it. Returns the item,
 * or NULL (nothing changed) if no item is stored there.
 */
void *radix_tree_tag_set(struct radix_tree_root *root, unsigned long index, unsigned int tag)
{
	struct radix_tree_path path[RADIX_TREE_MAX_PATH + 1];
	unsigned int height;
	void **slot;

	BUG_ON(tag >= RADIX_TREE_MAX_TAGS);
	slot = radix_tree_walk(root, index, path);
	if (!slot)
		return NULL;
	for (height = 1; height <= root->height; height++)
		path[height].node->tags[tag] |= slot_bit(path[height].offset);
	root->tags |= 1u << tag;
	return *slot;
}

/*
 * Clear @tag on the item at @index; ancestors keep it only while another
 * slot under them has it. Returns the item, or NULL if there is none.
 */
void *radix_tree_tag_clear(struct radix_tree_root *root, unsigned long index, unsigned int tag)
{
	struct radix_tree_path path[RADIX_TREE_MAX_PATH + 1];
	void **slot;

	BUG_ON(tag >= RADIX_TREE_MAX_TAGS);
	slot = radix_tree_walk(root, index, path);
	if (!slot)
		return NULL;
	radix_tree_clear_path_tag(root, path, tag);
	return *slot;
}

/* 1 if the item at @index has @tag, 0 if not or if there is no item. */
int radix_tree_tag_get(struct radix_tree_root *root, unsigned long index, unsigned int tag)
{
	struct radix_tree_path path[RADIX_TREE_MAX_PATH + 1];

	BUG_ON(tag >= RADIX_TREE_MAX_TAGS);
	if (!(root->tags & (1u << tag)) || !radix_tree_walk(root, index, path))
		return 0;
	if (root->height == 0)
		return 1;
	return (path[1].node->tags[tag] & slot_bit(path[1].offset)) != 0;
}

/* 1 if any item in the tree has @tag. */
int radix_tree_tagged(struct radix_tree_root *root, unsigned int tag)
{
	BUG_ON(tag >= RADIX_TREE_MAX_TAGS);
	return (root->tags & (1u << tag)) != 0;
}

/*
 * Free the nodes a delete left empty, bottom up along @path (the leaf
 * has just lost a slot). An empty top leaves an empty tree.
 */
static void radix_tree_free_empty(struct radix_tree_root *root, struct radix_tree_path *path)
{
	unsigned int height;

	for (height = 1; height <= root->height; height++) {
		if (--path[height].node->count)
			return;
		radix_tree_node_free(path[height].node);
		if (height < root->height)
			path[height + 1].node->slots[path[height + 1].offset] = NULL;
	}
	root->rnode = NULL;
	root->height = 0;
	root->tags = 0;
}

/*
 * Drop top nodes whose only child is in slot 0: the tree then has the
 * smallest height that holds its largest index. The root's tags stay
 * right, since they were the old top's slot-0 bits.
 */
static void radix_tree_shrink(struct radix_tree_root *root)
{
	struct radix_tree_node *node;

	while (root->height > 0) {
		node = root->rnode;
		if (node->count != 1 || !node->slots[0])
			return;
		root->rnode = node->slots[0];
		root->height--;
		radix_tree_node_free(node);
	}
}

/*
 * Remove the item at @index with its tags, free the nodes left empty and
 * shrink the tree. Returns the item, or NULL if there was none.
 */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_path path[RADIX_TREE_MAX_PATH + 1];
	unsigned int tag;
	void **slot;
	void *item;

	slot = radix_tree_walk(root, index, path);
	if (!slot)
		return NULL;
	item = *slot;
	for (tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++)
		radix_tree_clear_path_tag(root, path, tag);
	*slot = NULL;
	radix_tree_free_empty(root, path);
	radix_tree_shrink(root);
	return item;
}

/* A gang lookup in progress; tag < 0 means any item. */
struct radix_tree_gang {
	void **results;
	unsigned int max_items;
	unsigned int nr;
	int tag;
};

/*
 * Collect the items under @node (of @height, first index @base) at
 * indices >= @first, in index order, skipping subtrees without the tag.
 * Returns false once results are full.
 */
static bool radix_tree_gang_node(struct radix_tree_gang *gang, struct radix_tree_node *node,
				 unsigned int height, unsigned long base, unsigned long first)
{
	unsigned int shift = (height - 1) * RADIX_TREE_MAP_SHIFT;
	unsigned long offset = first > base ? (first - base) >> shift : 0;
	void *entry;

	for (; offset < RADIX_TREE_MAP_SIZE; offset++) {
		entry = node->slots[offset];
		if (!entry || (gang->tag >= 0 && !(node->tags[gang->tag] & slot_bit(offset))))
			continue;
		if (height > 1) {
			if (!radix_tree_gang_node(gang, entry, height - 1,
						  base + (offset << shift), first))
				return false;
			continue;
		}
		gang->results[gang->nr++] = entry;
		if (gang->nr == gang->max_items)
			return false;
	}
	return true;
}

/* Both gang lookups: up to @max_items items from @first_index on. */
static unsigned int radix_tree_gang(struct radix_tree_root *root, void **results,
				    unsigned long first_index, unsigned int max_items, int tag)
{
	struct radix_tree_gang gang = { results, max_items, 0, tag };

	if (!max_items || !root->rnode || first_index > radix_tree_maxindex(root->height))
		return 0;
	if (tag >= 0 && !(root->tags & (1u << tag)))
		return 0;
	if (root->height == 0) {
		results[0] = root->rnode;
		return 1;
	}
	radix_tree_gang_node(&gang, root->rnode, root->height, 0, first_index);
	return gang.nr;
}

/*
 * Store in @results up to @max_items items at indices >= @first_index, in
 * index order. Returns how many were stored.
 */
unsigned int radix_tree_gang_lookup(struct radix_tree_root *root, void **results,
				    unsigned long first_index, unsigned int max_items)
{
	return radix_tree_gang(root, results, first_index, max_items, -1);
}

/* The same, for items that have @tag only. */
unsigned int radix_tree_gang_lookup_tag(struct radix_tree_root *root, void **results,
					unsigned long first_index, unsigned int max_items,
					unsigned int tag)
{
	BUG_ON(tag >= RADIX_TREE_MAX_TAGS);
	return radix_tree_gang(root, results, first_index, max_items, (int)tag);
}
