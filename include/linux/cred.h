/*
 * Credentials of the current task, as the VFS's permission checks see
 * them: current->cred's fsuid/fsgid and supplementary groups
 * (linux/sched.h). The host tests of the VFS build with HOST_CRED_HOOK
 * and set the fs ids themselves (host_fsuid, host_fsgid); the real ids
 * and the groups come from `current` (host_task) there too.
 */
#ifndef _LINUX_CRED_H
#define _LINUX_CRED_H

#include <linux/types.h>
#include <linux/sched.h>

#ifdef HOST_CRED_HOOK
extern uid_t host_fsuid;
extern gid_t host_fsgid;
static inline uid_t current_fsuid(void) { return host_fsuid; }
static inline gid_t current_fsgid(void) { return host_fsgid; }
static inline void set_current_fsids(uid_t uid, gid_t gid)
{
	host_fsuid = uid;
	host_fsgid = gid;
}
#else
/* The uid file accesses are checked against. */
static inline uid_t current_fsuid(void) { return current->cred.fsuid; }
/* The gid file accesses are checked against. */
static inline gid_t current_fsgid(void) { return current->cred.fsgid; }
/* faccessat's temporary switch to the real ids (only current changes its cred). */
static inline void set_current_fsids(uid_t uid, gid_t gid)
{
	current->cred.fsuid = uid;
	current->cred.fsgid = gid;
}
#endif

/* The real ids (faccessat checks with them). */
static inline uid_t current_uid(void) { return current->cred.uid; }
static inline gid_t current_gid(void) { return current->cred.gid; }

/* Root may bypass the mode bits (Linux: CAP_DAC_OVERRIDE, CAP_FOWNER). */
static inline bool fsuid_is_root(void) { return current_fsuid() == 0; }

/* Is @gid current's fsgid or one of its supplementary groups? */
static inline bool in_group_p(gid_t gid)
{
	const struct cred *cred = &current->cred;

	if (current_fsgid() == gid)
		return true;
	for (int i = 0; i < cred->ngroups && i < NGROUPS_SMALL; i++) {
		if (cred->groups[i] == gid)
			return true;
	}
	return false;
}

#endif
