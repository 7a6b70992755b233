/*
 * TLB maintenance after page-table changes (RISC-V privileged spec,
 * "Supervisor Memory-Management Fence Instruction"). SFENCE.VMA with no
 * operands drops every cached translation of this hart; with an address it
 * drops those of one page. Every PTE change that narrows or moves a mapping
 * must be followed by one of these before the old translation may be used
 * again. One hart today: the flush_* calls are the local ones; with SMP
 * they will also reach the other harts (SBI RFENCE).
 */
#ifndef _ASM_TLBFLUSH_H
#define _ASM_TLBFLUSH_H

#include <linux/types.h>
#include <asm/page.h>

struct mm_struct;
struct vm_area_struct;

/* Set on SiFive U74 cores (erratum CIP-1200: sfence.vma addr may miss). */
extern bool tlb_flush_all_only;

/* Past this many pages a range flush drops everything instead. */
#define TLB_FLUSH_PAGE_LIMIT	64

/* Fences so far, full and by address (for tests: was a change fenced?). */
extern unsigned long nr_tlb_local_flush_all, nr_tlb_local_flush_one;

static inline void local_flush_tlb_all(void)
{
	nr_tlb_local_flush_all++;
	__asm__ __volatile__("sfence.vma" ::: "memory");
}

/* Drop this hart's translation of the page at @va (all of them on U74). */
static inline void local_flush_tlb_page(unsigned long va)
{
	if (tlb_flush_all_only) {
		local_flush_tlb_all();
		return;
	}
	nr_tlb_local_flush_one++;
	__asm__ __volatile__("sfence.vma %0" :: "r"(va) : "memory");
}

/* Every hart's translations of everything. */
static inline void flush_tlb_all(void)
{
	local_flush_tlb_all();
}

/*
 * Every hart's translations of kernel addresses [start, end): page by page
 * for a short range, everything for a long one.
 */
static inline void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	start &= PAGE_MASK;
	if (tlb_flush_all_only || end - start > TLB_FLUSH_PAGE_LIMIT * PAGE_SIZE) {
		local_flush_tlb_all();
		return;
	}
	for (unsigned long va = start; va < end; va += PAGE_SIZE)
		local_flush_tlb_page(va);
}

/*
 * A user address space's translations of [start, end), after its PTEs
 * changed. With ASID 0 for all and a full flush on every switch_mm, only
 * the loaded mm can have cached entries; flushing by address whatever mm
 * is loaded is simply correct.
 */
static inline void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
				      unsigned long end)
{
	flush_tlb_kernel_range(start, end);
}

/* One user page (fault paths). */
static inline void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	local_flush_tlb_page(addr & PAGE_MASK);
}

/*
 * A fault found the PTE already as wanted: the hart used a stale (or
 * cached invalid) translation. A full fence, since the stale entry may be
 * a non-leaf one, which an address fence does not cover. Rare.
 */
static inline void flush_tlb_fix_spurious_fault(struct vm_area_struct *vma,
						unsigned long addr)
{
	local_flush_tlb_all();
}

#endif
