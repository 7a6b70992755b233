/*
 * Zones, free areas, per-CPU page lists and the node that holds them, after
 * seed 004 and ARCHITECTURE.md section 4: ZONE_DMA32 / ZONE_NORMAL /
 * ZONE_HIGHMEM, one node (contig_page_data), zonelist HIGHMEM -> NORMAL ->
 * DMA32. Also gfp_zone() and gfpflags_to_migratetype(), as in the seed.
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/gfp.h>
#include <asm/smp.h>

enum zone_type {
	ZONE_DMA32,	/* below 4 GiB: what 32-bit DMA masters reach */
	ZONE_NORMAL,	/* the rest of lowmem (linear map) */
	ZONE_HIGHMEM,	/* no permanent kernel address: kmap() only */
	MAX_NR_ZONES
};
#define ZONES_SHIFT	2	/* bits for a zone number in page->flags */

#define MAX_ORDER		11	/* orders 0 .. MAX_ORDER - 1 */
#define MAX_ORDER_NR_PAGES	(1UL << (MAX_ORDER - 1))
#define pageblock_order		9
#define pageblock_nr_pages	(1UL << pageblock_order)

/* Numbering fixed by gfpflags_to_migratetype (seed 004): MOVABLE << 1 | RECLAIMABLE. */
enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_MOVABLE,
	MIGRATE_PCPTYPES,	/* the types that have per-CPU lists */
	MIGRATE_TYPES = MIGRATE_PCPTYPES
};
extern const char * const migratetype_names[MIGRATE_TYPES];

/* Per-zone counters (vmstat.h has the accessors; names in mm/vmstat.c). */
enum zone_stat_item {
	NR_FREE_PAGES,		/* in the buddy free lists (not the pcp lists) */
	NR_INACTIVE_ANON,
	NR_ACTIVE_ANON,
	NR_INACTIVE_FILE,
	NR_ACTIVE_FILE,
	NR_ANON_PAGES,		/* anonymous pages mapped by user space */
	NR_FILE_MAPPED,		/* page-cache pages mapped by user space */
	NR_FILE_PAGES,		/* page-cache pages (buffers included) */
	NR_FILE_DIRTY,
	NR_WRITEBACK,
	NR_SLAB_RECLAIMABLE,
	NR_SLAB_UNRECLAIMABLE,
	NR_PAGETABLE,		/* page-table pages */
	NR_KERNEL_STACK,	/* kernel stack pages */
	NR_BOUNCE,		/* bounce buffers for highmem I/O */
	NR_UNEVICTABLE,		/* on the unevictable list (tmpfs pages) */
	NR_SHMEM,		/* tmpfs pages (also in NR_FILE_PAGES) */
	NR_WRITTEN,		/* pages written back, ever */
	NR_DIRTIED,		/* pages dirtied, ever */
	NR_VM_ZONE_STAT_ITEMS
};

/* The LRU lists of a zone (Linux's order: anon before file, unevictable last). */
enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

/* One list per migratetype of free blocks of one order. */
struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;	/* blocks (not pages) on all the lists */
};

/*
 * Hot/cold order-0 pages of one CPU, one list per migratetype. Only that
 * CPU touches them, with interrupts off (drain_all_pages is the exception:
 * see there).
 */
struct per_cpu_pages {
	int count;	/* pages on all the lists */
	int high;	/* give a batch back to the buddy above this; 0 = no pcp */
	int batch;	/* pages moved to/from the buddy at once */
	struct list_head lists[MIGRATE_PCPTYPES];
};

struct pglist_data;

struct zone {
	/* Read-mostly after boot (setup_per_zone_wmarks writes under lock). */
	unsigned long watermark[NR_WMARK];
	/*
	 * Pages kept from allocations that could have used the zone at each
	 * index instead. rivet reserves none: all zero, shown as zoneinfo's
	 * "protection".
	 */
	long lowmem_reserve[MAX_NR_ZONES];
	/* Set by free_area_init (managed_pages by the boot hand-over), then fixed. */
	struct pglist_data *zone_pgdat;
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* zone_end_pfn - zone_start_pfn, holes included */
	unsigned long present_pages;	/* RAM pages in the span */
	unsigned long managed_pages;	/* pages given to the buddy allocator */
	/* One byte per pageblock: its migratetype (from the aligned-down start). */
	unsigned char *pageblock_flags;

	struct per_cpu_pages pageset[NR_CPUS];

	/*
	 * lock protects free_area (lists and nr_free), every PG_buddy page's
	 * lru/private, and pageblock_flags writes. Taken with IRQs off.
	 */
	spinlock_t lock;
	struct free_area free_area[MAX_ORDER];

	/* Atomic counters: no lock needed (vmstat.h). */
	long vm_stat[NR_VM_ZONE_STAT_ITEMS];

	/*
	 * The LRU lists (mm/swap.c, mm/vmscan.c) of pages in use by the page
	 * cache; Linux keeps them per node in a lruvec. lru_lock (IRQs off)
	 * protects the lists and every page's PG_lru/PG_active while on one.
	 */
	spinlock_t lru_lock;
	struct list_head lru[NR_LRU_LISTS];
};

/* A zonelist entry: the zone and its index, so walks avoid a dereference. */
struct zoneref {
	struct zone *zone;
	int zone_idx;
};

#define MAX_ZONELISTS	1	/* ZONELIST_FALLBACK only: one node */
/* Zones to try, best first, ending with a NULL zone (whose zone_idx is 0). */
struct zonelist {
	struct zoneref _zonerefs[MAX_NR_ZONES + 1];
};

typedef struct { unsigned long bits[1]; } nodemask_t;	/* one node: unused */

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_ZONELISTS];
	int nr_zones;			/* highest populated zone index + 1 */
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;
} pg_data_t;

extern struct pglist_data contig_page_data;
#define NODE_DATA(nid)		(&contig_page_data)
#define numa_node_id()		0

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return pfn >= zone->zone_start_pfn && pfn < zone_end_pfn(zone);
}

static inline int zone_idx(const struct zone *zone)
{
	return (int)(zone - zone->zone_pgdat->node_zones);
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline bool is_highmem(const struct zone *zone)
{
	return zone_idx(zone) == ZONE_HIGHMEM;
}

#define for_each_zone(zone)						\
	for (zone = contig_page_data.node_zones;			\
	     zone < contig_page_data.node_zones + MAX_NR_ZONES; zone++)

#define for_each_populated_zone(zone)					\
	for_each_zone(zone)						\
		if (!populated_zone(zone))				\
			; /* skip */					\
		else

/* ---- zonelists (seed 004: first_zones_zonelist / next_zones_zonelist) ---- */

static inline struct zone *zonelist_zone(struct zoneref *zoneref)
{
	return zoneref->zone;
}

static inline int zonelist_zone_idx(struct zoneref *zoneref)
{
	return zoneref->zone_idx;
}

/* First zoneref at or after z whose zone index is <= highest_zoneidx. */
static inline struct zoneref *next_zones_zonelist(struct zoneref *z,
		enum zone_type highest_zoneidx, nodemask_t *nodes)
{
	while (zonelist_zone_idx(z) > (int)highest_zoneidx)
		z++;
	return z;
}

/* The first zoneref usable for highest_zoneidx; *zone is its zone, NULL if none. */
static inline struct zoneref *first_zones_zonelist(struct zonelist *zonelist,
		enum zone_type highest_zoneidx, nodemask_t *nodes,
		struct zone **zone)
{
	struct zoneref *z = next_zones_zonelist(zonelist->_zonerefs,
						highest_zoneidx, nodes);

	*zone = zonelist_zone(z);
	return z;
}

/* Every zone of zonelist usable for highidx, best first. */
#define for_each_zone_zonelist(zone, z, zlist, highidx)			\
	for (z = first_zones_zonelist(zlist, highidx, NULL, &zone);	\
	     zone;							\
	     z = next_zones_zonelist(z + 1, highidx, NULL),		\
	     zone = zonelist_zone(z))

/* The node's fallback zonelist (Linux picks by __GFP_THISNODE; rivet has one). */
static inline struct zonelist *node_zonelist(int nid, gfp_t flags)
{
	return NODE_DATA(nid)->node_zonelists;
}

/* ---- GFP flags -> zone, migratetype (seed 004) ---- */

/*
 * GFP_ZONE_TABLE holds, for each of the 16 combinations of the zone
 * modifiers (__GFP_DMA, __GFP_HIGHMEM, __GFP_DMA32, __GFP_MOVABLE), the
 * highest zone the allocation may use, ZONES_SHIFT bits each. rivet has no
 * ZONE_DMA (so __GFP_DMA means ZONE_DMA32) and no ZONE_MOVABLE (so
 * __GFP_HIGHMEM|__GFP_MOVABLE means ZONE_HIGHMEM). __GFP_MOVABLE alone only
 * picks the migratetype. GFP_ZONE_BAD marks the contradictory combinations.
 */
#define GFP_ZONE_ENTRY(bits, zone)	((unsigned long)(zone) << ((bits) * ZONES_SHIFT))
#define GFP_ZONE_TABLE (						\
	GFP_ZONE_ENTRY(0, ZONE_NORMAL) |				\
	GFP_ZONE_ENTRY(___GFP_DMA, ZONE_DMA32) |			\
	GFP_ZONE_ENTRY(___GFP_HIGHMEM, ZONE_HIGHMEM) |			\
	GFP_ZONE_ENTRY(___GFP_DMA32, ZONE_DMA32) |			\
	GFP_ZONE_ENTRY(___GFP_MOVABLE, ZONE_NORMAL) |			\
	GFP_ZONE_ENTRY(___GFP_MOVABLE | ___GFP_DMA, ZONE_DMA32) |	\
	GFP_ZONE_ENTRY(___GFP_MOVABLE | ___GFP_HIGHMEM, ZONE_HIGHMEM) |	\
	GFP_ZONE_ENTRY(___GFP_MOVABLE | ___GFP_DMA32, ZONE_DMA32))

#define GFP_ZONE_BAD_BITS(bits)	(1UL << (bits))
#define GFP_ZONE_BAD (							\
	GFP_ZONE_BAD_BITS(___GFP_DMA | ___GFP_HIGHMEM) |		\
	GFP_ZONE_BAD_BITS(___GFP_DMA | ___GFP_DMA32) |			\
	GFP_ZONE_BAD_BITS(___GFP_DMA32 | ___GFP_HIGHMEM) |		\
	GFP_ZONE_BAD_BITS(___GFP_DMA | ___GFP_DMA32 | ___GFP_HIGHMEM) |	\
	GFP_ZONE_BAD_BITS(___GFP_MOVABLE | ___GFP_DMA | ___GFP_HIGHMEM) | \
	GFP_ZONE_BAD_BITS(___GFP_MOVABLE | ___GFP_DMA | ___GFP_DMA32) |	\
	GFP_ZONE_BAD_BITS(___GFP_MOVABLE | ___GFP_DMA32 | ___GFP_HIGHMEM) | \
	GFP_ZONE_BAD_BITS(___GFP_MOVABLE | ___GFP_DMA | ___GFP_DMA32 | ___GFP_HIGHMEM))

/* Highest zone for flags; a contradictory combination warns, gets DMA32. */
static inline enum zone_type gfp_zone(gfp_t flags)
{
	unsigned int bit = flags & GFP_ZONEMASK;

	if (WARN_ON((GFP_ZONE_BAD >> bit) & 1))
		return ZONE_DMA32;
	return (enum zone_type)((GFP_ZONE_TABLE >> (bit * ZONES_SHIFT)) &
				((1UL << ZONES_SHIFT) - 1));
}

/*
 * Migratetype for flags (seed 004). Both __GFP_MOVABLE and
 * __GFP_RECLAIMABLE is a caller bug: it warns and gets MIGRATE_UNMOVABLE,
 * since the formula would give 3, one past the free and pcp lists.
 */
static inline int gfpflags_to_migratetype(const gfp_t gfp_flags)
{
	if (WARN_ON((gfp_flags & GFP_MOVABLE_MASK) == GFP_MOVABLE_MASK))
		return MIGRATE_UNMOVABLE;
	return (((gfp_flags & __GFP_MOVABLE) != 0) << 1) |
		((gfp_flags & __GFP_RECLAIMABLE) != 0);
}

/* ---- watermarks ---- */

/* alloc_flags: which watermark to honour and how far below it to go. */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_NO_WATERMARKS	0x04	/* ignore watermarks completely */
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)
#define ALLOC_HARDER		0x10	/* atomic: a quarter below the mark */
#define ALLOC_HIGH		0x20	/* __GFP_HIGH: half below the mark */

#define min_wmark_pages(z)	((z)->watermark[WMARK_MIN])
#define low_wmark_pages(z)	((z)->watermark[WMARK_LOW])
#define high_wmark_pages(z)	((z)->watermark[WMARK_HIGH])

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int classzone_idx, unsigned int alloc_flags);
bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int classzone_idx, unsigned int alloc_flags, long free_pages);

#endif
