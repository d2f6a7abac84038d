/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A sorted map of disjoint IOVA ranges, each translating linearly to an
 * output address. It is the oracle's picture of "what is mapped now".
 *
 * Ranges are kept as [first, last] with an inclusive last byte so that a
 * range may end at 2^64 - 1 without overflowing. Lookups are binary
 * searches; insertion and removal shift the array, so every operation costs
 * O(number of extents), never O(number of pages).
 */
#ifndef IOTLBFUZZ_ORACLE_EXTENT_MAP_H
#define IOTLBFUZZ_ORACLE_EXTENT_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct extent {
	uint64_t first, last; /* IOVA range, inclusive */
	uint64_t pa; /* output address of @first */
	unsigned int prot; /* ORACLE_PROT_* as mapped */
	/* The map() call that created it, inclusive, to judge unmap results. */
	uint64_t region_first, region_last;
};

struct extent_map {
	struct extent *v; /* sorted by first, disjoint */
	size_t nr, cap;
};

void extent_map_init(struct extent_map *m);
void extent_map_release(struct extent_map *m);

/* Index of the first extent whose last byte is >= @addr; nr if none. */
size_t extent_map_lower_bound(const struct extent_map *m, uint64_t addr);

/* The extent containing @addr, or NULL. */
const struct extent *extent_map_find(const struct extent_map *m,
				     uint64_t addr);

/* Output address of byte @addr, which must lie inside @e. */
static inline uint64_t extent_pa_at(const struct extent *e, uint64_t addr)
{
	return e->pa + (addr - e->first);
}

static inline bool extent_same_region(const struct extent *a,
				      const struct extent *b)
{
	return a->region_first == b->region_first &&
	       a->region_last == b->region_last;
}

/*
 * Remove every mapped byte of [first, last], splitting extents cut at
 * either end. Each removed piece is passed to @fn (if not NULL) in
 * ascending order, with its pa adjusted to the piece's first byte.
 */
void extent_map_remove(struct extent_map *m, uint64_t first, uint64_t last,
		       void (*fn)(void *arg, const struct extent *piece),
		       void *arg);

/*
 * Insert @e into a range that holds no extent. It is merged with a
 * neighbour of the same map() call that continues it linearly, which keeps
 * the map small without losing the region information.
 */
void extent_map_insert(struct extent_map *m, const struct extent *e);

#endif
