/*
 * Memory barriers for memory shared with devices (virtio rings) and other
 * harts: mb orders all loads and stores, rmb loads, wmb stores (RISC-V
 * "fence" with the matching predecessor/successor sets).
 */
#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H

#define mb()	__asm__ __volatile__("fence rw,rw" ::: "memory")
#define rmb()	__asm__ __volatile__("fence r,r" ::: "memory")
#define wmb()	__asm__ __volatile__("fence w,w" ::: "memory")

#endif
