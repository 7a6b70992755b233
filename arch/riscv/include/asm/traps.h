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

#endif
