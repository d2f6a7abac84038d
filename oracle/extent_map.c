// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sorted interval map of current mappings; see extent_map.h.
 */
#include "extent_map.h"
#include "sorted_array.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void extent_map_init(struct extent_map *m)
{
	m->v = NULL;
	m->nr = 0;
	m->cap = 0;
}

void extent_map_release(struct extent_map *m)
{
	free(m->v);
	extent_map_init(m);
}

RANGE_ARRAY_ELEMENT(struct extent);

static void extent_map_reserve(struct extent_map *m, size_t need)
{
	m->v = array_grow(m->v, &m->cap, need, sizeof(*m->v), "extents");
}

size_t extent_map_lower_bound(const struct extent_map *m, uint64_t addr)
{
	return range_lower_bound(m->v, m->nr, sizeof(*m->v), addr);
}

const struct extent *extent_map_find(const struct extent_map *m,
				     uint64_t addr)
{
	size_t i = extent_map_lower_bound(m, addr);

	if (i < m->nr && m->v[i].first <= addr)
		return &m->v[i];
	return NULL;
}

void extent_map_remove(struct extent_map *m, uint64_t first, uint64_t last,
		       void (*fn)(void *arg, const struct extent *piece),
		       void *arg)
{
	size_t lo = extent_map_lower_bound(m, first);
	size_t hi = lo, nr_keep = 0;
	struct extent keep[2];

	assert(first <= last);
	while (hi < m->nr && m->v[hi].first <= last)
		hi++;
	if (hi == lo)
		return;

	/* Only the first and the last overlapped extent can stick out. */
	if (m->v[lo].first < first) {
		keep[nr_keep] = m->v[lo];
		keep[nr_keep].last = first - 1;
		nr_keep++;
	}
	if (m->v[hi - 1].last > last) {
		keep[nr_keep] = m->v[hi - 1];
		keep[nr_keep].first = last + 1;
		keep[nr_keep].pa = extent_pa_at(&m->v[hi - 1], last + 1);
		nr_keep++;
	}

	if (fn) {
		for (size_t i = lo; i < hi; i++) {
			struct extent piece = m->v[i];

			if (piece.first < first) {
				piece.pa = extent_pa_at(&m->v[i], first);
				piece.first = first;
			}
			if (piece.last > last)
				piece.last = last;
			fn(arg, &piece);
		}
	}

	/* Replace v[lo, hi) by the kept remainders. */
	if (nr_keep > hi - lo)
		extent_map_reserve(m, m->nr + nr_keep - (hi - lo));
	memmove(&m->v[lo + nr_keep], &m->v[hi],
		(m->nr - hi) * sizeof(m->v[0]));
	memcpy(&m->v[lo], keep, nr_keep * sizeof(keep[0]));
	m->nr = m->nr - (hi - lo) + nr_keep;
}

/* Does @b start right where @a ends and continue its translation? */
static bool extent_continues(const struct extent *a, const struct extent *b)
{
	return a->last != UINT64_MAX && a->last + 1 == b->first &&
	       a->prot == b->prot && extent_same_region(a, b) &&
	       extent_pa_at(a, a->last) + 1 == b->pa;
}

void extent_map_insert(struct extent_map *m, const struct extent *e)
{
	size_t i = extent_map_lower_bound(m, e->first);
	bool join_prev, join_next;

	assert(e->first <= e->last);
	assert(i == m->nr || m->v[i].first > e->last);

	join_prev = i > 0 && extent_continues(&m->v[i - 1], e);
	join_next = i < m->nr && extent_continues(e, &m->v[i]);

	if (join_prev && join_next) {
		m->v[i - 1].last = m->v[i].last;
		memmove(&m->v[i], &m->v[i + 1],
			(m->nr - i - 1) * sizeof(m->v[0]));
		m->nr--;
	} else if (join_prev) {
		m->v[i - 1].last = e->last;
	} else if (join_next) {
		m->v[i].first = e->first;
		m->v[i].pa = e->pa;
	} else {
		extent_map_reserve(m, m->nr + 1);
		memmove(&m->v[i + 1], &m->v[i], (m->nr - i) * sizeof(m->v[0]));
		m->v[i] = *e;
		m->nr++;
	}
}
