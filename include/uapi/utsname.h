/*
 * uname(2)'s answer: six NUL-terminated strings of 65 bytes each (Linux's
 * "new" utsname, the only one riscv64 has).
 */
#ifndef _UAPI_UTSNAME_H
#define _UAPI_UTSNAME_H

#define __NEW_UTS_LEN	64

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

#endif
