/*
 * The riscv64 machine state a signal frame saves (and ptrace's
 * NT_PRSTATUS/NT_PRFPREG show): the 32 integer registers with pc in x0's
 * place, then the F/D/Q floating-point state. rivet saves the D form.
 */
#ifndef _UAPI_SIGCONTEXT_H
#define _UAPI_SIGCONTEXT_H

#include <linux/types.h>

/* x1..x31 by ABI name, pc first: 256 bytes. */
struct user_regs_struct {
	unsigned long pc;
	unsigned long ra;
	unsigned long sp;
	unsigned long gp;
	unsigned long tp;
	unsigned long t0;
	unsigned long t1;
	unsigned long t2;
	unsigned long s0;
	unsigned long s1;
	unsigned long a0;
	unsigned long a1;
	unsigned long a2;
	unsigned long a3;
	unsigned long a4;
	unsigned long a5;
	unsigned long a6;
	unsigned long a7;
	unsigned long s2;
	unsigned long s3;
	unsigned long s4;
	unsigned long s5;
	unsigned long s6;
	unsigned long s7;
	unsigned long s8;
	unsigned long s9;
	unsigned long s10;
	unsigned long s11;
	unsigned long t3;
	unsigned long t4;
	unsigned long t5;
	unsigned long t6;
};

/* F extension: 32 single-precision registers and fcsr. */
struct __riscv_f_ext_state {
	u32 f[32];
	u32 fcsr;
};

/* D extension (RV64GC): 32 double-precision registers and fcsr. */
struct __riscv_d_ext_state {
	u64 f[32];
	u32 fcsr;
};

/* Q extension: the size every frame reserves (528 bytes, 16-aligned). */
struct __riscv_q_ext_state {
	u64 f[64] __attribute__((aligned(16)));
	u32 fcsr;
	u32 reserved[3];
};

union __riscv_fp_state {
	struct __riscv_f_ext_state f;
	struct __riscv_d_ext_state d;
	struct __riscv_q_ext_state q;
};

/* What rt_sigreturn restores: 784 bytes. */
struct sigcontext {
	struct user_regs_struct sc_regs;
	union __riscv_fp_state sc_fpregs;
};

#endif
