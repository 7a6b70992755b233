/*
 * Host stand-in for the kernel's kallsyms_lookup: a fixed table of made-up
 * symbols at made-up addresses, for the %pS/%ps tests of lib/vsprintf.c.
 */
#include <linux/kallsyms.h>
#include "kallsyms_fake.h"

static const struct {
	unsigned long addr, size;
	const char *name;
} fake_syms[] = {
	{ FAKE_SYM_START_KERNEL, 0x120, "start_kernel" },
	{ FAKE_SYM_DO_PAGE_FAULT, 0x80, "do_page_fault" },
};

const char *kallsyms_lookup(unsigned long addr, unsigned long *size,
			    unsigned long *offset)
{
	unsigned int i;

	for (i = 0; i < sizeof(fake_syms) / sizeof(fake_syms[0]); i++) {
		if (addr >= fake_syms[i].addr &&
		    addr - fake_syms[i].addr < fake_syms[i].size) {
			*size = fake_syms[i].size;
			*offset = addr - fake_syms[i].addr;
			return fake_syms[i].name;
		}
	}
	return NULL;
}
