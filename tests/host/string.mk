HOST_TESTS += string
string_SRCS := lib/string.c tests/host/test_string.c
string_CFLAGS := -include tests/host/include/host_rename.h -fno-builtin
