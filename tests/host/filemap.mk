# The page cache core (mm/filemap.c, readahead.c, swap.c, truncate.c,
# page-writeback.c, vmscan.c, lib/iov_iter.c) over the real buddy allocator
# and slab, with an in-memory file system in the test and stand-ins for the
# VFS and buffer-layer calls (so fs/*.c is not linked).
HOST_TESTS += filemap
filemap_SRCS := mm/filemap.c mm/readahead.c mm/swap.c mm/truncate.c mm/page-writeback.c \
	mm/vmscan.c lib/iov_iter.c lib/radix-tree.c kernel/mutex.c kernel/wait.c \
	block/bio.c block/blk-core.c block/genhd.c block/blk-sched.c \
	block/partitions/check.c block/partitions/efi.c block/partitions/msdos.c lib/crc32.c \
	mm/slab.c $(HOST_ARENA_SRCS) tests/host/slab_env_real.c tests/host/fs_env.c tests/host/host_string.c \
	tests/host/test_filemap.c
