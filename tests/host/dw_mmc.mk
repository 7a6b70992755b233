# The DesignWare MSHC driver (drivers/mmc/host/dw_mmc.c) run for real on
# the register-level controller model and the software SD card, bound to
# the real VisionFive DTBs through drivers/of + drivers/base, on the host
# buddy/slab allocators (ZONE_DMA32 for the IDMAC descriptors). MMIO goes
# to the model through asm/io.h's HOST_MMIO_HOOK.
DW_MMC_HOST_SRCS := drivers/mmc/host/dw_mmc.c tests/host/mshc_model.c \
	tests/host/sd_card_model.c tests/host/mshc_env.c tests/host/mshc_rig.c tests/host/mshc_core_stub.c tests/host/mshc_jiffies.c \
	lib/fdt.c lib/fdt_scan.c $(wildcard drivers/of/*.c) drivers/base/platform.c \
	tests/host/dtb_util.c tests/host/capture.c \
	mm/slab.c $(HOST_ARENA_SRCS) tests/host/slab_env_real.c
HOST_TESTS += dw_mmc
dw_mmc_SRCS := $(DW_MMC_HOST_SRCS) tests/host/test_dw_mmc.c
dw_mmc_CFLAGS := -DHOST_MMIO_HOOK
dw_mmc_OBJDIR := mmio
# Driver cost per block, IDMAC against PIO, model time measured and subtracted.
HOST_BENCHES += bench_dw_mmc
bench_dw_mmc_SRCS := $(DW_MMC_HOST_SRCS) tests/host/bench_dw_mmc.c
bench_dw_mmc_CFLAGS := -DHOST_MMIO_HOOK
# The same driver under the real MMC core and block layer (drivers/mmc/core,
# block/): mmc_rescan brings the card up, bios read and write it. mmc_env.c
# stands in for the scheduler (its sleeps run mshc_env's machine); its
# fake DT aliases are weak, so drivers/of's real ones serve here. Recursive '=': MMC_CORE_SRCS
# is set by mmc_core.mk, read after this file.
HOST_TESTS += dw_mmc_core
dw_mmc_core_SRCS = drivers/mmc/host/dw_mmc.c tests/host/mshc_model.c tests/host/sd_card_model.c \
	tests/host/mshc_env.c tests/host/mshc_rig.c tests/host/mmc_env.c tests/host/host_string.c $(MMC_CORE_SRCS) \
	block/bio.c block/blk-core.c block/genhd.c block/partitions/check.c \
	block/partitions/efi.c block/partitions/msdos.c lib/crc32.c \
	lib/fdt.c lib/fdt_scan.c $(wildcard drivers/of/*.c) drivers/base/platform.c \
	tests/host/dtb_util.c tests/host/capture.c \
	mm/slab.c $(HOST_ARENA_SRCS) tests/host/slab_env_real.c tests/host/test_dw_mmc_core.c
dw_mmc_core_CFLAGS := -DHOST_MMIO_HOOK
dw_mmc_core_OBJDIR := mmio
