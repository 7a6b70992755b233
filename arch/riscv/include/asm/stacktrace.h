/* Frame-pointer backtraces (the kernel is built -fno-omit-frame-pointer). */
#ifndef _ASM_STACKTRACE_H
#define _ASM_STACKTRACE_H

/* Print the call chain from frame pointer @fp (and @pc first, if not 0). */
void dump_backtrace(unsigned long fp, unsigned long pc);
/* Print the call chain of the caller (panic without trap registers). */
void dump_stack(void);

#endif
