# Pipes, FIFOs, ppoll and pselect6 (fs/pipe.c, fs/select.c) on the host
# VFS stack with the fd table (fs/file.c) and the recorded signals of
# signal_env.c: test_pipe.c.
HOST_TESTS += pipe
pipe_SRCS = $(HOST_FS_SRCS) tests/host/test_pipe.c
pipe_CFLAGS := -I.
