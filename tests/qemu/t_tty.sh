# The console tty on the UART (ktest=tty, tests/kernel/test_tty.c): a line
# typed while no one has the tty open waits in the driver for the first
# reader; a reader asleep in a canonical read is woken by the RX interrupt
# with the line as edited (DEL, ^W); echoes go out on the wire with ONLCR.

boot_direct_typed tty 90 "console=ttyS0 ktest=tty poweroff_after=100" \
	1 "tty: ready for type-ahead" $'ahead\r' \
	1 "tty: type a line" $'helo\x7flo wrld\x17world\r'
log=$LOGDIR/tty.log
expect_rc 0 "tty: boot powers off cleanly"
expect "$log" "ktest: ok - tty_console" "tty: the console ktest passed"
expect "$log" "^tty: a write through /dev/console$" "tty: a write to /dev/console reaches the UART as a line"
expect "$log" '^ahead$' "tty: the typed-ahead line is echoed when the tty opens"
expect "$log" 'tty: typed ahead: "ahead"' "tty: the first read returns the line typed before the open"
expect "$log" 'tty: line read: "hello world"' "tty: a sleeping read gets the edited line (DEL, ^W) from the RX interrupt"
if grep -aqF $'helo\b \blo wrld\b \b\b \b\b \b\b \bworld' "$log"; then
	ok "tty: the erases are echoed as \\b \\b"
else
	not_ok "tty: the erases are echoed as \\b \\b (not in $log)"
fi
expect_not "$log" "nothing typed" "tty: the typed checks ran"
