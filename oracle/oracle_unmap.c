// SPDX-License-Identifier: GPL-2.0-only
/*
 * unmap(): judging its return value against the API contract, then
 * removing what it claims to have removed.
 *
 * The rules, for a request [iova, iova + size) returning U:
 *  1. An unaligned request (iova or size not a multiple of min_page) is
 *     rejected by the core: U must be 0.
 *  2. U is a multiple of min_page, and [iova, iova + U) neither wraps past
 *     2^64 nor passes the IOVA limit. size == 0 requires U == 0.
 *  3. U == size is always consistent (holes inside the range may have been
 *     skipped or counted; the removal is the same).
 *  4. U < size (an early stop, including 0) needs a reason at the first
 *     byte not unmapped, S = iova + U:
 *      - S is not mapped (a hole stops io-pgtable walks), or
 *      - S is mapped by a map() region that is not entirely inside the
 *        request: the request cuts through a mapping there, and refusing a
 *        partial unmap of a larger mapping is legal (newer kernels do), or
 *      - S is the end of the address space (2^64 or the IOVA limit), or
 *      - a hole lies ahead, somewhere in [S, iova + size): the core unmaps
 *        in page-size chunks and io-pgtable refuses a whole chunk that
 *        contains a hole (v7s 64K chunks, for one), so the stop may come
 *        before the hole itself.
 *     A stop inside fully mapped ground that the request fully covers has
 *     no reason.
 *  5. U > size is allowed only to finish a mapping the request cut into:
 *     the last requested page P = iova + size - min_page must be mapped,
 *     and every page of the excess [iova + size, iova + U) must be mapped
 *     by the same map() region as P. Since regions are contiguous, the
 *     excess is then one piece of P's region directly after P. A hole or
 *     another map() call's page in the excess is a violation: no leaf of a
 *     page table spans those.
 *
 * Whatever the verdict, the oracle then removes [iova, iova + U) (rounded
 * out to whole pages and saturated at 2^64), because that is what the
 * implementation says its tables now look like; later checks then judge
 * the implementation against its own claim instead of repeating this one.
 */
#include "oracle_internal.h"

#include <assert.h>
#include <inttypes.h>

#define UNMAP_FMT "unmap(0x%" PRIx64 ", 0x%" PRIx64 ") returned 0x%" PRIx64

/* Is every byte of [first, last] mapped? */
static bool fully_mapped(const struct oracle *o, uint64_t first, uint64_t last)
{
	size_t i = extent_map_lower_bound(&o->map, first);
	uint64_t next = first;

	for (; i < o->map.nr; i++) {
		const struct extent *e = &o->map.v[i];

		if (e->first > next)
			return false;
		if (e->last >= last)
			return true;
		next = e->last + 1;
	}
	return false;
}

static enum oracle_verdict judge_short(const struct oracle *o, uint64_t iova,
				       uint64_t size, uint64_t unmapped,
				       char *why, size_t whylen)
{
	uint64_t req_last = range_last(iova, size), stop;
	const struct extent *e;

	if (unmapped && unmapped - 1 == UINT64_MAX - iova)
		return ORACLE_OK; /* stopped at 2^64 */
	stop = iova + unmapped;
	if (stop > o->limit_last)
		return ORACLE_OK;
	e = extent_map_find(&o->map, stop);
	if (!e)
		return ORACLE_OK; /* a hole */
	if (e->region_first < iova || e->region_last > req_last)
		return ORACLE_OK; /* cuts through a larger mapping */
	if (!fully_mapped(o, stop, req_last))
		return ORACLE_OK; /* a hole ahead stopped a chunk */

	oracle_why(why, whylen,
		   UNMAP_FMT ": stopped at iova 0x%" PRIx64
		   " mapped to pa 0x%" PRIx64 " by map [0x%" PRIx64
		   ", 0x%" PRIx64 "] which the request fully covers",
		   iova, size, unmapped, stop, extent_pa_at(e, stop),
		   e->region_first, e->region_last);
	return ORACLE_BAD_RESULT;
}

static enum oracle_verdict judge_over(const struct oracle *o, uint64_t iova,
				      uint64_t size, uint64_t unmapped,
				      char *why, size_t whylen)
{
	/* Rule 2 was checked: neither end overflows, size < unmapped. */
	uint64_t req_last = iova + size - 1, done_last = iova + unmapped - 1;
	uint64_t last_page = oracle_page_first(o, req_last), x;
	const struct extent *p = extent_map_find(&o->map, last_page), *e;

	if (!p) {
		oracle_why(why, whylen,
			   UNMAP_FMT ": more than asked, but the last requested page 0x%" PRIx64
			   " is not mapped",
			   iova, size, unmapped, last_page);
		return ORACLE_BAD_RESULT;
	}
	for (x = req_last + 1;; x = e->last + 1) {
		e = extent_map_find(&o->map, x);
		if (!e) {
			oracle_why(why, whylen,
				   UNMAP_FMT ": more than asked, but excess iova 0x%" PRIx64
				   " is not mapped",
				   iova, size, unmapped, x);
			return ORACLE_BAD_RESULT;
		}
		if (!extent_same_region(e, p)) {
			oracle_why(why, whylen,
				   UNMAP_FMT ": more than asked, but excess iova 0x%" PRIx64
				   " belongs to map [0x%" PRIx64 ", 0x%" PRIx64
				   "], not to map [0x%" PRIx64 ", 0x%" PRIx64
				   "] the request cut into",
				   iova, size, unmapped, x, e->region_first,
				   e->region_last, p->region_first,
				   p->region_last);
			return ORACLE_BAD_RESULT;
		}
		if (e->last >= done_last)
			return ORACLE_OK;
	}
}

static enum oracle_verdict judge_result(const struct oracle *o, uint64_t iova,
					uint64_t size, uint64_t unmapped,
					char *why, size_t whylen)
{
	uint64_t page = o->cfg.min_page;

	if ((iova | size) & (page - 1)) {
		if (!unmapped)
			return ORACLE_OK;
		oracle_why(why, whylen,
			   UNMAP_FMT ": the request is not aligned to the page size 0x%" PRIx64
			   ", nothing may be unmapped",
			   iova, size, unmapped, page);
		return ORACLE_BAD_RESULT;
	}
	if (unmapped & (page - 1)) {
		oracle_why(why, whylen,
			   UNMAP_FMT ": not a multiple of the page size 0x%" PRIx64,
			   iova, size, unmapped, page);
		return ORACLE_BAD_RESULT;
	}
	if (unmapped && unmapped - 1 > UINT64_MAX - iova) {
		oracle_why(why, whylen, UNMAP_FMT ": runs past 2^64", iova,
			   size, unmapped);
		return ORACLE_BAD_RESULT;
	}
	if (unmapped && iova + unmapped - 1 > o->limit_last) {
		oracle_why(why, whylen,
			   UNMAP_FMT ": runs past the last IOVA 0x%" PRIx64,
			   iova, size, unmapped, o->limit_last);
		return ORACLE_BAD_RESULT;
	}
	if (!size) {
		if (!unmapped)
			return ORACLE_OK;
		oracle_why(why, whylen,
			   UNMAP_FMT ": nothing was asked for", iova, size,
			   unmapped);
		return ORACLE_BAD_RESULT;
	}
	if (unmapped == size)
		return ORACLE_OK;
	if (unmapped < size)
		return judge_short(o, iova, size, unmapped, why, whylen);
	return judge_over(o, iova, size, unmapped, why, whylen);
}

struct removal {
	struct oracle *o;
	int tag;
};

static void record_piece(void *arg, const struct extent *piece)
{
	const struct removal *r = arg;

	oracle_record_removed(r->o, piece, r->tag);
}

enum oracle_verdict oracle_unmap(struct oracle *o, uint64_t iova,
				 uint64_t size, uint64_t unmapped, int tag,
				 char *why, size_t whylen)
{
	struct removal r = { .o = o, .tag = tag };
	enum oracle_verdict verdict;

	assert(tag == ORACLE_TAG_STRICT || tag == ORACLE_TAG_FQ ||
	       (tag >= 0 && tag < ORACLE_MAX_GATHERS));

	verdict = judge_result(o, iova, size, unmapped, why, whylen);
	if (unmapped)
		extent_map_remove(&o->map, oracle_page_first(o, iova),
				  oracle_page_last(o,
						   range_last(iova, unmapped)),
				  record_piece, &r);
	return verdict;
}

bool oracle_unmap_is_ambiguous(const struct oracle *o, uint64_t iova,
			       uint64_t size)
{
	uint64_t last = range_last(iova, size);
	const struct extent *e;
	size_t i;

	if (!size)
		return false;
	e = extent_map_find(&o->map, iova);
	if (e && e->region_first < iova)
		return true;
	e = extent_map_find(&o->map, last);
	if (e && e->region_last > last)
		return true;
	/* holes among mappings: some stop there, some step over */
	i = extent_map_lower_bound(&o->map, iova);
	return i < o->map.nr && o->map.v[i].first <= last &&
	       !fully_mapped(o, iova, last);
}
