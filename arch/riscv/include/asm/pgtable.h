/*
 * Sv39 page tables (RISC-V privileged spec, "Sv39: Page-Based 39-bit
 * Virtual-Memory System"). Three levels of 512 8-byte entries; a virtual
 * address splits into VPN[2] (bits 38:30), VPN[1] (29:21), VPN[0] (20:12)
 * and the page offset. A PTE holds PPN (bits 53:10) and the flags below; an
 * entry with R, W or X set is a leaf at any level (1 GiB, 2 MiB, 4 KiB).
 * The U74 cores (VisionFive) fault instead of setting A and D, so kernel
 * mappings are created with A and D already set. After changing a PTE,
 * flush with asm/tlbflush.h.
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <asm/page.h>

#define _PAGE_PRESENT	(1UL << 0)	/* V */
#define _PAGE_READ	(1UL << 1)
#define _PAGE_WRITE	(1UL << 2)
#define _PAGE_EXEC	(1UL << 3)
#define _PAGE_USER	(1UL << 4)
#define _PAGE_GLOBAL	(1UL << 5)
#define _PAGE_ACCESSED	(1UL << 6)
#define _PAGE_DIRTY	(1UL << 7)
#define _PAGE_PFN_SHIFT	10
#define _PAGE_LEAF	(_PAGE_READ | _PAGE_WRITE | _PAGE_EXEC)

#define PTRS_PER_PTE	512
#define PGDIR_SHIFT	30
#define PMD_SHIFT	21
#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)
#define PMD_SIZE	(1UL << PMD_SHIFT)

#define _PAGE_KERNEL_BASE (_PAGE_PRESENT | _PAGE_GLOBAL | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_KERNEL	(_PAGE_KERNEL_BASE | _PAGE_READ | _PAGE_WRITE)
#define PAGE_KERNEL_RO	(_PAGE_KERNEL_BASE | _PAGE_READ)
#define PAGE_KERNEL_EXEC (_PAGE_KERNEL_BASE | _PAGE_READ | _PAGE_EXEC)
#define PAGE_KERNEL_RWX	(_PAGE_KERNEL_BASE | _PAGE_LEAF)
#define PAGE_TABLE	(_PAGE_PRESENT)

/*
 * User PTEs. The two RSW bits (9:8) are the kernel's: _PAGE_SPECIAL marks
 * a frame that is no ordinary page of the mapping (the shared zero page),
 * _PAGE_PROT_NONE a PROT_NONE mapping, whose V bit is clear so every
 * access faults while the frame stays recorded. Sv39 reserves W without
 * R, so a writable user PTE is always R|W. A is set when a PTE is made
 * (and D with W), so the U74, which faults instead of setting them, takes
 * no extra fault on a first touch.
 */
#define _PAGE_SPECIAL	(1UL << 8)
#define _PAGE_PROT_NONE	(1UL << 9)
#define _PAGE_USER_BASE	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_NONE	_PAGE_PROT_NONE
#define PAGE_READ	(_PAGE_USER_BASE | _PAGE_READ)
#define PAGE_WRITE	(_PAGE_USER_BASE | _PAGE_READ | _PAGE_WRITE)
#define PAGE_EXEC	(_PAGE_USER_BASE | _PAGE_EXEC)
#define PAGE_READ_EXEC	(_PAGE_USER_BASE | _PAGE_READ | _PAGE_EXEC)
#define PAGE_WRITE_EXEC	(_PAGE_USER_BASE | _PAGE_LEAF)
/* The bits pte_modify keeps: the frame, A, D and _PAGE_SPECIAL. */
#define _PAGE_CHG_MASK	(~((1UL << _PAGE_PFN_SHIFT) - 1) | _PAGE_ACCESSED | \
			 _PAGE_DIRTY | _PAGE_SPECIAL)

#ifndef __ASSEMBLER__
#include <linux/types.h>
#include <linux/compiler.h>

struct mm_struct;
struct vm_area_struct;
typedef unsigned long pte_t;

static inline unsigned long pte_pfn(pte_t pte) { return pte >> _PAGE_PFN_SHIFT; }
static inline pte_t pfn_pte(unsigned long pfn, unsigned long prot)
{
	return (pfn << _PAGE_PFN_SHIFT) | prot;
}
/* The PTE mapping struct page page with prot (a macro: needs linux/mm.h). */
#define mk_pte(page, prot)	pfn_pte(page_to_pfn(page), (prot))
static inline int pte_present(pte_t pte) { return pte & _PAGE_PRESENT; }
static inline int pte_leaf(pte_t pte) { return pte & _PAGE_LEAF; }

/* ---- user PTEs (mm/memory.c); rivet has no swap, so "not none" = mapped ---- */
static inline int pte_none(pte_t pte) { return pte == 0; }
static inline int pte_write(pte_t pte) { return pte & _PAGE_WRITE; }
static inline int pte_young(pte_t pte) { return pte & _PAGE_ACCESSED; }
static inline int pte_dirty(pte_t pte) { return pte & _PAGE_DIRTY; }
static inline int pte_special(pte_t pte) { return pte & _PAGE_SPECIAL; }
static inline pte_t pte_mkwrite(pte_t pte) { return pte | _PAGE_READ | _PAGE_WRITE; }
static inline pte_t pte_wrprotect(pte_t pte) { return pte & ~_PAGE_WRITE; }
static inline pte_t pte_mkyoung(pte_t pte) { return pte | _PAGE_ACCESSED; }
static inline pte_t pte_mkold(pte_t pte) { return pte & ~_PAGE_ACCESSED; }
static inline pte_t pte_mkdirty(pte_t pte) { return pte | _PAGE_DIRTY; }
static inline pte_t pte_mkspecial(pte_t pte) { return pte | _PAGE_SPECIAL; }
/* @pte's frame and A/D/special bits with the permissions of @newprot. */
static inline pte_t pte_modify(pte_t pte, unsigned long newprot)
{
	return (pte & _PAGE_CHG_MASK) | newprot;
}

static inline unsigned int pgd_index(unsigned long va) { return (va >> PGDIR_SHIFT) & 511; }
static inline unsigned int pmd_index(unsigned long va) { return (va >> PMD_SHIFT) & 511; }
static inline unsigned int pte_index(unsigned long va) { return (va >> PAGE_SHIFT) & 511; }

extern pte_t swapper_pg_dir[PTRS_PER_PTE];
/* The page of zeroes every untouched anonymous page reads as (pgalloc.c). */
extern unsigned long empty_zero_page[PAGE_SIZE / sizeof(unsigned long)];

/*
 * Page-table levels of a user address space. Sv39 has three, all alike
 * (512 PTEs in one page), so pgd_t and pmd_t are pte_t by another name.
 * A non-leaf entry points at the next table; user tables are lowmem pages
 * (asm/pgalloc.h), reached through the linear map.
 */
typedef pte_t pgd_t;
typedef pte_t pmd_t;
static inline int pmd_none(pmd_t pmd) { return pmd == 0; }
static inline int pgd_none(pgd_t pgd) { return pgd == 0; }
/* The kernel address of the table the non-leaf entry @e points at. */
static inline pte_t *pte_table_va(pte_t e)
{
	return (pte_t *)__va((e >> _PAGE_PFN_SHIFT) << PAGE_SHIFT);
}
static inline pgd_t *pgd_offset_pgd(pgd_t *pgd, unsigned long addr)
{
	return pgd + pgd_index(addr);
}
static inline pmd_t *pmd_offset(pgd_t *pgdp, unsigned long addr)
{
	return pte_table_va(*pgdp) + pmd_index(addr);
}
static inline pte_t *pte_offset_map(pmd_t *pmdp, unsigned long addr)
{
	return pte_table_va(*pmdp) + pte_index(addr);
}
/* Point the empty entry @e at the table page whose lowmem address is @table. */
static inline void pmd_populate(pte_t *e, void *table)
{
	WRITE_ONCE(*e, pfn_pte(PHYS_PFN(__pa(table)), PAGE_TABLE));
}
#define pgd_populate(pgdp, table)	pmd_populate(pgdp, table)
#define pgd_offset(mm, addr)		pgd_offset_pgd((pgd_t *)(mm)->pgd, (addr))

/* Write a user PTE; the caller flushes if it narrows a valid mapping. */
static inline void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
			      pte_t pte)
{
	WRITE_ONCE(*ptep, pte);
}
/* Clear a user PTE and return what it held; the caller flushes. */
static inline pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr,
				       pte_t *ptep)
{
	pte_t old = READ_ONCE(*ptep);

	WRITE_ONCE(*ptep, 0);
	return old;
}
/*
 * A fault found *@ptep valid but lacking A (or D, @dirty) or write
 * permission it may have: store @entry and flush that page. 1 if the PTE
 * changed, 0 if it already was @entry (a stale TLB entry: a spurious fault).
 */
int ptep_set_access_flags(struct vm_area_struct *vma, unsigned long addr,
			  pte_t *ptep, pte_t entry, int dirty);
/* After a user PTE is made valid: nothing to do on RISC-V (no TLB preload). */
static inline void update_mmu_cache(struct vm_area_struct *vma, unsigned long addr,
				    pte_t *ptep)
{
}
/* Fill protection_map (linux/mm_vma.h) with the PTE bits above; paging_init. */
void init_protection_map(void);

int create_pgd_mapping(pte_t *pgd, unsigned long va, phys_addr_t pa,
		       unsigned long size, unsigned long prot);
pte_t *walk_pte(pte_t *pgd, unsigned long va, int alloc);
void paging_init(void);
unsigned long ptdump_kernel(void);
void *ptdump_table_va(pte_t pte);
void map_linear_range(phys_addr_t start, phys_addr_t end);
void set_pgtable_allocator(phys_addr_t (*alloc_fn)(void), void (*free_fn)(phys_addr_t pa));
#endif

#endif
