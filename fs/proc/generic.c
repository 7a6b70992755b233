/*
 * The procfs entry tree: proc_mkdir / proc_create_single / proc_create_data
 * register entries under a parent, and the directory operations look names
 * up and list them. After Linux 4.x's fs/proc/generic.c; leaves out
 * remove_proc_entry, symlinks and the rb-tree (a list in creation order).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include "internal.h"

DEFINE_MUTEX(proc_subdir_lock);
static unsigned int proc_next_ino = PROC_ROOT_INO + 1;	/* proc_subdir_lock */

/* The child of @dir named @name (@len bytes), or NULL. proc_subdir_lock held. */
static struct proc_dir_entry *pde_subdir_find(struct proc_dir_entry *dir,
					      const char *name, unsigned int len)
{
	struct proc_dir_entry *de;

	list_for_each_entry(de, &dir->subdir, subdir_node)
		if (de->namelen == len && !memcmp(de->name, name, len))
			return de;
	return NULL;
}

/*
 * A new, unregistered entry @name with @mode under @parent (NULL: the
 * root), or NULL if @name is empty, has a '/', or memory is short.
 */
static struct proc_dir_entry *proc_create_entry(const char *name, umode_t mode,
						struct proc_dir_entry *parent)
{
	size_t len = strlen(name);
	struct proc_dir_entry *de;

	if (!len || len > NAME_MAX || strchr(name, '/')) {
		pr_err("proc: bad entry name '%s'\n", name);
		return NULL;
	}
	de = kzalloc(sizeof(*de) + len + 1, GFP_KERNEL);
	if (!de)
		return NULL;
	memcpy(de->name, name, len + 1);
	de->namelen = len;
	de->mode = mode;
	de->parent = parent ? parent : &proc_root;
	INIT_LIST_HEAD(&de->subdir);
	return de;
}

/*
 * Puts @de (from proc_create_entry) in its parent's list with an inode
 * number. Returns @de, or NULL (and frees @de) if the name is taken.
 */
static struct proc_dir_entry *proc_register(struct proc_dir_entry *de)
{
	struct proc_dir_entry *dir = de->parent;

	mutex_lock(&proc_subdir_lock);
	if (pde_subdir_find(dir, de->name, de->namelen)) {
		mutex_unlock(&proc_subdir_lock);
		pr_err("proc: /proc entry '%s/%s' already registered\n", dir->name, de->name);
		kfree(de);
		return NULL;
	}
	de->low_ino = proc_next_ino++;
	list_add_tail(&de->subdir_node, &dir->subdir);
	if (S_ISDIR(de->mode))
		dir->nr_subdirs++;
	mutex_unlock(&proc_subdir_lock);
	return de;
}

struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *de = proc_create_entry(name, S_IFDIR | 0555, parent);

	if (!de)
		return NULL;
	de->proc_fops = &proc_dir_operations;
	return proc_register(de);
}

struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const struct file_operations *fops, void *data)
{
	struct proc_dir_entry *de;

	if ((mode & S_IFMT) == 0)
		mode |= S_IFREG;
	de = proc_create_entry(name, mode, parent);
	if (!de)
		return NULL;
	de->proc_fops = fops;
	de->data = data;
	return proc_register(de);
}

struct proc_dir_entry *proc_create_single(const char *name, umode_t mode,
					  struct proc_dir_entry *parent,
					  void (*show)(struct seq_buf *s))
{
	struct proc_dir_entry *de;

	de = proc_create_entry(name, S_IFREG | (mode & 0444), parent);
	if (!de)
		return NULL;
	de->proc_fops = &proc_single_file_operations;
	de->single_show = show;
	return proc_register(de);
}

void *PDE_DATA(const struct inode *inode)
{
	return PDE(inode)->data;
}

/*
 * ->lookup of a proc directory (@dir locked by the VFS): ties @dentry to
 * a new inode of the child it names. NULL (done), ERR_PTR(-ENOENT) if
 * there is no such child (no negative dentry: entries may come later), or
 * ERR_PTR(-ENOMEM). May sleep.
 */
struct dentry *proc_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	struct proc_dir_entry *de;
	struct inode *inode;

	mutex_lock(&proc_subdir_lock);
	de = pde_subdir_find(PDE(dir), dentry->d_name.name, dentry->d_name.len);
	mutex_unlock(&proc_subdir_lock);
	if (!de)
		return ERR_PTR(-ENOENT);
	inode = proc_get_inode(dir->i_sb, de);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	d_add(dentry, inode);
	return NULL;
}

/* Emits "." (pos 0) and ".." (pos 1) as far as @ctx has room; false if it filled. */
static bool proc_emit_dots(struct file *file, struct dir_context *ctx)
{
	struct proc_dir_entry *de = PDE(file_inode(file));
	unsigned int parent_ino = de->parent ? de->parent->low_ino : de->low_ino;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, de->low_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, parent_ino, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

/*
 * ".", "..", then @dir's children from position 2 on, in creation order
 * (ctx->pos - 2 is the child's index), until the actor is full (false)
 * or the list ends (true). Holds proc_subdir_lock around the actor, which
 * may sleep (the lock is a mutex, and entries are never removed).
 */
bool proc_readdir_de(struct proc_dir_entry *dir, struct file *file, struct dir_context *ctx)
{
	struct proc_dir_entry *de;
	bool done = true;
	loff_t i = 2;

	if (!proc_emit_dots(file, ctx))
		return false;
	mutex_lock(&proc_subdir_lock);
	list_for_each_entry(de, &dir->subdir, subdir_node) {
		if (i++ < ctx->pos)
			continue;
		if (!dir_emit(ctx, de->name, de->namelen, de->low_ino, (de->mode >> 12) & 15)) {
			done = false;
			break;
		}
		ctx->pos++;
	}
	mutex_unlock(&proc_subdir_lock);
	return done;
}

/* ->iterate_shared of an entry directory: proc_readdir_de. Always 0. */
static int proc_readdir(struct file *file, struct dir_context *ctx)
{
	proc_readdir_de(PDE(file_inode(file)), file, ctx);
	return 0;
}

const struct file_operations proc_dir_operations = {
	.llseek = generic_file_llseek,
	.read = generic_read_dir,
	.iterate_shared = proc_readdir,
};

const struct inode_operations proc_dir_inode_operations = {
	.lookup = proc_lookup,
};
