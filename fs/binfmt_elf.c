/*
 * binfmt_elf, the portable half: checks a static RISC-V ELF64 executable
 * (ET_EXEC, or ET_DYN as a static PIE) and plans its PT_LOAD mappings, and
 * writes the initial user stack of the Linux riscv64 ABI (argc, argv, envp,
 * auxv). Follows the System V gABI and the steps of Linux's load_elf_binary
 * and create_elf_tables; leaves out PT_INTERP (dynamic binaries are refused),
 * the vDSO, core dumps and stack randomisation. Mapping is the kernel's job.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/elf.h>
#include <linux/binfmts.h>

#define ELF_PAGE_MASK	(ELF_EXEC_PAGESIZE - 1)
/* Linux's bound on e_phnum: the whole table in 64 KiB. */
#define ELF_MAX_PHNUM	(65536U / sizeof(Elf64_Phdr))

/* Records @why in @img for the kernel's log line; returns -ENOEXEC. */
static int elf_fail(struct elf_image *img, const char *why)
{
	img->why = why;
	return -ENOEXEC;
}

/*
 * Is @eh the header of a little-endian RISC-V ELF64 executable whose
 * program header table we can read? Returns NULL if so, else the reason.
 */
static const char *elf_check_header(const Elf64_Ehdr *eh)
{
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return "bad ELF magic";
	if (eh->e_ident[EI_CLASS] != ELFCLASS64)
		return "not ELFCLASS64";
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return "not little endian (ELFDATA2LSB)";
	if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return "bad ELF version";
	if (eh->e_machine != EM_RISCV)
		return "not a RISC-V binary (e_machine)";
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return "not an executable (e_type is neither ET_EXEC nor ET_DYN)";
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return "bad e_phentsize";
	if (eh->e_phnum < 1 || eh->e_phnum > ELF_MAX_PHNUM)
		return "bad e_phnum";
	return NULL;
}

/*
 * Does the program header table lie inside the @len bytes read from the
 * file's start and inside the file of @fsize bytes? NULL, or the reason.
 */
static const char *elf_check_phdr_table(const Elf64_Ehdr *eh, size_t len, u64 fsize)
{
	u64 size = (u64)eh->e_phnum * sizeof(Elf64_Phdr);

	if (eh->e_phoff > fsize || size > fsize - eh->e_phoff)
		return "program headers past the end of the file";
	if (eh->e_phoff > len || size > len - eh->e_phoff)
		return "program headers past the first page read";
	return NULL;
}

/* PROT_* for a segment's PF_* flags. */
static int elf_prot(u32 p_flags)
{
	return (p_flags & PF_R ? PROT_READ : 0) | (p_flags & PF_W ? PROT_WRITE : 0) |
	       (p_flags & PF_X ? PROT_EXEC : 0);
}

/*
 * Checks the PT_LOAD @ph (memsz > 0) at @bias for a file of @fsize bytes
 * and an address space ending at @task_size. NULL, or the reason; on
 * success *vaddr and *mend are its first byte and its end, bias included.
 */
static const char *elf_check_load(const Elf64_Phdr *ph, unsigned long bias,
				  unsigned long task_size, u64 fsize, u64 *vaddr, u64 *mend)
{
	if ((ph->p_vaddr - ph->p_offset) & ELF_PAGE_MASK)
		return "PT_LOAD offset not congruent with its address modulo the page size";
	if (ph->p_offset > fsize || ph->p_filesz > fsize - ph->p_offset)
		return "PT_LOAD past the end of the file";
	if (__builtin_add_overflow(ph->p_vaddr, bias, vaddr) ||
	    __builtin_add_overflow(*vaddr, ph->p_memsz, mend))
		return "PT_LOAD wraps around the address space";
	if (*mend > task_size)
		return "PT_LOAD above the user address limit";
	if (*vaddr < ELF_EXEC_PAGESIZE)
		return "PT_LOAD maps page 0";
	return NULL;
}

/*
 * Plans the PT_LOAD @ph into @l (see struct elf_load). Returns NULL, or
 * the reason it cannot be loaded. The caller skips segments with no memory.
 */
static const char *elf_plan_load(const Elf64_Phdr *ph, unsigned long bias,
				 unsigned long task_size, u64 fsize, struct elf_load *l)
{
	u64 vaddr, mend;
	const char *why = elf_check_load(ph, bias, task_size, fsize, &vaddr, &mend);

	if (why)
		return why;
	l->vaddr = vaddr;
	l->start = vaddr & ~ELF_PAGE_MASK;
	l->end = ALIGN(mend, ELF_EXEC_PAGESIZE);	/* mend <= task_size: no overflow */
	l->offset = ph->p_offset & ~ELF_PAGE_MASK;
	l->file_bytes = ph->p_filesz ? (vaddr - l->start) + ph->p_filesz : 0;
	l->file_end = ALIGN(l->start + l->file_bytes, ELF_EXEC_PAGESIZE);
	l->mem_bytes = ph->p_memsz;
	l->bss_bytes = ph->p_memsz - ph->p_filesz;
	l->zero_start = l->zero_end = l->file_end;
	if (l->bss_bytes && l->file_bytes)
		l->zero_start = vaddr + ph->p_filesz;
	l->prot = elf_prot(ph->p_flags);
	return NULL;
}

/*
 * Adds the PT_LOAD @ph to @img's plan, after the ones before it in the
 * table. NULL, or the reason the image cannot be loaded.
 */
static const char *elf_add_load(struct elf_image *img, const Elf64_Phdr *ph,
				unsigned long task_size, u64 fsize)
{
	struct elf_load *l = &img->loads[img->nr_loads];
	const char *why;

	if (ph->p_filesz > ph->p_memsz)
		return "PT_LOAD with p_filesz > p_memsz";
	if (!ph->p_memsz)
		return NULL;			/* nothing to map */
	if (img->nr_loads == ELF_MAX_LOADS)
		return "too many PT_LOAD segments";
	why = elf_plan_load(ph, img->bias, task_size, fsize, l);
	if (why)
		return why;
	if (img->nr_loads && l->vaddr < l[-1].vaddr)
		return "PT_LOAD segments not sorted by address";
	if (img->nr_loads && l->start < l[-1].end)
		return "PT_LOAD segments overlap (or share a page)";
	img->nr_loads++;
	return NULL;
}

/* Does the PT_LOAD @ph hold the whole program header table of @eh in its file bytes? */
static bool elf_load_covers_phdrs(const Elf64_Phdr *ph, const Elf64_Ehdr *eh)
{
	u64 size = (u64)eh->e_phnum * sizeof(Elf64_Phdr);

	return ph->p_offset <= eh->e_phoff && eh->e_phoff - ph->p_offset <= ph->p_filesz &&
	       size <= ph->p_filesz - (eh->e_phoff - ph->p_offset);
}

/*
 * Walks the program headers of @eh (in @buf, bounds already checked),
 * filling @img's plan, interpreter and stack flags and AT_PHDR: PT_PHDR's
 * address, else where the first PT_LOAD holding the table puts it, else 0.
 * Returns NULL, or the reason the image cannot be loaded.
 */
static const char *elf_scan_phdrs(const void *buf, const Elf64_Ehdr *eh, unsigned long task_size,
				  u64 fsize, struct elf_image *img)
{
	unsigned long from_phdr = 0, from_load = 0;
	bool has_phdr = false;
	const char *why;
	Elf64_Phdr ph;
	int i;

	for (i = 0; i < eh->e_phnum; i++) {
		/* Copied out: e_phoff need not be aligned in the buffer. */
		memcpy(&ph, (const char *)buf + eh->e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_LOAD) {
			why = elf_add_load(img, &ph, task_size, fsize);
			if (why)
				return why;
			if (!from_load && elf_load_covers_phdrs(&ph, eh))
				from_load = eh->e_phoff - ph.p_offset + ph.p_vaddr + img->bias;
		} else if (ph.p_type == PT_INTERP) {
			img->has_interp = true;
		} else if (ph.p_type == PT_GNU_STACK) {
			img->stack_exec = ph.p_flags & PF_X;
		} else if (ph.p_type == PT_PHDR && !has_phdr) {
			has_phdr = true;
			from_phdr = ph.p_vaddr + img->bias;
		}
	}
	img->phdr_addr = has_phdr ? from_phdr : from_load;
	return NULL;
}

/* Is @addr inside one of @img's segments with all of @prot? */
static bool elf_addr_in_load(const struct elf_image *img, unsigned long addr, int prot)
{
	int i;

	for (i = 0; i < img->nr_loads; i++) {
		const struct elf_load *l = &img->loads[i];

		if ((l->prot & prot) == prot && addr >= l->vaddr && addr - l->vaddr < l->mem_bytes)
			return true;
	}
	return false;
}

/*
 * The checks on the whole plan: something to load, the entry point inside
 * an executable segment, AT_PHDR inside a segment. Sets the span and the
 * entry. NULL, or the reason.
 */
static const char *elf_check_plan(const Elf64_Ehdr *eh, struct elf_image *img)
{
	if (!img->nr_loads)
		return "no PT_LOAD segment";
	if (__builtin_add_overflow(eh->e_entry, img->bias, &img->entry) ||
	    !elf_addr_in_load(img, img->entry, PROT_EXEC))
		return "entry point outside every executable segment";
	if (img->phdr_addr && !elf_addr_in_load(img, img->phdr_addr, 0))
		return "program headers (PT_PHDR) outside every PT_LOAD";
	img->load_start = img->loads[0].start;
	img->load_end = img->loads[img->nr_loads - 1].end;
	img->span = img->load_end - img->load_start;
	return NULL;
}

/*
 * Checks the ELF image whose first @len bytes are in @buf (the file is
 * @file_size bytes) and fills @img with its load plan, ET_DYN images moved
 * up by @bias (page aligned; ignored for ET_EXEC; a caller may parse once
 * with any bias to learn img->span, then choose). Every address must stay
 * below @task_size. Returns 0; -ENOEXEC with img->why set if the image is
 * not one rivet can run (dynamic ones included: img is still filled);
 * -EINVAL for a bias that is not page aligned. Reads only @buf.
 */
int elf_parse(const void *buf, size_t len, loff_t file_size, unsigned long task_size,
	      unsigned long bias, struct elf_image *img)
{
	u64 fsize = file_size > 0 ? (u64)file_size : 0;
	Elf64_Ehdr eh;
	const char *why;

	memset(img, 0, sizeof(*img));
	if (len < sizeof(eh) || fsize < sizeof(eh))
		return elf_fail(img, "file too short for an ELF header");
	memcpy(&eh, buf, sizeof(eh));
	why = elf_check_header(&eh);
	if (!why)
		why = elf_check_phdr_table(&eh, len, fsize);
	if (why)
		return elf_fail(img, why);
	if (bias & ELF_PAGE_MASK) {
		img->why = "load bias not page aligned";
		return -EINVAL;
	}
	img->e_type = eh.e_type;
	img->e_flags = eh.e_flags;
	img->phnum = eh.e_phnum;
	img->bias = eh.e_type == ET_DYN ? bias : 0;
	why = elf_scan_phdrs(buf, &eh, task_size, fsize, img);
	if (!why)
		why = elf_check_plan(&eh, img);
	if (!why && img->has_interp)
		why = "dynamic binary (PT_INTERP): only static binaries are supported";
	return why ? elf_fail(img, why) : 0;
}

/* ---- the initial user stack ----------------------------------------------
 *
 * From stack_top down (Linux riscv64, as create_elf_tables leaves it):
 *   8 zero bytes; the execfn string; the envp strings, then the argv
 *   strings below them (argv[0] lowest); 16-byte alignment; the 16
 *   AT_RANDOM bytes; padding; then at sp (16-byte aligned): argc, argv[0..],
 *   NULL, envp[0..], NULL, auxv (tag, value) pairs ending with AT_NULL.
 */

#define ELF_AUXV_MAX	17	/* the entries elf_fill_auxv writes, AT_NULL included */

/* Where the stack is written: user addresses [low, top) stand for kernel bytes below ktop. */
struct stack_writer {
	char *ktop;
	unsigned long top, low;
};

/* The user addresses of each part, worked out before anything is written. */
struct stack_plan {
	size_t argc, envc, arg_bytes, env_bytes, fn_bytes;
	unsigned long fn, env, arg, random, sp;
};

/* Kernel address standing for user address @uaddr (low <= uaddr < top). */
static char *stack_kaddr(const struct stack_writer *w, unsigned long uaddr)
{
	return w->ktop - (w->top - uaddr);
}

/* Writes the word @val at user address @uaddr (any alignment in the kernel buffer). */
static void stack_put_word(const struct stack_writer *w, unsigned long uaddr, u64 val)
{
	memcpy(stack_kaddr(w, uaddr), &val, sizeof(val));
}

/*
 * Counts the strings of the NULL-ended @v and their bytes with NULs.
 * Returns 0, or -E2BIG if one is longer than MAX_ARG_STRLEN.
 */
static int count_strings(const char *const v[], size_t *count, size_t *bytes)
{
	size_t len;

	*count = *bytes = 0;
	for (; v[*count]; (*count)++) {
		len = strnlen(v[*count], MAX_ARG_STRLEN) + 1;
		if (len > MAX_ARG_STRLEN)
			return -E2BIG;
		*bytes += len;
	}
	return 0;
}

/* Moves *p down by @n bytes, then to a multiple of @align; false if it would pass @low. */
static bool stack_take(unsigned long *p, unsigned long low, size_t n, unsigned long align)
{
	if (*p - low < n)
		return false;
	*p = (*p - n) & ~(align - 1);
	return *p >= low;
}

/*
 * Works out where each part of the stack goes (struct stack_plan), for
 * @nauxv auxv entries. Returns 0, or -E2BIG if the strings break Linux's
 * limit (a quarter of the 8 MiB stack rlimit, pointers included) or the
 * whole does not fit in [w->low, w->top).
 */
static int stack_layout(const struct stack_writer *w, const char *const argv[],
			const char *const envp[], const char *execfn, size_t nauxv,
			struct stack_plan *sp)
{
	unsigned long p = w->top;
	size_t words;

	if (count_strings(argv, &sp->argc, &sp->arg_bytes) ||
	    count_strings(envp, &sp->envc, &sp->env_bytes))
		return -E2BIG;
	sp->fn_bytes = strnlen(execfn, MAX_ARG_STRLEN) + 1;
	if (sp->fn_bytes > MAX_ARG_STRLEN ||
	    (sp->argc + sp->envc) * sizeof(u64) + sp->arg_bytes + sp->env_bytes + sp->fn_bytes >
	    _STK_LIM / 4)
		return -E2BIG;
	words = 1 + (sp->argc + 1) + (sp->envc + 1) + 2 * nauxv;
	if (!stack_take(&p, w->low, sizeof(u64), 1) ||
	    !stack_take(&p, w->low, sp->fn_bytes, 1))
		return -E2BIG;
	sp->fn = p;
	if (!stack_take(&p, w->low, sp->env_bytes, 1))
		return -E2BIG;
	sp->env = p;
	if (!stack_take(&p, w->low, sp->arg_bytes, 16) || !stack_take(&p, w->low, 16, 16))
		return -E2BIG;
	sp->arg = sp->env - sp->arg_bytes;
	sp->random = p;
	if (!stack_take(&p, w->low, words * sizeof(u64), 16))
		return -E2BIG;
	sp->sp = p;
	return 0;
}

/*
 * Copies the @n strings of @v to user address @uaddr one after another and
 * stores the address of each in the pointer array at user address @ptrs,
 * followed by NULL.
 */
static void stack_put_strings(const struct stack_writer *w, const char *const v[], size_t n,
			      unsigned long uaddr, unsigned long ptrs)
{
	size_t i, len;

	for (i = 0; i < n; i++) {
		len = strlen(v[i]) + 1;
		memcpy(stack_kaddr(w, uaddr), v[i], len);
		stack_put_word(w, ptrs + i * sizeof(u64), uaddr);
		uaddr += len;
	}
	stack_put_word(w, ptrs + n * sizeof(u64), 0);
}

/* Fills @aux with the auxiliary vector for @img; returns its entries (AT_NULL included). */
static size_t elf_fill_auxv(Elf64_auxv_t *aux, const struct elf_image *img,
			    const struct elf_auxv_ids *ids, unsigned long random, unsigned long fn)
{
	const Elf64_auxv_t v[ELF_AUXV_MAX] = {
		{ AT_PHDR, img->phdr_addr }, { AT_PHENT, sizeof(Elf64_Phdr) },
		{ AT_PHNUM, img->phnum }, { AT_PAGESZ, ELF_EXEC_PAGESIZE },
		{ AT_BASE, 0 }, { AT_FLAGS, 0 }, { AT_ENTRY, img->entry },
		{ AT_UID, ids->uid }, { AT_EUID, ids->euid },
		{ AT_GID, ids->gid }, { AT_EGID, ids->egid },
		{ AT_SECURE, ids->secure }, { AT_RANDOM, random },
		{ AT_HWCAP, ids->hwcap }, { AT_CLKTCK, ELF_USER_HZ },
		{ AT_EXECFN, fn }, { AT_NULL, 0 },
	};

	memcpy(aux, v, sizeof(v));
	return ELF_AUXV_MAX;
}

/*
 * Lays out the initial stack of @img's program below @stack_top_user, as
 * the Linux riscv64 ABI has it (see above), writing it into the kernel
 * buffer whose end @stack_top_kernel_buf stands for @stack_top_user and
 * which holds the top @room bytes of the user stack. @argv (NULL or empty:
 * one "" as Linux 5.18+ gives) and @envp (NULL: empty) are NULL-ended;
 * @execfn is AT_EXECFN's string; @random16 the AT_RANDOM bytes. Sets
 * *sp_out to the user sp. Returns 0, or -E2BIG (nothing of the layout
 * promised is written) if it does not fit or breaks Linux's argument limits.
 */
int elf_build_stack(void *stack_top_kernel_buf, unsigned long stack_top_user, size_t room,
		    const char *const argv[], const char *const envp[],
		    const struct elf_image *img, const u8 random16[16], const char *execfn,
		    struct elf_auxv_ids ids, unsigned long *sp_out)
{
	static const char *const empty_argv[] = { "", NULL }, *const empty_envp[] = { NULL };
	struct stack_writer w = { stack_top_kernel_buf, stack_top_user, 0 };
	Elf64_auxv_t aux[ELF_AUXV_MAX];
	struct stack_plan p;
	unsigned long u;
	size_t i, n;

	argv = argv && argv[0] ? argv : empty_argv;
	envp = envp ? envp : empty_envp;
	execfn = execfn ? execfn : "";
	w.low = stack_top_user - min_t(unsigned long, room, stack_top_user);
	if (stack_layout(&w, argv, envp, execfn, ELF_AUXV_MAX, &p))
		return -E2BIG;
	stack_put_word(&w, stack_top_user - sizeof(u64), 0);
	memcpy(stack_kaddr(&w, p.fn), execfn, p.fn_bytes);
	memcpy(stack_kaddr(&w, p.random), random16, 16);
	u = p.sp;
	stack_put_word(&w, u, p.argc);
	u += sizeof(u64);
	stack_put_strings(&w, argv, p.argc, p.arg, u);
	u += (p.argc + 1) * sizeof(u64);
	stack_put_strings(&w, envp, p.envc, p.env, u);
	u += (p.envc + 1) * sizeof(u64);
	n = elf_fill_auxv(aux, img, &ids, p.random, p.fn);
	for (i = 0; i < n; i++, u += 2 * sizeof(u64)) {
		stack_put_word(&w, u, aux[i].a_type);
		stack_put_word(&w, u + sizeof(u64), aux[i].a_val);
	}
	/* The alignment gaps: below AT_RANDOM, and between it and the strings. */
	memset(stack_kaddr(&w, u), 0, p.random - u);
	memset(stack_kaddr(&w, p.random + 16), 0, p.arg - (p.random + 16));
	*sp_out = p.sp;
	return 0;
}
