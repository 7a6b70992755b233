# The VisionFive way: OpenSBI fw_jump -> U-Boot -> extlinux.conf on the
# sdcard image's FAT partition -> booti Image. The image is built as a user
# builds it, `APPEND="..." make sdcard`, so APPEND must reach the append
# line of the image's extlinux.conf and rivet's command line.

img=$O/sdcard.img
append='console=ttyS0 loglevel=7 mmstat=buddyinfo poweroff_after=500'
# make_sdcard APPEND: the user's command, outside the make running the tests.
make_sdcard() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL APPEND="$1" \
		make --no-print-directory O="$O" sdcard >>"$LOGDIR/uboot-make.log" 2>&1
}
# image_extlinux: the extlinux.conf inside the image's FAT partition (p3).
image_extlinux() {
	local start
	start=$(sgdisk -i 3 "$img" | sed -n 's/^First sector: \([0-9]*\).*/\1/p')
	mtype -i "$img@@$((start * 512))" ::/extlinux/extlinux.conf
}

: >"$LOGDIR/uboot-make.log"
if make_sdcard "$append"; then
	ok "sdcard image built by APPEND=... make sdcard"
else
	not_ok "sdcard image built by APPEND=... make sdcard (see $LOGDIR/uboot-make.log)"
fi
if image_extlinux | grep -qxF "	append $append"; then
	ok "sdcard: APPEND is the append line of the image's extlinux.conf"
else
	not_ok "sdcard: APPEND is the append line of the image's extlinux.conf (got: $(image_extlinux | grep append))"
fi
# GPT attribute bit 2 = legacy BIOS bootable: U-Boot's distro boot needs it.
attrs=$(sgdisk -i 3 "$img" 2>/dev/null | sed -n 's/^Attribute flags: //p')
if [ -n "$attrs" ] && (( (16#$attrs >> 2) & 1 )); then
	ok "sdcard: boot partition is legacy-BIOS-bootable"
else
	not_ok "sdcard: boot partition is legacy-BIOS-bootable (attributes '$attrs')"
fi
start=$(sgdisk -i 4 "$img" | sed -n 's/^First sector: \([0-9]*\).*/\1/p')
end=$(sgdisk -i 4 "$img" | sed -n 's/^Last sector: \([0-9]*\).*/\1/p')
dd if="$img" of="$O/root.ext2" bs=512 skip="$start" count=$((end - start + 1)) status=none
if /usr/sbin/e2fsck -fn "$O/root.ext2" >/dev/null 2>&1; then
	ok "sdcard: root partition passes e2fsck -fn"
else
	not_ok "sdcard: root partition passes e2fsck -fn"
fi

boot_uboot uboot 90 "$img"
log=$LOGDIR/uboot.log
expect_rc 0 "uboot: powers off cleanly"
expect "$log" "OpenSBI v1\." "uboot: OpenSBI"
expect "$log" "U-Boot 20" "uboot: U-Boot"
expect "$log" "extlinux.conf" "uboot: distro boot found extlinux.conf"
expect "$log" "rivet [^ ]+ \(riscv64, Sv39\) booting on hart 0" "uboot: rivet banner"
expect "$log" "command line: $append\$" "uboot: APPEND is rivet's command line"
expect "$log" "^Node 0, zone +Normal( +[0-9]+){11} *\$" "uboot: the APPEND options take effect (mmstat=buddyinfo)"
expect "$log" "memory: 0x0*80000000-" "uboot: memory map"
expect "$log" "\] serial8250 10000000\.serial: ttyS0 at MMIO 0x10000000 irq 10 \(reg-shift 0, io-width 1\), console\$" \
	"uboot: the UART binds from the DTB U-Boot passed on"
expect "$log" "boot complete" "uboot: boot completes"

# The image follows APPEND: the same value leaves it alone, a new one rebuilds it.
before=$(stat -c %Y "$img" 2>/dev/null)
sleep 1
make_sdcard "$append"
if [ "$(stat -c %Y "$img" 2>/dev/null)" = "$before" ]; then
	ok "sdcard: not rebuilt when APPEND is unchanged"
else
	not_ok "sdcard: not rebuilt when APPEND is unchanged"
fi
make_sdcard 'console=ttyS0 loglevel=4 quiet="a|b&c"'
if image_extlinux | grep -qxF '	append console=ttyS0 loglevel=4 quiet="a|b&c"'; then
	ok "sdcard: rebuilt with the new append line when APPEND changes (taken literally)"
else
	not_ok "sdcard: rebuilt with the new append line when APPEND changes (got: $(image_extlinux | grep append))"
fi
make_sdcard ""
if image_extlinux | cmp -s - board/qemu-virt/extlinux.conf; then
	ok "sdcard: without APPEND the image has board/qemu-virt/extlinux.conf as it is"
else
	not_ok "sdcard: without APPEND the image has board/qemu-virt/extlinux.conf as it is"
fi

# `make run`'s image as it is: the default extlinux.conf names the ext2 root
# partition (root=/dev/vda4), which rivet mounts. The monitor is typed a
# poweroff once the boot completes.
boot_uboot_typed() {
	local name=$1 t=$2 img=$3 log=$LOGDIR/$1.log fifo=$LOGDIR/$1.stdin qpid in
	rm -f "$fifo" && mkfifo "$fifo"
	: >"$log"
	TIMEOUT=$t NO_REBOOT=1 bash scripts/qemu.sh uboot "$img" <"$fifo" >"$log" 2>&1 &
	qpid=$!
	exec {in}>"$fifo"
	until grep -q "boot complete" "$log"; do
		kill -0 "$qpid" 2>/dev/null || break
		sleep 0.2
	done
	printf 'poweroff\r' >&"$in"
	wait "$qpid" && RC=0 || RC=$?
	exec {in}>&-
	rm -f "$fifo"
	strip_cr "$log"
}
boot_uboot_typed uboot-root 90 "$img"
log=$LOGDIR/uboot-root.log
expect_rc 0 "uboot-root: the default image boots and powers off from the monitor"
expect "$log" "command line: console=ttyS0 loglevel=7 root=/dev/vda4 rw rootwait\$" \
	"uboot-root: the default command line names the root partition"
expect "$log" "VFS: Mounted root \(ext2 filesystem\) on device 254:4\." "uboot-root: rivet mounts the ext2 root partition"
expect "$log" "devtmpfs: mounted on /dev" "uboot-root: /dev is mounted"
expect_not "$log" "Kernel panic|WARNING|EXT2-fs error" "uboot-root: no panic or ext2 error"
