/*
 * "crash=KIND" on the command line makes the kernel fail on purpose after
 * boot, so tests can check that the panic report (cause, registers,
 * symbolised backtrace) appears and the machine powers off instead of
 * hanging. KIND: null (load from address 0), rodata (store to .rodata),
 * exec (jump into .data), bug (BUG()), stack (recursion in a kernel thread
 * until its vmalloc'd stack overflows), vmalloc-guard (write one byte past a
 * vmalloc area), highmem-linear (read a highmem frame through the linear map).
 * tests/qemu/t_panic.sh boots each KIND. Not covered: user-mode faults and
 * crashes in interrupt context.
 */
#include <linux/kernel.h>
#include <linux/params.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/gfp.h>

static char crash_kind[16];	/* "" unless crash= chose a KIND */
static const char crash_rodata[8] = "rodata";
static unsigned long crash_data[4];

/* "crash=KIND": remember a known KIND for run_crash_tests; -EINVAL otherwise. */
static int crash_setup(char *val)
{
	static const char *const kinds[] = {
		"null", "rodata", "exec", "bug", "stack", "vmalloc-guard", "highmem-linear",
	};

	for (unsigned int i = 0; val && i < ARRAY_SIZE(kinds); i++) {
		if (!strcmp(val, kinds[i])) {
			strlcpy(crash_kind, val, sizeof(crash_kind));
			return 0;
		}
	}
	return -EINVAL;
}
__setup("crash=", crash_setup);

static unsigned long *volatile crash_null_ptr;	/* stays NULL */

/*
 * Each crash_* is noinline so that the backtrace names it, which is what
 * t_panic.sh looks for.
 */
static __attribute__((noinline)) void crash_null(void)
{
	pr_info("crash: %lu\n", *crash_null_ptr);
}

/* A store to .rodata: mapped R--, so a store page fault. */
static __attribute__((noinline)) void crash_rodata_write(void)
{
	*(volatile char *)crash_rodata = 'X';
}

/* A jump into .data: mapped RW- (never X), so an instruction page fault. */
static __attribute__((noinline)) void crash_exec(void)
{
	((void (*)(void))crash_data)();
}

static int crash_depth_limit = 1 << 30;	/* never reached: the stack ends first */

/* 256 bytes of frame per call, until the stack runs into its guard page. */
static __attribute__((noinline)) int crash_recurse(int depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	if (depth >= crash_depth_limit)
		return 0;
	return crash_recurse(depth + 1) + pad[0];
}

/* On a kthread's vmalloc'd stack, whose guard page makes the overflow fault. */
static int crash_stack_thread(void *data)
{
	return crash_recurse(0);
}

/* One byte past a two-page vmalloc area: its guard page. */
static __attribute__((noinline)) void crash_vmalloc_guard(void)
{
	char *p = vmalloc(2 * PAGE_SIZE);

	if (p)
		p[2 * PAGE_SIZE] = 1;
}

/* A highmem page read through __va, where the linear map has no entry. */
static __attribute__((noinline)) void crash_highmem_linear(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	if (page)
		pr_info("crash: %d\n", *(volatile int *)__va(PFN_PHYS(page_to_pfn(page))));
}

/*
 * End of boot (start_kernel): crash as crash= asked; nothing without it.
 * Returns only if the crash did not happen, after saying so (a test fails).
 */
void run_crash_tests(void)
{
	if (!crash_kind[0])
		return;
	pr_notice("crash: deliberately crashing (%s)\n", crash_kind);
	if (!strcmp(crash_kind, "null"))
		crash_null();
	else if (!strcmp(crash_kind, "rodata"))
		crash_rodata_write();
	else if (!strcmp(crash_kind, "exec"))
		crash_exec();
	else if (!strcmp(crash_kind, "stack"))
		kthread_stop(kthread_run(crash_stack_thread, NULL, "crash_stack"));
	else if (!strcmp(crash_kind, "vmalloc-guard"))
		crash_vmalloc_guard();
	else if (!strcmp(crash_kind, "highmem-linear"))
		crash_highmem_linear();
	else
		BUG();
	pr_err("crash: %s did not fault\n", crash_kind);
}
