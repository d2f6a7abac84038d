/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Known kernel findings (docs/findings.md). A divergence that one of them
 * explains ends the run as "suppressed" instead of a crash, so fuzzing goes
 * on past it; --no-suppress (or IOTLBFUZZ_NO_SUPPRESS=1) reports it again.
 */
#ifndef IOTLBFUZZ_SUPPRESSIONS_H
#define IOTLBFUZZ_SUPPRESSIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "divergence.h"
#include "program.h"

/* Any driver, in suppression.drivers. */
#define SUPPRESS_ANY_DRIVER (-1)
/* The set of divergence classes a finding explains. */
#define CLASS_BIT(cls) (1ULL << (cls))
#define ANY_CLASS (~0ULL)

/*
 * One known finding, as a row: the divergence classes it explains, on
 * which driver models, on trees with or without which trait (the tree has
 * the code the finding is about, whatever its version), and what else
 * the program must have done. A row with no classes is one the driver
 * models note when they take the buggy path (sim_note_finding): everything
 * after that is explained.
 */
struct suppression {
	const char *id; /* as in docs/findings.md */
	const char *title;
	uint64_t classes; /* CLASS_BIT()s; 0: noted by a driver model */
	int drivers[2]; /* SUPPRESS_ANY_DRIVER, or up to two models */
	const char *tree_has; /* a tree trait it needs, or NULL */
	const char *tree_lacks; /* a tree trait that fixes it, or NULL */
	/* what else the program must have done by @op; NULL: nothing */
	bool (*when)(const struct program *p, size_t op);
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
