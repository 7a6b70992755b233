# mm/mmap.c (VMAs: find_vma, vma_merge, split, get_unmapped_area, mmap,
# munmap, mprotect) with lib/rbtree.c on the real slab and buddy allocator.
# VMA allocations are counted and made to fail through link-time wrappers.
HOST_TESTS += mmap
mmap_SRCS := mm/mmap.c lib/rbtree.c tests/host/test_mmap.c mm/slab.c \
	$(HOST_ARENA_SRCS) tests/host/slab_env_real.c
mmap_CFLAGS := -DCONFIG_SLAB_DEBUG \
	-Wl,--wrap=kmem_cache_alloc,--wrap=kmem_cache_zalloc,--wrap=kmem_cache_free
