/*
 * Benchmark: ns per kmalloc+kfree pair (64 and 4096 bytes, debug off) next
 * to glibc malloc+free of the same size (bench_glibc.h says how that
 * baseline is kept fair). Min of 5 runs of 1e6 pairs, one at a time and
 * 64 live at a time. Prints figures only; it asserts nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <linux/slab.h>
#include "slab_test_env.h"
#include "bench_glibc.h"

#define ITERS	1000000
#define REPS	5

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Keep the compiler from proving the pair dead. */
#define SINK(p)	__asm__ __volatile__("" :: "r"(p) : "memory")

static double bench_kmalloc(size_t size)
{
	double best = 1e30, t;
	int r, i;

	for (r = 0; r < REPS; r++) {
		t = now_ns();
		for (i = 0; i < ITERS; i++) {
			void *p = kmalloc(size, GFP_KERNEL);
			SINK(p);
			kfree(p);
		}
		t = (now_ns() - t) / ITERS;
		best = t < best ? t : best;
	}
	return best;
}

static double bench_malloc(size_t size)
{
	double best = 1e30, t;
	int r, i;

	for (r = 0; r < REPS; r++) {
		t = now_ns();
		for (i = 0; i < ITERS; i++) {
			void *p = malloc(size);
			SINK(p);
			free(p);
		}
		t = (now_ns() - t) / ITERS;
		best = t < best ? t : best;
	}
	return best;
}

/* 64 live objects at a time, freed in another order: lists do move. */
static double bench_kmalloc_batch(size_t size)
{
	static void *v[64];
	double best = 1e30, t;
	int r, i, j;

	for (r = 0; r < REPS; r++) {
		t = now_ns();
		for (i = 0; i < ITERS / 64; i++) {
			for (j = 0; j < 64; j++)
				v[j] = kmalloc(size, GFP_KERNEL);
			for (j = 0; j < 64; j++)
				kfree(v[(j * 37) & 63]);
		}
		t = (now_ns() - t) / (ITERS / 64 * 64);
		best = t < best ? t : best;
	}
	return best;
}

static double bench_malloc_batch(size_t size)
{
	static void *v[64];
	double best = 1e30, t;
	int r, i, j;

	for (r = 0; r < REPS; r++) {
		t = now_ns();
		for (i = 0; i < ITERS / 64; i++) {
			for (j = 0; j < 64; j++) {
				v[j] = malloc(size);
				SINK(v[j]);
			}
			for (j = 0; j < 64; j++)
				free(v[(j * 37) & 63]);
		}
		t = (now_ns() - t) / (ITERS / 64 * 64);
		best = t < best ? t : best;
	}
	return best;
}

int main(void)
{
	static const size_t sizes[] = { 64, 4096 };
	unsigned int i;

	slab_env_init();
	kmem_cache_init();
	bench_glibc_setup();
	printf("bench_slab: ns per alloc+free pair (lower is better), min of %d runs of %d (slab debug %s)\n",
	       REPS, ITERS, kmalloc_caches[6]->flags & SLAB_DEBUG_FLAGS ? "ON" : "off");
	printf("  baseline: glibc malloc+free of the same size in the same pattern, heap kept"
	       " (no trim, no mmap)\n");
	printf("  pair: one object at a time; batch: 64 live, freed in another order\n");
	printf("  " BENCH_RATIO_LEGEND "\n");
	printf("  %-26s %8s  %-26s %8s %6s\n", "rivet", "ns", "glibc baseline", "ns", "ratio");
	for (i = 0; i < 2; i++) {
		double k = bench_kmalloc(sizes[i]), m = bench_malloc(sizes[i]);
		double kb = bench_kmalloc_batch(sizes[i]), mb = bench_malloc_batch(sizes[i]);
		char what[64], base[64];

		snprintf(what, sizeof(what), "kmalloc(%zu)+kfree pair", sizes[i]);
		snprintf(base, sizeof(base), "malloc(%zu)+free pair", sizes[i]);
		printf("  %-26s %8.2f  %-26s %8.2f %6.2f\n", what, k, base, m, k / m);
		snprintf(what, sizeof(what), "kmalloc(%zu)+kfree batch", sizes[i]);
		snprintf(base, sizeof(base), "malloc(%zu)+free batch", sizes[i]);
		printf("  %-26s %8.2f  %-26s %8.2f %6.2f\n", what, kb, base, mb, kb / mb);
	}
	return 0;
}
