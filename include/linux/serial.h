/*
 * The console UART (drivers/tty/serial8250.c). The driver binds to 16550
 * nodes of the device tree by itself; the one /chosen/stdout-path names
 * becomes the console.
 */
#ifndef _LINUX_SERIAL_H
#define _LINUX_SERIAL_H

/* Next byte received on the console UART, or -EAGAIN if none is waiting
 * (or no UART is the console). Any context. */
int serial_getc(void);

#endif
