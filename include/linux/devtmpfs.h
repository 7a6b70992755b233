/*
 * /dev: the character devices of drivers/char/mem.c (chr_dev_init) and the
 * tmpfs instance with every device node in it (drivers/base/devtmpfs.c).
 * Linux 4.x's devtmpfs_mount(mntdir); nodes are made once, at mount, so a
 * disk added later gets none (no hot-plug).
 */
#ifndef _LINUX_DEVTMPFS_H
#define _LINUX_DEVTMPFS_H

/*
 * Boot: registers the mem devices (major 1: null, zero, full, random,
 * urandom) and /dev/console (major 5). 0 or register_chrdev's error.
 * Any time before the first open of one of their nodes (fs/char_dev.c's
 * table is static); the nodes themselves may be made earlier.
 */
int chr_dev_init(void);

/*
 * Mounts a tmpfs (device name "devtmpfs") at @mntdir (made if
 * missing) and makes the nodes: console, null, zero, full, random,
 * urandom and every disk and partition (for_each_bdev). 0 or -Exxx (the
 * mount's; a node that cannot be made is reported and skipped). After
 * the disks are scanned (scan_boot_disks, brd_init). May sleep.
 */
int devtmpfs_mount(const char *mntdir);

#endif
