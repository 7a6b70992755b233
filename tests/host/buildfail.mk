# Build-time checks: compiles snippets that must (not) build.
HOST_TESTS += buildfail
buildfail_SRCS := tests/host/test_buildfail.c
buildfail_CFLAGS := -DHOSTCC_STR='"$(HOSTCC)"' \
	-DBUILDFAIL_FLAGS='"-std=gnu11 -Wall -Werror -Iinclude -Itests/host/include"'
