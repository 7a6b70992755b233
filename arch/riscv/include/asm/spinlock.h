/* RISC-V spinlock: amoswap.w.aq to take, amoswap.w.rl (store) to release. */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

#include <asm/processor.h>

typedef struct {
	volatile unsigned int lock;
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED { 0 }

static inline void arch_spin_lock_init(arch_spinlock_t *l) { l->lock = 0; }

/* Spin until the lock is ours; while it is held, wait with plain loads. */
static inline void arch_spin_lock(arch_spinlock_t *l)
{
	unsigned int old;

	for (;;) {
		__asm__ __volatile__("amoswap.w.aq %0, %1, (%2)"
				     : "=r"(old) : "r"(1), "r"(&l->lock) : "memory");
		if (!old)
			return;
		while (l->lock)
			cpu_relax();
	}
}

/* One attempt: 1 if the lock is now ours, 0 if someone holds it. */
static inline int arch_spin_trylock(arch_spinlock_t *l)
{
	unsigned int old;

	__asm__ __volatile__("amoswap.w.aq %0, %1, (%2)"
			     : "=r"(old) : "r"(1), "r"(&l->lock) : "memory");
	return !old;
}

static inline void arch_spin_unlock(arch_spinlock_t *l)
{
	__asm__ __volatile__("amoswap.w.rl zero, zero, (%0)" :: "r"(&l->lock) : "memory");
}

static inline int arch_spin_is_locked(arch_spinlock_t *l) { return l->lock != 0; }

#endif
