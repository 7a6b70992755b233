/*
 * Turning this CPU's interrupts off and on, with Linux's names, over the
 * arch's arch_local_irq_* (asm/irqflags.h; the host tests supply no-op
 * ones). local_irq_save/restore nest; enable/disable do not.
 */
#ifndef _LINUX_IRQFLAGS_H
#define _LINUX_IRQFLAGS_H

#include <asm/irqflags.h>

#define local_irq_save(flags)	do { (flags) = arch_local_irq_save(); } while (0)
#define local_irq_restore(flags) arch_local_irq_restore(flags)
#define local_irq_enable()	arch_local_irq_enable()
#define local_irq_disable()	arch_local_irq_disable()
#define irqs_disabled()		arch_irqs_disabled()

#endif
