# rivet: one entry point. See README.md; `make help` lists the targets.
# Everything built goes to $(O) (default build/): `make O=build-me test`.

CROSS	?= riscv64-unknown-elf-
CC	:= $(CROSS)gcc
LD	:= $(CROSS)ld
OBJCOPY	:= $(CROSS)objcopy
NM	:= $(CROSS)nm
HOSTCC	?= gcc
O	?= build
QEMU	?= qemu-system-riscv64
MEM	?= 3G
# Kernel command line: run-direct passes it to QEMU, run and sdcard write it
# into the image's extlinux.conf (empty: board/qemu-virt/extlinux.conf's).
APPEND	?=
export O MEM APPEND

KCFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany \
	-ffreestanding -nostdlib -fno-pie -fno-stack-protector \
	-fno-omit-frame-pointer -fno-optimize-sibling-calls -mno-relax \
	-fno-strict-aliasing -fno-delete-null-pointer-checks -fno-jump-tables -O2 -g -std=gnu11 -Wall -Wextra -Werror \
	-Wno-unused-parameter -Iinclude -Iarch/riscv/include $(EXTRA_KCFLAGS)
KASFLAGS := $(KCFLAGS) -D__ASSEMBLER__
KLDFLAGS := -nostdlib -static -no-pie -T arch/riscv/kernel.lds \
	-z max-page-size=4096 --no-warn-rwx-segments

all: $(O)/Image ## the kernel: $(O)/rivet.elf and the bootable $(O)/Image (default)

# ---- kernel sources, per directory ----------------------------------------
# Every .c and .S file in these folders, at any depth, is linked into the
# Image: a new folder (fs/, fs/ext2/, block/, drivers/virtio/, drivers/sd/)
# is built the moment it has a source file. The in-kernel tests (ktest) are
# their own list, linked into the same Image.
KERNEL_DIRS := arch/riscv kernel mm lib drivers fs block
KTEST_DIRS  := tests/kernel
# Sources that are not the kernel's: built by their own rules.
HOST_ONLY_SRCS := tests/host/% user/% bench/% scripts/qemu-sfence.c

# $(call rwildcard,DIRS,PATTERNS): files under DIRS matching PATTERNS, any depth.
rwildcard = $(foreach d,$(wildcard $(addsuffix /*,$(1))),\
	$(call rwildcard,$(d),$(2)) $(filter $(2),$(d)))

KSRCS      := $(sort $(call rwildcard,$(KERNEL_DIRS),%.c %.S))
KTEST_SRCS := $(sort $(call rwildcard,$(KTEST_DIRS),%.c %.S))
KOBJS := $(patsubst %,$(O)/k/%.o,$(basename $(KSRCS) $(KTEST_SRCS)))
# The system-call table is generated into $(O) (docs/abi.md), not the tree.
SYSCALL_TABLE := $(O)/gen/syscall_table.c
KOBJS += $(O)/gen/syscall_table.o
KDEPS := $(KOBJS:.o=.d)

# No source may sit where no list looks (a new top-level folder, say): the
# kernel would silently miss it. check-sources stops the build instead.
TREE_SRCS := $(patsubst ./%,%,$(shell find . \( -name .git -o -name .cache \
	-o -path './build*' -o -path './$(O)' \) -prune -o \
	\( -name '*.c' -o -name '*.S' \) -print 2>/dev/null))
UNLISTED_SRCS := $(filter-out $(KSRCS) $(KTEST_SRCS) $(HOST_ONLY_SRCS),$(TREE_SRCS))

check-sources:
ifneq ($(strip $(UNLISTED_SRCS)),)
	@echo "Makefile: these sources are in no build list (add their folder to KERNEL_DIRS or HOST_ONLY_SRCS):" >&2
	@for f in $(UNLISTED_SRCS); do echo "  $$f" >&2; done
	@exit 1
endif

# ---- kernel build -----------------------------------------------------------

$(O)/k/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(O)/k/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(KASFLAGS) -MMD -MP -c $< -o $@

# Each subsystem lists the calls it implements in its own syscalls.list
# (or NAME.syscalls.list: fs/pipe.syscalls.list).
SYSCALL_LISTS := $(sort $(call rwildcard,$(KERNEL_DIRS),%syscalls.list))
$(SYSCALL_TABLE): scripts/gensyscalls.py include/uapi/unistd.h $(SYSCALL_LISTS)
	@mkdir -p $(dir $@)
	python3 scripts/gensyscalls.py include/uapi/unistd.h $@ $(SYSCALL_LISTS)

$(O)/gen/syscall_table.o: $(SYSCALL_TABLE)
	$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

# Two links: the first gives the text addresses, from which the symbol table
# for backtraces is generated; it sits after all text, so they do not move.
$(O)/rivet.tmp.elf: $(KOBJS) $(O)/kallsyms0.o arch/riscv/kernel.lds | check-sources
	$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(O)/kallsyms0.o

$(O)/kallsyms0.S: scripts/kallsyms.sh
	@mkdir -p $(O)
	echo | sh scripts/kallsyms.sh > $@

$(O)/kallsyms.S: $(O)/rivet.tmp.elf scripts/kallsyms.sh
	$(NM) -n $< | sh scripts/kallsyms.sh > $@

$(O)/%.o: $(O)/%.S
	$(CC) $(KASFLAGS) -c $< -o $@

$(O)/rivet.elf: $(KOBJS) $(O)/kallsyms.o
	$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(O)/kallsyms.o
	@$(NM) -n $(O)/rivet.tmp.elf | grep -i ' t ' > $(O)/text.1
	@$(NM) -n $@ | grep -i ' t ' > $(O)/text.2
	@cmp -s $(O)/text.1 $(O)/text.2 || { echo "kallsyms moved text"; exit 1; }

$(O)/Image: $(O)/rivet.elf
	$(OBJCOPY) -O binary $< $@
	@ls -l $@ | awk '{print "Image: " $$5 " bytes"}'

-include $(KDEPS)

# rivet's user programs and the root file system's staging folder.
include user/user.mk

# ---- set-up, images and QEMU ----------------------------------------------

deps: ## install the Debian packages the build and the tests need (scripts/deps.sh)
	@bash scripts/deps.sh

# BOARD= picks the image: none (or qemu-virt) is QEMU's $(O)/sdcard.img,
# visionfive2 / visionfive the cards in docs/boards.md.
BOARD	?=
SDCARD_BOARDS := visionfive2 visionfive
ifeq ($(filter-out qemu-virt,$(BOARD)),)
SDCARD_IMG := $(O)/sdcard.img
else ifneq ($(filter $(BOARD),$(SDCARD_BOARDS)),)
SDCARD_IMG := $(O)/sdcard-$(BOARD).img
else
SDCARD_IMG := $(O)/no-such-board-$(BOARD)
endif

sdcard: deps $(SDCARD_IMG) ## $(O)/sdcard.img (BOARD=visionfive2|visionfive: $(O)/sdcard-BOARD.img): GPT, FAT boot + ext2 root

# The image is rebuilt when APPEND changes: append.txt is rewritten only then.
$(O)/append.txt: FORCE
	@mkdir -p $(O)
	@printf '%s\n' "$$APPEND" | cmp -s - $@ || printf '%s\n' "$$APPEND" > $@

SDCARD_DEPS := $(O)/Image scripts/mksdcard.sh $(O)/append.txt $(O)/rootfs.stamp
# QEMU's image carries the VisionFive DTBs the host tests fetched, if any.
$(O)/sdcard.img: $(SDCARD_DEPS) board/qemu-virt/extlinux.conf
	bash scripts/mksdcard.sh $(foreach d,$(wildcard .cache/dtbs/visionfive*.dtb),--fat $(d)=/dtbs/) \
		$@ $(O)/Image board/qemu-virt/extlinux.conf $(O)/rootfs "$$APPEND"

# The boards' firmware and DTBs come from Debian trixie's riscv64 packages;
# the VisionFive 2 card also keeps the firmware in its FAT (/firmware/) for
# flashing the board's QSPI from U-Boot (docs/boards.md).
UBOOT_SF := .cache/u-boot-starfive
SF_DTBS := .cache/dtbs/starfive
VF2_DTBS := $(SF_DTBS)/jh7110-starfive-visionfive-2-v1.2a.dtb \
	$(SF_DTBS)/jh7110-starfive-visionfive-2-v1.3b.dtb
VF1_DTBS := $(SF_DTBS)/jh7100-starfive-visionfive-v1.dtb
$(UBOOT_SF)/u-boot-spl.bin.normal.out $(UBOOT_SF)/u-boot.itb &: | scripts/fetch-uboot-starfive.sh
	bash scripts/fetch-uboot-starfive.sh $(UBOOT_SF)
$(VF2_DTBS) $(VF1_DTBS) &: | scripts/fetch-dtbs.sh
	bash scripts/fetch-dtbs.sh .cache/dtbs

$(O)/sdcard-visionfive2.img: $(SDCARD_DEPS) board/visionfive2/extlinux.conf $(VF2_DTBS) \
		$(UBOOT_SF)/u-boot-spl.bin.normal.out $(UBOOT_SF)/u-boot.itb
	bash scripts/mksdcard.sh --bmap --spl $(UBOOT_SF)/u-boot-spl.bin.normal.out \
		--itb $(UBOOT_SF)/u-boot.itb $(foreach d,$(VF2_DTBS),--fat $(d)=/dtbs/starfive/) \
		$(foreach f,u-boot-spl.bin.normal.out u-boot.itb,--fat $(UBOOT_SF)/$(f)=/firmware/) \
		$@ $(O)/Image board/visionfive2/extlinux.conf $(O)/rootfs "$$APPEND"

$(O)/sdcard-visionfive.img: $(SDCARD_DEPS) board/visionfive/extlinux.conf board/visionfive/uEnv.txt \
		$(VF1_DTBS)
	bash scripts/mksdcard.sh --bmap --uenv board/visionfive/uEnv.txt \
		$(foreach d,$(VF1_DTBS),--fat $(d)=/dtbs/starfive/) \
		$@ $(O)/Image board/visionfive/extlinux.conf $(O)/rootfs "$$APPEND"

$(O)/no-such-board-%:
	@echo "make sdcard: unknown BOARD=$*; one of: qemu-virt $(SDCARD_BOARDS)" >&2; exit 1

run: deps $(O)/sdcard.img ## boot OpenSBI -> U-Boot -> extlinux -> rivet on QEMU (APPEND= sets the command line)
	bash scripts/qemu.sh uboot $(O)/sdcard.img

run-direct: deps $(O)/Image ## boot the Image straight from OpenSBI (-kernel; APPEND= sets the command line)
	bash scripts/qemu.sh direct $(O)/Image

# The SD image on QEMU's sdhci-pci + sd-card (docs/mmc.md): its own copy of
# the (power-of-two sized) image, so the card keeps its contents between
# runs; the Image comes by -kernel.
$(O)/sdcard-sd.img: $(O)/sdcard.img
	cp $< $@

run-sd: deps $(O)/Image $(O)/sdcard-sd.img ## boot the Image (-kernel) with the SD image on sdhci-pci, root on mmcblk0p4
	APPEND="$${APPEND:-console=ttyS0 root=/dev/mmcblk0p4 rw}" bash scripts/qemu.sh direct $(O)/Image \
		-drive if=none,id=sdcard,format=raw,file=$(O)/sdcard-sd.img -device sdhci-pci -device sd-card,drive=sdcard

gdb: deps $(O)/Image ## QEMU halted at the first instruction, gdb-multiarch attached (docs/debugging.md)
	bash scripts/gdb.sh $(O)/rivet.elf $(O)/Image

# ---- host tests and benchmarks ----------------------------------------------
# One program per tests/host/*.mk (HOST_TESTS += name, name_SRCS, name_CFLAGS;
# benchmarks: HOST_BENCHES). The source sets they share are named in
# tests/host/sources.mk. Each source is compiled on its own with -MMD, so a
# program is rebuilt when any header it includes changes.

# The kernel's sigset_t (include/uapi/signal.h, 8 bytes) stands in for the C
# library's: no host test calls libc's signal functions, and kernel headers
# and libc headers meet in most of them.
HOST_SIGSET := -D__sigset_t_defined -include bits/types/__sigset_t.h
HOST_CFLAGS := -std=gnu11 -g -O1 -fsanitize=address,undefined $(HOST_SIGSET) \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer \
	-Wall -Wextra -Werror -Wno-unused-parameter \
	-Iinclude -Itests/host/include -Itests/host
BENCH_CFLAGS := -std=gnu11 -O2 -g -DNDEBUG $(HOST_SIGSET) -Wall -Wextra -Wno-unused-parameter \
	-Iinclude -Itests/host/include -Itests/host
HOST_TESTS :=
HOST_SCRIPT_TESTS :=
HOST_BENCHES :=
HOST_DEPS :=
include tests/host/sources.mk
include $(filter-out tests/host/sources.mk,$(wildcard tests/host/*.mk))

# $(call host_program,KIND,NAME,CFLAGS_VAR): $(O)/KIND/NAME from shim.c and
# NAME_SRCS. An object depends only on its source and flags, so programs
# share them: those without NAME_CFLAGS in $(O)/KIND/obj/common/, those
# that name a NAME_OBJDIR (the same flags, checked here) in that one, the
# rest in $(O)/KIND/obj/NAME/. Sharing compiles 40% fewer files.
host_objdir = $(or $($(1)_OBJDIR),$(if $($(1)_CFLAGS),$(1),common))
define host_program
$(2)_$(1)_DIR := $(O)/$(1)/obj/$$(call host_objdir,$(2))
ifeq ($$(origin objdir_$$($(2)_$(1)_DIR)),undefined)
objdir_$$($(2)_$(1)_DIR) := $$($(2)_CFLAGS)
$$($(2)_$(1)_DIR)/%.o: %.c
	@mkdir -p $$(dir $$@)
	$$(HOSTCC) $$($(3)) $$($(2)_CFLAGS) -MMD -MP -c $$< -o $$@
else ifneq ($$(objdir_$$($(2)_$(1)_DIR)),$$($(2)_CFLAGS))
$$(error $(2): NAME_OBJDIR $$($(2)_OBJDIR) is shared by programs with other CFLAGS)
endif
$(2)_$(1)_OBJS := $$(patsubst %,$$($(2)_$(1)_DIR)/%.o,$$(basename tests/host/shim.c $$($(2)_SRCS)))
$(O)/$(1)/$(2): $$($(2)_$(1)_OBJS)
	$$(HOSTCC) $$($(3)) $$($(2)_CFLAGS) -o $$@ $$^
HOST_DEPS += $$($(2)_$(1)_OBJS:.o=.d)
endef
$(foreach t,$(HOST_TESTS),$(eval $(call host_program,host,$(t),HOST_CFLAGS)))
$(foreach t,$(HOST_BENCHES),$(eval $(call host_program,bench,$(t),BENCH_CFLAGS)))
HOST_BINS := $(addprefix $(O)/host/,$(HOST_TESTS))
# Shell-script tests (tests/host/*.mk: HOST_SCRIPT_TESTS += name runs
# tests/host/test_name.sh O) run and count like the programs.
HOST_BINS += $(addprefix $(O)/host/,$(HOST_SCRIPT_TESTS))
$(addprefix $(O)/host/,$(HOST_SCRIPT_TESTS)): $(O)/host/%: tests/host/test_%.sh
	@mkdir -p $(dir $@)
	@printf '#!/bin/sh\nexec bash %s %s\n' $< '$(O)' > $@ && chmod 755 $@
BENCH_BINS := $(addprefix $(O)/bench/,$(HOST_BENCHES))
-include $(HOST_DEPS)

# ---- tests ------------------------------------------------------------------

host-test: $(HOST_BINS) ## the host unit tests only (ASan + UBSan)
	@bash scripts/fetch-dtbs.sh .cache/dtbs
	@HOST_RESULT=$(O)/host-result bash tests/host/run.sh $(HOST_BINS)

qemu-test: $(O)/Image ## the QEMU boot tests only (tests/qemu/t_*.sh)
	@QEMU_RESULT=$(O)/qemu-result bash tests/qemu/run.sh

# make test builds on every CPU (the host tests link some 400 objects
# between them); the tests run one by one.
BUILD_JOBS ?= $(shell nproc 2>/dev/null || echo 1)

test: deps ## everything: build, host tests, QEMU tests; ends with "N passed, N failed" (BUILD_JOBS=)
	@$(MAKE) --no-print-directory -j$(BUILD_JOBS) all
	@rm -f $(O)/host-result $(O)/qemu-result
	@{ $(MAKE) --no-print-directory -j$(BUILD_JOBS) $(HOST_BINS); \
		$(MAKE) --no-print-directory host-test; } > $(O)/host-test.log 2>&1; \
		grep -v '^ok \|^$(HOSTCC) ' $(O)/host-test.log; true
	@$(MAKE) --no-print-directory qemu-test
	@bash scripts/summary.sh $(O)/host-result $(O)/qemu-result

bench: deps ## benchmark figures (host allocators, storage, SD, rivet beside Linux on QEMU; never asserted)
	@$(MAKE) --no-print-directory bench-host
	@$(MAKE) --no-print-directory bench-storage
	@$(MAKE) --no-print-directory bench-sd
	@$(MAKE) --no-print-directory bench-compare

# rivet beside Debian's Linux (docs/bench.md): $(O)/bench/report.md and plots.
bench-compare: all rootfs ## rivet beside Linux: $(O)/bench/report.md + PNGs (MODE=tcg, BOOTS=, PROFILE=)
	@bash scripts/deps.sh
	@NO_BUILD=1 bash scripts/bench-compare.sh

bench-user: all rootfs
	@bash scripts/bench-user.sh $(O)/Image $(O)

bench-storage: all
	@bash scripts/bench-storage.sh $(O)/Image $(O)

bench-sd: all $(O)/sdcard.img
	@bash scripts/bench-sd.sh $(O)/Image $(O)

memmap: all rootfs ## heat maps of the free lists, rivet beside Linux, around bench/fragment.c ($(O)/memmap/)
	@bash scripts/memmap.sh $(O)

bench-host: $(BENCH_BINS)
	@for b in $(BENCH_BINS); do $$b || exit 1; done

clean: ## remove $(O)
	rm -rf $(O)

help: ## this list
	@echo "make [O=dir] [APPEND=\"...\"] TARGET   (O defaults to build)"
	@awk -F ':.*## ' '/^[a-z-]+:.*## / { printf "  %-11s %s\n", $$1, $$2 }' Makefile user/user.mk \
		| sed 's|\$$(O)|$(O)|g'

FORCE:
.DELETE_ON_ERROR:
.PHONY: all check-sources deps sdcard run run-direct gdb host-test qemu-test test \
	bench bench-host bench-storage bench-user bench-sd bench-compare run-sd memmap clean help FORCE
