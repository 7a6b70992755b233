/*
 * Executable formats (fs/binfmt_elf.c, fs/binfmt_script.c): the portable
 * halves that execve will use. elf_parse checks an ELF image and turns its
 * program headers into a load plan; elf_build_stack writes the initial user
 * stack; script_parse reads a "#!" line. No mapping, no file I/O here.
 */
#ifndef _LINUX_BINFMTS_H
#define _LINUX_BINFMTS_H

#include <linux/types.h>
#include <linux/elf.h>

/* Bytes of the file execve reads first (Linux's bprm->buf): the "#!" line's limit. */
#define BINPRM_BUF_SIZE		256

/* Linux's argument limits: one string (with its NUL) and the default stack rlimit. */
#define MAX_ARG_STRLEN		(32 * ELF_EXEC_PAGESIZE)
#define _STK_LIM		(8UL << 20)

/* Memory protections of a segment, Linux's PROT_* values (no linux/mman.h yet). */
#ifndef PROT_READ
#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#endif

/* The most PT_LOAD segments a program may have (gcc/ld make 2 to 4). */
#define ELF_MAX_LOADS		16

/*
 * One PT_LOAD segment, planned. Addresses include the load bias. The
 * mapper maps [start, file_end) from the file at @offset, clears
 * [zero_start, zero_end) (the tail of the last file page, bss), and maps
 * [file_end, end) as anonymous zero pages; all with @prot.
 */
struct elf_load {
	unsigned long vaddr;	/* p_vaddr + bias: the first byte */
	unsigned long start;	/* vaddr rounded down to a page */
	unsigned long file_end;	/* page-aligned end of the pages backed by the file */
	unsigned long end;	/* page-aligned end of the segment, bss included */
	loff_t offset;		/* file offset of the page at @start (page aligned) */
	unsigned long file_bytes; /* bytes to read from @offset: (vaddr - start) + p_filesz, or 0 */
	unsigned long mem_bytes;  /* p_memsz */
	unsigned long bss_bytes;  /* p_memsz - p_filesz */
	unsigned long zero_start, zero_end; /* partial page to clear; empty if no bss */
	int prot;		/* PROT_* from PF_R/W/X */
};

/* What elf_parse learnt from an image: the load plan and the auxv facts. */
struct elf_image {
	u16 e_type;		/* ET_EXEC or ET_DYN */
	u32 e_flags;		/* EF_RISCV_*: float ABI, RVC */
	unsigned long bias;	/* added to every address (ET_DYN); 0 for ET_EXEC */
	unsigned long entry;	/* e_entry + bias */
	unsigned long phdr_addr; /* user address of the program headers (AT_PHDR), 0 if unmapped */
	u16 phnum;		/* AT_PHNUM */
	int nr_loads;
	struct elf_load loads[ELF_MAX_LOADS];	/* sorted by address, not overlapping */
	unsigned long load_start, load_end;	/* page-aligned span of all loads */
	unsigned long span;	/* load_end - load_start */
	bool has_interp;	/* PT_INTERP: dynamic (refused for now) */
	bool stack_exec;	/* PT_GNU_STACK asks for PF_X; no PT_GNU_STACK: not executable */
	const char *why;	/* on -ENOEXEC: the reason, for the kernel's log line */
};

/* Who runs the program and on what CPU: the auxv values from outside the file. */
struct elf_auxv_ids {
	unsigned long uid, euid, gid, egid;
	unsigned long secure;	/* AT_SECURE: 1 for a set-id exec */
	unsigned long hwcap;	/* AT_HWCAP: COMPAT_HWCAP_ISA bits of the CPU */
};

/* USER_HZ: AT_CLKTCK, the unit of times() and /proc ticks. */
#define ELF_USER_HZ		100

int elf_parse(const void *buf, size_t len, loff_t file_size, unsigned long task_size,
	      unsigned long bias, struct elf_image *img);
int elf_build_stack(void *stack_top_kernel_buf, unsigned long stack_top_user, size_t room,
		    const char *const argv[], const char *const envp[],
		    const struct elf_image *img, const u8 random16[16], const char *execfn,
		    struct elf_auxv_ids ids, unsigned long *sp_out);
int script_parse(const char *buf, size_t len, char *interp, size_t ilen,
		 char *arg, size_t alen);

/*
 * Run @filename in current (fs/exec.c) with kernel-space argv/envp: init's
 * first program. 0 when current->pt_regs hold the new program's start;
 * -Exxx as execve(2) would fail.
 */
int kernel_execve(const char *filename, const char *const argv[], const char *const envp[]);

#endif
