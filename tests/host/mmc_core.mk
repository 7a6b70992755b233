# The MMC core (drivers/mmc/core) with the real block layer on the host
# slab and page arena, over the software SD card behind a fake host
# (test_mmc_core.c); mmc_env.c stands in for the scheduler and DT aliases.
MMC_CORE_SRCS := drivers/mmc/core/core.c drivers/mmc/core/host.c drivers/mmc/core/mmc_ops.c \
	drivers/mmc/core/sd_ops.c drivers/mmc/core/sd.c drivers/mmc/core/block.c
HOST_TESTS += mmc_core
mmc_core_SRCS := $(MMC_CORE_SRCS) block/bio.c block/blk-core.c block/genhd.c \
	block/partitions/check.c block/partitions/efi.c block/partitions/msdos.c \
	lib/crc32.c mm/slab.c $(HOST_ARENA_SRCS) tests/host/slab_env_real.c \
	tests/host/mmc_env.c tests/host/host_string.c tests/host/sd_card_model.c tests/host/capture.c \
	tests/host/test_mmc_core.c
