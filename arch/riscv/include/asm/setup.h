/* Boot-time entry points between start_kernel and arch/riscv. */
#ifndef _ASM_SETUP_H
#define _ASM_SETUP_H

#include <linux/types.h>
#include <linux/compiler.h>

#ifndef RIVET_VERSION
#define RIVET_VERSION "dev"
#endif

extern char boot_command_line[];

void setup_arch(phys_addr_t dtb_pa);
void setup_devices(void);
void time_init(void);
void set_tick_hook(void (*fn)(void));
void run_crash_tests(void);
void print_mm_stats(void);
__noreturn void console_monitor(void);
__noreturn void kernel_power_off(void);
__noreturn void kernel_restart(void);

#endif
