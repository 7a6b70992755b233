# rivet: one entry point. See README.md.
#   make            kernel ELF (build/rivet.elf) and Image (build/Image)
#   make run        sdcard.img booted by OpenSBI -> U-Boot -> extlinux on QEMU
#   make run-direct the same Image with -bios default -kernel (quick iterations)
#   make sdcard     build/sdcard.img (GPT: FAT boot + ext2 root)
#   make test       host unit tests + QEMU tests; ends with "N passed, N failed"
#   make bench      benchmark figures (host)
#   make gdb        QEMU halted with its gdb stub, gdb-multiarch attached
#   make clean

CROSS	?= riscv64-unknown-elf-
CC	:= $(CROSS)gcc
LD	:= $(CROSS)ld
OBJCOPY	:= $(CROSS)objcopy
NM	:= $(CROSS)nm
HOSTCC	?= gcc
O	:= build
QEMU	?= qemu-system-riscv64
MEM	?= 3G

KCFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany \
	-ffreestanding -nostdlib -fno-pie -fno-stack-protector \
	-fno-omit-frame-pointer -fno-optimize-sibling-calls -mno-relax \
	-fno-strict-aliasing -fno-delete-null-pointer-checks -fno-jump-tables -O2 -g -std=gnu11 -Wall -Wextra -Werror \
	-Wno-unused-parameter -Iinclude -Iarch/riscv/include $(EXTRA_KCFLAGS)
KASFLAGS := $(KCFLAGS) -D__ASSEMBLER__
KLDFLAGS := -nostdlib -static -no-pie -T arch/riscv/kernel.lds \
	-z max-page-size=4096 --no-warn-rwx-segments

KSRCS := $(sort $(wildcard arch/riscv/*.S arch/riscv/*.c kernel/*.c mm/*.c \
	lib/*.c drivers/*/*.c drivers/*.c tests/kernel/*.c))
KOBJS := $(patsubst %,$(O)/k/%.o,$(basename $(KSRCS)))
KDEPS := $(KOBJS:.o=.d)

all: $(O)/Image

$(O)/k/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(O)/k/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(KASFLAGS) -MMD -MP -c $< -o $@

# Two links: the first gives the text addresses, from which the symbol table
# for backtraces is generated; it sits after all text, so they do not move.
$(O)/rivet.tmp.elf: $(KOBJS) $(O)/kallsyms0.o arch/riscv/kernel.lds
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

# ---- set-up, images and QEMU ---------------------------------------------

deps:
	@bash scripts/deps.sh

sdcard: deps $(O)/sdcard.img

$(O)/sdcard.img: $(O)/Image scripts/mksdcard.sh board/qemu-virt/extlinux.conf
	bash scripts/mksdcard.sh $@ $(O)/Image board/qemu-virt/extlinux.conf

run: deps $(O)/sdcard.img
	bash scripts/qemu.sh uboot $(O)/sdcard.img

run-direct: deps $(O)/Image
	bash scripts/qemu.sh direct $(O)/Image

gdb: deps $(O)/Image
	bash scripts/gdb.sh $(O)/rivet.elf $(O)/Image

# ---- tests ---------------------------------------------------------------

HOST_CFLAGS := -std=gnu11 -g -O1 -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer \
	-Wall -Wextra -Werror -Wno-unused-parameter \
	-Iinclude -Itests/host/include -Itests/host
HOST_TESTS :=
include $(wildcard tests/host/*.mk)
HOST_BINS := $(addprefix $(O)/host/,$(HOST_TESTS))

$(O)/host/%: tests/host/shim.c tests/host/test.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $($*_CFLAGS) -o $@ tests/host/shim.c $($*_SRCS)
.SECONDEXPANSION:
$(HOST_BINS): $(O)/host/%: $$($$*_SRCS) $$(wildcard include/linux/*.h)

# Host benchmarks: built optimised, without sanitizers (tests/host/*.mk add
# HOST_BENCHES += name and name_SRCS).
BENCH_CFLAGS := -std=gnu11 -O2 -g -DNDEBUG -Wall -Wextra -Wno-unused-parameter \
	-Iinclude -Itests/host/include -Itests/host
BENCH_BINS := $(addprefix $(O)/bench/,$(HOST_BENCHES))
$(BENCH_BINS): $(O)/bench/%: $$($$*_SRCS) tests/host/shim.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(BENCH_CFLAGS) $($*_CFLAGS) -o $@ tests/host/shim.c $($*_SRCS)

host-test: $(HOST_BINS)
	@bash scripts/fetch-dtbs.sh .cache/dtbs
	@HOST_RESULT=$(O)/host-result bash tests/host/run.sh $(HOST_BINS)

qemu-test: $(O)/Image
	@QEMU_RESULT=$(O)/qemu-result bash tests/qemu/run.sh

test: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory host-test > $(O)/host-test.log 2>&1; \
		cat $(O)/host-test.log | grep -v '^ok ' ; true
	@$(MAKE) --no-print-directory qemu-test
	@bash scripts/summary.sh $(O)/host-result $(O)/qemu-result

bench: deps
	@$(MAKE) --no-print-directory bench-host

bench-host: $(BENCH_BINS)
	@for b in $(BENCH_BINS); do $$b || exit 1; done

clean:
	rm -rf $(O)

.PHONY: all deps sdcard run run-direct gdb host-test qemu-test test bench bench-host clean

