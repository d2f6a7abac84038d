/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The shape of a driver's own table entries, for models whose entries the
 * stand-in cannot express (a 64K "large page" made of 16 replicated
 * descriptors, a 1M section, a 16M supersection): the stand-in holds the
 * translation (4K leaves), this records what kind of descriptor the driver
 * wrote in each slot. A real driver decides where an entry begins from the
 * kind of the descriptor at an IOVA and the entry's natural alignment, so
 * per-slot kinds are all a model needs; equal kinds side by side are kept
 * as one run, so that a program's few hundred operations need few runs.
 * The runs grow as they are written (a model's release hook frees them
 * with slot_runs_release()): a fixed array of them was 48K to clear for
 * every domain a run creates.
 */
#ifndef IOTLBFUZZ_DRIVERS_SLOT_RUNS_H
#define IOTLBFUZZ_DRIVERS_SLOT_RUNS_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/*
 * Enough for any program, so that a full array is never a driver error the
 * runner would judge (a map of a free range failing): one iommu_map() of a
 * free range writes page sizes that rise then fall, at most four runs of
 * kinds per level (small, large, [sections], large, small), and an unmap
 * clears a range, splitting at most one run. So at most 4 new runs per
 * operation, and a program has at most 256 (PROG_MAX_OPS): 1024, doubled.
 */
#define SLOT_RUNS_MAX 2048

struct slot_run {
	unsigned long first, last; /* inclusive */
	int kind; /* never 0: 0 is an empty slot */
};

struct slot_runs {
	unsigned int nr, cap;
	struct slot_run *v; /* sorted, disjoint; cap of them allocated */
};

static inline void slot_runs_release(struct slot_runs *s)
{
	free(s->v);
	s->v = NULL;
	s->nr = s->cap = 0;
}

/* The kind of the slot holding @addr, 0 if none was written. */
static inline int slot_kind(const struct slot_runs *s, unsigned long addr)
{
	unsigned int lo = 0, hi = s->nr;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (s->v[mid].last < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->nr && s->v[lo].first <= addr ? s->v[lo].kind : 0;
}

/* Is any slot of [first, last] written? */
static inline bool slot_any(const struct slot_runs *s, unsigned long first,
			    unsigned long last)
{
	for (unsigned int i = 0; i < s->nr; i++)
		if (s->v[i].first <= last && first <= s->v[i].last)
			return true;
	return false;
}

static inline void slot_insert_at(struct slot_runs *s, unsigned int i,
				  struct slot_run r)
{
	memmove(&s->v[i + 1], &s->v[i], (s->nr - i) * sizeof(s->v[0]));
	s->v[i] = r;
	s->nr++;
}

static inline void slot_remove_at(struct slot_runs *s, unsigned int i)
{
	memmove(&s->v[i], &s->v[i + 1], (s->nr - i - 1) * sizeof(s->v[0]));
	s->nr--;
}

/*
 * Write @kind (0: clear) into every slot of [first, last]. Returns false,
 * changing nothing, if the runs would not fit.
 */
static inline bool slot_set(struct slot_runs *s, unsigned long first,
			    unsigned long last, int kind)
{
	unsigned int i = 0;

	/* a run that straddles both ends splits in three */
	if (s->nr + 2 > SLOT_RUNS_MAX)
		return false;
	if (s->nr + 2 > s->cap) {
		unsigned int cap = s->cap ? 2 * s->cap : 64;
		struct slot_run *v;

		while (cap < s->nr + 2)
			cap *= 2;
		v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			return false;
		s->v = v;
		s->cap = cap;
	}
	while (i < s->nr && s->v[i].last < first)
		i++;
	if (i < s->nr && s->v[i].first < first) {
		struct slot_run head = s->v[i];

		head.last = first - 1;
		s->v[i].first = first;
		slot_insert_at(s, i, head);
		i++;
	}
	/* [i..] now start at or after first: drop what [first, last] covers */
	while (i < s->nr && s->v[i].first <= last) {
		if (s->v[i].last <= last) {
			slot_remove_at(s, i);
			continue;
		}
		s->v[i].first = last + 1;
		break;
	}
	if (!kind)
		return true;
	/* i is where [first, last] goes; merge with equal neighbours */
	if (i > 0 && s->v[i - 1].kind == kind &&
	    s->v[i - 1].last + 1 == first) {
		s->v[i - 1].last = last;
		if (i < s->nr && s->v[i].kind == kind &&
		    s->v[i].first == last + 1) {
			s->v[i - 1].last = s->v[i].last;
			slot_remove_at(s, i);
		}
		return true;
	}
	if (i < s->nr && s->v[i].kind == kind && s->v[i].first == last + 1) {
		s->v[i].first = first;
		return true;
	}
	slot_insert_at(s, i, (struct slot_run){first, last, kind});
	return true;
}

#endif
