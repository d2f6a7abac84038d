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

long kshim_node_page_state[KSHIM_NR_NODE_STATS];

long kshim_accounted_table_pages(void)
{
	return kshim_node_page_state[NR_SECONDARY_PAGETABLE];
}

static struct kshim_hooks hooks;
static struct kshim_counters counters;
static uint64_t step_limit;
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

void kshim_stuck(uint64_t iova, const char *what)
{
	if (hooks.stuck)
		hooks.stuck(hooks.arg, iova, what);
	fprintf(stderr, "kernel code makes no progress: %s\n", what);
	abort();
}

void kshim_set_step_limit(uint64_t limit)
{
	step_limit = limit;
}

uint64_t kshim_steps(void)
{
	return counters.steps;
}

/* The kernel code went past the step limit inside one call. */
static noinline void kernel_stuck_in_loop(void)
{
	char what[160];

	snprintf(what, sizeof(what),
		 "the kernel code took %llu steps through table memory (limit %llu) without its call returning: a loop that does not end",
		 (unsigned long long)counters.steps,
		 (unsigned long long)step_limit);
	step_limit = 0; /* once: the report's own lookups step too */
	kshim_stuck(0, what);
}

/*
 * Every loop of io-pgtable that walks, splits, maps or frees tables comes
 * through here; one that never returns to the core keeps coming. The
 * report is built out of line: a message buffer in this frame cost every
 * phys_to_virt() its sanitizer redzones.
 */
static void kernel_step(void)
{
	if (++counters.steps > step_limit && step_limit)
		kernel_stuck_in_loop();
}

/*
 * printk's format is printf's plus kernel extensions; the one the
 * map/unmap path uses is %pa (a phys_addr_t passed by reference). Each
 * conversion is handed to vfprintf alone, %pa is printed by hand.
 */
static void print_kernel_format(FILE *out, const char *fmt, va_list ap)
{
	while (*fmt) {
		if (*fmt != '%') {
			fputc(*fmt++, out);
			continue;
		}
		if (fmt[1] == 'p' && fmt[2] == 'a') {
			const phys_addr_t *pa = va_arg(ap, const phys_addr_t *);

			fprintf(out, "%#llx", (unsigned long long)*pa);
			fmt += 3;
			fmt += *fmt == 'p' || *fmt == 'd'; /* %pap, %pad */
			continue;
		}

		char spec[32];
		size_t n = 0;
		int longs = 0;

		spec[n++] = *fmt++;
		while (*fmt && strchr("-+ #0123456789.", *fmt) && n < 24)
			spec[n++] = *fmt++;
		while (*fmt && strchr("hlzt", *fmt) && n < 28) {
			longs += *fmt == 'l' || *fmt == 'z' || *fmt == 't';
			spec[n++] = *fmt++;
		}
		if (!*fmt)
			break;
		spec[n++] = *fmt;
		spec[n] = 0;
		switch (*fmt++) {
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'c':
			if (longs >= 2)
				fprintf(out, spec, va_arg(ap, long long));
			else if (longs)
				fprintf(out, spec, va_arg(ap, long));
			else
				fprintf(out, spec, va_arg(ap, int));
			break;
		case 's':
			fprintf(out, spec, va_arg(ap, const char *));
			break;
		case 'p':
			fprintf(out, spec, va_arg(ap, void *));
			break;
		case '%':
			fputc('%', out);
			break;
		default:
			fputs(spec, out);
			break;
		}
	}
}

void kshim_printk(int level, const char *fmt, ...)
{
	counters.printks++;
	if (!verbose)
		return;

	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "<%d>", level);
	print_kernel_format(stderr, fmt, ap);
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
	kernel_step();
	void *virt = arena_alloc_pages(order);

	(void)gfp; /* arena memory is always zeroed */
	if (!virt)
		return NULL;

	struct page *page = kshim_virt_to_page(virt);

	memset(page, 0, sizeof(*page) << order);
	return page;
}

/* A kernel freeing what it does not own is a kernel bug, reported as one. */
static void free_table_pages(void *virt, unsigned int order)
{
	kernel_step();
	if (!arena_pages_allocated(virt, order))
		kshim_bug(__FILE__, __LINE__,
			  "free of page-table memory that is not allocated (or of another order)");
	arena_free_pages(virt, order);
}

void kshim_free_pages(struct page *page, unsigned int order)
{
	free_table_pages(kshim_page_address(page), order);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	kernel_step();
	(void)gfp;
	return (unsigned long)arena_alloc_pages(order);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		free_table_pages((void *)addr, order);
}

phys_addr_t kshim_virt_to_phys(const void *virt)
{
	kernel_step();
	if (!arena_contains(virt))
		kshim_bug(__FILE__, __LINE__, "virt_to_phys of non-table memory");
	return arena_virt_to_phys(virt);
}

void *kshim_phys_to_virt(phys_addr_t pa)
{
	kernel_step();
	return arena_phys_to_virt(pa);
}

/*
 * Every kmalloc'd object is linked into one list, so that what the kernel
 * code leaked can be counted at teardown and then released: the next
 * input starts clean and LeakSanitizer does not report our own leak check.
 */
struct heap_object {
	struct heap_object *prev, *next;
	_Alignas(16) unsigned char data[];
};

static struct heap_object heap_live = { &heap_live, &heap_live };

void *kmalloc(size_t size, gfp_t gfp)
{
	size_t bytes = sizeof(struct heap_object) + (size ? size : 1);
	struct heap_object *h = (gfp & __GFP_ZERO) ? calloc(1, bytes) :
						     malloc(bytes);

	if (!h)
		return NULL;
	h->next = heap_live.next;
	h->prev = &heap_live;
	heap_live.next->prev = h;
	heap_live.next = h;
	counters.live_heap_objects++;
	return h->data;
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

	struct heap_object *h = container_of((void *)p, struct heap_object,
					     data);

	h->prev->next = h->next;
	h->next->prev = h->prev;
	counters.live_heap_objects--;
	free(h);
}

void kshim_release_leaks(void)
{
	while (heap_live.next != &heap_live)
		kfree(heap_live.next->data);
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *cache = kzalloc(sizeof(*cache), GFP_KERNEL);

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
	kfree(cache);
}

void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp)
{
	kernel_step();
	(void)gfp;
	return arena_alloc_object(cache->size);
}

void *kmem_cache_zalloc(struct kmem_cache *cache, gfp_t gfp)
{
	return kmem_cache_alloc(cache, gfp);
}

void kmem_cache_free(struct kmem_cache *cache, void *obj)
{
	kernel_step();
	(void)cache;
	if (!obj)
		return;
	if (!arena_object_allocated(obj))
		kshim_bug(__FILE__, __LINE__,
			  "kmem_cache_free of a page-table object that is not allocated");
	arena_free_object(obj);
}

dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size,
			  enum dma_data_direction dir)
{
	dma_addr_t addr = kshim_virt_to_phys(ptr);

	(void)dev;
	/* beyond the IOMMU's DMA mask: dma-direct with no bounce buffer */
	if (!arena_dma_reachable(addr, size))
		return DMA_MAPPING_ERROR;
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
	kernel_step();
	(void)dev;
	if (dir != DMA_FROM_DEVICE)
		arena_sync_for_device(addr, size);
}
