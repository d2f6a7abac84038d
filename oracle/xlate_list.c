// SPDX-License-Identifier: GPL-2.0-only
/*
 * Age-ordered list of removed translations; see xlate_list.h.
 */
#include "xlate_list.h"
#include "sorted_array.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void xlate_list_init(struct xlate_list *l, size_t limit)
{
	l->v = NULL;
	l->nr = 0;
	l->cap = 0;
	l->limit = limit;
}

void xlate_list_release(struct xlate_list *l)
{
	free(l->v);
	l->v = NULL;
	l->nr = 0;
	l->cap = 0;
}

static void xlate_list_reserve(struct xlate_list *l, size_t need)
{
	l->v = array_grow(l->v, &l->cap, need, sizeof(*l->v), "translations");
}

static bool past_xlate_continues(const struct past_xlate *a,
				 const struct past_xlate *b)
{
	return a->last != UINT64_MAX && a->last + 1 == b->first &&
	       a->prot == b->prot && a->tag == b->tag &&
	       past_xlate_pa_at(a, a->last) + 1 == b->pa;
}

void xlate_list_add(struct xlate_list *l, const struct past_xlate *x)
{
	if (l->nr && past_xlate_continues(&l->v[l->nr - 1], x)) {
		l->v[l->nr - 1].last = x->last;
		return;
	}
	if (l->limit && l->nr == l->limit) {
		memmove(&l->v[0], &l->v[1], (l->nr - 1) * sizeof(l->v[0]));
		l->nr--;
	}
	xlate_list_reserve(l, l->nr + 1);
	l->v[l->nr++] = *x;
}

void xlate_list_move(struct xlate_list *src, struct xlate_list *dst, bool all,
		     int tag)
{
	size_t keep = 0;

	for (size_t i = 0; i < src->nr; i++) {
		if (all || src->v[i].tag == tag)
			xlate_list_add(dst, &src->v[i]);
		else
			src->v[keep++] = src->v[i];
	}
	src->nr = keep;
}

size_t xlate_list_count(const struct xlate_list *l, bool all, int tag)
{
	size_t n = 0;

	for (size_t i = 0; i < l->nr; i++)
		if (all || l->v[i].tag == tag)
			n++;
	return n;
}
