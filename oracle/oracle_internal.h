/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared between the oracle's files: the model itself and the helpers that
 * decide which translations are legal for a byte and how to phrase a
 * verdict. Not part of the public API.
 */
#ifndef IOTLBFUZZ_ORACLE_INTERNAL_H
#define IOTLBFUZZ_ORACLE_INTERNAL_H

#include "extent_map.h"
#include "oracle.h"
#include "xlate_list.h"

/*
 * How many retired translations are remembered to call a translation
 * "stale" rather than "wrong". Older ones are forgotten; a translation seen
 * where none is legal is stale whatever the history says, so losing history
 * only turns some STALE verdicts into WRONG ones where a new mapping exists.
 */
#define ORACLE_HISTORY_CAP 1024

struct oracle {
	struct oracle_config cfg;
	uint64_t limit_last; /* last IOVA below cfg.iova_limit */
	struct extent_map map; /* the API state */
	struct xlate_list pending; /* unmapped, not yet synced: still legal */
	struct xlate_list history; /* no longer legal, for classification */
};

static inline uint64_t oracle_page_first(const struct oracle *o, uint64_t a)
{
	return a & ~(o->cfg.min_page - 1);
}

static inline uint64_t oracle_page_last(const struct oracle *o, uint64_t a)
{
	return a | (o->cfg.min_page - 1);
}

/*
 * Last byte of [first, first + size), saturated at 2^64 - 1 when the range
 * would run past the end of the address space. @size must not be 0.
 */
static inline uint64_t range_last(uint64_t first, uint64_t size)
{
	if (size - 1 > UINT64_MAX - first)
		return UINT64_MAX;
	return first + size - 1;
}

/*
 * A piece of a mapping was removed: it becomes pending under @tag, or, for
 * ORACLE_TAG_STRICT, goes straight to the history of retired translations.
 */
void oracle_record_removed(struct oracle *o, const struct extent *piece,
			   int tag);

/* A translation is known to the oracle in one of these roles. */
enum oracle_match {
	ORACLE_MATCH_NONE, /* no legal translation gives this pa */
	ORACLE_MATCH_PA, /* one does, but its permissions disagree */
	ORACLE_MATCH_FULL, /* one gives this pa and these permissions */
};

/* Are permissions @perm (ORACLE_PERM_*) legal for a mapping of @prot? */
bool oracle_perm_agrees(const struct oracle *o, unsigned int prot,
			unsigned int perm);

/*
 * Compare a translation of byte @iova to byte @pa granting @perm with every
 * translation legal there now (the current mapping and all pending ones,
 * without the view's cap).
 */
enum oracle_match oracle_match_legal(const struct oracle *o, uint64_t iova,
				     uint64_t pa, unsigned int perm);

/* Is there any legal translation at @iova other than "none"? */
bool oracle_has_legal(const struct oracle *o, uint64_t iova);

/*
 * Classify a translation of @iova to @pa that matches no legal translation:
 * STALE if it is a remembered old translation of @iova or if only "none" is
 * legal, WRONG otherwise.
 */
enum oracle_verdict oracle_classify_foreign(const struct oracle *o,
					    uint64_t iova, uint64_t pa);

/*
 * Write @fmt to @why (if @why is not NULL and @whylen is not 0), always
 * NUL-terminated, truncated if needed.
 */
void oracle_why(char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "rw", "r-", "-w" or "--" for ORACLE_PERM_* bits. */
const char *oracle_perm_str(unsigned int perm);
/* The same letters for the READ/WRITE bits of an ORACLE_PROT_* value. */
const char *oracle_prot_str(unsigned int prot);

/*
 * Describe, for byte @iova, what a device may legally see, e.g.
 * "pa 0x80001000 rw, pending(g2) pa 0x90001000 r-, none". Byte addresses.
 */
void oracle_describe_legal(const struct oracle *o, uint64_t iova, char *buf,
			   size_t len);

#endif
