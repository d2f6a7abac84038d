// SPDX-License-Identifier: GPL-2.0-only
/*
 * Out-of-line parts of the kernel shim: WARN/BUG/printk sinks, the page and
 * slab allocators on top of the arena, and the streaming DMA API.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <linux/dma-mapping.h>
#include <linux/slab.h>

#include "arena.h"
#include "kshim_runtime.h"

static struct kshim_hooks hooks;
static struct kshim_counters counters;
static bool verbose;

void kshim_set_hooks(const struct kshim_hooks *h)
{
	if (h)
		hooks = *h;
	else
		memset(&hooks, 0, sizeof(hooks));
}

void kshim_set_verbose(bool v)
{
	verbose = v;
}

struct kshim_counters kshim_counters(void)
{
	return counters;
}

void kshim_reset(void)
{
	memset(&counters, 0, sizeof(counters));
}

void kshim_warn(const char *file, int line, const char *what)
{
	counters.warns++;
	if (verbose)
		fprintf(stderr, "WARNING: %s:%d: %s\n", file, line, what);
	if (hooks.warn)
		hooks.warn(hooks.arg, file, line, what);
}

void kshim_bug(const char *file, int line, const char *what)
{
	if (hooks.bug)
		hooks.bug(hooks.arg, file, line, what);
	fprintf(stderr, "kernel BUG at %s:%d: %s\n", file, line, what);
	abort();
}

void kshim_printk(int level, const char *fmt, ...)
{
	counters.printks++;
	if (!verbose)
		return;

	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "<%d>", level);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

void kshim_trace_map(unsigned long iova, phys_addr_t paddr, size_t size)
{
	if (hooks.map_traced)
		hooks.map_traced(hooks.arg, iova, paddr, size);
}

void kshim_trace_unmap(unsigned long iova, size_t size, size_t unmapped)
{
	if (hooks.unmap_traced)
		hooks.unmap_traced(hooks.arg, iova, size, unmapped);
}

/* A struct page per arena page; page_address() is pure arithmetic. */
static struct page page_structs[ARENA_NR_PAGES];

struct page *kshim_virt_to_page(const void *virt)
{
	if (!arena_contains(virt))
		kshim_bug(__FILE__, __LINE__, "virt_to_page of non-table memory");
	return &page_structs[arena_page_index(virt)];
}

void *kshim_page_address(const struct page *page)
{
	return arena_page_virt((size_t)(page - page_structs));
}

struct page *kshim_alloc_pages(gfp_t gfp, unsigned int order)
{
	void *virt = arena_alloc_pages(order);

	(void)gfp; /* arena memory is always zeroed */
	if (!virt)
		return NULL;

	struct page *page = kshim_virt_to_page(virt);

	memset(page, 0, sizeof(*page) << order);
	return page;
}

void kshim_free_pages(struct page *page, unsigned int order)
{
	arena_free_pages(kshim_page_address(page), order);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	(void)gfp;
	return (unsigned long)arena_alloc_pages(order);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		arena_free_pages((void *)addr, order);
}

phys_addr_t kshim_virt_to_phys(const void *virt)
{
	if (!arena_contains(virt))
		kshim_bug(__FILE__, __LINE__, "virt_to_phys of non-table memory");
	return arena_virt_to_phys(virt);
}

void *kshim_phys_to_virt(phys_addr_t pa)
{
	return arena_phys_to_virt(pa);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	void *p = (gfp & __GFP_ZERO) ? calloc(1, size ? size : 1) :
				       malloc(size ? size : 1);

	if (p)
		counters.live_heap_objects++;
	return p;
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kzalloc(bytes, gfp);
}

void kfree(const void *p)
{
	if (!p)
		return;
	counters.live_heap_objects--;
	free((void *)p);
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *cache = calloc(1, sizeof(*cache));

	(void)name;
	(void)align; /* arena objects are aligned to their size */
	(void)flags;
	(void)ctor;
	if (!cache)
		return NULL;
	cache->size = size;
	counters.live_caches++;
	return cache;
}

void kmem_cache_destroy(struct kmem_cache *cache)
{
	if (!cache)
		return;
	counters.live_caches--;
	free(cache);
}

void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp)
{
	(void)gfp;
	return arena_alloc_object(cache->size);
}

void *kmem_cache_zalloc(struct kmem_cache *cache, gfp_t gfp)
{
	return kmem_cache_alloc(cache, gfp);
}

void kmem_cache_free(struct kmem_cache *cache, void *obj)
{
	(void)cache;
	if (obj)
		arena_free_object(obj);
}

dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size,
			  enum dma_data_direction dir)
{
	dma_addr_t addr = kshim_virt_to_phys(ptr);

	(void)dev;
	if (dir != DMA_FROM_DEVICE)
		arena_sync_for_device(addr, size);
	return addr;
}

void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
		      enum dma_data_direction dir)
{
	(void)dev;
	(void)addr;
	(void)size;
	(void)dir;
}

void dma_sync_single_for_device(struct device *dev, dma_addr_t addr,
				size_t size, enum dma_data_direction dir)
{
	(void)dev;
	if (dir != DMA_FROM_DEVICE)
		arena_sync_for_device(addr, size);
}
