/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One input through both trees of the differential, compared (compare.h):
 * what the fuzz target and the minimizer of check-patch share.
 */
#ifndef IOTLBFUZZ_DIFF_RUN_H
#define IOTLBFUZZ_DIFF_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "before_after.h"
#include "tree_api.h"

/* the two trees' entry tables, named by cmake/Differential.cmake */
extern const struct diff_tree_api DIFF_BEFORE_API;
extern const struct diff_tree_api DIFF_AFTER_API;

struct diff_result {
	bool changed;
	/* both trees rejected it before any op: not worth keeping */
	bool rejected;
	const char *driver; /* the model both ran, "?" if none */
	struct behaviour_change c;
};

/* Run @data on both trees and compare; quiet. */
void diff_run(const uint8_t *data, size_t size, struct diff_result *r);

/*
 * What both trees did at the op that changed (run again, describing it),
 * then each tree's own verdict if the tree after the patches diverges.
 */
void diff_report(const uint8_t *data, size_t size, const struct diff_result *r);

#endif
