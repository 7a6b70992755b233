# The block layer's portable core (block/bio.c, blk-core.c, genhd.c with
# the partition parser) on the host slab and buddy allocator, under a fake
# driver that completes requests when the test says (test_block.c).
HOST_TESTS += block
block_SRCS := block/bio.c block/blk-core.c block/genhd.c \
	block/partitions/check.c block/partitions/efi.c block/partitions/msdos.c \
	lib/crc32.c mm/slab.c $(HOST_ARENA_SRCS) tests/host/slab_env_real.c \
	tests/host/host_string.c tests/host/test_block.c
