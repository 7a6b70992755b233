/*
 * Symbols the linker script (arch/riscv/kernel.lds), head.S and the
 * generated symbol table (scripts/kallsyms.sh) define: declared here once,
 * for every C file that needs to know where a part of the image is. Each
 * [_sX, _eX) pair bounds one part; they are page aligned where the
 * permissions change (text R-X, rodata R--, data and bss RW-).
 */
#ifndef _ASM_SECTIONS_H
#define _ASM_SECTIONS_H

#include <asm/page.h>

#define INIT_STACK_SIZE	(4 * PAGE_SIZE)	/* the boot thread's stack (head.S) */

#ifndef __ASSEMBLER__
#include <linux/types.h>
#include <linux/params.h>
#include <linux/ktest.h>

/* The image: header, text, rodata, data, bss. */
extern char _start[], _end[];
extern char _stext[], _etext[];
extern char _srodata[], _erodata[];
extern char _sdata[], _edata[];
extern char _sbss[], _ebss[];

/* Physical address the image was loaded at (setup_vm). */
extern phys_addr_t kernel_load_pa;

/* The boot thread's stack, [init_stack, init_stack_top), in .bss. */
extern char init_stack[], init_stack_top[];

/* Command-line handlers (__setup, early_param) and in-kernel tests (KTEST). */
extern const struct kernel_param __start_setup_params[] __attribute__((weak));
extern const struct kernel_param __stop_setup_params[] __attribute__((weak));
extern const struct ktest __start_ktests[] __attribute__((weak));
extern const struct ktest __stop_ktests[] __attribute__((weak));

/* Platform drivers (module_platform_driver), probed by of_platform_populate. */
struct platform_driver;
extern const struct platform_driver *const __start_platform_drivers[] __attribute__((weak));
extern const struct platform_driver *const __stop_platform_drivers[] __attribute__((weak));

/*
 * The exception table of the uaccess routines (arch/riscv/uaccess.S): a
 * fault at insn resumes at fixup. Searched linearly (extable.c).
 */
struct exception_table_entry {
	unsigned long insn, fixup;
};
extern const struct exception_table_entry __start___ex_table[] __attribute__((weak));
extern const struct exception_table_entry __stop___ex_table[] __attribute__((weak));

/*
 * The symbol table for backtraces, in .rodata: kallsyms_num text symbols
 * sorted by address; the name of symbol i is at kallsyms_names +
 * kallsyms_offsets[i].
 */
extern const unsigned long kallsyms_num;
extern const unsigned long kallsyms_addresses[];
extern const unsigned int kallsyms_offsets[];
extern const char kallsyms_names[];
#endif

#endif
