/*
 * Host-test stand-in for asm/processor.h: a task keeps no registers (the
 * host never switches tasks) and busy-waiting is a no-op. Test-only code.
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <asm/irqflags.h>

struct thread_struct {
	unsigned long unused;
};

static inline void cpu_relax(void)
{
}

#endif
