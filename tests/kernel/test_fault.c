/*
 * In-kernel tests of user page tables, uaccess and the fault path
 * (ktest=fault; docs/mm.md "Faults and user memory"): the test thread
 * builds an mm, switch_mm's to it and reaches user addresses only through
 * copy_to_user & co., so every first touch is a real page fault taken in
 * the kernel with SUM set. No user mode is involved.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/highmem.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/sched.h>
#include <asm/mmu_context.h>
#include <asm/pgalloc.h>
#include <asm/uaccess.h>

#define NPAGES	8

static struct mm_struct kernel_mm = { .pgd = swapper_pg_dir };

/* A fresh address space with its page table, loaded on this hart; 0 or -ENOMEM. */
static int fault_mm_init(struct mm_struct *mm)
{
	memset(mm, 0, sizeof(*mm));
	mm->mm_rb = RB_ROOT;
	init_rwsem(&mm->mmap_sem);	/* the fault path takes it */
	spin_lock_init(&mm->page_table_lock);
	mm->task_size = TASK_SIZE;
	mm->mmap_base = TASK_SIZE / 2;
	return mm_alloc_pgd(mm);
}

/* Back to swapper_pg_dir, then free everything @mm has, page tables included. */
static void fault_mm_exit(struct mm_struct *mm)
{
	switch_mm(mm, &kernel_mm, current);
	exit_mmap(mm);
	mm_free_pgd(mm);
	lru_add_drain();	/* the freed pages back in the buddy lists, */
	drain_all_pages(NULL);	/* so later tests count them as free */
}

/* An anonymous private mapping of @pages pages with @prot; the address or 0. */
static unsigned long map_anon(struct mm_struct *mm, unsigned long pages, unsigned long prot)
{
	unsigned long addr = do_mmap(mm, NULL, 0, pages * PAGE_SIZE, prot,
				     MAP_PRIVATE | MAP_ANONYMOUS, 0);

	return IS_ERR_VALUE(addr) ? 0 : addr;
}

static unsigned long nr_anon(void)
{
	return global_zone_page_state(NR_ANON_PAGES);
}

static unsigned long nr_faults(void)
{
	return all_vm_events(PGFAULT);
}

/* The PTE for @addr in @mm (0 if none). */
static pte_t pte_of(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = follow_pte(mm, addr);

	return pte ? *pte : 0;
}

/* The page @addr maps in @mm, or NULL. */
static struct page *page_of(struct mm_struct *mm, unsigned long addr)
{
	pte_t pte = pte_of(mm, addr);

	return pte_none(pte) ? NULL : vm_normal_page(NULL, addr, pte);
}

/* Each first write costs one fault and one (highmem) page; a second write none. */
KTEST(fault_anon_write)
{
	struct mm_struct mm;
	unsigned long addr, f0, a0;
	char buf[16] = "rivet-fault", back[16];
	bool highmem = nr_free_highpages() > 64;

	if (!KT_EXPECT(fault_mm_init(&mm) == 0))
		return;
	addr = map_anon(&mm, NPAGES, PROT_READ | PROT_WRITE);
	if (!KT_EXPECT(addr))
		goto out;
	switch_mm(&kernel_mm, &mm, current);
	for (int i = 0; i < NPAGES; i++) {
		unsigned long a = addr + i * PAGE_SIZE + 100;

		f0 = nr_faults(), a0 = nr_anon();
		KT_EXPECT(copy_to_user((void __user *)a, buf, sizeof(buf)) == 0);
		KT_EXPECT_MSG(nr_faults() - f0 == 1, "page %d: %lu faults", i, nr_faults() - f0);
		KT_EXPECT_MSG(nr_anon() - a0 == 1, "page %d: %lu anon pages", i, nr_anon() - a0);
		KT_EXPECT(copy_to_user((void __user *)a, buf, sizeof(buf)) == 0);
		KT_EXPECT(nr_faults() - f0 == 1 && nr_anon() - a0 == 1);
		KT_EXPECT(copy_from_user(back, (void __user *)a, sizeof(back)) == 0);
		KT_EXPECT(!memcmp(back, buf, sizeof(buf)));
		KT_EXPECT(pte_write(pte_of(&mm, a)) && pte_dirty(pte_of(&mm, a)));
		if (highmem)
			KT_EXPECT(page_of(&mm, a) && PageHighMem(page_of(&mm, a)));
	}
out:
	fault_mm_exit(&mm);
}

/* Reads of untouched pages: zeroes from the zero page, nothing allocated; a write breaks COW. */
KTEST(fault_zero_page)
{
	struct mm_struct mm;
	static char buf[4 * PAGE_SIZE];
	unsigned long addr, f0, a0;
	bool zeroes = true;
	char c = 'w';

	if (!KT_EXPECT(fault_mm_init(&mm) == 0))
		return;
	addr = map_anon(&mm, 4, PROT_READ | PROT_WRITE);
	if (!KT_EXPECT(addr))
		goto out;
	switch_mm(&kernel_mm, &mm, current);
	memset(buf, 0xaa, sizeof(buf));
	f0 = nr_faults(), a0 = nr_anon();
	KT_EXPECT(copy_from_user(buf, (void __user *)addr, sizeof(buf)) == 0);
	for (unsigned long i = 0; i < sizeof(buf); i++)
		zeroes &= buf[i] == 0;
	KT_EXPECT(zeroes);
	KT_EXPECT_MSG(nr_faults() - f0 == 4, "%lu faults for 4 pages", nr_faults() - f0);
	KT_EXPECT(nr_anon() == a0);
	for (int i = 0; i < 4; i++) {
		pte_t pte = pte_of(&mm, addr + i * PAGE_SIZE);

		KT_EXPECT(pte_pfn(pte) == my_zero_pfn(addr) && !pte_write(pte) && pte_special(pte));
	}
	f0 = nr_faults();
	KT_EXPECT(copy_to_user((void __user *)(addr + PAGE_SIZE + 7), &c, 1) == 0);
	KT_EXPECT(nr_faults() - f0 == 1 && nr_anon() - a0 == 1);
	KT_EXPECT(pte_pfn(pte_of(&mm, addr + PAGE_SIZE)) != my_zero_pfn(addr));
	KT_EXPECT(pte_pfn(pte_of(&mm, addr)) == my_zero_pfn(addr));
	KT_EXPECT(copy_from_user(buf, (void __user *)(addr + PAGE_SIZE), PAGE_SIZE) == 0);
	KT_EXPECT(buf[7] == 'w' && buf[0] == 0 && buf[PAGE_SIZE - 1] == 0);
	KT_EXPECT(((unsigned long *)empty_zero_page)[0] == 0);
out:
	fault_mm_exit(&mm);
}

/* No VMA, a read-only VMA, a VMA's end, kernel addresses: bytes not copied, no crash. */
KTEST(fault_efault)
{
	struct mm_struct mm;
	char buf[64], back[64];
	unsigned long rw, ro;

	memset(buf, 'x', sizeof(buf));
	if (!KT_EXPECT(fault_mm_init(&mm) == 0))
		return;
	rw = map_anon(&mm, 2, PROT_READ | PROT_WRITE);
	ro = map_anon(&mm, 1, PROT_READ);
	if (!KT_EXPECT(rw && ro) || !KT_EXPECT(do_munmap(&mm, rw + PAGE_SIZE, PAGE_SIZE) == 0))
		goto out;
	switch_mm(&kernel_mm, &mm, current);
	KT_EXPECT(copy_to_user((void __user *)(rw + PAGE_SIZE), buf, 30) == 30);
	KT_EXPECT(copy_to_user((void __user *)0x1000, buf, 30) == 30);
	KT_EXPECT(copy_to_user((void __user *)ro, buf, 30) == 30);
	KT_EXPECT(copy_from_user(back, (void __user *)ro, 30) == 0);	/* readable */
	KT_EXPECT_MSG(copy_to_user((void __user *)(rw + PAGE_SIZE - 10), buf, 30) == 20,
		      "straddling the VMA end");
	memset(back, 'y', sizeof(back));
	KT_EXPECT(copy_from_user(back, (void __user *)(rw + PAGE_SIZE - 10), 30) == 20);
	KT_EXPECT(back[9] == 'x' && back[10] == 0 && back[29] == 0 && back[30] == 'y');
	KT_EXPECT(clear_user((void __user *)(rw + PAGE_SIZE - 10), 30) == 20);
	KT_EXPECT(copy_from_user(back, (void __user *)(rw + PAGE_SIZE - 10), 10) == 0);
	KT_EXPECT(back[0] == 0 && back[9] == 0);
	/* access_ok: the kernel half and ranges running past TASK_SIZE. */
	KT_EXPECT(copy_to_user((void __user *)PAGE_OFFSET, buf, 8) == 8);
	KT_EXPECT(copy_from_user(back, (void __user *)&kernel_mm, 8) == 8);
	KT_EXPECT(copy_to_user((void __user *)(TASK_SIZE - 4), buf, 8) == 8);
	KT_EXPECT(!access_ok(TASK_SIZE - 4, 8) && access_ok(TASK_SIZE - 8, 8));
out:
	fault_mm_exit(&mm);
}

/* get_user/put_user of 1, 2, 4 and 8 bytes, signed, and their -EFAULT. */
KTEST(fault_get_put_user)
{
	struct mm_struct mm;
	unsigned long addr;
	u8 b = 0; u16 h = 0; u32 w = 0; u64 d = 0; int s = 0;

	if (!KT_EXPECT(fault_mm_init(&mm) == 0))
		return;
	addr = map_anon(&mm, 1, PROT_READ | PROT_WRITE);
	if (!KT_EXPECT(addr))
		goto out;
	switch_mm(&kernel_mm, &mm, current);
	KT_EXPECT(put_user((u8)0xab, (u8 __user *)addr) == 0);
	KT_EXPECT(put_user((u16)0xbeef, (u16 __user *)(addr + 2)) == 0);
	KT_EXPECT(put_user(0xdeadbeefU, (u32 __user *)(addr + 4)) == 0);
	KT_EXPECT(put_user(0x0123456789abcdefULL, (u64 __user *)(addr + 8)) == 0);
	KT_EXPECT(put_user(-5, (int __user *)(addr + 16)) == 0);
	KT_EXPECT(get_user(b, (u8 __user *)addr) == 0 && b == 0xab);
	KT_EXPECT(get_user(h, (u16 __user *)(addr + 2)) == 0 && h == 0xbeef);
	KT_EXPECT(get_user(w, (u32 __user *)(addr + 4)) == 0 && w == 0xdeadbeefU);
	KT_EXPECT(get_user(d, (u64 __user *)(addr + 8)) == 0 && d == 0x0123456789abcdefULL);
	KT_EXPECT(get_user(s, (int __user *)(addr + 16)) == 0 && s == -5);
	KT_EXPECT(get_user(b, (u8 __user *)(addr + 1)) == 0 && b == 0);
	d = 1;
	KT_EXPECT(get_user(d, (u64 __user *)(addr + PAGE_SIZE)) == -EFAULT && d == 0);
	KT_EXPECT(put_user(1, (u32 __user *)(addr + PAGE_SIZE)) == -EFAULT);
	KT_EXPECT(get_user(w, (u32 __user *)PAGE_OFFSET) == -EFAULT);
	KT_EXPECT(do_mprotect(&mm, addr, PAGE_SIZE, PROT_READ) == 0);
	KT_EXPECT(put_user((u16)1, (u16 __user *)addr) == -EFAULT);
	KT_EXPECT(get_user(h, (u16 __user *)(addr + 2)) == 0 && h == 0xbeef);
out:
	fault_mm_exit(&mm);
}

/* strncpy_from_user across a page boundary and up to a VMA's end. */
KTEST(fault_strncpy_from_user)
{
	struct mm_struct mm;
	unsigned long addr, end;
	char dst[32];

	if (!KT_EXPECT(fault_mm_init(&mm) == 0))
		return;
	addr = map_anon(&mm, 2, PROT_READ | PROT_WRITE);
	if (!KT_EXPECT(addr))
		goto out;
	end = addr + 2 * PAGE_SIZE;
	switch_mm(&kernel_mm, &mm, current);
	KT_EXPECT(copy_to_user((void __user *)(addr + PAGE_SIZE - 3), "abcdefg", 8) == 0);
	KT_EXPECT(strncpy_from_user(dst, (const char __user *)(addr + PAGE_SIZE - 3),
				    sizeof(dst)) == 7);
	KT_EXPECT(!strcmp(dst, "abcdefg"));
	KT_EXPECT(strncpy_from_user(dst, (const char __user *)(addr + PAGE_SIZE - 3), 4) == 4);
	KT_EXPECT(copy_to_user((void __user *)(end - 5), "xxxxx", 5) == 0);
	KT_EXPECT(strncpy_from_user(dst, (const char __user *)(end - 5), sizeof(dst)) == -EFAULT);
	KT_EXPECT(strncpy_from_user(dst, (const char __user *)(end - 5), 5) == 5);
	KT_EXPECT(strncpy_from_user(dst, (const char __user *)end, 5) == -EFAULT);
	KT_EXPECT(strncpy_from_user(dst, (const char __user *)(TASK_SIZE - 2), 5) == -EFAULT);
out:
	fault_mm_exit(&mm);
}

/* fork's half: copy the VMA and its PTEs from @src into @dst. 0 or an error. */
static int fork_vma(struct mm_struct *dst, struct mm_struct *src, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(src, addr), *copy = vm_area_dup(vma);

	if (!copy)
		return -ENOMEM;
	copy->vm_mm = dst;
	if (insert_vm_struct(dst, copy)) {
		vm_area_free(copy);
		return -ENOMEM;
	}
	dst->total_vm += vma_pages(copy);
	return copy_page_range(dst, src, vma);
}

/* Write @c at @addr of @mm (loading it) and return the fault count it cost. */
static unsigned long write_in(struct mm_struct *mm, unsigned long addr, char c)
{
	unsigned long f0 = nr_faults();

	switch_mm(NULL, mm, current);
	KT_EXPECT(copy_to_user((void __user *)addr, &c, 1) == 0);
	return nr_faults() - f0;
}

static char read_in(struct mm_struct *mm, unsigned long addr)
{
	char c = 0;

	switch_mm(NULL, mm, current);
	KT_EXPECT(copy_from_user(&c, (void __user *)addr, 1) == 0);
	return c;
}

/*
 * copy_page_range: both see the parent's data, read-only, one page with
 * mapcount and refcount 2; each write costs one fault and shows only in
 * the writer's mm; the last writer of a page reuses it.
 */
KTEST(fault_cow_fork)
{
	struct mm_struct parent, child;
	unsigned long addr, a0 = nr_anon(), p1;
	struct page *page0;

	if (!KT_EXPECT(fault_mm_init(&parent) == 0))
		return;
	if (!KT_EXPECT(fault_mm_init(&child) == 0))
		goto out_parent;
	addr = map_anon(&parent, 2, PROT_READ | PROT_WRITE);
	if (!KT_EXPECT(addr))
		goto out;
	write_in(&parent, addr, 'P');
	write_in(&parent, addr + PAGE_SIZE, 'Q');
	switch_mm(NULL, &kernel_mm, current);
	if (!KT_EXPECT(fork_vma(&child, &parent, addr) == 0))
		goto out;
	lru_add_drain();
	page0 = page_of(&parent, addr);
	KT_EXPECT(page0 && page0 == page_of(&child, addr));
	KT_EXPECT(page_mapcount(page0) == 2 && page_count(page0) == 2);
	KT_EXPECT(!pte_write(pte_of(&parent, addr)) && !pte_write(pte_of(&child, addr)));
	KT_EXPECT(nr_anon() - a0 == 2);
	KT_EXPECT(read_in(&child, addr) == 'P' && read_in(&child, addr + PAGE_SIZE) == 'Q');

	KT_EXPECT(write_in(&child, addr, 'C') == 1);		/* child copies */
	lru_add_drain();
	KT_EXPECT(page_of(&child, addr) != page0 && page_of(&parent, addr) == page0);
	KT_EXPECT(page_mapcount(page0) == 1 && page_count(page0) == 1);
	KT_EXPECT(nr_anon() - a0 == 3);
	KT_EXPECT(write_in(&parent, addr, 'R') == 1);		/* parent reuses */
	KT_EXPECT(page_of(&parent, addr) == page0 && nr_anon() - a0 == 3);
	KT_EXPECT(read_in(&parent, addr) == 'R' && read_in(&child, addr) == 'C');

	p1 = page_to_pfn(page_of(&child, addr + PAGE_SIZE));
	KT_EXPECT(write_in(&parent, addr + PAGE_SIZE, 'S') == 1);	/* parent copies */
	KT_EXPECT(write_in(&child, addr + PAGE_SIZE, 'T') == 1);	/* child reuses */
	KT_EXPECT(page_to_pfn(page_of(&child, addr + PAGE_SIZE)) == p1);
	KT_EXPECT(read_in(&parent, addr + PAGE_SIZE) == 'S');
	KT_EXPECT(read_in(&child, addr + PAGE_SIZE) == 'T');
	KT_EXPECT(nr_anon() - a0 == 4);
out:
	fault_mm_exit(&child);
out_parent:
	fault_mm_exit(&parent);
	KT_EXPECT_MSG(nr_anon() == a0, "%ld anon pages left", (long)(nr_anon() - a0));
}

/* do_munmap of the middle frees exactly those pages; the rest stay mapped. */
KTEST(fault_munmap_middle)
{
	struct mm_struct mm;
	struct page *pages[NPAGES];
	unsigned long addr, a0, free0;
	char c;

	if (!KT_EXPECT(fault_mm_init(&mm) == 0))
		return;
	addr = map_anon(&mm, NPAGES, PROT_READ | PROT_WRITE);
	if (!KT_EXPECT(addr))
		goto out;
	for (int i = 0; i < NPAGES; i++) {
		write_in(&mm, addr + i * PAGE_SIZE, 'a' + i);
		pages[i] = page_of(&mm, addr + i * PAGE_SIZE);
	}
	lru_add_drain();
	drain_all_pages(NULL);	/* pcp lists are not counted as free */
	a0 = nr_anon();
	free0 = nr_free_pages();
	KT_EXPECT(do_munmap(&mm, addr + 2 * PAGE_SIZE, 4 * PAGE_SIZE) == 0);
	lru_add_drain();
	drain_all_pages(NULL);
	KT_EXPECT_MSG(a0 - nr_anon() == 4, "%lu anon pages went", a0 - nr_anon());
	KT_EXPECT_MSG(nr_free_pages() >= free0 + 4, "free pages %lu -> %lu",
		      free0, nr_free_pages());
	for (int i = 2; i < 6; i++) {
		KT_EXPECT_MSG(page_count(pages[i]) == 0, "page %d count %d", i,
			      page_count(pages[i]));
		/* a page-cache page reusing the frame must not look anonymous */
		KT_EXPECT(!PageSwapBacked(pages[i]) && !PageLRU(pages[i]));
	}
	for (int i = 0; i < NPAGES; i++) {
		if (i >= 2 && i < 6) {
			KT_EXPECT(pte_none(pte_of(&mm, addr + i * PAGE_SIZE)));
			KT_EXPECT(copy_from_user(&c, (void __user *)(addr + i * PAGE_SIZE), 1) == 1);
			continue;
		}
		KT_EXPECT(page_of(&mm, addr + i * PAGE_SIZE) == pages[i]);
		KT_EXPECT(read_in(&mm, addr + i * PAGE_SIZE) == 'a' + i);
	}
out:
	fault_mm_exit(&mm);
}

/* exit_mmap frees every page and every pmd and pte table (NR_PAGETABLE back). */
KTEST(fault_exit_mmap)
{
	struct mm_struct mm;
	unsigned long pt0 = global_zone_page_state(NR_PAGETABLE), a0 = nr_anon();
	const unsigned long spots[] = { 0x10000000UL, 0x10200000UL, 0x2000000000UL };
	bool empty = true;

	if (!KT_EXPECT(fault_mm_init(&mm) == 0))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(spots); i++) {
		unsigned long a = do_mmap(&mm, NULL, spots[i], 2 * PAGE_SIZE,
					  PROT_READ | PROT_WRITE,
					  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);

		KT_EXPECT(a == spots[i]);
		write_in(&mm, a, 'e');
		write_in(&mm, a + PAGE_SIZE, 'f');
	}
	/* two pmd tables, three pte tables */
	KT_EXPECT_MSG(global_zone_page_state(NR_PAGETABLE) - pt0 == 5, "%lu tables",
		      global_zone_page_state(NR_PAGETABLE) - pt0);
	KT_EXPECT(nr_anon() - a0 == 6);
	switch_mm(NULL, &kernel_mm, current);
	exit_mmap(&mm);
	lru_add_drain();
	KT_EXPECT(mm.map_count == 0 && mm.mmap == NULL && mm.total_vm == 0);
	KT_EXPECT(nr_anon() == a0);
	KT_EXPECT_MSG(global_zone_page_state(NR_PAGETABLE) == pt0, "%ld tables left",
		      (long)(global_zone_page_state(NR_PAGETABLE) - pt0));
	for (unsigned int i = 0; i < KERNEL_PGD_START; i++)
		empty &= mm.pgd[i] == 0;
	KT_EXPECT(empty);
	mm_free_pgd(&mm);
}

/*
 * A fault that only needs A or D (what the U74 takes; QEMU sets them in
 * hardware): handle_mm_fault sets them in place, allocating nothing.
 */
KTEST(fault_access_flags)
{
	struct mm_struct mm;
	unsigned long addr, a0;
	pte_t *pte, before;
	struct vm_area_struct *vma;

	if (!KT_EXPECT(fault_mm_init(&mm) == 0))
		return;
	addr = map_anon(&mm, 1, PROT_READ | PROT_WRITE);
	if (!KT_EXPECT(addr))
		goto out;
	write_in(&mm, addr, 'a');
	pte = follow_pte(&mm, addr);
	vma = find_vma(&mm, addr);
	before = *pte;
	*pte = pte_mkold(before) & ~_PAGE_DIRTY;
	local_flush_tlb_page(addr);
	a0 = nr_anon();
	KT_EXPECT(handle_mm_fault(vma, addr, 0) == 0);
	KT_EXPECT(pte_young(*pte) && !pte_dirty(*pte));
	KT_EXPECT(handle_mm_fault(vma, addr, FAULT_FLAG_WRITE) == 0);
	KT_EXPECT(*pte == before && nr_anon() == a0);
	/* And through a real access (a hardware update on QEMU, a fault on the U74). */
	*pte = pte_mkold(before) & ~_PAGE_DIRTY;
	local_flush_tlb_page(addr);
	KT_EXPECT(write_in(&mm, addr, 'b') <= 1 && read_in(&mm, addr) == 'b');
	KT_EXPECT(pte_young(*pte) && pte_dirty(*pte) && nr_anon() == a0);
out:
	fault_mm_exit(&mm);
}

/* mprotect: read-only refuses writes; back to writable, the page is reused, not copied. */
KTEST(fault_mprotect)
{
	struct mm_struct mm;
	unsigned long addr;
	struct page *page;
	char c = 'z';

	if (!KT_EXPECT(fault_mm_init(&mm) == 0))
		return;
	addr = map_anon(&mm, 1, PROT_READ | PROT_WRITE);
	if (!KT_EXPECT(addr))
		goto out;
	write_in(&mm, addr, 'm');
	page = page_of(&mm, addr);
	KT_EXPECT(do_mprotect(&mm, addr, PAGE_SIZE, PROT_READ) == 0);
	KT_EXPECT(!pte_write(pte_of(&mm, addr)));
	KT_EXPECT(copy_to_user((void __user *)addr, &c, 1) == 1);
	KT_EXPECT(read_in(&mm, addr) == 'm');
	KT_EXPECT(do_mprotect(&mm, addr, PAGE_SIZE, PROT_NONE) == 0);
	KT_EXPECT(copy_from_user(&c, (void __user *)addr, 1) == 1);
	KT_EXPECT(do_mprotect(&mm, addr, PAGE_SIZE, PROT_READ | PROT_WRITE) == 0);
	KT_EXPECT(write_in(&mm, addr, 'n') == 1 && page_of(&mm, addr) == page);
	KT_EXPECT(read_in(&mm, addr) == 'n');
out:
	fault_mm_exit(&mm);
}

