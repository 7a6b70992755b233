/*
 * The kernel's view of termios: struct termios, struct winsize and the
 * asm-generic numbers the riscv64 ABI uses are uapi/termbits.h's; this
 * file adds the few bits the line discipline needs that the uapi header
 * leaves out (Linux's values).
 */
#ifndef _LINUX_TERMIOS_H
#define _LINUX_TERMIOS_H

#include <uapi/termbits.h>

/* A c_cc slot holding this is switched off. */
#define _POSIX_VDISABLE	0

/* c_oflag: fill characters (accepted, not acted on) */
#define OFILL		0x40
#define OFDEL		0x80

/* c_lflag bits Linux has beyond POSIX's */
#define XCASE		0x00004
#define ECHOPRT		0x00400
#define FLUSHO		0x01000
#define PENDIN		0x04000
#define EXTPROC		0x10000

/* tcflow's actions (TCXONC) */
#define TCOOFF		0	/* suspend output */
#define TCOON		1	/* restart it */
#define TCIOFF		2	/* send VSTOP */
#define TCION		3	/* send VSTART */

#endif
