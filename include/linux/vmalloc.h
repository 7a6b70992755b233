/*
 * Virtually contiguous kernel memory (mm/vmalloc.c) in the vmalloc area:
 * pages from anywhere (highmem included) mapped side by side, each area
 * followed by an unmapped guard page.
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/types.h>
#include <linux/list.h>

struct page;

#define VM_ALLOC	0x1	/* vmalloc: the area owns its pages */
#define VM_MAP		0x2	/* vmap: the caller owns the pages */

struct vm_struct {
	struct list_head list;		/* vmap_area_list, by address (vmap_lock) */
	unsigned long addr;
	unsigned long size;		/* mapped bytes + the guard page */
	struct page **pages;
	unsigned int nr_pages;
	unsigned long flags;
	const void *caller;
};

void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void vfree(const void *addr);
void *vmap(struct page **pages, unsigned int count, unsigned long flags);
void vunmap(const void *addr);
struct page *vmalloc_to_page(const void *addr);
bool is_vmalloc_addr(const void *addr);
/* Copy of the area containing @addr, guard page included; false if none. */
bool find_vm_area_guard(unsigned long addr, struct vm_struct *copy, bool *in_guard);
/* Map pages at area->addr with prot (PAGE_KERNEL); 0 or -ENOMEM. */
int map_vm_area(struct vm_struct *area, unsigned long prot, struct page **pages);
void kvfree(const void *addr);
unsigned long vmalloc_used_pages(void);

#endif
