# The /proc/<pid> texts' layouts (fs/proc/array_fmt.c): stat's 52 fields,
# status, statm, maps lines, smaps counters and loadavg, from plain structs.
HOST_TESTS += proc_array
proc_array_SRCS := fs/proc/array_fmt.c lib/seq_buf.c tests/host/test_proc_array.c
