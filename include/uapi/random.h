/* getrandom(2)'s flags. */
#ifndef _UAPI_RANDOM_H
#define _UAPI_RANDOM_H

#define GRND_NONBLOCK	0x0001	/* -EAGAIN rather than wait for entropy */
#define GRND_RANDOM	0x0002	/* the blocking pool (the same pool since 5.6) */
#define GRND_INSECURE	0x0004	/* do not wait, even before the pool is ready */

#endif
