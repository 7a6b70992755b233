/*
 * binfmt_script, the portable half: reads the "#!interpreter [argument]"
 * line of a script from the first BINPRM_BUF_SIZE bytes, with the rules of
 * Linux 5.x's load_script (an interpreter name cut off by the buffer end is
 * refused, here as -ENAMETOOLONG, not truncated). Running the interpreter
 * is execve's job and not here.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/binfmts.h>

/* The only separators of a "#!" line: no '\r', no other white space. */
static bool is_spacetab(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Where the "#!" line in the @len bytes of @buf ends: at the first '\n' or
 * NUL within BINPRM_BUF_SIZE bytes, else at the end of a shorter file.
 * Otherwise the line is cut (*cut): it ends at BINPRM_BUF_SIZE - 1, the
 * last byte of Linux's buffer being its terminating NUL.
 */
static size_t script_line_end(const char *buf, size_t len, bool *cut)
{
	size_t n = min_t(size_t, len, BINPRM_BUF_SIZE), i;

	*cut = false;
	for (i = 0; i < n; i++)
		if (buf[i] == '\n' || buf[i] == '\0')
			return i;
	if (len < BINPRM_BUF_SIZE)
		return len;
	*cut = true;
	return BINPRM_BUF_SIZE - 1;
}

/* Copies the @n bytes at @s into @dst of @size bytes as a string; -ENAMETOOLONG if they do not fit. */
static int script_copy(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		return -ENAMETOOLONG;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 0;
}

/*
 * Parses the "#!" line at the start of @buf (@len bytes of the file, from
 * offset 0): the interpreter is the first word after "#!" (spaces and tabs
 * skipped), the optional argument everything after it up to the end of the
 * line with leading and trailing spaces and tabs removed (one argument,
 * inner blanks kept). Fills @interp (@ilen bytes) and @arg (@alen bytes;
 * "" without one). Returns 0; -ENOEXEC if @buf is not a script or names
 * no interpreter; -ENAMETOOLONG if the interpreter name runs past the
 * first line's limit or either string does not fit its buffer.
 */
int script_parse(const char *buf, size_t len, char *interp, size_t ilen,
		 char *arg, size_t alen)
{
	size_t end, name, name_end, a;
	bool cut;
	int err;

	if (len < 2 || buf[0] != '#' || buf[1] != '!')
		return -ENOEXEC;
	end = script_line_end(buf, len, &cut);
	for (name = 2; name < end && is_spacetab(buf[name]); name++)
		;
	if (name == end)
		return -ENOEXEC;
	for (name_end = name; name_end < end && !is_spacetab(buf[name_end]); name_end++)
		;
	if (cut && name_end == end)
		return -ENAMETOOLONG;		/* the name may go on past the buffer */
	while (end > name_end && is_spacetab(buf[end - 1]))
		end--;
	for (a = name_end; a < end && is_spacetab(buf[a]); a++)
		;
	err = script_copy(interp, ilen, buf + name, name_end - name);
	return err ? err : script_copy(arg, alen, buf + a, end - a);
}
