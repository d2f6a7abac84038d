/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Code that watches a run (the export trace, the report capture, the
 * before/after differential) is an observer: a table of callbacks, each
 * optional, handed a read-only view of the run (run_view.h). The run
 * options hold a list of them; a run with observers judges every input as
 * a run without.
 */
#ifndef IOTLBFUZZ_RUN_OBSERVER_H
#define IOTLBFUZZ_RUN_OBSERVER_H

#include <stdint.h>

struct run_view;
struct walk_result;
struct xlate_result;

struct run_observer_ops {
	/* the domain exists and no op has run */
	void (*run_begin)(void *ctx, const struct run_view *v);
	/* op run_view_op(v) begins */
	void (*op_begin)(void *ctx, const struct run_view *v);
	/* what the kernel stack returned: map's error, bytes unmapped */
	void (*result)(void *ctx, const struct run_view *v, int64_t value);
	/* what the device saw for an access or prefetch */
	void (*access)(void *ctx, const struct run_view *v,
		       const struct xlate_result *x);
	/* the core's unmap trace point; its iotlb_sync calls (gather < 0:
	 * the core's own) */
	void (*unmapped)(void *ctx, const struct run_view *v,
			 uint64_t unmapped);
	void (*sync)(void *ctx, const struct run_view *v, uint64_t start,
		     uint64_t end, uint64_t pgsize, int gather);
	/* the run's own probes: a walk of the tables, an iova_to_phys */
	void (*walk)(void *ctx, const struct run_view *v, uint64_t iova,
		     const struct walk_result *w);
	void (*lookup)(void *ctx, const struct run_view *v, uint64_t iova,
		       uint64_t pa);
	/* a known finding explained a divergence at this op */
	void (*finding)(void *ctx, const struct run_view *v, const char *id);
	/* a divergence (not a known finding's) ends the run at this op */
	void (*verdict)(void *ctx, const struct run_view *v);
	/* the op is over, its checks and the run's bookkeeping done */
	void (*op_end)(void *ctx, const struct run_view *v);
	/* the domain's teardown and the leak check (op == nr_ops) */
	void (*teardown_begin)(void *ctx, const struct run_view *v);
	void (*teardown_end)(void *ctx, const struct run_view *v);
};

struct run_observer {
	const struct run_observer_ops *ops;
	void *ctx;
	struct run_observer *next;
};

#endif
