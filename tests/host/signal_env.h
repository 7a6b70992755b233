/*
 * The signal side of the host fs environment (signal_env.c): kernel/signal.c
 * is not on the host, so send_sig records what it is asked and
 * signal_pending answers what the test sets. Linked with HOST_FS_SRCS.
 */
#ifndef _SIGNAL_ENV_H
#define _SIGNAL_ENV_H

#include <linux/types.h>
#include <linux/sched.h>

/* The last send_sig: its signal, task and priv, and how many there were. */
extern int host_sig_sent, host_sig_priv, host_nr_sig_sent;
extern struct task_struct *host_sig_task;
/* What signal_pending() answers; how often it was asked, and current->blocked then. */
extern bool host_sig_pending;
extern unsigned long host_sig_pending_calls;
extern sigset_t host_sig_blocked_seen;

#endif
