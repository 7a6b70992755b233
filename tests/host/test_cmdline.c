/*
 * Host test of lib/cmdline.c: parameters registered here with __setup and
 * early_param (the host linker gathers them like the kernel's does), both
 * passes, quoting, "--", error reports (captured from printk's stdout) and
 * cmdline_get.
 */
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/params.h>
#include <linux/string.h>
#include "test.h"

/* ---- the registered parameters and what they saw ---------------------- */

static int loglevel, mem_calls, earlycon_calls;
static unsigned long long mem_limit;
static char *earlycon_val, *console, *init_hook;
static bool quiet;
static char unknown_seen[256];

static int set_loglevel(char *val)
{
	return kstrtoint(val, 10, &loglevel);
}
__setup("loglevel=", set_loglevel);

static int set_mem(char *val)
{
	char *end;

	mem_calls++;
	if (!val)
		return -EINVAL;
	mem_limit = memparse(val, &end);
	return *end ? -EINVAL : 0;
}
early_param("mem", set_mem);

static int set_earlycon(char *val)
{
	earlycon_calls++;
	earlycon_val = val;
	return 0;
}
early_param("earlycon", set_earlycon);

static int set_quiet(char *val)
{
	if (val)
		return -EINVAL;
	quiet = true;
	return 0;
}
__setup("quiet", set_quiet);

static int set_console(char *val)
{
	console = val;
	return 0;
}
__setup("console=", set_console);

static int set_init_hook(char *val)
{
	init_hook = val;
	return 0;
}
__setup("init_hook=", set_init_hook);

/* Records "param[=val];" and accepts only names starting with "env". */
static int collect_unknown(char *param, char *val)
{
	size_t n = libc_strlen(unknown_seen);

	libc_snprintf(unknown_seen + n, sizeof(unknown_seen) - n, "%s%s%s;",
		      param, val ? "=" : "", val ? val : "");
	return libc_strncmp(param, "env", 3) ? -EINVAL : 0;
}

static void reset(void)
{
	loglevel = -1;
	mem_calls = earlycon_calls = 0;
	mem_limit = 0;
	earlycon_val = console = init_hook = NULL;
	quiet = false;
	unknown_seen[0] = '\0';
}

/* ---- capturing what printk prints ----------------------------------------- */

#include "capture.h"

static const char *captured;

/* parse_args on a private copy of line (handlers keep pointers into it). */
static int parse(const char *line, bool early, int (*unknown)(char *, char *))
{
	static char copies[8][512];
	static int next;
	char *buf = copies[next++ % 8];

	libc_snprintf(buf, sizeof(copies[0]), "%s", line);
	return parse_args(buf, early, unknown);
}

/* ---- the tests -------------------------------------------------------------- */

#define BOOT_LINE "console=ttyS0,115200 mem=64M loglevel=7 quiet earlycon " \
	"foo=\"a b\" init-hook=x envvar=1 bogus"

static void test_two_passes(void)
{
	int errors;

	reset();
	errors = parse(BOOT_LINE, true, collect_unknown);
	CHECK(errors == 0, "early pass: no errors (%d)", errors);
	CHECK(mem_calls == 1 && mem_limit == 64 << 20, "early pass: mem=64M");
	CHECK(earlycon_calls == 1 && !earlycon_val, "early pass: bare earlycon");
	CHECK(loglevel == -1 && !quiet && !console && !unknown_seen[0],
	      "early pass leaves __setup params and unknowns alone");

	capture_begin();
	errors = parse(BOOT_LINE, false, collect_unknown);
	captured = capture_end();
	CHECK(errors == 2, "normal pass: 2 errors (foo, bogus), got %d", errors);
	CHECK(loglevel == 7 && quiet, "normal pass: loglevel=7, quiet");
	CHECK(console && !libc_strcmp(console, "ttyS0,115200"), "console=ttyS0,115200");
	CHECK(init_hook && !libc_strcmp(init_hook, "x"), "init-hook matches init_hook=");
	CHECK(mem_calls == 1 && earlycon_calls == 1, "early params not run again");
	CHECK(!libc_strcmp(unknown_seen, "foo=a b;envvar=1;bogus;"),
	      "unknown() saw \"%s\"", unknown_seen);
	CHECK(libc_strstr(captured, "rivet: unknown command line parameter 'foo'") &&
	      libc_strstr(captured, "unknown command line parameter 'bogus'") &&
	      !libc_strstr(captured, "envvar"), "unknowns reported");
}

static void test_bad_values(void)
{
	int errors;

	reset();
	capture_begin();
	errors = parse("loglevel=abc quiet=1 console mem", false, NULL);
	captured = capture_end();
	CHECK(errors == 3, "bad loglevel, quiet=1, bare console counted, got %d", errors);
	CHECK(libc_strstr(captured, "rivet: bad value for loglevel=abc\n") &&
	      libc_strstr(captured, "rivet: bad value for quiet=1\n"),
	      "bad values reported");
	CHECK(libc_strstr(captured, "missing value for console="),
	      "bare console reported as missing its value");
	CHECK(!console && !quiet && mem_calls == 0, "failed handlers changed nothing");

	capture_begin();
	errors = parse("mem mem=12Q", true, NULL);
	captured = capture_end();
	CHECK(errors == 2 && mem_calls == 2, "early handler errors counted: %d", errors);
	CHECK(libc_strstr(captured, "rivet: mem failed (error -22)") &&
	      libc_strstr(captured, "rivet: bad value for mem=12Q"),
	      "early errors reported");
	capture_begin();
	errors = parse("nosuchthing", false, NULL);
	captured = capture_end();
	CHECK(errors == 1 && libc_strstr(captured, "'nosuchthing'"),
	      "unknown without callback reported");
}

static void test_syntax(void)
{
	int errors;

	reset();
	CHECK(parse("\"console=ttyS1 9600\" loglevel=\"3\"", false, NULL) == 0 &&
	      console && !libc_strcmp(console, "ttyS1 9600") && loglevel == 3,
	      "quotes group words and are removed");
	reset();
	CHECK(parse("console=\"a \\\"b\" quiet", false, NULL) == 0 &&
	      !libc_strcmp(console, "a \\b quiet") && !quiet,
	      "unbalanced quotes run to the end: \"%s\"", console);
	reset();
	CHECK(parse("loglevel=2 -- loglevel=5 bogus", false, NULL) == 0 &&
	      loglevel == 2, "\"--\" ends the kernel's arguments");
	reset();
	CHECK(parse(" \t\n loglevel=4 \n\t quiet\n", false, NULL) == 0 &&
	      loglevel == 4 && quiet, "any whitespace separates");
	CHECK(parse("", false, NULL) == 0 && parse("   ", true, NULL) == 0,
	      "empty command lines");
	reset();
	CHECK(parse("\"\" console=", false, NULL) == 0 && console && !console[0],
	      "empty argument skipped, empty value passed");
	reset();
	capture_begin();
	errors = parse("log-level=1 loglevel=6", false, collect_unknown);
	captured = capture_end();
	CHECK(errors == 1 &&
	      loglevel == 6 && !libc_strcmp(unknown_seen, "log-level=1;"),
	      "names must match whole (dash only equals underscore)");
}

static void test_cmdline_get(void)
{
	const char *line = "console=ttyS0 mem=64M quiet console=hvc0 x=\"a b\" "
			   "\"y=c d\" init-hook=z memory=1 -- tail=1";
	char buf[32];

	CHECK(cmdline_get(line, "console", buf, sizeof(buf)) == buf &&
	      !libc_strcmp(buf, "hvc0"), "cmdline_get: last console wins");
	CHECK(cmdline_get(line, "mem=", buf, sizeof(buf)) &&
	      !libc_strcmp(buf, "64M"), "cmdline_get: mem (name with '=')");
	CHECK(cmdline_get(line, "quiet", buf, sizeof(buf)) && !buf[0],
	      "cmdline_get: bare word gives \"\"");
	CHECK(cmdline_get(line, "x", buf, sizeof(buf)) && !libc_strcmp(buf, "a b"),
	      "cmdline_get: quoted value");
	CHECK(cmdline_get(line, "y", buf, sizeof(buf)) && !libc_strcmp(buf, "c d"),
	      "cmdline_get: quoted argument");
	CHECK(cmdline_get(line, "init_hook", buf, sizeof(buf)) &&
	      !libc_strcmp(buf, "z"), "cmdline_get: '-' equals '_'");
	CHECK(!cmdline_get(line, "con", buf, sizeof(buf)) &&
	      !cmdline_get(line, "nothere", buf, sizeof(buf)) &&
	      !cmdline_get(line, "tail", buf, sizeof(buf)) &&
	      !cmdline_get(line, "", buf, sizeof(buf)),
	      "cmdline_get: prefixes, absent names and after \"--\" not found");
	CHECK(cmdline_get(line, "console", buf, 3) && !libc_strcmp(buf, "hv"),
	      "cmdline_get: value truncated to the buffer");
	CHECK(cmdline_get(line, "console", buf, 0) == buf, "cmdline_get: len 0");
}

int main(void)
{
	test_two_passes();
	test_bad_values();
	test_syntax();
	test_cmdline_get();
	return test_exit();
}
