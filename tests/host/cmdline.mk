HOST_TESTS += cmdline
cmdline_SRCS := lib/cmdline.c lib/kstrtox.c lib/string.c tests/host/test_cmdline.c tests/host/capture.c
cmdline_CFLAGS := $(HOST_RENAME_CFLAGS)
