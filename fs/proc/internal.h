/*
 * procfs internals (only the files of fs/proc): the entry tree and the inits that
 * proc_root_init runs. Linux's fs/proc/internal.h in shape.
 */
#ifndef _FS_PROC_INTERNAL_H
#define _FS_PROC_INTERNAL_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>

#define PROC_ROOT_INO	1

/*
 * One name in /proc. Made at boot, never freed. The tree's lists are
 * changed and walked under proc_subdir_lock (a mutex: readdir's actor may
 * sleep); the other fields are fixed once the entry is registered.
 */
struct proc_dir_entry {
	unsigned int low_ino;		/* its inodes' i_ino */
	umode_t mode;			/* S_IFDIR/S_IFREG | permissions */
	const struct file_operations *proc_fops;
	void (*single_show)(struct seq_buf *s);	/* proc_create_single's text */
	void *data;			/* PDE_DATA */
	struct proc_dir_entry *parent;	/* NULL only for the root */
	struct list_head subdir;	/* children, in creation order */
	struct list_head subdir_node;	/* on parent->subdir */
	unsigned int nr_subdirs;	/* child directories, for i_nlink */
	unsigned int namelen;
	char name[];
};

extern struct proc_dir_entry proc_root;
extern struct mutex proc_subdir_lock;

/* fs/proc/generic.c */
extern const struct file_operations proc_dir_operations;
extern const struct inode_operations proc_dir_inode_operations;

/* fs/proc/inode.c: an inode for @de on @sb (i_count 1), or NULL. */
struct inode *proc_get_inode(struct super_block *sb, struct proc_dir_entry *de);
extern const struct super_operations proc_sops;
extern const struct file_operations proc_single_file_operations;

static inline struct proc_dir_entry *PDE(const struct inode *inode)
{
	return inode->i_private;
}

/* The entry sets, each 0 or -ENOMEM (meminfo.c, uptime.c, proc_misc.c, proc_sysctl.c). */
int proc_meminfo_init(void);
int proc_uptime_init(void);
int proc_misc_init(void);
int proc_sys_init(void);

#endif
