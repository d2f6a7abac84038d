/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The maple-tree calls generic_pt's KUnit test keeps its mapped ranges
 * in: a range map with overlap-refusing inserts and an iterator that may
 * erase as it goes. A sorted array does here; no RCU, one thread.
 */
#ifndef KSHIM_DUP_MAPLE_TREE_H
#define KSHIM_DUP_MAPLE_TREE_H

#include <stdlib.h>

#include "errno.h"
#include "types.h"

/* The kernel keeps the first 4K of a tree out of its ranges. */
#define MAPLE_RESERVED_RANGE 4096
/* Any non-NULL value works as an entry: nobody dereferences it. */
#define XA_ZERO_ENTRY ((void *)0x406)

struct maple_range {
	unsigned long first, last;
	void *entry;
};

struct maple_tree {
	struct maple_range *ranges;
	size_t nr, cap;
};

struct ma_state {
	struct maple_tree *tree;
	unsigned long index, last; /* the entry found last */
	unsigned long from; /* where the next search starts */
	bool done; /* the last entry found ended at ULONG_MAX */
};

#define MA_STATE(name, mt, first, end)                                    \
	struct ma_state name = { .tree = (mt), .index = (first),          \
				 .last = (end), .from = (first) }

static inline void mt_init(struct maple_tree *mt)
{
	*mt = (struct maple_tree){ 0 };
}

static inline void mtree_destroy(struct maple_tree *mt)
{
	free(mt->ranges);
	mt_init(mt);
}

#define mtree_lock(mt) ((void)(mt))
#define mtree_unlock(mt) ((void)(mt))

static inline int mtree_insert_range(struct maple_tree *mt,
				     unsigned long first, unsigned long last,
				     void *entry, gfp_t gfp)
{
	size_t at = 0;

	(void)gfp;
	if (!entry || first > last)
		return -EINVAL;
	while (at < mt->nr && mt->ranges[at].last < first)
		at++;
	if (at < mt->nr && mt->ranges[at].first <= last)
		return -EEXIST;
	if (mt->nr == mt->cap) {
		size_t cap = mt->cap ? 2 * mt->cap : 16;
		struct maple_range *r =
			realloc(mt->ranges, cap * sizeof(*r));

		if (!r)
			return -ENOMEM;
		mt->ranges = r;
		mt->cap = cap;
	}
	memmove(&mt->ranges[at + 1], &mt->ranges[at],
		(mt->nr - at) * sizeof(mt->ranges[0]));
	mt->ranges[at] = (struct maple_range){ first, last, entry };
	mt->nr++;
	return 0;
}

/* The next entry overlapping [from, max], or NULL. */
static inline void *mas_find(struct ma_state *mas, unsigned long max)
{
	struct maple_tree *mt = mas->tree;

	if (mas->done || mas->from > max)
		return NULL;
	for (size_t i = 0; i < mt->nr; i++) {
		struct maple_range *r = &mt->ranges[i];

		if (r->last < mas->from)
			continue;
		if (r->first > max)
			return NULL;
		mas->index = r->first;
		mas->last = r->last;
		mas->done = r->last == ~0UL;
		mas->from = r->last + 1;
		return r->entry;
	}
	return NULL;
}

#define mas_for_each(mas, entry, max) \
	while (((entry) = mas_find((mas), (max))) != NULL)

/* Erase the entry mas_find() returned last. */
static inline void *mas_erase(struct ma_state *mas)
{
	struct maple_tree *mt = mas->tree;

	for (size_t i = 0; i < mt->nr; i++) {
		if (mt->ranges[i].first == mas->index) {
			void *entry = mt->ranges[i].entry;

			memmove(&mt->ranges[i], &mt->ranges[i + 1],
				(mt->nr - i - 1) * sizeof(mt->ranges[0]));
			mt->nr--;
			return entry;
		}
	}
	return NULL;
}

/* Searches restart from where the last one ended anyway. */
static inline void mas_pause(struct ma_state *mas)
{
	(void)mas;
}

#endif
