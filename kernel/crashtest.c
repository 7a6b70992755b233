/*
 * "crash=KIND" on the command line makes the kernel fail on purpose after
 * boot, so tests can check that the panic report (cause, registers,
 * symbolised backtrace) appears and the machine powers off instead of
 * hanging. KIND: null (load from address 0), rodata (store to .rodata),
 * exec (jump into .data), bug (BUG()).
 */
#include <linux/kernel.h>
#include <linux/params.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/setup.h>

static char crash_kind[16];
static const char crash_rodata[8] = "rodata";
static unsigned long crash_data[4];

static int crash_setup(char *val)
{
	static const char *const kinds[] = { "null", "rodata", "exec", "bug" };

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

static __attribute__((noinline)) void crash_null(void)
{
	pr_info("crash: %lu\n", *crash_null_ptr);
}

static __attribute__((noinline)) void crash_rodata_write(void)
{
	*(volatile char *)crash_rodata = 'X';
}

static __attribute__((noinline)) void crash_exec(void)
{
	((void (*)(void))crash_data)();
}

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
	else
		BUG();
	pr_err("crash: %s did not fault\n", crash_kind);
}
