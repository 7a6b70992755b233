/*
 * In-kernel tests of the slab allocator (ktest=slab): kmalloc size classes
 * on the real memory map, constructors, and a debug cache catching a
 * planted double free and overflow without breaking. The slab logic
 * itself is tested on the host (tests/host/test_slab.c).
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>

/* Sizes from 1 B to 128 KiB: usable in full, lowmem, kmalloc(0) is ZERO_SIZE_PTR. */
KTEST(slab_kmalloc_sizes)
{
	for (size_t size = 1; size <= 128 * 1024; size = size * 3 / 2 + 1) {
		u8 *p = kmalloc(size, GFP_KERNEL);

		if (!KT_EXPECT_MSG(p, "kmalloc(%zu)", size))
			continue;
		KT_EXPECT(ksize(p) >= size);
		KT_EXPECT(!PageHighMem(virt_to_page(p)));
		memset(p, 0xa5, size);
		KT_EXPECT(p[size - 1] == 0xa5);
		kfree(p);
	}
	KT_EXPECT(kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	kfree(NULL);
}

static int ctor_calls;

/* Counts its calls and marks the 40-byte object, for slab_cache_ctor. */
static void count_ctor(void *obj)
{
	ctor_calls++;
	memset(obj, 0x11, 40);
}

/* Every object of a cache with a constructor comes out constructed. */
KTEST(slab_cache_ctor)
{
	struct kmem_cache *c = kmem_cache_create("ktest_ctor", 40, 8, 0, count_ctor);
	void *objs[100];
	int i;

	if (!KT_EXPECT(c))
		return;
	ctor_calls = 0;
	for (i = 0; i < 100; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KT_EXPECT(objs[i] && ((u8 *)objs[i])[39] == 0x11);
	}
	KT_EXPECT(ctor_calls >= 100);
	for (i = 0; i < 100; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_shrink(c);
	kmem_cache_destroy(c);
}

/* A debug cache reports a double free and a one-byte overflow, then still works. */
KTEST(slab_debug_catches_bugs)
{
	struct kmem_cache *c = kmem_cache_create("ktest_debug", 64, 8, SLAB_DEBUG_FLAGS, NULL);
	unsigned long errors = slab_debug_errors;
	u8 *a, *b;

	if (!KT_EXPECT(c))
		return;
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	if (!KT_EXPECT(a && b))
		return;
	kmem_cache_free(c, a);
	kmem_cache_free(c, a);		/* double free */
	KT_EXPECT(slab_debug_errors == errors + 1);
	b[64] = 0;			/* one byte past the end */
	kmem_cache_free(c, b);
	KT_EXPECT(slab_debug_errors == errors + 2);
	a = kmem_cache_alloc(c, GFP_KERNEL);	/* still works */
	KT_EXPECT(a != NULL);
	kmem_cache_free(c, a);
	KT_EXPECT(slab_debug_errors == errors + 2);
}

/* kmalloc with GFP_DMA32 is below 4 GiB: in ZONE_DMA32, from dma-kmalloc-*. */
KTEST(slab_kmalloc_dma32)
{
	void *a = kmalloc(64, GFP_KERNEL | GFP_DMA32), *b = kmalloc(4096, GFP_KERNEL);

	if (!KT_EXPECT(a && b))
		goto out;
	KT_EXPECT(page_zonenum(virt_to_page(a)) == ZONE_DMA32);
	KT_EXPECT(__pa(a) < (1UL << 32));
	KT_EXPECT(IS_ALIGNED((unsigned long)b, PAGE_SIZE));	/* slab_debug or not */
out:
	kfree(a);
	kfree(b);
}
