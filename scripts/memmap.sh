#!/usr/bin/env bash
# The memory pictures (docs/bench.md, "Memory pictures"): boots rivet and
# Debian's Linux 6.12 on the same disk with scripts/memmap-job.sh (free-list
# snapshots before, during and after /bin/fragment's workload), then draws
# them with scripts/memmap.py + gnuplot into BUILD_DIR/memmap/:
# memmap-before.png, memmap-during.png, memmap-after.png and summary.txt.
# The boots go through scripts/bench-boot.sh (512 MiB, one hart, -icount).
#   memmap.sh BUILD_DIR            (KERNELS="rivet" draws rivet alone)
set -eu
out=${1:?usage: memmap.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
dir=$out/memmap
kernels=${KERNELS:-rivet linux}

die() { echo "memmap: $*" >&2; exit 1; }

# gnuplot-nox is among rivet's packages (scripts/deps.sh).
bash "$here/deps.sh"
command -v gnuplot >/dev/null || die "no gnuplot after 'scripts/deps.sh'"
[ -f "$here/bench-boot.sh" ] || die "scripts/bench-boot.sh is missing"

mkdir -p "$dir"
# The shared bench disk carries /bin/fragment: remade when the kernel or the
# root file system is newer than it.
export O=$out
disk=$out/bench/disk.img
if [ ! -s "$disk" ] || [ "$out/Image" -nt "$disk" ] || [ "$out/rootfs.stamp" -nt "$disk" ]; then
	bash "$here/bench-boot.sh" disk
fi
runs=()
for k in $kernels; do
	echo "memmap: booting $k with scripts/memmap-job.sh" >&2
	rm -f "$dir/$k.log"
	bash "$here/bench-boot.sh" "$k" "$here/memmap-job.sh" "$dir/$k.log" ||
		die "$k: the job did not finish; see $dir/$k.log"
	python3 "$here/memmap.py" check "$dir/$k.log" || die "$k: the snapshots do not parse"
	runs+=("$k=$dir/$k.log")
done
python3 "$here/memmap.py" render "$dir" "${runs[@]}"
cat "$dir/summary.txt"
echo "memmap: pictures in $dir:" $(cd "$dir" && ls memmap-*.png)
