/*
 * Backtrace by frame pointers. With -fno-omit-frame-pointer, GCC for RISC-V
 * keeps s0 = the frame's CFA, the return address at s0 - 8 and the caller's
 * s0 at s0 - 16. The walk stops at the first frame pointer outside the stack.
 * Seed: Linux's dump_backtrace; leaves out unwinding without frame
 * pointers and walking stacks other than the current task's.
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <asm/stacktrace.h>
#include <asm/page.h>
#include <linux/sched.h>

/*
 * A return address follows its call, which may be a function's last
 * instruction (a noreturn call): look up ra - 1 so the caller is named.
 */
static void print_return_address(unsigned long ra)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup(ra - 1, &size, &off);

	if (name)
		pr_emerg("  [<%016lx>] %s+0x%lx/0x%lx\n", ra, name, off + 1, size);
	else
		pr_emerg("  [<%016lx>] 0x%lx\n", ra, ra);
}

/*
 * Print "Call trace:" and one symbolised line per frame from @fp up, @pc
 * first if not 0. Stops after 32 frames or at a frame pointer outside the
 * current task's stack. Any context (printk only).
 */
void dump_backtrace(unsigned long fp, unsigned long pc)
{
	int depth = 0;

	pr_emerg("Call trace:\n");
	if (pc)
		pr_emerg("  [<%016lx>] %pS\n", pc, (void *)pc);
	while (depth++ < 32 && on_task_stack(fp - 16) && IS_ALIGNED(fp, 8)) {
		unsigned long ra = ((unsigned long *)fp)[-1];
		unsigned long next = ((unsigned long *)fp)[-2];

		if (!ra)
			break;
		print_return_address(ra);
		if (next <= fp)
			break;
		fp = next;
	}
}

/* The backtrace of whoever called this; not inlined, so it has a frame. */
__attribute__((noinline)) void dump_stack(void)
{
	dump_backtrace((unsigned long)__builtin_frame_address(0), 0);
}
