/*
 * struct page: one per physical page frame, in the mem_map array.
 * Kept small (56 bytes on rv64; docs/mm.md). Which union member is live
 * depends on who owns the page: the buddy allocator, the page cache/user
 * mappings, or the slab allocator.
 * Also the address space, struct mm_struct, and its VMAs,
 * struct vm_area_struct (mm/mmap.c; flags and calls in linux/mm_vma.h).
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/rwsem.h>
#include <linux/rbtree.h>

struct address_space;
struct kmem_cache;

struct page {
	unsigned long flags;		/* PG_* bits; zone number in the top bits */
	union {
		struct {	/* buddy free lists, page cache, anonymous memory */
			struct list_head lru;	/* free_area list, or LRU list */
			struct address_space *mapping;
			unsigned long index;	/* offset within mapping */
			unsigned long private;	/* buddy: order while free */
		};
		struct {	/* slab (mm/slab.c) */
			struct list_head slab_list;	/* full/partial/free list */
			struct kmem_cache *slab_cache;
			void *freelist;			/* first free object */
			unsigned int active;		/* objects in use */
			unsigned int objects;		/* objects in this slab */
		};
	};
	atomic_t _mapcount;		/* user PTEs mapping this page, minus one */
	atomic_t _refcount;		/* references; 0 = free */
};

struct file;
struct anon_vma;		/* linux/rmap.h */
struct vm_operations_struct;	/* include/linux/mm_vma.h */
struct mm_struct;

/*
 * One mapped range [vm_start, vm_end) of an address space with one set of
 * flags and one backing (mm/mmap.c; seeds 001, 002). Both ends are page
 * aligned. The mm's VMAs are kept twice, in address order: the list
 * vm_next/vm_prev and the rb-tree mm_rb (keyed by vm_end). The caller of
 * mm/mmap.c holds the mm's mmap_sem, so no field has its own lock (but
 * shared, on the file's i_mmap list, is under that list's i_mmap_lock).
 */
struct vm_area_struct {
	unsigned long vm_start;		/* first byte */
	unsigned long vm_end;		/* first byte after */
	struct vm_area_struct *vm_next, *vm_prev;	/* the mm's sorted list */
	struct rb_node vm_rb;		/* in mm->mm_rb */
	struct mm_struct *vm_mm;	/* the address space it belongs to */
	unsigned long vm_page_prot;	/* PTE permission bits (vm_get_page_prot) */
	unsigned long vm_flags;		/* VM_* (include/linux/mm_vma.h) */
	unsigned long vm_pgoff;		/* offset of vm_start in vm_file, in pages;
					   anonymous private: vm_start >> PAGE_SHIFT */
	struct file *vm_file;		/* backing file, NULL if anonymous */
	const struct vm_operations_struct *vm_ops;	/* NULL: anonymous */
	struct anon_vma *anon_vma;	/* anonymous pages' reverse map, or NULL */
	void *vm_private_data;		/* the driver's or file system's */
	struct list_head shared;	/* in vm_file's mapping->i_mmap (i_mmap_lock) */
};

/*
 * An address space: its page table, which switch_mm (asm/mmu_context.h)
 * loads, and its VMAs (mm/mmap.c). pgd stays first. The VMA fields and
 * page tables are changed under mmap_sem (faults hold it for read; a PTE
 * a fault installs is checked and stored under page_table_lock); the
 * layout fields are set when a program is loaded. mm_alloc, dup_mmap,
 * exit_mmap and mmdrop (mm/mm_struct.c, mm/mmap.c) make and end one.
 */
/* mm_struct.rss_stat: what kinds of page the mm maps (RssFile, RssAnon, RssShmem). */
enum {
	MM_FILEPAGES,
	MM_ANONPAGES,
	MM_SHMEMPAGES,
	NR_MM_COUNTERS
};

struct mm_struct {
	unsigned long *pgd;		/* top-level page table (pte_t[512] on Sv39) */
	struct vm_area_struct *mmap;	/* first VMA; list sorted by address */
	struct rb_root mm_rb;		/* the same VMAs by address */
	int map_count;			/* number of VMAs */
	unsigned long mmap_base;	/* top-down get_unmapped_area starts below it */
	unsigned long task_size;	/* user addresses are below it */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long total_vm;		/* pages mapped, all VMAs */
	unsigned long arg_start, arg_end, env_start, env_end;	/* /proc/<pid>/cmdline, environ */
	unsigned long stack_vm, data_vm, exec_vm, locked_vm;	/* pages, for /proc/<pid>/status */
	unsigned long hiwater_rss, hiwater_vm;	/* peaks (VmHWM, VmPeak) */
	int mm_users;			/* tasks using this address space (atomic); 0: exit_mmap */
	int mm_count;			/* references to the struct itself (atomic); 0: free it */
	struct rw_semaphore mmap_sem;	/* VMAs and page tables: faults read, mmap writes */
	spinlock_t page_table_lock;	/* PTE updates and the rss counters */
	long rss_stat[NR_MM_COUNTERS];	/* pages mapped: MM_FILEPAGES, MM_ANONPAGES, ... */
	unsigned long asid;		/* arch: the address-space id it runs under (0: none) */
	struct file *exe_file;		/* the executable (/proc/<pid>/exe) */
	/*
	 * Page-table work for do_munmap and friends, which the kernel side
	 * fills in: drop the PTEs of [start, end), one call per VMA piece
	 * removed. NULL: nothing is mapped in page tables (host tests).
	 */
	void (*unmap_range)(struct mm_struct *mm, unsigned long start,
			    unsigned long end);
	/* The same for mprotect_fixup: rewrite the PTEs of [start, end) with newprot. */
	void (*protect_range)(struct mm_struct *mm, unsigned long start,
			      unsigned long end, unsigned long newprot);
};

#endif
