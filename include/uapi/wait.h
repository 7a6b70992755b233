/* wait4 and waitid options, and waitid's id types. */
#ifndef _UAPI_WAIT_H
#define _UAPI_WAIT_H

#define WNOHANG		0x00000001	/* return 0 at once if no child changed */
#define WUNTRACED	0x00000002	/* report stopped children too */
#define WSTOPPED	WUNTRACED
#define WEXITED		0x00000004
#define WCONTINUED	0x00000008
#define WNOWAIT		0x01000000	/* leave the child waitable */
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000	/* clone children as well */
#define __WCLONE	0x80000000

#define P_ALL		0
#define P_PID		1
#define P_PGID		2
#define P_PIDFD		3

#endif
