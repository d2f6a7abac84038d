/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a text program expects to happen on a given kernel tree: its
 * "# expect: <outcome>" line, overridden on trees with (or without) a
 * trait by "# expect-if [!]<trait>: <outcome>" lines, the first that
 * matches winning (docs/program-format.md).
 */
#ifndef IOTLBFUZZ_EXPECTATION_H
#define IOTLBFUZZ_EXPECTATION_H

#include <stdbool.h>
#include <stddef.h>

enum expectation_status {
	EXPECTATION_FOUND,
	EXPECTATION_MISSING, /* no "# expect:" line */
	EXPECTATION_UNKNOWN_TRAIT, /* an expect-if names a trait not known */
	/* it depends on a trait this tree's probes could not decide */
	EXPECTATION_UNDECIDED,
	EXPECTATION_UNREADABLE,
};

/*
 * @traits: the tree's traits, @absent: the known traits it lacks,
 * @undecided: those its probes could not decide, each space-separated
 * (kstack_tree_traits() and its siblings). On EXPECTATION_FOUND @buf
 * holds the outcome; on EXPECTATION_UNKNOWN_TRAIT and
 * EXPECTATION_UNDECIDED, the trait's name.
 */
enum expectation_status program_file_expectation(const char *path,
						 const char *traits,
						 const char *absent,
						 const char *undecided,
						 char *buf, size_t len);

/* Is @name (@n bytes) one of the space-separated traits of @traits? */
bool tree_traits_have(const char *traits, const char *name, size_t n);

#endif
