#!/usr/bin/env bash
# scripts/memmap.py's input stage (docs/bench.md, "Memory pictures") on two
# real captures of scripts/memmap-job.sh, rivet's and Debian Linux 6.12's
# (tests/host/memmap_snap/*.log): both parse and agree; the numbers read
# are the ones in the files; broken logs (cut short, without a phase or its
# end marker, a failed workload, rows that do not add up) are refused; and
# the pictures are drawn when gnuplot is installed.
#   test_memmap_snap.sh BUILD_DIR
set -u
O=${1:-build}
out=$O/host/memmap_snap.d
fix=tests/host/memmap_snap
rm -rf "$out" && mkdir -p "$out"
pass=0 fail=0

ok()     { echo "ok - memmap_snap: $*"; pass=$((pass + 1)); }
not_ok() { echo "not ok - memmap_snap: $*"; fail=$((fail + 1)); }

# accepts LOG WHAT / refuses LOG REGEX WHAT: memmap.py check's verdict.
accepts() {
	if python3 scripts/memmap.py check "$1" >"$out/check.txt" 2>&1; then ok "$2"
	else not_ok "$2 ($(cat "$out/check.txt"))"; fi
}
refuses() {
	if python3 scripts/memmap.py check "$1" >"$out/check.txt" 2>&1; then
		not_ok "$3 (accepted)"
	elif grep -Eq -- "$2" "$out/check.txt"; then ok "$3"
	else not_ok "$3 (no /$2/ in: $(cat "$out/check.txt"))"; fi
}

accepts $fix/rivet.log "rivet's capture parses and agrees"
accepts $fix/linux.log "Linux's capture parses and agrees"

# The values read, against the files' text (the fixtures' "during" snapshots).
if python3 - $fix >"$out/values.txt" 2>&1 <<'EOF'
import sys
sys.path.insert(0, "scripts")
import memmap
r = memmap.parse_log(open(sys.argv[1] + "/rivet.log").read())
l = memmap.parse_log(open(sys.argv[1] + "/linux.log").read())
rd, ld = r["phases"]["during"], l["phases"]["during"]
assert r["kernel"] == "6.12.0-rivet" and l["kernel"].startswith("6.12."), (r["kernel"], l["kernel"])
assert rd["buddy"]["DMA32"] == [1433, 638, 172, 78, 81, 73, 45, 20, 3, 2, 70], rd["buddy"]["DMA32"]
assert rd["buddy"]["HighMem"][0] == 2334 and sorted(rd["buddy"]) == ["DMA32", "HighMem"]
assert list(ld["buddy"]) == ["DMA32"] and ld["buddy"]["DMA32"][0] == 6867
assert list(ld["free"]["DMA32"]) == ["Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate"]
assert list(rd["free"]["DMA32"]) == ["Unmovable", "Movable", "Reclaimable", "HighAtomic"]
assert ld["free"]["DMA32"]["Movable"][0] == 6819 and ld["blocks"]["DMA32"]["Unmovable"] == 41
assert rd["blocks"]["HighMem"] == {"Unmovable": 0, "Movable": 64, "Reclaimable": 0, "HighAtomic": 0}
assert ld["zones"]["DMA32"]["pcp"] == 11509 and ld["zones"]["DMA32"]["managed"] == 112431
assert rd["zones"]["HighMem"]["start_pfn"] == 622592 and rd["block_order"] == 9
assert rd["orders"] == list(range(11))
# Free pages and the unusable free space index of a known vector.
c = [4, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]
assert memmap.free_pages(c) == 4 + 4 + 1024
assert abs(memmap.unusable_index(c, 3) - 8 / 1032) < 1e-9 and memmap.unusable_index(c, 0) == 0
assert memmap.unusable_index([0] * 11, 9) == 0.0
assert memmap.numbers(">100000 3") == [100000, 3]
text = "\n".join(memmap.summary_lines([("rivet", r), ("linux", l)]))
assert "rivet all" in text and "linux DMA32      6867" in text, text
print("values ok")
EOF
then ok "the numbers read are the files' (buddyinfo, pagetypeinfo, zoneinfo, U(k))"
else not_ok "the numbers read are the files' ($(tail -3 "$out/values.txt" | tr '\n' ' '))"; fi

# Broken logs, each made from rivet's capture.
log=$fix/rivet.log
sed '/^MEMMAP-SNAP after/,$d' $log >"$out/cut.log"
refuses "$out/cut.log" "no MEMMAP-END.*no after snapshot" "a log without its last snapshot and end is refused"
sed '/^MEMMAP-DONE after/,$d' $log >"$out/open.log"
refuses "$out/open.log" "snapshot after never ends" "a snapshot without MEMMAP-DONE is refused"
sed '/^MEMMAP-END/d' $log >"$out/noend.log"
refuses "$out/noend.log" "no MEMMAP-END" "a log without MEMMAP-END is refused"
sed 's/^MEMMAP-END/MEMMAP-FAILED run (status 1)\nMEMMAP-END/' $log >"$out/failed.log"
refuses "$out/failed.log" "the workload failed" "a failed workload is refused"
# 3000 more free order-0 Movable pages in DMA32 "during" than buddyinfo has (slack: 1 %).
awk '/^MEMMAP-SNAP during/ { on = 1 } /^MEMMAP-DONE during/ { on = 0 }
	on && /zone    DMA32, type      Movable/ { $7 = $7 + 3000 } { print }' $log >"$out/sum.log"
refuses "$out/sum.log" "during: DMA32: [0-9]+ free pages by migratetype" \
	"pagetypeinfo rows that do not add up to buddyinfo are refused"
awk '/^MEMMAP-FILE/ { f = $2 } /^MEMMAP-SNAP/ { p = $2 }
	p == "before" && f == "/proc/buddyinfo" && /zone  HighMem/ { $NF = "" } { print }' $log >"$out/short.log"
refuses "$out/short.log" "before: buddyinfo HighMem has 10 orders" "a buddyinfo row one order short is refused"
sed 's/^Node    0, zone    DMA32, type    Unmovable /Node    0, zone    DMA32, type    Unmovable x/' \
	$log >"$out/junk.log"
refuses "$out/junk.log" "pagetypeinfo: unexpected line" "an unreadable pagetypeinfo row is refused"

# pngs DIR: every picture render draws is there and is a PNG.
pngs() {
	for p in before during after orders; do
		head -c 4 "$1/memmap-$p.png" 2>/dev/null | od -An -c | grep -q 'P   N   G' || return 1
	done
}

if command -v gnuplot >/dev/null; then
	if python3 scripts/memmap.py render "$out/pics" rivet=$fix/rivet.log linux=$fix/linux.log \
			>"$out/render.txt" 2>&1 && pngs "$out/pics"; then
		ok "render draws memmap-{before,during,after,orders}.png"
	else
		not_ok "render draws the pictures ($(tail -3 "$out/render.txt" | tr '\n' ' '))"
	fi
else
	ok "render: no gnuplot here (scripts/deps.sh installs it), pictures not drawn # skip"
fi

[ "$fail" -eq 0 ]
