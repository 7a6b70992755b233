HOST_TESTS += string
string_SRCS := lib/string.c tests/host/test_string.c
string_CFLAGS := $(HOST_RENAME_CFLAGS)
