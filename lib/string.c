/*
 * lib/string.c: the kernel's memory and string functions (C99 / BSD
 * semantics, as declared in <linux/string.h>). memcpy, memmove and memset go
 * a word at a time when alignment allows; the rest are plain byte loops.
 * Leaves out locales, wide characters and anything that allocates (no
 * strdup). Any context: nothing here locks or sleeps.
 */
#include <linux/string.h>

#define WORD_SIZE	sizeof(unsigned long)
#define WORD_MASK	(WORD_SIZE - 1)

/* A word that may alias any other type (the buffers are of any type). */
typedef unsigned long __attribute__((may_alias)) word_t;

/*
 * Word accesses are only made on aligned addresses: the U74 cores trap on
 * misaligned loads and stores, and the trap handler emulating them is slow.
 */
static inline bool word_aligned(const void *p)
{
	return ((uintptr_t)p & WORD_MASK) == 0;
}

/*
 * Fill n bytes at s with the byte c. Pages are cleared with this, so the
 * aligned middle part is written a word (unrolled eight times) at a time.
 */
void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;
	word_t pattern = (unsigned char)c * (~0UL / 0xff);	/* c in every byte */

	while (n && !word_aligned(p)) {
		*p++ = (unsigned char)c;
		n--;
	}
	for (; n >= 8 * WORD_SIZE; n -= 8 * WORD_SIZE, p += 8 * WORD_SIZE) {
		word_t *w = (word_t *)p;	/* 8 stores a turn: a page clear is 64 turns */

		w[0] = pattern;
		w[1] = pattern;
		w[2] = pattern;
		w[3] = pattern;
		w[4] = pattern;
		w[5] = pattern;
		w[6] = pattern;
		w[7] = pattern;
	}
	for (; n >= WORD_SIZE; n -= WORD_SIZE, p += WORD_SIZE)
		*(word_t *)p = pattern;
	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

/*
 * Copy n bytes forward. When dst and src share their misalignment, the
 * bytes up to the first word boundary go one by one and the rest by words
 * (unrolled eight times: page copies dominate). Forward order makes this
 * safe for overlapping buffers with dst < src, which memmove relies on.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((((uintptr_t)d ^ (uintptr_t)s) & WORD_MASK) == 0) {
		while (n && !word_aligned(d)) {
			*d++ = *s++;
			n--;
		}
		/* 8 words a round: the loop's own instructions are a small share */
		for (; n >= 8 * WORD_SIZE; n -= 8 * WORD_SIZE) {
			word_t *wd = (word_t *)d;
			const word_t *ws = (const word_t *)s;
			word_t a = ws[0], b = ws[1], c = ws[2], e = ws[3];
			word_t f = ws[4], g = ws[5], h = ws[6], i = ws[7];

			wd[0] = a;
			wd[1] = b;
			wd[2] = c;
			wd[3] = e;
			wd[4] = f;
			wd[5] = g;
			wd[6] = h;
			wd[7] = i;
			d += 8 * WORD_SIZE;
			s += 8 * WORD_SIZE;
		}
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			*(word_t *)d = *(const word_t *)s;
			d += WORD_SIZE;
			s += WORD_SIZE;
		}
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

/* Copy n bytes backward, from the end; for overlaps with dst > src. */
static void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
	d += n;
	s += n;
	if ((((uintptr_t)d ^ (uintptr_t)s) & WORD_MASK) == 0) {
		while (n && !word_aligned(d)) {
			*--d = *--s;
			n--;
		}
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			d -= WORD_SIZE;
			s -= WORD_SIZE;
			*(word_t *)d = *(const word_t *)s;
		}
	}
	while (n--)
		*--d = *--s;
}

/* Copy n bytes between buffers that may overlap. */
void *memmove(void *dst, const void *src, size_t n)
{
	uintptr_t d = (uintptr_t)dst, s = (uintptr_t)src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	copy_backward(dst, src, n);
	return dst;
}

/* Compare n bytes as unsigned chars: <0, 0 or >0. */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

/* First byte equal to (unsigned char)c among the first n, or NULL. */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

/* Length of s, but looks at no more than max bytes. */
size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/* Compare as unsigned chars, like memcmp. */
int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

/* strcmp over at most n bytes. */
int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
		if (!*p)
			break;
	}
	return 0;
}

/* First occurrence of (char)c in s; c == 0 finds the terminator. */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

/* Last occurrence of (char)c in s; c == 0 finds the terminator. */
char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

/* First occurrence of needle n in haystack h; an empty needle matches h. */
char *strstr(const char *h, const char *n)
{
	size_t len = strlen(n);

	if (!len)
		return (char *)h;
	for (; *h; h++)
		if (*h == *n && !strncmp(h, n, len))
			return (char *)h;
	return NULL;
}

/*
 * Copy src into dst of size bytes, truncating, always NUL-terminated when
 * size > 0. Returns strlen(src): truncation happened if that is >= size.
 */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/*
 * Append src to the string in dst of size bytes, truncating, always
 * NUL-terminated. Returns the length it tried to create (BSD semantics: if
 * dst holds no NUL within size, that is size + strlen(src) and dst is left
 * alone).
 */
size_t strlcat(char *dst, const char *src, size_t size)
{
	size_t dlen = strnlen(dst, size);

	if (dlen == size)
		return size + strlen(src);
	return dlen + strlcpy(dst + dlen, src, size - dlen);
}

/*
 * Split off the first token of *s, ending at any byte of delim, which is
 * overwritten by a NUL; *s moves past it (NULL after the last token).
 * Returns the token, or NULL if *s was NULL. Empty tokens are returned.
 */
char *strsep(char **s, const char *delim)
{
	char *tok = *s, *end;

	if (!tok)
		return NULL;
	end = tok + strcspn(tok, delim);
	if (*end) {
		*end = '\0';
		*s = end + 1;
	} else {
		*s = NULL;
	}
	return tok;
}

/* Length of the prefix of s made only of bytes in accept. */
size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

/* Length of the prefix of s made only of bytes not in reject. */
size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}
