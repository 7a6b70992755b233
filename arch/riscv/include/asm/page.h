/*
 * Page size and the kernel's virtual memory layout (Sv39).
 *
 * Sv39 gives 39-bit virtual addresses; the top half starts at
 * 0xffffffc000000000. rivet's map of that half (also in docs/boot.md):
 *
 *   0x0000000000000000 .. 0x0000004000000000  user space (TASK_SIZE, 256 GiB)
 *   0xffffffc000000000 .. 0xffffffd000000000  linear map of lowmem (PAGE_OFFSET, 64 GiB)
 *   0xffffffd000000000 .. 0xffffffdfc0000000  vmalloc area (63 GiB)
 *   0xffffffdfc0000000 .. 0xffffffe000000000  ioremap area (1 GiB)
 *   0xffffffe000000000 .. 0xffffffe000200000  PKMAP area for kmap() (LAST_PKMAP pages)
 *   0xffffffe000200000 .. 0xffffffe000400000  fixmap; FIXADDR_TOP is its last page
 *   0xffffffff80000000 .. 0xffffffffc0000000  kernel image (KERNEL_LINK_ADDR)
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#define TASK_SIZE		0x0000004000000000UL
#define PAGE_OFFSET		0xffffffc000000000UL
#define LINEAR_MAP_SIZE		0x0000001000000000UL
#define VMALLOC_START		0xffffffd000000000UL
#define VMALLOC_END		0xffffffdfc0000000UL
#define IOREMAP_START		0xffffffdfc0000000UL
#define IOREMAP_END		0xffffffe000000000UL
#define PKMAP_BASE		0xffffffe000000000UL
#define FIXADDR_START		0xffffffe000200000UL
#define FIXADDR_TOP		0xffffffe0003ff000UL
#define FIXADDR_END		0xffffffe000400000UL
#define KERNEL_LINK_ADDR	0xffffffff80000000UL

#ifndef __ASSEMBLER__
/* Linear map: va = pa + va_pa_offset for lowmem only (set by setup_vm). */
extern unsigned long va_pa_offset;
/* Kernel image: va = pa + kernel_va_pa_offset (it is not in the linear map's rules). */
extern unsigned long kernel_va_pa_offset;

#define __va(pa)	((void *)((unsigned long)(pa) + va_pa_offset))
unsigned long __pa(const void *va);	/* linear map or kernel image */

#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))
#endif

#endif
