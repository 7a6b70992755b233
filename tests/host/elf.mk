# fs/binfmt_elf.c and fs/binfmt_script.c (docs/exec.md): riscv64 binaries
# built at test time by riscv64-linux-gnu-gcc into $(O)/host/elf and
# compared with riscv64-linux-gnu-readelf -lW, hand-made refusals, the
# initial stack read back, mutation fuzzing (test_elf.c).
HOST_TESTS += elf
elf_SRCS := fs/binfmt_elf.c fs/binfmt_script.c tests/host/test_elf.c
