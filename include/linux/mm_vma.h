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

#ifndef __user
#define __user			/* a user pointer (asm/uaccess.h) */
#endif

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
#define VM_DENYWRITE	0x00000800UL	/* the file may not be written (an executable) */
#define VM_PFNMAP	0x00000400UL	/* raw frames, no struct page behind them */
#define VM_LOCKED	0x00002000UL	/* mlock()ed */
#define VM_IO		0x00004000UL	/* device memory */
#define VM_DONTCOPY	0x00020000UL	/* not copied by fork */
#define VM_SEQ_READ	0x00008000UL	/* MADV_SEQUENTIAL: read ahead more */
#define VM_RAND_READ	0x00010000UL	/* MADV_RANDOM: do not read ahead */
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
#define FAULT_FLAG_MKWRITE	0x02	/* ->page_mkwrite: a read-only PTE is being made writable */
#define FAULT_FLAG_USER		0x40	/* the fault came from user mode */
#define FAULT_FLAG_INSTRUCTION	0x100	/* an instruction fetch */

/* vm_ops->fault results (Linux's values). */
#define VM_FAULT_OOM		0x0001
#define VM_FAULT_SIGBUS		0x0002
#define VM_FAULT_MAJOR		0x0004
#define VM_FAULT_SIGSEGV	0x0040
#define VM_FAULT_RETRY		0x0400	/* rivet never returns it */
#define VM_FAULT_NOPAGE		0x0100
#define VM_FAULT_LOCKED		0x0200
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

/*
 * What a file or driver mapping does on its VMAs. open: a copy of the VMA
 * was made (split, fork); close: the VMA goes away; fault: bring in the
 * page at vmf->pgoff; page_mkwrite: the page vmf->page (a reference
 * held, unlocked) is about to become writable in a shared mapping, so
 * the file system may allocate blocks and the page gets dirtied (0, or
 * VM_FAULT_* bits; VM_FAULT_LOCKED: it returns the page locked). Any may
 * be NULL. A VMA with close is never merged.
 */
struct vm_operations_struct {
	void (*open)(struct vm_area_struct *area);
	void (*close)(struct vm_area_struct *area);
	int (*fault)(struct vm_fault *vmf);
	int (*page_mkwrite)(struct vm_fault *vmf);
	/*
	 * Fault-around (do_fault_around): map the pages of file offsets
	 * [start_pgoff, end_pgoff] that are already in the cache into the
	 * empty PTEs around vmf->address, without I/O or sleeping.
	 */
	void (*map_pages)(struct vm_fault *vmf, pgoff_t start_pgoff, pgoff_t end_pgoff);
	/* The name /proc/<pid>/maps shows for a mapping with no file ("[vdso]"). */
	const char *(*name)(struct vm_area_struct *vma);
};

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_ops;
}

/* ---- the mm's RSS counters (rss_stat; /proc/<pid>/status RssAnon ...) ---- */

static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	__atomic_fetch_add(&mm->rss_stat[member], value, __ATOMIC_RELAXED);
}
#define inc_mm_counter(mm, member)	add_mm_counter(mm, member, 1)
#define dec_mm_counter(mm, member)	add_mm_counter(mm, member, -1)

/* Pages of kind @member (MM_ANONPAGES, ...) @mm maps; a transient negative reads 0. */
static inline unsigned long get_mm_counter(struct mm_struct *mm, int member)
{
	long v = __atomic_load_n(&mm->rss_stat[member], __ATOMIC_RELAXED);

	return v < 0 ? 0 : (unsigned long)v;
}

/* Resident pages of every kind (VmRSS). */
static inline unsigned long get_mm_rss(struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_ANONPAGES) +
	       get_mm_counter(mm, MM_SHMEMPAGES);
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

/*
 * What mm/mmap.c needs of a VMA's file (linux/fs.h, mm/filemap.c; the
 * host tests supply stand-ins): a reference, its release, and
 * file->f_op->mmap (-ENODEV without one).
 */
struct file *get_file(struct file *f);
void fput(struct file *file);
int call_mmap(struct file *file, struct vm_area_struct *vma);
/*
 * May @file be mapped with @prot and @flags (mmap's checks on the open
 * mode: -EACCES, -ENODEV without ->mmap)? A shared mapping of a file not
 * open for writing loses VM_MAYWRITE and VM_SHARED in *@vm_flags.
 */
int mmap_file_check(struct file *file, unsigned long prot, unsigned long flags,
		    unsigned long *vm_flags);
void vma_set_page_prot(struct vm_area_struct *vma);
/* Count @npages of a mapping with @flags in mm's exec_vm, stack_vm or data_vm. */
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages);

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
/*
 * brk's half: anonymous memory [addr, addr + len) (page aligned), merged
 * into the VMA below when it can be. 0, -ENOMEM, -EINVAL.
 */
int do_brk(struct mm_struct *mm, unsigned long addr, unsigned long len);
/*
 * mremap(): move or resize [addr, addr + old_len) to @new_len
 * (MREMAP_MAYMOVE, MREMAP_FIXED at @new_addr). The new address or -Exxx
 * (Linux's: -EINVAL, -ENOMEM, -EFAULT for a range that is not one VMA).
 */
unsigned long do_mremap(struct mm_struct *mm, unsigned long addr,
			unsigned long old_len, unsigned long new_len,
			unsigned long flags, unsigned long new_addr);
/* Grow the VM_GROWSDOWN @vma down to cover @address; 0 or -ENOMEM (rlimit, gap). */
int expand_stack(struct vm_area_struct *vma, unsigned long address);
/* The stack guard gap (Linux's stack_guard_gap: 256 pages) below a VM_GROWSDOWN VMA. */
extern unsigned long stack_guard_gap;
/* RLIMIT_STACK / RLIMIT_DATA of the caller, in bytes (mm/mm_struct.c; infinite for kthreads). */
unsigned long mm_rlimit(unsigned int res);

/* ---- the system calls' mm-taking halves (mm/mman.c, mm/mremap.c; they take mmap_sem) ---- */

unsigned long mm_brk(struct mm_struct *mm, unsigned long brk);	/* the new (or old) break */
unsigned long vm_mmap(struct mm_struct *mm, struct file *file, unsigned long addr,
		      unsigned long len, unsigned long prot, unsigned long flags,
		      unsigned long off);	/* @off in bytes */
int vm_munmap(struct mm_struct *mm, unsigned long start, size_t len);
int do_msync(struct mm_struct *mm, unsigned long start, size_t len, int flags);
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in, int behavior);
int do_mincore(struct mm_struct *mm, unsigned long start, size_t len,
	       unsigned char __user *uvec);
unsigned long vm_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			unsigned long new_len, unsigned long flags, unsigned long new_addr);

/* ---- an address space's life (mm/mm_struct.c; Linux's kernel/fork.c half) ---- */

/*
 * A new empty address space: pgd (kernel half copied), mm_users and
 * mm_count 1, mmap_sem and page_table_lock ready, TASK_SIZE layout. NULL
 * if out of memory. May sleep.
 */
struct mm_struct *mm_alloc(void);
/* Drop a reference to the struct; the last one frees the pgd and the struct. */
void mmdrop(struct mm_struct *mm);
/*
 * fork: copy @oldmm's VMAs (minus VM_DONTCOPY) and layout into the new
 * @mm, sharing anon_vmas and files, and its PTEs (copy_page_range:
 * private pages read-only in both, shared ones as they are). 0 or
 * -ENOMEM (what was copied stays for exit_mmap). Takes both mmap_sems.
 */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm);

/* ---- get_user_pages and access_process_vm (mm/gup.c) ---- */

#define FOLL_WRITE	0x01	/* the pages will be written */
#define FOLL_FORCE	0x10	/* ignore VM_READ/VM_WRITE (ptrace, /proc/<pid>/mem) */

struct task_struct;
/*
 * Fault in and pin @nr_pages user pages of @mm from @start (page
 * aligned): pages[i] gets a reference (put_page each). Returns how many
 * were pinned (fewer at a hole or a bad access), or -EFAULT if the first
 * fails. The caller holds mm->mmap_sem for read. May sleep.
 */
long get_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages);
/* The same for current->mm, taking mmap_sem itself. */
long get_user_pages_fast(unsigned long start, unsigned long nr_pages,
			 unsigned int gup_flags, struct page **pages);
/*
 * Copy @len bytes between @buf and @tsk's user memory at @addr (@write:
 * into it). Bytes copied (0 if nothing could be). Through kmap of the
 * pinned pages, so @tsk need not be current. May sleep.
 */
int access_process_vm(struct task_struct *tsk, unsigned long addr, void *buf,
		      int len, unsigned int gup_flags);
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf,
		     int len, unsigned int gup_flags);

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
/* Move the PTEs of [old_addr, old_addr + len) to new_addr (mremap). 0 or -ENOMEM. */
int move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
		     struct vm_area_struct *new_vma, unsigned long new_addr,
		     unsigned long len);
/* MADV_DONTNEED: zap [start, end) of @vma; anonymous pages read back as zeroes. */
void zap_vma_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* msync's PTE half: move the dirty bits of [start, end) to the pages. */
void sync_vma_dirty(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* mincore's: is the page at @addr resident (mapped, or in the file's cache)? */
bool mincore_page(struct vm_area_struct *vma, unsigned long addr);

/* ---- file mappings (mm/filemap.c, mm/shmem.c) ---- */

/* vm_ops->fault of page-cache files: the page at vmf->pgoff, read in (readahead) if needed. */
int filemap_fault(struct vm_fault *vmf);
/* vm_ops->page_mkwrite of page-cache files: the page gets dirty (locked on return). */
int filemap_page_mkwrite(struct vm_fault *vmf);
/* vm_ops->map_pages of page-cache files: map the cached, uptodate pages of the range. */
void filemap_map_pages(struct vm_fault *vmf, pgoff_t start_pgoff, pgoff_t end_pgoff);
/*
 * For ->map_pages: map @page (in the page cache, locked, a reference the
 * PTE takes over) read-faulted at @addr of vmf->vma, in vmf->pte's table,
 * if that PTE is none. False if it was not (the caller keeps its reference).
 */
bool do_set_pte(struct vm_fault *vmf, struct page *page, unsigned long addr);
/* MAP_SHARED|MAP_ANONYMOUS: back @vma by a new unlinked tmpfs file. 0 or -ENOMEM. */
int shmem_zero_setup(struct vm_area_struct *vma);

#endif
