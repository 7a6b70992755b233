/*
 * Page-table pages of user address spaces (arch/riscv/pgalloc.c). A user
 * top-level table's kernel half (entries 256..511, addresses from
 * 0xffffffc000000000) is a copy of swapper_pg_dir's, so the kernel keeps
 * running after switch_mm; its user half starts empty and fills on
 * demand. The lower-level tables are lowmem pages counted in
 * NR_PAGETABLE (the top-level one is not, as in Linux).
 */
#ifndef _ASM_PGALLOC_H
#define _ASM_PGALLOC_H

#include <asm/pgtable.h>

struct mm_struct;

/* First kernel-half entry of a top-level table. */
#define USER_PTRS_PER_PGD	(TASK_SIZE >> PGDIR_SHIFT)
#define KERNEL_PGD_START	(PTRS_PER_PTE / 2)

/* A new top-level table for @mm, or NULL. May sleep. */
pgd_t *pgd_alloc(struct mm_struct *mm);
/* Free it; its user half must be empty (free_pgtables ran). */
void pgd_free(struct mm_struct *mm, pgd_t *pgd);
/* A zeroed lower-level table (pmd or pte level), or NULL. May sleep. */
pte_t *pte_alloc_one(struct mm_struct *mm);
/* Give one back; it must hold no entries. */
void pte_free(struct mm_struct *mm, pte_t *table);
#define pmd_alloc_one(mm, addr)	pte_alloc_one(mm)
#define pmd_free(mm, table)	pte_free(mm, table)

/*
 * A kernel-address page fault with the user table loaded: if swapper_pg_dir
 * has a top-level entry this table lacks (vmalloc grew into a new GiB
 * after the table was made), copy it and return true.
 */
bool sync_kernel_pgd(unsigned long addr);

#endif
