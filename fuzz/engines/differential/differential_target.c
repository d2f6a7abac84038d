// SPDX-License-Identifier: GPL-2.0-only
/*
 * iotlbfuzz_differential-<release>: the before/after differential of
 * `iotlbfuzz check-patch` as a libFuzzer target. Every input runs on the
 * tree without the patches (the build's default tree) and on the tree with
 * them, both linked into this binary under per-tree symbol prefixes, on
 * the same driver model; a difference in any observable (compare.h) aborts
 * with "ASSERTION FAILURE: behaviour-change: <driver>: <kind> ...".
 *
 * Environment, besides the fuzz targets' own (fuzz_env.h: IOTLBFUZZ_DRIVER
 * pins the model on both trees):
 *   IOTLBFUZZ_DIFF_ONLY=<kind>  abort only for this kind of change (keeps
 *                               a minimization on the change it started
 *                               from)
 *   IOTLBFUZZ_DIFF_VERBOSE      one line per input that shows no change
 *                               (what was compared, or why not)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff_run.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *only;
	static bool verbose, ready;
	struct diff_result r;

	if (!ready) {
		only = getenv("IOTLBFUZZ_DIFF_ONLY");
		verbose = getenv("IOTLBFUZZ_DIFF_VERBOSE") != NULL;
		if (only && change_by_name(only) == CHANGE_NR) {
			fprintf(stderr,
				"IOTLBFUZZ_DIFF_ONLY=%s: no such kind of change\n",
				only);
			abort();
		}
		ready = true;
	}
	diff_run(data, size, &r);
	if (r.rejected)
		return -1; /* keep it out of the corpus */
	if (!r.changed) {
		if (verbose)
			fprintf(stderr,
				"iotlbfuzz_differential: %s: no behaviour change (%zu ops compared)%s%s\n",
				r.driver, r.c.ops_compared,
				r.c.note[0] ? ": " : "", r.c.note);
		return 0;
	}
	if (only && strcmp(only, change_name(r.c.kind))) {
		if (verbose)
			fprintf(stderr,
				"iotlbfuzz_differential: %s: %s at op #%zu, not %s\n",
				r.driver, change_name(r.c.kind), r.c.op, only);
		return 0;
	}
	diff_report(data, size, &r);
	behaviour_change_raise(r.driver, &r.c);
	return 0;
}
