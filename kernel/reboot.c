/*
 * Power off and restart through SBI SRST (legacy shutdown as fallback),
 * plus "poweroff_after=MS" so tests and benchmarks end by themselves.
 */
#include <linux/kernel.h>
#include <linux/params.h>
#include <linux/jiffies.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/sbi.h>
#include <asm/setup.h>
#include <asm/irqflags.h>

static unsigned long poweroff_after_ms;
static u64 boot_ns;

void kernel_power_off(void)
{
	u64 ns = ktime_get_ns();

	arch_local_irq_disable();
	pr_notice("rivet: %lu timer ticks in %lu ms (HZ=%u)\n", jiffies,
		  (unsigned long)((ns - boot_ns) / 1000000), HZ);
	pr_notice("rivet: power off\n");
	sbi_shutdown();
}

void kernel_restart(void)
{
	arch_local_irq_disable();
	pr_notice("rivet: restart\n");
	sbi_reboot();
}

static int poweroff_after_setup(char *val)
{
	unsigned long ms;

	if (!val || kstrtoul(val, 0, &ms))
		return -EINVAL;
	poweroff_after_ms = ms;
	return 0;
}
__setup("poweroff_after=", poweroff_after_setup);

/* Called from the idle loop: time to power off? */
bool poweroff_due(void)
{
	return poweroff_after_ms &&
	       ktime_get_ns() - boot_ns >= (u64)poweroff_after_ms * 1000000;
}

/* Tick counting starts here (time_init), so the report covers whole ticks. */
void poweroff_timer_start(void)
{
	boot_ns = ktime_get_ns();
}
