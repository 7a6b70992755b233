/*
 * Partition table parsing (GPT, then MBR), shared by the block layer and
 * the host tests: no struct gendisk here, only a disk's size and a way to
 * read its blocks. The agreed interface is docs/block.md "Partitions".
 */
#ifndef _BLOCK_PARTITIONS_CHECK_H
#define _BLOCK_PARTITIONS_CHECK_H

#include <linux/types.h>

typedef u64 sector_t;		/* 512-byte units (C11 allows the repeat) */

#define DISK_MAX_PARTS	64	/* partitions 1..64 */

/* parsed_partition.flags */
#define ADDPART_FLAG_EXTENDED	4	/* an MBR extended partition: only its
					   first block(s) are mapped, as Linux */

struct parsed_partition {
	sector_t from, size;	/* in 512-byte sectors; size 0 = unused */
	int flags;		/* ADDPART_FLAG_* */
	char name[40];		/* GPT name (UTF-16LE -> ASCII, '?' for the
				   rest), "" for MBR */
};

struct parsed_partitions {
	const char *name;	/* disk name for messages, "vda" */
	sector_t capacity;	/* disk size in 512-byte sectors */
	unsigned int lbsize;	/* logical block size, bytes: 512 or 4096 */
	/*
	 * Read one logical block (lbsize bytes) at @sector (512-byte units,
	 * a multiple of lbsize/512, always inside the disk) into @buf.
	 * Returns 0 or -EIO. May sleep.
	 */
	int (*read_sector)(struct parsed_partitions *state, sector_t sector,
			   void *buf);
	void *private;		/* the caller's (the block layer's bdev) */
	int limit;		/* highest partition number to fill,
				   <= DISK_MAX_PARTS */
	struct parsed_partition parts[DISK_MAX_PARTS + 1]; /* [1..limit] */
	char pp_buf[1024];	/* " vda1 vda2 < vda5 >" as Linux prints it;
				   " unknown partition table" for none */
};

/*
 * Try GPT (it needs its protective MBR, as Linux does), then MBR (with
 * extended/logical partitions). Returns 1 if a table was found (parts[]
 * filled), 0 if the disk has none, -EIO if reading failed, -EINVAL for a
 * bad @state (lbsize not a power of two >= 512, no read_sector). A damaged
 * table is reported with one pr_warn line naming the disk; damaged entries
 * are skipped (the whole table, for a bad header) so the disk stays
 * usable. Never reads outside the disk. May sleep.
 */
int check_partition(struct parsed_partitions *state);

/*
 * Partition device name: "vda" 1 -> "vda1", "mmcblk0" 1 -> "mmcblk0p1"
 * (a 'p' when the disk name ends in a digit). Always NUL-terminated.
 */
void disk_part_name(const char *disk, int partno, char *buf, size_t len);

/* ---- for the parsers (check.c provides these) ---- */
int efi_partition(struct parsed_partitions *state);
int msdos_partition(struct parsed_partitions *state);

/* The disk's size in logical blocks. */
static inline u64 part_nr_blocks(struct parsed_partitions *state)
{
	return state->capacity / (state->lbsize / 512);
}

/* Little-endian fields at any alignment (on-disk tables are LE). */
static inline u32 get_le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static inline u64 get_le64(const u8 *p)
{
	return get_le32(p) | (u64)get_le32(p + 4) << 32;
}

/* "sectors" for 512-byte blocks, "blocks" otherwise: the unit in messages. */
static inline const char *part_unit(struct parsed_partitions *state)
{
	return state->lbsize == 512 ? "sectors" : "blocks";
}

int read_lba(struct parsed_partitions *state, u64 lba, void *buf);
void put_partition(struct parsed_partitions *state, int n, sector_t from,
		   sector_t size);
void pp_append(struct parsed_partitions *state, const char *s);

#endif
