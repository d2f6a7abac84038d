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

#include "crash_class.h"
#include "not_compared.h"
#include "observe.h"
#include "runner.h"

/* X(enumerator, abort frame, "name", "what"): crash_class.h */
#define BEHAVIOUR_CHANGES(X)                                                   \
	X(CHANGE_REJECTION, rejection_change, "rejection",                     \
	  "one tree runs the input, the other rejects it")                     \
	X(CHANGE_SYNC_LOSS, sync_loss_change, "sync-loss",                     \
	  "an iotlb_sync with something to complete no longer happens")        \
	X(CHANGE_SYNC_GAIN, sync_gain_change, "sync-gain",                     \
	  "an iotlb_sync with something to complete happens that did not")     \
	X(CHANGE_SYNC_RANGE, sync_range_change, "sync-range",                  \
	  "a sync reaches a driver that reads the gather with another range")  \
	X(CHANGE_RESULT, result_change, "result",                              \
	  "map, unmap, unmap_fast or iova_to_phys returns something else")     \
	X(CHANGE_TABLES, tables_change, "tables",                              \
	  "the page tables, read as the hardware does, hold something else")   \
	X(CHANGE_DEVICE_STATE, device_state_change, "device-state",            \
	  "the device can see other translations than before")                 \
	X(CHANGE_VERDICT, verdict_change, "verdict",                           \
	  "the tree after the patches breaks the API contract where the tree " \
	  "before did not, or in another way")

/*
 * enum change_kind { CHANGE_NONE, CHANGE_REJECTION, ..., CHANGE_NR };
 * change_name(), change_description(), change_by_name() (CHANGE_NR if
 * unknown) and behaviour_change_abort() (through the kind's functions,
 * printing nothing).
 */
CRASH_CLASS_DECLARE(change_kind, BEHAVIOUR_CHANGES, CHANGE_NONE, CHANGE_NR,
		    change_name, change_description, change_by_name,
		    behaviour_change_abort)

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
