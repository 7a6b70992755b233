/*
 * Address-space identifiers (privileged spec, satp.ASID): with them a
 * switch between processes keeps the TLB, since entries are tagged with
 * their ASID. How many bits the hart implements is found at boot by
 * writing all ones and reading back (QEMU has 16, some cores none). ASIDs
 * are handed out in generations: when a generation runs out, the TLB is
 * flushed once and every mm gets a new number on its next switch. ASID 0
 * stays the kernel's (init_mm). After Linux's arch/riscv/mm/context.c,
 * for one hart; leaves out the cross-hart flush an SMP kernel needs.
 */
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/spinlock.h>
#include <asm/csr.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>

#define SATP_ASID_SHIFT	44
#define SATP_ASID_MASK	0xffffUL

unsigned int asid_bits;			/* 0: no ASIDs, flush on every switch */
static unsigned long asid_generation;	/* multiples of 1 << asid_bits */
static unsigned long next_asid = 1;	/* the next free number in this generation */
static DEFINE_SPINLOCK(asid_lock);

/* Count the ASID bits satp keeps; called once, on the boot hart. */
void asid_init(void)
{
	unsigned long old = csr_read(CSR_SATP), back;

	csr_write(CSR_SATP, old | (SATP_ASID_MASK << SATP_ASID_SHIFT));
	back = (csr_read(CSR_SATP) >> SATP_ASID_SHIFT) & SATP_ASID_MASK;
	csr_write(CSR_SATP, old);
	local_flush_tlb_all();
	while (back & 1) {
		asid_bits++;
		back >>= 1;
	}
	if (asid_bits < 4)
		asid_bits = 0;		/* too few to be worth the bookkeeping */
	asid_generation = 1UL << asid_bits;
	pr_info("mmu: %u ASID bits%s\n", asid_bits, asid_bits ? "" : " (flush on every switch)");
}

/* @mm's ASID for this generation, a new one (and maybe a new generation) if stale. */
static unsigned long mm_asid(struct mm_struct *mm)
{
	unsigned long flags, asid;

	spin_lock_irqsave(&asid_lock, flags);
	if ((mm->asid ^ asid_generation) >> asid_bits) {
		if (next_asid >> asid_bits) {	/* used up: start a new generation */
			asid_generation += 1UL << asid_bits;
			next_asid = 1;
			local_flush_tlb_all();
		}
		mm->asid = asid_generation | next_asid++;
	}
	asid = mm->asid & ((1UL << asid_bits) - 1);
	spin_unlock_irqrestore(&asid_lock, flags);
	return asid;
}

/* The satp value for @mm: its table, and its ASID when the hart has them. */
unsigned long mm_satp(struct mm_struct *mm)
{
	unsigned long satp = SATP_MODE_SV39 | PHYS_PFN(__pa(mm->pgd));

	if (asid_bits && (pte_t *)mm->pgd != swapper_pg_dir)
		satp |= mm_asid(mm) << SATP_ASID_SHIFT;
	return satp;
}
