/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Known kernel findings (docs/findings.md). A divergence that one of them
 * explains ends the run as "suppressed" instead of a crash, so fuzzing goes
 * on past it; --no-suppress (or IOTLBFUZZ_NO_SUPPRESS=1) reports it again.
 */
#ifndef IOTLBFUZZ_SUPPRESSIONS_H
#define IOTLBFUZZ_SUPPRESSIONS_H

#include <stddef.h>

#include "divergence.h"
#include "program.h"

struct suppression {
	const char *id; /* as in docs/findings.md */
	const char *title;
	/*
	 * true if the finding explains a divergence of @cls at op @op on a
	 * tree with @tree_traits (kstack_tree_traits(): whether the tree has
	 * the code the finding is about, whatever its version);
	 * NULL: the driver model notes it when it takes the buggy path
	 * (sim_note_finding), and everything after is explained.
	 */
	bool (*explains)(const struct program *p, size_t op,
			 enum divergence_class cls, const char *tree_traits);
	/*
	 * The configuration alone triggers it, with effects worse than a
	 * divergence (the kernel frees the wrong pages): such programs are
	 * not run at all.
	 */
	bool whole_config;
	/*
	 * The divergence changes nothing the oracle does not know (a range
	 * invalidated needlessly, a lookup that misreports): the run goes on
	 * checking the rest of the program.
	 */
	bool continue_past;
};

const struct suppression *suppression_match(const struct program *p,
					    size_t op, enum divergence_class cls,
					    const char *tree_traits);
/* A whole-configuration suppression that applies before anything runs. */
const struct suppression *suppression_for_config(const struct program *p,
						 const char *tree_traits);

#endif
