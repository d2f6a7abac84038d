// SPDX-License-Identifier: GPL-2.0-only
/*
 * The gather and completion contract (gather_contract.h): bookkeeping per
 * gather of what it was given and what a sync has covered, and the checks
 * at the end of each operation.
 */
#include "gather_contract.h"
#include "sorted_array.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gather_contract_init(struct gather_contract *c,
			  const struct gather_rules *rules,
			  unsigned int nr_caller_gathers)
{
	memset(c, 0, sizeof(*c));
	c->rules = *rules;
	if (nr_caller_gathers > CONTRACT_MAX_GATHERS)
		nr_caller_gathers = CONTRACT_MAX_GATHERS;
	c->nr_gathers = nr_caller_gathers + 1;
}

void gather_contract_release(struct gather_contract *c)
{
	for (unsigned int g = 0; g < CONTRACT_MAX_GATHERS + 1; g++) {
		rangeset_release(&c->gathers[g].unmapped);
		rangeset_release(&c->gathers[g].pending);
	}
	rangeset_release(&c->completed);
	rangeset_release(&c->queued);
	free(c->syncs);
	free(c->unmaps);
	c->syncs = NULL;
	c->unmaps = NULL;
	c->nr_syncs = c->cap_syncs = c->nr_unmaps = c->cap_unmaps = 0;
}

void gather_contract_op_begin(struct gather_contract *c,
			      const struct contract_op *op)
{
	/* the core's gather lives for one call */
	struct gather_track *core = &c->gathers[gather_contract_core_gather(c)];

	core->unmapped_since_sync = false;
	core->page_size = core->odd_size = 0;
	for (unsigned int g = 0; g < c->nr_gathers; g++)
		c->gathers[g].last_sync = -1;
	c->op = *op;
	c->nr_syncs = 0;
	c->nr_unmaps = 0;
	rangeset_clear(&c->completed);
	c->completed_all = false;
	c->leaf_size = 0;
	c->queue_flushed = false;
	c->sync_at_top = false;
}

void gather_contract_unmapped(struct gather_contract *c, uint64_t iova,
			      uint64_t unmapped)
{
	c->unmaps = array_grow(c->unmaps, &c->cap_unmaps, c->nr_unmaps + 1,
			       sizeof(*c->unmaps), "gathered unmaps");
	c->unmaps[c->nr_unmaps++] = (struct contract_unmap){iova, unmapped};
	if (unmapped)
		c->gathers[c->op.unmaps_into].unmapped_since_sync = true;
}

static int track_index(const struct gather_contract *c, int gather)
{
	return gather < 0 ? gather_contract_core_gather(c) : gather;
}

/*
 * Could the page [@iova, +@size) not join the gather @s synced? Another
 * page size (for a gather that has one), or a range neither overlapping
 * nor adjacent: what iommu_iotlb_gather_add_page() syncs for. The sums
 * stay in range at the top of the address space.
 */
static bool page_cannot_join(const struct contract_sync *s, uint64_t iova,
			     uint64_t size)
{
	uint64_t last = range_last(iova, size);

	if (s->start > s->end || !size)
		return false;
	if (s->pgsize && s->pgsize != size)
		return true;
	return (iova > s->end && iova - s->end > 1) ||
	       (last < s->start && s->start - last > 1);
}

void gather_contract_page_added(struct gather_contract *c, int gather,
				uint64_t iova, uint64_t size)
{
	struct gather_track *t = &c->gathers[track_index(c, gather)];

	/* the first page after a sync in this op is what it was for */
	if (t->last_sync >= 0) {
		struct contract_sync *s = &c->syncs[t->last_sync];

		s->forced = page_cannot_join(s, iova, size);
		s->next_last = range_last(iova, size);
		t->last_sync = -1;
	}
	if (!t->page_size) {
		t->page_iova = iova;
		t->page_size = size;
	} else if (size != t->page_size && !t->odd_size) {
		t->odd_iova = iova;
		t->odd_size = size;
	}
}

void gather_contract_synced(struct gather_contract *c, uint64_t start,
			    uint64_t end, uint64_t pgsize, int gather,
			    bool posted)
{
	int g = track_index(c, gather);
	struct gather_track *t = &c->gathers[g];

	c->syncs = array_grow(c->syncs, &c->cap_syncs, c->nr_syncs + 1,
			      sizeof(*c->syncs), "syncs");
	c->syncs[c->nr_syncs++] = (struct contract_sync){
		.start = start,
		.end = end,
		.pgsize = pgsize,
		.gather = g,
		.had_unmapped = c->gathers[g].unmapped_since_sync,
		.had_posted = posted,
		.page_iova = t->page_iova,
		.page_size = t->page_size,
		.odd_iova = t->odd_iova,
		.odd_size = t->odd_size,
	};
	t->unmapped_since_sync = false;
	t->page_size = t->odd_size = 0;
	t->last_sync = (long)c->nr_syncs - 1;
}

void gather_contract_sync_frees_tables(struct gather_contract *c)
{
	if (c->nr_syncs)
		c->syncs[c->nr_syncs - 1].frees_tables = true;
}

void gather_contract_leaf_issued(struct gather_contract *c, uint64_t iova,
				 uint64_t size)
{
	if (!c->leaf_size && size) {
		c->leaf_iova = iova;
		c->leaf_size = size;
	}
}

void gather_contract_queue_flushed(struct gather_contract *c)
{
	c->queue_flushed = true;
}

void gather_contract_completed(struct gather_contract *c, bool all,
			       uint64_t iova, uint64_t size)
{
	if (all)
		c->completed_all = true;
	else if (size) /* to the end of the address space at most */
		rangeset_add(&c->completed, iova, range_last(iova, size));
}

/* The first posted invalidation that touches [first, last], or NULL. */
static const struct contract_posted *
posted_in(const struct contract_posted *posted, size_t nr, uint64_t first,
	  uint64_t last)
{
	for (size_t i = 0; i < nr; i++) {
		const struct contract_posted *p = &posted[i];

		if (p->all || (p->iova <= last && first - p->iova < p->size) ||
		    (p->iova >= first && p->iova <= last))
			return &posted[i];
	}
	return NULL;
}

/*
 * An op that completes unmaps must not return while invalidations for
 * them are still posted: a strict unmap for what it unmapped, a sync for
 * what its gather was given, flush_all for everything. (Invalidations
 * posted for another gather's pending unmaps may stay in flight.)
 */
bool gather_contract_check_posted(const struct gather_contract *c,
				  const struct contract_posted *posted,
				  size_t nr_posted,
				  contract_violation_fn report, void *ctx)
{
	const struct contract_posted *late = NULL;
	char msg[512];

	if (c->op.completes == COMPLETES_NOTHING || !nr_posted)
		return false;
	if (c->op.completes == COMPLETES_ALL) {
		late = &posted[0];
	} else if (c->op.completes == COMPLETES_GATHER) {
		const struct rangeset *u = &c->gathers[c->op.finishes].unmapped;

		for (size_t i = 0; i < u->nr && !late; i++)
			late = posted_in(posted, nr_posted, u->v[i].first,
					 u->v[i].last);
	} else {
		for (size_t i = 0; i < c->nr_unmaps && !late; i++)
			if (c->unmaps[i].unmapped)
				late = posted_in(
					posted, nr_posted, c->unmaps[i].iova,
					range_last(c->unmaps[i].iova,
						   c->unmaps[i].unmapped));
	}
	if (!late)
		return false;
	snprintf(msg, sizeof(msg),
		 "%s returned with a posted invalidation it completes still in "
		 "flight (iova 0x%" PRIx64 " size 0x%" PRIx64
		 ", %zu posted in all): nobody waited for it",
		 c->op.name, late->iova, late->size, nr_posted);
	return report(ctx, RULE_COMPLETION, late->iova, msg);
}

/*
 * What the core unmapped in this op goes into its gather. A queued
 * (flush-queue) gather is never synced by its caller, but io-pgtable and
 * the driver may still sync it on the way (6.12's block split adds pages
 * without a queued check): its pages count as unmapped into it, not as
 * pending.
 */
static void take_unmaps(struct gather_contract *c)
{
	struct gather_track *g = &c->gathers[c->op.unmaps_into];

	for (size_t i = 0; i < c->nr_unmaps; i++) {
		const struct contract_unmap *u = &c->unmaps[i];

		if (!u->unmapped)
			continue;
		rangeset_add(&g->unmapped, u->iova,
			     range_last(u->iova, u->unmapped));
		if (!c->op.queued)
			rangeset_add(&g->pending, u->iova,
				     range_last(u->iova, u->unmapped));
		else
			rangeset_add(&c->queued, u->iova,
				     range_last(u->iova, u->unmapped));
	}
}

/*
 * A sync that invalidates by the gather's page size covers only pages of
 * that size: every page added since the last sync must have it.
 */
static bool judge_pgsize(const struct contract_sync *s,
			 contract_violation_fn report, void *ctx)
{
	uint64_t iova = s->page_iova, size = s->page_size;
	char msg[512];

	if (!size)
		return false;
	if (size == s->pgsize) {
		if (!s->odd_size)
			return false;
		iova = s->odd_iova;
		size = s->odd_size;
	}
	snprintf(
		msg, sizeof(msg),
		"iotlb_sync of [0x%" PRIx64 ", 0x%" PRIx64
		"] with pgsize 0x%" PRIx64 ": the gather holds a 0x%" PRIx64
		" page at 0x%" PRIx64
		", added since its last sync, which invalidations of that page "
		"size need not remove",
		s->start, s->end, s->pgsize, size, iova);
	return report(ctx, RULE_GATHER_PGSIZE, iova, msg);
}

/* Each sync of this op against what its gather was given. */
static bool judge_syncs(struct gather_contract *c, contract_violation_fn report,
			void *ctx)
{
	uint64_t missing;
	char msg[512];

	for (size_t i = 0; i < c->nr_syncs; i++) {
		const struct contract_sync *s = &c->syncs[i];
		struct gather_track *g = &c->gathers[s->gather];
		bool stop = false;

		if (s->start > s->end) {
			if (!c->rules.sync_needs_nonempty_gather)
				continue;
			snprintf(msg, sizeof(msg),
				 "iotlb_sync with an empty gather [0x%" PRIx64
				 ", 0x%" PRIx64 "]: the driver invalidates end "
				 "- start + 1 = 0x%" PRIx64
				 " bytes at 0x%" PRIx64,
				 s->start, s->end, s->end - s->start + 1,
				 s->start);
			if (report(ctx, RULE_EMPTY_GATHER_SYNC, s->start, msg))
				return true;
			continue;
		}
		if (c->rules.sync_reads_pgsize && judge_pgsize(s, report, ctx))
			return true;
		if (c->rules.judge_overinvalidation && !s->frees_tables &&
		    !rangeset_covers(&g->unmapped, s->start, s->end,
				     &missing)) {
			snprintf(msg, sizeof(msg),
				 "iotlb_sync of [0x%" PRIx64 ", 0x%" PRIx64
				 "] (pgsize 0x%" PRIx64
				 ") invalidates 0x%" PRIx64
				 ", which was never unmapped into that gather",
				 s->start, s->end, s->pgsize, missing);
			stop = report(ctx, RULE_OVER_INVALIDATION, missing,
				      msg);
		}
		rangeset_remove(&g->pending, s->start, s->end);
		if (stop)
			return true;
	}
	return false;
}

/*
 * What the driver invalidated and completed on its own in this op (6.1's
 * io-pgtable-arm flushes the walk of an unmapped table and leaves it out
 * of the gather; SMMUv3 completes that at once) needs no gather to cover
 * it.
 */
static void forget_completed(struct gather_contract *c)
{
	if (c->completed_all)
		rangeset_clear(&c->queued);
	for (size_t k = 0; k < c->completed.nr; k++)
		rangeset_remove(&c->queued, c->completed.v[k].first,
				c->completed.v[k].last);
	for (unsigned int i = 0; i < c->nr_gathers; i++) {
		if (c->completed_all)
			rangeset_clear(&c->gathers[i].pending);
		for (size_t k = 0; k < c->completed.nr; k++)
			rangeset_remove(&c->gathers[i].pending,
					c->completed.v[k].first,
					c->completed.v[k].last);
	}
}

static bool borders_top(const struct contract_sync *s)
{
	return (s->start <= s->end && s->end == UINT64_MAX) ||
	       s->next_last == UINT64_MAX;
}

/*
 * Each sync of the op must have been needed: the one that finishes a
 * gather, and those forced by what came next. A flush-queue unmap is
 * judged by the queue's own rule instead.
 */
static bool judge_sync_count(struct gather_contract *c,
			     contract_violation_fn report, void *ctx)
{
	size_t finishing = c->op.finishes >= 0 ? 1 : 0;
	size_t needed = finishing, unforced = 0;
	const struct contract_sync *extra = NULL;
	char msg[512];

	if (!c->rules.judge_excess_syncs || c->op.queued)
		return false;
	for (size_t i = 0; i < c->nr_syncs; i++) {
		/*
		 * Tables must be invalidated before they are freed: generic_pt
		 * syncs each range of freed tables that cannot join the last
		 * (no-gaps flushing), in a map as in an unmap.
		 */
		if (c->syncs[i].forced || c->syncs[i].frees_tables) {
			needed++;
		} else {
			unforced++;
			/* the earliest: the finishing sync comes last */
			if (!extra)
				extra = &c->syncs[i];
		}
	}
	if (unforced <= finishing)
		return false;
	c->sync_at_top = borders_top(extra);
	snprintf(
		msg, sizeof(msg),
		"%s made %zu iotlb_sync calls where the gather rules need %zu: "
		"the sync of [0x%" PRIx64 ", 0x%" PRIx64 "] (pgsize 0x%" PRIx64
		") was neither the one that finishes the gather nor forced "
		"by a page that could not join it",
		c->op.name, c->nr_syncs, needed, extra->start, extra->end,
		extra->pgsize);
	return report(ctx, RULE_EXCESS_SYNC,
		      extra->start <= extra->end ? extra->start : 0, msg);
}

/*
 * A queued unmap leaves invalidation to the queue's flush: dma-iommu does
 * not sync its gather, and io-pgtable hands the driver no page of it.
 */
static bool judge_queued_op(struct gather_contract *c,
			    contract_violation_fn report, void *ctx)
{
	char msg[512];

	if (!c->op.queued)
		return false;
	if (c->nr_syncs) {
		const struct contract_sync *s = &c->syncs[0];

		c->sync_at_top = borders_top(s);
		snprintf(msg, sizeof(msg),
			 "a flush-queue unmap made %zu iotlb_sync calls (the "
			 "first of [0x%" PRIx64 ", 0x%" PRIx64
			 "], pgsize 0x%" PRIx64
			 "): a queued gather is never synced, the queue's "
			 "flush invalidates",
			 c->nr_syncs, s->start, s->end, s->pgsize);
		return report(ctx, RULE_QUEUED_INVALIDATION,
			      s->start <= s->end ? s->start : 0, msg);
	}
	if (c->leaf_size) {
		snprintf(msg, sizeof(msg),
			 "a flush-queue unmap invalidated the leaf range "
			 "[0x%" PRIx64 ", +0x%" PRIx64 ") itself: a queued "
			 "unmap asks nothing per page, the queue's flush "
			 "invalidates",
			 c->leaf_iova, c->leaf_size);
		return report(ctx, RULE_QUEUED_INVALIDATION, c->leaf_iova, msg);
	}
	return false;
}

/* The queue's flush must have completed every queued unmap. */
static bool judge_queue_flush(struct gather_contract *c,
			      contract_violation_fn report, void *ctx)
{
	char msg[512];
	bool stop;

	if (!c->queue_flushed || rangeset_empty(&c->queued))
		return false;
	snprintf(msg, sizeof(msg),
		 "the flush queue's flush left [0x%" PRIx64 ", 0x%" PRIx64
		 "], unmapped by a flush-queue unmap, without a completed "
		 "invalidation",
		 c->queued.v[0].first, c->queued.v[0].last);
	stop = report(ctx, RULE_COMPLETION, c->queued.v[0].first, msg);
	rangeset_clear(&c->queued);
	return stop;
}

bool gather_contract_op_end(struct gather_contract *c,
			    contract_violation_fn report, void *ctx)
{
	char msg[512];
	bool stop = false;

	take_unmaps(c);
	if (judge_syncs(c, report, ctx) || judge_sync_count(c, report, ctx) ||
	    judge_queued_op(c, report, ctx))
		return true;
	forget_completed(c);
	if (judge_queue_flush(c, report, ctx))
		return true;
	if (c->op.finishes < 0)
		return false;

	struct gather_track *g = &c->gathers[c->op.finishes];

	if (c->rules.sync_covers_range && !rangeset_empty(&g->pending)) {
		snprintf(msg, sizeof(msg),
			 "the gather synced by %s never covered [0x%" PRIx64
			 ", 0x%" PRIx64 "], unmapped since its last sync",
			 c->op.name, g->pending.v[0].first,
			 g->pending.v[0].last);
		stop = report(ctx, RULE_GATHER_COVERAGE, g->pending.v[0].first,
			      msg);
	}
	rangeset_clear(&g->unmapped);
	rangeset_clear(&g->pending);
	return stop;
}
