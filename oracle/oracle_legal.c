// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which translations a device may legally use for one byte, and how a
 * translation that is not among them is classified. Everything the checks
 * in oracle_check.c and the page view decide comes from here.
 */
#include "oracle_internal.h"

#include <string.h>

static bool perm_bit_agrees(bool requested, bool granted, bool can_deny)
{
	if (requested)
		return granted;
	/* More than requested only where the format cannot say less. */
	return !granted || !can_deny;
}

bool oracle_perm_agrees(const struct oracle *o, unsigned int prot,
			unsigned int perm)
{
	return perm_bit_agrees(prot & ORACLE_PROT_READ,
			       perm & ORACLE_PERM_READ,
			       o->cfg.can_deny_read) &&
	       perm_bit_agrees(prot & ORACLE_PROT_WRITE,
			       perm & ORACLE_PERM_WRITE,
			       o->cfg.can_deny_write);
}

static enum oracle_match match_one(const struct oracle *o, uint64_t legal_pa,
				   unsigned int legal_prot, uint64_t pa,
				   unsigned int perm)
{
	if (legal_pa != pa)
		return ORACLE_MATCH_NONE;
	if (!oracle_perm_agrees(o, legal_prot, perm))
		return ORACLE_MATCH_PA;
	return ORACLE_MATCH_FULL;
}

enum oracle_match oracle_match_legal(const struct oracle *o, uint64_t iova,
				     uint64_t pa, unsigned int perm)
{
	const struct extent *e = extent_map_find(&o->map, iova);
	enum oracle_match best = ORACLE_MATCH_NONE, m;

	if (e) {
		best = match_one(o, extent_pa_at(e, iova), e->prot, pa, perm);
		if (best == ORACLE_MATCH_FULL)
			return best;
	}
	for (size_t i = 0; i < o->pending.nr; i++) {
		const struct past_xlate *x = &o->pending.v[i];

		if (!past_xlate_covers(x, iova))
			continue;
		m = match_one(o, past_xlate_pa_at(x, iova), x->prot, pa, perm);
		if (m == ORACLE_MATCH_FULL)
			return m;
		if (m > best)
			best = m;
	}
	return best;
}

bool oracle_has_legal(const struct oracle *o, uint64_t iova)
{
	if (extent_map_find(&o->map, iova))
		return true;
	for (size_t i = 0; i < o->pending.nr; i++)
		if (past_xlate_covers(&o->pending.v[i], iova))
			return true;
	return false;
}

static bool remembered(const struct oracle *o, uint64_t iova, uint64_t pa)
{
	for (size_t i = 0; i < o->history.nr; i++) {
		const struct past_xlate *x = &o->history.v[i];

		if (past_xlate_covers(x, iova) &&
		    past_xlate_pa_at(x, iova) == pa)
			return true;
	}
	return false;
}

enum oracle_verdict oracle_classify_foreign(const struct oracle *o,
					    uint64_t iova, uint64_t pa)
{
	if (remembered(o, iova, pa) || !oracle_has_legal(o, iova))
		return ORACLE_STALE;
	return ORACLE_WRONG;
}

static bool view_has(const struct oracle_view *v, const struct oracle_xlate *x)
{
	if (v->mapped && v->current.pa == x->pa && v->current.prot == x->prot)
		return true;
	for (unsigned int i = 0; i < v->nr_stale; i++)
		if (v->stale[i].pa == x->pa && v->stale[i].prot == x->prot)
			return true;
	return false;
}

bool oracle_current(const struct oracle *o, uint64_t iova, uint64_t *pa)
{
	uint64_t page = oracle_page_first(o, iova);
	const struct extent *e = extent_map_find(&o->map, page);

	if (!e)
		return false;
	*pa = extent_pa_at(e, page);
	return true;
}

void oracle_view(const struct oracle *o, uint64_t iova,
		 struct oracle_view *out)
{
	uint64_t page = oracle_page_first(o, iova);
	const struct extent *e = extent_map_find(&o->map, page);

	memset(out, 0, sizeof(*out));
	if (e) {
		out->mapped = true;
		out->current.pa = extent_pa_at(e, page);
		out->current.prot = e->prot;
		out->region_start = e->region_first;
		out->region_end = e->region_last;
	}
	out->none_allowed = !out->mapped;

	/*
	 * Newest first: when more pending translations overlap the page than
	 * the view holds, the newest are kept (the oldest are the likeliest to
	 * have been invalidated already, and the checks themselves never use
	 * the capped list). A pending translation equal to one already listed
	 * (e.g. the same PA unmapped and mapped again) is listed once.
	 */
	for (size_t i = o->pending.nr; i-- > 0;) {
		const struct past_xlate *p = &o->pending.v[i];
		struct oracle_xlate x;

		if (!past_xlate_covers(p, page))
			continue;
		x.pa = past_xlate_pa_at(p, page);
		x.prot = p->prot;
		if (view_has(out, &x))
			continue;
		if (out->nr_stale == ORACLE_MAX_ALLOWED)
			break;
		out->stale[out->nr_stale++] = x;
	}
}
