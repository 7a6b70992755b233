HOST_TESTS += vsprintf
vsprintf_SRCS := lib/vsprintf.c lib/string.c tests/host/kallsyms_fake.c tests/host/test_vsprintf.c
vsprintf_CFLAGS := $(HOST_RENAME_CFLAGS)
