/*
 * ioctl command numbers: the generic encoding riscv64 uses (direction in
 * bits 30..31, argument size in 16..29, type in 8..15, number in 0..7), and
 * the terminal, FIO* and block-device commands rivet answers. The old tty
 * commands predate the encoding: 'T' << 8 | n.
 */
#ifndef _UAPI_IOCTL_H
#define _UAPI_IOCTL_H

#define _IOC_NRBITS	8
#define _IOC_TYPEBITS	8
#define _IOC_SIZEBITS	14
#define _IOC_DIRBITS	2
#define _IOC_NRSHIFT	0
#define _IOC_TYPESHIFT	(_IOC_NRSHIFT + _IOC_NRBITS)
#define _IOC_SIZESHIFT	(_IOC_TYPESHIFT + _IOC_TYPEBITS)
#define _IOC_DIRSHIFT	(_IOC_SIZESHIFT + _IOC_SIZEBITS)

#define _IOC_NONE	0U
#define _IOC_WRITE	1U	/* user space writes, the kernel reads */
#define _IOC_READ	2U	/* the kernel writes to user space */

#define _IOC(dir, type, nr, size) \
	(((dir) << _IOC_DIRSHIFT) | ((type) << _IOC_TYPESHIFT) | \
	 ((nr) << _IOC_NRSHIFT) | ((size) << _IOC_SIZESHIFT))
#define _IO(type, nr)		_IOC(_IOC_NONE, (type), (nr), 0)
#define _IOR(type, nr, argtype)	_IOC(_IOC_READ, (type), (nr), sizeof(argtype))
#define _IOW(type, nr, argtype)	_IOC(_IOC_WRITE, (type), (nr), sizeof(argtype))
#define _IOWR(type, nr, argtype) _IOC(_IOC_READ | _IOC_WRITE, (type), (nr), sizeof(argtype))

#define _IOC_DIR(cmd)	(((cmd) >> _IOC_DIRSHIFT) & ((1U << _IOC_DIRBITS) - 1))
#define _IOC_TYPE(cmd)	(((cmd) >> _IOC_TYPESHIFT) & ((1U << _IOC_TYPEBITS) - 1))
#define _IOC_NR(cmd)	(((cmd) >> _IOC_NRSHIFT) & ((1U << _IOC_NRBITS) - 1))
#define _IOC_SIZE(cmd)	(((cmd) >> _IOC_SIZESHIFT) & ((1U << _IOC_SIZEBITS) - 1))

/* Terminals (struct termios, struct winsize: uapi/termbits.h) */
#define TCGETS		0x5401	/* struct termios * */
#define TCSETS		0x5402	/* ... now */
#define TCSETSW		0x5403	/* ... once output has drained */
#define TCSETSF		0x5404	/* ... drained, and pending input dropped */
#define TCSBRK		0x5409
#define TCXONC		0x540A
#define TCFLSH		0x540B
#define TIOCEXCL	0x540C
#define TIOCNXCL	0x540D
#define TIOCSCTTY	0x540E	/* make it the caller's controlling tty */
#define TIOCGPGRP	0x540F	/* foreground process group, pid_t * */
#define TIOCSPGRP	0x5410
#define TIOCOUTQ	0x5411
#define TIOCSTI		0x5412
#define TIOCGWINSZ	0x5413	/* struct winsize * */
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B	/* bytes ready to read, int * */
#define TIOCINQ		FIONREAD
#define TIOCNOTTY	0x5422	/* give up the controlling tty */
#define TIOCGSID	0x5429
#define FIONBIO		0x5421
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451
#define FIOASYNC	0x5452
#define TCGETS2		_IOR('T', 0x2A, struct termios2)
#define TCSETS2		_IOW('T', 0x2B, struct termios2)
#define TCSETSW2	_IOW('T', 0x2C, struct termios2)
#define TCSETSF2	_IOW('T', 0x2D, struct termios2)

/* Block devices: the size in bytes, u64 * (0x12 is the block type). */
#define BLKGETSIZE64	_IOR(0x12, 114, size_t)

#endif
