/*
 * The arch's boot entry points, in the order start_kernel (kernel/main.c)
 * calls them. Each runs once, on the boot CPU.
 */
#ifndef _ASM_SETUP_H
#define _ASM_SETUP_H

#include <linux/types.h>
#include <linux/compiler.h>

/* The command line from the DTB's /chosen/bootargs (setup_arch). */
extern char boot_command_line[];

/* This hart is CPU 0: its per-CPU area, tp (arch/riscv/smpboot.c). */
void setup_boot_cpu(unsigned long hartid);
/* Probe the SBI and print through it until the UART takes over (setup.c). */
void setup_early_console(void);
/* The machine from the DTB: memblock, the linear map, the zones (setup.c). */
void setup_arch(phys_addr_t dtb_pa);
/* Trap vector (traps.c). */
void trap_init(void);
/* The DTB's devices, bound to their drivers: PLIC, console UART... (setup.c). */
void setup_devices(void);
/* The clock and the HZ tick (time.c); interrupts are turned on after it. */
void time_init(void);

/* Call @fn on every tick, interrupts off (time.c). */
void set_tick_hook(void (*fn)(void));

#endif
