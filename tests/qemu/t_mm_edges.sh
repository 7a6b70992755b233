# Memory at its edges: bad size options keep their defaults, and RAM that
# does not start on a MAX_ORDER boundary (memory@80200000) boots and passes
# the page-allocator ktests.

boot_direct mmopts 60 console=ttyS0 highmem=banana highmem=1X highmem= mem=16M poweroff_after=100
log=$LOGDIR/mmopts.log
expect_rc 0 "mm options: boot powers off cleanly"
expect "$log" "bad value for highmem=banana" "mm options: highmem=banana reported"
expect "$log" "bad value for highmem=1X" "mm options: highmem=1X reported"
expect "$log" "missing value for highmem=|bad value for highmem=\$" "mm options: empty highmem= reported"
expect "$log" "mem=16M: rivet needs at least 64 MiB of RAM, ignored" "mm options: mem=16M says the minimum"
expect "$log" "Memory: [0-9]+K/3145728K available \([0-9]+K reserved, 786432K highmem\)" \
	"mm options: the bad values changed nothing (all RAM, a quarter highmem)"

# QEMU's own DTB with the memory node moved up 2 MiB, to 0x80200000 (where
# OpenSBI loads the kernel), so RAM starts on a 2 MiB, not 4 MiB, boundary.
src=$LOGDIR/virt-unaligned.dtb
timeout 20 qemu-system-riscv64 -M "virt,dumpdtb=$src" -m "$MEM" -smp 1 -nographic >/dev/null 2>&1
dts=$LOGDIR/virt-unaligned.dts
if dtc -q -I dtb -O dts -o "$dts" "$src" 2>/dev/null &&
   grep -q 'memory@80000000' "$dts"; then
	size=$(( $(numfmt --from=iec "$MEM") - 0x200000 ))
	sed -i -e 's/memory@80000000/memory@80200000/' \
	       -e "/memory@80200000/,/};/s/reg = <[^>]*>/reg = <0x00 0x80200000 $(printf '0x%x 0x%x' $((size >> 32)) $((size & 0xffffffff)))>/" "$dts"
	dtc -q -I dts -O dtb -o "$LOGDIR/virt-unaligned.dtb" "$dts"
	APPEND="console=ttyS0 ktest=page_alloc poweroff_after=100" TIMEOUT=90 NO_REBOOT=1 \
		bash scripts/qemu.sh direct "$O/Image" -dtb "$LOGDIR/virt-unaligned.dtb" \
		</dev/null >"$LOGDIR/unaligned.log" 2>&1 && RC=0 || RC=$?
	strip_cr "$LOGDIR/unaligned.log"
	log=$LOGDIR/unaligned.log
	expect_rc 0 "unaligned RAM: boot powers off cleanly"
	expect "$log" "DMA32 +\[mem 0x0000000080200000-" "unaligned RAM: DMA32 starts at 0x80200000"
	expect "$log" "ktest: [1-9][0-9]* passed, 0 failed" "unaligned RAM: page allocator ktests pass"
	expect_not "$log" "Bad page state|Kernel panic|WARNING" "unaligned RAM: no bad pages, warnings or panic"
else
	not_ok "unaligned RAM: could not make the DTB (dtc)"
fi
