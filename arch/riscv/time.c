/*
 * The clock and the tick. The time CSR counts at the DTB's
 * timebase-frequency; the tick is an S-mode timer interrupt programmed
 * through SBI TIME (CLINT is M-mode only, boards.md 8.2) HZ times a second.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/console.h>
#include <linux/params.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/csr.h>
#include <asm/sbi.h>
#include <asm/traps.h>
#include <linux/sched.h>

volatile unsigned long jiffies;
unsigned int HZ = 100;
unsigned long riscv_timebase;
static u64 next_tick;
static void (*tick_hook)(void);
void poweroff_timer_start(void);

u64 get_cycles(void)
{
	return csr_read(CSR_TIME);
}

u64 ktime_get_ns(void)
{
	u64 t = get_cycles();

	if (!riscv_timebase)
		return 0;
	return t / riscv_timebase * 1000000000ULL +
	       t % riscv_timebase * 1000000000ULL / riscv_timebase;
}

void boot_time(unsigned long *sec, unsigned long *usec)
{
	u64 ns = ktime_get_ns();

	*sec = ns / 1000000000ULL;
	*usec = ns % 1000000000ULL / 1000;
}

static int hz_setup(char *val)
{
	unsigned int hz;

	if (!val || kstrtouint(val, 10, &hz) || hz < 10 || hz > 1000)
		return -EINVAL;
	HZ = hz;
	return 0;
}
early_param("hz", hz_setup);

/* Called once per tick with interrupts off (timer_interrupt). */
void set_tick_hook(void (*fn)(void))
{
	tick_hook = fn;
}

void timer_interrupt(void)
{
	u64 period = riscv_timebase / HZ;

	/* Catch up without a storm if ticks were missed (e.g. under a debugger). */
	do {
		next_tick += period;
		jiffies++;
	} while (next_tick <= get_cycles());
	sbi_set_timer(next_tick);
	scheduler_tick();
	if (tick_hook)
		tick_hook();
}

/* Start the tick. Needs riscv_timebase from the DTB. */
void time_init(void)
{
	if (!riscv_timebase) {
		pr_err("timer: no timebase-frequency in the device tree, no tick\n");
		return;
	}
	poweroff_timer_start();
	next_tick = get_cycles() + riscv_timebase / HZ;
	sbi_set_timer(next_tick);
	csr_set(CSR_SIE, SIE_STIE);
	pr_info("timer: timebase %lu Hz, HZ=%u\n", riscv_timebase, HZ);
}
