/*
 * Memory statistics and the texts of /proc/zoneinfo, buddyinfo,
 * pagetypeinfo, meminfo and vmstat, laid out exactly as Linux 6.1-6.6 lays
 * them out (the files seed 003 reads), so tools that parse them work as
 * they are. Left out: the lines of counters rivet does not keep (NUMA,
 * swap, THP, workingset, compaction, dirty thresholds, ...), rather than
 * print them as zeros; docs/mm.md lists what each file shows.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/cpumask.h>
#include <linux/vmstat.h>
#include <linux/seq_buf.h>

/* Row cpu is written only by that CPU, with IRQs off; readers sum unlocked. */
unsigned long vm_event_states[NR_CPUS][NR_VM_EVENT_ITEMS];

/*
 * A counter line of zoneinfo or vmstat: Linux's name and the rivet
 * counters (a bit per enum zone_stat_item) whose sum it shows.
 */
struct vmstat_line {
	const char *name;
	unsigned int items;
	bool in_kb;		/* Linux shows this one in kB, not pages */
};
#define ITEM(i)		(1U << (i))
#define LINE(n, it)	{ .name = (n), .items = (it) }
#define LINE_KB(n, it)	{ .name = (n), .items = (it), .in_kb = true }

_Static_assert(NR_VM_ZONE_STAT_ITEMS == 19,
	       "a new zone counter needs its line in zone_lines or node_lines");

/* Linux's per-zone counters (enum zone_stat_item) that rivet keeps, in its order. */
static const struct vmstat_line zone_lines[] = {
	LINE("nr_free_pages",		ITEM(NR_FREE_PAGES)),
	LINE("nr_zone_inactive_anon",	ITEM(NR_INACTIVE_ANON)),
	LINE("nr_zone_active_anon",	ITEM(NR_ACTIVE_ANON)),
	LINE("nr_zone_inactive_file",	ITEM(NR_INACTIVE_FILE)),
	LINE("nr_zone_active_file",	ITEM(NR_ACTIVE_FILE)),
	LINE("nr_zone_unevictable",	ITEM(NR_UNEVICTABLE)),
	LINE("nr_zone_write_pending",	ITEM(NR_FILE_DIRTY) | ITEM(NR_WRITEBACK)),
	LINE("nr_bounce",		ITEM(NR_BOUNCE)),
};

/*
 * Linux's per-node counters (enum node_stat_item) that rivet keeps, in its
 * order. rivet counts them per zone; a node's value is the sum of its zones.
 */
static const struct vmstat_line node_lines[] = {
	LINE("nr_inactive_anon",	ITEM(NR_INACTIVE_ANON)),
	LINE("nr_active_anon",		ITEM(NR_ACTIVE_ANON)),
	LINE("nr_inactive_file",	ITEM(NR_INACTIVE_FILE)),
	LINE("nr_active_file",		ITEM(NR_ACTIVE_FILE)),
	LINE("nr_unevictable",		ITEM(NR_UNEVICTABLE)),
	LINE("nr_slab_reclaimable",	ITEM(NR_SLAB_RECLAIMABLE)),
	LINE("nr_slab_unreclaimable",	ITEM(NR_SLAB_UNRECLAIMABLE)),
	LINE("nr_anon_pages",		ITEM(NR_ANON_PAGES)),
	LINE("nr_mapped",		ITEM(NR_FILE_MAPPED)),
	LINE("nr_file_pages",		ITEM(NR_FILE_PAGES)),
	LINE("nr_dirty",		ITEM(NR_FILE_DIRTY)),
	LINE("nr_writeback",		ITEM(NR_WRITEBACK)),
	LINE("nr_shmem",		ITEM(NR_SHMEM)),
	LINE("nr_dirtied",		ITEM(NR_DIRTIED)),
	LINE("nr_written",		ITEM(NR_WRITTEN)),
	LINE_KB("nr_kernel_stack",	ITEM(NR_KERNEL_STACK)),
	LINE("nr_page_table_pages",	ITEM(NR_PAGETABLE)),
};

/* Linux's names of the events (enum vm_event_item, same order). */
static const char * const vm_event_text[NR_VM_EVENT_ITEMS] = {
	[PGPGIN]		= "pgpgin",
	[PGPGOUT]		= "pgpgout",
	[PGALLOC_DMA32]		= "pgalloc_dma32",
	[PGALLOC_NORMAL]	= "pgalloc_normal",
	[PGALLOC_HIGH]		= "pgalloc_high",
	[ALLOCSTALL_DMA32]	= "allocstall_dma32",
	[ALLOCSTALL_NORMAL]	= "allocstall_normal",
	[ALLOCSTALL_HIGH]	= "allocstall_high",
	[PGFREE]		= "pgfree",
	[PGFAULT]		= "pgfault",
	[PGMAJFAULT]		= "pgmajfault",
	[PGACTIVATE]		= "pgactivate",
	[PGDEACTIVATE]		= "pgdeactivate",
	[PGREFILL]		= "pgrefill",
	[PGSTEAL_KSWAPD]	= "pgsteal_kswapd",
	[PGSTEAL_DIRECT]	= "pgsteal_direct",
	[PGSCAN_KSWAPD]		= "pgscan_kswapd",
	[PGSCAN_DIRECT]		= "pgscan_direct",
	[PGINODESTEAL]		= "pginodesteal",
	[SLABS_SCANNED]		= "slabs_scanned",
	[KSWAPD_INODESTEAL]	= "kswapd_inodesteal",
	[PAGEOUTRUN]		= "pageoutrun",
	[PGROTATED]		= "pgrotated",
	[DROP_PAGECACHE]	= "drop_pagecache",
	[DROP_SLAB]		= "drop_slab",
	[OOM_KILL]		= "oom_kill",
	[COW_FAULT]		= "cow_fault",
	[COW_REUSE]		= "cow_reuse",
	[ZERO_PAGE_MAP]		= "zero_page_map",
	[FAULT_AROUND]		= "fault_around",
};

/*
 * item summed over all zones (rivet's one node), read without locks; a
 * sum made negative by racing updates reads as 0.
 */
unsigned long global_zone_page_state(enum zone_stat_item item)
{
	struct zone *zone;
	long sum = 0;

	for_each_zone(zone)
		sum += __atomic_load_n(&zone->vm_stat[item], __ATOMIC_RELAXED);
	return sum < 0 ? 0 : (unsigned long)sum;
}

/* Event item summed over every CPU; unlocked, so a racing count may be missed. */
unsigned long all_vm_events(enum vm_event_item item)
{
	unsigned long sum = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		sum += READ_ONCE(vm_event_states[cpu][item]);
	return sum;
}

/* The value line @l shows for @zone, or for all zones (the node) if NULL. */
static unsigned long vmstat_line_value(const struct vmstat_line *l, struct zone *zone)
{
	unsigned long sum = 0;
	unsigned int i;

	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		if (l->items & ITEM(i))
			sum += zone ? zone_page_state(zone, i) : global_zone_page_state(i);
	return l->in_kb ? sum * (PAGE_SIZE / 1024) : sum;
}

/* ---- /proc/zoneinfo ---- */

/* Is zone the node's lowest populated one (where "per-node stats" go)? */
static bool is_zone_first_populated(pg_data_t *pgdat, struct zone *zone)
{
	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (populated_zone(&pgdat->node_zones[i]))
			return zone == &pgdat->node_zones[i];
	return false;
}

/* "per-node stats": the node's counters (rivet has one node: all zones). */
static void zoneinfo_show_node_stats(struct seq_buf *s)
{
	seq_buf_puts(s, "\n  per-node stats");
	for (unsigned int i = 0; i < ARRAY_SIZE(node_lines); i++)
		seq_buf_printf(s, "\n      %-12s %lu", node_lines[i].name,
			       vmstat_line_value(&node_lines[i], NULL));
}

/*
 * Free pages, watermarks and sizes, then "protection": the lowmem_reserve
 * against each zone index. rivet never boosts a watermark and has no CMA,
 * so those two are 0.
 */
static void zoneinfo_show_sizes(struct seq_buf *s, struct zone *zone)
{
	seq_buf_printf(s, "\n  pages free     %lu", zone_page_state(zone, NR_FREE_PAGES));
	seq_buf_printf(s, "\n        boost    %lu", 0UL);
	seq_buf_printf(s, "\n        min      %lu", min_wmark_pages(zone));
	seq_buf_printf(s, "\n        low      %lu", low_wmark_pages(zone));
	seq_buf_printf(s, "\n        high     %lu", high_wmark_pages(zone));
	seq_buf_printf(s, "\n        spanned  %lu", zone->spanned_pages);
	seq_buf_printf(s, "\n        present  %lu", zone->present_pages);
	seq_buf_printf(s, "\n        managed  %lu", zone->managed_pages);
	seq_buf_printf(s, "\n        cma      %lu", 0UL);
	seq_buf_printf(s, "\n        protection: (%ld", zone->lowmem_reserve[0]);
	for (int i = 1; i < MAX_NR_ZONES; i++)
		seq_buf_printf(s, ", %ld", zone->lowmem_reserve[i]);
	seq_buf_puts(s, ")");
}

/*
 * One entry per online CPU. "vm stats threshold" is how far a CPU's
 * counter delta may drift before it is folded in: 0, since rivet updates
 * the zone counters in place.
 */
static void zoneinfo_show_pagesets(struct seq_buf *s, struct zone *zone)
{
	unsigned int cpu;

	seq_buf_puts(s, "\n  pagesets");
	for_each_online_cpu(cpu) {
		struct per_cpu_pages *pcp = &zone->pageset[cpu];

		seq_buf_printf(s, "\n    cpu: %u", cpu);
		seq_buf_printf(s, "\n              count: %d", READ_ONCE(pcp->count));
		seq_buf_printf(s, "\n              high:  %d", READ_ONCE(pcp->high));
		seq_buf_printf(s, "\n              batch: %d", READ_ONCE(pcp->batch));
		seq_buf_printf(s, "\n  vm stats threshold: %d", 0);
	}
}

/*
 * One zone; an unpopulated one stops after "protection" as in Linux.
 * node_unreclaimable is 0: rivet has no kswapd to give up on a node.
 */
static void zoneinfo_show_print(struct seq_buf *s, pg_data_t *pgdat, struct zone *zone)
{
	seq_buf_printf(s, "Node %d, zone %8s", pgdat->node_id, zone->name);
	if (is_zone_first_populated(pgdat, zone))
		zoneinfo_show_node_stats(s);
	zoneinfo_show_sizes(s, zone);
	if (populated_zone(zone)) {
		for (unsigned int i = 0; i < ARRAY_SIZE(zone_lines); i++)
			seq_buf_printf(s, "\n      %-12s %lu", zone_lines[i].name,
				       vmstat_line_value(&zone_lines[i], zone));
		zoneinfo_show_pagesets(s, zone);
		seq_buf_printf(s, "\n  node_unreclaimable:  %u", 0U);
		seq_buf_printf(s, "\n  start_pfn:           %lu", zone->zone_start_pfn);
	}
	seq_buf_puts(s, "\n");
}

/* Every zone of the node, populated or not (Linux shows them all). */
void zoneinfo_show(struct seq_buf *s)
{
	pg_data_t *pgdat = NODE_DATA(0);
	struct zone *zone;

	for_each_zone(zone)
		if (zone->name)
			zoneinfo_show_print(s, pgdat, zone);
}

/* ---- /proc/buddyinfo ---- */

/* "Node 0, zone   Normal      3      1 ...": free blocks per order. */
void buddyinfo_show(struct seq_buf *s)
{
	unsigned long nr[MAX_ORDER], flags;
	struct zone *zone;
	unsigned int order;

	for_each_populated_zone(zone) {
		spin_lock_irqsave(&zone->lock, flags);
		for (order = 0; order < MAX_ORDER; order++)
			nr[order] = zone->free_area[order].nr_free;
		spin_unlock_irqrestore(&zone->lock, flags);
		seq_buf_printf(s, "Node %d, zone %8s ", zone->zone_pgdat->node_id, zone->name);
		for (order = 0; order < MAX_ORDER; order++)
			seq_buf_printf(s, "%6lu ", nr[order]);
		seq_buf_printf(s, "\n");
	}
}

/* ---- /proc/pagetypeinfo ---- */

/*
 * The columns in Linux's order. rivet's enum order (UNMOVABLE, RECLAIMABLE,
 * MOVABLE) is fixed by gfpflags_to_migratetype, so the display maps.
 * HighAtomic is Linux's reserve for high-order atomic allocations: rivet
 * keeps none, so it has no free lists and no pageblocks (its counts are 0).
 * Linux's CMA and Isolate columns exist only when configured: rivet has neither.
 */
#define MIGRATE_NONE	(-1)
static const struct {
	const char *name;
	int mt;			/* rivet's migratetype, or MIGRATE_NONE */
} pagetype_columns[] = {
	{ "Unmovable",		MIGRATE_UNMOVABLE },
	{ "Movable",		MIGRATE_MOVABLE },
	{ "Reclaimable",	MIGRATE_RECLAIMABLE },
	{ "HighAtomic",		MIGRATE_NONE },
};
#define NR_PAGETYPE_COLUMNS	ARRAY_SIZE(pagetype_columns)

/* Linux stops counting a free list here and prints ">100000". */
#define PAGETYPE_COUNT_CAP	100000

/* Length of a free list, counted up to PAGETYPE_COUNT_CAP. zone->lock held. */
static unsigned long list_length_capped(const struct list_head *head)
{
	const struct list_head *pos;
	unsigned long n = 0;

	list_for_each(pos, head)
		if (++n >= PAGETYPE_COUNT_CAP)
			break;
	return n;
}

/* The "Free pages count per migrate type at order" rows of one zone. */
static void pagetypeinfo_showfree_zone(struct seq_buf *s, struct zone *zone)
{
	unsigned long nr[NR_PAGETYPE_COLUMNS][MAX_ORDER] = { { 0 } }, flags;
	unsigned int order, col;

	spin_lock_irqsave(&zone->lock, flags);
	for (col = 0; col < NR_PAGETYPE_COLUMNS; col++) {
		int mt = pagetype_columns[col].mt;

		for (order = 0; order < MAX_ORDER && mt != MIGRATE_NONE; order++)
			nr[col][order] = list_length_capped(&zone->free_area[order].free_list[mt]);
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	for (col = 0; col < NR_PAGETYPE_COLUMNS; col++) {
		seq_buf_printf(s, "Node %4d, zone %8s, type %12s ", zone->zone_pgdat->node_id,
			       zone->name, pagetype_columns[col].name);
		for (order = 0; order < MAX_ORDER; order++)
			seq_buf_printf(s, "%s%6lu ", nr[col][order] >= PAGETYPE_COUNT_CAP ? ">" : "",
				       nr[col][order]);
		seq_buf_printf(s, "\n");
	}
}

/* The "Number of blocks type" row of one zone: every pageblock it touches. */
static void pagetypeinfo_showblockcount_zone(struct seq_buf *s, struct zone *zone)
{
	unsigned long count[MIGRATE_TYPES] = { 0 };
	unsigned long pfn = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
	unsigned int mt, col;

	for (; pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages) {
		unsigned long p = max(pfn, zone->zone_start_pfn);

		mt = get_pfnblock_migratetype(pfn_to_page(p), p);
		if (mt < MIGRATE_TYPES)
			count[mt]++;
	}
	seq_buf_printf(s, "Node %d, zone %8s ", zone->zone_pgdat->node_id, zone->name);
	for (col = 0; col < NR_PAGETYPE_COLUMNS; col++) {
		int m = pagetype_columns[col].mt;

		seq_buf_printf(s, "%12lu ", m == MIGRATE_NONE ? 0UL : count[m]);
	}
	seq_buf_printf(s, "\n");
}

/*
 * /proc/pagetypeinfo: free blocks per zone, column and order, then
 * pageblocks per zone and column. Takes each zone->lock in turn.
 */
void pagetypeinfo_show(struct seq_buf *s)
{
	struct zone *zone;
	unsigned int order, col;

	seq_buf_printf(s, "Page block order: %d\n", pageblock_order);
	seq_buf_printf(s, "Pages per block:  %lu\n\n", pageblock_nr_pages);
	seq_buf_printf(s, "%-43s ", "Free pages count per migrate type at order");
	for (order = 0; order < MAX_ORDER; order++)
		seq_buf_printf(s, "%6u ", order);
	seq_buf_printf(s, "\n");
	for_each_populated_zone(zone)
		pagetypeinfo_showfree_zone(s, zone);
	seq_buf_printf(s, "\n%-23s", "Number of blocks type ");
	for (col = 0; col < NR_PAGETYPE_COLUMNS; col++)
		seq_buf_printf(s, "%12s ", pagetype_columns[col].name);
	seq_buf_printf(s, "\n");
	for_each_populated_zone(zone)
		pagetypeinfo_showblockcount_zone(s, zone);
}

/* ---- /proc/meminfo ---- */

/* One meminfo line: name, then pages shown in kB (Linux's widths). */
static void show_val_kb(struct seq_buf *s, const char *name, unsigned long pages)
{
	seq_buf_printf(s, "%-16s%8lu kB\n", name, pages << (PAGE_SHIFT - 10));
}

/*
 * /proc/meminfo. Cached is the page cache less the block-device buffers
 * (extra, NULL for none); the swap lines are 0 (no swap).
 * The counters are read one by one without locks, so under load the
 * lines need not add up exactly, as in Linux.
 */
void meminfo_show(struct seq_buf *s, const struct meminfo_extra *extra)
{
	static const struct meminfo_extra none;
	unsigned long total = totalram_pages(), free = nr_free_pages();
	unsigned long high = totalhigh_pages(), freehigh = nr_free_highpages();
	unsigned long file = global_zone_page_state(NR_FILE_PAGES);
	unsigned long sreclaim = global_zone_page_state(NR_SLAB_RECLAIMABLE);
	unsigned long sunreclaim = global_zone_page_state(NR_SLAB_UNRECLAIMABLE);
	unsigned long active_anon = global_zone_page_state(NR_ACTIVE_ANON);
	unsigned long inactive_anon = global_zone_page_state(NR_INACTIVE_ANON);
	unsigned long active_file = global_zone_page_state(NR_ACTIVE_FILE);
	unsigned long inactive_file = global_zone_page_state(NR_INACTIVE_FILE);

	if (!extra)
		extra = &none;
	show_val_kb(s, "MemTotal:", total);
	show_val_kb(s, "MemFree:", free);
	show_val_kb(s, "MemAvailable:", (unsigned long)si_mem_available());
	show_val_kb(s, "Buffers:", extra->buffers);
	show_val_kb(s, "Cached:", file > extra->buffers ? file - extra->buffers : 0);
	show_val_kb(s, "SwapCached:", 0);
	show_val_kb(s, "Active:", active_anon + active_file);
	show_val_kb(s, "Inactive:", inactive_anon + inactive_file);
	show_val_kb(s, "Active(anon):", active_anon);
	show_val_kb(s, "Inactive(anon):", inactive_anon);
	show_val_kb(s, "Active(file):", active_file);
	show_val_kb(s, "Inactive(file):", inactive_file);
	show_val_kb(s, "Unevictable:", global_zone_page_state(NR_UNEVICTABLE));
	show_val_kb(s, "HighTotal:", high);
	show_val_kb(s, "HighFree:", freehigh);
	show_val_kb(s, "LowTotal:", total - high);
	show_val_kb(s, "LowFree:", free - freehigh);
	show_val_kb(s, "SwapTotal:", 0);
	show_val_kb(s, "SwapFree:", 0);
	show_val_kb(s, "Dirty:", global_zone_page_state(NR_FILE_DIRTY));
	show_val_kb(s, "Writeback:", global_zone_page_state(NR_WRITEBACK));
	show_val_kb(s, "AnonPages:", global_zone_page_state(NR_ANON_PAGES));
	show_val_kb(s, "Mapped:", global_zone_page_state(NR_FILE_MAPPED));
	show_val_kb(s, "Shmem:", global_zone_page_state(NR_SHMEM));
	show_val_kb(s, "Slab:", sreclaim + sunreclaim);
	show_val_kb(s, "SReclaimable:", sreclaim);
	show_val_kb(s, "SUnreclaim:", sunreclaim);
	show_val_kb(s, "KernelStack:", global_zone_page_state(NR_KERNEL_STACK));
	show_val_kb(s, "PageTables:", global_zone_page_state(NR_PAGETABLE));
	show_val_kb(s, "Bounce:", global_zone_page_state(NR_BOUNCE));
	seq_buf_printf(s, "%-16s%8lu kB\n", "VmallocTotal:", extra->vmalloc_total >> 10);
	seq_buf_printf(s, "%-16s%8lu kB\n", "VmallocUsed:", extra->vmalloc_used >> 10);
}

/* ---- /proc/vmstat ---- */

/* "name value" lines: zone counters, node counters, then events (Linux's order). */
void vmstat_show(struct seq_buf *s)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(zone_lines); i++)
		seq_buf_printf(s, "%s %lu\n", zone_lines[i].name,
			       vmstat_line_value(&zone_lines[i], NULL));
	for (i = 0; i < ARRAY_SIZE(node_lines); i++)
		seq_buf_printf(s, "%s %lu\n", node_lines[i].name,
			       vmstat_line_value(&node_lines[i], NULL));
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++) {
		unsigned long v = all_vm_events(i);

		if (i == PGPGIN || i == PGPGOUT)
			v /= 2;		/* counted in sectors, shown in kB as Linux does */
		seq_buf_printf(s, "%s %lu\n", vm_event_text[i], v);
	}
}
