/*
 * memblock: boot-time memory regions and allocator, with Linux's interface
 * (include/linux/memblock.h). Fixed tables of INIT_MEMBLOCK_REGIONS entries;
 * left out: NUMA node ids, bottom-up allocation, resizing the tables,
 * hotplug flags. Not locked: used by the boot CPU before others start.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <asm/page.h>

static struct memblock_region memory_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region reserved_regions[INIT_MEMBLOCK_REGIONS];

struct memblock memblock = {
	.current_limit	= MEMBLOCK_ALLOC_ANYWHERE,
	.memory		= { .max = INIT_MEMBLOCK_REGIONS,
			    .regions = memory_regions, .name = "memory" },
	.reserved	= { .max = INIT_MEMBLOCK_REGIONS,
			    .regions = reserved_regions, .name = "reserved" },
};

/* Clip size so that base + size does not wrap; returns the new size. */
static phys_addr_t memblock_cap_size(phys_addr_t base, phys_addr_t *size)
{
	if (*size > PHYS_ADDR_MAX - base)
		*size = PHYS_ADDR_MAX - base;
	return *size;
}

/* One past the region's last byte. */
static inline phys_addr_t region_end(const struct memblock_region *r)
{
	return r->base + r->size;
}

/* Put a region at index idx, shifting the rest up. Caller checked room. */
static void memblock_insert_region(struct memblock_type *type, unsigned long idx,
				   phys_addr_t base, phys_addr_t size,
				   enum memblock_flags flags)
{
	struct memblock_region *r = &type->regions[idx];

	memmove(r + 1, r, (type->cnt - idx) * sizeof(*r));
	r->base = base;
	r->size = size;
	r->flags = flags;
	type->cnt++;
	type->total_size += size;
}

/* Drop the region at index idx, shifting the rest down. */
static void memblock_remove_region(struct memblock_type *type, unsigned long idx)
{
	struct memblock_region *r = &type->regions[idx];

	type->total_size -= r->size;
	memmove(r, r + 1, (type->cnt - idx - 1) * sizeof(*r));
	type->cnt--;
}

/* Join neighbours that touch and have the same flags. */
static void memblock_merge_regions(struct memblock_type *type)
{
	unsigned long i = 0;

	while (i + 1 < type->cnt) {
		struct memblock_region *this = &type->regions[i];
		struct memblock_region *next = this + 1;

		if (region_end(this) != next->base || this->flags != next->flags) {
			i++;
			continue;
		}
		this->size += next->size;
		type->total_size += next->size;	/* remove_region subtracts it */
		memblock_remove_region(type, i + 1);
	}
}

/*
 * Place [base, end), which lies between regions idx - 1 and idx: grow a
 * neighbour it touches (same flags), else (if insert) take a new slot.
 * Returns 1 if it needs a new slot.
 */
static int memblock_place(struct memblock_type *type, unsigned long idx,
			  phys_addr_t base, phys_addr_t end,
			  enum memblock_flags flags, bool insert)
{
	struct memblock_region *prev = idx ? &type->regions[idx - 1] : NULL;
	struct memblock_region *next = idx < type->cnt ? &type->regions[idx] : NULL;

	if (prev && region_end(prev) == base && prev->flags == flags) {
		if (insert) {
			prev->size += end - base;
			type->total_size += end - base;
		}
		return 0;
	}
	if (next && next->base == end && next->flags == flags) {
		if (insert) {
			next->base = base;
			next->size += end - base;
			type->total_size += end - base;
		}
		return 0;
	}
	if (insert)
		memblock_insert_region(type, idx, base, end - base, flags);
	return 1;
}

/*
 * Walk the parts of [base, end) that no region of type covers yet; if
 * insert, add them. Returns how many new table slots they need.
 */
static int memblock_add_pieces(struct memblock_type *type, phys_addr_t base,
			       phys_addr_t end, enum memblock_flags flags,
			       bool insert)
{
	phys_addr_t cur = base;
	unsigned long i;
	int nr = 0, n;

	for (i = 0; i < type->cnt && cur < end; i++) {
		struct memblock_region *r = &type->regions[i];
		phys_addr_t rbase = r->base, rend = region_end(r);

		if (rbase >= end)
			break;
		if (rend <= cur)
			continue;
		if (rbase > cur) {
			n = memblock_place(type, i, cur, rbase, flags, insert);
			nr += n;
			if (insert)
				i += n;	/* r moved up one slot */
		}
		cur = max(cur, rend);
	}
	if (cur < end)
		nr += memblock_place(type, i, cur, end, flags, insert);
	return nr;
}

/*
 * Add [base, base + size) to type: only the parts not yet covered, then
 * merge. -ENOMEM, with nothing changed, if the table would overflow.
 */
static int memblock_add_range(struct memblock_type *type, phys_addr_t base,
			      phys_addr_t size, enum memblock_flags flags)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	int nr;

	if (!size)
		return 0;
	nr = memblock_add_pieces(type, base, end, flags, false);
	if (type->cnt + nr > type->max) {
		pr_err("memblock: %s table full (%lu regions), cannot add [%#lx-%#lx)\n",
		       type->name, type->max, base, end);
		return -ENOMEM;
	}
	memblock_add_pieces(type, base, end, flags, true);
	memblock_merge_regions(type);
	return 0;
}

/* How many regions have base or end strictly inside them (0, 1 or 2). */
static unsigned long memblock_splits_needed(struct memblock_type *type,
					    phys_addr_t base, phys_addr_t end)
{
	unsigned long i, n = 0;

	for (i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		n += r->base < base && base < region_end(r);
		n += r->base < end && end < region_end(r);
	}
	return n;
}

/*
 * Split regions so that [base, base + size) starts and ends on region
 * boundaries; *start_rgn..*end_rgn (exclusive) are then the regions inside
 * it. -ENOMEM, with nothing changed, if there is no room for the splits.
 */
static int memblock_isolate_range(struct memblock_type *type, phys_addr_t base,
				  phys_addr_t size, unsigned long *start_rgn,
				  unsigned long *end_rgn)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	unsigned long i;

	*start_rgn = *end_rgn = 0;
	if (!size)
		return 0;
	if (type->cnt + memblock_splits_needed(type, base, end) > type->max) {
		pr_err("memblock: %s table full (%lu regions), cannot split at [%#lx-%#lx)\n",
		       type->name, type->max, base, end);
		return -ENOMEM;
	}
	for (i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];
		phys_addr_t rbase = r->base, rend = region_end(r);

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		if (rbase < base) {		/* cut off the part below base */
			r->base = base;
			r->size = rend - base;
			type->total_size -= base - rbase;
			memblock_insert_region(type, i, rbase, base - rbase, r->flags);
		} else if (rend > end) {	/* cut off the part above end */
			r->base = end;
			r->size = rend - end;
			type->total_size -= end - rbase;
			memblock_insert_region(type, i--, rbase, end - rbase, r->flags);
		} else {			/* wholly inside */
			if (!*end_rgn)
				*start_rgn = i;
			*end_rgn = i + 1;
		}
	}
	return 0;
}

/*
 * Take [base, base + size) out of type, splitting regions that straddle
 * its ends. -ENOMEM, with nothing changed, if the splits do not fit.
 */
static int memblock_remove_range(struct memblock_type *type, phys_addr_t base,
				 phys_addr_t size)
{
	unsigned long start_rgn, end_rgn;
	int ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);

	if (ret)
		return ret;
	while (end_rgn > start_rgn)
		memblock_remove_region(type, --end_rgn);
	return 0;
}

/*
 * Set or clear flag on the RAM in [base, base + size), splitting regions
 * at its ends first. -ENOMEM, with nothing changed, if they do not fit.
 */
static int memblock_setclr_flag(phys_addr_t base, phys_addr_t size, bool set,
				enum memblock_flags flag)
{
	struct memblock_type *type = &memblock.memory;
	unsigned long i, start_rgn, end_rgn;
	int ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);

	if (ret)
		return ret;
	for (i = start_rgn; i < end_rgn; i++) {
		if (set)
			type->regions[i].flags |= flag;
		else
			type->regions[i].flags &= ~flag;
	}
	memblock_merge_regions(type);
	return 0;
}

/*
 * Declare [base, base + size) RAM. Like each range operation below
 * (contracts in linux/memblock.h): 0, or -ENOMEM when a region table is
 * full (a message names it). Boot CPU only, no locking.
 */
int memblock_add(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.memory, base, size, MEMBLOCK_NONE);
}

/* Forget RAM; the reserved table is left as it is. */
int memblock_remove(phys_addr_t base, phys_addr_t size)
{
	return memblock_remove_range(&memblock.memory, base, size);
}

/* Mark a range in use: never handed out, nor freed to the buddy allocator. */
int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.reserved, base, size, MEMBLOCK_NONE);
}

/* Undo memblock_reserve (or an early allocation) over the range. */
int memblock_free(phys_addr_t base, phys_addr_t size)
{
	return memblock_remove_range(&memblock.reserved, base, size);
}

/* RAM the kernel must neither map nor allocate (firmware's, say). */
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, true, MEMBLOCK_NOMAP);
}

int memblock_clear_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, false, MEMBLOCK_NOMAP);
}

/* The address below which the RAM regions hold limit bytes. */
static phys_addr_t memblock_find_max_addr(phys_addr_t limit)
{
	struct memblock_region *r;

	for_each_mem_region(r) {
		if (limit <= r->size)
			return r->base + limit;
		limit -= r->size;
	}
	return PHYS_ADDR_MAX;
}

/*
 * "mem=": keep only the first limit bytes of RAM (0, or more than there
 * is: no change), dropping the RAM and the reservations above them. A
 * table that overflows while splitting (a message says so) is left as it was.
 */
void memblock_enforce_memory_limit(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;
	max_addr = memblock_find_max_addr(limit);
	if (max_addr == PHYS_ADDR_MAX)
		return;
	memblock_remove_range(&memblock.memory, max_addr, PHYS_ADDR_MAX);
	memblock_remove_range(&memblock.reserved, max_addr, PHYS_ADDR_MAX);
}

/* Allocations end below limit (setup_arch: the end of lowmem's linear map). */
void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

phys_addr_t memblock_get_current_limit(void)
{
	return memblock.current_limit;
}

/* ---- iteration ---- */

/*
 * for_each_mem_range's step: the next RAM region at or after *idx that is
 * not MEMBLOCK_NOMAP, and advance *idx past it. False when none is left.
 */
bool __next_mem_range(u64 *idx, phys_addr_t *out_start, phys_addr_t *out_end)
{
	struct memblock_type *type = &memblock.memory;

	for (; *idx < type->cnt; (*idx)++) {
		struct memblock_region *r = &type->regions[*idx];

		if (r->flags & MEMBLOCK_NOMAP)
			continue;
		*out_start = r->base;
		*out_end = region_end(r);
		(*idx)++;
		return true;
	}
	return false;
}

/*
 * Next piece of mapped RAM not covered by a reserved region. *idx packs
 * the memory region index (low 32 bits) and the index of the gap between
 * reserved regions (high 32 bits); gap g runs from the end of reserved
 * region g - 1 to the start of region g.
 */
bool __next_free_mem_range(u64 *idx, phys_addr_t *out_start, phys_addr_t *out_end)
{
	struct memblock_type *mem = &memblock.memory, *rsv = &memblock.reserved;
	unsigned long mi = (unsigned long)(*idx & 0xffffffff);
	unsigned long gi = (unsigned long)(*idx >> 32);

	for (; mi < mem->cnt; mi++, gi = 0) {
		struct memblock_region *m = &mem->regions[mi];
		phys_addr_t m_start = m->base, m_end = region_end(m);

		if (m->flags & MEMBLOCK_NOMAP)
			continue;
		for (; gi <= rsv->cnt; gi++) {
			phys_addr_t g_start = gi ? region_end(&rsv->regions[gi - 1]) : 0;
			phys_addr_t g_end = gi < rsv->cnt ? rsv->regions[gi].base : PHYS_ADDR_MAX;

			if (g_start >= m_end)
				break;
			if (g_end <= m_start)
				continue;
			*out_start = max(m_start, g_start);
			*out_end = min(m_end, g_end);
			/* The gap goes on past this region: revisit it with the next one. */
			if (m_end <= g_end)
				mi++;
			else
				gi++;
			*idx = (u64)mi | ((u64)gi << 32);
			return true;
		}
	}
	*idx = (u64)mi;
	return false;
}

/* ---- allocation ---- */

/* Highest aligned start of a free range of size bytes in [start, end), or 0. */
static phys_addr_t memblock_find_in_range(phys_addr_t size, phys_addr_t align,
					  phys_addr_t start, phys_addr_t end)
{
	phys_addr_t fs, fe, cand, best = 0;
	u64 i;

	for_each_free_mem_range(i, &fs, &fe) {
		fs = max(fs, start);
		fe = min(fe, end);
		if (fe <= fs || fe - fs < size)
			continue;
		cand = ALIGN_DOWN(fe - size, align);
		if (cand >= fs && cand > best)
			best = cand;
	}
	return best;
}

/*
 * Find (top-down, below the current limit) and reserve size bytes in
 * [start, end). 0 on failure: no room, a reservation table full, a bad
 * size or align (warned), or after memblock_free_all (warned: the buddy
 * allocator owns the free pages then).
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end)
{
	phys_addr_t found;

	if (!align)
		align = 64;
	if (!size || (align & (align - 1))) {
		WARN_ON(1);
		return 0;
	}
	if (memblock.handed_over) {	/* its free pages are the buddy's now */
		pr_warn("memblock: allocation of %lu bytes after memblock_free_all refused, caller %pS\n",
			(unsigned long)size, __builtin_return_address(0));
		WARN_ON(1);
		return 0;
	}
	end = min(end, memblock.current_limit);
	found = memblock_find_in_range(size, align, start, end);
	if (!found || memblock_reserve(found, size))
		return 0;
	return found;
}

/* memblock_phys_alloc_range anywhere below the current limit. */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_phys_alloc_range(size, align, 0, MEMBLOCK_ALLOC_ANYWHERE);
}

/*
 * memblock_phys_alloc, zeroed and returned as a linear-map address; NULL
 * on failure. Needs the linear map over everything below the current limit.
 */
void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t pa = memblock_phys_alloc(size, align);
	void *ptr;

	if (!pa)
		return NULL;
	ptr = __va(pa);
	memset(ptr, 0, size);
	return ptr;
}

/* ---- queries ---- */

/* Bytes of RAM (NOMAP regions included). */
phys_addr_t memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

phys_addr_t memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

/* First byte of RAM; 0 if memblock knows none. */
phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.cnt ? memblock.memory.regions[0].base : 0;
}

/* One past the last byte of RAM; 0 if memblock knows none. */
phys_addr_t memblock_end_of_DRAM(void)
{
	struct memblock_type *type = &memblock.memory;

	return type->cnt ? region_end(&type->regions[type->cnt - 1]) : 0;
}

/* Does a region of type hold addr? */
static bool memblock_type_contains(struct memblock_type *type, phys_addr_t addr)
{
	unsigned long i;

	for (i = 0; i < type->cnt; i++)
		if (addr >= type->regions[i].base && addr < region_end(&type->regions[i]))
			return true;
	return false;
}

/* Is addr RAM (NOMAP or not)? */
bool memblock_is_memory(phys_addr_t addr)
{
	return memblock_type_contains(&memblock.memory, addr);
}

bool memblock_is_reserved(phys_addr_t addr)
{
	return memblock_type_contains(&memblock.reserved, addr);
}

/* One type's count and regions, a line each, in Linux's memblock_dump layout. */
static void memblock_dump_type(struct memblock_type *type)
{
	unsigned long i;

	pr_info(" %s.cnt  = 0x%lx\n", type->name, type->cnt);
	for (i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		pr_info(" %s[0x%lx]\t[0x%016lx-0x%016lx], 0x%016lx bytes flags: 0x%x\n",
			type->name, i, r->base, region_end(r) - 1, r->size,
			(unsigned int)r->flags);
	}
}

/* Print both tables at KERN_INFO (Linux's memblock_dump_all). */
void memblock_dump(void)
{
	pr_info("MEMBLOCK configuration:\n");
	pr_info(" memory size = 0x%lx reserved size = 0x%lx\n",
		memblock.memory.total_size, memblock.reserved.total_size);
	memblock_dump_type(&memblock.memory);
	memblock_dump_type(&memblock.reserved);
}

/* ---- hand-over to the buddy allocator ---- */

/* Largest order for a block at pfn: aligned, below end, in one zone. */
static unsigned int free_block_order(unsigned long pfn, unsigned long end)
{
	unsigned long zone_end = zone_end_pfn(page_zone(pfn_to_page(pfn)));
	unsigned int order = 0;

	end = min(end, zone_end);
	while (order < MAX_ORDER - 1 && IS_ALIGNED(pfn, 1UL << (order + 1)) &&
	       pfn + (1UL << (order + 1)) <= end)
		order++;
	return order;
}

/*
 * Free the whole pages of [start, end) below max_pfn to the buddy
 * allocator, in the largest aligned blocks that fit, each inside one zone
 * (__free_pages_core).
 * Returns the number of pages freed.
 */
static unsigned long __free_memory_core(phys_addr_t start, phys_addr_t end)
{
	unsigned long start_pfn = PFN_UP(start);
	unsigned long end_pfn = min(PFN_DOWN(end), max_pfn);
	unsigned long pfn = start_pfn;

	if (start_pfn >= end_pfn)
		return 0;
	while (pfn < end_pfn) {
		unsigned int order = free_block_order(pfn, end_pfn);

		__free_pages_core(pfn_to_page(pfn), order);
		pfn += 1UL << order;
	}
	return end_pfn - start_pfn;
}

/*
 * The hand-over (mm_init, after free_area_init): every free, mapped page
 * goes to the buddy allocator and memblock refuses allocations from then
 * on. Returns the number of pages freed; the rest stay PG_reserved.
 */
unsigned long memblock_free_all(void)
{
	phys_addr_t start, end;
	unsigned long count = 0;
	u64 i;

	for_each_free_mem_range(i, &start, &end)
		count += __free_memory_core(start, end);
	memblock.handed_over = true;
	return count;
}
