# The user ABI headers (include/uapi/) against Linux's own riscv64 UAPI
# headers (libc6-dev-riscv64-cross): values and struct layouts measured by
# the kernel's compiler, asserted by riscv64-linux-gnu-gcc in files
# generated into $(O)/host/abi; and the generated system-call table with
# kernel/sys_ni.c (test_abi.c), on a table generated from an empty list
# (the kernel's own table names calls the host test does not link).
HOST_TESTS += abi
ABI_EMPTY_TABLE := $(O)/host/abi_empty_table.c
abi_SRCS = kernel/sys_ni.c $(ABI_EMPTY_TABLE) tests/host/capture.c tests/host/test_abi.c
$(ABI_EMPTY_TABLE): scripts/gensyscalls.py include/uapi/unistd.h
	@mkdir -p $(dir $@)
	python3 scripts/gensyscalls.py include/uapi/unistd.h $@ /dev/null
abi_CFLAGS = -DKCC_STR='"$(CC)"' -DKCFLAGS_STR='"$(KCFLAGS)"' -DABI_DIR='"$(O)/host/abi.d"'
