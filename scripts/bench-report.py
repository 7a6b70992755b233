#!/usr/bin/env python3
"""The rivet-beside-Linux report (docs/bench.md), from the boot logs that
scripts/bench-compare.sh collects: RES/rivet-N.log, RES/linux-N.log and,
for profiled rows, RES/profile-{rivet,linux}-ROW.log.

  bench-report.py --behind RES RATIO MAX   rows where rivet is more than
                                           RATIO times worse, worst first
  bench-report.py --report RES OUT [--mode M --boots N --wall S --load L
                  --qemu Q --linux PKG --profiled ROWS]
                                           OUT/report.md and OUT/*.png

Medians per row over the boots; the ratio is rivet/Linux of the figures as
printed (ns, us, ms: lower is better; MiB/s: higher is better). Plots are
drawn by gnuplot from scripts/plot/*.gp when it is installed."""
import os
import re
import statistics
import subprocess
import sys

LOWER_IS_BETTER = {"ns", "us", "ms"}
EVEN = 0.02			# within 2%: neither is better
FAULT_SIZES = [1, 2, 4, 8, 16, 32, 64]
READ_ROWS = [("file_read_cold_64M", "cold file read"),
         ("file_read_warm_64M", "warm file read"),
         ("blkdev_read_64M", "raw device"),
         ("memcpy", "memcpy")]
HERE = os.path.dirname(os.path.abspath(__file__))


def parse_log(path):
    """One boot's figures: {rows, refs, units, skips, uname, vm0, vm1, profile}."""
    b = {"rows": {}, "refs": {}, "units": {}, "skips": {}, "uname": "",
         "vm0": {}, "vm1": {}, "profile": [], "sfence": {}}
    with open(path, errors="replace") as f:
        for line in f:
            w = line.split()
            if not w:
                continue
            if w[0] == "BENCH-BEGIN" and len(w) > 1:
                b["uname"] = w[1]
            elif w[0] == "BENCH" and len(w) == 4:
                name, val, unit = w[1], w[2], w[3]
                try:
                    v = float(val)
                except ValueError:
                    continue
                if name.endswith(".ref"):
                    b["refs"][name[:-4]] = v
                    b["units"][name] = unit
                else:
                    b["rows"][name] = v
                    b["units"][name] = unit
            elif w[0] == "BENCH-SKIP" and len(w) > 1:
                b["skips"][w[1]] = " ".join(w[2:])
            elif w[0] in ("VMSTAT0", "VMSTAT1") and len(w) == 3:
                b["vm0" if w[0] == "VMSTAT0" else "vm1"][w[1]] = int(w[2])
            elif w[0] == "SFENCE":
                b["sfence"] = {w[i]: int(w[i + 1]) for i in range(1, len(w) - 1, 2)}
            elif re.match(r"^(\[[ 0-9.]+\] )?profile: ", line):
                b["profile"].append(re.sub(r"^\[[ 0-9.]+\] ", "", line.rstrip()))
    return b


def boots(res, kernel):
    """Every parsed main-run boot of KERNEL, in boot order."""
    out = []
    n = 1
    while os.path.exists(os.path.join(res, "%s-%d.log" % (kernel, n))):
        out.append(parse_log(os.path.join(res, "%s-%d.log" % (kernel, n))))
        n += 1
    return out


def medians(blist, key):
    """{name: median over the boots that have it} of blist[i][key]."""
    vals = {}
    for b in blist:
        for k, v in b[key].items():
            vals.setdefault(k, []).append(v)
    return {k: statistics.median(v) for k, v in vals.items()}


def spread(blist, name):
    """(max - min) / median of row NAME over the boots, or None."""
    v = [b["rows"][name] for b in blist if name in b["rows"]]
    if len(v) < 2 or statistics.median(v) == 0:
        return None
    return (max(v) - min(v)) / statistics.median(v)


def unit_of(blist, name):
    for b in blist:
        if name in b["units"]:
            return b["units"][name]
    return ""


def advantage(r, l, unit):
    """How many times better rivet is (>1) or worse (<1) than Linux."""
    if r <= 0 or l <= 0:
        return None
    return l / r if unit in LOWER_IS_BETTER else r / l


def vm_delta(b):
    """/proc/vmstat after minus before, plus pgalloc summed over the zones
    (rivet has a HighMem zone at 512 MiB, Linux only DMA32)."""
    d = {k: b["vm1"][k] - b["vm0"][k] for k in b["vm1"] if k in b["vm0"]}
    zones = [v for k, v in d.items() if k.startswith("pgalloc_")]
    if zones:
        d["pgalloc (all zones)"] = sum(zones)
    return d


def fmt(v):
    if v is None:
        return "-"
    if abs(v) >= 100:
        return "%.0f" % v
    if abs(v) >= 10:
        return "%.1f" % v
    return "%.3g" % v


def order(names, blist):
    """Rows in the order the first boot printed them, then the rest."""
    seen = []
    for b in blist:
        for n in b["rows"]:
            if n not in seen:
                seen.append(n)
    return [n for n in seen if n in names] + sorted(n for n in names if n not in seen)


def behind(res, ratio, most):
    rb, lb = boots(res, "rivet"), boots(res, "linux")
    rm, lm = medians(rb, "rows"), medians(lb, "rows")
    worse = []
    for n in rm:
        if n not in lm or re.match(r"anon_fault_\d+M$", n):
            continue
        a = advantage(rm[n], lm[n], unit_of(rb, n))
        if a is not None and 1 / a > ratio:
            worse.append((a, n))
    worse.sort()
    print(" ".join(n for _, n in worse[:most]) or "none")


def gnuplot(script, out_png, data):
    """Draw OUT_PNG from DATA with scripts/plot/SCRIPT; False if it could not."""
    try:
        subprocess.run(["gnuplot", "-e", "data='%s'; out='%s'" % (data, out_png),
                os.path.join(HERE, "plot", script)], check=True,
                   stdout=subprocess.DEVNULL)
        return True
    except (OSError, subprocess.CalledProcessError) as e:
        print("bench-report: %s: %s" % (script, e), file=sys.stderr)
        return False


def plots(out, rows, rm, lm, rref, lref, rb):
    """The three PNGs and their data files; the list of those drawn."""
    pdir = os.path.join(out, "plot")
    os.makedirs(pdir, exist_ok=True)
    drawn = []
    with open(os.path.join(pdir, "ratios.dat"), "w") as f:
        for n in rows:
            a = advantage(rm[n], lm[n], unit_of(rb, n))
            if a is not None:
                f.write("%s %.4f %d\n" % (n, a, 1 if a >= 1 else 2))
    if gnuplot("ratios.gp", os.path.join(out, "ratios.png"), os.path.join(pdir, "ratios.dat")):
        drawn.append(("ratios.png", "rivet's advantage per row: Linux/rivet for times, "
                  "rivet/Linux for throughputs; above 1 rivet is better (log scale)"))
    with open(os.path.join(pdir, "fault.dat"), "w") as f:
        f.write("# MiB rivet_ns_per_page linux_ns_per_page floor\n")
        for s in FAULT_SIZES:
            n = "anon_fault_%dM" % s
            if n in rm or n in lm:
                f.write("%d %s %s %s\n" % (s, rm.get(n, "NaN"), lm.get(n, "NaN"),
                               rref.get("anon_fault", "NaN")))
    have_fault = any("anon_fault_%dM" % n in rm or "anon_fault_%dM" % n in lm for n in FAULT_SIZES)
    if have_fault and gnuplot("fault.gp", os.path.join(out, "fault_latency.png"),
                              os.path.join(pdir, "fault.dat")):
        drawn.append(("fault_latency.png", "anonymous fault latency per page, 1..64 MiB "
                  "touched, on both kernels, beside the floor (memset of one page)"))
    with open(os.path.join(pdir, "read.dat"), "w") as f:
        f.write("# what rivet_MiB/s linux_MiB/s\n")
        for n, label in READ_ROWS:
            f.write('"%s" %s %s\n' % (label, rm.get(n, "NaN"), lm.get(n, "NaN")))
    have_read = any(n in rm or n in lm for n, _ in READ_ROWS)
    if have_read and gnuplot("read.gp", os.path.join(out, "read_throughput.png"),
                             os.path.join(pdir, "read.dat")):
        drawn.append(("read_throughput.png", "64 MiB file read, cold and warm, against "
                  "memcpy and the raw device (MiB/s, higher is better)"))
    return drawn


SFENCE_KINDS = [("all", "sfence.vma x0, x0 (whole TLB)"),
                ("addr", "sfence.vma addr, x0 (one page, every ASID)"),
                ("asid", "sfence.vma x0, asid (one ASID)"),
                ("addr_asid", "sfence.vma addr, asid"),
                ("satp_writes", "satp writes (address-space switches)")]


def sfence_table(res, r, l):
    """Markdown lines: the TLB flushes of the row's boots minus a boot that
    ran no row (scripts/qemu-sfence.c's counts), or nothing."""
    base = {}
    for k in ("rivet", "linux"):
        p = os.path.join(res, "baseline-%s.log" % k)
        base[k] = parse_log(p)["sfence"] if os.path.exists(p) else {}
    rs = r["sfence"] if r else {}
    ls = l["sfence"] if l else {}
    if not rs and not ls:
        return []
    md = ["Executed by the guest during that boot minus a boot that ran no row "
          "(QEMU plugin scripts/qemu-sfence.c; OpenSBI's few included; a "
          "difference of a few either way is the two boots differing):", "",
          "| instruction | rivet | Linux |", "| --- | ---: | ---: |"]
    for k, what in SFENCE_KINDS:
        cells = []
        for cnt, b in ((rs, base["rivet"]), (ls, base["linux"])):
            cells.append("-" if k not in cnt else str(cnt[k] - b.get(k, 0)))
        md.append("| %s | %s | %s |" % (what, cells[0], cells[1]))
    md.append("")
    return md


def profile_section(res, row, rm, lm, rb):
    """Markdown lines for one profiled row: profile and counters."""
    md = ["", "### %s" % row, ""]
    if row in rm and row in lm:
        u = unit_of(rb, row)
        md.append("rivet %s %s, Linux %s %s (rivet/Linux %.2f)." %
              (fmt(rm[row]), u, fmt(lm[row]), u, rm[row] / lm[row]))
        md.append("")
    rp = os.path.join(res, "profile-rivet-%s.log" % row)
    lp = os.path.join(res, "profile-linux-%s.log" % row)
    r = parse_log(rp) if os.path.exists(rp) else None
    l = parse_log(lp) if os.path.exists(lp) else None
    if r and r["profile"]:
        md.append("rivet's kernel profile for a boot that ran only this row "
              "(profile=1 hz=1000: one sample per 1 ms of guest instructions, "
              "boot included):")
        md.append("")
        md.append("```")
        md.extend(r["profile"][:22])
        md.append("```")
        md.append("")
    else:
        md.append("(no rivet profile: see %s)" % os.path.basename(rp))
        md.append("")
    md.extend(sfence_table(res, r, l))
    rd = vm_delta(r) if r else {}
    ld = vm_delta(l) if l else {}
    keys = [k for k in sorted(set(rd) | set(ld)) if rd.get(k) or ld.get(k)]
    if keys:
        md.append("/proc/vmstat over that one row (after minus before; a counter "
              "a kernel does not keep shows -):")
        md.append("")
        md.append("| counter | rivet | Linux |")
        md.append("| --- | ---: | ---: |")
        for k in keys:
            md.append("| %s | %s | %s |" % (k, rd.get(k, "-"), ld.get(k, "-")))
    return md


def report(res, out, meta):
    rb, lb = boots(res, "rivet"), boots(res, "linux")
    if not rb or not lb:
        sys.exit("bench-report: no boots of %s in %s" %
             ("rivet" if not rb else "Linux", res))
    rm, lm = medians(rb, "rows"), medians(lb, "rows")
    rref, lref = medians(rb, "refs"), medians(lb, "refs")
    both = order(set(rm) & set(lm), rb)
    md = ["# rivet beside Linux", ""]
    md.append("| | |")
    md.append("| --- | --- |")
    md.append("| kernels | rivet `%s`, Linux `%s` (Debian `%s`) |" %
          (rb[0]["uname"] or "?", lb[0]["uname"] or "?", meta.get("linux", "?")))
    md.append("| machine | QEMU `-M virt -m 512M -smp 1`%s, Sv39 on both (Linux with `no4lvl`); %s |" %
          (" -icount shift=0" if meta.get("mode") == "icount" else " (TCG, wall clock)",
           meta.get("qemu", "")))
    md.append("| boots | %d of rivet, %d of Linux, alternating, %s at a time; medians below |" %
              (len(rb), len(lb), meta.get("jobs", "1")))
    md.append("| wall time | %s s for the whole comparison (build, disk, boots, profiles) |" %
          meta.get("wall", "?"))
    md.append("| host load | %s |" % meta.get("load", "?"))
    md.append("")
    md.append("Ratio = rivet/Linux of the figures as printed. For ns, us and ms "
          "lower is better, so a ratio below 1 means rivet is faster; for MiB/s "
          "higher is better, so above 1 means rivet is faster. \"even\" = within "
          "%d%%. The floor is the physical reference the row measured on each "
          "kernel (rivet / Linux), e.g. memset of a page for a fault, memcpy for a "
          "warm read, the raw device for a cold read. Spread = (max - min) / median "
          "over the boots." % round(EVEN * 100))
    md.append("")
    md.append("| row | unit | rivet | Linux | rivet/Linux | better | floor (rivet / Linux) | spread (rivet / Linux) |")
    md.append("| --- | --- | ---: | ---: | ---: | --- | --- | --- |")
    for n in both:
        u = unit_of(rb, n)
        a = advantage(rm[n], lm[n], u)
        better = "-" if a is None else "even" if abs(a - 1) <= EVEN else \
            ("rivet %.2fx" % a if a > 1 else "Linux %.2fx" % (1 / a))
        ratio = rm[n] / lm[n] if lm[n] else None
        floor = "-"
        if n in rref or n in lref:
            floor = "%s / %s %s" % (fmt(rref.get(n)), fmt(lref.get(n)),
                        unit_of(rb, n + ".ref") or unit_of(lb, n + ".ref"))
        sr, sl = spread(rb, n), spread(lb, n)
        spr = "%s / %s" % ("-" if sr is None else "%.1f%%" % (sr * 100),
                   "-" if sl is None else "%.1f%%" % (sl * 100))
        md.append("| %s | %s | %s | %s | %s | %s | %s | %s |" %
              (n, u, fmt(rm[n]), fmt(lm[n]), "-" if ratio is None else "%.3f" % ratio,
               better, floor, spr))
    only = sorted((set(rm) ^ set(lm)))
    skips = {}
    for kname, bl in (("rivet", rb), ("Linux", lb)):
        for b in bl:
            for k, why in b["skips"].items():
                skips.setdefault((kname, k), why)
    if only or skips:
        md.append("")
        md.append("Rows not on both kernels: " + ", ".join(
            ["%s (%s only)" % (n, "rivet" if n in rm else "Linux") for n in only] +
            ["%s skipped on %s (%s)" % (k, kn, why) for (kn, k), why in sorted(skips.items())]))
    drawn = plots(out, both, rm, lm, rref, lref, rb)
    md.append("")
    md.append("## Plots")
    md.append("")
    if drawn:
        for png, what in drawn:
            md.append("- `%s`: %s." % (png, what))
            md.append("")
            md.append("  ![%s](%s)" % (png, png))
    else:
        md.append("(none drawn: gnuplot is missing; `scripts/deps.sh` installs it)")
    rd = medians([{"d": vm_delta(b)} for b in rb], "d")
    ld = medians([{"d": vm_delta(b)} for b in lb], "d")
    keys = [k for k in sorted(set(rd) | set(ld)) if rd.get(k) or ld.get(k)]
    if keys:
        md.append("")
        md.append("## Kernel counters over a whole /bin/bench run")
        md.append("")
        md.append("/proc/vmstat after minus before (medians). Neither kernel counts "
                  "its TLB flushes here: rivet keeps no such counter and Debian's "
                  "riscv64 Linux has none (nr_tlb_* needs CONFIG_DEBUG_TLBFLUSH, "
                  "which only x86 offers); the profiled rows below count sfence.vma "
                  "with a QEMU plugin instead.")
        md.append("")
        md.append("| counter | rivet | Linux |")
        md.append("| --- | ---: | ---: |")
        for k in keys:
            md.append("| %s | %s | %s |" % (k, fmt(rd.get(k)) if k in rd else "-",
                            fmt(ld.get(k)) if k in ld else "-"))
    prof = [p for p in meta.get("profiled", "").split() if p]
    if prof:
        md.append("")
        md.append("## Where rivet is behind: profiles")
        for row in prof:
            md.extend(profile_section(res, row, rm, lm, rb))
    md.append("")
    md.append("Logs of every boot: `%s/`." % os.path.relpath(res, out))
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "report.md"), "w") as f:
        f.write("\n".join(md) + "\n")


def main(argv):
    if len(argv) == 5 and argv[1] == "--behind":
        behind(argv[2], float(argv[3]), int(argv[4]))
        return
    if len(argv) >= 4 and argv[1] == "--report":
        meta = {}
        i = 4
        while i + 1 < len(argv):
            meta[argv[i].lstrip("-")] = argv[i + 1]
            i += 2
        report(argv[2], argv[3], meta)
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
