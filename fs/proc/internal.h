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

struct pid_entry;
struct seq_buf;
struct task_struct;

/*
 * Every proc inode (proc_sops' alloc_inode). Entry-tree inodes use only
 * vfs_inode (i_private is their proc_dir_entry); the per-process ones of
 * base.c record which task and file they stand for.
 */
struct proc_inode {
	int pid;			/* /proc/<pid>/...: the task's pid (0: none) */
	int fd;				/* /proc/<pid>/fd/<fd>: the descriptor */
	const struct pid_entry *entry;	/* which file of the pid directory */
	struct inode vfs_inode;
};

static inline struct proc_inode *PROC_I(const struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
}

/*
 * A text file's ->open helper: runs @show(s, @arg) into a buffer that
 * grows until the text fits and keeps the text as the file's private
 * data, which proc_text_read_iter/llseek/release then use. 0, @show's
 * error (it returns 0 or -Exxx), -ENOMEM or -EFBIG. May sleep.
 */
int proc_text_open(struct file *file, int (*show)(struct seq_buf *s, void *arg), void *arg);
ssize_t proc_text_read_iter(struct kiocb *iocb, struct iov_iter *to);
loff_t proc_text_llseek(struct file *file, loff_t offset, int whence);
int proc_text_release(struct inode *inode, struct file *file);

/* fs/proc/generic.c, for the root directory of base.c. */
struct dentry *proc_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags);
/* Lists @de's children from ctx->pos on; true if it got to the end (false: @ctx filled). */
bool proc_readdir_de(struct proc_dir_entry *de, struct file *file, struct dir_context *ctx);

/*
 * The /proc/<pid> texts, each of @task as it is now: 0 or -Exxx. May
 * sleep. array.c: stat, status, statm; task_mmu.c: maps, smaps_rollup.
 */
int proc_pid_stat(struct seq_buf *s, struct task_struct *task);
int proc_pid_status(struct seq_buf *s, struct task_struct *task);
/* The same for /proc/<pid>/task/<tid>: the thread's own times and faults. */
int proc_tid_stat(struct seq_buf *s, struct task_struct *task);
int proc_tid_status(struct seq_buf *s, struct task_struct *task);
int proc_pid_statm(struct seq_buf *s, struct task_struct *task);
int proc_pid_maps(struct seq_buf *s, struct task_struct *task);
int proc_pid_smaps_rollup(struct seq_buf *s, struct task_struct *task);
struct mm_struct;
/*
 * The maps and smaps_rollup texts of @mm itself (task_mmu.c; the ktests
 * call them on an mm of their own): 0 or -ENOMEM. Take mmap_sem (read)
 * and page_table_lock. May sleep.
 */
int proc_mm_maps(struct seq_buf *s, struct mm_struct *mm);
int proc_mm_smaps_rollup(struct seq_buf *s, struct mm_struct *mm);
/* Page-table pages (PMD and PTE levels) of @mm's user half: VmPTE. Takes mmap_sem and page_table_lock. */
unsigned long proc_mm_pgtables(struct mm_struct *mm);

/* fs/proc/base.c: the root directory's operations (entries, self, <pid>). */
extern const struct inode_operations proc_root_inode_operations;
extern const struct file_operations proc_root_operations;

/*
 * The entry sets, each 0 or -ENOMEM (meminfo.c, uptime.c, proc_misc.c,
 * proc_sysctl.c, stat.c, loadavg.c, cpuinfo.c, ktest.c).
 */
int proc_meminfo_init(void);
int proc_uptime_init(void);
int proc_misc_init(void);
int proc_sys_init(void);
int proc_stat_init(void);
int proc_loadavg_init(void);
int proc_cpuinfo_init(void);
int proc_ktest_init(void);

#endif
