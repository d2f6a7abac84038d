// SPDX-License-Identifier: GPL-2.0-only
#include "oracle_observe.h"

#include "oracle_internal.h"

bool oracle_entry_is_current(const struct oracle *o, uint64_t iova,
			     uint64_t size, uint64_t pa, unsigned int perm,
			     bool negative)
{
	uint64_t last = range_last(iova, size);
	size_t i = extent_map_lower_bound(&o->map, iova);
	uint64_t at = iova;

	if (negative)
		return i == o->map.nr || o->map.v[i].first > last;
	/* extents are sorted and disjoint: follow them across the entry */
	for (; i < o->map.nr; i++) {
		const struct extent *e = &o->map.v[i];

		if (e->first > at || extent_pa_at(e, at) != pa + (at - iova) ||
		    !oracle_perm_agrees(o, e->prot, perm))
			return false;
		if (e->last >= last)
			return true;
		at = e->last + 1;
	}
	return false;
}

unsigned int oracle_pending_owners(const struct oracle *o, uint64_t first,
				   uint64_t last)
{
	unsigned int owners = 0;

	for (size_t i = 0; i < o->pending.nr; i++) {
		const struct past_xlate *x = &o->pending.v[i];

		if (x->last < first || x->first > last)
			continue;
		if (x->tag >= 0 && x->tag < ORACLE_MAX_GATHERS)
			owners |= 1u << x->tag;
		else if (x->tag == ORACLE_TAG_FQ)
			owners |= ORACLE_PENDING_FQ;
	}
	return owners;
}
