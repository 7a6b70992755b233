/*
 * Memory statistics: per-zone page counters (enum zone_stat_item, declared
 * in mmzone.h as Linux does, because struct zone embeds them) and global
 * event counters, plus the text producers behind /proc/{zoneinfo,buddyinfo,
 * pagetypeinfo,meminfo,vmstat} (mm/vmstat.c).
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/mm.h>

struct seq_buf;

/*
 * Event counters (/proc/vmstat), in Linux's order; pgalloc_* are indexed
 * by zone. Names in mm/vmstat.c.
 */
enum vm_event_item {
	PGPGIN,			/* sectors read from block devices (/proc/vmstat: kB) */
	PGPGOUT,		/* sectors written to block devices */
	PGALLOC_DMA32,		/* + zone_idx: one per zone, same order as zone_type */
	PGALLOC_NORMAL,
	PGALLOC_HIGH,
	ALLOCSTALL_DMA32,	/* + the request's highest zone: entries into reclaim */
	ALLOCSTALL_NORMAL,
	ALLOCSTALL_HIGH,
	PGFREE,
	PGACTIVATE,		/* pages moved to an active list */
	PGDEACTIVATE,		/* pages moved to an inactive list */
	PGFAULT,
	PGMAJFAULT,
	PGREFILL,		/* active pages scanned (shrink_active_list) */
	PGSTEAL_KSWAPD,		/* vmscan: pages reclaimed by kswapd */
	PGSTEAL_DIRECT,		/* vmscan: pages reclaimed in direct reclaim */
	PGSCAN_KSWAPD,		/* vmscan: inactive pages looked at by kswapd */
	PGSCAN_DIRECT,		/* vmscan: ... in direct reclaim */
	PGINODESTEAL,		/* inodes freed with pages in their cache */
	SLABS_SCANNED,		/* objects the shrinkers were asked about */
	KSWAPD_INODESTEAL,
	PAGEOUTRUN,		/* kswapd runs */
	PGROTATED,		/* written-back pages moved to the inactive tail */
	DROP_PAGECACHE,		/* writes of 1 or 3 to drop_caches */
	DROP_SLAB,		/* writes of 2 or 3 */
	OOM_KILL,		/* processes the OOM killer killed (Linux's oom_kill) */
	/* rivet's own, after Linux's (mm/memory.c): */
	COW_FAULT,		/* write faults that copied a shared or zero page */
	COW_REUSE,		/* write faults that made a read-only page writable in place */
	ZERO_PAGE_MAP,		/* read faults that mapped the zero page */
	FAULT_AROUND,		/* cached file pages mapped around a read fault */
	NR_VM_EVENT_ITEMS
};

/*
 * Zone counters are atomic: any context may update them. The __ variants
 * are the same here (Linux's ones need IRQs off for per-CPU deltas).
 */
static inline void __mod_zone_page_state(struct zone *zone,
		enum zone_stat_item item, long delta)
{
	__atomic_fetch_add(&zone->vm_stat[item], delta, __ATOMIC_RELAXED);
}

static inline void mod_zone_page_state(struct zone *zone,
		enum zone_stat_item item, long delta)
{
	__mod_zone_page_state(zone, item, delta);
}

/* Current value; a transiently negative counter reads as 0. */
static inline unsigned long zone_page_state(struct zone *zone,
		enum zone_stat_item item)
{
	long x = __atomic_load_n(&zone->vm_stat[item], __ATOMIC_RELAXED);

	return x < 0 ? 0 : (unsigned long)x;
}

static inline void __inc_zone_page_state(struct page *page, enum zone_stat_item item)
{
	__mod_zone_page_state(page_zone(page), item, 1);
}

static inline void __dec_zone_page_state(struct page *page, enum zone_stat_item item)
{
	__mod_zone_page_state(page_zone(page), item, -1);
}

#define inc_zone_page_state	__inc_zone_page_state
#define dec_zone_page_state	__dec_zone_page_state

/* Sum over all zones of the node. */
unsigned long global_zone_page_state(enum zone_stat_item item);

/*
 * Events are per-CPU; __count_vm_events needs IRQs off (or the caller's
 * CPU otherwise pinned), count_vm_events does that itself.
 */
extern unsigned long vm_event_states[NR_CPUS][NR_VM_EVENT_ITEMS];

static inline void __count_vm_events(enum vm_event_item item, long delta)
{
	vm_event_states[smp_processor_id()][item] += delta;
}

static inline void count_vm_events(enum vm_event_item item, long delta)
{
	unsigned long flags;

	local_irq_save(flags);
	__count_vm_events(item, delta);
	local_irq_restore(flags);
}

#define __count_vm_event(item)	__count_vm_events(item, 1)
#define count_vm_event(item)	count_vm_events(item, 1)

unsigned long all_vm_events(enum vm_event_item item);

/*
 * What /proc/meminfo needs but mm/ does not own: block-device buffer pages
 * and the vmalloc figures. The caller fills it (or passes NULL: zeros).
 */
struct meminfo_extra {
	unsigned long buffers;		/* pages, part of NR_FILE_PAGES */
	unsigned long vmalloc_total;	/* bytes */
	unsigned long vmalloc_used;	/* bytes */
};

/*
 * The /proc texts, laid out exactly as Linux 6.1-6.6 lays them out (field
 * names, order and column widths; docs/mm.md lists what rivet leaves out).
 * They never fail; see seq_buf.
 */
void zoneinfo_show(struct seq_buf *s);
void buddyinfo_show(struct seq_buf *s);
void pagetypeinfo_show(struct seq_buf *s);
void meminfo_show(struct seq_buf *s, const struct meminfo_extra *extra);
void vmstat_show(struct seq_buf *s);

#endif
