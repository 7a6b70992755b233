/* tests/host/libc_ctype.c: libc's <ctype.h> functions by number. */
#ifndef _LIBC_CTYPE_H
#define _LIBC_CTYPE_H

enum ctype_fn {
	CT_DIGIT, CT_XDIGIT, CT_SPACE, CT_ALPHA, CT_ALNUM, CT_UPPER, CT_LOWER,
	CT_PRINT, CT_TOLOWER, CT_TOUPPER, CT_COUNT
};

int libc_ctype(enum ctype_fn fn, int c);

#endif
