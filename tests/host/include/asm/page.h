/*
 * Host-test version of asm/page.h: "physical memory" is an arena the test
 * allocates; __va/__pa translate through va_pa_offset exactly as the kernel's
 * linear map does, so the portable mm code runs unchanged.
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

extern unsigned long va_pa_offset;

#define __va(pa)	((void *)((unsigned long)(pa) + va_pa_offset))
#define __pa(va)	((unsigned long)(va) - va_pa_offset)

#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))

#endif
