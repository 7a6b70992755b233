/*
 * User page tables and page faults (seed 001; Linux 4.x mm/memory.c, and
 * change_protection from mm/mprotect.c, move_page_tables from
 * mm/mremap.c): handle_mm_fault -> __handle_mm_fault -> handle_pte_fault
 * -> do_anonymous_page | do_fault (do_read_fault with do_fault_around,
 * do_cow_fault, do_shared_fault -> __do_fault, do_page_mkwrite) | do_wp_page;
 * zap_page_range, free_pgtables and copy_page_range for munmap, exit and
 * fork; the mm's RSS counters. Leaves out swap, THP, split page-table
 * locks (the caller holds mmap_sem; PTE changes that reclaim may race
 * with take mm->page_table_lock) and mmu_gather batching.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/highmem.h>
#include <linux/pagemap.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/rmap.h>
#include <linux/fs.h>
#include <linux/errno.h>
#include <linux/params.h>
#include <linux/string.h>
#include <asm/pgtable.h>
#include <asm/pgalloc.h>
#include <asm/tlbflush.h>

/* ---- the zero page, rmap counts, the LRU ---- */

/* The frame every untouched anonymous page reads as (one for all addresses). */
unsigned long my_zero_pfn(unsigned long addr)
{
	return PHYS_PFN(__pa(empty_zero_page));
}

static bool is_zero_pfn(unsigned long pfn)
{
	return pfn == my_zero_pfn(0);
}

/* Anonymous: RAM-backed and in no address_space (rivet has no anon_vma yet). */
static bool PageAnon(const struct page *page)
{
	return PageSwapBacked(page) && !page->mapping;
}

/* Which rss_stat counter @page counts in: anonymous, tmpfs, or other file pages. */
static int mm_counter(const struct page *page)
{
	if (PageAnon(page))
		return MM_ANONPAGES;
	return PageSwapBacked(page) ? MM_SHMEMPAGES : MM_FILEPAGES;
}

/* Page index of @addr in @vma's backing (file pages, or address for anon). */
static pgoff_t linear_page_index(struct vm_area_struct *vma, unsigned long addr)
{
	return ((addr - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
}

/*
 * @page, new and private to the caller, is now mapped once, anonymously,
 * at @address of @vma: mapcount 1, counted in NR_ANON_PAGES.
 */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
			    unsigned long address)
{
	__SetPageSwapBacked(page);
	__atomic_store_n(&page->_mapcount.counter, 0, __ATOMIC_RELAXED);
	page->index = linear_page_index(vma, address);
	inc_zone_page_state(page, NR_ANON_PAGES);
}

/* One more PTE maps @page (fork, or a file page); a file page's first counts in NR_FILE_MAPPED. */
static void page_dup_rmap(struct page *page)
{
	if (__atomic_add_fetch(&page->_mapcount.counter, 1, __ATOMIC_RELAXED) == 0 &&
	    !PageAnon(page))
		inc_zone_page_state(page, NR_FILE_MAPPED);
}

/* One PTE mapping @page went; the last one takes it out of NR_ANON/FILE_MAPPED. */
void page_remove_rmap(struct page *page)
{
	if (__atomic_sub_fetch(&page->_mapcount.counter, 1, __ATOMIC_RELAXED) >= 0)
		return;
	dec_zone_page_state(page, PageAnon(page) ? NR_ANON_PAGES : NR_FILE_MAPPED);
}

/* A new anonymous page goes on the active anon LRU (rivet never reclaims those). */
static void lru_cache_add_active_or_unevictable(struct page *page,
						struct vm_area_struct *vma)
{
	__SetPageActive(page);
	lru_cache_add(page);
}

/*
 * Drop a user mapping's reference to @page. The last one frees it here,
 * as __put_page would, but with PG_swapbacked cleared: the page allocator
 * does not clear it, and a page-cache page reusing the frame must not
 * look anonymous (it would go on the anon LRU, which reclaim never scans).
 */
static void put_user_page(struct page *page)
{
	if (!put_page_testzero(page))
		return;
	if (PageLRU(page))
		__page_cache_release(page);
	__ClearPageSwapBacked(page);
	free_hot_cold_page(page, false);
}

/*
 * The struct page a user PTE maps, or NULL for a special one (the zero
 * page) or a frame outside RAM. @vma may be NULL (the VMA is gone).
 */
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr,
			    pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);

	if (pte_special(pte) || !pfn_valid(pfn))
		return NULL;
	return pfn_to_page(pfn);
}

/* ---- walking and allocating page tables ---- */

/* The end of the @size-aligned block holding @addr, or @end if sooner. */
static unsigned long block_end(unsigned long addr, unsigned long end, unsigned long size)
{
	unsigned long b = ALIGN_DOWN(addr, size) + size;

	return b < end ? b : end;
}

/* The pmd entry for @addr, making the pmd table if missing; NULL: no memory. */
static pmd_t *pmd_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long addr)
{
	if (pgd_none(*pgd)) {
		pte_t *table = pmd_alloc_one(mm, addr);

		if (!table)
			return NULL;
		pgd_populate(pgd, table);
	}
	return pmd_offset(pgd, addr);
}

/* The PTE slot for @addr, making the pte table if missing; NULL: no memory. */
static pte_t *pte_alloc_map(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	if (pmd_none(*pmd)) {
		pte_t *table = pte_alloc_one(mm);

		if (!table)
			return NULL;
		pmd_populate(pmd, table);
	}
	return pte_offset_map(pmd, addr);
}

/* The PTE slot of @addr in @mm, or NULL if a table on the way is missing. */
pte_t *follow_pte(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	pmd_t *pmd;

	if (addr >= TASK_SIZE || pgd_none(*pgd))
		return NULL;
	pmd = pmd_offset(pgd, addr);
	return pmd_none(*pmd) ? NULL : pte_offset_map(pmd, addr);
}

typedef int (*pte_fn_t)(struct mm_struct *mm, unsigned long addr, pte_t *pte,
			void *arg);

/*
 * Call @fn on every non-none PTE of @mm in [start, end), skipping missing
 * tables; stops at the first non-zero return, which it returns.
 */
static int walk_ptes(struct mm_struct *mm, unsigned long start, unsigned long end,
		     pte_fn_t fn, void *arg)
{
	unsigned long addr = start, next;
	int err;

	while (addr < end) {
		pgd_t *pgd = pgd_offset(mm, addr);
		pmd_t *pmd;
		pte_t *pte;

		if (pgd_none(*pgd)) {
			addr = block_end(addr, end, PGDIR_SIZE);
			continue;
		}
		pmd = pmd_offset(pgd, addr);
		next = block_end(addr, end, PMD_SIZE);
		if (pmd_none(*pmd)) {
			addr = next;
			continue;
		}
		for (pte = pte_offset_map(pmd, addr); addr < next; addr += PAGE_SIZE, pte++)
			if (!pte_none(*pte) && (err = fn(mm, addr, pte, arg)))
				return err;
	}
	return 0;
}

/* ---- the fault path (seed 001) ---- */

/*
 * Install @entry in vmf->pte if it still holds vmf->orig_pte: another
 * thread of the mm may have resolved the same fault while this one
 * slept in an allocation or a read. True if installed (an old valid
 * entry is fenced away first). Under page_table_lock with IRQs off, so
 * nothing runs between the check and the store.
 */
static bool pte_install(struct vm_fault *vmf, pte_t entry)
{
	struct mm_struct *mm = vmf->vma->vm_mm;
	unsigned long flags;
	bool same;

	spin_lock_irqsave(&mm->page_table_lock, flags);
	same = READ_ONCE(*vmf->pte) == vmf->orig_pte;
	if (same && pte_present(vmf->orig_pte)) {
		ptep_get_and_clear(mm, vmf->address, vmf->pte);
		flush_tlb_page(vmf->vma, vmf->address);
	}
	if (same)
		set_pte_at(mm, vmf->address, vmf->pte, entry);
	spin_unlock_irqrestore(&mm->page_table_lock, flags);
	if (same)
		update_mmu_cache(vmf->vma, vmf->address, vmf->pte);
	return same;
}

/* A read: the zero page, read-only and special. A write: a new zeroed page. */
static int do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *page;
	pte_t entry;

	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		entry = pte_mkspecial(pfn_pte(my_zero_pfn(vmf->address), vma->vm_page_prot));
		if (pte_install(vmf, entry))
			count_vm_event(ZERO_PAGE_MAP);
		return 0;
	}
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	page = alloc_zeroed_user_highpage_movable(vma, vmf->address);
	if (!page)
		return VM_FAULT_OOM;
	entry = mk_pte(page, vma->vm_page_prot);
	if (vma->vm_flags & VM_WRITE)
		entry = pte_mkwrite(pte_mkdirty(entry));
	if (!pte_install(vmf, entry)) {
		put_page(page);		/* another thread mapped it first */
		return 0;
	}
	page_add_new_anon_rmap(page, vma, vmf->address);
	lru_cache_add_active_or_unevictable(page, vma);
	inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
	return 0;
}

/*
 * Ask the VMA's ->fault for the page at vmf->pgoff: its VM_FAULT_* bits;
 * on success vmf->page holds a reference (and is unlocked here).
 */
static int __do_fault(struct vm_fault *vmf)
{
	int ret = vmf->vma->vm_ops->fault(vmf);

	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		return ret;
	if (!vmf->page)
		return VM_FAULT_SIGBUS;
	if (ret & VM_FAULT_LOCKED)
		unlock_page(vmf->page);
	return ret & ~VM_FAULT_LOCKED;
}

/*
 * Map the page ->fault found (the file's own page), read-only or shared
 * writable; ->fault's reference becomes the PTE's (dropped if another
 * thread mapped the address first).
 */
static void map_fault_page(struct vm_fault *vmf, bool write)
{
	struct vm_area_struct *vma = vmf->vma;
	pte_t entry = mk_pte(vmf->page, vma->vm_page_prot);

	if (write)
		entry = pte_mkwrite(pte_mkdirty(entry));
	if (!pte_install(vmf, entry)) {
		put_page(vmf->page);
		return;
	}
	page_dup_rmap(vmf->page);
	inc_mm_counter(vma->vm_mm, mm_counter(vmf->page));
}

/* ---- fault-around (Linux's do_fault_around and fault_around_bytes) ---- */

/* How much of a file a read fault maps from the cache: a power of two, PAGE_SIZE is off. */
static unsigned long fault_around_bytes = 64 * 1024;

/* "fault_around_bytes=N" (K/M suffixes): rounded down to a power of two, at most one pte table. */
static int fault_around_setup(char *val)
{
	unsigned long v = memparse(val, NULL), bytes = PAGE_SIZE;

	if (v > PMD_SIZE)
		return -EINVAL;
	while (bytes * 2 <= v)
		bytes *= 2;
	fault_around_bytes = bytes;
	return 0;
}
__setup("fault_around_bytes=", fault_around_setup);

/* See linux/mm_vma.h. Called from ->map_pages, under the caller's mmap_sem. */
bool do_set_pte(struct vm_fault *vmf, struct page *page, unsigned long addr)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	pte_t *pte = vmf->pte + ((long)addr - (long)vmf->address) / (long)PAGE_SIZE;
	unsigned long flags;
	bool none;

	spin_lock_irqsave(&mm->page_table_lock, flags);
	none = pte_none(READ_ONCE(*pte));
	if (none)
		set_pte_at(mm, addr, pte, mk_pte(page, vma->vm_page_prot));
	spin_unlock_irqrestore(&mm->page_table_lock, flags);
	if (!none)
		return false;
	update_mmu_cache(vma, addr, pte);
	page_dup_rmap(page);
	inc_mm_counter(mm, mm_counter(page));
	return true;
}

/*
 * Before ->fault, let ->map_pages map what the cache already holds of the
 * fault_around_bytes-aligned block around the fault, clipped to the VMA
 * and to the pte table of vmf->pte (no other table is made). The
 * faulting page is among them if it is cached and ready.
 */
static void do_fault_around(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long addr = vmf->address;
	unsigned long block = ALIGN_DOWN(addr, fault_around_bytes);
	unsigned long table = ALIGN_DOWN(addr, PMD_SIZE);
	unsigned long start = max(max(block, table), vma->vm_start);
	unsigned long end = min(min(block + fault_around_bytes, table + PMD_SIZE), vma->vm_end);
	pgoff_t start_pgoff = vmf->pgoff - ((addr - start) >> PAGE_SHIFT);

	vma->vm_ops->map_pages(vmf, start_pgoff,
			       start_pgoff + ((end - start) >> PAGE_SHIFT) - 1);
}

/*
 * A read of a file page: fault-around first if the VMA has ->map_pages;
 * if that did not map the faulting page, ->fault brings it, mapped as the
 * VMA's permissions say (read-only if private or write-notified).
 */
static int do_read_fault(struct vm_fault *vmf)
{
	int ret;

	if (vmf->vma->vm_ops->map_pages && fault_around_bytes > PAGE_SIZE) {
		do_fault_around(vmf);
		if (!pte_none(READ_ONCE(*vmf->pte)))
			return 0;
	}
	ret = __do_fault(vmf);

	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		return ret;
	map_fault_page(vmf, false);	/* ->fault's reference is the PTE's now */
	return ret;
}

/* A write to a private file mapping: a private anonymous copy of the file's page. */
static int do_cow_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *new;
	int ret;

	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	new = alloc_page(GFP_HIGHUSER_MOVABLE);
	if (!new)
		return VM_FAULT_OOM;
	ret = __do_fault(vmf);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE)) {
		put_page(new);
		return ret;
	}
	copy_user_highpage(new, vmf->page, vmf->address, vma);
	put_page(vmf->page);
	if (!pte_install(vmf, pte_mkwrite(pte_mkdirty(mk_pte(new, vma->vm_page_prot))))) {
		put_page(new);
		return ret;
	}
	page_add_new_anon_rmap(new, vma, vmf->address);
	lru_cache_add_active_or_unevictable(new, vma);
	inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
	return ret;
}

/*
 * Tell the file system that vmf->page (a reference held, unlocked) is
 * about to be written through a shared mapping (->page_mkwrite). 0, or
 * VM_FAULT_* error bits with the reference dropped. The page comes back
 * unlocked.
 */
static int do_page_mkwrite(struct vm_fault *vmf)
{
	int ret;

	vmf->flags |= FAULT_FLAG_MKWRITE;
	ret = vmf->vma->vm_ops->page_mkwrite(vmf);
	vmf->flags &= ~FAULT_FLAG_MKWRITE;
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE)) {
		if (ret & VM_FAULT_LOCKED)
			unlock_page(vmf->page);
		put_page(vmf->page);
		return ret;
	}
	if (ret & VM_FAULT_LOCKED)
		unlock_page(vmf->page);
	return 0;
}

/*
 * A write to a shared file mapping: the file's page, after ->page_mkwrite
 * (if any), writable and dirty, so write-back will write it.
 */
static int do_shared_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	int ret = __do_fault(vmf), tmp;

	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		return ret;
	if (vma->vm_ops->page_mkwrite) {
		tmp = do_page_mkwrite(vmf);
		if (tmp)
			return tmp;
	}
	map_fault_page(vmf, true);
	set_page_dirty(vmf->page);
	return ret;
}

/* No PTE in a file VMA: its ->fault decides (file mmap comes later: SIGBUS). */
static int do_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	if (!vma->vm_ops || !vma->vm_ops->fault)
		return VM_FAULT_SIGBUS;
	if (!(vmf->flags & FAULT_FLAG_WRITE))
		return do_read_fault(vmf);
	if (!(vma->vm_flags & VM_SHARED))
		return do_cow_fault(vmf);
	return do_shared_fault(vmf);
}

/* The only mapping of the page, or a shared one: make the PTE writable in place. */
static int wp_page_reuse(struct vm_fault *vmf)
{
	pte_t entry = pte_mkwrite(pte_mkdirty(pte_mkyoung(vmf->orig_pte)));

	count_vm_event(COW_REUSE);
	if (ptep_set_access_flags(vmf->vma, vmf->address, vmf->pte, entry, 1))
		update_mmu_cache(vmf->vma, vmf->address, vmf->pte);
	return 0;
}

/*
 * A write to a read-only PTE of a shared file mapping (write-notify:
 * vma_set_page_prot left W out): ->page_mkwrite, then the PTE becomes
 * writable and the page dirty, so write-back sees it.
 */
static int wp_page_shared(struct vm_fault *vmf, struct page *page)
{
	struct vm_area_struct *vma = vmf->vma;
	int ret;

	if (vma->vm_ops && vma->vm_ops->page_mkwrite) {
		get_page(page);
		vmf->page = page;
		ret = do_page_mkwrite(vmf);
		if (ret)
			return ret;
		put_page(page);
	}
	wp_page_reuse(vmf);
	set_page_dirty(page);
	return 0;
}

/* Fill @dst for a COW break of @src (NULL: no struct page, start from zeroes). */
static void cow_user_page(struct page *dst, struct page *src, unsigned long va,
			  struct vm_area_struct *vma)
{
	if (!src)
		clear_highpage(dst);
	else
		copy_user_highpage(dst, src, va, vma);
}

/*
 * Break COW: a new private page (zeroed if the PTE mapped the zero page,
 * else a copy of @old) replaces the PTE's frame, writable; @old loses
 * this mapping and its reference.
 */
static int wp_page_copy(struct vm_fault *vmf, struct page *old)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *new;

	if (is_zero_pfn(pte_pfn(vmf->orig_pte))) {
		new = alloc_zeroed_user_highpage_movable(vma, vmf->address);
	} else {
		new = alloc_page(GFP_HIGHUSER_MOVABLE);
		if (new)
			cow_user_page(new, old, vmf->address, vma);
	}
	if (!new)
		return VM_FAULT_OOM;
	if (!pte_install(vmf, pte_mkwrite(pte_mkdirty(mk_pte(new, vma->vm_page_prot))))) {
		put_page(new);
		return 0;
	}
	count_vm_event(COW_FAULT);
	page_add_new_anon_rmap(new, vma, vmf->address);
	lru_cache_add_active_or_unevictable(new, vma);
	inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
	if (old) {
		dec_mm_counter(vma->vm_mm, mm_counter(old));
		page_remove_rmap(old);
		put_user_page(old);
	}
	return 0;
}

/*
 * A write to a present read-only PTE of a writable VMA. An anonymous page
 * mapped once, or a page of a shared mapping: reuse it. The zero page or
 * a page mapped more than once (fork): copy it.
 */
static int do_wp_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *old = vm_normal_page(vma, vmf->address, vmf->orig_pte);

	if (old && PageAnon(old) && page_mapcount(old) == 1)
		return wp_page_reuse(vmf);
	if (old && !PageAnon(old) && (vma->vm_flags & VM_SHARED))
		return wp_page_shared(vmf, old);
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	return wp_page_copy(vmf, old);
}

/*
 * The PTE level: no PTE -> anonymous or file fault; a write to a
 * read-only one -> do_wp_page; else only A (or D) was missing (the U74
 * faults for them) or the TLB was stale: set them, or flush.
 */
static int handle_pte_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	pte_t entry = READ_ONCE(*vmf->pte);

	vmf->orig_pte = entry;
	if (pte_none(entry))
		return vma->vm_ops || vma->vm_file ? do_fault(vmf) : do_anonymous_page(vmf);
	if (!pte_present(entry))
		return VM_FAULT_SIGSEGV;	/* PROT_NONE (access_error stops it first) */
	if (vmf->flags & FAULT_FLAG_WRITE) {
		if (!pte_write(entry))
			return do_wp_page(vmf);
		entry = pte_mkdirty(entry);
	}
	entry = pte_mkyoung(entry);
	if (ptep_set_access_flags(vma, vmf->address, vmf->pte, entry,
				  vmf->flags & FAULT_FLAG_WRITE))
		update_mmu_cache(vma, vmf->address, vmf->pte);
	else
		flush_tlb_fix_spurious_fault(vma, vmf->address);
	return 0;
}

/* Make the page-table levels down to the PTE for @address, then handle_pte_fault. */
static int __handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			     unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_fault vmf = {
		.vma = vma,
		.flags = flags,
		.address = address & PAGE_MASK,
		.pgoff = linear_page_index(vma, address),
	};
	pmd_t *pmd = pmd_alloc(mm, pgd_offset(mm, address), address);

	if (!pmd)
		return VM_FAULT_OOM;
	vmf.pte = pte_alloc_map(mm, pmd, address);
	if (!vmf.pte)
		return VM_FAULT_OOM;
	return handle_pte_fault(&vmf);
}

/*
 * Resolve a fault at @address in @vma (the caller checked the access
 * against vm_flags): 0 or VM_FAULT_* bits (OOM, SIGBUS, SIGSEGV, MAJOR).
 * Counts PGFAULT. May sleep; the caller holds mmap_sem.
 */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
		    unsigned int flags)
{
	count_vm_event(PGFAULT);
	return __handle_mm_fault(vma, address, flags);
}

/* ---- munmap, mprotect, exit: zap, protect, free tables ---- */

/*
 * Clear one PTE and drop its page's mapping and reference. A file page
 * written through it (D set: the hardware's, or do_shared_fault's) gets
 * PG_dirty now, so the write reaches the file.
 */
static int zap_pte(struct mm_struct *mm, unsigned long addr, pte_t *pte, void *arg)
{
	pte_t old = ptep_get_and_clear(mm, addr, pte);
	struct page *page = vm_normal_page(NULL, addr, old);

	if (page) {
		if (!PageAnon(page) && pte_dirty(old))
			set_page_dirty(page);
		dec_mm_counter(mm, mm_counter(page));
		page_remove_rmap(page);
		put_user_page(page);
	}
	return 0;
}

/*
 * Drop every PTE of [start, end) and the pages' mappings and references
 * (put_user_page), then flush the range. One hart: nothing reads through the stale entries
 * before that flush (SMP will need Linux's mmu_gather: flush, then free).
 */
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	lru_add_drain();	/* so the last reference is a mapping's, not the pagevec's */
	walk_ptes(mm, start, end, zap_pte, NULL);
	flush_tlb_mm_range(mm, start, end);
}

struct protect_args {
	unsigned long newprot;
	bool writable;		/* the VMA has VM_WRITE */
};

static int protect_pte(struct mm_struct *mm, unsigned long addr, pte_t *pte, void *arg)
{
	struct protect_args *p = arg;
	pte_t old = READ_ONCE(*pte), new = pte_modify(old, p->newprot);

	if (pte_write(old) && p->writable && p->newprot != PAGE_NONE)
		new = pte_mkwrite(new);		/* exclusively owned: stays writable */
	set_pte_at(mm, addr, pte, new);
	return 0;
}

/*
 * mprotect's page-table half: give the PTEs of [start, end) @newprot.
 * Private writable VMAs' newprot has no W (protection_map), so COW-shared
 * pages and the zero page stay read-only; a PTE already writable (the
 * page is this mm's alone) stays so while the VMA keeps VM_WRITE.
 */
void change_protection(struct mm_struct *mm, unsigned long start,
		       unsigned long end, unsigned long newprot)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	struct protect_args args = {
		.newprot = newprot,
		.writable = vma && (vma->vm_flags & VM_WRITE),
	};

	walk_ptes(mm, start, end, protect_pte, &args);
	flush_tlb_mm_range(mm, start, end);
}

static bool table_empty(const pte_t *table)
{
	for (unsigned int i = 0; i < PTRS_PER_PTE; i++)
		if (table[i])
			return false;
	return true;
}

/* Clear the entry @e pointing at @table, fence, free the table. */
static void free_table(struct mm_struct *mm, pte_t *e, pte_t *table)
{
	WRITE_ONCE(*e, 0);
	local_flush_tlb_all();	/* non-leaf entries: an address fence misses them */
	pte_free(mm, table);
}

/* The pte tables under pmd table entry @pgd in [start, end) that hold nothing. */
static void free_pte_tables(struct mm_struct *mm, pgd_t *pgd, unsigned long start,
			    unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr = block_end(addr, end, PMD_SIZE)) {
		pmd_t *pmd = pmd_offset(pgd, addr);

		if (!pmd_none(*pmd) && table_empty(pte_table_va(*pmd)))
			free_table(mm, pmd, pte_table_va(*pmd));
	}
}

/*
 * Free the page tables of [start, end) that map nothing any more (after
 * zap_page_range): empty pte tables, then pmd tables left empty. A table
 * also covering a live VMA is kept unless it is empty too (then it is
 * simply made again on the next fault).
 */
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long addr, next;

	end = min(end, TASK_SIZE);
	for (addr = start; addr < end; addr = next) {
		pgd_t *pgd = pgd_offset(mm, addr);

		next = block_end(addr, end, PGDIR_SIZE);
		if (pgd_none(*pgd))
			continue;
		free_pte_tables(mm, pgd, addr, next);
		if (table_empty(pte_table_va(*pgd)))
			free_table(mm, pgd, pte_table_va(*pgd));
	}
}

/* mm->unmap_range: Linux's unmap_region, without the neighbours' bounds. */
static void unmap_region(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	zap_page_range(mm, start, end);
	free_pgtables(mm, start, end);
}

/* ---- fork ---- */

struct copy_args {
	struct mm_struct *dst_mm;
	struct vm_area_struct *vma;
	bool cow;		/* private mapping: write-protect both sides */
	bool wrprotected;	/* some source PTE lost W: flush it */
};

static int copy_one_pte(struct mm_struct *src_mm, unsigned long addr, pte_t *src,
			void *arg)
{
	struct copy_args *c = arg;
	pmd_t *pmd = pmd_alloc(c->dst_mm, pgd_offset(c->dst_mm, addr), addr);
	pte_t *dst = pmd ? pte_alloc_map(c->dst_mm, pmd, addr) : NULL;
	pte_t entry = READ_ONCE(*src);
	struct page *page;

	if (!dst)
		return -ENOMEM;
	if (c->cow && pte_write(entry)) {
		entry = pte_wrprotect(entry);
		set_pte_at(src_mm, addr, src, entry);
		c->wrprotected = true;
	}
	page = vm_normal_page(c->vma, addr, entry);
	if (page) {
		get_page(page);
		page_dup_rmap(page);
		inc_mm_counter(c->dst_mm, mm_counter(page));
	}
	set_pte_at(c->dst_mm, addr, dst, entry);
	return 0;
}

/*
 * fork: copy @vma's PTEs from @src_mm into @dst_mm (which has the same
 * VMA). Private pages are shared read-only by both until one writes (COW:
 * each mapping holds a reference and a mapcount); shared mappings stay
 * writable in both. 0 or -ENOMEM (what was copied stays; exit_mmap frees it).
 */
int copy_page_range(struct mm_struct *dst_mm, struct mm_struct *src_mm,
		    struct vm_area_struct *vma)
{
	struct copy_args c = {
		.dst_mm = dst_mm,
		.vma = vma,
		.cow = !(vma->vm_flags & VM_SHARED),
	};
	int err = walk_ptes(src_mm, vma->vm_start, vma->vm_end, copy_one_pte, &c);

	if (c.wrprotected)
		flush_tlb_mm_range(src_mm, vma->vm_start, vma->vm_end);
	return err;
}

/* ---- an mm's page table ---- */

/* See linux/mm_vma.h. May sleep. */
int mm_alloc_pgd(struct mm_struct *mm)
{
	pgd_t *pgd = pgd_alloc(mm);

	if (!pgd)
		return -ENOMEM;
	mm->pgd = pgd;
	mm->unmap_range = unmap_region;
	mm->protect_range = change_protection;
	return 0;
}

/* Free @mm's top-level table; exit_mmap must have emptied its user half. */
void mm_free_pgd(struct mm_struct *mm)
{
	pgd_free(mm, (pgd_t *)mm->pgd);
	mm->pgd = NULL;
}

/* ---- madvise, msync, mincore, mremap ---- */

/* See linux/mm_vma.h. The caller holds mmap_sem for write. */
void zap_vma_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	zap_page_range(vma->vm_mm, max(start, vma->vm_start), min(end, vma->vm_end));
}

static int sync_pte(struct mm_struct *mm, unsigned long addr, pte_t *pte, void *arg)
{
	pte_t old = READ_ONCE(*pte);
	struct page *page = vm_normal_page(NULL, addr, old);

	if (!page || PageAnon(page) || !pte_dirty(old))
		return 0;
	/* clean and read-only again: the next write faults and dirties the page anew */
	set_pte_at(mm, addr, pte, pte_wrprotect(old) & ~_PAGE_DIRTY);
	flush_tlb_page(arg, addr);
	set_page_dirty(page);
	return 0;
}

/* See linux/mm_vma.h: dirty PTEs of a shared file VMA become dirty pages. */
void sync_vma_dirty(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	if (!(vma->vm_flags & VM_SHARED) || !vma->vm_file)
		return;
	walk_ptes(vma->vm_mm, max(start, vma->vm_start), min(end, vma->vm_end), sync_pte, vma);
}

/* See linux/mm_vma.h. A zero-page PTE counts as resident, as in Linux. */
bool mincore_page(struct vm_area_struct *vma, unsigned long addr)
{
	pte_t *pte = follow_pte(vma->vm_mm, addr);
	struct page *page;

	if (pte && pte_present(*pte))
		return true;
	if (!vma->vm_file || !vma->vm_file->f_mapping)
		return false;
	page = find_get_page(vma->vm_file->f_mapping, linear_page_index(vma, addr));
	if (!page)
		return false;
	put_page(page);
	return true;
}

/*
 * See linux/mm_vma.h. PTE by PTE (the ranges may overlap, as mremap's
 * shrinking moves do not): each entry leaves its old slot, fenced,
 * before it is stored in the new one; page->index of an anonymous page
 * follows its address.
 */
int move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
		     struct vm_area_struct *new_vma, unsigned long new_addr,
		     unsigned long len)
{
	struct mm_struct *mm = vma->vm_mm;

	for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
		pte_t *src = follow_pte(mm, old_addr + off), *dst, entry;
		pmd_t *pmd;
		struct page *page;

		if (!src || pte_none(*src))
			continue;
		pmd = pmd_alloc(mm, pgd_offset(mm, new_addr + off), new_addr + off);
		dst = pmd ? pte_alloc_map(mm, pmd, new_addr + off) : NULL;
		if (!dst)
			return -ENOMEM;
		entry = ptep_get_and_clear(mm, old_addr + off, src);
		flush_tlb_page(vma, old_addr + off);
		page = vm_normal_page(vma, old_addr + off, entry);
		if (page && PageAnon(page))
			page->index = linear_page_index(new_vma, new_addr + off);
		set_pte_at(mm, new_addr + off, dst, entry);
	}
	return 0;
}

/* ---- reverse-map helpers for mm/rmap.c (the caller holds the mm's mmap_sem) ---- */

/*
 * Unmap @page from @vma at @addr if that PTE maps it: its dirty bit goes
 * to the page, the mapping's reference and count go. True if it did.
 */
bool unmap_file_pte(struct vm_area_struct *vma, unsigned long addr, struct page *page)
{
	pte_t *pte = follow_pte(vma->vm_mm, addr);

	if (!pte || pte_none(*pte) || pte_pfn(*pte) != page_to_pfn(page) || pte_special(*pte))
		return false;
	zap_pte(vma->vm_mm, addr, pte, NULL);
	flush_tlb_page(vma, addr);
	return true;
}

/* Write-protect and clean @vma's PTE at @addr if it maps @page; 1 if it was dirty. */
int mkclean_file_pte(struct vm_area_struct *vma, unsigned long addr, struct page *page)
{
	pte_t *pte = follow_pte(vma->vm_mm, addr), old;

	if (!pte || pte_none(*pte) || pte_pfn(*pte) != page_to_pfn(page))
		return 0;
	old = READ_ONCE(*pte);
	if (!pte_write(old) && !pte_dirty(old))
		return 0;
	set_pte_at(vma->vm_mm, addr, pte, pte_wrprotect(old) & ~_PAGE_DIRTY);
	flush_tlb_page(vma, addr);
	return pte_dirty(old) ? 1 : 0;
}
