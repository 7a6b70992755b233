# The user ABI headers (include/uapi/) against Linux's own riscv64 UAPI
# headers (libc6-dev-riscv64-cross): values and struct layouts measured by
# the kernel's compiler, asserted by riscv64-linux-gnu-gcc in files
# generated into $(O)/host/abi; and the generated system-call table with
# kernel/sys_ni.c (test_abi.c).
HOST_TESTS += abi
abi_SRCS = kernel/sys_ni.c $(SYSCALL_TABLE) tests/host/capture.c tests/host/test_abi.c
abi_CFLAGS = -DKCC_STR='"$(CC)"' -DKCFLAGS_STR='"$(KCFLAGS)"' -DABI_DIR='"$(O)/host/abi.d"'
