HOST_TESTS += fdt
fdt_SRCS := lib/fdt.c lib/fdt_scan.c tests/host/test_fdt.c tests/host/dtb_util.c
