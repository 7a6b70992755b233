#!/usr/bin/env bash
# QEMU halted at the first instruction with its gdb stub on :1234, and
# gdb-multiarch attached with the kernel's symbols (docs/debugging.md).
#   gdb.sh $O/rivet.elf $O/Image       (O: the build directory, default build)
set -eu
elf=$1 image=$2
PORT=${GDB_PORT:-1234}
console=${O:-build}/gdb-console.log
qemu-system-riscv64 -M virt -m "${MEM:-3G}" -nographic -bios default \
	-kernel "$image" -append "${APPEND:-console=ttyS0}" \
	-S -gdb tcp::"$PORT" -serial file:"$console" -monitor none &
qpid=$!
trap 'kill "$qpid" 2>/dev/null || true' EXIT
echo "QEMU pid $qpid; console output goes to $console"
gdb-multiarch -q "$elf" \
	-ex "set architecture riscv:rv64" \
	-ex "target remote :$PORT" \
	-ex "break start_kernel"
