/*
 * The clock and the tick. The time CSR counts at the DTB's
 * timebase-frequency; the tick is an S-mode timer interrupt programmed
 * through SBI TIME (CLINT is M-mode only, boards.md 8.2) HZ times a second.
 * Seed: Linux's riscv timer (the time CSR as clocksource, SBI as clock
 * event); leaves out tickless idle, hrtimers and wall-clock time.
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
#include <linux/reboot.h>
#include <linux/timer.h>
#include <asm/setup.h>

/* Written only by timer_interrupt (IRQs off); read anywhere. */
volatile unsigned long jiffies;
unsigned int HZ = 100;		/* "hz=" at boot, fixed once the tick runs */
unsigned long riscv_timebase;	/* time CSR ticks per second, from the DTB */
static u64 next_tick;		/* time CSR value of the next tick (timer path only) */
static void (*tick_hook)(void);

/* The time CSR: timebase ticks since the hart's reset. Any context. */
u64 get_cycles(void)
{
	return csr_read(CSR_TIME);
}

/*
 * Nanoseconds since reset; 0 until setup_arch has the timebase. Split into
 * whole seconds and the rest so that ticks * 10^9 cannot overflow.
 */
u64 ktime_get_ns(void)
{
	u64 t = get_cycles();

	if (!riscv_timebase)
		return 0;
	return t / riscv_timebase * 1000000000ULL +
	       t % riscv_timebase * 1000000000ULL / riscv_timebase;
}

/* ktime_get_ns as seconds and microseconds, for printk's timestamps. */
void boot_time(unsigned long *sec, unsigned long *usec)
{
	u64 ns = ktime_get_ns();

	*sec = ns / 1000000000ULL;
	*usec = ns % 1000000000ULL / 1000;
}

/* "hz=N", 10 <= N <= 1000 (early_param, before time_init); -EINVAL keeps 100. */
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

/*
 * The S-mode timer interrupt (do_trap, IRQs off): advance jiffies, program
 * the next tick (which also clears this one), then the scheduler's tick
 * and the hook.
 */
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
	run_local_timers();
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
