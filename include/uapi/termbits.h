/*
 * The terminal's settings as TCGETS/TCSETS* pass them on riscv64 (the
 * generic termbits: 19 control characters, no speeds except in termios2),
 * the window size, and the flag bits a shell's line editing uses.
 */
#ifndef _UAPI_TERMBITS_H
#define _UAPI_TERMBITS_H

typedef unsigned char cc_t;
typedef unsigned int speed_t;
typedef unsigned int tcflag_t;

#define NCCS	19

/* 36 bytes: the kernel's termios (not the C library's, which is larger). */
struct termios {
	tcflag_t c_iflag;
	tcflag_t c_oflag;
	tcflag_t c_cflag;
	tcflag_t c_lflag;
	cc_t c_line;			/* line discipline, 0 = N_TTY */
	cc_t c_cc[NCCS];		/* V* indices below */
};

/* TCGETS2 and friends: with arbitrary baud rates (c_cflag BOTHER). */
struct termios2 {
	tcflag_t c_iflag;
	tcflag_t c_oflag;
	tcflag_t c_cflag;
	tcflag_t c_lflag;
	cc_t c_line;
	cc_t c_cc[NCCS];
	speed_t c_ispeed;
	speed_t c_ospeed;
};

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

/* c_cc indices */
#define VINTR		0
#define VQUIT		1
#define VERASE		2
#define VKILL		3
#define VEOF		4
#define VTIME		5
#define VMIN		6
#define VSWTC		7
#define VSTART		8
#define VSTOP		9
#define VSUSP		10
#define VEOL		11
#define VREPRINT	12
#define VDISCARD	13
#define VWERASE		14
#define VLNEXT		15
#define VEOL2		16

/* c_iflag */
#define IGNBRK		0x001
#define BRKINT		0x002
#define IGNPAR		0x004
#define PARMRK		0x008
#define INPCK		0x010
#define ISTRIP		0x020
#define INLCR		0x040
#define IGNCR		0x080
#define ICRNL		0x100	/* CR in, NL to the reader */
#define IUCLC		0x0200
#define IXON		0x0400
#define IXANY		0x800
#define IXOFF		0x1000
#define IMAXBEL		0x2000
#define IUTF8		0x4000

/* c_oflag */
#define OPOST		0x01	/* process output at all */
#define OLCUC		0x00002
#define ONLCR		0x00004	/* NL out as CR NL */
#define OCRNL		0x08
#define ONOCR		0x10
#define ONLRET		0x20

/* c_cflag */
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
#define BOTHER		0x00001000

/* c_lflag */
#define ISIG		0x00001	/* INTR, QUIT, SUSP send signals */
#define ICANON		0x00002	/* line at a time, with editing */
#define ECHO		0x00008
#define ECHOE		0x00010
#define ECHOK		0x00020
#define ECHONL		0x00040
#define NOFLSH		0x00080
#define TOSTOP		0x00100
#define ECHOCTL		0x00200
#define ECHOKE		0x00800
#define IEXTEN		0x08000

/* tcsetattr's optional actions, tcflush's queue */
#define TCSANOW		0
#define TCSADRAIN	1
#define TCSAFLUSH	2
#define TCIFLUSH	0
#define TCOFLUSH	1
#define TCIOFLUSH	2

#endif
