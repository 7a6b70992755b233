/*
 * The riscv64 ucontext a signal handler's third argument points to. The
 * mask sits before the machine state, with room to grow to 1024 signals,
 * so that sigcontext can grow at the end (960 bytes today).
 */
#ifndef _UAPI_UCONTEXT_H
#define _UAPI_UCONTEXT_H

#include <uapi/signal.h>
#include <uapi/sigcontext.h>

struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	stack_t uc_stack;
	sigset_t uc_sigmask;
	u8 __sigmask_pad[1024 / 8 - sizeof(sigset_t)];	/* Linux: __unused (a kernel macro here) */
	struct sigcontext uc_mcontext;	/* offset 176 */
};

#endif
