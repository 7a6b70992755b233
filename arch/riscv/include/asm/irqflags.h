/*
 * Interrupt enable/disable through sstatus.SIE, the S-mode global enable
 * (sie still masks each source). Portable code uses linux/irqflags.h.
 */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

#include <asm/csr.h>

/* Interrupts off; returns the old SIE bit (0 or SR_SIE) for restore. */
static inline unsigned long arch_local_irq_save(void)
{
	return csr_read_clear(CSR_SSTATUS, SR_SIE) & SR_SIE;
}

/* Back to the state save returned: sets SIE only if it was set, never clears. */
static inline void arch_local_irq_restore(unsigned long flags)
{
	csr_set(CSR_SSTATUS, flags & SR_SIE);
}

static inline void arch_local_irq_enable(void) { csr_set(CSR_SSTATUS, SR_SIE); }
static inline void arch_local_irq_disable(void) { csr_clear(CSR_SSTATUS, SR_SIE); }
static inline int arch_irqs_disabled(void) { return !(csr_read(CSR_SSTATUS) & SR_SIE); }

#endif
