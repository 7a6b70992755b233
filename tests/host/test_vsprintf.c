/*
 * Host test of lib/vsprintf.c: the kernel's snprintf against the host
 * libc's for generated integer, string and char conversions and at every
 * truncation size, then the kernel-only parts (%p, %pS/%ps, NULL strings,
 * unknown conversions, scnprintf). host_rename.h is force-included:
 * snprintf here is the kernel's, libc_snprintf the host's.
 */
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/string.h>
#include "test.h"
#include "kallsyms_fake.h"

typedef int (*snprintf_fn)(char *buf, size_t size, const char *fmt, ...);

/* Format one integer v with fn, passing it as the type len and conv name. */
static int call_int(snprintf_fn fn, char *buf, size_t size, const char *fmt,
		    const char *len, char conv, unsigned long long v)
{
	bool sgn = conv == 'd' || conv == 'i';

	if (!strcmp(len, "l"))
		return sgn ? fn(buf, size, fmt, (long)v) : fn(buf, size, fmt, (unsigned long)v);
	if (!strcmp(len, "ll"))
		return sgn ? fn(buf, size, fmt, (long long)v) : fn(buf, size, fmt, v);
	if (!strcmp(len, "z"))
		return sgn ? fn(buf, size, fmt, (ssize_t)v) : fn(buf, size, fmt, (size_t)v);
	if (!strcmp(len, "t"))
		return fn(buf, size, fmt, (ptrdiff_t)v);
	if (!strcmp(len, "j"))
		return sgn ? fn(buf, size, fmt, (intmax_t)v) : fn(buf, size, fmt, (uintmax_t)v);
	return sgn ? fn(buf, size, fmt, (int)v) : fn(buf, size, fmt, (unsigned int)v);
}

/* The flags whose bits are set in mask, e.g. 0x5 -> "-+". */
static void flag_string(char *s, unsigned int mask)
{
	static const char all[] = "-0+ #";
	unsigned int i;

	for (i = 0; i < 5; i++)
		if (mask & (1u << i))
			*s++ = all[i];
	*s = '\0';
}

/* Compare one formatted result; shows the first few differences. */
static bool same_output(const char *fmt, const char *mine, int rm,
			const char *ref, int rr)
{
	static int shown;
	bool ok = rm == rr && rr >= 0 && !libc_memcmp(mine, ref, rr + 1);

	if (!ok && shown++ < 10)
		printf("  \"%s\": got \"%s\" (%d), libc \"%s\" (%d)\n",
		       fmt, mine, rm, ref, rr);
	return ok;
}

static void test_integers_vs_libc(void)
{
	static const char *const lens[] = { "", "hh", "h", "l", "ll", "z", "t", "j" };
	static const char *const widths[] = { "", "1", "7", "25" };
	static const char *const precs[] = { "", ".", ".0", ".1", ".6", ".30" };
	static const unsigned long long vals[] = {
		0, 1, -1LL, 8, 255, 256, 32767, -32768LL, 65535, INT_MAX,
		(unsigned long long)INT_MIN, UINT_MAX, LONG_MAX,
		(unsigned long long)LONG_MIN, ULLONG_MAX, 0x123456789abcdefULL,
		-1000000007LL,
	};
	char fmt[32], flags[8], mine[128], ref[128];
	unsigned int c, f, w, p, l, v, n = 0, bad = 0;

	for (c = 0; c < 6; c++)
	for (f = 0; f < 32; f++)
	for (w = 0; w < ARRAY_SIZE(widths); w++)
	for (p = 0; p < ARRAY_SIZE(precs); p++)
	for (l = 0; l < ARRAY_SIZE(lens); l++) {
		flag_string(flags, f);
		libc_snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]", flags,
			      widths[w], precs[p], lens[l], "diuxXo"[c]);
		for (v = 0; v < ARRAY_SIZE(vals); v++, n++) {
			int rm = call_int(snprintf, mine, sizeof(mine), fmt,
					  lens[l], "diuxXo"[c], vals[v]);
			int rr = call_int(libc_snprintf, ref, sizeof(ref), fmt,
					  lens[l], "diuxXo"[c], vals[v]);

			bad += !same_output(fmt, mine, rm, ref, rr);
		}
	}
	CHECK(bad == 0, "%u integer conversions (d i u x X o, all flags, "
	      "widths, precisions, lengths) match libc, %u differ", n, bad);
}

static void test_strings_vs_libc(void)
{
	static const char *const strs[] = { "", "a", "hello", "hello, world and more" };
	static const char chars[] = { 'A', ' ', '~', 0x7f, (char)0xe9, 0 };
	static const char *const widths[] = { "", "1", "5", "30" };
	static const char *const precs[] = { "", ".", ".0", ".2", ".5", ".40" };
	char fmt[32], mine[64], ref[64];
	unsigned int f, w, p, i, n = 0, bad = 0;

	for (f = 0; f < 2; f++)
	for (w = 0; w < ARRAY_SIZE(widths); w++) {
		for (p = 0; p < ARRAY_SIZE(precs); p++)
		for (i = 0; i < ARRAY_SIZE(strs); i++, n++) {
			libc_snprintf(fmt, sizeof(fmt), "<%%%s%s%ss>",
				      f ? "-" : "", widths[w], precs[p]);
			bad += !same_output(fmt,
				mine, snprintf(mine, sizeof(mine), fmt, strs[i]),
				ref, libc_snprintf(ref, sizeof(ref), fmt, strs[i]));
		}
		for (i = 0; i < ARRAY_SIZE(chars); i++, n++) {
			libc_snprintf(fmt, sizeof(fmt), "<%%%s%sc>",
				      f ? "-" : "", widths[w]);
			bad += !same_output(fmt,
				mine, snprintf(mine, sizeof(mine), fmt, chars[i]),
				ref, libc_snprintf(ref, sizeof(ref), fmt, chars[i]));
		}
	}
	CHECK(bad == 0, "%u %%s/%%c conversions match libc, %u differ", n, bad);
}

/*
 * Format with both implementations into every buffer size from 0 to the
 * full length + 2: returns and whole buffers (bytes past the NUL must stay
 * untouched) must match; vscnprintf must return what was stored.
 */
static __printf(1, 2) void check_trunc(const char *fmt, ...)
{
	char mine[256], ref[256];
	va_list ap, aq;
	int full, size, rm, rr, rs, bad = 0;

	va_start(ap, fmt);
	va_copy(aq, ap);
	full = libc_vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	for (size = 0; size <= full + 2 && size <= (int)sizeof(mine); size++) {
		libc_memset(mine, 'Z', sizeof(mine));
		libc_memset(ref, 'Z', sizeof(ref));
		va_copy(aq, ap);
		rm = vsnprintf(mine, size, fmt, aq);
		va_end(aq);
		va_copy(aq, ap);
		rr = libc_vsnprintf(ref, size, fmt, aq);
		va_end(aq);
		bad += rm != rr || libc_memcmp(mine, ref, sizeof(mine));
		va_copy(aq, ap);
		rs = vscnprintf(mine, size, fmt, aq);
		va_end(aq);
		bad += rs != (size ? min(full, size - 1) : 0);
	}
	va_end(ap);
	CHECK(bad == 0 && full < (int)sizeof(mine),
	      "\"%s\" (%d chars) at every buffer size", fmt, full);
}

static void test_truncation(void)
{
	check_trunc("%s", "");
	check_trunc("plain text, no conversions");
	check_trunc("x=%d y=%5s z=%-4x|", 42, "ab", 0xbeef);
	check_trunc("%c%c%c", 'a', 0, 'b');
	check_trunc("%lld|%llu|%llx|%llo", LLONG_MIN, ULLONG_MAX, ULLONG_MAX,
		    ULLONG_MAX);
	check_trunc("%ld|%lu|%li", LONG_MIN, ULONG_MAX, LONG_MAX);
	check_trunc("%*d|%-*d|%.*d|%*.*s|", 6, 42, -6, 42, -3, 7, -8, 2, "abcdef");
	check_trunc("%8.3d|%+.0d|% .0d|%#.0x|%#.0o|%#o|%#x", 5, 0, 0, 0, 0, 0, 0);
	check_trunc("%#010x|%#-10X|%-#12o|%+08d|% 08d|%-+6d", 255, 255, 8, -3, 3, 3);
	check_trunc("100%% sure, %d%%", 7);
	check_trunc("%zu %zd %td %jd %ju", (size_t)-1, (ssize_t)-5,
		    (ptrdiff_t)-6, (intmax_t)INT64_MIN, (uintmax_t)UINT64_MAX);
	check_trunc("%hhd %hhu %hd %hu %hhx", 300, 300, 70000, 70000, -1);
	check_trunc("%.3s|%10.4s|%-10.1s|%.0s|", "abcdef", "abcdef", "abcdef", "x");
	check_trunc("%100d|", 1);
}

/* snprintf into a fixed buffer and compare with want. */
#define EXPECT(want, ...) do {						\
	char _b[128];							\
	int _n = snprintf(_b, sizeof(_b), __VA_ARGS__);			\
	CHECK(!strcmp(_b, want) && _n == (int)strlen(want),		\
	      "%s -> \"%s\" (got \"%s\", %d)", #__VA_ARGS__, want, _b, _n); \
} while (0)

static void test_pointers(void)
{
	EXPECT("0x0000000000001234", "%p", (void *)0x1234);
	EXPECT("0x0000000000000000", "%p", NULL);
	EXPECT("0xffffffff80001000", "%p", (void *)FAKE_SYM_START_KERNEL);
	EXPECT("[0x00000000000000ff  ]", "[%-20p]", (void *)0xff);
	EXPECT("[  0x00000000000000ff]", "[%20p]", (void *)0xff);
	EXPECT("0x0000000000001234 x", "%px x", (void *)0x1234);
	EXPECT("0x0000000000001234-", "%pK9-", (void *)0x1234);
	EXPECT("start_kernel+0x10/0x120",
	       "%pS", (void *)(FAKE_SYM_START_KERNEL + 0x10));
	EXPECT("start_kernel", "%ps", (void *)(FAKE_SYM_START_KERNEL + 0x10));
	EXPECT("do_page_fault+0x0/0x80", "%pS", (void *)FAKE_SYM_DO_PAGE_FAULT);
	EXPECT("do_page_fault+0x7f/0x80",
	       "%pS", (void *)(FAKE_SYM_DO_PAGE_FAULT + 0x7f));
	EXPECT("0xffffffff80002080", "%pS", (void *)(FAKE_SYM_DO_PAGE_FAULT + 0x80));
	EXPECT("0x0000000000000042", "%ps", (void *)0x42);
	EXPECT("at start_kernel+0x0/0x120.", "at %pSabc.",
	       (void *)FAKE_SYM_START_KERNEL);
	EXPECT("[do_page_fault   ]", "[%-16ps]", (void *)FAKE_SYM_DO_PAGE_FAULT);
}

/* NULL, but hidden from gcc's format checks, which reject a literal NULL. */
char *null_str;

static void test_kernel_specifics(void)
{
	char buf[16];
	int n;

	EXPECT("(null)", "%s", null_str);
	EXPECT("(nu", "%.3s", null_str);
	EXPECT("  (null)|", "%8s|", null_str);
	EXPECT("50%y", "%d%%y", 50);
	CHECK(snprintf(NULL, 0, "%d", 12345) == 5, "size 0, NULL buf: length only");
	libc_memset(buf, 'Z', sizeof(buf));
	n = snprintf(buf, 0, "abc");
	CHECK(n == 3 && buf[0] == 'Z', "size 0 writes nothing");
	n = snprintf(buf, 4, "%s", "hello");
	CHECK(n == 5 && !strcmp(buf, "hel"), "truncated: returns full length");
	n = scnprintf(buf, 4, "%s", "hello");
	CHECK(n == 3 && !strcmp(buf, "hel"), "scnprintf returns stored length");
	CHECK(scnprintf(buf, 0, "abc") == 0, "scnprintf size 0 returns 0");
	CHECK(scnprintf(buf, sizeof(buf), "hi %d", 7) == 4, "scnprintf fits");
	CHECK(snprintf(NULL, 0, "%*d", 1 << 30, 1) == 0xffff,
	      "huge width clamped to 65535");
	CHECK(snprintf(buf, (size_t)INT_MAX + 1, "x") == 0,
	      "size > INT_MAX refused (with a warning)");
}

/* Conversions the kernel does not know are copied literally. */
static void test_unknown_conversions(void)
{
	const char *fmt;
	char buf[32];

	fmt = "a%-5yb";		/* kept out of gcc's format checking */
	CHECK(snprintf(buf, sizeof(buf), fmt, 1) == 6 && !strcmp(buf, "a%-5yb"),
	      "unknown conversion copied: %s", buf);
	fmt = "abc%";
	CHECK(snprintf(buf, sizeof(buf), fmt) == 4 && !strcmp(buf, "abc%"),
	      "trailing %% copied: %s", buf);
	fmt = "abc%l";
	CHECK(snprintf(buf, sizeof(buf), fmt) == 5 && !strcmp(buf, "abc%l"),
	      "trailing %%l copied: %s", buf);
	fmt = "%5%|";
	CHECK(snprintf(buf, sizeof(buf), fmt) == 2 && !strcmp(buf, "%|"),
	      "%%5%% prints one %%: %s", buf);
}

int main(void)
{
	test_integers_vs_libc();
	test_strings_vs_libc();
	test_truncation();
	test_pointers();
	test_kernel_specifics();
	test_unknown_conversions();
	return test_exit();
}
