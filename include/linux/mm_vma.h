/*
 * Virtual memory areas: the VM_* flags, the vm_operations_struct table and
 * the address-space calls of mm/mmap.c (seeds 001, 002). Linux keeps these
 * in linux/mm.h; rivet's mm.h is about physical pages, so they live here
 * (the structs themselves are in linux/mm_types.h). The PROT_* and MAP_*
 * values are the user ABI's (Linux's asm-generic mman-common.h).
 */
#ifndef _LINUX_MM_VMA_H
#define _LINUX_MM_VMA_H

#include <linux/mm_types.h>
#include <asm/page.h>

#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)

/* vm_flags (Linux's values). The VM_MAY* bits are VM_READ.. shifted by 4. */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL	/* mprotect may add VM_READ */
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL	/* a stack: grows to lower addresses */
#define VM_PFNMAP	0x00000400UL	/* raw frames, no struct page behind them */
#define VM_LOCKED	0x00002000UL	/* mlock()ed */
#define VM_IO		0x00004000UL	/* device memory */
#define VM_DONTCOPY	0x00020000UL	/* not copied by fork */
#define VM_DONTEXPAND	0x00040000UL	/* mremap may not grow it */
#define VM_ACCOUNT	0x00100000UL	/* charged as committed memory */
#define VM_NORESERVE	0x00200000UL	/* not charged */
#define VM_MIXEDMAP	0x10000000UL	/* frames with and without struct page */

/* Areas vma_merge never touches: their pages are not ordinary. */
#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP)

/* mmap()'s prot and flags (the user ABI). */
#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_TYPE	0x0f
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_NORESERVE	0x4000

/* Linux's default vm.max_map_count: USHRT_MAX minus a margin for core dumps. */
#define DEFAULT_MAX_MAP_COUNT	65530
extern int sysctl_max_map_count;
extern unsigned long mmap_min_addr;	/* lowest address get_unmapped_area hands out */

/* A page fault handed to vm_ops->fault (mm/memory.c, with user space). */
struct vm_fault {
	struct vm_area_struct *vma;
	unsigned int flags;		/* FAULT_FLAG_* */
	pgoff_t pgoff;			/* offset of the page in vm_file */
	unsigned long address;		/* faulting user address, page aligned */
	struct page *page;		/* out: the page ->fault found */
	/* mm/memory.c's own, on the way down handle_mm_fault's path: */
	unsigned long *pte;		/* the PTE slot (pte_t *) */
	unsigned long orig_pte;		/* its value when the fault was taken */
};

#define FAULT_FLAG_WRITE	0x01

/* vm_ops->fault results (Linux's values). */
#define VM_FAULT_OOM		0x0001
#define VM_FAULT_SIGBUS		0x0002
#define VM_FAULT_MAJOR		0x0004
#define VM_FAULT_SIGSEGV	0x0040
#define VM_FAULT_NOPAGE		0x0100
#define VM_FAULT_LOCKED		0x0200
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

/*
 * What a file or driver mapping does on its VMAs. open: a copy of the VMA
 * was made (split, fork); close: the VMA goes away; fault: bring in the
 * page at vmf->pgoff. Any may be NULL. A VMA with close is never merged.
 */
struct vm_operations_struct {
	void (*open)(struct vm_area_struct *area);
	void (*close)(struct vm_area_struct *area);
	int (*fault)(struct vm_fault *vmf);
};

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_ops;
}

/* PROT_* to VM_READ/WRITE/EXEC: the bits are the same. */
static inline unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
}

/*
 * PTE bits for each combination of VM_READ, WRITE, EXEC, SHARED (the low
 * four flags). The arch fills it before the first user mapping; until then
 * every entry is 0.
 */
extern unsigned long protection_map[16];

static inline unsigned long vm_get_page_prot(unsigned long vm_flags)
{
	return protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];
}

/* ---- mm/mmap.c (the caller holds mmap_sem throughout) ---- */

extern struct kmem_cache *vm_area_cachep;
void mmap_init(void);
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig);
void vm_area_free(struct vm_area_struct *vma);

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start_addr,
					     unsigned long end_addr);

int find_vma_links(struct mm_struct *mm, unsigned long addr, unsigned long end,
		   struct vm_area_struct **pprev, struct rb_node ***rb_link,
		   struct rb_node **rb_parent);
void __vma_link_rb(struct mm_struct *mm, struct vm_area_struct *vma,
		   struct rb_node **rb_link, struct rb_node *rb_parent);
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
	      struct vm_area_struct *prev, struct rb_node **rb_link,
	      struct rb_node *rb_parent);
void __vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma,
		  struct vm_area_struct *prev);
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);

int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		unsigned long addr, int new_below);
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr, int new_below);
struct vm_area_struct *vma_merge(struct mm_struct *mm,
				 struct vm_area_struct *prev, unsigned long addr,
				 unsigned long end, unsigned long vm_flags,
				 struct anon_vma *anon_vma, struct file *file,
				 pgoff_t pgoff);

unsigned long get_unmapped_area(struct mm_struct *mm, struct file *file,
				unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags);
unsigned long mmap_region(struct mm_struct *mm, struct file *file,
			  unsigned long addr, unsigned long len,
			  unsigned long vm_flags, unsigned long pgoff);
unsigned long do_mmap(struct mm_struct *mm, struct file *file,
		      unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
int mprotect_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		   unsigned long start, unsigned long end, unsigned long newflags);
int do_mprotect(struct mm_struct *mm, unsigned long start, size_t len,
		unsigned long prot);
void exit_mmap(struct mm_struct *mm);

/* ---- mm/memory.c: user page tables and faults (seed 001) ---- */

/*
 * Give @mm its page table (pgd_alloc) and the page-table hooks mm/mmap.c
 * calls (unmap_range: zap_page_range + free_pgtables; protect_range:
 * change_protection). 0 or -ENOMEM. mm_free_pgd after exit_mmap.
 */
int mm_alloc_pgd(struct mm_struct *mm);
void mm_free_pgd(struct mm_struct *mm);
int handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
		    unsigned int flags);
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr,
			    unsigned long pte);
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end);
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end);
void change_protection(struct mm_struct *mm, unsigned long start,
		       unsigned long end, unsigned long newprot);
int copy_page_range(struct mm_struct *dst_mm, struct mm_struct *src_mm,
		    struct vm_area_struct *vma);
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
			    unsigned long address);
void page_remove_rmap(struct page *page);
unsigned long my_zero_pfn(unsigned long addr);
/* The PTE slot of @addr in @mm, or NULL if no table holds one (tests, ptdump). */
unsigned long *follow_pte(struct mm_struct *mm, unsigned long addr);

#endif
