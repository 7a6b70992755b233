#!/bin/sh
# Seed 003's experiment (the page cache) as the seed's BusyBox session ran
# it, in the folder given as $1 (a tmpfs one, as the seed's initramfs root
# was, or one on the ext2 root): free -k and the zones' nr_file_pages, then
# the same after each of three copies with dd. After every step one line
#   seed003: STEP used=KB free=KB cached=KB shared=KB file_pages=N
# gives the figures (used = MemTotal - MemFree, as the seed's free shows it)
# for tests/qemu to compare. RAM disk: /dev/ram0 (4 MiB by default).
#   sh /usr/share/rivet/seed003.sh DIR [RAMDISK]
dir=${1:?usage: seed003.sh DIR [RAMDISK]}
ram=${2:-/dev/ram0}
mkdir -p "$dir" && cd "$dir" || exit 1
rm -f ./big ./big2

# figures STEP: the summary line of one step.
figures() {
	awk -v step="$1" '
		FILENAME == "/proc/meminfo" { v[$1] = $2 }
		FILENAME == "/proc/zoneinfo" && $1 == "nr_file_pages" { fp += $2 }
		END {
			printf "seed003: %s used=%d free=%d cached=%d shared=%d file_pages=%d\n",
				step, v["MemTotal:"] - v["MemFree:"], v["MemFree:"],
				v["Cached:"], v["Shmem:"], fp
		}' /proc/meminfo /proc/zoneinfo
}

# step NAME: what the seed shows after each command.
step() {
	sync
	grep file_pages /proc/zoneinfo
	free -k
	figures "$1"
}

echo "seed003: in $dir with $ram"
step start
dd if="$ram" of=./big bs=4096 count=1024
step ram_to_big
dd if=./big of=./big2 bs=4096
step big_to_big2
dd if=./big of="$ram" bs=4096
step big_to_ram
rm -f ./big ./big2
echo "seed003: done"
