/*
 * The machine description: reads from the DTB what rivet needs before it
 * has devices (memory, reservations, /chosen, CPUs, timebase) into struct
 * machine_desc. Property meanings follow the Devicetree Specification v0.4
 * ch. 3 and the Linux riscv,cpus binding. Leaves out devices: drivers bind
 * to their own nodes (drivers/base/platform.c).
 */
#include <linux/of_machine.h>
#include <linux/fdt.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

/* Prints why the scan stopped and returns -EINVAL. */
static int scan_fail(const char *what, int err)
{
	pr_err("fdt: %s: %s\n", what,
	       err == -EINVAL ? fdt_errmsg() : "missing or malformed");
	return -EINVAL;
}

/* Copies src into dst[size], cutting it if needed; true if it was cut. */
static bool copy_str(char *dst, size_t size, const char *src)
{
	size_t n = src ? strlen(src) : 0;
	bool cut = n >= size;

	if (cut)
		n = size - 1;
	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
	return cut;
}

/* Is string property name of node present and equal to val? */
static bool prop_is(const void *fdt, int node, const char *name,
		    const char *val)
{
	const char *s = fdt_getprop_string(fdt, node, name);

	return s && !strcmp(s, val);
}

/* ---- memory and reservations --------------------------------------------- */

/* Every reg entry of every available top-level node of device_type memory. */
static int scan_memory(const void *fdt, struct machine_desc *m)
{
	int root = fdt_path_offset(fdt, "/"), node, n, i, err;
	u64 base, size;

	fdt_for_each_subnode(node, fdt, root) {
		if (!prop_is(fdt, node, "device_type", "memory") ||
		    !fdt_node_is_available(fdt, node))
			continue;
		n = fdt_reg_count(fdt, node);
		if (n < 0)
			return scan_fail("memory reg", n);
		for (i = 0; i < n; i++) {
			err = fdt_read_reg(fdt, node, i, &base, &size);
			if (err)
				return scan_fail("memory reg", err);
			if (size == 0)
				continue;
			if (m->nr_mem == MACHINE_MAX_MEM) {
				pr_warn("fdt: more than %d memory ranges, rest ignored\n",
					MACHINE_MAX_MEM);
				return 0;
			}
			m->mem[m->nr_mem++] = (struct machine_range){ base, size };
		}
	}
	if (m->nr_mem == 0) {
		pr_err("fdt: no memory node\n");
		return -EINVAL;
	}
	return 0;
}

/* Append one reserved range to m; -EINVAL (and a message) when m is full. */
static int add_rsv(struct machine_desc *m, u64 base, u64 size,
		   const char *name, bool no_map)
{
	struct machine_rsv *r;

	if (m->nr_rsv == MACHINE_MAX_RSV) {
		pr_err("fdt: more than %d reserved ranges\n", MACHINE_MAX_RSV);
		return -EINVAL;
	}
	r = &m->rsv[m->nr_rsv++];
	r->base = base;
	r->size = size;
	r->no_map = no_map;
	copy_str(r->name, sizeof(r->name), name);
	return 0;
}

/* The reservation block, then each available /reserved-memory child with a
 * reg (children with only a size are placed by the OS: none here). */
static int scan_reserved(const void *fdt, struct machine_desc *m)
{
	int n = fdt_num_mem_rsv(fdt), i, node, child, err;
	u64 base, size;

	for (i = 0; i < n; i++) {
		fdt_get_mem_rsv(fdt, i, &base, &size);
		if (add_rsv(m, base, size, "/memreserve/", false))
			return -EINVAL;
	}
	node = fdt_path_offset(fdt, "/reserved-memory");
	if (node < 0)
		return node == -ENOENT ? 0 : scan_fail("/reserved-memory", node);
	fdt_for_each_subnode(child, fdt, node) {
		if (!fdt_node_is_available(fdt, child))
			continue;
		n = fdt_reg_count(fdt, child);
		if (n < 0 && n != -ENOENT)
			return scan_fail("reserved-memory reg", n);
		for (i = 0; i < n; i++) {
			err = fdt_read_reg(fdt, child, i, &base, &size);
			if (err)
				return scan_fail("reserved-memory reg", err);
			if (add_rsv(m, base, size, fdt_get_name(fdt, child, NULL),
				    fdt_getprop(fdt, child, "no-map", NULL) != NULL))
				return -EINVAL;
		}
	}
	return 0;
}

/* ---- /chosen ------------------------------------------------------------- */

/* stdout-path = "serial0:115200n8", or linux,stdout-path; NULL if none. */
static const char *stdout_path_prop(const void *fdt, int chosen)
{
	const char *s = fdt_getprop_string(fdt, chosen, "stdout-path");

	return s ? s : fdt_getprop_string(fdt, chosen, "linux,stdout-path");
}

/*
 * The node /chosen's stdout-path names (options after ':' cut off; an
 * alias or a path): its offset or -ENOENT; *opts = the options or NULL.
 */
int fdt_stdout_offset(const void *fdt, const char **opts)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), off;
	const char *s = chosen >= 0 ? stdout_path_prop(fdt, chosen) : NULL;
	const char *colon = s ? strchr(s, ':') : NULL;

	if (opts)
		*opts = colon ? colon + 1 : NULL;
	if (!s)
		return -ENOENT;
	off = fdt_path_offset_namelen(fdt, s, colon ? colon - s : (int)strlen(s));
	return off >= 0 ? off : -ENOENT;
}

/* The stdout node's offset, path and options into m. */
static void scan_stdout_path(const void *fdt, int chosen, struct machine_desc *m)
{
	const char *s = stdout_path_prop(fdt, chosen), *opts;

	if (!s)
		return;
	m->stdout_node = fdt_stdout_offset(fdt, &opts);
	copy_str(m->stdout_opts, sizeof(m->stdout_opts), opts);
	if (m->stdout_node < 0 ||
	    fdt_get_path(fdt, m->stdout_node, m->stdout_path, sizeof(m->stdout_path))) {
		pr_warn("fdt: stdout-path \"%s\" does not resolve\n", s);
		m->stdout_node = -1;
		m->stdout_path[0] = '\0';
	}
}

/*
 * /chosen: bootargs (cut to fit, with a warning), stdout-path, the initrd
 * range and boot-hartid. All optional; -EINVAL only for a malformed one.
 */
static int scan_chosen(const void *fdt, struct machine_desc *m)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), e1, e2;
	const char *args;

	if (chosen < 0)
		return chosen == -ENOENT ? 0 : scan_fail("/chosen", chosen);
	args = fdt_getprop_string(fdt, chosen, "bootargs");
	if (copy_str(m->bootargs, sizeof(m->bootargs), args))
		pr_warn("fdt: bootargs cut to %d bytes\n", MACHINE_CMDLINE_LEN - 1);
	scan_stdout_path(fdt, chosen, m);
	e1 = fdt_getprop_u64(fdt, chosen, "linux,initrd-start", &m->initrd_start);
	e2 = fdt_getprop_u64(fdt, chosen, "linux,initrd-end", &m->initrd_end);
	if (e1 == -EINVAL || e2 == -EINVAL)
		return scan_fail("linux,initrd-start/end", -EINVAL);
	m->has_initrd = !e1 && !e2 && m->initrd_end > m->initrd_start;
	e1 = fdt_getprop_u32(fdt, chosen, "boot-hartid", &m->boot_hartid);
	if (e1 == -EINVAL)
		return scan_fail("boot-hartid", e1);
	m->has_boot_hartid = e1 == 0;
	return 0;
}

/* ---- CPUs ---------------------------------------------------------------- */

/* Phandle of cpu's riscv,cpu-intc child, 0 if it has none. */
static u32 cpu_intc_phandle(const void *fdt, int cpu)
{
	int child;

	fdt_for_each_subnode(child, fdt, cpu)
		if (fdt_node_check_compatible(fdt, child, "riscv,cpu-intc") == 0)
			return fdt_get_phandle(fdt, child);
	return 0;
}

/*
 * One cpu node into c: hart id (reg), status, MMU type, ISA string and
 * interrupt-controller phandle. -EINVAL for a missing or > 32-bit reg.
 */
static int scan_one_cpu(const void *fdt, int node, struct machine_cpu *c)
{
	const char *mmu = fdt_getprop_string(fdt, node, "mmu-type");
	u64 hartid, unused;
	int err = fdt_read_reg(fdt, node, 0, &hartid, &unused);

	if (err || hartid > 0xffffffffu)
		return scan_fail("cpu reg", err ? err : -ERANGE);
	c->hartid = hartid;
	c->okay = fdt_node_is_available(fdt, node);
	c->has_mmu = mmu && strcmp(mmu, "riscv,none");
	copy_str(c->mmu_type, sizeof(c->mmu_type), mmu);
	copy_str(c->isa, sizeof(c->isa), fdt_getprop_string(fdt, node, "riscv,isa"));
	c->intc_phandle = cpu_intc_phandle(fdt, node);
	return 0;
}

/* timebase-frequency lives in /cpus, or (older trees) in each cpu node. */
static int scan_cpus(const void *fdt, struct machine_desc *m)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, err;
	struct machine_cpu *c;

	if (cpus < 0)
		return scan_fail("/cpus", cpus);
	err = fdt_getprop_u64(fdt, cpus, "timebase-frequency", &m->timebase_frequency);
	if (err == -EINVAL)
		return scan_fail("timebase-frequency", err);
	fdt_for_each_subnode(node, fdt, cpus) {
		if (!prop_is(fdt, node, "device_type", "cpu"))
			continue;
		if (m->nr_cpus == MACHINE_MAX_CPUS) {
			pr_warn("fdt: more than %d cpus, rest ignored\n", MACHINE_MAX_CPUS);
			break;
		}
		c = &m->cpu[m->nr_cpus];
		if (scan_one_cpu(fdt, node, c))
			return -EINVAL;
		if (!m->timebase_frequency)
			fdt_getprop_u64(fdt, node, "timebase-frequency",
					&m->timebase_frequency);
		m->nr_cpus++;
		m->nr_usable_harts += c->okay && c->has_mmu;
	}
	return 0;
}

/* ---- entry points -------------------------------------------------------- */

/*
 * Fill m from the blob (size bytes readable): memory, reservations,
 * /chosen, cpus. 0 with m->fdt = fdt, or -EINVAL after printing why (m
 * then holds what was read before the error, m->fdt NULL). Boot CPU.
 */
int fdt_scan_machine(const void *fdt, size_t size, struct machine_desc *m)
{
	int err;

	memset(m, 0, sizeof(*m));
	m->stdout_node = -1;
	err = fdt_check_full(fdt, size);
	if (err)
		return scan_fail("bad device tree", err);
	copy_str(m->model, sizeof(m->model),
		 fdt_getprop_string(fdt, fdt_path_offset(fdt, "/"), "model"));
	err = scan_memory(fdt, m);
	if (!err)
		err = scan_reserved(fdt, m);
	if (!err)
		err = scan_chosen(fdt, m);
	if (!err)
		err = scan_cpus(fdt, m);
	if (!err)
		m->fdt = fdt;
	return err;
}

/* Hart id of the cpu whose riscv,cpu-intc child has phandle ph, or -ENOENT. */
int machine_hart_of_intc(const struct machine_desc *m, u32 ph)
{
	int i;

	for (i = 0; ph && i < m->nr_cpus; i++)
		if (m->cpu[i].intc_phandle == ph && m->cpu[i].hartid <= 0x7fffffff)
			return m->cpu[i].hartid;
	return -ENOENT;
}

/* The boot log's cpu lines: a summary, then one per cpu node. */
static void print_cpus(const struct machine_desc *m)
{
	const struct machine_cpu *c;
	int i;

	pr_info("cpus: %d nodes, %d usable harts, timebase %lu Hz\n", m->nr_cpus,
		m->nr_usable_harts, (unsigned long)m->timebase_frequency);
	for (i = 0; i < m->nr_cpus; i++) {
		c = &m->cpu[i];
		pr_info("  hart %u: %s %s %s\n", c->hartid,
			c->okay ? "okay" : "disabled",
			c->has_mmu ? c->mmu_type : "no-mmu", c->isa);
	}
}

/* One line per fact, at KERN_INFO; for the boot log. */
void machine_desc_print(const struct machine_desc *m)
{
	const struct machine_rsv *r;
	int i;

	pr_info("Machine model: %s\n", m->model[0] ? m->model : "(none)");
	for (i = 0; i < m->nr_mem; i++)
		pr_info("memory: 0x%016llx-0x%016llx (%llu MiB)\n",
			(unsigned long long)m->mem[i].base,
			(unsigned long long)(m->mem[i].base + m->mem[i].size - 1),
			(unsigned long long)(m->mem[i].size >> 20));
	for (i = 0; i < m->nr_rsv; i++) {
		r = &m->rsv[i];
		pr_info("reserved: 0x%016llx-0x%016llx %s%s\n",
			(unsigned long long)r->base,
			(unsigned long long)(r->base + r->size - 1), r->name,
			r->no_map ? " no-map" : "");
	}
	pr_info("chosen: bootargs \"%s\" stdout %s%s%s\n", m->bootargs,
		m->stdout_path[0] ? m->stdout_path : "(none)",
		m->stdout_opts[0] ? ":" : "", m->stdout_opts);
	if (m->has_initrd)
		pr_info("initrd: 0x%lx-0x%lx\n", (unsigned long)m->initrd_start,
			(unsigned long)m->initrd_end);
	print_cpus(m);
}
