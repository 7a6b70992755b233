/* The console monitor (kernel/monitor.c): a command loop until user space exists. */
#ifndef _LINUX_MONITOR_H
#define _LINUX_MONITOR_H

/* Start the "rivet>" prompt on the console in its own kernel thread. */
void console_monitor_start(void);

#endif
