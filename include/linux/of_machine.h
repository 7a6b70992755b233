/*
 * lib/fdt_scan.c: everything rivet needs from the device tree at boot,
 * gathered in one plain struct (fixed arrays, strings copied, nothing
 * allocated), so the DTB need not stay mapped afterwards.
 */
#ifndef _LINUX_OF_MACHINE_H
#define _LINUX_OF_MACHINE_H

#include <linux/types.h>

#define MACHINE_MAX_MEM		16
#define MACHINE_MAX_RSV		32
#define MACHINE_MAX_CPUS	16	/* cpu nodes; hart ids must be below */
#define MACHINE_MAX_VIRTIO	16
#define MACHINE_MAX_MMC		4
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

struct machine_uart {
	bool present;
	int node;			/* offset in the DTB it was read from */
	u64 base, size;
	u32 reg_shift;			/* default 0 */
	u32 reg_io_width;		/* default 1 */
	u32 irq;			/* first cell of interrupts, 0 if none */
	u32 clock_frequency;		/* 0 if absent */
	u32 current_speed;		/* 0 if absent */
	char compatible[MACHINE_NAME_LEN]; /* the string that matched */
};

struct machine_plic {
	bool present;
	u64 base, size;
	u32 ndev;			/* riscv,ndev */
	u32 phandle;
	/* S-mode context of each hart id, -1 if the hart has none. */
	int s_context[MACHINE_MAX_CPUS];
	int nr_contexts;		/* entries in interrupts-extended */
};

struct machine_virtio {
	u64 base, size;
	u32 irq;
};

struct machine_mmc {
	u64 base, size;
	u32 irq;
	u32 fifo_depth;			/* 0 if absent */
	u32 bus_width;			/* default 1 */
	bool okay;
	char compatible[MACHINE_NAME_LEN];
};

struct machine_desc {
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

	struct machine_uart uart;
	struct machine_plic plic;
	struct machine_virtio virtio[MACHINE_MAX_VIRTIO];
	int nr_virtio;
	struct machine_mmc mmc[MACHINE_MAX_MMC];
	int nr_mmc;
};

/*
 * Fills *m from the DTB at fdt (size bytes readable). Returns 0, or -EINVAL
 * after printing why (a malformed blob, no memory, a malformed property in
 * a node rivet needs). Missing optional parts (UART, PLIC, ...) are not
 * errors: their present flag or count stays 0. Boot CPU, before paging.
 */
int fdt_scan_machine(const void *fdt, size_t size, struct machine_desc *m);
/* Prints a concise summary of *m with printk. */
void machine_desc_print(const struct machine_desc *m);

#endif
