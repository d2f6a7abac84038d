/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page-table memory for the kernel-extracted code.
 *
 * Tables live in one reserved region with a fixed offset between host
 * virtual and simulated physical addresses. By default the region sits at
 * ARENA_DEFAULT_PHYS_BASE, where every table address fits every format's
 * output size (v7s: 32 bits, DART: 36 bits); a program may place it
 * elsewhere (arena_place(), config.table_base), up to 2^52, so that the
 * formats' limits on table addresses are reached. The simulated device
 * reads tables only through arena_device_read(): it sees a freed table as
 * freed, and with a non-coherent walk it sees only what was cleaned to
 * memory with a DMA sync.
 *
 * Freed pages are poisoned for ASan and quarantined (reused only when the
 * region runs out) so a use after free by either side stays visible.
 * Plain C: no kernel headers.
 */
#ifndef IOTLBFUZZ_ARENA_H
#define IOTLBFUZZ_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw_context.h"

#define ARENA_DEFAULT_PHYS_BASE 0x40000000ULL
#define ARENA_PAGE_SHIFT 12
#define ARENA_PAGE_SIZE (1UL << ARENA_PAGE_SHIFT)
#define ARENA_BYTES (256UL << 20)
#define ARENA_NR_PAGES (ARENA_BYTES >> ARENA_PAGE_SHIFT)
/* Where the region may be placed: 2 MiB steps, all of it below 2^52. */
#define ARENA_PLACE_ALIGN (2ULL << 20)
#define ARENA_PHYS_LIMIT (1ULL << 52)

/*
 * Map the table memory (and poison it for ASan) if that is not done yet;
 * nothing else: safe while a run is in flight.
 */
void arena_init(void);

/*
 * Between inputs: forget everything, as if the machine rebooted. The
 * region goes back to ARENA_DEFAULT_PHYS_BASE, with no fit or DMA limit.
 */
void arena_reset(void);

/*
 * Put the region at simulated physical address @base: a multiple of
 * ARENA_PLACE_ALIGN, base + ARENA_BYTES at most ARENA_PHYS_LIMIT, and only
 * while nothing is allocated (right after arena_reset()). False otherwise.
 */
bool arena_place(uint64_t base);
uint64_t arena_phys_base(void);

/*
 * Table memory at or above @limit is memory the page-table format cannot
 * use: allocations reaching it are counted (arena_usage().unfit_*), so the
 * harness can tell a refusal io-pgtable owes from one it does not, and see
 * a table it kept where it must not. 0: no limit.
 */
void arena_set_fit_limit(uint64_t limit);

/*
 * The IOMMU's DMA mask plus one (0: none): a streaming DMA mapping of
 * memory at or above it fails, as it does where no bounce buffer can help.
 */
void arena_set_dma_limit(uint64_t limit);
bool arena_dma_reachable(uint64_t pa, size_t len);

/* Naturally aligned, zeroed blocks of 2^order pages; NULL when full. */
void *arena_alloc_pages(unsigned int order);
void arena_free_pages(void *virt, unsigned int order);

/* Sub-page objects of one power-of-two size (v7s level-2 tables). */
void *arena_alloc_object(size_t size);
void arena_free_object(void *virt);

bool arena_contains(const void *virt);
/* Would arena_free_pages()/arena_free_object() accept this? */
bool arena_pages_allocated(const void *virt, unsigned int order);
bool arena_object_allocated(const void *virt);
size_t arena_page_index(const void *virt);
void *arena_page_virt(size_t index);
uint64_t arena_virt_to_phys(const void *virt);
/* Arithmetic only: no check that @pa is table memory. */
void *arena_phys_to_virt(uint64_t pa);

/* Non-coherent walk: the device sees CPU writes only after a sync. */
void arena_set_coherent(bool coherent);
void arena_sync_for_device(uint64_t pa, size_t len);

/* The device's read path; a struct phys_reader callback. */
enum phys_read_status arena_device_read(void *ctx, uint64_t pa, void *buf,
					size_t len);

struct arena_usage {
	size_t live_pages; /* pages held by page allocations */
	size_t live_objects; /* sub-page objects */
	size_t peak_pages;
	size_t failed_allocs; /* allocations refused because the arena was full */
	size_t unfit_allocs; /* handed out at or above the fit limit */
	size_t live_unfit; /* of those, still allocated */
	uint64_t unfit_pa; /* the last of those: where it started */
};
struct arena_usage arena_usage(void);

/* Make the next @n allocations fail (0: never). For fault injection. */
void arena_fail_after(long n);

#endif
