/*
 * The kernel's page table, swapper_pg_dir: kernel image with per-section
 * permissions (text R-X, rodata R--, data/bss RW-, never W+X), the linear
 * map of lowmem, and an ioremap area. Page-table pages come from a small
 * static pool until memblock can hand them out. Seed: Linux's paging_init
 * and create_pgd_mapping (arch/riscv/mm/init.c), ioremap. Leaves out
 * unmapping (no iounmap, no freeing of page-table pages) and ASIDs.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/io.h>
#include <asm/fixmap.h>
#include <linux/errno.h>
#include <asm/csr.h>
#include <asm/sections.h>

pte_t swapper_pg_dir[PTRS_PER_PTE] __aligned(PAGE_SIZE);
unsigned long nr_tlb_local_flush_all, nr_tlb_local_flush_one;
unsigned long va_pa_offset;

/* The boot pool (in .bss, so zeroed), used up before memblock: boot CPU only. */
#define EARLY_PGTABLES 64
static pte_t early_pgtables[EARLY_PGTABLES][PTRS_PER_PTE] __aligned(PAGE_SIZE);
static unsigned int early_pgtables_used;
/* Set at boot (set_pgtable_allocator), before any other CPU or thread runs. */
static phys_addr_t (*pgtable_page_alloc)(void);
static void (*pgtable_page_free)(phys_addr_t pa);
/* Serialises filling an empty table entry (check, then set). */
static DEFINE_SPINLOCK(pgtable_lock);
/* Next free ioremap address; no lock: drivers probe at boot, on one CPU. */
static unsigned long ioremap_next = IOREMAP_START;

/* Physical address of a kernel virtual address (image or linear map). */
unsigned long __pa(const void *va)
{
	unsigned long v = (unsigned long)va;

	if (v >= KERNEL_LINK_ADDR)
		return v - kernel_va_pa_offset;
	return v - va_pa_offset;
}

/*
 * Later allocators (memblock, then the buddy) take over page tables.
 * free_fn gives back a page that lost a race to fill an entry; NULL for
 * boot allocators, which run before anything can race.
 */
void set_pgtable_allocator(phys_addr_t (*alloc_fn)(void), void (*free_fn)(phys_addr_t))
{
	pgtable_page_alloc = alloc_fn;
	pgtable_page_free = free_fn;
}

static pte_t *pgtable_va(phys_addr_t pa);

/*
 * A zeroed page-table page: its physical address, or 0 when none is left.
 * From the allocator installed by set_pgtable_allocator, else from the
 * boot pool. May sleep if that allocator does, so no spinlock held.
 */
static phys_addr_t alloc_pgtable(void)
{
	phys_addr_t pa;

	if (pgtable_page_alloc) {
		pa = pgtable_page_alloc();
		if (pa)
			memset(pgtable_va(pa), 0, PAGE_SIZE);
		return pa;
	}
	if (early_pgtables_used == EARLY_PGTABLES)
		return 0;
	return __pa(early_pgtables[early_pgtables_used++]);
}

/* Page tables are reached through the linear map, or the image for the pool. */
static pte_t *pgtable_va(phys_addr_t pa)
{
	unsigned long img = __pa(_start);

	if (pa >= img && pa < img + (unsigned long)(_end - _start))
		return (pte_t *)(pa + kernel_va_pa_offset);
	return __va(pa);
}

/* Where the next-level table that non-leaf @pte points to can be read. */
void *ptdump_table_va(pte_t pte)
{
	return pgtable_va(pte_pfn(pte) << PAGE_SHIFT);
}

/*
 * Fill the empty entry @e with the new table at @pa, unless another CPU
 * filled it first: then @pa goes back. The page is allocated before the
 * lock is taken, since the allocator may sleep. A fence with an address
 * covers leaf entries only, and a hart may have cached the entry while it
 * was invalid, so a new intermediate table takes a full fence (rare: one
 * per 2 MiB or 1 GiB of new kernel mappings).
 */
static void install_table(pte_t *e, phys_addr_t pa)
{
	unsigned long flags;
	bool lost;

	spin_lock_irqsave(&pgtable_lock, flags);
	lost = pte_present(*e);
	if (!lost)
		WRITE_ONCE(*e, pfn_pte(pa >> PAGE_SHIFT, PAGE_TABLE));
	spin_unlock_irqrestore(&pgtable_lock, flags);
	if (!lost)
		local_flush_tlb_all();
	else if (!WARN_ON(!pgtable_page_free))
		pgtable_page_free(pa);
}

/*
 * The table entry @e points to, creating it if @alloc. NULL if there is
 * none (or no page for it), or if @e is a leaf mapping a larger page.
 */
static pte_t *next_table(pte_t *e, int alloc)
{
	pte_t entry = READ_ONCE(*e);

	if (!pte_present(entry)) {
		phys_addr_t pa = alloc ? alloc_pgtable() : 0;

		if (!pa)
			return NULL;
		install_table(e, pa);
		entry = READ_ONCE(*e);
	}
	if (pte_leaf(entry))
		return NULL;
	return pgtable_va(pte_pfn(entry) << PAGE_SHIFT);
}

/* The level-0 PTE for @va, creating missing tables if @alloc; or NULL. */
pte_t *walk_pte(pte_t *pgd, unsigned long va, int alloc)
{
	pte_t *pmd = next_table(&pgd[pgd_index(va)], alloc);
	pte_t *pt = pmd ? next_table(&pmd[pmd_index(va)], alloc) : NULL;

	return pt ? &pt[pte_index(va)] : NULL;
}

/* Install one leaf of @level (2 = 1 GiB, 1 = 2 MiB, 0 = 4 KiB). */
static int map_one(pte_t *pgd, unsigned long va, phys_addr_t pa, int level,
		   unsigned long prot)
{
	pte_t *e;

	if (level == 2) {
		e = &pgd[pgd_index(va)];
	} else if (level == 1) {
		pte_t *pmd = next_table(&pgd[pgd_index(va)], 1);

		e = pmd ? &pmd[pmd_index(va)] : NULL;
	} else {
		e = walk_pte(pgd, va, 1);
	}
	if (!e)
		return -ENOMEM;
	*e = pfn_pte(pa >> PAGE_SHIFT, prot);
	return 0;
}

/*
 * Map [va, va+size) to [pa, ...) with @prot, using the largest pages that
 * alignment allows. Returns 0, or -ENOMEM when out of page-table pages.
 * The caller flushes the TLB.
 */
int create_pgd_mapping(pte_t *pgd, unsigned long va, phys_addr_t pa,
		       unsigned long size, unsigned long prot)
{
	unsigned long end = va + size;

	while (va < end) {
		int level = 0;
		unsigned long step = PAGE_SIZE;

		if (IS_ALIGNED(va | pa, PGDIR_SIZE) && end - va >= PGDIR_SIZE)
			level = 2, step = PGDIR_SIZE;
		else if (IS_ALIGNED(va | pa, PMD_SIZE) && end - va >= PMD_SIZE)
			level = 1, step = PMD_SIZE;
		int err = map_one(pgd, va, pa, level, prot);

		if (err)
			return err;
		va += step;
		pa += step;
	}
	return 0;
}

/*
 * The image in swapper_pg_dir at its link address, each part with its
 * own permissions (kernel.lds page-aligns the boundaries). Boot only;
 * panics if the boot pool runs out, which only a bigger image can cause.
 */
static void map_kernel_image(void)
{
	struct { char *start, *end; unsigned long prot; } sec[] = {
		{ _start, _stext, PAGE_KERNEL_RO },	/* Image header */
		{ _stext, _etext, PAGE_KERNEL_EXEC },
		{ _srodata, _erodata, PAGE_KERNEL_RO },
		{ _sdata, _end, PAGE_KERNEL },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(sec); i++) {
		unsigned long va = (unsigned long)sec[i].start;
		unsigned long size = ALIGN((unsigned long)sec[i].end, PAGE_SIZE) - va;

		if (create_pgd_mapping(swapper_pg_dir, va, __pa(sec[i].start), size,
				       sec[i].prot))
			panic("paging_init: out of early page tables");
	}
}

/*
 * Map one range of lowmem RAM into the linear map. Called for each range
 * before paging_init switches to swapper_pg_dir.
 */
void map_linear_range(phys_addr_t start, phys_addr_t end)
{
	if (create_pgd_mapping(swapper_pg_dir, (unsigned long)__va(start), start,
			       end - start, PAGE_KERNEL))
		panic("paging_init: out of page tables for the linear map");
}

/* Switch from early_pg_dir (with its identity map) to swapper_pg_dir. */
void paging_init(void)
{
	map_kernel_image();
	init_protection_map();
	csr_write(CSR_SATP, SATP_MODE_SV39 | (__pa(swapper_pg_dir) >> PAGE_SHIFT));
	local_flush_tlb_all();
}

/* Before paging_init only: setup_vm's identity map makes pa its own address. */
void *early_ioremap(phys_addr_t pa)
{
	return (void *)pa;	/* identity-mapped by setup_vm */
}

/*
 * Map @size bytes of device registers at @pa into the ioremap area (the
 * PMAs make them uncached, the PTE needs no attribute) and return the
 * address of @pa there; NULL if the area or the page tables are full.
 * Boot-time probes only (no lock, never unmapped).
 */
void *ioremap(phys_addr_t pa, unsigned long size)
{
	unsigned long off = pa & ~PAGE_MASK;
	unsigned long va = ioremap_next;

	size = ALIGN(size + off, PAGE_SIZE);
	if (va + size > IOREMAP_END)
		return NULL;
	if (create_pgd_mapping(swapper_pg_dir, va, pa - off, size, PAGE_KERNEL))
		return NULL;
	ioremap_next += size + PAGE_SIZE;	/* one guard page between mappings */
	local_flush_tlb_all();
	return (void *)(va + off);
}

/* The fixmap's one page table: FIXADDR_START is 2 MiB aligned, the area 2 MiB. */
static pte_t *fixmap_pt;

/*
 * Create that table now (kmap_init, boot), so set_fixmap_pte never
 * allocates and may run with interrupts off. 0, or -ENOMEM.
 */
int fixmap_init(void)
{
	fixmap_pt = walk_pte(swapper_pg_dir, FIXADDR_START, 1);
	return fixmap_pt ? 0 : -ENOMEM;
}

/*
 * Any change of a fixmap PTE is fenced: valid -> invalid so no stale
 * translation survives, invalid -> valid because a hart may cache the
 * invalid entry until a fence (Svvptc aside).
 */
void set_fixmap_pte(int idx, pte_t pte)
{
	unsigned long vaddr = __fix_to_virt(idx);

	WRITE_ONCE(fixmap_pt[pte_index(vaddr)], pte);
	local_flush_tlb_page(vaddr);
}
