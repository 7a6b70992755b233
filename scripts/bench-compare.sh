#!/usr/bin/env bash
# rivet beside Linux (docs/bench.md): builds rivet and its root, makes the
# shared benchmark disk, boots each kernel BOOTS times with /bin/bench as
# the job (scripts/bench-boot.sh), collects the BENCH lines, and writes
# $O/bench/report.md (medians, rivet/Linux ratios, the physical floors) and
# PNG plots beside it (scripts/bench-report.py, scripts/plot/*.gp).
#   bench-compare.sh
# Environment:
#   O           build folder (build)
#   MODE        icount (default: -icount shift=0, virtual time counts guest
#               instructions, figures repeat) or tcg (wall clock; the two
#               kernels' boots interleave so host load hits both alike)
#   BOOTS       boots per kernel (3 under icount, 5 under tcg)
#   JOBS        boots run at once under icount (1; 2 halves the time and
#               keeps the CPU-bound figures, but the disk rows follow the
#               host's speed, so they drop); always 1 under tcg
#   BENCH_ARGS  rows for /bin/bench (default: all)
#   PROFILE     rows to profile on rivet afterwards, one extra boot each of
#               rivet (profile=1 hz=1000) and Linux (for the counters):
#               "cow_break pipe", "auto" (default: the rows where rivet is
#               more than 10% behind, at most 4) or "none"; these boots
#               also count sfence.vma and satp writes (scripts/qemu-sfence.c)
#   NO_BUILD=1  use $O/Image and $O/rootfs as they are
set -eu
O=${O:-build} MODE=${MODE:-icount}
case $MODE in
icount) BOOTS=${BOOTS:-3} JOBS=${JOBS:-1} ;;
tcg) BOOTS=${BOOTS:-5} JOBS=1 ;;
*) echo "bench-compare: MODE=$MODE: icount or tcg" >&2; exit 2 ;;
esac
PROFILE=${PROFILE:-auto}
here=$(cd "$(dirname "$0")" && pwd)
out=$O/bench
res=$out/compare
export O MODE

say() { echo "bench-compare: $*" >&2; }
die() { say "$*"; exit 1; }

started=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
if [ "${NO_BUILD:-0}" != 1 ]; then
	say "building rivet and its root file system (make O=$O all rootfs)"
	make --no-print-directory O="$O" all rootfs >/dev/null || die "the build failed"
fi
rm -rf "$res"
mkdir -p "$res"
bash "$here/bench-boot.sh" disk
say "fetching Debian's Linux (cached after the first time)"
bash "$here/fetch-linux.sh" "$(dirname "$here")/.cache/linux" >&2 || die "no Linux kernel"

# write_job FILE ROWS: the job both kernels run: /bin/bench ROWS between
# two snapshots of the kernel's event counters.
write_job() {
	local pick='^(pgfault|pgmajfault|pgalloc_[a-z0-9]+|pgfree|cow_fault|cow_reuse|zero_page_map|nr_page_table_pages|nr_tlb_[a-z_]+) '
	cat > "$1" <<EOF
#!/bin/sh
# bench-compare.sh's job: /bin/bench between two looks at /proc/vmstat.
grep -E '$pick' /proc/vmstat | sed 's/^/VMSTAT0 /'
/bin/bench $2
status=\$?
grep -E '$pick' /proc/vmstat | sed 's/^/VMSTAT1 /'
exit \$status
EOF
}

# run_boot KERNEL TAG JOB LOG: one boot, its BENCH rows shown as they come.
run_boot() {
	local kernel=$1 tag=$2 job=$3 log=$4 pid seen=0 n rc t0=$SECONDS
	say "[$tag] booting $kernel"
	: > "$log"
	bash "$here/bench-boot.sh" "$kernel" "$job" "$log" &
	pid=$!
	trap 'kill $pid 2>/dev/null; exit 130' INT TERM
	while kill -0 $pid 2>/dev/null; do
		sleep 1
		n=$(grep -c '^BENCH ' "$log" 2>/dev/null || true)
		if [ "${n:-0}" -gt "$seen" ]; then
			grep '^BENCH ' "$log" | tr -d '\r' | sed -n "$((seen + 1)),${n}p" |
				while read -r _ name value unit; do
					say "[$tag] $name $value $unit"
				done
			seen=$n
		fi
	done
	rc=0
	wait $pid || rc=$?
	trap - INT TERM
	case $rc in
	0) say "[$tag] done in $((SECONDS - t0)) s" ;;
	1) say "[$tag] finished in $((SECONDS - t0)) s, but /bin/bench failed (see $log)" ;;
	*) say "[$tag] did not finish (see $log)"; return 1 ;;
	esac
}

# run_all SPEC...: the boots SPEC = "kernel|tag|job|log|append", JOBS at a
# time, in order; prints how many did not finish.
run_all() {
	local spec k tag job log app pids=() running=0 failed=0
	trap 'kill ${pids[*]} 2>/dev/null; exit 130' INT TERM
	for spec in "$@"; do
		IFS='|' read -r k tag job log app <<<"$spec"
		if [ "$running" -ge "$JOBS" ]; then
			wait -n || true
			running=$((running - 1))
		fi
		RIVET_APPEND=$app run_boot "$k" "$tag" "$job" "$log" >&2 &
		pids+=($!)
		running=$((running + 1))
	done
	wait || true
	trap - INT TERM
	for spec in "$@"; do
		IFS='|' read -r k tag job log app <<<"$spec"
		grep -q '^bench-boot: job finished, status' "$log" 2>/dev/null || failed=$((failed + 1))
	done
	echo "$failed"
}

write_job "$res/job.sh" "${BENCH_ARGS:-}"
specs=()
if [ "$MODE" = tcg ]; then
	for i in $(seq 1 "$BOOTS"); do
		for k in rivet linux; do
			specs+=("$k|$k boot $i/$BOOTS|$res/job.sh|$res/$k-$i.log|")
		done
	done
else
	for i in $(seq 1 "$BOOTS"); do
		for k in linux rivet; do
			specs+=("$k|$k boot $i/$BOOTS|$res/job.sh|$res/$k-$i.log|")
		done
	done
fi
say "$((2 * BOOTS)) boots, $JOBS at a time ($MODE)"
failed=$(run_all "${specs[@]}")
[ "$failed" -lt $((2 * BOOTS)) ] || die "no boot finished; logs in $res"

# The rows to profile: named, or where rivet is behind by more than 10%.
prof=$PROFILE
if [ "$prof" = auto ]; then
	prof=$(python3 "$here/bench-report.py" --behind "$res" 1.10 4)
fi
[ "$prof" = none ] && prof=""
# These boots also count the TLB flushes (scripts/qemu-sfence.c, a QEMU
# plugin built here), beside a boot of each kernel that runs no row.
rprof="profile=1 hz=1000 loglevel=7"
specs=()
if [ -n "$prof" ]; then
	if ${HOSTCC:-gcc} -shared -fPIC -O2 -Wall -Wextra -Wno-unused-parameter \
		-o "$out/qemu-sfence.so" "$here/qemu-sfence.c"; then
		export QEMU_EXTRA="-plugin $out/qemu-sfence.so -d plugin"
		write_job "$res/job-none.sh" "-l"
		specs+=("rivet|baseline rivet|$res/job-none.sh|$res/baseline-rivet.log|$rprof"
			"linux|baseline linux|$res/job-none.sh|$res/baseline-linux.log|")
	else
		say "cannot build the sfence.vma counter; profiling without it"
	fi
fi
for row in $prof; do
	write_job "$res/job-$row.sh" "$row"
	specs+=("rivet|profile rivet $row|$res/job-$row.sh|$res/profile-rivet-$row.log|$rprof"
		"linux|counters linux $row|$res/job-$row.sh|$res/profile-linux-$row.log|")
done
[ ${#specs[@]} -gt 0 ] && run_all "${specs[@]}" > /dev/null
unset QEMU_EXTRA

wall=$(( $(date +%s) - started ))
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
python3 "$here/bench-report.py" --report "$res" "$out" \
	--mode "$MODE" --boots "$BOOTS" --jobs "$JOBS" --wall "$wall" \
	--load "$load_start -> $load_end (1, 5, 15 min; $(nproc) CPUs)" \
	--qemu "$(qemu-system-riscv64 --version | head -1)" \
	--linux "$(cut -d' ' -f1 "$(dirname "$here")/.cache/linux/version")" \
	--profiled "$prof" || die "the report failed"
say "report: $out/report.md (wall time ${wall} s, load $load_end)"
