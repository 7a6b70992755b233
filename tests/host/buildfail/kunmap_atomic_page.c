/* Must not build: kunmap_atomic takes the address, not the struct page. */
#include <linux/highmem.h>

void bad(struct page *page)
{
	kmap_atomic(page);
	kunmap_atomic(page);
}
