/* Host-test interrupt flags: there are no interrupts on the host. */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

static inline unsigned long arch_local_irq_save(void) { return 0; }
static inline void arch_local_irq_restore(unsigned long f) { (void)f; }
static inline void arch_local_irq_enable(void) { }
static inline void arch_local_irq_disable(void) { }
static inline int arch_irqs_disabled(void) { return 1; }

#endif
