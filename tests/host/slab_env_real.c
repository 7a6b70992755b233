/*
 * The slab tests' environment on the real buddy allocator: 128 MiB booted
 * through memblock by page_alloc_arena.c (32 DMA32 + 64 Normal + 32 HighMem).
 */
#include <linux/mm.h>
#include <linux/vmstat.h>
#include "page_alloc_arena.h"
#include "slab_test_env.h"

void slab_env_init(void)
{
	static const struct arena_layout layout = {
		.size = 128UL << 20,
		.zone_mb = { 32, 64, 32 },
		.reserve_base = 1UL << 20,
		.reserve_size = 1UL << 20,
	};

	arena_boot(&layout);
}

/* Free frames, per-CPU lists included (they are drained first). */
unsigned long slab_env_free_pages(void)
{
	drain_all_pages(NULL);
	return nr_free_pages();
}

unsigned long slab_env_slab_pages(void)
{
	return global_zone_page_state(NR_SLAB_RECLAIMABLE) +
	       global_zone_page_state(NR_SLAB_UNRECLAIMABLE);
}

unsigned long slab_env_reclaimable_pages(void)
{
	return global_zone_page_state(NR_SLAB_RECLAIMABLE);
}
