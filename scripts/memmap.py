#!/usr/bin/env python3
"""Reads the memory snapshots of scripts/memmap.sh's boot logs and draws them.

usage: memmap.py check LOG...
       memmap.py render OUTDIR NAME=LOG...      (e.g. rivet=a.log linux=b.log)

A log is a console capture of scripts/memmap-job.sh: "MEMMAP-BEGIN release",
then per phase (before, during, after) "MEMMAP-SNAP phase", for each file
"MEMMAP-FILE /proc/name" and the file's text, then "MEMMAP-DONE phase", and
"MEMMAP-END" last. Other lines (kernel messages, the workload's own lines)
are skipped. The files are parsed in Linux's layouts (buddyinfo,
pagetypeinfo, zoneinfo), which rivet's mm/vmstat.c follows.

check parses each log and checks that it is whole and consistent; one line
per log, exit status 1 if any is not. render writes OUTDIR/summary.txt (free
blocks and pages per order, the unusable free space index) and, with
gnuplot, one heat map per phase (OUTDIR/memmap-PHASE.png): for each kernel
(a column) and zone (a row), migratetype x order, colour = free blocks; and
OUTDIR/memmap-orders.png: MiB free per order (all zones) and on the per-CPU
lists, the kernels side by side, one panel per phase. The gnuplot programs
and their data stay in OUTDIR (memmap-*.gp, data/).
"""
import math
import os
import re
import subprocess
import sys

PHASES = ("before", "during", "after")
FILES = ("/proc/buddyinfo", "/proc/pagetypeinfo", "/proc/zoneinfo")
# Linux's migratetype names in the order rows are drawn (top to bottom).
TYPE_ORDER = ("Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate")
ZONE_ORDER = ("DMA", "DMA32", "Normal", "HighMem", "Movable", "Device")
# Orders whose unusable free space index the summary shows: the costly
# order (PAGE_ALLOC_COSTLY_ORDER, 32 KiB) and a pageblock.
INDEX_ORDERS = (3, 9)
# What each phase's snapshot shows (the pictures' titles).
PHASE_TEXT = {
    "before": "before: the files written and synced, caches dropped",
    "during": "during: half the workers exited, the other half hold what they kept",
    "after": "after: every worker exited; the page cache and slab stay",
}

ZONE_ROW = re.compile(r"^Node\s+(\d+),\s+zone\s+(\S+)\s+((?:\d+\s*)+)$")
TYPE_ROW = re.compile(r"^Node\s+(\d+),\s+zone\s+(\S+),\s+type\s+(\S+)\s+((?:>?\d+\s*)+)$")
ZONE_HEAD = re.compile(r"^Node\s+(\d+),\s+zone\s+(\S+)\s*$")
ZONE_FIELD = re.compile(r"^\s+(pages free|boost|min|low|high|promo|spanned|present|managed|cma)\s+(\d+)\s*$")
PCP_COUNT = re.compile(r"^\s+count:\s+(\d+)\s*$")
START_PFN = re.compile(r"^\s+start_pfn:\s+(\d+)\s*$")


class ParseError(Exception):
    pass


def numbers(text):
    """The counts of a row; Linux's ">100000" (a capped count) reads as 100000."""
    return [int(t.lstrip(">")) for t in text.split()]


def parse_buddyinfo(lines):
    """{zone: [free blocks per order]} from /proc/buddyinfo's rows."""
    zones = {}
    for line in lines:
        m = ZONE_ROW.match(line)
        if m:
            zones[m.group(2)] = numbers(m.group(3))
        elif line.strip():
            raise ParseError("buddyinfo: unexpected line %r" % line)
    return zones


FREE_HEAD = "Free pages count per migrate type at order"
BLOCKS_HEAD = "Number of blocks type"
MIXED_HEAD = "Number of mixed blocks"	# Linux with page_owner only: skipped


def parse_pagetypeinfo(lines):
    """(pageblock order, orders, {zone: {type: [blocks]}}, {zone: {type: pageblocks}})."""
    block_order, orders, free, blocks, names, section = None, None, {}, {}, None, None
    for line in lines:
        m = TYPE_ROW.match(line)
        if m and section == "free":
            free.setdefault(m.group(2), {})[m.group(3)] = numbers(m.group(4))
            continue
        m = ZONE_ROW.match(line)
        if m and section == "blocks":
            counts = numbers(m.group(3))
            if len(counts) != len(names):
                raise ParseError("pagetypeinfo: %d block counts for %d types" % (len(counts), len(names)))
            blocks[m.group(2)] = dict(zip(names, counts))
        elif m and section == "mixed":
            pass
        elif line.startswith("Page block order:"):
            block_order = int(line.split(":")[1])
        elif line.startswith(FREE_HEAD):
            orders, section = [int(t) for t in line[len(FREE_HEAD):].split()], "free"
        elif line.startswith(BLOCKS_HEAD):
            names, section = line[len(BLOCKS_HEAD):].split(), "blocks"
        elif line.startswith(MIXED_HEAD):
            section = "mixed"
        elif not (line.startswith("Pages per block:") or not line.strip()):
            raise ParseError("pagetypeinfo: unexpected line %r" % line)
    if block_order is None or orders is None:
        raise ParseError("pagetypeinfo: no 'Page block order' or order header")
    return block_order, orders, free, blocks


def parse_zoneinfo(lines):
    """{zone: {field: value}}: free, min, low, high, spanned, present, managed, pcp, start_pfn."""
    zones, cur = {}, None
    for line in lines:
        m = ZONE_HEAD.match(line)
        if m:
            cur = zones.setdefault(m.group(2), {"pcp": 0})
            continue
        if cur is None:
            continue
        m = ZONE_FIELD.match(line)
        if m:
            cur["free" if m.group(1) == "pages free" else m.group(1)] = int(m.group(2))
        elif PCP_COUNT.match(line):
            cur["pcp"] += int(PCP_COUNT.match(line).group(1))
        elif START_PFN.match(line):
            cur["start_pfn"] = int(START_PFN.match(line).group(1))
    return zones


def parse_snapshot(files):
    """A snapshot {buddy, free, blocks, block_order, orders, zones} from its files' lines."""
    for f in FILES:
        if f not in files:
            raise ParseError("no %s in the snapshot" % f)
    block_order, orders, free, blocks = parse_pagetypeinfo(files["/proc/pagetypeinfo"])
    return {
        "buddy": parse_buddyinfo(files["/proc/buddyinfo"]),
        "free": free, "blocks": blocks, "block_order": block_order, "orders": orders,
        "zones": parse_zoneinfo(files["/proc/zoneinfo"]),
    }


def parse_log(text):
    """{kernel, phases: {phase: snapshot}, end, failed: [what], lines: [workload lines]}."""
    log = {"kernel": None, "phases": {}, "end": False, "failed": [], "lines": []}
    phase, files, cur = None, None, None
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        if line.startswith("MEMMAP-BEGIN"):
            log["kernel"] = line[len("MEMMAP-BEGIN"):].strip()
        elif line.startswith("MEMMAP-SNAP "):
            phase, files, cur = line.split()[1], {}, None
        elif line.startswith("MEMMAP-FILE ") and phase:
            cur = files.setdefault(line.split()[1], [])
        elif line.startswith("MEMMAP-DONE ") and phase:
            if line.split()[1] != phase:
                raise ParseError("MEMMAP-DONE %s inside snapshot %s" % (line.split()[1], phase))
            try:
                log["phases"][phase] = parse_snapshot(files)
            except ParseError as e:
                raise ParseError("snapshot %s: %s" % (phase, e))
            phase, files, cur = None, None, None
        elif line.startswith("MEMMAP-FAILED"):
            log["failed"].append(line[len("MEMMAP-FAILED"):].strip())
        elif line.startswith("MEMMAP-END"):
            log["end"] = True
        elif cur is not None and not line.startswith("["):   # "[  1.0] ..." is printk
            cur.append(line)
        elif line.startswith("fragment: "):
            log["lines"].append(line)
    if phase:
        raise ParseError("snapshot %s never ends (no MEMMAP-DONE)" % phase)
    return log


def free_pages(counts):
    """Pages in free blocks counted per order: sum of count * 2^order."""
    return sum(n << o for o, n in enumerate(counts))


def unusable_index(counts, order):
    """Share of the free pages in blocks smaller than 2^order pages (0: none, 1: all)."""
    total = free_pages(counts)
    if total == 0:
        return 0.0
    big = sum(n << o for o, n in enumerate(counts) if o >= order)
    return (total - big) / total


def check_snapshot(name, snap):
    """Problems (strings) of one snapshot: shapes and sums that must agree."""
    probs, n = [], len(snap["orders"])
    if snap["orders"] != list(range(n)):
        probs.append("%s: orders %s, not 0..%d" % (name, snap["orders"], n - 1))
    if not snap["buddy"]:
        probs.append("%s: buddyinfo lists no zone" % name)
    for zone, counts in snap["buddy"].items():
        types = snap["free"].get(zone)
        info = snap["zones"].get(zone)
        if len(counts) != n:
            probs.append("%s: buddyinfo %s has %d orders, pagetypeinfo %d" % (name, zone, len(counts), n))
        if not types:
            probs.append("%s: pagetypeinfo has no zone %s" % (name, zone))
            continue
        if any(len(c) != n for c in types.values()):
            probs.append("%s: a pagetypeinfo row of %s is not %d orders long" % (name, zone, n))
        if not info or "managed" not in info or "free" not in info:
            probs.append("%s: zoneinfo has no pages free/managed for %s" % (name, zone))
            continue
        # The files are read one after the other, so a few pages may move between them.
        by_type = sum(free_pages(c) for c in types.values())
        slack = max(256, free_pages(counts) // 100)
        if abs(by_type - free_pages(counts)) > slack:
            probs.append("%s: %s: %d free pages by migratetype, %d in buddyinfo"
                         % (name, zone, by_type, free_pages(counts)))
        if info["free"] > info["managed"]:
            probs.append("%s: %s: %d pages free of %d managed" % (name, zone, info["free"], info["managed"]))
    return probs


def check_log(log):
    """Problems (strings) of a parsed log: missing phases, failures, bad snapshots."""
    probs = ["the workload failed: %s" % f for f in log["failed"]]
    if not log["kernel"]:
        probs.append("no MEMMAP-BEGIN line")
    if not log["end"]:
        probs.append("no MEMMAP-END line (the job did not finish)")
    for p in PHASES:
        if p not in log["phases"]:
            probs.append("no %s snapshot" % p)
        else:
            probs += check_snapshot(p, log["phases"][p])
    return probs


def cmd_check(paths):
    """check: one verdict line per log; 1 if any log has a problem."""
    bad = 0
    for path in paths:
        try:
            log = parse_log(open(path, errors="replace").read())
            probs = check_log(log)
        except (OSError, ParseError) as e:
            probs = [str(e)]
        if probs:
            bad += 1
            print("memmap: %s: %s" % (path, "; ".join(probs)))
        else:
            zones = " ".join(sorted(log["phases"]["before"]["buddy"], key=zone_rank))
            print("memmap: %s: %s, phases %s, zones %s: ok"
                  % (path, log["kernel"], " ".join(PHASES), zones))
    return 1 if bad else 0


def zone_rank(z):
    """Sort key: Linux's zone order, unknown zones last."""
    return ZONE_ORDER.index(z) if z in ZONE_ORDER else len(ZONE_ORDER)


def type_rank(t):
    """Sort key: Linux's migratetype order, unknown types last."""
    return TYPE_ORDER.index(t) if t in TYPE_ORDER else len(TYPE_ORDER)


# ---- the summary ------------------------------------------------------------

def summary_lines(runs):
    """The text of summary.txt for runs [(name, log)]."""
    out = ["Free memory per order (memmap; docs/bench.md, \"Memory pictures\").",
           "blocks: free blocks of 2^order pages (buddyinfo); pages: blocks * 2^order;",
           "U(k): unusable free space index at order k = share of the free pages in",
           "blocks smaller than 2^k pages (0: all usable for such a block, 1: none);",
           "pcp: free pages on the per-CPU lists (zoneinfo's pagesets), not in the blocks.", ""]
    for name, log in runs:
        out.append("%s: %s" % (name, log["kernel"]))
        for w in log["lines"]:
            out.append("%s: %s" % (name, w))
    out.append("")
    head = "%-14s" % "order" + " ".join("%7d" % o for o in range(11)) + \
        "    pages   pcp  " + "  ".join("U(%d)" % k for k in INDEX_ORDERS)
    for phase in PHASES:
        out += ["== " + PHASE_TEXT[phase], head]
        for name, log in runs:
            snap = log["phases"][phase]
            for zone in sorted(snap["buddy"], key=zone_rank):
                c, info = snap["buddy"][zone], snap["zones"].get(zone, {})
                out.append("%-14s" % ("%s %s" % (name, zone)) + " ".join("%7d" % n for n in c) +
                           " %8d %5d  " % (free_pages(c), info.get("pcp", 0)) +
                           "  ".join("%.2f" % unusable_index(c, k) for k in INDEX_ORDERS))
                out.append("%-14s" % "  pages" + " ".join("%7d" % (n << o) for o, n in enumerate(c)))
                blocks = snap["blocks"].get(zone, {})
                out.append("  pageblocks: " + ", ".join(
                    "%s %d" % (t, blocks[t]) for t in sorted(blocks, key=type_rank) if blocks[t]))
            if len(snap["buddy"]) > 1:
                c = node_counts(snap)
                out.append("%-14s" % ("%s all" % name) + " ".join("%7d" % n for n in c) +
                           " %8d %5d  " % (free_pages(c), node_pcp(snap)) +
                           "  ".join("%.2f" % unusable_index(c, k) for k in INDEX_ORDERS))
        out.append("")
    return out


def node_counts(snap):
    """Free blocks per order summed over the zones."""
    return [sum(c[o] for c in snap["buddy"].values()) for o in range(len(snap["orders"]))]


def node_pcp(snap):
    """Pages on the per-CPU lists of all zones."""
    return sum(z.get("pcp", 0) for z in snap["zones"].values())


# ---- the pictures -------------------------------------------------------------

PALETTE = ("0 '#30123b', 1 '#4662d7', 2 '#36aaf9', 3 '#1ae4b6', 4 '#72fe5e', "
           "5 '#c8ef34', 6 '#faba39', 7 '#f66b19', 8 '#ca2a04', 9 '#7a0403'")


def label_colour(n, cbmax):
    """Black on the palette's bright middle, white on its dark ends (0xRRGGBB)."""
    x = math.log(n) / math.log(cbmax) if n > 1 else 0.0
    return 0x000000 if 0.3 <= x <= 0.75 else 0xffffff


def panel_data(path, snap, zone, types, cbmax):
    """Write one panel's cells: "order row count label colour"; NaN: no block,
    "n/a": the kernel has no such free list."""
    with open(path, "w") as f:
        for row, t in enumerate(types):
            counts = snap["free"].get(zone, {}).get(t)
            for o in snap["orders"]:
                n = counts[o] if counts else 0
                label = "n/a" if counts is None else "%d" % n if n else ""
                colour = 0x888888 if counts is None else label_colour(n, cbmax)
                f.write("%d %d %s \"%s\" %d\n" % (o, row, n if n else "NaN", label, colour))


def gnuplot_script(outdir, phase, runs, zones, types, cbmax, workload):
    """The gnuplot program drawing memmap-PHASE.png; data files written beside it."""
    ncols, nrows = len(runs), len(zones)
    width, height = 760 * ncols, 90 + nrows * (110 + 34 * len(types))
    g = ["set terminal pngcairo size %d,%d font 'DejaVu Sans,10' enhanced" % (width, height),
         "set output '%s/memmap-%s.png'" % (outdir, phase),
         "set palette defined (%s)" % PALETTE,
         "set logscale cb", "set cbrange [1:%d]" % cbmax,
         "set cblabel 'free blocks (log scale)' offset -0.5,0", "set rmargin 12",
         "set xrange [-0.5:%d.5]" % (len(runs[0][1]["phases"][phase]["orders"]) - 1),
         "set yrange [%d.5:-0.5]" % (len(types) - 1),
         "set xtics 1 out nomirror", "set ytics out nomirror",
         "set ytics (%s)" % ", ".join('"%s" %d' % (t, i) for i, t in enumerate(types)),
         "set xlabel 'order (a block is 2^{order} pages of 4 KiB)'",
         "set ylabel 'free list (migratetype)'",
         "set tics scale 0", "unset key",
         "set object 1 rectangle from graph 0,0 to graph 1,1 behind fillcolor rgb '#eeeeee' "
         "fillstyle solid noborder",
         "set multiplot layout %d,%d title \"Free blocks per zone, migratetype and order %s\\n%s\\n"
         "{/*0.8 colour and number: free blocks of that order on that free list (log scale); "
         "grey: none; n/a: the kernel has no such list; [n]: pageblocks of that type}\" "
         "font ',13'" % (nrows, ncols, workload, PHASE_TEXT[phase])]
    for zone in zones:
        for name, log in runs:
            snap = log["phases"][phase]
            if zone not in snap["buddy"]:
                g += ["set title \"%s: no %s zone\"" % (name, zone), "unset colorbox",
                      "set ytics (%s)" % ", ".join('"%s" %d' % (t, i) for i, t in enumerate(types)),
                      "set label 1 \"%s has no %s zone\" at graph 0.5,0.5 center font ',12'" % (name, zone),
                      "plot -1", "unset label 1", "set colorbox"]
                continue
            data = "%s/data/%s-%s-%s.dat" % (outdir, name, phase, zone)
            panel_data(data, snap, zone, types, cbmax)
            c, info = snap["buddy"][zone], snap["zones"].get(zone, {})
            blocks = snap["blocks"].get(zone, {})
            g += ["set ytics (%s)" % ", ".join('"%s [%s]" %d' % (t, blocks.get(t, "-"), i)
                                               for i, t in enumerate(types)),
                  "set title \"%s (%s), zone %s: %d pages free + %d on pcp lists, of %d; U(9) = %.2f\""
                  % (name, log["kernel"], zone, info.get("free", free_pages(c)), info.get("pcp", 0),
                     info.get("managed", 0), unusable_index(c, 9)),
                  "plot '%s' using 1:2:3 with image, '' using 1:2:4:5 with labels font ',9' "
                  "textcolor rgb variable" % data]
    g.append("unset multiplot")
    return g


def orders_script(outdir, runs):
    """The gnuplot program drawing memmap-orders.png: per phase, MiB free in
    blocks of each order (all zones) and on the per-CPU lists, kernels side by side."""
    norders = len(runs[0][1]["phases"]["before"]["orders"])
    colours = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728")
    g = ["set terminal pngcairo size 1500,480 font 'DejaVu Sans,10' enhanced",
         "set output '%s/memmap-orders.png'" % outdir,
         "set style data histograms", "set style histogram clustered gap 1",
         "set style fill solid 0.9 border -1", "set boxwidth 0.9",
         "set grid ytics", "set key top left", "set xtics nomirror", "set ytics nomirror",
         "set xlabel 'order (pcp: the per-CPU lists of single pages)'",
         "set ylabel 'MiB free (log scale)'", "set logscale y", "set yrange [0.01:1000]",
         "set multiplot layout 1,%d title \"Free memory by block order, all zones: "
         "where the free MiB sit\" font ',13'" % len(PHASES)]
    for phase in PHASES:
        data = "%s/data/orders-%s.dat" % (outdir, phase)
        with open(data, "w") as f:
            for o in range(norders + 1):
                vals = []
                for _, log in runs:
                    snap = log["phases"][phase]
                    pages = node_pcp(snap) if o == norders else node_counts(snap)[o] << o
                    vals.append("%.3f" % (pages * 4096 / 2 ** 20))
                f.write("%s %s\n" % ("pcp" if o == norders else o, " ".join(vals)))
        plots = ["'%s' using %d:xtic(1) title '%s' linecolor rgb '%s'"
                 % (data if i == 0 else "", i + 2, name, colours[i % len(colours)])
                 for i, (name, _) in enumerate(runs)]
        g += ["set title '%s'" % phase, "plot " + ", ".join(plots)]
    g.append("unset multiplot")
    return g


def run_gnuplot(path, lines):
    """Write the program to path and run gnuplot on it; 0 if it ran clean."""
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    r = subprocess.run(["gnuplot", path], capture_output=True, text=True)
    if r.returncode != 0 or r.stderr.strip():
        sys.stderr.write("memmap: gnuplot %s:\n%s" % (path, r.stderr))
        return 1
    return 0


def render(outdir, runs):
    """summary.txt always; the PNGs if gnuplot is there. 0 on success."""
    os.makedirs(os.path.join(outdir, "data"), exist_ok=True)
    text = summary_lines(runs)
    with open(os.path.join(outdir, "summary.txt"), "w") as f:
        f.write("\n".join(text) + "\n")
    zones = sorted({z for _, log in runs for s in log["phases"].values() for z in s["buddy"]}, key=zone_rank)
    types = sorted({t for _, log in runs for s in log["phases"].values()
                    for zt in s["free"].values() for t in zt}, key=type_rank)
    cbmax = max([1] + [n for _, log in runs for s in log["phases"].values()
                       for zt in s["free"].values() for c in zt.values() for n in c])
    cbmax = 10 ** math.ceil(math.log10(cbmax)) if cbmax > 1 else 10
    workload = next((w.split(": ", 1)[1].split(",")[0] for _, log in runs for w in log["lines"]
                     if " workers x " in w), "")
    workload = "(fragment: %s)" % workload if workload else ""
    for phase in PHASES:
        gp = os.path.join(outdir, "memmap-%s.gp" % phase)
        if run_gnuplot(gp, gnuplot_script(outdir, phase, runs, zones, types, cbmax, workload)):
            return 1
    return run_gnuplot(os.path.join(outdir, "memmap-orders.gp"), orders_script(outdir, runs))


def cmd_render(outdir, specs):
    """render: parse and check every NAME=LOG (exit on a problem), then draw."""
    runs = []
    for spec in specs:
        name, _, path = spec.partition("=")
        if not path:
            sys.exit("memmap: render wants NAME=LOG, not %r" % spec)
        try:
            log = parse_log(open(path, errors="replace").read())
        except (OSError, ParseError) as e:
            sys.exit("memmap: %s: %s" % (path, e))
        probs = check_log(log)
        if probs:
            sys.exit("memmap: %s: %s" % (path, "; ".join(probs)))
        runs.append((name, log))
    return render(outdir, runs)


def main(argv):
    if len(argv) >= 2 and argv[0] == "check":
        return cmd_check(argv[1:])
    if len(argv) >= 3 and argv[0] == "render":
        return cmd_render(argv[1], argv[2:])
    sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
