/*
 * The dentry cache: names in directories, positive (an inode) or negative
 * (known not to exist), hashed by (parent, name), counted by d_count,
 * unused ones on an LRU for the shrinker. Linux 4.x fs/dcache.c by name;
 * one global dcache_lock instead of d_lock/lockrefs/RCU (like Linux up to
 * 2.6.37), no d_ops, no disconnected (NFS) dentries.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/swap.h>
#include "internal.h"

/* d_flags bit of d_genocide: this dentry's pin is dropped already. */
#define DCACHE_GENOCIDE		(1U << 8)

#define D_HASHBITS	10
#define D_HASHSIZE	(1U << D_HASHBITS)

/*
 * dcache_lock protects everything here: the hash, every dentry's d_count,
 * d_flags, d_inode, d_parent, d_name, d_child/d_subdirs, d_alias lists of
 * all inodes, and the LRU. Never held across a call that may sleep.
 */
static DEFINE_SPINLOCK(dcache_lock);
static struct hlist_head dentry_hashtable[D_HASHSIZE];
static LIST_HEAD(dentry_lru);		/* d_count 0 and hashed: freeable */
static unsigned long nr_dentry_unused;
static struct kmem_cache *dentry_cache;

/* Folds @name into a 32-bit hash seeded with the parent's address (FNV-1a). */
u32 full_name_hash(const struct dentry *parent, const char *name, unsigned int len)
{
	u32 h = 2166136261u ^ (u32)((unsigned long)parent >> 4);

	while (len--) {
		h ^= (unsigned char)*name++;
		h *= 16777619u;
	}
	return h;
}

static struct hlist_head *d_hash(u32 hash)
{
	return &dentry_hashtable[(hash ^ (hash >> D_HASHBITS)) & (D_HASHSIZE - 1)];
}

/* Boot: the dentry slab. Panics without memory (boot only). */
void dcache_init(void)
{
	dentry_cache = kmem_cache_create("dentry", sizeof(struct dentry), 0,
					 SLAB_RECLAIM_ACCOUNT | SLAB_PANIC, NULL);
}

static inline bool d_unhashed(const struct dentry *d)
{
	return d->d_flags & DCACHE_UNHASHED;
}

/* A dentry called @name (copied), its own parent, unhashed, one reference; NULL without memory. */
static struct dentry *__d_alloc(struct super_block *sb, const struct qstr *name)
{
	struct dentry *d = kmem_cache_zalloc(dentry_cache, GFP_KERNEL);
	char *dname = d ? d->d_iname : NULL;

	if (!d)
		return NULL;
	if (name->len >= DNAME_INLINE_LEN) {
		dname = kmalloc(name->len + 1, GFP_KERNEL);
		if (!dname) {
			kmem_cache_free(dentry_cache, d);
			return NULL;
		}
	}
	memcpy(dname, name->name, name->len);
	dname[name->len] = 0;
	d->d_name.name = dname;
	d->d_name.len = name->len;
	d->d_flags = DCACHE_UNHASHED;
	d->d_count = 1;
	spin_lock_init(&d->d_lock);
	d->d_parent = d;
	d->d_sb = sb;
	INIT_HLIST_NODE(&d->d_hash);
	INIT_LIST_HEAD(&d->d_lru);
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	INIT_LIST_HEAD(&d->d_alias);
	return d;
}

/* Gives back a dentry's name and memory (it is out of every list). */
static void d_free(struct dentry *d)
{
	if (d->d_name.name != d->d_iname)
		kfree(d->d_name.name);
	kmem_cache_free(dentry_cache, d);
}

/*
 * A new unhashed negative dentry @name under @parent, with one reference;
 * it holds a reference on @parent. NULL without memory. May sleep.
 */
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *d = __d_alloc(parent->d_sb, name);

	if (!d)
		return NULL;
	spin_lock(&dcache_lock);
	parent->d_count++;
	d->d_parent = parent;
	d->d_name.hash = full_name_hash(parent, d->d_name.name, d->d_name.len);
	list_add_tail(&d->d_child, &parent->d_subdirs);
	spin_unlock(&dcache_lock);
	return d;
}

/* d_alloc with a C string. */
struct dentry *d_alloc_name(struct dentry *parent, const char *name)
{
	struct qstr q = QSTR_INIT(name, strlen(name));

	return d_alloc(parent, &q);
}

/* The root dentry "/" of a super block for @root_inode (its reference is consumed), or NULL. */
struct dentry *d_make_root(struct inode *root_inode)
{
	static const struct qstr slash = QSTR_INIT("/", 1);
	struct dentry *d;

	if (!root_inode)
		return NULL;
	d = __d_alloc(root_inode->i_sb, &slash);
	if (!d) {
		iput(root_inode);
		return NULL;
	}
	d_instantiate(d, root_inode);
	return d;
}

/* Under dcache_lock: unused entries leave the LRU when used again. */
static void dget_dlock(struct dentry *d)
{
	if (d->d_count++ == 0 && !list_empty(&d->d_lru)) {
		list_del_init(&d->d_lru);
		nr_dentry_unused--;
	}
}

/* One more reference to @dentry (NULL is fine). */
struct dentry *dget(struct dentry *dentry)
{
	if (dentry) {
		spin_lock(&dcache_lock);
		dget_dlock(dentry);
		spin_unlock(&dcache_lock);
	}
	return dentry;
}

/* The parent of @dentry with a reference (the dentry itself for a root). */
struct dentry *dget_parent(struct dentry *dentry)
{
	struct dentry *p;

	spin_lock(&dcache_lock);
	p = dentry->d_parent;
	dget_dlock(p);
	spin_unlock(&dcache_lock);
	return p;
}

/*
 * Makes the negative @dentry name @inode (NULL: stays negative); the
 * caller's reference on @inode becomes the dentry's.
 */
void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	spin_lock(&dcache_lock);
	WARN_ON(dentry->d_inode);
	if (inode)
		list_add(&dentry->d_alias, &inode->i_dentry);
	dentry->d_inode = inode;
	spin_unlock(&dcache_lock);
}

static void __d_rehash(struct dentry *d)
{
	hlist_add_head(&d->d_hash, d_hash(d->d_name.hash));
	d->d_flags &= ~DCACHE_UNHASHED;
}

static void __d_drop(struct dentry *d)
{
	if (!d_unhashed(d)) {
		hlist_del(&d->d_hash);
		d->d_flags |= DCACHE_UNHASHED;
	}
}

/* Makes @dentry findable by d_lookup. */
void d_rehash(struct dentry *dentry)
{
	spin_lock(&dcache_lock);
	if (d_unhashed(dentry))
		__d_rehash(dentry);
	spin_unlock(&dcache_lock);
}

/* Makes @dentry unfindable; it is freed when its last reference goes. */
void d_drop(struct dentry *dentry)
{
	spin_lock(&dcache_lock);
	__d_drop(dentry);
	spin_unlock(&dcache_lock);
}

/* d_instantiate, then hash it (->lookup and ->create of most file systems). */
void d_add(struct dentry *dentry, struct inode *inode)
{
	d_instantiate(dentry, inode);
	d_rehash(dentry);
}

/* Under dcache_lock: the first alias of @inode, or NULL. */
static struct dentry *__d_find_alias(struct inode *inode)
{
	if (list_empty(&inode->i_dentry))
		return NULL;
	return list_first_entry(&inode->i_dentry, struct dentry, d_alias);
}

/* Any dentry naming @inode, with a reference, or NULL. */
struct dentry *d_find_alias(struct inode *inode)
{
	struct dentry *d;

	spin_lock(&dcache_lock);
	d = __d_find_alias(inode);
	if (d)
		dget_dlock(d);
	spin_unlock(&dcache_lock);
	return d;
}

/*
 * For ->lookup: ties @dentry to @inode (NULL: negative) and hashes it,
 * returning NULL; but a directory that already has a dentry (it can have
 * only one) keeps that one, which moves to @dentry's name and is returned
 * (the caller's @inode reference is dropped). ERR_PTR inodes pass through.
 */
struct dentry *d_splice_alias(struct inode *inode, struct dentry *dentry)
{
	struct dentry *alias;

	if (IS_ERR(inode))
		return ERR_CAST(inode);
	if (inode && S_ISDIR(inode->i_mode)) {
		alias = d_find_alias(inode);
		if (alias && !IS_ROOT(alias)) {
			iput(inode);
			d_move(alias, dentry);
			return alias;
		}
		dput(alias);
	}
	d_add(dentry, inode);
	return NULL;
}

/* Under dcache_lock: the hashed child @name of @parent, or NULL. */
static struct dentry *__d_lookup(const struct dentry *parent, const struct qstr *name)
{
	u32 hash = full_name_hash(parent, name->name, name->len);
	struct dentry *d;

	hlist_for_each_entry(d, d_hash(hash), d_hash) {
		if (d->d_name.hash != hash || d->d_parent != parent ||
		    d->d_name.len != name->len || d_unhashed(d))
			continue;
		if (!memcmp(d->d_name.name, name->name, name->len))
			return d;
	}
	return NULL;
}

/* The hashed child of @parent called @name (positive or negative) with a reference, or NULL. */
struct dentry *d_lookup(const struct dentry *parent, const struct qstr *name)
{
	struct dentry *d;

	spin_lock(&dcache_lock);
	d = __d_lookup(parent, name);
	if (d)
		dget_dlock(d);
	spin_unlock(&dcache_lock);
	return d;
}

/*
 * Under dcache_lock: takes the unused @d out of the tree (hash, LRU,
 * parent's list, inode's aliases) onto @dispose for d_free_list. Returns
 * its parent if that lost its last reference (NULL otherwise or for a root).
 */
static struct dentry *dentry_kill_locked(struct dentry *d, struct list_head *dispose)
{
	struct dentry *parent = d->d_parent;

	__d_drop(d);
	if (!list_empty(&d->d_lru)) {
		list_del_init(&d->d_lru);
		nr_dentry_unused--;
	}
	list_del_init(&d->d_child);
	if (d->d_inode)
		list_del_init(&d->d_alias);
	list_add(&d->d_lru, dispose);
	if (parent == d || --parent->d_count)
		return NULL;
	return parent;
}

/*
 * Under dcache_lock: @d has no references left. Unhashed ones die (and a
 * parent they leave unused follows the same rule); hashed ones wait on
 * the LRU.
 */
static void dentry_unused_locked(struct dentry *d, struct list_head *dispose)
{
	while (d) {
		if (!d_unhashed(d)) {
			list_add(&d->d_lru, &dentry_lru);
			nr_dentry_unused++;
			return;
		}
		d = dentry_kill_locked(d, dispose);
	}
}

/* Drops the inodes of and frees the dentries on @dispose (outside the lock: iput may sleep). */
static void d_free_list(struct list_head *dispose)
{
	struct dentry *d, *n;

	list_for_each_entry_safe(d, n, dispose, d_lru) {
		list_del(&d->d_lru);
		iput(d->d_inode);
		d_free(d);
	}
}

/*
 * Drops a reference (NULL is fine). An unused hashed dentry stays cached
 * on the LRU; an unhashed one is freed with its inode reference, and its
 * parent's reference goes too. May sleep (iput).
 */
void dput(struct dentry *dentry)
{
	LIST_HEAD(dispose);

	if (!dentry)
		return;
	spin_lock(&dcache_lock);
	if (WARN_ON(dentry->d_count <= 0)) {
		spin_unlock(&dcache_lock);
		return;
	}
	if (--dentry->d_count == 0)
		dentry_unused_locked(dentry, &dispose);
	spin_unlock(&dcache_lock);
	d_free_list(&dispose);
}

/*
 * After unlink or rmdir of @dentry's file: if the caller holds the only
 * reference it becomes a negative entry (the name is known not to exist;
 * the inode reference is dropped), else it is unhashed and the users
 * keep the inode until they let go. May sleep.
 */
void d_delete(struct dentry *dentry)
{
	struct inode *inode = NULL;

	spin_lock(&dcache_lock);
	if (dentry->d_count == 1 && dentry->d_inode) {
		inode = dentry->d_inode;
		list_del_init(&dentry->d_alias);
		dentry->d_inode = NULL;
	} else {
		__d_drop(dentry);
	}
	spin_unlock(&dcache_lock);
	iput(inode);
}

/* Swaps the names of @a and @b (inline or allocated, whichever each has). */
static void swap_names(struct dentry *a, struct dentry *b)
{
	bool ai = a->d_name.name == a->d_iname, bi = b->d_name.name == b->d_iname;
	struct qstr qa = a->d_name, qb = b->d_name;
	char tmp[DNAME_INLINE_LEN];

	if (ai && bi) {
		memcpy(tmp, a->d_iname, DNAME_INLINE_LEN);
		memcpy(a->d_iname, b->d_iname, DNAME_INLINE_LEN);
		memcpy(b->d_iname, tmp, DNAME_INLINE_LEN);
		qa.name = b->d_iname;
		qb.name = a->d_iname;
	} else if (ai) {	/* b's allocated name goes to a, a's inline one to b */
		memcpy(b->d_iname, a->d_iname, DNAME_INLINE_LEN);
		qa.name = b->d_iname;
	} else if (bi) {
		memcpy(a->d_iname, b->d_iname, DNAME_INLINE_LEN);
		qb.name = a->d_iname;
	}
	a->d_name = qb;
	b->d_name = qa;
}

/*
 * A rename happened (both parents locked): @dentry takes @target's name
 * and parent and is rehashed there; @target gets the old ones and is
 * unhashed (it dies with its last reference).
 */
void d_move(struct dentry *dentry, struct dentry *target)
{
	struct dentry *old_parent, *new_parent;

	spin_lock(&dcache_lock);
	__d_drop(dentry);
	__d_drop(target);
	swap_names(dentry, target);
	old_parent = dentry->d_parent;
	new_parent = target->d_parent;
	if (old_parent != new_parent) {	/* each keeps holding one reference on a parent */
		dentry->d_parent = new_parent;
		target->d_parent = old_parent;
		list_move_tail(&dentry->d_child, &new_parent->d_subdirs);
		list_move_tail(&target->d_child, &old_parent->d_subdirs);
	}
	dentry->d_name.hash = full_name_hash(new_parent, dentry->d_name.name, dentry->d_name.len);
	target->d_name.hash = full_name_hash(old_parent, target->d_name.name, target->d_name.len);
	__d_rehash(dentry);
	spin_unlock(&dcache_lock);
}

/* Is @anc @dentry itself or one of its ancestors (within one super block)? */
bool is_subdir(struct dentry *dentry, struct dentry *anc)
{
	bool found = false;

	spin_lock(&dcache_lock);
	for (;;) {
		if (dentry == anc) {
			found = true;
			break;
		}
		if (IS_ROOT(dentry))
			break;
		dentry = dentry->d_parent;
	}
	spin_unlock(&dcache_lock);
	return found;
}

/*
 * If @p1 is an ancestor of @p2: the ancestor of @p2 (maybe @p2) whose
 * parent is @p1. Else NULL. No references; the caller keeps the tree
 * still (the rename mutex).
 */
struct dentry *d_ancestor(struct dentry *p1, struct dentry *p2)
{
	struct dentry *p, *found = NULL;

	spin_lock(&dcache_lock);
	for (p = p2; !IS_ROOT(p); p = p->d_parent) {
		if (p->d_parent == p1) {
			found = p;
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return found;
}

/* Under dcache_lock: a positive hashed child? */
static bool is_positive_child(const struct dentry *d)
{
	return d->d_inode && !d_unhashed(d);
}

/* The @n-th (from 0) positive hashed child of @parent with a reference, or NULL. */
struct dentry *d_nth_child(struct dentry *parent, loff_t n)
{
	struct dentry *d, *found = NULL;

	spin_lock(&dcache_lock);
	list_for_each_entry(d, &parent->d_subdirs, d_child) {
		if (is_positive_child(d) && n-- == 0) {
			found = d;
			dget_dlock(d);
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return found;
}

/* Does @dentry have a positive hashed child (simple_empty's question)? */
bool d_has_positive_child(struct dentry *dentry)
{
	struct dentry *d;
	bool any = false;

	spin_lock(&dcache_lock);
	list_for_each_entry(d, &dentry->d_subdirs, d_child) {
		if (is_positive_child(d)) {
			any = true;
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return any;
}

/*
 * Frees up to @nr unused dentries, oldest first (the shrinker, drop
 * caches); parents left unused go on the LRU. Returns how many were
 * freed. May sleep (their inodes' iput).
 */
unsigned long prune_dcache(unsigned long nr)
{
	LIST_HEAD(dispose);
	unsigned long freed = 0;
	struct dentry *d;

	spin_lock(&dcache_lock);
	while (freed < nr && !list_empty(&dentry_lru)) {
		d = list_last_entry(&dentry_lru, struct dentry, d_lru);
		d = dentry_kill_locked(d, &dispose);
		freed++;
		if (d)
			dentry_unused_locked(d, &dispose);
	}
	spin_unlock(&dcache_lock);
	d_free_list(&dispose);
	return freed;
}

unsigned long nr_unused_dentries(void)
{
	return READ_ONCE(nr_dentry_unused);
}

/*
 * Calls @visit on every dentry below @root, children before parents,
 * without recursion (Linux's d_walk). @visit may take the dentry out of
 * the tree: the walk has already stepped past it. dcache_lock held.
 */
static void d_walk(struct dentry *root, void (*visit)(struct dentry *d, void *arg), void *arg)
{
	struct dentry *this = root, *child;
	struct list_head *next;

repeat:
	next = this->d_subdirs.next;
resume:
	while (next != &this->d_subdirs) {
		child = list_entry(next, struct dentry, d_child);
		next = next->next;
		if (!list_empty(&child->d_subdirs)) {
			this = child;
			goto repeat;
		}
		visit(child, arg);
	}
	if (this != root) {
		child = this;
		this = child->d_parent;
		next = child->d_child.next;
		visit(child, arg);
		goto resume;
	}
}

/* d_genocide's visit: drop the pin of each positive dentry once. */
static void genocide_visit(struct dentry *d, void *arg)
{
	if (d->d_inode && !(d->d_flags & DCACHE_GENOCIDE)) {
		d->d_flags |= DCACHE_GENOCIDE;
		d->d_count--;
	}
}

/*
 * For in-memory file systems whose dentries hold an extra reference for
 * as long as the file exists (tmpfs, kill_litter_super): drops it from
 * every positive dentry below @root, which then go with shrink_dcache_sb.
 */
void d_genocide(struct dentry *root)
{
	spin_lock(&dcache_lock);
	d_walk(root, genocide_visit, NULL);
	spin_unlock(&dcache_lock);
}

struct shrink_walk {
	struct list_head *dispose;
	unsigned long busy;
};

/* shrink_dcache_sb's visit: unused dentries go, parents left unused with them. */
static void shrink_visit(struct dentry *d, void *arg)
{
	struct shrink_walk *w = arg;

	if (d->d_count) {
		w->busy++;
		return;
	}
	dentry_kill_locked(d, w->dispose);
}

/*
 * Umount: frees every unused dentry of @sb below its root (children
 * first, so a parent they leave unused goes too). 0, or -EBUSY if some
 * dentries are still referenced (they stay). May sleep.
 */
int shrink_dcache_sb(struct super_block *sb)
{
	struct shrink_walk w = { .busy = 0 };
	LIST_HEAD(dispose);

	if (!sb->s_root)
		return 0;
	w.dispose = &dispose;
	spin_lock(&dcache_lock);
	d_walk(sb->s_root, shrink_visit, &w);
	spin_unlock(&dcache_lock);
	d_free_list(&dispose);
	return w.busy ? -EBUSY : 0;
}

/*
 * Umount: every dentry of @sb, then the root's own reference (s_root).
 * Dentries still in use are a bug of their holder: reported, left alone.
 */
void shrink_dcache_for_umount(struct super_block *sb)
{
	struct dentry *root = sb->s_root;

	if (!root)
		return;
	if (shrink_dcache_sb(sb))
		pr_err("VFS: busy dentries on %s at umount\n", sb->s_id);
	sb->s_root = NULL;
	dput(root);
}

/*
 * The path of @dentry from the root of its file system, built from the
 * end of @buf: returns where it starts ("/" for the root, "/a/b"), or
 * ERR_PTR(-ENAMETOOLONG) if @buflen is too small.
 */
char *dentry_path_raw(struct dentry *dentry, char *buf, int buflen)
{
	char *end = buf + buflen, *p = end;
	int len;

	if (buflen < 2)
		return ERR_PTR(-ENAMETOOLONG);
	*--p = 0;
	spin_lock(&dcache_lock);
	while (!IS_ROOT(dentry)) {
		len = dentry->d_name.len;
		if (p - buf < len + 1) {
			spin_unlock(&dcache_lock);
			return ERR_PTR(-ENAMETOOLONG);
		}
		p -= len;
		memcpy(p, dentry->d_name.name, len);
		*--p = '/';
		dentry = dentry->d_parent;
	}
	spin_unlock(&dcache_lock);
	if (*p == 0)
		*--p = '/';
	return p;
}

/* Marks @dentry as a mount point (@on) or not; namespace.c, under its mount lock. */
void d_set_mounted(struct dentry *dentry, bool on)
{
	spin_lock(&dcache_lock);
	if (on)
		dentry->d_flags |= DCACHE_MOUNTED;
	else
		dentry->d_flags &= ~DCACHE_MOUNTED;
	spin_unlock(&dcache_lock);
}

/* ---- the shrinker ---- */

static unsigned long dcache_count(struct shrinker *s, struct shrink_control *sc)
{
	return nr_unused_dentries();
}

static unsigned long dcache_scan(struct shrinker *s, struct shrink_control *sc)
{
	if (!(sc->gfp_mask & __GFP_FS))
		return SHRINK_STOP;	/* the inodes' iput may enter the file system */
	return prune_dcache(sc->nr_to_scan);
}

static struct shrinker dcache_shrinker = {
	.count_objects = dcache_count,
	.scan_objects = dcache_scan,
};

/* Boot: the dentry cache's shrinker (after dcache_init). */
void dcache_shrinker_init(void)
{
	register_shrinker(&dcache_shrinker);
}
