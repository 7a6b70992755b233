# rivet's own user programs (docs/userspace.md): static riscv64 glibc
# binaries built with Debian's riscv64-linux-gnu-gcc into $(O)/user/, then
# staged with BusyBox into $(O)/rootfs/ (scripts/mkrootfs.sh), which
# mksdcard.sh copies into the image's ext2 root.

USER_CC     ?= riscv64-linux-gnu-gcc
USER_CFLAGS := -static -O2 -g0 -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror \
	-Wno-unused-parameter -fno-strict-aliasing
USER_PROGS  := init usertests ktest hello bigbin
USER_BINS   := $(addprefix $(O)/user/,$(USER_PROGS))
# /bin/bench is built from bench/ (adds itself to USER_BINS).
include bench/bench.mk
include bench/fragment.mk
BUSYBOX     := .cache/busybox/busybox

$(O)/user/%: user/%.c user/user.mk
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -o $@ $< -lpthread

user: $(USER_BINS) ## rivet's user programs in $(O)/user/ (init, usertests, ktest, bench)

# BusyBox comes from Debian's riscv64 busybox-static (scripts/fetch-busybox.sh).
$(BUSYBOX): scripts/fetch-busybox.sh
	@bash scripts/fetch-busybox.sh .cache/busybox

# The staging folder; the stamp is newer than everything put into it.
$(O)/rootfs.stamp: $(USER_BINS) $(BUSYBOX) scripts/mkrootfs.sh \
		$(shell find user/rootfs -type f 2>/dev/null)
	bash scripts/mkrootfs.sh $(O)/rootfs $(O)/user $(BUSYBOX)
	@touch $@

rootfs: $(O)/rootfs.stamp ## $(O)/rootfs: the root file system's staging folder (BusyBox + user/)

.PHONY: user rootfs
