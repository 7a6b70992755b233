#!/usr/bin/env bash
# SD card throughput on QEMU (docs/mmc.md, "SDHCI on QEMU"): a cold
# sequential read of the whole card (mmcblk0, 128 MiB) and a 32 MiB write
# with fsync of its raw partition mmcblk0p3 (the FAT boot partition of a
# throw-away copy) behind sdhci-pci, with ADMA2 and with PIO
# (sdhci.dma=0), beside the same through virtio-blk (vda and vda3 of
# another copy of the image, which also holds the root). Two boots;
# BusyBox dd on the target after dropping the caches, timed by
# /proc/uptime (10 ms); QEMU TCG wall-clock figures, never asserted.
# Prints "BENCH sdhci_adma2_read_128M <x> MiB/s" and likewise _write_32M,
# sdhci_pio_*, virtio_blk_*.
# Usage: bench-sd.sh IMAGE BUILD_DIR (BUILD_DIR/sdcard.img must exist)
set -eu
image=$1 out=$2
here=$(dirname "$0")
work=$out/bench-sd
mkdir -p "$work"
[ -f "$out/sdcard.img" ] || { echo "bench-sd: no $out/sdcard.img (make sdcard)" >&2; exit 1; }

# steps DISK PART TAG: expect.py steps timing a cold read of all of DISK
# and a 32 MiB write of its partition PART, each printed as
# "@@TAG-read BYTES T0 T1" (T0, T1 from /proc/uptime).
steps() {
	local disk=$1 part=$2 tag=$3 up='$(cut -d" " -f1 /proc/uptime)'
	printf '%s\n' \
		"sendline sync; echo 3 > /proc/sys/vm/drop_caches; t0=$up; dd if=$disk of=/dev/null bs=1M 2>/dev/null; t1=$up; echo \"@@$tag-read \$(blockdev --getsize64 $disk) \$t0 \$t1\"" \
		"expect 300 ^@@$tag-read [0-9]+ [0-9.]+ [0-9.]+\$" \
		"sendline t0=$up; dd if=/dev/zero of=$part bs=1M count=32 conv=fsync 2>/dev/null; t1=$up; echo \"@@$tag-write 33554432 \$t0 \$t1\"" \
		"expect 300 ^@@$tag-write [0-9]+ [0-9.]+ [0-9.]+\$"
}

# boot NAME APPEND_EXTRA STEPS: one boot, root on virtio vda4, the card behind sdhci-pci.
boot() {
	local name=$1 extra=$2 script=$work/$1.steps
	cp "$out/sdcard.img" "$work/sd.img"
	cp "$out/sdcard.img" "$work/vd.img"
	{
		echo "expect 60 init: starting /bin/sh"
		echo "expect 30 [#\$] (\\x1b\\[6n)?\$"
		printf '%s\n' "$3"
		echo "sendline poweroff"
		echo "exit 60"
	} >"$script"
	echo "bench-sd: booting rivet ($name)" >&2
	python3 "$here/../tests/qemu/expect.py" --log "$work/$name.raw" --timeout 900 --script "$script" -- \
		env APPEND="console=ttyS0 root=/dev/vda4 rw $extra" TIMEOUT=910 NO_REBOOT=1 \
		bash "$here/qemu.sh" direct "$image" \
		-drive "if=none,id=vd,format=raw,file=$work/vd.img" -device virtio-blk-device,drive=vd \
		-drive "if=none,id=sdcard,format=raw,file=$work/sd.img" -device sdhci-pci \
		-device sd-card,drive=sdcard >"$work/$name.expect" 2>&1 ||
		echo "bench-sd: the $name boot did not finish (see $work/$name.expect)" >&2
	tr -d '\r' <"$work/$name.raw" >"$work/$name.log"
}

boot adma2 "" "$(steps /dev/mmcblk0 /dev/mmcblk0p3 sdhci_adma2; steps /dev/vda /dev/vda3 virtio_blk)"
boot pio "sdhci.dma=0" "$(steps /dev/mmcblk0 /dev/mmcblk0p3 sdhci_pio)"
rm -f "$work/sd.img" "$work/vd.img"

# "@@TAG-read BYTES T0 T1" -> "BENCH TAG_read_<N>M <MiB/s> MiB/s"
cat "$work/adma2.log" "$work/pio.log" | awk '
/^@@[a-z0-9_]+-(read|write) [0-9]+ [0-9.]+ [0-9.]+$/ {
	split(substr($1, 3), t, "-")
	secs = $4 - $3
	mib = $2 / 1048576
	if (secs > 0)
		printf "BENCH %s_%s_%dM %.1f MiB/s\n", t[1], t[2], mib, mib / secs
	else
		printf "bench-sd: %s %s of %d MiB took under 10 ms: not timed\n", t[1], t[2], mib
	n++
}
END { if (!n) { print "bench-sd: no figures" > "/dev/stderr"; exit 1 } }'
