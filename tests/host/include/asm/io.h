/*
 * Host-test MMIO: device registers are plain memory that the test's
 * ioremap() hands out, so a driver's register writes can be read back.
 */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <linux/types.h>

static inline u8 readb(const volatile void *a) { return *(const volatile u8 *)a; }
static inline u32 readl(const volatile void *a) { return *(const volatile u32 *)a; }
static inline void writeb(u8 v, volatile void *a) { *(volatile u8 *)a = v; }
static inline void writel(u32 v, volatile void *a) { *(volatile u32 *)a = v; }

/* The test's: a zeroed buffer standing for @size bytes at @pa, or NULL. */
void *ioremap(phys_addr_t pa, unsigned long size);

#endif
