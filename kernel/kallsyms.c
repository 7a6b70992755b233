/*
 * Symbol lookup for backtraces and %pS. The table is generated at build
 * time from the first link (scripts/kallsyms.sh) and sits in .rodata.
 * Seed: Linux's kallsyms_lookup; leaves out data symbols, modules and
 * name compression (plain NUL-terminated names).
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <asm/sections.h>

/*
 * Name of the function containing @addr, its size and @addr's offset in it;
 * NULL if @addr is not in kernel text. Binary search over the sorted
 * table, no lock (read-only data): safe in any context, even a panic.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size,
			    unsigned long *offset)
{
	unsigned long lo = 0, hi = kallsyms_num, end;

	if (addr < (unsigned long)_stext || addr >= (unsigned long)_etext || !hi)
		return NULL;
	while (hi - lo > 1) {	/* last symbol with address <= addr */
		unsigned long mid = (lo + hi) / 2;

		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (kallsyms_addresses[lo] > addr)
		return NULL;
	end = lo + 1 < kallsyms_num ? kallsyms_addresses[lo + 1] : (unsigned long)_etext;
	if (size)
		*size = end - kallsyms_addresses[lo];
	if (offset)
		*offset = addr - kallsyms_addresses[lo];
	return kallsyms_names + kallsyms_offsets[lo];
}
