/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An age-ordered list of translations that were removed from the API state:
 * the oracle keeps one for pending (not yet synced) unmaps, which a device
 * may still use, and one bounded list of retired translations, which a
 * device must no longer use but which tell a stale translation from a
 * wrong one.
 *
 * Entries are ranges, so one unmap of a huge mapping is one entry. The list
 * is unordered in IOVA; queries scan it, which is fine because it only holds
 * what the program unmapped and has not synced (or, for the retired list, a
 * bounded window of history).
 */
#ifndef IOTLBFUZZ_ORACLE_XLATE_LIST_H
#define IOTLBFUZZ_ORACLE_XLATE_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct past_xlate {
	uint64_t first, last; /* IOVA range, inclusive */
	uint64_t pa; /* output address of @first */
	unsigned int prot;
	int tag; /* gather index, ORACLE_TAG_FQ or ORACLE_TAG_STRICT */
};

struct xlate_list {
	struct past_xlate *v; /* oldest first */
	size_t nr, cap;
	size_t limit; /* 0: unbounded; else the oldest entries are dropped */
};

static inline bool past_xlate_covers(const struct past_xlate *x, uint64_t addr)
{
	return x->first <= addr && addr <= x->last;
}

static inline uint64_t past_xlate_pa_at(const struct past_xlate *x,
					uint64_t addr)
{
	return x->pa + (addr - x->first);
}

void xlate_list_init(struct xlate_list *l, size_t limit);
void xlate_list_release(struct xlate_list *l);

/*
 * Append @x as the newest entry. It is folded into the newest existing entry
 * when it continues that one linearly with the same prot and tag, so the
 * pieces of one unmap that spans several extents stay one entry.
 */
void xlate_list_add(struct xlate_list *l, const struct past_xlate *x);

/*
 * Move the entries with @tag (all of them if @all) from @src to the end of
 * @dst, keeping their age order.
 */
void xlate_list_move(struct xlate_list *src, struct xlate_list *dst, bool all,
		     int tag);

/* Number of entries with @tag (all of them if @all). */
size_t xlate_list_count(const struct xlate_list *l, bool all, int tag);

#endif
