/* The console UART (drivers/tty/serial8250.c). */
#ifndef _LINUX_SERIAL_H
#define _LINUX_SERIAL_H

#include <linux/types.h>

struct uart_port_desc {
	phys_addr_t base;
	unsigned long size;
	unsigned int reg_shift;		/* register stride = 1 << reg_shift */
	unsigned int reg_io_width;	/* 1 = byte access, 4 = 32-bit access */
	unsigned int irq;		/* PLIC source, 0 = none (polled) */
};

int serial8250_init(const struct uart_port_desc *d);
/* Next received byte, or -1 if none is waiting. */
int serial_getc(void);

#endif
