#!/usr/bin/env bash
# QEMU's sd-card takes only images whose size is a power of two: copy
# IN.img to OUT.img, grow the copy to the next power of two and move its
# backup GPT to the new end (sgdisk -e). IN is left as it is.
#   sd-pow2.sh IN.img OUT.img
set -eu
in=$1 out=$2
export PATH=$PATH:/usr/sbin:/sbin
size=$(stat -c %s "$in")
pow=$((1 << 20))
while [ "$pow" -lt "$size" ]; do pow=$((pow * 2)); done
cp "$in" "$out"
if [ "$pow" -ne "$size" ]; then
	truncate -s "$pow" "$out"
	sgdisk -e "$out" >/dev/null
fi
