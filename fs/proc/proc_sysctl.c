/*
 * /proc/sys: integer tunables as text files (register_sysctl) and the vm
 * table: drop_caches, the dirty limits and intervals of writeback.h, and
 * min_free_kbytes. After Linux 4.x's fs/proc/proc_sysctl.c and the vm_table
 * and proc_dointvec_minmax of kernel/sysctl.c; leaves out every other
 * handler type, vectors of values and writes at an offset (-EINVAL here;
 * Linux ignores them).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/mutex.h>
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/writeback.h>
#include <linux/fs.h>
#include "internal.h"

static DEFINE_MUTEX(sysctl_lock);	/* one write (store + apply) at a time */
static struct proc_dir_entry *proc_sys_root;

/* ->open: the mode bits count even for root, as Linux's sysctl_perm. 0 or -EACCES. */
static int proc_sys_open(struct inode *inode, struct file *file)
{
	struct ctl_table *table = PDE_DATA(inode);

	if ((file->f_mode & FMODE_READ) && !(table->mode & 0444))
		return -EACCES;
	if ((file->f_mode & FMODE_WRITE) && !(table->mode & 0222))
		return -EACCES;
	return 0;
}

/* ->read_iter: "%d\n" of the value now, from ki_pos on. */
static ssize_t proc_sys_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct ctl_table *table = PDE_DATA(file_inode(iocb->ki_filp));
	char buf[16];
	size_t len = scnprintf(buf, sizeof(buf), "%d\n", READ_ONCE(*table->data)), n;

	if (iocb->ki_pos < 0)
		return -EINVAL;
	if ((size_t)iocb->ki_pos >= len)
		return 0;
	n = copy_to_iter(buf + iocb->ki_pos, min_t(size_t, len - iocb->ki_pos, iov_iter_count(to)), to);
	iocb->ki_pos += n;
	return n;
}

/*
 * Parses @count bytes of @from as one decimal int in [min, max]: 0 with
 * *@val, -EINVAL (garbage, out of range, too long) or -EFAULT.
 */
static int proc_sys_parse(struct ctl_table *table, struct iov_iter *from, size_t count, int *val)
{
	char buf[24];

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_iter(buf, count, from) != count)
		return -EFAULT;
	buf[count] = 0;
	if (kstrtoint(buf, 10, val) || *val < table->min || *val > table->max)
		return -EINVAL;
	return 0;
}

/*
 * ->write_iter: a new value at offset 0, stored and applied under
 * sysctl_lock. The bytes taken, or -EINVAL/-EFAULT, or apply's error.
 * May sleep (apply may: drop_caches).
 */
static ssize_t proc_sys_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct ctl_table *table = PDE_DATA(file_inode(iocb->ki_filp));
	size_t count = iov_iter_count(from);
	int val, err;

	if (iocb->ki_pos != 0)
		return -EINVAL;
	if (!count)
		return 0;
	err = proc_sys_parse(table, from, count, &val);
	if (err)
		return err;
	mutex_lock(&sysctl_lock);
	WRITE_ONCE(*table->data, val);
	if (table->apply)
		err = table->apply(table, val);
	mutex_unlock(&sysctl_lock);
	if (err)
		return err;
	iocb->ki_pos += count;
	return count;
}

static const struct file_operations proc_sys_file_operations = {
	.open = proc_sys_open,
	.read_iter = proc_sys_read_iter,
	.write_iter = proc_sys_write_iter,
	.llseek = default_llseek,
};

/* The child directory @name of /proc/sys, made if missing; NULL without memory. */
static struct proc_dir_entry *proc_sys_dir(const char *name)
{
	struct proc_dir_entry *de;

	mutex_lock(&proc_subdir_lock);
	list_for_each_entry(de, &proc_sys_root->subdir, subdir_node) {
		if (!strcmp(de->name, name) && S_ISDIR(de->mode)) {
			mutex_unlock(&proc_subdir_lock);
			return de;
		}
	}
	mutex_unlock(&proc_subdir_lock);
	return proc_mkdir(name, proc_sys_root);
}

int register_sysctl(const char *path, struct ctl_table *table)
{
	struct proc_dir_entry *dir;

	if (!proc_sys_root)
		return -ENOENT;
	dir = proc_sys_dir(path);
	if (!dir)
		return -ENOMEM;
	for (; table->procname; table++)
		if (!proc_create_data(table->procname, S_IFREG | table->mode, dir,
				      &proc_sys_file_operations, table))
			return -EEXIST;
	return 0;
}

/* ---- /proc/sys/vm ---- */

static int sysctl_drop_caches;

/* drop_caches: bit 1 the page cache, bit 2 dentries and inodes (4 only quiets Linux's message). */
static int drop_caches_apply(struct ctl_table *table, int val)
{
	if (val & 3)
		drop_caches(val & 3);
	return 0;
}

/* min_free_kbytes: new watermarks for every zone. */
static int min_free_kbytes_apply(struct ctl_table *table, int val)
{
	setup_per_zone_wmarks();
	return 0;
}

static struct ctl_table vm_table[] = {
	{ "drop_caches", &sysctl_drop_caches, 0200, 1, 4, drop_caches_apply },
	{ "dirty_background_ratio", &dirty_background_ratio, 0644, 0, 100, NULL },
	{ "dirty_ratio", &vm_dirty_ratio, 0644, 0, 100, NULL },
	{ "dirty_writeback_centisecs", (int *)&dirty_writeback_interval, 0644, 0, INT_MAX, NULL },
	{ "dirty_expire_centisecs", (int *)&dirty_expire_interval, 0644, 0, INT_MAX, NULL },
	{ "min_free_kbytes", &min_free_kbytes, 0644, 0, INT_MAX, min_free_kbytes_apply },
	{ }
};

int proc_sys_init(void)
{
	proc_sys_root = proc_mkdir("sys", NULL);
	if (!proc_sys_root)
		return -ENOMEM;
	return register_sysctl("vm", vm_table) ? -ENOMEM : 0;
}
