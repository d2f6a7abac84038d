/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel function trace: which kernel functions ran, in call order and
 * with their nesting depth, while the harness has tracing switched on.
 *
 * The kernel files are compiled with -finstrument-functions (gcc) or
 * -finstrument-functions-after-inlining (clang), so every kernel function
 * calls the entry and exit hooks in ktrace.c. Tracing is off for fuzzing:
 * then a hook is a load and a not-taken branch. Reports switch it on for
 * the operations around a divergence and turn addresses into names at
 * report time (symbolize.h), so nothing here knows a symbol.
 *
 * Plain C: must not depend on kernel headers.
 */
#ifndef IOTLBFUZZ_KTRACE_H
#define IOTLBFUZZ_KTRACE_H

#include <stdbool.h>
#include <stddef.h>

/* Calls one report keeps at most; later ones are counted, not kept. */
#define KTRACE_CAPACITY 65536

struct ktrace_call {
	const void *fn; /* entry address of the kernel function */
	unsigned int depth; /* 0 for a function the harness called */
};

/* Read by the hooks on every kernel function entry and exit. */
extern bool ktrace_enabled;

/* Forget what was recorded; tracing stays as it was. */
void ktrace_reset(void);

static inline void ktrace_set(bool on)
{
	ktrace_enabled = on;
}

/*
 * Harness code that calls kernel functions for its own checks (the
 * iova_to_phys probes) switches tracing off around them, so that the trace
 * holds what the operation itself ran.
 */
static inline bool ktrace_pause(void)
{
	bool was = ktrace_enabled;

	ktrace_enabled = false;
	return was;
}

static inline void ktrace_resume(bool was)
{
	ktrace_enabled = was;
}

/* Recorded calls, oldest first, and how many did not fit. */
size_t ktrace_nr(void);
const struct ktrace_call *ktrace_calls(void);
size_t ktrace_dropped(void);

#endif
