# The slab on the real buddy allocator (mm/page_alloc.c + memblock),
# with and without CONFIG_SLAB_DEBUG.
SLAB_PAGES := $(HOST_ARENA_SRCS) tests/host/slab_env_real.c
HOST_TESTS += slab slab_nodebug
slab_SRCS := mm/slab.c tests/host/test_slab.c tests/host/capture.c $(SLAB_PAGES)
slab_CFLAGS := -DCONFIG_SLAB_DEBUG
slab_nodebug_SRCS := $(slab_SRCS)
HOST_BENCHES += bench_slab
bench_slab_SRCS := mm/slab.c tests/host/bench_slab.c $(SLAB_PAGES)
