/*
 * procfs (fs/proc/): the "proc" file system. A small tree of entries made
 * at boot: directories, read-only text files whose whole text a show
 * function writes into a seq_buf when the file is opened, files with their
 * own file operations, and the /proc/sys tunables (register_sysctl).
 * The root also lists "self" and a directory per process (fs/proc/base.c).
 * Linux 4.x names; no removal of entries. docs/proc.md lists the files.
 */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

#include <linux/types.h>

struct proc_dir_entry;
struct file_operations;
struct inode;
struct seq_buf;

#define PROC_SUPER_MAGIC	0x9fa0

/*
 * Boot: registers the "proc" file system type and makes the standard
 * entries (meminfo, zoneinfo, ..., the sys/vm files). 0, or -ENOMEM/-EBUSY.
 * Call once, after the scheduler (it takes mutexes) and before proc is
 * mounted. May sleep.
 */
int proc_root_init(void);

/*
 * The entry calls: each returns the new entry, or NULL when there is no
 * memory or @parent (NULL: /proc) already has an entry called @name
 * (reported). Entries live for good. May sleep.
 */
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent);
/* A read-only text file: @show writes its whole text at each open (it must not sleep long: it runs with no lock). */
struct proc_dir_entry *proc_create_single(const char *name, umode_t mode,
					  struct proc_dir_entry *parent,
					  void (*show)(struct seq_buf *s));
/* A file with its own operations; @data comes back from PDE_DATA(inode). */
struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const struct file_operations *fops, void *data);
/* The data of the entry behind a proc inode. */
void *PDE_DATA(const struct inode *inode);

/*
 * A /proc/sys integer (Linux's struct ctl_table with proc_dointvec_minmax
 * as its only handler): read as "%d\n"; a write of decimal text (one
 * trailing newline allowed) in [min, max] at offset 0 sets *data, anything
 * else is -EINVAL. apply, if set, runs after the value is stored (under the
 * sysctl mutex, may sleep); its error is the write's result.
 */
struct ctl_table {
	const char *procname;		/* NULL ends a table */
	int *data;			/* an unsigned int tunable is read as int (max <= INT_MAX) */
	umode_t mode;			/* 0644, or 0200 for write-only (drop_caches) */
	int min, max;			/* Linux: extra1, extra2 */
	int (*apply)(struct ctl_table *table, int val);
};

/*
 * Makes /proc/sys/@path (one directory name, "vm") if needed and a file
 * in it for each entry of @table (which must stay). 0 or -ENOMEM/-EEXIST.
 */
int register_sysctl(const char *path, struct ctl_table *table);

#endif
