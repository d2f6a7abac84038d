/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the oracle's sorted arrays share (the extent map, the rangeset, the
 * translation list, the gather contract's lists): growing, and finding a
 * range by address in an array of disjoint inclusive ranges.
 */
#ifndef IOTLBFUZZ_SORTED_ARRAY_H
#define IOTLBFUZZ_SORTED_ARRAY_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * @v (of *@cap elements of @elem bytes) grown to hold @need, doubling;
 * there is no way to report a failure through the oracle's API and a run
 * cannot go on with a half-updated model, so it aborts naming @what.
 */
void *array_grow(void *v, size_t *cap, size_t need, size_t elem,
		 const char *what);

/* The first members of an element of a range array. */
struct range_head {
	uint64_t first, last; /* inclusive */
};

#define RANGE_ARRAY_ELEMENT(type)                                            \
	_Static_assert(offsetof(type, first) ==                              \
				       offsetof(struct range_head, first) && \
			       offsetof(type, last) ==                       \
				       offsetof(struct range_head, last),    \
		       #type " begins with first, last")

/*
 * Index of the first of @nr elements (@elem bytes each, sorted, disjoint)
 * whose last >= @addr; @nr if none. Inline, so each array's search has
 * its element size as a constant.
 */
static inline size_t range_lower_bound(const void *v, size_t nr, size_t elem,
				       uint64_t addr)
{
	size_t lo = 0, hi = nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint64_t last;

		memcpy(&last,
		       (const char *)v + mid * elem +
			       offsetof(struct range_head, last),
		       sizeof(last));
		if (last < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

#endif
