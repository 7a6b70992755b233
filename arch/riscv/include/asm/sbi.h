/*
 * SBI calls (RISC-V Supervisor Binary Interface v2.0; boards.md 8.2).
 * ecall with a7 = extension id, a6 = function id, a0..a5 arguments;
 * returns a0 = error, a1 = value.
 */
#ifndef _ASM_SBI_H
#define _ASM_SBI_H

#include <linux/types.h>

#define SBI_EXT_LEGACY_SET_TIMER	0x00
#define SBI_EXT_LEGACY_PUTCHAR		0x01
#define SBI_EXT_LEGACY_GETCHAR		0x02
#define SBI_EXT_LEGACY_SHUTDOWN		0x08
#define SBI_EXT_BASE	0x10
#define SBI_EXT_TIME	0x54494D45
#define SBI_EXT_IPI	0x735049
#define SBI_EXT_RFENCE	0x52464E43
#define SBI_EXT_HSM	0x48534D
#define SBI_EXT_SRST	0x53525354
#define SBI_EXT_DBCN	0x4442434E

#define SBI_SUCCESS		0
#define SBI_ERR_FAILED		-1
#define SBI_ERR_NOT_SUPPORTED	-2

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid,
			unsigned long a0, unsigned long a1, unsigned long a2,
			unsigned long a3, unsigned long a4, unsigned long a5);

void sbi_init(void);
void sbi_print_info(void);
long sbi_probe_extension(unsigned long ext);
void sbi_console_putchar(int ch);
void sbi_set_timer(u64 stime_value);
int sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base);
int sbi_remote_sfence_vma(unsigned long hart_mask, unsigned long start,
			  unsigned long size);
int sbi_hart_start(unsigned long hartid, unsigned long start_pa, unsigned long opaque);
long sbi_hart_get_status(unsigned long hartid);
__noreturn void sbi_shutdown(void);
__noreturn void sbi_reboot(void);

#endif
