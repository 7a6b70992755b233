/* Frame-pointer backtraces (the kernel is built -fno-omit-frame-pointer). */
#ifndef _ASM_STACKTRACE_H
#define _ASM_STACKTRACE_H

void dump_backtrace(unsigned long fp, unsigned long pc);
/* Bounds of the stack a frame pointer may point into (set per thread). */
bool on_kernel_stack(unsigned long addr);

#endif
