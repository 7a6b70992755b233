/*
 * The VFS on the host (fs/ and tmpfs over the real page cache, slab
 * and buddy allocator of fs_env.c): create/open flags, lookups and
 * negative dentries, rename's cases, symlink loops, unlink of an open
 * file, ENOTEMPTY, permissions under a non-root fsuid (HOST_CRED_HOOK),
 * mounts crossed both ways, umount -EBUSY, size=, the inode cache and
 * its LRU, the kupdate flusher pass, /proc/mounts and /proc/filesystems.
 */
#include <string.h>
#include <stdio.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/dcache.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/vmstat.h>
#include <linux/seq_buf.h>
#include <linux/jiffies.h>
#include <linux/cred.h>
#include "fs/internal.h"
#include "test.h"
#include "fs_env.h"

uid_t host_fsuid;
gid_t host_fsgid;

/* Writes @s to a new file @path (O_TRUNC): bytes written or -Exxx. */
static long write_path(const char *path, const char *s)
{
	struct file *f = filp_open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	loff_t pos = 0;
	long n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, s, strlen(s), &pos);
	fput(f);
	return n;
}

/* Reads up to @len - 1 bytes of @path into @buf (NUL-terminated): bytes or -Exxx. */
static long read_path(const char *path, char *buf, size_t len)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	loff_t pos = 0;
	long n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, len - 1, &pos);
	buf[n > 0 ? n : 0] = 0;
	fput(f);
	return n;
}

static long open_err(const char *path, int flags)
{
	struct file *f = filp_open(path, flags, 0644);

	if (IS_ERR(f))
		return PTR_ERR(f);
	fput(f);
	return 0;
}

static void test_create_open(void)
{
	char buf[64];
	struct kstat st;

	CHECK(write_path("/a", "hello") == 5, "create /a and write 5 bytes");
	CHECK(read_path("/a", buf, sizeof(buf)) == 5 && !strcmp(buf, "hello"), "read it back");
	CHECK(vfs_path_stat("/a", &st, true) == 0 && st.size == 5 && S_ISREG(st.mode) &&
	      st.nlink == 1, "stat: regular, 5 bytes, 1 link");
	CHECK(open_err("/a", O_CREAT | O_EXCL | O_WRONLY) == -EEXIST, "O_CREAT|O_EXCL on a file: -EEXIST");
	CHECK(open_err("/missing", O_RDONLY) == -ENOENT, "open of a missing name: -ENOENT");
	CHECK(open_err("/a/b", O_RDONLY) == -ENOTDIR, "a file as a directory: -ENOTDIR");
	CHECK(open_err("/a", O_RDONLY | O_DIRECTORY) == -ENOTDIR, "O_DIRECTORY on a file: -ENOTDIR");
	CHECK(open_err("/", O_WRONLY) == -EISDIR, "a directory for writing: -EISDIR");
	CHECK(open_err("/newdir/", O_CREAT | O_WRONLY) == -EISDIR, "O_CREAT with a trailing '/': -EISDIR");
	CHECK(open_err("/a/", O_RDONLY) == -ENOTDIR, "a file with a trailing '/': -ENOTDIR");
	CHECK(open_err("", O_RDONLY) == -ENOENT, "an empty name: -ENOENT");
	CHECK(write_path("/a", "hi") == 2 && read_path("/a", buf, sizeof(buf)) == 2 &&
	      !strcmp(buf, "hi"), "O_TRUNC: the old 5 bytes are gone");
}

static void test_append_seek(void)
{
	struct file *f = filp_open("/app", O_CREAT | O_WRONLY | O_APPEND, 0644);
	char buf[32];
	loff_t pos = 0;

	CHECK(!IS_ERR(f), "O_APPEND open");
	if (IS_ERR(f))
		return;
	kernel_write(f, "abc", 3, &pos);
	pos = 0;
	kernel_write(f, "def", 3, &pos);
	CHECK(pos == 6, "O_APPEND writes at the end whatever the position (pos %ld)", (long)pos);
	CHECK(vfs_llseek(f, 0, SEEK_END) == 6, "SEEK_END: 6");
	CHECK(vfs_llseek(f, 2, SEEK_DATA) == 2 && vfs_llseek(f, 2, SEEK_HOLE) == 6,
	      "SEEK_DATA at 2 is 2, SEEK_HOLE is the end (the generic fallback)");
	CHECK(vfs_llseek(f, 6, SEEK_DATA) == -ENXIO, "SEEK_DATA at the end: -ENXIO");
	CHECK(vfs_llseek(f, -1, SEEK_SET) == -EINVAL, "a negative offset: -EINVAL");
	CHECK(kernel_read(f, buf, 1, &pos) == -EBADF, "read of a write-only file: -EBADF");
	fput(f);
	CHECK(read_path("/app", buf, sizeof(buf)) == 6 && !strcmp(buf, "abcdef"), "abcdef");
}

static void test_negative_dentries(void)
{
	struct path root;
	struct qstr q = QSTR_INIT("ghost", 5);
	struct dentry *d;
	struct kstat st;

	get_fs_root(&root);
	CHECK(vfs_path_stat("/ghost", &st, true) == -ENOENT, "stat of a missing name: -ENOENT");
	d = d_lookup(root.dentry, &q);
	CHECK(d && !d->d_inode, "the miss left a negative dentry in the cache");
	dput(d);
	CHECK(write_path("/ghost", "x") == 1, "creating the name");
	d = d_lookup(root.dentry, &q);
	CHECK(d && d->d_inode && S_ISREG(d->d_inode->i_mode), "the same name is now positive");
	dput(d);
	CHECK(vfs_path_unlink("/ghost") == 0, "unlink");
	d = d_lookup(root.dentry, &q);
	CHECK(d && !d->d_inode, "after unlink the dentry is negative again");
	dput(d);
	path_put(&root);
}

static void test_dirs(void)
{
	struct kstat st;

	CHECK(vfs_path_mkdir("/d", 0755) == 0 && vfs_path_mkdir("/d/e", 0755) == 0, "mkdir /d, /d/e");
	CHECK(vfs_path_mkdir("/d", 0755) == -EEXIST, "mkdir of an existing name: -EEXIST");
	CHECK(vfs_path_stat("/d", &st, true) == 0 && st.nlink == 3, "/d has 3 links (., .., e/..)");
	CHECK(vfs_path_rmdir("/d") == -ENOTEMPTY, "rmdir of a non-empty directory: -ENOTEMPTY");
	CHECK(vfs_path_rmdir("/d/e/.") == -EINVAL, "rmdir of \".\": -EINVAL");
	CHECK(vfs_path_rmdir("/d/e/..") == -ENOTEMPTY, "rmdir of \"..\": -ENOTEMPTY");
	CHECK(vfs_path_unlink("/d") == -EISDIR, "unlink of a directory: -EISDIR");
	CHECK(vfs_path_rmdir("/a") == -ENOTDIR, "rmdir of a file: -ENOTDIR");
	CHECK(vfs_path_stat("/d/e/../e/./", &st, true) == 0 && S_ISDIR(st.mode), "\".\" and \"..\" walk");
	CHECK(vfs_path_stat("/../../d", &st, true) == 0, "\"..\" stops at the root");
	CHECK(vfs_path_rmdir("/d/e") == 0 && vfs_path_rmdir("/d") == 0, "rmdir /d/e then /d");
	CHECK(vfs_path_stat("/d", &st, true) == -ENOENT, "/d is gone");
}

static void test_rename(void)
{
	char buf[32];
	struct kstat st;

	vfs_path_mkdir("/r", 0755);
	vfs_path_mkdir("/r/sub", 0755);
	vfs_path_mkdir("/r/empty", 0755);
	vfs_path_mkdir("/r/full", 0755);
	write_path("/r/full/x", "x");
	write_path("/r/f1", "one");
	write_path("/r/f2", "two");
	CHECK(vfs_path_rename("/r/f1", "/r/f2") == 0, "rename over an existing file");
	CHECK(read_path("/r/f2", buf, sizeof(buf)) == 3 && !strcmp(buf, "one") &&
	      vfs_path_stat("/r/f1", &st, true) == -ENOENT, "the target has the source's data, the source name is gone");
	CHECK(vfs_path_rename("/r/f2", "/r/empty") == -EISDIR, "a file over a directory: -EISDIR");
	CHECK(vfs_path_rename("/r/sub", "/r/f2") == -ENOTDIR, "a directory over a file: -ENOTDIR");
	CHECK(vfs_path_rename("/r/sub", "/r/full") == -ENOTEMPTY, "over a non-empty directory: -ENOTEMPTY");
	CHECK(vfs_path_rename("/r/sub", "/r/sub/in") == -EINVAL, "a directory into itself: -EINVAL");
	CHECK(vfs_path_rename("/r/full/x", "/r") == -ENOTEMPTY, "over an ancestor of the source: -ENOTEMPTY");
	CHECK(vfs_path_rename("/r/sub", "/r/empty") == 0 && vfs_path_stat("/r/empty", &st, true) == 0 &&
	      S_ISDIR(st.mode) && vfs_path_stat("/r/sub", &st, true) == -ENOENT, "a directory over an empty one");
	CHECK(vfs_path_rename("/r/f2", "/r/full/moved") == 0 &&
	      read_path("/r/full/moved", buf, sizeof(buf)) == 3, "across directories");
	CHECK(vfs_path_rename("/r/full", "/moved-full") == 0 &&
	      read_path("/moved-full/moved", buf, sizeof(buf)) == 3, "a directory to another parent, its children along");
	CHECK(vfs_path_stat("/r", &st, true) == 0 && st.nlink == 3, "/r lost the moved directory's link (%u)", st.nlink);
	CHECK(vfs_path_rename("/r/nothing", "/r/x") == -ENOENT, "a missing source: -ENOENT");
	CHECK(vfs_path_rename("/r/.", "/r/x") == -EBUSY, "rename of \".\": -EBUSY");
	CHECK(vfs_path_rename("/moved-full/moved", "/moved-full/moved") == 0, "rename onto itself: 0");
}

static void test_symlinks(void)
{
	char buf[64], name[32], target[32];
	struct kstat st;
	int i, err;

	CHECK(vfs_path_symlink("/a", "/la") == 0, "symlink /la -> /a");
	CHECK(read_path("/la", buf, sizeof(buf)) == 2 && !strcmp(buf, "hi"), "read through it");
	CHECK(vfs_path_readlink("/la", buf, sizeof(buf)) == 2 && !memcmp(buf, "/a", 2), "readlink: /a");
	CHECK(vfs_path_stat("/la", &st, false) == 0 && S_ISLNK(st.mode) && st.size == 2, "lstat: a symlink of 2 bytes");
	CHECK(open_err("/la", O_RDONLY | O_NOFOLLOW) == -ELOOP, "O_NOFOLLOW on a symlink: -ELOOP");
	vfs_path_mkdir("/sd", 0755);
	write_path("/sd/t", "rel");
	CHECK(vfs_path_symlink("sd/t", "/rel") == 0 && read_path("/rel", buf, sizeof(buf)) == 3,
	      "a relative symlink resolves from its directory");
	CHECK(vfs_path_symlink("/sd", "/lsd") == 0 && read_path("/lsd/t", buf, sizeof(buf)) == 3,
	      "a symlink to a directory in the middle of a path");
	CHECK(vfs_path_symlink("/nowhere", "/dangling") == 0 && open_err("/dangling", O_RDONLY) == -ENOENT,
	      "a dangling symlink: -ENOENT");
	vfs_path_symlink("/loop2", "/loop1");
	vfs_path_symlink("/loop1", "/loop2");
	CHECK(open_err("/loop1", O_RDONLY) == -ELOOP, "a loop of two symlinks: -ELOOP");
	for (i = 0; i < 41; i++) {	/* /c0 -> /c1 -> ... -> /c40 -> /a */
		snprintf(name, sizeof(name), "/c%d", i);
		snprintf(target, sizeof(target), i == 40 ? "/a" : "/c%d", i + 1);
		vfs_path_symlink(target, name);
	}
	CHECK(open_err("/c1", O_RDONLY) == 0, "40 symlinks in a row (MAXSYMLINKS) resolve");
	err = open_err("/c0", O_RDONLY);
	CHECK(err == -ELOOP, "41 symlinks in a row: -ELOOP (%d)", err);
	CHECK(vfs_path_link("/a", "/hard") == 0 && vfs_path_stat("/a", &st, true) == 0 && st.nlink == 2,
	      "a hard link: 2 links");
	CHECK(vfs_path_link("/sd", "/hardd") == -EPERM, "a hard link to a directory: -EPERM");
}

static unsigned long shmem_pages(void)
{
	return global_zone_page_state(NR_SHMEM);
}

static void test_unlink_open(void)
{
	static char big[3 * 4096];
	struct file *f;
	unsigned long before = shmem_pages();
	char buf[16];
	loff_t pos = 0;
	struct kstat st;

	memset(big, 'z', sizeof(big));
	f = filp_open("/victim", O_CREAT | O_RDWR, 0600);
	CHECK(!IS_ERR(f), "open /victim");
	if (IS_ERR(f))
		return;
	CHECK(kernel_write(f, big, sizeof(big), &pos) == (long)sizeof(big), "write 3 pages");
	CHECK(shmem_pages() == before + 3, "NR_SHMEM counts its 3 pages (%lu -> %lu)", before, shmem_pages());
	CHECK(vfs_path_unlink("/victim") == 0 && vfs_path_stat("/victim", &st, true) == -ENOENT,
	      "unlink while open: the name is gone");
	pos = 4096;
	CHECK(kernel_read(f, buf, 4, &pos) == 4 && !memcmp(buf, "zzzz", 4), "the open file still reads its data");
	CHECK(shmem_pages() == before + 3, "the pages stay while it is open");
	fput(f);
	CHECK(shmem_pages() == before, "the last close frees them (NR_SHMEM %lu)", shmem_pages());
}

static void test_truncate_holes(void)
{
	char buf[8200];
	struct file *f = filp_open("/holes", O_CREAT | O_RDWR, 0644);
	loff_t pos = 8000;
	struct kstat st;

	if (IS_ERR(f))
		return;
	kernel_write(f, "end", 3, &pos);
	pos = 0;
	CHECK(kernel_read(f, buf, sizeof(buf), &pos) == 8003 && buf[0] == 0 && buf[4095] == 0 &&
	      !memcmp(buf + 8000, "end", 3), "a hole reads as zeroes");
	CHECK(vfs_path_truncate("/holes", 100) == 0 && vfs_path_stat("/holes", &st, true) == 0 &&
	      st.size == 100 && st.blocks == 0, "truncate to 100: size 100, the page past it freed");
	CHECK(vfs_path_truncate("/", 0) == -EISDIR, "truncate of a directory: -EISDIR");
	CHECK(vfs_path_truncate("/holes", -1) == -EINVAL, "a negative size: -EINVAL");
	fput(f);
}

static void test_permissions(void)
{
	struct kstat st;
	struct iattr ia = { .ia_valid = ATTR_UID | ATTR_GID, .ia_uid = 1000, .ia_gid = 1000 };
	struct path p;

	vfs_path_mkdir("/priv", 0700);
	write_path("/priv/secret", "s");
	write_path("/public", "p");
	host_fsuid = 1000;
	host_fsgid = 1000;
	CHECK(open_err("/priv/secret", O_RDONLY) == -EACCES, "uid 1000 cannot search a 0700 root directory: -EACCES");
	CHECK(open_err("/public", O_RDONLY) == 0, "reads a 0644 file");
	CHECK(open_err("/public", O_WRONLY) == -EACCES, "cannot write it: -EACCES");
	CHECK(vfs_path_unlink("/public") == -EPERM, "the root is 1777: another user's file is not removable (-EPERM)");
	CHECK(write_path("/mine", "x") == 1 && vfs_path_stat("/mine", &st, true) == 0 && st.uid == 1000 &&
	      st.gid == 1000, "a file uid 1000 creates in / is its own");
	CHECK(vfs_path_unlink("/mine") == 0, "and it may remove it");
	CHECK(vfs_path_mkdir("/priv/sub", 0755) == -EACCES, "no mkdir in root's 0700 directory: -EACCES");
	host_fsuid = 0;
	host_fsgid = 0;
	CHECK(kern_path("/public", 0, &p) == 0, "root looks it up");
	inode_lock(p.dentry->d_inode);
	CHECK(notify_change(p.dentry, &ia) == 0, "root chowns it to 1000");
	inode_unlock(p.dentry->d_inode);
	path_put(&p);
	host_fsuid = 1000;
	host_fsgid = 1000;
	CHECK(open_err("/public", O_WRONLY) == 0, "now the owner writes it");
	CHECK(vfs_path_stat("/public", &st, true) == 0 && st.uid == 1000, "stat shows uid 1000");
	ia.ia_valid = ATTR_UID;
	ia.ia_uid = 0;
	CHECK(kern_path("/public", 0, &p) == 0, "lookup as 1000");
	CHECK(setattr_prepare(p.dentry, &ia) == -EPERM, "giving it away is root's: -EPERM");
	CHECK(inode_permission(p.dentry->d_inode, MAY_EXEC) == -EACCES, "no x bit: exec -EACCES");
	path_put(&p);
	host_fsuid = 0;
	host_fsgid = 0;
	CHECK(kern_path("/public", 0, &p) == 0 &&
	      inode_permission(p.dentry->d_inode, MAY_EXEC) == -EACCES &&
	      inode_permission(p.dentry->d_inode, MAY_WRITE) == 0,
	      "root: writes anything, executes only with an x bit");
	path_put(&p);
}

static void test_names(void)
{
	char name[300];

	name[0] = '/';
	memset(name + 1, 'n', 256);
	name[257] = 0;
	CHECK(open_err(name, O_CREAT | O_WRONLY) == -ENAMETOOLONG, "a 256-byte component: -ENAMETOOLONG");
	name[256] = 0;
	CHECK(open_err(name, O_CREAT | O_WRONLY) == 0, "255 bytes are fine");
	CHECK(vfs_path_unlink(name) == 0, "and unlinked");
	CHECK(vfs_path_mknod("/dir-by-mknod", S_IFDIR | 0755, 0) == -EPERM, "mknod of a directory: -EPERM");
	CHECK(vfs_path_mknod("/chr", S_IFCHR | 0644, MKDEV(1, 3)) == 0 &&
	      open_err("/chr", O_RDONLY) == -ENXIO, "a character node of a major without driver opens with -ENXIO");
}

static void test_mounts(void)
{
	char buf[1024], line[128];
	struct seq_buf s;
	struct kstat st, root_st;
	struct file *f;
	struct kstatfs sf;
	struct path p;
	static char page[4096];

	vfs_path_mkdir("/m", 0755);
	CHECK(do_mount("tmpfs", "/m", "tmpfs", 0, "size=8k") == 0, "mount a tmpfs of 8 KiB on /m");
	CHECK(do_mount("x", "/m", "nosuchfs", 0, NULL) == -ENODEV, "an unknown type: -ENODEV");
	CHECK(vfs_path_stat("/m", &st, true) == 0 && vfs_path_stat("/", &root_st, true) == 0 &&
	      st.dev != root_st.dev, "/m is the new file system's root (dev %lx vs %lx)", st.dev, root_st.dev);
	CHECK(vfs_path_stat("/m/..", &st, true) == 0 && st.ino == root_st.ino && st.dev == root_st.dev,
	      "\"..\" from the mount's root crosses back up");
	CHECK(vfs_path_rename("/a", "/m/a") == -EXDEV, "rename across mounts: -EXDEV");
	CHECK(vfs_path_link("/a", "/m/a") == -EXDEV, "link across mounts: -EXDEV");
	memset(page, 'q', sizeof(page));
	f = filp_open("/m/big", O_CREAT | O_WRONLY, 0644);
	if (!IS_ERR(f)) {
		loff_t pos = 0;
		long n1 = kernel_write(f, page, sizeof(page), &pos);
		long n2 = kernel_write(f, page, sizeof(page), &pos);
		long n3 = kernel_write(f, page, sizeof(page), &pos);

		CHECK(n1 == 4096 && n2 == 4096 && n3 == -ENOSPC, "size=8k: two pages, the third -ENOSPC (%ld)", n3);
		CHECK(kern_path("/m", 0, &p) == 0 && vfs_statfs(&p, &sf) == 0 && sf.f_blocks == 2 &&
		      sf.f_bfree == 0 && sf.f_type == 0x01021994, "statfs: 2 blocks, 0 free, TMPFS_MAGIC");
		path_put(&p);
		CHECK(do_umount("/m", 0) == -EBUSY, "umount with a file open: -EBUSY");
		fput(f);
	}
	seq_buf_init(&s, buf, sizeof(buf));
	mounts_show(&s);
	CHECK(strstr(buf, "rootfs / tmpfs rw,relatime 0 0\n") != NULL, "/proc/mounts: the rootfs line");
	snprintf(line, sizeof(line), "tmpfs /m tmpfs rw,relatime,size=8k 0 0\n");
	CHECK(strstr(buf, line) != NULL, "/proc/mounts: the /m line with size=8k");
	seq_buf_init(&s, buf, sizeof(buf));
	filesystems_show(&s);
	CHECK(strstr(buf, "nodev\ttmpfs\n") != NULL, "/proc/filesystems: nodev tmpfs");
	CHECK(do_mount(NULL, "/m", NULL, MS_REMOUNT | SB_RDONLY, NULL) == 0 &&
	      open_err("/m/new", O_CREAT | O_WRONLY) == -EROFS, "remount ro: creating is -EROFS");
	CHECK(do_mount(NULL, "/m", NULL, MS_REMOUNT, NULL) == 0 &&
	      open_err("/m/new", O_CREAT | O_WRONLY) == 0, "remount rw: it works again");
	CHECK(do_umount("/m/big", 0) == -EINVAL, "umount of a non-mount-point: -EINVAL");
	CHECK(do_umount("/m", 0) == 0, "umount /m");
	CHECK(vfs_path_stat("/m/big", &st, true) == -ENOENT, "its files went with it");
}

/* A small file system with a counting write_inode, for the flusher. */
static int wb_writes;
static int wbfs_write_inode(struct inode *inode, struct writeback_control *wbc)
{
	wb_writes++;
	return 0;
}
static const struct super_operations wbfs_ops = { .write_inode = wbfs_write_inode };
static int wbfs_fill(struct super_block *sb, void *data, int silent)
{
	struct inode *root = new_inode(sb);

	sb->s_op = &wbfs_ops;
	if (!root)
		return -ENOMEM;
	root->i_mode = S_IFDIR | 0755;
	root->i_op = &simple_dir_inode_operations;
	root->i_fop = &simple_dir_operations;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}
static struct dentry *wbfs_mount(struct file_system_type *t, int flags, const char *dev, void *data)
{
	return mount_nodev(t, flags, data, wbfs_fill);
}
static struct file_system_type wbfs_type = {
	.name = "wbfs", .mount = wbfs_mount, .kill_sb = kill_anon_super,
};

static void test_icache_and_flusher(void)
{
	struct super_block *sb;
	struct inode *a, *b;
	struct writeback_stats st0, st1;
	struct path p;
	unsigned long unused;

	CHECK(register_filesystem(&wbfs_type) == 0 && register_filesystem(&wbfs_type) == -EBUSY,
	      "register_filesystem, twice: -EBUSY");
	vfs_path_mkdir("/wb", 0755);
	CHECK(do_mount("none", "/wb", "wbfs", 0, NULL) == 0, "mount wbfs");
	if (kern_path("/wb", 0, &p))
		return;
	sb = p.mnt->mnt_sb;
	a = iget_locked(sb, 42);
	CHECK(a && (a->i_state & I_NEW), "iget_locked: a new inode, I_NEW");
	a->i_mode = S_IFREG | 0644;
	unlock_new_inode(a);
	b = iget_locked(sb, 42);
	CHECK(b == a && !(b->i_state & I_NEW), "the second iget_locked finds it in the cache");
	iput(b);
	unused = nr_unused_inodes();
	iput(a);
	CHECK(nr_unused_inodes() == unused + 1, "the last iput keeps it on the LRU");
	CHECK(prune_icache(unused + 1) >= 1 && nr_unused_inodes() == 0, "prune_icache frees it");
	a = iget_locked(sb, 43);
	iget_failed(a);
	a = iget_locked(sb, 43);
	CHECK(a && (a->i_state & I_NEW), "after iget_failed the next iget_locked reads it anew");
	unlock_new_inode(a);

	writeback_get_stats(&st0);
	wb_writes = 0;
	mark_inode_dirty(a);
	host_jiffies_advance(HZ);
	wb_do_writeback();
	CHECK(wb_writes == 0, "kupdate leaves an inode dirty for 1 s (younger than dirty_expire_interval)");
	host_jiffies_advance(31 * HZ);
	wb_do_writeback();
	writeback_get_stats(&st1);
	CHECK(wb_writes == 1 && !(a->i_state & I_DIRTY), "after 32 s kupdate wrote it (write_inode %d)", wb_writes);
	CHECK(st1.kupdate_runs == st0.kupdate_runs + 1, "kupdate_runs counted the pass");
	mark_inode_dirty(a);
	CHECK(write_inode_now(a, 1) == 0 && wb_writes == 2 && !(a->i_state & I_DIRTY), "write_inode_now");
	iput(a);
	path_put(&p);
	CHECK(do_umount("/wb", 0) == 0, "umount wbfs (evict_inodes drops the cached one)");
}

static void test_dcache_prune(void)
{
	struct kstat st;
	char name[32];
	unsigned long before;

	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "/neg%d", i);
		vfs_path_stat(name, &st, true);
	}
	before = nr_unused_dentries();
	CHECK(before >= 20, "20 misses: at least 20 unused (negative) dentries (%lu)", before);
	CHECK(prune_dcache(before) == before && nr_unused_dentries() == 0, "prune_dcache frees them all");
	CHECK(vfs_path_stat("/a", &st, true) == 0, "cached files are still there after pruning");
}

int main(void)
{
	fs_env_init();
	dcache_init();
	inode_init();
	files_init();
	CHECK(shmem_init() == 0 && init_mount_tree() == 0, "tmpfs registered and mounted as the rootfs");
	test_create_open();
	test_append_seek();
	test_negative_dentries();
	test_dirs();
	test_rename();
	test_symlinks();
	test_unlink_open();
	test_truncate_holes();
	test_permissions();
	test_names();
	test_mounts();
	test_icache_and_flusher();
	test_dcache_prune();
	return test_exit();
}
