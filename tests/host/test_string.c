/*
 * Host test of lib/string.c against the host libc on random inputs at
 * every alignment (0..15) and length (0..300). host_rename.h is
 * force-included: memcpy here is the kernel's, libc_memcpy the host's.
 * Sources sit at the end of exact-size heap blocks so ASan sees overreads.
 * strlcpy/strlcat (not in this glibc) are checked against their definition.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include "test.h"

#define MAXLEN	300
#define MAXOFF	16
#define BUFLEN	(MAXOFF + MAXLEN + MAXOFF)

static unsigned long long rng = 0x2545f4914f6cdd1dULL;

/* xorshift64: reproducible pseudo-random numbers. */
static unsigned int rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng >> 32;
}

static void fill_random(unsigned char *p, size_t n)
{
	while (n--)
		*p++ = rnd();
}

/* A random NUL-terminated string of len bytes from a small alphabet (so
 * that searches hit), with high-bit bytes to catch signed comparisons. */
static void random_string(char *s, size_t len)
{
	static const char alphabet[] = "abca\x80\xff";

	while (len--)
		*s++ = alphabet[rnd() % (sizeof(alphabet) - 1)];
	*s = '\0';
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void test_memcpy(void)
{
	unsigned char pristine[BUFLEN], mine[BUFLEN], ref[BUFLEN];
	unsigned int so, dof, len, bad = 0;

	fill_random(pristine, BUFLEN);
	for (so = 0; so < MAXOFF; so++)
	for (dof = 0; dof < MAXOFF; dof++)
	for (len = 0; len <= MAXLEN; len++) {
		unsigned char *src = malloc(so + len);

		fill_random(src, so + len);
		libc_memcpy(mine, pristine, BUFLEN);
		libc_memcpy(ref, pristine, BUFLEN);
		bad += memcpy(mine + dof, src + so, len) != mine + dof;
		libc_memcpy(ref + dof, src + so, len);
		bad += libc_memcmp(mine, ref, BUFLEN) != 0;
		free(src);
	}
	CHECK(bad == 0, "memcpy: all src/dst alignments 0..15, lengths 0..300");
}

static void test_memmove(void)
{
	unsigned char pristine[BUFLEN], mine[BUFLEN], ref[BUFLEN];
	unsigned int so, dof, len, bad = 0;

	fill_random(pristine, BUFLEN);
	for (so = 0; so < 2 * MAXOFF; so += so < MAXOFF ? 1 : 3)
	for (dof = 0; dof < 2 * MAXOFF; dof += dof < MAXOFF ? 1 : 3)
	for (len = 0; len + max(so, dof) <= BUFLEN && len <= MAXLEN; len++) {
		libc_memcpy(mine, pristine, BUFLEN);
		libc_memcpy(ref, pristine, BUFLEN);
		bad += memmove(mine + dof, mine + so, len) != mine + dof;
		libc_memmove(ref + dof, ref + so, len);
		bad += libc_memcmp(mine, ref, BUFLEN) != 0;
	}
	CHECK(bad == 0, "memmove: overlapping both ways, all alignments, lengths 0..300");
}

static void test_memset(void)
{
	static const int values[] = { 0, 0xff, 0x5a, 0x180, -1, -128 };
	unsigned char pristine[BUFLEN], mine[BUFLEN], ref[BUFLEN];
	unsigned int off, len, v, bad = 0;

	fill_random(pristine, BUFLEN);
	for (v = 0; v < ARRAY_SIZE(values); v++)
	for (off = 0; off < MAXOFF; off++)
	for (len = 0; len <= MAXLEN; len++) {
		libc_memcpy(mine, pristine, BUFLEN);
		libc_memcpy(ref, pristine, BUFLEN);
		bad += memset(mine + off, values[v], len) != mine + off;
		libc_memset(ref + off, values[v], len);
		bad += libc_memcmp(mine, ref, BUFLEN) != 0;
	}
	CHECK(bad == 0, "memset: all alignments, lengths 0..300, byte values");
}

static void test_memcmp_memchr(void)
{
	static const int needles[] = { 1, 0x80, 0xff, -1, 0x180, 0, 7 };
	unsigned char a[BUFLEN], b[BUFLEN];
	unsigned int oa, ob, len, i, bad = 0;

	for (oa = 0; oa < 8; oa++)
	for (ob = 0; ob < 8; ob++)
	for (len = 0; len <= MAXLEN; len++) {
		size_t diff = rnd() % (len + 1);

		fill_random(a + oa, len);
		libc_memcpy(b + ob, a + oa, len);
		if (diff < len)
			b[ob + diff] = rnd();
		bad += sign(memcmp(a + oa, b + ob, len)) !=
		       sign(libc_memcmp(a + oa, b + ob, len));
		for (i = 0; i < len; i++)	/* few distinct bytes: hits */
			a[oa + i] = "\x01\x02\x80\xff\x00"[rnd() % 5];
		for (i = 0; i < ARRAY_SIZE(needles); i++)
			bad += memchr(a + oa, needles[i], len) !=
			       libc_memchr(a + oa, needles[i], len);
	}
	CHECK(bad == 0, "memcmp (sign) and memchr: alignments 0..7, lengths 0..300");
}

/* strlen, strnlen, strchr, strrchr, strspn, strcspn on one string. */
static unsigned int check_scans(const char *s, size_t len)
{
	static const int chars[] = { 'a', 'c', 0x80, 0xff, -1, 'z', 0, 'a' + 256 };
	static const char *const sets[] = { "", "a", "ab", "\x80" "c", "abc\x80\xff", "z" };
	size_t maxes[] = { 0, len / 2, len, len + 1, SIZE_MAX };
	unsigned int i, bad = 0;

	bad += strlen(s) != libc_strlen(s);
	for (i = 0; i < ARRAY_SIZE(maxes); i++)
		bad += strnlen(s, maxes[i]) != libc_strnlen(s, maxes[i]);
	for (i = 0; i < ARRAY_SIZE(chars); i++) {
		bad += strchr(s, chars[i]) != libc_strchr(s, chars[i]);
		bad += strrchr(s, chars[i]) != libc_strrchr(s, chars[i]);
	}
	for (i = 0; i < ARRAY_SIZE(sets); i++) {
		bad += strspn(s, sets[i]) != libc_strspn(s, sets[i]);
		bad += strcspn(s, sets[i]) != libc_strcspn(s, sets[i]);
	}
	return bad;
}

/* strcmp, strncmp against a mutated copy t of s. */
static unsigned int check_compares(const char *s, char *t, size_t len)
{
	size_t pos = rnd() % (len + 1), ns[] = { 0, pos, pos + 1, len + 5 };
	unsigned int i, bad = 0;

	switch (rnd() % 3) {
	case 0:		/* change a byte */
		if (pos < len)
			t[pos] = "a\x80\xff"[rnd() % 3];
		break;
	case 1:		/* cut t short */
		t[pos] = '\0';
		break;
	}
	bad += sign(strcmp(s, t)) != sign(libc_strcmp(s, t));
	bad += sign(strcmp(t, s)) != sign(libc_strcmp(t, s));
	for (i = 0; i < ARRAY_SIZE(ns); i++)
		bad += sign(strncmp(s, t, ns[i])) != sign(libc_strncmp(s, t, ns[i]));
	return bad;
}

/* strstr with needles cut from s, random ones and the empty one. */
static unsigned int check_strstr(const char *s, size_t len)
{
	char needle[8];
	unsigned int i, bad = 0;

	for (i = 0; i < 6; i++) {
		size_t n = rnd() % 6;

		if (i < 3 && n <= len) {
			libc_memcpy(needle, s + rnd() % (len - n + 1), n);
			needle[n] = '\0';
		} else {
			random_string(needle, n);
		}
		bad += strstr(s, needle) != libc_strstr(s, needle);
	}
	return bad;
}

/* strsep over two copies of s with the same delimiters, token by token. */
static unsigned int check_strsep(const char *s, size_t len)
{
	static const char *const delims[] = { "a", "b\x80", "", "\xff" "c" };
	const char *delim = delims[rnd() % ARRAY_SIZE(delims)];
	char *a = malloc(len + 1), *b = malloc(len + 1), *pa = a, *pb = b;
	unsigned int bad = 0;

	libc_memcpy(a, s, len + 1);
	libc_memcpy(b, s, len + 1);
	while (pa || pb) {
		char *ta = strsep(&pa, delim), *tb = libc_strsep(&pb, delim);

		bad += (ta ? ta - a : -1) != (tb ? tb - b : -1);
		bad += (pa ? pa - a : -1) != (pb ? pb - b : -1);
		if (bad)
			break;
	}
	bad += libc_memcmp(a, b, len + 1) != 0;
	bad += strsep(&pa, delim) != NULL;
	free(a);
	free(b);
	return bad;
}

static void test_strings(void)
{
	unsigned int off, len, round, bad = 0, n = 0;

	for (round = 0; round < 2; round++)
	for (off = 0; off < 8; off++)
	for (len = 0; len <= MAXLEN; len++, n++) {
		unsigned int toff = rnd() % 8;
		char *s = malloc(off + len + 1), *t = malloc(toff + len + 1);

		random_string(s + off, len);
		libc_memcpy(t + toff, s + off, len + 1);
		bad += check_scans(s + off, len);
		bad += check_compares(s + off, t + toff, len);
		bad += check_strstr(s + off, len);
		bad += check_strsep(s + off, len);
		free(s);
		free(t);
	}
	CHECK(bad == 0, "str* against libc on %u random strings: %u differences",
	      n, bad);
}

/* strlcpy/strlcat against what their definitions say, at every size. */
static void test_strlcpy_strlcat(void)
{
	static const char *const srcs[] = { "", "x", "hello", "a longer source string" };
	static const char *const dsts[] = { "", "ab", "abcdefgh" };
	char buf[64];
	unsigned int i, j, size, bad = 0;

	for (i = 0; i < ARRAY_SIZE(srcs); i++)
	for (size = 0; size < 32; size++) {
		size_t len = libc_strlen(srcs[i]), n = size ? min((size_t)size - 1, len) : 0;

		libc_memset(buf, 'Z', sizeof(buf));
		bad += strlcpy(buf, srcs[i], size) != len;
		bad += libc_memcmp(buf, srcs[i], n) != 0;
		bad += size ? buf[n] != '\0' : buf[0] != 'Z';
		bad += buf[size] != 'Z' || buf[n + 1] != 'Z';
	}
	for (i = 0; i < ARRAY_SIZE(srcs); i++)
	for (j = 0; j < ARRAY_SIZE(dsts); j++)
	for (size = 0; size < 40; size++) {
		size_t sl = libc_strlen(srcs[i]), dl = libc_strlen(dsts[j]);
		char want[64];

		libc_memset(buf, 'Z', sizeof(buf));
		libc_memcpy(buf, dsts[j], dl + 1);
		libc_memcpy(want, buf, sizeof(want));
		if (dl < size)
			libc_snprintf(want + dl, size - dl, "%s", srcs[i]);
		bad += strlcat(buf, srcs[i], size) != (dl < size ? dl + sl : size + sl);
		bad += libc_memcmp(buf, want, sizeof(buf)) != 0;
	}
	CHECK(bad == 0, "strlcpy and strlcat at every buffer size");
	libc_memcpy(buf, "abc", 4);
	CHECK(strlcat(buf, "def", 3) == 6 && !libc_strcmp(buf, "abc"),
	      "strlcat: unterminated dst within size is left alone");
}

int main(void)
{
	test_memcpy();
	test_memmove();
	test_memset();
	test_memcmp_memchr();
	test_strings();
	test_strlcpy_strlcat();
	return test_exit();
}
