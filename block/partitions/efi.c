/*
 * GPT (UEFI spec, "GUID Partition Table Disk Layout"): the protective MBR,
 * the primary header at LBA 1, the backup at the last LBA (used, with a
 * message, when the primary is damaged), the entry array and its CRC32.
 * Follows Linux's block/partitions/efi.c by behaviour; leaves out hybrid
 * MBR handling, attribute bits and the "gpt" force option.
 */
#include <linux/crc32.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "check.h"

/*
 * Header, at the start of its block (all fields little-endian):
 *   0 "EFI PART"   8 revision   12 header size (>= 92)   16 header CRC32
 *  24 my LBA  32 alternate LBA  40 first usable LBA  48 last usable LBA
 *  56 disk GUID (16)  72 entry array LBA  80 number of entries
 *  84 entry size (128 * 2^n)  88 entry array CRC32
 * Entry: 0 type GUID (all zero: unused)  16 unique GUID  32 first LBA
 *  40 last LBA (inclusive)  48 attributes  56 name, 36 UTF-16LE units.
 */
#define GPT_HEADER_MIN	92
#define GPT_ENTRY_MIN	128
#define MBR_TYPE_EFI_PMBR 0xee

struct gpt_header {
	u64 first_usable, last_usable;
	u64 entry_lba;
	u32 nr_entries, entry_size, entries_crc;
};

/*
 * Whether @buf (block 0) is a protective MBR: the 0x55AA signature and an
 * entry of type 0xEE (a hybrid MBR with other entries is accepted too).
 */
static bool is_pmbr(const u8 *buf)
{
	int i;

	if (buf[510] != 0x55 || buf[511] != 0xaa)
		return false;
	for (i = 0; i < 4; i++)
		if (buf[0x1be + 16 * i + 4] == MBR_TYPE_EFI_PMBR)
			return true;
	return false;
}

/*
 * CRC of the header in @buf with its CRC field counted as zero. GPT's
 * CRC-32 starts from ~0 and is inverted at the end.
 */
static u32 gpt_header_crc(const u8 *buf, u32 size)
{
	static const u8 zero[4];
	u32 crc = crc32_le(~0u, buf, 16);

	crc = crc32_le(crc, zero, 4);
	return ~crc32_le(crc, buf + 20, size - 20);
}

/* Blocks the entry array of @h covers. */
static u64 gpt_entry_blocks(struct parsed_partitions *state,
			    const struct gpt_header *h)
{
	return DIV_ROUND_UP((u64)h->nr_entries * h->entry_size, state->lbsize);
}

/*
 * Check the header proper in @buf, read from block @lba: signature, size,
 * CRC, its own LBA. Returns NULL if sound, else what is wrong (maybe in @why).
 */
static const char *gpt_check_header(struct parsed_partitions *state,
				    const u8 *buf, u64 lba, char *why, size_t len)
{
	u32 hsize = get_le32(buf + 12);

	if (memcmp(buf, "EFI PART", 8))
		return "header signature missing";
	if (hsize < GPT_HEADER_MIN || hsize > state->lbsize) {
		snprintf(why, len, "header size %u out of range", hsize);
		return why;
	}
	if (gpt_header_crc(buf, hsize) != get_le32(buf + 16))
		return "header CRC mismatch";
	if (get_le64(buf + 24) != lba) {
		snprintf(why, len, "header at LBA %llu claims LBA %llu",
			 (unsigned long long)lba,
			 (unsigned long long)get_le64(buf + 24));
		return why;
	}
	return NULL;
}

/*
 * Check the layout @h describes against the disk: usable area, entry
 * size, entry array. Returns NULL if sound, else what is wrong (in @why).
 */
static const char *gpt_check_layout(struct parsed_partitions *state,
				    const struct gpt_header *h, char *why,
				    size_t len)
{
	unsigned long long nblocks = part_nr_blocks(state);
	unsigned long long end = h->entry_lba + gpt_entry_blocks(state, h);

	if (h->first_usable > h->last_usable)
		snprintf(why, len, "first usable LBA %llu > last usable LBA %llu",
			 (unsigned long long)h->first_usable,
			 (unsigned long long)h->last_usable);
	else if (h->last_usable >= nblocks)
		snprintf(why, len, "last usable LBA %llu past the end of the disk (%llu %s)",
			 (unsigned long long)h->last_usable, nblocks,
			 part_unit(state));
	else if (h->entry_size < GPT_ENTRY_MIN || h->entry_size > state->lbsize ||
		 (h->entry_size & (h->entry_size - 1)))
		snprintf(why, len, "entry size %u invalid", h->entry_size);
	else if (h->entry_lba == 0 || h->entry_lba >= nblocks || end > nblocks)
		snprintf(why, len, "entries [LBA %llu..%llu] beyond the disk (%llu %s)",
			 (unsigned long long)h->entry_lba, end - 1, nblocks,
			 part_unit(state));
	else
		return NULL;
	return why;
}

/* Decode the fields of the header in @buf into @h. */
static void gpt_decode(const u8 *buf, struct gpt_header *h)
{
	h->first_usable = get_le64(buf + 40);
	h->last_usable = get_le64(buf + 48);
	h->entry_lba = get_le64(buf + 72);
	h->nr_entries = get_le32(buf + 80);
	h->entry_size = get_le32(buf + 84);
	h->entries_crc = get_le32(buf + 88);
}

/*
 * CRC32 of @h's entry array, read a block at a time into @buf. Returns 0
 * with *@crc set, or -EIO.
 */
static int gpt_entries_crc(struct parsed_partitions *state,
			   const struct gpt_header *h, u8 *buf, u32 *crc)
{
	u64 bytes = (u64)h->nr_entries * h->entry_size, b;
	u32 c = ~0u;

	for (b = 0; bytes; b++) {
		u32 n = bytes < state->lbsize ? bytes : state->lbsize;

		if (read_lba(state, h->entry_lba + b, buf))
			return -EIO;
		c = crc32_le(c, buf, n);
		bytes -= n;
	}
	*crc = ~c;
	return 0;
}

/*
 * Read and check the GPT header at block @lba and its entry array's CRC.
 * Returns 1 if both are sound (@h filled), 0 if not (@why says what is
 * wrong, e.g. "header CRC mismatch"), -EIO if a read failed.
 */
static int gpt_read_header(struct parsed_partitions *state, u64 lba, u8 *buf,
			   struct gpt_header *h, char *why, size_t len)
{
	const char *bad;
	u32 crc;

	if (read_lba(state, lba, buf))
		return -EIO;
	bad = gpt_check_header(state, buf, lba, why, len);
	if (!bad) {
		gpt_decode(buf, h);
		bad = gpt_check_layout(state, h, why, len);
	}
	if (bad) {
		if (bad != why)
			strlcpy(why, bad, len);
		return 0;
	}
	if (gpt_entries_crc(state, h, buf, &crc))
		return -EIO;
	if (crc != h->entries_crc) {
		strlcpy(why, "entries CRC mismatch", len);
		return 0;
	}
	return 1;
}

/* The UTF-16LE name at @src (36 units) as ASCII in @dst; '?' for the rest. */
static void gpt_name(char *dst, const u8 *src)
{
	int i;

	for (i = 0; i < 36; i++) {
		u16 c = src[2 * i] | src[2 * i + 1] << 8;

		if (!c)
			break;
		dst[i] = (c >= 0x20 && c < 0x7f) ? c : '?';
	}
	dst[i] = '\0';
}

/* The partition (1..@n - 1) that [@from, @to] in sectors overlaps, or 0. */
static int gpt_overlap(struct parsed_partitions *state, int n, sector_t from,
		       sector_t to)
{
	int j;

	for (j = 1; j < n; j++) {
		struct parsed_partition *p = &state->parts[j];

		if (p->size && from < p->from + p->size && p->from <= to)
			return j;
	}
	return 0;
}

/*
 * Check entry @e (partition @n) against the disk, the usable area of @h and
 * the entries before it. Returns true if it is sound; else warns and
 * returns false.
 */
static bool gpt_entry_ok(struct parsed_partitions *state,
			 const struct gpt_header *h, int n, u64 first, u64 last)
{
	unsigned long long f = first, l = last;
	u64 nblocks = part_nr_blocks(state), k = state->lbsize / 512;
	int other;

	if (first > last) {
		pr_warn("%s: GPT: entry %d [%llu..%llu] ends before it starts, ignored\n",
			state->name, n, f, l);
		return false;
	}
	if (last >= nblocks) {
		pr_warn("%s: GPT: entry %d [%llu..%llu] extends past the end of the disk (%llu %s), ignored\n",
			state->name, n, f, l, (unsigned long long)nblocks,
			part_unit(state));
		return false;
	}
	if (first < h->first_usable || last > h->last_usable) {
		pr_warn("%s: GPT: entry %d [%llu..%llu] outside the usable LBAs [%llu..%llu], ignored\n",
			state->name, n, f, l, (unsigned long long)h->first_usable,
			(unsigned long long)h->last_usable);
		return false;
	}
	other = gpt_overlap(state, n, first * k, last * k + k - 1);
	if (other) {
		pr_warn("%s: GPT: entry %d [%llu..%llu] overlaps entry %d, ignored\n",
			state->name, n, f, l, other);
		return false;
	}
	return true;
}

/*
 * Add the partition of entry @e (number @n) if it is in use and sound.
 * Returns 1 if it is in use but past state->limit, else 0.
 */
static int gpt_add_entry(struct parsed_partitions *state,
			 const struct gpt_header *h, int n, const u8 *e)
{
	static const u8 unused[16];
	u64 first = get_le64(e + 32), last = get_le64(e + 40);
	u64 k = state->lbsize / 512;

	if (!memcmp(e, unused, 16))
		return 0;
	if (n > state->limit)
		return 1;
	if (!gpt_entry_ok(state, h, n, first, last))
		return 0;
	put_partition(state, n, first * k, (last - first + 1) * k);
	gpt_name(state->parts[n].name, e + 56);
	return 0;
}

/*
 * Fill parts[] from the entry array of @h, read a block at a time into
 * @buf. Returns 1, or -EIO.
 */
static int gpt_parse_entries(struct parsed_partitions *state,
			     const struct gpt_header *h, u8 *buf)
{
	u32 per_block = state->lbsize / h->entry_size, i, extra = 0;

	for (i = 0; i < h->nr_entries; i++) {
		if (i % per_block == 0 &&
		    read_lba(state, h->entry_lba + i / per_block, buf))
			return -EIO;
		extra += gpt_add_entry(state, h, i + 1,
				       buf + (i % per_block) * h->entry_size);
	}
	if (extra)
		pr_warn("%s: GPT: %u used entries past partition %d ignored\n",
			state->name, extra, state->limit);
	return 1;
}

/*
 * Choose the header: the primary if sound, else the backup, with one
 * message when either is damaged. Returns 1 (@h filled), 0 if neither is
 * usable, -EIO.
 */
static int gpt_find_header(struct parsed_partitions *state, u8 *buf,
			   struct gpt_header *h)
{
	u64 last = part_nr_blocks(state) - 1;
	struct gpt_header alt;
	char pwhy[96], awhy[96];
	int pgood, agood;

	pgood = gpt_read_header(state, 1, buf, h, pwhy, sizeof(pwhy));
	if (pgood < 0)
		return pgood;
	agood = gpt_read_header(state, last, buf, &alt, awhy, sizeof(awhy));
	if (agood < 0)
		return agood;
	if (pgood && !agood)
		pr_warn("%s: GPT: backup %s, using the primary\n", state->name, awhy);
	if (!pgood && agood) {
		pr_warn("%s: GPT: primary %s, using the backup\n", state->name, pwhy);
		*h = alt;
	}
	if (!pgood && !agood)
		pr_warn("%s: GPT: primary %s, backup %s: no valid GPT, whole disk used\n",
			state->name, pwhy, awhy);
	return pgood || agood;
}

/*
 * The GPT parser (check.h). Needs a protective MBR in block 0, as Linux
 * does without its "gpt" option. Returns 1 with parts[] filled, 0 if the
 * disk has no (valid) GPT, -EIO, -ENOMEM.
 */
int efi_partition(struct parsed_partitions *state)
{
	struct gpt_header h;
	u8 *buf;
	int res;

	if (part_nr_blocks(state) < 3)
		return 0;
	buf = kmalloc(state->lbsize, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	res = read_lba(state, 0, buf);
	if (res == 0 && is_pmbr(buf)) {
		res = gpt_find_header(state, buf, &h);
		if (res > 0)
			res = gpt_parse_entries(state, &h, buf);
	}
	kfree(buf);
	return res;
}
