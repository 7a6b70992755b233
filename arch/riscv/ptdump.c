/*
 * Walks swapper_pg_dir and prints the kernel half as ranges of equal
 * permissions, then checks that no page is both writable and executable.
 * Reads the real page table, so the boot log shows what the MMU will do.
 * Seed: Linux's ptdump and its W+X check (CONFIG_DEBUG_WX); leaves out the
 * user half, the A/D/U bits and a debugfs file (the monitor prints it).
 */
#include <linux/kernel.h>
#include <asm/pgtable.h>

/* The range being merged: [start, end) maps pa.. with prot (R/W/X/G bits). */
struct ptdump_state {
	unsigned long start, end, prot, pa;
	unsigned long wx_pages;
};

/* "RWXG" with '-' for each bit not set, into @s (5 bytes). */
static void prot_str(unsigned long prot, char *s)
{
	s[0] = prot & _PAGE_READ ? 'R' : '-';
	s[1] = prot & _PAGE_WRITE ? 'W' : '-';
	s[2] = prot & _PAGE_EXEC ? 'X' : '-';
	s[3] = prot & _PAGE_GLOBAL ? 'G' : '-';
	s[4] = 0;
}

/* Print the range collected so far, if any. */
static void flush_range(struct ptdump_state *st)
{
	char p[5];

	if (st->start == st->end)
		return;
	prot_str(st->prot, p);
	pr_info("  %016lx-%016lx %8luK %s pa 0x%lx\n", st->start, st->end,
		(st->end - st->start) >> 10, p, st->pa);
}

/*
 * A leaf of @size at @va: grow the current range if it continues it
 * (contiguous in va and pa, same permissions), else print that range and
 * start a new one. Counts W+X pages on the way.
 */
static void note_page(struct ptdump_state *st, unsigned long va,
		      unsigned long size, pte_t pte)
{
	unsigned long prot = pte & (_PAGE_LEAF | _PAGE_GLOBAL);
	unsigned long pa = pte_pfn(pte) << PAGE_SHIFT;

	if ((pte & _PAGE_WRITE) && (pte & _PAGE_EXEC))
		st->wx_pages += size >> PAGE_SHIFT;
	if (va == st->end && prot == st->prot && pa == st->pa + (st->end - st->start)) {
		st->end += size;
		return;
	}
	flush_range(st);
	st->start = va;
	st->end = va + size;
	st->prot = prot;
	st->pa = pa;
}

/* Every present entry of @table (mapping from @va at @level), recursively. */
static void walk_level(struct ptdump_state *st, pte_t *table, unsigned long va,
		       int level)
{
	unsigned long size = 1UL << (PAGE_SHIFT + 9 * level);

	for (int i = 0; i < PTRS_PER_PTE; i++, va += size) {
		pte_t e = table[i];

		if (!pte_present(e))
			continue;
		if (pte_leaf(e) || level == 0)
			note_page(st, va, size, e);
		else
			walk_level(st, ptdump_table_va(e), va, level - 1);
	}
}

/* Print the kernel half of swapper_pg_dir; returns the number of W+X pages. */
unsigned long ptdump_kernel(void)
{
	struct ptdump_state st = { 0 };

	pr_info("kernel page table:\n");
	for (int i = PTRS_PER_PTE / 2; i < PTRS_PER_PTE; i++) {
		unsigned long va = PAGE_OFFSET + ((unsigned long)(i - 256) << PGDIR_SHIFT);
		pte_t e = swapper_pg_dir[i];

		if (!pte_present(e))
			continue;
		if (pte_leaf(e))
			note_page(&st, va, PGDIR_SIZE, e);
		else
			walk_level(&st, ptdump_table_va(e), va, 1);
	}
	flush_range(&st);
	if (st.wx_pages)
		pr_err("W+X check: %lu W+X pages found\n", st.wx_pages);
	else
		pr_info("W+X check: passed, no W+X pages found\n");
	return st.wx_pages;
}
