/*
 * Host tests of block/partitions/ (GPT, MBR) and lib/crc32.c: images made
 * at test time by sgdisk, sfdisk, fdisk and scripts/mksdcard.sh (see
 * tests/host/mkpartimg.sh) parsed and compared with what those tools list;
 * damaged copies made here; a fuzz loop over the table sectors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/crc32.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "../../block/partitions/check.h"
#include "capture.h"
#include "test.h"

/* The parsers' buffers: kmalloc stands in for the slab here. */
void *kmalloc(size_t size, gfp_t flags)
{
	return malloc(size);
}

void kfree(const void *p)
{
	free((void *)p);
}

/* ---- the disk: an image in memory, read through a checking callback ---- */

struct disk {
	u8 *data;
	u64 bytes;
	unsigned int lbsize;
	int violations;		/* reads outside the disk or misaligned */
	long fail_at;		/* this sector fails with -EIO (-1: none) */
};

static int disk_read(struct parsed_partitions *state, sector_t sector, void *buf)
{
	struct disk *d = state->private;
	u64 k = d->lbsize / 512;

	if (sector % k || sector > d->bytes / 512 ||
	    sector * 512 + d->lbsize > d->bytes) {
		d->violations++;
		return -EIO;
	}
	if ((long)sector == d->fail_at)
		return -EIO;
	memcpy(buf, d->data + sector * 512, d->lbsize);
	return 0;
}

static char img_dir[512];
static struct parsed_partitions st;

/* Load image @name of the test directory; exits if it is missing. */
static struct disk load(const char *name, unsigned int lbsize)
{
	struct disk d = { .lbsize = lbsize, .fail_at = -1 };
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", img_dir, name);
	f = fopen(path, "rb");
	if (!f) {
		printf("not ok - cannot open %s\n", path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	d.bytes = ftell(f);
	rewind(f);
	d.data = malloc(d.bytes);
	if (fread(d.data, 1, d.bytes, f) != d.bytes)
		exit(1);
	fclose(f);
	return d;
}

/* check_partition on @d as disk @name, messages captured into *@msg. */
static int run(struct disk *d, const char *name, int limit, const char **msg)
{
	int res;

	memset(&st, 0x5a, sizeof(st));	/* the parser must clear what it uses */
	st.name = name;
	st.capacity = d->bytes / 512;
	st.lbsize = d->lbsize;
	st.read_sector = disk_read;
	st.private = d;
	st.limit = limit;
	capture_begin();
	res = check_partition(&st);
	*msg = capture_end();
	return res;
}

/* ---- what the tools said (expect.txt) ---- */

struct expect {
	char img[32];
	int n;
	u64 start, size;
	char name[40];
};
static struct expect expects[512];
static int nr_expects;

static void read_expects(void)
{
	char path[600], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/expect.txt", img_dir);
	f = fopen(path, "r");
	if (!f)
		exit(1);
	while (fgets(line, sizeof(line), f) && nr_expects < 512) {
		struct expect *e = &expects[nr_expects];
		int used = 0;

		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "%31s %d %llu %llu %n", e->img, &e->n,
			   (unsigned long long *)&e->start,
			   (unsigned long long *)&e->size, &used) < 4)
			continue;
		snprintf(e->name, sizeof(e->name), "%s", used ? line + used : "");
		nr_expects++;
	}
	fclose(f);
}

/*
 * Whether st.parts[] is what the tools listed for @img, except partitions
 * in @skip (a bit mask of numbers), which must be empty. An extended
 * partition is expected over its first max(2, lbsize/512) sectors.
 */
static bool parts_match(const char *img, int limit, u64 skip)
{
	bool seen[DISK_MAX_PARTS + 1] = { 0 };
	int i, k = st.lbsize / 512;

	for (i = 0; i < nr_expects; i++) {
		struct expect *e = &expects[i];
		struct parsed_partition *p;
		u64 size = e->size;

		if (strcmp(e->img, img) || e->n > limit)
			continue;
		p = &st.parts[e->n];
		seen[e->n] = true;
		if (e->n < 64 && (skip & (1ull << e->n))) {
			if (p->size) {
				printf("# %s%d should be skipped\n", img, e->n);
				return false;
			}
			continue;
		}
		if (p->flags & ADDPART_FLAG_EXTENDED)
			size = size < (u64)(k > 2 ? k : 2) ? size : (u64)(k > 2 ? k : 2);
		if (p->from != e->start || p->size != size || strcmp(p->name, e->name)) {
			printf("# %s%d: got %llu+%llu '%s', tools say %llu+%llu '%s'\n",
			       img, e->n, (unsigned long long)p->from,
			       (unsigned long long)p->size, p->name,
			       (unsigned long long)e->start,
			       (unsigned long long)size, e->name);
			return false;
		}
	}
	for (i = 1; i <= limit; i++)
		if (!seen[i] && st.parts[i].size) {
			printf("# %s%d found, the tools list none\n", img, i);
			return false;
		}
	return true;
}

/* ---- GPT editing, for the damaged copies ---- */

static u8 *block(struct disk *d, u64 lba)
{
	return d->data + lba * d->lbsize;
}

static u64 last_lba(struct disk *d)
{
	return d->bytes / d->lbsize - 1;
}

static void put_le32(u8 *p, u32 v)
{
	p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}

static void put_le64(u8 *p, u64 v)
{
	put_le32(p, v);
	put_le32(p + 4, v >> 32);
}

/* Recompute the header CRC of the GPT header at @lba (size bounded). */
static void fix_header_crc(struct disk *d, u64 lba)
{
	u8 *h = block(d, lba);
	u32 size = get_le32(h + 12);

	if (size > d->lbsize)
		size = d->lbsize;
	put_le32(h + 16, 0);
	put_le32(h + 16, ~crc32_le(~0u, h, size));
}

/* Recompute both CRCs of the header at @lba, if its entries lie on the disk. */
static void fix_gpt(struct disk *d, u64 lba)
{
	u8 *h = block(d, lba);
	u64 entries = get_le64(h + 72);
	u64 bytes = (u64)get_le32(h + 80) * get_le32(h + 84);

	if (entries <= last_lba(d) && bytes <= d->bytes - entries * d->lbsize)
		put_le32(h + 88, ~crc32_le(~0u, block(d, entries), bytes));
	fix_header_crc(d, lba);
}

/* Entry @n (1-based) of the array the header at @lba points to. */
static u8 *gpt_entry(struct disk *d, u64 lba, int n)
{
	u8 *h = block(d, lba);

	return block(d, get_le64(h + 72)) + (n - 1) * get_le32(h + 84);
}

/* Set entry @n's LBAs in both copies of the table, CRCs fixed. */
static void set_entry(struct disk *d, int n, u64 first, u64 last)
{
	u64 hdr[2] = { 1, last_lba(d) };
	int i;

	for (i = 0; i < 2; i++) {
		put_le64(gpt_entry(d, hdr[i], n) + 32, first);
		put_le64(gpt_entry(d, hdr[i], n) + 40, last);
		fix_gpt(d, hdr[i]);
	}
}

static bool has(const char *msg, const char *want)
{
	if (strstr(msg, want))
		return true;
	printf("# wanted \"%s\" in:\n%s", want, msg);
	return false;
}

/* ---- the tests ---- */

static void test_crc32(void)
{
	const char *fox = "The quick brown fox jumps over the lazy dog";
	u32 c;

	CHECK((~crc32_le(~0u, "123456789", 9)) == 0xcbf43926, "crc32(\"123456789\") = 0xCBF43926");
	CHECK((~crc32_le(~0u, fox, strlen(fox))) == 0x414fa339, "crc32(fox) = 0x414FA339");
	CHECK((~crc32_le(~0u, "", 0)) == 0, "crc32(\"\") = 0");
	c = crc32_le(~0u, "1234", 4);
	CHECK((~crc32_le(c, "56789", 5)) == 0xcbf43926, "crc32 fed in two pieces");
}

static void test_part_name(void)
{
	char buf[16];

	disk_part_name("vda", 1, buf, sizeof(buf));
	CHECK(!strcmp(buf, "vda1"), "vda 1 -> %s", buf);
	disk_part_name("mmcblk0", 2, buf, sizeof(buf));
	CHECK(!strcmp(buf, "mmcblk0p2"), "mmcblk0 2 -> %s", buf);
	disk_part_name("vda", 64, buf, 4);
	CHECK(!strcmp(buf, "vda"), "a short buffer truncates: %s", buf);
}

/* Image @img parses to what the tools listed, pp_buf @pp (NULL: any). */
static void test_image(const char *img, unsigned int lbsize, int limit,
		       const char *pp, const char *want_msg)
{
	struct disk d = load(img, lbsize);
	const char *msg;
	int res = run(&d, "vda", limit, &msg);

	CHECK(res == 1 && parts_match(img, limit, 0), "%s (%u-byte blocks, limit %d): partitions as the tools list them", img, lbsize, limit);
	if (pp)
		CHECK(!strcmp(st.pp_buf, pp), "%s: pp_buf \"%s\"", img, st.pp_buf);
	if (want_msg)
		CHECK(has(msg, want_msg), "%s: \"%s\"", img, want_msg);
	else
		CHECK(msg[0] == '\0', "%s: no messages", img);
	CHECK(d.violations == 0, "%s: no read outside the disk", img);
	free(d.data);
}

static void test_good_images(void)
{
	struct disk d;
	const char *msg;

	test_image("gpt1.img", 512, 64, " vda1", NULL);
	test_image("gpt4.img", 512, 64, " vda1 vda2 vda3 vda4", NULL);
	test_image("gpt128.img", 512, 64, NULL, "vda: GPT: 64 used entries past partition 64 ignored");
	test_image("sdcard.img", 512, 64, " vda1 vda2 vda3 vda4", NULL);
	test_image("gpt4k.img", 4096, 64, " vda1 vda2 vda3", NULL);
	test_image("mbr4.img", 512, 64, " vda1 vda2 vda3 vda4", NULL);
	test_image("mbrext.img", 512, 64, " vda1 vda2 < vda5 vda6 vda7 >", NULL);
	test_image("mbr4k.img", 4096, 64, " vda1 vda2", NULL);
	test_image("gpt4.img", 512, 2, " vda1 vda2", "vda: GPT: 2 used entries past partition 2 ignored");

	d = load("gpt1.img", 512);
	run(&d, "mmcblk0", 64, &msg);
	CHECK(!strcmp(st.pp_buf, " mmcblk0p1"), "mmcblk0: pp_buf \"%s\"", st.pp_buf);
	free(d.data);
	d = load("none.img", 512);
	CHECK(run(&d, "vda", 64, &msg) == 0 && !st.parts[1].size, "no table: 0, no partitions");
	CHECK(!strcmp(st.pp_buf, " unknown partition table"), "no table: pp_buf \"%s\"", st.pp_buf);
	free(d.data);
}

/* gpt4.img with one primary-header field set to @v (CRC fixed): backup used. */
static void test_bad_field(int off, int width, u64 v, const char *want)
{
	struct disk d = load("gpt4.img", 512);
	const char *msg;

	if (width == 4)
		put_le32(block(&d, 1) + off, v);
	else
		put_le64(block(&d, 1) + off, v);
	fix_header_crc(&d, 1);
	CHECK(run(&d, "vda", 64, &msg) == 1 && parts_match("gpt4.img", 64, 0) &&
	      has(msg, want), "%s", want);
	free(d.data);
}

static void test_damaged_gpt(void)
{
	struct disk d;
	const char *msg;

	d = load("gpt4.img", 512);
	block(&d, 1)[16] ^= 1;
	CHECK(run(&d, "vda", 64, &msg) == 1 && parts_match("gpt4.img", 64, 0) &&
	      has(msg, "vda: GPT: primary header CRC mismatch, using the backup"),
	      "primary header CRC flipped: the backup is used");
	block(&d, last_lba(&d))[0] ^= 1;
	CHECK(run(&d, "vda", 64, &msg) == 0 && !st.parts[1].size &&
	      has(msg, "no valid GPT, whole disk used") && d.violations == 0,
	      "both headers broken: no table, whole disk usable");
	free(d.data);

	d = load("gpt4.img", 512);
	gpt_entry(&d, 1, 1)[56] ^= 1;
	CHECK(run(&d, "vda", 64, &msg) == 1 && parts_match("gpt4.img", 64, 0) &&
	      has(msg, "vda: GPT: primary entries CRC mismatch, using the backup"),
	      "primary entries CRC broken: the backup is used");
	free(d.data);

	d = load("gpt4.img", 512);
	block(&d, last_lba(&d))[20] ^= 1;
	fix_header_crc(&d, last_lba(&d));
	block(&d, last_lba(&d))[16] ^= 1;
	CHECK(run(&d, "vda", 64, &msg) == 1 && parts_match("gpt4.img", 64, 0) &&
	      has(msg, "vda: GPT: backup header CRC mismatch, using the primary"),
	      "backup header broken: the primary is used, with a message");
	free(d.data);

	d = load("gpt4.img", 512);
	set_entry(&d, 3, 6144, 20000);
	CHECK(run(&d, "vda", 64, &msg) == 1 && parts_match("gpt4.img", 64, 1 << 3) &&
	      has(msg, "vda: GPT: entry 3 [6144..20000] extends past the end of the disk (16384 sectors), ignored"),
	      "an entry past the end is skipped, the others kept");
	free(d.data);

	d = load("gpt4.img", 512);
	set_entry(&d, 4, 7000, 9000);
	CHECK(run(&d, "vda", 64, &msg) == 1 && parts_match("gpt4.img", 64, 1 << 4) &&
	      has(msg, "vda: GPT: entry 4 [7000..9000] overlaps entry 3, ignored"),
	      "overlapping entries: the later one is skipped");
	free(d.data);

	d = load("gpt4.img", 512);
	set_entry(&d, 2, 5000, 4000);
	CHECK(run(&d, "vda", 64, &msg) == 1 && parts_match("gpt4.img", 64, 1 << 2) &&
	      has(msg, "vda: GPT: entry 2 [5000..4000] ends before it starts, ignored"),
	      "an entry ending before its start is skipped");
	set_entry(&d, 2, 10, 20);
	CHECK(run(&d, "vda", 64, &msg) == 1 && parts_match("gpt4.img", 64, 1 << 2) &&
	      has(msg, "vda: GPT: entry 2 [10..20] outside the usable LBAs [34..16350], ignored"),
	      "an entry over the table itself is skipped");
	free(d.data);

	test_bad_field(84, 4, 64, "vda: GPT: primary entry size 64 invalid, using the backup");
	test_bad_field(40, 8, 20000, "vda: GPT: primary first usable LBA 20000 > last usable LBA 16350, using the backup");
	test_bad_field(48, 8, 16384, "vda: GPT: primary last usable LBA 16384 past the end of the disk (16384 sectors), using the backup");
	test_bad_field(80, 4, 1000000, "vda: GPT: primary entries [LBA 2..250001] beyond the disk (16384 sectors), using the backup");
	test_bad_field(12, 4, 600, "vda: GPT: primary header size 600 out of range, using the backup");
	test_bad_field(24, 8, 7, "vda: GPT: primary header at LBA 1 claims LBA 7, using the backup");

	d = load("gpt4k.img", 4096);
	block(&d, 1)[16] ^= 1;
	CHECK(run(&d, "vda", 64, &msg) == 1 && parts_match("gpt4k.img", 64, 0) &&
	      has(msg, "vda: GPT: primary header CRC mismatch, using the backup"),
	      "4096-byte blocks: primary header CRC flipped, the backup is used");
	free(d.data);

	d = load("gpt4.img", 512);
	memset(d.data, 0, 512);
	CHECK(run(&d, "vda", 64, &msg) == 0 && !st.parts[1].size,
	      "a GPT without its protective MBR is not used (as Linux)");
	d.fail_at = 1;
	d.data[510] = 0x55, d.data[511] = 0xaa, d.data[0x1be + 4] = 0xee;
	CHECK(run(&d, "vda", 64, &msg) == -EIO &&
	      !strcmp(st.pp_buf, " unable to read partition table"),
	      "a failing read: -EIO, \"%s\"", st.pp_buf);
	free(d.data);
}

/* The EBR sectors of mbrext.img, in chain order; returns how many. */
static int ebr_chain(struct disk *d, u64 *ebr, int max)
{
	u64 ext = get_le32(d->data + 0x1be + 16 + 8), at = ext;
	int n = 0;

	while (n < max) {
		u8 *link = d->data + at * 512 + 0x1be + 16;

		ebr[n++] = at;
		if (!get_le32(link + 12))
			break;
		at = ext + get_le32(link + 8);
	}
	return n;
}

static void test_damaged_mbr(void)
{
	struct disk d;
	const char *msg;
	u64 ebr[8];
	int n;
	u8 *link;

	d = load("mbr4.img", 512);
	put_le32(d.data + 0x1be + 3 * 16 + 12, 0x7fffffff);
	CHECK(run(&d, "vda", 64, &msg) == 1 && parts_match("mbr4.img", 64, 1 << 4) &&
	      has(msg, "vda: MBR: partition 4 [6144..2147489790] extends past the end of the disk (8192 sectors), ignored"),
	      "an MBR partition past the end is skipped");
	free(d.data);

	d = load("mbrext.img", 512);
	n = ebr_chain(&d, ebr, 8);
	CHECK(n == 3, "mbrext.img has 3 EBRs");
	link = d.data + ebr[n - 1] * 512 + 0x1be + 16;
	link[4] = 0x05;
	put_le32(link + 8, 0);
	put_le32(link + 12, 1);
	CHECK(run(&d, "vda", 64, &msg) == 1 && parts_match("mbrext.img", 64, 0) &&
	      !strcmp(st.pp_buf, " vda1 vda2 < vda5 vda6 vda7 >") &&
	      has(msg, "vda: MBR: EBR chain loops back to LBA 4096, stopped"),
	      "an EBR loop is reported and stopped, partitions kept");
	put_le32(link + 8, 100000);
	CHECK(run(&d, "vda", 64, &msg) == 1 && parts_match("mbrext.img", 64, 0) &&
	      has(msg, "vda: MBR: EBR at LBA 104096 outside the extended partition, chain stopped") &&
	      d.violations == 0, "an EBR link out of the extended partition is not followed");
	free(d.data);
}

/* Every partition inside the disk and not over another (GPT only). */
static bool parts_sane(struct parsed_partitions *s, bool gpt)
{
	int i, j;

	for (i = 1; i <= DISK_MAX_PARTS; i++) {
		struct parsed_partition *p = &s->parts[i];

		if (!p->size)
			continue;
		if (p->from + p->size > s->capacity || p->from + p->size < p->from)
			return false;
		for (j = 1; gpt && j < i; j++)
			if (s->parts[j].size && p->from < s->parts[j].from + s->parts[j].size &&
			    s->parts[j].from < p->from + p->size)
				return false;
	}
	return memchr(s->pp_buf, 0, sizeof(s->pp_buf)) != NULL;
}

/*
 * @iters rounds of 1..8 random byte changes in @img's table blocks @lbas,
 * half of them with the GPT CRCs made right again so the field checks are
 * reached. No crash, no read outside the disk, results in range.
 */
static void fuzz(const char *img, unsigned int lbsize, const u64 *lbas, int nr,
		 int iters, bool gpt)
{
	struct disk d = load(img, lbsize);
	u8 *orig = malloc(d.bytes);
	int i, j, bad = 0, found = 0, res;
	const char *msg;

	memcpy(orig, d.data, d.bytes);
	srand(1);
	for (i = 0; i < iters; i++) {
		int flips = 1 + rand() % 8;

		for (j = 0; j < flips; j++) {
			u64 lba = lbas[rand() % nr];
			u32 off = rand() % (rand() % 2 ? 128 : lbsize);

			block(&d, lba)[off] = rand() % 3 ? rand() : block(&d, lba)[off] ^ (1 << (rand() % 8));
		}
		if (gpt && rand() % 2) {
			fix_gpt(&d, 1);
			fix_gpt(&d, last_lba(&d));
		}
		res = run(&d, "vda", 64, &msg);
		found += res == 1;
		if ((res != 0 && res != 1) || !parts_sane(&st, gpt))
			bad++;
		for (j = 0; j < nr; j++)
			memcpy(block(&d, lbas[j]), orig + lbas[j] * lbsize, lbsize);
	}
	CHECK(bad == 0 && d.violations == 0,
	      "fuzz %s: %d rounds, %d found a table, %d bad results, %d reads outside the disk",
	      img, iters, found, bad, d.violations);
	free(orig);
	free(d.data);
}

static void test_fuzz(void)
{
	/* MBR, primary header and entries, backup header and entries */
	u64 gpt[] = { 0, 1, 2, 16383, 16383 - 32 };	/* gpt4.img: 16384 blocks */
	u64 gpt4k[] = { 0, 1, 2, 2047, 2047 - 4 };	/* 2048 blocks of 4096 */
	u64 mbr[8];
	struct disk d = load("mbrext.img", 512);
	int n;

	mbr[0] = 0;
	n = ebr_chain(&d, mbr + 1, 7);
	free(d.data);
	fuzz("gpt4.img", 512, gpt, 5, 3000, true);
	fuzz("gpt4k.img", 4096, gpt4k, 5, 1000, true);
	fuzz("mbrext.img", 512, mbr, n + 1, 3000, false);
}

/* Make the images (mkpartimg.sh) next to this program, once per build. */
static void make_images(const char *argv0)
{
	char cmd[1200];
	const char *slash = strrchr(argv0, '/');

	snprintf(img_dir, sizeof(img_dir), "%.*s/partimg",
		 slash ? (int)(slash - argv0) : 1, slash ? argv0 : ".");
	snprintf(cmd, sizeof(cmd), "timeout 120 bash tests/host/mkpartimg.sh %s", img_dir);
	CHECK(system(cmd) == 0, "images made by sgdisk/sfdisk/fdisk/mksdcard.sh in %s", img_dir);
}

int main(int argc, char **argv)
{
	make_images(argv[0]);
	read_expects();
	CHECK(nr_expects > 128 + 20, "the tools listed %d partitions", nr_expects);
	test_crc32();
	test_part_name();
	test_good_images();
	test_damaged_gpt();
	test_damaged_mbr();
	test_fuzz();
	return test_exit();
}
