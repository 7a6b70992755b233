/*
 * In-kernel tests of highmem emulation (ktest=highmem): kmap_atomic slots
 * nested and cross-checked through kmap, misuse reports, PKMAP exhaustion
 * with a sleeping kmap() woken by kunmap(), no linear address for highmem.
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

KTEST(highmem_no_linear_address)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	if (!KT_EXPECT(page && PageHighMem(page)))
		return;
	KT_EXPECT(page_to_pfn(page) >= max_low_pfn);
	KT_EXPECT(page_address(page) == NULL);
	KT_EXPECT(!virt_addr_valid(__va(PFN_PHYS(page_to_pfn(page)))));
	__free_page(page);
}

/* Every slot, nested: write through kmap_atomic, read back through kmap. */
KTEST(highmem_kmap_atomic_nested)
{
	struct page *pages[KM_TYPE_NR];
	void *addr[KM_TYPE_NR];
	int i, j;

	for (i = 0; i < KM_TYPE_NR; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER);
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
	KT_EXPECT(this_cpu()->kmap_atomic_idx == 0);
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

KTEST(highmem_kmap_atomic_misuse)
{
	struct page *a = alloc_page(GFP_HIGHUSER), *b = alloc_page(GFP_HIGHUSER);
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
	KT_EXPECT(this_cpu()->kmap_atomic_idx == 0);
	for (i = 0; i < KM_TYPE_NR; i++)
		slots[i] = kmap_atomic(a);
	KT_EXPECT(kmap_atomic(b) == NULL);	/* one too deep */
	KT_EXPECT(kmap_atomic_errors == errors + 2);
	while (i-- > 0)
		kunmap_atomic(slots[i]);
	KT_EXPECT(this_cpu()->kmap_atomic_idx == 0);
	__free_page(a);
	__free_page(b);
}

struct kmap_waiter {
	struct page *page;
	void *addr;
	bool done;
};

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
