/*
 * Page allocator cost on the host, beside glibc malloc+free of the same
 * size in the same pattern (bench_glibc.h says how that baseline is kept
 * fair): order-0 through the per-CPU lists, order-0 with the lists off
 * (every call takes zone->lock and walks the buddy lists), order 3, and
 * bursts of 256 pages that overflow the pcp lists. Neither side touches the
 * memory it gets. Each row names its baseline. Min of 5 runs; prints
 * figures, asserts nothing.
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

/* Keep the compiler from proving a malloc+free pair dead, without touching the memory. */
#define SINK(p)	__asm__ __volatile__("" :: "r"(p) : "memory")

static void malloc_loop(long iters, unsigned long size)
{
	for (long i = 0; i < iters; i++) {
		char *p = malloc(size);

		SINK(p);
		free(p);
	}
}

static void *mburst[BURST];

static void malloc_burst(long iters, unsigned long size)
{
	for (long i = 0; i < iters; i += BURST) {
		for (int j = 0; j < BURST; j++) {
			mburst[j] = malloc(size);
			SINK(mburst[j]);
		}
		for (int j = 0; j < BURST; j++)
			free(mburst[j]);
	}
}

/* One row: the rivet call's ns per pair, the glibc BASELINE's, and rivet / glibc. */
static void row(const char *what, double ns, const char *baseline, double ref)
{
	printf("  %-44s %8.1f  %-28s %8.1f %6.2f\n", what, ns, baseline, ref, ns / ref);
}

int main(void)
{
	struct zone *normal = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	double m4k, m32k, m4k_burst, t;

	arena_boot(&layout);
	bench_glibc_setup();
	printf("bench_page_alloc: ns per alloc+free pair (lower is better), min of %d runs of %d;"
	       " pcp high %d batch %d\n", REPS, ITERS, normal->pageset[0].high, normal->pageset[0].batch);
	printf("  baseline: glibc malloc+free of the same bytes in the same pattern, heap kept"
	       " (no trim, no mmap); neither side touches the memory\n");
	printf("  " BENCH_RATIO_LEGEND "\n");
	printf("  %-44s %8s  %-28s %8s %6s\n", "rivet", "ns", "glibc baseline", "ns", "ratio");
	m4k = best(malloc_loop, ITERS, 4096);
	m32k = best(malloc_loop, ITERS, 32768);
	m4k_burst = best(malloc_burst, ITERS, 4096);

	t = best(pages_loop, ITERS, 0);
	row("alloc_page+__free_page (pcp)", t, "malloc(4096)+free", m4k);
	t = best(pages_burst, ITERS, 0);
	row("256 x alloc_page, 256 x free (pcp overflows)", t, "256 x malloc(4096), 256 x free", m4k_burst);
	t = best(pages_loop, ITERS, 3);
	row("alloc_pages+__free_pages order 3 (buddy)", t, "malloc(32768)+free", m32k);

	zone_pcp_disable(normal);
	t = best(pages_loop, ITERS, 0);
	row("alloc_page+__free_page, pcp off (buddy)", t, "malloc(4096)+free", m4k);
	t = best(pages_burst, ITERS, 0);
	row("256 x alloc_page, 256 x free, pcp off", t, "256 x malloc(4096), 256 x free", m4k_burst);
	zone_pcp_enable(normal);
	return 0;
}
