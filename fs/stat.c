/*
 * stat and statfs: an inode's attributes as struct kstat (i_op->getattr
 * or generic_fillattr) and a file system's counts (s_op->statfs). After
 * Linux 4.x fs/stat.c and fs/statfs.c; leaves out statx's extra fields.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/dcache.h>

/* statfs f_flags (Linux's ST_* values). */
#define ST_RDONLY	0x0001
#define ST_NOSUID	0x0002
#define ST_NODEV	0x0004
#define ST_NOEXEC	0x0008
#define ST_NOATIME	0x0400
#define ST_RELATIME	0x1000

/* The attributes every inode has, copied into @stat. */
void generic_fillattr(struct inode *inode, struct kstat *stat)
{
	stat->dev = inode->i_sb->s_dev;
	stat->ino = inode->i_ino;
	stat->mode = inode->i_mode;
	stat->nlink = inode->i_nlink;
	stat->uid = inode->i_uid;
	stat->gid = inode->i_gid;
	stat->rdev = inode->i_rdev;
	stat->size = i_size_read(inode);
	stat->atime = inode->i_atime;
	stat->mtime = inode->i_mtime;
	stat->ctime = inode->i_ctime;
	stat->blksize = 1UL << inode->i_blkbits;
	stat->blocks = inode->i_blocks;
}

/* stat of @path: i_op->getattr, or generic_fillattr. 0 or -Exxx. */
int vfs_getattr(const struct path *path, struct kstat *stat)
{
	struct inode *inode = path->dentry->d_inode;

	memset(stat, 0, sizeof(*stat));
	if (inode->i_op && inode->i_op->getattr)
		return inode->i_op->getattr(path, stat);
	generic_fillattr(inode, stat);
	return 0;
}

/* The ST_* flags of @mnt for statfs. */
static long statfs_flags(const struct vfsmount *mnt)
{
	long f = ST_RELATIME;

	if (__mnt_is_readonly(mnt))
		f |= ST_RDONLY;
	if (mnt->mnt_flags & MNT_NOSUID)
		f |= ST_NOSUID;
	if (mnt->mnt_flags & MNT_NODEV)
		f |= ST_NODEV;
	if (mnt->mnt_flags & MNT_NOEXEC)
		f |= ST_NOEXEC;
	if ((mnt->mnt_flags & MNT_NOATIME) || (mnt->mnt_sb->s_flags & SB_NOATIME))
		f = (f & ~ST_RELATIME) | ST_NOATIME;
	return f;
}

/*
 * statfs of the file system holding @path: s_op->statfs fills the counts,
 * the mount gives f_flags. 0, -ENOSYS if the file system cannot say,
 * or its error.
 */
int vfs_statfs(const struct path *path, struct kstatfs *buf)
{
	struct super_block *sb = path->dentry->d_sb;
	int err;

	memset(buf, 0, sizeof(*buf));
	if (!sb->s_op || !sb->s_op->statfs)
		return -ENOSYS;
	err = sb->s_op->statfs(path->dentry, buf);
	if (err)
		return err;
	if (!buf->f_frsize)
		buf->f_frsize = buf->f_bsize;
	buf->f_flags = statfs_flags(path->mnt);
	return 0;
}
