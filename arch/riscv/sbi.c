/*
 * SBI wrappers: base, TIME, IPI, RFENCE, HSM, SRST and the debug console
 * (SBI spec v2.0). Firmware differs by board (bookworm OpenSBI 1.1 = SBI 1.0
 * without DBCN; trixie 1.6 = SBI 2.0 with DBCN), so every extension is probed
 * once in sbi_init and the legacy calls are the fallback. Leaves out PMU,
 * CPPC, suspend and the other optional extensions rivet has no use for.
 */
#include <linux/kernel.h>
#include <asm/sbi.h>
#include <asm/page.h>

/*
 * All set once by sbi_init on the boot CPU before anything else runs, and
 * only read afterwards: no lock. Spec version: major in bits 30:24, minor
 * in 23:0; 0 means SBI 0.1 (legacy calls only).
 */
static unsigned long sbi_spec_version;
static unsigned long mvendorid, marchid, mimpid;
bool tlb_flush_all_only;
bool errata_cip_453;

static bool has_time, has_ipi, has_rfence, has_hsm, has_srst, has_dbcn;

/*
 * One SBI call: extension @ext in a7, function @fid in a6, arguments in
 * a0..a5 (SBI spec, "Binary Encoding"); the firmware returns error in a0
 * and value in a1. Any context; the M-mode firmware runs to completion.
 */
struct sbiret sbi_ecall(unsigned long ext, unsigned long fid,
			unsigned long a0, unsigned long a1, unsigned long a2,
			unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r3 __asm__("a3") = a3;
	register unsigned long r4 __asm__("a4") = a4;
	register unsigned long r5 __asm__("a5") = a5;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = ext;
	struct sbiret ret;

	__asm__ __volatile__("ecall"
			     : "+r"(r0), "+r"(r1)
			     : "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7)
			     : "memory");
	ret.error = r0;
	ret.value = r1;
	return ret;
}

static struct sbiret sbi_call0(unsigned long ext, unsigned long fid)
{
	return sbi_ecall(ext, fid, 0, 0, 0, 0, 0, 0);
}

#define SIFIVE_VENDOR_ID	0x489
#define SIFIVE_U7_ARCH_ID	0x8000000000000007UL

/*
 * SiFive U7 cores (the VisionFive boards' U74) have erratum CIP-1200: an
 * address-specific sfence.vma may leave the entry in the TLB, so flush
 * all; and CIP-453: instruction fault stval is not sign-extended (traps.c).
 */
static void apply_cpu_errata(void)
{
	mvendorid = sbi_call0(SBI_EXT_BASE, 4).value;	/* sbi_get_mvendorid */
	marchid = sbi_call0(SBI_EXT_BASE, 5).value;	/* sbi_get_marchid */
	mimpid = sbi_call0(SBI_EXT_BASE, 6).value;	/* sbi_get_mimpid */
	tlb_flush_all_only = mvendorid == SIFIVE_VENDOR_ID && marchid == SIFIVE_U7_ARCH_ID;
	errata_cip_453 = tlb_flush_all_only;
}

/* Returns non-zero if the firmware implements extension @ext (BASE fid 3). */
long sbi_probe_extension(unsigned long ext)
{
	struct sbiret r = sbi_ecall(SBI_EXT_BASE, 3, ext, 0, 0, 0, 0, 0);

	return r.error ? 0 : r.value;
}

/*
 * Boot CPU, before the first printk: learn the spec version (BASE fid 0),
 * probe each extension once and read the CPU ids for errata. Prints
 * nothing (the console it serves is not up yet; see sbi_print_info).
 */
void sbi_init(void)
{
	struct sbiret r = sbi_call0(SBI_EXT_BASE, 0);

	sbi_spec_version = r.error ? 0 : r.value;
	if (sbi_spec_version == 0)	/* SBI 0.1: legacy calls only */
		return;
	has_time = sbi_probe_extension(SBI_EXT_TIME);
	has_ipi = sbi_probe_extension(SBI_EXT_IPI);
	has_rfence = sbi_probe_extension(SBI_EXT_RFENCE);
	has_hsm = sbi_probe_extension(SBI_EXT_HSM);
	has_srst = sbi_probe_extension(SBI_EXT_SRST);
	apply_cpu_errata();
	/* DBCN is defined from SBI 2.0 on. */
	if ((sbi_spec_version >> 24) >= 2)
		has_dbcn = sbi_probe_extension(SBI_EXT_DBCN);
}

/* The boot log's SBI lines: version, implementation id/version, CPU ids, extensions. */
void sbi_print_info(void)
{
	struct sbiret id = sbi_call0(SBI_EXT_BASE, 1);	/* implementation id */
	struct sbiret ver = sbi_call0(SBI_EXT_BASE, 2);	/* implementation version */

	pr_info("SBI specification v%lu.%lu, implementation %ld version 0x%lx\n",
		(sbi_spec_version >> 24) & 0x7f, sbi_spec_version & 0xffffff,
		id.value, ver.value);
	pr_info("CPU: mvendorid 0x%lx marchid 0x%lx mimpid 0x%lx%s\n", mvendorid,
		marchid, mimpid, tlb_flush_all_only ? " (CIP-1200: full TLB flushes)" : "");
	pr_info("SBI extensions:%s%s%s%s%s%s\n", has_time ? " TIME" : "",
		has_ipi ? " IPI" : "", has_rfence ? " RFENCE" : "",
		has_hsm ? " HSM" : "", has_srst ? " SRST" : "",
		has_dbcn ? " DBCN" : "");
}

/* Early console: DBCN takes a physical address, so send one byte at a time. */
void sbi_console_putchar(int ch)
{
	if (has_dbcn)
		sbi_ecall(SBI_EXT_DBCN, 2, ch & 0xff, 0, 0, 0, 0, 0);
	else
		sbi_ecall(SBI_EXT_LEGACY_PUTCHAR, 0, ch, 0, 0, 0, 0, 0);
}

/* Program the next S-mode timer interrupt; also clears the pending one. */
void sbi_set_timer(u64 stime_value)
{
	if (has_time)
		sbi_ecall(SBI_EXT_TIME, 0, stime_value, 0, 0, 0, 0, 0);
	else
		sbi_ecall(SBI_EXT_LEGACY_SET_TIMER, 0, stime_value, 0, 0, 0, 0, 0);
}

/*
 * The calls below return an SBI error code (0 = SBI_SUCCESS, negative
 * SBI_ERR_*), not an -Exxx, and SBI_ERR_NOT_SUPPORTED when the firmware
 * lacks the extension. Harts are named by @hart_mask bit i = hart
 * @hart_mask_base + i. Nothing in rivet calls them yet (one hart).
 */

/* Raise a supervisor software interrupt on the harts in the mask (IPI fid 0). */
int sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base)
{
	if (!has_ipi)
		return SBI_ERR_NOT_SUPPORTED;
	return sbi_ecall(SBI_EXT_IPI, 0, hart_mask, hart_mask_base, 0, 0, 0, 0).error;
}

/* sfence.vma of [start, start+size) on the harts in @hart_mask (RFENCE fid 1). */
int sbi_remote_sfence_vma(unsigned long hart_mask, unsigned long start,
			  unsigned long size)
{
	if (!has_rfence)
		return SBI_ERR_NOT_SUPPORTED;
	return sbi_ecall(SBI_EXT_RFENCE, 1, hart_mask, 0, start, size, 0, 0).error;
}

/*
 * Start the stopped hart @hartid in S-mode at physical @start_pa, MMU off,
 * with a0 = hartid and a1 = @opaque (HSM fid 0).
 */
int sbi_hart_start(unsigned long hartid, unsigned long start_pa, unsigned long opaque)
{
	if (!has_hsm)
		return SBI_ERR_NOT_SUPPORTED;
	return sbi_ecall(SBI_EXT_HSM, 0, hartid, start_pa, opaque, 0, 0, 0).error;
}

/* HSM state of @hartid (0 started, 1 stopped, 2 start pending...), or an SBI error. */
long sbi_hart_get_status(unsigned long hartid)
{
	struct sbiret r;

	if (!has_hsm)
		return SBI_ERR_NOT_SUPPORTED;
	r = sbi_ecall(SBI_EXT_HSM, 2, hartid, 0, 0, 0, 0, 0);
	return r.error ? r.error : r.value;
}

/*
 * SRST reset of @type (0 shutdown, 1 cold reboot), reason "none". Without
 * SRST, or if it returns, the legacy shutdown (which cannot reboot); if
 * even that returns, the hart sleeps for good. Any context.
 */
static __noreturn void sbi_system_reset(unsigned long type)
{
	if (has_srst)
		sbi_ecall(SBI_EXT_SRST, 0, type, 0, 0, 0, 0, 0);
	sbi_ecall(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0, 0, 0, 0, 0);
	for (;;)
		__asm__ __volatile__("wfi");
}

void sbi_shutdown(void)
{
	sbi_system_reset(0);
}

void sbi_reboot(void)
{
	sbi_system_reset(1);
}
