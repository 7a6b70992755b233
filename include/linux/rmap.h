/*
 * Reverse mapping (mm/rmap.c; seed 002 "Reverse Mapping"): from a page back
 * to the PTEs that map it. File pages are found through their mapping's
 * i_mmap list of VMAs (address_space.i_mmap, vm_area_struct.shared), so
 * reclaim can unmap a mapped page-cache page and write-back can
 * write-protect one. Anonymous pages keep page->mapping NULL (rivet's
 * PageAnon): with no swap nothing walks them, so an anon_vma only records
 * which VMAs share anonymous pages since a fork (a refcount), as Linux's
 * root anon_vma does.
 */
#ifndef _LINUX_RMAP_H
#define _LINUX_RMAP_H

#include <linux/mm_types.h>

struct page;

/* Shared by a VMA, its splits and its fork children; freed with the last of them. */
struct anon_vma {
	int refcount;			/* VMAs pointing at it (atomic) */
};

/* Give @vma an anon_vma before its first anonymous page. 0 or -ENOMEM. May sleep. */
int anon_vma_prepare(struct vm_area_struct *vma);
/* One more VMA (a split, a merge survivor, a fork child) uses @av (NULL: nothing). */
void get_anon_vma(struct anon_vma *av);
/* That VMA is gone; the last reference frees @av. */
void put_anon_vma(struct anon_vma *av);

/* A file VMA joins / leaves its file's i_mmap list (mmap, split, fork / munmap). */
void vma_link_file(struct vm_area_struct *vma);
void vma_unlink_file(struct vm_area_struct *vma);

/*
 * Remove every PTE mapping the page-cache page @page (locked), moving
 * their dirty bits to the page. Returns true if no PTE maps it any more;
 * false if some address space was busy (its mmap_sem held): try later.
 */
bool try_to_unmap(struct page *page);
/*
 * Write-protect and clean every PTE mapping @page (before write-back), so
 * the next write faults and dirties the page again. Returns how many
 * PTEs were dirty.
 */
int page_mkclean(struct page *page);

/* mm/memory.c's PTE halves of the two (the caller holds the mm's mmap_sem). */
bool unmap_file_pte(struct vm_area_struct *vma, unsigned long addr, struct page *page);
int mkclean_file_pte(struct vm_area_struct *vma, unsigned long addr, struct page *page);

#endif
