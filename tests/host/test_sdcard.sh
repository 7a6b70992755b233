#!/usr/bin/env bash
# The SD card images as a user builds them (docs/boards.md): fetch the
# VisionFive 2 firmware, `make sdcard`, `make sdcard BOARD=visionfive2`,
# `make sdcard BOARD=visionfive`, then check every image with the host
# tools (tests/host/sdcard_check.py). A failed download is a failed test.
#   test_sdcard.sh O        (run from the top of the tree; "ok"/"not ok" lines)
set -u
O=${1:?usage: test_sdcard.sh O}
log=$O/host/sdcard-make.log
mkdir -p "$O/host"
: >"$log"

if bash scripts/fetch-uboot-starfive.sh .cache/u-boot-starfive >>"$log" 2>&1; then
	echo "ok - u-boot-starfive (VisionFive 2 SPL + u-boot.itb) fetched from Debian trixie"
else
	echo "not ok - u-boot-starfive could not be fetched (no network? the mirror comes from /etc/apt; see $log)"
fi

# make_sdcard BOARD: the user's command, outside the make running the tests.
make_sdcard() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL APPEND= \
		make --no-print-directory O="$O" sdcard BOARD="$1" >>"$log" 2>&1
}
for b in "" visionfive2 visionfive; do
	if make_sdcard "$b"; then
		echo "ok - make sdcard${b:+ BOARD=$b}"
	else
		echo "not ok - make sdcard${b:+ BOARD=$b} (see $log)"
	fi
done
if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory O="$O" sdcard \
		BOARD=nonesuch >>"$log" 2>&1; then
	echo "not ok - make sdcard BOARD=nonesuch is refused"
else
	echo "ok - make sdcard BOARD=nonesuch is refused"
fi

python3 tests/host/sdcard_check.py "$O"
