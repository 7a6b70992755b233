/*
 * Fixmap: compile-time virtual addresses whose PTEs are set at run time.
 * rivet uses them for kmap_atomic: KM_TYPE_NR slots per CPU, taken in stack
 * order. Index 0 is a hole so that a zero index is never a mapping.
 * __fix_to_virt(idx) = FIXADDR_TOP - (idx << PAGE_SHIFT), as seed 000 shows.
 */
#ifndef _ASM_FIXMAP_H
#define _ASM_FIXMAP_H

#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/smp.h>

#define KM_TYPE_NR	16	/* kmap_atomic nesting depth per CPU */

enum fixed_addresses {
	FIX_HOLE,
	FIX_SCRATCH,		/* the boot CPU's short look at a physical page */
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_TYPE_NR * NR_CPUS - 1,
	__end_of_fixed_addresses
};

#define FIXADDR_SIZE	((unsigned long)__end_of_fixed_addresses << PAGE_SHIFT)

#define __fix_to_virt(x)	(FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define __virt_to_fix(x)	((FIXADDR_TOP - ((x) & PAGE_MASK)) >> PAGE_SHIFT)

#ifndef __ASSEMBLER__
/* The virtual address of fixmap slot idx (seed 002's fix_to_virt). */
static inline unsigned long fix_to_virt(const unsigned int idx)
{
	if (idx >= __end_of_fixed_addresses)
		return 0;	/* no such slot: a NULL address faults */
	return __fix_to_virt(idx);
}

/* Boot: the fixmap's page table, so that set_fixmap_pte never allocates. */
int fixmap_init(void);
/* Point slot idx at pte (0 unmaps it) and fence its address. IRQ-safe. */
void set_fixmap_pte(int idx, pte_t pte);

/* Map physical page phys at slot idx with prot (0: unmap). */
static inline void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys,
				unsigned long prot)
{
	set_fixmap_pte((int)idx, prot ? pfn_pte(phys >> PAGE_SHIFT, prot) : 0);
}

#define set_fixmap(idx, phys)	__set_fixmap(idx, phys, PAGE_KERNEL)
#define clear_fixmap(idx)	__set_fixmap(idx, 0, 0)
#endif

#endif