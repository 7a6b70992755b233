/*
 * The kernel's struct termios and struct winsize with the asm-generic
 * numbers (c_cc indexes, flag bits) the riscv64 ABI uses. When the uapi
 * header (uapi/termbits.h) is in the tree it is the one definition and this
 * file only adds the bits it lacks; each name here is guarded by #ifndef so
 * the two can be merged into one later without a clash.
 */
#ifndef _LINUX_TERMIOS_H
#define _LINUX_TERMIOS_H

#if __has_include(<uapi/termbits.h>)
#include <uapi/termbits.h>
#endif

#ifndef _UAPI_TERMBITS_H
typedef unsigned char cc_t;
typedef unsigned int speed_t;
typedef unsigned int tcflag_t;

#define NCCS	19

/* 36 bytes: what TCGETS/TCSETS* copy (the C library's own is larger). */
struct termios {
	tcflag_t c_iflag;		/* input modes (I* below) */
	tcflag_t c_oflag;		/* output modes (O*) */
	tcflag_t c_cflag;		/* line settings (speed, CS8, CREAD) */
	tcflag_t c_lflag;		/* local modes (ISIG, ICANON, ECHO*) */
	cc_t c_line;			/* line discipline: 0 = N_TTY */
	cc_t c_cc[NCCS];		/* control characters, V* indexes */
};

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};
#endif /* !_UAPI_TERMBITS_H */

/* c_cc indexes; a slot holding 0 (_POSIX_VDISABLE) is switched off. */
#ifndef VINTR
#define VINTR		0	/* ^C: SIGINT */
#define VQUIT		1	/* ^\: SIGQUIT */
#define VERASE		2	/* DEL: erase a character */
#define VKILL		3	/* ^U: erase the line */
#define VEOF		4	/* ^D: end of file / push the line */
#define VTIME		5	/* non-canonical timeout, tenths of a second */
#define VMIN		6	/* non-canonical minimum byte count */
#define VSWTC		7
#define VSTART		8	/* ^Q: restart output */
#define VSTOP		9	/* ^S: stop output */
#define VSUSP		10	/* ^Z: SIGTSTP */
#define VEOL		11	/* an extra line end */
#define VREPRINT	12	/* ^R */
#define VDISCARD	13	/* ^O */
#define VWERASE		14	/* ^W: erase a word */
#define VLNEXT		15	/* ^V: take the next byte literally */
#define VEOL2		16	/* another extra line end */
#endif
#ifndef _POSIX_VDISABLE
#define _POSIX_VDISABLE	0
#endif

/* c_iflag */
#ifndef ISTRIP
#define IGNBRK		0x001
#define BRKINT		0x002
#define IGNPAR		0x004
#define PARMRK		0x008
#define INPCK		0x010
#define ISTRIP		0x020	/* clear bit 7 of each byte */
#define INLCR		0x040	/* NL in as CR */
#define IGNCR		0x080	/* drop CR */
#define ICRNL		0x100	/* CR in as NL */
#define IUCLC		0x0200
#define IXON		0x0400	/* VSTOP/VSTART control output */
#define IXANY		0x800	/* any byte restarts output */
#define IXOFF		0x1000
#define IMAXBEL		0x2000
#define IUTF8		0x4000	/* erase whole UTF-8 characters */
#endif

/* c_oflag */
#ifndef OPOST
#define OPOST		0x01	/* process output at all */
#define OLCUC		0x00002
#define ONLCR		0x00004	/* NL out as CR NL */
#define OCRNL		0x08	/* CR out as NL */
#define ONOCR		0x10
#define ONLRET		0x20
#endif
#ifndef OFILL
#define OFILL		0x40
#define OFDEL		0x80
#endif

/* c_cflag */
#ifndef CREAD
#define CBAUD		0x0000100f
#define B0		0x00000000
#define B9600		0x0000000d
#define B38400		0x0000000f
#define B115200		0x00001002
#define CSIZE		0x00000030
#define CS8		0x00000030
#define CSTOPB		0x00000040
#define CREAD		0x00000080
#define PARENB		0x00000100
#define HUPCL		0x00000400
#define CLOCAL		0x00000800
#endif

/* c_lflag */
#ifndef ICANON
#define ISIG		0x00001	/* VINTR, VQUIT, VSUSP send signals */
#define ICANON		0x00002	/* a line at a time, with editing */
#define ECHO		0x00008
#define ECHOE		0x00010	/* erase echoed as "\b \b" */
#define ECHOK		0x00020	/* NL echoed after the kill character */
#define ECHONL		0x00040	/* NL echoed even without ECHO */
#define NOFLSH		0x00080	/* no input flush on a signal character */
#define TOSTOP		0x00100	/* SIGTTOU for background writers */
#define ECHOCTL		0x00200	/* control characters echoed as ^X */
#define ECHOKE		0x00800	/* kill erases the line on the screen */
#define IEXTEN		0x08000	/* VWERASE, VLNEXT, VEOL2 */
#endif
#ifndef XCASE
#define XCASE		0x00004
#endif
#ifndef ECHOPRT
#define ECHOPRT		0x00400
#endif
#ifndef FLUSHO
#define FLUSHO		0x01000
#endif
#ifndef PENDIN
#define PENDIN		0x04000
#endif
#ifndef EXTPROC
#define EXTPROC		0x10000
#endif

/* tcsetattr's optional actions (TCSETS, TCSETSW, TCSETSF), tcflush's queues */
#ifndef TCSANOW
#define TCSANOW		0
#define TCSADRAIN	1
#define TCSAFLUSH	2
#endif
#ifndef TCIFLUSH
#define TCIFLUSH	0
#define TCOFLUSH	1
#define TCIOFLUSH	2
#endif
/* tcflow's actions (TCXONC) */
#ifndef TCOOFF
#define TCOOFF		0	/* suspend output */
#define TCOON		1	/* restart it */
#define TCIOFF		2	/* send VSTOP */
#define TCION		3	/* send VSTART */
#endif

#endif
