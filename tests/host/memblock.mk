HOST_TESTS += memblock
memblock_SRCS := $(HOST_PAGE_ALLOC_SRCS) tests/host/test_memblock.c
