// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>

#include "walk_cache_rec.h"

static bool rec_lookup(void *ctx, int level, uint64_t iova,
		       uint64_t *table_pa)
{
	struct walk_cache_rec *rec = ctx;
	unsigned int i;

	rec->lookups++;
	if (!rec->answer)
		return false;
	for (i = 0; i < rec->nr; i++) {
		if (rec->e[i].level == level &&
		    iova - rec->e[i].iova < rec->e[i].span) {
			*table_pa = rec->e[i].next_table_pa;
			rec->hits++;
			return true;
		}
	}
	return false;
}

static void rec_insert(void *ctx, const struct walk_cache_entry *e)
{
	struct walk_cache_rec *rec = ctx;

	if (rec->nr == WALK_CACHE_REC_MAX)
		abort();
	rec->e[rec->nr++] = *e;
}

struct walk_cache_ops walk_cache_rec_ops(struct walk_cache_rec *rec)
{
	return (struct walk_cache_ops){
		.lookup = rec_lookup,
		.insert = rec_insert,
		.ctx = rec,
	};
}

const struct walk_cache_entry *
walk_cache_rec_at(const struct walk_cache_rec *rec, int level)
{
	unsigned int i;

	for (i = 0; i < rec->nr; i++)
		if (rec->e[i].level == level)
			return &rec->e[i];
	return NULL;
}
