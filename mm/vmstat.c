/*
 * Memory statistics and the texts of /proc/zoneinfo, buddyinfo,
 * pagetypeinfo, meminfo and vmstat, in Linux's formats (the zoneinfo and
 * pagetypeinfo layouts of seed 003). Left out: per-CPU stat deltas and
 * thresholds, NUMA counters, lowmem_reserve ("protection").
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/seq_buf.h>

unsigned long vm_event_states[NR_CPUS][NR_VM_EVENT_ITEMS];

const char * const vmstat_text[NR_VM_ZONE_STAT_ITEMS] = {
	[NR_FREE_PAGES]		= "nr_free_pages",
	[NR_INACTIVE_ANON]	= "nr_inactive_anon",
	[NR_ACTIVE_ANON]	= "nr_active_anon",
	[NR_INACTIVE_FILE]	= "nr_inactive_file",
	[NR_ACTIVE_FILE]	= "nr_active_file",
	[NR_ANON_PAGES]		= "nr_anon_pages",
	[NR_FILE_MAPPED]	= "nr_mapped",
	[NR_FILE_PAGES]		= "nr_file_pages",
	[NR_FILE_DIRTY]		= "nr_dirty",
	[NR_WRITEBACK]		= "nr_writeback",
	[NR_SLAB_RECLAIMABLE]	= "nr_slab_reclaimable",
	[NR_SLAB_UNRECLAIMABLE]	= "nr_slab_unreclaimable",
	[NR_PAGETABLE]		= "nr_page_table_pages",
	[NR_KERNEL_STACK]	= "nr_kernel_stack",
	[NR_BOUNCE]		= "nr_bounce",
};

const char * const vm_event_text[NR_VM_EVENT_ITEMS] = {
	[PGPGIN]		= "pgpgin",
	[PGPGOUT]		= "pgpgout",
	[PGALLOC_DMA32]		= "pgalloc_dma32",
	[PGALLOC_NORMAL]	= "pgalloc_normal",
	[PGALLOC_HIGH]		= "pgalloc_high",
	[PGFREE]		= "pgfree",
	[PGFAULT]		= "pgfault",
	[PGMAJFAULT]		= "pgmajfault",
	[PGSCAN_DIRECT]		= "pgscan_direct",
	[PGSTEAL_DIRECT]	= "pgsteal_direct",
	[ALLOCSTALL]		= "allocstall",
};

unsigned long global_zone_page_state(enum zone_stat_item item)
{
	struct zone *zone;
	long sum = 0;

	for_each_zone(zone)
		sum += __atomic_load_n(&zone->vm_stat[item], __ATOMIC_RELAXED);
	return sum < 0 ? 0 : (unsigned long)sum;
}

unsigned long all_vm_events(enum vm_event_item item)
{
	unsigned long sum = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		sum += READ_ONCE(vm_event_states[cpu][item]);
	return sum;
}

/* ---- /proc/zoneinfo ---- */

static void zoneinfo_show_zone(struct seq_buf *s, struct zone *zone)
{
	unsigned int i, cpu;

	seq_buf_printf(s, "Node %d, zone %8s\n", zone->zone_pgdat->node_id, zone->name);
	seq_buf_printf(s, "  pages free     %lu\n", zone_page_state(zone, NR_FREE_PAGES));
	seq_buf_printf(s, "        min      %lu\n", min_wmark_pages(zone));
	seq_buf_printf(s, "        low      %lu\n", low_wmark_pages(zone));
	seq_buf_printf(s, "        high     %lu\n", high_wmark_pages(zone));
	seq_buf_printf(s, "        spanned  %lu\n", zone->spanned_pages);
	seq_buf_printf(s, "        present  %lu\n", zone->present_pages);
	seq_buf_printf(s, "        managed  %lu\n", zone->managed_pages);
	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_buf_printf(s, "    %-12s %lu\n", vmstat_text[i], zone_page_state(zone, i));
	seq_buf_printf(s, "  pagesets\n");
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->pageset[cpu];

		seq_buf_printf(s, "    cpu: %u\n", cpu);
		seq_buf_printf(s, "              count: %d\n", READ_ONCE(pcp->count));
		seq_buf_printf(s, "              high:  %d\n", READ_ONCE(pcp->high));
		seq_buf_printf(s, "              batch: %d\n", READ_ONCE(pcp->batch));
	}
	seq_buf_printf(s, "  start_pfn:         %lu\n", zone->zone_start_pfn);
}

void zoneinfo_show(struct seq_buf *s)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		zoneinfo_show_zone(s, zone);
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

static unsigned long list_length(const struct list_head *head)
{
	const struct list_head *pos;
	unsigned long n = 0;

	list_for_each(pos, head)
		n++;
	return n;
}

/* The "Free pages count per migrate type at order" rows of one zone. */
static void pagetypeinfo_showfree_zone(struct seq_buf *s, struct zone *zone)
{
	unsigned long nr[MIGRATE_TYPES][MAX_ORDER], flags;
	unsigned int order, mt;

	spin_lock_irqsave(&zone->lock, flags);
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		for (order = 0; order < MAX_ORDER; order++)
			nr[mt][order] = list_length(&zone->free_area[order].free_list[mt]);
	spin_unlock_irqrestore(&zone->lock, flags);
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		seq_buf_printf(s, "Node %4d, zone %8s, type %12s ",
			       zone->zone_pgdat->node_id, zone->name, migratetype_names[mt]);
		for (order = 0; order < MAX_ORDER; order++)
			seq_buf_printf(s, "%6lu ", nr[mt][order]);
		seq_buf_printf(s, "\n");
	}
}

/* The "Number of blocks type" row of one zone: every pageblock it touches. */
static void pagetypeinfo_showblockcount_zone(struct seq_buf *s, struct zone *zone)
{
	unsigned long count[MIGRATE_TYPES] = { 0 };
	unsigned long pfn = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
	unsigned int mt;

	for (; pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages) {
		unsigned long p = max(pfn, zone->zone_start_pfn);

		mt = get_pfnblock_migratetype(pfn_to_page(p), p);
		if (mt < MIGRATE_TYPES)
			count[mt]++;
	}
	seq_buf_printf(s, "Node %d, zone %8s ", zone->zone_pgdat->node_id, zone->name);
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_buf_printf(s, "%12lu ", count[mt]);
	seq_buf_printf(s, "\n");
}

void pagetypeinfo_show(struct seq_buf *s)
{
	struct zone *zone;
	unsigned int order, mt;

	seq_buf_printf(s, "Page block order: %d\n", pageblock_order);
	seq_buf_printf(s, "Pages per block:  %lu\n\n", pageblock_nr_pages);
	seq_buf_printf(s, "%-43s ", "Free pages count per migrate type at order");
	for (order = 0; order < MAX_ORDER; order++)
		seq_buf_printf(s, "%6u ", order);
	seq_buf_printf(s, "\n");
	for_each_populated_zone(zone)
		pagetypeinfo_showfree_zone(s, zone);
	seq_buf_printf(s, "\n%-23s", "Number of blocks type ");
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_buf_printf(s, "%12s ", migratetype_names[mt]);
	seq_buf_printf(s, "\n");
	for_each_populated_zone(zone)
		pagetypeinfo_showblockcount_zone(s, zone);
}

/* ---- /proc/meminfo ---- */

static void show_val_kb(struct seq_buf *s, const char *name, unsigned long pages)
{
	seq_buf_printf(s, "%-16s%8lu kB\n", name, pages << (PAGE_SHIFT - 10));
}

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
	show_val_kb(s, "Shmem:", 0);
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

void vmstat_show(struct seq_buf *s)
{
	unsigned int i;

	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_buf_printf(s, "%s %lu\n", vmstat_text[i], global_zone_page_state(i));
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_buf_printf(s, "%s %lu\n", vm_event_text[i], all_vm_events(i));
}
