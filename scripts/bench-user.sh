#!/usr/bin/env bash
# Process, memory and file figures (docs/bench.md, "The programs"): one boot
# of rivet under -icount shift=0 (virtual time counts guest instructions, so
# the CPU-bound figures repeat exactly), 512 MiB, one hart, the root file
# system from $O/rootfs on a 256 MiB ext2 virtio-blk disk (room for the
# 64 MiB read file) with an /etc/rc that runs /bin/bench and powers off.
# Prints bench's BENCH lines and, for the rows issue 8 measured on Debian's
# Linux 6.12 in the same QEMU set-up, the ratio rivet/Linux (lower is
# better for these ns/us rows). scripts/bench-boot.sh runs both kernels.
# Usage: bench-user.sh IMAGE BUILD_DIR
# BENCH_ARGS picks rows by name or pattern ("fork_*"); BENCH_APPEND adds to
# the command line ("profile=1 hz=1000" prints a kernel profile at the end).
set -eu
image=$1 out=$2
work=$out/bench-user
rm -rf "$work/root"
mkdir -p "$work"
cp -a "$out/rootfs" "$work/root"
printf '#!/bin/sh\n/bin/bench %s\nsync\npoweroff -f\n' "${BENCH_ARGS:-}" > "$work/root/etc/rc"
chmod 755 "$work/root/etc/rc"
rm -f "$work/disk.img"
mke2fs -q -t ext2 -b 4096 -d "$work/root" "$work/disk.img" 256M
echo "bench-user: booting rivet (-icount shift=0, 512 MiB, one hart)" >&2
MEM=512M TIMEOUT=900 NO_REBOOT=1 \
APPEND="console=ttyS0 loglevel=4 root=/dev/vda rw ${BENCH_APPEND:-}" \
	bash "$(dirname "$0")/qemu.sh" direct "$image" -icount shift=0 \
	-drive "file=$work/disk.img,format=raw,if=none,id=d0" \
	-device virtio-blk-device,drive=d0 < /dev/null > "$work/log.txt" 2>&1 || true
tr -d '\r' < "$work/log.txt" | grep -E '^BENCH' || {
	echo "bench-user: no figures; see $work/log.txt" >&2; exit 1; }
tr -d '\r' < "$work/log.txt" | grep -q '^BENCH-END' || {
	echo "bench-user: bench did not finish; see $work/log.txt" >&2; exit 1; }
# Issue 8's Linux 6.12 figures (same QEMU, -icount shift=0, 512 MiB).
tr -d '\r' < "$work/log.txt" | awk '
BEGIN {
	linux["null_syscall"] = 444; linux["anon_fault"] = 4580; linux["cow_break"] = 5501
	linux["fork_exit_wait_16M"] = 1750; linux["fork_exit_wait_64M"] = 6450
	linux["fork_exec_wait"] = 546
	goal["null_syscall"] = 1.0
}
$1 == "BENCH" && ($2 in linux) && $3 > 0 {
	printf "RATIO %s rivet/linux %.2f (rivet %s %s, Linux %s %s; lower is better; goal <= %.1f)\n",
	       $2, $3 / linux[$2], $3, $4, linux[$2], $4, ($2 in goal) ? goal[$2] : 0.5
}'
