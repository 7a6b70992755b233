/*
 * Reaching a page's contents whatever its zone (seed 000): kmap() for
 * sleeping, refcounted mappings (PKMAP), kmap_atomic() for short per-CPU
 * ones (fixmap). Declarations only: mm/highmem.c implements them in the
 * kernel, tests/host/highmem_host.c on the host.
 */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/mm.h>
#include <linux/compiler.h>

/* May sleep; the mapping lasts until kunmap(page). */
void *kmap(struct page *page);
void kunmap(struct page *page);

/*
 * No sleeping until kunmap_atomic(addr): preemption stays off in between.
 * Unmap in reverse order, passing the address kmap_atomic returned; a
 * struct page * there (the classic mistake) does not build.
 */
void *kmap_atomic(struct page *page);
void __kunmap_atomic(void *addr);
#define kunmap_atomic(addr) do {					\
	BUILD_BUG_ON(__same_type((addr), struct page *));		\
	__kunmap_atomic(addr);						\
} while (0)

/* kmap_atomic slots this CPU holds (in stack order), for checks. */
int kmap_atomic_depth(void);

/* kmap()'s address of a highmem page with one more reference, or NULL. */
void *kmap_high_get(struct page *page);

/* Zero a whole page of any zone (through kmap_atomic). */
void clear_highpage(struct page *page);

/* Zero bytes @start..@end (exclusive) of @page, whatever its zone; nothing if empty. */
static inline void zero_user_segment(struct page *page, unsigned int start, unsigned int end)
{
	char *p;

	if (start >= end)
		return;
	p = kmap_atomic(page);

	__builtin_memset(p + start, 0, end - start);
	kunmap_atomic(p);
}

/* Zero @len bytes at @start of @page. */
static inline void zero_user(struct page *page, unsigned int start, unsigned int len)
{
	zero_user_segment(page, start, start + len);
}

struct vm_area_struct;

/*
 * Copy page @from to page @to (a COW break of the user page at @vaddr),
 * through two kmap_atomic slots, so either may be highmem.
 */
static inline void copy_user_highpage(struct page *to, struct page *from,
				      unsigned long vaddr, struct vm_area_struct *vma)
{
	char *vfrom = kmap_atomic(from);
	char *vto = kmap_atomic(to);

	__builtin_memcpy(vto, vfrom, PAGE_SIZE);
	kunmap_atomic(vto);
	kunmap_atomic(vfrom);
}

/*
 * A zeroed page for user address @vaddr of @vma, from HighMem while it
 * has room (GFP_HIGHUSER_MOVABLE), or NULL. May sleep.
 */
static inline struct page *alloc_zeroed_user_highpage_movable(struct vm_area_struct *vma,
							       unsigned long vaddr)
{
	return alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
}

/* Boot: page tables of the PKMAP and fixmap areas (mm/highmem.c). */
void kmap_init(void);
/* For tests: kmap_atomic misuse reports, and kmap() calls that slept. */
extern unsigned long kmap_atomic_errors, nr_kmap_waits;

#endif
