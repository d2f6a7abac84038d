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

#include <stdbool.h>
#include <stdint.h>

struct program;
struct run_options;
struct run_outcome;
struct run_view;

struct run_observer_ops {
	/*
	 * It also watches the runs of the cross-driver partners
	 * (config.also_run_on); the others watch the program's own driver.
	 */
	bool every_driver;
	/* the domain exists and no op has run */
	void (*run_begin)(void *ctx, const struct run_view *v);
	/* op run_view_op(v) begins */
	void (*op_begin)(void *ctx, const struct run_view *v);
	/* a known finding explained a divergence at this op */
	void (*finding)(void *ctx, const struct run_view *v, const char *id);
	/* a divergence (not a known finding's) ends the run at this op */
	void (*verdict)(void *ctx, const struct run_view *v);
	/* ... or at setup: the domain was refused, no op has run */
	void (*setup_verdict)(void *ctx, const struct run_view *v);
	/*
	 * The runs on the program's driver and on a partner, each clean, left
	 * different mappings (@out names both); the runs are over.
	 */
	void (*cross_verdict)(void *ctx, const struct program *prog,
			      const struct run_options *opt,
			      const struct run_outcome *out);
	/*
	 * The op is over, its checks and the run's bookkeeping done: what
	 * it did is run_view_record(v) and the gather contract's lists.
	 */
	void (*op_end)(void *ctx, const struct run_view *v);
	/* ... or a BUG or a loop that does not end left it: what it did so far
	 */
	void (*op_abandoned)(void *ctx, const struct run_view *v);
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
