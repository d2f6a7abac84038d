/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a run-vs-run comparison leaves out, and why: one table for both
 * comparisons, the cross-driver one (the same program on several driver
 * models of one tree, cross_driver.h) and the before/after one (the same
 * program and model on a tree without and with patches, before_after.h).
 *
 * Each place that skips a comparison names its rule here; `iotlbfuzz list`
 * prints the table and docs/run.md explains it (a test holds them
 * together). A new exemption is a new row, never a silent `continue`.
 */
#ifndef IOTLBFUZZ_NOT_COMPARED_H
#define IOTLBFUZZ_NOT_COMPARED_H

#include <stdbool.h>

/* which comparison a rule belongs to */
#define NC_CROSS (1u << 0)
#define NC_BEFORE_AFTER (1u << 1)

/* clang-format off */
#define NOT_COMPARED_RULES(X)                                                 \
	X(NC_WORK_BUDGET, NC_CROSS | NC_BEFORE_AFTER, "work-budget",             \
	  "an input over the work budget is rejected whole: its cost, not its behaviour, ended it") \
	X(NC_FINDING_PATH, NC_CROSS | NC_BEFORE_AFTER, "finding-path",           \
	  "a documented kernel bug (docs/findings.md) took over at that op; what follows differs for that reason alone") \
	X(NC_LEFT_TO_DRIVER, NC_CROSS, "left-to-driver",                         \
	  "an unmap that cuts into a mapping or covers holes, or a map over a live one: the API leaves the outcome to the driver (F12)") \
	X(NC_REFUSALS_PER_DRIVER, NC_CROSS, "refusals-per-driver",               \
	  "injected allocation or sync failures, or tables a format must refuse where they are placed, hit each driver at another point") \
	X(NC_PARTNER_REJECTS, NC_CROSS, "partner-rejects",                       \
	  "a partner model that does not drive the program's format, granule or address width sits the program out") \
	X(NC_MUTANT_PARTNER, NC_CROSS, "mutant-partner",                         \
	  "a deliberately broken glue or an experimental model runs as a program's own driver only, never as a partner") \
	X(NC_ONE_MODEL, NC_BEFORE_AFTER, "one-model",                            \
	  "both trees run the program's model alone: the cross-driver check is the tree's own business") \
	X(NC_FAULT_INJECTION, NC_BEFORE_AFTER, "fault-injection",                \
	  "a patch that allocates once more moves which allocation fails: both trees run without injected failures") \
	X(NC_BEFORE_DIVERGES, NC_BEFORE_AFTER, "before-diverges",                \
	  "the tree before the patches breaks the contract at that op and the tree after does not: the patches may fix it") \
	X(NC_EMPTY_SYNC, NC_BEFORE_AFTER, "empty-sync",                          \
	  "an iotlb_sync with nothing to complete (empty gather, nothing posted) is no behaviour") \
	X(NC_IN_FLIGHT, NC_BEFORE_AFTER, "in-flight",                            \
	  "pages unmapped into a gather or the flush queue and not yet completed: what the device caches there depends on flushes that completed nothing") \
	X(NC_AGREEING_ENTRIES, NC_BEFORE_AFTER, "agreeing-entries",              \
	  "device entries that give what the API state maps show the device nothing a walk would not") \
	X(NC_STOPPED_PROBES, NC_BEFORE_AFTER, "stopped-probes",                  \
	  "a run that stops at an op stops its probes part way: the tables of that op are not compared") \
	X(NC_TEARDOWN, NC_BEFORE_AFTER, "teardown",                              \
	  "at teardown only the verdict (page-table memory left behind) is compared")
/* clang-format on */

#define NC_ENUMERATOR(id, scope, name, why) id,
enum not_compared_rule { NOT_COMPARED_RULES(NC_ENUMERATOR) NC_NR };

const char *not_compared_name(enum not_compared_rule rule);
const char *not_compared_why(enum not_compared_rule rule);
/* NC_CROSS and/or NC_BEFORE_AFTER */
unsigned int not_compared_scope(enum not_compared_rule rule);

#endif
