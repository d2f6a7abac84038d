/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The gather and completion contract of the IOMMU API, judged from what the
 * core did during one operation: which ranges it unmapped into which
 * gather (its unmap trace point), which iotlb_sync calls it made with
 * which gather, and which invalidations took effect. The rules:
 * - a sync must not hand a driver an empty gather if the driver computes
 *   a length from it;
 * - a driver that keeps disjoint ranges apart must not invalidate pages
 *   never unmapped into the gather it syncs;
 * - the caller's sync must cover everything the gather was given since
 *   its last sync;
 * - a driver that invalidates by the gather's page size (SMMUv3's TG/TTL
 *   hints) must only be synced with pages of that size in the gather:
 *   iommu_iotlb_gather_add_page() syncs first when the size changes;
 * - an operation that completes unmaps must not return with one of their
 *   invalidations still posted;
 * - an operation syncs no more often than the gather rules make it: once
 *   where it finishes a gather, plus once each time a page joins a gather
 *   that it cannot share (another page size, a disjoint range);
 * - a flush-queue (queued) unmap asks nothing of the hardware per page: no
 *   sync, no leaf invalidation (walk invalidations for the tables it
 *   frees are still needed); the queue's flush then completes every
 *   queued unmap not invalidated since.
 * The state is the API's, like the oracle's: it knows nothing of the
 * kernel code, the program format or the run around it.
 */
#ifndef IOTLBFUZZ_GATHER_CONTRACT_H
#define IOTLBFUZZ_GATHER_CONTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rangeset.h"

/* The caller's gathers 0..n-1; gather n is the core's own (iommu_unmap). */
#define CONTRACT_MAX_GATHERS 8

/* What the driver's sync makes of the gather (from its traits). */
struct gather_rules {
	bool sync_needs_nonempty_gather; /* computes end - start + 1 */
	bool judge_overinvalidation; /* keeps disjoint ranges apart */
	bool sync_covers_range; /* invalidates the gathered range */
	bool sync_reads_pgsize; /* invalidates by the gather's page size */
	bool judge_excess_syncs; /* a performance rule: may be turned off */
};

/* Which rule an operation broke. */
enum contract_rule {
	RULE_COMPLETION, /* returned with its invalidation in flight */
	RULE_EMPTY_GATHER_SYNC,
	RULE_OVER_INVALIDATION,
	RULE_GATHER_COVERAGE,
	RULE_GATHER_PGSIZE,
	RULE_EXCESS_SYNC,
	RULE_QUEUED_INVALIDATION,
};

/* One operation, as the contract sees it. */
struct contract_op {
	const char *name; /* for messages: "unmap", "sync", ... */
	int unmaps_into; /* the gather its unmaps go to */
	bool queued; /* a flush-queue unmap: nothing pending until the flush */
	int finishes; /* the gather its end must have covered, or -1 */
	/*
	 * It completes invalidations (a strict unmap, a sync, flush_all of
	 * a driver that has one): which ones must not stay posted.
	 */
	enum {
		COMPLETES_NOTHING,
		COMPLETES_ITS_UNMAPS,
		COMPLETES_GATHER, /* finishes' gather */
		COMPLETES_ALL,
	} completes;
};

struct contract_sync {
	uint64_t start, end, pgsize;
	int gather;
	/* what it had to complete, besides a non-empty range: */
	bool had_unmapped; /* pages unmapped into its gather since its last sync
			    */
	bool had_posted; /* invalidations this op posted, not yet waited for */
	/*
	 * The gather carries page tables the sync frees (generic_pt's
	 * freelist): its range spans where they sat, unmapped or not.
	 */
	bool frees_tables;
	/*
	 * The pages the driver added to the gather since its last sync: the
	 * first one (size 0: none), and the first one of another size, if any.
	 */
	uint64_t page_iova, page_size;
	uint64_t odd_iova, odd_size;
	/* the last byte of the first page added after it (0: none) */
	uint64_t next_last;
	/*
	 * What made it necessary: the next page the driver added to the
	 * gather in this op could not join it (another page size, a
	 * disjoint range).
	 */
	bool forced;
};

struct contract_unmap {
	uint64_t iova, unmapped;
};

/* A posted, not yet completed invalidation (all: everything). */
struct contract_posted {
	bool all;
	uint64_t iova, size;
};

struct gather_contract {
	struct gather_rules rules;
	unsigned int nr_gathers; /* the caller's, plus the core's own */
	struct gather_track {
		struct rangeset unmapped; /* since its last sync */
		struct rangeset pending; /* ... and not covered by a sync */
		bool unmapped_since_sync; /* by the core's trace point */
		/* pages added by the driver since the last sync (contract_sync) */
		uint64_t page_iova, page_size, odd_iova, odd_size;
		/* its last sync in this op (index into syncs), or -1 */
		long last_sync;
	} gathers[CONTRACT_MAX_GATHERS + 1];
	/* the current operation */
	struct contract_op op;
	struct contract_sync *syncs;
	size_t nr_syncs, cap_syncs;
	struct contract_unmap *unmaps;
	size_t nr_unmaps, cap_unmaps;
	struct rangeset completed; /* invalidated and complete */
	bool completed_all;
	/* the first leaf invalidation this op issued or posted (0: none) */
	uint64_t leaf_iova, leaf_size;
	/* unmapped by queued ops and not invalidated since */
	struct rangeset queued;
	bool queue_flushed; /* in this op */
	/*
	 * The sync just reported (excess, or in a queued unmap) borders the
	 * top of the address space: its gather, or the page after it, ends
	 * at 2^64 - 1.
	 */
	bool sync_at_top;
};

/*
 * Told of each broken rule; true ends the judging of this operation (the
 * run stops), false goes on with the next check.
 */
typedef bool (*contract_violation_fn)(void *ctx, enum contract_rule rule,
				      uint64_t iova, const char *msg);

void gather_contract_init(struct gather_contract *c,
			  const struct gather_rules *rules,
			  unsigned int nr_caller_gathers);
void gather_contract_release(struct gather_contract *c);
static inline int gather_contract_core_gather(const struct gather_contract *c)
{
	return (int)c->nr_gathers - 1;
}

void gather_contract_op_begin(struct gather_contract *c,
			      const struct contract_op *op);
/* the core unmapped @unmapped bytes at @iova (its trace point) */
void gather_contract_unmapped(struct gather_contract *c, uint64_t iova,
			      uint64_t unmapped);
/*
 * the driver added the page [@iova, +@size) to @gather (< 0: the core's),
 * after any sync its adding made; a driver that gathers ranges, not pages,
 * gives the range
 */
void gather_contract_page_added(struct gather_contract *c, int gather,
				uint64_t iova, uint64_t size);
/*
 * the core called iotlb_sync; @gather < 0: its own; @posted: this op has
 * posted invalidations nobody has waited for yet
 */
void gather_contract_synced(struct gather_contract *c, uint64_t start,
			    uint64_t end, uint64_t pgsize, int gather,
			    bool posted);
/* the sync just recorded frees the page tables its gather carries */
void gather_contract_sync_frees_tables(struct gather_contract *c);
/* the driver issued or posted a leaf invalidation of [iova, iova + size) */
void gather_contract_leaf_issued(struct gather_contract *c, uint64_t iova,
				 uint64_t size);
/* the flush queue's flush ran (dma-iommu's flush_iotlb_all) */
void gather_contract_queue_flushed(struct gather_contract *c);
/* an invalidation took effect: @all, or [iova, iova + size) */
void gather_contract_completed(struct gather_contract *c, bool all,
			       uint64_t iova, uint64_t size);

/*
 * The end of the operation, @posted what is still in flight: first
 * whether it left its invalidations posted, then the gather rules. Returns
 * true if @report asked to stop.
 */
bool gather_contract_check_posted(const struct gather_contract *c,
				  const struct contract_posted *posted,
				  size_t nr_posted,
				  contract_violation_fn report, void *ctx);
bool gather_contract_op_end(struct gather_contract *c,
			    contract_violation_fn report, void *ctx);

#endif
