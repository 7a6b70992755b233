/*
 * Instruction-cache coherence: RISC-V does not keep the I-cache coherent
 * with stores (unprivileged spec, Zifencei). FENCE.I makes this hart's
 * fetches see every store it has observed; code written into memory
 * (exec's pages, the sigreturn trampoline) is fenced before it runs.
 */
#ifndef _ASM_CACHEFLUSH_H
#define _ASM_CACHEFLUSH_H

static inline void local_flush_icache_all(void)
{
	__asm__ __volatile__("fence.i" ::: "memory");
}

#endif
