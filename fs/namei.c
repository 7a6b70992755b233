/*
 * Path walk and the namespace operations: a name to a dentry component
 * by component (".", "..", mount points both ways, symlinks up to
 * MAXSYMLINKS), from current's root and cwd (linux/fs_struct.h) or a
 * directory descriptor, permission checks on mode bits and owners,
 * vfs_create ... vfs_rename, their by-path wrappers, open's walk and the
 * *at() system calls. After Linux 4.x fs/namei.c; leaves out RCU walk,
 * ACLs, capabilities beyond "uid 0 is root", RENAME_EXCHANGE/WHITEOUT,
 * and O_CREAT through a dangling symlink (-ENOENT; Linux creates the target).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/cred.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
#include <uapi/fcntl.h>
#include "internal.h"

/* Symlinks followed inside symlinks at most (each costs a PATH_MAX buffer). */
#define MAX_NESTED_LINKS	8

enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

/* One walk: where it is, where "/" is, and the last component it left. */
struct nameidata {
	struct path path;	/* the current directory of the walk (references) */
	struct path root;	/* "/" (references) */
	struct qstr last;	/* link_path_walk's last component, into the caller's name */
	int last_type;		/* LAST_* */
	bool last_slash;	/* the name ended in '/' after it */
	int total_link_count;	/* symlinks followed so far (MAXSYMLINKS) */
	int depth;		/* nesting of symlink bodies being walked */
};

static DEFINE_MUTEX(rename_mutex);	/* Linux: s_vfs_rename_mutex, for cross-directory renames */

static bool IS_DEADDIR(const struct inode *dir)
{
	return dir->i_flags & S_DEAD;
}

/* One more reference on both halves of @path. */
void path_get(const struct path *path)
{
	mntget(path->mnt);
	dget(path->dentry);
}

/* Drops both halves of @path (either may be NULL). May sleep. */
void path_put(const struct path *path)
{
	dput(path->dentry);
	mntput(path->mnt);
}

/*
 * Where a walk of @name starts: current's root for an absolute name,
 * else its cwd (@dfd AT_FDCWD) or the directory open as @dfd (-EBADF,
 * -ENOTDIR; any file with @empty, for AT_EMPTY_PATH's ""). nd->root is
 * current's root either way (the namespace's "/" for a task without an
 * fs_struct). 0 or -Exxx; nd_done it in both cases.
 */
static int path_init(struct nameidata *nd, int dfd, const char *name, bool empty)
{
	struct file *file;

	memset(nd, 0, sizeof(*nd));
	get_current_root(&nd->root);
	if (name[0] == '/') {
		nd->path = nd->root;
		path_get(&nd->path);
		return 0;
	}
	if (dfd == AT_FDCWD) {
		get_current_pwd(&nd->path);
		return 0;
	}
	file = fget_raw((unsigned int)dfd);
	if (!file)
		return -EBADF;
	if (!empty && !S_ISDIR(file_inode(file)->i_mode)) {
		fput(file);
		return -ENOTDIR;
	}
	nd->path = file->f_path;
	path_get(&nd->path);
	fput(file);
	return 0;
}

static void nd_done(struct nameidata *nd)
{
	path_put(&nd->path);
	path_put(&nd->root);
}

/* ---- permissions ---- */

/*
 * The mode-bit check: the owner's, the group's or the others' bits of
 * @inode against @mask (MAY_READ | MAY_WRITE | MAY_EXEC). Root passes,
 * except that executing needs some x bit on a non-directory. 0 or -EACCES.
 */
int generic_permission(struct inode *inode, int mask)
{
	unsigned int mode = inode->i_mode;

	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (fsuid_is_root()) {
		if (!(mask & MAY_EXEC) || S_ISDIR(mode) || (mode & 0111))
			return 0;
		return -EACCES;
	}
	if (current_fsuid() == inode->i_uid)
		mode >>= 6;
	else if (in_group_p(inode->i_gid))
		mode >>= 3;
	return (mask & ~mode & 7) ? -EACCES : 0;
}

/*
 * May the current task access @inode as @mask says? Writes to a regular
 * file, directory or symlink of a read-only file system are -EROFS, to
 * an immutable file -EPERM; then i_op->permission or generic_permission.
 */
int inode_permission(struct inode *inode, int mask)
{
	if (mask & MAY_WRITE) {
		umode_t m = inode->i_mode;

		if (sb_rdonly(inode->i_sb) && (S_ISREG(m) || S_ISDIR(m) || S_ISLNK(m)))
			return -EROFS;
		if (inode->i_flags & S_IMMUTABLE)
			return -EPERM;
	}
	if (inode->i_op && inode->i_op->permission)
		return inode->i_op->permission(inode, mask);
	return generic_permission(inode, mask);
}

/* The walk may go through its current directory: a directory with x permission. */
static int may_lookup(struct nameidata *nd)
{
	struct inode *inode = nd->path.dentry->d_inode;

	if (!S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	return inode_permission(inode, MAY_EXEC);
}

/* Sticky directory @dir: only the owner of @inode or of @dir (or root) may remove it. */
static bool check_sticky(struct inode *dir, struct inode *inode)
{
	uid_t uid = current_fsuid();

	if (!(dir->i_mode & S_ISVTX))
		return false;
	return inode->i_uid != uid && dir->i_uid != uid && !fsuid_is_root();
}

/*
 * May @victim be removed from @dir (unlink, rmdir, the target of rename)?
 * -ENOENT (negative), -EACCES/-EROFS on @dir, -EPERM (sticky, immutable),
 * -ENOTDIR/-EISDIR when its type is not @isdir, -EBUSY for a root.
 */
static int may_delete(struct inode *dir, struct dentry *victim, bool isdir)
{
	struct inode *inode = victim->d_inode;
	int err;

	if (!inode)
		return -ENOENT;
	err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	if (check_sticky(dir, inode) || (inode->i_flags & (S_APPEND | S_IMMUTABLE)))
		return -EPERM;
	if (isdir) {
		if (!S_ISDIR(inode->i_mode))
			return -ENOTDIR;
		if (IS_ROOT(victim))
			return -EBUSY;
	} else if (S_ISDIR(inode->i_mode)) {
		return -EISDIR;
	}
	if (IS_DEADDIR(dir))
		return -ENOENT;
	return 0;
}

/* May @child be made in @dir? -EEXIST, -ENOENT (dir removed), or the permission's error. */
static int may_create(struct inode *dir, struct dentry *child)
{
	if (child->d_inode)
		return -EEXIST;
	if (IS_DEADDIR(dir))
		return -ENOENT;
	return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

/* ---- looking names up ---- */

/*
 * The child @name of @base, @base's inode locked: from the dcache, else a
 * new dentry that the directory's ->lookup fills in (positive or
 * negative). A dentry with a reference, or ERR_PTR (-ENOENT in a removed
 * directory, -ENOTDIR if @base cannot look names up, ->lookup's error).
 */
static struct dentry *__lookup_hash(const struct qstr *name, struct dentry *base,
				    unsigned int flags)
{
	struct inode *dir = base->d_inode;
	struct dentry *d, *old;

	d = d_lookup(base, name);
	if (d)
		return d;
	if (IS_DEADDIR(dir))
		return ERR_PTR(-ENOENT);
	if (!dir->i_op || !dir->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	d = d_alloc(base, name);
	if (!d)
		return ERR_PTR(-ENOMEM);
	old = dir->i_op->lookup(dir, d, flags);
	if (old) {
		dput(d);
		return old;
	}
	return d;
}

/* __lookup_hash without the lock held: the dcache first, then under the directory's lock. */
static struct dentry *lookup_slow(const struct qstr *name, struct dentry *dir)
{
	struct dentry *d = d_lookup(dir, name);

	if (d)
		return d;
	inode_lock(dir->d_inode);
	d = __lookup_hash(name, dir, 0);
	inode_unlock(dir->d_inode);
	return d;
}

/*
 * The child @name (@len bytes) of @base, whose inode the caller has
 * locked: a dentry (maybe negative) or ERR_PTR(-EACCES) for an empty
 * name, ".", ".." or one with '/', -ENAMETOOLONG, the lookup's error.
 */
struct dentry *lookup_one_len(const char *name, struct dentry *base, int len)
{
	struct qstr q = QSTR_INIT(name, len);
	int err;

	if (len <= 0 || memchr(name, '/', len) ||
	    (name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.'))))
		return ERR_PTR(-EACCES);
	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	err = inode_permission(base->d_inode, MAY_EXEC);
	if (err)
		return ERR_PTR(err);
	return __lookup_hash(&q, base, 0);
}

/* ---- the walk ---- */

/* ".." from the top of a mount: over to its mount point in the parent. False at the namespace's root. */
static bool follow_up(struct path *path)
{
	struct vfsmount *mnt = path->mnt, *parent = mnt->mnt_parent;

	if (parent == mnt)
		return false;
	mntget(parent);
	dput(path->dentry);
	path->dentry = dget(mnt->mnt_mountpoint);
	mntput(mnt);
	path->mnt = parent;
	return true;
}

/* "..": the parent directory, across mounts upwards; it stays put at "/". */
static void follow_dotdot(struct nameidata *nd)
{
	struct dentry *parent;

	for (;;) {
		if (nd->path.dentry == nd->root.dentry && nd->path.mnt == nd->root.mnt)
			break;
		if (nd->path.dentry != nd->path.mnt->mnt_root) {
			parent = dget_parent(nd->path.dentry);
			dput(nd->path.dentry);
			nd->path.dentry = parent;
			break;
		}
		if (!follow_up(&nd->path))
			break;
	}
	follow_mount(&nd->path);
}

static int walk_path(struct nameidata *nd, const char *name, bool follow_last);

/*
 * Reads the symlink @link (found in nd's current directory) into a new
 * PATH_MAX buffer *@bufp (kfree it) and moves nd->path to "/" if the
 * target is absolute; @link's references are dropped. -ELOOP past
 * MAXSYMLINKS in the whole walk, -ENOENT for an empty link, readlink's.
 */
static int get_link(struct nameidata *nd, struct path *link, char **bufp)
{
	char *buf;
	int len;

	*bufp = NULL;
	if (nd->total_link_count++ >= MAXSYMLINKS) {
		path_put(link);
		return -ELOOP;
	}
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	len = buf ? vfs_readlink(link->dentry, buf, PATH_MAX - 1) : -ENOMEM;
	if (len > 0)
		touch_atime(link);
	path_put(link);
	if (len <= 0) {
		kfree(buf);
		return len ? len : -ENOENT;
	}
	buf[len] = 0;
	if (buf[0] == '/') {
		path_put(&nd->path);
		nd->path = nd->root;
		path_get(&nd->path);
	}
	*bufp = buf;
	return 0;
}

/*
 * Follows a symlink met in the middle of a path: its whole target is
 * walked from nd's current directory, leaving nd->path at the target.
 * Such links nest (a link in the target's middle recurses): -ELOOP past
 * MAX_NESTED_LINKS levels, or the link's or the walk's error.
 */
static int follow_link(struct nameidata *nd, struct path *link)
{
	char *buf;
	int err;

	if (nd->depth >= MAX_NESTED_LINKS) {
		path_put(link);
		return -ELOOP;
	}
	err = get_link(nd, link, &buf);
	if (err)
		return err;
	nd->depth++;
	err = walk_path(nd, buf, true);
	nd->depth--;
	kfree(buf);
	return err;
}

/*
 * One step of the walk, to nd->last: ".", "..", or a name looked up in
 * the current directory (-ENOENT if negative), into mounts on it;
 * nd->path moves there. A symlink with @follow is not entered: 1, with
 * *@link holding it (nd->path stays at its directory).
 */
static int walk_component(struct nameidata *nd, bool follow, struct path *link)
{
	struct dentry *dentry;
	struct path next;

	if (nd->last_type == LAST_DOT)
		return 0;
	if (nd->last_type == LAST_DOTDOT) {
		follow_dotdot(nd);
		return 0;
	}
	dentry = lookup_slow(&nd->last, nd->path.dentry);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	if (d_really_is_negative(dentry)) {
		dput(dentry);
		return -ENOENT;
	}
	next.mnt = mntget(nd->path.mnt);
	next.dentry = dentry;
	follow_mount(&next);
	if (follow && S_ISLNK(next.dentry->d_inode->i_mode)) {
		*link = next;
		return 1;
	}
	path_put(&nd->path);
	nd->path = next;
	return 0;
}

/* A step in the middle of a path: symlinks there are followed (nested). */
static int walk_middle(struct nameidata *nd)
{
	struct path link;
	int err = walk_component(nd, true, &link);

	return err == 1 ? follow_link(nd, &link) : err;
}

static int name_type(const char *name, size_t len)
{
	if (name[0] == '.' && len == 1)
		return LAST_DOT;
	if (name[0] == '.' && name[1] == '.' && len == 2)
		return LAST_DOTDOT;
	return LAST_NORM;
}

/*
 * Walks every component of @name but the last, which it leaves in
 * nd->last (LAST_ROOT for "/" or ""), with nd->path at its directory.
 * Intermediate symlinks are followed. -ENAMETOOLONG for a component over
 * NAME_MAX, -ENOTDIR through a non-directory, -EACCES without search
 * permission, -ENOENT, -ELOOP.
 */
static int link_path_walk(const char *name, struct nameidata *nd)
{
	const char *this;
	size_t len;
	int err;

	nd->last_type = LAST_ROOT;
	nd->last_slash = false;
	while (*name == '/')
		name++;
	if (!*name)
		return 0;
	for (;;) {
		this = name;
		len = strcspn(name, "/");
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		err = may_lookup(nd);
		if (err)
			return err;
		name += len;
		nd->last_slash = *name == '/';
		while (*name == '/')
			name++;
		nd->last.name = this;
		nd->last.len = len;
		nd->last.hash = 0;
		nd->last_type = name_type(this, len);
		if (!*name)
			return 0;
		err = walk_middle(nd);
		if (err)
			return err;
	}
}

/*
 * The last component: walked, and if it is a symlink and @follow (or a
 * '/' came after it) its target too, in a loop rather than nested, so
 * a chain of MAXSYMLINKS links resolves. A '/' anywhere at the end wants
 * a directory (-ENOTDIR).
 */
static int walk_last(struct nameidata *nd, bool follow)
{
	bool want_dir = false;
	char *buf = NULL, *next;
	struct path link;
	int err = 0;

	while (nd->last_type != LAST_ROOT) {
		want_dir |= nd->last_slash;
		err = walk_component(nd, follow || nd->last_slash, &link);
		if (err <= 0)
			break;
		err = get_link(nd, &link, &next);
		kfree(buf);	/* nd->last pointed into it; it is done with */
		buf = next;
		if (!err)
			err = link_path_walk(buf, nd);
		if (err)
			break;
		follow = true;	/* the target's last component is followed too */
	}
	kfree(buf);
	if (!err && want_dir && !S_ISDIR(nd->path.dentry->d_inode->i_mode))
		err = -ENOTDIR;
	return err;
}

/* All of @name from nd->path: nd->path ends at what it names. */
static int walk_path(struct nameidata *nd, const char *name, bool follow_last)
{
	int err = link_path_walk(name, nd);

	return err ? err : walk_last(nd, follow_last);
}

/* Rejects names the walk cannot start: "" (-ENOENT unless @empty) and ones of PATH_MAX or more. */
static int check_name(const char *name, bool empty)
{
	if (!name || (!*name && !empty))
		return -ENOENT;
	if (strnlen(name, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	return 0;
}

/*
 * What @name names from @dfd, into @path (references: path_put it):
 * symlinks in the last component followed with LOOKUP_FOLLOW, a
 * directory required with LOOKUP_DIRECTORY (-ENOTDIR), "" meaning @dfd
 * itself with LOOKUP_EMPTY. 0 or the walk's -Exxx. May sleep.
 */
int filename_lookup(int dfd, const char *name, unsigned int flags, struct path *path)
{
	struct nameidata nd;
	int err = check_name(name, flags & LOOKUP_EMPTY);

	if (err)
		return err;
	err = path_init(&nd, dfd, name, flags & LOOKUP_EMPTY);
	if (!err)
		err = walk_path(&nd, name, flags & LOOKUP_FOLLOW);
	if (!err && (flags & LOOKUP_DIRECTORY) && !S_ISDIR(nd.path.dentry->d_inode->i_mode))
		err = -ENOTDIR;
	if (!err) {
		*path = nd.path;
		nd.path.mnt = NULL;
		nd.path.dentry = NULL;
	}
	nd_done(&nd);
	return err;
}

/* filename_lookup from current's cwd: absolute names as before user space. */
int kern_path(const char *name, unsigned int flags, struct path *path)
{
	return filename_lookup(AT_FDCWD, name, flags, path);
}

/* The walk to @name's parent from @dfd: nd->path and nd->last set (nd_done it). 0 or -Exxx. */
static int path_parentat(int dfd, const char *name, struct nameidata *nd)
{
	int err = check_name(name, false);

	if (err) {
		memset(nd, 0, sizeof(*nd));
		return err;
	}
	err = path_init(nd, dfd, name, false);
	return err ? err : link_path_walk(name, nd);
}

/*
 * For mkdir, mknod, symlink, link: walks to @name's parent, locks it and
 * returns a negative dentry for the new name, with write access to the
 * mount taken; @path is the parent. ERR_PTR: -EEXIST (the name exists,
 * or is "/", "." or ".."), -ENOENT (a trailing '/' without
 * LOOKUP_DIRECTORY), -EROFS, the walk's. End with done_path_create.
 */
struct dentry *filename_create(int dfd, const char *name, struct path *path,
			       unsigned int lookup_flags)
{
	struct nameidata nd;
	struct dentry *dentry;
	int err = path_parentat(dfd, name, &nd), werr;

	if (!err && nd.last_type != LAST_NORM)
		err = -EEXIST;
	if (!err && nd.last_slash && !(lookup_flags & LOOKUP_DIRECTORY))
		err = -ENOENT;
	if (err) {
		nd_done(&nd);
		return ERR_PTR(err);
	}
	werr = mnt_want_write(nd.path.mnt);
	inode_lock(nd.path.dentry->d_inode);
	dentry = __lookup_hash(&nd.last, nd.path.dentry, 0);
	if (!IS_ERR(dentry) && dentry->d_inode)
		err = -EEXIST;
	else if (!IS_ERR(dentry))
		err = werr;
	else
		err = PTR_ERR(dentry);
	if (err) {
		if (!IS_ERR(dentry))
			dput(dentry);
		inode_unlock(nd.path.dentry->d_inode);
		if (!werr)
			mnt_drop_write(nd.path.mnt);
		nd_done(&nd);
		return ERR_PTR(err);
	}
	*path = nd.path;
	nd.path.mnt = NULL;
	nd.path.dentry = NULL;
	nd_done(&nd);
	return dentry;
}

/* filename_create from the cwd. */
struct dentry *kern_path_create(const char *name, struct path *path, unsigned int lookup_flags)
{
	return filename_create(AT_FDCWD, name, path, lookup_flags);
}

/* Ends kern_path_create: drops @dentry, unlocks the parent, gives write access back. */
void done_path_create(struct path *path, struct dentry *dentry)
{
	dput(dentry);
	inode_unlock(path->dentry->d_inode);
	mnt_drop_write(path->mnt);
	path_put(path);
}

/* ---- the namespace operations (the parent directory's lock held) ---- */

/* A new regular file @dentry in @dir through ->create. 0 or -Exxx (-EACCES: no ->create). */
int vfs_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl)
{
	int err = may_create(dir, dentry);

	if (err)
		return err;
	if (!dir->i_op->create)
		return -EACCES;
	return dir->i_op->create(dir, dentry, (mode & S_IALLUGO) | S_IFREG, excl);
}

/* A new directory. 0 or -Exxx (-EPERM: the file system has no ->mkdir). */
int vfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	int err = may_create(dir, dentry);

	if (err)
		return err;
	if (!dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, dentry, mode & (S_IRWXU | S_IRWXG | S_IRWXO | S_ISVTX));
}

/* A device file, FIFO or socket (device files: root only, -EPERM). 0 or -Exxx. */
int vfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	int err = may_create(dir, dentry);

	if (err)
		return err;
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && !fsuid_is_root())
		return -EPERM;
	if (!dir->i_op->mknod)
		return -EPERM;
	return dir->i_op->mknod(dir, dentry, mode, dev);
}

/* A symlink @dentry -> @target. 0 or -Exxx. */
int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	int err = may_create(dir, dentry);

	if (err)
		return err;
	if (!dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, dentry, target);
}

/*
 * A second name @new_dentry in @dir for @old's inode: -ENOENT (gone),
 * -EXDEV (another file system), -EPERM (a directory, or append-only /
 * immutable), -EEXIST, permission errors.
 */
int vfs_link(struct dentry *old, struct inode *dir, struct dentry *new_dentry)
{
	struct inode *inode = old->d_inode;
	int err;

	if (!inode)
		return -ENOENT;
	err = may_create(dir, new_dentry);
	if (err)
		return err;
	if (dir->i_sb != inode->i_sb)
		return -EXDEV;
	if ((inode->i_flags & (S_APPEND | S_IMMUTABLE)) || S_ISDIR(inode->i_mode))
		return -EPERM;
	if (!dir->i_op->link)
		return -EPERM;
	inode_lock(inode);
	err = inode->i_nlink ? dir->i_op->link(old, dir, new_dentry) : -ENOENT;
	inode_unlock(inode);
	return err;
}

/*
 * Removes the directory @dentry (the file system says -ENOTEMPTY). -EBUSY
 * if something is mounted on it. On success it is marked dead (S_DEAD)
 * and its dentry turns negative or unhashed.
 */
int vfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode;
	int err = may_delete(dir, dentry, true);

	if (err)
		return err;
	if (!dir->i_op->rmdir)
		return -EPERM;
	inode = dentry->d_inode;
	dget(dentry);
	inode_lock(inode);
	if (d_mountpoint(dentry))
		err = -EBUSY;
	else
		err = dir->i_op->rmdir(dir, dentry);
	if (!err)
		inode->i_flags |= S_DEAD;
	inode_unlock(inode);
	dput(dentry);
	if (!err)
		d_delete(dentry);
	return err;
}

/*
 * Removes the name @dentry (not a directory: -EISDIR). -EBUSY for a mount
 * point. An open file keeps its inode (and data) until its last close.
 */
int vfs_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode;
	int err = may_delete(dir, dentry, false);

	if (err)
		return err;
	if (!dir->i_op->unlink)
		return -EPERM;
	inode = dentry->d_inode;
	inode_lock(inode);
	if (d_mountpoint(dentry))
		err = -EBUSY;
	else
		err = dir->i_op->unlink(dir, dentry);
	inode_unlock(inode);
	if (!err)
		d_delete(dentry);
	return err;
}

/* rename's checks on source and target (Linux's order). 0 or -Exxx. */
static int may_rename(struct inode *old_dir, struct dentry *old_dentry,
		      struct inode *new_dir, struct dentry *new_dentry, bool is_dir)
{
	int err = may_delete(old_dir, old_dentry, is_dir);

	if (err)
		return err;
	if (!new_dentry->d_inode)
		err = may_create(new_dir, new_dentry);
	else
		err = may_delete(new_dir, new_dentry, is_dir);
	if (err)
		return err;
	if (!old_dir->i_op->rename)
		return -EPERM;
	/* a directory moving elsewhere rewrites its ".." */
	if (is_dir && new_dir != old_dir)
		err = inode_permission(old_dentry->d_inode, MAY_WRITE);
	return err;
}

/*
 * Renames @old_dentry in @old_dir to @new_dentry in @new_dir (both
 * directories locked by lock_rename), replacing a target file or empty
 * directory. -EINVAL for @flags (no RENAME_* yet), -EBUSY for mount
 * points, -EISDIR/-ENOTDIR when the types differ, -ENOTEMPTY from the
 * file system. Same inode: nothing to do, 0.
 */
int vfs_rename(struct inode *old_dir, struct dentry *old_dentry,
	       struct inode *new_dir, struct dentry *new_dentry, unsigned int flags)
{
	struct inode *source = old_dentry->d_inode, *target = new_dentry->d_inode;
	bool is_dir;
	int err;

	if (flags)
		return -EINVAL;
	if (!source)
		return -ENOENT;
	if (source == target)
		return 0;
	is_dir = S_ISDIR(source->i_mode);
	err = may_rename(old_dir, old_dentry, new_dir, new_dentry, is_dir);
	if (err)
		return err;
	if (d_mountpoint(old_dentry) || d_mountpoint(new_dentry))
		return -EBUSY;
	if (target)
		inode_lock(target);
	err = old_dir->i_op->rename(old_dir, old_dentry, new_dir, new_dentry, 0);
	if (!err && target && is_dir)
		target->i_flags |= S_DEAD;
	if (target)
		inode_unlock(target);
	if (!err)
		d_move(old_dentry, new_dentry);
	return err;
}

/* The target of the symlink @dentry into @buf: its length, or -EINVAL if it is no symlink. */
int vfs_readlink(struct dentry *dentry, char *buf, int buflen)
{
	struct inode *inode = dentry->d_inode;

	if (!S_ISLNK(inode->i_mode) || !inode->i_op->readlink)
		return -EINVAL;
	return inode->i_op->readlink(dentry, buf, buflen);
}

/*
 * Locks two directories for a rename, parents before children (one lock
 * if they are the same). Returns the "trap": if one is an ancestor of
 * the other, the other's ancestor that is the first one's child (moving
 * it would cut the tree), else NULL.
 */
static struct dentry *lock_rename(struct dentry *p1, struct dentry *p2)
{
	struct dentry *p;

	if (p1 == p2) {
		inode_lock(p1->d_inode);
		return NULL;
	}
	mutex_lock(&rename_mutex);
	p = d_ancestor(p2, p1);
	if (p) {
		inode_lock(p2->d_inode);
		inode_lock(p1->d_inode);
		return p;
	}
	p = d_ancestor(p1, p2);
	inode_lock(p1->d_inode);
	inode_lock(p2->d_inode);
	return p;
}

static void unlock_rename(struct dentry *p1, struct dentry *p2)
{
	inode_unlock(p1->d_inode);
	if (p1 != p2) {
		inode_unlock(p2->d_inode);
		mutex_unlock(&rename_mutex);
	}
}

/* ---- by path, from a directory descriptor ---- */

#define RENAME_NOREPLACE	(1 << 0)	/* renameat2: -EEXIST if the target exists */
#define RENAME_EXCHANGE		(1 << 1)
#define RENAME_WHITEOUT		(1 << 2)

/* mkdirat(2) without the umask (the system call applies it). 0 or -Exxx. */
int do_mkdirat(int dfd, const char *name, umode_t mode)
{
	struct path path;
	struct dentry *dentry = filename_create(dfd, name, &path, LOOKUP_DIRECTORY);
	int err;

	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	err = vfs_mkdir(path.dentry->d_inode, dentry, mode);
	done_path_create(&path, dentry);
	return err;
}

/* mkdir(2) for the kernel. */
int vfs_path_mkdir(const char *name, umode_t mode)
{
	return do_mkdirat(AT_FDCWD, name, mode);
}

/*
 * mknodat(2): a regular file (type 0 or S_IFREG), a device file, FIFO or
 * socket. -EPERM for a directory (mkdir makes those), -EINVAL for a bad type.
 */
int do_mknodat(int dfd, const char *name, umode_t mode, dev_t dev)
{
	struct path path;
	struct dentry *dentry;
	umode_t type = mode & S_IFMT;
	int err;

	if (type == S_IFDIR)
		return -EPERM;
	if (type && type != S_IFREG && type != S_IFCHR && type != S_IFBLK &&
	    type != S_IFIFO && type != S_IFSOCK)
		return -EINVAL;
	dentry = filename_create(dfd, name, &path, 0);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	if (!type || type == S_IFREG)
		err = vfs_create(path.dentry->d_inode, dentry, mode, true);
	else
		err = vfs_mknod(path.dentry->d_inode, dentry, mode, dev);
	done_path_create(&path, dentry);
	return err;
}

int vfs_path_mknod(const char *name, umode_t mode, dev_t dev)
{
	return do_mknodat(AT_FDCWD, name, mode, dev);
}

/* symlinkat(2): @name (from @dfd) -> @target. 0 or -Exxx. */
int do_symlinkat(const char *target, int dfd, const char *name)
{
	struct path path;
	struct dentry *dentry;
	int err;

	if (!target || !*target)
		return -ENOENT;
	dentry = filename_create(dfd, name, &path, 0);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	err = vfs_symlink(path.dentry->d_inode, dentry, target);
	done_path_create(&path, dentry);
	return err;
}

int vfs_path_symlink(const char *target, const char *name)
{
	return do_symlinkat(target, AT_FDCWD, name);
}

/*
 * linkat(2): @newpath names @oldpath's file too; @lookup_flags
 * LOOKUP_FOLLOW (AT_SYMLINK_FOLLOW) follows a final symlink of @oldpath,
 * LOOKUP_EMPTY lets "" name @olddfd's file. -EXDEV across mounts.
 */
int do_linkat(int olddfd, const char *oldpath, int newdfd, const char *newpath,
	      unsigned int lookup_flags)
{
	struct path old, path;
	struct dentry *dentry;
	int err = filename_lookup(olddfd, oldpath, lookup_flags, &old);

	if (err)
		return err;
	dentry = filename_create(newdfd, newpath, &path, 0);
	err = PTR_ERR(dentry);
	if (!IS_ERR(dentry)) {
		err = old.mnt != path.mnt ? -EXDEV : vfs_link(old.dentry, path.dentry->d_inode, dentry);
		done_path_create(&path, dentry);
	}
	path_put(&old);
	return err;
}

int vfs_path_link(const char *oldpath, const char *newpath)
{
	return do_linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

/*
 * Looks up nd's last component in its (locked) directory for removal:
 * the dentry, or ERR_PTR. Caller has taken write access.
 */
static struct dentry *lookup_victim(struct nameidata *nd)
{
	return __lookup_hash(&nd->last, nd->path.dentry, 0);
}

/* rmdir(2): -ENOTEMPTY for "..", -EINVAL for ".", -EBUSY for "/"; vfs_rmdir's errors. */
int do_rmdir(int dfd, const char *name)
{
	static const int type_err[] = { [LAST_ROOT] = -EBUSY, [LAST_DOT] = -EINVAL,
					[LAST_DOTDOT] = -ENOTEMPTY };
	struct nameidata nd;
	struct dentry *dentry;
	struct inode *dir;
	int err = path_parentat(dfd, name, &nd);

	if (!err && nd.last_type != LAST_NORM)
		err = type_err[nd.last_type];
	if (!err)
		err = mnt_want_write(nd.path.mnt);
	if (err) {
		nd_done(&nd);
		return err;
	}
	dir = nd.path.dentry->d_inode;
	inode_lock(dir);
	dentry = lookup_victim(&nd);
	err = PTR_ERR(dentry);
	if (!IS_ERR(dentry)) {
		err = vfs_rmdir(dir, dentry);
		dput(dentry);
	}
	inode_unlock(dir);
	mnt_drop_write(nd.path.mnt);
	nd_done(&nd);
	return err;
}

int vfs_path_rmdir(const char *name)
{
	return do_rmdir(AT_FDCWD, name);
}

/* unlink(2)'s step with the directory locked: the error, and the inode to iput after unlocking. */
static int unlink_locked(struct nameidata *nd, struct inode *dir, struct inode **victim)
{
	struct dentry *dentry = lookup_victim(nd);
	int err;

	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	if (nd->last_slash) {	/* "name/": only a directory could match, and unlink refuses those */
		err = !dentry->d_inode ? -ENOENT : S_ISDIR(dentry->d_inode->i_mode) ? -EISDIR : -ENOTDIR;
	} else {
		*victim = dentry->d_inode;
		if (*victim)
			ihold(*victim);
		err = vfs_unlink(dir, dentry);
	}
	dput(dentry);
	return err;
}

/*
 * unlink(2): -EISDIR for "/", "." and ".." and directories. The last
 * reference to the inode is dropped after the directory is unlocked
 * (eviction may take long).
 */
int do_unlinkat(int dfd, const char *name)
{
	struct nameidata nd;
	struct inode *dir, *victim = NULL;
	int err = path_parentat(dfd, name, &nd);

	if (!err && nd.last_type != LAST_NORM)
		err = -EISDIR;
	if (!err)
		err = mnt_want_write(nd.path.mnt);
	if (err) {
		nd_done(&nd);
		return err;
	}
	dir = nd.path.dentry->d_inode;
	inode_lock(dir);
	err = unlink_locked(&nd, dir, &victim);
	inode_unlock(dir);
	iput(victim);
	mnt_drop_write(nd.path.mnt);
	nd_done(&nd);
	return err;
}

int vfs_path_unlink(const char *name)
{
	return do_unlinkat(AT_FDCWD, name);
}

/* rename(2)'s part under lock_rename: looks both names up and renames. */
static int rename_locked(struct nameidata *ond, struct nameidata *nnd, struct dentry *trap,
			 unsigned int flags)
{
	struct dentry *old, *new;
	int err;

	old = lookup_victim(ond);
	if (IS_ERR(old))
		return PTR_ERR(old);
	err = -ENOENT;
	if (!old->d_inode)
		goto out_old;
	err = -ENOTDIR;
	if (!S_ISDIR(old->d_inode->i_mode) && (ond->last_slash || nnd->last_slash))
		goto out_old;
	err = -EINVAL;	/* the source is an ancestor of the target */
	if (old == trap)
		goto out_old;
	new = lookup_victim(nnd);
	err = PTR_ERR(new);
	if (IS_ERR(new))
		goto out_old;
	if ((flags & RENAME_NOREPLACE) && new->d_inode)
		err = -EEXIST;
	else if (new == trap)
		err = -ENOTEMPTY;	/* the target is an ancestor of the source */
	else
		err = vfs_rename(ond->path.dentry->d_inode, old, nnd->path.dentry->d_inode, new, 0);
	dput(new);
out_old:
	dput(old);
	return err;
}

/*
 * renameat2(2): @oldpath becomes @newpath, replacing a file or an empty
 * directory there unless RENAME_NOREPLACE (-EEXIST). -EINVAL for other
 * flags, -EXDEV across mounts, -EBUSY for "/", "." or "..", -EINVAL
 * moving a directory into itself, -ENOTEMPTY, -EISDIR, -ENOTDIR.
 */
int do_renameat2(int olddfd, const char *oldpath, int newdfd, const char *newpath,
		 unsigned int flags)
{
	struct nameidata ond, nnd;
	struct dentry *trap;
	int err;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;
	err = path_parentat(olddfd, oldpath, &ond);
	if (err) {
		nd_done(&ond);
		return err;
	}
	err = path_parentat(newdfd, newpath, &nnd);
	if (!err && ond.path.mnt != nnd.path.mnt)
		err = -EXDEV;
	if (!err && (ond.last_type != LAST_NORM || nnd.last_type != LAST_NORM))
		err = (flags & RENAME_NOREPLACE) && nnd.last_type != LAST_NORM ? -EEXIST : -EBUSY;
	if (!err)
		err = mnt_want_write(ond.path.mnt);
	if (!err) {
		trap = lock_rename(nnd.path.dentry, ond.path.dentry);
		err = rename_locked(&ond, &nnd, trap, flags);
		unlock_rename(nnd.path.dentry, ond.path.dentry);
		mnt_drop_write(ond.path.mnt);
	}
	nd_done(&nnd);
	nd_done(&ond);
	return err;
}

int vfs_path_rename(const char *oldpath, const char *newpath)
{
	return do_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

/* stat(2) (@follow) and lstat(2). 0 or -Exxx. */
int vfs_path_stat(const char *name, struct kstat *stat, bool follow)
{
	struct path path;
	int err = kern_path(name, follow ? LOOKUP_FOLLOW : 0, &path);

	if (err)
		return err;
	err = vfs_getattr(&path, stat);
	path_put(&path);
	return err;
}

/* readlinkat(2) into a kernel @buf: the target's length (no NUL), -EINVAL if no symlink. */
int do_readlinkat(int dfd, const char *name, char *buf, int buflen)
{
	struct path path;
	int err = filename_lookup(dfd, name, LOOKUP_EMPTY, &path);

	if (err)
		return err;
	if (buflen <= 0)
		err = -EINVAL;
	else
		err = vfs_readlink(path.dentry, buf, buflen);
	if (err >= 0)
		touch_atime(&path);
	path_put(&path);
	return err;
}

int vfs_path_readlink(const char *name, char *buf, int buflen)
{
	if (!*name)
		return -ENOENT;
	return do_readlinkat(AT_FDCWD, name, buf, buflen);
}

/* truncate(2). 0 or -Exxx. */
int vfs_path_truncate(const char *name, loff_t length)
{
	struct path path;
	int err = kern_path(name, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = vfs_truncate(&path, length);
	path_put(&path);
	return err;
}

/* ---- names from user space ---- */

char *getname(const char __user *uname)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, uname, PATH_MAX);
	if (len < 0 || len >= PATH_MAX) {
		kfree(name);
		return ERR_PTR(len < 0 ? -EFAULT : -ENAMETOOLONG);
	}
	return name;
}

void putname(char *name)
{
	kfree(name);
}

int user_path_at(int dfd, const char __user *uname, unsigned int flags, struct path *path)
{
	char *name = getname(uname);
	int err;

	if (IS_ERR(name))
		return (int)PTR_ERR(name);
	err = filename_lookup(dfd, name, flags, path);
	putname(name);
	return err;
}

/* ---- the namespace system calls ---- */

SYSCALL_DEFINE(mkdirat)
{
	char *name = getname((const char __user *)a1);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_mkdirat((int)a0, name, (umode_t)a2 & ~current_umask());
	putname(name);
	return err;
}

SYSCALL_DEFINE(mknodat)
{
	char *name = getname((const char __user *)a1);
	umode_t mode = (umode_t)a2;
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	mode = (mode & S_IFMT) | (mode & ~S_IFMT & ~current_umask());
	err = do_mknodat((int)a0, name, mode, new_decode_dev((u32)a3));
	putname(name);
	return err;
}

SYSCALL_DEFINE(unlinkat)
{
	char *name;
	long err;

	if (a2 & ~(unsigned long)AT_REMOVEDIR)
		return -EINVAL;
	name = getname((const char __user *)a1);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = a2 & AT_REMOVEDIR ? do_rmdir((int)a0, name) : do_unlinkat((int)a0, name);
	putname(name);
	return err;
}

SYSCALL_DEFINE(symlinkat)
{
	char *target = getname((const char __user *)a0), *name;
	long err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	name = getname((const char __user *)a2);
	err = PTR_ERR(name);
	if (!IS_ERR(name)) {
		err = do_symlinkat(target, (int)a1, name);
		putname(name);
	}
	putname(target);
	return err;
}

SYSCALL_DEFINE(linkat)
{
	unsigned int flags = (unsigned int)a4, lookup = 0;
	char *oldname, *newname;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_FOLLOW)
		lookup |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH) {
		if (!fsuid_is_root())
			return -ENOENT;	/* Linux: CAP_DAC_READ_SEARCH */
		lookup |= LOOKUP_EMPTY;
	}
	oldname = getname((const char __user *)a1);
	if (IS_ERR(oldname))
		return PTR_ERR(oldname);
	newname = getname((const char __user *)a3);
	err = PTR_ERR(newname);
	if (!IS_ERR(newname)) {
		err = do_linkat((int)a0, oldname, (int)a2, newname, lookup);
		putname(newname);
	}
	putname(oldname);
	return err;
}

/* renameat and renameat2 (@flags 0 for the first). */
static long rename_call(int olddfd, const char __user *uold, int newdfd,
			const char __user *unew, unsigned int flags)
{
	char *oldname = getname(uold), *newname;
	long err;

	if (IS_ERR(oldname))
		return PTR_ERR(oldname);
	newname = getname(unew);
	err = PTR_ERR(newname);
	if (!IS_ERR(newname)) {
		err = do_renameat2(olddfd, oldname, newdfd, newname, flags);
		putname(newname);
	}
	putname(oldname);
	return err;
}

SYSCALL_DEFINE(renameat)
{
	return rename_call((int)a0, (const char __user *)a1, (int)a2, (const char __user *)a3, 0);
}

SYSCALL_DEFINE(renameat2)
{
	return rename_call((int)a0, (const char __user *)a1, (int)a2, (const char __user *)a3,
			   (unsigned int)a4);
}

/* readlinkat(dfd, path, buf, bufsiz): bytes placed in buf (no NUL). */
SYSCALL_DEFINE(readlinkat)
{
	int bufsiz = (int)a3;
	char *name, *kbuf;
	long len;

	if (bufsiz <= 0)
		return -EINVAL;
	name = getname((const char __user *)a1);
	if (IS_ERR(name))
		return PTR_ERR(name);
	kbuf = kmalloc(PATH_MAX, GFP_KERNEL);
	len = kbuf ? do_readlinkat((int)a0, name, kbuf, min(bufsiz, PATH_MAX)) : -ENOMEM;
	if (len > 0 && copy_to_user((void __user *)a2, kbuf, (unsigned long)len))
		len = -EFAULT;
	kfree(kbuf);
	putname(name);
	return len;
}

/* ---- open ---- */

/* The permission an open asks for: read/write by O_ACCMODE, write for O_TRUNC, append. */
static int open_acc_mode(int flags)
{
	static const int acc[] = { MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE, MAY_READ | MAY_WRITE };
	int mode = acc[flags & O_ACCMODE];

	if (flags & O_TRUNC)
		mode |= MAY_WRITE;
	if (flags & O_APPEND)
		mode |= MAY_APPEND;
	return mode;
}

/*
 * May @path be opened as @flags ask (@acc_mode, 0 for a file the open
 * just made)? -ELOOP (a symlink), -EISDIR (a directory for writing),
 * -ENOTDIR (O_DIRECTORY), -EACCES (device files on a nodev mount, or
 * the mode bits), -EPERM (append-only files without O_APPEND).
 */
static int may_open(const struct path *path, int acc_mode, int flags)
{
	struct inode *inode = path->dentry->d_inode;
	umode_t mode = inode->i_mode;
	int err;

	if (S_ISLNK(mode))
		return -ELOOP;
	if (S_ISDIR(mode) && (acc_mode & MAY_WRITE))
		return -EISDIR;
	if ((flags & O_DIRECTORY) && !S_ISDIR(mode))
		return -ENOTDIR;
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && (path->mnt->mnt_flags & MNT_NODEV))
		return -EACCES;
	if (acc_mode) {
		err = inode_permission(inode, acc_mode);
		if (err)
			return err;
	}
	if ((inode->i_flags & S_APPEND) &&
	    (((flags & O_ACCMODE) != O_RDONLY && !(flags & O_APPEND)) || (flags & O_TRUNC)))
		return -EPERM;
	return 0;
}

/*
 * O_CREAT: walks to the parent, and either creates the last name (a
 * regular file, @created set) or, without O_EXCL, takes what is there,
 * following a symlink unless O_NOFOLLOW (-ELOOP). -EEXIST with O_EXCL,
 * -EISDIR for "/", ".", ".." or a trailing '/'. @path gets the result.
 */
static int open_create(struct nameidata *nd, const char *name, int flags, umode_t mode,
		       struct path *path, bool *created)
{
	struct inode *dir;
	struct dentry *dentry;
	struct path next;
	int err = link_path_walk(name, nd);

	if (!err && (nd->last_type != LAST_NORM || nd->last_slash))
		err = -EISDIR;
	if (err)
		return err;
	dir = nd->path.dentry->d_inode;
	inode_lock(dir);
	dentry = __lookup_hash(&nd->last, nd->path.dentry, 0);
	if (IS_ERR(dentry)) {
		inode_unlock(dir);
		return PTR_ERR(dentry);
	}
	if (!dentry->d_inode) {
		err = mnt_want_write(nd->path.mnt);
		if (!err) {
			err = vfs_create(dir, dentry, mode, flags & O_EXCL);
			mnt_drop_write(nd->path.mnt);
		}
		inode_unlock(dir);
		if (err) {
			dput(dentry);
			return err;
		}
		*created = true;
		path->mnt = mntget(nd->path.mnt);
		path->dentry = dentry;
		return 0;
	}
	inode_unlock(dir);
	if (flags & O_EXCL) {
		dput(dentry);
		return -EEXIST;
	}
	next.mnt = mntget(nd->path.mnt);
	next.dentry = dentry;
	follow_mount(&next);
	if (!S_ISLNK(next.dentry->d_inode->i_mode)) {
		*path = next;
		return 0;
	}
	if (flags & O_NOFOLLOW) {
		path_put(&next);
		return -ELOOP;
	}
	err = follow_link(nd, &next);	/* consumes next */
	if (err)
		return err;
	*path = nd->path;
	nd->path.mnt = NULL;
	nd->path.dentry = NULL;
	return 0;
}

/* Without O_CREAT: what @name names (a final symlink followed unless O_NOFOLLOW). */
static int open_lookup(struct nameidata *nd, const char *name, int flags, struct path *path)
{
	int err = walk_path(nd, name, !(flags & O_NOFOLLOW));

	if (err)
		return err;
	if (S_ISLNK(nd->path.dentry->d_inode->i_mode))
		return -ELOOP;	/* O_NOFOLLOW on a symlink */
	*path = nd->path;
	nd->path.mnt = NULL;
	nd->path.dentry = NULL;
	return 0;
}

/* O_TRUNC of a regular file that existed: its size goes to 0 (mtime, ctime now). */
static int handle_truncate(struct file *f)
{
	int err = mnt_want_write(f->f_path.mnt);

	if (err)
		return err;
	err = do_truncate(f->f_path.dentry, 0, ATTR_MTIME | ATTR_CTIME);
	mnt_drop_write(f->f_path.mnt);
	return err;
}

/* The opened file of @path for @flags (truncated for O_TRUNC), or ERR_PTR. */
static struct file *open_path(const struct path *path, int flags, bool created)
{
	struct file *f;
	int err = may_open(path, created ? 0 : open_acc_mode(flags), flags);

	if (err)
		return ERR_PTR(err);
	f = dentry_open(path, flags);
	if (IS_ERR(f))
		return f;
	if ((flags & O_TRUNC) && !created && S_ISREG(f->f_inode->i_mode)) {
		err = handle_truncate(f);
		if (err) {
			fput(f);
			return ERR_PTR(err);
		}
	}
	return f;
}

/* O_PATH: where @name leads (a final symlink itself with O_NOFOLLOW), as a file with no I/O. */
static int open_o_path(struct nameidata *nd, const char *name, int flags, struct path *path)
{
	int err = walk_path(nd, name, !(flags & O_NOFOLLOW));

	if (err)
		return err;
	if ((flags & O_DIRECTORY) && !S_ISDIR(nd->path.dentry->d_inode->i_mode))
		return -ENOTDIR;
	*path = nd->path;
	nd->path.mnt = NULL;
	nd->path.dentry = NULL;
	return 0;
}

/*
 * open's work for @name from @dfd (AT_FDCWD: the cwd): walk (creating
 * with O_CREAT, the mode taken as given: the system call applied the
 * umask), check, open; O_PATH gives a file that only marks the place.
 * The file or ERR_PTR(-Exxx). May sleep.
 */
struct file *do_filp_open(int dfd, const char *name, int flags, umode_t mode)
{
	struct nameidata nd;
	struct path path = { NULL, NULL };
	struct file *f;
	bool created = false;
	int err = check_name(name, false);

	if (err)
		return ERR_PTR(err);
	err = path_init(&nd, dfd, name, false);
	if (!err && (flags & O_PATH))
		err = open_o_path(&nd, name, flags, &path);
	else if (!err && (flags & O_CREAT))
		err = open_create(&nd, name, flags, mode, &path, &created);
	else if (!err)
		err = open_lookup(&nd, name, flags, &path);
	nd_done(&nd);
	if (err)
		return ERR_PTR(err);
	if (flags & O_PATH)
		f = path_open(&path, flags & (O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC));
	else
		f = open_path(&path, flags, created);
	path_put(&path);
	return f;
}
