/*
 * d_path: the absolute name of a (mount, dentry) pair, for /proc/<pid>/exe,
 * cwd, root, fd/N and maps. Linux's fs/d_path.c in purpose: the dentry's
 * path inside its mount, preceded by the mount points' paths up to the
 * root mount. Leaves out chroot-relative names (it always walks to the
 * namespace's root), " (deleted)" for unlinked files, and the dynamic
 * names of pipes and sockets.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/mount.h>

/*
 * Puts the path @comp ("/" or "/a/b") in front of the text starting at
 * *@p in @buf (the text "" means nothing yet). "/" adds nothing unless
 * the text is empty; a text of "/" alone (a mount's root) is replaced.
 * 0, or -ENAMETOOLONG if it does not fit.
 */
static int prepend_path(char *buf, char **p, const char *comp)
{
	int len = strlen(comp);

	if (len == 1 && **p)	/* a mount's root: "/" adds nothing */
		return 0;
	if ((*p)[0] == '/' && (*p)[1] == 0)
		(*p)++;
	if (*p - buf < len)
		return -ENAMETOOLONG;
	*p -= len;
	memcpy(*p, comp, len);
	return 0;
}

/*
 * The path of @path, written at the end of @buf (@buflen bytes, NUL
 * included): where it starts, or ERR_PTR(-ENAMETOOLONG / -ENOMEM). The
 * caller holds @path, so its mount and the mounts below the root that
 * lead to it stay mounted (umount is -EBUSY for them). May sleep.
 */
char *d_path(const struct path *path, char *buf, int buflen)
{
	struct vfsmount *mnt = path->mnt;
	struct dentry *dentry = path->dentry;
	char *tmp, *p, *comp;
	int err = 0;

	if (buflen < 2)
		return ERR_PTR(-ENAMETOOLONG);
	tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!tmp)
		return ERR_PTR(-ENOMEM);
	p = buf + buflen - 1;
	*p = 0;
	for (;;) {
		comp = dentry_path_raw(dentry, tmp, PATH_MAX);
		err = IS_ERR(comp) ? PTR_ERR(comp) : prepend_path(buf, &p, comp);
		if (err || !mnt || mnt->mnt_parent == mnt)
			break;
		dentry = mnt->mnt_mountpoint;
		mnt = mnt->mnt_parent;
	}
	kfree(tmp);
	return err ? ERR_PTR(err) : p;
}
