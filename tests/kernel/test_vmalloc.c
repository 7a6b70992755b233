/*
 * In-kernel tests of vmalloc (ktest=vmalloc): contiguous virtual memory
 * from scattered (highmem) pages, vmap of given pages, pages returned on
 * vfree, and guard pages between areas. The guard-page fault itself is
 * tested with crash=vmalloc-guard (it ends in a panic by design).
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/vmalloc.h>
#include <linux/highmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/string.h>
#include <asm/tlbflush.h>

/* Free pages of all zones, per-CPU lists drained, so before/after compare. */
static unsigned long free_pages_now(void)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		drain_all_pages(&NODE_DATA(0)->node_zones[z]);
	return global_zone_page_state(NR_FREE_PAGES);
}

/*
 * A 1 MiB + 3 page area: the data reads back, through it and (for its
 * highmem pages) through kmap_atomic, and vfree returns every page.
 */
KTEST(vmalloc_basic)
{
	unsigned long size = SZ_1M + 3 * PAGE_SIZE, before, highmem = 0;
	u8 *p;

	vfree(vmalloc(size));	/* warm up: page tables and slab stay */
	before = free_pages_now();
	p = vmalloc(size);

	if (!KT_EXPECT(p && is_vmalloc_addr(p)))
		return;
	for (unsigned long i = 0; i < size; i++)
		p[i] = (u8)(i * 7);
	for (unsigned long i = 0; i < size; i += PAGE_SIZE) {
		struct page *page = vmalloc_to_page(p + i);

		KT_EXPECT(page != NULL);
		if (page && PageHighMem(page)) {
			u8 *k = kmap_atomic(page);	/* a second view of the page */

			highmem++;
			KT_EXPECT(k[0] == (u8)(i * 7));
			kunmap_atomic(k);
		}
	}
	KT_EXPECT_MSG(highmem > 0, "vmalloc should use highmem pages");
	for (unsigned long i = 0; i < size; i++)
		if (p[i] != (u8)(i * 7)) {
			KT_EXPECT_MSG(0, "byte %lu", i);
			break;
		}
	vfree(p);
	KT_EXPECT_MSG(free_pages_now() == before, "%lu free, %lu before", free_pages_now(), before);
}

/* Areas never touch: each is followed by an unmapped guard page. */
KTEST(vmalloc_guard_pages)
{
	void *a = vmalloc(3 * PAGE_SIZE), *b = vmalloc(PAGE_SIZE);
	struct vm_struct area;
	bool guard = false;

	if (!KT_EXPECT(a && b))
		goto out;
	KT_EXPECT(vmalloc_to_page((u8 *)a + 3 * PAGE_SIZE) == NULL);
	KT_EXPECT(find_vm_area_guard((unsigned long)a + 3 * PAGE_SIZE, &area, &guard) &&
		  area.addr == (unsigned long)a && guard);
	KT_EXPECT((unsigned long)b >= (unsigned long)a + 4 * PAGE_SIZE ||
		  (unsigned long)b + 2 * PAGE_SIZE <= (unsigned long)a);
out:
	vfree(a);
	vfree(b);
}

/* vmap of four highmem pages: writes through it land in those pages. */
KTEST(vmalloc_vmap)
{
	struct page *pages[4];
	u32 *v;
	int i;

	for (i = 0; i < 4; i++)
		pages[i] = alloc_page(GFP_HIGHUSER);
	if (!KT_EXPECT(pages[0] && pages[1] && pages[2] && pages[3]))
		goto out;
	v = vmap(pages, 4, VM_MAP);
	if (KT_EXPECT(v)) {
		for (i = 0; i < 4; i++)
			v[i * PAGE_SIZE / 4] = 0xabc0 + i;
		vunmap(v);
	}
	for (i = 0; i < 4; i++) {
		u32 *k = kmap_atomic(pages[i]);

		KT_EXPECT(k[0] == 0xabc0u + i);
		kunmap_atomic(k);
	}
	i = 4;
out:
	while (i-- > 0)
		if (pages[i])
			__free_page(pages[i]);
}

/* vzalloc zeroes whole pages, past size too, even over recycled pages. */
KTEST(vzalloc_whole_pages)
{
	u8 *p = vmalloc(PAGE_SIZE), *z;
	bool zero = true;

	if (!KT_EXPECT(p))
		return;
	memset(p, 0xaa, PAGE_SIZE);
	vfree(p);		/* its page goes back hot: vzalloc gets it */
	z = vzalloc(100);
	if (!KT_EXPECT(z))
		return;
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		zero &= z[i] == 0;
	KT_EXPECT(zero);
	vfree(z);
}

/* A large area's page array comes from vmalloc, not a contiguous block. */
KTEST(vmalloc_large_page_array)
{
	unsigned long size = 8 * SZ_1M;
	struct vm_struct area;
	bool guard;
	u8 *p = vmalloc(size);

	if (!KT_EXPECT(p))
		return;
	KT_EXPECT(find_vm_area_guard((unsigned long)p, &area, &guard) && !guard);
	KT_EXPECT(is_vmalloc_addr(area.pages) && area.nr_pages == size / PAGE_SIZE);
	p[size - 1] = 1;
	vfree(p);
}

/* New mappings are fenced (invalid -> valid may be cached until a fence). */
KTEST(vmalloc_fences_new_mappings)
{
	unsigned long one = nr_tlb_local_flush_one, all = nr_tlb_local_flush_all;
	void *p = vmalloc(4 * PAGE_SIZE);

	if (!KT_EXPECT(p))
		return;
	KT_EXPECT(nr_tlb_local_flush_one + nr_tlb_local_flush_all > one + all);
	vfree(p);
}
