# rivet beside Linux, small (docs/bench.md): the path `make bench-compare`
# and `make memmap` take, at the smallest size that still walks all of it.
# scripts/bench-compare.sh with one boot of each kernel, the quick rows
# (bench -q) and one profiled row (pipe); then scripts/memmap.sh for Linux
# alone (t_memmap.sh covers rivet's side). So Debian's kernel and modules
# are fetched into .cache/linux, the initramfs is made, Linux 6.12 boots on
# the bench disk and runs the same programs as rivet, and the report, its
# plots, the profile and the heat maps are written. The figures themselves
# are never checked: only that each row has one from both kernels.

cmp_log=$LOGDIR/compare.log
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory O="$O" rootfs \
		>"$LOGDIR/compare-make.log" 2>&1; then
	not_ok "compare: make rootfs (see $LOGDIR/compare-make.log)"
	exit 1
fi
# What an earlier run left must not pass for this run's output.
rm -f "$O/bench/report.md" "$O/bench/"{ratios,fault_latency,read_throughput}.png "$O/memmap/"memmap-*.png
O=$O NO_BUILD=1 BOOTS=1 BENCH_ARGS=-q PROFILE=pipe TIMEOUT=300 \
	bash scripts/bench-compare.sh >"$cmp_log" 2>&1 && RC=0 || RC=$?
expect_rc 0 "compare: bench-compare.sh (one boot each, bench -q) ran to its report"

res=$O/bench/compare report=$O/bench/report.md
touch "$res/rivet-1.log" "$res/linux-1.log" "$report"
expect "$res/linux-1.log" "^BENCH-BEGIN 6\.[0-9.]+.*-riscv64$" "compare: Linux ran /bin/bench, which names Debian's release"
expect "$res/linux-1.log" "^\[ *[0-9.]+\] reboot: Power down" "compare: ... and powered off (quiet: its last line)"
expect "$res/rivet-1.log" "^BENCH-BEGIN [^ ]+-rivet$" "compare: rivet ran /bin/bench, which names rivet's release"
for k in rivet linux; do
	expect "$res/$k-1.log" "^bench-boot: job finished, status 0$" "compare: the $k job finished with status 0"
done

# The rows rivet printed (no .ref) must each be in the table with two
# positive figures and a ratio: "| name | unit | r | l | ratio | ...".
rows=$(awk '$1 == "BENCH" && $2 !~ /\.ref$/ { print $2 }' "$res/rivet-1.log" | sort -u)
missing=$(for r in $rows; do
	awk -F' *[|] *' -v r="$r" '$2 == r && $4 + 0 > 0 && $5 + 0 > 0 && $6 + 0 > 0 { f = 1 }
		END { if (!f) print r }' "$report"
done)
if [ -n "$rows" ] && [ -z "$missing" ]; then
	ok "compare: report.md has both kernels' figures and the ratio for all $(echo $rows | wc -w) rows"
else
	not_ok "compare: report.md has both kernels' figures and the ratio for every row (not: $(echo $missing))"
fi
for p in ratios fault_latency read_throughput; do
	if [ "$(head -c 4 "$O/bench/$p.png" 2>/dev/null | od -An -tx1 | tr -d ' ')" = 89504e47 ]; then
		ok "compare: $p.png is a PNG"
	else
		not_ok "compare: $p.png is a PNG (see $cmp_log)"
	fi
done
expect "$report" "^### pipe$" "compare: the profiled row has its section"
expect "$report" "^profile: +[0-9]+ +[0-9.]+% +[a-z_]" "compare: ... with rivet's kernel profile"
# A count is the profiled boot minus a baseline boot, so it may dip below 0 by a few.
expect "$report" "^[|] sfence\.vma addr, x0 .*[|] -?[0-9]+ [|] -?[0-9]+ [|]$" \
	"compare: ... and both kernels' sfence.vma counts from the QEMU plugin"
expect_not "$res/rivet-1.log" "Kernel panic|WARNING|BUG:|bad page" "compare: rivet: no panic, warning or bad page"
expect_not "$res/linux-1.log" "Kernel panic|Oops|BUG:" "compare: Linux: no panic or oops"

# Linux's side of the memory pictures.
KERNELS=linux TIMEOUT=300 bash scripts/memmap.sh "$O" >"$LOGDIR/compare-memmap.log" 2>&1 && RC=0 || RC=$?
expect_rc 0 "compare: memmap.sh with Linux: the snapshots parse and are drawn"
expect "$LOGDIR/compare-memmap.log" "^linux DMA32 " "compare: ... the summary has Linux's DMA32 zone"
expect "$LOGDIR/compare-memmap.log" "^memmap: pictures in .*memmap-during\.png" "compare: ... and the pictures"
