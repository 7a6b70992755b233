/*
 * The VFS at boot: the dentry, inode and file caches with their
 * shrinkers, the flusher thread, then the namespace (mnt_init): tmpfs as
 * the rootfs at "/", the root= device mounted on top of it (rootfstype=,
 * ro/rw, rootwait), and /dev (devtmpfs), /proc and /tmp. After Linux
 * 4.x's vfs_caches_init, init_mount_tree and init/do_mounts.c; leaves
 * out initramfs, NFS root, "root=PARTUUID=" and pivot_root. Boot glue:
 * not built for the host tests.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/delay.h>
#include <linux/params.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/genhd.h>
#include <linux/seq_buf.h>
#include <linux/writeback.h>
#include <linux/devtmpfs.h>
#include <linux/fs_struct.h>
#include "internal.h"

#define ROOTWAIT_MS		10000	/* rootwait gives up after 10 s */
#define ROOTWAIT_STEP_MS	100

static char root_device_name[64];	/* root=, as given */
static char root_fs_names[32];		/* rootfstype= */
static unsigned long root_mountflags = SB_RDONLY;	/* Linux's default: ro until "rw" */
static bool root_wait;

static int root_dev_setup(char *val)
{
	if (!*val || strlen(val) >= sizeof(root_device_name))
		return -EINVAL;
	strlcpy(root_device_name, val, sizeof(root_device_name));
	return 0;
}
__setup("root=", root_dev_setup);

static int fs_names_setup(char *val)
{
	if (!*val || strlen(val) >= sizeof(root_fs_names))
		return -EINVAL;
	strlcpy(root_fs_names, val, sizeof(root_fs_names));
	return 0;
}
__setup("rootfstype=", fs_names_setup);

static int readonly_setup(char *val)
{
	if (val)
		return -EINVAL;
	root_mountflags |= SB_RDONLY;
	return 0;
}
__setup("ro", readonly_setup);

static int readwrite_setup(char *val)
{
	if (val)
		return -EINVAL;
	root_mountflags &= ~SB_RDONLY;
	return 0;
}
__setup("rw", readwrite_setup);

static int rootwait_setup(char *val)
{
	if (val)
		return -EINVAL;
	root_wait = true;
	return 0;
}
__setup("rootwait", rootwait_setup);

/* "-ENXIO" for the messages (the numbers a root mount meets), else the number. */
static const char *errname(int err, char *buf, size_t len)
{
	static const struct { int err; const char *name; } names[] = {
		{ -ENXIO, "-ENXIO" }, { -ENOENT, "-ENOENT" }, { -EINVAL, "-EINVAL" },
		{ -EROFS, "-EROFS" }, { -EIO, "-EIO" }, { -ENOMEM, "-ENOMEM" },
		{ -EBUSY, "-EBUSY" }, { -ENODEV, "-ENODEV" }, { -EACCES, "-EACCES" },
		{ -EUCLEAN, "-EUCLEAN" }, { -EEXIST, "-EEXIST" }, { -ENOTDIR, "-ENOTDIR" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (names[i].err == err)
			return names[i].name;
	}
	snprintf(buf, len, "%d", err);
	return buf;
}

/* The device root= names: "/dev/vda2", "vda2" or "254:2". NULL if there is none (yet). */
static struct block_device *root_lookup(const char *name)
{
	unsigned int major, minor;
	const char *colon = strchr(name, ':');
	char num[16];

	if (colon && colon - name < (long)sizeof(num)) {
		memcpy(num, name, colon - name);
		num[colon - name] = 0;
		if (!kstrtouint(num, 10, &major) && !kstrtouint(colon + 1, 10, &minor))
			return lookup_bdev_dev(MKDEV(major, minor));
		return NULL;
	}
	if (!strncmp(name, "/dev/", 5))
		name += 5;
	return lookup_bdev(name);
}

/* The root device, waiting for it (rootwait: every 100 ms, up to 10 s). NULL if it never came. */
static struct block_device *wait_for_root(void)
{
	struct block_device *bdev = root_lookup(root_device_name);
	unsigned int waited = 0;

	if (bdev || !root_wait)
		return bdev;
	pr_info("VFS: Waiting for root device %s...\n", root_device_name);
	while (!bdev && waited < ROOTWAIT_MS) {
		msleep(ROOTWAIT_STEP_MS);
		waited += ROOTWAIT_STEP_MS;
		bdev = root_lookup(root_device_name);
	}
	return bdev;
}

static void show_one_bdev(struct block_device *bdev, void *arg)
{
	struct seq_buf *s = arg;
	const char *name = bdev->bd_part ? bdev->bd_part->name : bdev->bd_disk->disk_name;

	seq_buf_printf(s, " %s", name);
}

/* The error and the devices there are, so a wrong root= can be fixed. */
static void root_error(const char *what, int err)
{
	char num[16], list[256];
	struct seq_buf s;

	seq_buf_init(&s, list, sizeof(list));
	for_each_bdev(show_one_bdev, &s);
	pr_err("VFS: %s \"%s\": %s; staying on the rootfs\n", what, root_device_name,
	       errname(err, num, sizeof(num)));
	pr_err("VFS: block devices:%s\n", s.len ? list : " none");
}

/* The root mount succeeded: Linux's line, with the type and the device number. */
static void root_mounted(void)
{
	struct super_block *sb;
	struct path root;

	get_fs_root(&root);
	sb = root.mnt->mnt_sb;
	pr_info("VFS: Mounted root (%s filesystem)%s on device %u:%u.\n", sb->s_type->name,
		sb_rdonly(sb) ? " readonly" : "", MAJOR(sb->s_dev), MINOR(sb->s_dev));
	path_put(&root);
}

/*
 * Mounts @dev as the root with @type: 0, -EINVAL (not this file system),
 * or another error. A write-protected device is mounted read-only instead,
 * as Linux does, with a message.
 */
static int try_root_type(const char *dev, const char *type, unsigned long *flags)
{
	int err = do_mount(dev, "/", type, *flags | SB_SILENT, NULL);

	if ((err == -EROFS || err == -EACCES) && !(*flags & SB_RDONLY)) {
		pr_notice("VFS: %s is write-protected, mounting read-only\n", dev);
		*flags |= SB_RDONLY;
		err = do_mount(dev, "/", type, *flags | SB_SILENT, NULL);
	}
	return err;
}

/* Each candidate type in turn (rootfstype=, else every FS_REQUIRES_DEV one). 0 or the error. */
static int mount_block_root(const char *dev, char *tried, size_t len)
{
	unsigned long flags = root_mountflags;
	struct file_system_type *fs = NULL;
	int err = -ENODEV;

	if (root_fs_names[0]) {
		strlcpy(tried, root_fs_names, len);
		return try_root_type(dev, root_fs_names, &flags);
	}
	tried[0] = 0;
	while ((fs = next_fs_type(fs))) {
		if (!(fs->fs_flags & FS_REQUIRES_DEV))
			continue;
		strlcat(tried, tried[0] ? " " : "", len);
		strlcat(tried, fs->name, len);
		err = try_root_type(dev, fs->name, &flags);
		if (err != -EINVAL)
			break;
	}
	return err;
}

/*
 * root=: the device is waited for if asked, then mounted on "/" over the
 * rootfs. Any failure leaves the rootfs as the root with a message; the
 * boot goes on.
 */
static void mount_root(void)
{
	struct block_device *bdev;
	char dev[8 + DISK_NAME_LEN], tried[128], num[16];
	const char *name;
	int err;

	if (!root_device_name[0]) {
		pr_info("VFS: no root= given: the root is the rootfs (tmpfs)\n");
		return;
	}
	bdev = wait_for_root();
	if (!bdev) {
		root_error("Cannot open root device", -ENXIO);
		return;
	}
	name = bdev->bd_part ? bdev->bd_part->name : bdev->bd_disk->disk_name;
	snprintf(dev, sizeof(dev), "/dev/%s", name);
	err = mount_block_root(dev, tried, sizeof(tried));
	if (!err) {
		root_mounted();
		return;
	}
	if (err == -EINVAL || err == -ENODEV)
		pr_err("VFS: no file system could mount root, tried: %s\n",
		       tried[0] ? tried : "(none registered)");
	else
		pr_err("VFS: Cannot mount root device %s as %s: %s\n", dev, tried,
		       errname(err, num, sizeof(num)));
	root_error("Unable to mount root fs on", err);
}

/* Makes @dir on the root if it is missing; a failure is reported. */
static void make_root_dir(const char *dir, umode_t mode)
{
	char num[16];
	int err = vfs_path_mkdir(dir, mode);

	if (err && err != -EEXIST)
		pr_err("VFS: cannot create %s on the root: %s\n", dir, errname(err, num, sizeof(num)));
}

/* /dev, /proc, /tmp, /sys on the root, and devtmpfs, proc and tmpfs mounted there. */
static void mount_standard_dirs(void)
{
	char num[16];
	int err;

	make_root_dir("/dev", 0755);
	make_root_dir("/proc", 0555);
	make_root_dir("/tmp", 01777);
	make_root_dir("/sys", 0555);
	devtmpfs_mount("/dev");
	if (!get_fs_type("proc"))
		pr_err("VFS: no \"proc\" file system registered: /proc not mounted\n");
	else if ((err = do_mount("proc", "/proc", "proc", 0, NULL)))
		pr_err("VFS: cannot mount proc on /proc: %s\n", errname(err, num, sizeof(num)));
	err = do_mount("tmpfs", "/tmp", "tmpfs", 0, "mode=1777");
	if (err)
		pr_err("VFS: cannot mount tmpfs on /tmp: %s\n", errname(err, num, sizeof(num)));
}

/*
 * Boot: tmpfs registered and mounted as the rootfs, then the root=
 * device over it, then the standard directories and their mounts. Never
 * panics: without a root device the rootfs stays the root. May sleep.
 */
void mnt_init(void)
{
	int err = shmem_init();

	if (!err)
		err = init_mount_tree();
	if (err) {
		pr_err("VFS: cannot make the rootfs: %d; no file systems\n", err);
		return;
	}
	mount_root();
	set_init_fs_root();	/* init_fs: "/" is what mount_root left on top */
	mount_standard_dirs();
}

/*
 * Boot (start_kernel, after the disks are known): the VFS's caches and
 * shrinkers, the namespace (mnt_init), the flusher thread. Panics only
 * if the caches cannot be made (no memory at boot).
 */
void vfs_caches_init(void)
{
	dcache_init();
	inode_init();
	files_init();
	dcache_shrinker_init();
	inode_shrinker_init();
	mnt_init();
	writeback_init();
}
