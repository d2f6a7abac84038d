/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The before/after comparison of one input: the same program on the same
 * driver model, once on the tree without the patches and once with them.
 * The first op at which an observable differs is the behaviour change.
 *
 * What is not compared, and why, is in not_compared.h (the rules marked
 * NC_BEFORE_AFTER): among them what the tree before the patches got wrong
 * and the tree after gets right, syncs that had nothing to complete, and
 * inputs either tree finds too costly.
 */
#ifndef IOTLBFUZZ_BEFORE_AFTER_H
#define IOTLBFUZZ_BEFORE_AFTER_H

#include <stdbool.h>
#include <stddef.h>

#include "not_compared.h"
#include "observe.h"
#include "runner.h"

#define BEHAVIOUR_CHANGES(X)                                                   \
	X(REJECTION, rejection, "rejection",                                   \
	  "one tree runs the input, the other rejects it")                     \
	X(SYNC_LOSS, sync_loss, "sync-loss",                                   \
	  "an iotlb_sync with something to complete no longer happens")        \
	X(SYNC_GAIN, sync_gain, "sync-gain",                                   \
	  "an iotlb_sync with something to complete happens that did not")     \
	X(SYNC_RANGE, sync_range, "sync-range",                                \
	  "a sync reaches a driver that reads the gather with another range")  \
	X(RESULT, result, "result",                                            \
	  "map, unmap, unmap_fast or iova_to_phys returns something else")     \
	X(TABLES, tables, "tables",                                            \
	  "the page tables, read as the hardware does, hold something else")   \
	X(DEVICE_STATE, device_state, "device-state",                          \
	  "the device can see other translations than before")                 \
	X(VERDICT, verdict, "verdict",                                         \
	  "the tree after the patches breaks the API contract where the tree " \
	  "before did not, or in another way")

/* clang-format off */
enum change_kind {
	CHANGE_NONE,
#define CHANGE_ENUM(id, fn, name, what) CHANGE_##id,
	BEHAVIOUR_CHANGES(CHANGE_ENUM)
#undef CHANGE_ENUM
	CHANGE_NR
};
/* clang-format on */

const char *change_name(enum change_kind kind);
const char *change_description(enum change_kind kind);
/* CHANGE_NR if unknown */
enum change_kind change_by_name(const char *name);

struct tree_run {
	const struct observer *obs;
	const struct run_outcome *out;
};

struct behaviour_change {
	enum change_kind kind; /* the first of the list above that differs */
	unsigned int kinds; /* bit per kind: everything that differs there */
	size_t op; /* nr_ops: at teardown */
	char what[512];
	/*
	 * No change, but the comparison stopped early: the tree before the
	 * patches diverged, or took a known finding's path, where the tree
	 * after did not (the patches fix it), or the input was too costly:
	 * the rule that stopped it (NC_NR if none), and "<rule>: <what>".
	 */
	enum not_compared_rule exempt;
	char note[256];
	size_t ops_compared;
};

/*
 * Compare the two runs of one input; @gather_range: the driver's
 * iotlb_sync reads the gather's range (kstack_driver_traits), so the
 * ranges of the syncs are compared too. True if the behaviour changed.
 */
bool behaviour_compare(const struct tree_run *before,
		       const struct tree_run *after, bool gather_range,
		       struct behaviour_change *c);

/*
 * Print "ASSERTION FAILURE: behaviour-change: <driver>: <what>" and abort
 * through the kind's own function (one crash signature per kind, as for
 * the divergence classes).
 */
void behaviour_change_raise(const char *driver,
			    const struct behaviour_change *c);

#endif
