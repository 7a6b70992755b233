/* Host-test spinlock: single-threaded, but catches recursive locking. */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

#include <assert.h>

typedef struct {
	int lock;
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED { 0 }

static inline void arch_spin_lock_init(arch_spinlock_t *l) { l->lock = 0; }
static inline void arch_spin_lock(arch_spinlock_t *l) { assert(!l->lock); l->lock = 1; }
static inline int arch_spin_trylock(arch_spinlock_t *l)
{
	if (l->lock)
		return 0;
	l->lock = 1;
	return 1;
}
static inline void arch_spin_unlock(arch_spinlock_t *l) { assert(l->lock); l->lock = 0; }
static inline int arch_spin_is_locked(arch_spinlock_t *l) { return l->lock; }

#endif
