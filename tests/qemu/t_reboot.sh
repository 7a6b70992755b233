# "reboot" at the rivet> prompt restarts the machine: the firmware and
# rivet come up a second time (QEMU runs without -no-reboot, as make run
# and make run-direct do), and "poweroff" then ends the run.

boot_direct_typed reboot 90 "console=ttyS0 poweroff_after=60000" \
	1 "rivet: boot complete" $'reboot\r' \
	2 "rivet: boot complete" $'poweroff\r'
log=$LOGDIR/reboot.log
expect_rc 0 "reboot: QEMU ends with the second boot's poweroff"
expect "$log" "rivet: restart" "reboot: the monitor's reboot command runs"
expect_count "$log" "OpenSBI v[0-9]" 2 "reboot: the firmware starts again (a real reset)"
expect_count "$log" "rivet [^ ]+ \(riscv64, Sv39\) booting on hart" 2 "reboot: rivet boots twice"
expect_count "$log" "rivet: boot complete" 2 "reboot: the second boot completes"
expect "$log" "rivet: power off" "reboot: poweroff after the restart"
