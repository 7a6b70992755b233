/*
 * Host-test version of asm/sections.h: only the command-line handler table,
 * whose bounds the host's GNU ld makes for the "setup_params" section.
 */
#ifndef _ASM_SECTIONS_H
#define _ASM_SECTIONS_H

#include <linux/params.h>

extern const struct kernel_param __start_setup_params[] __attribute__((weak));
extern const struct kernel_param __stop_setup_params[] __attribute__((weak));

/* Platform drivers (module_platform_driver), probed by of_platform_populate. */
struct platform_driver;
extern const struct platform_driver *const __start_platform_drivers[] __attribute__((weak));
extern const struct platform_driver *const __stop_platform_drivers[] __attribute__((weak));

#endif
