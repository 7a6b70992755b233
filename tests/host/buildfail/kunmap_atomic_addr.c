/* Must build: the control for kunmap_atomic_page.c. */
#include <linux/highmem.h>

void good(struct page *page)
{
	void *addr = kmap_atomic(page);

	kunmap_atomic(addr);
}
