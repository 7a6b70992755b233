/*
 * Host tests of fs/ext2 on the whole storage stack (VFS, page cache,
 * buffer heads, block layer) over image-file disks: images made by
 * mke2fs -d (tests/host/mkext2img.sh) are mounted and every file read
 * back against the CRC-32s of its manifest; a write workload (create,
 * append, overwrite, truncate, sparse, rename, link, symlink, mknod,
 * delete) is checked after umount by `e2fsck -fn` and `debugfs -R cat`;
 * disks are filled to ENOSPC (blocks, then inodes); damaged copies made
 * with debugfs give one message each, no crash, and stay byte-identical
 * when mounted read-only.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/pagemap.h>
#include <linux/crc32.h>
#include <linux/errno.h>
#include <linux/kdev_t.h>
#include <linux/timekeeping.h>
long time(long *t);	/* libc: the host clock, for the test's RTC */
#include "fs_env.h"
#include "capture.h"
#include "test.h"

void inode_init(void);
void dcache_init(void);
void files_init(void);
int init_mount_tree(void);
int shmem_init(void);
int sync_filesystem(struct super_block *sb);

static char img_dir[512];
static char work[600];
static struct host_disk *disk;
static int nr_disks;

/* ---- shell and image helpers ---- */

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	fflush(stdout);
	rc = system(cmd);
	return rc == -1 ? -1 : (rc >> 8) & 0xff;
}

/* DIR/NAME */
static const char *img(const char *name)
{
	static char path[4][600];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof(path[k]), "%s/%s", img_dir, name);
	return path[k];
}

/* Copies image @name to the scratch image (work.img): the tests change only copies. */
static void use_copy(const char *name)
{
	snprintf(work, sizeof(work), "%s/work.img", img_dir);
	sh("cp %s %s && cp %s %s.orig", img(name), work, work, work);
}

static bool work_unchanged(void)
{
	return sh("cmp -s %s %s.orig", work, work) == 0;
}

/* The on-disk s_state of the scratch image (read from the file). */
static unsigned int disk_state(void)
{
	u8 b[2] = { 0, 0 };

	host_image_read(work, 1024 + 58, b, 2);
	return b[0] | b[1] << 8;
}

/* ---- mounting ---- */

/* Mounts @path on /mnt (its own new disk): 0 or -Exxx. */
static int mount_image(const char *path, unsigned long flags, const char *opts)
{
	char name[16], data[64];

	snprintf(name, sizeof(name), "vd%c%c", 'a' + nr_disks / 26, 'a' + nr_disks % 26);
	nr_disks++;
	disk = host_disk_open(path, name);
	if (!disk)
		return -ENODEV;
	snprintf(data, sizeof(data), "%s", opts ? opts : "");
	return do_mount(name, "/mnt", "ext2", flags, opts ? data : NULL);
}

static int umount_image(void)
{
	int err = do_umount("/mnt", 0);

	host_disk_close(disk);
	disk = NULL;
	return err;
}

/* The super block mounted at /mnt (or NULL). */
static struct super_block *mnt_sb(void)
{
	struct path p;
	struct super_block *sb;

	if (kern_path("/mnt", LOOKUP_FOLLOW, &p))
		return NULL;
	sb = p.dentry->d_sb;
	path_put(&p);
	return sb;
}

/* ---- file helpers through the VFS ---- */

/* CRC-32 and size of file @path read through kernel_read; -Exxx in *@err. */
static u32 file_crc(const char *path, loff_t *size, int *err)
{
	static char buf[65536];
	struct file *f = filp_open(path, O_RDONLY, 0);
	u32 crc = ~0U;
	loff_t pos = 0;
	ssize_t n;

	*err = 0;
	*size = 0;
	if (IS_ERR(f)) {
		*err = PTR_ERR(f);
		return 0;
	}
	while ((n = kernel_read(f, buf, sizeof(buf), &pos)) > 0)
		crc = crc32_le(crc, buf, n);
	if (n < 0)
		*err = n;
	*size = pos;
	filp_close(f);
	return crc ^ ~0U;
}

struct count_ctx {
	struct dir_context ctx;
	int n;
};

static int count_actor(struct dir_context *ctx, const char *name, int len, loff_t off, u64 ino,
		       unsigned int type)
{
	struct count_ctx *c = container_of(ctx, struct count_ctx, ctx);

	if (!(len == 1 && name[0] == '.') && !(len == 2 && name[0] == '.' && name[1] == '.'))
		c->n++;
	return 0;
}

/* Entries of directory @path other than . and .., or -Exxx. */
static int dir_count(const char *path)
{
	struct count_ctx c = { .ctx.actor = count_actor };
	struct file *f = filp_open(path, O_RDONLY | O_DIRECTORY, 0);
	int err;

	if (IS_ERR(f))
		return PTR_ERR(f);
	do {
		int before = c.n;

		err = iterate_dir(f, &c.ctx);
		if (err || c.n == before)
			break;
	} while (1);
	filp_close(f);
	return err ? err : c.n;
}

/* Writes @len bytes of @buf at @pos of @path (opened with @flags): bytes written or -Exxx. */
static ssize_t write_at(const char *path, int flags, loff_t pos, const void *buf, size_t len)
{
	struct file *f = filp_open(path, O_WRONLY | flags, 0644);
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, buf, len, &pos);
	filp_close(f);
	return n;
}

static ssize_t read_at(const char *path, loff_t pos, void *buf, size_t len)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, len, &pos);
	filp_close(f);
	return n;
}

/* ---- the manifest read-back ---- */

/* Checks every entry of manifest @tree under /mnt; the number that differ. */
static int check_manifest(const char *tree)
{
	char line[1024], path[1100], target[4096];
	FILE *m = fopen(img(tree), "r");
	int bad = 0;

	if (!m)
		return -1;
	while (fgets(line, sizeof(line), m)) {
		unsigned int crc, got_crc;
		long long size;
		loff_t got_size;
		char name[900];
		int err, n;

		line[strcspn(line, "\n")] = 0;
		if (sscanf(line, "f %x %lld %899s", &crc, &size, name) == 3) {
			snprintf(path, sizeof(path), "/mnt/%s", name);
			got_crc = file_crc(path, &got_size, &err);
			if (err || got_crc != crc || got_size != size) {
				if (bad++ < 5)
					printf("# %s: err %d, size %lld (want %lld), crc %08x (want %08x)\n",
					       name, err, (long long)got_size, size, got_crc, crc);
			}
		} else if (sscanf(line, "d %d %899s", &n, name) == 2) {
			snprintf(path, sizeof(path), "/mnt/%s", name);
			err = dir_count(path);
			if (err != n && bad++ < 5)
				printf("# %s: %d entries, want %d\n", name, err, n);
		} else if (sscanf(line, "l %4095s %899s", target, name) == 2) {
			char buf[4096];

			snprintf(path, sizeof(path), "/mnt/%s", name);
			n = vfs_path_readlink(path, buf, sizeof(buf));
			if ((n != (int)strlen(target) || memcmp(buf, target, n)) && bad++ < 5)
				printf("# %s: readlink %d\n", name, n);
		}
	}
	fclose(m);
	return bad;
}

/* ---- the tests ---- */

/* Mounts @image read-only and reads every file of @tree back. */
static void test_read_back(const char *image, const char *tree)
{
	char buf[32];
	int err;

	use_copy(image);
	err = mount_image(work, SB_RDONLY, NULL);
	CHECK(err == 0, "%s: mounts read-only (%d)", image, err);
	if (err) {
		host_disk_close(disk);
		return;
	}
	CHECK(check_manifest(tree) == 0, "%s: every file, directory and symlink of %s matches",
	      image, tree);
	CHECK(read_at("/mnt/link-slow", 0, buf, sizeof(buf)) == 12 && !memcmp(buf, "hello, ext2\n", 12),
	      "%s: the slow symlink resolves to hello.txt", image);
	CHECK(write_at("/mnt/hello.txt", 0, 0, "x", 1) == -EROFS, "%s: writing is -EROFS", image);
	CHECK(umount_image() == 0, "%s: umount", image);
	CHECK(work_unchanged(), "%s: the image is byte-identical after a read-only mount", image);
}

/* The workload's pattern: byte @i of file @seed. */
static void pattern(char *buf, size_t len, loff_t off, int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (char)((off + i) * 31 + seed + ((off + i) >> 12));
}

/* Writes the expected content of the workload's files into host files for debugfs to compare. */
static void expect_file(const char *name, const char *buf, size_t len)
{
	FILE *f = fopen(img(name), "wb");

	if (f) {
		fwrite(buf, 1, len, f);
		fclose(f);
	}
}

static char wbuf[200000], rbuf[200000];

/* Create, append, overwrite, truncate down and up; the expected bytes go to expect-a. */
static void workload_file(const char *image)
{
	loff_t size;
	int err;

	CHECK(vfs_path_mkdir("/mnt/new", 0755) == 0, "%s: mkdir /new", image);
	pattern(wbuf, 100000, 0, 1);
	CHECK(write_at("/mnt/new/a", O_CREAT | O_EXCL, 0, wbuf, 100000) == 100000, "%s: create and write 100000 bytes", image);
	pattern(wbuf + 100000, 5000, 100000, 2);
	CHECK(write_at("/mnt/new/a", O_APPEND, 0, wbuf + 100000, 5000) == 5000, "%s: append 5000", image);
	pattern(wbuf + 50000, 3000, 50000, 3);
	CHECK(write_at("/mnt/new/a", 0, 50000, wbuf + 50000, 3000) == 3000, "%s: overwrite 3000 at 50000", image);
	CHECK(vfs_path_truncate("/mnt/new/a", 70001) == 0, "%s: truncate to 70001", image);
	CHECK(vfs_path_truncate("/mnt/new/a", 80000) == 0, "%s: extend to 80000", image);
	memset(wbuf + 70001, 0, 80000 - 70001);
	CHECK(read_at("/mnt/new/a", 0, rbuf, sizeof(rbuf)) == 80000 && !memcmp(rbuf, wbuf, 80000),
	      "%s: /new/a reads back (the truncated tail is zero)", image);
	expect_file("expect-a", wbuf, 80000);
	(void)size;
	(void)err;
}

/* A sparse file: 10 bytes at 0, at 20 MiB and one past the double-indirect range at 1 KiB. */
static void workload_sparse(const char *image, struct super_block *sb)
{
	loff_t far = (loff_t)(12 + 256 + 65536) * 1024 + 5, size;
	struct kstat st;
	char z[10];
	int err;

	CHECK(write_at("/mnt/new/sparse", O_CREAT, 0, "0123456789", 10) == 10 &&
	      write_at("/mnt/new/sparse", 0, 20 << 20, "abcdefghij", 10) == 10 &&
	      write_at("/mnt/new/sparse", 0, far, "ABCDEFGHIJ", 10) == 10,
	      "%s: sparse writes at 0, 20 MiB and %lld", image, (long long)far);
	CHECK(vfs_path_stat("/mnt/new/sparse", &st, true) == 0 && st.size == far + 10 &&
	      st.blocks <= (u64)(4 + 8) * (sb->s_blocksize >> 9),
	      "%s: its size is %lld with %llu sectors allocated", image, (long long)st.size,
	      (unsigned long long)st.blocks);
	CHECK(read_at("/mnt/new/sparse", 1 << 20, z, 10) == 10 && !memcmp(z, "\0\0\0\0\0\0\0\0\0\0", 10) &&
	      read_at("/mnt/new/sparse", far, z, 10) == 10 && !memcmp(z, "ABCDEFGHIJ", 10),
	      "%s: holes read as zeroes, the far data reads back", image);
	file_crc("/mnt/new/sparse", &size, &err);
	CHECK(err == 0 && size == far + 10, "%s: the sparse file reads through", image);
}

/* Renames: same dir, across dirs, over a file, a directory across dirs and over an empty one. */
static void workload_rename(const char *image)
{
	struct kstat st;

	CHECK(vfs_path_mkdir("/mnt/other", 0755) == 0, "%s: mkdir /other", image);
	CHECK(write_at("/mnt/new/b", O_CREAT, 0, "bbbb", 4) == 4 && write_at("/mnt/new/c", O_CREAT, 0, "cc", 2) == 2,
	      "%s: create /new/b and /new/c", image);
	CHECK(vfs_path_rename("/mnt/new/b", "/mnt/new/b2") == 0, "%s: rename in one directory", image);
	CHECK(vfs_path_rename("/mnt/new/b2", "/mnt/other/b") == 0, "%s: rename across directories", image);
	CHECK(vfs_path_rename("/mnt/other/b", "/mnt/new/c") == 0 &&
	      read_at("/mnt/new/c", 0, rbuf, 10) == 4 && !memcmp(rbuf, "bbbb", 4),
	      "%s: rename over an existing file replaces it", image);
	CHECK(vfs_path_mkdir("/mnt/new/sub", 0755) == 0 && write_at("/mnt/new/sub/x", O_CREAT, 0, "x", 1) == 1 &&
	      vfs_path_rename("/mnt/new/sub", "/mnt/other/sub2") == 0,
	      "%s: a directory moves to another parent", image);
	CHECK(vfs_path_stat("/mnt/other/sub2/..", &st, true) == 0, "%s: its .. resolves", image);
	CHECK(vfs_path_mkdir("/mnt/other/emptyd", 0755) == 0 &&
	      vfs_path_rename("/mnt/other/sub2", "/mnt/other/emptyd") == 0 &&
	      read_at("/mnt/other/emptyd/x", 0, rbuf, 1) == 1,
	      "%s: a directory renamed over an empty directory", image);
	CHECK(vfs_path_mkdir("/mnt/other/full", 0755) == 0 && write_at("/mnt/other/full/y", O_CREAT, 0, "y", 1) == 1 &&
	      vfs_path_rename("/mnt/other/emptyd", "/mnt/other/full") == -ENOTEMPTY,
	      "%s: not over a non-empty one (-ENOTEMPTY)", image);
	CHECK(vfs_path_stat("/mnt/other", &st, true) == 0 && st.nlink == 4,
	      "%s: /other has 4 links (., its entry, 2 subdirectories): %u", image, st.nlink);
}

/* Links, symlinks, device nodes, removal, many entries with gaps. */
static void workload_names(const char *image)
{
	char name[64], buf[300], slow[201];
	struct kstat st;
	int i, ok = 1;

	CHECK(vfs_path_link("/mnt/new/c", "/mnt/new/c-link") == 0 && vfs_path_stat("/mnt/new/c", &st, true) == 0 &&
	      st.nlink == 2, "%s: a hard link (2 links)", image);
	CHECK(vfs_path_unlink("/mnt/new/c-link") == 0, "%s: unlink the link", image);
	memset(slow, 'z', 200);
	slow[200] = 0;
	CHECK(vfs_path_symlink("hello", "/mnt/new/fast") == 0 && vfs_path_symlink(slow, "/mnt/new/slow") == 0,
	      "%s: fast and slow symlinks", image);
	CHECK(vfs_path_readlink("/mnt/new/fast", buf, sizeof(buf)) == 5 &&
	      vfs_path_readlink("/mnt/new/slow", buf, sizeof(buf)) == 200 && !memcmp(buf, slow, 200),
	      "%s: they read back", image);
	CHECK(vfs_path_mknod("/mnt/new/null", S_IFCHR | 0666, MKDEV(1, 3)) == 0 &&
	      vfs_path_mknod("/mnt/new/big-dev", S_IFBLK | 0600, MKDEV(259, 70000)) == 0 &&
	      vfs_path_mknod("/mnt/new/fifo", S_IFIFO | 0600, 0) == 0, "%s: mknod char, block, fifo", image);
	CHECK(vfs_path_stat("/mnt/new/big-dev", &st, false) == 0 && st.rdev == MKDEV(259, 70000),
	      "%s: a device number above 8:8 is kept", image);
	CHECK(vfs_path_unlink("/mnt/small/f14") == 0 && vfs_path_rmdir("/mnt/empty") == 0,
	      "%s: unlink a file, rmdir an empty directory", image);
	CHECK(vfs_path_rmdir("/mnt/a") == -ENOTEMPTY, "%s: rmdir of a non-empty directory is -ENOTEMPTY", image);
	CHECK(vfs_path_mkdir("/mnt/many", 0755) == 0, "%s: mkdir /many", image);
	for (i = 0; i < 300 && ok; i++) {
		snprintf(name, sizeof(name), "/mnt/many/a-rather-long-file-name-%04d", i);
		ok = write_at(name, O_CREAT, 0, name, 8) == 8;
	}
	for (i = 0; i < 300 && ok; i += 2) {
		snprintf(name, sizeof(name), "/mnt/many/a-rather-long-file-name-%04d", i);
		ok = vfs_path_unlink(name) == 0;
	}
	for (i = 0; i < 50 && ok; i++) {
		snprintf(name, sizeof(name), "/mnt/many/n%d", i);
		ok = write_at(name, O_CREAT, 0, "n", 1) == 1;
	}
	CHECK(ok && dir_count("/mnt/many") == 200, "%s: 300 entries, 150 removed, 50 added: 200", image);
}

/* The e2fsck and debugfs checks of an unmounted image; @cat: debugfs cat /new/a. */
static void check_offline(const char *image, bool cat)
{
	CHECK(sh("e2fsck -fn %s >%s 2>&1", work, img("fsck.log")) == 0,
	      "%s: e2fsck -fn is clean after the workload (%s)", image, img("fsck.log"));
	if (cat)
		CHECK(sh("debugfs -R 'cat /new/a' %s 2>/dev/null | cmp -s - %s", work, img("expect-a")) == 0,
		      "%s: debugfs cat /new/a gives what was written", image);
	CHECK(disk_state() == 1, "%s: s_state is clean (%u) after umount", image, disk_state());
}

static void test_workload(const char *image, const char *tree, bool big)
{
	struct super_block *sb;
	struct kstatfs before, after;
	struct path root;
	int err;

	use_copy(image);
	err = mount_image(work, 0, NULL);
	CHECK(err == 0, "%s: mounts read-write (%d)", image, err);
	if (err) {
		host_disk_close(disk);
		return;
	}
	sb = mnt_sb();
	CHECK(disk_state() == 0, "%s: s_state on disk is not clean while mounted (%u)", image, disk_state());
	workload_file(image);
	workload_sparse(image, sb);
	workload_rename(image);
	workload_names(image);
	kern_path("/mnt", 0, &root);
	vfs_statfs(&root, &before);
	if (big)
		CHECK(vfs_path_unlink("/mnt/big") == 0, "%s: unlink the file reaching triple indirection", image);
	else
		CHECK(vfs_path_unlink("/mnt/mid") == 0, "%s: unlink the 6 MiB file", image);
	vfs_statfs(&root, &after);
	path_put(&root);
	CHECK(after.f_bfree > before.f_bfree + (big ? 65805 : 6 * 1024 * 1024 / sb->s_blocksize),
	      "%s: its blocks are free again (%llu -> %llu)", image, (unsigned long long)before.f_bfree,
	      (unsigned long long)after.f_bfree);
	CHECK(sync_filesystem(sb) == 0 && disk_state() == 1, "%s: after sync the disk says clean (%u)",
	      image, disk_state());
	CHECK(write_at("/mnt/new/after-sync", O_CREAT, 0, "s", 1) == 1 && disk_state() == 0,
	      "%s: the next change makes it not clean again", image);
	CHECK(umount_image() == 0, "%s: umount", image);
	check_offline(image, true);
	/* Mounted again: the workload's files and the untouched ones read back. */
	err = mount_image(work, SB_RDONLY, NULL);
	CHECK(!err && read_at("/mnt/new/a", 0, rbuf, sizeof(rbuf)) == 80000 && !memcmp(rbuf, wbuf, 80000) &&
	      read_at("/mnt/other/emptyd/x", 0, rbuf, 1) == 1 && dir_count("/mnt/dir5000") == 5000,
	      "%s: mounted again, the new and the old files read back", image);
	if (!err)
		umount_image();
	else
		host_disk_close(disk);
	(void)tree;
}

static const char *name_of(int i)
{
	static char name[32];

	snprintf(name, sizeof(name), "/mnt/small%d", i);
	return name;
}

/* Fills a 2 MiB disk with one file: -ENOSPC, reserved blocks used (root), clean fs. */
static void test_enospc_blocks(void)
{
	static char chunk[65536];
	struct kstatfs st;
	struct path root;
	loff_t pos = 0;
	ssize_t n = 0;
	struct file *f;
	int err, i;

	use_copy("full-1k.img");
	err = mount_image(work, 0, NULL);
	CHECK(err == 0, "full-1k: mounts");
	if (err) {
		host_disk_close(disk);
		return;
	}
	memset(chunk, 0x5a, sizeof(chunk));
	f = filp_open("/mnt/fill", O_CREAT | O_WRONLY, 0644);
	while (!IS_ERR(f) && (n = kernel_write(f, chunk, sizeof(chunk), &pos)) > 0)
		;
	CHECK(!IS_ERR(f) && n == -ENOSPC, "full-1k: writing until the disk is full ends with -ENOSPC (%zd, %lld bytes)",
	      n, (long long)pos);
	if (!IS_ERR(f))
		filp_close(f);
	/* The last blocks (a big file needs an indirect one too) go to small files. */
	for (i = 0; i < 64 && write_at(name_of(i), O_CREAT, 0, chunk, 1024) == 1024; i++)
		;
	kern_path("/mnt", 0, &root);
	vfs_statfs(&root, &st);
	CHECK(st.f_bfree == 0, "full-1k: no block left, the reserved ones too (root may use them): %llu",
	      (unsigned long long)st.f_bfree);
	CHECK(vfs_path_mkdir("/mnt/d", 0755) == -ENOSPC, "full-1k: mkdir is -ENOSPC");
	CHECK(write_at("/mnt/fill", 0, 0, "rewrite", 7) == 7, "full-1k: overwriting allocated blocks still works");
	CHECK(vfs_path_unlink("/mnt/fill") == 0, "full-1k: unlink the file");
	vfs_statfs(&root, &st);
	path_put(&root);
	CHECK(st.f_bfree > 1500, "full-1k: its blocks are back (%llu free)", (unsigned long long)st.f_bfree);
	CHECK(write_at("/mnt/again", O_CREAT, 0, chunk, 4096) == 4096, "full-1k: and can be used again");
	CHECK(umount_image() == 0, "full-1k: umount");
	CHECK(sh("e2fsck -fn %s >/dev/null 2>&1", work) == 0, "full-1k: e2fsck -fn clean after ENOSPC");
}

/* Creates files until the inode table is full: -ENOSPC, clean fs. */
static void test_enospc_inodes(void)
{
	char name[64];
	int i, err = 0, made = 0;

	use_copy("fullino-4k.img");
	if (mount_image(work, 0, NULL)) {
		CHECK(0, "fullino-4k: mounts");
		host_disk_close(disk);
		return;
	}
	for (i = 0; i < 200 && !err; i++) {
		snprintf(name, sizeof(name), "/mnt/f%d", i);
		err = write_at(name, O_CREAT, 0, "i", 1) == 1 ? 0 : (int)write_at(name, O_CREAT, 0, "i", 1);
		made += !err;
	}
	CHECK(err == -ENOSPC && made == 64 - 11, "fullino-4k: %d files, then -ENOSPC (%d)", made, err);
	CHECK(vfs_path_mkdir("/mnt/d", 0755) == -ENOSPC, "fullino-4k: mkdir is -ENOSPC too");
	CHECK(vfs_path_unlink("/mnt/f3") == 0 && write_at("/mnt/g", O_CREAT, 0, "g", 1) == 1,
	      "fullino-4k: a freed inode is used again");
	CHECK(umount_image() == 0, "fullino-4k: umount");
	CHECK(sh("e2fsck -fn %s >/dev/null 2>&1", work) == 0, "fullino-4k: e2fsck -fn clean");
}

/* How many times @needle occurs in @hay. */
static int count_of(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* Mounting @image fails with @err and prints @msg; the image is unchanged. */
static void test_refused(const char *image, unsigned long flags, int want, const char *msg)
{
	const char *out;
	int err;

	use_copy(image);
	capture_begin();
	err = mount_image(work, flags, NULL);
	out = capture_end();
	CHECK(err == want && strstr(out, msg), "%s: mount fails (%d) with \"%s\"", image, err, msg);
	if (!err)
		umount_image();
	else
		host_disk_close(disk);
	CHECK(work_unchanged(), "%s: the image is byte-identical", image);
}

/* Mounting @image read-write ends up read-only with @msg; nothing is written. */
static void test_forced_ro(const char *image, const char *msg)
{
	const char *out;
	int err;

	use_copy(image);
	capture_begin();
	err = mount_image(work, 0, NULL);
	out = capture_end();
	CHECK(err == 0 && strstr(out, msg) && sb_rdonly(mnt_sb()), "%s: mounted read-only with \"%s\"", image, msg);
	if (err) {
		host_disk_close(disk);
		return;
	}
	CHECK(dir_count("/mnt") > 0 && write_at("/mnt/x", O_CREAT, 0, "x", 1) == -EROFS,
	      "%s: reads work, writes are -EROFS", image);
	umount_image();
	CHECK(work_unchanged(), "%s: the image is byte-identical", image);
}

/*
 * Damaged @image mounted read-only: @op fails with @want and exactly one
 * "EXT2-fs error" line containing @msg is printed; nothing is written.
 */
static void test_damaged_ro(const char *image, int (*op)(void), int want, const char *msg)
{
	const char *out;
	int err;

	use_copy(image);
	if (mount_image(work, SB_RDONLY, NULL)) {
		CHECK(0, "%s: mounts read-only", image);
		host_disk_close(disk);
		return;
	}
	capture_begin();
	err = op();
	out = capture_end();
	CHECK(err == want && count_of(out, "EXT2-fs error") == 1 && strstr(out, msg),
	      "%s: %d, one error naming it: %s", image, err, msg);
	CHECK(op() == want, "%s: the same again, no crash", image);
	umount_image();
	CHECK(work_unchanged(), "%s: the image is byte-identical", image);
}

static int op_readdir_ab(void) { return dir_count("/mnt/a/b"); }
static int op_read_f05(void)
{
	loff_t size;
	int err;

	file_crc("/mnt/small/f05", &size, &err);
	return err;
}
static int op_loop(void)
{
	struct kstat st;

	vfs_path_stat("/mnt/a", &st, true);
	return vfs_path_stat("/mnt/a/b/c/loop", &st, true);
}

/* Damaged @image mounted read-write: @op fails, EXT2_ERROR_FS is set on disk, the fs goes read-only. */
static void test_damaged_rw(const char *image, int (*op)(void), const char *msg)
{
	const char *out;
	int err;

	use_copy(image);
	if (mount_image(work, 0, NULL)) {
		CHECK(0, "%s: mounts", image);
		host_disk_close(disk);
		return;
	}
	capture_begin();
	err = op();
	out = capture_end();
	CHECK(err && count_of(out, "EXT2-fs error") == 1 && strstr(out, msg) &&
	      strstr(out, "remounting filesystem read-only"),
	      "%s: %d, one error naming it (%s), remount read-only", image, err, msg);
	CHECK(sb_rdonly(mnt_sb()) && (disk_state() & 2), "%s: read-only now, EXT2_ERROR_FS on disk (%u)",
	      image, disk_state());
	CHECK(write_at("/mnt/y", O_CREAT, 0, "y", 1) == -EROFS, "%s: further writes are -EROFS", image);
	umount_image();
	CHECK(disk_state() & 2, "%s: the error bit stays after umount", image);
}

static int op_unlink_f09(void) { return vfs_path_unlink("/mnt/small/f09") ? -1 : -EIO; }
static int op_write_root(void)
{
	static char b[8192];

	return write_at("/mnt/newfile", O_CREAT, 0, b, sizeof(b)) == sizeof(b) ? 0 : -EIO;
}

static void test_damaged(void)
{
	char msg[128];
	FILE *f;
	unsigned long blk = 0;

	test_refused("bad-incompat.img", 0, -EINVAL, "couldn't mount because of unsupported optional features (10000)");
	test_refused("ext4.img", 0, -EINVAL, "couldn't mount because of unsupported optional features (c0)");
	test_refused("recover.img", 0, -EINVAL, "couldn't mount because of unsupported optional features (4)");
	test_refused("bad-sbfree.img", 0, -EUCLEAN, "free blocks count out of range");
	test_refused("bad-bgfree.img", 0, -EUCLEAN, "group 1: free blocks count out of range");
	test_forced_ro("bad-rocompat.img", "mounting read-only because of unsupported optional features (1000)");
	test_forced_ro("ext3.img", "has a journal");
	test_damaged_ro("bad-reclen.img", op_readdir_ab, -EIO, "rec_len is smaller than minimal");
	test_damaged_ro("bad-reclen2.img", op_readdir_ab, -EIO, "unaligned directory entry");
	test_damaged_ro("bad-block.img", op_read_f05, -EIO, "block 99999999 out of range");
	test_damaged_ro("bad-loop.img", op_loop, -EIO, "a loop");
	test_damaged_rw("bad-reclen.img", op_readdir_ab, "bad entry in directory");
	f = fopen(img("bad-bitmap.block"), "r");
	if (f && fscanf(f, "%lu", &blk) == 1)
		snprintf(msg, sizeof(msg), "bit already cleared for block %lu", blk);
	if (f)
		fclose(f);
	test_damaged_rw("bad-bitmap.img", op_unlink_f09, msg);
	test_damaged_rw("bad-itable.img", op_write_root, "invalid block bitmap - block_group = 0");
}

/* The VFS with a tmpfs root and /mnt, ext2 registered. */
static void vfs_setup(void)
{
	struct timespec64 now = { .tv_sec = time(NULL) };

	fs_env_init();
	/* The wall clock an RTC would set: e2fsck reads small deletion times as orphan-list links. */
	do_settimeofday64(&now);
	dcache_init();
	inode_init();
	files_init();
	CHECK(shmem_init() == 0 && init_mount_tree() == 0, "the rootfs is mounted");
	CHECK(init_ext2_fs() == 0, "register_filesystem(ext2)");
	CHECK(vfs_path_mkdir("/mnt", 0755) == 0, "mkdir /mnt");
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');

	snprintf(img_dir, sizeof(img_dir), "%.*s/ext2img", slash ? (int)(slash - argv[0]) : 1,
		 slash ? argv[0] : ".");
	if (sh("timeout 300 bash tests/host/mkext2img.sh %s >/dev/null", img_dir)) {
		CHECK(0, "images made by mke2fs/debugfs in %s", img_dir);
		return test_exit();
	}
	vfs_setup();
	test_read_back("r1-1k-128.img", "big.manifest");
	test_read_back("r1-2k-256.img", "small.manifest");
	test_read_back("r1-4k-256.img", "small.manifest");
	test_read_back("r0-1k.img", "small.manifest");
	test_read_back("nofiletype-4k.img", "small.manifest");
	test_read_back("flexbg-1k.img", "small.manifest");
	test_workload("r1-1k-128.img", "big.manifest", true);
	test_workload("r1-2k-256.img", "small.manifest", false);
	test_workload("r1-4k-256.img", "small.manifest", false);
	test_workload("r0-1k.img", "small.manifest", false);
	test_workload("nofiletype-4k.img", "small.manifest", false);
	test_workload("flexbg-1k.img", "small.manifest", false);
	test_enospc_blocks();
	test_enospc_inodes();
	test_damaged();
	return test_exit();
}
