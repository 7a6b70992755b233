/*
 * Switching address spaces: satp names the top-level page table the MMU
 * walks (RISC-V privileged spec, "Supervisor Address Translation and
 * Protection Register"), tagged with the mm's ASID when the hart has them
 * (arch/riscv/asid.c), so the TLB survives the switch; without ASIDs every
 * switch drops all cached translations.
 */
#ifndef _ASM_MMU_CONTEXT_H
#define _ASM_MMU_CONTEXT_H

#include <linux/mm_types.h>
#include <asm/csr.h>
#include <asm/page.h>
#include <asm/tlbflush.h>

#include <asm/pgtable.h>
#include <asm/smp.h>

struct task_struct;

/* arch/riscv/asid.c */
extern unsigned int asid_bits;
void asid_init(void);
unsigned long mm_satp(struct mm_struct *mm);

/*
 * The user address space each hart translates through (what satp holds),
 * NULL while that is swapper_pg_dir. The fault path looks up VMAs here:
 * kernel threads have no mm of their own. Set only by switch_mm (pgalloc.c).
 */
extern struct mm_struct *cpu_active_mm[NR_CPUS];

/*
 * Make @next the address space this hart translates through, for @tsk,
 * which is about to run. @next->pgd must map the kernel half as
 * swapper_pg_dir does (the code calling this keeps running). Interrupts
 * off or not: both tables map the trap path.
 */
static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next,
			     struct task_struct *tsk)
{
	if (prev == next)
		return;
	cpu_active_mm[smp_processor_id()] =
		(pte_t *)next->pgd == swapper_pg_dir ? NULL : next;
	csr_write(CSR_SATP, mm_satp(next));
	if (!asid_bits)
		local_flush_tlb_all();	/* one shared ASID: old entries must go */
}

#endif
