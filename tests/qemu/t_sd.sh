# The SD card on QEMU's sdhci-pci (docs/mmc.md, "SDHCI on QEMU";
# docs/pci.md): a copy of `make sdcard`'s image (a power-of-two size) as an
# sd-card behind -device sdhci-pci, the Image booted directly (-kernel)
# with root=/dev/mmcblk0p4 rw, BusyBox driven over the console. Twice:
# ADMA2 (the default) and PIO (sdhci.dma=0). Each run: the PCI scan, the
# host, the card and its partitions in the boot log; every file of the
# root read back and compared with the host's staging folder; create,
# rename, delete; 4 MiB of random data read back after dropping the
# caches and, after power-off, from the image on the host; the root
# filled until ENOSPC (with ADMA2 also synced: 64 MiB written back), then
# emptied again; /proc/diskstats counting mmcblk0's I/O; e2fsck -fn clean
# afterwards. Then three short boots: a version 3.00 controller (the
# 10-bit divider), ktest=sdhci (the software timeout, a command timeout),
# and a slot without a card.
. tests/qemu/lib_user.sh

if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL APPEND= \
	make --no-print-directory O="$O" sdcard >"$LOGDIR/sd-make.log" 2>&1; then
	not_ok "sd: make sdcard (see $LOGDIR/sd-make.log)"
	exit 1
fi

# What the root holds, as md5sum prints it from /: the staging folder and RIVET.
( cd "$O/rootfs" && find . -type f | sort | xargs md5sum
  printf 'rivet root file system\n' | md5sum | sed 's|-$|./RIVET|' ) | sort -k 2 >"$LOGDIR/sd-host.md5"

# sd_qemu_args IMG: QEMU's arguments for IMG as the card behind sdhci-pci
# ($SDHCI_DEVICE, if set, replaces "-device sdhci-pci").
sd_qemu_args() {
	echo "-drive if=none,id=sdcard,format=raw,file=$1"
	echo "${SDHCI_DEVICE:--device sdhci-pci}"
	echo "-device sd-card,drive=sdcard"
}

# sd_session NAME TIMEOUT APPEND SCRIPT: boot with the card, wait for the
# shell, play SCRIPT (expect.py steps); log in $LOGDIR/NAME.log.
sd_session() {
	local name=$1 t=$2 append=$3 steps=$4 script=$LOGDIR/$1.steps
	{
		echo "expect 60 init: starting /bin/sh"
		echo "expect 30 [#\$] (\\x1b\\[6n)?\$"
		printf '%s\n' "$steps"
	} >"$script"
	# shellcheck disable=SC2046
	python3 tests/qemu/expect.py --log "$LOGDIR/$name.raw" --timeout "$t" --script "$script" -- \
		env APPEND="$append" TIMEOUT=$((t + 10)) NO_REBOOT=1 bash scripts/qemu.sh direct "$O/Image" \
		$(sd_qemu_args "$LOGDIR/$name.img") >"$LOGDIR/$name.expect" 2>&1 && RC=0 || RC=$?
	tr -d '\r' <"$LOGDIR/$name.raw" >"$LOGDIR/$name.log"
}

# p4_file NAME PATH: PATH of NAME.img's root partition, dumped by debugfs to stdout.
p4_file() {
	local img=$LOGDIR/$1.img start end
	start=$(sgdisk -i 4 "$img" | sed -n 's/^First sector: \([0-9]*\).*/\1/p')
	end=$(sgdisk -i 4 "$img" | sed -n 's/^Last sector: \([0-9]*\).*/\1/p')
	dd if="$img" of="$LOGDIR/$1.p4" bs=512 skip="$start" count=$((end - start + 1)) status=none
	debugfs -R "cat $2" "$LOGDIR/$1.p4" 2>/dev/null
}

for mode in dma pio; do
	name=sd-$mode
	if ! cp "$O/sdcard.img" "$LOGDIR/$name.img"; then
		not_ok "$name: a copy of the image"
		continue
	fi
	# PIO moves 512 bytes an interrupt: its fill is not written back (time)
	append="console=ttyS0 root=/dev/mmcblk0p4 rw" fill_sync="sync;" min_wsect=65536
	[ $mode = pio ] && append="$append sdhci.dma=0" fill_sync= min_wsect=8192
	sd_session $name 150 "$append" "$(
		run_cmd list 'cd / && find . -xdev -type f | sort | xargs md5sum; cd /' 60
		run_cmd ops 'mkdir /sdt && echo sd-data > /sdt/a && mv /sdt/a /sdt/b && test ! -e /sdt/a && cat /sdt/b && rm /sdt/b && rmdir /sdt && test ! -e /sdt'
		run_cmd rand 'dd if=/dev/urandom of=/rand bs=64k count=64 2>/dev/null && md5sum /rand && sync && echo 3 > /proc/sys/vm/drop_caches && md5sum /rand' 60
		run_cmd fill "dd if=/dev/zero of=/fill bs=1M; r=\$?; $fill_sync (exit \$r)" 120
		run_cmd full 'df -k / | tail -n 1'
		run_cmd unfill 'rm /fill && sync && df -k / | tail -n 1' 60
		run_cmd stats 'grep " mmcblk0 " /proc/diskstats'
		echo 'sendline poweroff'
		echo 'exit 60'
	)"
	log=$LOGDIR/$name.log
	expect_rc 0 "$name: the session ran to poweroff (expect.py, see $LOGDIR/$name.expect)"
	expect "$log" "pci 0000:00:01\.0: \[1b36:0007\] type 00 class 0x080501" "$name: PCI scan finds the SDHCI function"
	expect "$log" "pci 0000:00:01\.0: BAR 0 \[mem 0x4[0-9a-f]+-0x4[0-9a-f]+\]: assigned" "$name: its BAR is assigned from the 32-bit window"
	expect "$log" "pci 0000:00:01\.0: INTA: irq 3[2-5]$" "$name: INTA routed through interrupt-map to the PLIC"
	if [ $mode = dma ]; then
		expect "$log" "mmc0: SDHCI controller v2\.00 on PCI \[0000:00:01\.0\] using ADMA2" "$name: sdhci-pci bound, ADMA2"
	else
		expect "$log" "mmc0: SDHCI controller v2\.00 on PCI \[0000:00:01\.0\] using PIO" "$name: sdhci-pci bound, PIO (sdhci.dma=0)"
	fi
	expect "$log" "mmc0: new .*card at address" "$name: the core finds the card"
	expect "$log" "mmcblk0: mmcblk0p1 (mmcblk0)?p2 (mmcblk0)?p3 (mmcblk0)?p4" "$name: mmcblk0 with its four partitions"
	expect "$log" "VFS: Mounted root \(ext2 filesystem\) on device 179:4" "$name: the root is mmcblk0p4 (179:4)"
	output_of "$log" list | grep -E '^[0-9a-f]{32}  \./' | sort -k 2 >"$LOGDIR/$name.md5"
	missing=$(comm -23 "$LOGDIR/sd-host.md5" "$LOGDIR/$name.md5" | wc -l)
	total=$(wc -l <"$LOGDIR/sd-host.md5")
	if [ "$missing" -eq 0 ] && [ "$total" -gt 5 ]; then
		ok "$name: all $total files of the root read back equal to the staging folder"
	else
		not_ok "$name: $missing of $total files differ or are missing (diff $LOGDIR/sd-host.md5 $LOGDIR/$name.md5)"
	fi
	expect_rc_of "$log" ops 0 "$name: create, rename, delete on the root"
	expect <(output_of "$log" ops) "^sd-data$" "$name: the renamed file reads back"
	output_of "$log" rand | grep -E '^[0-9a-f]{32}  /rand$' >"$LOGDIR/$name.rand"
	if [ "$(wc -l <"$LOGDIR/$name.rand")" -eq 2 ] && [ "$(uniq "$LOGDIR/$name.rand" | wc -l)" -eq 1 ]; then
		ok "$name: 4 MiB of random data read back the same after dropping the caches"
	else
		not_ok "$name: 4 MiB of random data read back the same after dropping the caches (see $LOGDIR/$name.rand)"
	fi
	expect "$log" "No space left on device" "$name: filling the root ends with ENOSPC"
	if [ "$(rc_of "$log" fill)" != 0 ] && [ "$(rc_of "$log" fill)" != none ]; then
		ok "$name: dd reports the full disk"
	else
		not_ok "$name: dd reports the full disk (status $(rc_of "$log" fill))"
	fi
	expect_rc_of "$log" unfill 0 "$name: the fill file removed and synced"
	read -r _ _ _ rd _ _ _ wr _ wsect _ < <(output_of "$log" stats | grep " mmcblk0 " | head -n 1) || true
	if [ "${rd:-0}" -gt 0 ] 2>/dev/null && [ "${wr:-0}" -gt 0 ] 2>/dev/null &&
	   [ "${wsect:-0}" -gt $min_wsect ] 2>/dev/null; then
		ok "$name: /proc/diskstats counts mmcblk0's reads ($rd) and writes ($wr, $wsect sectors)"
	else
		not_ok "$name: /proc/diskstats counts mmcblk0's reads and writes (got '$(output_of "$log" stats)')"
	fi
	expect_not "$log" "Kernel panic|WARNING|BUG:|bad page|EXT2-fs error|timeout waiting for the controller|ADMA error|cannot reach" \
		"$name: no panic, warning, ext2 error or controller timeout"
	if root_fsck $name; then
		ok "$name: e2fsck -fn finds the root clean after poweroff"
	else
		not_ok "$name: e2fsck -fn finds the root clean after poweroff (see $LOGDIR/$name.fsck)"
	fi
	if [ "$(p4_file $name /rand | md5sum | cut -d' ' -f1)" = "$(head -n 1 "$LOGDIR/$name.rand" | cut -d' ' -f1)" ]; then
		ok "$name: the random file on the card (read on the host) is what the target wrote"
	else
		not_ok "$name: the random file on the card (read on the host) is what the target wrote"
	fi
	rm -f "$LOGDIR/$name.p4" "$LOGDIR/$name.root"
done

# A version 3.00 controller: the 10-bit divided clock, the same card, root mounted.
if cp "$LOGDIR/sd-dma.img" "$LOGDIR/sd-v3.img"; then
	SDHCI_DEVICE="-device sdhci-pci,sd-spec-version=3" sd_session sd-v3 60 \
		"console=ttyS0 root=/dev/mmcblk0p4 rw" "$(
		run_cmd parts 'grep mmcblk0 /proc/partitions'
		echo 'sendline poweroff'
		echo 'exit 60'
	)"
	expect_rc 0 "sd-v3: the session ran to poweroff (see $LOGDIR/sd-v3.expect)"
	expect "$LOGDIR/sd-v3.log" "mmc0: SDHCI controller v3\.00 on PCI .* using ADMA2" "sd-v3: a v3.00 controller bound"
	expect "$LOGDIR/sd-v3.log" "VFS: Mounted root \(ext2 filesystem\) on device 179:4" \
		"sd-v3: the card comes up and the root mounts"
	expect_count <(output_of "$LOGDIR/sd-v3.log" parts) "mmcblk0" 5 "sd-v3: /proc/partitions lists mmcblk0 and 4 partitions"
	expect_not "$LOGDIR/sd-v3.log" "Kernel panic|WARNING|timeout waiting for the controller" "sd-v3: no panic or controller timeout"
	rm -f "$LOGDIR/sd-v3.img"
else
	not_ok "sd-v3: a copy of the image"
fi

# ktest=sdhci (tests/kernel/test_sdhci.c): the software timeout and a
# command timeout, with the controller behind a PCI-to-PCI bridge (slot 3;
# the device in its slot 2: INTA swizzled to INTC of slot 3, PLIC 33).
if cp "$O/sdcard.img" "$LOGDIR/sd-ktest.img"; then
	args=$(SDHCI_DEVICE="-device pci-bridge,id=br0,chassis_nr=1,addr=3 -device sdhci-pci,bus=br0,addr=2" \
		sd_qemu_args "$LOGDIR/sd-ktest.img")
	# shellcheck disable=SC2086
	APPEND="console=ttyS0 ktest=sdhci poweroff_after=100" TIMEOUT=60 NO_REBOOT=1 \
		bash scripts/qemu.sh direct "$O/Image" $args </dev/null >"$LOGDIR/sd-ktest.log" 2>&1 && RC=0 || RC=$?
	strip_cr "$LOGDIR/sd-ktest.log"
	expect_rc 0 "sd-ktest: the boot powers off cleanly"
	expect "$LOGDIR/sd-ktest.log" "pci 0000:00:03\.0: \[1b36:0001\] type 01 class 0x060400" "sd-ktest: the bridge found"
	expect "$LOGDIR/sd-ktest.log" "pci 0000:01:02\.0: \[1b36:0007\] type 00 class 0x080501" "sd-ktest: the SDHCI behind it, on bus 01"
	expect "$LOGDIR/sd-ktest.log" "pci 0000:01:02\.0: BAR 0 \[mem 0x40100000-0x401000ff\]: assigned" \
		"sd-ktest: its BAR in the bridge's 1 MiB-aligned window"
	expect "$LOGDIR/sd-ktest.log" "pci 0000:01:02\.0: INTA: irq 33$" "sd-ktest: INTA swizzled through the bridge"
	expect "$LOGDIR/sd-ktest.log" "pci 0000:00:03\.0: PCI bridge to \[bus 01-01\]" "sd-ktest: the bridge's bus numbers set"
	expect "$LOGDIR/sd-ktest.log" "mmcblk0: mmcblk0p1" "sd-ktest: the card works behind the bridge"
	expect "$LOGDIR/sd-ktest.log" "ktest: ok - sdhci_soft_timeout" \
		"sd-ktest: no interrupt: the software timeout ends CMD13 -ETIMEDOUT, the next one works"
	expect "$LOGDIR/sd-ktest.log" "mmc0: timeout waiting for the controller \(CMD13\)" "sd-ktest: the timeout is reported"
	expect "$LOGDIR/sd-ktest.log" "ktest: ok - sdhci_cmd_timeout" \
		"sd-ktest: a command the card ignores ends -ETIMEDOUT (Command Timeout Error), the next one works"
	expect "$LOGDIR/sd-ktest.log" "ktest: 2 passed, 0 failed" "sd-ktest: both sdhci ktests passed"
	rm -f "$LOGDIR/sd-ktest.img"
else
	not_ok "sd-ktest: a copy of the image"
fi

# The slot without a card: the host registers, no card, the boot goes on.
APPEND="console=ttyS0 poweroff_after=2000" TIMEOUT=60 NO_REBOOT=1 \
	bash scripts/qemu.sh direct "$O/Image" -device sdhci-pci </dev/null >"$LOGDIR/sd-nocard.log" 2>&1 && RC=0 || RC=$?
strip_cr "$LOGDIR/sd-nocard.log"
expect_rc 0 "sd-nocard: the boot powers off cleanly"
expect "$LOGDIR/sd-nocard.log" "mmc0: SDHCI controller v2\.00 on PCI" "sd-nocard: the host is registered"
expect_not "$LOGDIR/sd-nocard.log" "mmcblk0|Kernel panic|WARNING" "sd-nocard: no card, no disk, no panic"
