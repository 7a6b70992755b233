# The VisionFive way: OpenSBI fw_jump -> U-Boot -> extlinux.conf on the
# sdcard image's FAT partition -> booti Image.

img=$O/test-sdcard.img
if bash scripts/mksdcard.sh "$img" "$O/Image" board/qemu-virt/extlinux.conf "" \
	"console=ttyS0 loglevel=7 poweroff_after=500" >/dev/null; then
	ok "sdcard image built"
else
	not_ok "sdcard image built"
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
expect "$log" "command line: console=ttyS0 loglevel=7 poweroff_after=500" "uboot: append line is the command line"
expect "$log" "memory: 0x0*80000000-" "uboot: memory map"
expect "$log" "boot complete" "uboot: boot completes"
