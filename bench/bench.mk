# /bin/bench, issue 10's benchmark programs (docs/bench.md): one static
# riscv64 glibc binary from the groups below, built like user/'s programs
# into $(O)/user/bench, which scripts/mkrootfs.sh installs as /bin/bench.
# Included from user/user.mk.

BENCH_PROG_SRCS := bench/bench.c bench/mm.c bench/proc.c bench/file.c bench/ipc.c

$(O)/user/bench: $(BENCH_PROG_SRCS) bench/bench.h bench/bench.mk user/user.mk
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -o $@ $(BENCH_PROG_SRCS)

USER_BINS += $(O)/user/bench
