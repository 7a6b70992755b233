/*
 * A task's place in the tree (fs/fs_struct.c): its root ("/" for its
 * walks, chroot changes it), its current directory and its umask.
 * Shared by CLONE_FS tasks, copied at fork. After Linux's
 * include/linux/fs_struct.h, with a spinlock and no seqcount.
 */
#ifndef _LINUX_FS_STRUCT_H
#define _LINUX_FS_STRUCT_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/fs.h>

struct task_struct;

struct fs_struct {
	int users;		/* tasks sharing it (atomic) */
	spinlock_t lock;	/* root, pwd and umask */
	int umask;
	struct path root, pwd;	/* references; NULL halves until the root is mounted */
};

/* Kernel threads and init: root and cwd "/" once set_init_fs_root ran. */
extern struct fs_struct init_fs;

/* Boot, after the root mount: init_fs's root and cwd become the namespace's "/". */
void set_init_fs_root(void);
/* fork: CLONE_FS shares current's, else a copy. 0 or -ENOMEM. */
int copy_fs(unsigned long clone_flags, struct task_struct *tsk);
/* Drops @tsk's fs_struct and sets tsk->fs NULL. */
void exit_fs(struct task_struct *tsk);
/* Sets @fs's cwd or root to @path (new references taken, the old dropped). */
void set_fs_pwd(struct fs_struct *fs, const struct path *path);
void set_fs_root(struct fs_struct *fs, const struct path *path);
/*
 * current's root and cwd with references (path_put them). Without an
 * fs_struct, or before the root is mounted, both are the namespace's "/".
 */
void get_current_root(struct path *root);
void get_current_pwd(struct path *pwd);
/* The umask new files of current get (022 without an fs_struct). */
umode_t current_umask(void);

#endif
