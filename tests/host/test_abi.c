/*
 * rivet's user ABI headers (include/uapi/, plus the O_*, S_IF*, PROT_* and
 * MAP_* of linux/fs.h and linux/mm_vma.h) against Linux's riscv64 UAPI
 * headers, and the generated system-call table with kernel/sys_ni.c.
 * rivet's values and layouts are measured by the kernel's compiler (asm
 * operands in a -S file); a generated file of _Static_asserts over Linux's
 * headers must then compile with riscv64-linux-gnu-gcc, and a copy with one
 * value and one offset off by one must not. Leaves out: ptrace's layouts.
 */
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include "capture.h"
#include "test.h"

#define UCC	"riscv64-linux-gnu-gcc"

/* rivet's ABI headers, each after the ones it includes (a name belongs to the first that defines it). */
static const char *const mine_headers[] = {
	"uapi/errno.h", "uapi/unistd.h", "uapi/time.h", "uapi/resource.h",
	"uapi/signal.h", "uapi/sigcontext.h", "uapi/ucontext.h", "uapi/stat.h",
	"uapi/dirent.h", "uapi/utsname.h", "uapi/termbits.h", "uapi/ioctl.h",
	"uapi/mman.h", "uapi/fcntl.h", "uapi/sched.h", "uapi/wait.h",
	"uapi/futex.h", "uapi/poll.h", "uapi/reboot.h", "uapi/random.h",
	"uapi/statfs.h",
};
/* ABI constants kept in kernel headers (one definition each). */
static const char *const kernel_headers[] = { "linux/fs.h", "linux/mm_vma.h" };
static const char kernel_abi_re[] = "^(O_[A-Z]+|__O_SYNC|SEEK_[A-Z]+|S_IF[A-Z]+|"
	"S_IS[UG]ID|S_ISVTX|S_IRWX[UGO]|S_I[RWX](USR|GRP|OTH)|MS_REMOUNT|PROT_[A-Z]+|MAP_[A-Z]+)$";

/* Linux's UAPI headers, as Debian's libc6-dev-riscv64-cross installs them. */
static const char *const theirs_headers[] = {
	"asm/unistd.h", "asm/errno.h", "asm/stat.h", "linux/stat.h",
	"asm/sigcontext.h", "asm/signal.h", "linux/signal.h", "asm/siginfo.h",
	"asm/ucontext.h", "asm/termbits.h", "asm/termios.h", "asm/ioctls.h",
	"linux/fs.h", "asm/mman.h", "linux/mman.h", "linux/fcntl.h", "linux/sched.h",
	"linux/wait.h", "linux/futex.h", "linux/time.h", "linux/time_types.h",
	"linux/times.h", "linux/resource.h", "linux/utsname.h", "linux/poll.h",
	"linux/reboot.h", "linux/random.h", "asm/statfs.h",
};

/* Every name of these groups in Linux's header must be in rivet's too. */
static const struct { const char *header, *re; } complete[] = {
	{ "asm/unistd.h", "^__NR_" },
	{ "asm/errno.h", "^E[A-Z0-9]+$" },
	{ "asm/signal.h", "^SIG[A-Z0-9]+$" },
	{ "linux/sched.h", "^CLONE_[A-Z_]+$" },
	{ "asm/resource.h", "^RLIMIT_" },
};

/* Struct layouts: rivet's type, Linux's, the fields ("name[]": offset only; "mine=theirs": renamed). glibc: Linux has no UAPI type. */
struct layout {
	const char *mine, *theirs, *fields;
	bool glibc;
};
static const struct layout layouts[] = {
	{ "struct stat", "struct stat", "st_dev st_ino st_mode st_nlink st_uid st_gid st_rdev "
	  "__pad1 st_size st_blksize __pad2 st_blocks st_atime st_atime_nsec st_mtime "
	  "st_mtime_nsec st_ctime st_ctime_nsec __unused4 __unused5", false },
	{ "struct statx_timestamp", "struct statx_timestamp", "tv_sec tv_nsec __reserved", false },
	{ "struct statx", "struct statx", "stx_mask stx_blksize stx_attributes stx_nlink stx_uid "
	  "stx_gid stx_mode stx_ino stx_size stx_blocks stx_attributes_mask stx_atime stx_btime "
	  "stx_ctime stx_mtime stx_rdev_major stx_rdev_minor stx_dev_major stx_dev_minor "
	  "stx_mnt_id stx_dio_mem_align stx_dio_offset_align __spare3", false },
	{ "struct linux_dirent64", "struct dirent64", "d_ino d_off d_reclen d_type d_name[]", true },
	{ "struct statfs", "struct statfs", "f_type f_bsize f_blocks f_bfree f_bavail f_files "
	  "f_ffree f_fsid f_namelen f_frsize f_flags f_spare", false },
	{ "struct __kernel_timespec", "struct __kernel_timespec", "tv_sec tv_nsec", false },
	{ "struct timespec", "struct timespec", "tv_sec tv_nsec", false },
	{ "struct timeval", "struct timeval", "tv_sec tv_usec", false },
	{ "struct timezone", "struct timezone", "tz_minuteswest tz_dsttime", false },
	{ "struct itimerspec", "struct itimerspec", "it_interval it_value", false },
	{ "struct itimerval", "struct itimerval", "it_interval it_value", false },
	{ "struct tms", "struct tms", "tms_utime tms_stime tms_cutime tms_cstime", false },
	{ "struct rusage", "struct rusage", "ru_utime ru_stime ru_maxrss ru_ixrss ru_idrss "
	  "ru_isrss ru_minflt ru_majflt ru_nswap ru_inblock ru_oublock ru_msgsnd ru_msgrcv "
	  "ru_nsignals ru_nvcsw ru_nivcsw", false },
	{ "struct rlimit", "struct rlimit", "rlim_cur rlim_max", false },
	{ "struct rlimit64", "struct rlimit64", "rlim_cur rlim_max", false },
	{ "struct new_utsname", "struct new_utsname",
	  "sysname nodename release version machine domainname", false },
	{ "sigset_t", "sigset_t", "sig", false },
	{ "struct sigaction", "struct sigaction", "sa_handler sa_flags sa_mask", false },
	{ "stack_t", "stack_t", "ss_sp ss_flags ss_size", false },
	{ "siginfo_t", "siginfo_t", "si_signo si_errno si_code si_pid si_uid si_value si_int "
	  "si_ptr si_tid si_overrun si_status si_utime si_stime si_addr si_addr_lsb "
	  "si_band si_fd si_call_addr si_syscall si_arch", false },
	{ "struct user_regs_struct", "struct user_regs_struct", "pc ra sp gp tp t0 t1 t2 s0 s1 "
	  "a0 a1 a2 a3 a4 a5 a6 a7 s2 s3 s4 s5 s6 s7 s8 s9 s10 s11 t3 t4 t5 t6", false },
	{ "struct __riscv_f_ext_state", "struct __riscv_f_ext_state", "f fcsr", false },
	{ "struct __riscv_d_ext_state", "struct __riscv_d_ext_state", "f fcsr", false },
	{ "struct __riscv_q_ext_state", "struct __riscv_q_ext_state", "f fcsr reserved", false },
	{ "union __riscv_fp_state", "union __riscv_fp_state", "f d q", false },
	{ "struct sigcontext", "struct sigcontext", "sc_regs sc_fpregs", false },
	{ "struct ucontext", "struct ucontext",
	  "uc_flags uc_link uc_stack uc_sigmask __sigmask_pad=__unused uc_mcontext", false },
	{ "struct termios", "struct termios", "c_iflag c_oflag c_cflag c_lflag c_line c_cc", false },
	{ "struct termios2", "struct termios2",
	  "c_iflag c_oflag c_cflag c_lflag c_line c_cc c_ispeed c_ospeed", false },
	{ "struct winsize", "struct winsize", "ws_row ws_col ws_xpixel ws_ypixel", false },
	{ "struct pollfd", "struct pollfd", "fd events revents", false },
};

/* What the assertion files perturb by one in the must-fail copy. */
static const char *const perturbed[] = { "__NR_read", "offsetof(struct stat, st_size)" };

/* ---- macro sets (a compiler's -dM output) ---- */

struct macro {
	char name[64];
	const char *group;	/* rivet's header that defines it */
	long long value;	/* measured by the kernel's compiler */
	bool measured;
};
struct macros {
	struct macro *v;
	int n;
};

static int cmp_macro(const void *a, const void *b)
{
	return strcmp(((const struct macro *)a)->name, ((const struct macro *)b)->name);
}

static struct macro *find(const struct macros *m, const char *name)
{
	struct macro key;

	snprintf(key.name, sizeof(key.name), "%s", name);
	return m->n ? bsearch(&key, m->v, m->n, sizeof(*m->v), cmp_macro) : NULL;
}

static void add(struct macros *m, const char *name, const char *group)
{
	m->v = realloc(m->v, (m->n + 1) * sizeof(*m->v));
	memset(&m->v[m->n], 0, sizeof(*m->v));
	snprintf(m->v[m->n].name, sizeof(m->v[0].name), "%s", name);
	m->v[m->n++].group = group;
	qsort(m->v, m->n, sizeof(*m->v), cmp_macro);
}

/* Object-like macros that `cc -E -dM` of "#include <header>" defines; 0 or -1 if cc failed. */
static int dump_macros(const char *cc, const char *flags, const char *header, struct macros *out)
{
	char cmd[4096], line[1024], name[256];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "echo '#include <%s>' | %s %s -E -dM -x c - 2>&1", header, cc, flags);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (fgets(line, sizeof(line), p))
		if (sscanf(line, "#define %255s", name) == 1 && !strchr(name, '(') &&
		    strlen(name) < sizeof(out->v[0].name) && !find(out, name))
			add(out, name, header);
	return pclose(p) == 0 ? 0 : -1;
}

static bool matches(const char *re, const char *s)
{
	regex_t r;
	bool ok;

	regcomp(&r, re, REG_EXTENDED | REG_NOSUB);
	ok = regexec(&r, s, 0, NULL, 0) == 0;
	regfree(&r);
	return ok;
}

/* ---- rivet's side ---- */

static struct macros mine;	/* the constants to check */

/* A name rivet's header defines for user space, not its include guard or a siginfo field. */
static bool is_abi_name(const char *name)
{
	return !matches("^_UAPI_[A-Z_]+_H$", name) && !matches("^[a-z]", name);
}

/* Collects rivet's ABI constants, each under the header defining it. False if a header did not build. */
static bool collect_mine(void)
{
	struct macros base = { 0 }, one;
	size_t i;
	int j;
	bool ok = true;

	ok &= dump_macros(KCC_STR, KCFLAGS_STR, "linux/types.h", &base) == 0;
	for (i = 0; i < sizeof(mine_headers) / sizeof(mine_headers[0]); i++) {
		one = (struct macros){ 0 };
		ok &= dump_macros(KCC_STR, KCFLAGS_STR, mine_headers[i], &one) == 0;
		for (j = 0; j < one.n; j++)
			if (!find(&base, one.v[j].name) && !find(&mine, one.v[j].name) &&
			    is_abi_name(one.v[j].name))
				add(&mine, one.v[j].name, mine_headers[i]);
		free(one.v);
	}
	for (i = 0; i < sizeof(kernel_headers) / sizeof(kernel_headers[0]); i++) {
		one = (struct macros){ 0 };
		ok &= dump_macros(KCC_STR, KCFLAGS_STR, kernel_headers[i], &one) == 0;
		for (j = 0; j < one.n; j++)
			if (matches(kernel_abi_re, one.v[j].name) && !find(&mine, one.v[j].name))
				add(&mine, one.v[j].name, kernel_headers[i]);
		free(one.v);
	}
	free(base.v);
	return ok;
}

/* The layout quantities of one struct: calls emit(key) for sizeof, each offsetof and field size. */
static void layout_keys(const struct layout *l, bool theirs, void (*emit)(FILE *, const char *, const char *),
			FILE *f)
{
	char fields[1024], key[256], expr[256], *field, *save;
	const char *type = theirs ? l->theirs : l->mine;

	snprintf(key, sizeof(key), "sizeof(%s)", l->mine);
	snprintf(expr, sizeof(expr), "sizeof(%s)", type);
	if (!l->glibc)	/* a flexible array: sizes differ by design */
		emit(f, key, expr);
	snprintf(fields, sizeof(fields), "%s", l->fields);
	for (field = strtok_r(fields, " ", &save); field; field = strtok_r(NULL, " ", &save)) {
		bool flex = strstr(field, "[]") != NULL;
		char *name = field, *eq = strchr(field, '=');

		if (flex)
			*strstr(field, "[]") = '\0';
		if (eq) {	/* mine=theirs: the names differ */
			*eq = '\0';
			name = theirs ? eq + 1 : field;
		}
		snprintf(key, sizeof(key), "offsetof(%s, %s)", l->mine, field);
		snprintf(expr, sizeof(expr), "__builtin_offsetof(%s, %s)", type, name);
		emit(f, key, expr);
		if (flex)
			continue;
		snprintf(key, sizeof(key), "sizeof(%s.%s)", l->mine, field);
		snprintf(expr, sizeof(expr), "sizeof(((%s *)0)->%s)", type, name);
		emit(f, key, expr);
	}
}

static void emit_measure(FILE *f, const char *key, const char *expr)
{
	fprintf(f, "\t__asm__ volatile(\"# ABI %%0 %s\" :: \"i\"((long long)(%s)));\n", key, expr);
}

/* Layout values measured on rivet's side, by key. */
static struct macros mine_layout;

/* Measures every constant and layout of rivet's headers with the kernel's compiler. False on failure. */
static bool measure_mine(void)
{
	char path[512], cmd[4096], line[1024], key[256];
	long long value;
	struct macro *m;
	size_t i;
	int j;
	FILE *f;

	snprintf(path, sizeof(path), "%s/mine.c", ABI_DIR);
	f = fopen(path, "w");
	if (!f)
		return false;
	for (i = 0; i < sizeof(mine_headers) / sizeof(mine_headers[0]); i++)
		fprintf(f, "#include <%s>\n", mine_headers[i]);
	for (i = 0; i < sizeof(kernel_headers) / sizeof(kernel_headers[0]); i++)
		fprintf(f, "#include <%s>\n", kernel_headers[i]);
	fprintf(f, "void abi_measure(void);\nvoid abi_measure(void)\n{\n");
	for (j = 0; j < mine.n; j++)
		emit_measure(f, mine.v[j].name, mine.v[j].name);
	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
		layout_keys(&layouts[i], false, emit_measure, f);
	fprintf(f, "}\n");
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s %s -S -o %s/mine.s %s 2>&1", KCC_STR, KCFLAGS_STR, ABI_DIR, path);
	if (system(cmd) != 0)
		return false;
	snprintf(path, sizeof(path), "%s/mine.s", ABI_DIR);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		char *s = strstr(line, "# ABI ");

		if (!s || sscanf(s, "# ABI %lld %255[^\n]", &value, key) != 2)
			continue;
		m = find(&mine, key);
		if (!m) {
			add(&mine_layout, key, "layout");
			m = find(&mine_layout, key);
		}
		m->value = value;
		m->measured = true;
	}
	fclose(f);
	return true;
}

/* ---- Linux's side ---- */

static struct macros theirs;

static long long perturbation(const char *key, bool perturb)
{
	size_t i;

	for (i = 0; perturb && i < sizeof(perturbed) / sizeof(perturbed[0]); i++)
		if (!strcmp(key, perturbed[i]))
			return 1;
	return 0;
}

static bool assert_perturb;
static FILE *assert_glibc;	/* where glibc layouts go */

static void emit_assert(FILE *f, const char *key, const char *expr)
{
	struct macro *m = find(&mine_layout, key);

	if (m && m->measured)
		fprintf(f, "_Static_assert((long long)(%s) == %lldLL, \"%s\");\n", expr,
			m->value + perturbation(key, assert_perturb), key);
}

/* Writes the assertion files (Linux UAPI, glibc) for every measured value present on both sides. */
static void write_asserts(const char *name, bool perturb)
{
	char path[512];
	size_t i;
	int j;
	FILE *f;

	assert_perturb = perturb;
	snprintf(path, sizeof(path), "%s/%s.c", ABI_DIR, name);
	f = fopen(path, "w");
	fprintf(f, "#include <stddef.h>\n");
	for (i = 0; i < sizeof(theirs_headers) / sizeof(theirs_headers[0]); i++)
		fprintf(f, "#include <%s>\n", theirs_headers[i]);
	for (j = 0; j < mine.n; j++)
		if (mine.v[j].measured && find(&theirs, mine.v[j].name))
			fprintf(f, "_Static_assert((long long)(%s) == %lldLL, \"%s\");\n", mine.v[j].name,
				mine.v[j].value + perturbation(mine.v[j].name, perturb), mine.v[j].name);
	snprintf(path, sizeof(path), "%s/%s_glibc.c", ABI_DIR, name);
	assert_glibc = fopen(path, "w");
	fprintf(assert_glibc, "#define _GNU_SOURCE\n#include <dirent.h>\n");
	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
		layout_keys(&layouts[i], true, emit_assert, layouts[i].glibc ? assert_glibc : f);
	fclose(assert_glibc);
	fclose(f);
}

/* Compiles ABI_DIR/name.c and name_glibc.c with UCC; the failed assertions' keys into @failed. 0 if both built. */
static int compile_asserts(const char *name, struct macros *failed)
{
	static const char *const suffix[] = { "", "_glibc" };
	char cmd[1024], line[2048];
	int status = 0;
	size_t i;

	for (i = 0; i < 2; i++) {
		FILE *p;

		snprintf(cmd, sizeof(cmd), "%s -c -o /dev/null %s/%s%s.c 2>&1", UCC, ABI_DIR, name, suffix[i]);
		p = popen(cmd, "r");
		while (fgets(line, sizeof(line), p)) {
			char *s = strstr(line, "static assertion failed: \"");

			if (s) {
				s += strlen("static assertion failed: \"");
				s[strcspn(s, "\"")] = '\0';
				if (!find(failed, s))
					add(failed, s, "failed");
			} else if (strstr(line, "error:")) {
				printf("# %s", line);
			}
		}
		status |= pclose(p);
	}
	return status;
}

/* ---- the checks ---- */

static void check_names(void)
{
	size_t i;
	int j, missing, extra = 0;

	for (j = 0; j < mine.n; j++)
		if (!find(&theirs, mine.v[j].name)) {
			extra++;
			CHECK_QUIET(0, "%s (%s) is not in Linux's headers", mine.v[j].name, mine.v[j].group);
		}
	CHECK(extra == 0, "all %d of rivet's ABI constants exist in Linux's riscv64 UAPI headers", mine.n);
	for (i = 0; i < sizeof(complete) / sizeof(complete[0]); i++) {
		struct macros one = { 0 };
		int n = 0;

		missing = 0;

		dump_macros(UCC, "", complete[i].header, &one);
		for (j = 0; j < one.n; j++) {
			if (!matches(complete[i].re, one.v[j].name))
				continue;
			n++;
			if (!find(&mine, one.v[j].name)) {
				missing++;
				CHECK_QUIET(0, "%s of <%s> is missing", one.v[j].name, complete[i].header);
			}
		}
		CHECK(n > 0 && missing == 0, "rivet has every one of the %d %s names of <%s>", n,
		      complete[i].re, complete[i].header);
		free(one.v);
	}
}

/* One line per rivet header: how many of its values Linux agrees with. */
static void check_values(const struct macros *failed)
{
	size_t i;
	int j;

	for (i = 0; i < sizeof(mine_headers) / sizeof(mine_headers[0]) + 2; i++) {
		const char *h = i < sizeof(mine_headers) / sizeof(mine_headers[0]) ? mine_headers[i] :
				kernel_headers[i - sizeof(mine_headers) / sizeof(mine_headers[0])];
		int n = 0, bad = 0;

		for (j = 0; j < mine.n; j++) {
			if (strcmp(mine.v[j].group, h))
				continue;
			n++;
			if (!mine.v[j].measured || find(failed, mine.v[j].name)) {
				bad++;
				CHECK_QUIET(0, "%s: rivet's value %lld is not Linux's", mine.v[j].name,
					    mine.v[j].value);
			}
		}
		if (n)	/* a header of structs only, or names another header defined first */
			CHECK(bad == 0, "<%s>: %d constants, all equal to Linux's", h, n);
	}
}

static void check_layouts(const struct macros *failed)
{
	size_t i, len;
	int j, n, bad;

	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
		n = bad = 0;
		for (j = 0; j < mine_layout.n; j++) {
			const char *k = mine_layout.v[j].name, *t = strchr(k, '(') + 1;

			len = strlen(layouts[i].mine);
			if (strncmp(t, layouts[i].mine, len) || (t[len] != ')' && t[len] != ',' && t[len] != '.'))
				continue;
			n++;
			if (find(failed, k)) {
				bad++;
				CHECK_QUIET(0, "%s: rivet's %lld is not Linux's", k, mine_layout.v[j].value);
			}
		}
		CHECK(n > 0 && bad == 0, "%s: %d sizes and offsets equal to %s's", layouts[i].mine, n,
		      layouts[i].glibc ? "glibc" : "Linux");
	}
}

static void check_abi(void)
{
	struct macros failed = { 0 }, bad = { 0 };
	char cmd[512], flags[2048];
	int status, n;
	size_t i;

	snprintf(cmd, sizeof(cmd), "mkdir -p %s", ABI_DIR);
	CHECK(system(cmd) == 0, "made %s", ABI_DIR);
	CHECK(collect_mine(), "rivet's ABI headers build with the kernel's compiler and flags");
	CHECK(measure_mine(), "the kernel's compiler measured %d constants and %d layout values "
	      "(%s/mine.s)", mine.n, mine_layout.n, ABI_DIR);
	for (i = 0, n = 0; i < sizeof(theirs_headers) / sizeof(theirs_headers[0]); i++)
		n += snprintf(flags + n, sizeof(flags) - n, "-include %s ", theirs_headers[i]);
	CHECK(dump_macros(UCC, flags, "linux/types.h", &theirs) == 0,
	      "Linux's UAPI headers preprocess with " UCC " (%d macros)", theirs.n);
	check_names();

	write_asserts("check", false);
	status = compile_asserts("check", &failed);
	CHECK(status == 0, "%s/check.c and check_glibc.c: every _Static_assert holds under " UCC, ABI_DIR);
	check_values(&failed);
	check_layouts(&failed);

	/* The must-fail control: the same files with one number and one offset off by one. */
	write_asserts("check_perturbed", true);
	status = compile_asserts("check_perturbed", &bad);
	CHECK(status != 0 && bad.n == 2 && find(&bad, perturbed[0]) && find(&bad, perturbed[1]),
	      "with %s and %s off by one, exactly those two assertions fail (%d)", perturbed[0],
	      perturbed[1], bad.n);
	for (i = 0; i < (size_t)bad.n; i++)
		if (!find(&failed, bad.v[i].name) && perturbation(bad.v[i].name, true) == 0)
			printf("# unexpected failure: %s\n", bad.v[i].name);
	free(failed.v);
	free(bad.v);
}

/* ---- the generated table and kernel/sys_ni.c ---- */

/* Every "#define __NR_name N" call of uapi/unistd.h names entry N, and no other entry has a name. */
static void check_table_names(void)
{
	char line[256], name[64];
	bool named[__NR_syscalls] = { false };
	int nr, calls = 0, bad = 0, ni = 0;
	FILE *f = fopen("include/uapi/unistd.h", "r");

	CHECK(sizeof(sys_call_table) / sizeof(sys_call_table[0]) == __NR_syscalls &&
	      __NR_syscalls == 451, "the table has __NR_syscalls (%d) entries", __NR_syscalls);
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "#define __NR_%63s %d", name, &nr) != 2 ||
		    !strcmp(name, "syscalls") || !strcmp(name, "arch_specific_syscall"))
			continue;
		calls++;
		named[nr] = true;
		if (!sys_call_names[nr] || strcmp(sys_call_names[nr], name)) {
			bad++;
			CHECK_QUIET(0, "entry %d is named %s, not %s", nr, sys_call_names[nr], name);
		}
	}
	if (f)
		fclose(f);
	for (nr = 0; nr < __NR_syscalls; nr++) {
		if (!named[nr] && sys_call_names[nr]) {
			bad++;
			CHECK_QUIET(0, "unassigned entry %d is named %s", nr, sys_call_names[nr]);
		}
		ni += sys_call_table[nr] == sys_ni_syscall;
	}
	CHECK(calls == 306 && bad == 0, "%d calls, each entry named as its number; gaps unnamed", calls);
	CHECK(ni == __NR_syscalls, "with an empty list every entry is sys_ni_syscall (%d)", ni);
	CHECK(!strcmp(sys_call_names[__NR_openat], "openat") && !strcmp(sys_call_names[63], "read") &&
	      !strcmp(sys_call_names[259], "riscv_flush_icache") && !sys_call_names[38],
	      "spot checks: 56 openat, 63 read, 259 riscv_flush_icache, 38 unassigned");
}

/* invoke_syscall on unimplemented numbers: -ENOSYS, one log line per number. */
static void check_ni_log(void)
{
	static const unsigned long nrs[] = { __NR_getpid, __NR_getpid, 38, __NR_read, 1000, 5000,
					     __NR_getpid, __NR_read };
	const char *want = "rivet: system call 172 (getpid) is not implemented\n"
			   "rivet: system call 38 (unassigned) is not implemented\n"
			   "rivet: system call 63 (read) is not implemented\n"
			   "rivet: system call 1000 (unassigned) is not implemented\n";
	const char *got;
	int enosys = 0;
	size_t i;

	capture_begin();
	for (i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++)
		enosys += invoke_syscall(nrs[i], 1, 2, 3, 4, 5, 6) == -ENOSYS;
	got = capture_end();
	CHECK(enosys == (int)(sizeof(nrs) / sizeof(nrs[0])), "every unimplemented call returns -ENOSYS");
	CHECK(!strcmp(got, want), "logged once per number, and once in all past the table");
	if (strcmp(got, want))
		printf("# logged:\n%s# wanted:\n%s", got, want);
	CHECK(sys_ni_syscall(0, 0, 0, 0, 0, 0) == -ENOSYS, "sys_ni_syscall itself returns -ENOSYS");
}

/* Runs the generator on a list file holding @list; its exit status. */
static int gensyscalls(const char *list, const char *out)
{
	char path[512], cmd[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/test.list", ABI_DIR);
	f = fopen(path, "w");
	fputs(list, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "python3 scripts/gensyscalls.py include/uapi/unistd.h %s %s "
		 "2>/dev/null", out, path);
	return system(cmd);
}

static void check_generator(void)
{
	char out[512], cmd[1024], text[65536];
	size_t n = 0;
	FILE *f;

	snprintf(out, sizeof(out), "%s/table_getpid.c", ABI_DIR);
	CHECK(gensyscalls("# a comment\ngetpid\n\nexit_group  # trailing\n", out) == 0,
	      "gensyscalls.py takes a list with comments and blank lines");
	f = fopen(out, "r");
	if (f) {
		n = fread(text, 1, sizeof(text) - 1, f);
		fclose(f);
	}
	text[n] = '\0';
	CHECK(strstr(text, "\t[172] = sys_getpid,\t/* getpid */") &&
	      strstr(text, "\t[94] = sys_exit_group,") && strstr(text, "SYSCALL_DEFINE(getpid);") &&
	      strstr(text, "\t[173] = sys_ni_syscall,\t/* getppid */"),
	      "a listed call gets its own entry and declaration, its neighbours stay sys_ni_syscall");
	snprintf(cmd, sizeof(cmd), "%s %s -c -o /dev/null %s", KCC_STR, KCFLAGS_STR, out);
	CHECK(system(cmd) == 0, "that table builds with the kernel's compiler and flags");
	CHECK(gensyscalls("getpid\nno_such_call\n", out) != 0, "an unknown name is refused");
	CHECK(gensyscalls("getpid\ngetpid\n", out) != 0, "a name listed twice is refused");
	snprintf(cmd, sizeof(cmd), "printf 'getpid\\n' > %s/a.list && printf 'getppid\\n' > %s/b.list && "
		 "python3 scripts/gensyscalls.py include/uapi/unistd.h %s %s/a.list %s/b.list",
		 ABI_DIR, ABI_DIR, out, ABI_DIR, ABI_DIR);
	CHECK(system(cmd) == 0, "two subsystems' lists make one table");
	snprintf(cmd, sizeof(cmd), "printf 'getpid\\n' > %s/b.list && "
		 "python3 scripts/gensyscalls.py include/uapi/unistd.h %s %s/a.list %s/b.list 2>/dev/null",
		 ABI_DIR, out, ABI_DIR, ABI_DIR);
	CHECK(system(cmd) != 0, "a name in two subsystems' lists is refused");
}

int main(void)
{
	check_abi();
	check_table_names();
	check_ni_log();
	check_generator();
	free(mine.v);
	free(mine_layout.v);
	free(theirs.v);
	return test_exit();
}
