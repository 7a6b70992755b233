# The file system calls (fs/file.c, fs_struct.c, namei.c, open.c, ...)
# through their sys_* entry points on the host storage stack, on tmpfs and
# an ext2 image mke2fs makes, with the credentials hook and the host
# uaccess shim's faulting range: test_fsys.c.
HOST_TESTS += fsys
# (fs/exec.c needs the real asm/mmu_context.h: not built here)
fsys_SRCS = $(filter-out fs/exec.c,$(HOST_FS_SRCS)) $(wildcard fs/ext2/*.c) tests/host/test_fsys.c
fsys_CFLAGS := -DHOST_CRED_HOOK -I.
fsys_OBJDIR := cred
