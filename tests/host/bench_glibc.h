/*
 * The glibc baseline of the host benchmarks: malloc+free of the same size
 * as the rivet call, with glibc kept from handing memory back to the OS.
 *
 * Why: free() trims the top of the heap (sbrk down) once more than
 * M_TRIM_THRESHOLD (128 KiB by default) is free there, and serves big
 * requests with mmap. A burst of 256 x 4 KiB freed and allocated again
 * then paid a page fault per page every round: that measured the host
 * kernel's fault path, not malloc (1.7 us a pair instead of tens of ns).
 * rivet's allocators never give memory back either (their arena is fixed
 * and already touched), so each row compares two allocators that reuse
 * memory they hold. Trimming off, mmap off, and the heap pre-faulted.
 */
#ifndef _BENCH_GLIBC_H
#define _BENCH_GLIBC_H

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#define BENCH_RATIO_LEGEND \
	"ratio = rivet / glibc: below 1 means rivet is faster, above 1 slower"

/* Call once before timing anything. Exits if glibc refuses a setting. */
static inline void bench_glibc_setup(void)
{
	enum { PREFAULT = 512, PREFAULT_SIZE = 32 << 10 };
	static void *v[PREFAULT];

	if (!mallopt(M_TRIM_THRESHOLD, -1) || !mallopt(M_MMAP_MAX, 0)) {
		fprintf(stderr, "mallopt refused M_TRIM_THRESHOLD/M_MMAP_MAX\n");
		exit(2);
	}
	for (int i = 0; i < PREFAULT; i++) {
		v[i] = malloc(PREFAULT_SIZE);
		for (int j = 0; v[i] && j < PREFAULT_SIZE; j += 4096)
			((volatile char *)v[i])[j] = 0;
	}
	for (int i = 0; i < PREFAULT; i++)
		free(v[i]);
}

#endif
