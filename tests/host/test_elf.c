/*
 * fs/binfmt_elf.c and fs/binfmt_script.c on real riscv64 binaries built at
 * test time (riscv64-linux-gnu-gcc: static, static PIE, dynamic), their
 * plans compared with riscv64-linux-gnu-readelf -lW; hand-made headers for
 * every refusal; the initial stack read back word by word; mutation fuzzing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <linux/binfmts.h>
#include "test.h"

#define TASK_SIZE_SV39	0x4000000000UL
#define PAGE		ELF_EXEC_PAGESIZE
#define PIE_BIAS	0x2aaaaab000UL
#define CROSS		"riscv64-linux-gnu-"

static char dir[512];

struct file {
	unsigned char *data;
	size_t size;
};

/* printf-style shell command; returns its exit status. */
static int sh(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

static struct file read_file(const char *path)
{
	struct file f = { NULL, 0 };
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return f;
	fseek(fp, 0, SEEK_END);
	f.size = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	f.data = malloc(f.size ? f.size : 1);
	if (fread(f.data, 1, f.size, fp) != f.size)
		f.size = 0;
	fclose(fp);
	return f;
}

/* elf_parse on the first page of @f, read into a buffer of exactly that size (ASan bounds). */
static int parse_file(const struct file *f, unsigned long bias, struct elf_image *img)
{
	size_t len = f->size < PAGE ? f->size : PAGE;
	unsigned char *buf = malloc(len ? len : 1);
	int rc;

	memcpy(buf, f->data, len);
	rc = elf_parse(buf, len, f->size, TASK_SIZE_SV39, bias, img);
	free(buf);
	return rc;
}

/* ---- readelf -lW ----------------------------------------------------------- */

struct rd_load {
	unsigned long off, vaddr, filesz, memsz, align;
	int prot;
};

struct readelf {
	unsigned long entry, phoff;
	int phnum, nloads;
	struct rd_load loads[32];
	bool has_interp, has_phdr, has_stack, stack_x;
	unsigned long phdr_vaddr;
};

/* PROT_* from readelf's Flg column ("R E", "RW ", "RWE"). */
static int rd_prot(const char *flg)
{
	return (strchr(flg, 'R') ? PROT_READ : 0) | (strchr(flg, 'W') ? PROT_WRITE : 0) |
	       (strchr(flg, 'E') ? PROT_EXEC : 0);
}

/* One program-header line: type, offset, vaddr, paddr, filesz, memsz, flags, align. */
static void rd_line(struct readelf *r, const char *line)
{
	char type[32], flg[8] = "";
	unsigned long off, va, pa, fs, ms, al;
	int n = 0;
	const char *rest, *last;

	if (sscanf(line, " %31s %lx %lx %lx %lx %lx %n", type, &off, &va, &pa, &fs, &ms, &n) < 6 || !n)
		return;
	rest = line + n;
	last = strrchr(rest, ' ');
	al = strtoul(last ? last + 1 : rest, NULL, 16);
	snprintf(flg, sizeof(flg), "%.*s", (int)(last ? last - rest : 0), rest);
	if (!strcmp(type, "LOAD") && r->nloads < 32)
		r->loads[r->nloads++] = (struct rd_load){ off, va, fs, ms, al, rd_prot(flg) };
	else if (!strcmp(type, "INTERP"))
		r->has_interp = true;
	else if (!strcmp(type, "PHDR") && !r->has_phdr) {
		r->has_phdr = true;
		r->phdr_vaddr = va;
	} else if (!strcmp(type, "GNU_STACK")) {
		r->has_stack = true;
		r->stack_x = strchr(flg, 'E') != NULL;
	}
}

static bool run_readelf(const char *path, struct readelf *r)
{
	char cmd[600], line[512];
	FILE *p;

	memset(r, 0, sizeof(*r));
	snprintf(cmd, sizeof(cmd), "timeout 30 " CROSS "readelf -lW %s", path);
	p = popen(cmd, "r");
	if (!p)
		return false;
	while (fgets(line, sizeof(line), p)) {
		if (sscanf(line, "Entry point %lx", &r->entry) == 1)
			continue;
		if (sscanf(line, "There are %d program headers, starting at offset %lu",
			   &r->phnum, &r->phoff) == 2)
			continue;
		rd_line(r, line);
	}
	return pclose(p) == 0 && r->phnum > 0;
}

/* ---- plan against readelf ------------------------------------------------ */

/* Maps @img's plan from @f into a zeroed buffer as the kernel would: the memory image. */
static unsigned char *simulate_load(const struct file *f, const struct elf_image *img)
{
	unsigned char *mem = calloc(1, img->span);
	int i;

	for (i = 0; i < img->nr_loads; i++) {
		const struct elf_load *l = &img->loads[i];
		unsigned char *dst = mem + (l->start - img->load_start);
		size_t n = l->file_bytes;

		if (l->offset + n > f->size)
			n = f->size - l->offset;
		memcpy(dst, f->data + l->offset, n);
		/* The whole file pages are mapped: bytes after the segment come along... */
		n = l->file_end - l->start;
		if (l->offset + n > f->size)
			n = f->size - l->offset;
		memcpy(dst, f->data + l->offset, n);
		/* ...then the partial bss page is cleared. */
		memset(mem + (l->zero_start - img->load_start), 0, l->zero_end - l->zero_start);
	}
	return mem;
}

/* Checks @img (parsed at @bias) against what readelf says of the file @name. */
static void compare_plan(const char *name, const struct file *f, const struct readelf *r,
			 const struct elf_image *img, unsigned long bias)
{
	int i, n = 0, bad = 0;
	unsigned long want_phdr = 0;
	unsigned char *mem;

	CHECK(img->entry == r->entry + bias, "%s: entry %#lx = readelf's %#lx + bias %#lx",
	      name, img->entry, r->entry, bias);
	CHECK(img->phnum == r->phnum, "%s: phnum %d = readelf's %d", name, img->phnum, r->phnum);
	for (i = 0; i < r->nloads; i++) {
		const struct rd_load *rl = &r->loads[i];
		const struct elf_load *l = &img->loads[n];
		unsigned long va = rl->vaddr + bias;

		if (!rl->memsz)
			continue;
		n++;
		bad |= l->vaddr != va || l->start != (va & ~(PAGE - 1)) ||
		       l->offset != (long)(rl->off & ~(PAGE - 1)) ||
		       l->file_bytes != (va & (PAGE - 1)) + rl->filesz ||
		       l->mem_bytes != rl->memsz || l->bss_bytes != rl->memsz - rl->filesz ||
		       l->end != ((va + rl->memsz + PAGE - 1) & ~(PAGE - 1)) || l->prot != rl->prot ||
		       l->file_end != ((l->start + l->file_bytes + PAGE - 1) & ~(PAGE - 1)) ||
		       l->zero_end != l->file_end ||
		       l->zero_start != (rl->memsz > rl->filesz ? va + rl->filesz : l->file_end);
		if (!want_phdr && rl->off <= r->phoff &&
		    r->phoff + r->phnum * sizeof(Elf64_Phdr) <= rl->off + rl->filesz)
			want_phdr = r->phoff - rl->off + va;
		printf("# %s: LOAD %#lx-%#lx file %#lx+%#lx prot %d bss %#lx zero %#lx-%#lx\n", name,
		       l->start, l->end, (unsigned long)l->offset, l->file_bytes, l->prot,
		       l->bss_bytes, l->zero_start, l->zero_end);
	}
	CHECK(!bad && n == img->nr_loads, "%s: %d PT_LOADs, each as readelf -lW lists it", name, n);
	if (r->has_phdr)
		want_phdr = r->phdr_vaddr + bias;
	CHECK(img->phdr_addr == want_phdr && want_phdr, "%s: AT_PHDR %#lx (%s)", name,
	      img->phdr_addr, r->has_phdr ? "PT_PHDR" : "inside the first PT_LOAD");
	CHECK(img->stack_exec == r->stack_x, "%s: executable stack %d as GNU_STACK says",
	      name, img->stack_exec);
	CHECK(img->load_start == img->loads[0].start &&
	      img->span == img->loads[img->nr_loads - 1].end - img->load_start,
	      "%s: span %#lx from %#lx", name, img->span, img->load_start);
	if (bad)
		return;
	mem = simulate_load(f, img);
	CHECK(!memcmp(mem + (img->phdr_addr - img->load_start), f->data + r->phoff,
		      r->phnum * sizeof(Elf64_Phdr)),
	      "%s: the loaded image holds the program headers at AT_PHDR", name);
	free(mem);
}

/* Builds @name from @src with @flags into dir; false (and a not-ok line) if the compiler fails. */
static bool build(const char *name, const char *src, const char *flags, bool must)
{
	int rc = sh("cd %s && timeout 120 " CROSS "gcc %s %s -o %s 2>%s.err", dir, flags, src,
		    name, name);

	if (must)
		CHECK(rc == 0, "built %s: " CROSS "gcc %s %s", name, flags, src);
	return rc == 0;
}

static void test_real_binary(const char *name, bool dyn, unsigned long bias)
{
	char path[700];
	struct readelf r;
	struct elf_image img;
	struct file f;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = read_file(path);
	if (!f.size || !run_readelf(path, &r)) {
		CHECK(0, "%s: read it and readelf -lW it", name);
		return;
	}
	rc = parse_file(&f, bias, &img);
	CHECK(rc == 0 && img.e_type == (dyn ? ET_DYN : ET_EXEC), "%s: elf_parse %d (%s), %s", name,
	      rc, rc ? img.why : "", dyn ? "ET_DYN" : "ET_EXEC");
	if (!rc)
		compare_plan(name, &f, &r, &img, dyn ? bias : 0);
	if (dyn) {
		rc = parse_file(&f, 0, &img);
		CHECK(rc == -ENOEXEC && strstr(img.why, "page 0"),
		      "%s at bias 0: -ENOEXEC, \"%s\"", name, img.why);
		rc = parse_file(&f, PIE_BIAS + 12, &img);
		CHECK(rc == -EINVAL, "%s: an unaligned bias is -EINVAL", name);
		rc = parse_file(&f, TASK_SIZE_SV39 - PAGE, &img);
		CHECK(rc == -ENOEXEC && strstr(img.why, "user address limit"),
		      "%s at a bias near TASK_SIZE: -ENOEXEC, \"%s\"", name, img.why);
	} else {
		struct elf_image img2;

		rc = parse_file(&f, PIE_BIAS, &img2);
		CHECK(rc == 0 && img2.entry == img.entry && img2.bias == 0,
		      "%s: ET_EXEC ignores the bias", name);
	}
	free(f.data);
}

static void test_dynamic(void)
{
	char path[700];
	struct readelf r;
	struct elf_image img;
	struct file f;
	int rc;

	snprintf(path, sizeof(path), "%s/hello-dyn", dir);
	f = read_file(path);
	if (!f.size || !run_readelf(path, &r)) {
		CHECK(0, "hello-dyn: read it and readelf -lW it");
		return;
	}
	CHECK(r.has_interp, "hello-dyn: readelf lists an INTERP");
	rc = parse_file(&f, PIE_BIAS, &img);
	CHECK(rc == -ENOEXEC && img.has_interp && strstr(img.why, "PT_INTERP") &&
	      strstr(img.why, "static"), "hello-dyn: -ENOEXEC, \"%s\"", img.why);
	/* The plan is still filled in, for the day an interpreter is loaded. */
	if (img.nr_loads)
		compare_plan("hello-dyn", &f, &r, &img, img.e_type == ET_DYN ? PIE_BIAS : 0);
	free(f.data);
}

static const char hello_c[] =
	"#include <stdio.h>\n"
	"static char big[3 << 20];\n"
	"int main(int argc, char **argv) { big[argc] = 1; printf(\"hello %s\\n\", argv[0]);"
	" return big[1] - 1; }\n";

static const char start_c[] =
	"static const char msg[] = \"pie\\n\";\n"
	"void _start(void) {\n"
	"  register long a0 asm(\"a0\") = 1, a1 asm(\"a1\") = (long)msg, a2 asm(\"a2\") = 4, a7 asm(\"a7\") = 64;\n"
	"  asm volatile(\"ecall\" : \"+r\"(a0) : \"r\"(a1), \"r\"(a2), \"r\"(a7));\n"
	"  a0 = 0; a7 = 93; asm volatile(\"ecall\" : \"+r\"(a0) : \"r\"(a7));\n"
	"  for (;;) ;\n}\n";

static void write_text(const char *name, const char *text)
{
	char path[700];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
}

static void test_real_binaries(void)
{
	write_text("hello.c", hello_c);
	write_text("start.c", start_c);
	if (build("hello", "hello.c", "-static -O2", true))
		test_real_binary("hello", false, 0);
	if (build("hello-execstack", "hello.c", "-static -O2 -Wl,-z,execstack", true))
		test_real_binary("hello-execstack", false, 0);
	if (build("hello-sepcode", "hello.c", "-static -O2 -Wl,-z,separate-code", true))
		test_real_binary("hello-sepcode", false, 0);
	if (build("hello-pie", "hello.c", "-static-pie -fPIE -O2", false))
		test_real_binary("hello-pie", true, PIE_BIAS);
	else
		printf("# this toolchain cannot link a libc static PIE (no rcrt1.o); "
		       "the -nostdlib static PIE stands in\n");
	if (build("start-pie", "start.c", "-nostdlib -fPIE -O2 -Wl,-pie,--no-dynamic-linker", true))
		test_real_binary("start-pie", true, PIE_BIAS);
	if (build("hello-dyn", "hello.c", "-O2", true))
		test_dynamic();
}

/* ---- hand-made images: one refusal each ------------------------------------ */

#define SYN_SIZE	0x3000
#define SYN_PHNUM	4

struct syn {
	unsigned char b[SYN_SIZE];
	Elf64_Ehdr *eh;
	Elf64_Phdr *ph;
};

/* A small valid static image: text at 0x10000, data+bss at 0x11010, GNU_STACK, PHDR. */
static void syn_init(struct syn *s)
{
	memset(s->b, 0, sizeof(s->b));
	s->eh = (Elf64_Ehdr *)s->b;
	s->ph = (Elf64_Phdr *)(s->b + sizeof(Elf64_Ehdr));
	memcpy(s->eh->e_ident, ELFMAG, SELFMAG);
	s->eh->e_ident[EI_CLASS] = ELFCLASS64;
	s->eh->e_ident[EI_DATA] = ELFDATA2LSB;
	s->eh->e_ident[EI_VERSION] = EV_CURRENT;
	s->eh->e_type = ET_EXEC;
	s->eh->e_machine = EM_RISCV;
	s->eh->e_version = EV_CURRENT;
	s->eh->e_entry = 0x10100;
	s->eh->e_phoff = sizeof(Elf64_Ehdr);
	s->eh->e_flags = EF_RISCV_RVC | EF_RISCV_FLOAT_ABI_DOUBLE;
	s->eh->e_ehsize = sizeof(Elf64_Ehdr);
	s->eh->e_phentsize = sizeof(Elf64_Phdr);
	s->eh->e_phnum = SYN_PHNUM;
	s->ph[0] = (Elf64_Phdr){ PT_PHDR, PF_R, 64, 0x10040, 0x10040, 4 * 56, 4 * 56, 8 };
	s->ph[1] = (Elf64_Phdr){ PT_LOAD, PF_R | PF_X, 0, 0x10000, 0x10000, 0x1000, 0x1000, PAGE };
	s->ph[2] = (Elf64_Phdr){ PT_LOAD, PF_R | PF_W, 0x1010, 0x11010, 0x11010, 0x20, 0x3000, PAGE };
	s->ph[3] = (Elf64_Phdr){ PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 0, 16 };
}

static int syn_parse(struct syn *s, size_t len, struct elf_image *img)
{
	return elf_parse(s->b, len, SYN_SIZE, TASK_SIZE_SV39, PIE_BIAS, img);
}

static void test_synthetic_good(void)
{
	struct elf_image img;
	struct syn s;
	const struct elf_load *d;
	int rc;

	syn_init(&s);
	rc = syn_parse(&s, SYN_SIZE, &img);
	d = &img.loads[1];
	CHECK(rc == 0 && img.nr_loads == 2 && img.entry == 0x10100 && img.phdr_addr == 0x10040 &&
	      img.e_flags == 5 && !img.stack_exec, "hand-made image: 2 loads, entry, AT_PHDR (%s)",
	      rc ? img.why : "ok");
	CHECK(d->start == 0x11000 && d->offset == 0x1000 && d->file_bytes == 0x30 &&
	      d->file_end == 0x12000 && d->end == 0x15000 && d->bss_bytes == 0x2fe0 &&
	      d->zero_start == 0x11030 && d->zero_end == 0x12000 && d->prot == (PROT_READ | PROT_WRITE),
	      "data: file page 0x11000 from 0x1000, clear 0x11030-0x12000, bss pages to 0x15000");
	CHECK(img.load_start == 0x10000 && img.load_end == 0x15000 && img.span == 0x5000,
	      "span 0x10000-0x15000");

	syn_init(&s);
	s.ph[2].p_filesz = 0;		/* pure bss */
	rc = syn_parse(&s, SYN_SIZE, &img);
	CHECK(rc == 0 && d->file_bytes == 0 && d->file_end == 0x11000 && d->zero_start == d->zero_end,
	      "a PT_LOAD with no file bytes is all anonymous");
	syn_init(&s);
	s.ph[2].p_filesz = 0xff0;	/* file data ends on a page boundary */
	rc = syn_parse(&s, SYN_SIZE, &img);
	CHECK(rc == 0 && d->file_end == 0x12000 && d->zero_start == d->zero_end,
	      "bss starting on a page boundary: no partial page to clear");
	syn_init(&s);
	s.ph[2].p_memsz = 0x20;		/* no bss: the file page's tail is left as the file has it */
	rc = syn_parse(&s, SYN_SIZE, &img);
	CHECK(rc == 0 && d->zero_start == d->zero_end && d->end == 0x12000, "no bss: nothing cleared");
	syn_init(&s);
	s.ph[3].p_flags |= PF_X;
	rc = syn_parse(&s, SYN_SIZE, &img);
	CHECK(rc == 0 && img.stack_exec, "PT_GNU_STACK with PF_X: executable stack");
	syn_init(&s);
	s.ph[0].p_type = PT_NULL;
	rc = syn_parse(&s, SYN_SIZE, &img);
	CHECK(rc == 0 && img.phdr_addr == 0x10040, "no PT_PHDR: AT_PHDR from the first PT_LOAD");
	syn_init(&s);
	s.eh->e_type = ET_DYN;
	rc = syn_parse(&s, SYN_SIZE, &img);
	CHECK(rc == 0 && img.entry == 0x10100 + PIE_BIAS && img.phdr_addr == 0x10040 + PIE_BIAS &&
	      img.loads[0].start == 0x10000 + PIE_BIAS, "ET_DYN: everything moved by the bias");
	syn_init(&s);
	s.ph[2].p_memsz = 0;		/* an empty PT_LOAD is skipped */
	s.ph[2].p_filesz = 0;
	rc = syn_parse(&s, SYN_SIZE, &img);
	CHECK(rc == 0 && img.nr_loads == 1, "a PT_LOAD with p_memsz 0 maps nothing");
}

struct refusal {
	const char *what, *why;
	void (*mutate)(struct syn *s);
	size_t len;			/* bytes "read"; 0: all */
};

static void m_magic(struct syn *s) { s->eh->e_ident[EI_MAG1] = 'e'; }
static void m_class(struct syn *s) { s->eh->e_ident[EI_CLASS] = ELFCLASS32; }
static void m_data(struct syn *s) { s->eh->e_ident[EI_DATA] = ELFDATA2MSB; }
static void m_version(struct syn *s) { s->eh->e_version = 2; }
static void m_machine(struct syn *s) { s->eh->e_machine = 62; }
static void m_type(struct syn *s) { s->eh->e_type = ET_REL; }
static void m_phentsize(struct syn *s) { s->eh->e_phentsize = 32; }
static void m_phnum0(struct syn *s) { s->eh->e_phnum = 0; }
static void m_phnumx(struct syn *s) { s->eh->e_phnum = PN_XNUM; }
static void m_phoff_file(struct syn *s) { s->eh->e_phoff = SYN_SIZE - 100; }
static void m_phoff_page(struct syn *s) { s->eh->e_phoff = 0x1000; }
static void m_phoff_huge(struct syn *s) { s->eh->e_phoff = ~0UL - 10; }
static void m_filesz(struct syn *s) { s->ph[2].p_filesz = 0x4000; s->ph[2].p_memsz = 0x3000; }
static void m_congruent(struct syn *s) { s->ph[2].p_offset = 0x1018; }
static void m_past_eof(struct syn *s) { s->ph[2].p_filesz = SYN_SIZE; }
static void m_wrap(struct syn *s) { s->ph[2].p_vaddr = ~0UL - 0xfef; s->ph[2].p_offset = 0x1010; }
static void m_above(struct syn *s) { s->ph[2].p_vaddr = TASK_SIZE_SV39 - 0xff0; }
static void m_page0(struct syn *s) { s->ph[1].p_vaddr = 0; s->eh->e_entry = 0x100; }
static void m_unsorted(struct syn *s)
{
	Elf64_Phdr t = s->ph[1];

	s->ph[1] = s->ph[2];
	s->ph[2] = t;
}
static void m_overlap(struct syn *s) { s->ph[2].p_vaddr = 0x10010; }
static void m_share(struct syn *s) { s->ph[1].p_memsz = s->ph[1].p_filesz = 0x800; s->ph[2].p_vaddr = 0x10810;
	s->ph[2].p_offset = 0x810; }
static void m_entry_rw(struct syn *s) { s->eh->e_entry = 0x11020; }
static void m_entry_out(struct syn *s) { s->eh->e_entry = 0x20000; }
static void m_noload(struct syn *s) { s->ph[1].p_type = s->ph[2].p_type = PT_NOTE; }
static void m_interp(struct syn *s) { s->ph[3].p_type = PT_INTERP; }
static void m_phdr(struct syn *s) { s->ph[0].p_vaddr = 0x30000; }

static const struct refusal refusals[] = {
	{ "bad magic", "magic", m_magic, 0 },
	{ "ELFCLASS32", "ELFCLASS64", m_class, 0 },
	{ "big endian", "little endian", m_data, 0 },
	{ "e_version 2", "version", m_version, 0 },
	{ "x86-64 machine", "RISC-V", m_machine, 0 },
	{ "ET_REL", "e_type", m_type, 0 },
	{ "e_phentsize 32", "e_phentsize", m_phentsize, 0 },
	{ "e_phnum 0", "e_phnum", m_phnum0, 0 },
	{ "e_phnum PN_XNUM", "e_phnum", m_phnumx, 0 },
	{ "phdrs past the file's end", "end of the file", m_phoff_file, 0 },
	{ "phdrs past the page read", "first page", m_phoff_page, 0x1000 },
	{ "phdrs at a huge offset", "end of the file", m_phoff_huge, 0 },
	{ "only 63 bytes", "too short", NULL, 63 },
	{ "header but phdrs cut off", "first page", NULL, 100 },
	{ "p_filesz > p_memsz", "p_filesz > p_memsz", m_filesz, 0 },
	{ "offset not congruent", "congruent", m_congruent, 0 },
	{ "segment past EOF", "end of the file", m_past_eof, 0 },
	{ "segment wrapping", "wraps", m_wrap, 0 },
	{ "segment above TASK_SIZE", "user address limit", m_above, 0 },
	{ "segment at page 0", "page 0", m_page0, 0 },
	{ "unsorted PT_LOADs", "not sorted", m_unsorted, 0 },
	{ "overlapping PT_LOADs", "overlap", m_overlap, 0 },
	{ "PT_LOADs sharing a page", "share a page", m_share, 0 },
	{ "entry in a non-exec segment", "entry point", m_entry_rw, 0 },
	{ "entry outside the segments", "entry point", m_entry_out, 0 },
	{ "no PT_LOAD", "no PT_LOAD", m_noload, 0 },
	{ "PT_INTERP", "PT_INTERP", m_interp, 0 },
	{ "PT_PHDR outside the loads", "PT_PHDR", m_phdr, 0 },
};

static void test_refusals(void)
{
	struct elf_image img;
	struct syn s;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		const struct refusal *r = &refusals[i];

		syn_init(&s);
		if (r->mutate)
			r->mutate(&s);
		rc = syn_parse(&s, r->len ? r->len : SYN_SIZE, &img);
		CHECK(rc == -ENOEXEC && img.why && strstr(img.why, r->why),
		      "%s: -ENOEXEC, \"%s\"", r->what, img.why ? img.why : "(none)");
	}
}

/* More PT_LOADs than the plan holds: ELF_MAX_LOADS + 1 one-page segments. */
static void test_too_many_loads(void)
{
	static unsigned char b[0x20000];
	Elf64_Ehdr *eh = (Elf64_Ehdr *)b;
	Elf64_Phdr *ph = (Elf64_Phdr *)(b + 64);
	struct elf_image img;
	int i, n = ELF_MAX_LOADS + 1, rc;

	memset(b, 0, sizeof(b));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_RISCV;
	eh->e_version = EV_CURRENT;
	eh->e_entry = 0x10000;
	eh->e_phoff = 64;
	eh->e_phentsize = sizeof(Elf64_Phdr);
	for (i = 0; i < n; i++)
		ph[i] = (Elf64_Phdr){ PT_LOAD, PF_R | PF_X, i * PAGE, 0x10000 + i * PAGE, 0,
				      PAGE, PAGE, PAGE };
	eh->e_phnum = n - 1;
	rc = elf_parse(b, PAGE, sizeof(b), TASK_SIZE_SV39, 0, &img);
	CHECK(rc == 0 && img.nr_loads == ELF_MAX_LOADS, "%d PT_LOADs fit the plan", ELF_MAX_LOADS);
	eh->e_phnum = n;
	rc = elf_parse(b, PAGE, sizeof(b), TASK_SIZE_SV39, 0, &img);
	CHECK(rc == -ENOEXEC && strstr(img.why, "too many"), "%d PT_LOADs: -ENOEXEC, \"%s\"", n, img.why);
}

/* ---- the initial stack ----------------------------------------------------- */

#define STACK_TOP	(TASK_SIZE_SV39 - PAGE)

struct ustack {
	unsigned char *buf;	/* the kernel buffer: user [top - room, top) */
	unsigned char *ktop;
	unsigned long top;
	size_t room;
};

static void ustack_init(struct ustack *u, size_t room, unsigned long top, size_t kmisalign)
{
	u->buf = malloc(room + kmisalign);
	memset(u->buf, 0xaa, room + kmisalign);
	u->ktop = u->buf + kmisalign + room;
	u->top = top;
	u->room = room;
}

/* The word at user address @ua, or ~0 if outside the buffer. */
static unsigned long uword(const struct ustack *u, unsigned long ua)
{
	unsigned long v;

	if (ua < u->top - u->room || ua + 8 > u->top)
		return ~0UL;
	memcpy(&v, u->ktop - (u->top - ua), 8);
	return v;
}

/* The string at user address @ua, or NULL if it is not inside the buffer with its NUL. */
static const char *ustr(const struct ustack *u, unsigned long ua)
{
	const char *s;

	if (ua < u->top - u->room || ua >= u->top)
		return NULL;
	s = (const char *)u->ktop - (u->top - ua);
	return memchr(s, 0, u->top - ua) ? s : NULL;
}

static const unsigned long want_tags[] = {
	AT_PHDR, AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_BASE, AT_FLAGS, AT_ENTRY, AT_UID, AT_EUID,
	AT_GID, AT_EGID, AT_SECURE, AT_RANDOM, AT_HWCAP, AT_CLKTCK, AT_EXECFN, AT_NULL,
};

/* Auxv value for @tag as the stack builder was asked to give it. */
static unsigned long want_val(unsigned long tag, const struct elf_image *img,
			      const struct elf_auxv_ids *ids)
{
	switch (tag) {
	case AT_PHDR: return img->phdr_addr;
	case AT_PHENT: return 56;
	case AT_PHNUM: return img->phnum;
	case AT_PAGESZ: return 4096;
	case AT_ENTRY: return img->entry;
	case AT_UID: return ids->uid;
	case AT_EUID: return ids->euid;
	case AT_GID: return ids->gid;
	case AT_EGID: return ids->egid;
	case AT_SECURE: return ids->secure;
	case AT_HWCAP: return ids->hwcap;
	case AT_CLKTCK: return 100;
	default: return 0;		/* AT_BASE, AT_FLAGS, AT_NULL */
	}
}

/* Reads the stack at @sp back as a C library's start code would and checks every field. */
static void check_stack(const char *what, const struct ustack *u, unsigned long sp,
			const char *const argv[], const char *const envp[], const char *execfn,
			const struct elf_image *img, const struct elf_auxv_ids *ids, const u8 *rnd)
{
	unsigned long p = sp, argc = uword(u, sp), a, rnd_ua = 0, fn_ua = 0, next;
	size_t i, n, bad = 0;
	const char *s;

	CHECK(sp % 16 == 0 && sp >= u->top - u->room && sp < u->top, "%s: sp %#lx 16-byte aligned",
	      what, sp);
	for (n = 0; argv[n]; n++)
		;
	CHECK(argc == n, "%s: argc %lu", what, argc);
	p += 8;
	next = uword(u, p);			/* argv[0]'s string: the strings follow in order */
	for (i = 0; i < n; i++, p += 8) {
		a = uword(u, p);
		s = ustr(u, a);
		bad += !s || strcmp(s, argv[i]) || a != next;
		next = a + strlen(argv[i]) + 1;
	}
	CHECK(!bad && uword(u, p) == 0, "%s: argv pointers, strings intact and packed, NULL", what);
	for (p += 8, i = 0; envp[i]; i++, p += 8) {
		a = uword(u, p);
		s = ustr(u, a);
		bad += !s || strcmp(s, envp[i]) || a != next;
		next = a + strlen(envp[i]) + 1;
	}
	CHECK(!bad && uword(u, p) == 0, "%s: %zu envp pointers after argv's strings, NULL", what, i);
	for (p += 8, i = 0; i < sizeof(want_tags) / sizeof(want_tags[0]); i++, p += 16) {
		unsigned long tag = uword(u, p), val = uword(u, p + 8);

		if (tag == AT_RANDOM)
			rnd_ua = val;
		else if (tag == AT_EXECFN)
			fn_ua = val;
		else
			bad += val != want_val(tag, img, ids);
		bad += tag != want_tags[i];
	}
	CHECK(!bad, "%s: auxv AT_PHDR..AT_NULL in order with their values", what);
	CHECK(rnd_ua >= p && rnd_ua % 16 == 0 &&
	      !memcmp(u->ktop - (u->top - rnd_ua), rnd, 16) && rnd_ua + 16 <= uword(u, sp + 8),
	      "%s: AT_RANDOM %#lx above auxv, below the strings, the 16 bytes", what, rnd_ua);
	s = ustr(u, fn_ua);
	CHECK(s && !strcmp(s, execfn) && fn_ua == next && fn_ua + strlen(execfn) + 1 == u->top - 8 &&
	      uword(u, u->top - 8) == 0, "%s: AT_EXECFN \"%s\" after envp's strings, 8 zero bytes on top",
	      what, s ? s : "?");
}

static const u8 rnd16[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

static struct elf_image stack_image(void)
{
	struct elf_image img;
	struct syn s;

	syn_init(&s);
	syn_parse(&s, SYN_SIZE, &img);
	return img;
}

/* 1..4 arguments and 0..3 variables: sp stays 16-byte aligned with odd and even word counts. */
static void test_stack_counts(const struct elf_image *img, const struct elf_auxv_ids *ids)
{
	static const char *const args[] = { "/bin/prog", "-v", "two words", "x", NULL };
	static const char *const envs[] = { "A=1", "BB=22", "CCC=333", NULL };
	const char *argv[5], *envp[4];
	char what[48];
	struct ustack u;
	unsigned long sp;
	int na, ne, rc;

	for (na = 1; na <= 4; na++) {
		for (ne = 0; ne <= 3; ne++) {
			memcpy(argv, args, na * sizeof(*argv));
			argv[na] = NULL;
			memcpy(envp, envs, ne * sizeof(*envp));
			envp[ne] = NULL;
			snprintf(what, sizeof(what), "argc %d envc %d", na, ne);
			ustack_init(&u, 4096, STACK_TOP, 0);
			rc = elf_build_stack(u.ktop, u.top, u.room, argv, envp, img, rnd16, "/bin/prog",
					     *ids, &sp);
			CHECK(rc == 0, "%s: built", what);
			if (!rc)
				check_stack(what, &u, sp, argv, envp, "/bin/prog", img, ids, rnd16);
			free(u.buf);
		}
	}
}

static void test_stack(void)
{
	static const char *const argv[] = { "/bin/hello", "a b", "", "xyz", NULL };
	static const char *const envp[] = { "HOME=/", "PATH=/bin:/usr/bin", "TERM=vt100", NULL };
	static const char *const one[] = { "", NULL };
	struct elf_auxv_ids ids = { 1000, 1001, 100, 101, 1,
		COMPAT_HWCAP_ISA('i') | COMPAT_HWCAP_ISA('m') | COMPAT_HWCAP_ISA('a') |
		COMPAT_HWCAP_ISA('f') | COMPAT_HWCAP_ISA('d') | COMPAT_HWCAP_ISA('c') };
	struct elf_image img = stack_image();
	struct ustack u;
	unsigned long sp, need;
	int rc;

	ustack_init(&u, 64 << 10, STACK_TOP, 0);
	rc = elf_build_stack(u.ktop, u.top, u.room, argv, envp, &img, rnd16, "/bin/hello", ids, &sp);
	CHECK(rc == 0, "stack: elf_build_stack %d", rc);
	check_stack("stack", &u, sp, argv, envp, "/bin/hello", &img, &ids, rnd16);
	need = u.top - sp;
	free(u.buf);
	printf("# the stack takes %lu bytes\n", need);

	ustack_init(&u, need, STACK_TOP - 4, 3);	/* odd top, kernel buffer misaligned */
	rc = elf_build_stack(u.ktop, u.top, u.room, argv, envp, &img, rnd16, "/bin/hello", ids, &sp);
	CHECK(rc == 0, "odd stack top, misaligned kernel buffer: %d", rc);
	if (!rc)
		check_stack("odd top", &u, sp, argv, envp, "/bin/hello", &img, &ids, rnd16);
	free(u.buf);

	ustack_init(&u, need, STACK_TOP, 0);		/* exactly the room it needs */
	rc = elf_build_stack(u.ktop, u.top, u.room, argv, envp, &img, rnd16, "/bin/hello", ids, &sp);
	CHECK(rc == 0 && sp == u.top - need, "exactly %lu bytes of room fit", need);
	free(u.buf);
	ustack_init(&u, need - 1, STACK_TOP, 0);
	rc = elf_build_stack(u.ktop, u.top, u.room, argv, envp, &img, rnd16, "/bin/hello", ids, &sp);
	CHECK(rc == -E2BIG, "one byte less: -E2BIG");
	for (sp = 0; sp < u.room && u.buf[sp] == 0xaa; sp++)
		;
	CHECK(sp == u.room, "-E2BIG wrote nothing");
	free(u.buf);

	test_stack_counts(&img, &ids);
	ustack_init(&u, 4096, STACK_TOP, 0);
	rc = elf_build_stack(u.ktop, u.top, u.room, NULL, NULL, &img, rnd16, "/x", ids, &sp);
	CHECK(rc == 0, "argv and envp NULL: %d", rc);
	if (!rc)
		check_stack("empty argv", &u, sp, one, one + 1, "/x", &img, &ids, rnd16);
	free(u.buf);
}

/* Linux's argument limits: MAX_ARG_STRLEN per string, a quarter of 8 MiB in all. */
static void test_stack_limits(void)
{
	size_t big = MAX_ARG_STRLEN, i;
	char *s = malloc(big + 1);
	const char *v[20];
	struct elf_image img = stack_image();
	struct elf_auxv_ids ids = { 0 };
	struct ustack u;
	unsigned long sp;
	int rc;

	memset(s, 'x', big);
	s[big] = 0;
	ustack_init(&u, 4 << 20, STACK_TOP, 0);
	v[0] = s + 1;				/* MAX_ARG_STRLEN with its NUL */
	v[1] = NULL;
	rc = elf_build_stack(u.ktop, u.top, u.room, v, NULL, &img, rnd16, "/x", ids, &sp);
	CHECK(rc == 0, "a %zu-byte argument (MAX_ARG_STRLEN with NUL) fits", big - 1);
	if (!rc)
		check_stack("long arg", &u, sp, v, v + 1, "/x", &img, &ids, rnd16);
	v[0] = s;
	rc = elf_build_stack(u.ktop, u.top, u.room, v, NULL, &img, rnd16, "/x", ids, &sp);
	CHECK(rc == -E2BIG, "a %zu-byte argument: -E2BIG", big);
	for (i = 0; i < 15; i++)
		v[i] = s + 1;
	v[15] = NULL;
	rc = elf_build_stack(u.ktop, u.top, u.room, v, NULL, &img, rnd16, "/x", ids, &sp);
	CHECK(rc == 0, "15 x 128 KiB of arguments (under 2 MiB) fit");
	v[15] = s + 1;
	v[16] = NULL;
	rc = elf_build_stack(u.ktop, u.top, u.room, v, NULL, &img, rnd16, "/x", ids, &sp);
	CHECK(rc == -E2BIG, "16 x 128 KiB (2 MiB and more): -E2BIG, with 4 MiB of room");
	v[0] = NULL;
	v[1] = s + 1;
	v[2] = NULL;
	rc = elf_build_stack(u.ktop, u.top, u.room, v, v + 1, &img, rnd16, s, ids, &sp);
	CHECK(rc == -E2BIG, "an execfn of MAX_ARG_STRLEN bytes: -E2BIG");
	free(u.buf);
	free(s);
}

/* ---- fuzzing ----------------------------------------------------------------- */

static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

static unsigned long rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned long)rng;
}

/* A value for a header field: small, near a page, near the limits, or random. */
static unsigned long interesting(void)
{
	static const unsigned long v[] = { 0, 1, 8, 56, 64, 0xfff, 0x1000, 0x1001, 0x10000,
		TASK_SIZE_SV39 - 1, TASK_SIZE_SV39, ~0UL, ~0UL - 0xfff, 1UL << 63, 0xffff };

	return rnd() & 1 ? v[rnd() % (sizeof(v) / sizeof(v[0]))] : rnd() >> (rnd() % 64);
}

/* Overwrites one field of the header or of a program header with @val. */
static void set_field(unsigned char *b, size_t len, unsigned long val)
{
	static const unsigned char eh_off[] = { 16, 18, 20, 24, 32, 40, 48, 52, 54, 56, 58 };
	static const unsigned char eh_sz[] = { 2, 2, 4, 8, 8, 8, 4, 2, 2, 2, 2 };
	static const unsigned char ph_off[] = { 0, 4, 8, 16, 24, 32, 40, 48 };
	static const unsigned char ph_sz[] = { 4, 4, 8, 8, 8, 8, 8, 8 };
	size_t off, sz, k;

	if (rnd() % 3 == 0) {
		k = rnd() % sizeof(eh_off);
		off = eh_off[k];
		sz = eh_sz[k];
	} else {
		k = rnd() % sizeof(ph_off);
		off = 64 + (rnd() % 10) * 56 + ph_off[k];
		sz = ph_sz[k];
	}
	if (off + sz <= len)
		memcpy(b + off, &val, sz);	/* little endian host: the low bytes */
}

/* Whatever elf_parse accepted must be a sound plan. */
static bool plan_sound(const struct elf_image *img, size_t fsize)
{
	int i;
	bool exec_entry = false;

	for (i = 0; i < img->nr_loads; i++) {
		const struct elf_load *l = &img->loads[i];

		if ((l->start | l->end | l->file_end | (unsigned long)l->offset) & (PAGE - 1) ||
		    l->start < PAGE || l->end > TASK_SIZE_SV39 || l->start >= l->end ||
		    l->file_end > l->end || l->start > l->vaddr ||
		    (l->file_bytes && (unsigned long)l->offset + l->file_bytes > fsize) ||
		    l->zero_start > l->zero_end || l->zero_end > l->file_end ||
		    (i && l->start < img->loads[i - 1].end))
			return false;
		exec_entry |= (l->prot & PROT_EXEC) && img->entry >= l->vaddr &&
			      img->entry < l->vaddr + l->mem_bytes;
	}
	return img->nr_loads > 0 && exec_entry && !img->has_interp;
}

static void fuzz_one(const struct file *base, unsigned long *accepted, int *bad)
{
	size_t len = base->size < PAGE ? base->size : PAGE, fsize = base->size, hdr, n, i;
	unsigned char *b, *exact;
	struct elf_image img;
	int rc, kind = rnd() % 4;

	b = malloc(len);
	memcpy(b, base->data, len);
	hdr = 64 + 10 * 56 < len ? 64 + 10 * 56 : len;
	n = 1 + rnd() % 4;
	for (i = 0; i < n; i++) {
		if (kind == 0 || kind == 3)
			b[rnd() % hdr] ^= 1 << (rnd() % 8);
		else if (kind == 1)
			set_field(b, len, interesting());
	}
	if (kind >= 2) {			/* truncated file, short read */
		fsize = rnd() % (base->size + 1);
		if (rnd() & 1)
			len = rnd() % (len + 1);
		if (len > fsize)
			len = fsize;
	}
	exact = malloc(len ? len : 1);		/* exactly @len bytes: ASan sees any over-read */
	memcpy(exact, b, len);
	rc = elf_parse(exact, len, fsize, TASK_SIZE_SV39, PIE_BIAS, &img);
	free(exact);
	if (rc == 0) {
		++*accepted;
		if (!plan_sound(&img, fsize))
			++*bad;
	} else if (rc != -ENOEXEC || !img.why) {
		++*bad;
	}
	free(b);
}

static void test_fuzz(void)
{
	const char *names[] = { "hello", "start-pie", "hello-dyn", "hello-sepcode" };
	struct file bases[5];
	struct syn s;
	unsigned long accepted = 0;
	int nb = 0, bad = 0, i;
	char path[700];

	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		bases[nb] = read_file(path);
		if (bases[nb].size)
			nb++;
	}
	syn_init(&s);
	bases[nb].data = s.b;
	bases[nb++].size = SYN_SIZE;
	for (i = 0; i < 20000; i++)
		fuzz_one(&bases[i % nb], &accepted, &bad);
	CHECK(bad == 0 && accepted > 0, "fuzz: 20000 mutated images of %d bases: %lu accepted, all sound; "
	      "the rest -ENOEXEC with a reason (%d bad)", nb, accepted, bad);
	for (i = 0; i < nb - 1; i++)
		free(bases[i].data);
}

/* ---- #! scripts --------------------------------------------------------------- */

struct script_case {
	const char *what;
	const char *text;
	size_t len;			/* 0: strlen */
	int rc;
	const char *interp, *arg;
};

static const struct script_case scripts[] = {
	{ "plain", "#!/bin/sh\necho hi\n", 0, 0, "/bin/sh", "" },
	{ "space and one argument", "#! /bin/sh -x\n", 0, 0, "/bin/sh", "-x" },
	{ "tabs and blanks around", "#!\t /usr/bin/env \t python3 -u \t \nprint()\n", 0, 0,
	  "/usr/bin/env", "python3 -u" },
	{ "trailing blanks, no argument", "#!/bin/sh   \t\n", 0, 0, "/bin/sh", "" },
	{ "no newline (whole file)", "#!/bin/sh -e", 0, 0, "/bin/sh", "-e" },
	{ "CR is not white space", "#!/bin/sh\r\n", 0, 0, "/bin/sh\r", "" },
	{ "NUL ends the line", "#!/bin/sh\0 -x\n", 14, 0, "/bin/sh", "" },
	{ "no interpreter", "#!\n", 0, -ENOEXEC, NULL, NULL },
	{ "only blanks", "#!  \t \n", 0, -ENOEXEC, NULL, NULL },
	{ "only #!", "#!", 0, -ENOEXEC, NULL, NULL },
	{ "one byte", "#", 0, -ENOEXEC, NULL, NULL },
	{ "empty", "", 0, -ENOEXEC, NULL, NULL },
	{ "ELF", "\177ELF\2\1\1", 0, -ENOEXEC, NULL, NULL },
	{ "space before #!", " #!/bin/sh\n", 0, -ENOEXEC, NULL, NULL },
};

static void test_script_cases(void)
{
	char interp[256], arg[256];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++) {
		const struct script_case *c = &scripts[i];
		size_t len = c->len ? c->len : strlen(c->text);
		char *b = malloc(len ? len : 1);

		memcpy(b, c->text, len);
		rc = script_parse(b, len, interp, sizeof(interp), arg, sizeof(arg));
		CHECK(rc == c->rc && (rc || (!strcmp(interp, c->interp) && !strcmp(arg, c->arg))),
		      "script %s: %d \"%s\" \"%s\"", c->what, rc, rc ? "" : interp, rc ? "" : arg);
		free(b);
	}
}

/* "#!" + a name of @n bytes, then @tail; @len bytes of it (ASan-exact buffer). */
static int script_long(size_t n, const char *tail, size_t len, char *interp, size_t ilen,
		       char *arg, size_t alen)
{
	char b[1024], *exact = malloc(len);
	int rc;

	memset(b, 'x', sizeof(b));
	memcpy(b, "#!/", 3);
	memcpy(b + 2 + n, tail, strlen(tail));
	memcpy(exact, b, len);
	rc = script_parse(exact, len, interp, ilen, arg, alen);
	free(exact);
	return rc;
}

static void test_script_lengths(void)
{
	char interp[512], arg[512];
	int rc;
	char *b;

	rc = script_long(300, "\n", 400, interp, sizeof(interp), arg, sizeof(arg));
	CHECK(rc == -ENAMETOOLONG, "a 300-byte interpreter name: -ENAMETOOLONG");
	rc = script_long(253, "\n", 400, interp, sizeof(interp), arg, sizeof(arg));
	CHECK(rc == 0 && strlen(interp) == 253, "a 253-byte name, newline at byte 255: fits");
	rc = script_long(254, "\n", 400, interp, sizeof(interp), arg, sizeof(arg));
	CHECK(rc == -ENAMETOOLONG, "a 254-byte name, newline at byte 256: -ENAMETOOLONG");
	rc = script_long(253, "", 255, interp, sizeof(interp), arg, sizeof(arg));
	CHECK(rc == 0 && strlen(interp) == 253, "a 255-byte file with no newline: the name is all of it");
	rc = script_long(254, "", 256, interp, sizeof(interp), arg, sizeof(arg));
	CHECK(rc == -ENAMETOOLONG, "a 256-byte file, no newline, name to the end: -ENAMETOOLONG");
	rc = script_long(7, " ", 600, interp, sizeof(interp), arg, sizeof(arg));
	CHECK(rc == 0 && strlen(interp) == 7 && strlen(arg) == 255 - 10,
	      "a long argument is cut at the first line's limit (%zu bytes)", strlen(arg));
	rc = script_long(7, "\n", 100, interp, 8, arg, 1);
	CHECK(rc == 0 && strlen(interp) == 7, "interp buffer of exactly name + NUL");
	rc = script_long(7, "\n", 100, interp, 7, arg, 1);
	CHECK(rc == -ENAMETOOLONG, "interp buffer one byte short: -ENAMETOOLONG");
	b = "#!/bin/sh -eux\n";
	rc = script_parse(b, strlen(b), interp, sizeof(interp), arg, 4);
	CHECK(rc == -ENAMETOOLONG, "argument buffer too small: -ENAMETOOLONG");
	rc = script_parse(b, strlen(b), interp, sizeof(interp), arg, 5);
	CHECK(rc == 0 && !strcmp(arg, "-eux"), "argument buffer of exactly arg + NUL");
}

static void test_script_fuzz(void)
{
	static const char alphabet[] = "#! \t\n\r\0/abc";
	char interp[256], arg[256], *b;
	int i, bad = 0, ok = 0, rc;
	size_t len, j;

	for (i = 0; i < 20000; i++) {
		len = rnd() % 300;
		b = malloc(len + 1);
		for (j = 0; j < len; j++)
			b[j] = alphabet[rnd() % (sizeof(alphabet) - 1)];
		if (len >= 2 && rnd() % 4) {
			b[0] = '#';
			b[1] = '!';
		}
		rc = script_parse(b, len, interp, sizeof(interp), arg, sizeof(arg));
		if (rc == 0) {
			ok++;
			bad += !interp[0] || strpbrk(interp, " \t\n") || strchr(arg, '\n') ||
			       (arg[0] && strchr(" \t", arg[strlen(arg) - 1]));
		} else {
			bad += rc != -ENOEXEC && rc != -ENAMETOOLONG;
		}
		free(b);
	}
	CHECK(!bad && ok, "script fuzz: 20000 random lines, %d accepted, all well formed", ok);
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');

	snprintf(dir, sizeof(dir), "%.*s/elf-bins", slash ? (int)(slash - argv[0]) : 1,
		 slash ? argv[0] : ".");
	setvbuf(stdout, NULL, _IOLBF, 0);	/* every line out before a sanitizer report */
	if (sh("mkdir -p %s", dir))
		CHECK(0, "mkdir %s", dir);
	test_real_binaries();
	test_synthetic_good();
	test_refusals();
	test_too_many_loads();
	test_stack();
	test_stack_limits();
	test_fuzz();
	test_script_cases();
	test_script_lengths();
	test_script_fuzz();
	return test_exit();
}
