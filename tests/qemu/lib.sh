# Helpers for the QEMU tests: boot with a timeout, check the log.
# Each check prints "ok - ..." or "not ok - ..."; run.sh adds them up.

O=${O:-build}
LOGDIR=$O/qemu-logs
mkdir -p "$LOGDIR"
PASS=0 FAIL=0

ok()     { echo "ok - $*"; PASS=$((PASS + 1)); }
not_ok() { echo "not ok - $*"; FAIL=$((FAIL + 1)); }

# expect LOG REGEX WHAT: the log contains a line matching REGEX.
expect() {
	if grep -Eq -- "$2" "$1"; then ok "$3"; else not_ok "$3 (no /$2/ in $1)"; fi
}

# expect_not LOG REGEX WHAT
expect_not() {
	if grep -Eq -- "$2" "$1"; then not_ok "$3 (found /$2/ in $1)"; else ok "$3"; fi
}

# expect_count LOG REGEX N WHAT: exactly N lines match REGEX.
expect_count() {
	local n
	n=$(grep -Ec -- "$2" "$1")
	if [ "$n" -eq "$3" ]; then ok "$4"; else not_ok "$4 ($n lines match /$2/ in $1, wanted $3)"; fi
}

# Strip the console's CRs so the checks can anchor at line ends.
strip_cr() {
	tr -d '\r' <"$1" >"$1.tmp" && mv "$1.tmp" "$1"
}

# boot_direct NAME TIMEOUT APPEND...: boots $O/Image, log in $LOGDIR/NAME.log.
# Sets RC to QEMU's exit status (124 = timed out). A guest reset ends QEMU.
boot_direct() {
	local name=$1 t=$2; shift 2
	APPEND="$*" TIMEOUT=$t NO_REBOOT=1 bash scripts/qemu.sh direct "$O/Image" \
		</dev/null >"$LOGDIR/$name.log" 2>&1 && RC=0 || RC=$?
	strip_cr "$LOGDIR/$name.log"
}

# boot_uboot NAME TIMEOUT IMG
boot_uboot() {
	local name=$1 t=$2 img=$3
	TIMEOUT=$t NO_REBOOT=1 bash scripts/qemu.sh uboot "$img" \
		</dev/null >"$LOGDIR/$name.log" 2>&1 && RC=0 || RC=$?
	strip_cr "$LOGDIR/$name.log"
}

# boot_direct_typed NAME TIMEOUT APPEND [N REGEX INPUT]...: boots like
# boot_direct, but a guest reset restarts the machine (no -no-reboot), and
# once the log has N lines matching REGEX, INPUT is typed on the console;
# then the next step. Steps not reached before QEMU ends are skipped.
boot_direct_typed() {
	local name=$1 t=$2 append=$3; shift 3
	local log=$LOGDIR/$name.log fifo=$LOGDIR/$name.stdin qpid in
	rm -f "$fifo" && mkfifo "$fifo"
	: >"$log"
	APPEND="$append" TIMEOUT=$t NO_REBOOT=0 bash scripts/qemu.sh direct "$O/Image" \
		<"$fifo" >"$log" 2>&1 &
	qpid=$!
	exec {in}>"$fifo"	# QEMU's stdin stays open until we are done
	while [ $# -ge 3 ]; do
		until [ "$(grep -Ec -- "$2" "$log")" -ge "$1" ]; do
			kill -0 "$qpid" 2>/dev/null || break 2
			sleep 0.1
		done
		printf '%s' "$3" >&"$in"
		shift 3
	done
	wait "$qpid" && RC=0 || RC=$?
	exec {in}>&-
	rm -f "$fifo"
	strip_cr "$log"
}

expect_rc() {
	if [ "$RC" -eq "$1" ]; then ok "$2 (exit status $RC)"; else not_ok "$2 (exit status $RC, wanted $1)"; fi
}
