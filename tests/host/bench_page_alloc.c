/*
 * Page allocator cost on the host, beside glibc malloc+free of the same
 * size (bench_glibc.h says how that baseline is kept fair): order-0
 * through the per-CPU lists, order-0 with the lists off (every call takes
 * zone->lock and walks the buddy lists), order 3, and bursts of 256 pages
 * that overflow the pcp lists. Min of 5 runs; prints figures, asserts nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include "page_alloc_arena.h"
#include "bench_glibc.h"

#define ITERS	1000000
#define REPS	5
#define BURST	256

static struct arena_layout layout = {
	.size = 512UL << 20,
	.zone_mb = { 128, 256, 128 },
	.reserve_base = 2UL << 20,
	.reserve_size = 8UL << 20,
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

typedef void (*bench_fn)(long iters, unsigned long arg);

/* Best ns per iteration over REPS runs (ops per iteration = 1). */
static double best(bench_fn fn, long iters, unsigned long arg)
{
	double min = 1e30;

	fn(iters / 10, arg);	/* warm up */
	for (int r = 0; r < REPS; r++) {
		double t0 = now_ns();

		fn(iters, arg);
		t0 = (now_ns() - t0) / iters;
		if (t0 < min)
			min = t0;
	}
	return min;
}

static void pages_loop(long iters, unsigned long order)
{
	for (long i = 0; i < iters; i++) {
		struct page *p = alloc_pages(GFP_KERNEL, order);

		__free_pages(p, order);
	}
}

static struct page *burst[BURST];

static void pages_burst(long iters, unsigned long order)
{
	for (long i = 0; i < iters; i += BURST) {
		for (int j = 0; j < BURST; j++)
			burst[j] = alloc_pages(GFP_KERNEL, order);
		for (int j = 0; j < BURST; j++)
			__free_pages(burst[j], order);
	}
}

static void malloc_loop(long iters, unsigned long size)
{
	for (long i = 0; i < iters; i++) {
		char *p = malloc(size);

		*(volatile char *)p = 1;	/* keep the pair from being elided */
		free(p);
	}
}

static void *mburst[BURST];

static void malloc_burst(long iters, unsigned long size)
{
	for (long i = 0; i < iters; i += BURST) {
		for (int j = 0; j < BURST; j++) {
			mburst[j] = malloc(size);
			*(volatile char *)mburst[j] = 1;
		}
		for (int j = 0; j < BURST; j++)
			free(mburst[j]);
	}
}

/* One row: the rivet call's ns per pair, glibc's, and rivet / glibc. */
static void row(const char *what, double ns, double ref)
{
	printf("  %-46s %8.1f %8.1f %7.2f\n", what, ns, ref, ns / ref);
}

int main(void)
{
	struct zone *normal = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	double m4k, m32k, m4k_burst, t;

	arena_boot(&layout);
	bench_glibc_setup();
	printf("bench_page_alloc: ns per alloc+free pair, min of %d runs of %d; pcp high %d batch %d\n",
	       REPS, ITERS, normal->pageset[0].high, normal->pageset[0].batch);
	printf("  glibc: malloc+free of the same size (4 KiB, 32 KiB), heap kept (no trim, no mmap)\n");
	printf("  " BENCH_RATIO_LEGEND "\n");
	printf("  %-46s %8s %8s %7s\n", "", "rivet ns", "glibc ns", "ratio");
	m4k = best(malloc_loop, ITERS, 4096);
	m32k = best(malloc_loop, ITERS, 32768);
	m4k_burst = best(malloc_burst, ITERS, 4096);

	t = best(pages_loop, ITERS, 0);
	row("alloc_page+__free_page (pcp)", t, m4k);
	t = best(pages_burst, ITERS, 0);
	row("same, bursts of 256 (pcp overflows to buddy)", t, m4k_burst);
	t = best(pages_loop, ITERS, 3);
	row("alloc_pages+__free_pages order 3 (buddy)", t, m32k);

	zone_pcp_disable(normal);
	t = best(pages_loop, ITERS, 0);
	row("alloc_page+__free_page, pcp off (buddy)", t, m4k);
	t = best(pages_burst, ITERS, 0);
	row("same, bursts of 256, pcp off", t, m4k_burst);
	zone_pcp_enable(normal);
	return 0;
}
