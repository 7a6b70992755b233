/*
 * PLIC (arch/riscv/plic.c). It binds as a platform driver; drivers take
 * interrupts through request_irq() in <linux/interrupt.h>.
 */
#ifndef _ASM_PLIC_H
#define _ASM_PLIC_H

#include <linux/interrupt.h>

#define PLIC_MAX_IRQS	1024	/* sources the register map has room for */

/* Interrupts taken per source since boot. */
extern unsigned long irq_count[PLIC_MAX_IRQS];

#endif
