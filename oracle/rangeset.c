// SPDX-License-Identifier: GPL-2.0-only
#include "rangeset.h"

#include <stdio.h>
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

static void reserve(struct rangeset *s, size_t n)
{
	if (n <= s->cap)
		return;

	size_t cap = s->cap ? s->cap * 2 : 16;

	while (cap < n)
		cap *= 2;

	struct range_item *v = realloc(s->v, cap * sizeof(*v));

	if (!v) {
		perror("iotlbfuzz: rangeset");
		abort();
	}
	s->v = v;
	s->cap = cap;
}

/* Index of the first item whose last >= @addr. */
static size_t lower_bound(const struct rangeset *s, uint64_t addr)
{
	size_t lo = 0, hi = s->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->v[mid].last < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
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
