/*
 * Host-test helpers for device trees: loading the real DTBs that
 * scripts/fetch-dtbs.sh fetched, silencing printk, and a tiny builder for
 * synthetic blobs (header, reservations, structure and strings blocks).
 */
#ifndef _HOST_DTB_UTIL_H
#define _HOST_DTB_UTIL_H

#include <linux/types.h>
#include <linux/kernel.h>

struct blob {
	u8 *data;
	size_t size;
};

/* Where the DTBs are: argv[1], else $RIVET_DTB_DIR, else .cache/dtbs. */
extern const char *dtb_dir;
void dtb_dir_from_args(int argc, char **argv);
/* DIR/name in an exactly sized buffer (so ASan sees overruns); size 0 if
 * missing. need_dtb also records a failed check when it is missing. */
struct blob load_dtb(const char *name);
struct blob need_dtb(const char *name);

/* The four real DTBs every DT test reads, in this order (enum test_dtb). */
enum test_dtb { DTB_QEMU, DTB_QEMU_SMP2, DTB_VF2, DTB_VF1, NR_TEST_DTBS };
extern const char *const test_dtb_names[NR_TEST_DTBS];
/* need_dtb of each into b[]; true only if all four are there. */
bool need_test_dtbs(struct blob b[NR_TEST_DTBS]);

/* Silences stdout (where the shim's printk goes) while on. Not nestable. */
void quiet(bool on);

void put_be32(u8 *p, u32 v);

struct builder {
	u8 st[16384];
	int stlen;
	char strs[2048];
	int strslen;
	u64 rsv[4][2];
	int nrsv;
};

void b_reset(struct builder *b);
void b_begin(struct builder *b, const char *name);
void b_end(struct builder *b);
void b_prop(struct builder *b, const char *name, const void *val, int len);
void b_str(struct builder *b, const char *name, const char *s);
/* A property of n u32 cells. */
void b_cells(struct builder *b, const char *name, int n, const u32 *cells);

#define B_CELLS(b, name, ...) do {					\
	static const u32 __c[] = { __VA_ARGS__ };			\
	b_cells(b, name, ARRAY_SIZE(__c), __c);				\
} while (0)

/* The blob: header, reservation block, structure block (+FDT_END), strings.
 * Caller frees .data. */
struct blob b_finish(struct builder *b);

#endif
