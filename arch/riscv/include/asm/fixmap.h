/*
 * Fixmap: compile-time virtual addresses whose PTEs are set at run time.
 * rivet uses them for kmap_atomic: KM_TYPE_NR slots per CPU, taken in stack
 * order. Index 0 is a hole so that a zero index is never a mapping.
 * __fix_to_virt(idx) = FIXADDR_TOP - (idx << PAGE_SHIFT), as seed 000 shows.
 */
#ifndef _ASM_FIXMAP_H
#define _ASM_FIXMAP_H

#include <asm/page.h>
#include <asm/smp.h>

#define KM_TYPE_NR	16	/* kmap_atomic nesting depth per CPU */

enum fixed_addresses {
	FIX_HOLE,
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_TYPE_NR * NR_CPUS - 1,
	__end_of_fixed_addresses
};

#define FIXADDR_SIZE	((unsigned long)__end_of_fixed_addresses << PAGE_SHIFT)

#define __fix_to_virt(x)	(FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define __virt_to_fix(x)	((FIXADDR_TOP - ((x) & PAGE_MASK)) >> PAGE_SHIFT)

#endif
