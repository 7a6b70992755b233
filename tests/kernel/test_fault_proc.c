/*
 * In-kernel tests of the process side of mm (ktest=fault; docs/mm.md
 * "Processes' address spaces"): mm_alloc/dup_mmap/exit_mmap/mmdrop with
 * COW and RSS counters, file mappings through the page cache (tmpfs and
 * /dev/ram0), msync and write-notify, the reverse map, mremap, brk,
 * madvise/mincore, stack growth, get_user_pages and access_remote_vm.
 * Like test_fault.c, a kernel thread loads a kernel-built mm and reaches
 * user addresses only through uaccess, so every touch is a real fault.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/rmap.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/pagemap.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <uapi/mman.h>
#include <asm/mmu_context.h>
#include <asm/uaccess.h>

#define P		PAGE_SIZE
#define RW		(PROT_READ | PROT_WRITE)
#define ANON		(MAP_PRIVATE | MAP_ANONYMOUS)
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2

static struct mm_struct kernel_mm = { .pgd = swapper_pg_dir };

static void load(struct mm_struct *mm)
{
	switch_mm(NULL, mm, current);
}

static void unload(void)
{
	switch_mm(NULL, &kernel_mm, current);
}

/* Back to swapper_pg_dir, then what the lead's mmput does: exit_mmap, mmdrop. */
static void drop_mm(struct mm_struct *mm)
{
	unload();
	exit_mmap(mm);
	mmdrop(mm);
	lru_add_drain();
	drain_all_pages(NULL);
}

static unsigned long nr_anon(void)
{
	lru_add_drain();
	return global_zone_page_state(NR_ANON_PAGES);
}

static pte_t pte_of(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = follow_pte(mm, addr);

	return pte ? *pte : 0;
}

static struct page *page_of(struct mm_struct *mm, unsigned long addr)
{
	pte_t pte = pte_of(mm, addr);

	return pte_present(pte) ? vm_normal_page(NULL, addr, pte) : NULL;
}

/* Write @c at @addr of @mm: true if it could. */
static bool put_in(struct mm_struct *mm, unsigned long addr, char c)
{
	load(mm);
	return copy_to_user((void __user *)addr, &c, 1) == 0;
}

/* The byte at @addr of @mm, or -1 if it cannot be read. */
static int get_in(struct mm_struct *mm, unsigned long addr)
{
	char c;

	load(mm);
	return copy_from_user(&c, (void __user *)addr, 1) ? -1 : c;
}

static unsigned long map(struct mm_struct *mm, struct file *f, unsigned long addr,
			 unsigned long len, unsigned long prot, unsigned long flags)
{
	return vm_mmap(mm, f, addr, len, prot, flags, 0);
}

/*
 * fork: the child sees the parent's data; private pages are shared
 * read-only (mapcount, refcount 2), shared ones stay shared, anon_vma is
 * shared, RSS is copied; a child write copies (cow_fault), and once the
 * child has exited the parent reuses its page (cow_reuse).
 */
KTEST(fault_dup_mmap)
{
	struct mm_struct *parent = mm_alloc(), *child = mm_alloc();
	unsigned long a, sh, a0 = nr_anon(), cow0, reuse0;
	struct page *page, *p1;

	if (!KT_EXPECT(parent && child))
		return;
	parent->start_brk = parent->brk = 0x10000000;
	a = map(parent, NULL, 0, 2 * P, RW, ANON);
	sh = map(parent, NULL, 0, P, RW, MAP_SHARED | MAP_ANONYMOUS);
	if (!KT_EXPECT(!IS_ERR_VALUE(a) && !IS_ERR_VALUE(sh)))
		goto out;
	KT_EXPECT(put_in(parent, a, 'P') && put_in(parent, a + P, 'Q') && put_in(parent, sh, 'S'));
	KT_EXPECT_MSG(get_mm_counter(parent, MM_ANONPAGES) == 2 &&
		      get_mm_counter(parent, MM_SHMEMPAGES) == 1, "parent rss anon %lu shmem %lu",
		      get_mm_counter(parent, MM_ANONPAGES), get_mm_counter(parent, MM_SHMEMPAGES));
	unload();
	if (!KT_EXPECT(dup_mmap(child, parent) == 0))
		goto out;
	lru_add_drain();
	KT_EXPECT(child->map_count == parent->map_count && child->total_vm == parent->total_vm &&
		  child->brk == parent->brk && child->mmap_base == parent->mmap_base);
	page = page_of(parent, a);
	KT_EXPECT(page && page == page_of(child, a));
	KT_EXPECT_MSG(page && page_mapcount(page) == 2 && page_count(page) == 2,
		      "mapcount %d count %d", page ? page_mapcount(page) : -1,
		      page ? page_count(page) : -1);
	KT_EXPECT(!pte_write(pte_of(parent, a)) && !pte_write(pte_of(child, a)));
	KT_EXPECT(find_vma(child, a)->anon_vma &&
		  find_vma(child, a)->anon_vma == find_vma(parent, a)->anon_vma);
	KT_EXPECT(get_mm_counter(child, MM_ANONPAGES) == 2 &&
		  get_mm_counter(child, MM_SHMEMPAGES) == 1);
	KT_EXPECT(page_of(child, sh) && page_of(child, sh) == page_of(parent, sh));
	KT_EXPECT(get_in(child, a) == 'P' && get_in(child, a + P) == 'Q' && get_in(child, sh) == 'S');

	cow0 = all_vm_events(COW_FAULT);
	KT_EXPECT(put_in(child, a, 'C'));
	KT_EXPECT(all_vm_events(COW_FAULT) - cow0 == 1);
	KT_EXPECT(get_in(parent, a) == 'P' && get_in(child, a) == 'C');
	KT_EXPECT(page_of(child, a) != page && page_mapcount(page) == 1);
	KT_EXPECT(put_in(child, sh, 'T') && get_in(parent, sh) == 'T');	/* shared stays shared */

	p1 = page_of(parent, a + P);
	drop_mm(child);
	child = NULL;
	KT_EXPECT(p1 && page_mapcount(p1) == 1 && page_count(p1) == 1);
	reuse0 = all_vm_events(COW_REUSE);
	KT_EXPECT(put_in(parent, a + P, 'R') && page_of(parent, a + P) == p1);
	KT_EXPECT(all_vm_events(COW_REUSE) - reuse0 == 1 && get_in(parent, a + P) == 'R');
out:
	if (child)
		drop_mm(child);
	drop_mm(parent);
	KT_EXPECT_MSG(nr_anon() == a0, "%ld anon pages left", (long)(nr_anon() - a0));
}

/* Write @n pages of @f, page i filled with 'a' + i; 0 or -Exxx. */
static int fill_file(struct file *f, int n)
{
	static char buf[PAGE_SIZE];
	loff_t pos = 0;

	for (int i = 0; i < n; i++) {
		memset(buf, 'a' + i, P);
		if (kernel_write(f, buf, P, &pos) != (ssize_t)P)
			return -EIO;
	}
	return 0;
}

static char file_byte(struct file *f, loff_t pos)
{
	char c = 0;

	kernel_read(f, &c, 1, &pos);
	return c;
}

/*
 * A tmpfs file mapped shared and private: reads fault the page-cache
 * page in, a shared write shows in read(), a private write never
 * reaches the file; past EOF is SIGBUS (-EFAULT here), also after a
 * truncation unmapped a page; a read-only fd refuses a writable shared
 * mapping.
 */
KTEST(fault_file_mapping)
{
	struct file *f = filp_open("/tmp/kt-mmap", O_CREAT | O_TRUNC | O_RDWR, 0644), *ro;
	struct mm_struct *mm = mm_alloc();
	unsigned long sh, pr, big;

	if (!KT_EXPECT_MSG(!IS_ERR(f), "open: %ld", PTR_ERR(f)) || !KT_EXPECT(mm))
		return;
	if (!KT_EXPECT(fill_file(f, 2) == 0))
		goto out;
	sh = map(mm, f, 0, 2 * P, RW, MAP_SHARED);
	pr = map(mm, f, 0, 2 * P, RW, MAP_PRIVATE);
	big = map(mm, f, 0, 3 * P, PROT_READ, MAP_SHARED);
	if (!KT_EXPECT(!IS_ERR_VALUE(sh) && !IS_ERR_VALUE(pr) && !IS_ERR_VALUE(big)))
		goto out;
	KT_EXPECT(get_in(mm, sh) == 'a' && get_in(mm, sh + P) == 'b' && get_in(mm, pr + 5) == 'a');
	KT_EXPECT(page_of(mm, sh) && page_of(mm, sh) == page_of(mm, pr));
	KT_EXPECT(page_of(mm, sh) == find_get_page(f->f_mapping, 0));
	put_page(page_of(mm, sh));	/* find_get_page's reference */
	KT_EXPECT(get_mm_counter(mm, MM_SHMEMPAGES) == 3);
	KT_EXPECT(put_in(mm, sh + 10, 'X') && file_byte(f, 10) == 'X');
	KT_EXPECT(put_in(mm, pr + 20, 'Y') && get_in(mm, pr + 20) == 'Y' && file_byte(f, 20) == 'a');
	KT_EXPECT(get_in(mm, pr + 10) == 'X' && page_of(mm, pr) != page_of(mm, sh));
	KT_EXPECT(put_in(mm, sh + 20, 'Z') && get_in(mm, pr + 20) == 'Y');
	KT_EXPECT(get_in(mm, big + P) == 'b' && get_in(mm, big + 2 * P) == -1);	/* SIGBUS */
	unload();
	/* truncation unmaps the pages it drops: the next access is past EOF */
	KT_EXPECT(page_of(mm, sh + P) && vfs_path_truncate("/tmp/kt-mmap", P) == 0);
	KT_EXPECT(pte_none(pte_of(mm, sh + P)) && pte_none(pte_of(mm, big + P)));
	KT_EXPECT(get_in(mm, sh + P) == -1 && get_in(mm, sh) == 'a');
	unload();
	ro = filp_open("/tmp/kt-mmap", O_RDONLY, 0);
	if (KT_EXPECT(!IS_ERR(ro))) {
		KT_EXPECT(map(mm, ro, 0, P, RW, MAP_SHARED) == (unsigned long)-EACCES);
		KT_EXPECT(!IS_ERR_VALUE(map(mm, ro, 0, P, PROT_READ, MAP_SHARED)));
		KT_EXPECT(vm_mmap(mm, ro, 0, P, PROT_READ, MAP_PRIVATE, 100) == (unsigned long)-EINVAL);
		filp_close(ro);
	}
out:
	drop_mm(mm);
	filp_close(f);
	vfs_path_unlink("/tmp/kt-mmap");
}

/*
 * A shared mapping of /dev/ram0 (page-cache pages that reclaim may drop):
 * write-notify maps a read first read-only, the write dirties the page;
 * msync(MS_SYNC) writes it and write-protects the PTE again; the reverse
 * map unmaps it (its PTE's dirty bit moved to the page) unless the mm is
 * busy.
 */
KTEST(fault_msync_rmap)
{
	struct file *dev = filp_open("/dev/ram0", O_RDWR, 0);
	struct mm_struct *mm = mm_alloc();
	unsigned long sh, written0;
	struct page *page;
	bool unmapped;

	if (!KT_EXPECT_MSG(!IS_ERR(dev), "/dev/ram0: %ld", PTR_ERR(dev)) || !KT_EXPECT(mm))
		return;
	if (!KT_EXPECT(fill_file(dev, 1) == 0 && vfs_fsync_range(dev, 0, P - 1, 1) == 0))
		goto out;
	sh = map(mm, dev, 0, P, RW, MAP_SHARED);
	if (!KT_EXPECT(!IS_ERR_VALUE(sh)))
		goto out;
	KT_EXPECT(get_in(mm, sh) == 'a');
	page = page_of(mm, sh);
	if (!KT_EXPECT(page))
		goto out;
	KT_EXPECT(!pte_write(pte_of(mm, sh)) && !PageDirty(page) && !PageSwapBacked(page));
	KT_EXPECT(get_mm_counter(mm, MM_FILEPAGES) == 1);
	KT_EXPECT(put_in(mm, sh + 1, 'M') && pte_write(pte_of(mm, sh)) && PageDirty(page));
	unload();
	written0 = global_zone_page_state(NR_WRITTEN);
	KT_EXPECT(do_msync(mm, sh, P, MS_SYNC) == 0);
	KT_EXPECT_MSG(!PageDirty(page) && !pte_write(pte_of(mm, sh)), "dirty %d pte %lx",
		      PageDirty(page), pte_of(mm, sh));
	KT_EXPECT(global_zone_page_state(NR_WRITTEN) > written0);
	KT_EXPECT(do_msync(mm, sh, P, MS_SYNC | MS_ASYNC) == -EINVAL);
	KT_EXPECT(do_msync(mm, sh + P, P, MS_ASYNC) == -ENOMEM);
	/* reclaim's unmap: a dirty PTE (as the hardware leaves it) dirties the page */
	set_pte_at(mm, sh, follow_pte(mm, sh), pte_of(mm, sh) | _PAGE_DIRTY);
	local_flush_tlb_all();
	lock_page(page);
	unmapped = try_to_unmap(page);
	unlock_page(page);
	KT_EXPECT(unmapped && !page_mapped(page) && pte_none(pte_of(mm, sh)));
	KT_EXPECT(PageDirty(page) && get_mm_counter(mm, MM_FILEPAGES) == 0);
	KT_EXPECT(get_in(mm, sh + 1) == 'M');		/* faults back in from the cache */
	unload();
	page = page_of(mm, sh);
	if (!KT_EXPECT(page))
		goto out;
	down_read(&mm->mmap_sem);	/* a fault in progress: the mm is busy */
	lock_page(page);
	KT_EXPECT(!try_to_unmap(page) && page_mapped(page));
	unlock_page(page);
	up_read(&mm->mmap_sem);
	KT_EXPECT(put_in(mm, sh + 2, 'N') && pte_write(pte_of(mm, sh)));
	KT_EXPECT(get_in(mm, sh + 2) == 'N' && file_byte(dev, 1) == 'M' && file_byte(dev, 2) == 'N');
out:
	drop_mm(mm);
	vfs_fsync_range(dev, 0, P - 1, 1);
	filp_close(dev);
}

/* mremap: shrink, grow in place, move (the same pages, not copies), MREMAP_FIXED, -EFAULT. */
KTEST(fault_mremap)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long a, b, got, a0 = nr_anon(), fixed = 0x20000000;
	struct page *p0;

	if (!KT_EXPECT(mm))
		return;
	a = map(mm, NULL, 0, 2 * P, RW, ANON);
	if (!KT_EXPECT(!IS_ERR_VALUE(a)))
		goto out;
	KT_EXPECT(put_in(mm, a, 'a') && put_in(mm, a + P, 'b'));
	p0 = page_of(mm, a);
	unload();
	KT_EXPECT(vm_mremap(mm, a, 2 * P, 3 * P, 0, 0) == a && find_vma(mm, a)->vm_end == a + 3 * P);
	b = map(mm, NULL, a + 3 * P, P, PROT_READ, ANON | MAP_FIXED);
	KT_EXPECT(b == a + 3 * P);
	KT_EXPECT(vm_mremap(mm, a, 3 * P, 6 * P, 0, 0) == (unsigned long)-ENOMEM);
	got = vm_mremap(mm, a, 3 * P, 6 * P, MREMAP_MAYMOVE, 0);
	if (!KT_EXPECT(!IS_ERR_VALUE(got) && got != a))
		goto out;
	KT_EXPECT(!find_vma_intersection(mm, a, a + 3 * P) && find_vma(mm, got)->vm_end == got + 6 * P);
	KT_EXPECT(page_of(mm, got) == p0 && get_in(mm, got) == 'a' && get_in(mm, got + P) == 'b');
	KT_EXPECT(nr_anon() == a0 + 2 && get_in(mm, a) == -1);
	unload();
	KT_EXPECT(vm_mremap(mm, got, 6 * P, P, 0, 0) == got && nr_anon() == a0 + 1);
	KT_EXPECT(vm_mremap(mm, got, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, fixed) == fixed);
	KT_EXPECT(get_in(mm, fixed) == 'a' && page_of(mm, fixed) == p0);
	unload();
	KT_EXPECT(vm_mremap(mm, fixed, 2 * P, 4 * P, MREMAP_MAYMOVE, 0) == (unsigned long)-EFAULT);
	KT_EXPECT(vm_mremap(mm, fixed, P, 2 * P, MREMAP_FIXED, 0) == (unsigned long)-EINVAL);
out:
	drop_mm(mm);
	KT_EXPECT(nr_anon() == a0);
}

/* brk grows the heap (RLIMIT_DATA aside), shrinking frees the pages; below start_brk nothing. */
KTEST(fault_brk)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long base = 0x10000000, a0 = nr_anon();

	if (!KT_EXPECT(mm))
		return;
	mm->start_brk = mm->brk = base;
	KT_EXPECT(mm_brk(mm, base + 3 * P + 5) == base + 3 * P + 5);
	KT_EXPECT(put_in(mm, base, 'h') && put_in(mm, base + 3 * P + 4, 'i'));
	KT_EXPECT(put_in(mm, base + 4 * P, 'x') == false);
	unload();
	KT_EXPECT(nr_anon() == a0 + 2 && get_mm_counter(mm, MM_ANONPAGES) == 2);
	KT_EXPECT(mm_brk(mm, base + P) == base + P && nr_anon() == a0 + 1);
	KT_EXPECT(get_in(mm, base + 3 * P) == -1 && get_in(mm, base) == 'h');
	unload();
	KT_EXPECT(mm_brk(mm, base - P) == base + P);
	KT_EXPECT(!IS_ERR_VALUE(map(mm, NULL, base + 2 * P, P, RW, ANON | MAP_FIXED)));
	KT_EXPECT(mm_brk(mm, base + 4 * P) == base + P);	/* a mapping in the way */
	drop_mm(mm);
	KT_EXPECT(nr_anon() == a0);
}

/* madvise(MADV_DONTNEED) drops pages (zeroes again); mincore reports residency. */
KTEST(fault_madvise_mincore)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long a, vec, a0 = nr_anon();
	unsigned char v[4] = { 9, 9, 9, 9 };

	if (!KT_EXPECT(mm))
		return;
	a = map(mm, NULL, 0, 4 * P, RW, ANON);
	vec = map(mm, NULL, 0, P, RW, ANON);
	if (!KT_EXPECT(!IS_ERR_VALUE(a) && !IS_ERR_VALUE(vec)))
		goto out;
	KT_EXPECT(put_in(mm, a, 'm') && put_in(mm, a + P, 'n') && put_in(mm, vec, 0));
	KT_EXPECT(do_mincore(mm, a, 4 * P, (unsigned char __user *)vec) == 0);
	KT_EXPECT(copy_from_user(v, (void __user *)vec, 4) == 0);
	KT_EXPECT_MSG(v[0] == 1 && v[1] == 1 && v[2] == 0 && v[3] == 0, "mincore %d %d %d %d",
		      v[0], v[1], v[2], v[3]);
	unload();
	KT_EXPECT(do_mincore(mm, a + 4 * P + 100 * P, P, (unsigned char __user *)vec) == -ENOMEM);
	KT_EXPECT(do_madvise(mm, a, 2 * P, MADV_DONTNEED) == 0 && nr_anon() == a0 + 1);
	KT_EXPECT(get_in(mm, a) == 0 && get_in(mm, a + P) == 0);
	unload();
	KT_EXPECT(do_madvise(mm, a + P, P, MADV_SEQUENTIAL) == 0);
	KT_EXPECT(find_vma(mm, a + P)->vm_flags & VM_SEQ_READ);
	KT_EXPECT(!(find_vma(mm, a)->vm_flags & VM_SEQ_READ));
	KT_EXPECT(do_madvise(mm, a + P, P, MADV_NORMAL) == 0 && find_vma(mm, a)->vm_end >= a + 2 * P);
	KT_EXPECT(do_madvise(mm, a, P, 12345) == -EINVAL && do_madvise(mm, a + 1, P, MADV_NORMAL) == -EINVAL);
	KT_EXPECT(do_madvise(mm, a, 6 * P, MADV_WILLNEED) == -ENOMEM);
out:
	drop_mm(mm);
	KT_EXPECT(nr_anon() == a0);
}

/* A fault below a VM_GROWSDOWN VMA grows it, unless that would enter the guard gap. */
KTEST(fault_stack_grow)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long s = 0x30000000, gap = stack_guard_gap;

	if (!KT_EXPECT(mm))
		return;
	KT_EXPECT(map(mm, NULL, s, 2 * P, RW, ANON | MAP_FIXED | MAP_GROWSDOWN) == s);
	KT_EXPECT(put_in(mm, s - 3 * P + 8, 'g') && find_vma(mm, s)->vm_start == s - 3 * P);
	KT_EXPECT(get_in(mm, s - 3 * P + 8) == 'g' && mm->stack_vm == 5);
	unload();
	KT_EXPECT(map(mm, NULL, s - 3 * P - gap, P, RW, ANON | MAP_FIXED) == s - 3 * P - gap);
	KT_EXPECT(put_in(mm, s - 5 * P, 'h') == false && find_vma(mm, s)->vm_start == s - 3 * P);
	drop_mm(mm);
}

/* get_user_pages pins pages (faulting them in); access_remote_vm reads and writes across pages. */
KTEST(fault_gup_access)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long a;
	struct page *pages[2];
	char buf[8] = { 0 };
	int count;

	if (!KT_EXPECT(mm))
		return;
	a = map(mm, NULL, 0, 2 * P, RW, ANON);
	if (!KT_EXPECT(!IS_ERR_VALUE(a)))
		goto out;
	unload();
	KT_EXPECT(access_remote_vm(mm, a + P - 2, "hello", 5, FOLL_WRITE) == 5);
	KT_EXPECT(get_in(mm, a + P - 2) == 'h' && get_in(mm, a + P + 2) == 'o');
	unload();
	KT_EXPECT(access_remote_vm(mm, a + P - 2, buf, 5, 0) == 5 && !memcmp(buf, "hello", 5));
	KT_EXPECT(access_remote_vm(mm, a + 2 * P - 2, buf, 5, 0) == 2);	/* stops at the VMA's end */
	KT_EXPECT(access_remote_vm(mm, 0x1000, buf, 5, 0) == 0);
	down_read(&mm->mmap_sem);
	KT_EXPECT(get_user_pages_remote(mm, a, 2, 0, pages) == 2);
	up_read(&mm->mmap_sem);
	lru_add_drain();	/* the LRU pagevec holds new pages for a while */
	count = page_count(pages[0]);
	KT_EXPECT(pages[0] == page_of(mm, a) && count == 2);
	put_page(pages[0]);
	put_page(pages[1]);
	KT_EXPECT(page_count(page_of(mm, a)) == 1);
	KT_EXPECT(do_mprotect(mm, a, P, PROT_READ) == 0);
	down_read(&mm->mmap_sem);
	KT_EXPECT(get_user_pages_remote(mm, a, 1, FOLL_WRITE, pages) == -EFAULT);
	up_read(&mm->mmap_sem);
out:
	drop_mm(mm);
}

/* MAP_POPULATE faults every page in at mmap time: touching them costs no fault. */
KTEST(fault_populate)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long a, f0;

	if (!KT_EXPECT(mm))
		return;
	a = map(mm, NULL, 0, 4 * P, RW, ANON | MAP_POPULATE);
	if (!KT_EXPECT(!IS_ERR_VALUE(a)))
		goto out;
	KT_EXPECT(get_mm_counter(mm, MM_ANONPAGES) == 4);
	f0 = all_vm_events(PGFAULT);
	for (int i = 0; i < 4; i++)
		KT_EXPECT(put_in(mm, a + i * P, 'p'));
	KT_EXPECT(all_vm_events(PGFAULT) == f0);
out:
	drop_mm(mm);
}

/* ---- fault-around (do_fault_around -> filemap_map_pages) ---- */

#define FA_BASE		256UL		/* page offset of the test block in /dev/ram0: 1 MiB */
#define FA_PAGES	16UL		/* fault_around_bytes (64 KiB) in pages */
#define FA_HOLE		5UL		/* the block's one page left out of the cache */
#define FA_VA		0x40000000UL	/* 2 MiB aligned: a fresh pte table */

/* Page @index of @dev filled with 'A' + index % 26, written and clean; 0 or -EIO. */
static int fa_write_page(struct file *dev, pgoff_t index)
{
	static char buf[PAGE_SIZE];
	loff_t pos = (loff_t)index * P;

	memset(buf, 'A' + index % 26, P);
	return kernel_write(dev, buf, P, &pos) == (ssize_t)P ? 0 : -EIO;
}

/* Bring page @index of @dev into the cache by read() (readahead off: that page only). */
static bool fa_cache_page(struct file *dev, pgoff_t index)
{
	static char buf[PAGE_SIZE];
	loff_t pos = (loff_t)index * P;

	return kernel_read(dev, buf, P, &pos) == (ssize_t)P;
}

/* Is page @index of @mapping in the cache? */
static bool fa_cached(struct address_space *mapping, pgoff_t index)
{
	struct page *page = find_get_page(mapping, index);

	if (page)
		put_page(page);
	return page != NULL;
}

/* Sum of page_count and of page_mapcount over [index, index + n) of the cache. */
static void fa_refs(struct address_space *mapping, pgoff_t index, unsigned long n,
		    long *count, long *mapcount)
{
	lru_add_drain();
	*count = *mapcount = 0;
	for (unsigned long i = 0; i < n; i++) {
		struct page *page = find_get_page(mapping, index + i);

		if (!page)
			continue;
		*count += page_count(page) - 1;
		*mapcount += page_mapcount(page);
		put_page(page);
	}
}

/* A fault-around mapping of @len bytes of @dev at @va, file page @pgoff; true if mapped. */
static bool fa_map(struct mm_struct *mm, struct file *dev, unsigned long va, unsigned long len,
		   unsigned long flags, pgoff_t pgoff)
{
	return vm_mmap(mm, dev, va, len, RW, flags | MAP_FIXED, pgoff * P) == va;
}

static unsigned long fa_faults(void)
{
	return all_vm_events(PGFAULT);
}

/*
 * One read fault in a 64 KiB block of /dev/ram0 whose pages are cached
 * but one: MAP_SHARED maps the other 15, read-only (write-notify), the
 * missing one is left to ->fault; a write then goes through page_mkwrite
 * and reaches the device on fsync. MAP_PRIVATE maps them read-only and a
 * write copies (the file keeps its data). Each mapping counts once in
 * the pages' mapcount and refcount, and munmap and exit give both back.
 */
KTEST(fault_around_block)
{
	struct file *dev = filp_open("/dev/ram0", O_RDWR, 0);
	struct mm_struct *mm = mm_alloc();
	struct address_space *mapping;
	unsigned long sh = FA_VA, pr = FA_VA + 2 * FA_PAGES * P, f0, fa0, written0;
	long count0, map0, count, mapcount;
	bool ok = true;

	if (!KT_EXPECT_MSG(!IS_ERR(dev), "/dev/ram0: %ld", PTR_ERR(dev)) || !KT_EXPECT(mm))
		return;
	mapping = dev->f_mapping;
	dev->f_ra.ra_pages = 0;		/* read() and ->fault bring exactly one page */
	for (pgoff_t i = FA_BASE; i < FA_BASE + 2 * FA_PAGES; i++)
		ok &= fa_write_page(dev, i) == 0;
	ok &= vfs_fsync_range(dev, FA_BASE * P, (FA_BASE + 2 * FA_PAGES) * P - 1, 1) == 0;
	invalidate_mapping_pages(mapping, FA_BASE, FA_BASE + 2 * FA_PAGES - 1);
	for (pgoff_t i = FA_BASE; i < FA_BASE + FA_PAGES; i++)
		ok &= i == FA_BASE + FA_HOLE || fa_cache_page(dev, i);
	if (!KT_EXPECT(ok) || !KT_EXPECT(!fa_cached(mapping, FA_BASE + FA_HOLE)) ||
	    !KT_EXPECT(!fa_cached(mapping, FA_BASE + FA_PAGES)))
		goto out;
	fa_refs(mapping, FA_BASE, FA_PAGES, &count0, &map0);
	if (!KT_EXPECT(fa_map(mm, dev, sh, 2 * FA_PAGES * P, MAP_SHARED, FA_BASE)) ||
	    !KT_EXPECT(fa_map(mm, dev, pr, 2 * FA_PAGES * P, MAP_PRIVATE, FA_BASE)))
		goto out;

	/* MAP_SHARED: one fault maps the 15 cached pages of the block */
	f0 = fa_faults(), fa0 = all_vm_events(FAULT_AROUND);
	KT_EXPECT(get_in(mm, sh + 3 * P) == 'A' + (FA_BASE + 3) % 26);
	KT_EXPECT_MSG(fa_faults() - f0 == 1 && all_vm_events(FAULT_AROUND) - fa0 == FA_PAGES - 1,
		      "%lu faults, %lu mapped around", fa_faults() - f0,
		      all_vm_events(FAULT_AROUND) - fa0);
	for (unsigned long i = 0; i < 2 * FA_PAGES; i++) {
		pte_t pte = pte_of(mm, sh + i * P);
		bool want = i < FA_PAGES && i != FA_HOLE;

		KT_EXPECT_MSG(pte_present(pte) == want, "shared page %lu: pte %lx", i, pte);
		if (want) {
			struct page *cached = find_get_page(mapping, FA_BASE + i);

			KT_EXPECT(!pte_write(pte) && pte_young(pte));
			KT_EXPECT(cached && page_of(mm, sh + i * P) == cached);
			if (cached)
				put_page(cached);	/* find_get_page's */
		}
	}
	unload();
	fa_refs(mapping, FA_BASE, FA_PAGES, &count, &mapcount);
	KT_EXPECT_MSG(count - count0 == 15 && mapcount - map0 == 15, "refs +%ld maps +%ld",
		      count - count0, mapcount - map0);
	KT_EXPECT(get_mm_counter(mm, MM_FILEPAGES) == 15);
	f0 = fa_faults();
	for (unsigned long i = 0; i < FA_PAGES; i++)
		ok &= i == FA_HOLE || get_in(mm, sh + i * P + 9) == (int)('A' + (FA_BASE + i) % 26);
	KT_EXPECT(ok && fa_faults() == f0);			/* no more faults */
	KT_EXPECT(get_in(mm, sh + FA_HOLE * P) == 'A' + (FA_BASE + FA_HOLE) % 26);
	KT_EXPECT(fa_faults() - f0 == 1 && fa_cached(mapping, FA_BASE + FA_HOLE));
	fa_refs(mapping, FA_BASE + FA_HOLE, 1, &count, &mapcount);
	count0 += count - mapcount;	/* the hole's own: the cache's, its buffers' */
	/* a write to a page fault-around mapped: page_mkwrite, dirty, written back */
	KT_EXPECT(put_in(mm, sh + 7 * P + 1, '#') && pte_write(pte_of(mm, sh + 7 * P)));
	unload();
	KT_EXPECT(PageDirty(page_of(mm, sh + 7 * P)));
	written0 = global_zone_page_state(NR_WRITTEN);
	KT_EXPECT(do_msync(mm, sh, FA_PAGES * P, MS_SYNC) == 0);
	KT_EXPECT(global_zone_page_state(NR_WRITTEN) > written0);
	KT_EXPECT(!PageDirty(page_of(mm, sh + 7 * P)) && file_byte(dev, (FA_BASE + 7) * P + 1) == '#');

	/* MAP_PRIVATE: all 16 now cached, mapped read-only; a write copies */
	f0 = fa_faults();
	KT_EXPECT(get_in(mm, pr + 12 * P) == 'A' + (FA_BASE + 12) % 26 && fa_faults() - f0 == 1);
	for (unsigned long i = 0; i < 2 * FA_PAGES; i++) {
		pte_t pte = pte_of(mm, pr + i * P);

		KT_EXPECT_MSG(pte_present(pte) == (i < FA_PAGES), "private page %lu: pte %lx", i, pte);
		KT_EXPECT(!pte_write(pte));
	}
	KT_EXPECT(get_in(mm, pr + 7 * P + 1) == '#');
	KT_EXPECT(put_in(mm, pr + 2 * P, '!') && get_in(mm, pr + 2 * P) == '!');
	KT_EXPECT(page_of(mm, pr + 2 * P) != page_of(mm, sh + 2 * P));
	KT_EXPECT(PageSwapBacked(page_of(mm, pr + 2 * P)) && pte_write(pte_of(mm, pr + 2 * P)));
	KT_EXPECT(file_byte(dev, (FA_BASE + 2) * P) == 'A' + (FA_BASE + 2) % 26);
	KT_EXPECT(get_in(mm, sh + 2 * P) == 'A' + (FA_BASE + 2) % 26);
	unload();
	fa_refs(mapping, FA_BASE, FA_PAGES, &count, &mapcount);
	KT_EXPECT_MSG(count - count0 == 31 && mapcount - map0 == 31, "refs +%ld maps +%ld",
		      count - count0, mapcount - map0);	/* 16 shared, 15 private (one COWed) */

	/* munmap gives the shared mapping's back, exit the private one's */
	KT_EXPECT(do_munmap(mm, sh, 2 * FA_PAGES * P) == 0);
	fa_refs(mapping, FA_BASE, FA_PAGES, &count, &mapcount);
	KT_EXPECT_MSG(count - count0 == 15 && mapcount - map0 == 15, "after munmap +%ld +%ld",
		      count - count0, mapcount - map0);
	drop_mm(mm);
	mm = NULL;
	fa_refs(mapping, FA_BASE, FA_PAGES, &count, &mapcount);
	KT_EXPECT_MSG(count == count0 && mapcount == map0, "after exit %+ld %+ld",
		      count - count0, mapcount - map0);
out:
	if (mm)
		drop_mm(mm);
	filp_close(dev);
}

/*
 * Fault-around stops at a VMA's edges, at the 64 KiB block (so never
 * reaches into another pte table), and at EOF: the PTEs past the end
 * of /dev/ram0 stay none and a read there is still SIGBUS (-EFAULT here).
 */
KTEST(fault_around_edges)
{
	struct file *dev = filp_open("/dev/ram0", O_RDWR, 0);
	struct mm_struct *mm = mm_alloc();
	unsigned long va = FA_VA, tb = FA_VA + PMD_SIZE, eof = FA_VA + 2 * PMD_SIZE;
	pgoff_t last;
	bool ok = true;

	if (!KT_EXPECT_MSG(!IS_ERR(dev), "/dev/ram0: %ld", PTR_ERR(dev)) || !KT_EXPECT(mm))
		return;
	dev->f_ra.ra_pages = 0;
	last = (pgoff_t)(i_size_read(dev->f_mapping->host) >> PAGE_SHIFT) - 1;
	for (pgoff_t i = FA_BASE; i < FA_BASE + 2 * FA_PAGES; i++)
		ok &= fa_write_page(dev, i) == 0;
	if (!KT_EXPECT_MSG(ok, "writing the block"))
		goto out;
	if (!KT_EXPECT_MSG(fa_cache_page(dev, last - 1) && fa_cache_page(dev, last),
			   "reading the last pages (%lu)", last))
		goto out;
	/* a 3-page VMA inside the block, an anonymous neighbour on each side */
	KT_EXPECT(fa_map(mm, dev, va + 4 * P, 3 * P, MAP_SHARED, FA_BASE + 4));
	KT_EXPECT(vm_mmap(mm, NULL, va, 4 * P, RW, ANON | MAP_FIXED, 0) == va);
	KT_EXPECT(vm_mmap(mm, NULL, va + 7 * P, 9 * P, RW, ANON | MAP_FIXED, 0) == va + 7 * P);
	KT_EXPECT(get_in(mm, va + 5 * P) == 'A' + (FA_BASE + 5) % 26);
	for (unsigned long i = 0; i < FA_PAGES; i++)
		KT_EXPECT_MSG(pte_present(pte_of(mm, va + i * P)) == (i >= 4 && i < 7),
			      "vma edges: page %lu", i);
	/* a VMA across a pte table boundary: a fault above it maps nothing below */
	KT_EXPECT(fa_map(mm, dev, tb - FA_PAGES * P, 2 * FA_PAGES * P, MAP_PRIVATE, FA_BASE));
	KT_EXPECT(get_in(mm, tb) == 'A' + (FA_BASE + FA_PAGES) % 26);
	for (unsigned long i = 0; i < FA_PAGES; i++)
		KT_EXPECT_MSG(pte_none(pte_of(mm, tb - FA_PAGES * P + i * P)), "below the table: %lu", i);
	KT_EXPECT(pte_present(pte_of(mm, tb)));
	/* the device's last two pages and two beyond its end */
	KT_EXPECT(fa_map(mm, dev, eof, 4 * P, MAP_SHARED, last - 1));
	KT_EXPECT(get_in(mm, eof) >= 0);
	KT_EXPECT(pte_present(pte_of(mm, eof)) && pte_present(pte_of(mm, eof + P)));
	KT_EXPECT(pte_none(pte_of(mm, eof + 2 * P)) && pte_none(pte_of(mm, eof + 3 * P)));
	KT_EXPECT(get_in(mm, eof + 2 * P) == -1 && get_in(mm, eof + 3 * P) == -1);
	KT_EXPECT(pte_none(pte_of(mm, eof + 2 * P)));
out:
	drop_mm(mm);
	filp_close(dev);
}
