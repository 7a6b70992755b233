# kernel/sys.c, time.c, timer.c and futex.c as the kernel builds them, under
# a fake current, clocks and scheduler in test_sys.c: the uid/gid rules,
# rlimits, uname, the timer list, itimer and sleep arithmetic, futex
# wait/wake/requeue between scripted "tasks"; user memory is host memory
# (tests/host/include/asm/uaccess.h) with one page that faults.
HOST_TESTS += sys
sys_SRCS := kernel/sys.c kernel/time.c kernel/timer.c kernel/futex.c tests/host/test_sys.c
