/*
 * machine_power_off / machine_restart (linux/reboot.h) through the SBI
 * System Reset extension: shutdown, cold reboot (sbi.c; without SRST both
 * fall back to the legacy shutdown call). QEMU run with -no-reboot exits
 * on the restart too. Leaves out warm reset and reset reasons.
 */
#include <linux/reboot.h>
#include <asm/sbi.h>

void machine_power_off(void)
{
	sbi_shutdown();
}

void machine_restart(void)
{
	sbi_reboot();
}
