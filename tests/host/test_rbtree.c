/*
 * Host tests for lib/rbtree.c: 100k seeded random inserts, erases and
 * lookups against a sorted-array model, with the red-black invariants
 * (black root, no red child of a red node, equal black heights, parent
 * pointers), the in-order sequence and rb_next/rb_prev both ways checked
 * after every batch; rb_replace_node; and the checker itself shown to
 * catch a broken tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/rbtree.h>
#include "test.h"

#define NKEYS	4096
#define NOPS	100000
#define BATCH	500

struct item {
	struct rb_node rb;
	int key;
	bool in_tree;
};

static struct item items[NKEYS];
static struct rb_root tree = RB_ROOT;
static int model[NKEYS];	/* keys in the tree, sorted */
static int model_nr;

/* ---- the tree under test, used as a caller uses it ---- */

static struct item *tree_search(int key)
{
	struct rb_node *n = tree.rb_node;

	while (n) {
		struct item *it = rb_entry(n, struct item, rb);

		if (key < it->key)
			n = n->rb_left;
		else if (key > it->key)
			n = n->rb_right;
		else
			return it;
	}
	return NULL;
}

static void tree_insert(struct item *new)
{
	struct rb_node **link = &tree.rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		if (new->key < rb_entry(parent, struct item, rb)->key)
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	rb_link_node(&new->rb, parent, link);
	rb_insert_color(&new->rb, &tree);
}

/* ---- the model ---- */

static int model_find(int key)
{
	int lo = 0, hi = model_nr;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (model[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void model_insert(int key)
{
	int i = model_find(key);

	memmove(&model[i + 1], &model[i], (model_nr - i) * sizeof(model[0]));
	model[i] = key;
	model_nr++;
}

static void model_erase(int key)
{
	int i = model_find(key);

	memmove(&model[i], &model[i + 1], (model_nr - i - 1) * sizeof(model[0]));
	model_nr--;
}

/* ---- invariants ---- */

static int nr_nodes;

/*
 * Black height of the subtree at @n (1 for a NULL leaf), or -1 if some
 * invariant fails below it: parent pointer, key order within (lo, hi),
 * red-red, or unequal black heights.
 */
static int check_subtree(struct rb_node *n, struct rb_node *parent, long lo, long hi)
{
	int l, r, key;

	if (!n)
		return 1;
	nr_nodes++;
	key = rb_entry(n, struct item, rb)->key;
	if (rb_parent(n) != parent || key <= lo || key >= hi)
		return -1;
	if (rb_is_red(n) && ((n->rb_left && rb_is_red(n->rb_left)) ||
			     (n->rb_right && rb_is_red(n->rb_right))))
		return -1;
	l = check_subtree(n->rb_left, n, lo, key);
	r = check_subtree(n->rb_right, n, key, hi);
	if (l < 0 || r < 0 || l != r)
		return -1;
	return l + rb_is_black(n);
}

/* All invariants of the whole tree; true if they hold. */
static bool tree_valid(void)
{
	nr_nodes = 0;
	if (tree.rb_node && !rb_is_black(tree.rb_node))
		return false;
	return check_subtree(tree.rb_node, NULL, -1, NKEYS) > 0 && nr_nodes == model_nr;
}

/* In-order walks forwards (rb_first/rb_next) and backwards equal the model. */
static bool walks_match_model(void)
{
	struct rb_node *n;
	int i = 0;

	for (n = rb_first(&tree); n; n = rb_next(n))
		if (i >= model_nr || rb_entry(n, struct item, rb)->key != model[i++])
			return false;
	if (i != model_nr)
		return false;
	for (n = rb_last(&tree); n; n = rb_prev(n))
		if (i <= 0 || rb_entry(n, struct item, rb)->key != model[--i])
			return false;
	return i == 0 && RB_EMPTY_ROOT(&tree) == (model_nr == 0);
}

/* ---- the random run ---- */

static unsigned int rnd_state = 12345;

static unsigned int rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

/* One random operation; false if the tree disagreed with the model. */
static bool random_op(void)
{
	int key = rnd() % NKEYS;
	struct item *it = &items[key];
	unsigned int op = rnd() % 3;
	struct item *found;

	if (op == 0 && !it->in_tree) {
		tree_insert(it);
		it->in_tree = true;
		model_insert(key);
	} else if (op == 1 && it->in_tree) {
		rb_erase(&it->rb, &tree);
		it->in_tree = false;
		model_erase(key);
	}
	found = tree_search(key);
	return found == (it->in_tree ? it : NULL);
}

static void test_random(void)
{
	int op, lookups_ok = 1, valid = 1, walks = 1, max_nr = 0;

	for (op = 0; op < NOPS; op++) {
		lookups_ok &= random_op();
		if (model_nr > max_nr)
			max_nr = model_nr;
		if ((op + 1) % BATCH == 0) {
			valid &= tree_valid();
			walks &= walks_match_model();
		}
	}
	CHECK(lookups_ok, "%d random insert/erase/lookup: every lookup agrees with the model", NOPS);
	CHECK(valid, "red-black invariants hold after every batch of %d (peak %d nodes)",
	      BATCH, max_nr);
	CHECK(walks, "rb_next and rb_prev walks equal the sorted model after every batch");
}

/* Erase everything in key order, then check the empty tree. */
static void test_drain(void)
{
	int key, valid = 1;

	for (key = 0; key < NKEYS; key++) {
		if (!items[key].in_tree)
			continue;
		rb_erase(&items[key].rb, &tree);
		items[key].in_tree = false;
		model_erase(key);
		if (key % 64 == 0)
			valid &= tree_valid();
	}
	CHECK(valid && RB_EMPTY_ROOT(&tree) && !rb_first(&tree) && !rb_last(&tree),
	      "erasing in ascending order keeps the invariants and empties the tree");
}

/* Ascending inserts (the worst case for an unbalanced tree) stay balanced. */
static void test_sequential(void)
{
	int key, depth = 0;
	struct rb_node *n;

	for (key = 0; key < NKEYS; key++) {
		tree_insert(&items[key]);
		items[key].in_tree = true;
		model_insert(key);
	}
	for (n = rb_first(&tree); n; n = rb_parent(n))
		depth++;
	/* a red-black tree of n nodes has height <= 2 log2(n + 1): 26 for 4096 */
	CHECK(tree_valid() && walks_match_model() && depth <= 26,
	      "%d ascending inserts: valid, leftmost path %d deep", NKEYS, depth);
}

static void test_replace(void)
{
	static struct item spare;
	struct item *old = tree_search(1000);

	spare.key = 1000;
	rb_replace_node(&old->rb, &spare.rb, &tree);
	CHECK(tree_search(1000) == &spare && tree_valid() && walks_match_model(),
	      "rb_replace_node puts the new node in the old one's place");
	rb_replace_node(&spare.rb, &old->rb, &tree);
}

/* The checks can fail: a recoloured node and a wrong parent are caught. */
static void test_checker_catches(void)
{
	struct rb_node *n = tree.rb_node->rb_left;
	unsigned long saved = n->__rb_parent_color;

	n->__rb_parent_color ^= 1;	/* flip its colour */
	CHECK(!tree_valid(), "the checker rejects a tree with one node recoloured");
	n->__rb_parent_color = (unsigned long)tree.rb_node->rb_right | (saved & 1);
	CHECK(!tree_valid(), "the checker rejects a wrong parent pointer");
	n->__rb_parent_color = saved;
	CHECK(tree_valid(), "and accepts it again once restored");
}

static void test_empty(void)
{
	struct rb_root empty = RB_ROOT;
	struct item lone = { .key = 1 };

	RB_CLEAR_NODE(&lone.rb);
	CHECK(RB_EMPTY_ROOT(&empty) && !rb_first(&empty) && !rb_last(&empty) &&
	      RB_EMPTY_NODE(&lone.rb) && !rb_next(&lone.rb) && !rb_prev(&lone.rb),
	      "empty root and cleared node: RB_EMPTY_ROOT, RB_EMPTY_NODE, no neighbours");
}

int main(void)
{
	int key;

	for (key = 0; key < NKEYS; key++)
		items[key].key = key;
	test_empty();
	test_random();
	test_drain();
	test_sequential();
	test_replace();
	test_checker_catches();
	return test_exit();
}
