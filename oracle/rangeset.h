/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A set of IOVA ranges (inclusive ends, so 2^64 - 1 fits), kept as sorted,
 * disjoint, non-adjacent intervals. The gather checks use it to follow what
 * was unmapped since a gather was last synced.
 */
#ifndef IOTLBFUZZ_RANGESET_H
#define IOTLBFUZZ_RANGESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rangeset {
	struct range_item {
		uint64_t first, last;
	} *v;
	size_t nr, cap;
};

void rangeset_clear(struct rangeset *s);
void rangeset_release(struct rangeset *s);
void rangeset_add(struct rangeset *s, uint64_t first, uint64_t last);
void rangeset_remove(struct rangeset *s, uint64_t first, uint64_t last);
/* Last byte of [first, first + size), @size > 0, saturated at 2^64 - 1. */
static inline uint64_t range_last(uint64_t first, uint64_t size)
{
	return size - 1 > UINT64_MAX - first ? UINT64_MAX : first + size - 1;
}

static inline bool rangeset_empty(const struct rangeset *s)
{
	return s->nr == 0;
}
/*
 * Does the set hold every address of [first, last]? If not, *missing is
 * the first address that is not in it.
 */
bool rangeset_covers(const struct rangeset *s, uint64_t first, uint64_t last,
		     uint64_t *missing);

#endif
