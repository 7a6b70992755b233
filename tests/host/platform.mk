# Driver binding: drivers/of + drivers/base on the real DTBs and synthetic
# trees; test_platform.c includes drivers/tty/serial8250.c itself.
HOST_TESTS += platform
platform_SRCS := lib/fdt.c lib/fdt_scan.c $(wildcard drivers/of/*.c) \
	drivers/base/platform.c tests/host/test_platform.c tests/host/dtb_util.c \
	tests/host/capture.c
