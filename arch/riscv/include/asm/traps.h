/* Trap handling entry points shared between arch/riscv files. */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <linux/compiler.h>
#include <linux/types.h>

struct pt_regs;

void do_trap(struct pt_regs *regs);
/* A kernel page fault: true if resolved or fixed up (fault.c), false for a bug. */
bool do_page_fault(struct pt_regs *regs);
const char *exception_name(unsigned long cause);
/* Before sret to user mode: reschedule and deliver signals (irqs off in and out). */
void exit_to_user_mode(struct pt_regs *regs);
void timer_interrupt(void);
void plic_handle_irq(void);
/* stvec's target for every trap (entry.S). */
void handle_exception(void);

/*
 * SiFive U7 erratum CIP-453: for instruction page and access faults the
 * core writes stval without sign-extending bit 38, so a kernel address
 * reads as a large positive one. Set at boot on those cores (sbi.c).
 */
extern bool errata_cip_453;

/* @addr as an Sv39 virtual address: bits 63:39 copies of bit 38. */
static inline unsigned long sv39_sign_extend(unsigned long addr)
{
	return (unsigned long)((long)(addr << 25) >> 25);
}

#endif
