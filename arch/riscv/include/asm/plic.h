/* PLIC interface for drivers (arch/riscv/plic.c). */
#ifndef _ASM_PLIC_H
#define _ASM_PLIC_H

#include <linux/types.h>

typedef void (*irq_handler_t)(unsigned int irq, void *data);

int plic_init(phys_addr_t base, unsigned long size, unsigned int ndev, int context);
int request_irq(unsigned int irq, irq_handler_t fn, void *data);
extern unsigned long irq_count[];

#endif
