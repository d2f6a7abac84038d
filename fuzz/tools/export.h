/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A program as a reproducer others can use (docs/reproducers.md): the
 * corpus text form with its headers, a readable trace of what each
 * implementation saw, a standalone C regression test against our library,
 * and the body of a KUnit test case for the kernel. Each is written from
 * one traced run of the program under the options that define its
 * outcome.
 */
#ifndef IOTLBFUZZ_EXPORT_H
#define IOTLBFUZZ_EXPORT_H

#include <stdio.h>

#include "program.h"
#include "run_trace.h"
#include "runner.h"

struct reproducer {
	struct program prog;
	struct run_options opt; /* what decides the outcome */
	/*
	 * The same options as replay flags ("--warn-fatal --no-suppress"),
	 * for the text form's "# replay-flags:" line; "" if none.
	 */
	char flags[256];
	const char *name; /* for the C and KUnit function names */
	const char *patches; /* "# patches:" fixtures, or NULL */
	struct run_outcome out;
	struct run_trace trace;
	bool clean_on_reference; /* a mutant's program, clean on reference */
};

/*
 * Run @r->prog under @r->opt, recording the trace; fills out, trace and
 * clean_on_reference.
 */
void reproducer_run(struct reproducer *r);
/* Where the run diverged: "op #N", or "teardown". */
void reproducer_where(const struct reproducer *r, char *buf, size_t len);


void export_text(FILE *f, const struct reproducer *r);
void export_trace(FILE *f, const struct reproducer *r);
void export_c(FILE *f, const struct reproducer *r);
void export_kunit(FILE *f, const struct reproducer *r);

#endif
