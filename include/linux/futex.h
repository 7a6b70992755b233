/*
 * Fast user-space mutexes (kernel/futex.c): the futex(2) operations and
 * the wake-up the exit path (CLONE_CHILD_CLEARTID) needs. A futex is named
 * by its key, (mm, address); private and shared futexes use the same key,
 * so a futex shared between processes through MAP_SHARED memory is not
 * matched yet (Linux keys those by inode and offset).
 */
#ifndef _LINUX_FUTEX_H
#define _LINUX_FUTEX_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <uapi/futex.h>

#ifndef __user
#define __user
#endif

struct mm_struct;

/* Which futex: the address space (NULL for kernel threads: kernel addresses) and the address. */
struct futex_key {
	struct mm_struct *mm;
	unsigned long addr;
};

#define FUTEX_HASH_BITS	8
#define FUTEX_HASH_SIZE	(1 << FUTEX_HASH_BITS)

/* The hash bucket index of @key, in [0, FUTEX_HASH_SIZE). Pure. */
unsigned int futex_hash(const struct futex_key *key);

/*
 * futex(2): @op (FUTEX_* | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME) on
 * @uaddr; @timeout is a user timespec for the waits, or the count val2
 * for the requeues and FUTEX_WAKE_OP. The syscall's result or -Exxx.
 */
long do_futex(u32 __user *uaddr, int op, u32 val, unsigned long timeout,
	      u32 __user *uaddr2, u32 val3);

/*
 * Wake up to @nr waiters (at least one, as Linux) on current's futex at
 * @uaddr; the number woken. For CLONE_CHILD_CLEARTID at exit: call it
 * while current->mm is still the thread's, or the key does not match.
 */
int futex_wake(u32 __user *uaddr, int nr);

struct task_struct;
/*
 * At exit (@tsk is current, before its mm is dropped): every robust futex
 * @tsk still owns is marked FUTEX_OWNER_DIED and one waiter woken.
 */
void exit_robust_list(struct task_struct *tsk);

/* struct robust_list_head is three words: list, futex_offset, list_op_pending. */
#define ROBUST_LIST_HEAD_SIZE	(3 * sizeof(long))

#endif
