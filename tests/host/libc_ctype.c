/*
 * The host libc's character classes (C locale), as the reference for the
 * <linux/ctype.h> tests; a file of its own since the names are the same.
 */
#include <ctype.h>
#include "libc_ctype.h"

int libc_ctype(enum ctype_fn fn, int c)
{
	switch (fn) {
	case CT_DIGIT: return !!isdigit(c);
	case CT_XDIGIT: return !!isxdigit(c);
	case CT_SPACE: return !!isspace(c);
	case CT_ALPHA: return !!isalpha(c);
	case CT_ALNUM: return !!isalnum(c);
	case CT_UPPER: return !!isupper(c);
	case CT_LOWER: return !!islower(c);
	case CT_PRINT: return !!isprint(c);
	case CT_TOLOWER: return tolower(c);
	case CT_TOUPPER: return toupper(c);
	case CT_COUNT: break;
	}
	return -1;
}
