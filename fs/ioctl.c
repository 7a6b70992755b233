/*
 * ioctl(2): the generic commands every descriptor answers (FIOCLEX,
 * FIONCLEX, FIONBIO, FIOASYNC, FIONREAD and BLKGETSIZE64 for files and
 * block devices), then the file's own f_op->unlocked_ioctl; a command
 * nobody knows is -ENOTTY. After Linux's fs/ioctl.c (do_vfs_ioctl,
 * vfs_ioctl); leaves out FIFREEZE/FITHAW, FIEMAP, FICLONE and FIGETBSZ.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/genhd.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
#include <uapi/ioctl.h>
#include <uapi/fcntl.h>

/* The file's own ioctl: -ENOIOCTLCMD (or none at all) becomes -ENOTTY. */
long vfs_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	long err;

	if (!file->f_op->unlocked_ioctl)
		return -ENOTTY;
	err = file->f_op->unlocked_ioctl(file, cmd, arg);
	return err == -ENOIOCTLCMD ? -ENOTTY : err;
}

/* Sets or clears @flag in f_flags by the user int at @arg (FIONBIO, FIOASYNC). */
static long ioctl_flag(struct file *file, unsigned int flag, unsigned long arg)
{
	int on;

	if (get_user(on, (int __user *)arg))
		return -EFAULT;
	spin_lock(&file->f_lock);
	if (on)
		file->f_flags |= flag;
	else
		file->f_flags &= ~flag;
	spin_unlock(&file->f_lock);
	return 0;
}

/* The bytes of a block device file's device. */
static u64 bdev_bytes(struct inode *inode)
{
	struct block_device *bdev = inode->i_bdev;

	if (!bdev || !bdev->bd_disk)
		return 0;
	if (bdev->bd_part)
		return (u64)bdev->bd_part->nr_sects << 9;
	return (u64)get_capacity(bdev->bd_disk) << 9;
}

/* The commands of regular files and block devices; -ENOIOCTLCMD for the others. */
static long file_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct inode *inode = file_inode(file);
	loff_t left;

	if (cmd == FIONREAD && S_ISREG(inode->i_mode)) {
		left = i_size_read(inode) - file->f_pos;
		return put_user(left > 0 ? (int)min_t(loff_t, left, 0x7fffffff) : 0, (int __user *)arg);
	}
	if (cmd == BLKGETSIZE64 && S_ISBLK(inode->i_mode))
		return put_user(bdev_bytes(inode), (u64 __user *)arg);
	return -ENOIOCTLCMD;
}

SYSCALL_DEFINE(ioctl)
{
	unsigned int fd = (unsigned int)a0, cmd = (unsigned int)a1;
	struct file *file = fget(fd);
	long err;

	if (!file)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
		err = set_close_on_exec(fd, true);
		break;
	case FIONCLEX:
		err = set_close_on_exec(fd, false);
		break;
	case FIONBIO:
		err = ioctl_flag(file, O_NONBLOCK, a2);
		break;
	case FIOASYNC:
		err = ioctl_flag(file, 0, a2);	/* accepted; no SIGIO is ever sent */
		break;
	default:
		err = file_ioctl(file, cmd, a2);
		if (err == -ENOIOCTLCMD)
			err = vfs_ioctl(file, cmd, a2);
	}
	fput(file);
	return err;
}
