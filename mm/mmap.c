/*
 * An address space's VMAs (seeds 001, 002; Linux 4.x mm/mmap.c and the VMA
 * half of mm/mprotect.c): lookup, linking, split_vma, vma_merge's eight
 * cases, top-down get_unmapped_area, do_mmap/mmap_region (with the file's
 * ->mmap and MAP_FIXED_NOREPLACE), do_munmap, do_brk, expand_stack with
 * Linux's stack guard gap, mprotect_fixup. Portable: page tables are
 * changed only through mm->unmap_range and mm->protect_range, files and
 * anon_vmas only through get_file/fput/call_mmap and linux/rmap.h (the
 * host tests supply their own). Leaves out the vmacache, the augmented gap
 * tree (free gaps are found by walking the list), the bottom-up fallback,
 * commit accounting (VM_ACCOUNT is set, never charged), and locking: the
 * caller holds mmap_sem.
 */
#include <linux/errno.h>
#include <linux/mm_vma.h>
#include <linux/rmap.h>
#include <linux/slab.h>
#include <uapi/mman.h>
#include <uapi/resource.h>

int sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
unsigned long mmap_min_addr = PAGE_SIZE;
unsigned long protection_map[16];
unsigned long stack_guard_gap = 256UL << PAGE_SHIFT;
struct kmem_cache *vm_area_cachep;

/* Create vm_area_cachep (Linux does it in proc_caches_init). Panics on failure. */
void mmap_init(void)
{
	vm_area_cachep = kmem_cache_create("vm_area_struct",
					   sizeof(struct vm_area_struct), 0,
					   SLAB_PANIC, NULL);
}

/* A zeroed VMA belonging to @mm, or NULL. May sleep. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kmem_cache_zalloc(vm_area_cachep, GFP_KERNEL);

	if (vma) {
		vma->vm_mm = mm;
		INIT_LIST_HEAD(&vma->shared);
	}
	return vma;
}

/*
 * A copy of @orig, linked nowhere, or NULL; it holds its own reference
 * to the file and the anon_vma. May sleep.
 */
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *new = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);

	if (new) {
		*new = *orig;
		new->vm_next = new->vm_prev = NULL;
		RB_CLEAR_NODE(&new->vm_rb);
		INIT_LIST_HEAD(&new->shared);
		if (new->vm_file)
			get_file(new->vm_file);
		get_anon_vma(new->anon_vma);
	}
	return new;
}

/* Free @vma and what it holds: its i_mmap link, file and anon_vma references. */
void vm_area_free(struct vm_area_struct *vma)
{
	if (vma->vm_file) {
		vma_unlink_file(vma);
		fput(vma->vm_file);
	}
	put_anon_vma(vma->anon_vma);
	kmem_cache_free(vm_area_cachep, vma);
}

/*
 * The PTE bits of @vma's flags. A shared writable mapping whose pages
 * must learn of writes (->page_mkwrite: the page gets dirty) maps them
 * read-only, like a private one, so the first write faults (Linux's
 * vma_wants_writenotify).
 */
void vma_set_page_prot(struct vm_area_struct *vma)
{
	unsigned long flags = vma->vm_flags;

	if ((flags & (VM_SHARED | VM_WRITE)) == (VM_SHARED | VM_WRITE) &&
	    vma->vm_ops && vma->vm_ops->page_mkwrite)
		flags &= ~VM_SHARED;
	vma->vm_page_prot = vm_get_page_prot(flags);
}

/* ---- lookup ---- */

/* The first VMA that ends above @addr (it may start above it too), or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *n = mm->mm_rb.rb_node;
	struct vm_area_struct *found = NULL;

	while (n) {
		struct vm_area_struct *vma = rb_entry(n, struct vm_area_struct, vm_rb);

		if (vma->vm_end > addr) {
			found = vma;
			if (vma->vm_start <= addr)
				break;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return found;
}

/* find_vma, and in *@pprev the VMA before it (the last VMA if none is found). */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	struct rb_node *last;

	if (vma) {
		*pprev = vma->vm_prev;
	} else {
		last = rb_last(&mm->mm_rb);
		*pprev = last ? rb_entry(last, struct vm_area_struct, vm_rb) : NULL;
	}
	return vma;
}

/* The first VMA overlapping [start_addr, end_addr), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start_addr,
					     unsigned long end_addr)
{
	struct vm_area_struct *vma = find_vma(mm, start_addr);

	if (vma && end_addr <= vma->vm_start)
		vma = NULL;
	return vma;
}

/* ---- linking ---- */

/*
 * Where a VMA for [addr, end) goes: *@pprev the VMA before it (or NULL),
 * *@rb_link and *@rb_parent the rb-tree slot. -ENOMEM if some VMA
 * overlaps the range (Linux's code for it), else 0.
 */
int find_vma_links(struct mm_struct *mm, unsigned long addr, unsigned long end,
		   struct vm_area_struct **pprev, struct rb_node ***rb_link,
		   struct rb_node **rb_parent)
{
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL, *before = NULL;

	while (*link) {
		struct vm_area_struct *vma;

		parent = *link;
		vma = rb_entry(parent, struct vm_area_struct, vm_rb);
		if (vma->vm_end > addr) {
			if (vma->vm_start < end)
				return -ENOMEM;
			link = &parent->rb_left;
		} else {
			before = parent;
			link = &parent->rb_right;
		}
	}
	*pprev = before ? rb_entry(before, struct vm_area_struct, vm_rb) : NULL;
	*rb_link = link;
	*rb_parent = parent;
	return 0;
}

/* Put @vma in mm_rb at the slot find_vma_links gave, and rebalance. */
void __vma_link_rb(struct mm_struct *mm, struct vm_area_struct *vma,
		   struct rb_node **rb_link, struct rb_node *rb_parent)
{
	rb_link_node(&vma->vm_rb, rb_parent, rb_link);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
}

/* Put @vma in the mm's list after @prev (NULL: first). */
static void __vma_link_list(struct mm_struct *mm, struct vm_area_struct *vma,
			    struct vm_area_struct *prev)
{
	struct vm_area_struct *next = prev ? prev->vm_next : mm->mmap;

	vma->vm_prev = prev;
	vma->vm_next = next;
	if (prev)
		prev->vm_next = vma;
	else
		mm->mmap = vma;
	if (next)
		next->vm_prev = vma;
}

/* Link @vma into both the list and the tree at the place find_vma_links found; map_count + 1. */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
	      struct vm_area_struct *prev, struct rb_node **rb_link,
	      struct rb_node *rb_parent)
{
	vma->vm_mm = mm;
	__vma_link_list(mm, vma, prev);
	__vma_link_rb(mm, vma, rb_link, rb_parent);
	if (vma->vm_file)
		vma_link_file(vma);
	mm->map_count++;
}

/*
 * Take @vma (whose list predecessor is @prev) out of the list and the tree.
 * map_count is the caller's to lower; the VMA is not freed.
 */
void __vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma,
		  struct vm_area_struct *prev)
{
	struct vm_area_struct *next = vma->vm_next;

	rb_erase(&vma->vm_rb, &mm->mm_rb);
	if (prev)
		prev->vm_next = next;
	else
		mm->mmap = next;
	if (next)
		next->vm_prev = prev;
}

/* Link @vma where it belongs; it must overlap nothing (a kernel bug if it does). */
static void __insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev;
	struct rb_node **rb_link, *rb_parent;

	if (find_vma_links(mm, vma->vm_start, vma->vm_end, &prev, &rb_link, &rb_parent))
		panic("__insert_vm_struct: %lx-%lx overlaps a VMA", vma->vm_start, vma->vm_end);
	vma_link(mm, vma, prev, rb_link, rb_parent);
}

/*
 * Link a VMA the caller built (exec's stack, say). An anonymous one gets
 * vm_pgoff = vm_start >> PAGE_SHIFT. -ENOMEM if it overlaps a VMA. total_vm
 * is the caller's to raise, as in Linux.
 */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev;
	struct rb_node **rb_link, *rb_parent;

	if (find_vma_links(mm, vma->vm_start, vma->vm_end, &prev, &rb_link, &rb_parent))
		return -ENOMEM;
	if (vma_is_anonymous(vma) && !vma->vm_file)
		vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;
	vma_link(mm, vma, prev, rb_link, rb_parent);
	return 0;
}

/* Call ->close and free an unlinked VMA. */
static void remove_vma(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	vm_area_free(vma);
}

/* ---- splitting ---- */

/*
 * Cut @vma at @addr (page aligned, strictly inside it) into two VMAs. The
 * new one is the part below @addr if @new_below, else the part above; @vma
 * keeps the other. -EINVAL for a bad @addr, -ENOMEM if no VMA can be
 * allocated (nothing changed then). Does not check map_count.
 */
int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		unsigned long addr, int new_below)
{
	unsigned long shift = (addr - vma->vm_start) >> PAGE_SHIFT;
	struct vm_area_struct *new;

	if (addr <= vma->vm_start || addr >= vma->vm_end || offset_in_page(addr))
		return -EINVAL;
	new = vm_area_dup(vma);
	if (!new)
		return -ENOMEM;
	if (new_below) {
		new->vm_end = addr;
		vma->vm_start = addr;
		vma->vm_pgoff += shift;
	} else {
		new->vm_start = addr;
		new->vm_pgoff += shift;
		vma->vm_end = addr;
	}
	if (new->vm_ops && new->vm_ops->open)
		new->vm_ops->open(new);
	__insert_vm_struct(mm, new);
	return 0;
}

/* __split_vma, refused with -ENOMEM when the mm already has sysctl_max_map_count VMAs. */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr, int new_below)
{
	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	return __split_vma(mm, vma, addr, new_below);
}

/* ---- merging ---- */

/* Same flags, same file, and no ->close that a merge would skip? */
static bool is_mergeable_vma(struct vm_area_struct *vma, struct file *file,
			     unsigned long vm_flags)
{
	if (vma->vm_flags != vm_flags || vma->vm_file != file)
		return false;
	return !(vma->vm_ops && vma->vm_ops->close);
}

/* Without anon_vma chains: compatible unless both are set and differ. */
static bool is_mergeable_anon_vma(struct anon_vma *a, struct anon_vma *b)
{
	return !a || !b || a == b;
}

/* May a range starting at file page @vm_pgoff end where @vma begins? */
static bool can_vma_merge_before(struct vm_area_struct *vma, unsigned long vm_flags,
				 struct anon_vma *anon_vma, struct file *file,
				 pgoff_t vm_pgoff)
{
	return is_mergeable_vma(vma, file, vm_flags) &&
	       is_mergeable_anon_vma(anon_vma, vma->anon_vma) &&
	       vma->vm_pgoff == vm_pgoff;
}

/* May a range at file page @vm_pgoff begin where @vma ends? */
static bool can_vma_merge_after(struct vm_area_struct *vma, unsigned long vm_flags,
				struct anon_vma *anon_vma, struct file *file,
				pgoff_t vm_pgoff)
{
	return is_mergeable_vma(vma, file, vm_flags) &&
	       is_mergeable_anon_vma(anon_vma, vma->anon_vma) &&
	       vma->vm_pgoff + vma_pages(vma) == vm_pgoff;
}

/* @into now covers pages that had @anon_vma: keep it (a reference) if @into had none. */
static void take_anon_vma(struct vm_area_struct *into, struct anon_vma *anon_vma)
{
	if (!into->anon_vma && anon_vma) {
		get_anon_vma(anon_vma);
		into->anon_vma = anon_vma;
	}
}

/*
 * Free @vma, whose range a neighbour has just absorbed: no ->close, since
 * its pages stay mapped (mergeable VMAs have none anyway).
 */
static void drop_merged_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			    struct vm_area_struct *into)
{
	take_anon_vma(into, vma->anon_vma);
	__vma_unlink(mm, vma, vma->vm_prev);
	mm->map_count--;
	vm_area_free(vma);
}

/* Cases 1 and 6: @prev grows over the range (and @area, in 6) and @next. */
static struct vm_area_struct *merge_both(struct mm_struct *mm,
		struct vm_area_struct *prev, struct vm_area_struct *area,
		struct vm_area_struct *next, struct anon_vma *anon_vma)
{
	unsigned long end = next->vm_end;

	if (area != next)
		drop_merged_vma(mm, area, prev);
	drop_merged_vma(mm, next, prev);
	take_anon_vma(prev, anon_vma);
	prev->vm_end = end;
	return prev;
}

/* Cases 2, 5, 7: @prev grows to @end; @area loses its head (5) or goes (7). */
static struct vm_area_struct *merge_into_prev(struct mm_struct *mm,
		struct vm_area_struct *prev, struct vm_area_struct *area,
		unsigned long end, struct anon_vma *anon_vma)
{
	if (area && area->vm_end == end) {			/* case 7 */
		drop_merged_vma(mm, area, prev);
	} else if (area && area->vm_start < end) {		/* case 5 */
		area->vm_pgoff += (end - area->vm_start) >> PAGE_SHIFT;
		area->vm_start = end;
	}
	take_anon_vma(prev, anon_vma);
	prev->vm_end = end;
	return prev;
}

/* Cases 3, 4, 8: @next grows down to @addr; @prev loses its tail (4) or @area goes (8). */
static struct vm_area_struct *merge_into_next(struct mm_struct *mm,
		struct vm_area_struct *prev, struct vm_area_struct *area,
		struct vm_area_struct *next, unsigned long addr, pgoff_t pgoff,
		struct anon_vma *anon_vma)
{
	if (area != next)					/* case 8 */
		drop_merged_vma(mm, area, next);
	else if (prev && addr < prev->vm_end)			/* case 4 */
		prev->vm_end = addr;
	take_anon_vma(next, anon_vma);
	next->vm_start = addr;
	next->vm_pgoff = pgoff;
	return next;
}

/*
 * The range [addr, end) is about to get @vm_flags, @file at @pgoff and
 * @anon_vma; @prev is the VMA before @addr, or the one containing it
 * (mprotect of a tail). If the range can join the VMA ending at @addr
 * and/or the one starting at @end, do it, in one of Linux's eight cases,
 * and return the VMA that now covers the range; else NULL, with nothing
 * changed. The range is either a hole (mmap) or covers part or all of
 * existing VMAs without crossing a VMA boundary other than @end (mprotect):
 *
 *   hole:       PPPP....NNNN -> 1: PPPPPPPPPPPP  2: PPPPPPPP....  3: ....NNNNNNNN
 *   tail of P:  PPPP[PP]NNNN -> 4: PPPPNNNNNNNN
 *   head of A:  PPPP[AA]AANN -> 5: PPPPPPPPAANN  (A keeps the rest)
 *   all of A:   PPPP[AAAA]NN -> 6: PPPPPPPPPPPP  7: PPPPPPPPNNNN  8: PPPPNNNNNNNN
 */
struct vm_area_struct *vma_merge(struct mm_struct *mm,
				 struct vm_area_struct *prev, unsigned long addr,
				 unsigned long end, unsigned long vm_flags,
				 struct anon_vma *anon_vma, struct file *file,
				 pgoff_t pgoff)
{
	pgoff_t pglen = (end - addr) >> PAGE_SHIFT;
	struct vm_area_struct *area, *next;
	bool merge_prev, merge_next;

	if (vm_flags & VM_SPECIAL)
		return NULL;
	next = area = prev ? prev->vm_next : mm->mmap;
	if (area && area->vm_end == end)	/* cases 6-8: the range is all of area */
		next = area->vm_next;
	merge_prev = prev && prev->vm_end == addr &&
		     can_vma_merge_after(prev, vm_flags, anon_vma, file, pgoff);
	merge_next = next && next->vm_start == end &&
		     can_vma_merge_before(next, vm_flags, anon_vma, file, pgoff + pglen);
	if (merge_prev && merge_next && is_mergeable_anon_vma(prev->anon_vma, next->anon_vma))
		return merge_both(mm, prev, area, next, anon_vma);
	if (merge_prev)
		return merge_into_prev(mm, prev, area, end, anon_vma);
	if (merge_next)
		return merge_into_next(mm, prev, area, next, addr, pgoff, anon_vma);
	return NULL;
}

/*
 * Count @npages (negative: uncount) of a mapping with @flags in @mm's
 * exec_vm, stack_vm or data_vm (/proc/<pid>/status VmExe, VmStk, VmData),
 * by Linux's rules: a stack is VM_GROWSDOWN, code is executable and not
 * writable, data is private writable.
 */
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages)
{
	if (flags & VM_GROWSDOWN)
		mm->stack_vm += npages;
	else if ((flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
		mm->exec_vm += npages;
	else if ((flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		mm->data_vm += npages;
}

/* ---- finding room ---- */

/* Where @vma's claim starts: a stack keeps stack_guard_gap free below it. */
static unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (!(vma->vm_flags & VM_GROWSDOWN))
		return start;
	return start > stack_guard_gap ? start - stack_guard_gap : 0;
}

/*
 * The highest @len-byte gap between VMAs inside [low, high): its start, or
 * -ENOMEM. Walks the list down from the top (Linux searches an augmented
 * rb-tree instead).
 */
static unsigned long unmapped_area_topdown(struct mm_struct *mm, unsigned long len,
					   unsigned long low, unsigned long high)
{
	struct rb_node *last = rb_last(&mm->mm_rb);
	struct vm_area_struct *vma = last ? rb_entry(last, struct vm_area_struct, vm_rb) : NULL;
	unsigned long gap_start, gap_end = high;

	if (high < low || high - low < len)
		return -ENOMEM;
	while (vma && vma->vm_start >= high)
		vma = vma->vm_prev;
	for (;;) {
		gap_start = vma && vma->vm_end > low ? vma->vm_end : low;
		if (gap_end > gap_start && gap_end - gap_start >= len)
			return gap_end - len;
		if (!vma || vma->vm_start <= low)
			return -ENOMEM;
		gap_end = vm_start_gap(vma);
		vma = vma->vm_prev;
	}
}

/*
 * Where to map @len bytes (page aligned). MAP_FIXED: @addr itself, if it
 * is page aligned (-EINVAL) and below task_size (-ENOMEM); whatever is
 * there is the caller's to unmap. Otherwise @addr is a hint, taken if the
 * range is free and in [mmap_min_addr, task_size); failing that, the
 * highest free range below mmap_base. Returns the address or -ENOMEM.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, struct file *file,
				unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags)
{
	struct vm_area_struct *vma, *prev;

	if (len > mm->task_size)
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		if (addr > mm->task_size - len)
			return -ENOMEM;
		return offset_in_page(addr) ? (unsigned long)-EINVAL : addr;
	}
	if (addr) {
		addr = PAGE_ALIGN(addr);
		vma = find_vma_prev(mm, addr, &prev);
		if (addr >= mmap_min_addr && addr <= mm->task_size - len &&
		    (!vma || addr + len <= vm_start_gap(vma)) &&
		    (!prev || addr >= prev->vm_end))
			return addr;
	}
	return unmapped_area_topdown(mm, len, max(mmap_min_addr, PAGE_SIZE),
				     mm->mmap_base);
}

/* ---- mapping ---- */

/* Private writable mappings are charged as committed memory (VM_ACCOUNT). */
static bool accountable_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

/*
 * A new VMA for [addr, addr + len) with its backing: @file (a reference of
 * its own, then the file's ->mmap, which sets vm_ops), or for a shared
 * anonymous mapping a tmpfs file (shmem_zero_setup). Not linked yet.
 * ERR_PTR-style: NULL and *@err on failure.
 */
static struct vm_area_struct *new_mapping(struct mm_struct *mm, struct file *file,
					  unsigned long addr, unsigned long len,
					  unsigned long vm_flags, unsigned long pgoff,
					  int *err)
{
	struct vm_area_struct *vma = vm_area_alloc(mm);

	*err = -ENOMEM;
	if (!vma)
		return NULL;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_pgoff = pgoff;
	*err = 0;
	if (file) {
		vma->vm_file = get_file(file);
		*err = call_mmap(file, vma);
	} else if (vm_flags & VM_SHARED) {
		*err = shmem_zero_setup(vma);
	}
	if (*err) {
		vm_area_free(vma);
		return NULL;
	}
	vma_set_page_prot(vma);
	return vma;
}

/*
 * Map [addr, addr + len) with @vm_flags, @file at @pgoff: unmap what is
 * there, then extend a neighbour (vma_merge) or link a new VMA. Returns
 * @addr, or -ENOMEM, or the file's ->mmap error (the old mappings may be
 * gone then, as in Linux). The VMA takes its own reference on @file.
 */
unsigned long mmap_region(struct mm_struct *mm, struct file *file,
			  unsigned long addr, unsigned long len,
			  unsigned long vm_flags, unsigned long pgoff)
{
	struct vm_area_struct *vma, *prev;
	struct rb_node **rb_link, *rb_parent;
	int err;

	while (find_vma_links(mm, addr, addr + len, &prev, &rb_link, &rb_parent))
		if (do_munmap(mm, addr, len))
			return -ENOMEM;
	if (accountable_mapping(vm_flags))
		vm_flags |= VM_ACCOUNT;
	if (!vma_merge(mm, prev, addr, addr + len, vm_flags, NULL, file, pgoff)) {
		vma = new_mapping(mm, file, addr, len, vm_flags, pgoff, &err);
		if (!vma)
			return err;
		/* ->mmap may have slept, but the caller's mmap_sem kept the hole */
		vma_link(mm, vma, prev, rb_link, rb_parent);
	}
	mm->total_vm += len >> PAGE_SHIFT;
	vm_stat_account(mm, vm_flags, len >> PAGE_SHIFT);
	return addr;
}

/* mmap()'s MAP_SHARED/MAP_PRIVATE and @prot as vm_flags; 0 for a bad map type. */
static unsigned long mmap_vm_flags(unsigned long prot, unsigned long flags)
{
	unsigned long vm_flags = calc_vm_prot_bits(prot) |
				 VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
	case MAP_SHARED_VALIDATE:
		vm_flags |= VM_SHARED | VM_MAYSHARE;
		break;
	case MAP_PRIVATE:
		break;
	default:
		return 0;
	}
	if (flags & MAP_NORESERVE)
		vm_flags |= VM_NORESERVE;
	if (flags & MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;
	return vm_flags;
}

/*
 * mmap() on @mm: @len bytes of @file from page @pgoff (NULL: anonymous;
 * shared anonymous memory is a tmpfs file), at @addr or where
 * get_unmapped_area puts it. MAP_FIXED_NOREPLACE is MAP_FIXED that
 * refuses (-EEXIST) to replace a mapping. Returns the address or -EINVAL
 * (len 0, bad type), -ENOMEM (no room, sysctl_max_map_count VMAs
 * already, no memory), -EOVERFLOW, mmap_file_check's -EACCES/-ENODEV,
 * or the file's ->mmap error. Refuses
 * before changing anything, except as mmap_region says.
 */
unsigned long do_mmap(struct mm_struct *mm, struct file *file,
		      unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long pgoff)
{
	unsigned long vm_flags = mmap_vm_flags(prot, flags);

	int err;

	if (!len || !vm_flags)
		return -EINVAL;
	if (file && (err = mmap_file_check(file, prot, flags, &vm_flags)))
		return err;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	addr = get_unmapped_area(mm, file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;
	if (!file)
		pgoff = (vm_flags & VM_SHARED) ? 0 : addr >> PAGE_SHIFT;
	return mmap_region(mm, file, addr, len, vm_flags, pgoff);
}

/* ---- unmapping ---- */

/* Unlink, unmap (mm->unmap_range) and free each VMA from @vma that starts below @end. */
static void remove_vmas_below(struct mm_struct *mm, struct vm_area_struct *vma,
			      unsigned long end)
{
	struct vm_area_struct *next;

	for (; vma && vma->vm_start < end; vma = next) {
		next = vma->vm_next;
		__vma_unlink(mm, vma, vma->vm_prev);
		mm->map_count--;
		mm->total_vm -= vma_pages(vma);
		vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
		if (mm->unmap_range)
			mm->unmap_range(mm, vma->vm_start, vma->vm_end);
		remove_vma(vma);
	}
}

/*
 * munmap(): remove [start, start + len) from @mm, splitting the VMAs at
 * either end. 0 (also when nothing was mapped), -EINVAL for an unaligned
 * @start, a zero or too large @len, -ENOMEM if a split fails or would
 * pass sysctl_max_map_count (unchanged then if it was the first split).
 */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	struct vm_area_struct *vma, *last;
	unsigned long end;
	int err;

	if (offset_in_page(start) || start > mm->task_size || len > mm->task_size - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	end = start + len;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	if (start > vma->vm_start) {
		if (end < vma->vm_end && mm->map_count >= sysctl_max_map_count)
			return -ENOMEM;
		err = __split_vma(mm, vma, start, 0);
		if (err)
			return err;
	}
	last = find_vma(mm, end);
	if (last && end > last->vm_start) {
		err = __split_vma(mm, last, end, 1);
		if (err)
			return err;
	}
	remove_vmas_below(mm, find_vma(mm, start), end);
	return 0;
}

/*
 * Tear down every VMA of @mm (process exit), unmapping each: its pages
 * and page tables go back (the top-level table stays for mmdrop), and
 * drop mm->exe_file.
 */
void exit_mmap(struct mm_struct *mm)
{
	remove_vmas_below(mm, mm->mmap, -1UL);
	if (mm->exe_file) {
		fput(mm->exe_file);
		mm->exe_file = NULL;
	}
}

/* ---- brk and stacks ---- */

/* brk's flags (Linux's VM_DATA_DEFAULT_FLAGS on riscv: data is not executable). */
#define VM_DATA_DEFAULT_FLAGS	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

/* See linux/mm_vma.h. Whatever was mapped in the range is unmapped first. */
int do_brk(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	unsigned long ret;

	len = PAGE_ALIGN(len);
	if (!len)
		return 0;
	if (offset_in_page(addr) || addr + len < addr)
		return -EINVAL;
	if (addr + len > mm->task_size || addr < mmap_min_addr)
		return -ENOMEM;
	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	ret = mmap_region(mm, NULL, addr, len, VM_DATA_DEFAULT_FLAGS, addr >> PAGE_SHIFT);
	return IS_ERR_VALUE(ret) ? (int)ret : 0;
}

/*
 * Grow the stack @vma down to @address's page (Linux's expand_downwards):
 * the stack may not pass RLIMIT_STACK (-ENOMEM), come within
 * stack_guard_gap of the mapping below it (-ENOMEM) or go below
 * mmap_min_addr (-EPERM). 0 if it covers @address now. Caller holds
 * mmap_sem (a fault: for read, so two faults may both grow it: the
 * larger start wins nothing, each only lowers vm_start).
 */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct vm_area_struct *prev = vma->vm_prev;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long grow;

	address &= PAGE_MASK;
	if (!(vma->vm_flags & VM_GROWSDOWN))
		return -EFAULT;
	if (address >= vma->vm_start)
		return 0;
	if (address < mmap_min_addr)
		return -EPERM;
	if (vma->vm_end - address > mm_rlimit(RLIMIT_STACK))
		return -ENOMEM;
	if (prev && !(prev->vm_flags & VM_GROWSDOWN) &&
	    (prev->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)) &&
	    address - prev->vm_end < stack_guard_gap)
		return -ENOMEM;
	if (prev && address < prev->vm_end)
		return -ENOMEM;
	grow = (vma->vm_start - address) >> PAGE_SHIFT;
	vma->vm_start = address;
	vma->vm_pgoff -= grow;
	mm->total_vm += grow;
	mm->stack_vm += grow;
	return 0;
}

/* ---- changing protection ---- */

/*
 * Give [start, end), which lies inside @vma, the flags @newflags: merge it
 * with a neighbour (vma_merge) or split it out of @vma, then rewrite the
 * page tables (mm->protect_range). *@pprev is the VMA before @start, or
 * @vma if start is inside it; on return, the VMA now covering the range.
 * 0 or -ENOMEM (checked against sysctl_max_map_count before any split).
 * @vma may be freed by a merge.
 */
int mprotect_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		   unsigned long start, unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags;
	pgoff_t pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	struct vm_area_struct *merged;
	int splits = (start != vma->vm_start) + (end != vma->vm_end), err;

	if (newflags == vma->vm_flags) {
		*pprev = vma;
		return 0;
	}
	if ((newflags & VM_WRITE) && !(vma->vm_flags & (VM_ACCOUNT | VM_WRITE |
						       VM_SHARED | VM_NORESERVE)))
		newflags |= VM_ACCOUNT;
	merged = vma_merge(mm, *pprev, start, end, newflags, vma->anon_vma,
			   vma->vm_file, pgoff);
	if (merged) {
		vma = merged;
	} else {
		if (mm->map_count + splits > sysctl_max_map_count)
			return -ENOMEM;
		if (start != vma->vm_start && (err = split_vma(mm, vma, start, 1)))
			return err;
		if (end != vma->vm_end && (err = split_vma(mm, vma, end, 0)))
			return err;
	}
	*pprev = vma;
	vm_stat_account(mm, oldflags, -(long)((end - start) >> PAGE_SHIFT));
	vm_stat_account(mm, newflags, (end - start) >> PAGE_SHIFT);
	vma->vm_flags = newflags;
	vma_set_page_prot(vma);
	if (mm->protect_range)
		mm->protect_range(mm, start, end, vma->vm_page_prot);
	return 0;
}

/*
 * mprotect(): give [start, start + len) @prot, VMA by VMA (Linux's
 * do_mprotect_pkey in mm/mprotect.c, without pkeys). 0, -EINVAL (unaligned
 * @start, unknown @prot bits), -ENOMEM (a hole in the range: the part
 * before it is already changed, as in Linux), -EACCES (beyond VM_MAY*).
 */
int do_mprotect(struct mm_struct *mm, unsigned long start, size_t len,
		unsigned long prot)
{
	struct vm_area_struct *vma, *prev;
	unsigned long end, newflags, part_end;
	int err;

	if (offset_in_page(start) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if (!len)
		return 0;
	end = start + PAGE_ALIGN(len);
	if (end <= start)
		return -ENOMEM;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	prev = start > vma->vm_start ? vma : vma->vm_prev;
	for (;;) {
		newflags = calc_vm_prot_bits(prot) | (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC));
		if (newflags & ~(newflags >> 4) & (VM_READ | VM_WRITE | VM_EXEC))
			return -EACCES;
		part_end = min(vma->vm_end, end);
		err = mprotect_fixup(vma, &prev, start, part_end, newflags);
		if (err)
			return err;
		start = max(part_end, prev->vm_end);
		if (start >= end)
			return 0;
		vma = prev->vm_next;
		if (!vma || vma->vm_start != start)
			return -ENOMEM;
	}
}
