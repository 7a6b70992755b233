/* Frame-pointer backtraces (the kernel is built -fno-omit-frame-pointer). */
#ifndef _ASM_STACKTRACE_H
#define _ASM_STACKTRACE_H

void dump_backtrace(unsigned long fp, unsigned long pc);

#endif
