#!/usr/bin/env bash
# Build the boot image: GPT with a FAT boot partition (Image, DTBs,
# extlinux/extlinux.conf; legacy-BIOS-bootable bit so U-Boot's distro boot
# scans it) and an ext2 root partition made by mke2fs -d (boards.md 3.2).
# The VisionFive 2 SPL/U-Boot partitions (1, 2) are left empty here.
#   mksdcard.sh OUT.img IMAGE EXTLINUX_CONF [ROOT_DIR] [APPEND]
# APPEND, if given, replaces the kernel command line (the append line) in
# the image's copy of extlinux.conf; `make sdcard`/`make run` pass $APPEND.
set -eu
out=$1 image=$2 conf=$3 rootdir=${4:-} append=${5:-}
export PATH=$PATH:/usr/sbin:/sbin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# replace_append CONF TEXT: CONF with every "append ..." line's arguments
# replaced by TEXT, taken literally (quotes, '|', '&' and '\' included).
# Fails if CONF has no append line.
replace_append() {
	local line found=0
	while IFS= read -r line || [ -n "$line" ]; do
		if [[ $line =~ ^([[:space:]]*append)([[:space:]]|$) ]]; then
			printf '%s %s\n' "${BASH_REMATCH[1]}" "$2"
			found=1
		else
			printf '%s\n' "$line"
		fi
	done <"$1"
	[ "$found" = 1 ] || { echo "mksdcard: no append line in $1" >&2; return 1; }
}

# The root holds BusyBox and rivet's user programs (docs/userspace.md).
boot_mib=32 root_mib=64
# Sectors (512 B): p1 spl 4096-8191, p2 uboot 8192-16383, p3 boot, p4 root.
boot_start=16384
boot_end=$((boot_start + boot_mib * 2048 - 1))
root_start=$((boot_end + 1))
root_end=$((root_start + root_mib * 2048 - 1))
total=$(((root_end + 1 + 2048) * 512))

rm -f "$out"
truncate -s "$total" "$out"
sgdisk -o \
	-n 1:4096:8191 -c 1:spl -t 1:2E54B353-1271-4842-806F-E436D6AF6985 \
	-n 2:8192:16383 -c 2:uboot -t 2:BC13C2FF-59E6-4262-A352-B275FD6F7172 \
	-n 3:$boot_start:$boot_end -c 3:boot -t 3:EBD0A0A2-B9E5-4433-87C0-68B6B72699C7 \
	-A 3:set:2 \
	-n 4:$root_start:$root_end -c 4:root -t 4:0FC63DAF-8483-4772-8E79-3D69D8477DE4 \
	"$out" >/dev/null

# FAT boot partition.
mkfs.vfat -C -n BOOT "$tmp/boot.fat" $((boot_mib * 1024)) >/dev/null
if [ -n "$append" ]; then
	replace_append "$conf" "$append" >"$tmp/extlinux.conf"
else
	cp "$conf" "$tmp/extlinux.conf"
fi
mmd -i "$tmp/boot.fat" ::/extlinux
mcopy -i "$tmp/boot.fat" "$tmp/extlinux.conf" ::/extlinux/extlinux.conf
mcopy -i "$tmp/boot.fat" "$image" ::/Image
if [ -d .cache/dtbs ]; then
	mmd -i "$tmp/boot.fat" ::/dtbs
	for d in .cache/dtbs/visionfive*.dtb; do
		[ -f "$d" ] && mcopy -i "$tmp/boot.fat" "$d" ::/dtbs/
	done
fi
dd if="$tmp/boot.fat" of="$out" bs=512 seek=$boot_start conv=notrunc status=none

# ext2 root partition from a staging folder.
mkdir -p "$tmp/root"
if [ -n "$rootdir" ] && [ -d "$rootdir" ]; then
	cp -a "$rootdir/." "$tmp/root/"
fi
echo "rivet root file system" > "$tmp/root/RIVET"
mke2fs -q -t ext2 -b 4096 -L root -d "$tmp/root" "$tmp/root.ext2" "${root_mib}M" >/dev/null
dd if="$tmp/root.ext2" of="$out" bs=512 seek=$root_start conv=notrunc status=none
echo "sdcard: $out ($((total / 1048576)) MiB)"
