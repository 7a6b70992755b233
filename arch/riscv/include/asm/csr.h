/* Supervisor CSR numbers and bits (RISC-V privileged spec, v1.12). */
#ifndef _ASM_CSR_H
#define _ASM_CSR_H

#define CSR_SSTATUS	0x100
#define CSR_SIE		0x104
#define CSR_STVEC	0x105
#define CSR_SCOUNTEREN	0x106
#define CSR_SSCRATCH	0x140
#define CSR_SEPC	0x141
#define CSR_SCAUSE	0x142
#define CSR_STVAL	0x143
#define CSR_SIP		0x144
#define CSR_SATP	0x180
#define CSR_TIME	0xc01

/* sstatus */
#define SR_SIE		(1UL << 1)
#define SR_SPIE		(1UL << 5)
#define SR_SPP		(1UL << 8)
#define SR_FS		(3UL << 13)
#define SR_FS_OFF	(0UL << 13)
#define SR_FS_INITIAL	(1UL << 13)
#define SR_FS_CLEAN	(2UL << 13)
#define SR_FS_DIRTY	(3UL << 13)
#define SR_SUM		(1UL << 18)
#define SR_MXR		(1UL << 19)

/* sie / sip: software, timer, external interrupts of S-mode */
#define IRQ_S_SOFT	1
#define IRQ_S_TIMER	5
#define IRQ_S_EXT	9
#define SIE_SSIE	(1UL << IRQ_S_SOFT)
#define SIE_STIE	(1UL << IRQ_S_TIMER)
#define SIE_SEIE	(1UL << IRQ_S_EXT)

/* scause: top bit set for interrupts */
#define CAUSE_IRQ_FLAG	(1UL << 63)

/* satp: MODE in bits 63:60, ASID 59:44, PPN 43:0 */
#define SATP_MODE_SV39	(8UL << 60)
#define SATP_PPN_MASK	((1UL << 44) - 1)

#ifndef __ASSEMBLER__
#define __csr_str(x)	#x
#define __csr_name(x)	__csr_str(x)	/* expand CSR_* to its number first */
#define csr_read(csr) ({ unsigned long __v; \
	__asm__ __volatile__("csrr %0, " __csr_name(csr) : "=r"(__v) :: "memory"); __v; })
#define csr_write(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ __volatile__("csrw " __csr_name(csr) ", %0" :: "rK"(__v) : "memory"); })
#define csr_set(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ __volatile__("csrs " __csr_name(csr) ", %0" :: "rK"(__v) : "memory"); })
#define csr_clear(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ __volatile__("csrc " __csr_name(csr) ", %0" :: "rK"(__v) : "memory"); })
#define csr_read_clear(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ __volatile__("csrrc %0, " __csr_name(csr) ", %1" : "=r"(__v) : "rK"(__v) : "memory"); __v; })
#endif

#endif
