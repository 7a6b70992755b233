/*
 * ELF64 file types and constants (the System V gABI, the RISC-V ELF psABI)
 * and the auxiliary-vector tags with the Linux riscv64 values. 64-bit only:
 * rivet runs no 32-bit user space. Linux keeps these in uapi/linux/elf.h.
 */
#ifndef _LINUX_ELF_H
#define _LINUX_ELF_H

#include <linux/types.h>

typedef u64 Elf64_Addr;
typedef u16 Elf64_Half;
typedef s16 Elf64_SHalf;
typedef u64 Elf64_Off;
typedef s32 Elf64_Sword;
typedef u32 Elf64_Word;
typedef u64 Elf64_Xword;
typedef s64 Elf64_Sxword;

/* e_ident[]: the first 16 bytes, read before anything else. */
#define EI_NIDENT	16
#define EI_MAG0		0
#define EI_MAG1		1
#define EI_MAG2		2
#define EI_MAG3		3
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define EI_OSABI	7
#define EI_ABIVERSION	8
#define EI_PAD		9

#define ELFMAG0		0x7f
#define ELFMAG1		'E'
#define ELFMAG2		'L'
#define ELFMAG3		'F'
#define ELFMAG		"\177ELF"
#define SELFMAG		4

#define ELFCLASSNONE	0
#define ELFCLASS32	1
#define ELFCLASS64	2

#define ELFDATANONE	0
#define ELFDATA2LSB	1	/* little endian: RISC-V */
#define ELFDATA2MSB	2

#define EV_NONE		0
#define EV_CURRENT	1

#define ELFOSABI_NONE	0
#define ELFOSABI_LINUX	3

/* e_type */
#define ET_NONE		0
#define ET_REL		1
#define ET_EXEC		2	/* fixed addresses */
#define ET_DYN		3	/* position independent: shared object or (static-)PIE */
#define ET_CORE		4

/* e_machine */
#define EM_NONE		0
#define EM_RISCV	243

/* e_flags on RISC-V (psABI "File Header"): compressed code, float ABI, RVE, TSO. */
#define EF_RISCV_RVC			0x0001
#define EF_RISCV_FLOAT_ABI		0x0006	/* mask */
#define EF_RISCV_FLOAT_ABI_SOFT		0x0000
#define EF_RISCV_FLOAT_ABI_SINGLE	0x0002
#define EF_RISCV_FLOAT_ABI_DOUBLE	0x0004
#define EF_RISCV_FLOAT_ABI_QUAD		0x0006
#define EF_RISCV_RVE			0x0008
#define EF_RISCV_TSO			0x0010

typedef struct elf64_hdr {
	unsigned char e_ident[EI_NIDENT];
	Elf64_Half e_type;
	Elf64_Half e_machine;
	Elf64_Word e_version;
	Elf64_Addr e_entry;	/* virtual address of the first instruction */
	Elf64_Off e_phoff;	/* file offset of the program header table */
	Elf64_Off e_shoff;	/* file offset of the section header table */
	Elf64_Word e_flags;
	Elf64_Half e_ehsize;
	Elf64_Half e_phentsize;	/* bytes per program header: sizeof(Elf64_Phdr) */
	Elf64_Half e_phnum;
	Elf64_Half e_shentsize;
	Elf64_Half e_shnum;
	Elf64_Half e_shstrndx;
} Elf64_Ehdr;

/* p_type */
#define PT_NULL		0
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3	/* path of the dynamic loader */
#define PT_NOTE		4
#define PT_SHLIB	5
#define PT_PHDR		6	/* where the program headers sit in memory */
#define PT_TLS		7
#define PT_LOOS		0x60000000
#define PT_GNU_EH_FRAME	0x6474e550
#define PT_GNU_STACK	0x6474e551	/* p_flags: the stack's permissions */
#define PT_GNU_RELRO	0x6474e552
#define PT_GNU_PROPERTY	0x6474e553
#define PT_LOPROC	0x70000000
#define PT_RISCV_ATTRIBUTES 0x70000003
#define PT_HIPROC	0x7fffffff

/* p_flags */
#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

/* e_phnum's escape value (the count is then in section 0's sh_info). */
#define PN_XNUM		0xffff

typedef struct elf64_phdr {
	Elf64_Word p_type;
	Elf64_Word p_flags;
	Elf64_Off p_offset;	/* file offset of the segment's first byte */
	Elf64_Addr p_vaddr;	/* its virtual address */
	Elf64_Addr p_paddr;
	Elf64_Xword p_filesz;	/* bytes in the file */
	Elf64_Xword p_memsz;	/* bytes in memory; the rest past p_filesz is zero */
	Elf64_Xword p_align;
} Elf64_Phdr;

/* sh_type */
#define SHT_NULL	0
#define SHT_PROGBITS	1
#define SHT_SYMTAB	2
#define SHT_STRTAB	3
#define SHT_RELA	4
#define SHT_HASH	5
#define SHT_DYNAMIC	6
#define SHT_NOTE	7
#define SHT_NOBITS	8
#define SHT_REL		9
#define SHT_DYNSYM	11

/* sh_flags */
#define SHF_WRITE	0x1
#define SHF_ALLOC	0x2
#define SHF_EXECINSTR	0x4

/* Special section indexes. */
#define SHN_UNDEF	0
#define SHN_XINDEX	0xffff

typedef struct elf64_shdr {
	Elf64_Word sh_name;
	Elf64_Word sh_type;
	Elf64_Xword sh_flags;
	Elf64_Addr sh_addr;
	Elf64_Off sh_offset;
	Elf64_Xword sh_size;
	Elf64_Word sh_link;
	Elf64_Word sh_info;
	Elf64_Xword sh_addralign;
	Elf64_Xword sh_entsize;
} Elf64_Shdr;

/* One auxiliary-vector entry as it sits on the user stack: two words. */
typedef struct {
	u64 a_type;
	u64 a_val;
} Elf64_auxv_t;

/* Auxiliary-vector tags (Linux uapi/linux/auxvec.h values, riscv64). */
#define AT_NULL		0	/* end of the vector */
#define AT_IGNORE	1
#define AT_EXECFD	2
#define AT_PHDR		3	/* user address of the program headers */
#define AT_PHENT	4	/* size of one program header */
#define AT_PHNUM	5	/* number of program headers */
#define AT_PAGESZ	6
#define AT_BASE		7	/* load address of the interpreter, 0 without one */
#define AT_FLAGS	8
#define AT_ENTRY	9	/* the program's entry point */
#define AT_NOTELF	10
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16	/* riscv: one bit per single-letter ISA extension */
#define AT_CLKTCK	17	/* times() ticks per second (USER_HZ) */
#define AT_SECURE	23	/* set-id exec: the C library distrusts the environment */
#define AT_BASE_PLATFORM 24
#define AT_RANDOM	25	/* user address of 16 random bytes */
#define AT_HWCAP2	26
#define AT_RSEQ_FEATURE_SIZE 27
#define AT_RSEQ_ALIGN	28
#define AT_EXECFN	31	/* user address of the file name given to execve */
#define AT_SYSINFO_EHDR	33	/* user address of the vDSO's ELF header */
#define AT_L1I_CACHESIZE	40	/* riscv cache geometry */
#define AT_L1I_CACHEGEOMETRY	41
#define AT_L1D_CACHESIZE	42
#define AT_L1D_CACHEGEOMETRY	43
#define AT_L2_CACHESIZE		44
#define AT_L2_CACHEGEOMETRY	45
#define AT_L3_CACHESIZE		46
#define AT_L3_CACHEGEOMETRY	47
#define AT_MINSIGSTKSZ	51	/* smallest signal stack the kernel's frames fit in */

/* AT_HWCAP on riscv: bit (letter - 'a') for each base ISA letter, e.g. 'i', 'm', 'a', 'f', 'd', 'c'. */
#define COMPAT_HWCAP_ISA(letter)	(1UL << ((letter) - 'a'))

/* The page size ELF segments are laid out for (riscv64: 4 KiB). */
#define ELF_EXEC_PAGESIZE	4096UL

#endif
