HOST_TESTS += kstrtox
kstrtox_SRCS := lib/kstrtox.c lib/string.c tests/host/libc_ctype.c tests/host/test_kstrtox.c
kstrtox_CFLAGS := $(HOST_RENAME_CFLAGS)
