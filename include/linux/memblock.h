/*
 * memblock: the boot-time memory map and allocator (mm/memblock.c), as in
 * Linux. "memory" lists RAM, "reserved" what is in use (kernel, DTB,
 * initrd, firmware, early allocations); memblock_free_all() then hands the
 * difference to the buddy allocator.
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>

#define INIT_MEMBLOCK_REGIONS	128
#define PHYS_ADDR_MAX		(~(phys_addr_t)0)
#define MEMBLOCK_ALLOC_ANYWHERE	PHYS_ADDR_MAX

enum memblock_flags {
	MEMBLOCK_NONE	= 0x0,
	MEMBLOCK_NOMAP	= 0x4,	/* RAM not to be mapped nor handed out */
};

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	enum memblock_flags flags;
};

/* Sorted by base, never overlapping; adjacent ones with equal flags merged. */
struct memblock_type {
	unsigned long cnt;
	unsigned long max;
	phys_addr_t total_size;
	struct memblock_region *regions;
	const char *name;
};

struct memblock {
	phys_addr_t current_limit;	/* allocations end below this */
	bool handed_over;		/* memblock_free_all ran: no more allocations */
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

/* 0 or -ENOMEM (region table full; a message says which). */
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
int memblock_free(phys_addr_t base, phys_addr_t size);	/* un-reserve */
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size);
/* Keep only the first limit bytes of RAM ("mem="). */
void memblock_enforce_memory_limit(phys_addr_t limit);

void memblock_set_current_limit(phys_addr_t limit);
phys_addr_t memblock_get_current_limit(void);

/*
 * Top-down allocation of free, mapped RAM in [start, end) below the
 * current limit, reserved at once. Physical address, or 0 on failure.
 * align must be a power of two (0 means 64).
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
/*
 * The same, zeroed and returned through the linear map; NULL on failure.
 * After memblock_free_all() the free pages are the buddy allocator's, so
 * both warn and fail: use alloc_pages or kmalloc then.
 */
void *memblock_alloc(phys_addr_t size, phys_addr_t align);

phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
bool memblock_is_memory(phys_addr_t addr);
bool memblock_is_reserved(phys_addr_t addr);
void memblock_dump(void);

/*
 * Give every free page to the buddy allocator (after free_area_init).
 * Returns the number of pages freed; all other pages stay PG_reserved.
 * memblock allocates nothing after this.
 */
unsigned long memblock_free_all(void);

/* Iterators: u64 i; phys_addr_t start, end; for_each_...(i, &start, &end). */
bool __next_mem_range(u64 *idx, phys_addr_t *out_start, phys_addr_t *out_end);
bool __next_free_mem_range(u64 *idx, phys_addr_t *out_start, phys_addr_t *out_end);

/* RAM regions that are mapped (MEMBLOCK_NOMAP ones skipped). */
#define for_each_mem_range(i, p_start, p_end)				\
	for (i = 0; __next_mem_range(&i, p_start, p_end); )

/* Mapped RAM minus reserved ranges, ascending. */
#define for_each_free_mem_range(i, p_start, p_end)			\
	for (i = 0; __next_free_mem_range(&i, p_start, p_end); )

#define for_each_mem_region(rgn)					\
	for (rgn = memblock.memory.regions;				\
	     rgn < memblock.memory.regions + memblock.memory.cnt; rgn++)

#define for_each_reserved_mem_region(rgn)				\
	for (rgn = memblock.reserved.regions;				\
	     rgn < memblock.reserved.regions + memblock.reserved.cnt; rgn++)

#endif
