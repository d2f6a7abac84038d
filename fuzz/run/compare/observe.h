/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What one run lets a before/after comparison see, op by op (the
 * differential of `iotlbfuzz check-patch`, docs/check-patch.md): the return
 * values, the iotlb_sync calls that had something to complete, the page
 * tables as the runner's probes read them, and the device's view wherever
 * it differs from the API state.
 *
 * Two kernel trees linked into one binary each fill one observer, which the
 * comparison then reads: this header holds plain types only, the same for
 * every tree.
 */
#ifndef IOTLBFUZZ_OBSERVE_H
#define IOTLBFUZZ_OBSERVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "iotlb.h"
#include "program.h"

/* syncs kept per op with their gathers; the rest only in sync_hash */
#define OBS_MAX_SYNCS 8
#define OBS_TEXT 8192
/* the program's gathers, then the one iommu_unmap()/iommu_map() use */
#define OBS_LOCAL_GATHER PROG_MAX_GATHERS

struct obs_sync {
	uint64_t start, end, pgsize;
	int gather; /* OBS_LOCAL_GATHER for the core's own */
};

struct obs_op {
	bool reached; /* the op ran, and its end was recorded */
	bool stopped; /* the run ended at this op (a divergence) */
	/* the first known finding that explained a divergence at this op */
	const char *finding;
	bool has_result;
	uint64_t
		result; /* map: its return value; unmaps: bytes; iova_to_phys */
	/*
	 * iotlb_sync calls that had something to complete: a non-empty
	 * gather, pages unmapped into it since its last sync, or
	 * invalidations this op posted and nobody has waited for.
	 */
	unsigned int nr_syncs;
	struct obs_sync syncs[OBS_MAX_SYNCS];
	uint64_t table_hash; /* every probe walk and iova_to_phys answer */
	/*
	 * The device's cached view where it is not what the API state maps
	 * (stale, wrong or cached-fault entries, walk-cache entries of freed
	 * tables), each with whether a posted invalidation will remove it,
	 * as an order-free sum. Entries that agree with the API state show
	 * the device nothing a walk would not; pages in flight (unmapped into
	 * a gather or the flush queue, not yet completed) are left out until
	 * their completion, because what is cached there depends on flushes
	 * that completed nothing (observe.c).
	 */
	uint64_t device_hash;
	unsigned int nr_device;
};

struct observer {
	/* set by the caller: describe this op in @text (-1: none) */
	long describe_op;
	bool describe_tables; /* ... its probes of the page tables too */
	/* filled by the run */
	int driver; /* the model the program ran on */
	size_t nr_ops;
	struct obs_op ops[PROG_MAX_OPS + 1]; /* [nr_ops]: the teardown */
	char text[OBS_TEXT];
	size_t text_len;
};

/* Inline: the comparison side has no tree's code of its own. */
static inline void observer_reset(struct observer *o, long describe_op,
				  bool describe_tables)
{
	memset(o, 0, sizeof(*o));
	o->describe_op = describe_op;
	o->describe_tables = describe_tables;
	o->driver = -1;
}

/* @o watches a run for @obs: put it in run_options.observers. */
struct run_observer;
void observer_watch(struct observer *obs, struct run_observer *o);

#endif
