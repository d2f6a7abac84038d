// SPDX-License-Identifier: GPL-2.0-only
#include "rangeset.h"
#include "sorted_array.h"

#include <stdlib.h>
#include <string.h>

void rangeset_clear(struct rangeset *s)
{
	s->nr = 0;
}

void rangeset_release(struct rangeset *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

RANGE_ARRAY_ELEMENT(struct range_item);

static void reserve(struct rangeset *s, size_t n)
{
	s->v = array_grow(s->v, &s->cap, n, sizeof(*s->v), "gathered ranges");
}

/* Index of the first item whose last >= @addr. */
static size_t lower_bound(const struct rangeset *s, uint64_t addr)
{
	return range_lower_bound(s->v, s->nr, sizeof(*s->v), addr);
}

void rangeset_add(struct rangeset *s, uint64_t first, uint64_t last)
{
	/* merge with anything overlapping or adjacent */
	size_t i = lower_bound(s, first ? first - 1 : 0), j = i;

	while (j < s->nr && (last == UINT64_MAX || s->v[j].first <= last + 1)) {
		if (s->v[j].first < first)
			first = s->v[j].first;
		if (s->v[j].last > last)
			last = s->v[j].last;
		j++;
	}
	if (j == i) {
		reserve(s, s->nr + 1);
		memmove(&s->v[i + 1], &s->v[i], (s->nr - i) * sizeof(s->v[0]));
		s->nr++;
	} else if (j > i + 1) {
		memmove(&s->v[i + 1], &s->v[j], (s->nr - j) * sizeof(s->v[0]));
		s->nr -= j - i - 1;
	}
	s->v[i] = (struct range_item){ first, last };
}

void rangeset_remove(struct rangeset *s, uint64_t first, uint64_t last)
{
	size_t i = lower_bound(s, first);

	while (i < s->nr && s->v[i].first <= last) {
		struct range_item it = s->v[i];

		if (it.first < first && it.last > last) {
			/* split in two */
			reserve(s, s->nr + 1);
			memmove(&s->v[i + 1], &s->v[i],
				(s->nr - i) * sizeof(s->v[0]));
			s->nr++;
			s->v[i].last = first - 1;
			s->v[i + 1].first = last + 1;
			return;
		}
		if (it.first < first) {
			s->v[i].last = first - 1;
			i++;
		} else if (it.last > last) {
			s->v[i].first = last + 1;
			return;
		} else {
			memmove(&s->v[i], &s->v[i + 1],
				(s->nr - i - 1) * sizeof(s->v[0]));
			s->nr--;
		}
	}
}

bool rangeset_covers(const struct rangeset *s, uint64_t first, uint64_t last,
		     uint64_t *missing)
{
	size_t i = lower_bound(s, first);

	if (i < s->nr && s->v[i].first <= first && s->v[i].last >= last)
		return true;
	if (missing)
		*missing = (i < s->nr && s->v[i].first <= first) ?
				   s->v[i].last + 1 :
				   first;
	return false;
}
