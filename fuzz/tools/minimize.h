/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Structure-aware minimization of a divergent program: it works on the
 * decoded program, not its bytes, so every candidate is a program and the
 * steps are the ones a person would take. Delta debugging over the
 * operations (chunks, then single ops), then each operation shrunk (sizes
 * to the smallest page, IOVAs and PAs towards 0 keeping their alignment,
 * simpler kinds, prot and gathers), then the configuration simplified
 * (quirks, address sizes, page sizes, strict mode, coherent walk, IOTLB
 * defaults), repeated until nothing changes. A candidate is kept only if
 * it still diverges with the same class, or, for a caller with another
 * question (the before/after differential: does the patch still change
 * the behaviour?), if it still meets the caller's goal; the runner runs
 * in-process.
 */
#ifndef IOTLBFUZZ_MINIMIZE_H
#define IOTLBFUZZ_MINIMIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "program.h"
#include "runner.h"

struct minimize_stats {
	size_t ops_before, ops_after;
	unsigned long runs; /* programs run */
	unsigned int rounds; /* passes until the fixpoint */
	enum divergence_class cls;
	struct run_outcome outcome; /* of the minimized program */
};

/*
 * Minimize @p in place under @opt (which decides what a divergence is:
 * driver, WARNs, suppressions; reports are turned off). Returns 0, or -1
 * with @why set and @p untouched if @p does not diverge to begin with
 * (clean, suppressed or rejected).
 */
int program_minimize(struct program *p, const struct run_options *opt,
		     struct minimize_stats *st, char *why, size_t whylen);

/*
 * What a candidate must keep doing when it is not "diverge alike": @holds
 * gets each candidate in its encoded form (program_encode), which is what
 * a caller in another link unit (another tree of the differential) can
 * run, and says whether to keep it.
 */
struct minimize_goal {
	bool (*holds)(const uint8_t *bytes, size_t len, void *ctx);
	void *ctx;
};

/*
 * program_minimize() towards @goal: @p need not diverge, it must meet the
 * goal (else -1 with @why), and so must every candidate kept; nothing else
 * is asked of them (whether the runner here rejects one is the goal's
 * business). @opt still decides the page sizes the value steps align to.
 * st->cls and st->outcome are of the runner here, on the result.
 */
int program_minimize_goal(struct program *p, const struct run_options *opt,
			  const struct minimize_goal *goal,
			  struct minimize_stats *st, char *why, size_t whylen);

#endif
