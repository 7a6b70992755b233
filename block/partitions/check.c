/*
 * Partition table detection: tries each parser in Linux's order for rivet's
 * tables (GPT, then MBR) and names partition devices as Linux does
 * (block/partitions/core.c). Leaves out every other table type.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include "check.h"

/*
 * Read logical block @lba into @buf (state->lbsize bytes). Returns 0,
 * -EIO from the driver, or -EIO for a block outside the disk, which a
 * correct parser never asks for.
 */
int read_lba(struct parsed_partitions *state, u64 lba, void *buf)
{
	if (lba >= part_nr_blocks(state))
		return -EIO;
	return state->read_sector(state, lba * (state->lbsize / 512), buf) ?
		-EIO : 0;
}

/* Append @s to pp_buf; truncated (never overflowing) when it is full. */
void pp_append(struct parsed_partitions *state, const char *s)
{
	strlcat(state->pp_buf, s, sizeof(state->pp_buf));
}

/*
 * Record partition @n (1..limit) at [@from, @from + @size) in 512-byte
 * sectors and print its name into pp_buf. Numbers past limit are ignored.
 */
void put_partition(struct parsed_partitions *state, int n, sector_t from,
		   sector_t size)
{
	char name[48];

	if (n < 1 || n > state->limit)
		return;
	state->parts[n].from = from;
	state->parts[n].size = size;
	disk_part_name(state->name, n, name + 1, sizeof(name) - 1);
	name[0] = ' ';
	pp_append(state, name);
}

/* See check.h. */
void disk_part_name(const char *disk, int partno, char *buf, size_t len)
{
	size_t n = strlen(disk);
	bool digit = n && disk[n - 1] >= '0' && disk[n - 1] <= '9';

	snprintf(buf, len, digit ? "%sp%d" : "%s%d", disk, partno);
}

/* Empty parts[] and pp_buf; clamp limit to what parts[] holds. */
static void reset_state(struct parsed_partitions *state)
{
	memset(state->parts, 0, sizeof(state->parts));
	state->pp_buf[0] = '\0';
	if (state->limit > DISK_MAX_PARTS)
		state->limit = DISK_MAX_PARTS;
}

/* See check.h. */
int check_partition(struct parsed_partitions *state)
{
	unsigned int lb = state->lbsize;
	int res;

	if (!state->read_sector || lb < 512 || (lb & (lb - 1)))
		return -EINVAL;
	reset_state(state);
	if (part_nr_blocks(state) == 0) {
		pp_append(state, " unknown partition table");
		return 0;
	}
	res = efi_partition(state);
	if (res == 0)
		res = msdos_partition(state);
	if (res == 0)
		pp_append(state, " unknown partition table");
	if (res < 0) {
		reset_state(state);
		pp_append(state, " unable to read partition table");
	}
	return res;
}
