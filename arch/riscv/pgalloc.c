/*
 * User page tables, arch half: top-level tables sharing the kernel half
 * with swapper_pg_dir, lower-level table pages, the PTE bits of each VMA
 * protection (protection_map), the zero page, and setting A/D on a fault.
 * RISC-V privileged spec, Sv39; Linux's pgd_alloc/pte_alloc_one names.
 * Leaves out ASIDs and huge user pages.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/vmstat.h>
#include <asm/pgalloc.h>
#include <asm/tlbflush.h>
#include <asm/csr.h>
#include <asm/mmu_context.h>

struct mm_struct *cpu_active_mm[NR_CPUS];
unsigned long empty_zero_page[PAGE_SIZE / sizeof(unsigned long)] __aligned(PAGE_SIZE);

/*
 * VM_READ|WRITE|EXEC|SHARED -> PTE bits. Private writable mappings get no
 * W: the first write faults and do_wp_page copies or reuses the page (COW).
 * Shared writable ones get W.
 */
void init_protection_map(void)
{
	static const unsigned long map[16] = {
		PAGE_NONE, PAGE_READ, PAGE_READ, PAGE_READ,
		PAGE_EXEC, PAGE_READ_EXEC, PAGE_READ_EXEC, PAGE_READ_EXEC,
		PAGE_NONE, PAGE_READ, PAGE_WRITE, PAGE_WRITE,
		PAGE_EXEC, PAGE_READ_EXEC, PAGE_WRITE_EXEC, PAGE_WRITE_EXEC,
	};

	memcpy(protection_map, map, sizeof(map));
}

/* A zeroed lowmem page for a pmd- or pte-level table, or NULL. May sleep. */
pte_t *pte_alloc_one(struct mm_struct *mm)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!page)
		return NULL;
	inc_zone_page_state(page, NR_PAGETABLE);
	return page_address(page);
}

/* Free an empty lower-level table (a non-empty one is a bug: warn, leak it). */
void pte_free(struct mm_struct *mm, pte_t *table)
{
	struct page *page = virt_to_page(table);

	for (unsigned int i = 0; i < PTRS_PER_PTE; i++)
		if (WARN_ON(table[i]))
			return;
	dec_zone_page_state(page, NR_PAGETABLE);
	__free_page(page);
}

/* A top-level table: empty user half, swapper_pg_dir's kernel half. */
pgd_t *pgd_alloc(struct mm_struct *mm)
{
	struct page *page = alloc_page(GFP_KERNEL);
	pgd_t *pgd;

	if (!page)
		return NULL;
	pgd = page_address(page);
	memset(pgd, 0, KERNEL_PGD_START * sizeof(pgd_t));
	memcpy(pgd + KERNEL_PGD_START, swapper_pg_dir + KERNEL_PGD_START,
	       (PTRS_PER_PTE - KERNEL_PGD_START) * sizeof(pgd_t));
	return pgd;
}

/* Free a top-level table whose user half free_pgtables emptied. */
void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	for (unsigned int i = 0; i < KERNEL_PGD_START; i++)
		if (WARN_ON(pgd[i]))
			return;
	__free_page(virt_to_page(pgd));
}

/* See asm/pgalloc.h. Runs in the fault path, IRQs off. */
bool sync_kernel_pgd(unsigned long addr)
{
	unsigned long pfn = csr_read(CSR_SATP) & SATP_PPN_MASK;
	unsigned int i = pgd_index(addr);
	pgd_t *pgd;

	if (addr < TASK_SIZE || pfn == PHYS_PFN(__pa(swapper_pg_dir)))
		return false;
	pgd = __va(PFN_PHYS(pfn));
	if (pgd[i] || !pte_present(swapper_pg_dir[i]))
		return false;
	WRITE_ONCE(pgd[i], swapper_pg_dir[i]);
	local_flush_tlb_all();	/* a non-leaf entry: an address fence is not enough */
	return true;
}

/* See asm/pgtable.h. */
int ptep_set_access_flags(struct vm_area_struct *vma, unsigned long addr,
			  pte_t *ptep, pte_t entry, int dirty)
{
	if (READ_ONCE(*ptep) == entry)
		return 0;
	WRITE_ONCE(*ptep, entry);
	local_flush_tlb_page(addr);
	return 1;
}
