# fs/ext2 on the host storage stack (fs_sources.mk) with image-file disks:
# images made by tests/host/mkext2img.sh (mke2fs -d, debugfs -w) into
# $(O)/host/ext2img, checked afterwards with e2fsck -fn and debugfs.
HOST_TESTS += ext2
ext2_SRCS = $(HOST_FS_SRCS) $(wildcard fs/ext2/*.c) tests/host/capture.c tests/host/test_ext2.c
