/*
 * Ending the machine. kernel/reboot.c has the kernel's part (messages,
 * "poweroff_after="); the arch supplies machine_power_off and
 * machine_restart (arch/riscv/reset.c: SBI system reset).
 */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H

#include <linux/compiler.h>
#include <linux/types.h>

/* Say so on the console, then power off / restart. Any context. */
__noreturn void kernel_power_off(void);
__noreturn void kernel_restart(void);

/*
 * Arch: power the machine off, or reset it (the firmware and the boot
 * loader run again), at once and without a word. Any context; if the
 * firmware cannot, the CPU stops.
 */
__noreturn void machine_power_off(void);
__noreturn void machine_restart(void);

/* "poweroff_after=MS": time to power off yet? Counted from poweroff_timer_start. */
bool poweroff_due(void);
/* Start counting (time_init, when the tick starts). */
void poweroff_timer_start(void);

#endif
