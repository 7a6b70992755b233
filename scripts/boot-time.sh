#!/usr/bin/env bash
# Seconds from QEMU start to rivet's banner, on the U-Boot path and the
# direct path: median of N runs (default 5), all in one invocation so the
# two paths are compared under the same machine load.
#   boot-time.sh [N]
set -eu
cd "$(dirname "$0")/.."
N=${1:-5}
O=${O:-build}
img=$O/bench-sdcard.img
bash scripts/mksdcard.sh "$img" $O/Image board/qemu-virt/extlinux.conf "" \
	"console=ttyS0 poweroff_after=1" >/dev/null

# time_to_banner MODE FILE: prints milliseconds until the banner line.
time_to_banner() {
	local start now
	start=$(date +%s%N)
	APPEND="console=ttyS0 poweroff_after=1" TIMEOUT=60 NO_REBOOT=1 \
		bash scripts/qemu.sh "$1" "$2" </dev/null 2>&1 |
	while IFS= read -r line; do
		if [[ $line == *"booting on hart"* ]]; then
			now=$(date +%s%N)
			echo $(((now - start) / 1000000))
		fi
	done
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for mode in uboot direct; do
	file=$img; [ $mode = direct ] && file=$O/Image
	for _ in $(seq "$N"); do time_to_banner $mode "$file"; done > "$O/boot-$mode.ms"
	printf '%-7s median %s ms over %s runs (%s)\n' $mode \
		"$(median < "$O/boot-$mode.ms")" "$N" "$(tr '\n' ' ' < "$O/boot-$mode.ms")"
done
