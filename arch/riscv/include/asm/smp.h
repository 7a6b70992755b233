/* Per-CPU identity. One hart today; the fields exist for SMP later. */
#ifndef _ASM_SMP_H
#define _ASM_SMP_H

#define NR_CPUS 8

#ifndef __ASSEMBLER__
/* Index of this CPU (0..NR_CPUS-1), not its hart id. */
static inline int smp_processor_id(void) { return 0; }
#endif

#endif
