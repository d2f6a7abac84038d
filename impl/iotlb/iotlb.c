// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated IOTLB: leaf, negative and walk-cache entries kept in fill
 * order, so the first match of a scan is the oldest. Returning the oldest
 * of several overlapping entries is deliberate: the entry that has gone
 * longest without an invalidation answers, so a stale translation (or a
 * stale negative entry) shadows a fresh one and a missed invalidation shows.
 * Programs are small, so linear scans are cheap enough.
 *
 * Counters: accesses and hits count iotlb_access() calls only; walks and
 * walk_cache_hits also count walks done for prefetches.
 *
 * Each entry remembers the leaf it came from. Invalidations are judged
 * against that leaf, so a splintered block goes as a whole whichever of
 * its addresses a command names (docs/iotlb.md has the sources).
 */
#include <stdlib.h>

#include "walk_internal.h"

struct iotlb {
	struct iotlb_config cfg;
	struct hw_context hw;
	struct phys_reader mem;
	struct walk_cache_ops wc_ops;
	uint64_t negative_size; /* smallest page of the context */
	uint64_t seq; /* accesses and prefetches so far */

	struct iotlb_entry *leaves; /* fill order: oldest first */
	size_t nr_leaves, cap_leaves;
	struct walk_cache_entry *tables; /* fill order: oldest first */
	size_t nr_tables, cap_tables;

	struct iotlb_stats stats;
};

/*
 * @array with room for element @nr, or NULL if that cannot be had: the
 * entry is then simply not cached, which a cache is always allowed to do.
 */
static void *grow(void *array, size_t *cap, size_t nr, size_t elem_size)
{
	size_t new_cap;
	void *p;

	if (nr < *cap)
		return array;
	new_cap = *cap ? *cap * 2 : 16;
	p = realloc(array, new_cap * elem_size);
	if (p)
		*cap = new_cap;
	return p;
}

static bool covers(uint64_t start, uint64_t size, uint64_t iova)
{
	return iova - start < size;
}

/*
 * Whether [start, start + size) meets the invalidation range [iova, last].
 * Neither end may wrap, so ranges are compared by their last byte.
 */
static bool overlaps(uint64_t start, uint64_t size, uint64_t iova,
		     uint64_t last)
{
	return size && start <= last && iova <= start + (size - 1);
}

/*
 * Last byte of [iova, iova + size); a range running past the top of the
 * address space stops there. False for an empty range.
 */
static bool range_last(uint64_t iova, uint64_t size, uint64_t *last)
{
	if (!size)
		return false;
	*last = iova + (size - 1);
	if (*last < iova)
		*last = UINT64_MAX;
	return true;
}

const char *iotlb_entry_policy_name(enum iotlb_entry_policy policy)
{
	static const char *const names[IOTLB_ENTRIES_NR] = {
		[IOTLB_ENTRIES_WHOLE] = "whole",
		[IOTLB_ENTRIES_SPLINTERED] = "splintered",
		[IOTLB_ENTRIES_MIXED] = "mixed",
	};

	return (unsigned int)policy < IOTLB_ENTRIES_NR ? names[policy] : "?";
}

static bool wc_lookup(void *ctx, int level, uint64_t iova, uint64_t *table_pa)
{
	struct iotlb *tlb = ctx;
	size_t i;

	for (i = 0; i < tlb->nr_tables; i++) {
		const struct walk_cache_entry *e = &tlb->tables[i];

		if (e->level == level && covers(e->iova, e->span, iova)) {
			*table_pa = e->next_table_pa;
			tlb->stats.walk_cache_hits++;
			return true;
		}
	}
	return false;
}

static void wc_insert(void *ctx, const struct walk_cache_entry *e)
{
	struct iotlb *tlb = ctx;
	struct walk_cache_entry *tables;

	tables = grow(tlb->tables, &tlb->cap_tables, tlb->nr_tables,
		      sizeof(*tables));
	if (!tables)
		return;
	tlb->tables = tables;
	tables[tlb->nr_tables++] = *e;
}

/*
 * The registers and the memory reader are copied: the device keeps the
 * context it was set up with. A NULL @cfg caches leaves only.
 */
struct iotlb *iotlb_create(const struct iotlb_config *cfg,
			   const struct hw_context *hw,
			   const struct phys_reader *mem)
{
	struct iotlb *tlb = calloc(1, sizeof(*tlb));
	unsigned long bitmap = hw->pgsize_bitmap;

	if (!tlb)
		return NULL;
	if (cfg)
		tlb->cfg = *cfg;
	tlb->hw = *hw;
	tlb->mem = *mem;
	tlb->wc_ops = (struct walk_cache_ops){
		.lookup = wc_lookup,
		.insert = wc_insert,
		.ctx = tlb,
	};
	/* A context with no page sizes still gets 4K negative entries. */
	tlb->negative_size = bitmap ? (uint64_t)(bitmap & -bitmap) : 4096;
	return tlb;
}

void iotlb_set_context(struct iotlb *tlb, const struct hw_context *hw)
{
	tlb->hw = *hw;
}

void iotlb_destroy(struct iotlb *tlb)
{
	if (!tlb)
		return;
	free(tlb->leaves);
	free(tlb->tables);
	free(tlb);
}

static const struct iotlb_entry *lookup(const struct iotlb *tlb, uint64_t iova)
{
	size_t i;

	for (i = 0; i < tlb->nr_leaves; i++)
		if (covers(tlb->leaves[i].iova, tlb->leaves[i].size, iova))
			return &tlb->leaves[i];
	return NULL;
}

static void insert(struct iotlb *tlb, const struct iotlb_entry *e)
{
	struct iotlb_entry *leaves;

	leaves = grow(tlb->leaves, &tlb->cap_leaves, tlb->nr_leaves,
		      sizeof(*leaves));
	if (!leaves)
		return;
	tlb->leaves = leaves;
	leaves[tlb->nr_leaves++] = *e;
}

/*
 * Whether this fill caches only the smallest page around the access. A
 * mixed TLB alternates, so both kinds of entry meet in one program.
 */
static bool splinters(const struct iotlb *tlb, const struct walk_result *res)
{
	if (res->block_size <= tlb->negative_size)
		return false;
	switch (tlb->cfg.entries) {
	case IOTLB_ENTRIES_SPLINTERED:
		return true;
	case IOTLB_ENTRIES_MIXED:
		return (tlb->seq + res->block_iova / res->block_size) & 1;
	default:
		return false;
	}
}

/*
 * Walk for @iova and cache what the walk found, describing it in *@filled
 * (left alone when nothing is cacheable: address-size faults say nothing
 * about the tables, and reads of freed or foreign memory must be reported
 * afresh every time).
 */
static enum xlate_status walk_and_fill(struct iotlb *tlb, uint64_t iova,
				       struct iotlb_entry *filled)
{
	struct walk_result res;

	res = hw_walk(&tlb->hw, &tlb->mem,
		      tlb->cfg.walk_cache ? &tlb->wc_ops : NULL, iova);
	tlb->stats.walks++;

	if (res.status == XLATE_OK) {
		*filled = (struct iotlb_entry){
			.iova = res.block_iova,
			.size = res.block_size,
			.leaf_iova = res.block_iova,
			.leaf_size = res.block_size,
			.pa = res.block_pa,
			.perm = res.perm,
			.fill_seq = tlb->seq,
		};
		if (splinters(tlb, &res)) {
			filled->iova = iova & ~(tlb->negative_size - 1);
			filled->size = tlb->negative_size;
			filled->pa =
				res.block_pa + (filled->iova - res.block_iova);
			tlb->stats.splinters++;
		}
		insert(tlb, filled);
	} else if (res.status == XLATE_FAULT_TRANSLATION &&
		   tlb->cfg.cache_not_present) {
		*filled = (struct iotlb_entry){
			.iova = iova & ~(tlb->negative_size - 1),
			.size = tlb->negative_size,
			.negative = true,
			.fill_seq = tlb->seq,
		};
		filled->leaf_iova = filled->iova;
		filled->leaf_size = filled->size;
		insert(tlb, filled);
	}
	return res.status;
}

struct xlate_result iotlb_access(struct iotlb *tlb, uint64_t iova,
				 unsigned int access)
{
	struct xlate_result out = {0};
	const struct iotlb_entry *hit;

	tlb->seq++;
	tlb->stats.accesses++;

	hit = lookup(tlb, iova);
	if (hit) {
		tlb->stats.hits++;
		out.hit = true;
		out.entry = *hit;
		if (hit->negative) {
			out.status = XLATE_FAULT_TRANSLATION;
			return out;
		}
	} else {
		out.status = walk_and_fill(tlb, iova, &out.entry);
		if (out.status != XLATE_OK)
			return out;
	}

	out.pa = out.entry.pa + (iova - out.entry.iova);
	out.perm = out.entry.perm;
	if ((out.perm & access) != access)
		out.status = XLATE_FAULT_PERMISSION;
	return out;
}

void iotlb_prefetch(struct iotlb *tlb, uint64_t iova)
{
	struct iotlb_entry filled;

	tlb->seq++;
	if (!lookup(tlb, iova))
		walk_and_fill(tlb, iova, &filled);
}

void iotlb_inv_all(struct iotlb *tlb)
{
	tlb->stats.inv_all++;
	tlb->nr_leaves = 0;
	tlb->nr_tables = 0;
}

/*
 * Whether one of @iova + k * @step (k >= 0) up to @last falls in @e's
 * leaf. Leaves never wrap, so their last byte is a plain sum.
 */
static bool stepped_hit(const struct iotlb_entry *e, uint64_t iova,
			uint64_t last, uint64_t step)
{
	uint64_t first = e->leaf_iova > iova ? e->leaf_iova : iova;
	uint64_t leaf_last = e->leaf_iova + (e->leaf_size - 1);
	uint64_t k = (first - iova) / step + ((first - iova) % step != 0);
	uint64_t addr;

	/* the k-th address overflows past the top: nothing there */
	if (k > (UINT64_MAX - iova) / step)
		return false;
	addr = iova + k * step;
	return addr <= last && addr <= leaf_last;
}

/*
 * Drop the leaf and negative entries whose leaf meets [iova, last],
 * keeping the order. A @step names only iova + k * step of the range (0:
 * all of it); a @leaf_size hint spares entries of leaves of another size
 * (0: none; a cached fault has no level for a hint to contradict).
 * Returns how many entries the hint spared.
 */
static size_t drop_leaves(struct iotlb *tlb, uint64_t iova, uint64_t last,
			  uint64_t step, uint64_t leaf_size)
{
	size_t i, kept = 0, spared = 0;

	for (i = 0; i < tlb->nr_leaves; i++) {
		const struct iotlb_entry *e = &tlb->leaves[i];
		bool named = overlaps(e->leaf_iova, e->leaf_size, iova, last) &&
			     (!step || stepped_hit(e, iova, last, step));

		if (named && leaf_size && !e->negative &&
		    e->leaf_size != leaf_size) {
			named = false;
			spared++;
		}
		if (!named)
			tlb->leaves[kept++] = *e;
	}
	tlb->nr_leaves = kept;
	return spared;
}

static void drop_tables(struct iotlb *tlb, uint64_t iova, uint64_t last)
{
	size_t i, kept = 0;

	for (i = 0; i < tlb->nr_tables; i++) {
		const struct walk_cache_entry *e = &tlb->tables[i];

		if (!overlaps(e->iova, e->span, iova, last))
			tlb->tables[kept++] = *e;
	}
	tlb->nr_tables = kept;
}

void iotlb_inv_leaf(struct iotlb *tlb, uint64_t iova, uint64_t size)
{
	uint64_t last;

	tlb->stats.inv_leaf++;
	if (range_last(iova, size, &last))
		drop_leaves(tlb, iova, last, 0, 0);
}

void iotlb_inv_range(struct iotlb *tlb, uint64_t iova, uint64_t size)
{
	uint64_t last;

	tlb->stats.inv_range++;
	if (range_last(iova, size, &last)) {
		drop_leaves(tlb, iova, last, 0, 0);
		drop_tables(tlb, iova, last);
	}
}

void iotlb_inv_leaf_stepped(struct iotlb *tlb, uint64_t iova, uint64_t size,
			    uint64_t step)
{
	uint64_t last;

	tlb->stats.inv_stepped++;
	if (range_last(iova, size, &last))
		drop_leaves(tlb, iova, last, step, 0);
}

size_t iotlb_inv_leaf_hinted(struct iotlb *tlb, uint64_t iova, uint64_t size,
			     uint64_t leaf_size)
{
	uint64_t last;

	tlb->stats.inv_hinted++;
	if (!range_last(iova, size, &last))
		return 0;
	return drop_leaves(tlb, iova, last, 0, leaf_size);
}

void iotlb_for_each(const struct iotlb *tlb,
		    void (*fn)(void *arg, const struct iotlb_entry *e),
		    void *arg)
{
	size_t i;

	for (i = 0; i < tlb->nr_leaves; i++)
		fn(arg, &tlb->leaves[i]);
}

void iotlb_for_each_walk(const struct iotlb *tlb,
			 void (*fn)(void *arg,
				    const struct walk_cache_entry *e),
			 void *arg)
{
	size_t i;

	for (i = 0; i < tlb->nr_tables; i++)
		fn(arg, &tlb->tables[i]);
}

size_t iotlb_nr_entries(const struct iotlb *tlb)
{
	return tlb->nr_leaves;
}

size_t iotlb_nr_walk_entries(const struct iotlb *tlb)
{
	return tlb->nr_tables;
}

const struct iotlb_stats *iotlb_stats(const struct iotlb *tlb)
{
	return &tlb->stats;
}
