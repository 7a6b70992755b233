# fs/buffer.c, fs/mpage.c and fs/block_dev.c on the host storage stack
# (fs_sources.mk) with image-file disks (fs_env.c): test_buffer.c.
HOST_TESTS += buffer
buffer_SRCS = $(HOST_FS_SRCS) tests/host/capture.c tests/host/test_buffer.c
