# scripts/memmap.py on captured snapshots (tests/host/test_memmap_snap.sh; docs/bench.md).
HOST_SCRIPT_TESTS += memmap_snap
