/* Interrupt enable/disable through sstatus.SIE. */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

#include <asm/csr.h>

static inline unsigned long arch_local_irq_save(void)
{
	return csr_read_clear(CSR_SSTATUS, SR_SIE) & SR_SIE;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	csr_set(CSR_SSTATUS, flags & SR_SIE);
}

static inline void arch_local_irq_enable(void) { csr_set(CSR_SSTATUS, SR_SIE); }
static inline void arch_local_irq_disable(void) { csr_clear(CSR_SSTATUS, SR_SIE); }
static inline int arch_irqs_disabled(void) { return !(csr_read(CSR_SSTATUS) & SR_SIE); }

#endif
