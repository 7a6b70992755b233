#!/usr/bin/env bash
# QEMU tests: boot rivet both ways and check what the boot log shows.
# Prints one "ok"/"not ok" line per check and "qemu: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/qemu/lib.sh
export MEM=${MEM:-3G}

for t in tests/qemu/t_*.sh; do
	echo "# $(basename "$t")"
	. "$t"
done

echo "qemu: $PASS passed, $FAIL failed"
echo "$PASS $FAIL" > "${QEMU_RESULT:-/dev/null}"
