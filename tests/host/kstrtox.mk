HOST_TESTS += kstrtox
kstrtox_SRCS := lib/kstrtox.c lib/string.c tests/host/libc_ctype.c tests/host/test_kstrtox.c
kstrtox_CFLAGS := -include tests/host/include/host_rename.h -fno-builtin
