/*
 * Red-black trees (include/linux/rbtree.h), written from the textbook
 * algorithm (Cormen et al., "Introduction to Algorithms", ch. 13) with NULL
 * for the black leaves. Each fix-up is written once for a side "dir" and
 * its mirror, instead of twice. Leaves out Linux's augmented trees, cached
 * leftmost roots and RCU-safe lookups.
 */
#include <linux/rbtree.h>

#define LEFT	0
#define RIGHT	1

/* Where @n keeps its child on side @dir (LEFT or RIGHT). */
static inline struct rb_node **child_slot(struct rb_node *n, int dir)
{
	return dir == RIGHT ? &n->rb_right : &n->rb_left;
}

/* Set @n's parent, keeping its colour. */
static inline void set_parent(struct rb_node *n, struct rb_node *parent)
{
	n->__rb_parent_color = (unsigned long)parent | (unsigned long)rb_color(n);
}

/* Set @n's colour, keeping its parent. */
static inline void set_color(struct rb_node *n, int color)
{
	n->__rb_parent_color = (n->__rb_parent_color & ~1UL) | (unsigned long)color;
}

/* NULL leaves count as black. */
static inline bool black_or_null(const struct rb_node *n)
{
	return !n || rb_is_black(n);
}

/* Make @new take @old's place under @parent (NULL: @old was the root). */
static void replace_child(struct rb_node *parent, struct rb_node *old,
			  struct rb_node *new, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 * Rotate towards @dir around @x: x's child on the other side takes x's
 * place and x becomes its @dir child (dir LEFT is CLRS's LEFT-ROTATE).
 * That child must exist. In-order sequence and colours are unchanged.
 */
static void rotate(struct rb_node *x, int dir, struct rb_root *root)
{
	struct rb_node *y = *child_slot(x, !dir);
	struct rb_node *inner = *child_slot(y, dir);
	struct rb_node *parent = rb_parent(x);

	*child_slot(x, !dir) = inner;
	if (inner)
		set_parent(inner, x);
	replace_child(parent, x, y, root);
	set_parent(y, parent);
	*child_slot(y, dir) = x;
	set_parent(x, y);
}

/*
 * Rebalance after rb_link_node put red @node in the tree. While node and
 * its parent are both red: a red uncle means recolour and move up two
 * levels; a black uncle means at most two rotations, and we are done.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;
	int dir;

	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		gparent = rb_parent(parent);	/* a red node is never the root */
		dir = parent == gparent->rb_right;
		uncle = *child_slot(gparent, !dir);
		if (uncle && rb_is_red(uncle)) {
			set_color(parent, RB_BLACK);
			set_color(uncle, RB_BLACK);
			set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}
		if (node == *child_slot(parent, !dir)) {	/* inner grandchild */
			rotate(parent, dir, root);
			node = parent;
			parent = rb_parent(node);
		}
		set_color(parent, RB_BLACK);
		set_color(gparent, RB_RED);
		rotate(gparent, !dir, root);
	}
	set_color(root->rb_node, RB_BLACK);
}

static struct rb_node *leftmost(struct rb_node *n)
{
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

static struct rb_node *rightmost(struct rb_node *n)
{
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

/*
 * Take @node out of the tree (CLRS RB-DELETE without the fix-up). Returns
 * the colour that left the tree's structure; *@childp and *@parentp get
 * the node that moved into the vacated place (maybe NULL) and its parent,
 * where the fix-up starts.
 */
static int unlink_node(struct rb_node *node, struct rb_root *root,
		       struct rb_node **childp, struct rb_node **parentp)
{
	struct rb_node *succ, *child, *parent;
	int color;

	if (!node->rb_left || !node->rb_right) {
		child = node->rb_left ? node->rb_left : node->rb_right;
		parent = rb_parent(node);
		color = rb_color(node);
		replace_child(parent, node, child, root);
		if (child)
			set_parent(child, parent);
		goto out;
	}
	succ = leftmost(node->rb_right);	/* has no left child */
	color = rb_color(succ);
	child = succ->rb_right;
	parent = succ;
	if (rb_parent(succ) != node) {
		parent = rb_parent(succ);
		parent->rb_left = child;
		if (child)
			set_parent(child, parent);
		succ->rb_right = node->rb_right;
		set_parent(succ->rb_right, succ);
	}
	succ->rb_left = node->rb_left;
	set_parent(succ->rb_left, succ);
	replace_child(rb_parent(node), node, succ, root);
	succ->__rb_parent_color = node->__rb_parent_color;	/* place and colour */
out:
	*childp = child;
	*parentp = parent;
	return color;
}

/*
 * A black node left the path through @x (child of @parent; @x may be NULL):
 * that path is one black short. CLRS RB-DELETE-FIXUP's four cases, by the
 * sibling's colour and its children's.
 */
static void erase_fixup(struct rb_node *x, struct rb_node *parent,
			struct rb_root *root)
{
	struct rb_node *sib, *near, *far;
	int dir;

	while (x != root->rb_node && black_or_null(x)) {
		dir = x == parent->rb_right;
		sib = *child_slot(parent, !dir);	/* never NULL: it has black height */
		if (rb_is_red(sib)) {			/* case 1 */
			set_color(sib, RB_BLACK);
			set_color(parent, RB_RED);
			rotate(parent, dir, root);
			sib = *child_slot(parent, !dir);
		}
		near = *child_slot(sib, dir);
		far = *child_slot(sib, !dir);
		if (black_or_null(near) && black_or_null(far)) {	/* case 2 */
			set_color(sib, RB_RED);
			x = parent;
			parent = rb_parent(x);
			continue;
		}
		if (black_or_null(far)) {		/* case 3 */
			set_color(near, RB_BLACK);
			set_color(sib, RB_RED);
			rotate(sib, !dir, root);
			sib = *child_slot(parent, !dir);
			far = *child_slot(sib, !dir);
		}
		set_color(sib, rb_color(parent));	/* case 4 */
		set_color(parent, RB_BLACK);
		set_color(far, RB_BLACK);
		rotate(parent, dir, root);
		x = root->rb_node;
	}
	if (x)
		set_color(x, RB_BLACK);
}

/* Remove @node, which must be in @root, and rebalance. @node is not cleared. */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *child, *parent;

	if (unlink_node(node, root, &child, &parent) == RB_BLACK)
		erase_fixup(child, parent, root);
}

/*
 * Put @new where @victim is, with its colour and children, without
 * rebalancing. The caller guarantees @new sorts where @victim did.
 */
void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root)
{
	struct rb_node *parent = rb_parent(victim);

	*new = *victim;
	if (victim->rb_left)
		set_parent(victim->rb_left, new);
	if (victim->rb_right)
		set_parent(victim->rb_right, new);
	replace_child(parent, victim, new, root);
}

/* The smallest node in @root, or NULL if it is empty. */
struct rb_node *rb_first(const struct rb_root *root)
{
	return root->rb_node ? leftmost(root->rb_node) : NULL;
}

/* The largest node in @root, or NULL if it is empty. */
struct rb_node *rb_last(const struct rb_root *root)
{
	return root->rb_node ? rightmost(root->rb_node) : NULL;
}

/* In-order successor of @node; NULL at the end or for a cleared node. */
struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *n = (struct rb_node *)node, *parent;

	if (RB_EMPTY_NODE(n))
		return NULL;
	if (n->rb_right)
		return leftmost(n->rb_right);
	while ((parent = rb_parent(n)) && n == parent->rb_right)
		n = parent;
	return parent;
}

/* In-order predecessor of @node; NULL at the start or for a cleared node. */
struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *n = (struct rb_node *)node, *parent;

	if (RB_EMPTY_NODE(n))
		return NULL;
	if (n->rb_left)
		return rightmost(n->rb_left);
	while ((parent = rb_parent(n)) && n == parent->rb_left)
		n = parent;
	return parent;
}
