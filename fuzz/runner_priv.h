/* SPDX-License-Identifier: GPL-2.0-only */
/* The runner's state, shared by the runner and the report writer. */
#ifndef IOTLBFUZZ_RUNNER_PRIV_H
#define IOTLBFUZZ_RUNNER_PRIV_H

#include "events.h"
#include "iotlb.h"
#include "kstack.h"
#include "oracle.h"
#include "placement.h"
#include "rangeset.h"
#include "runner.h"

#define RUNNER_MAX_FQ_RANGES PROG_MAX_OPS
/* gathers 0..3 are the program's; the last is iommu_unmap()'s own */
#define RUNNER_LOCAL_GATHER PROG_MAX_GATHERS
#define RUNNER_NR_GATHERS (PROG_MAX_GATHERS + 1)

struct sync_record {
	uint64_t start, end, pgsize;
	int gather; /* RUNNER_LOCAL_GATHER for iommu_unmap()'s own */
};

/* What each gather has been given since its caller last synced it. */
struct gather_track {
	struct rangeset unmapped; /* everything unmapped into it */
	struct rangeset pending; /* ... and not yet covered by a sync */
};

struct runner {
	const struct program *prog;
	const struct run_options *opt;
	struct run_outcome *out;
	struct kstack *ks;
	struct iotlb *tlb;
	struct oracle *orc;
	struct sim_device dev;
	struct event_log *log;
	struct hw_context hw_device; /* as the driver programs the device */
	struct hw_context hw_tables; /* as io-pgtable describes its tables */
	struct phys_reader mem;
	uint64_t min_page;
	uint64_t iova_limit; /* 1 << ias; 0: 2^64 */
	size_t op; /* index of the op being run */
	size_t op_first_event[PROG_MAX_OPS + 1];
	bool diverged;
	uint64_t focus_iova; /* the IOVA the divergence is about */
	struct {
		uint64_t start, end; /* inclusive */
	} fq[RUNNER_MAX_FQ_RANGES]; /* queued unmaps awaiting the flush */
	size_t nr_fq;
	struct kstack_driver_traits traits;
	struct sync_record *syncs; /* iotlb_sync calls of the current op */
	size_t nr_syncs, cap_syncs;
	struct gather_track gathers[RUNNER_NR_GATHERS];
	struct traced_unmap {
		uint64_t iova, unmapped;
	} *unmaps; /* what the core reported unmapping in the current op */
	size_t nr_unmaps, cap_unmaps;
	/* invalidated and complete in the current op (all: everything) */
	struct rangeset completed;
	bool completed_all;
	bool completing; /* the current op must leave nothing in flight */
	struct table_placement placement; /* where the tables are */
};

/* One run of one driver model (run_program() adds the cross-driver runs). */
enum run_result run_one(const struct program *prog,
			const struct run_options *opt, struct run_outcome *out);

/* Write the human-readable divergence report. */
void report_divergence(FILE *f, const struct runner *r);
/*
 * The same for a cross-driver divergence (@out names the two drivers):
 * both models run again, each on its own, for what they map after the op.
 */
void report_cross_driver(FILE *f, const struct program *prog,
			 const struct run_options *opt,
			 const struct run_outcome *out);

#endif
