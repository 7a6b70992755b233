# Partition tables (block/partitions/) on images made by sgdisk, sfdisk,
# fdisk and scripts/mksdcard.sh (tests/host/mkpartimg.sh, run by the test
# into $(O)/host/partimg), their damaged copies, and a fuzz loop.
HOST_TESTS += partitions
partitions_SRCS := block/partitions/check.c block/partitions/efi.c \
	block/partitions/msdos.c lib/crc32.c lib/string.c lib/vsprintf.c \
	tests/host/kallsyms_fake.c tests/host/test_partitions.c tests/host/capture.c
partitions_CFLAGS := $(HOST_RENAME_CFLAGS)
