// SPDX-License-Identifier: GPL-2.0-only
/* Page-table memory with a fixed virt<->phys offset; see arena.h. */
#define _DEFAULT_SOURCE
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define arena_poison(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define arena_unpoison(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define arena_poison(p, n) ((void)(p), (void)(n))
#define arena_unpoison(p, n) ((void)(p), (void)(n))
#endif

enum page_state {
	PAGE_NEVER_USED, /* since the last reset */
	PAGE_IN_USE, /* part of a live page allocation */
	PAGE_FREED,
	PAGE_SLAB, /* carved into sub-page objects */
};

#define SLAB_MIN_SHIFT 6 /* 64-byte objects at least: 64 per page */
#define SLAB_CLASSES (ARENA_PAGE_SHIFT - SLAB_MIN_SHIFT)

struct page_meta {
	uint8_t state;
	uint8_t order; /* page allocations: order of the block it heads */
	uint8_t obj_shift; /* slab pages */
	uint64_t obj_handed_out; /* slab pages: slots ever allocated */
	uint64_t obj_live; /* slab pages: slots still allocated */
};

static struct {
	uint8_t *cpu; /* what the kernel code reads and writes */
	uint8_t *device; /* what a non-coherent walker sees */
	struct page_meta meta[ARENA_NR_PAGES];
	size_t bump; /* next never-used page */
	size_t high_water; /* pages touched since the last reset */
	size_t top; /* lowest page slab pages took from the top */
	long slab_page[SLAB_CLASSES]; /* page being carved, or -1 */
	bool coherent;
	long fail_after;
	struct arena_usage usage;
	uint64_t phys_base; /* where cpu[0] sits in simulated PA space */
	uint64_t fit_limit; /* arena_set_fit_limit(), 0: none */
	uint64_t dma_limit; /* arena_set_dma_limit(), 0: none */
} arena = { .phys_base = ARENA_DEFAULT_PHYS_BASE, .top = ARENA_NR_PAGES };

static void *map_region(void)
{
	void *p = mmap(NULL, ARENA_BYTES, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		perror("iotlbfuzz: arena mmap");
		abort();
	}
	return p;
}

static void arena_init_once(void)
{
	if (arena.cpu)
		return;
	arena.cpu = map_region();
	arena.device = map_region();
	arena_poison(arena.cpu, ARENA_BYTES);
	arena.coherent = true;
	arena.top = ARENA_NR_PAGES;
	for (size_t i = 0; i < SLAB_CLASSES; i++)
		arena.slab_page[i] = -1;
}

void arena_init(void)
{
	arena_init_once();
}

void arena_reset(void)
{
	arena_init_once();
	size_t used = arena.high_water;
	size_t top = arena.top, top_used = ARENA_NR_PAGES - top;

	memset(arena.meta, 0, used * sizeof(arena.meta[0]));
	memset(arena.device, 0, used << ARENA_PAGE_SHIFT);
	arena_poison(arena.cpu, used << ARENA_PAGE_SHIFT);
	memset(arena.meta + top, 0, top_used * sizeof(arena.meta[0]));
	memset(arena.device + (top << ARENA_PAGE_SHIFT), 0,
	       top_used << ARENA_PAGE_SHIFT);
	arena_poison(arena.cpu + (top << ARENA_PAGE_SHIFT),
		     top_used << ARENA_PAGE_SHIFT);
	arena.bump = 0;
	arena.high_water = 0;
	arena.top = ARENA_NR_PAGES;
	for (size_t i = 0; i < SLAB_CLASSES; i++)
		arena.slab_page[i] = -1;
	arena.coherent = true;
	arena.fail_after = 0;
	memset(&arena.usage, 0, sizeof(arena.usage));
	arena.phys_base = ARENA_DEFAULT_PHYS_BASE;
	arena.fit_limit = 0;
	arena.dma_limit = 0;
}

bool arena_place(uint64_t base)
{
	if ((base & (ARENA_PLACE_ALIGN - 1)) || base > ARENA_PHYS_LIMIT ||
	    ARENA_PHYS_LIMIT - base < ARENA_BYTES || arena.high_water ||
	    arena.top != ARENA_NR_PAGES)
		return false;
	arena.phys_base = base;
	return true;
}

uint64_t arena_phys_base(void)
{
	return arena.phys_base;
}

void arena_set_fit_limit(uint64_t limit)
{
	arena.fit_limit = limit;
}

void arena_set_dma_limit(uint64_t limit)
{
	arena.dma_limit = limit;
}

bool arena_dma_reachable(uint64_t pa, size_t len)
{
	return !arena.dma_limit ||
	       (pa < arena.dma_limit && len <= arena.dma_limit - pa);
}

/* Does [off, off + len) of the region reach the fit limit? */
static bool unfit(size_t off, size_t len)
{
	return arena.fit_limit &&
	       arena.phys_base + off + len > arena.fit_limit;
}

static void note_unfit_alloc(size_t off, size_t len)
{
	if (!unfit(off, len))
		return;
	arena.usage.unfit_allocs++;
	arena.usage.live_unfit++;
	arena.usage.unfit_pa = arena.phys_base + off;
}

/* Taking back what note_unfit_alloc() counted (a slab page's carving). */
static void forget_unfit_alloc(size_t off, size_t len)
{
	if (!unfit(off, len))
		return;
	arena.usage.unfit_allocs--;
	arena.usage.live_unfit--;
}

static void note_unfit_free(size_t off, size_t len)
{
	if (unfit(off, len))
		arena.usage.live_unfit--;
}

void arena_fail_after(long n)
{
	arena.fail_after = n;
}

static bool injected_failure(void)
{
	if (arena.fail_after <= 0)
		return false;
	return --arena.fail_after == 0;
}

/*
 * Blocks are naturally aligned in physical address space, as the kernel's
 * page allocator gives them: the placement is only 2 MiB aligned, so
 * larger blocks start at an offset into the region.
 */
static size_t block_skew(size_t n)
{
	return (size_t)(arena.phys_base >> ARENA_PAGE_SHIFT) & (n - 1);
}

static bool block_aligned(size_t first, size_t n)
{
	return ((first + block_skew(n)) & (n - 1)) == 0;
}

static bool run_is_free(size_t first, size_t n)
{
	for (size_t i = first; i < first + n; i++)
		if (arena.meta[i].state == PAGE_IN_USE ||
		    arena.meta[i].state == PAGE_SLAB)
			return false;
	return true;
}

/* Never-used pages first: freed ones stay in quarantine while we can. */
static long find_run(unsigned int order)
{
	size_t n = 1UL << order;
	size_t skew = block_skew(n);
	size_t first = ((arena.bump + skew + n - 1) & ~(n - 1)) - skew;

	if (first + n <= arena.top) {
		arena.bump = first + n;
		return (long)first;
	}
	for (first = (n - skew) & (n - 1); first + n <= ARENA_NR_PAGES;
	     first += n)
		if (run_is_free(first, n))
			return (long)first;
	return -1;
}

/*
 * Slab pages come from the top of the region, page blocks from the
 * bottom: where the region straddles a limit, the small objects (v7s
 * level-2 tables) land on the far side of it and the first tables on the
 * near side, so both of a format's refusals can be met.
 */
static long find_slab_page(void)
{
	/* (a full region's reuse may have taken pages in between) */
	if (arena.top > arena.bump &&
	    arena.meta[arena.top - 1].state == PAGE_NEVER_USED)
		return (long)--arena.top;
	return find_run(0);
}

static void *alloc_block(unsigned int order, bool slab)
{
	arena_init_once();
	if (order > 12 || injected_failure()) {
		arena.usage.failed_allocs++;
		return NULL;
	}

	long first = slab ? find_slab_page() : find_run(order);
	size_t n = 1UL << order;

	if (first < 0) {
		arena.usage.failed_allocs++;
		return NULL;
	}
	for (size_t i = (size_t)first; i < (size_t)first + n; i++) {
		memset(&arena.meta[i], 0, sizeof(arena.meta[i]));
		arena.meta[i].state = PAGE_IN_USE;
	}
	arena.meta[first].order = (uint8_t)order;
	if ((size_t)first < arena.top && (size_t)first + n > arena.high_water)
		arena.high_water = (size_t)first + n;

	uint8_t *virt = arena.cpu + ((size_t)first << ARENA_PAGE_SHIFT);

	arena_unpoison(virt, n << ARENA_PAGE_SHIFT);
	memset(virt, 0, n << ARENA_PAGE_SHIFT);
	arena.usage.live_pages += n;
	if (arena.usage.live_pages > arena.usage.peak_pages)
		arena.usage.peak_pages = arena.usage.live_pages;
	note_unfit_alloc((size_t)first << ARENA_PAGE_SHIFT,
			 n << ARENA_PAGE_SHIFT);
	return virt;
}

void *arena_alloc_pages(unsigned int order)
{
	return alloc_block(order, false);
}

static void page_free_abort(const void *virt, const char *why)
{
	fprintf(stderr, "iotlbfuzz: arena: bad free of %p: %s\n", virt, why);
	abort();
}

void arena_free_pages(void *virt, unsigned int order)
{
	if (!arena_contains(virt))
		page_free_abort(virt, "not table memory");

	size_t first = arena_page_index(virt);
	size_t n = 1UL << order;

	if (!block_aligned(first, n) || first + n > ARENA_NR_PAGES)
		page_free_abort(virt, "misaligned block");
	for (size_t i = first; i < first + n; i++) {
		if (arena.meta[i].state != PAGE_IN_USE)
			page_free_abort(virt, "page not allocated");
		arena.meta[i].state = PAGE_FREED;
	}
	arena_poison(virt, n << ARENA_PAGE_SHIFT);
	arena.usage.live_pages -= n;
	note_unfit_free(first << ARENA_PAGE_SHIFT, n << ARENA_PAGE_SHIFT);
}

static unsigned int object_shift(size_t size)
{
	unsigned int shift = SLAB_MIN_SHIFT;

	while ((1UL << shift) < size)
		shift++;
	return shift;
}

void *arena_alloc_object(size_t size)
{
	arena_init_once();
	if (size == 0 || size > ARENA_PAGE_SIZE / 2)
		return NULL;

	unsigned int shift = object_shift(size);
	unsigned int cls = shift - SLAB_MIN_SHIFT;
	unsigned int slots = 1U << (ARENA_PAGE_SHIFT - shift);
	long page = arena.slab_page[cls];

	if (page >= 0 &&
	    arena.meta[page].obj_handed_out == (slots == 64 ? ~0ULL :
						 (1ULL << slots) - 1))
		page = -1; /* full: slots are never reused, for quarantine */
	if (page < 0) {
		uint8_t *virt = alloc_block(0, true);

		if (!virt)
			return NULL;
		page = (long)arena_page_index(virt);
		/* accounted per object instead */
		arena.usage.live_pages--;
		forget_unfit_alloc((size_t)page << ARENA_PAGE_SHIFT,
				   ARENA_PAGE_SIZE);
		arena.meta[page].state = PAGE_SLAB;
		arena.meta[page].obj_shift = (uint8_t)shift;
		arena_poison(virt, ARENA_PAGE_SIZE);
		arena.slab_page[cls] = page;
	}

	struct page_meta *m = &arena.meta[page];
	unsigned int slot = (unsigned int)__builtin_ctzll(~m->obj_handed_out);
	uint8_t *obj = arena.cpu + ((size_t)page << ARENA_PAGE_SHIFT) +
		       ((size_t)slot << shift);

	m->obj_handed_out |= 1ULL << slot;
	m->obj_live |= 1ULL << slot;
	arena_unpoison(obj, 1UL << shift);
	memset(obj, 0, 1UL << shift);
	arena.usage.live_objects++;
	note_unfit_alloc((size_t)(obj - arena.cpu), 1UL << shift);
	return obj;
}

void arena_free_object(void *virt)
{
	if (!arena_contains(virt))
		page_free_abort(virt, "not table memory");

	size_t page = arena_page_index(virt);
	struct page_meta *m = &arena.meta[page];

	if (m->state != PAGE_SLAB)
		page_free_abort(virt, "not an object");

	size_t offset = (size_t)((uint8_t *)virt - arena.cpu) &
			(ARENA_PAGE_SIZE - 1);
	unsigned int slot = (unsigned int)(offset >> m->obj_shift);

	if ((offset & ((1UL << m->obj_shift) - 1)) ||
	    !(m->obj_live & (1ULL << slot)))
		page_free_abort(virt, "object not allocated");
	m->obj_live &= ~(1ULL << slot);
	arena_poison(virt, 1UL << m->obj_shift);
	arena.usage.live_objects--;
	note_unfit_free((size_t)((uint8_t *)virt - arena.cpu),
			1UL << m->obj_shift);
}

bool arena_pages_allocated(const void *virt, unsigned int order)
{
	if (!arena_contains(virt) || order > 12)
		return false;

	size_t first = arena_page_index(virt);
	size_t n = 1UL << order;

	if (((uintptr_t)virt & (ARENA_PAGE_SIZE - 1)) ||
	    !block_aligned(first, n) ||
	    first + n > ARENA_NR_PAGES || arena.meta[first].order != order)
		return false;
	for (size_t i = first; i < first + n; i++)
		if (arena.meta[i].state != PAGE_IN_USE)
			return false;
	return true;
}

bool arena_object_allocated(const void *virt)
{
	if (!arena_contains(virt))
		return false;

	const struct page_meta *m = &arena.meta[arena_page_index(virt)];
	size_t offset = (size_t)((const uint8_t *)virt - arena.cpu) &
			(ARENA_PAGE_SIZE - 1);

	return m->state == PAGE_SLAB &&
	       !(offset & ((1UL << m->obj_shift) - 1)) &&
	       (m->obj_live & (1ULL << (offset >> m->obj_shift)));
}

bool arena_contains(const void *virt)
{
	const uint8_t *p = virt;

	return arena.cpu && p >= arena.cpu && p < arena.cpu + ARENA_BYTES;
}

size_t arena_page_index(const void *virt)
{
	return (size_t)((const uint8_t *)virt - arena.cpu) >> ARENA_PAGE_SHIFT;
}

void *arena_page_virt(size_t index)
{
	return arena.cpu + (index << ARENA_PAGE_SHIFT);
}

uint64_t arena_virt_to_phys(const void *virt)
{
	return arena.phys_base + (uint64_t)((const uint8_t *)virt - arena.cpu);
}

/*
 * Pure arithmetic, like the kernel's __va(): io-pgtable computes pointers
 * from descriptors it then does not use. A real dereference of a bogus one
 * is caught by the sanitizers or the MMU.
 */
void *arena_phys_to_virt(uint64_t pa)
{
	return (void *)((uintptr_t)arena.cpu +
			(uintptr_t)(pa - arena.phys_base));
}

void arena_set_coherent(bool coherent)
{
	arena.coherent = coherent;
}

/* Freed slots stay poisoned: copy object by object. */
static void sync_live_objects(size_t page, size_t off, size_t len)
{
	const struct page_meta *m = &arena.meta[page];
	size_t obj = 1UL << m->obj_shift;

	for (size_t pos = off; pos < off + len;) {
		size_t slot_end = (pos | (obj - 1)) + 1;
		size_t end = slot_end < off + len ? slot_end : off + len;
		size_t slot = (pos & (ARENA_PAGE_SIZE - 1)) >> m->obj_shift;

		if (m->obj_live & (1ULL << slot))
			memcpy(arena.device + pos, arena.cpu + pos, end - pos);
		pos = end;
	}
}

void arena_sync_for_device(uint64_t pa, size_t len)
{
	if (pa < arena.phys_base || len > ARENA_BYTES ||
	    pa - arena.phys_base > ARENA_BYTES - len)
		return;

	size_t off = (size_t)(pa - arena.phys_base);

	/* Copy only bytes the CPU may legally read: live table memory. */
	for (size_t done = 0; done < len;) {
		size_t page = (off + done) >> ARENA_PAGE_SHIFT;
		size_t in_page = ARENA_PAGE_SIZE -
				 ((off + done) & (ARENA_PAGE_SIZE - 1));
		size_t chunk = len - done < in_page ? len - done : in_page;

		if (arena.meta[page].state == PAGE_IN_USE) {
			memcpy(arena.device + off + done,
			       arena.cpu + off + done, chunk);
		} else if (arena.meta[page].state == PAGE_SLAB) {
			sync_live_objects(page, off + done, chunk);
		}
		done += chunk;
	}
}

static enum phys_read_status page_status(size_t page, size_t offset)
{
	const struct page_meta *m = &arena.meta[page];

	switch (m->state) {
	case PAGE_IN_USE:
		return PHYS_READ_OK;
	case PAGE_FREED:
		return PHYS_READ_FREED;
	case PAGE_SLAB: {
		uint64_t bit = 1ULL << (offset >> m->obj_shift);

		if (m->obj_live & bit)
			return PHYS_READ_OK;
		return (m->obj_handed_out & bit) ? PHYS_READ_FREED :
						   PHYS_READ_UNBACKED;
	}
	default:
		return PHYS_READ_UNBACKED;
	}
}

enum phys_read_status arena_device_read(void *ctx, uint64_t pa, void *buf,
					size_t len)
{
	(void)ctx;
	if (!arena.cpu || pa < arena.phys_base || len > ARENA_PAGE_SIZE ||
	    pa - arena.phys_base > ARENA_BYTES - len)
		return PHYS_READ_UNBACKED;

	size_t off = (size_t)(pa - arena.phys_base);
	size_t page = off >> ARENA_PAGE_SHIFT;

	if (((off + len - 1) >> ARENA_PAGE_SHIFT) != page)
		return PHYS_READ_UNBACKED; /* descriptors never straddle pages */

	enum phys_read_status st = page_status(page,
					       off & (ARENA_PAGE_SIZE - 1));

	if (st != PHYS_READ_OK)
		return st;
	const uint8_t *src = (arena.coherent ? arena.cpu : arena.device) + off;

	/*
	 * Walks read one 4- or 8-byte descriptor at a time: a fixed-size copy
	 * is one load, where memcpy() is a call through the sanitizer's
	 * interceptor (a tenth of a walk's time under ASan).
	 */
	switch (len) {
	case 8:
		memcpy(buf, src, 8);
		break;
	case 4:
		memcpy(buf, src, 4);
		break;
	default:
		memcpy(buf, src, len);
		break;
	}
	return PHYS_READ_OK;
}

struct arena_usage arena_usage(void)
{
	return arena.usage;
}
