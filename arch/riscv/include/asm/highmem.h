/* PKMAP area for kmap(): one page table of LAST_PKMAP slots at PKMAP_BASE. */
#ifndef _ASM_HIGHMEM_H
#define _ASM_HIGHMEM_H

#include <asm/page.h>

#define LAST_PKMAP		512
#define LAST_PKMAP_MASK		(LAST_PKMAP - 1)
#define PKMAP_NR(virt)		(((virt) - PKMAP_BASE) >> PAGE_SHIFT)
#define kmap_prot		PAGE_KERNEL	/* what kmap and kmap_atomic map with */
#define PKMAP_ADDR(nr)		(PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))

#endif
