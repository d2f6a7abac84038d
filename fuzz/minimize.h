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
 * it still diverges with the same class; the runner runs in-process.
 */
#ifndef IOTLBFUZZ_MINIMIZE_H
#define IOTLBFUZZ_MINIMIZE_H

#include <stddef.h>

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

#endif
