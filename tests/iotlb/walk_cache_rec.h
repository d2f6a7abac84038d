/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A recording walk cache for walker tests: it remembers what the walker
 * inserted and answers lookups from that, so tests can check both what a
 * walk reports to the cache and that the walker honours what it is told.
 */
#ifndef IOTLBFUZZ_TEST_WALK_CACHE_REC_H
#define IOTLBFUZZ_TEST_WALK_CACHE_REC_H

#include "iotlb.h"

#define WALK_CACHE_REC_MAX 32

struct walk_cache_rec {
	struct walk_cache_entry e[WALK_CACHE_REC_MAX];
	unsigned int nr;
	unsigned int lookups, hits;
	bool answer; /* false: record inserts, never hit */
};

struct walk_cache_ops walk_cache_rec_ops(struct walk_cache_rec *rec);
/* The recorded entry for @level, or NULL. */
const struct walk_cache_entry *
walk_cache_rec_at(const struct walk_cache_rec *rec, int level);

#endif
