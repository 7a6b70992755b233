/* Host-test device-tree helpers (see dtb_util.h). */
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <linux/fdt.h>
#include <linux/string.h>
#include "dtb_util.h"
#include "test.h"

const char *dtb_dir = ".cache/dtbs";

void dtb_dir_from_args(int argc, char **argv)
{
	if (argc > 1)
		dtb_dir = argv[1];
	else if (getenv("RIVET_DTB_DIR"))
		dtb_dir = getenv("RIVET_DTB_DIR");
}

struct blob load_dtb(const char *name)
{
	struct blob b = { NULL, 0 };
	char path[512];
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dtb_dir, name);
	f = fopen(path, "rb");
	if (!f)
		return b;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b.data = malloc(n);
	if (b.data && fread(b.data, 1, n, f) == (size_t)n)
		b.size = n;
	fclose(f);
	return b;
}

struct blob need_dtb(const char *name)
{
	struct blob b = load_dtb(name);

	CHECK(b.size > 0, "DTB %s/%s present (if not: bash scripts/fetch-dtbs.sh %s)",
	      dtb_dir, name, dtb_dir);
	return b;
}

static int saved_stdout = -1;

void quiet(bool on)
{
	fflush(stdout);
	if (on) {
		int null = open("/dev/null", O_WRONLY);

		saved_stdout = dup(1);
		dup2(null, 1);
		close(null);
	} else {
		dup2(saved_stdout, 1);
		close(saved_stdout);
	}
}

void put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* ---- the builder --------------------------------------------------------- */

void b_reset(struct builder *b)
{
	memset(b, 0, sizeof(*b));
}

static void b_u32(struct builder *b, u32 v)
{
	put_be32(b->st + b->stlen, v);
	b->stlen += 4;
}

static void b_bytes(struct builder *b, const void *p, int len)
{
	if (len)
		memcpy(b->st + b->stlen, p, len);
	b->stlen += len;
	while (b->stlen & 3)
		b->st[b->stlen++] = 0;
}

void b_begin(struct builder *b, const char *name)
{
	b_u32(b, FDT_BEGIN_NODE);
	b_bytes(b, name, strlen(name) + 1);
}

void b_end(struct builder *b)
{
	b_u32(b, FDT_END_NODE);
}

static int b_string(struct builder *b, const char *s)
{
	int off = b->strslen;

	memcpy(b->strs + off, s, strlen(s) + 1);
	b->strslen += strlen(s) + 1;
	return off;
}

void b_prop(struct builder *b, const char *name, const void *val, int len)
{
	b_u32(b, FDT_PROP);
	b_u32(b, len);
	b_u32(b, b_string(b, name));
	b_bytes(b, val, len);
}

void b_str(struct builder *b, const char *name, const char *s)
{
	b_prop(b, name, s, strlen(s) + 1);
}

void b_cells(struct builder *b, const char *name, int n, const u32 *cells)
{
	u8 buf[64];
	int i;

	for (i = 0; i < n; i++)
		put_be32(buf + 4 * i, cells[i]);
	b_prop(b, name, buf, 4 * n);
}

struct blob b_finish(struct builder *b)
{
	int rsv = 40, st = rsv + 16 * (b->nrsv + 1), i;
	int str = st + b->stlen + 4;
	struct blob out;
	u8 *p;

	out.size = str + b->strslen;
	p = out.data = calloc(1, out.size);
	put_be32(p + 0, FDT_MAGIC);
	put_be32(p + 4, out.size);
	put_be32(p + 8, st);
	put_be32(p + 12, str);
	put_be32(p + 16, rsv);
	put_be32(p + 20, 17);
	put_be32(p + 24, 16);
	put_be32(p + 32, b->strslen);
	put_be32(p + 36, b->stlen + 4);
	for (i = 0; i < b->nrsv; i++) {
		put_be32(p + rsv + 16 * i, b->rsv[i][0] >> 32);
		put_be32(p + rsv + 16 * i + 4, b->rsv[i][0]);
		put_be32(p + rsv + 16 * i + 8, b->rsv[i][1] >> 32);
		put_be32(p + rsv + 16 * i + 12, b->rsv[i][1]);
	}
	memcpy(p + st, b->st, b->stlen);
	put_be32(p + st + b->stlen, FDT_END);
	memcpy(p + str, b->strs, b->strslen);
	return out;
}

const char *const test_dtb_names[NR_TEST_DTBS] = {
	[DTB_QEMU] = "qemu-virt.dtb", [DTB_QEMU_SMP2] = "qemu-virt-3g-smp2.dtb",
	[DTB_VF2] = "visionfive2.dtb", [DTB_VF1] = "visionfive1.dtb",
};

bool need_test_dtbs(struct blob b[NR_TEST_DTBS])
{
	bool have = true;

	for (int i = 0; i < NR_TEST_DTBS; i++) {
		b[i] = need_dtb(test_dtb_names[i]);
		have &= b[i].size > 0;
	}
	return have;
}
