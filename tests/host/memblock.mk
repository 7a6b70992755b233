HOST_TESTS += memblock
memblock_SRCS := mm/memblock.c mm/mm_init.c mm/page_alloc.c mm/vmstat.c lib/seq_buf.c tests/host/highmem_host.c tests/host/test_memblock.c
