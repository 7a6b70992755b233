/*
 * Reverse mapping (seed 002 "Reverse Mapping"; Linux 4.x mm/rmap.c, much
 * smaller): anon_vma_prepare and the anon_vma refcount, the file side's
 * i_mmap list (a plain list where Linux keeps an interval tree), and the
 * two walks over it: try_to_unmap (reclaim) and page_mkclean
 * (write-back). Leaves out anonymous rmap walks (no swap: anonymous pages
 * are never unmapped behind their mm's back), KSM, migration and mlock.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/rmap.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/rwsem.h>

/* ---- anon_vma ---- */

/* See linux/rmap.h. Under the caller's mmap_sem; a racing fault may also set one (kept). */
int anon_vma_prepare(struct vm_area_struct *vma)
{
	struct anon_vma *av;
	unsigned long flags;

	if (READ_ONCE(vma->anon_vma))
		return 0;
	av = kmalloc(sizeof(*av), GFP_KERNEL);
	if (!av)
		return -ENOMEM;
	av->refcount = 1;
	spin_lock_irqsave(&vma->vm_mm->page_table_lock, flags);
	if (!vma->anon_vma) {
		vma->anon_vma = av;
		av = NULL;
	}
	spin_unlock_irqrestore(&vma->vm_mm->page_table_lock, flags);
	kfree(av);
	return 0;
}

void get_anon_vma(struct anon_vma *av)
{
	if (av)
		__atomic_add_fetch(&av->refcount, 1, __ATOMIC_RELAXED);
}

void put_anon_vma(struct anon_vma *av)
{
	if (av && __atomic_sub_fetch(&av->refcount, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(av);
}

/* ---- the file side: address_space.i_mmap ---- */

void vma_link_file(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma->vm_file->f_mapping;
	unsigned long flags;

	if (!mapping)
		return;
	spin_lock_irqsave(&mapping->i_mmap_lock, flags);
	list_add_tail(&vma->shared, &mapping->i_mmap);
	spin_unlock_irqrestore(&mapping->i_mmap_lock, flags);
}

void vma_unlink_file(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma->vm_file->f_mapping;
	unsigned long flags;

	if (!mapping || list_empty(&vma->shared))
		return;
	spin_lock_irqsave(&mapping->i_mmap_lock, flags);
	list_del_init(&vma->shared);
	spin_unlock_irqrestore(&mapping->i_mmap_lock, flags);
}

/* The address of file page @index in @vma, or 0 if the VMA does not cover it. */
static unsigned long vma_address(struct vm_area_struct *vma, pgoff_t index)
{
	unsigned long addr;

	if (index < vma->vm_pgoff || index - vma->vm_pgoff >= vma_pages(vma))
		return 0;
	addr = vma->vm_start + ((index - vma->vm_pgoff) << PAGE_SHIFT);
	return addr;
}

typedef int (*rmap_one_t)(struct vm_area_struct *vma, unsigned long addr,
			  struct page *page);

/*
 * Call @one for every VMA of @page's mapping covering it, each under its
 * mm's mmap_sem taken for write without waiting (a fault or mmap in that
 * mm holds it: the VMA is skipped and *@busy set). Returns the sum of
 * @one's results. The i_mmap lock is held, IRQs off: @one must not sleep.
 */
static int rmap_walk_file(struct page *page, rmap_one_t one, bool *busy)
{
	struct address_space *mapping = page->mapping;
	struct vm_area_struct *vma;
	unsigned long addr, flags;
	int ret = 0;

	if (!mapping)
		return 0;
	spin_lock_irqsave(&mapping->i_mmap_lock, flags);
	list_for_each_entry(vma, &mapping->i_mmap, shared) {
		addr = vma_address(vma, page->index);
		if (!addr)
			continue;
		if (!down_write_trylock(&vma->vm_mm->mmap_sem)) {
			*busy = true;
			continue;
		}
		ret += one(vma, addr, page);
		up_write(&vma->vm_mm->mmap_sem);
	}
	spin_unlock_irqrestore(&mapping->i_mmap_lock, flags);
	return ret;
}

static int unmap_one(struct vm_area_struct *vma, unsigned long addr, struct page *page)
{
	return unmap_file_pte(vma, addr, page);
}

/* See linux/rmap.h. Anonymous pages (no mapping) are never unmapped: false. */
bool try_to_unmap(struct page *page)
{
	bool busy = false;

	if (!page_mapped(page))
		return true;
	if (!page->mapping)
		return false;
	rmap_walk_file(page, unmap_one, &busy);
	return !page_mapped(page);
}

/* See linux/rmap.h. A busy mm keeps its PTE as it was (counted as dirty: write it again later). */
int page_mkclean(struct page *page)
{
	bool busy = false;
	int dirty;

	if (!page_mapped(page) || !page->mapping)
		return 0;
	dirty = rmap_walk_file(page, mkclean_file_pte, &busy);
	return dirty + busy;
}
