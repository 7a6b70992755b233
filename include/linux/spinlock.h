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
#include <linux/percpu.h>

typedef struct {
	arch_spinlock_t raw;
	int owner;		/* CPU + 1 of the holder, 0 when free: catches recursion */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED { __ARCH_SPIN_LOCK_UNLOCKED, 0 }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED

/*
 * Holding a spinlock keeps preemption off (preempt_count), so the holder
 * is never switched away from while another task could spin on it.
 */
DECLARE_PER_CPU(int, __preempt_count);
static inline void __spin_preempt(int delta)
{
	*this_cpu_ptr(&__preempt_count) += delta;
	__asm__ __volatile__("" ::: "memory");
}

/* A CPU taking a lock it holds would spin forever: say where, instead (kernel/panic.c). */
void spin_bug_recursion(spinlock_t *l, void *caller);

static inline void spin_lock_init(spinlock_t *l)
{
	arch_spin_lock_init(&l->raw);
	l->owner = 0;
}

static inline void spin_lock(spinlock_t *l)
{
	__spin_preempt(1);
	if (l->owner == smp_processor_id() + 1)
		spin_bug_recursion(l, __builtin_return_address(0));
	arch_spin_lock(&l->raw);
	l->owner = smp_processor_id() + 1;
}

static inline void spin_unlock(spinlock_t *l)
{
	l->owner = 0;
	arch_spin_unlock(&l->raw);
	__spin_preempt(-1);
}

static inline int spin_trylock(spinlock_t *l)
{
	__spin_preempt(1);
	if (arch_spin_trylock(&l->raw)) {
		l->owner = smp_processor_id() + 1;
		return 1;
	}
	__spin_preempt(-1);
	return 0;
}
static inline int spin_is_locked(spinlock_t *l) { return arch_spin_is_locked(&l->raw); }

#define spin_lock_irqsave(l, flags) \
	do { local_irq_save(flags); spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) \
	do { spin_unlock(l); local_irq_restore(flags); } while (0)

#endif
