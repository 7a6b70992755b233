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

# boot_direct NAME TIMEOUT APPEND...: boots build/Image, log in $LOGDIR/NAME.log.
# Sets RC to QEMU's exit status (124 = timed out).
boot_direct() {
	local name=$1 t=$2; shift 2
	APPEND="$*" TIMEOUT=$t bash scripts/qemu.sh direct "$O/Image" \
		</dev/null >"$LOGDIR/$name.log" 2>&1 && RC=0 || RC=$?
	tr -d '\r' <"$LOGDIR/$name.log" >"$LOGDIR/$name.tmp" && mv "$LOGDIR/$name.tmp" "$LOGDIR/$name.log"
}

# boot_uboot NAME TIMEOUT IMG
boot_uboot() {
	local name=$1 t=$2 img=$3
	TIMEOUT=$t bash scripts/qemu.sh uboot "$img" \
		</dev/null >"$LOGDIR/$name.log" 2>&1 && RC=0 || RC=$?
	tr -d '\r' <"$LOGDIR/$name.log" >"$LOGDIR/$name.tmp" && mv "$LOGDIR/$name.tmp" "$LOGDIR/$name.log"
}

expect_rc() {
	if [ "$RC" -eq "$1" ]; then ok "$2 (exit status $RC)"; else not_ok "$2 (exit status $RC, wanted $1)"; fi
}
