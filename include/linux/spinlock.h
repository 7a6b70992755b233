/*
 * Spinlocks. rivet runs on one hart today, but every shared structure takes
 * its lock already so that SMP needs no audit later. The arch supplies
 * arch_spin_lock/unlock (asm/spinlock.h) and the interrupt flags under
 * linux/irqflags.h; the host tests supply single-threaded versions.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <asm/spinlock.h>
#include <linux/irqflags.h>

typedef struct {
	arch_spinlock_t raw;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED { __ARCH_SPIN_LOCK_UNLOCKED }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l) { arch_spin_lock_init(&l->raw); }
static inline void spin_lock(spinlock_t *l) { arch_spin_lock(&l->raw); }
static inline void spin_unlock(spinlock_t *l) { arch_spin_unlock(&l->raw); }
static inline int spin_trylock(spinlock_t *l) { return arch_spin_trylock(&l->raw); }
static inline int spin_is_locked(spinlock_t *l) { return arch_spin_is_locked(&l->raw); }

#define spin_lock_irqsave(l, flags) \
	do { local_irq_save(flags); spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) \
	do { spin_unlock(l); local_irq_restore(flags); } while (0)

#endif
