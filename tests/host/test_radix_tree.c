/*
 * Host tests for lib/radix-tree.c on the real slab and buddy allocator:
 * seeded random operations against a sorted-array model, structure checks
 * (counts, tag bitmaps, minimal height, node count), height growth and
 * shrink, -EEXIST, out of memory (injected and real), preloading.
 *
 * Node allocations are counted and can be made to fail through
 * -Wl,--wrap=kmem_cache_alloc,--wrap=kmem_cache_free (radix_tree.mk), so
 * the kernel code carries no test hooks.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/radix-tree.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include "test.h"
#include "slab_test_env.h"

/* ---- node allocation: counting and failure injection ---- */

void *__real_kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags);
void __real_kmem_cache_free(struct kmem_cache *cachep, void *objp);
void *__wrap_kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags);
void __wrap_kmem_cache_free(struct kmem_cache *cachep, void *objp);

static long live_nodes;		/* radix_tree_node objects allocated now */
static long fail_after = -1;	/* node allocations left before one fails; -1: never */
static unsigned long node_allocs;	/* attempts so far */

static bool is_node_cache(struct kmem_cache *cachep)
{
	return strcmp(cachep->name, "radix_tree_node") == 0;
}

void *__wrap_kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	void *p;

	if (!is_node_cache(cachep))
		return __real_kmem_cache_alloc(cachep, flags);
	node_allocs++;
	if (fail_after == 0)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	p = __real_kmem_cache_alloc(cachep, flags);
	if (p)
		live_nodes++;
	return p;
}

void __wrap_kmem_cache_free(struct kmem_cache *cachep, void *objp)
{
	if (is_node_cache(cachep))
		live_nodes--;
	__real_kmem_cache_free(cachep, objp);
}

/* ---- the reference model: entries sorted by index ---- */

struct entry {
	unsigned long index;
	void *item;
	unsigned int tags;
};

static struct entry *model;
static unsigned int model_nr, model_cap;
static uintptr_t serial;

static void *new_item(void)
{
	return (void *)(++serial * 2);
}

/* Position of @index in the model, or where it would go. */
static unsigned int model_pos(unsigned long index)
{
	unsigned int lo = 0, hi = model_nr;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (model[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct entry *model_find(unsigned long index)
{
	unsigned int pos = model_pos(index);

	return pos < model_nr && model[pos].index == index ? &model[pos] : NULL;
}

static void model_insert(unsigned long index, void *item)
{
	unsigned int pos = model_pos(index);

	if (model_nr == model_cap) {
		model_cap = model_cap ? model_cap * 2 : 256;
		model = realloc(model, model_cap * sizeof(*model));
	}
	memmove(&model[pos + 1], &model[pos], (model_nr - pos) * sizeof(*model));
	model[pos] = (struct entry){ index, item, 0 };
	model_nr++;
}

static void model_delete(unsigned long index)
{
	unsigned int pos = model_pos(index);

	memmove(&model[pos], &model[pos + 1], (model_nr - pos - 1) * sizeof(*model));
	model_nr--;
}

/* ---- structure checks ---- */

static long tree_nodes;

/*
 * Check the subtree under @node (of @height, first index @base): counts,
 * tag bits (set exactly where something below has the tag), no empty
 * nodes, and each item equal to the model's. Returns the tags present.
 */
static unsigned int check_node(struct radix_tree_node *node, unsigned int height,
			       unsigned long base, bool *ok)
{
	unsigned int shift = (height - 1) * RADIX_TREE_MAP_SHIFT, present = 0, count = 0;
	unsigned int offset, tag, below;
	struct entry *e;

	tree_nodes++;
	for (offset = 0; offset < RADIX_TREE_MAP_SIZE; offset++) {
		void *slot = node->slots[offset];
		unsigned long index = base + ((unsigned long)offset << shift);

		if (!slot) {
			for (tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++)
				if (node->tags[tag] & ((u64)1 << offset))
					*ok = false;
			continue;
		}
		count++;
		if (height > 1) {
			below = check_node(slot, height - 1, index, ok);
		} else {
			e = model_find(index);
			if (!e || e->item != slot)
				*ok = false;
			below = e ? e->tags : 0;
		}
		for (tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++)
			if (!!(below & (1u << tag)) != !!(node->tags[tag] & ((u64)1 << offset)))
				*ok = false;
		present |= below;
	}
	if (count != node->count || count == 0)
		*ok = false;
	return present;
}

/* The whole tree against the model and its own invariants. */
static bool tree_consistent(struct radix_tree_root *root)
{
	unsigned long maxindex;
	unsigned int present = 0;
	bool ok = true;

	tree_nodes = 0;
	if (root->height == 0) {
		if (model_nr > 1 || (model_nr == 1 && model[0].index != 0))
			return false;
		if (model_nr == 1 && root->rnode != model[0].item)
			return false;
		if (model_nr == 0 && root->rnode)
			return false;
		present = model_nr ? model[0].tags : 0;
	} else {
		struct radix_tree_node *top = root->rnode;

		if (!top || (top->count == 1 && top->slots[0]))
			return false;	/* empty tree with a height, or not shrunk */
		present = check_node(top, root->height, 0, &ok);
		maxindex = root->height >= RADIX_TREE_MAX_PATH ? ULONG_MAX :
			(1UL << (RADIX_TREE_MAP_SHIFT * root->height)) - 1;
		if (model_nr && model[model_nr - 1].index > maxindex)
			ok = false;
	}
	if (present != root->tags)
		ok = false;
	return ok && tree_nodes == live_nodes;
}

/* Every item's count, and the items found through the tree's own lookups. */
static bool tree_matches_model(struct radix_tree_root *root)
{
	static void *results[1 << 15];
	unsigned int i, n, tag, k;

	if (model_nr > ARRAY_SIZE(results))
		return false;
	n = radix_tree_gang_lookup(root, results, 0, ARRAY_SIZE(results));
	if (n != model_nr)
		return false;
	for (i = 0; i < n; i++)
		if (results[i] != model[i].item || radix_tree_lookup(root, model[i].index) != model[i].item)
			return false;
	for (tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++) {
		n = radix_tree_gang_lookup_tag(root, results, 0, ARRAY_SIZE(results), tag);
		for (i = 0, k = 0; i < model_nr; i++) {
			if (!(model[i].tags & (1u << tag)))
				continue;
			if (k >= n || results[k++] != model[i].item)
				return false;
		}
		if (k != n || radix_tree_tagged(root, tag) != (n > 0))
			return false;
	}
	return true;
}

/* ---- index sets ---- */

static unsigned long rng_state;

static unsigned long rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

enum { SET_DENSE, SET_SPARSE, SET_NEAR_0, SET_NEAR_4G, SET_NEAR_MAX, SET_STRIDE, NR_SETS };

static const char *set_name[NR_SETS] = {
	"dense", "sparse 64-bit", "near 0", "near 2^32", "near ULONG_MAX", "64^k strides",
};

static unsigned long random_index(int set)
{
	switch (set) {
	case SET_DENSE:
		return rnd() % 4096;
	case SET_SPARSE:
		return rnd();
	case SET_NEAR_0:
		return rnd() % 70;
	case SET_NEAR_4G:
		return (1UL << 32) - 2048 + rnd() % 4096;
	case SET_NEAR_MAX:
		return ULONG_MAX - rnd() % 4096;
	default:
		return (rnd() % 64) << (RADIX_TREE_MAP_SHIFT * (rnd() % 11));
	}
}

/* An index from the set, or one already in the model half of the time. */
static unsigned long pick_index(int set)
{
	if (model_nr && rnd() % 2)
		return model[rnd() % model_nr].index;
	return random_index(set);
}

/* Delete every item (in random order); the tree must end empty, no nodes. */
static bool empty_tree(struct radix_tree_root *root)
{
	bool ok = true;

	while (model_nr) {
		struct entry e = model[rnd() % model_nr];

		if (radix_tree_delete(root, e.index) != e.item)
			ok = false;
		model_delete(e.index);
	}
	return ok && root->height == 0 && !root->rnode && root->tags == 0 && live_nodes == 0;
}

/* ---- random operations against the model ---- */

struct op_stats {
	unsigned long eexist, gang_ok, gang_bad, mismatches;
};

static void random_op(struct radix_tree_root *root, int set, struct op_stats *st)
{
	static void *results[128];
	unsigned long index = pick_index(set);
	struct entry *e = model_find(index);
	unsigned int tag = rnd() % RADIX_TREE_MAX_TAGS, max, n, i, pos;
	void *item;
	int err;

	switch (rnd() % 8) {
	case 0: case 1:
		item = new_item();
		err = radix_tree_insert(root, index, item);
		if (e) {
			st->eexist++;
			st->mismatches += err != -EEXIST;
		} else {
			st->mismatches += err != 0;
			model_insert(index, item);
		}
		break;
	case 2:
		item = radix_tree_delete(root, index);
		st->mismatches += item != (e ? e->item : NULL);
		if (e)
			model_delete(index);
		break;
	case 3:
		st->mismatches += radix_tree_tag_set(root, index, tag) != (e ? e->item : NULL);
		if (e)
			e->tags |= 1u << tag;
		break;
	case 4:
		st->mismatches += radix_tree_tag_clear(root, index, tag) != (e ? e->item : NULL);
		if (e)
			e->tags &= ~(1u << tag);
		break;
	case 5:
		st->mismatches += radix_tree_lookup(root, index) != (e ? e->item : NULL);
		st->mismatches += radix_tree_tag_get(root, index, tag) != (e && (e->tags & (1u << tag)));
		break;
	case 6:
		max = 1 + rnd() % ARRAY_SIZE(results);
		n = radix_tree_gang_lookup(root, results, index, max);
		pos = model_pos(index);
		if (n != min(max, model_nr - pos))
			goto gang_bad;
		for (i = 0; i < n; i++)
			if (results[i] != model[pos + i].item)
				goto gang_bad;
		st->gang_ok++;
		break;
	default:
		max = 1 + rnd() % ARRAY_SIZE(results);
		n = radix_tree_gang_lookup_tag(root, results, index, max, tag);
		for (pos = model_pos(index), i = 0; pos < model_nr && i < max; pos++) {
			if (!(model[pos].tags & (1u << tag)))
				continue;
			if (i >= n || results[i++] != model[pos].item)
				goto gang_bad;
		}
		if (i != n)
			goto gang_bad;
		st->gang_ok++;
		break;
	}
	return;
gang_bad:
	st->gang_bad++;
}

/* 20000 operations on one index set (with a second set mixed in). */
static void test_random(int set, unsigned long seed)
{
	RADIX_TREE(root, GFP_KERNEL);
	struct op_stats st = { 0 };
	bool consistent = true;
	int i;

	rng_state = seed;
	for (i = 0; i < 20000; i++) {
		random_op(&root, rnd() % 4 ? set : (int)(rnd() % NR_SETS), &st);
		if (i % 1000 == 999 && !(tree_consistent(&root) && tree_matches_model(&root)))
			consistent = false;
	}
	CHECK(st.mismatches == 0 && st.gang_bad == 0 && st.eexist > 0 && st.gang_ok > 0,
	      "%s: 20000 random ops agree with the model (%lu gang lookups, %lu -EEXIST)",
	      set_name[set], st.gang_ok, st.eexist);
	CHECK(consistent && tree_consistent(&root) && tree_matches_model(&root),
	      "%s: structure consistent (counts, tag bits, minimal height, %ld nodes)",
	      set_name[set], live_nodes);
	CHECK(empty_tree(&root), "%s: deleting all %s leaves no node and height 0",
	      set_name[set], "items");
}

/* ---- targeted checks ---- */

static void test_basics(void)
{
	RADIX_TREE(root, GFP_KERNEL);
	void *a = new_item(), *b = new_item(), *c = new_item();

	CHECK(!radix_tree_lookup(&root, 0) && !radix_tree_lookup(&root, ULONG_MAX) &&
	      !radix_tree_delete(&root, 7), "empty tree: lookups and delete find nothing");
	CHECK(radix_tree_insert(&root, 0, a) == 0 && root.height == 0 && root.rnode == a &&
	      live_nodes == 0, "index 0 alone sits in the root (height 0, no node)");
	CHECK(radix_tree_insert(&root, 0, b) == -EEXIST && radix_tree_lookup(&root, 0) == a,
	      "insert on a taken index: -EEXIST, old item kept");
	CHECK(radix_tree_insert(&root, 5, NULL) == -EINVAL, "NULL item: -EINVAL");
	CHECK(radix_tree_insert(&root, ULONG_MAX, b) == 0 && root.height == RADIX_TREE_MAX_PATH &&
	      radix_tree_lookup(&root, ULONG_MAX) == b && radix_tree_lookup(&root, 0) == a,
	      "index ULONG_MAX grows the tree to %d levels", RADIX_TREE_MAX_PATH);
	CHECK(live_nodes == 2 * RADIX_TREE_MAX_PATH - 1, "that took %d nodes (%ld)",
	      2 * RADIX_TREE_MAX_PATH - 1, live_nodes);
	CHECK(radix_tree_insert(&root, 1UL << 32, c) == 0 &&
	      radix_tree_lookup(&root, 1UL << 32) == c && !radix_tree_lookup(&root, (1UL << 32) - 1),
	      "index 2^32 stored, its neighbour not");
	CHECK(radix_tree_delete(&root, ULONG_MAX) == b && radix_tree_delete(&root, 1UL << 32) == c &&
	      root.height == 0 && root.rnode == a && live_nodes == 0,
	      "deleting the high items shrinks back to height 0");
	CHECK(radix_tree_delete(&root, 0) == a && !root.rnode && live_nodes == 0,
	      "deleting the last item empties the tree");
}

/* Heights 1..11 as indices 64^k arrive; shrinking as they leave. */
static void test_height(void)
{
	RADIX_TREE(root, GFP_KERNEL);
	bool grow = true, shrink = true;
	unsigned int k;

	model_nr = 0;
	for (k = 0; k < RADIX_TREE_MAX_PATH; k++) {
		unsigned long index = 1UL << (RADIX_TREE_MAP_SHIFT * k);
		void *item = new_item();

		if (radix_tree_insert(&root, index, item) || root.height != k + 1)
			grow = false;
		model_insert(index, item);
	}
	CHECK(grow && tree_consistent(&root), "indices 64^k: height k+1 each time, up to 11");
	for (k = RADIX_TREE_MAX_PATH; k-- > 1;) {
		unsigned long index = 1UL << (RADIX_TREE_MAP_SHIFT * k);

		if (!radix_tree_delete(&root, index) || root.height != k)
			shrink = false;
		model_delete(index);
		if (!tree_consistent(&root))
			shrink = false;
	}
	CHECK(shrink, "deleting them from the top: height k after each, nodes freed");
	CHECK(empty_tree(&root), "last item gone: no node left");
}

static void test_tags(void)
{
	RADIX_TREE(root, GFP_KERNEL);
	void *results[8];
	unsigned long idx[] = { 3, 4097, 1UL << 40, ULONG_MAX };
	unsigned int i;

	model_nr = 0;
	for (i = 0; i < ARRAY_SIZE(idx); i++) {
		void *item = new_item();

		radix_tree_insert(&root, idx[i], item);
		model_insert(idx[i], item);
	}
	CHECK(!radix_tree_tagged(&root, PAGECACHE_TAG_DIRTY) &&
	      radix_tree_gang_lookup_tag(&root, results, 0, 8, PAGECACHE_TAG_DIRTY) == 0,
	      "new items carry no tag");
	CHECK(radix_tree_tag_set(&root, 5, PAGECACHE_TAG_DIRTY) == NULL &&
	      !radix_tree_tagged(&root, PAGECACHE_TAG_DIRTY), "tagging an absent index: NULL, no change");
	radix_tree_tag_set(&root, 1UL << 40, PAGECACHE_TAG_DIRTY);
	radix_tree_tag_set(&root, ULONG_MAX, PAGECACHE_TAG_DIRTY);
	radix_tree_tag_set(&root, 4097, PAGECACHE_TAG_WRITEBACK);
	model_find(1UL << 40)->tags |= 1;
	model_find(ULONG_MAX)->tags |= 1;
	model_find(4097)->tags |= 2;
	CHECK(radix_tree_tagged(&root, PAGECACHE_TAG_DIRTY) && radix_tree_tagged(&root, PAGECACHE_TAG_WRITEBACK) &&
	      !radix_tree_tagged(&root, PAGECACHE_TAG_TOWRITE) && tree_consistent(&root),
	      "tags propagate to the root, per tag");
	CHECK(radix_tree_gang_lookup_tag(&root, results, 0, 8, PAGECACHE_TAG_DIRTY) == 2 &&
	      results[0] == model_find(1UL << 40)->item && results[1] == model_find(ULONG_MAX)->item,
	      "tagged gang lookup: only the dirty items, in order");
	CHECK(radix_tree_tag_get(&root, ULONG_MAX, 0) && !radix_tree_tag_get(&root, ULONG_MAX, 1) &&
	      !radix_tree_tag_get(&root, 3, 0) && !radix_tree_tag_get(&root, 9, 0), "tag_get per item");
	radix_tree_tag_clear(&root, 1UL << 40, PAGECACHE_TAG_DIRTY);
	model_find(1UL << 40)->tags = 0;
	CHECK(radix_tree_tagged(&root, PAGECACHE_TAG_DIRTY) && tree_consistent(&root),
	      "clearing one of two dirty items keeps the tree dirty");
	CHECK(radix_tree_delete(&root, ULONG_MAX) != NULL && !radix_tree_tagged(&root, PAGECACHE_TAG_DIRTY),
	      "deleting the last dirty item clears the tag up to the root");
	model_delete(ULONG_MAX);
	radix_tree_tag_clear(&root, 4097, PAGECACHE_TAG_WRITEBACK);
	model_find(4097)->tags = 0;
	CHECK(!radix_tree_tagged(&root, PAGECACHE_TAG_WRITEBACK) && tree_consistent(&root),
	      "clearing the last writeback tag: radix_tree_tagged false");
	CHECK(empty_tree(&root), "tag test tree emptied");

	radix_tree_insert(&root, 0, results);	/* height 0: the root's tags are the item's */
	radix_tree_tag_set(&root, 0, PAGECACHE_TAG_TOWRITE);
	CHECK(radix_tree_tag_get(&root, 0, PAGECACHE_TAG_TOWRITE) &&
	      radix_tree_gang_lookup_tag(&root, results + 1, 0, 1, PAGECACHE_TAG_TOWRITE) == 1 &&
	      radix_tree_tag_clear(&root, 0, PAGECACHE_TAG_TOWRITE) == results &&
	      !radix_tree_tagged(&root, PAGECACHE_TAG_TOWRITE), "tags on the lone item at index 0");
	radix_tree_delete(&root, 0);
}

static void test_gang_limits(void)
{
	RADIX_TREE(root, GFP_KERNEL);
	void *results[300];
	bool order = true;
	unsigned int i, n;

	model_nr = 0;
	for (i = 0; i < 256; i++) {
		unsigned long index = i < 128 ? i * 3 : ULONG_MAX - (255 - i) * 5;
		void *item = new_item();

		radix_tree_insert(&root, index, item);
		model_insert(index, item);
	}
	CHECK(radix_tree_gang_lookup(&root, results, 0, 0) == 0, "max_items 0: nothing");
	n = radix_tree_gang_lookup(&root, results, 0, 300);
	for (i = 0; i < n; i++)
		order &= results[i] == model[i].item;
	CHECK(n == 256 && order, "all 256 items, in index order, across 0 and ULONG_MAX");
	CHECK(radix_tree_gang_lookup(&root, results, 1, 10) == 10 && results[0] == model[1].item &&
	      results[9] == model[10].item, "limit 10 from index 1: items 1..10");
	CHECK(radix_tree_gang_lookup(&root, results, 382, 300) == 128 && results[0] == model[128].item,
	      "from past the low items: the 128 high ones");
	CHECK(radix_tree_gang_lookup(&root, results, ULONG_MAX, 5) == 1 &&
	      results[0] == model[255].item, "from ULONG_MAX: exactly the last item");
	CHECK(radix_tree_gang_lookup(&root, results, ULONG_MAX - 1, 5) == 1 &&
	      radix_tree_gang_lookup(&root, results, (1UL << 32), 1) == 1 &&
	      results[0] == model[128].item, "gaps are skipped");
	CHECK(empty_tree(&root), "gang test tree emptied");
}

/* Snapshot of a tree to compare before and after a failed insert. */
static bool same_as_model(struct radix_tree_root *root, unsigned int height, unsigned int tags,
			  long nodes)
{
	return root->height == height && root->tags == tags && live_nodes == nodes &&
	       tree_consistent(root) && tree_matches_model(root);
}

/*
 * Fail the k-th node allocation of an insert for every k it needs: each
 * time -ENOMEM, tree exactly as before, no node leaked.
 */
static bool insert_fails_cleanly(struct radix_tree_root *root, unsigned long index,
				 unsigned int *needed)
{
	unsigned int height = root->height, tags = root->tags;
	long nodes = live_nodes, k;
	void *item = new_item();
	bool ok = true;

	for (k = 0;; k++) {
		fail_after = k;
		node_allocs = 0;
		if (radix_tree_insert(root, index, item) == 0)
			break;
		if (!same_as_model(root, height, tags, nodes) || radix_tree_lookup(root, index))
			ok = false;
	}
	fail_after = -1;
	*needed = k;
	model_insert(index, item);
	return ok && tree_consistent(root) && radix_tree_lookup(root, index) == item;
}

static void test_enomem_injected(void)
{
	RADIX_TREE(root, GFP_KERNEL);
	unsigned int need_a, need_b, need_c, need_d;

	model_nr = 0;
	CHECK(insert_fails_cleanly(&root, 100, &need_a) && need_a == 2,
	      "empty tree, index 100: each of its %u node allocations failing gives -ENOMEM, tree unchanged", need_a);
	radix_tree_tag_set(&root, 100, PAGECACHE_TAG_DIRTY);
	model_find(100)->tags = 1;
	CHECK(insert_fails_cleanly(&root, ULONG_MAX, &need_b) && need_b == (RADIX_TREE_MAX_PATH - 2) + (RADIX_TREE_MAX_PATH - 1),
	      "growing to ULONG_MAX (%u nodes): every failure point leaves tree and tags as they were", need_b);
	CHECK(insert_fails_cleanly(&root, 1UL << 33, &need_c) && need_c > 0,
	      "a new path in the middle (%u nodes): the same", need_c);
	CHECK(insert_fails_cleanly(&root, 101, &need_d) && need_d == 0,
	      "a free slot in an existing leaf needs no node");
	fail_after = 0;
	CHECK(radix_tree_insert(&root, 100, new_item()) == -EEXIST && node_allocs == 0,
	      "-EEXIST is found before any allocation");
	fail_after = -1;
	CHECK(empty_tree(&root), "failure test tree emptied");
}

/*
 * Real exhaustion: take every page the slab could get, then insert sparse
 * items until an insert fails; it must be -ENOMEM with the tree whole.
 */
static void test_enomem_real(void)
{
	RADIX_TREE(root, GFP_KERNEL | __GFP_NOWARN);
	LIST_HEAD(hoard);
	struct page *page, *next;
	unsigned long hoarded = 0, index = 0;
	unsigned int i;
	int err = 0;

	model_nr = 0;
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY))) {
		list_add(&page->lru, &hoard);
		hoarded++;
	}
	for (i = 0; i < 200000 && !err; i++) {
		void *item = new_item();

		index = rnd() | 1;	/* sparse: a new path almost every time */
		err = radix_tree_insert(&root, index, item);
		if (!err)
			model_insert(index, item);
	}
	CHECK(err == -ENOMEM && !radix_tree_lookup(&root, index),
	      "memory exhausted (%lu pages held): insert %u fails with -ENOMEM", hoarded, i);
	CHECK(tree_consistent(&root) && tree_matches_model(&root),
	      "the tree is whole after the failure (%u items)", model_nr);
	list_for_each_entry_safe(page, next, &hoard, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	err = radix_tree_insert(&root, index, new_item());
	CHECK(err == 0, "memory back: the same insert succeeds");
	model_insert(index, radix_tree_lookup(&root, index));
	CHECK(empty_tree(&root), "exhaustion test tree emptied");
}

static void test_preload(void)
{
	RADIX_TREE(root, GFP_ATOMIC);
	void *a = new_item(), *b = new_item();
	int err;

	model_nr = 0;
	CHECK(radix_tree_insert(&root, 0, a) == 0, "atomic tree: item at 0");
	model_insert(0, a);
	fail_after = 0;
	CHECK(radix_tree_preload(GFP_KERNEL) == -ENOMEM && preempt_count() == 0,
	      "preload without memory: -ENOMEM, preemption back on");
	fail_after = -1;
	CHECK(radix_tree_preload(GFP_KERNEL) == 0 && preempt_count() == 1 &&
	      live_nodes == RADIX_TREE_PRELOAD_SIZE, "preload: %d nodes set aside, preemption off",
	      RADIX_TREE_PRELOAD_SIZE);
	fail_after = 0;		/* the slab now refuses every node */
	err = radix_tree_insert(&root, ULONG_MAX, b);
	radix_tree_preload_end();
	fail_after = -1;
	CHECK(err == 0 && preempt_count() == 0 && radix_tree_lookup(&root, ULONG_MAX) == b,
	      "atomic insert growing to 11 levels runs on the preloaded nodes alone");
	model_insert(ULONG_MAX, b);
	CHECK(tree_consistent(&root), "preloaded nodes all used, tree consistent");
	fail_after = 0;
	CHECK(radix_tree_insert(&root, 1UL << 20, new_item()) == -ENOMEM && tree_consistent(&root),
	      "without a preload the same kind of insert fails: -ENOMEM, tree unchanged");
	fail_after = -1;
	CHECK(radix_tree_preload(GFP_KERNEL) == 0, "preload refills the pool");
	radix_tree_preload_end();
	node_allocs = 0;
	CHECK(radix_tree_preload(GFP_KERNEL) == 0 && node_allocs == 0 &&
	      live_nodes == RADIX_TREE_PRELOAD_SIZE + 2 * RADIX_TREE_MAX_PATH - 1,
	      "a preload on a full pool allocates nothing");
	radix_tree_preload_end();
	CHECK(preempt_count() == 0, "preload_end balances each preload");
}

int main(void)
{
	static const unsigned long seeds[NR_SETS] = { 1, 0x9e3779b97f4a7c15UL, 77, 4242, 31337, 2026 };
	int set;

	slab_env_init();
	kmem_cache_init();
	radix_tree_init();
	test_basics();
	test_height();
	test_tags();
	test_gang_limits();
	for (set = 0; set < NR_SETS; set++)
		test_random(set, seeds[set]);
	test_enomem_injected();
	test_enomem_real();
	test_preload();
	return test_exit();
}
