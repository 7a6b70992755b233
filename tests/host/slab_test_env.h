/*
 * What the slab tests need from the page allocator underneath
 * (slab_env_real.c: the real buddy allocator on a host arena).
 */
#ifndef _SLAB_TEST_ENV_H
#define _SLAB_TEST_ENV_H

void slab_env_init(void);			/* memory up, before kmem_cache_init */
unsigned long slab_env_free_pages(void);	/* free frames in the page allocator */
unsigned long slab_env_slab_pages(void);	/* NR_SLAB_RECLAIMABLE + UNRECLAIMABLE */
unsigned long slab_env_reclaimable_pages(void);	/* NR_SLAB_RECLAIMABLE */

#endif
