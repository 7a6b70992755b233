# The SD card images (scripts/mksdcard.sh; QEMU, VisionFive 2, VisionFive)
# built with `make sdcard [BOARD=...]` and checked with sfdisk, sgdisk,
# mtools and e2fsck (tests/host/test_sdcard.sh, sdcard_check.py).
HOST_SCRIPT_TESTS += sdcard
