/*
 * In-kernel tests of the VFS on tmpfs (ktest=vfs): files through
 * filp_open/kernel_write/kernel_read, the namespace calls by path
 * (vfs_path_*) with their error cases, unlink of an open file, symlink
 * loops, a tmpfs mount with size= and umount -EBUSY, /proc/mounts,
 * character devices through def_chr_fops. Each works in its own
 * directory under /tmp (the tmpfs mnt_init mounts there).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/ktest.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/seq_buf.h>
#include <linux/vmstat.h>
#include <linux/kdev_t.h>

/* @dir/@name into @buf. */
static const char *kt_path(char *buf, size_t len, const char *dir, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
	return buf;
}

/* A fresh directory /tmp/kt-@name for one test: 0, or it says why it is skipped. */
static int kt_dir(const char *name, char *dir, size_t len)
{
	struct kstat st;
	int err;

	if (vfs_path_stat("/tmp", &st, true) || !S_ISDIR(st.mode)) {
		pr_info("vfs: %s: no /tmp, skipped\n", name);
		return -ENOENT;
	}
	snprintf(dir, len, "/tmp/kt-%s", name);
	err = vfs_path_mkdir(dir, 0755);
	if (err)
		pr_info("vfs: %s: mkdir %s: %d, skipped\n", name, dir, err);
	return err;
}

/* Writes @len bytes of @buf to @path (created, truncated): bytes or -Exxx. */
static long kt_write(const char *path, const void *buf, size_t len)
{
	struct file *f = filp_open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	loff_t pos = 0;
	long n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, buf, len, &pos);
	filp_close(f);
	return n;
}

static long kt_read(const char *path, void *buf, size_t len)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	loff_t pos = 0;
	long n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, len, &pos);
	filp_close(f);
	return n;
}

static long kt_open(const char *path, int flags)
{
	struct file *f = filp_open(path, flags, 0644);

	if (IS_ERR(f))
		return PTR_ERR(f);
	filp_close(f);
	return 0;
}

KTEST(vfs_tmpfs_file_rw)
{
	char dir[64], p[96];
	const size_t len = 3 * PAGE_SIZE + 123;
	u8 *in = kmalloc(len, GFP_KERNEL), *out = kmalloc(len, GFP_KERNEL);
	struct kstat st;
	bool same = true;

	if (!in || !out || kt_dir("rw", dir, sizeof(dir)))
		goto out;
	for (size_t i = 0; i < len; i++)
		in[i] = (u8)(i * 7 + i / 4096);
	kt_path(p, sizeof(p), dir, "data");
	KT_EXPECT(kt_write(p, in, len) == (long)len);
	KT_EXPECT(vfs_path_stat(p, &st, true) == 0 && st.size == (loff_t)len && st.blocks == 4 * 8);
	memset(out, 0, len);
	KT_EXPECT(kt_read(p, out, len) == (long)len);
	for (size_t i = 0; i < len; i++)
		same &= in[i] == out[i];
	KT_EXPECT(same);
	KT_EXPECT(kt_open(p, O_CREAT | O_EXCL | O_WRONLY) == -EEXIST);
	KT_EXPECT(vfs_path_truncate(p, 10) == 0 && vfs_path_stat(p, &st, true) == 0 && st.size == 10);
	KT_EXPECT(kt_read(p, out, len) == 10);
	pr_info("vfs: rw: %zu bytes written and read back %s, truncated to %ld\n", len,
		same ? "equal" : "DIFFERENT", (long)st.size);
out:
	kfree(in);
	kfree(out);
}

KTEST(vfs_namespace_ops)
{
	char dir[64], a[96], b[96], c[96], buf[32];
	struct kstat st;

	if (kt_dir("ns", dir, sizeof(dir)))
		return;
	KT_EXPECT(vfs_path_mkdir(kt_path(a, sizeof(a), dir, "d"), 0755) == 0);
	KT_EXPECT(kt_write(kt_path(b, sizeof(b), dir, "d/f"), "xyz", 3) == 3);
	KT_EXPECT(vfs_path_rmdir(a) == -ENOTEMPTY);
	KT_EXPECT(vfs_path_unlink(a) == -EISDIR);
	KT_EXPECT(vfs_path_rename(a, kt_path(c, sizeof(c), dir, "d/f/sub")) == -ENOTDIR);
	KT_EXPECT(vfs_path_rename(a, kt_path(c, sizeof(c), dir, "d/in")) == -EINVAL);
	KT_EXPECT(vfs_path_rename(b, kt_path(c, sizeof(c), dir, "g")) == 0);
	KT_EXPECT(kt_read(c, buf, sizeof(buf)) == 3 && vfs_path_stat(b, &st, true) == -ENOENT);
	KT_EXPECT(vfs_path_rmdir(a) == 0);
	KT_EXPECT(vfs_path_symlink("g", kt_path(a, sizeof(a), dir, "lnk")) == 0);
	KT_EXPECT(kt_read(a, buf, sizeof(buf)) == 3);
	KT_EXPECT(vfs_path_readlink(a, buf, sizeof(buf)) == 1 && buf[0] == 'g');
	KT_EXPECT(vfs_path_symlink(kt_path(c, sizeof(c), dir, "loop"),
				   kt_path(b, sizeof(b), dir, "loop")) == 0);
	KT_EXPECT(kt_open(b, O_RDONLY) == -ELOOP);
	KT_EXPECT(kt_open(a, O_RDONLY | O_NOFOLLOW) == -ELOOP);
	pr_info("vfs: ns: rmdir -ENOTEMPTY, rename -ENOTDIR/-EINVAL/ok, symlink loop -ELOOP\n");
}

KTEST(vfs_unlink_open_file)
{
	char dir[64], p[96], buf[8];
	unsigned long before = global_zone_page_state(NR_SHMEM), held, after;
	static const char data[] = "still here";
	struct file *f;
	loff_t pos = 0;

	if (kt_dir("unlink", dir, sizeof(dir)))
		return;
	kt_path(p, sizeof(p), dir, "victim");
	f = filp_open(p, O_CREAT | O_RDWR, 0600);
	if (!KT_EXPECT(!IS_ERR(f)))
		return;
	KT_EXPECT(kernel_write(f, data, sizeof(data), &pos) == sizeof(data));
	held = global_zone_page_state(NR_SHMEM);
	KT_EXPECT(vfs_path_unlink(p) == 0 && kt_open(p, O_RDONLY) == -ENOENT);
	pos = 0;
	KT_EXPECT(kernel_read(f, buf, 5, &pos) == 5 && !memcmp(buf, "still", 5));
	fput(f);
	after = global_zone_page_state(NR_SHMEM);
	KT_EXPECT(held == before + 1 && after == before);
	pr_info("vfs: unlink: open file kept its data; Shmem pages %lu -> %lu -> %lu\n",
		before, held, after);
}

KTEST(vfs_tmpfs_mount)
{
	char dir[64], p[96], *text = kmalloc(4096, GFP_KERNEL), *page = kzalloc(PAGE_SIZE, GFP_KERNEL);
	struct seq_buf s;
	struct file *f;
	loff_t pos = 0;
	long n1, n2;

	if (!text || !page || kt_dir("mnt", dir, sizeof(dir)))
		goto out;
	KT_EXPECT(do_mount("tmpfs", dir, "tmpfs", 0, "size=4k") == 0);
	f = filp_open(kt_path(p, sizeof(p), dir, "f"), O_CREAT | O_WRONLY, 0644);
	if (!KT_EXPECT(!IS_ERR(f)))
		goto out;
	n1 = kernel_write(f, page, PAGE_SIZE, &pos);
	n2 = kernel_write(f, page, PAGE_SIZE, &pos);
	KT_EXPECT(n1 == (long)PAGE_SIZE && n2 == -ENOSPC);
	KT_EXPECT(do_umount(dir, 0) == -EBUSY);
	seq_buf_init(&s, text, 4096);
	mounts_show(&s);
	KT_EXPECT(strstr(text, " /tmp/kt-mnt tmpfs rw,relatime,size=4k 0 0\n") != NULL);
	fput(f);
	KT_EXPECT(do_umount(dir, 0) == 0);
	pr_info("vfs: mnt: size=4k gave %ld then %ld; umount busy, then done\n", n1, n2);
out:
	kfree(text);
	kfree(page);
}

static int kt_chr_opens;
static int kt_chr_open(struct inode *inode, struct file *file)
{
	kt_chr_opens++;
	return 0;
}
static const struct file_operations kt_chr_fops = { .open = kt_chr_open };

KTEST(vfs_chrdev)
{
	char dir[64], p[96];
	int major;

	if (kt_dir("chr", dir, sizeof(dir)))
		return;
	major = register_chrdev(0, "ktest", &kt_chr_fops);
	KT_EXPECT(major > 0);
	KT_EXPECT(register_chrdev(major, "again", &kt_chr_fops) == -EBUSY);
	KT_EXPECT(vfs_path_mknod(kt_path(p, sizeof(p), dir, "node"), S_IFCHR | 0600,
				 MKDEV(major, 0)) == 0);
	KT_EXPECT(kt_open(p, O_RDONLY) == 0 && kt_chr_opens == 1);
	KT_EXPECT(vfs_path_mknod(kt_path(p, sizeof(p), dir, "none"), S_IFCHR | 0600,
				 MKDEV(511, 0)) == 0 && kt_open(p, O_RDONLY) == -ENXIO);
	pr_info("vfs: chr: major %d opened through def_chr_fops; no driver: -ENXIO\n", major);
}
