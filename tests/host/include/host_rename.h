/*
 * Force-included (-include) into host tests of lib/string.c and
 * lib/vsprintf.c, whose functions have libc's names. It first pulls in the
 * libc headers and wraps the libc functions as libc_*, then renames the
 * kernel's versions to kern_*: after this, "memcpy" in a test or in lib/
 * means the kernel's, "libc_memcpy" the host's reference. Build such tests
 * with -fno-builtin so gcc does not substitute its own code for either.
 */
#ifndef _HOST_RENAME_H
#define _HOST_RENAME_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline void *libc_memset(void *s, int c, size_t n) { return memset(s, c, n); }
static inline void *libc_memcpy(void *d, const void *s, size_t n) { return memcpy(d, s, n); }
static inline void *libc_memmove(void *d, const void *s, size_t n) { return memmove(d, s, n); }
static inline int libc_memcmp(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }
static inline void *libc_memchr(const void *s, int c, size_t n) { return memchr(s, c, n); }
static inline size_t libc_strlen(const char *s) { return strlen(s); }
static inline size_t libc_strnlen(const char *s, size_t n) { return strnlen(s, n); }
static inline int libc_strcmp(const char *a, const char *b) { return strcmp(a, b); }
static inline int libc_strncmp(const char *a, const char *b, size_t n) { return strncmp(a, b, n); }
static inline char *libc_strchr(const char *s, int c) { return strchr(s, c); }
static inline char *libc_strrchr(const char *s, int c) { return strrchr(s, c); }
static inline char *libc_strstr(const char *h, const char *n) { return strstr(h, n); }
static inline char *libc_strsep(char **s, const char *d) { return strsep(s, d); }
static inline size_t libc_strspn(const char *s, const char *a) { return strspn(s, a); }
static inline size_t libc_strcspn(const char *s, const char *r) { return strcspn(s, r); }

static inline int libc_vsnprintf(char *b, size_t n, const char *f, va_list ap)
{
	return vsnprintf(b, n, f, ap);
}

static inline __attribute__((format(printf, 3, 4)))
int libc_snprintf(char *b, size_t n, const char *f, ...)
{
	va_list ap;
	int r;

	va_start(ap, f);
	r = vsnprintf(b, n, f, ap);
	va_end(ap);
	return r;
}

#define memset		kern_memset
#define memcpy		kern_memcpy
#define memmove		kern_memmove
#define memcmp		kern_memcmp
#define memchr		kern_memchr
#define strlen		kern_strlen
#define strnlen		kern_strnlen
#define strcmp		kern_strcmp
#define strncmp		kern_strncmp
#define strchr		kern_strchr
#define strrchr		kern_strrchr
#define strstr		kern_strstr
#define strlcpy		kern_strlcpy
#define strlcat		kern_strlcat
#define strsep		kern_strsep
#define strspn		kern_strspn
#define strcspn		kern_strcspn
#define snprintf	kern_snprintf
#define vsnprintf	kern_vsnprintf
#define scnprintf	kern_scnprintf
#define vscnprintf	kern_vscnprintf

#endif
