// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lifetime of the oracle, completion of pending unmaps, and enumeration of
 * the API state. The operations that change mappings live in oracle_map.c
 * and oracle_unmap.c; the checks of observations in oracle_check.c.
 */
#include "oracle_internal.h"

#include <stdlib.h>

static bool config_valid(const struct oracle_config *cfg)
{
	uint64_t p = cfg->min_page;

	return p && !(p & (p - 1));
}

struct oracle *oracle_create(const struct oracle_config *cfg)
{
	struct oracle *o;

	if (!cfg || !config_valid(cfg))
		return NULL;
	o = calloc(1, sizeof(*o));
	if (!o)
		return NULL;
	o->cfg = *cfg;
	/* 0 stands for 2^64, the whole space (ias = 64). */
	o->limit_last = cfg->iova_limit ? cfg->iova_limit - 1 : UINT64_MAX;
	extent_map_init(&o->map);
	xlate_list_init(&o->pending, 0);
	xlate_list_init(&o->history, ORACLE_HISTORY_CAP);
	return o;
}

void oracle_destroy(struct oracle *o)
{
	if (!o)
		return;
	extent_map_release(&o->map);
	xlate_list_release(&o->pending);
	xlate_list_release(&o->history);
	free(o);
}

void oracle_record_removed(struct oracle *o, const struct extent *piece,
			   int tag)
{
	struct past_xlate x = {
		.first = piece->first,
		.last = piece->last,
		.pa = piece->pa,
		.prot = piece->prot,
		.tag = tag,
	};

	if (tag == ORACLE_TAG_STRICT)
		xlate_list_add(&o->history, &x);
	else
		xlate_list_add(&o->pending, &x);
}

void oracle_sync(struct oracle *o, int tag)
{
	xlate_list_move(&o->pending, &o->history, false, tag);
}

void oracle_flush_all(struct oracle *o)
{
	xlate_list_move(&o->pending, &o->history, true, 0);
}

bool oracle_pending_in(const struct oracle *o, uint64_t first, uint64_t last)
{
	for (size_t i = 0; i < o->pending.nr; i++) {
		const struct past_xlate *x = &o->pending.v[i];

		if (x->first <= last && first <= x->last)
			return true;
	}
	return false;
}

size_t oracle_nr_pending(const struct oracle *o, int tag)
{
	return xlate_list_count(&o->pending, tag == ORACLE_TAG_ALL, tag);
}

/*
 * Would appending @b to the run [first, *last] -> pa keep it one linear
 * translation whose size still fits in 64 bits?
 */
static bool run_continues(uint64_t first, uint64_t last, uint64_t pa,
			  unsigned int prot, const struct extent *b)
{
	return last != UINT64_MAX && last + 1 == b->first &&
	       prot == b->prot && pa + (last - first) + 1 == b->pa &&
	       b->last - first != UINT64_MAX;
}

/*
 * The map may keep a linear translation split where two map() calls meet,
 * to remember their regions; callers want maximal extents. A run whose size
 * would be 2^64 is reported in two parts, since a size cannot express it.
 */
static size_t for_each_run(const struct oracle *o, size_t i, uint64_t stop,
			   void (*fn)(void *arg, uint64_t iova, uint64_t size,
				      uint64_t pa, unsigned int prot),
			   void *arg)
{
	const struct extent_map *m = &o->map;
	size_t nr_runs = 0;

	while (i < m->nr && m->v[i].first <= stop) {
		uint64_t first = m->v[i].first, last = m->v[i].last;
		uint64_t pa = m->v[i].pa;
		unsigned int prot = m->v[i].prot;

		for (i++; i < m->nr &&
			  run_continues(first, last, pa, prot, &m->v[i]);
		     i++)
			last = m->v[i].last;
		if (fn)
			fn(arg, first, last - first + 1, pa, prot);
		nr_runs++;
	}
	return nr_runs;
}

void oracle_for_each_extent(const struct oracle *o,
			    void (*fn)(void *arg, uint64_t iova, uint64_t size,
				       uint64_t pa, unsigned int prot),
			    void *arg)
{
	for_each_run(o, 0, UINT64_MAX, fn, arg);
}

void oracle_for_each_extent_in(const struct oracle *o, uint64_t first,
			       uint64_t last,
			       void (*fn)(void *arg, uint64_t iova,
					  uint64_t size, uint64_t pa,
					  unsigned int prot),
			       void *arg)
{
	const struct extent_map *m = &o->map;
	size_t i = extent_map_lower_bound(m, first);

	/*
	 * Back to where the run holding that extent begins: a pair that does
	 * not continue is a boundary of the whole-map walk too, and from a
	 * boundary on, the walks are the same.
	 */
	while (i > 0 && i < m->nr &&
	       run_continues(m->v[i - 1].first, m->v[i - 1].last,
			     m->v[i - 1].pa, m->v[i - 1].prot, &m->v[i]))
		i--;
	for_each_run(o, i, last, fn, arg);
}

bool oracle_maps_any_in(const struct oracle *o, uint64_t first, uint64_t last)
{
	const struct extent_map *m = &o->map;
	size_t i = extent_map_lower_bound(m, first);

	return first <= last && i < m->nr && m->v[i].first <= last;
}

size_t oracle_nr_extents(const struct oracle *o)
{
	return for_each_run(o, 0, UINT64_MAX, NULL, NULL);
}
