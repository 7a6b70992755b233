# The line discipline and the termios functions (drivers/tty/n_tty.c,
# tty_io.c) with the real wait queues and mutexes, under a scheduler shim
# in test_tty.c whose sleeps let scripted "interrupts" deliver input.
HOST_TESTS += tty
tty_SRCS := drivers/tty/n_tty.c drivers/tty/tty_io.c kernel/wait.c kernel/mutex.c \
	lib/iov_iter.c tests/host/test_tty.c
