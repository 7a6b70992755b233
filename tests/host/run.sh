#!/usr/bin/env bash
# Run every built host test binary given on the command line and add up
# their "ok"/"not ok" lines. Prints "host: N passed, N failed".
set -u
pass=0 fail=0
for t in "$@"; do
	out=$("$t" 2>&1); rc=$?
	p=$(grep -c '^ok ' <<<"$out"); f=$(grep -c '^not ok ' <<<"$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1; out="$out
not ok - $(basename "$t") exited with status $rc"
	fi
	[ "$f" -ne 0 ] && { echo "== $(basename "$t")"; grep -v '^ok ' <<<"$out" | tail -40; }
	echo "host $(basename "$t"): $p passed, $f failed"
	pass=$((pass + p)); fail=$((fail + f))
done
echo "host total: $pass passed, $fail failed"
echo "$pass $fail" > "${HOST_RESULT:-/dev/null}"
