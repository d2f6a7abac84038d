/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One kernel tree's stack as the before/after differential sees it. Each
 * tree's kernel library, runner, oracle, IOTLB and runtime are linked into
 * one relocatable object whose defined symbols then get a per-tree prefix
 * (cmake/Differential.cmake), so two trees live in one binary without
 * sharing any state; this table, <prefix>diff_tree_api, is the only way in.
 */
#ifndef IOTLBFUZZ_DIFF_TREE_API_H
#define IOTLBFUZZ_DIFF_TREE_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kstack.h"
#include "minimize.h"
#include "observe.h"
#include "runner.h"

struct diff_tree_api {
	const char *(*release)(void);
	/*
	 * Run a fuzz input (either form) with the fuzz targets' options
	 * from the environment (IOTLBFUZZ_DRIVER pins the model), observed,
	 * never aborting; the text report, if @report, to it. The
	 * cross-driver check (config.also_run_on) is left out: one model per
	 * run.
	 */
	enum run_result (*run)(const uint8_t *data, size_t len,
			       struct observer *obs, FILE *report,
			       struct run_outcome *out);
	/* Op @k of the input as one line ("" if there is none). */
	void (*format_op)(const uint8_t *data, size_t len, size_t k, char *buf,
			  size_t buflen);
	/*
	 * Minimize a fuzz input with this tree's structure-aware minimizer
	 * (minimize.h) towards @goal, under the same options as run(); the
	 * result, encoded, in *out (malloc'd), the model named in it. 0, or
	 * -1 with @why.
	 */
	int (*minimize)(const uint8_t *data, size_t len,
			const struct minimize_goal *goal, uint8_t **out,
			size_t *outlen, struct minimize_stats *st, char *why,
			size_t whylen);
	const char *(*driver_name)(int id);
	bool (*driver_traits)(int id, struct kstack_driver_traits *t);
};

/* Defined once per tree, and renamed to <prefix>diff_tree_api. */
extern const struct diff_tree_api diff_tree_api;

#endif
