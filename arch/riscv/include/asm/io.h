/* MMIO accessors and ioremap. Device registers are little endian. */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <linux/types.h>

/* Fences order MMIO against normal memory, as Linux's readl/writel do. */
static inline u8 readb(const volatile void *a)
{
	u8 v = *(const volatile u8 *)a;
	__asm__ __volatile__("fence i,r" ::: "memory");
	return v;
}
static inline u16 readw(const volatile void *a)
{
	u16 v = *(const volatile u16 *)a;
	__asm__ __volatile__("fence i,r" ::: "memory");
	return v;
}
static inline u32 readl(const volatile void *a)
{
	u32 v = *(const volatile u32 *)a;
	__asm__ __volatile__("fence i,r" ::: "memory");
	return v;
}
static inline u64 readq(const volatile void *a)
{
	u64 v = *(const volatile u64 *)a;
	__asm__ __volatile__("fence i,r" ::: "memory");
	return v;
}
static inline void writeb(u8 v, volatile void *a)
{
	__asm__ __volatile__("fence w,o" ::: "memory");
	*(volatile u8 *)a = v;
}
static inline void writew(u16 v, volatile void *a)
{
	__asm__ __volatile__("fence w,o" ::: "memory");
	*(volatile u16 *)a = v;
}
static inline void writel(u32 v, volatile void *a)
{
	__asm__ __volatile__("fence w,o" ::: "memory");
	*(volatile u32 *)a = v;
}

static inline void writeq(u64 v, volatile void *a)
{
	__asm__ __volatile__("fence w,o" ::: "memory");
	*(volatile u64 *)a = v;
}

/* Before paging_init: the early identity map reaches all MMIO. */
void *early_ioremap(phys_addr_t pa);
/* Map @size bytes of device registers; NULL if out of space. */
void *ioremap(phys_addr_t pa, unsigned long size);

#endif
