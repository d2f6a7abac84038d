// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page-table arena placed in physical address space: where blocks and
 * objects land, what the device reads there, and the accounting of table
 * memory beyond the format's limit (runtime/arena.h).
 */
#include <string.h>

#include "arena.h"
#include "check.h"

#define MiB (1ULL << 20)

static void test_default_placement(void)
{
	void *p;

	arena_reset();
	CHECK_EQ_U64(arena_phys_base(), ARENA_DEFAULT_PHYS_BASE);
	p = arena_alloc_pages(0);
	CHECK(p != NULL);
	CHECK_EQ_U64(arena_virt_to_phys(p), 0x40000000ULL);
	CHECK(arena_phys_to_virt(0x40000000ULL) == p);
	/* nothing can move under a live allocation */
	CHECK(!arena_place(0xf0000000ULL));
	arena_free_pages(p, 0);
	arena_reset();
}

static void test_place_limits(void)
{
	arena_reset();
	CHECK(!arena_place(0xf0001000ULL)); /* not 2 MiB aligned */
	CHECK(!arena_place(0xf0100000ULL));
	CHECK(!arena_place((1ULL << 52) - 128 * MiB)); /* runs past 2^52 */
	CHECK(!arena_place(1ULL << 52));
	CHECK(!arena_place(~0ULL << 21));
	CHECK(arena_place((1ULL << 52) - 256 * MiB));
	CHECK_EQ_U64(arena_phys_base(), (1ULL << 52) - 256 * MiB);
	CHECK(arena_place(2 * MiB));
	arena_reset();
	CHECK_EQ_U64(arena_phys_base(), ARENA_DEFAULT_PHYS_BASE);
}

/* Blocks are naturally aligned in PA space, at any 2 MiB placement. */
static void test_natural_alignment(void)
{
	uint64_t base = (1ULL << 40) - 2 * MiB;

	arena_reset();
	CHECK(arena_place(base));
	for (unsigned int order = 0; order <= 12; order++) {
		void *p = arena_alloc_pages(order);
		uint64_t pa;

		CHECK(p != NULL);
		if (!p)
			continue;
		pa = arena_virt_to_phys(p);
		CHECK_EQ_U64(pa & ((ARENA_PAGE_SIZE << order) - 1), 0);
		CHECK(pa >= base &&
		      pa + (ARENA_PAGE_SIZE << order) <= base + ARENA_BYTES);
		CHECK(arena_pages_allocated(p, order));
		arena_free_pages(p, order);
		CHECK(!arena_pages_allocated(p, order));
	}
	arena_reset();
}

/* The device reads at the placed addresses, and nowhere else. */
static void test_device_view(void)
{
	uint64_t base = (1ULL << 48) - 256 * MiB, pa, v = 0;
	uint64_t *p;

	arena_reset();
	CHECK(arena_place(base));
	p = arena_alloc_pages(0);
	pa = arena_virt_to_phys(p);
	CHECK_EQ_U64(pa, base);
	p[3] = 0x1234567890abcdefULL;
	CHECK_EQ_U64(arena_device_read(NULL, pa + 24, &v, 8), PHYS_READ_OK);
	CHECK_EQ_U64(v, 0x1234567890abcdefULL);
	/* where the default placement would have been: nothing */
	CHECK_EQ_U64(arena_device_read(NULL, 0x40000000ULL + 24, &v, 8),
		     PHYS_READ_UNBACKED);
	CHECK_EQ_U64(arena_device_read(NULL, pa - 8, &v, 8),
		     PHYS_READ_UNBACKED);
	/* a non-coherent walker sees it once it is cleaned */
	arena_set_coherent(false);
	p[4] = 42;
	CHECK_EQ_U64(arena_device_read(NULL, pa + 32, &v, 8), PHYS_READ_OK);
	CHECK_EQ_U64(v, 0);
	arena_sync_for_device(pa + 32, 8);
	CHECK_EQ_U64(arena_device_read(NULL, pa + 32, &v, 8), PHYS_READ_OK);
	CHECK_EQ_U64(v, 42);
	arena_free_pages(p, 0);
	CHECK_EQ_U64(arena_device_read(NULL, pa, &v, 8), PHYS_READ_FREED);
	arena_reset();
}

/*
 * Page blocks from the bottom, slab objects from the top: with the region
 * straddling 4G, the first blocks fit and the objects do not.
 */
static void test_fit_accounting(void)
{
	uint64_t limit = 1ULL << 32, base = limit - 2 * MiB;
	struct arena_usage u;
	void *l1, *l2, *l2b;

	arena_reset();
	CHECK(arena_place(base));
	arena_set_fit_limit(limit);
	l1 = arena_alloc_pages(2);
	CHECK_EQ_U64(arena_virt_to_phys(l1), base);
	u = arena_usage();
	CHECK_EQ_U64(u.unfit_allocs, 0);
	l2 = arena_alloc_object(1024);
	l2b = arena_alloc_object(1024);
	CHECK_EQ_U64(arena_virt_to_phys(l2), base + ARENA_BYTES - 4096);
	CHECK_EQ_U64(arena_virt_to_phys(l2b), base + ARENA_BYTES - 3072);
	u = arena_usage();
	/* the objects count, not the slab page they were carved from */
	CHECK_EQ_U64(u.unfit_allocs, 2);
	CHECK_EQ_U64(u.live_unfit, 2);
	CHECK_EQ_U64(u.unfit_pa, base + ARENA_BYTES - 3072);
	arena_free_object(l2);
	arena_free_object(l2b);
	u = arena_usage();
	CHECK_EQ_U64(u.unfit_allocs, 2);
	CHECK_EQ_U64(u.live_unfit, 0);
	CHECK_EQ_U64(u.live_objects, 0);
	CHECK_EQ_U64(u.live_pages, 4);

	/* a block that crosses the limit is beyond it */
	void *big = arena_alloc_pages(9);

	CHECK_EQ_U64(arena_virt_to_phys(big), base + 2 * MiB);
	CHECK_EQ_U64(arena_usage().live_unfit, 1);
	arena_free_pages(big, 9);
	arena_free_pages(l1, 2);
	u = arena_usage();
	CHECK_EQ_U64(u.live_unfit, 0);
	CHECK_EQ_U64(u.live_pages, 0);
	arena_reset();
	CHECK_EQ_U64(arena_usage().unfit_allocs, 0);
}

static void test_dma_limit(void)
{
	arena_reset();
	CHECK(arena_dma_reachable(1ULL << 51, 4096)); /* no limit */
	arena_set_dma_limit(1ULL << 40);
	CHECK(arena_dma_reachable((1ULL << 40) - 4096, 4096));
	CHECK(!arena_dma_reachable((1ULL << 40) - 4096, 8192));
	CHECK(!arena_dma_reachable(1ULL << 40, 8));
	arena_reset();
	CHECK(arena_dma_reachable(1ULL << 40, 8));
}

int main(void)
{
	RUN_TEST(test_default_placement);
	RUN_TEST(test_place_limits);
	RUN_TEST(test_natural_alignment);
	RUN_TEST(test_device_view);
	RUN_TEST(test_fit_accounting);
	RUN_TEST(test_dma_limit);
	return check_summary();
}
