/*
 * Mounts: the tree of vfsmounts joining each super block's root into the
 * one namespace, do_mount (new mounts, MS_REMOUNT) and do_umount, write
 * access (mnt_want_write), /proc/mounts, getcwd's path_from_root and the
 * mount and umount2 system calls. After Linux 4.x fs/namespace.c; leaves
 * out bind and move mounts, propagation, lazy (MNT_DETACH) and forced
 * umount, and per-process namespaces.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/seq_buf.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/cred.h>
#include <linux/devtmpfs.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
#include "internal.h"

/* The VFS's side of a vfsmount (Linux's struct mount): what file systems need not see. */
struct mount {
	struct vfsmount mnt;
	int mnt_writers;	/* mnt_want_write holds (open files for writing, namespace ops) */
};

static struct mount *real_mount(struct vfsmount *mnt)
{
	return container_of(mnt, struct mount, mnt);
}

/*
 * namespace_mutex serialises changes of the tree (mount, umount, remount).
 * mount_lock (a spinlock) protects mount_list, every mnt_count and
 * mnt_writers and the mnt_parent/mnt_mountpoint links for the walkers.
 */
static DEFINE_MUTEX(namespace_mutex);
static DEFINE_SPINLOCK(mount_lock);
static LIST_HEAD(mount_list);
static struct vfsmount *root_mnt;	/* the rootfs: the bottom of "/" */

/* One more reference to @mnt (NULL is fine). */
struct vfsmount *mntget(struct vfsmount *mnt)
{
	if (mnt) {
		spin_lock(&mount_lock);
		mnt->mnt_count++;
		spin_unlock(&mount_lock);
	}
	return mnt;
}

/* Frees a mount nobody references: its root dentry and its hold on the super block go. */
static void cleanup_mnt(struct mount *m)
{
	struct super_block *sb = m->mnt.mnt_sb;

	dput(m->mnt.mnt_root);
	deactivate_super(sb);
	kfree(m->mnt.mnt_devname);
	kfree(m);
}

/* Drops a reference to @mnt (NULL is fine); a detached mount goes with the last. May sleep. */
void mntput(struct vfsmount *mnt)
{
	int left;

	if (!mnt)
		return;
	spin_lock(&mount_lock);
	left = --mnt->mnt_count;
	spin_unlock(&mount_lock);
	WARN_ON(left < 0);
	if (left == 0)
		cleanup_mnt(real_mount(mnt));
}

/* Is @mnt read-only, by its own flag or its super block's? */
bool __mnt_is_readonly(const struct vfsmount *mnt)
{
	return (mnt->mnt_flags & MNT_READONLY) || sb_rdonly(mnt->mnt_sb);
}

/*
 * Before a change to a file on @mnt (open for writing, create, unlink,
 * setattr): 0 and one write hold, or -EROFS if the mount or its file
 * system is read-only. mnt_drop_write gives the hold back.
 */
int mnt_want_write(struct vfsmount *mnt)
{
	int err = 0;

	spin_lock(&mount_lock);
	if (__mnt_is_readonly(mnt))
		err = -EROFS;
	else
		real_mount(mnt)->mnt_writers++;
	spin_unlock(&mount_lock);
	return err;
}

void mnt_drop_write(struct vfsmount *mnt)
{
	spin_lock(&mount_lock);
	WARN_ON(--real_mount(mnt)->mnt_writers < 0);
	spin_unlock(&mount_lock);
}

/* Write holds on all mounts of @sb (a remount read-only must find none). */
int mnt_writers_of_sb(struct super_block *sb)
{
	struct vfsmount *mnt;
	int n = 0;

	spin_lock(&mount_lock);
	list_for_each_entry(mnt, &mount_list, mnt_list) {
		if (mnt->mnt_sb == sb)
			n += real_mount(mnt)->mnt_writers;
	}
	spin_unlock(&mount_lock);
	return n;
}

/*
 * A new mount of @type, not yet in the tree: calls the type's ->mount.
 * The vfsmount (one reference, its own parent) or ERR_PTR. May sleep.
 */
struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags,
				const char *name, void *data)
{
	struct mount *m = kzalloc(sizeof(*m), GFP_KERNEL);
	struct dentry *root;

	if (!m)
		return ERR_PTR(-ENOMEM);
	m->mnt.mnt_devname = kstrdup(name ? name : "none", GFP_KERNEL);
	if (!m->mnt.mnt_devname) {
		kfree(m);
		return ERR_PTR(-ENOMEM);
	}
	root = type->mount(type, flags, name, data);
	if (IS_ERR(root)) {
		kfree(m->mnt.mnt_devname);
		kfree(m);
		return ERR_CAST(root);
	}
	m->mnt.mnt_root = root;
	m->mnt.mnt_sb = root->d_sb;
	m->mnt.mnt_parent = &m->mnt;
	m->mnt.mnt_mountpoint = root;
	m->mnt.mnt_count = 1;
	INIT_LIST_HEAD(&m->mnt.mnt_list);
	return &m->mnt;
}

/* The newest mount on (@path->mnt, @path->dentry) with a reference, or NULL. */
struct vfsmount *lookup_mnt(const struct path *path)
{
	struct vfsmount *mnt, *found = NULL;

	spin_lock(&mount_lock);
	list_for_each_entry(mnt, &mount_list, mnt_list) {
		if (mnt->mnt_parent == path->mnt && mnt->mnt_mountpoint == path->dentry &&
		    mnt != path->mnt)
			found = mnt;
	}
	if (found)
		found->mnt_count++;
	spin_unlock(&mount_lock);
	return found;
}

/* Moves @path onto the root of the top mount stacked on it (walks down into mounts). */
void follow_mount(struct path *path)
{
	struct vfsmount *mnt;

	while (d_mountpoint(path->dentry)) {
		mnt = lookup_mnt(path);
		if (!mnt)
			break;
		dput(path->dentry);
		mntput(path->mnt);
		path->mnt = mnt;
		path->dentry = dget(mnt->mnt_root);
	}
}

/* The root of the namespace ("/" with whatever is mounted on it), with references. */
void get_fs_root(struct path *root)
{
	root->mnt = mntget(root_mnt);
	root->dentry = dget(root_mnt->mnt_root);
	follow_mount(root);
}

/* Under namespace_mutex: hangs the new @mnt at @mp (its references taken) in the tree. */
static void attach_mnt(struct vfsmount *mnt, const struct path *mp)
{
	mnt->mnt_parent = mntget(mp->mnt);
	mnt->mnt_mountpoint = dget(mp->dentry);
	d_set_mounted(mp->dentry, true);
	spin_lock(&mount_lock);
	list_add_tail(&mnt->mnt_list, &mount_list);
	spin_unlock(&mount_lock);
}

/* MNT_* flags from mount(2)'s flags. */
static int mnt_flags_of(unsigned long flags)
{
	int f = 0;

	if (flags & SB_RDONLY)
		f |= MNT_READONLY;
	if (flags & SB_NOSUID)
		f |= MNT_NOSUID;
	if (flags & SB_NODEV)
		f |= MNT_NODEV;
	if (flags & SB_NOEXEC)
		f |= MNT_NOEXEC;
	if (flags & SB_NOATIME)
		f |= MNT_NOATIME;
	return f;
}

/* A new mount of @type_name from @dev_name on top of @path. 0 or -Exxx (-ENODEV: unknown type). */
static int do_new_mount(struct path *path, const char *type_name, unsigned long flags,
			const char *dev_name, void *data)
{
	struct file_system_type *type;
	struct vfsmount *mnt;

	if (!type_name || !(type = get_fs_type(type_name)))
		return -ENODEV;
	if (!S_ISDIR(path->dentry->d_inode->i_mode))
		return -ENOTDIR;
	mnt = vfs_kern_mount(type, flags & (SB_RDONLY | SB_NOSUID | SB_NODEV | SB_NOEXEC |
					     SB_SYNCHRONOUS | SB_DIRSYNC | SB_NOATIME | SB_SILENT),
			     dev_name, data);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	mnt->mnt_flags = mnt_flags_of(flags);
	mutex_lock(&namespace_mutex);
	follow_mount(path);	/* on top of what is mounted there now */
	attach_mnt(mnt, path);
	mutex_unlock(&namespace_mutex);
	return 0;
}

/* MS_REMOUNT of the mount whose root @path is: the super block's and the mount's flags. */
static int do_remount(struct path *path, unsigned long flags, void *data)
{
	struct super_block *sb = path->mnt->mnt_sb;
	int err;

	if (path->dentry != path->mnt->mnt_root)
		return -EINVAL;
	mutex_lock(&namespace_mutex);
	mutex_lock(&sb->s_umount);
	err = do_remount_sb(sb, flags & ~MS_REMOUNT, data);
	mutex_unlock(&sb->s_umount);
	if (!err) {
		spin_lock(&mount_lock);
		path->mnt->mnt_flags = mnt_flags_of(flags);
		spin_unlock(&mount_lock);
	}
	mutex_unlock(&namespace_mutex);
	return err;
}

/*
 * mount(2): mounts @dev_name (a device path for block file systems, any
 * name otherwise) of file system @type on directory @dir_name with
 * @flags (SB_RDONLY, ...) and @data (options), or with MS_REMOUNT changes
 * the flags of the mount at @dir_name. 0 or -Exxx. May sleep.
 */
int do_mount(const char *dev_name, const char *dir_name, const char *type,
	     unsigned long flags, void *data)
{
	struct path path;
	int err;

	err = kern_path(dir_name, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	if (flags & MS_REMOUNT)
		err = do_remount(&path, flags, data);
	else
		err = do_new_mount(&path, type, flags, dev_name, data);
	path_put(&path);
	return err;
}

/* Under mount_lock: does any mount hang below @mnt? */
static bool has_child_mounts(struct vfsmount *mnt)
{
	struct vfsmount *m;

	list_for_each_entry(m, &mount_list, mnt_list) {
		if (m->mnt_parent == mnt && m != mnt)
			return true;
	}
	return false;
}

/* Under mount_lock: is another mount than @mnt on (@parent, @mp)? */
static bool other_mount_on(struct vfsmount *mnt, struct vfsmount *parent, struct dentry *mp)
{
	struct vfsmount *m;

	list_for_each_entry(m, &mount_list, mnt_list) {
		if (m != mnt && m->mnt_parent == parent && m->mnt_mountpoint == mp)
			return true;
	}
	return false;
}

/*
 * Under namespace_mutex: takes the unused @mnt out of the tree and frees
 * it (its super block goes with its last mount). -EBUSY if a file, a
 * walk or a mount below still holds it.
 */
static int umount_tree(struct vfsmount *mnt)
{
	struct vfsmount *parent = mnt->mnt_parent;
	struct dentry *mp = mnt->mnt_mountpoint;

	spin_lock(&mount_lock);
	if (mnt->mnt_count > 1 || has_child_mounts(mnt)) {
		spin_unlock(&mount_lock);
		return -EBUSY;
	}
	list_del_init(&mnt->mnt_list);
	if (!other_mount_on(mnt, parent, mp))
		d_set_mounted(mp, false);
	spin_unlock(&mount_lock);
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = mnt->mnt_root;
	dput(mp);
	mntput(parent);
	mntput(mnt);	/* the tree's reference: the last one */
	return 0;
}

/*
 * umount(2) of the mount whose root is @dir_name: 0, -EINVAL (not a
 * mount's root, the rootfs itself, or @flags given: no MNT_FORCE or
 * MNT_DETACH yet), -EBUSY (files open on it, or mounts below it).
 * The file system is written back and shut down with its last mount.
 */
int do_umount(const char *dir_name, int flags)
{
	struct vfsmount *mnt;
	struct path path;
	int err;

	if (flags)
		return -EINVAL;
	err = kern_path(dir_name, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	mnt = path.mnt;
	if (path.dentry != mnt->mnt_root || mnt == root_mnt) {
		path_put(&path);
		return -EINVAL;
	}
	mutex_lock(&namespace_mutex);
	dput(path.dentry);
	spin_lock(&mount_lock);
	mnt->mnt_count--;	/* kern_path's reference; the tree still holds one */
	spin_unlock(&mount_lock);
	err = umount_tree(mnt);
	mutex_unlock(&namespace_mutex);
	return err;
}

/*
 * The rootfs: a tmpfs mounted as the bottom of "/" (Linux's
 * init_mount_tree). Everything else, the root= file system included,
 * is mounted on top of it. 0 or -Exxx.
 */
int init_mount_tree(void)
{
	struct vfsmount *mnt;

	mnt = vfs_kern_mount(&shmem_fs_type, 0, "rootfs", NULL);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	spin_lock(&mount_lock);
	list_add_tail(&mnt->mnt_list, &mount_list);
	spin_unlock(&mount_lock);
	root_mnt = mnt;
	return 0;
}

/* ---- paths of places (getcwd) ---- */

/* Puts @len bytes of @s before *@p (which is inside @buf): false if they do not fit. */
static bool prepend(char **p, char *buf, const char *s, size_t len)
{
	if ((size_t)(*p - buf) < len)
		return false;
	*p -= len;
	memcpy(*p, s, len);
	return true;
}

/*
 * The path of @path seen from @root, built at the end of @buf (@buflen
 * bytes, NUL-terminated): where it starts, or ERR_PTR(-ENAMETOOLONG).
 * Each mount's part is its dentry's path in its file system; in @root's
 * mount the part above @root is cut off. A @path outside @root gets its
 * path from the namespace's root. May sleep (namespace_mutex).
 */
char *path_from_root(const struct path *path, const struct path *root, char *buf, int buflen)
{
	char *tmp = kmalloc(2 * PATH_MAX, GFP_KERNEL), *end = buf + buflen, *p = end, *q, *r;
	struct vfsmount *mnt = path->mnt;
	struct dentry *dentry = path->dentry;
	size_t len, rlen;

	if (!tmp || buflen < 2) {
		kfree(tmp);
		return ERR_PTR(tmp ? -ENAMETOOLONG : -ENOMEM);
	}
	*--p = 0;
	mutex_lock(&namespace_mutex);
	for (;;) {
		q = dentry_path_raw(dentry, tmp, PATH_MAX);
		if (IS_ERR(q))
			goto toolong;
		if (mnt == root->mnt) {
			r = dentry_path_raw(root->dentry, tmp + PATH_MAX, PATH_MAX);
			rlen = IS_ERR(r) ? 0 : strlen(r);
			if (rlen > 1 && !strncmp(q, r, rlen) && (q[rlen] == '/' || !q[rlen]))
				q += rlen;
		}
		len = strlen(q);
		if (len == 1 && q[0] == '/')
			len = 0;	/* a mount's root adds nothing */
		if (!prepend(&p, buf, q, len))
			goto toolong;
		if (mnt == root->mnt || mnt->mnt_parent == mnt)
			break;
		dentry = mnt->mnt_mountpoint;
		mnt = mnt->mnt_parent;
	}
	mutex_unlock(&namespace_mutex);
	kfree(tmp);
	if (!*p && !prepend(&p, buf, "/", 1))
		return ERR_PTR(-ENAMETOOLONG);
	return p;
toolong:
	mutex_unlock(&namespace_mutex);
	kfree(tmp);
	return ERR_PTR(-ENAMETOOLONG);
}

/* ---- /proc/mounts ---- */

/*
 * The path of @mnt's root in the namespace, built at the end of @buf
 * (@tmp: room for each mount point's own path); where it starts, or
 * ERR_PTR(-ENAMETOOLONG). namespace_mutex held: the tree stays still.
 */
static char *mnt_path(struct vfsmount *mnt, char *buf, char *tmp, int buflen)
{
	char *end = buf + buflen, *p, *q;
	int len;

	*--end = 0;
	p = end;
	while (mnt->mnt_parent != mnt) {
		q = dentry_path_raw(mnt->mnt_mountpoint, tmp, buflen);
		if (IS_ERR(q))
			return q;
		len = strlen(q);
		if (len == 1)	/* "/" adds nothing */
			len = 0;
		if (p - buf < len + 1)
			return ERR_PTR(-ENAMETOOLONG);
		memcpy(p - len, q, len);
		p -= len;
		mnt = mnt->mnt_parent;
	}
	if (p == end)
		*--p = '/';
	return p;
}

/* @s with space, tab, newline and backslash as octal escapes (/proc/mounts' rule). */
static void show_escaped(struct seq_buf *s, const char *str)
{
	for (; *str; str++) {
		if (*str == ' ' || *str == '\t' || *str == '\n' || *str == '\\')
			seq_buf_printf(s, "\\%03o", (unsigned char)*str);
		else
			seq_buf_printf(s, "%c", *str);
	}
}

/* The options column: "rw" or "ro", the flags set, relatime, then the file system's. */
static void show_mnt_opts(struct seq_buf *s, struct vfsmount *mnt)
{
	struct super_block *sb = mnt->mnt_sb;

	seq_buf_puts(s, __mnt_is_readonly(mnt) ? "ro" : "rw");
	if (sb->s_flags & SB_SYNCHRONOUS)
		seq_buf_puts(s, ",sync");
	if (sb->s_flags & SB_DIRSYNC)
		seq_buf_puts(s, ",dirsync");
	if (mnt->mnt_flags & MNT_NOSUID)
		seq_buf_puts(s, ",nosuid");
	if (mnt->mnt_flags & MNT_NODEV)
		seq_buf_puts(s, ",nodev");
	if (mnt->mnt_flags & MNT_NOEXEC)
		seq_buf_puts(s, ",noexec");
	seq_buf_puts(s, (mnt->mnt_flags & MNT_NOATIME) || (sb->s_flags & SB_NOATIME) ?
		     ",noatime" : ",relatime");
	if (sb->s_op && sb->s_op->show_options)
		sb->s_op->show_options(s, mnt->mnt_root);
}

/* /proc/mounts, Linux's format: "/dev/vda2 / ext2 rw,relatime 0 0", one mount a line. */
void mounts_show(struct seq_buf *s)
{
	struct vfsmount *mnt;
	char *buf = kmalloc(2 * PATH_MAX, GFP_KERNEL);
	char *path;

	if (!buf)
		return;
	mutex_lock(&namespace_mutex);
	list_for_each_entry(mnt, &mount_list, mnt_list) {
		path = mnt_path(mnt, buf, buf + PATH_MAX, PATH_MAX);
		if (IS_ERR(path))
			continue;
		show_escaped(s, mnt->mnt_devname);
		seq_buf_puts(s, " ");
		show_escaped(s, path);
		seq_buf_printf(s, " %s ", mnt->mnt_sb->s_type->name);
		show_mnt_opts(s, mnt);
		seq_buf_puts(s, " 0 0\n");
	}
	mutex_unlock(&namespace_mutex);
	kfree(buf);
}

/* ---- mount(2) and umount2(2) ---- */

#define MS_MGC_VAL	0xC0ED0000UL	/* old mount(2) magic in the flags' top half */
#define MS_MGC_MSK	0xffff0000UL
#define MS_BIND		4096
#define MS_MOVE		8192
#define MS_REC		16384
#define MS_UNBINDABLE	(1UL << 17)
#define MS_PRIVATE	(1UL << 18)
#define MS_SLAVE	(1UL << 19)
#define MS_SHARED	(1UL << 20)
#define MS_PROPAGATION	(MS_UNBINDABLE | MS_PRIVATE | MS_SLAVE | MS_SHARED)
#define MNT_FORCE	1
#define MNT_DETACH	2
#define MNT_EXPIRE	4
#define UMOUNT_NOFOLLOW	8

/* A user string into a new buffer of @max bytes, or NULL for a NULL @u. ERR_PTR(-EFAULT). */
static char *copy_mount_string(const char __user *u, long max)
{
	char *k;
	long len;

	if (!u)
		return NULL;
	k = kmalloc(max, GFP_KERNEL);
	if (!k)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(k, u, max);
	if (len < 0 || len >= max) {
		kfree(k);
		return ERR_PTR(len < 0 ? -EFAULT : -EINVAL);
	}
	return k;
}

/*
 * mount(source, target, type, flags, data) with kernel strings: root
 * only. Propagation changes are accepted and do nothing (there is one
 * namespace and no propagation); bind and move mounts are -EINVAL;
 * "devtmpfs" is a fresh /dev (devtmpfs_mount).
 */
static long mount_kernel(const char *dev, const char *dir, const char *type,
			 unsigned long flags, void *data)
{
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & MS_PROPAGATION)
		return 0;
	if (flags & (MS_BIND | MS_MOVE))
		return -EINVAL;
	if (!(flags & MS_REMOUNT) && type && !strcmp(type, "devtmpfs"))
		return devtmpfs_mount(dir);
	if (!(flags & MS_REMOUNT) && !type)
		return -EINVAL;
	return do_mount(dev, dir, type, flags & ~MS_REC, data);
}

SYSCALL_DEFINE(mount)
{
	char *dev = NULL, *dir = NULL, *type = NULL, *data = NULL;
	long err;

	if (!fsuid_is_root())
		return -EPERM;
	dev = copy_mount_string((const char __user *)a0, PATH_MAX);
	dir = copy_mount_string((const char __user *)a1, PATH_MAX);
	type = copy_mount_string((const char __user *)a2, 256);
	data = copy_mount_string((const char __user *)a4, 4096);	/* Linux copies one page */
	err = -EFAULT;
	if (IS_ERR(dev) || IS_ERR(dir) || IS_ERR(type) || IS_ERR(data))
		goto out;
	err = -EFAULT;
	if (!dir)
		goto out;
	err = mount_kernel(dev, dir, type, a3, data);
out:
	if (!IS_ERR(dev))
		kfree(dev);
	if (!IS_ERR(dir))
		kfree(dir);
	if (!IS_ERR(type))
		kfree(type);
	if (!IS_ERR(data))
		kfree(data);
	return err;
}

/* umount2(target, flags): root only; MNT_DETACH and MNT_EXPIRE are -EINVAL, MNT_FORCE a plain umount. */
SYSCALL_DEFINE(umount2)
{
	int flags = (int)a1;
	char *dir;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if (!fsuid_is_root())
		return -EPERM;
	if (flags & (MNT_DETACH | MNT_EXPIRE))
		return -EINVAL;
	dir = getname((const char __user *)a0);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	err = do_umount(dir, 0);
	putname(dir);
	return err;
}
