/*
 * The /proc text files whose producers live elsewhere: mm/vmstat.c
 * (zoneinfo, buddyinfo, pagetypeinfo, vmstat), mm/slab.c (slabinfo),
 * block/genhd.c (partitions, diskstats) and fs/ (mounts, filesystems).
 * Linux registers each next to its producer; rivet keeps the list here.
 * /proc/mounts is a plain file (Linux: a link to self/mounts; no processes).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/seq_buf.h>
#include <linux/vmstat.h>
#include <linux/slab.h>
#include <linux/genhd.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include "internal.h"

static const struct {
	const char *name;
	umode_t mode;
	void (*show)(struct seq_buf *s);
} proc_misc_files[] = {
	{ "zoneinfo", 0444, zoneinfo_show },
	{ "buddyinfo", 0444, buddyinfo_show },
	{ "pagetypeinfo", 0400, pagetypeinfo_show },	/* Linux: root only */
	{ "slabinfo", 0400, slabinfo_show },		/* Linux: root only */
	{ "vmstat", 0444, vmstat_show },
	{ "partitions", 0444, partitions_show },
	{ "diskstats", 0444, diskstats_show },
	{ "mounts", 0444, mounts_show },
	{ "filesystems", 0444, filesystems_show },
};

int proc_misc_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(proc_misc_files); i++)
		if (!proc_create_single(proc_misc_files[i].name, proc_misc_files[i].mode,
					NULL, proc_misc_files[i].show))
			return -ENOMEM;
	return 0;
}
