# The tty layer (drivers/tty/n_tty.c, tty_io.c, tty_jobctrl.c) with the
# real wait queues and mutexes, under a scheduler shim in test_tty.c whose
# sleeps let scripted "interrupts" deliver input; the process layer
# (kill_pgrp, is_ignored, ...) and user copies are stand-ins there too.
# User copies are the host uaccess shim's (page 0 faults). Strict ISO C
# keeps glibc's POSIX types (sigset_t, timespec) out of uapi/'s way.
HOST_TESTS += tty
tty_SRCS := drivers/tty/n_tty.c drivers/tty/tty_io.c drivers/tty/tty_jobctrl.c \
	kernel/wait.c kernel/mutex.c lib/iov_iter.c tests/host/test_tty.c
tty_CFLAGS := -D_ISOC11_SOURCE
