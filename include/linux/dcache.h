/*
 * Directory entries (fs/dcache.c): the cache of names. A dentry names one
 * inode in one directory, or nothing (a negative entry: the name is known
 * not to exist). Linux's shape without RCU walk or d_ops beyond revalidate.
 */
#ifndef _LINUX_DCACHE_H
#define _LINUX_DCACHE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct inode;
struct super_block;

#define NAME_MAX		255
#define PATH_MAX		4096
#define DNAME_INLINE_LEN	32

struct qstr {
	u32 hash;
	u32 len;
	const char *name;
};
#define QSTR_INIT(n, l) { .hash = 0, .len = (l), .name = (n) }

/* d_flags */
#define DCACHE_MOUNTED		(1U << 0)	/* something is mounted on it */
#define DCACHE_DISCONNECTED	(1U << 1)
#define DCACHE_UNHASHED		(1U << 2)	/* not findable by d_lookup */

struct dentry {
	unsigned int d_flags;
	spinlock_t d_lock;
	int d_count;			/* references (d_lock); Linux: d_lockref */
	struct inode *d_inode;		/* NULL: negative */
	struct dentry *d_parent;	/* itself for a root */
	struct qstr d_name;
	struct super_block *d_sb;
	struct hlist_node d_hash;	/* the name hash, by (parent, name) */
	struct list_head d_lru;		/* unused dentries, for the shrinker */
	struct list_head d_child;	/* on the parent's d_subdirs */
	struct list_head d_subdirs;	/* its children */
	struct list_head d_alias;	/* on the inode's i_dentry */
	unsigned long d_time;		/* the file system's */
	void *d_fsdata;
	char d_iname[DNAME_INLINE_LEN];	/* short names live here */
};

static inline struct inode *d_inode(const struct dentry *d) { return d->d_inode; }
static inline bool d_really_is_negative(const struct dentry *d) { return !d->d_inode; }
static inline bool d_mountpoint(const struct dentry *d) { return d->d_flags & DCACHE_MOUNTED; }
static inline bool IS_ROOT(const struct dentry *d) { return d->d_parent == d; }

/* A new unhashed dentry named @name under @parent (a reference on it), or NULL. */
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name);
struct dentry *d_alloc_name(struct dentry *parent, const char *name);
/* The root dentry of a new super block, for @root_inode (consumed), or NULL. */
struct dentry *d_make_root(struct inode *root_inode);
/* Ties @dentry to @inode (NULL: negative). */
void d_instantiate(struct dentry *dentry, struct inode *inode);
/* d_instantiate and hash it. */
void d_add(struct dentry *dentry, struct inode *inode);
/* For ->lookup: d_add, or the existing alias of a directory; returns NULL or the dentry to use. */
struct dentry *d_splice_alias(struct inode *inode, struct dentry *dentry);
/* The child of @parent called @name, with a reference, or NULL. */
struct dentry *d_lookup(const struct dentry *parent, const struct qstr *name);
void d_rehash(struct dentry *dentry);
/* Removes @dentry from the hash and, if unused, frees it (unlink, rmdir). */
void d_delete(struct dentry *dentry);
void d_drop(struct dentry *dentry);
/* After a rename: @dentry moves to @target's name and parent; @target is dropped. */
void d_move(struct dentry *dentry, struct dentry *target);
struct dentry *dget(struct dentry *dentry);
struct dentry *dget_parent(struct dentry *dentry);
void dput(struct dentry *dentry);
/* Any dentry of @inode, with a reference, or NULL. */
struct dentry *d_find_alias(struct inode *inode);
/* Frees unused dentries (the shrinker, drop_caches); how many. */
unsigned long prune_dcache(unsigned long nr);
unsigned long nr_unused_dentries(void);
/* Drops every unused dentry of @sb (umount): 0, or -EBUSY if some are in use. */
int shrink_dcache_sb(struct super_block *sb);
/* The path of @dentry under its mount in @buf: start of the string, or ERR_PTR(-ENAMETOOLONG). */
char *dentry_path_raw(struct dentry *dentry, char *buf, int buflen);
struct path;
/* The absolute path of @path across mounts, at the end of @buf: its start, or ERR_PTR (fs/d_path.c). */
char *d_path(const struct path *path, char *buf, int buflen);
u32 full_name_hash(const struct dentry *parent, const char *name, unsigned int len);
void dcache_init(void);

#endif
