# /bin/fragment, the workload of the memory pictures (docs/bench.md,
# "Memory pictures"; scripts/memmap.sh): one static riscv64 glibc program,
# built like user/'s programs into $(O)/user/fragment, which
# scripts/mkrootfs.sh installs as /bin/fragment. Included from user/user.mk.

$(O)/user/fragment: bench/fragment.c bench/fragment.mk user/user.mk
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -o $@ bench/fragment.c

USER_BINS += $(O)/user/fragment
