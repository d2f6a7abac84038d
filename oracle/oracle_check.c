// SPDX-License-Identifier: GPL-2.0-only
/*
 * Judging what the device and the implementation show against the legal
 * translations: single accesses, cached IOTLB entries of any size, and the
 * implementation's own view of its tables.
 */
#include "oracle_internal.h"

#include <assert.h>
#include <inttypes.h>

/* Room for the description of the legal translations in a `why`. */
#define LEGAL_DESC_LEN 256

static const char *access_str(unsigned int access)
{
	return access == ORACLE_PERM_WRITE ? "write" : "read";
}

static unsigned int access_prot(unsigned int access)
{
	return access == ORACLE_PERM_WRITE ? ORACLE_PROT_WRITE :
					     ORACLE_PROT_READ;
}

/*
 * May a device take a permission fault for @access at @iova? Yes if a fault
 * is legal at all, or if some legal translation was not asked to grant the
 * access (granting more is only tolerated, never required).
 */
static bool perm_fault_legal(const struct oracle *o, uint64_t iova,
			     unsigned int access)
{
	const struct extent *e = extent_map_find(&o->map, iova);
	unsigned int prot = access_prot(access);

	if (!e || !(e->prot & prot))
		return true;
	for (size_t i = 0; i < o->pending.nr; i++) {
		const struct past_xlate *x = &o->pending.v[i];

		if (past_xlate_covers(x, iova) && !(x->prot & prot))
			return true;
	}
	return false;
}

enum oracle_verdict oracle_check_access(const struct oracle *o, uint64_t iova,
					unsigned int access,
					const struct oracle_observation *obs,
					char *why, size_t whylen)
{
	char legal[LEGAL_DESC_LEN];
	enum oracle_verdict verdict;
	enum oracle_match match;

	assert(access == ORACLE_PERM_READ || access == ORACLE_PERM_WRITE);

	if (!obs->ok && !obs->perm_fault) {
		if (!extent_map_find(&o->map, iova))
			return ORACLE_OK;
		oracle_describe_legal(o, iova, legal, sizeof(legal));
		oracle_why(why, whylen,
			   "iova 0x%" PRIx64
			   ": device %s took a translation fault, legal: %s",
			   iova, access_str(access), legal);
		return ORACLE_MISSING;
	}

	if (!obs->ok) {
		if (perm_fault_legal(o, iova, access))
			return ORACLE_OK;
		oracle_describe_legal(o, iova, legal, sizeof(legal));
		oracle_why(why, whylen,
			   "iova 0x%" PRIx64
			   ": device %s took a permission fault, legal: %s",
			   iova, access_str(access), legal);
		return ORACLE_PERMISSION;
	}

	match = oracle_match_legal(o, iova, obs->pa, obs->perm);
	if (match == ORACLE_MATCH_FULL && (obs->perm & access))
		return ORACLE_OK;
	if (match != ORACLE_MATCH_NONE)
		verdict = ORACLE_PERMISSION;
	else
		verdict = oracle_classify_foreign(o, iova, obs->pa);
	oracle_describe_legal(o, iova, legal, sizeof(legal));
	oracle_why(why, whylen,
		   "iova 0x%" PRIx64 ": device %s saw pa 0x%" PRIx64
		   " (%s), legal: %s",
		   iova, access_str(access), obs->pa,
		   oracle_perm_str(obs->perm), legal);
	return verdict;
}

/*
 * Last byte of the stretch from @x on (up to @limit) over which the set of
 * legal translations is constant and each of them linear: nothing starts or
 * ends inside it, neither an extent nor a pending translation. A cached
 * entry is linear too, so judging the stretch's first byte judges it all.
 */
static uint64_t uniform_last(const struct oracle *o, uint64_t x,
			     uint64_t limit)
{
	size_t i = extent_map_lower_bound(&o->map, x);
	uint64_t last = limit;

	if (i < o->map.nr) {
		const struct extent *e = &o->map.v[i];
		uint64_t b = e->first <= x ? e->last : e->first - 1;

		if (b < last)
			last = b;
	}
	for (i = 0; i < o->pending.nr; i++) {
		const struct past_xlate *p = &o->pending.v[i];

		if (past_xlate_covers(p, x)) {
			if (p->last < last)
				last = p->last;
		} else if (p->first > x && p->first - 1 < last) {
			last = p->first - 1;
		}
	}
	return last;
}

static enum oracle_verdict judge_entry_at(const struct oracle *o, uint64_t x,
					  uint64_t entry_iova,
					  uint64_t entry_last, uint64_t pa,
					  unsigned int perm, bool negative,
					  char *why, size_t whylen)
{
	char legal[LEGAL_DESC_LEN];
	enum oracle_verdict verdict;
	enum oracle_match match;
	uint64_t pa_x = pa + (x - entry_iova);

	if (negative) {
		if (!extent_map_find(&o->map, x))
			return ORACLE_OK;
		oracle_describe_legal(o, x, legal, sizeof(legal));
		oracle_why(why, whylen,
			   "iova 0x%" PRIx64 ": cached fault [0x%" PRIx64
			   ", 0x%" PRIx64 "], legal: %s",
			   x, entry_iova, entry_last, legal);
		return ORACLE_MISSING;
	}

	match = oracle_match_legal(o, x, pa_x, perm);
	if (match == ORACLE_MATCH_FULL)
		return ORACLE_OK;
	if (match == ORACLE_MATCH_PA)
		verdict = ORACLE_PERMISSION;
	else
		verdict = oracle_classify_foreign(o, x, pa_x);
	oracle_describe_legal(o, x, legal, sizeof(legal));
	oracle_why(why, whylen,
		   "iova 0x%" PRIx64 ": cached entry [0x%" PRIx64 ", 0x%" PRIx64
		   "] gives pa 0x%" PRIx64 " (%s), legal: %s",
		   x, entry_iova, entry_last, pa_x, oracle_perm_str(perm),
		   legal);
	return verdict;
}

enum oracle_verdict oracle_check_entry(const struct oracle *o, uint64_t iova,
				       uint64_t size, uint64_t pa,
				       unsigned int perm, bool negative,
				       char *why, size_t whylen)
{
	uint64_t last, x, run_last;
	enum oracle_verdict verdict;

	if (!size)
		return ORACLE_OK;
	last = range_last(iova, size);
	for (x = iova;; x = run_last + 1) {
		run_last = uniform_last(o, x, last);
		verdict = judge_entry_at(o, x, iova, last, pa, perm, negative,
					 why, whylen);
		if (verdict != ORACLE_OK || run_last == last)
			return verdict;
	}
}

enum oracle_verdict oracle_check_state(const struct oracle *o, uint64_t iova,
				       bool mapped, uint64_t pa, char *why,
				       size_t whylen)
{
	const struct extent *e = extent_map_find(&o->map, iova);

	if (e && mapped) {
		uint64_t want = extent_pa_at(e, iova);

		if (pa == want)
			return ORACLE_OK;
		oracle_why(why, whylen,
			   "iova 0x%" PRIx64 ": tables map pa 0x%" PRIx64
			   ", the API state maps pa 0x%" PRIx64 " (%s)",
			   iova, pa, want, oracle_prot_str(e->prot));
		return ORACLE_WRONG;
	}
	if (e) {
		oracle_why(why, whylen,
			   "iova 0x%" PRIx64
			   ": tables map nothing, the API state maps pa 0x%" PRIx64
			   " (%s) from map [0x%" PRIx64 ", 0x%" PRIx64 "]",
			   iova, extent_pa_at(e, iova), oracle_prot_str(e->prot),
			   e->region_first, e->region_last);
		return ORACLE_MISSING;
	}
	if (mapped) {
		oracle_why(why, whylen,
			   "iova 0x%" PRIx64 ": tables map pa 0x%" PRIx64
			   ", the API state maps nothing",
			   iova, pa);
		return ORACLE_STALE;
	}
	return ORACLE_OK;
}
