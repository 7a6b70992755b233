/*
 * The memory statistics texts on the console until /proc exists:
 * "mmstat=all" (or a comma list of meminfo,zoneinfo,buddyinfo,pagetypeinfo,
 * slabinfo,vmstat) prints them at boot, and the monitor has a command for
 * each plus "free" (seed 003's experiment, in its old procps layout).
 * rivet-only glue around Linux's /proc texts (made by mm/vmstat.c and
 * mm/slab.c); left out: any file interface, and procps free's options.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/params.h>
#include <linux/seq_buf.h>
#include <linux/vmstat.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/sysinfo.h>
#include <linux/vmalloc.h>
#include <asm/page.h>
#include <linux/mmstat.h>
#include <linux/buffer_head.h>
#include <linux/genhd.h>

static char mmstat_list[128];
static char text[32 * 1024];	/* one report at a time, console context only */

/* "mmstat=LIST": remembered (up to 127 bytes) for print_mm_stats. */
static int mmstat_setup(char *val)
{
	if (!val || !*val)
		return -EINVAL;
	strlcpy(mmstat_list, val, sizeof(mmstat_list));
	return 0;
}
__setup("mmstat=", mmstat_setup);

/* Print a text without per-line timestamps (as a /proc file reads). */
static void print_text(const char *s, size_t len)
{
	while (len) {
		int n = min_t(size_t, len, 256);

		printk(KERN_CONT "%.*s", n, s);
		s += n;
		len -= n;
	}
}

/* meminfo_show with the vmalloc figures, which mm/vmstat.c does not own. */
static void meminfo_text(struct seq_buf *s)
{
	struct meminfo_extra extra = {
		.vmalloc_total = VMALLOC_END - VMALLOC_START,
		.vmalloc_used = vmalloc_used_pages() << PAGE_SHIFT,
		.buffers = nr_blockdev_pages(),
	};

	meminfo_show(s, &extra);
}

static const struct {
	const char *name;
	void (*show)(struct seq_buf *s);
} reports[] = {
	{ "meminfo", meminfo_text },
	{ "zoneinfo", zoneinfo_show },
	{ "buddyinfo", buddyinfo_show },
	{ "pagetypeinfo", pagetypeinfo_show },
	{ "slabinfo", slabinfo_show },
	{ "vmstat", vmstat_show },
	{ "partitions", partitions_show },	/* block/genhd.c */
	{ "diskstats", diskstats_show },
};

/* Print the report @name ("/proc/@name"); -ENOENT if there is none. */
int show_mm_report(const char *name)
{
	struct seq_buf s;

	for (unsigned int i = 0; i < ARRAY_SIZE(reports); i++) {
		if (strcmp(name, reports[i].name))
			continue;
		seq_buf_init(&s, text, sizeof(text));
		reports[i].show(&s);
		printk(KERN_INFO "/proc/%s:\n", name);
		print_text(text, seq_buf_used(&s));
		if (seq_buf_has_overflowed(&s))
			pr_warn("(/proc/%s truncated at %zu bytes)\n", name, sizeof(text));
		return 0;
	}
	return -ENOENT;
}

/* For the monitor's help: each report name is a command. */
void print_mm_report_names(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(reports); i++)
		printk(KERN_CONT "  %-10s /proc/%s\n", reports[i].name, reports[i].name);
}

/* "free" in kB, laid out as the procps version seed 003 shows. */
void show_free(void)
{
	struct sysinfo si;
	unsigned long k = PAGE_SIZE / 1024, cached, used;

	si_meminfo(&si);
	si.bufferram = nr_blockdev_pages();	/* Linux's si_meminfo does this; mm cannot see fs/ */
	cached = global_zone_page_state(NR_FILE_PAGES);
	cached = cached > si.bufferram ? cached - si.bufferram : 0;
	used = si.totalram - si.freeram;
	printk(KERN_CONT "             total       used       free     shared    buffers     cached\n");
	printk(KERN_CONT "Mem:    %10lu %10lu %10lu %10lu %10lu %10lu\n", si.totalram * k,
	       used * k, si.freeram * k, si.sharedram * k, si.bufferram * k, cached * k);
	printk(KERN_CONT "-/+ buffers/cache: %10lu %10lu\n",
	       (used - si.bufferram - cached) * k, (si.freeram + si.bufferram + cached) * k);
	printk(KERN_CONT "Swap:   %10lu %10lu %10lu\n", 0UL, 0UL, 0UL);
}

/* Boot: print what "mmstat=" asked for. */
void print_mm_stats(void)
{
	char list[sizeof(mmstat_list)], *p = list, *name;

	strlcpy(list, mmstat_list, sizeof(list));
	while ((name = strsep(&p, ",")) != NULL) {
		if (!*name)
			continue;
		if (!strcmp(name, "all")) {
			for (unsigned int i = 0; i < ARRAY_SIZE(reports); i++)
				show_mm_report(reports[i].name);
		} else if (show_mm_report(name)) {
			pr_warn("mmstat: no report called '%s'\n", name);
		}
	}
}
