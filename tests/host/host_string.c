/*
 * lib/string.c's strlcpy and strlcat for the host tests, which glibc 2.36
 * lacks; the tests cannot link lib/string.c itself (its memcpy and friends
 * would replace glibc's under ASan).
 */
#include <string.h>

/* Copies @src into @size bytes, always terminated; strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);
	size_t n = len;

	if (!size)
		return len;
	if (n > size - 1)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return len;
}

/* Appends @src within @size bytes; the length it tried to make. */
size_t strlcat(char *dst, const char *src, size_t size)
{
	size_t used = strnlen(dst, size);

	if (used == size)
		return size + strlen(src);
	return used + strlcpy(dst + used, src, size - used);
}
