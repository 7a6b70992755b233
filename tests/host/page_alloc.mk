HOST_TESTS += page_alloc
page_alloc_SRCS := mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/vmstat.c lib/seq_buf.c tests/host/highmem_host.c tests/host/page_alloc_arena.c tests/host/test_page_alloc.c
HOST_BENCHES += bench_page_alloc
bench_page_alloc_SRCS := mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/vmstat.c lib/seq_buf.c tests/host/highmem_host.c tests/host/page_alloc_arena.c tests/host/bench_page_alloc.c
