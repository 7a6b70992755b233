/*
 * Golden-format tests of the /proc texts (mm/vmstat.c): every line of
 * zoneinfo, buddyinfo, pagetypeinfo and vmstat against a pattern with
 * Linux 6.1-6.6's exact names, order and column widths, on a 3 x 64 MiB
 * arena. Built twice: vmstat_nodma32 leaves DMA32 empty, to check the
 * unpopulated-zone lines and that "per-node stats" moves to the first
 * populated zone.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/mm.h>
#include <linux/cpumask.h>
#include <linux/vmstat.h>
#include <linux/seq_buf.h>
#include "test.h"
#include "page_alloc_arena.h"

#ifdef VMSTAT_NO_DMA32		/* vmstat_nodma32 */
#define DMA32_MB	0
#else
#define DMA32_MB	64
#endif

static struct arena_layout layout = {
	.size = (DMA32_MB + 128) * SZ_1M,
	.zone_mb = { DMA32_MB, 64, 64 },
	.reserve_base = 1UL << 20,
	.reserve_size = 3UL << 20,
};

static char text[64 * 1024];

/* ---- templates: a line pattern with exact widths ---- */

/*
 * A template is a line as it must read, except for its tokens:
 *   %u   a number of any width           %Nu  a number right-aligned in N
 *   %>Nu the same, possibly after '>'    (printf's "%Nlu"; a wider number
 *                                        overflows the field, as printf does)
 * Everything else must match character for character, spaces included.
 * Writes the anchored extended regex into @re.
 */
static void template_to_regex(const char *t, char *re, size_t size)
{
	size_t n = 0;

	n += snprintf(re + n, size - n, "^");
	for (; *t && n < size; t++) {
		if (*t == '%') {
			int w = 0;

			t++;
			if (*t == '>') {
				n += snprintf(re + n, size - n, ">?");
				t++;
			}
			while (*t >= '0' && *t <= '9')
				w = w * 10 + *t++ - '0';
			if (!w) {
				n += snprintf(re + n, size - n, "[0-9]+");
				continue;
			}
			n += snprintf(re + n, size - n, "(");
			for (int d = 1; d < w; d++)
				n += snprintf(re + n, size - n, " {%d}[0-9]{%d}|", w - d, d);
			n += snprintf(re + n, size - n, "[0-9]{%d,})", w);
			continue;
		}
		if (strchr(".[]()*+?{}|^$\\", *t))
			re[n++] = '\\';
		re[n++] = *t;
	}
	snprintf(re + n, size - n, "$");
}

static bool line_matches(const char *line, const char *tmpl)
{
	char re[2048];
	regex_t r;
	bool ok;

	template_to_regex(tmpl, re, sizeof(re));
	if (regcomp(&r, re, REG_EXTENDED | REG_NOSUB)) {
		printf("# bad template '%s'\n", tmpl);
		return false;
	}
	ok = regexec(&r, line, 0, NULL, 0) == 0;
	regfree(&r);
	return ok;
}

/*
 * Match @txt line by line against @tmpl[0..n-1], in order, all of it.
 * Returns the number of the first line that differs (1-based), 0 if all match.
 */
static int text_matches(const char *txt, const char * const *tmpl, int n)
{
	char *copy = strdup(txt), *p = copy, *nl;
	int i;

	for (i = 0; i < n; i++) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = 0;
		if (!line_matches(p, tmpl[i])) {
			printf("# line %d: '%s'\n#   wanted '%s'\n", i + 1, p, tmpl[i]);
			break;
		}
		p = nl + 1;
	}
	if (i == n && *p) {
		printf("# line %d: '%.40s' after the last template\n", i + 1, p);
		i = n - 1;
	}
	free(copy);
	return i == n ? 0 : i + 1;
}

/* Grow a template list (no test needs more than this). */
#define MAX_LINES	400
static const char *lines[MAX_LINES];
static int nlines;

static void add(const char *t)
{
	if (nlines < MAX_LINES)
		lines[nlines++] = t;
}

static void show(void (*fn)(struct seq_buf *))
{
	struct seq_buf s;

	seq_buf_init(&s, text, sizeof(text));
	fn(&s);
	CHECK(!seq_buf_has_overflowed(&s), "text fits (%zu bytes)", seq_buf_used(&s));
}

/* ---- the template itself self-checks ---- */

static void test_templates(void)
{
	CHECK(line_matches("x     7 ", "x%6u ") && line_matches("x123456 ", "x%6u ") &&
	      line_matches("x1234567 ", "x%6u "), "template: %%6u takes right-aligned or wider");
	CHECK(!line_matches("x    7 ", "x%6u ") && !line_matches("x 7     ", "x%6u ") &&
	      !line_matches("x     7", "x%6u "), "template: %%6u rejects other widths");
	CHECK(line_matches(">100000 ", "%>6u ") && line_matches("     5 ", "%>6u "),
	      "template: %%>6u takes the '>' of a capped count");
	CHECK(!line_matches("a.b", "a b") && line_matches("(0, 0)", "(0, 0)"),
	      "template: literals match exactly");
}

/* ---- /proc/zoneinfo ---- */

static const char * const node_stats[] = {
	"  per-node stats",
	"      nr_inactive_anon %u",
	"      nr_active_anon %u",
	"      nr_inactive_file %u",
	"      nr_active_file %u",
	"      nr_unevictable %u",
	"      nr_slab_reclaimable %u",
	"      nr_slab_unreclaimable %u",
	"      nr_anon_pages %u",
	"      nr_mapped    %u",
	"      nr_file_pages %u",
	"      nr_dirty     %u",
	"      nr_writeback %u",
	"      nr_shmem     %u",
	"      nr_dirtied   %u",
	"      nr_written   %u",
	"      nr_kernel_stack %u",
	"      nr_page_table_pages %u",
};

static const char * const zone_sizes[] = {
	"  pages free     %u",
	"        boost    0",
	"        min      %u",
	"        low      %u",
	"        high     %u",
	"        spanned  %u",
	"        present  %u",
	"        managed  %u",
	"        cma      0",
	"        protection: (0, 0, 0)",
};

static const char * const zone_stats[] = {
	"      nr_free_pages %u",
	"      nr_zone_inactive_anon %u",
	"      nr_zone_active_anon %u",
	"      nr_zone_inactive_file %u",
	"      nr_zone_active_file %u",
	"      nr_zone_unevictable %u",
	"      nr_zone_write_pending %u",
	"      nr_bounce    %u",
	"  pagesets",
};

static const char * const pageset[] = {
	"              count: %u",
	"              high:  %u",
	"              batch: %u",
	"  vm stats threshold: 0",
};

static void add_all(const char * const *t, int n)
{
	for (int i = 0; i < n; i++)
		add(t[i]);
}

/* The template of one zone, given the online CPUs' "cpu: N" lines. */
static void add_zone(const char *header, bool first_populated, bool populated,
		     const char * const *cpus, int ncpus)
{
	add(header);
	if (first_populated)
		add_all(node_stats, ARRAY_SIZE(node_stats));
	add_all(zone_sizes, ARRAY_SIZE(zone_sizes));
	if (!populated)
		return;
	add_all(zone_stats, ARRAY_SIZE(zone_stats));
	for (int c = 0; c < ncpus; c++) {
		add(cpus[c]);
		add_all(pageset, ARRAY_SIZE(pageset));
	}
	add("  node_unreclaimable:  0");
	add("  start_pfn:           %u");
}

static void test_zoneinfo_layout(const char * const *cpus, int ncpus, const char *what)
{
	nlines = 0;
	add_zone("Node 0, zone    DMA32", DMA32_MB != 0, DMA32_MB != 0, cpus, ncpus);
	add_zone("Node 0, zone   Normal", DMA32_MB == 0, true, cpus, ncpus);
	add_zone("Node 0, zone  HighMem", false, true, cpus, ncpus);
	show(zoneinfo_show);
	CHECK(text_matches(text, lines, nlines) == 0, "zoneinfo: every line as Linux 6.x (%s)", what);
}

static unsigned long value_after(const char *txt, const char *key)
{
	const char *p = strstr(txt, key);

	return p ? strtoul(p + strlen(key), NULL, 10) : ~0UL;
}

static void test_zoneinfo(void)
{
	static const char * const cpu0[] = { "    cpu: 0" };
	static const char * const cpu03[] = { "    cpu: 0", "    cpu: 3" };
	struct zone *normal = &NODE_DATA(0)->node_zones[ZONE_NORMAL];

	CHECK(num_online_cpus() == 1 && cpu_online(0) && !cpu_online(1),
	      "one CPU online (the boot CPU)");
	test_zoneinfo_layout(cpu0, 1, "one CPU online: one pageset");
	set_cpu_online(3, true);
	test_zoneinfo_layout(cpu03, 2, "CPUs 0 and 3 online: their two pagesets");
	set_cpu_online(3, false);
	CHECK(num_online_cpus() == 1, "CPU 3 offline again");

	mod_zone_page_state(normal, NR_FILE_DIRTY, 2);
	mod_zone_page_state(normal, NR_WRITEBACK, 3);
	mod_zone_page_state(normal, NR_KERNEL_STACK, 4);
	show(zoneinfo_show);
	CHECK(value_after(text, "\n      nr_dirty     ") == 2 &&
	      value_after(text, "\n      nr_writeback ") == 3, "per-node nr_dirty, nr_writeback");
	CHECK(value_after(strstr(text, "zone   Normal"), "\n      nr_zone_write_pending ") == 5,
	      "Normal's nr_zone_write_pending = dirty + writeback");
	CHECK(value_after(text, "\n      nr_kernel_stack ") == 4 * PAGE_SIZE / 1024,
	      "nr_kernel_stack in kB, as Linux");
	mod_zone_page_state(normal, NR_FILE_DIRTY, -2);
	mod_zone_page_state(normal, NR_WRITEBACK, -3);
	mod_zone_page_state(normal, NR_KERNEL_STACK, -4);
}

/* ---- /proc/buddyinfo ---- */

#define ORDERS6 "%6u %6u %6u %6u %6u %6u %6u %6u %6u %6u %6u "

static void test_buddyinfo(void)
{
	nlines = 0;
	if (DMA32_MB)
		add("Node 0, zone    DMA32 " ORDERS6);
	add("Node 0, zone   Normal " ORDERS6);
	add("Node 0, zone  HighMem " ORDERS6);
	show(buddyinfo_show);
	CHECK(text_matches(text, lines, nlines) == 0, "buddyinfo: every line as Linux 6.x");
}

/* ---- /proc/pagetypeinfo ---- */

#define ORDERS_CAP "%>6u %>6u %>6u %>6u %>6u %>6u %>6u %>6u %>6u %>6u %>6u "

static const char * const free_header =
	"Free pages count per migrate type at order       0      1      2      3      4      5"
	"      6      7      8      9     10 ";

static void add_free_rows(const char *zone)
{
	static char buf[3][4][160];
	static int z;
	static const char * const types[] = {
		"   Unmovable", "     Movable", " Reclaimable", "  HighAtomic",
	};

	for (int t = 0; t < 4; t++) {
		snprintf(buf[z][t], sizeof(buf[z][t]), "Node    0, zone %s, type %s %s", zone, types[t],
			 t == 3 ? "     0      0      0      0      0      0      0      0      0      0      0 "
				: ORDERS_CAP);
		add(buf[z][t]);
	}
	z = (z + 1) % 3;
}

static void test_pagetypeinfo_layout(void)
{
	nlines = 0;
	add("Page block order: 9");
	add("Pages per block:  512");
	add("");
	add(free_header);
	if (DMA32_MB)
		add_free_rows("   DMA32");
	add_free_rows("  Normal");
	add_free_rows(" HighMem");
	add("");
	add("Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic ");
	if (DMA32_MB)
		add("Node 0, zone    DMA32 %12u %12u %12u            0 ");
	add("Node 0, zone   Normal %12u %12u %12u            0 ");
	add("Node 0, zone  HighMem %12u %12u %12u            0 ");
	show(pagetypeinfo_show);
	CHECK(text_matches(text, lines, nlines) == 0,
	      "pagetypeinfo: every line as Linux 6.x (Unmovable, Movable, Reclaimable, HighAtomic)");
}

/*
 * The Movable column is rivet's MIGRATE_MOVABLE (2), not its enum's second
 * type: HighMem's blocks are all Movable after boot.
 */
static void test_pagetypeinfo_mapping(void)
{
	char want[160];
	unsigned long blocks = 64UL * 256 / 512;

	show(pagetypeinfo_show);
	snprintf(want, sizeof(want), "\nNode 0, zone  HighMem %12lu %12lu %12lu %12lu \n",
		 0UL, blocks, 0UL, 0UL);
	CHECK(strstr(text, want) != NULL, "HighMem: all %lu blocks in the Movable column", blocks);
}

/* A free list longer than Linux's cap of 100000 reads ">100000", as in Linux. */
static void test_pagetypeinfo_cap(void)
{
	struct zone *high = &NODE_DATA(0)->node_zones[ZONE_HIGHMEM];
	struct list_head *list = &high->free_area[0].free_list[MIGRATE_UNMOVABLE];
	static struct list_head fake[100001];

	CHECK(list_empty(list), "HighMem has no order-0 Unmovable blocks (the list to borrow)");
	if (!list_empty(list))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(fake); i++)
		list_add_tail(&fake[i], list);
	show(pagetypeinfo_show);
	INIT_LIST_HEAD(list);
	CHECK(strstr(text, "zone  HighMem, type    Unmovable >100000      0 ") != NULL,
	      "a list of 100001 entries reads '>100000'");
}

/* ---- /proc/vmstat ---- */

static const char * const vmstat_names[] = {
	"nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon",
	"nr_zone_inactive_file", "nr_zone_active_file", "nr_zone_unevictable",
	"nr_zone_write_pending", "nr_bounce", "nr_inactive_anon", "nr_active_anon",
	"nr_inactive_file", "nr_active_file", "nr_unevictable", "nr_slab_reclaimable",
	"nr_slab_unreclaimable", "nr_anon_pages", "nr_mapped", "nr_file_pages",
	"nr_dirty", "nr_writeback", "nr_shmem", "nr_dirtied", "nr_written",
	"nr_kernel_stack", "nr_page_table_pages", "pgpgin", "pgpgout",
	"pgalloc_dma32", "pgalloc_normal", "pgalloc_high", "allocstall_dma32",
	"allocstall_normal", "allocstall_high", "pgfree", "pgactivate", "pgdeactivate",
	"pgfault", "pgmajfault", "pgrefill", "pgsteal_kswapd", "pgsteal_direct",
	"pgscan_kswapd", "pgscan_direct", "pginodesteal", "slabs_scanned",
	"kswapd_inodesteal", "pageoutrun", "pgrotated", "drop_pagecache", "drop_slab",
	"oom_kill", "cow_fault", "cow_reuse", "zero_page_map",
	"fault_around",
};

static void test_vmstat(void)
{
	static char tmpl[ARRAY_SIZE(vmstat_names)][64];

	nlines = 0;
	for (unsigned int i = 0; i < ARRAY_SIZE(vmstat_names); i++) {
		snprintf(tmpl[i], sizeof(tmpl[i]), "%s %%u", vmstat_names[i]);
		add(tmpl[i]);
	}
	show(vmstat_show);
	CHECK(text_matches(text, lines, nlines) == 0,
	      "vmstat: 'name value' lines in Linux 6.x's order");
	CHECK(value_after(text, "nr_free_pages ") == nr_free_pages(), "vmstat nr_free_pages");
}

int main(void)
{
	arena_boot(&layout);
	test_templates();
	test_zoneinfo();
	test_buddyinfo();
	test_pagetypeinfo_layout();
	test_pagetypeinfo_mapping();
	test_pagetypeinfo_cap();
	test_vmstat();
	return test_exit();
}
