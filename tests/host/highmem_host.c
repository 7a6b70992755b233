/*
 * Host stand-ins for mm/highmem.c: in the test arena every frame, highmem
 * included, is reachable through __va, so kmap and kmap_atomic are just
 * the linear address. Test-only code.
 */
#include <string.h>
#include <linux/highmem.h>
#include <linux/preempt.h>

void *page_address(const struct page *page)
{
	return lowmem_page_address(page);
}

void *kmap(struct page *page)
{
	return lowmem_page_address(page);
}

void kunmap(struct page *page)
{
}

/* Preemption goes off and on as in the kernel, for might_sleep's sake. */
void *kmap_atomic(struct page *page)
{
	preempt_disable();
	return lowmem_page_address(page);
}

void __kunmap_atomic(void *addr)
{
	preempt_enable();
}

void clear_highpage(struct page *page)
{
	void *addr = kmap_atomic(page);

	memset(addr, 0, PAGE_SIZE);
	kunmap_atomic(addr);
}
