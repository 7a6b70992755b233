/* Addresses of the symbols tests/host/kallsyms_fake.c knows. */
#ifndef _KALLSYMS_FAKE_H
#define _KALLSYMS_FAKE_H

#define FAKE_SYM_START_KERNEL	0xffffffff80001000UL	/* size 0x120 */
#define FAKE_SYM_DO_PAGE_FAULT	0xffffffff80002000UL	/* size 0x80 */

#endif
