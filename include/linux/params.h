/*
 * Kernel command-line parameters (lib/cmdline.c).
 *
 * A file registers a handler with one line:
 *
 *	static int set_loglevel(char *val) { ... }
 *	__setup("loglevel=", set_loglevel);	// normal pass
 *	early_param("mem", set_mem);		// early pass
 *
 * A name ending in '=' takes a value and its handler always gets one (a
 * bare "loglevel" is reported as an error without calling it); a name
 * without '=' matches both "quiet" (val == NULL) and "mem=64M". '-' and '_'
 * are the same in names. Handlers return 0 or -Exxx; an error is reported
 * ("rivet: bad value for loglevel=abc") and the boot goes on. Note the
 * difference from Linux, whose __setup handlers return 1 on success.
 *
 * The entries live in the linker section "setup_params", bounded by
 * __start_setup_params / __stop_setup_params (GNU ld provides these for
 * any section named like a C identifier; the kernel's linker script must
 * KEEP the output section under that name).
 */
#ifndef _LINUX_PARAMS_H
#define _LINUX_PARAMS_H

#include <linux/compiler.h>
#include <linux/types.h>

struct kernel_param {
	const char *name;		/* "loglevel=" or "quiet" */
	int (*setup)(char *val);	/* 0 or -Exxx; val may be NULL (see above) */
	bool early;			/* run by the early pass */
};

#define __kernel_param(var, str, fn, is_early)				\
	static const struct kernel_param var				\
	__used __section("setup_params") __aligned(8) = { str, fn, is_early }

#define __setup(str, fn)	__kernel_param(__setup_##fn, str, fn, false)
#define early_param(str, fn)	__kernel_param(__early_##fn, str, fn, true)

/*
 * Parse cmdline, calling the handlers of one pass: early params if early,
 * else the __setup ones (early params are then skipped as already done).
 * Arguments are separated by whitespace; double quotes group words and are
 * removed ('foo="a b"' gives foo = "a b"); "--" ends the kernel's part.
 * In the normal pass an argument no handler knows goes to unknown (may be
 * NULL); if that returns non-zero too, it is reported as unknown. The early
 * pass ignores arguments it has no handler for.
 *
 * cmdline is cut up in place and handlers may keep pointers into it, so
 * give each pass its own copy that outlives the handlers' use. Returns the
 * number of errors reported. Never panics on bad input.
 */
int parse_args(char *cmdline, bool early,
	       int (*unknown)(char *param, char *val));

/*
 * Look up one parameter without any registration, e.g. to read "earlycon"
 * before the tables are parsed. name is given without '='. Copies the
 * value of the last "name=value" (unquoted, truncated to len - 1 bytes)
 * into buf and returns buf; a bare "name" gives "". Returns NULL if name
 * does not occur before "--". cmdline is not modified.
 */
const char *cmdline_get(const char *cmdline, const char *name, char *buf,
			size_t len);

#endif
