#!/usr/bin/env bash
# Process and system-call figures (docs/processes.md): one boot of rivet
# under -icount shift=0 (virtual time counts guest instructions, so the
# figures repeat exactly), 512 MiB, one hart, the root file system from
# $O/rootfs on virtio-blk with an /etc/rc that runs /bin/bench and powers
# off. Prints bench's lines and each figure beside Debian's Linux 6.12
# measured in the same QEMU set-up (the issue's reference numbers).
# Usage: bench-user.sh IMAGE BUILD_DIR
# BENCH_ARGS picks benchmarks by name ("fork_exec"); BENCH_APPEND adds to
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
mke2fs -q -t ext2 -b 4096 -d "$work/root" "$work/disk.img" 128M
echo "bench-user: booting rivet (-icount shift=0, 512 MiB, one hart)" >&2
MEM=512M TIMEOUT=900 NO_REBOOT=1 \
APPEND="console=ttyS0 loglevel=4 root=/dev/vda rw ${BENCH_APPEND:-}" \
	bash "$(dirname "$0")/qemu.sh" direct "$image" -icount shift=0 \
	-drive "file=$work/disk.img,format=raw,if=none,id=d0" \
	-device virtio-blk-device,drive=d0 < /dev/null > "$work/log.txt" 2>&1 || true
tr -d '\r' < "$work/log.txt" | grep -E '^bench: ' || {
	echo "bench-user: no figures; see $work/log.txt" >&2; exit 1; }
tr -d '\r' < "$work/log.txt" | awk '
BEGIN {
	linux["getppid"] = 444; linux["anon_fault"] = 4580; linux["cow_break"] = 5501
	linux["fork_exit_wait_16M"] = 1.75; linux["fork_exit_wait_64M"] = 6.45
	linux["fork_exec_wait"] = 546
	goal["getppid"] = 1.0
}
/^bench: [a-z_0-9A-Z]+ [0-9.]+ / {
	if ($2 in linux)
		printf "RATIO %s rivet/linux %.2f (rivet %s %s, Linux %s; goal <= %.1f)\n", $2,
		       $3 / linux[$2], $3, $4, linux[$2], ($2 in goal) ? goal[$2] : 0.5
}'
