/*
 * Host test of lib/kstrtox.c (kstrto*, kstrtobool, memparse) with tables of
 * Linux-semantics cases and random round trips through libc's printf, and
 * of <linux/ctype.h> against libc's C-locale classes.
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/string.h>
#include "test.h"
#include "libc_ctype.h"

#define SENTINEL 0x5a5a

/* s with '\n' shown as "\n", so each check stays on one output line. */
static const char *esc(const char *s)
{
	static char buf[64];
	size_t n = 0;

	for (; *s && n + 3 < sizeof(buf); s++) {
		if (*s == '\n') {
			buf[n++] = '\\';
			buf[n++] = 'n';
		} else {
			buf[n++] = *s;
		}
	}
	buf[n] = '\0';
	return buf;
}

struct ul_case {
	const char *s;
	unsigned int base;
	int err;
	unsigned long val;
};

static const struct ul_case ul_cases[] = {
	{ "0", 10, 0, 0 }, { "123", 10, 0, 123 }, { "123\n", 10, 0, 123 },
	{ "123\n\n", 10, -EINVAL, 0 }, { "123 ", 10, -EINVAL, 0 },
	{ " 123", 10, -EINVAL, 0 }, { "", 10, -EINVAL, 0 }, { "\n", 10, -EINVAL, 0 },
	{ "+7", 10, 0, 7 }, { "-7", 10, -EINVAL, 0 }, { "++7", 10, -EINVAL, 0 },
	{ "0x1f", 0, 0, 31 }, { "0X1F", 0, 0, 31 }, { "0x1f", 16, 0, 31 },
	{ "1f", 16, 0, 31 }, { "1f", 10, -EINVAL, 0 }, { "0x1f", 10, -EINVAL, 0 },
	{ "0x", 0, -EINVAL, 0 }, { "0x", 16, -EINVAL, 0 }, { "0xg", 0, -EINVAL, 0 },
	{ "077", 0, 0, 63 }, { "08", 0, -EINVAL, 0 }, { "0", 0, 0, 0 },
	{ "077", 10, 0, 77 }, { "77", 8, 0, 63 }, { "101", 2, 0, 5 },
	{ "102", 2, -EINVAL, 0 }, { "5", 1, -EINVAL, 0 }, { "5", 17, -EINVAL, 0 },
	{ "18446744073709551615", 10, 0, ULONG_MAX },
	{ "18446744073709551616", 10, -ERANGE, 0 },
	{ "0xffffffffffffffff", 0, 0, ULONG_MAX },
	{ "0x10000000000000000", 0, -ERANGE, 0 },
	{ "01777777777777777777777", 0, 0, ULONG_MAX },
	{ "02000000000000000000000", 0, -ERANGE, 0 },
	{ "99999999999999999999999", 10, -ERANGE, 0 },
	{ "99999999999999999999999x", 10, -ERANGE, 0 },	/* Linux: range first */
};

struct l_case {
	const char *s;
	unsigned int base;
	int err;
	long val;
};

static const struct l_case l_cases[] = {
	{ "-9223372036854775808", 10, 0, LONG_MIN },
	{ "-9223372036854775809", 10, -ERANGE, 0 },
	{ "9223372036854775807", 10, 0, LONG_MAX },
	{ "9223372036854775808", 10, -ERANGE, 0 },
	{ "-0", 10, 0, 0 }, { "-", 10, -EINVAL, 0 }, { "--1", 10, -EINVAL, 0 },
	{ "-+1", 10, -EINVAL, 0 }, { "+-1", 10, -EINVAL, 0 }, { "-0x10", 0, 0, -16 },
	{ "-12\n", 10, 0, -12 }, { "+12", 10, 0, 12 }, { "-1 ", 10, -EINVAL, 0 },
};

static void test_kstrtoul_table(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ul_cases); i++) {
		const struct ul_case *c = &ul_cases[i];
		unsigned long v = SENTINEL;
		int err = kstrtoul(c->s, c->base, &v);

		CHECK(err == c->err && v == (c->err ? SENTINEL : c->val),
		      "kstrtoul(\"%s\", %u) = %d, %lu", esc(c->s), c->base, err, v);
	}
}

static void test_kstrtol_table(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(l_cases); i++) {
		const struct l_case *c = &l_cases[i];
		long v = SENTINEL;
		int err = kstrtol(c->s, c->base, &v);

		CHECK(err == c->err && v == (c->err ? SENTINEL : c->val),
		      "kstrtol(\"%s\", %u) = %d, %ld", esc(c->s), c->base, err, v);
	}
}

static void test_int_ranges(void)
{
	unsigned int u = SENTINEL;
	int v = SENTINEL;

	CHECK(!kstrtoint("2147483647", 10, &v) && v == INT_MAX, "kstrtoint INT_MAX");
	CHECK(!kstrtoint("-2147483648", 10, &v) && v == INT_MIN, "kstrtoint INT_MIN");
	v = SENTINEL;
	CHECK(kstrtoint("2147483648", 10, &v) == -ERANGE && v == SENTINEL,
	      "kstrtoint INT_MAX + 1 -> -ERANGE");
	CHECK(kstrtoint("-2147483649", 10, &v) == -ERANGE, "kstrtoint INT_MIN - 1");
	CHECK(kstrtoint("0x7f", 0, &v) == 0 && v == 127, "kstrtoint base 0");
	CHECK(kstrtoint("12a", 10, &v) == -EINVAL, "kstrtoint junk");
	CHECK(!kstrtouint("4294967295", 10, &u) && u == UINT_MAX, "kstrtouint UINT_MAX");
	u = SENTINEL;
	CHECK(kstrtouint("4294967296", 10, &u) == -ERANGE && u == SENTINEL,
	      "kstrtouint UINT_MAX + 1 -> -ERANGE");
	CHECK(kstrtouint("-1", 10, &u) == -EINVAL, "kstrtouint -1 -> -EINVAL");
}

static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

static unsigned long long rnd64(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Random values of every magnitude printed by libc and parsed back. */
static void test_round_trips(void)
{
	static const char *const fmts[] = { "%llu", "%#llx", "%#llo", "%llx", "%llo" };
	static const unsigned int bases[] = { 10, 0, 0, 16, 8 };
	unsigned int i, f, bad = 0;
	char buf[40];

	for (i = 0; i < 4000; i++) {
		unsigned long long x = rnd64() >> (rnd64() % 64);
		unsigned long u;
		long l;

		for (f = 0; f < ARRAY_SIZE(fmts); f++) {
			libc_snprintf(buf, sizeof(buf), fmts[f], x);
			bad += kstrtoul(buf, bases[f], &u) != 0 || u != x;
		}
		libc_snprintf(buf, sizeof(buf), "%lld", (long long)x);
		bad += kstrtol(buf, 10, &l) != 0 || l != (long)x;
	}
	CHECK(bad == 0, "4000 random values round-trip through libc printf");
}

static void test_kstrtobool(void)
{
	static const char *const yes[] = { "y", "Y", "1", "yes", "on", "ON", "oN\n" };
	static const char *const no[] = { "n", "N", "0", "no", "off", "OFF", "of" };
	static const char *const bad[] = { "", "o", "x", "2", "true", " y" };
	unsigned int i;
	bool b;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		b = false;
		CHECK(kstrtobool(yes[i], &b) == 0 && b, "kstrtobool(\"%s\") = true", esc(yes[i]));
	}
	for (i = 0; i < ARRAY_SIZE(no); i++) {
		b = true;
		CHECK(kstrtobool(no[i], &b) == 0 && !b, "kstrtobool(\"%s\") = false", no[i]);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		CHECK(kstrtobool(bad[i], &b) == -EINVAL, "kstrtobool(\"%s\") = -EINVAL", bad[i]);
	CHECK(kstrtobool(NULL, &b) == -EINVAL, "kstrtobool(NULL) = -EINVAL");
}

static void test_memparse(void)
{
	static const struct {
		const char *s;
		unsigned long long val;
		int used;		/* characters consumed */
	} cases[] = {
		{ "4096", 4096, 4 }, { "64M", 64ULL << 20, 3 }, { "64m", 64ULL << 20, 3 },
		{ "1G", 1ULL << 30, 2 }, { "2t", 2ULL << 40, 2 }, { "1k", 1024, 2 },
		{ "3P", 3ULL << 50, 2 }, { "1E", 1ULL << 60, 2 }, { "0x1000", 4096, 6 },
		{ "0x10k", 16 << 10, 5 }, { "010", 8, 3 }, { "12X", 12, 2 },
		{ "64M rest", 64ULL << 20, 3 }, { "abc", 0, 0 }, { "", 0, 0 },
		{ "16E", ULLONG_MAX, 3 }, { "99999999999999999999", ULLONG_MAX, 20 },
		{ "0x", 0, 1 }, { "-5", 0, 0 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *end = NULL;
		unsigned long long v = memparse(cases[i].s, &end);

		CHECK(v == cases[i].val && end == cases[i].s + cases[i].used,
		      "memparse(\"%s\") = %llu, used %d", cases[i].s, v,
		      end ? (int)(end - cases[i].s) : -1);
	}
	CHECK(memparse("2M", NULL) == 2 << 20, "memparse with retptr NULL");
}

static void test_ctype(void)
{
	static int (*const fns[CT_COUNT])(int) = {
		[CT_DIGIT] = isdigit, [CT_XDIGIT] = isxdigit, [CT_SPACE] = isspace,
		[CT_ALPHA] = isalpha, [CT_ALNUM] = isalnum, [CT_UPPER] = isupper,
		[CT_LOWER] = islower, [CT_PRINT] = isprint,
		[CT_TOLOWER] = tolower, [CT_TOUPPER] = toupper,
	};
	unsigned int bad = 0;
	int fn, c;

	for (fn = 0; fn < CT_COUNT; fn++)
		for (c = -1; c <= 255; c++) {
			int mine = fns[fn](c), ref = libc_ctype(fn, c);

			if (fn < CT_TOLOWER)
				mine = !!mine;
			bad += mine != ref;
		}
	CHECK(bad == 0, "ctype: 10 functions match libc's C locale for EOF and 0..255");
}

int main(void)
{
	test_kstrtoul_table();
	test_kstrtol_table();
	test_int_ranges();
	test_round_trips();
	test_kstrtobool();
	test_memparse();
	test_ctype();
	return test_exit();
}
