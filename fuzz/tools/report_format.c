// SPDX-License-Identifier: GPL-2.0-only
/* What the text, HTML and markdown renderers of a report share. */
#include <inttypes.h>

#include "report_model.h"

void report_format_entry(const struct iotlb_entry *e, char *buf, size_t len)
{
	if (e->negative)
		snprintf(buf, len,
			 "[0x%" PRIx64 " +0x%" PRIx64
			 "] cached fault (filled by device access #%" PRIu64
			 ")",
			 e->iova, e->size, e->fill_seq);
	else
		snprintf(buf, len,
			 "[0x%" PRIx64 " +0x%" PRIx64 "] -> 0x%" PRIx64
			 " %c%c (filled by device access #%" PRIu64 ")",
			 e->iova, e->size, e->pa,
			 (e->perm & HW_PERM_READ) ? 'r' : '-',
			 (e->perm & HW_PERM_WRITE) ? 'w' : '-', e->fill_seq);
}

bool report_state_has_entry(const struct report_state *s,
			    const struct iotlb_entry *e)
{
	for (size_t i = 0; i < s->nr_tlb; i++) {
		const struct iotlb_entry *x = &s->tlb[i];

		if (x->iova == e->iova && x->size == e->size &&
		    x->negative == e->negative && x->pa == e->pa &&
		    x->perm == e->perm && x->fill_seq == e->fill_seq)
			return true;
	}
	return false;
}

struct call_tree {
	const struct report_call *c;
	struct report_call_line *lines;
	size_t max, nr;
};

/* The end of the subtree of call @i: the next call no deeper than it. */
static size_t subtree_end(const struct report_call *c, size_t i, size_t hi)
{
	size_t j = i + 1;

	while (j < hi && c[j].depth > c[i].depth)
		j++;
	return j;
}

static bool same_calls(const struct report_call *c, size_t a, size_t b,
		       size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (c[a + k].fn != c[b + k].fn ||
		    c[a + k].depth != c[b + k].depth)
			return false;
	return true;
}

static void fold(struct call_tree *t, size_t lo, size_t hi)
{
	const struct report_call *c = t->c;

	for (size_t i = lo; i < hi;) {
		size_t n = subtree_end(c, i, hi) - i;
		size_t repeat = 1;

		while (i + n * (repeat + 1) <= hi &&
		       same_calls(c, i, i + n * repeat, n) &&
		       subtree_end(c, i + n * repeat, hi) ==
			       i + n * (repeat + 1))
			repeat++;
		if (t->nr < t->max)
			t->lines[t->nr] = (struct report_call_line){
				c[i].depth, c[i].name, repeat};
		t->nr++;
		fold(t, i + 1, i + n);
		i += n * repeat;
	}
}

size_t report_call_tree(const struct report_impl *impl, size_t op,
			struct report_call_line *lines, size_t max)
{
	struct call_tree t = {impl->calls, lines, max, 0};
	size_t lo = 0, hi;

	while (lo < impl->nr_calls && impl->calls[lo].op < op)
		lo++;
	hi = lo;
	while (hi < impl->nr_calls && impl->calls[hi].op == op)
		hi++;
	fold(&t, lo, hi);
	return t.nr;
}
