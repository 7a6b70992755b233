/*
 * The host fs environment's stand-in for kernel/signal.c (signal_env.h):
 * a single fake task gets no real signals, so send_sig only records the
 * request and signal_pending answers the test's flag. Test-only code.
 */
#include <linux/sched.h>
#include <linux/signal.h>
#include "signal_env.h"

int host_sig_sent, host_sig_priv, host_nr_sig_sent;
struct task_struct *host_sig_task;
bool host_sig_pending;
unsigned long host_sig_pending_calls;
sigset_t host_sig_blocked_seen;

/* Records @sig for @p; nothing is delivered. 0. */
int send_sig(int sig, struct task_struct *p, int priv)
{
	host_sig_sent = sig;
	host_sig_task = p;
	host_sig_priv = priv;
	host_nr_sig_sent++;
	return 0;
}

/* The test's answer, noting @p's mask at the time (ppoll's and pselect6's). */
bool signal_pending(struct task_struct *p)
{
	host_sig_blocked_seen = p->blocked;
	host_sig_pending_calls++;
	return host_sig_pending;
}

/* No SIGKILL on the host. */
bool fatal_signal_pending(struct task_struct *p)
{
	return false;
}
