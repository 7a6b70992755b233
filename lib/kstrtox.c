/*
 * lib/kstrtox.c: strict string-to-number conversion (Linux's kstrto* rules:
 * optional '+', base 0 detects "0x"/"0", one trailing '\n' allowed, nothing
 * else) and memparse for sizes such as "64M". No 8/16-bit variants.
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/string.h>

/* Value of the digit c, or 16 (larger than any base we accept). */
static unsigned int digit_value(char c)
{
	if (isdigit(c))
		return c - '0';
	if (isxdigit(c))
		return tolower(c) - 'a' + 10;
	return 16;
}

/*
 * Work out the base: 0 means "0x" -> 16, leading "0" -> 8, else 10; an
 * explicit base 16 also accepts a "0x" prefix. Returns the first digit.
 */
static const char *fixup_base(const char *s, unsigned int *base)
{
	bool hex_prefix = s[0] == '0' && tolower(s[1]) == 'x';

	if (*base == 0) {
		if (hex_prefix && isxdigit(s[2]))
			*base = 16;
		else
			*base = s[0] == '0' ? 8 : 10;
	}
	if (*base == 16 && hex_prefix)
		s += 2;
	return s;
}

/*
 * Parse digits of base from s into *res, stopping at the first non-digit.
 * Returns the end of the digits; *overflow tells if the value did not fit
 * (*res is then ULLONG_MAX).
 */
static const char *parse_digits(const char *s, unsigned int base,
				unsigned long long *res, bool *overflow)
{
	unsigned long long v = 0;
	unsigned int d;

	*overflow = false;
	for (; (d = digit_value(*s)) < base; s++) {
		if (v > (ULLONG_MAX - d) / base)
			*overflow = true;
		v = *overflow ? ULLONG_MAX : v * base + d;
	}
	*res = v;
	return s;
}

/*
 * Unsigned core of the kstrto* family: 0, -EINVAL or -ERANGE (checked
 * before trailing junk, as Linux does). *res is garbage on error.
 */
static int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	const char *end;
	bool overflow;

	if (base == 1 || base > 16)
		return -EINVAL;
	if (*s == '+')
		s++;
	s = fixup_base(s, &base);
	end = parse_digits(s, base, res, &overflow);
	if (end == s)
		return -EINVAL;
	if (overflow)
		return -ERANGE;
	if (*end == '\n')
		end++;
	return *end ? -EINVAL : 0;
}

/* Signed core: an optional '-' then kstrtoull, range-checked. */
static int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long v;
	bool neg = *s == '-';
	int err;

	if (neg && s[1] == '+')
		return -EINVAL;		/* "-+5" */
	err = kstrtoull(s + neg, base, &v);
	if (err)
		return err;
	if (v > (unsigned long long)LLONG_MAX + neg)
		return -ERANGE;
	*res = neg ? -v : v;
	return 0;
}

/* Convert s to an unsigned long; *res is untouched on error. */
int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v > ULONG_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

/* Convert s to a long; *res is untouched on error. */
int kstrtol(const char *s, unsigned int base, long *res)
{
	long long v;
	int err = kstrtoll(s, base, &v);

	if (err)
		return err;
	if (v < LONG_MIN || v > LONG_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

/* Convert s to an unsigned int: 0, -EINVAL, -ERANGE; *res untouched on error. */
int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v > UINT_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

/* Convert s to an int: 0, -EINVAL, -ERANGE; *res untouched on error. */
int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long v;
	int err = kstrtoll(s, base, &v);

	if (err)
		return err;
	if (v < INT_MIN || v > INT_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

/*
 * "y", "Y", "1", "on" -> true; "n", "N", "0", "off" -> false, judged on the
 * first one or two characters as Linux does ("yes" is true). Else -EINVAL.
 */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (tolower(s[0])) {
	case 'y':
	case '1':
		*res = true;
		return 0;
	case 'n':
	case '0':
		*res = false;
		return 0;
	case 'o':
		if (tolower(s[1]) == 'n' || tolower(s[1]) == 'f') {
			*res = tolower(s[1]) == 'n';
			return 0;
		}
		break;
	}
	return -EINVAL;
}

/*
 * Parse a size: a number in any base-0 notation, then an optional suffix
 * K, M, G, T, P or E (any case, powers of 1024). *retptr (if not NULL) is
 * set just after what was used. No digits gives 0 with *retptr = s;
 * values that do not fit saturate at ~0ULL.
 */
unsigned long long memparse(const char *s, char **retptr)
{
	static const char suffixes[] = "kmgtpe";
	unsigned long long v;
	unsigned int base = 0, shift;
	const char *start = s, *sfx;
	bool overflow;

	s = fixup_base(s, &base);
	s = parse_digits(s, base, &v, &overflow);
	if (s == start) {
		if (retptr)
			*retptr = (char *)start;
		return 0;
	}
	sfx = *s ? strchr(suffixes, tolower(*s)) : NULL;
	if (sfx) {
		shift = 10 * (sfx - suffixes + 1);
		v = v > (ULLONG_MAX >> shift) ? ULLONG_MAX : v << shift;
		s++;
	}
	if (retptr)
		*retptr = (char *)s;
	return v;
}
