/*
 * Host tests of mm/memblock.c: region merging and splitting, nomap,
 * top-down allocation under the limit, table overflow, the free-range
 * iterator, and memblock_free_all's accounting into the buddy allocator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include "test.h"

#define MB	(1UL << 20)
#define BASE	0x80000000UL

static void reset(void)
{
	memblock.memory.cnt = memblock.reserved.cnt = 0;
	memblock.memory.total_size = memblock.reserved.total_size = 0;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
}

static bool region_is(struct memblock_type *t, unsigned long i, phys_addr_t base,
		      phys_addr_t size, unsigned int flags)
{
	return i < t->cnt && t->regions[i].base == base && t->regions[i].size == size &&
	       t->regions[i].flags == flags;
}

static void test_add_merge(void)
{
	struct memblock_type *m = &memblock.memory;

	reset();
	memblock_add(BASE, 16 * MB);
	memblock_add(BASE + 32 * MB, 16 * MB);
	CHECK(m->cnt == 2 && memblock_phys_mem_size() == 32 * MB, "two separate regions");
	memblock_add(BASE + 16 * MB, 16 * MB);
	CHECK(m->cnt == 1 && region_is(m, 0, BASE, 48 * MB, 0), "filling the gap merges all three");
	memblock_add(BASE + 40 * MB, 16 * MB);
	CHECK(m->cnt == 1 && memblock_phys_mem_size() == 56 * MB, "overlapping add extends, size counted once");
	memblock_add(BASE + 4 * MB, MB);
	CHECK(m->cnt == 1 && memblock_phys_mem_size() == 56 * MB, "contained add changes nothing");
	memblock_add(BASE - 8 * MB, 4 * MB);
	CHECK(m->cnt == 2 && region_is(m, 0, BASE - 8 * MB, 4 * MB, 0), "sorted by base");
	CHECK(memblock_start_of_DRAM() == BASE - 8 * MB && memblock_end_of_DRAM() == BASE + 56 * MB,
	      "start/end of DRAM");
	memblock_remove(BASE + 10 * MB, 2 * MB);
	CHECK(m->cnt == 3 && region_is(m, 1, BASE, 10 * MB, 0) &&
	      region_is(m, 2, BASE + 12 * MB, 44 * MB, 0) && memblock_phys_mem_size() == 58 * MB,
	      "remove splits a region");
	CHECK(memblock_is_memory(BASE + 9 * MB) && !memblock_is_memory(BASE + 11 * MB),
	      "memblock_is_memory");
	memblock_add(0xfffffffffff00000UL, ~0UL);
	CHECK(memblock_end_of_DRAM() == ~0UL, "size wrapping past the end is clipped");
}

static void test_reserve_free(void)
{
	struct memblock_type *r = &memblock.reserved;

	reset();
	memblock_add(BASE, 64 * MB);
	memblock_reserve(BASE + MB, MB);
	memblock_reserve(BASE + 2 * MB, MB);
	CHECK(r->cnt == 1 && region_is(r, 0, BASE + MB, 2 * MB, 0), "adjacent reservations merge");
	memblock_reserve(BASE + 1 * MB + 4096, 8192);
	CHECK(r->cnt == 1 && memblock_reserved_size() == 2 * MB, "overlap counted once");
	memblock_free(BASE + MB + 4096, 4096);
	CHECK(r->cnt == 2 && region_is(r, 0, BASE + MB, 4096, 0) &&
	      region_is(r, 1, BASE + MB + 8192, 2 * MB - 8192, 0), "memblock_free splits");
	CHECK(memblock_is_reserved(BASE + MB) && !memblock_is_reserved(BASE + MB + 4096),
	      "memblock_is_reserved");
	memblock_free(BASE, 64 * MB);
	CHECK(r->cnt == 0 && memblock_reserved_size() == 0, "free everything");
}

static void test_nomap_iter(void)
{
	struct memblock_type *m = &memblock.memory;
	phys_addr_t start, end, exp[][2] = {
		{ BASE, BASE + MB }, { BASE + 3 * MB, BASE + 8 * MB },
		{ BASE + 10 * MB, BASE + 16 * MB }, { BASE + 32 * MB, BASE + 40 * MB - 4096 },
	};
	unsigned int n = 0, ok = 0;
	u64 i;

	reset();
	memblock_add(BASE, 16 * MB);
	memblock_add(BASE + 32 * MB, 16 * MB);
	memblock_mark_nomap(BASE + 8 * MB, 2 * MB);
	CHECK(m->cnt == 4 && region_is(m, 1, BASE + 8 * MB, 2 * MB, MEMBLOCK_NOMAP),
	      "nomap isolates its range");
	memblock_reserve(BASE + MB, 2 * MB);
	memblock_reserve(BASE + 40 * MB - 4096, 8 * MB + 4096);
	memblock_reserve(BASE + 20 * MB, MB);	/* outside RAM */
	for_each_free_mem_range(i, &start, &end) {
		if (n < 4 && start == exp[n][0] && end == exp[n][1])
			ok++;
		n++;
	}
	CHECK(n == 4 && ok == 4, "free ranges skip reserved and nomap (%u ranges, %u right)", n, ok);
	n = 0;
	for_each_mem_range(i, &start, &end)
		n++;
	CHECK(n == 3, "for_each_mem_range skips the nomap region");
	memblock_clear_nomap(BASE + 8 * MB, 2 * MB);
	CHECK(m->cnt == 2, "clearing nomap merges back");
}

static void test_alloc(void)
{
	phys_addr_t a, b, c;

	reset();
	memblock_add(BASE, 64 * MB);
	memblock_reserve(BASE + 60 * MB, 4 * MB);
	a = memblock_phys_alloc(4096, 4096);
	CHECK(a == BASE + 60 * MB - 4096, "top-down: just below the top reservation");
	b = memblock_phys_alloc(100, 1 * MB);
	CHECK(b == BASE + 59 * MB, "alignment honoured (%#lx)", b);
	memblock_set_current_limit(BASE + 16 * MB);
	c = memblock_phys_alloc(MB, 4096);
	CHECK(c == BASE + 15 * MB, "below the current limit");
	CHECK(memblock_get_current_limit() == BASE + 16 * MB, "limit read back");
	CHECK(memblock_phys_alloc(32 * MB, 4096) == 0, "too big below the limit: 0");
	CHECK(memblock_phys_alloc_range(MB, 4096, BASE + 2 * MB, BASE + 3 * MB) == BASE + 2 * MB,
	      "alloc in an exact range");
	CHECK(memblock_is_reserved(a) && memblock_is_reserved(c), "allocations are reserved");
	printf("# expect a WARNING:\n");
	CHECK(memblock_phys_alloc(4096, 3000) == 0, "non-power-of-two alignment refused");
}

static void test_overflow(void)
{
	int i, ret = 0;
	unsigned long cnt;

	reset();
	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		ret |= memblock_add(BASE + (unsigned long)i * 2 * MB, MB);
	CHECK(ret == 0 && memblock.memory.cnt == INIT_MEMBLOCK_REGIONS, "128 regions fit");
	cnt = memblock.memory.cnt;
	printf("# expect a 'table full' message:\n");
	CHECK(memblock_add(BASE + 1000 * MB, MB) == -ENOMEM && memblock.memory.cnt == cnt,
	      "the 129th is -ENOMEM, table unchanged");
	CHECK(memblock_add(BASE + MB, MB) == 0 && memblock.memory.cnt == cnt - 1,
	      "but a merging add still works");
	CHECK(memblock_remove(BASE + 10 * MB, 4096) == 0 && memblock.memory.cnt == cnt - 1 &&
	      memblock_phys_mem_size() == (cnt + 1) * MB - 4096, "a remove needing one split fits in 127");
	CHECK(memblock_add(BASE + 1002 * MB, MB) == 0 && memblock.memory.cnt == cnt,
	      "refilled to 128");
	printf("# expect a 'table full' message:\n");
	CHECK(memblock_remove(BASE + 20 * MB + 4096, 4096) == -ENOMEM && memblock.memory.cnt == cnt,
	      "a remove that needs a split does not fit in a full table");
}

static void test_limit(void)
{
	reset();
	memblock_add(BASE, 64 * MB);
	memblock_add(BASE + 128 * MB, 64 * MB);
	memblock_reserve(BASE + 150 * MB, MB);
	memblock_enforce_memory_limit(96 * MB);
	CHECK(memblock_phys_mem_size() == 96 * MB && memblock_end_of_DRAM() == BASE + 160 * MB,
	      "mem=96M keeps the first 96 MiB");
	CHECK(memblock_reserved_size() == MB, "reservations below the limit kept");
	memblock_enforce_memory_limit(50 * MB);
	CHECK(memblock_phys_mem_size() == 50 * MB && memblock_reserved_size() == 0,
	      "and beyond it dropped");
}

/*
 * memblock_free_all over an odd layout: reservations not page aligned,
 * a nomap hole, zone boundaries not MAX_ORDER aligned. Every free page
 * goes to the buddy, every other page stays PG_reserved.
 */
static void test_free_all(void)
{
	unsigned long size = 80 * MB, freed, expect = 0, reserved = 0, phys;
	unsigned long max_zone_pfn[MAX_NR_ZONES];
	void *arena = aligned_alloc(4 * MB, size);
	phys_addr_t start, end;
	unsigned char *zeroed;
	int bad = 0;
	u64 i;

	reset();
	va_pa_offset = (unsigned long)arena - BASE;
	memset(arena, 0x77, size);
	memblock_add(BASE, size);
	memblock_reserve(BASE + 100, 3 * MB);
	memblock_reserve(BASE + 17 * MB + 5, 4096);
	memblock_mark_nomap(BASE + 40 * MB, 3 * MB + 8192);
	max_zone_pfn[ZONE_DMA32] = (BASE + 20 * MB + 3 * 4096) >> PAGE_SHIFT;
	max_zone_pfn[ZONE_NORMAL] = (BASE + 50 * MB + 7 * 4096) >> PAGE_SHIFT;
	max_zone_pfn[ZONE_HIGHMEM] = (BASE + size) >> PAGE_SHIFT;
	memblock_set_current_limit(max_zone_pfn[ZONE_NORMAL] << PAGE_SHIFT);
	zeroed = memblock_alloc(5000, 8);
	CHECK(zeroed && zeroed[0] == 0 && zeroed[4999] == 0 &&
	      __pa(zeroed) < (max_zone_pfn[ZONE_NORMAL] << PAGE_SHIFT), "memblock_alloc: zeroed, below limit");
	free_area_init(max_zone_pfn);
	for_each_free_mem_range(i, &start, &end)
		if (PFN_DOWN(end) > PFN_UP(start))
			expect += PFN_DOWN(end) - PFN_UP(start);
	freed = memblock_free_all();
	phys = get_num_physpages();
	for (unsigned long pfn = min_low_pfn; pfn < max_pfn; pfn++)
		reserved += PageReserved(pfn_to_page(pfn));
	printf("# %lu pages free + %lu reserved = %lu RAM pages\n", freed, reserved, phys);
	CHECK(freed == expect, "freed every page of the free ranges (%lu)", freed);
	CHECK(freed + reserved == phys && phys == size / 4096, "free + reserved == RAM pages");
	CHECK(nr_free_pages() == freed && totalram_pages() == freed, "NR_FREE_PAGES and managed agree");
	CHECK(PageReserved(pfn_to_page((BASE + 3 * MB) >> PAGE_SHIFT)) &&
	      !PageReserved(pfn_to_page(((BASE + 3 * MB) >> PAGE_SHIFT) + 1)),
	      "partial page at a reservation's end stays reserved, the next is free");
	CHECK(PageReserved(pfn_to_page((BASE + 41 * MB) >> PAGE_SHIFT)), "nomap pages reserved");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];

		for (unsigned int o = 0; o < MAX_ORDER; o++)
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				struct page *p;

				list_for_each_entry(p, &zone->free_area[o].free_list[mt], lru) {
					unsigned long pfn = page_to_pfn(p);

					bad += !zone_spans_pfn(zone, pfn) ||
					       !zone_spans_pfn(zone, pfn + (1UL << o) - 1) ||
					       (pfn & ((1UL << o) - 1));
				}
			}
	}
	CHECK(bad == 0, "no free block crosses a zone boundary or is misaligned");
	CHECK(NODE_DATA(0)->node_zones[ZONE_NORMAL].zone_start_pfn == max_zone_pfn[ZONE_DMA32],
	      "zones follow max_zone_pfn");
	memblock_dump();
	mem_init_print_info();
	printf("# expect two refusals with WARNINGs:\n");
	CHECK(memblock_phys_alloc(4096, 4096) == 0 && memblock_alloc(64, 8) == NULL,
	      "memblock allocations after memblock_free_all warn and fail");
	CHECK(nr_free_pages() == freed, "... and take nothing from the buddy allocator");
}

int main(void)
{
	test_add_merge();
	test_reserve_free();
	test_nomap_iter();
	test_alloc();
	test_overflow();
	test_limit();
	test_free_all();
	return test_exit();
}
