/*
 * devtmpfs: /dev as a tmpfs instance (mm/shmem.c) with a node for every
 * device, made by devtmpfs_mount through vfs_path_mknod. After Linux 4.x's
 * drivers/base/devtmpfs.c (devtmpfs_mount(mntdir)) without its kernel
 * thread, its own "devtmpfs" type (the mount is "tmpfs" named devtmpfs) and
 * hot-plug: the nodes are the devices there are at mount time.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/kdev_t.h>
#include <linux/genhd.h>
#include <linux/devtmpfs.h>

/* The character devices of drivers/char/mem.c and drivers/tty, with Linux's modes. */
static const struct {
	const char *name;
	unsigned int major, minor;
	umode_t mode;
} devtmpfs_chr_nodes[] = {
	{ "console", 5, 1, 0600 },
	{ "tty", 5, 0, 0666 },
	{ "ttyS0", 4, 64, 0600 },
	{ "null", 1, 3, 0666 },
	{ "zero", 1, 5, 0666 },
	{ "full", 1, 7, 0666 },
	{ "random", 1, 8, 0666 },
	{ "urandom", 1, 9, 0666 },
};

/* Where the nodes go, and how many could not be made. */
struct devtmpfs_ctx {
	const char *mntdir;
	int failed;
};

/*
 * Makes @mntdir/@name, a node of @mode (S_IFCHR/S_IFBLK and permissions)
 * for @dev; a failure is reported and counted in @ctx. May sleep.
 */
static void devtmpfs_create_node(struct devtmpfs_ctx *ctx, const char *name,
				 umode_t mode, dev_t dev)
{
	char path[128];
	int err;

	if (snprintf(path, sizeof(path), "%s/%s", ctx->mntdir, name) >= (int)sizeof(path)) {
		err = -ENAMETOOLONG;
	} else {
		err = vfs_path_mknod(path, mode, dev);
	}
	if (err) {
		pr_err("devtmpfs: cannot make %s/%s (%u,%u): %d\n", ctx->mntdir, name,
		       MAJOR(dev), MINOR(dev), err);
		ctx->failed++;
	}
}

/* for_each_bdev's callback: the node of one disk or partition, mode 0660. */
static void devtmpfs_bdev_node(struct block_device *bdev, void *arg)
{
	devtmpfs_create_node(arg, bdev->bd_part->name, S_IFBLK | 0660, bdev->bd_dev);
}

int devtmpfs_mount(const char *mntdir)
{
	struct devtmpfs_ctx ctx = { .mntdir = mntdir };
	int err;

	vfs_path_mkdir(mntdir, 0755);	/* may exist; do_mount reports a missing one */
	err = do_mount("devtmpfs", mntdir, "tmpfs", 0, NULL);
	if (err) {
		pr_err("devtmpfs: mount on %s failed: %d\n", mntdir, err);
		return err;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(devtmpfs_chr_nodes); i++)
		devtmpfs_create_node(&ctx, devtmpfs_chr_nodes[i].name,
				     S_IFCHR | devtmpfs_chr_nodes[i].mode,
				     MKDEV(devtmpfs_chr_nodes[i].major, devtmpfs_chr_nodes[i].minor));
	for_each_bdev(devtmpfs_bdev_node, &ctx);
	pr_info("devtmpfs: mounted on %s%s\n", mntdir, ctx.failed ? " (some nodes missing)" : "");
	return 0;
}
