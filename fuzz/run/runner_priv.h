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
#include "op_record.h"
#include "run_observer.h"
#include "run_view.h"
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
	/* the current flush-queue unmap cuts into a larger leaf (F20) */
	bool queued_cuts_leaf;
	/*
	 * F22: the current op's unmap removed nothing from generic_pt
	 * tables, or it syncs a gather such an unmap_fast went into
	 */
	bool engine_unmapped_nothing;
	unsigned int gathers_with_empty_range; /* by gather, a bit each */
	uint64_t focus_iova; /* the IOVA the divergence is about */
	struct {
		uint64_t start, end; /* inclusive */
	} fq[RUNNER_MAX_FQ_RANGES]; /* queued unmaps awaiting the flush */
	size_t nr_fq;
	struct kstack_driver_traits traits;
	/* the gather and completion contract, fed as the op runs */
	struct gather_contract contract;
	/*
	 * what the current op did, kept only if an observer reads it (one
	 * with op_end or op_abandoned)
	 */
	struct op_record rec;
	bool recording;
	size_t posted_at_op_start;
	uint64_t waits_at_op_start;
	struct table_placement placement; /* where the tables are */
	/*
	 * a check's explanation: the per-page and per-entry checks write it
	 * here, not on their stack, where a sanitizer redzones it per call
	 */
	char why[256];
};

/* Tell each observer of the run (run_observer.h). */
#define RUN_NOTIFY(r, hook)                                                   \
	do {                                                                  \
		for (const struct run_observer *o_ = (r)->opt->observers; o_; \
		     o_ = o_->next)                                           \
			if (o_->ops->hook)                                    \
				o_->ops->hook(o_->ctx, run_view_of(r));       \
	} while (0)
#define RUN_NOTIFY_ARGS(r, hook, ...)                                         \
	do {                                                                  \
		for (const struct run_observer *o_ = (r)->opt->observers; o_; \
		     o_ = o_->next)                                           \
			if (o_->ops->hook)                                    \
				o_->ops->hook(o_->ctx, run_view_of(r),        \
					      __VA_ARGS__);                   \
	} while (0)

/* hw_work() units the current input has cost so far */
uint64_t run_input_work(void);

/* How the run ends (run_verdict.c) */
bool run_unsuppressed(const struct run_options *opt, const char *id);
__attribute__((format(printf, 2, 3))) void run_reject(struct runner *r,
						      const char *fmt, ...);
void run_reject_outcome(struct run_outcome *out, const char *why);
bool run_reject_over_budget(struct runner *r);
__attribute__((format(printf, 4, 5))) void
run_diverge(struct runner *r, enum divergence_class cls, uint64_t iova,
	    const char *fmt, ...);
enum divergence_class verdict_class(enum oracle_verdict v);
bool contract_broken(void *arg, enum contract_rule rule, uint64_t iova,
		     const char *msg);

/* What could make a map fail legally, counted before it (run_map()). */
struct map_before {
	bool was_mapped;
	size_t failed_allocs, unfit_allocs;
	unsigned int failed_syncs;
};

/* The probes and checks after each operation (run_checks.c) */
void judge_map(struct runner *r, const struct prog_op *op, int ret,
	       const struct map_before *before);
void judge_unmap(struct runner *r, const struct prog_op *op, uint64_t unmapped,
		 int tag);
void judge_access(struct runner *r, const struct prog_op *op,
		  const struct xlate_result *x, bool checked);
bool check_iova_to_phys(struct runner *r, uint64_t iova);
void check_range_state(struct runner *r, uint64_t iova, uint64_t size);
void check_iotlb(struct runner *r);
void check_walk_cache(struct runner *r);
bool check_posted(struct runner *r);
void check_table_placement(struct runner *r, uint64_t iova);
void check_teardown(struct runner *r);
bool range_has_mapping(struct runner *r, uint64_t iova, uint64_t size);
void probe_for_oracle(void *arg, uint64_t iova, bool *mapped, uint64_t *pa,
		      uint64_t *span);
bool whole_space_block(const struct runner *r, const struct prog_op *op);
struct kstack_params;
void judge_refused_domain(struct runner *r,
			  const struct kstack_params *params, const char *why);

/* A program as one driver runs it (run_config.c) */
bool run_fit_to_driver(struct program *p, const struct run_options *opt,
		       struct kstack_driver_traits *t, struct run_outcome *out);
void oracle_config_for(const struct program *p, uint64_t min_page,
		       uint64_t iova_limit, struct oracle_config *oc);
bool place_tables(const struct table_placement *pl);

/* The cross-driver check (run_cross.c) */
enum run_result run_cross(const struct program *prog,
			  const struct run_options *opt,
			  struct run_outcome *out);

/* What the run's observers see of it (run_view.c) */
const struct run_view *run_view_of(const struct runner *r);

#endif
