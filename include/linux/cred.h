/*
 * Credentials of the current task, as the VFS's permission checks see
 * them. Until user space arrives every task is root (uid 0, gid 0); issue 8
 * replaces these two functions with the task's real fsuid/fsgid. The host
 * tests of the VFS build with HOST_CRED_HOOK and set the values themselves.
 */
#ifndef _LINUX_CRED_H
#define _LINUX_CRED_H

#include <linux/types.h>

#ifdef HOST_CRED_HOOK
extern uid_t host_fsuid;
extern gid_t host_fsgid;
static inline uid_t current_fsuid(void) { return host_fsuid; }
static inline gid_t current_fsgid(void) { return host_fsgid; }
#else
/* The uid file accesses are checked against: root for now. */
static inline uid_t current_fsuid(void) { return 0; }
/* The gid file accesses are checked against: root's group for now. */
static inline gid_t current_fsgid(void) { return 0; }
#endif

/* Root may bypass the mode bits (Linux: CAP_DAC_OVERRIDE, CAP_FOWNER). */
static inline bool fsuid_is_root(void) { return current_fsuid() == 0; }

#endif
