/*
 * Power off and restart: the last messages, then the arch's
 * machine_power_off / machine_restart (linux/reboot.h), plus
 * "poweroff_after=MS" so tests and benchmarks end by themselves.
 * Seed: Linux's kernel_power_off / kernel_restart; leaves out reboot
 * notifiers, device shutdown and the reboot system call.
 */
#include <linux/kernel.h>
#include <linux/profile.h>
#include <linux/params.h>
#include <linux/jiffies.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/irqflags.h>
#include <linux/reboot.h>

/* Both set at boot (the command line, time_init), then only read. */
static unsigned long poweroff_after_ms;	/* 0: never */
static u64 boot_ns;

/* Report the tick count over the run (the boot tests check it), power off. */
void kernel_power_off(void)
{
	u64 ns = ktime_get_ns();

	local_irq_disable();
	profile_print("since boot", 25);	/* with profile=1: where the kernel's time went */
	pr_notice("rivet: %lu timer ticks in %lu ms (HZ=%u)\n", jiffies,
		  (unsigned long)((ns - boot_ns) / 1000000), HZ);
	pr_notice("rivet: power off\n");
	machine_power_off();
}

/* Say so, then reset the machine (firmware and boot loader run again). */
void kernel_restart(void)
{
	local_irq_disable();
	pr_notice("rivet: restart\n");
	machine_restart();
}

/* "poweroff_after=MS" (0 = never); -EINVAL for a missing or bad number. */
static int poweroff_after_setup(char *val)
{
	unsigned long ms;

	if (!val || kstrtoul(val, 0, &ms))
		return -EINVAL;
	poweroff_after_ms = ms;
	return 0;
}
__setup("poweroff_after=", poweroff_after_setup);

/* Polled by the console monitor: time to power off? */
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
