#!/usr/bin/env bash
# QEMU tests: boot rivet both ways and check what the boot log shows.
# Each tests/qemu/t_*.sh runs in a subshell of its own, so one that fails
# or exits early cannot hide the others; it leaves its counts in a file.
# Prints one "ok"/"not ok" line per check and "qemu: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/qemu/lib.sh
export MEM=${MEM:-3G}

# QEMU_TESTS="t_ktest t_tty" runs only those.
tests=(tests/qemu/t_*.sh)
if [ -n "${QEMU_TESTS:-}" ]; then
	tests=()
	for n in $QEMU_TESTS; do tests+=("tests/qemu/${n%.sh}.sh"); done
fi

total_pass=0 total_fail=0
for t in "${tests[@]}"; do
	name=$(basename "$t")
	counts=$LOGDIR/${name%.sh}.counts
	rm -f "$counts"
	echo "# $name"
	start=$SECONDS
	(
		PASS=0 FAIL=0
		trap 'echo "$PASS $FAIL" >"$counts"' EXIT
		. "$t"
	)
	rc=$?
	p=0 f=0
	[ -s "$counts" ] && read -r p f <"$counts"
	if [ "$rc" -ne 0 ]; then
		echo "not ok - $name ended with status $rc"
		f=$((f + 1))
	fi
	total_pass=$((total_pass + p)) total_fail=$((total_fail + f))
	echo "# $name took $((SECONDS - start)) s"
done

echo "qemu: $total_pass passed, $total_fail failed"
echo "$total_pass $total_fail" >"${QEMU_RESULT:-/dev/null}"
