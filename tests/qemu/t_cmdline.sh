# Bad command-line input is reported, and the boot goes on.

boot_direct badopt 60 console=ttyS0 loglevel=abc hz=5000 nosuchoption=1 poweroff_after=300
log=$LOGDIR/badopt.log
expect_rc 0 "bad options: boot still powers off cleanly"
expect "$log" "loglevel=abc" "bad options: bad loglevel value reported"
expect "$log" "hz=5000" "bad options: out-of-range hz reported"
expect "$log" "nosuchoption" "bad options: unknown parameter reported"
expect "$log" "HZ=100" "bad options: defaults kept"
expect_not "$log" "Kernel panic" "bad options: no panic"
