HOST_TESTS += page_alloc
page_alloc_SRCS := $(HOST_ARENA_SRCS) tests/host/test_page_alloc.c
HOST_BENCHES += bench_page_alloc
bench_page_alloc_SRCS := $(HOST_ARENA_SRCS) tests/host/bench_page_alloc.c
