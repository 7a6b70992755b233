# The VFS and tmpfs (fs/*.c, mm/shmem.c) on the host storage stack
# (fs_sources.mk, fs_env.c), with the credentials hook so a test can be
# uid 1000: test_vfs.c.
HOST_TESTS += vfs
vfs_SRCS = $(HOST_FS_SRCS) tests/host/test_vfs.c
vfs_CFLAGS := -DHOST_CRED_HOOK -I.
vfs_OBJDIR := cred
