# The /proc texts' exact layout (mm/vmstat.c), on three zones and with
# DMA32 left empty.
HOST_TESTS += vmstat vmstat_nodma32
vmstat_SRCS := $(HOST_ARENA_SRCS) tests/host/test_vmstat.c
vmstat_nodma32_SRCS := $(vmstat_SRCS)
vmstat_nodma32_CFLAGS := -DVMSTAT_NO_DMA32
