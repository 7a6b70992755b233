# The serial console: every line ends in exactly "\r\n" (the SBI early
# console and the UART alike), and loglevel= hides a line together with
# its pr_cont continuations.

# boot_direct_raw NAME TIMEOUT APPEND...: boot_direct, keeping the bytes
# as the serial line carried them (CRs and all) in $LOGDIR/NAME.raw.
boot_direct_raw() {
	local name=$1 t=$2; shift 2
	APPEND="$*" TIMEOUT=$t NO_REBOOT=1 bash scripts/qemu.sh direct "$O/Image" \
		</dev/null >"$LOGDIR/$name.raw" 2>&1 && RC=0 || RC=$?
	tr -d '\r' <"$LOGDIR/$name.raw" >"$LOGDIR/$name.log"
}

boot_direct_raw console 60 console=ttyS0 poweroff_after=100
raw=$LOGDIR/console.raw
expect_rc 0 "console: boot powers off cleanly"
if grep -aq $'\r\r' "$raw"; then
	not_ok "console: no line ends in \\r\\r\\n ($(grep -ac $'\r\r' "$raw") do, in $raw)"
else
	ok "console: no line ends in \\r\\r\\n"
fi
# rivet's timestamped lines, from the early SBI console and from the UART:
# each ends in exactly one CR before the LF.
stamped=$(grep -ac '^\[ *[0-9]*\.[0-9]*\] ' "$raw")
crlf=$(grep -ac $'^\\[ *[0-9]*\\.[0-9]*\\] .*[^\r]\r$' "$raw")
if [ "$stamped" -gt 20 ] && [ "$stamped" -eq "$crlf" ]; then
	ok "console: all $stamped kernel lines end in \\r\\n"
else
	not_ok "console: $crlf of $stamped kernel lines end in exactly \\r\\n"
fi
expect "$LOGDIR/console.log" "booting on hart 0" "console: early (SBI) lines shown"
expect "$LOGDIR/console.log" "boot complete" "console: later (UART) lines shown"

boot_direct quiet 60 console=ttyS0 loglevel=0 poweroff_after=100
log=$LOGDIR/quiet.log
expect_rc 0 "loglevel=0: boot powers off cleanly"
# The lines up to "command line:" come before loglevel= is parsed. After
# it, nothing but the monitor's prompt (bare text): no kernel line and no
# continuation of a hidden one (such as the ' hart0=1' that used to leak).
sed '1,/command line: /d' "$log" | grep -v '^$' >"$LOGDIR/quiet.after"
expect "$LOGDIR/quiet.after" "^rivet> " "loglevel=0: the monitor's prompt still shown"
if grep -qv '^rivet> ' "$LOGDIR/quiet.after"; then
	not_ok "loglevel=0: no kernel line or stray continuation once the command line is parsed" \
		"(found '$(grep -v '^rivet> ' "$LOGDIR/quiet.after" | head -1)')"
else
	ok "loglevel=0: no kernel line or stray continuation once the command line is parsed"
fi
# tests/kernel/test_printk.c checks the pr_cont rule itself (ktest=printk).
