# Source sets the host programs share (tests/host/*.mk pick from these).

# The buddy allocator as the kernel links it: memblock hands pages over,
# vmstat counts and prints them; highmem_host.c stands in for mm/highmem.c.
HOST_PAGE_ALLOC_SRCS := mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/vmstat.c \
	lib/seq_buf.c tests/host/highmem_host.c
# The same on the test arena: three zones of "physical memory" in a host buffer.
HOST_ARENA_SRCS := $(HOST_PAGE_ALLOC_SRCS) tests/host/page_alloc_arena.c

# lib/ files with libc's names (memcpy, snprintf, ...) are built renamed to
# kern_*, so a test can compare them with libc's (host_rename.h).
HOST_RENAME_CFLAGS := -include tests/host/include/host_rename.h -fno-builtin
