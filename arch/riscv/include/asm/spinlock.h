/* RISC-V spinlock: amoswap.w.aq to take, amoswap.w.rl (store) to release. */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

typedef struct {
	volatile unsigned int lock;
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED { 0 }

static inline void arch_spin_lock_init(arch_spinlock_t *l) { l->lock = 0; }

static inline void arch_spin_lock(arch_spinlock_t *l)
{
	unsigned int old;

	do {
		__asm__ __volatile__("amoswap.w.aq %0, %1, (%2)"
				     : "=r"(old) : "r"(1), "r"(&l->lock) : "memory");
	} while (old);
}

static inline void arch_spin_unlock(arch_spinlock_t *l)
{
	__asm__ __volatile__("amoswap.w.rl zero, zero, (%0)" :: "r"(&l->lock) : "memory");
}

static inline int arch_spin_is_locked(arch_spinlock_t *l) { return l->lock != 0; }

#endif
