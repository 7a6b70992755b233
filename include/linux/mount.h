/*
 * Mounts (fs/namespace.c): a vfsmount joins a super block's root into
 * the tree at a mount point. One namespace; no bind mounts or propagation.
 */
#ifndef _LINUX_MOUNT_H
#define _LINUX_MOUNT_H

#include <linux/types.h>
#include <linux/list.h>

struct dentry;
struct super_block;
struct seq_buf;

#define MNT_NOSUID	0x01
#define MNT_NODEV	0x02
#define MNT_NOEXEC	0x04
#define MNT_NOATIME	0x08
#define MNT_READONLY	0x40

struct vfsmount {
	struct dentry *mnt_root;	/* the root of the mounted tree */
	struct super_block *mnt_sb;
	int mnt_flags;			/* MNT_* */
	struct vfsmount *mnt_parent;	/* itself for the root mount */
	struct dentry *mnt_mountpoint;	/* where, in mnt_parent */
	struct list_head mnt_list;	/* all mounts, in mount order */
	char *mnt_devname;		/* "/dev/vda2", for /proc/mounts */
	int mnt_count;			/* references */
};

struct vfsmount *mntget(struct vfsmount *mnt);
void mntput(struct vfsmount *mnt);
bool __mnt_is_readonly(const struct vfsmount *mnt);
/* Write access to a file on @mnt: 0 or -EROFS. */
int mnt_want_write(struct vfsmount *mnt);
void mnt_drop_write(struct vfsmount *mnt);

/* mount(2): 0 or -Exxx. @flags: SB_RDONLY, MS_REMOUNT, ...; @data: options ("errors=remount-ro"). */
int do_mount(const char *dev_name, const char *dir_name, const char *type,
	     unsigned long flags, void *data);
/* umount(2): 0, -EBUSY (files open, or mounts below), -EINVAL (not a mount point). */
int do_umount(const char *dir_name, int flags);
/* Boot: an empty rootfs (tmpfs) at "/", then the root= device on it, then /dev and /proc. */
void mnt_init(void);
/* /proc/mounts text. */
void mounts_show(struct seq_buf *s);

#endif
