# lib/radix-tree.c on the real slab and buddy allocator. The node cache's
# allocations are counted and made to fail by the test through link-time
# wrappers, so the kernel code needs no test hooks.
HOST_TESTS += radix_tree
radix_tree_SRCS := lib/radix-tree.c tests/host/test_radix_tree.c mm/slab.c \
	$(HOST_ARENA_SRCS) tests/host/slab_env_real.c
radix_tree_CFLAGS := -DCONFIG_SLAB_DEBUG \
	-Wl,--wrap=kmem_cache_alloc,--wrap=kmem_cache_free
