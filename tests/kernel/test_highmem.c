/*
 * In-kernel tests of highmem emulation (ktest=highmem): kmap_atomic slots
 * nested and cross-checked through kmap, misuse reports, PKMAP exhaustion
 * with a sleeping kmap() woken by kunmap(), no linear address for highmem.
 * Not covered: kmap_atomic from interrupt context.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/highmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <asm/fixmap.h>
#include <asm/highmem.h>
#include <asm/pgtable.h>
#include <linux/preempt.h>
#include <linux/vmalloc.h>

/* Write a pattern from seed over the page at p, or check it is still there. */
static bool fill_check(u32 *p, u32 seed, bool write)
{
	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++) {
		if (write)
			p[i] = seed ^ i;
		else if (p[i] != (seed ^ i))
			return false;
	}
	return true;
}

/*
 * A highmem page with no kmap() mapping left over (kunmap leaves slots
 * mapped until the next wrap), so kmap_atomic must give it a fixmap slot.
 */
static struct page *alloc_unmapped_highpage(void)
{
	static struct page *tried[LAST_PKMAP + 1];	/* at most LAST_PKMAP are mapped */
	struct page *page = NULL;
	int n = 0;

	while (n <= LAST_PKMAP && (tried[n] = alloc_page(GFP_HIGHUSER))) {
		if (!page_address(tried[n])) {
			page = tried[n];
			break;
		}
		n++;
	}
	while (n-- > 0)
		__free_page(tried[n]);
	return page;
}

/*
 * A highmem page lies above max_low_pfn, outside the linear map, and has
 * an address only through kmap. A page freed while its kmap slot was still
 * lazily mapped keeps that address, so the test picks one that has none.
 */
KTEST(highmem_no_linear_address)
{
	struct page *page = alloc_unmapped_highpage();
	void *addr;

	if (!KT_EXPECT(page && PageHighMem(page)))
		return;
	KT_EXPECT(page_to_pfn(page) >= max_low_pfn);
	KT_EXPECT(page_address(page) == NULL);
	KT_EXPECT(!virt_addr_valid(__va(PFN_PHYS(page_to_pfn(page)))));
	addr = kmap(page);
	KT_EXPECT(addr && page_address(page) == addr);
	kunmap(page);
	__free_page(page);
}

/* Every slot, nested: write through kmap_atomic, read back through kmap. */
KTEST(highmem_kmap_atomic_nested)
{
	struct page *pages[KM_TYPE_NR];
	void *addr[KM_TYPE_NR];
	int i, j;

	for (i = 0; i < KM_TYPE_NR; i++) {
		pages[i] = alloc_unmapped_highpage();
		if (!KT_EXPECT(pages[i] && PageHighMem(pages[i])))
			goto out;
	}
	for (i = 0; i < KM_TYPE_NR; i++) {
		addr[i] = kmap_atomic(pages[i]);
		KT_EXPECT((unsigned long)addr[i] >= FIXADDR_START &&
			  (unsigned long)addr[i] < FIXADDR_END);
		for (j = 0; j < i; j++)
			KT_EXPECT(addr[i] != addr[j]);
		fill_check(addr[i], 0x1000 * i, true);
	}
	for (i = KM_TYPE_NR - 1; i >= 0; i--)
		kunmap_atomic(addr[i]);
	KT_EXPECT(kmap_atomic_depth() == 0);
	for (i = 0; i < KM_TYPE_NR; i++) {
		u32 *p = kmap(pages[i]);

		KT_EXPECT_MSG(fill_check(p, 0x1000 * i, false), "slot %d data", i);
		KT_EXPECT(page_address(pages[i]) == p);
		kunmap(pages[i]);
	}
out:
	while (i-- > 0)
		__free_page(pages[i]);
}

/* Out-of-order kunmap_atomic and one nesting too deep are counted and survived. */
KTEST(highmem_kmap_atomic_misuse)
{
	struct page *a = alloc_unmapped_highpage(), *b = alloc_unmapped_highpage();
	unsigned long errors = kmap_atomic_errors;
	void *slots[KM_TYPE_NR], *pa, *pb;
	int i;

	if (!KT_EXPECT(a && b))
		return;
	pa = kmap_atomic(a);
	pb = kmap_atomic(b);
	kunmap_atomic(pa);	/* out of order: reported, still unmapped */
	KT_EXPECT(kmap_atomic_errors == errors + 1);
	kunmap_atomic(pb);
	KT_EXPECT(kmap_atomic_depth() == 0);
	for (i = 0; i < KM_TYPE_NR; i++)
		slots[i] = kmap_atomic(a);
	KT_EXPECT(kmap_atomic(b) == NULL);	/* one too deep */
	KT_EXPECT(kmap_atomic_errors == errors + 2);
	while (i-- > 0)
		kunmap_atomic(slots[i]);
	KT_EXPECT(kmap_atomic_depth() == 0);
	__free_page(a);
	__free_page(b);
}

/* Shared with kmap_waiter_thread; read after it ran (one CPU, cooperative). */
struct kmap_waiter {
	struct page *page;
	void *addr;
	bool done;
};

/* kmap() with every slot taken: sleeps until the test kunmap()s one. */
static int kmap_waiter_thread(void *data)
{
	struct kmap_waiter *w = data;

	w->addr = kmap(w->page);	/* sleeps: every slot is taken */
	w->done = true;
	while (!kthread_should_stop())
		schedule();
	kunmap(w->page);
	return 0;
}

/* Fill all LAST_PKMAP slots; one more kmap() sleeps until a kunmap(). */
KTEST(highmem_kmap_exhaustion)
{
	static struct page *pages[LAST_PKMAP];
	struct kmap_waiter w = { 0 };
	unsigned long waits = nr_kmap_waits;
	struct task_struct *k;
	int i, n;

	for (n = 0; n < LAST_PKMAP; n++) {
		pages[n] = alloc_page(GFP_HIGHUSER);
		if (!KT_EXPECT(pages[n]))
			goto out;
		fill_check(kmap(pages[n]), n, true);
	}
	w.page = alloc_page(GFP_HIGHUSER);
	k = w.page ? kthread_run(kmap_waiter_thread, &w, "kmap_waiter") : NULL;
	if (!KT_EXPECT(k))
		goto out;
	for (i = 0; i < 10; i++)
		schedule();
	KT_EXPECT(!w.done);
	KT_EXPECT(nr_kmap_waits == waits + 1);
	kunmap(pages[0]);
	for (i = 0; i < 100 && !w.done; i++)
		schedule();
	KT_EXPECT(w.done && w.addr && page_address(w.page) == w.addr);
	kthread_stop(k);
	fill_check(kmap(pages[0]), 0, false);
	for (i = 0; i < LAST_PKMAP; i++)
		KT_EXPECT_MSG(fill_check(page_address(pages[i]), i, false), "page %d", i);
	__free_page(w.page);
out:
	for (i = 0; i < n; i++) {
		kunmap(pages[i]);
		__free_page(pages[i]);
	}
}

/* __GFP_ZERO reaches a highmem page too (cleared through a kmap_atomic slot). */
KTEST(highmem_clear_highpage)
{
	struct page *page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	u32 *p;

	if (!KT_EXPECT(page))
		return;
	p = kmap_atomic(page);
	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		if (p[i]) {
			KT_EXPECT_MSG(0, "word %u of a __GFP_ZERO page is 0x%x", i, p[i]);
			break;
		}
	kunmap_atomic(p);
	__free_page(page);
}

/* kmap_atomic holds preemption off until kunmap_atomic, lowmem or highmem. */
KTEST(highmem_kmap_atomic_preempt)
{
	struct page *hi = alloc_page(GFP_HIGHUSER), *lo = alloc_page(GFP_KERNEL);
	int base = preempt_count();
	void *a, *b;

	if (!KT_EXPECT(hi && lo))
		goto out;
	a = kmap_atomic(hi);
	KT_EXPECT(preempt_count() == base + 1);
	b = kmap_atomic(lo);
	KT_EXPECT(preempt_count() == base + 2 && b == page_address(lo));
	kunmap_atomic(b);
	kunmap_atomic(a);
	KT_EXPECT(preempt_count() == base && kmap_atomic_depth() == 0);
out:
	if (hi)
		__free_page(hi);
	if (lo)
		__free_page(lo);
}

/* A page kmap() maps is reached through that mapping: no slot taken. */
KTEST(highmem_kmap_high_get)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	void *k, *a;

	if (!KT_EXPECT(page))
		return;
	k = kmap(page);
	a = kmap_atomic(page);
	KT_EXPECT(a == k && kmap_atomic_depth() == 0);
	kunmap_atomic(a);
	KT_EXPECT(page_address(page) == k);	/* kmap()'s reference remains */
	kunmap(page);
	__free_page(page);
}

/* Addresses kmap_atomic never gave out are reported and change nothing. */
KTEST(highmem_kunmap_atomic_bad_address)
{
	unsigned long errs = kmap_atomic_errors;
	int base = preempt_count();
	void *v = vmalloc(PAGE_SIZE);

	if (!KT_EXPECT(v))
		return;
	kunmap_atomic(v);
	kunmap_atomic((void *)fix_to_virt(FIX_KMAP_BEGIN));	/* a free slot */
	KT_EXPECT(kmap_atomic_errors == errs + 2 && preempt_count() == base);
	vfree(v);
}

/* With every slot held, clear_highpage still zeroes (through kmap). */
KTEST(highmem_clear_highpage_no_slot)
{
	struct page *hold[KM_TYPE_NR], *page = alloc_page(GFP_HIGHUSER);
	void *slot[KM_TYPE_NR], *k;
	bool zero = true;
	unsigned int i;
	int n = 0;

	if (!KT_EXPECT(page))
		return;
	k = kmap_atomic(page);	/* not kmap(): no PKMAP mapping to reuse */
	memset(k, 0x5a, PAGE_SIZE);
	kunmap_atomic(k);
	for (n = 0; n < KM_TYPE_NR && (hold[n] = alloc_page(GFP_HIGHUSER)); n++)
		;
	for (i = 0; i < (unsigned int)n; i++)	/* no allocation from here on */
		slot[i] = kmap_atomic(hold[i]);
	clear_highpage(page);		/* kmap_atomic has no slot: reported */
	while (n--) {
		kunmap_atomic(slot[n]);
		__free_page(hold[n]);
	}
	k = kmap_atomic(page);
	for (i = 0; i < PAGE_SIZE; i++)
		zero &= ((u8 *)k)[i] == 0;
	kunmap_atomic(k);
	KT_EXPECT(zero);
	__free_page(page);
}

/* set_fixmap maps a physical page at a fixed address; clear_fixmap undoes it. */
KTEST(fixmap_set_clear)
{
	struct page *page = alloc_page(GFP_KERNEL);
	u32 *lin, *fix = (u32 *)fix_to_virt(FIX_SCRATCH);

	if (!KT_EXPECT(page))
		return;
	lin = page_address(page);
	lin[7] = 0xfeedf00d;
	set_fixmap(FIX_SCRATCH, PFN_PHYS(page_to_pfn(page)));
	KT_EXPECT(fix[7] == 0xfeedf00d);
	fix[8] = 0x12345678;
	KT_EXPECT(lin[8] == 0x12345678);
	clear_fixmap(FIX_SCRATCH);
	KT_EXPECT(*walk_pte(swapper_pg_dir, (unsigned long)fix, 0) == 0);
	KT_EXPECT(fix_to_virt(__end_of_fixed_addresses) == 0);
	__free_page(page);
}
