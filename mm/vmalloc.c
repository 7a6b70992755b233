/*
 * vmalloc: virtually contiguous memory from page-sized pieces that need not
 * be contiguous (or in lowmem), on seed 002's path (vmalloc -> get_vm_area
 * -> map_vm_area; vfree, vmap, vunmap). Areas are found first-fit in the
 * vmalloc range and kept on a sorted list; a guard page after each one (and
 * one at VMALLOC_START) makes overruns fault. Leaves out Linux's rbtree and
 * lazy TLB purging: every vfree flushes at once.
 */
#include <linux/kernel.h>
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

static LIST_HEAD(vmap_area_list);	/* vm_structs by address, under vmap_lock */
static void *__vmalloc(unsigned long size, gfp_t gfp, const void *caller);
static DEFINE_SPINLOCK(vmap_lock);
static unsigned long vmalloc_pages;	/* pages owned by vmalloc areas (vmap_lock) */

/* Reserve a range of @size bytes plus a guard page; NULL if none is free. */
static struct vm_struct *get_vm_area(unsigned long size, unsigned long flags,
				     const void *caller)
{
	struct vm_struct *area = kzalloc(sizeof(*area), GFP_KERNEL), *v;
	unsigned long addr = VMALLOC_START + PAGE_SIZE, lock_flags;
	struct list_head *pos = &vmap_area_list;

	if (!area)
		return NULL;
	size = ALIGN(size, PAGE_SIZE) + PAGE_SIZE;
	spin_lock_irqsave(&vmap_lock, lock_flags);
	list_for_each_entry(v, &vmap_area_list, list) {
		if (addr + size <= v->addr)
			break;
		addr = v->addr + v->size;
		pos = &v->list;
	}
	if (addr + size > VMALLOC_END || addr + size < addr) {
		spin_unlock_irqrestore(&vmap_lock, lock_flags);
		kfree(area);
		return NULL;
	}
	area->addr = addr;
	area->size = size;
	area->flags = flags;
	area->caller = caller;
	list_add(&area->list, pos);
	spin_unlock_irqrestore(&vmap_lock, lock_flags);
	return area;
}

/* Find the area that starts at @addr and take it off the list. */
static struct vm_struct *remove_vm_area(const void *addr)
{
	struct vm_struct *v;
	unsigned long flags;

	spin_lock_irqsave(&vmap_lock, flags);
	list_for_each_entry(v, &vmap_area_list, list) {
		if (v->addr == (unsigned long)addr) {
			list_del(&v->list);
			spin_unlock_irqrestore(&vmap_lock, flags);
			return v;
		}
	}
	spin_unlock_irqrestore(&vmap_lock, flags);
	return NULL;
}

/*
 * Copy the area containing @addr (its guard page included) into *copy and
 * say whether @addr is in the guard page. False if no area holds it, or
 * if vmap_lock is busy: the fault path calls this, and a fault inside
 * vmalloc must not deadlock on its own lock.
 */
bool find_vm_area_guard(unsigned long addr, struct vm_struct *copy, bool *in_guard)
{
	struct vm_struct *v;
	unsigned long flags;
	bool found = false;

	local_irq_save(flags);
	if (!spin_trylock(&vmap_lock)) {
		local_irq_restore(flags);
		return false;
	}
	list_for_each_entry(v, &vmap_area_list, list) {
		if (addr >= v->addr && addr < v->addr + v->size) {
			*copy = *v;
			*in_guard = addr >= v->addr + v->size - PAGE_SIZE;
			found = true;
			break;
		}
	}
	spin_unlock_irqrestore(&vmap_lock, flags);
	return found;
}

/* Clear the PTEs of @area's pages, then flush them from the TLB. */
static void unmap_vm_area(struct vm_struct *area)
{
	unsigned long end = area->addr + (unsigned long)area->nr_pages * PAGE_SIZE;

	for (unsigned long va = area->addr; va < end; va += PAGE_SIZE) {
		pte_t *pte = walk_pte(swapper_pg_dir, va, 0);

		if (pte)
			*pte = 0;
	}
	flush_tlb_kernel_range(area->addr, end);
}

/*
 * Map @pages side by side at @area's address with @prot (seed 002's
 * map_vm_area). 0, or -ENOMEM (no page-table page), leaving nothing
 * mapped. Every PTE goes invalid -> valid, and the privileged spec lets a
 * hart keep the invalid translation cached until a fence (only Svvptc
 * waives that), so the range is fenced here rather than left to fault on
 * first use; with SMP this becomes a remote fence.
 */
int map_vm_area(struct vm_struct *area, unsigned long prot, struct page **pages)
{
	unsigned long end = area->addr + (unsigned long)area->nr_pages * PAGE_SIZE;

	for (unsigned int i = 0; i < area->nr_pages; i++) {
		pte_t *pte = walk_pte(swapper_pg_dir, area->addr + i * PAGE_SIZE, 1);

		if (!pte) {
			area->nr_pages = i;
			unmap_vm_area(area);
			return -ENOMEM;
		}
		*pte = pfn_pte(page_to_pfn(pages[i]), prot);
	}
	flush_tlb_kernel_range(area->addr, end);
	return 0;
}

/*
 * The page-pointer array of an n-page area: kmalloc while it fits in a
 * page, else vmalloc itself (as Linux does), so that a huge area does not
 * need a huge physically contiguous array. One level of recursion at most:
 * the array of an area of 2^40 bytes is 2 GiB, whose own array is 4 MiB.
 */
static struct page **alloc_page_array(unsigned int n)
{
	size_t bytes = (size_t)n * sizeof(struct page *);

	if (bytes <= PAGE_SIZE)
		return kzalloc(bytes, GFP_KERNEL);
	return __vmalloc(bytes, GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO,
			 __builtin_return_address(0));
}

/* Free the first n pages of a vmalloc area, then its page array. */
static void free_area_pages(struct vm_struct *area, unsigned int n)
{
	while (n--)
		__free_page(area->pages[n]);
	kvfree(area->pages);
}

/*
 * size bytes from pages of gfp (__GFP_ZERO zeroes them whole), mapped in
 * a new area; NULL on failure, with everything undone.
 */
static void *__vmalloc(unsigned long size, gfp_t gfp, const void *caller)
{
	unsigned int n = ALIGN(size, PAGE_SIZE) >> PAGE_SHIFT, i;
	struct vm_struct *area;
	unsigned long flags;

	if (!size || size > VMALLOC_END - VMALLOC_START)
		return NULL;
	area = get_vm_area(size, VM_ALLOC, caller);
	if (!area)
		return NULL;
	area->pages = alloc_page_array(n);
	for (i = 0; area->pages && i < n; i++) {
		area->pages[i] = alloc_page(gfp);
		if (!area->pages[i])
			break;
	}
	area->nr_pages = n;
	if (!area->pages || i < n || map_vm_area(area, PAGE_KERNEL, area->pages)) {
		if (area->pages)
			free_area_pages(area, i);
		remove_vm_area((void *)area->addr);
		kfree(area);
		return NULL;
	}
	spin_lock_irqsave(&vmap_lock, flags);
	vmalloc_pages += n;
	spin_unlock_irqrestore(&vmap_lock, flags);
	return (void *)area->addr;
}

/* @size bytes of virtually contiguous memory, or NULL. May sleep. */
void *vmalloc(unsigned long size)
{
	return __vmalloc(size, GFP_KERNEL | __GFP_HIGHMEM, __builtin_return_address(0));
}

/* vmalloc, with every byte of every page zeroed (not just size of them). */
void *vzalloc(unsigned long size)
{
	return __vmalloc(size, GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO,
			 __builtin_return_address(0));
}

/* Free memory from kmalloc or vmalloc, whichever it came from. */
void kvfree(const void *addr)
{
	if (is_vmalloc_addr(addr))
		vfree(addr);
	else
		kfree(addr);
}

/* Free a vmalloc() or vmap() area; NULL is ignored, a bad address reported. */
static void __vunmap(const void *addr, bool free_pages)
{
	struct vm_struct *area;
	unsigned long flags;

	if (!addr)
		return;
	area = remove_vm_area(addr);
	if (!area) {
		pr_err("vfree: 0x%lx is not a vmalloc area\n", (unsigned long)addr);
		WARN_ON(1);
		return;
	}
	unmap_vm_area(area);
	if (free_pages && (area->flags & VM_ALLOC)) {
		free_area_pages(area, area->nr_pages);
		spin_lock_irqsave(&vmap_lock, flags);
		vmalloc_pages -= area->nr_pages;
		spin_unlock_irqrestore(&vmap_lock, flags);
	}
	kfree(area);
}

/*
 * Free a vmalloc() area: unmap it, free its pages. NULL is ignored; an
 * address that starts no area is reported. Never sleeps.
 */
void vfree(const void *addr)
{
	__vunmap(addr, true);
}

/* Map @count existing pages contiguously; the caller keeps ownership. */
void *vmap(struct page **pages, unsigned int count, unsigned long flags)
{
	struct vm_struct *area;

	if (!count)
		return NULL;
	area = get_vm_area((unsigned long)count << PAGE_SHIFT, VM_MAP,
			   __builtin_return_address(0));
	if (!area)
		return NULL;
	area->pages = pages;
	area->nr_pages = count;
	if (map_vm_area(area, PAGE_KERNEL, pages)) {
		remove_vm_area((void *)area->addr);
		kfree(area);
		return NULL;
	}
	return (void *)area->addr;
}

/* Undo vmap(): unmap the area, leaving its pages to the caller. */
void vunmap(const void *addr)
{
	__vunmap(addr, false);
}

/* Is addr in the vmalloc range (mapped or not)? */
bool is_vmalloc_addr(const void *addr)
{
	unsigned long a = (unsigned long)addr;

	return a >= VMALLOC_START && a < VMALLOC_END;
}

/*
 * The page mapped at vmalloc address addr, or NULL if none is (a guard
 * page, say). Walks the page table without a lock: the caller keeps the
 * area alive.
 */
struct page *vmalloc_to_page(const void *addr)
{
	pte_t *pte = walk_pte(swapper_pg_dir, (unsigned long)addr, 0);

	if (!pte || !pte_present(*pte))
		return NULL;
	return pfn_to_page(pte_pfn(*pte));
}

/* Pages that vmalloc areas own (vmap's not counted), for meminfo's VmallocUsed. */
unsigned long vmalloc_used_pages(void)
{
	return vmalloc_pages;
}
