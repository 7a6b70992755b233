/*
 * In-kernel tests of ext2 as the root file system (ktest=ext2), on the
 * image tests/qemu/t_ext2.sh boots (root=/dev/vda rw): every file the
 * image's /MANIFEST lists (f CRC SIZE PATH, d COUNT PATH, l TARGET PATH)
 * is read back through the VFS, then a workload writes /ktest (create,
 * append, overwrite, truncate, sparse, rename, link, symlink, unlink,
 * mkdir/rmdir, fsync) and syncs; the host checks it with e2fsck and
 * debugfs. Without an ext2 root the tests say they were skipped.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/crc32.h>

#define EXT2_MAGIC	0xEF53
#define BUF_SIZE	65536

/* Is "/" an ext2 file system? */
static bool root_is_ext2(void)
{
	struct kstatfs st;
	struct path root;
	int err = kern_path("/", LOOKUP_FOLLOW, &root);

	if (err)
		return false;
	err = vfs_statfs(&root, &st);
	path_put(&root);
	return !err && st.f_type == EXT2_MAGIC;
}

/* CRC-32 and size of @path read with kernel_read in @buf-sized pieces; -Exxx in *@err. */
static u32 file_crc(const char *path, char *buf, loff_t *size, int *err)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	u32 crc = ~0U;
	loff_t pos = 0;
	ssize_t n;

	*err = 0;
	if (IS_ERR(f)) {
		*err = PTR_ERR(f);
		return 0;
	}
	while ((n = kernel_read(f, buf, BUF_SIZE, &pos)) > 0)
		crc = crc32_le(crc, buf, n);
	*err = n < 0 ? n : 0;
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

/* Entries of directory @path without . and .., or -Exxx. */
static int dir_count(const char *path)
{
	struct count_ctx c = { .ctx.actor = count_actor };
	struct file *f = filp_open(path, O_RDONLY | O_DIRECTORY, 0);
	int err, before;

	if (IS_ERR(f))
		return PTR_ERR(f);
	do {
		before = c.n;
		err = iterate_dir(f, &c.ctx);
	} while (!err && c.n != before);
	filp_close(f);
	return err ? err : c.n;
}

/* The next space-separated field of *@s (NUL-terminated in place), or NULL. */
static char *next_field(char **s)
{
	char *f = strsep(s, " ");

	return f && *f ? f : NULL;
}

/* Checks one manifest line; true if it matches (or is not a known kind). */
static bool check_line(char *line, char *buf)
{
	char *kind = next_field(&line), *a = next_field(&line), *b, *name;
	char path[512];
	unsigned long crc, size, n;
	loff_t got_size = 0;
	int err;

	if (!kind || !a)
		return true;
	if (!strcmp(kind, "f")) {
		b = next_field(&line);
		name = next_field(&line);
		if (!b || !name || kstrtoul(a, 16, &crc) || kstrtoul(b, 10, &size))
			return false;
		snprintf(path, sizeof(path), "/%s", name);
		return file_crc(path, buf, &got_size, &err) == crc && !err && got_size == (loff_t)size;
	}
	name = next_field(&line);
	if (!name)
		return false;
	snprintf(path, sizeof(path), "/%s", name);
	if (!strcmp(kind, "d"))
		return !kstrtoul(a, 10, &n) && dir_count(path) == (int)n;
	if (!strcmp(kind, "l"))
		return vfs_path_readlink(path, buf, BUF_SIZE) == (int)strlen(a) && !memcmp(buf, a, strlen(a));
	return true;
}

/* Reads /MANIFEST whole into a kmalloc'd buffer (NUL-terminated), or NULL. */
static char *read_manifest(loff_t *len)
{
	struct file *f = filp_open("/MANIFEST", O_RDONLY, 0);
	loff_t pos = 0;
	char *m;

	if (IS_ERR(f))
		return NULL;
	m = kmalloc(1 << 20, GFP_KERNEL);
	if (m && kernel_read(f, m, (1 << 20) - 1, &pos) > 0)
		m[pos] = '\0';
	filp_close(f);
	*len = pos;
	return m;
}

/* Every line of /MANIFEST matches the file system. */
static void ext2_readback(char *buf)
{
	char *m, *s, *line;
	int lines = 0, bad = 0;
	loff_t len;

	m = read_manifest(&len);
	if (!KT_EXPECT_MSG(m && len > 0, "cannot read /MANIFEST"))
		goto out;
	s = m;
	while ((line = strsep(&s, "\n")) != NULL) {
		if (!*line)
			continue;
		lines++;
		if (!check_line(line, buf) && bad++ < 5)
			printk("ext2: mismatch in manifest line %d\n", lines);
	}
	KT_EXPECT_MSG(bad == 0, "%d of %d manifest lines differ", bad, lines);
	printk("ext2: readback: %d manifest entries, %d differ\n", lines, bad);
out:
	kfree(m);
}

/* The workload's byte at offset @off (t_ext2.sh computes the same). */
static void pattern(char *buf, size_t len, loff_t off)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (char)((off + i) * 7 + ((off + i) >> 10));
}

static ssize_t write_at(const char *path, int flags, loff_t pos, const void *b, size_t len)
{
	struct file *f = filp_open(path, O_WRONLY | flags, 0644);
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, b, len, &pos);
	if (n >= 0 && vfs_fsync(f, 0))
		n = -EIO;
	filp_close(f);
	return n;
}

/*
 * Writes /ktest/fill until the disk is full: the write that does not fit
 * fails with -ENOSPC (after a short count), nothing else changes, and
 * removing the file gives the space back.
 */
static void ext2_fill_to_enospc(char *buf)
{
	struct file *f = filp_open("/ktest/fill", O_CREAT | O_WRONLY, 0644);
	struct kstatfs before, after;
	struct path root;
	loff_t pos = 0;
	ssize_t n = 0;

	if (!KT_EXPECT(!IS_ERR(f)))
		return;
	KT_EXPECT(kern_path("/", 0, &root) == 0 && vfs_statfs(&root, &before) == 0);
	memset(buf, 0x5f, BUF_SIZE);
	while ((n = kernel_write(f, buf, BUF_SIZE, &pos)) == BUF_SIZE && pos < (256LL << 20))
		;
	if (n >= 0)	/* a short write, then the next one fails */
		n = kernel_write(f, buf, BUF_SIZE, &pos);
	KT_EXPECT_MSG(n == -ENOSPC, "filling the disk ended with %ld, not -ENOSPC", (long)n);
	KT_EXPECT(vfs_fsync(f, 0) == 0);
	filp_close(f);
	KT_EXPECT(vfs_path_unlink("/ktest/fill") == 0);
	KT_EXPECT(vfs_statfs(&root, &after) == 0);
	KT_EXPECT_MSG(after.f_bfree == before.f_bfree, "free blocks %llu after, %llu before",
		      (unsigned long long)after.f_bfree, (unsigned long long)before.f_bfree);
	path_put(&root);
	printk("ext2: filled to -ENOSPC at %ld bytes and freed it again\n", (long)pos);
}

/*
 * /ktest/a: 200000 pattern bytes, then an append of 1000 and a truncate
 * to 150001; /ktest/sparse: 4 bytes at 0 and at 30 MiB; renames, links,
 * symlinks, a removed file and directory. Then sync.
 */
static void ext2_workload(char *buf)
{
	loff_t size;
	int err;

	KT_EXPECT(vfs_path_mkdir("/ktest", 0755) == 0);
	pattern(buf, BUF_SIZE, 0);
	KT_EXPECT(write_at("/ktest/a", O_CREAT, 0, buf, BUF_SIZE) == BUF_SIZE);
	pattern(buf, BUF_SIZE, BUF_SIZE);
	KT_EXPECT(write_at("/ktest/a", O_APPEND, 0, buf, BUF_SIZE) == BUF_SIZE);
	pattern(buf, 200000 - 2 * BUF_SIZE, 2 * BUF_SIZE);
	KT_EXPECT(write_at("/ktest/a", 0, 2 * BUF_SIZE, buf, 200000 - 2 * BUF_SIZE) == 200000 - 2 * BUF_SIZE);
	KT_EXPECT(vfs_path_truncate("/ktest/a", 150001) == 0);
	KT_EXPECT(file_crc("/ktest/a", buf, &size, &err) && !err && size == 150001);
	KT_EXPECT(write_at("/ktest/sparse", O_CREAT, 0, "head", 4) == 4);
	KT_EXPECT(write_at("/ktest/sparse", 0, 30 << 20, "tail", 4) == 4);
	/* past the double-indirect range at 1 KiB blocks: a triple-indirect block */
	KT_EXPECT(write_at("/ktest/tind", O_CREAT, (12 + 256 + 65536) * 1024LL, "tind", 4) == 4);
	KT_EXPECT(file_crc("/ktest/tind", buf, &size, &err) && !err &&
		  size == (12 + 256 + 65536) * 1024LL + 4);
	KT_EXPECT(write_at("/ktest/b", O_CREAT, 0, "bee\n", 4) == 4);
	KT_EXPECT(vfs_path_mkdir("/ktest/dir", 0755) == 0);
	KT_EXPECT(vfs_path_rename("/ktest/b", "/ktest/dir/b") == 0);
	KT_EXPECT(vfs_path_rename("/ktest/dir", "/small/moved") == 0);
	KT_EXPECT(vfs_path_link("/ktest/a", "/ktest/a-link") == 0);
	KT_EXPECT(vfs_path_symlink("a", "/ktest/fast") == 0);
	KT_EXPECT(vfs_path_unlink("/small/f03") == 0);
	KT_EXPECT(vfs_path_rmdir("/empty") == 0);
	KT_EXPECT(vfs_path_unlink("/mid") == 0);
	ext2_fill_to_enospc(buf);
	ksys_sync();
	printk("ext2: workload written and synced\n");
}

KTEST(ext2)
{
	char *buf;

	if (!root_is_ext2()) {
		printk("ext2: skipped (the root is not ext2)\n");
		return;
	}
	buf = kmalloc(2 * BUF_SIZE, GFP_KERNEL);	/* the workload writes up to 68928 bytes at once */
	if (!KT_EXPECT(buf))
		return;
	ext2_readback(buf);
	ext2_workload(buf);
	kfree(buf);
}
