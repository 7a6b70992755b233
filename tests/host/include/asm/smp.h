/* Host-test CPU identity: tests may switch "CPUs" to exercise per-CPU lists. */
#ifndef _ASM_SMP_H
#define _ASM_SMP_H

#define NR_CPUS 8

extern int host_cpu_id;
static inline int smp_processor_id(void) { return host_cpu_id; }

#endif
