# The RAM disk (drivers/block/brd.c, ktest=brd in tests/kernel/test_brd.c):
# two disks of 1024 KiB from the command line, their boot line, the
# "partitions" monitor command listing them, and the ktests (pattern
# written and read back, zeroes without allocation, free pages against
# brd_nr_pages, -EIO past the end, -ENOMEM keeping old data); the default
# single 4 MiB disk; bad brd.rd_size=/brd.rd_nr= values and rd_nr=0 give a
# message and no disk, and the boot goes on.

boot_direct_typed brd 90 "console=ttyS0 brd.rd_nr=2 brd.rd_size=1024 ktest=brd poweroff_after=60000" \
	1 "rivet: boot complete" $'partitions\r' \
	1 "1024 ram1" $'poweroff\r'
log=$LOGDIR/brd.log
expect_rc 0 "brd: QEMU ends with the monitor's poweroff"
expect "$log" "brd: 2 RAM disks of 1024 KiB \(ram0\.\.ram1\)$" "brd: the boot line names two disks of 1024 KiB"
expect "$log" "ktest: 2 passed, 0 failed" "brd: both brd ktests pass"
expect_not "$log" "Kernel panic|WARNING|skipped|BUG" "brd: no panic or warning, the tests ran"
# /proc/partitions through the monitor: "%4d  %7d %10llu %s".
expect "$log" "^major minor  #blocks  name$" "brd: partitions header"
expect "$log" "^   1        0       1024 ram0$" "brd: partitions lists ram0 (major 1, minor 0, 1024 blocks)"
expect "$log" "^   1        1       1024 ram1$" "brd: partitions lists ram1 (minor 1)"
expect "$log" "brd: rw: 68 pages written, free pages down [0-9]+, brd_nr_pages 68$" \
	"brd: 68 backing pages counted for the pages written"
expect "$log" "brd: rw: unwritten sectors read as zeroes, 0 pages allocated for them" \
	"brd: reads of unwritten sectors allocate nothing"
expect "$log" "ram0: attempt to access beyond end of device \(sector 2044 \+ 8, limit 2048\)" \
	"brd: generic_make_request's end check stops the bio over the end"
expect "$log" "brd: rw: past the end -EIO, partition 1 -EIO, unaligned vec -EINVAL; nothing written" \
	"brd: refused bios write nothing"
expect "$log" "brd: rw: brd_free_pages: brd_nr_pages 0" "brd: brd_free_pages empties the disk"
expect "$log" "brd: enomem: write with [0-9]+ pages taken: -12, 1 page\(s\), the written one unchanged" \
	"brd: a write with memory exhausted ends -ENOMEM and keeps the data written before"

boot_direct brd-default 60 console=ttyS0 ktest=brd mmstat=partitions poweroff_after=100
log=$LOGDIR/brd-default.log
expect_rc 0 "brd-default: boot powers off cleanly"
expect "$log" "brd: 1 RAM disk of 4096 KiB \(ram0\)$" "brd-default: one disk of 4096 KiB"
expect "$log" "^   1        0       4096 ram0$" "brd-default: partitions lists ram0 with 4096 blocks"
expect_not "$log" "ram1" "brd-default: no ram1"
expect "$log" "ktest: 2 passed, 0 failed" "brd-default: both brd ktests pass on 4 MiB"

# bad_brd NAME "PARAMS" MESSAGE: no disk, one message from brd, the boot goes on.
bad_brd() {
	boot_direct "$1" 60 console=ttyS0 $2 ktest=brd mmstat=partitions poweroff_after=100
	local log=$LOGDIR/$1.log
	expect_rc 0 "$1: boot powers off cleanly"
	expect "$log" "$3" "$1: brd says why there is no disk"
	expect_not "$log" " ram0$|RAM disks? of" "$1: no RAM disk made"
	expect "$log" "brd: rw: no ram0, skipped" "$1: the ktests see no disk"
	expect_not "$log" "Kernel panic|WARNING" "$1: no panic"
}
bad_brd brd-size0 "brd.rd_size=0" "brd: brd.rd_size=0 is not a size in KiB \(1 or more\): no RAM disk$"
expect "$LOGDIR/brd-size0.log" "rivet: bad value for brd.rd_size=0$" "brd-size0: the command line reports the bad value"
bad_brd brd-garbage "brd.rd_size=12x" "brd: brd.rd_size=12x is not a size in KiB \(1 or more\): no RAM disk$"
bad_brd brd-nr "brd.rd_nr=abc" "brd: brd.rd_nr=abc is not a disk count \(0\.\.256\): no RAM disk$"
bad_brd brd-nr0 "brd.rd_nr=0 brd.rd_size=64" "brd: brd.rd_nr=0: no RAM disk$"
