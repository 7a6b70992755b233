HOST_TESTS += memmap
memmap_SRCS := $(HOST_ARENA_SRCS) tests/host/test_memmap.c
