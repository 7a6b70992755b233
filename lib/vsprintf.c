/*
 * lib/vsprintf.c: the kernel's printf engine. C99 conversions d i u x X o c
 * s p % with flags, width, precision and length modifiers, Linux's return
 * conventions and its %pS/%ps symbol printing. Leaves out floating point,
 * %n, wide characters and Linux's other %p extensions.
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/kallsyms.h>
#include <linux/limits.h>
#include <linux/string.h>

/* Flags of one conversion. */
#define F_LEFT	0x01	/* '-': pad on the right */
#define F_ZERO	0x02	/* '0': pad numbers with zeros */
#define F_PLUS	0x04	/* '+': always print a sign */
#define F_SPACE	0x08	/* ' ': a space where '+' would be */
#define F_ALT	0x10	/* '#': 0x for hex, a leading 0 for octal */

#define MAX_FIELD	0xffff	/* larger widths/precisions are format bugs */
#define KSYM_BUF	192	/* "name+0xoff/0xsize" of %pS */

/* One parsed conversion, e.g. "%-08.3lx". */
struct spec {
	unsigned int flags;
	int width;		/* 0 if none */
	int precision;		/* -1 if none */
	char length;		/* 'H' (hh), 'h', 'l', 'L' (ll), 'z', 't', 'j' or 0 */
	char conv;		/* the conversion character */
};

/* The output: every character is counted, those that fit are stored. */
struct out {
	char *buf;
	size_t room;		/* characters buf can take (size - 1 for the NUL) */
	size_t len;		/* characters produced so far */
};

/* Emit one character: stored if there is room, counted either way. */
static void put_char(struct out *o, char c)
{
	if (o->len < o->room)
		o->buf[o->len] = c;
	o->len++;
}

/* c, n times (none if n <= 0): padding. */
static void put_repeat(struct out *o, char c, int n)
{
	while (n-- > 0)
		put_char(o, c);
}

/* The n bytes at s, NULs included. */
static void put_mem(struct out *o, const char *s, size_t n)
{
	while (n--)
		put_char(o, *s++);
}

/* ---- parsing a conversion ------------------------------------------------ */

/* Read a decimal field at *fmt, clamped to MAX_FIELD. */
static int parse_field(const char **fmt)
{
	int v = 0;

	for (; isdigit(**fmt); (*fmt)++)
		v = min(v * 10 + (**fmt - '0'), MAX_FIELD);
	return v;
}

/* Collect the flag characters "-0+ #" (any order, repeats allowed) into *flags. */
static const char *parse_flags(const char *fmt, unsigned int *flags)
{
	for (;; fmt++) {
		switch (*fmt) {
		case '-': *flags |= F_LEFT; break;
		case '0': *flags |= F_ZERO; break;
		case '+': *flags |= F_PLUS; break;
		case ' ': *flags |= F_SPACE; break;
		case '#': *flags |= F_ALT; break;
		default: return fmt;
		}
	}
}

/* Width and precision, either of which may be '*' (taken from the args). */
static const char *parse_width_precision(const char *fmt, struct spec *spec,
					 va_list *ap)
{
	if (*fmt == '*') {
		int w = va_arg(*ap, int);

		if (w < 0)
			spec->flags |= F_LEFT;
		spec->width = min(w < 0 ? -(long)w : w, (long)MAX_FIELD);
		fmt++;
	} else {
		spec->width = parse_field(&fmt);
	}
	if (*fmt != '.')
		return fmt;
	fmt++;
	if (*fmt == '*') {
		int p = va_arg(*ap, int);

		spec->precision = p < 0 ? -1 : min(p, MAX_FIELD);
		return fmt + 1;
	}
	spec->precision = parse_field(&fmt);
	return fmt;
}

/* The length modifier (hh h l ll z j t) into *length, 0 if none; returns what follows. */
static const char *parse_length(const char *fmt, char *length)
{
	*length = 0;
	if (!*fmt || !strchr("hlzjt", *fmt))
		return fmt;
	*length = *fmt++;
	if (*length == 'h' && *fmt == 'h')
		*length = 'H', fmt++;
	else if (*length == 'l' && *fmt == 'l')
		*length = 'L', fmt++;
	return fmt;
}

/*
 * Parse the conversion after a '%'; width and precision given as '*' are
 * fetched from ap. Returns a pointer to the conversion character (which
 * may be the terminating NUL of a truncated format).
 */
static const char *parse_spec(const char *fmt, struct spec *spec, va_list *ap)
{
	spec->flags = 0;
	spec->precision = -1;
	fmt = parse_flags(fmt, &spec->flags);
	fmt = parse_width_precision(fmt, spec, ap);
	fmt = parse_length(fmt, &spec->length);
	spec->conv = *fmt;
	return fmt;
}

/* ---- numbers --------------------------------------------------------------- */

/*
 * The next argument of a signed conversion, of the type length names;
 * char and short arrive promoted to int and are narrowed back (as C99 says).
 */
static long long fetch_signed(va_list *ap, char length)
{
	switch (length) {
	case 'H': return (signed char)va_arg(*ap, int);
	case 'h': return (short)va_arg(*ap, int);
	case 'l': return va_arg(*ap, long);
	case 'L': return va_arg(*ap, long long);
	case 'z': return va_arg(*ap, ssize_t);
	case 't': return va_arg(*ap, ptrdiff_t);
	case 'j': return va_arg(*ap, intmax_t);
	default: return va_arg(*ap, int);
	}
}

/* The unsigned counterpart of fetch_signed (u, x, X, o). */
static unsigned long long fetch_unsigned(va_list *ap, char length)
{
	switch (length) {
	case 'H': return (unsigned char)va_arg(*ap, unsigned int);
	case 'h': return (unsigned short)va_arg(*ap, unsigned int);
	case 'l': return va_arg(*ap, unsigned long);
	case 'L': return va_arg(*ap, unsigned long long);
	case 'z': return va_arg(*ap, size_t);
	case 't': return (size_t)va_arg(*ap, ptrdiff_t);
	case 'j': return va_arg(*ap, uintmax_t);
	default: return va_arg(*ap, unsigned int);
	}
}

/* Digits of num in base, least significant first; returns their count. */
static int number_digits(char *tmp, unsigned long long num, unsigned int base,
			 bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	do {
		tmp[n++] = digits[num % base];
		num /= base;
	} while (num);
	return n;
}

/*
 * Print num (already made non-negative) with an optional sign character,
 * following C99: precision is a minimum digit count (".0" prints nothing
 * for 0), '#' adds 0x/0X to non-zero hex and a leading 0 to octal, '0'
 * pads with zeros unless a precision or '-' is given.
 */
static void put_number(struct out *o, unsigned long long num, char sign,
		       unsigned int base, const struct spec *spec)
{
	char tmp[24];		/* 64 bits in octal take 22 digits */
	const char *prefix = "";
	int n, zeros, len;

	n = number_digits(tmp, num, base, spec->conv == 'X');
	if (num == 0 && spec->precision == 0)
		n = 0;
	zeros = max(spec->precision - n, 0);
	if ((spec->flags & F_ALT) && base == 16 && num)
		prefix = spec->conv == 'X' ? "0X" : "0x";
	if ((spec->flags & F_ALT) && base == 8 && !zeros && !(n && num == 0))
		zeros = 1;
	len = !!sign + (int)strlen(prefix) + zeros + n;
	if ((spec->flags & (F_ZERO | F_LEFT)) == F_ZERO && spec->precision < 0) {
		zeros += max(spec->width - len, 0);
		len = max(spec->width, len);
	}
	if (!(spec->flags & F_LEFT))
		put_repeat(o, ' ', spec->width - len);
	if (sign)
		put_char(o, sign);
	put_mem(o, prefix, strlen(prefix));
	put_repeat(o, '0', zeros);
	while (n)
		put_char(o, tmp[--n]);
	if (spec->flags & F_LEFT)
		put_repeat(o, ' ', spec->width - len);
}

/* %d / %i: the sign ('-', or '+' / ' ' if the flags ask), then the magnitude. */
static void put_signed(struct out *o, long long v, const struct spec *spec)
{
	char sign = 0;
	unsigned long long mag = v;

	if (v < 0) {
		sign = '-';
		mag = -mag;	/* well defined for LLONG_MIN too */
	} else if (spec->flags & F_PLUS) {
		sign = '+';
	} else if (spec->flags & F_SPACE) {
		sign = ' ';
	}
	put_number(o, mag, sign, 10, spec);
}

/* ---- strings and pointers ---------------------------------------------- */

/* n bytes of s, padded to the field width (precision already applied). */
static void put_padded(struct out *o, const char *s, size_t n,
		       const struct spec *spec)
{
	int pad = spec->width > (long)n ? spec->width - (int)n : 0;

	if (!(spec->flags & F_LEFT))
		put_repeat(o, ' ', pad);
	put_mem(o, s, n);
	if (spec->flags & F_LEFT)
		put_repeat(o, ' ', pad);
}

/* %s: NULL prints "(null)"; a precision limits the bytes read from s. */
static void put_string(struct out *o, const char *s, const struct spec *spec)
{
	size_t max = spec->precision < 0 ? SIZE_MAX : (size_t)spec->precision;

	if (!s)
		s = "(null)";
	put_padded(o, s, strnlen(s, max), spec);
}

/*
 * Linux's %pS ("name+0xoff/0xsize") and %ps ("name") into tmp; an address
 * no symbol contains prints as a plain %p would.
 */
static void format_symbol(char *tmp, size_t size, unsigned long addr,
			  bool full)
{
	unsigned long symsize, offset;
	const char *name = kallsyms_lookup(addr, &symsize, &offset);

	if (!name)
		snprintf(tmp, size, "0x%016lx", addr);
	else if (full)
		snprintf(tmp, size, "%s+0x%lx/0x%lx", name, offset, symsize);
	else
		snprintf(tmp, size, "%s", name);
}

/*
 * %p and its extensions: fmt points just after the 'p'. Plain %p prints
 * 0x and 16 hex digits. As in Linux, all letters and digits following %p
 * belong to the conversion. Returns the format position after them.
 */
static const char *put_pointer(struct out *o, const char *fmt, void *ptr,
			       const struct spec *spec)
{
	char tmp[KSYM_BUF];
	struct spec s = *spec;

	if (*fmt == 'S' || *fmt == 's')
		format_symbol(tmp, sizeof(tmp), (unsigned long)ptr, *fmt == 'S');
	else
		snprintf(tmp, sizeof(tmp), "0x%016lx", (unsigned long)ptr);
	s.precision = -1;
	put_string(o, tmp, &s);
	while (isalnum(*fmt))
		fmt++;
	return fmt;
}

/* ---- the engine ------------------------------------------------------------ */

/*
 * Print one conversion whose character fmt points at, taking its argument
 * from ap. Returns the format position after it, or NULL if the conversion
 * is unknown (nothing was printed and no argument was taken).
 */
static const char *put_conversion(struct out *o, const char *fmt,
				  const struct spec *spec, va_list *ap)
{
	switch (*fmt++) {
	case 'd':
	case 'i':
		put_signed(o, fetch_signed(ap, spec->length), spec);
		break;
	case 'u':
		put_number(o, fetch_unsigned(ap, spec->length), 0, 10, spec);
		break;
	case 'x':
	case 'X':
		put_number(o, fetch_unsigned(ap, spec->length), 0, 16, spec);
		break;
	case 'o':
		put_number(o, fetch_unsigned(ap, spec->length), 0, 8, spec);
		break;
	case 'c': {
		char c = (char)va_arg(*ap, int);

		put_padded(o, &c, 1, spec);
		break;
	}
	case 's':
		put_string(o, va_arg(*ap, const char *), spec);
		break;
	case 'p':
		return put_pointer(o, fmt, va_arg(*ap, void *), spec);
	case '%':
		put_char(o, '%');
		break;
	default:
		return NULL;
	}
	return fmt;
}

/*
 * Format into buf of size bytes. Returns the length the whole output has
 * (not counting the NUL), even when it did not fit; buf is always
 * NUL-terminated if size > 0 and untouched if size == 0. Unknown
 * conversions are copied literally. Any context; no locks.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size ? size - 1 : 0, 0 };
	struct spec spec;
	va_list args;

	if (WARN_ON_ONCE(size > INT_MAX))
		return 0;
	va_copy(args, ap);
	while (*fmt) {
		const char *start = fmt, *next;

		if (*fmt != '%') {
			put_char(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &spec, &args);
		next = put_conversion(&o, fmt, &spec, &args);
		if (!next) {
			next = *fmt ? fmt + 1 : fmt;
			put_mem(&o, start, next - start);
		}
		fmt = next;
	}
	va_end(args);
	if (size)
		buf[min(o.len, size - 1)] = '\0';
	return min(o.len, (size_t)INT_MAX);
}

/* vsnprintf with the arguments inline: the full length, even if cut. */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/*
 * Like vsnprintf, but returns the number of characters actually stored
 * (without the NUL): 0 when size is 0, at most size - 1.
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = vsnprintf(buf, size, fmt, ap);

	if (!size)
		return 0;
	return (size_t)n < size ? n : (int)(size - 1);
}

/* vscnprintf with the arguments inline: the characters stored. */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
