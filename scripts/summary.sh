#!/usr/bin/env bash
# Add up the result files ("PASS FAIL") of the test suites; the last line
# is the project's test verdict. Exit 1 if anything failed or a suite is missing.
pass=0 fail=0
for f in "$@"; do
	if [ -s "$f" ]; then
		read -r p q < "$f"
	else
		echo "missing results: $f"; p=0 q=1
	fi
	pass=$((pass + p)); fail=$((fail + q))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
