// SPDX-License-Identifier: GPL-2.0-only
/*
 * map(): a successful map replaces whatever the range mapped; a failed one
 * may only have torn mappings down, which the oracle learns by probing the
 * implementation.
 */
#include "oracle_internal.h"

#include <inttypes.h>

/* Replaced or torn down by a map(): gone the moment map() returns. */
static void retire_piece(void *arg, const struct extent *piece)
{
	oracle_record_removed(arg, piece, ORACLE_TAG_STRICT);
}

void oracle_map_ok(struct oracle *o, uint64_t iova, uint64_t pa,
		   uint64_t size, unsigned int prot)
{
	struct extent e;

	if (!size)
		return;
	/*
	 * The core rejects unaligned maps, so this is page aligned unless the
	 * implementation broke that rule; model the pages it touched then.
	 */
	e.first = oracle_page_first(o, iova);
	e.last = oracle_page_last(o, range_last(iova, size));
	e.pa = pa - (iova - e.first);
	e.prot = prot;
	e.region_first = e.first;
	e.region_last = e.last;

	/*
	 * Old translations of the range stop being legal, unless a pending
	 * unmap still holds them: those stay in the pending list untouched,
	 * since the caller reused the IOVA before syncing.
	 */
	extent_map_remove(&o->map, e.first, e.last, retire_piece, o);
	extent_map_insert(&o->map, &e);
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/*
 * Last byte of the stretch from @x on over which the oracle's state is one
 * linear translation (or one hole): the current extent's end, or the byte
 * before the next extent.
 */
static uint64_t state_run_last(const struct oracle *o, uint64_t x,
			       const struct extent **e)
{
	size_t i = extent_map_lower_bound(&o->map, x);

	*e = NULL;
	if (i == o->map.nr)
		return UINT64_MAX;
	if (o->map.v[i].first <= x) {
		*e = &o->map.v[i];
		return o->map.v[i].last;
	}
	return o->map.v[i].first - 1;
}

enum oracle_verdict oracle_map_failed(struct oracle *o, uint64_t iova,
				      uint64_t size, oracle_probe_fn probe,
				      void *arg, bool *tore_down, char *why,
				      size_t whylen)
{
	enum oracle_verdict verdict = ORACLE_OK;
	uint64_t first, last, x;

	if (tore_down)
		*tore_down = false;
	if (!size)
		return ORACLE_OK;
	first = oracle_page_first(o, iova);
	last = oracle_page_last(o, range_last(iova, size));

	/*
	 * Step through the range by the larger of the probe's span and one
	 * page, cut where the oracle's own state changes, so each step is
	 * judged once at its first page: both sides are linear over it. After
	 * a violation keep going, so every tear-down the implementation did is
	 * still applied and later checks compare against its real state; the
	 * first violation is the one reported.
	 */
	for (x = first;;) {
		const struct extent *e;
		bool mapped = false;
		uint64_t pa = 0, span = 0, step_last, before;

		probe(arg, x, &mapped, &pa, &span);
		span = oracle_page_first(o, span);
		if (!span)
			span = o->cfg.min_page;
		step_last = min_u64(span - 1, last - x);
		step_last = x + step_last;
		step_last = min_u64(step_last, state_run_last(o, x, &e));

		if (!e) {
			if (mapped && verdict == ORACLE_OK) {
				verdict = ORACLE_BAD_RESULT;
				oracle_why(why, whylen,
					   "failed map [0x%" PRIx64 ", 0x%" PRIx64
					   "]: iova 0x%" PRIx64
					   " was unmapped before, now maps pa 0x%" PRIx64,
					   first, last, x, pa);
			}
		} else if (!mapped) {
			/* Torn down (the unwind is a strict unmap). */
			extent_map_remove(&o->map, x, step_last, retire_piece,
					  o);
			if (tore_down)
				*tore_down = true;
		} else {
			before = extent_pa_at(e, x);
			if (pa != before && verdict == ORACLE_OK) {
				verdict = ORACLE_BAD_RESULT;
				oracle_why(why, whylen,
					   "failed map [0x%" PRIx64 ", 0x%" PRIx64
					   "]: iova 0x%" PRIx64
					   " mapped pa 0x%" PRIx64
					   " before, now maps pa 0x%" PRIx64,
					   first, last, x, before, pa);
			}
		}

		if (step_last == last)
			break;
		x = step_last + 1;
	}
	return verdict;
}
