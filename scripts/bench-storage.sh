#!/usr/bin/env bash
# Storage figures (docs/pagecache.md): one boot of rivet under -icount
# shift=0 (virtual time counts guest instructions, so the figures repeat
# exactly) with an ext2 disk holding a 64 MiB file. Prints the BENCH lines
# and the two ratios the storage goals are about:
#   cold file read / raw device read (goal >= 0.8)
#   warm file read / in-kernel memcpy (goal >= 0.8)
# Usage: bench-storage.sh IMAGE BUILD_DIR
set -eu
image=$1 out=$2
work=$out/bench-storage
mkdir -p "$work/root/bench"
if [ ! -f "$work/disk.img" ] || [ "$work/disk.img" -ot "$0" ]; then
	head -c $((64 << 20)) /dev/urandom > "$work/root/bench/file64"
	rm -f "$work/disk.img"
	mke2fs -q -t ext2 -b 4096 -d "$work/root" "$work/disk.img" 256M
fi
cp "$work/disk.img" "$work/run.img"	# the write benchmark changes it
echo "bench-storage: booting rivet (-icount shift=0, 512 MiB, ext2 on virtio-blk)" >&2
MEM=512M TIMEOUT=600 NO_REBOOT=1 \
APPEND="console=ttyS0 loglevel=6 root=/dev/vda rw ktest=bench_storage poweroff_after=1" \
	bash "$(dirname "$0")/qemu.sh" direct "$image" -icount shift=0 \
	-drive "file=$work/run.img,format=raw,if=none,id=d0" \
	-device virtio-blk-device,drive=d0 > "$work/log.txt" 2>&1 || true
tr -d '\r' < "$work/log.txt" | grep -E 'BENCH|ktest: (not ok|[0-9]+ passed)' || {
	echo "bench-storage: no figures; see $work/log.txt" >&2; exit 1; }
tr -d '\r' < "$work/log.txt" | awk '
/BENCH [a-z_]+ [0-9.]+ MiB\/s/ { for (i = 1; i < NF; i++) if ($i == "BENCH") v[$(i + 1)] = $(i + 2) }
END {
	if (v["raw_read"] > 0 && v["file_read_cold"] > 0)
		printf "RATIO cold_file_read/raw_read %.2f (goal >= 0.8)\n", v["file_read_cold"] / v["raw_read"]
	if (v["memcpy"] > 0 && v["file_read_warm"] > 0)
		printf "RATIO warm_file_read/memcpy %.2f (goal >= 0.8)\n", v["file_read_warm"] / v["memcpy"]
}'
