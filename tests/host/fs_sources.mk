# The storage stack as the host tests link it (fs_env.c is its environment):
# the block layer with the partition parser, the page cache, LRU, write-back
# and reclaim, iov_iter and the radix tree, mutexes and wait queues, the VFS
# and block-device files (fs/*.c), tmpfs, on the real slab and buddy
# allocator of the test arena. A file system adds its own (fs/ext2/*.c).
HOST_FS_STACK := block/bio.c block/blk-core.c block/genhd.c block/blk-sched.c \
	block/partitions/check.c block/partitions/efi.c block/partitions/msdos.c \
	lib/crc32.c lib/iov_iter.c lib/radix-tree.c kernel/mutex.c kernel/wait.c \
	mm/filemap.c mm/readahead.c mm/swap.c mm/truncate.c mm/page-writeback.c \
	mm/vmscan.c mm/shmem.c $(wildcard fs/*.c) lib/kstrtox.c \
	drivers/rtc/timekeeping.c drivers/base/devtmpfs.c
# Not portable: boot glue (the root= mount and its command-line parameters)
# and execve (it builds address spaces: ktests and usertests cover it).
HOST_FS_NOT_PORTABLE := fs/init.c fs/exec.c
HOST_FS_SRCS := $(filter-out $(HOST_FS_NOT_PORTABLE),$(HOST_FS_STACK)) \
	mm/slab.c $(HOST_ARENA_SRCS) tests/host/slab_env_real.c tests/host/fs_env.c tests/host/host_string.c \
	tests/host/signal_env.c
# An fs test's .mk may be read before this file, so it sets its sources
# with "=": name_SRCS = $(HOST_FS_SRCS) tests/host/test_name.c
