/*
 * Controlling terminals and job control (include/linux/tty.h): which
 * session a tty belongs to and its foreground process group, the signals
 * the tty sends to that group, and the checks that stop background
 * readers (SIGTTIN) and writers (SIGTTOU), per POSIX's General Terminal
 * Interface (XBD 11.1.2-11.1.4) and Linux's tty_jobctrl.c rules; Linux's
 * names, with pids as plain numbers. Leaves out hang-up (vhangup, SIGHUP
 * on carrier loss) and pseudo-terminals.
 *
 * Locking: tty->session, tty->pgrp and every signal->tty change under
 * tasklist_lock (irqsave); readers outside it use READ_ONCE. kill_pgrp is
 * never called with the lock held.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/fs.h>
#include <linux/tty.h>
#include <uapi/ioctl.h>
#include <asm/uaccess.h>

struct tty_struct *get_current_tty(void)
{
	struct signal_struct *sig = current->signal;

	return sig ? READ_ONCE(sig->tty) : NULL;
}

void tty_signal_pgrp(struct tty_struct *tty, int sig)
{
	int pgrp = READ_ONCE(tty->pgrp);

	if (pgrp > 0)
		kill_pgrp(pgrp, sig, 1);
}

bool tty_signal_pending_current(struct tty_struct *tty)
{
	return current->signal && signal_pending(current);
}

/*
 * Linux's __tty_check_change: may current, in the background of its
 * controlling tty @tty, go on? Not its controlling tty, or no foreground
 * group, or in the foreground: 0. Else @sig blocked or ignored: 0 for
 * SIGTTOU, -EIO for SIGTTIN; an orphaned group: -EIO; otherwise @sig goes
 * to the caller's group and the call is to restart once it is continued
 * (-ERESTARTSYS).
 */
static int tty_check_change_sig(struct tty_struct *tty, int sig)
{
	int pgrp, tty_pgrp;

	if (get_current_tty() != tty)
		return 0;
	tty_pgrp = READ_ONCE(tty->pgrp);
	pgrp = task_pgrp_nr(current);
	if (!tty_pgrp || pgrp == tty_pgrp)
		return 0;
	if (is_ignored(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (is_current_pgrp_orphaned())
		return -EIO;
	kill_pgrp(pgrp, sig, 1);
	return -ERESTARTSYS;
}

int tty_check_change(struct tty_struct *tty)
{
	return tty_check_change_sig(tty, SIGTTOU);
}

int tty_job_control(struct tty_struct *tty, bool is_write)
{
	if (!is_write)
		return tty_check_change_sig(tty, SIGTTIN);
	if (!(READ_ONCE(tty->termios.c_lflag) & TOSTOP))
		return 0;
	return tty_check_change_sig(tty, SIGTTOU);
}

/* @tty becomes current's controlling tty, @pgrp its foreground. tasklist_lock held. */
static void __proc_set_tty(struct tty_struct *tty, int session, int pgrp)
{
	WRITE_ONCE(tty->session, session);
	WRITE_ONCE(tty->pgrp, pgrp);
	WRITE_ONCE(current->signal->tty, tty);
}

/* No process has @tty as its controlling tty any more. tasklist_lock held. */
static void clear_tty_users(struct tty_struct *tty)
{
	struct task_struct *p;

	for_each_process(p) {
		if (p->signal && p->signal->tty == tty)
			WRITE_ONCE(p->signal->tty, NULL);
	}
}

/*
 * Does @tty still belong to a session: does a live process have it as its
 * controlling tty? A session whose processes all exited without
 * disassociate_ctty loses it here, so the next session can have it.
 * tasklist_lock held.
 */
static bool tty_session_alive(struct tty_struct *tty)
{
	struct task_struct *p;

	if (!tty->session)
		return false;
	for_each_process(p) {
		if (!p->exit_state && p->signal && p->signal->tty == tty)
			return true;
	}
	WRITE_ONCE(tty->session, 0);
	WRITE_ONCE(tty->pgrp, 0);
	return false;
}

void tty_open_proc_set_tty(struct tty_struct *tty)
{
	struct signal_struct *sig = current->signal;
	int session = task_session_nr(current), pgrp = task_pgrp_nr(current);
	unsigned long flags;

	if (!sig)
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (sig->leader && !sig->tty && !tty_session_alive(tty))
		__proc_set_tty(tty, session, pgrp);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

void proc_clear_tty(struct task_struct *p)
{
	unsigned long flags;

	if (!p->signal)
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	WRITE_ONCE(p->signal->tty, NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

void disassociate_ctty(int on_exit)
{
	struct signal_struct *sig = current->signal;
	struct tty_struct *tty;
	unsigned long flags;
	int pgrp = 0;

	if (!sig)
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	tty = sig->tty;
	if (tty) {
		pgrp = tty->pgrp;
		WRITE_ONCE(tty->session, 0);
		WRITE_ONCE(tty->pgrp, 0);
		clear_tty_users(tty);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (pgrp > 0) {
		kill_pgrp(pgrp, SIGHUP, on_exit);
		if (!on_exit)
			kill_pgrp(pgrp, SIGCONT, on_exit);
	}
}

/*
 * TIOCSCTTY: a session leader without a controlling tty takes @tty. Its
 * own already: 0. Another live session's: only with @arg 1 and euid 0
 * (the other session loses it). -EPERM otherwise, and for a file not
 * open for reading unless root.
 */
static long tiocsctty(struct tty_struct *tty, struct file *file, unsigned long arg)
{
	struct signal_struct *sig = current->signal;
	int session = task_session_nr(current), pgrp = task_pgrp_nr(current);
	bool root = current->cred.euid == 0;
	unsigned long flags;
	long ret = 0;

	if (!sig)
		return -EPERM;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (sig->leader && tty->session == session)
		goto out;
	if (!sig->leader || sig->tty) {
		ret = -EPERM;
		goto out;
	}
	if (tty_session_alive(tty)) {
		if (arg != 1 || !root) {
			ret = -EPERM;
			goto out;
		}
		clear_tty_users(tty);
	}
	if (!(file->f_mode & FMODE_READ) && !root) {
		ret = -EPERM;
		goto out;
	}
	__proc_set_tty(tty, session, pgrp);
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* TIOCNOTTY: give @tty up (a session leader: for the whole session). -ENOTTY if not ours. */
static long tiocnotty(struct tty_struct *tty)
{
	if (get_current_tty() != tty)
		return -ENOTTY;
	if (current->signal->leader)
		disassociate_ctty(0);
	proc_clear_tty(current);
	return 0;
}

/*
 * The session of process group @pgrp: of its first live member, -ESRCH
 * if it has none. tasklist_lock held.
 */
static int session_of_pgrp(int pgrp)
{
	struct task_struct *p;

	for_each_process(p) {
		if (!p->exit_state && p->signal && p->signal->pgrp == pgrp)
			return p->signal->session;
	}
	return -ESRCH;
}

/*
 * TIOCSPGRP: the foreground group becomes *@p, a group of the caller's
 * session. From the background: tty_check_change (SIGTTOU), its -EIO as
 * -ENOTTY. Then -EINVAL for a negative id, -ENOTTY if @tty is not the
 * caller's controlling tty, -ESRCH for no such group, -EPERM for another
 * session's.
 */
static long tiocspgrp(struct tty_struct *tty, int __user *p)
{
	int pgrp, found, session, err = tty_check_change(tty);
	unsigned long flags;

	if (err)
		return err == -EIO ? -ENOTTY : err;
	if (get_user(pgrp, p))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	session = task_session_nr(current);
	if (get_current_tty() != tty || READ_ONCE(tty->session) != session)
		return -ENOTTY;
	if (!pgrp)
		return -ESRCH;
	spin_lock_irqsave(&tasklist_lock, flags);
	found = session_of_pgrp(pgrp);
	err = found < 0 ? found : found != session ? -EPERM : 0;
	if (!err)
		WRITE_ONCE(tty->pgrp, pgrp);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file,
		       unsigned int cmd, unsigned long arg)
{
	int __user *p = (int __user *)arg;

	switch (cmd) {
	case TIOCSCTTY:
		return tiocsctty(tty, file, arg);
	case TIOCNOTTY:
		return tiocnotty(tty);
	case TIOCGPGRP:
		if (get_current_tty() != tty)
			return -ENOTTY;
		return put_user(READ_ONCE(tty->pgrp), p);
	case TIOCSPGRP:
		return tiocspgrp(tty, p);
	case TIOCGSID:
		if (get_current_tty() != tty || !READ_ONCE(tty->session))
			return -ENOTTY;
		return put_user(READ_ONCE(tty->session), p);
	}
	return -ENOIOCTLCMD;
}
