/*
 * Interrupt handlers for drivers. rivet has one interrupt controller, the
 * PLIC (arch/riscv/plic.c), and its irq numbers are PLIC sources: what
 * platform_get_irq() returns. Handlers run with interrupts off.
 */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

typedef void (*irq_handler_t)(unsigned int irq, void *data);

/*
 * Routes source irq to fn(irq, data) on the boot hart and unmasks it.
 * Returns 0, -ENODEV if no interrupt controller is bound, -EINVAL for a
 * source the controller does not have, -EBUSY if irq has a handler.
 */
int request_irq(unsigned int irq, irq_handler_t fn, void *data);

#endif
