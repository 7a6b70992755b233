/*
 * panic(): the end of the line for a kernel bug. Prints the reason, the
 * trap registers when there are some, a symbolised backtrace (the arch's
 * show_regs / dump_stack), then powers the machine off so tests and boards
 * do not hang. Leaves out Linux's panic notifiers and panic= reboot delay.
 */
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/reboot.h>
#include <asm/ptrace.h>
#include <asm/stacktrace.h>
#include <linux/spinlock.h>
#include <asm/smp.h>

static int panic_depth;		/* written with interrupts off; one CPU */

/*
 * The common panic: interrupts off for good, the message, the registers
 * and backtrace (from @regs if a trap, else from here), power off. A
 * panic inside it only says "nested panic" and powers off. Any context.
 */
static __noreturn void vpanic(struct pt_regs *regs, const char *fmt, va_list ap)
{
	local_irq_disable();
	if (panic_depth++) {	/* a panic while panicking: just stop */
		pr_emerg("nested panic\n");
		machine_power_off();
	}
	printk(KERN_EMERG "Kernel panic: ");
	vprintk(fmt, ap);
	printk(KERN_CONT "\n");
	if (regs)
		show_regs(regs);	/* with the backtrace from the trap */
	else
		dump_stack();
	pr_emerg("---[ end Kernel panic ]---\n");
	machine_power_off();
}

/* A kernel bug: print why (printf-style) and stop the machine. Never returns. */
void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(NULL, fmt, ap);
}

/* A panic for a trap in the kernel: @regs as saved by the trap entry. */
void panic_regs(struct pt_regs *regs, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(regs, fmt, ap);
}

/* linux/spinlock.h: this CPU already holds @l, so taking it again never returns. */
void spin_bug_recursion(spinlock_t *l, void *caller)
{
	panic("BUG: spinlock recursion on cpu %d: lock %p taken again at %pS",
	      smp_processor_id(), l, caller);
}
