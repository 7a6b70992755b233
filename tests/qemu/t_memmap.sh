# The memory pictures' workload on rivet (docs/bench.md, "Memory pictures"):
# one boot (512 MiB, -icount shift=0) whose /etc/rc runs scripts/memmap-job.sh.
# /bin/fragment must check every byte it reads back (files, kept and dropped
# anonymous pages) and end "ok"; the three snapshots must parse and agree
# (scripts/memmap.py check), and "during" must show the workload's mark:
# more free order-0 blocks and a higher unusable free space index at the
# pageblock order than "before".

work=$LOGDIR/memmap
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory O="$O" rootfs \
		>"$LOGDIR/memmap-make.log" 2>&1; then
	not_ok "memmap: make rootfs (see $LOGDIR/memmap-make.log)"
	exit 1
fi
rm -rf "$work" && mkdir -p "$work"
cp -a "$O/rootfs" "$work/root"
cp scripts/memmap-job.sh "$work/root/memmap-job.sh"
printf '#!/bin/sh\n/bin/sh /memmap-job.sh\necho "memmap-job: status $?"\npoweroff -f\n' >"$work/root/etc/rc"
chmod 755 "$work/root/etc/rc"
mke2fs -q -t ext2 -b 4096 -d "$work/root" "$work/disk.img" 128M >/dev/null
MEM=512M APPEND="console=ttyS0 loglevel=4 root=/dev/vda rw" TIMEOUT=240 NO_REBOOT=1 \
	bash scripts/qemu.sh direct "$O/Image" -icount shift=0 \
	-drive "file=$work/disk.img,format=raw,if=none,id=d0" -device virtio-blk-device,drive=d0 \
	</dev/null >"$LOGDIR/memmap.log" 2>&1 && RC=0 || RC=$?
strip_cr "$LOGDIR/memmap.log"
log=$LOGDIR/memmap.log
expect_rc 0 "memmap: the job ran to poweroff"
expect "$log" "^fragment: wrote 16 files" "memmap: fragment setup wrote its files"
expect "$log" "^fragment: 32 workers .* ok$" "memmap: fragment ran, every byte read back right"
expect "$log" "^MEMMAP-END$" "memmap: the job reached its end"
expect "$log" "^memmap-job: status 0$" "memmap: the job exited 0"
if python3 scripts/memmap.py check "$log" >"$LOGDIR/memmap.check" 2>&1; then
	ok "memmap: the before/during/after snapshots parse and agree"
else
	not_ok "memmap: the snapshots parse and agree ($(cat "$LOGDIR/memmap.check"))"
fi
if python3 - "$log" >"$LOGDIR/memmap.frag" 2>&1 <<'EOF'
import sys
sys.path.insert(0, "scripts")
import memmap
log = memmap.parse_log(open(sys.argv[1]).read())
b, d = log["phases"]["before"]["buddy"], log["phases"]["during"]["buddy"]
for z in b:
    print("%s: order-0 blocks %d -> %d, U(9) %.2f -> %.2f" % (z, b[z][0], d[z][0],
          memmap.unusable_index(b[z], 9), memmap.unusable_index(d[z], 9)))
    assert d[z][0] > b[z][0] and memmap.unusable_index(d[z], 9) > memmap.unusable_index(b[z], 9)
EOF
then
	ok "memmap: during, free memory is fragmented ($(tr '\n' ';' <"$LOGDIR/memmap.frag"))"
else
	not_ok "memmap: during, free memory is fragmented (see $LOGDIR/memmap.frag)"
fi
expect_not "$log" "Kernel panic|WARNING|BUG:|bad page|Out of memory" "memmap: no panic, warning, bad page or OOM"
