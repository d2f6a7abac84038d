/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated device-side IOTLB.
 *
 * It caches aggressively and forgets nothing it was not told to forget: a
 * leaf translation or a table descriptor returned by a walk stays until an
 * invalidation covers it. That is what turns a missing or short invalidation
 * into an observable stale translation. There is no capacity eviction.
 *
 * Plain C: must not depend on kernel headers.
 */
#ifndef IOTLBFUZZ_IOTLB_H
#define IOTLBFUZZ_IOTLB_H

#include "hw_context.h"

enum xlate_status {
	XLATE_OK,
	XLATE_FAULT_TRANSLATION, /* invalid descriptor on the walk */
	XLATE_FAULT_PERMISSION, /* translation exists, access not allowed */
	XLATE_FAULT_ADDRESS_SIZE, /* IOVA beyond the input range, or OA too wide */
	XLATE_WALK_FREED, /* the walk read a freed page table */
	XLATE_WALK_UNBACKED, /* the walk read memory that is no page table */
};

const char *xlate_status_name(enum xlate_status st);

/* One result of a walk, as a walker produces it. */
struct walk_result {
	enum xlate_status status; /* OK, FAULT_TRANSLATION, ADDRESS_SIZE, WALK_* */
	uint64_t pa; /* output address for the IOVA walked (OK only) */
	uint64_t block_iova; /* IOVA of the start of the leaf's range */
	uint64_t block_size; /* size the leaf maps: 4K, 64K, 2M, 16M, ... */
	uint64_t block_pa; /* output address of block_iova */
	unsigned int perm; /* HW_PERM_* */
	int level; /* level of the leaf (or of the fault) */
	uint64_t pte; /* raw leaf (or faulting) descriptor */
	/*
	 * A translation fault at an invalid entry: how far from block_iova
	 * the same table stays empty (block_size unless the context asks
	 * for hw_context.scan_holes), so a caller can step over a run of
	 * empty entries with one walk.
	 */
	uint64_t hole_size;
};

/*
 * A walk-cache entry: a table descriptor seen at @level for the IOVA region
 * [iova, iova + span). Using it skips the walk down to @level + 1.
 */
struct walk_cache_entry {
	int level;
	uint64_t iova; /* aligned to span */
	uint64_t span; /* region one descriptor at this level covers */
	uint64_t next_table_pa;
};

/* Hooks a walker can use to consult and fill the walk cache. */
struct walk_cache_ops {
	/* Return true and set *table_pa if a descriptor is cached. */
	bool (*lookup)(void *ctx, int level, uint64_t iova, uint64_t *table_pa);
	void (*insert)(void *ctx, const struct walk_cache_entry *e);
	void *ctx;
	/*
	 * A cache of the harness's own, not the device's: a hit still counts
	 * the descriptor reads it saved in hw_work(), so the work budget
	 * weighs the program the same with or without the cache.
	 */
	bool charge_skipped_reads;
};

/*
 * Walk the tables of @hw for @iova. @wc may be NULL (no walk cache).
 * Walkers never look at permissions of the access: perm reports what the
 * leaf grants.
 */
struct walk_result hw_walk(const struct hw_context *hw,
			   const struct phys_reader *mem,
			   const struct walk_cache_ops *wc, uint64_t iova);

/*
 * Work done so far, the unit of the runner's per-input work budget: table
 * descriptors read by every walker (device and harness), plus what the
 * driver glue adds for each map/unmap call. Counting work rather than time
 * keeps the budget's verdict the same on every machine and build.
 */
uint64_t hw_work(void);
void hw_work_add(uint64_t units);
/*
 * Past @limit (0: none), hw_work_exceeded() says so: the glue then cuts
 * the operation short, and the runner rejects the input at that op.
 */
void hw_work_set_limit(uint64_t limit);
bool hw_work_exceeded(void);

/*
 * How a leaf is cached (docs/iotlb.md). A block may be held as one entry or
 * splintered into entries of the context's smallest page, each filled on
 * its own access; either way an invalidation that reaches any part of the
 * leaf removes every entry made from it, as the architectures require.
 */
enum iotlb_entry_policy {
	IOTLB_ENTRIES_WHOLE, /* one entry per leaf */
	IOTLB_ENTRIES_SPLINTERED, /* one entry per smallest page of a leaf */
	IOTLB_ENTRIES_MIXED, /* either, chosen per fill */
	IOTLB_ENTRIES_NR
};

const char *iotlb_entry_policy_name(enum iotlb_entry_policy policy);

struct iotlb_config {
	bool walk_cache; /* cache table descriptors */
	bool cache_not_present; /* cache translation faults as negative entries */
	enum iotlb_entry_policy entries;
};

/* A cached leaf (or negative) translation. */
struct iotlb_entry {
	uint64_t iova; /* start of the range the entry translates */
	uint64_t size;
	/* the leaf it was made from: itself, unless it is a splinter */
	uint64_t leaf_iova, leaf_size;
	uint64_t pa; /* output address of @iova (unused if negative) */
	unsigned int perm;
	bool negative; /* cached translation fault */
	uint64_t fill_seq; /* which access/prefetch filled it, for reports */
};

/* The outcome of one device access. */
struct xlate_result {
	enum xlate_status status;
	uint64_t pa; /* OK: output address of the accessed byte */
	unsigned int perm; /* what the translation grants */
	bool hit; /* came from the IOTLB, not a fresh walk */
	struct iotlb_entry entry; /* the entry used or filled (if any) */
};

struct iotlb;

struct iotlb *iotlb_create(const struct iotlb_config *cfg,
			   const struct hw_context *hw,
			   const struct phys_reader *mem);
void iotlb_destroy(struct iotlb *tlb);

/*
 * The driver pointed the device at another context (a new top table):
 * walks start there from now on. What is cached stays, as it does when
 * hardware rereads a device table entry: the old translations are still
 * the tables' (a grown top keeps the old one under it).
 */
void iotlb_set_context(struct iotlb *tlb, const struct hw_context *hw);

/*
 * A device access: look up, walk on a miss, fill. @access is HW_PERM_READ or
 * HW_PERM_WRITE. A permission fault is reported but the entry stays cached.
 */
struct xlate_result iotlb_access(struct iotlb *tlb, uint64_t iova,
				 unsigned int access);

/* A speculative walk: fills the IOTLB like an access but checks nothing. */
void iotlb_prefetch(struct iotlb *tlb, uint64_t iova);

/*
 * Invalidation, as the hardware commands them. An entry goes when its leaf
 * (not only the entry itself) meets what the command names.
 */
void iotlb_inv_all(struct iotlb *tlb);
/* Leaf entries overlapping [iova, iova + size): TLBI VA, last level only. */
void iotlb_inv_leaf(struct iotlb *tlb, uint64_t iova, uint64_t size);
/* Leaf and walk-cache entries overlapping [iova, iova + size). */
void iotlb_inv_range(struct iotlb *tlb, uint64_t iova, uint64_t size);
/*
 * One last-level command per @step from @iova while below iova + size (a
 * driver without range invalidation stepping by the gather's page size):
 * leaf entries whose leaf holds one of those addresses. A leaf smaller
 * than @step can sit between two of them and stay.
 */
void iotlb_inv_leaf_stepped(struct iotlb *tlb, uint64_t iova, uint64_t size,
			    uint64_t step);
/*
 * A last-level range command with a translation-level hint (SMMUv3 TG and
 * TTL): it promises that every leaf in the range has @leaf_size. Entries
 * of leaves of that size go; entries of other leaves stay, since the
 * architecture does not require a wrongly hinted command to remove them.
 * Returns how many entries stayed for that reason.
 */
size_t iotlb_inv_leaf_hinted(struct iotlb *tlb, uint64_t iova, uint64_t size,
			     uint64_t leaf_size);

/* Iterate over cached leaf/negative entries, in no particular order. */
void iotlb_for_each(const struct iotlb *tlb,
		    void (*fn)(void *arg, const struct iotlb_entry *e),
		    void *arg);
/* The same for walk-cache entries. */
void iotlb_for_each_walk(const struct iotlb *tlb,
			 void (*fn)(void *arg, const struct walk_cache_entry *e),
			 void *arg);
size_t iotlb_nr_entries(const struct iotlb *tlb);
size_t iotlb_nr_walk_entries(const struct iotlb *tlb);

/* Counters for reports and benches. */
struct iotlb_stats {
	uint64_t accesses, hits, walks, walk_cache_hits;
	uint64_t inv_all, inv_leaf, inv_range, inv_stepped, inv_hinted;
	uint64_t splinters; /* entries filled as a splinter of their leaf */
};
const struct iotlb_stats *iotlb_stats(const struct iotlb *tlb);

#endif
