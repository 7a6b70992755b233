/*
 * lib/cmdline.c: kernel command-line parsing, Linux's syntax (whitespace-
 * separated "param=value", double quotes, "--" ending the kernel's part) with
 * handlers registered by __setup/early_param (<linux/params.h>). Leaves out
 * module parameters ("mod.param=") and Linux's typed parameter tables.
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/params.h>
#include <linux/string.h>
#include <asm/sections.h>	/* the setup_params table's bounds */

/* The first non-space character at or after s. */
static char *skip_spaces(const char *s)
{
	while (isspace(*s))
		s++;
	return (char *)s;
}

/*
 * Copy the argument starting at in to out (at most outlen - 1 bytes, NUL-
 * terminated if outlen > 0), dropping double quotes; whitespace between
 * quotes belongs to the argument. quoted says a quote is already open.
 * out may be in itself: the writer never overtakes the reader. Returns
 * where the search for the next argument starts.
 */
static const char *copy_arg(const char *in, char *out, size_t outlen,
			    bool quoted)
{
	const char *next;
	size_t n = 0;

	for (; *in && (quoted || !isspace(*in)); in++) {
		if (*in == '"')
			quoted = !quoted;
		else if (n + 1 < outlen)
			out[n++] = *in;
	}
	next = *in ? in + 1 : in;
	if (outlen)
		out[n] = '\0';
	return next;
}

/* Parameter names compare with '-' and '_' equal, as in Linux. */
static char dash_to_underscore(char c)
{
	return c == '-' ? '_' : c;
}

/*
 * Does name, less any trailing '=', equal the n bytes at s? '-' and '_'
 * are the same. s may be shorter than n (it then differs).
 */
static bool name_matches(const char *name, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!name[i] || dash_to_underscore(name[i]) != dash_to_underscore(s[i]))
			return false;
	return !name[i] || (name[i] == '=' && !name[i + 1]);
}

/* Call p's handler with val; report and return 1 if it fails, else 0. */
static int run_param(const struct kernel_param *p, const char *param,
		     char *val)
{
	size_t n = strlen(p->name);
	int err;

	if (!val && n && p->name[n - 1] == '=') {
		pr_warn("rivet: missing value for %s\n", p->name);
		return 1;
	}
	err = p->setup(val);
	if (!err)
		return 0;
	if (val)
		pr_warn("rivet: bad value for %s=%s\n", param, val);
	else
		pr_warn("rivet: %s failed (error %d)\n", param, err);
	return 1;
}

/*
 * Handle one argument "param[=val]" in the given pass: run the matching
 * handlers of that pass, or in the normal pass offer an argument nobody
 * registered to unknown. Returns 1 if an error was reported, else 0.
 */
static int handle_arg(char *param, bool early,
		      int (*unknown)(char *param, char *val))
{
	const struct kernel_param *p;
	char *val = strchr(param, '=');
	bool known = false;
	int errors = 0;

	if (val)
		*val++ = '\0';
	for (p = __start_setup_params; p < __stop_setup_params; p++) {
		if (!name_matches(p->name, param, strlen(param)))
			continue;
		known = true;
		if (p->early == early)
			errors += run_param(p, param, val);
	}
	if (known || early)
		return errors ? 1 : 0;
	if (unknown && !unknown(param, val))
		return 0;
	pr_warn("rivet: unknown command line parameter '%s'\n", param);
	return 1;
}

/* See <linux/params.h>. Boot context, single-threaded; no locks. */
int parse_args(char *cmdline, bool early,
	       int (*unknown)(char *param, char *val))
{
	char *arg = skip_spaces(cmdline);
	int errors = 0;

	while (*arg) {
		char *next = skip_spaces(copy_arg(arg, arg, SIZE_MAX, false));

		if (!strcmp(arg, "--"))
			break;
		if (*arg)	/* not an empty "" */
			errors += handle_arg(arg, early, unknown);
		arg = next;
	}
	return errors;
}

/* The end of "--": NUL or whitespace. */
static bool is_double_dash(const char *arg)
{
	return arg[0] == '-' && arg[1] == '-' && (!arg[2] || isspace(arg[2]));
}

/* See <linux/params.h>. Any context; reads cmdline only. */
const char *cmdline_get(const char *cmdline, const char *name, char *buf,
			size_t len)
{
	size_t n = strlen(name);
	const char *arg, *found = NULL;

	if (n && name[n - 1] == '=')
		n--;
	for (arg = skip_spaces(cmdline); *arg && !is_double_dash(arg);
	     arg = skip_spaces(copy_arg(arg, NULL, 0, false))) {
		bool quoted = *arg == '"';
		const char *p = arg + quoted;

		if (!n || !name_matches(name, p, n))
			continue;
		if (p[n] == '=') {
			copy_arg(p + n + 1, buf, len, quoted);
			found = buf;
		} else if (!p[n] || isspace(p[n]) || p[n] == '"') {
			if (len)
				buf[0] = '\0';
			found = buf;
		}
	}
	return found;
}
