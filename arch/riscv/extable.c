/*
 * The C half of asm/uaccess.h: strncpy_from_user's limits and the
 * exception table search that turns a fault in a uaccess routine into an
 * early return (Linux's search_exception_tables/fixup_exception, with a
 * linear search of absolute addresses). Leaves out sorting the table.
 */
#include <linux/kernel.h>
#include <asm/uaccess.h>
#include <asm/ptrace.h>
#include <asm/sections.h>

/*
 * Copy the NUL-terminated user string @src into @dst, at most @count
 * bytes. Returns its length (without the NUL; @dst is then terminated),
 * @count if no NUL came first (@dst is not terminated), or -EFAULT if a
 * byte could not be read or the string runs past the user half.
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	unsigned long addr = (unsigned long)src;
	long max, res;

	if (count <= 0)
		return 0;
	if (addr >= TASK_SIZE)
		return -EFAULT;
	max = min((unsigned long)count, TASK_SIZE - addr);
	res = __asm_strncpy_from_user(dst, src, max);
	if (res < 0 || (res == max && max < count))
		return -EFAULT;
	return res;
}

/* The table entry for the instruction at @addr, or NULL. */
static const struct exception_table_entry *search_extable(unsigned long addr)
{
	for (const struct exception_table_entry *e = __start___ex_table;
	     e < __stop___ex_table; e++)
		if (e->insn == addr)
			return e;
	return NULL;
}

bool search_exception_tables(unsigned long addr)
{
	return search_extable(addr) != NULL;
}

/* See asm/uaccess.h. Trap context. */
int fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_extable(regs->epc);

	if (!e)
		return 0;
	regs->epc = e->fixup;
	return 1;
}
