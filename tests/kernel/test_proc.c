/*
 * In-kernel tests of procfs, /dev and the wall clock (ktest=proc): /proc
 * files read through filp_open + kernel_read (meminfo parses and matches
 * totalram_pages; a big file read in small chunks is the whole text; the
 * directory lists its entries), /proc/sys/vm writes (values, ranges,
 * garbage), /dev/null, zero, full, urandom and console, the disks' nodes,
 * ChaCha20 against RFC 7539's vector, time64_to_tm, and the RTC's time.
 * If boot did not mount /proc or /dev the tests do, and say so.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/writeback.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/genhd.h>
#include <linux/jiffies.h>
#include <linux/proc_fs.h>
#include <linux/devtmpfs.h>
#include <linux/random.h>
#include <linux/timekeeping.h>
#include <asm/page.h>

#define TEXT_MAX	(1UL << 20)

/* /proc and /dev ready: mounted at boot, or here (reported, so a boot that forgot shows). */
static void proc_test_setup(void)
{
	struct path path;

	if (kern_path("/proc/meminfo", LOOKUP_FOLLOW, &path) == 0) {
		path_put(&path);
	} else {
		pr_warn("proc: /proc/meminfo missing at boot: mounting proc on /proc here\n");
		if (!get_fs_type("proc"))
			proc_root_init();
		vfs_path_mkdir("/proc", 0555);
		KT_EXPECT(do_mount("proc", "/proc", "proc", 0, NULL) == 0);
	}
	if (kern_path("/dev/null", LOOKUP_FOLLOW, &path) == 0) {
		path_put(&path);
	} else {
		pr_warn("proc: /dev/null missing at boot: mounting devtmpfs on /dev here\n");
		KT_EXPECT(devtmpfs_mount("/dev") == 0);
	}
}

/*
 * Reads @name from offset 0 on in reads of @chunk bytes into @buf until
 * @size bytes or the end: the bytes read, or -Exxx from open or read.
 * Counts the bytes itself: devices need not move the position.
 */
static ssize_t read_file(const char *name, char *buf, size_t size, size_t chunk)
{
	struct file *f = filp_open(name, O_RDONLY, 0);
	loff_t pos = 0;
	size_t done = 0;
	ssize_t n = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	while (done < size) {
		n = kernel_read(f, buf + done, min_t(size_t, chunk, size - done), &pos);
		if (n <= 0)
			break;
		done += n;
	}
	filp_close(f);
	return n < 0 ? n : (ssize_t)done;
}

/* Writes @s at offset 0 of @name (opened write-only): kernel_write's result or the open's error. */
static ssize_t write_file(const char *name, const char *s)
{
	struct file *f = filp_open(name, O_WRONLY, 0);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, s, strlen(s), &pos);
	filp_close(f);
	return n;
}

/*
 * One meminfo line, @line up to its '\n' at @nl: "Name:", spaces, a
 * number, " kB". 0 with the name's length and the value, or -EINVAL.
 */
static int parse_meminfo_line(const char *line, const char *nl, size_t *namelen,
			      unsigned long *val)
{
	const char *colon = strchr(line, ':'), *p;
	char num[24];
	size_t len;

	if (!colon || colon > nl || nl - colon < 5 || memcmp(nl - 3, " kB", 3))
		return -EINVAL;
	for (p = colon + 1; *p == ' '; p++)
		;
	len = nl - 3 - p;
	if (!len || len >= sizeof(num))
		return -EINVAL;
	memcpy(num, p, len);
	num[len] = 0;
	*namelen = colon - line;
	return kstrtoul(num, 10, val);
}

/* The value of line @name in a meminfo @text, or -1; *@bad_lines counts lines of another form. */
static long meminfo_value(const char *text, const char *name, int *bad_lines)
{
	const char *line = text, *nl;
	long found = -1;

	*bad_lines = 0;
	for (; *line; line = nl + 1) {
		unsigned long v;
		size_t len;

		nl = strchr(line, '\n');
		if (!nl) {
			(*bad_lines)++;
			break;
		}
		if (parse_meminfo_line(line, nl, &len, &v))
			(*bad_lines)++;
		else if (len == strlen(name) && !memcmp(line, name, len))
			found = v;
	}
	return found;
}

KTEST(proc_meminfo)
{
	char *buf = kzalloc(8192, GFP_KERNEL);
	ssize_t len;
	int bad;

	proc_test_setup();
	KT_EXPECT(buf);
	if (!buf)
		return;
	len = read_file("/proc/meminfo", buf, 8191, 8191);
	KT_EXPECT_MSG(len > 0, "read /proc/meminfo: %ld", (long)len);
	if (len > 0) {
		buf[len] = 0;
		KT_EXPECT(!strncmp(buf, "MemTotal:", 9));
		KT_EXPECT(meminfo_value(buf, "MemTotal", &bad) ==
			  (long)(totalram_pages() * (PAGE_SIZE / 1024)));
		KT_EXPECT_MSG(bad == 0, "%d lines of /proc/meminfo are not 'Name: N kB'", bad);
		KT_EXPECT(meminfo_value(buf, "Buffers", &bad) >= 0);
		KT_EXPECT(meminfo_value(buf, "Cached", &bad) >= 0);
		KT_EXPECT(meminfo_value(buf, "VmallocTotal", &bad) > 0);
	}
	kfree(buf);
}

/* Reads @name whole, then again in @chunk-byte reads after a seek to 0 (the same text): equal. */
static ssize_t check_chunked(const char *name, char *whole, char *parts, size_t chunk)
{
	struct file *f = filp_open(name, O_RDONLY, 0);
	loff_t pos = 0, len;
	ssize_t n;

	if (!KT_EXPECT_MSG(!IS_ERR(f), "open %s: %ld", name, PTR_ERR(f)))
		return -1;
	len = kernel_read(f, whole, TEXT_MAX, &pos);
	KT_EXPECT_MSG(len > 0 && len < (loff_t)TEXT_MAX, "%s: one read gave %ld", name, (long)len);
	KT_EXPECT(vfs_llseek(f, 0, SEEK_END) == len);
	KT_EXPECT(vfs_llseek(f, 0, SEEK_SET) == 0);
	pos = 0;
	while ((n = kernel_read(f, parts + pos, chunk, &pos)) > 0)
		;
	KT_EXPECT_MSG(n == 0 && pos == len, "%s: chunked reads end at %ld (%ld), whole %ld",
		      name, (long)pos, (long)n, (long)len);
	KT_EXPECT_MSG(len > 0 && !memcmp(whole, parts, len), "%s: chunks differ from the text", name);
	filp_close(f);
	return len;
}

KTEST(proc_big_file_chunks)
{
	char *whole = vmalloc(TEXT_MAX), *parts = vmalloc(TEXT_MAX);
	ssize_t slab, zone;

	proc_test_setup();
	if (!KT_EXPECT(whole && parts))
		goto out;
	slab = check_chunked("/proc/slabinfo", whole, parts, 7);
	KT_EXPECT(slab > 0 && !strncmp(whole, "slabinfo - version: 2.1\n", 24));
	zone = check_chunked("/proc/zoneinfo", whole, parts, 100);
	KT_EXPECT_MSG(slab > (ssize_t)PAGE_SIZE || zone > (ssize_t)PAGE_SIZE,
		      "neither text is over a page (%ld, %ld): the retry path did not run",
		      (long)slab, (long)zone);
	pr_info("proc: big_file_chunks: slabinfo %ld bytes in 7-byte reads, zoneinfo %ld bytes\n",
		(long)slab, (long)zone);
out:
	vfree(whole);
	vfree(parts);
}

/* Names seen by proc_readdir_names's actor. */
struct name_list {
	struct dir_context ctx;
	char names[1024];
	size_t len;
};

/* filldir_t: appends " name" to the list; stops when it is full. */
static int collect_name(struct dir_context *ctx, const char *name, int namelen,
			loff_t offset, u64 ino, unsigned int d_type)
{
	struct name_list *l = container_of(ctx, struct name_list, ctx);

	if (l->len + namelen + 2 > sizeof(l->names))
		return 1;
	l->names[l->len++] = ' ';
	memcpy(l->names + l->len, name, namelen);
	l->len += namelen;
	l->names[l->len] = 0;
	return 0;
}

KTEST(proc_readdir)
{
	static const char *const want[] = { " . ", " .. ", " meminfo ", " zoneinfo ", " slabinfo ",
		" vmstat ", " uptime ", " mounts ", " filesystems ", " partitions ", " sys " };
	struct name_list *l = kzalloc(sizeof(*l), GFP_KERNEL);
	struct file *f;

	proc_test_setup();
	if (!KT_EXPECT(l))
		return;
	l->ctx.actor = collect_name;
	f = filp_open("/proc", O_RDONLY | O_DIRECTORY, 0);
	if (KT_EXPECT(!IS_ERR(f))) {
		KT_EXPECT(iterate_dir(f, &l->ctx) == 0);
		filp_close(f);
		collect_name(&l->ctx, "", 0, 0, 0, 0);	/* a trailing space */
		for (unsigned int i = 0; i < ARRAY_SIZE(want); i++)
			KT_EXPECT_MSG(strstr(l->names, want[i]), "/proc lacks%s:%s", want[i], l->names);
	}
	kfree(l);
}

KTEST(proc_drop_caches)
{
	const char *path = "/proc/sys/vm/drop_caches";
	unsigned long before = all_vm_events(DROP_PAGECACHE);
	struct file *f;

	proc_test_setup();
	KT_EXPECT(write_file(path, "1") == 1);
	KT_EXPECT(all_vm_events(DROP_PAGECACHE) == before + 1);
	KT_EXPECT(write_file(path, "3\n") == 2);
	KT_EXPECT(write_file(path, "x") == -EINVAL);
	KT_EXPECT(write_file(path, "1x") == -EINVAL);
	KT_EXPECT(write_file(path, "0") == -EINVAL);
	KT_EXPECT(write_file(path, "5") == -EINVAL);
	KT_EXPECT(write_file(path, "99999999999999999999") == -EINVAL);
	KT_EXPECT(all_vm_events(DROP_PAGECACHE) == before + 2);
	f = filp_open(path, O_RDONLY, 0);
	KT_EXPECT_MSG(IS_ERR(f) && PTR_ERR(f) == -EACCES, "drop_caches is write-only (0200)");
	if (!IS_ERR(f))
		filp_close(f);
}

/* The value /proc/sys/vm/@name reads as, or -1. */
static int read_sysctl(const char *name)
{
	char path[64], buf[24];
	ssize_t n;
	int v;

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	n = read_file(path, buf, sizeof(buf) - 1, 3);	/* small reads of "%d\n" */
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return kstrtoint(buf, 10, &v) ? -1 : v;
}

KTEST(proc_sysctl_vm)
{
	int old_ratio = vm_dirty_ratio, old_bg = dirty_background_ratio;
	unsigned int old_expire = dirty_expire_interval;
	int old_min = min_free_kbytes;
	char s[24];

	proc_test_setup();
	KT_EXPECT(read_sysctl("dirty_ratio") == old_ratio);
	KT_EXPECT(read_sysctl("dirty_writeback_centisecs") == (int)dirty_writeback_interval);
	KT_EXPECT(write_file("/proc/sys/vm/dirty_ratio", "37\n") == 3);
	KT_EXPECT(vm_dirty_ratio == 37 && read_sysctl("dirty_ratio") == 37);
	KT_EXPECT(write_file("/proc/sys/vm/dirty_ratio", "101") == -EINVAL);
	KT_EXPECT(write_file("/proc/sys/vm/dirty_ratio", "-1") == -EINVAL);
	KT_EXPECT(write_file("/proc/sys/vm/dirty_ratio", "ten") == -EINVAL);
	KT_EXPECT(vm_dirty_ratio == 37);
	KT_EXPECT(write_file("/proc/sys/vm/dirty_background_ratio", "5") == 1 &&
		  dirty_background_ratio == 5);
	KT_EXPECT(write_file("/proc/sys/vm/dirty_expire_centisecs", "1234") == 4 &&
		  dirty_expire_interval == 1234);
	KT_EXPECT(write_file("/proc/sys/vm/dirty_expire_centisecs", "-5") == -EINVAL);
	snprintf(s, sizeof(s), "%d", old_min + 64);
	KT_EXPECT(write_file("/proc/sys/vm/min_free_kbytes", s) == (ssize_t)strlen(s));
	KT_EXPECT(min_free_kbytes == old_min + 64 && read_sysctl("min_free_kbytes") == old_min + 64);
	snprintf(s, sizeof(s), "%d", old_ratio);
	KT_EXPECT(write_file("/proc/sys/vm/dirty_ratio", s) > 0);
	snprintf(s, sizeof(s), "%d", old_bg);
	KT_EXPECT(write_file("/proc/sys/vm/dirty_background_ratio", s) > 0);
	snprintf(s, sizeof(s), "%u", old_expire);
	KT_EXPECT(write_file("/proc/sys/vm/dirty_expire_centisecs", s) > 0);
	snprintf(s, sizeof(s), "%d", old_min);
	KT_EXPECT(write_file("/proc/sys/vm/min_free_kbytes", s) > 0 && min_free_kbytes == old_min);
}

/* "A.BB C.DD\n" into centiseconds @a and @b: 0 or -EINVAL. */
static int parse_uptime(char *buf, unsigned long *a, unsigned long *b)
{
	unsigned long v[4];
	char *p = buf, *fields[4];

	for (int i = 0; i < 4; i++) {
		fields[i] = strsep(&p, i % 2 ? (i == 1 ? " " : "\n") : ".");
		if (!fields[i] || !p || (i % 2 && strlen(fields[i]) != 2) || kstrtoul(fields[i], 10, &v[i]))
			return -EINVAL;
	}
	if (*p)
		return -EINVAL;
	*a = v[0] * 100 + v[1];
	*b = v[2] * 100 + v[3];
	return 0;
}

KTEST(proc_uptime)
{
	char buf[64];
	unsigned long up, idle, now;
	ssize_t n;

	proc_test_setup();
	n = read_file("/proc/uptime", buf, sizeof(buf) - 1, sizeof(buf));
	now = ktime_get_ns() / 10000000;
	if (!KT_EXPECT(n > 0))
		return;
	buf[n] = 0;
	if (!KT_EXPECT_MSG(parse_uptime(buf, &up, &idle) == 0, "/proc/uptime reads '%s'", buf))
		return;
	KT_EXPECT_MSG(up <= now && now - up < 100, "uptime %lu cs, ktime %lu cs", up, now);
	KT_EXPECT(idle <= up);
}

/* All @n bytes of @p are @c? */
static bool all_bytes(const char *p, size_t n, char c)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return false;
	return true;
}

KTEST(proc_dev_null_zero_full)
{
	static const char msg[] = "proc: /dev/console write reached the console\n";
	char *buf = kmalloc(4096, GFP_KERNEL);

	proc_test_setup();
	if (!KT_EXPECT(buf))
		return;
	memset(buf, 0x5a, 4096);
	KT_EXPECT(read_file("/dev/null", buf, 4096, 4096) == 0);
	KT_EXPECT(write_file("/dev/null", "swallowed") == 9);
	KT_EXPECT(read_file("/dev/zero", buf, 4096, 1000) == 4096 && all_bytes(buf, 4096, 0));
	KT_EXPECT(write_file("/dev/zero", "swallowed") == 9);
	memset(buf, 0x5a, 4096);
	KT_EXPECT(read_file("/dev/full", buf, 512, 512) == 512 && all_bytes(buf, 512, 0));
	KT_EXPECT(write_file("/dev/full", "x") == -ENOSPC);
	KT_EXPECT(write_file("/dev/console", msg) == (ssize_t)strlen(msg));
	kfree(buf);
}

KTEST(proc_dev_urandom)
{
	char a[64], b[64];

	proc_test_setup();
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	KT_EXPECT(read_file("/dev/urandom", a, sizeof(a), sizeof(a)) == sizeof(a));
	KT_EXPECT(read_file("/dev/random", b, sizeof(b), 13) == sizeof(b));
	KT_EXPECT(memcmp(a, b, sizeof(a)) != 0);
	KT_EXPECT(!all_bytes(a, sizeof(a), 0) && !all_bytes(b, sizeof(b), 0));
	KT_EXPECT(write_file("/dev/urandom", "more entropy, none credited") == 27);
}

/* Where proc_dev_disks's check stands. */
struct disk_check {
	int nodes, bad;
	char names[256];
};

/* for_each_bdev: /dev/NAME must be a block node with this device's number. */
static void check_disk_node(struct block_device *bdev, void *arg)
{
	struct disk_check *c = arg;
	char path[64];
	struct kstat st;
	size_t l = strlen(c->names);

	snprintf(path, sizeof(path), "/dev/%s", bdev->bd_part->name);
	if (vfs_path_stat(path, &st, true) || !S_ISBLK(st.mode) || st.rdev != bdev->bd_dev) {
		pr_err("proc: %s is not block device (%u,%u)\n", path, MAJOR(bdev->bd_dev),
		       MINOR(bdev->bd_dev));
		c->bad++;
		return;
	}
	c->nodes++;
	snprintf(c->names + l, sizeof(c->names) - l, " %s", bdev->bd_part->name);
}

KTEST(proc_dev_disks)
{
	struct disk_check c = { 0 };
	struct kstat st;

	proc_test_setup();
	for_each_bdev(check_disk_node, &c);
	KT_EXPECT(c.bad == 0);
	KT_EXPECT(vfs_path_stat("/dev/null", &st, true) == 0 && S_ISCHR(st.mode) &&
		  st.rdev == MKDEV(1, 3));
	KT_EXPECT(vfs_path_stat("/dev/console", &st, true) == 0 && st.rdev == MKDEV(5, 1));
	pr_info("proc: dev: %d block nodes:%s\n", c.nodes, c.names);
}

KTEST(proc_chacha20_rfc7539)
{
	/* RFC 7539 2.3.2: key 00..1f, nonce 00:00:00:09 00:00:00:4a 00:00:00:00, counter 1. */
	static const u32 want[16] = {
		0xe4e7f110, 0x15593bd1, 0x1fdd0f50, 0xc47120a3, 0xc7f4d1c7, 0x0368c033,
		0x9aaa2204, 0x4e6cd4c3, 0x466482d2, 0x09aa9f07, 0x05d7c214, 0xa2028bd9,
		0xd19c12b5, 0xb94e16de, 0xe883d0cb, 0x4e3c50a2,
	};
	u32 key[8], nonce[3] = { 0x09000000, 0x4a000000, 0 };
	u8 out[64];
	int bad = 0;

	for (int i = 0; i < 8; i++)
		key[i] = (4 * i) | (4 * i + 1) << 8 | (4 * i + 2) << 16 | (u32)(4 * i + 3) << 24;
	chacha20_block(key, 1, nonce, out);
	for (int i = 0; i < 16; i++) {
		u32 w = out[4 * i] | out[4 * i + 1] << 8 | out[4 * i + 2] << 16 | (u32)out[4 * i + 3] << 24;

		bad += w != want[i];
	}
	KT_EXPECT_MSG(bad == 0, "%d of 16 words differ from RFC 7539 2.3.2", bad);
	KT_EXPECT(out[0] == 0x10 && out[1] == 0xf1 && out[63] == 0x4e);
}

/* @t as time64_to_tm has it equals the date given? */
static bool tm_is(time64_t t, long y, int mon, int d, int h, int mi, int s, int wd, int yd)
{
	struct tm tm;

	time64_to_tm(t, 0, &tm);
	if (tm.tm_year + 1900 == y && tm.tm_mon + 1 == mon && tm.tm_mday == d && tm.tm_hour == h &&
	    tm.tm_min == mi && tm.tm_sec == s && tm.tm_wday == wd && tm.tm_yday == yd)
		return true;
	pr_err("proc: time64_to_tm(%lld) = %ld-%d-%d %d:%d:%d wday %d yday %d\n", (long long)t,
	       tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	       tm.tm_wday, tm.tm_yday);
	return false;
}

KTEST(proc_time64_to_tm)
{
	KT_EXPECT(tm_is(0, 1970, 1, 1, 0, 0, 0, 4, 0));
	KT_EXPECT(tm_is(-1, 1969, 12, 31, 23, 59, 59, 3, 364));
	KT_EXPECT(tm_is(951782400, 2000, 2, 29, 0, 0, 0, 2, 59));
	KT_EXPECT(tm_is(951868800, 2000, 3, 1, 0, 0, 0, 3, 60));
	KT_EXPECT(tm_is(1709251199, 2024, 2, 29, 23, 59, 59, 4, 59));
	KT_EXPECT(tm_is(1735689599, 2024, 12, 31, 23, 59, 59, 2, 365));
	KT_EXPECT(tm_is(4107542400LL, 2100, 3, 1, 0, 0, 0, 1, 59));
	KT_EXPECT(tm_is(-2208988800LL, 1900, 1, 1, 0, 0, 0, 1, 0));
}

KTEST(proc_rtc_wall_clock)
{
	struct timespec64 a = ktime_get_real_ts64(), b;
	s64 k0 = ktime_get_ns(), k1, wall, mono;

	msleep(20);
	b = ktime_get_real_ts64();
	k1 = ktime_get_ns();
	wall = (b.tv_sec - a.tv_sec) * NSEC_PER_SEC + (b.tv_nsec - a.tv_nsec);
	mono = k1 - k0;
	KT_EXPECT(a.tv_nsec >= 0 && a.tv_nsec < NSEC_PER_SEC);
	KT_EXPECT_MSG(wall > 0 && wall - mono < 1000000 && mono - wall < 1000000,
		      "wall clock moved %lld ns while the uptime moved %lld", (long long)wall,
		      (long long)mono);
	KT_EXPECT_MSG(a.tv_sec > 1577836800, "wall clock %lld is before 2020: no RTC?",
		      (long long)a.tv_sec);
	pr_info("proc: rtc: wall clock %lld\n", (long long)ktime_get_real_seconds());
}
