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

#ifndef __ASSEMBLER__
#include <linux/types.h>
#include <linux/compiler.h>

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

static inline unsigned int pgd_index(unsigned long va) { return (va >> PGDIR_SHIFT) & 511; }
static inline unsigned int pmd_index(unsigned long va) { return (va >> PMD_SHIFT) & 511; }
static inline unsigned int pte_index(unsigned long va) { return (va >> PAGE_SHIFT) & 511; }

extern pte_t swapper_pg_dir[PTRS_PER_PTE];

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
