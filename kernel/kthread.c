/*
 * Kernel threads: kthread_create/run/stop/exit, Linux's API by name. A
 * kthread has no mm of its own (it runs on whatever address space is
 * loaded, touching only the kernel half), shares init_files and init_fs
 * (without references: they are never freed), and is its own thread group. Leaves out kthread_park and per-CPU binding.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/string.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <asm/switch_to.h>

/* First C code of a new thread (switch.S: ret_from_kthread). */
void kthread_main(struct task_struct *t)
{
	kthread_exit(t->threadfn(t->data));
}

/*
 * A new kernel thread that will run @fn(@data) once woken; NULL without
 * memory. Its stack comes from vmalloc, with an unmapped guard page below.
 * May sleep (GFP_KERNEL): process context, no spinlock held.
 */
struct task_struct *kthread_create(int (*fn)(void *data), void *data, const char *name)
{
	return kthread_create_raw(fn, data, name, 0);
}

/* kthread_create with pid @pid if non-zero and free (1: init, fork.c). */
struct task_struct *kthread_create_raw(int (*fn)(void *data), void *data, const char *name,
				       int pid)
{
	struct task_struct *t = alloc_task_struct();

	if (!t)
		return NULL;
	t->pid = pid;
	t->real_parent = &init_task;
	strlcpy(t->comm, name, sizeof(t->comm));
	t->threadfn = fn;
	t->data = data;
	t->state = TASK_UNINTERRUPTIBLE;
	t->flags = PF_KTHREAD;
	t->active_mm = &init_mm;
	t->files = &init_files;		/* shared, as Linux's kthreads share kthreadd's */
	t->fs = &init_fs;
	t->exit_signal = -1;
	copy_thread(t);
	if (attach_kthread(t) < 0) {
		free_task_struct(t);
		return NULL;
	}
	return t;
}

/*
 * kthread_create, then wake it: it first runs when the caller next sleeps,
 * yields or is preempted. NULL without memory; may sleep.
 */
struct task_struct *kthread_run(int (*fn)(void *data), void *data, const char *name)
{
	struct task_struct *t = kthread_create(fn, data, name);

	if (t)
		wake_up_process(t);
	return t;
}

/* In a kernel thread's loop: has kthread_stop asked it to return? */
bool kthread_should_stop(void)
{
	return current->should_stop;
}

/* Dying threads and their kthread_stop callers meet here (exited, reaped). */
static DECLARE_WAIT_QUEUE_HEAD(exit_wq);

/*
 * End the current kernel thread with @code for kthread_stop; its stack is
 * freed by the next task to run. It first sleeps until kthread_stop has
 * the code, so a thread nobody stops stays asleep for good. Process
 * context, no lock held.
 */
void kthread_exit(int code)
{
	struct task_struct *t = current;

	t->exit_code = code;
	WRITE_ONCE(t->exited, true);
	wake_up(&exit_wq);
	wait_event(exit_wq, READ_ONCE(t->reaped));	/* until kthread_stop has the code */
	detach_kthread(t);
	local_irq_disable();
	t->state = TASK_DEAD;
	schedule();
	panic("kthread_exit: dead task %s ran again", t->comm);
}

/*
 * Ask @k to stop, wait for it to exit, return its exit code. Sleeps, so
 * process context, and never @k itself. @k is freed soon after: do not
 * touch it once this returns (so stop each thread once).
 */
int kthread_stop(struct task_struct *k)
{
	int code;

	WRITE_ONCE(k->should_stop, true);
	wake_up_process(k);
	wait_event(exit_wq, READ_ONCE(k->exited));
	code = k->exit_code;
	WRITE_ONCE(k->reaped, true);
	wake_up(&exit_wq);	/* let it finish dying; k is freed after that */
	return code;
}
