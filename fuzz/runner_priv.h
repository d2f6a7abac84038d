/* SPDX-License-Identifier: GPL-2.0-only */
/* The runner's state, shared by the runner and the report writer. */
#ifndef IOTLBFUZZ_RUNNER_PRIV_H
#define IOTLBFUZZ_RUNNER_PRIV_H

#include "events.h"
#include "iotlb.h"
#include "kstack.h"
#include "oracle.h"
#include "placement.h"
#include "gather_contract.h"
#include "runner.h"

#define RUNNER_MAX_FQ_RANGES PROG_MAX_OPS

/* gathers 0..3 are the program's; the last is iommu_unmap()'s own */
#define RUNNER_LOCAL_GATHER PROG_MAX_GATHERS
#define RUNNER_NR_GATHERS (PROG_MAX_GATHERS + 1)

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
	/* the gather and completion contract, fed as the op runs */
	struct gather_contract contract;
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
