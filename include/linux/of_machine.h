/*
 * lib/fdt_scan.c: what rivet needs from the device tree before it has
 * devices (memory, reservations, /chosen, cpus, timebase), gathered in one
 * plain struct (fixed arrays, strings copied, nothing allocated). Devices
 * (UART, PLIC, virtio, SD hosts) are not here: their drivers bind to their
 * nodes (<linux/platform_device.h>, docs/drivers.md).
 */
#ifndef _LINUX_OF_MACHINE_H
#define _LINUX_OF_MACHINE_H

#include <linux/types.h>

#define MACHINE_MAX_MEM		16
#define MACHINE_MAX_RSV		32
#define MACHINE_MAX_CPUS	16	/* cpu nodes; hart ids must be below */
#define MACHINE_NAME_LEN	48
#define MACHINE_CMDLINE_LEN	1024

struct machine_range {
	u64 base, size;
};

struct machine_rsv {
	u64 base, size;
	char name[MACHINE_NAME_LEN];	/* "/memreserve/" or the node name */
	bool no_map;			/* must not be in the linear map */
};

struct machine_cpu {
	u32 hartid;			/* reg */
	bool okay;			/* status okay or absent */
	bool has_mmu;			/* has mmu-type */
	char mmu_type[16];		/* "riscv,sv39", "" if none */
	char isa[96];			/* riscv,isa */
	u32 intc_phandle;		/* its riscv,cpu-intc child, 0 if none */
};

struct machine_desc {
	const void *fdt;			/* the blob scanned (drivers read it later) */
	char model[MACHINE_NAME_LEN * 2];	/* "" if absent */

	struct machine_range mem[MACHINE_MAX_MEM];
	int nr_mem;
	struct machine_rsv rsv[MACHINE_MAX_RSV];
	int nr_rsv;

	/* /chosen */
	char bootargs[MACHINE_CMDLINE_LEN];
	char stdout_path[MACHINE_NAME_LEN * 2];	/* resolved node path */
	char stdout_opts[16];			/* "115200n8", "" if none */
	int stdout_node;			/* DTB offset, -1 if none */
	bool has_initrd;
	u64 initrd_start, initrd_end;
	bool has_boot_hartid;
	u32 boot_hartid;

	u64 timebase_frequency;
	struct machine_cpu cpu[MACHINE_MAX_CPUS];
	int nr_cpus;			/* cpu nodes with device_type "cpu" */
	int nr_usable_harts;		/* okay and with an MMU */
};

/* The boot machine, filled by setup_arch (arch/riscv/setup.c). */
extern struct machine_desc machine;

/*
 * Fills *m from the DTB at fdt (size bytes readable). Returns 0, or -EINVAL
 * after printing why (a malformed blob, no memory, a malformed property in
 * a node rivet needs). Missing optional parts (/chosen, initrd, ...) are
 * not errors. Boot CPU, before paging.
 */
int fdt_scan_machine(const void *fdt, size_t size, struct machine_desc *m);
/* Prints a concise summary of *m with printk (no devices: drivers do). */
void machine_desc_print(const struct machine_desc *m);

/*
 * The node /chosen's stdout-path (or linux,stdout-path) names, through an
 * alias or a path, options after ':' cut off: its offset, or -ENOENT if
 * there is none or it names no node. *opts (if opts) is set to the options
 * ("115200n8") or NULL.
 */
int fdt_stdout_offset(const void *fdt, const char **opts);
/* Hart id of the cpu whose riscv,cpu-intc child has phandle ph, -ENOENT. */
int machine_hart_of_intc(const struct machine_desc *m, u32 ph);

#endif
