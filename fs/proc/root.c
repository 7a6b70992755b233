/*
 * The "proc" file system type and its root: mount makes a super block
 * whose root inode is /proc's entry (each mount its own super block over
 * the one entry tree), and proc_root_init registers the type and the
 * standard files. The root lists the entries, then self and the
 * processes (base.c). After Linux 4.x's fs/proc/root.c; leaves out mount
 * options (hidepid=, gid=) and pid namespaces.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include "internal.h"

struct proc_dir_entry proc_root = {
	.low_ino = PROC_ROOT_INO,
	.mode = S_IFDIR | 0555,
	.proc_fops = &proc_dir_operations,
	.subdir = LIST_HEAD_INIT(proc_root.subdir),
	.namelen = 5,
	.name = "/proc",
};

/* mount_nodev's fill_super: the super block's fields and the root dentry. 0 or -ENOMEM. */
static int proc_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *root;

	sb->s_blocksize = 1024;
	sb->s_blocksize_bits = 10;
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_op = &proc_sops;
	sb->s_time_gran = 1;
	root = proc_get_inode(sb, &proc_root);
	if (!root)
		return -ENOMEM;
	root->i_op = &proc_root_inode_operations;
	root->i_fop = &proc_root_operations;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

/* ->mount: a new proc super block; its root dentry or ERR_PTR. */
static struct dentry *proc_mount(struct file_system_type *fs_type, int flags,
				 const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, proc_fill_super);
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.mount = proc_mount,
	.kill_sb = kill_anon_super,
};

int proc_root_init(void)
{
	static bool done;
	int err;

	if (done)
		return -EBUSY;
	done = true;
	err = proc_meminfo_init();
	if (!err)
		err = proc_uptime_init();
	if (!err)
		err = proc_misc_init();
	if (!err)
		err = proc_sys_init();
	if (!err)
		err = proc_stat_init();
	if (!err)
		err = proc_loadavg_init();
	if (!err)
		err = proc_cpuinfo_init();
	if (!err)
		err = proc_ktest_init();
	if (err) {
		pr_err("proc: cannot make the /proc entries: %d\n", err);
		return err;
	}
	err = register_filesystem(&proc_fs_type);
	if (err)
		pr_err("proc: register_filesystem: %d\n", err);
	return err;
}
