/*
 * Host-test MMIO: device registers are plain memory that the test's
 * ioremap() hands out, so a driver's register writes can be read back.
 * A test built with -DHOST_MMIO_HOOK instead routes every access through
 * host_mmio_read/host_mmio_write, which it defines (a register-level
 * device model behind the driver: tests/host/mshc_model.c).
 */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <linux/types.h>

#ifdef HOST_MMIO_HOOK
/* @size bytes (1, 2, 4, 8) at @a. */
u64 host_mmio_read(const volatile void *a, int size);
void host_mmio_write(u64 v, volatile void *a, int size);

static inline u8 readb(const volatile void *a) { return host_mmio_read(a, 1); }
static inline u16 readw(const volatile void *a) { return host_mmio_read(a, 2); }
static inline u32 readl(const volatile void *a) { return host_mmio_read(a, 4); }
static inline u64 readq(const volatile void *a) { return host_mmio_read(a, 8); }
static inline void writeb(u8 v, volatile void *a) { host_mmio_write(v, a, 1); }
static inline void writew(u16 v, volatile void *a) { host_mmio_write(v, a, 2); }
static inline void writel(u32 v, volatile void *a) { host_mmio_write(v, a, 4); }
static inline void writeq(u64 v, volatile void *a) { host_mmio_write(v, a, 8); }
#else
static inline u8 readb(const volatile void *a) { return *(const volatile u8 *)a; }
static inline u16 readw(const volatile void *a) { return *(const volatile u16 *)a; }
static inline u32 readl(const volatile void *a) { return *(const volatile u32 *)a; }
static inline u64 readq(const volatile void *a) { return *(const volatile u64 *)a; }
static inline void writeb(u8 v, volatile void *a) { *(volatile u8 *)a = v; }
static inline void writew(u16 v, volatile void *a) { *(volatile u16 *)a = v; }
static inline void writel(u32 v, volatile void *a) { *(volatile u32 *)a = v; }
static inline void writeq(u64 v, volatile void *a) { *(volatile u64 *)a = v; }
#endif

/* The test's: a zeroed buffer standing for @size bytes at @pa, or NULL. */
void *ioremap(phys_addr_t pa, unsigned long size);

#endif
