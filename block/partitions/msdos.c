/*
 * MBR partition tables: four entries at 0x1BE, the 0x55AA signature, and
 * extended partitions (types 0x05, 0x0F, 0x85) as chains of EBRs holding
 * the logical partitions 5, 6, ... Follows Linux's block/partitions/msdos.c
 * by behaviour; CHS fields are ignored, BSD/Solaris/Minix sub-tables left out.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "check.h"

/*
 * Entry (16 bytes): 0 boot flag (0x00 or 0x80)  1 CHS start  4 type
 * 5 CHS end  8 first LBA  12 number of blocks. In an EBR, entry 0 is a
 * logical partition relative to the EBR, entry 1 the next EBR relative
 * to the start of the (outermost) extended partition.
 */
#define MBR_TABLE	0x1be
#define MBR_NR_ENTRIES	4
#define MBR_TYPE_EFI_PMBR 0xee
#define FIRST_LOGICAL	5

struct mbr_entry {
	u8 boot, type;
	u64 start, size;	/* logical blocks */
};

/* The extended partition being walked, and the next logical number. */
struct ext_walk {
	u64 start, end;		/* logical blocks, end exclusive */
	int next;
	u64 seen[DISK_MAX_PARTS];	/* EBRs visited: a loop shows up here */
	int nr_seen;
};

static bool is_extended(u8 type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

/* Whether @buf ends with the 0x55AA signature. */
static bool mbr_signed(const u8 *buf)
{
	return buf[510] == 0x55 && buf[511] == 0xaa;
}

/* Decode the four entries of the table in @buf into @e. */
static void mbr_entries(const u8 *buf, struct mbr_entry *e)
{
	int i;

	for (i = 0; i < MBR_NR_ENTRIES; i++) {
		const u8 *p = buf + MBR_TABLE + 16 * i;

		e[i].boot = p[0];
		e[i].type = p[4];
		e[i].start = get_le32(p + 8);
		e[i].size = get_le32(p + 12);
	}
}

/* Whether [@start, @start + @size) blocks lies inside [@lo, @hi). */
static bool inside(u64 start, u64 size, u64 lo, u64 hi)
{
	return start >= lo && start + size <= hi;
}

/*
 * Whether EBR block @lba may be read: inside the extended partition, not
 * seen before (a loop), not one too many. Warns when not.
 */
static bool ebr_ok(struct parsed_partitions *state, struct ext_walk *w,
		   u64 lba)
{
	int i;

	if (lba < w->start || lba >= w->end) {
		pr_warn("%s: MBR: EBR at LBA %llu outside the extended partition, chain stopped\n",
			state->name, (unsigned long long)lba);
		return false;
	}
	for (i = 0; i < w->nr_seen; i++) {
		if (w->seen[i] == lba) {
			pr_warn("%s: MBR: EBR chain loops back to LBA %llu, stopped\n",
				state->name, (unsigned long long)lba);
			return false;
		}
	}
	if (w->nr_seen == DISK_MAX_PARTS) {
		pr_warn("%s: MBR: more than %d EBRs, chain stopped\n",
			state->name, DISK_MAX_PARTS);
		return false;
	}
	w->seen[w->nr_seen++] = lba;
	return true;
}

/*
 * Add the logical partitions of the EBR at block @ebr (entries @e).
 * Returns the next EBR's block, or 0 if the chain ends here.
 */
static u64 ebr_partitions(struct parsed_partitions *state, struct ext_walk *w,
			  u64 ebr, const struct mbr_entry *e)
{
	u64 k = state->lbsize / 512, next = 0, s;
	int i;

	for (i = 0; i < MBR_NR_ENTRIES; i++) {
		if (!e[i].size || !e[i].type)
			continue;
		if (is_extended(e[i].type)) {
			if (!next)
				next = w->start + e[i].start;
			continue;
		}
		s = ebr + e[i].start;
		if (!inside(s, e[i].size, w->start, w->end))
			pr_warn("%s: MBR: logical partition %d [%llu..%llu] outside the extended partition, ignored\n",
				state->name, w->next, (unsigned long long)s,
				(unsigned long long)(s + e[i].size - 1));
		else
			put_partition(state, w->next, s * k, e[i].size * k);
		w->next++;
	}
	return next;
}

/*
 * Walk the EBR chain of the extended partition @ext, numbering logical
 * partitions from w->next on, into pp_buf between " <" and " >". Uses @buf
 * for the reads. Returns 0, or -EIO.
 */
static int parse_extended(struct parsed_partitions *state, struct ext_walk *w,
			  u8 *buf)
{
	struct mbr_entry e[MBR_NR_ENTRIES];
	u64 ebr = w->start;
	int res = 0;

	pp_append(state, " <");
	while (ebr && w->next <= state->limit && ebr_ok(state, w, ebr)) {
		res = read_lba(state, ebr, buf);
		if (res || !mbr_signed(buf))
			break;
		mbr_entries(buf, e);
		ebr = ebr_partitions(state, w, ebr, e);
	}
	pp_append(state, " >");
	return res;
}

/*
 * Add primary partition @slot (entry @e): out of the disk is reported and
 * skipped; an extended one is mapped over its first block(s) only (as
 * Linux does) and its logical partitions follow. Returns 0, or -EIO.
 */
static int add_primary(struct parsed_partitions *state, int slot,
		       const struct mbr_entry *e, struct ext_walk *w, u8 *buf)
{
	u64 nblocks = part_nr_blocks(state), k = state->lbsize / 512;

	if (e->start == 0) {
		pr_warn("%s: MBR: partition %d starts at the MBR itself, ignored\n",
			state->name, slot);
		return 0;
	}
	if (!inside(e->start, e->size, 0, nblocks)) {
		pr_warn("%s: MBR: partition %d [%llu..%llu] extends past the end of the disk (%llu %s), ignored\n",
			state->name, slot, (unsigned long long)e->start,
			(unsigned long long)(e->start + e->size - 1),
			(unsigned long long)nblocks, part_unit(state));
		return 0;
	}
	if (!is_extended(e->type)) {
		put_partition(state, slot, e->start * k, e->size * k);
		return 0;
	}
	put_partition(state, slot, e->start * k, min(e->size * k, max(k, (u64)2)));
	if (slot <= state->limit)
		state->parts[slot].flags = ADDPART_FLAG_EXTENDED;
	w->start = e->start;
	w->end = e->start + e->size;
	return parse_extended(state, w, buf);
}

/*
 * Whether block 0 in @buf holds an MBR worth parsing: signed, not a
 * protective MBR (GPT's, already tried), boot flags 0x00/0x80 only (a
 * FAT boot sector also ends in 0x55AA), at least one entry in use.
 */
static bool is_mbr(const u8 *buf, const struct mbr_entry *e)
{
	bool used = false;
	int i;

	if (!mbr_signed(buf))
		return false;
	for (i = 0; i < MBR_NR_ENTRIES; i++) {
		if (e[i].type == MBR_TYPE_EFI_PMBR)
			return false;
		if (e[i].boot != 0 && e[i].boot != 0x80)
			return false;
		used |= e[i].size && e[i].type;
	}
	return used;
}

/*
 * The MBR parser (check.h). Returns 1 with parts[] filled, 0 if block 0
 * holds no MBR, -EIO, -ENOMEM.
 */
int msdos_partition(struct parsed_partitions *state)
{
	struct mbr_entry e[MBR_NR_ENTRIES];
	struct ext_walk w = { .next = FIRST_LOGICAL };
	int i, res;
	u8 *buf;

	buf = kmalloc(state->lbsize, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	res = read_lba(state, 0, buf);
	if (res == 0) {
		mbr_entries(buf, e);
		res = is_mbr(buf, e);
	}
	for (i = 0; res == 1 && i < MBR_NR_ENTRIES; i++)
		if (e[i].size && e[i].type && add_primary(state, i + 1, &e[i], &w, buf))
			res = -EIO;
	kfree(buf);
	return res;
}
